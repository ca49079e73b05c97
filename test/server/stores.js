/**
 * The store the server tests run against: SQLite (the default), or PostgreSQL when
 * MHN_TEST_STORE=postgres — then one throwaway cluster is started per test process
 * (scripts/postgres.mjs, stopped when the process exits) and each server a test starts
 * gets a database of its own in it. A test that names a SQLite file (`dbPath`) to restart
 * a server on the same data gets, with PostgreSQL, the same database for the same name.
 */
import { createHash } from 'node:crypto';

/** @type {'sqlite' | 'postgres'} */
export const TEST_STORE = process.env.MHN_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

/** @type {Promise<{ url: string, stop(): Promise<void> }> | null} */
let cluster = null;
let databases = 0;
/** @type {Set<string>} */
const made = new Set();

/**
 * startService options selecting the test store.
 *
 * @param {string} [dbPath] a SQLite file or ':memory:' (default: a fresh in-memory store)
 * @returns {Promise<{ dbPath?: string, databaseUrl?: string }>}
 */
export async function testStoreOptions(dbPath) {
  if (TEST_STORE === 'sqlite') return dbPath ? { dbPath } : {};
  const name =
    dbPath && dbPath !== ':memory:'
      ? `mhn_${createHash('sha256').update(dbPath).digest('hex').slice(0, 16)}`
      : `mhn_fresh_${process.pid}_${(databases += 1)}`;
  // No secret: client keys come from the store's own secrets, as in production.
  return { databaseUrl: await database(name) };
}

/**
 * The URL of database `name` in this process's cluster, created on first use.
 *
 * @param {string} name
 */
async function database(name) {
  cluster ??= import('../../scripts/postgres.mjs').then(({ startPostgres }) => startPostgres());
  const { url } = await cluster;
  const target = new URL(url);
  target.pathname = `/${name}`;
  if (!made.has(name)) {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${name}`);
    } finally {
      await client.end();
    }
    made.add(name);
  }
  return target.href;
}
