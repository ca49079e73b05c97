/**
 * The stores a store test runs against — SQLite in memory, SQLite in a file, and a real
 * PostgreSQL server started once for the test file (scripts/postgres.mjs) — for
 * test/server/store.test.js and test/server/store-moderation.test.js. The stores are the
 * compiled service's: `npx tsc -p server/tsconfig.json` (npm run build does it).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { startPostgres } from '../../scripts/postgres.mjs';
import { openPostgresStore, openSqliteStore } from '../../server/build/server/store/index.js';

/**
 * Starts the PostgreSQL server and a temporary folder before the file's tests and removes
 * both after them. Each backend can make a new empty database (`create`) and open a store
 * on it (`open`, called again for a second instance); `query` reads it from outside the
 * store (null for the in-memory database, which nothing else can see) with `?`
 * placeholders on both, and `exec` runs a script of statements there.
 */
export function useStoreBackends() {
  /** @type {{ postgres: { url: string, stop: () => Promise<void> } | null, dir: string }} */
  const context = { postgres: null, dir: '' };
  let databases = 0;

  before(async () => {
    context.dir = mkdtempSync(path.join(tmpdir(), 'mhn-store-'));
    context.postgres = await startPostgres();
  });
  after(async () => {
    await context.postgres?.stop();
    if (context.dir) rmSync(context.dir, { recursive: true, force: true });
  });

  const postgresUrl = () => {
    if (!context.postgres) throw new Error('PostgreSQL has not started');
    return context.postgres.url;
  };

  /** A connection string to a new, empty database on the test server. */
  async function newPostgresDatabase() {
    const name = `store_${++databases}`;
    const admin = new pg.Client({ connectionString: postgresUrl() });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    return postgresUrl().replace(/\/[^/]+$/, `/${name}`);
  }

  const backends = [
    {
      name: 'SQLite in memory',
      create: async () => ':memory:',
      open: (database, options = {}) => openSqliteStore({ path: database, ...options }),
      query: null,
    },
    {
      name: 'SQLite file',
      create: async () => path.join(context.dir, `db-${++databases}`, 'store.sqlite'),
      open: (database, options = {}) => openSqliteStore({ path: database, ...options }),
      query: async (database, sql, params = []) => {
        const db = new Database(database);
        try {
          const statement = db.prepare(sql);
          return statement.reader ? statement.all(...params) : [statement.run(...params)];
        } finally {
          db.close();
        }
      },
      exec: async (database, script) => {
        mkdirSync(path.dirname(database), { recursive: true });
        const db = new Database(database);
        try {
          db.exec(script);
        } finally {
          db.close();
        }
      },
    },
    {
      name: 'PostgreSQL',
      create: newPostgresDatabase,
      open: (database, options = {}) =>
        openPostgresStore({ connectionString: database, pool: { max: 5 }, ...options }),
      query: (database, sql, params = []) => pgQuery(database, toDollars(sql), params),
      exec: async (database, script) => {
        await pgQuery(database, script);
      },
    },
  ];

  return { backends, context, postgresUrl };
}

/** Runs one SQL statement on a PostgreSQL database outside any store. */
export async function pgQuery(url, sql, params = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** SQLite's `?` placeholders as PostgreSQL's `$1, $2, …`. */
export function toDollars(sql) {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
