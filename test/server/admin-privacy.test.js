/**
 * No raw address anywhere: after readers post (one held for safety, one spam) and report, a
 * moderator signs in (once wrongly), acts and blocks a poster, every table of the store
 * and every line the service logged are searched for the test's addresses — the proxy's
 * forwarded client address and the loopback address the requests came from. On SQLite
 * (a file) and on PostgreSQL under MHN_TEST_STORE=postgres.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { ARTICLE, startServer } from './helpers.js';
import { TEST_STORE, testStoreOptions } from './stores.js';

const CLIENT = '203.0.113.77';
const ADDRESSES = [CLIENT, '127.0.0.1', '::ffff:127.0.0.1'];
const ADMIN = { name: 'Maya', password: 'maya has a long password' };

/** @type {string} */
let dir;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mhn-admin-privacy-'));
});
after(() => rm(dir, { recursive: true, force: true }));

/**
 * Every row of every table, as text (binary columns as hex and as UTF-8).
 * @param {string} dbPath
 */
async function everyRow(dbPath) {
  /** @param {unknown} value */
  const text = (value) =>
    JSON.stringify(value, (_key, v) =>
      v && v.type === 'Buffer' && Array.isArray(v.data)
        ? `${Buffer.from(v.data).toString('hex')} ${Buffer.from(v.data).toString('utf8')}`
        : v,
    );
  if (TEST_STORE === 'sqlite') {
    const db = new Database(dbPath, { readonly: true });
    try {
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .all()
        .map((/** @type {any} */ t) => t.name);
      return tables.map((name) => `${name}: ${text(db.prepare(`SELECT * FROM "${name}"`).all())}`);
    } finally {
      db.close();
    }
  }
  const { databaseUrl } = await testStoreOptions(dbPath);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: tables } = await client.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    const out = [];
    for (const { table_name: name } of tables) {
      const { rows } = await client.query(`SELECT * FROM "${name}"`);
      out.push(`${name}: ${text(rows)}`);
    }
    return out;
  } finally {
    await client.end();
  }
}

test('no table and no log line holds the address of a reader or a moderator', async () => {
  const dbPath = path.join(dir, 'privacy.sqlite');
  /** @type {string[]} */
  const lines = [];
  const server = await startServer({
    dbPath,
    moderation: false,
    trustProxy: '127.0.0.1',
    logger: { level: 'info', stream: { write: (/** @type {string} */ line) => lines.push(line) } },
  });
  const forwarded = { 'x-forwarded-for': CLIENT };
  try {
    await server.store.addModerator({ ...ADMIN, role: 'admin' });
    const posts = [
      { title: 'Hello', body: 'An ordinary comment.' },
      { title: 'Tonight', body: 'I am going to kill myself.' },
      { title: 'Deals', body: 'Buy now.', website: 'spam' },
    ];
    const ids = [];
    for (const body of posts) {
      const res = await server.post(ARTICLE, body, forwarded);
      assert.equal(res.status, 201);
      ids.push((await res.json()).comment.id);
    }
    // A reader's report is kept under the reader's keyed hash, never the address.
    const reported = await fetch(
      `${server.apiUrl}/articles/${ARTICLE}/comments/${ids[0]}/reports`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...forwarded },
        body: JSON.stringify({ reason: 'spam' }),
      },
    );
    assert.equal(reported.status, 202);
    const json = { 'content-type': 'application/json', origin: server.url, ...forwarded };
    const wrong = await fetch(`${server.apiUrl}/admin/session`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ ...ADMIN, password: 'not it at all' }),
    });
    assert.equal(wrong.status, 401);
    const signIn = await fetch(`${server.apiUrl}/admin/session`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify(ADMIN),
    });
    const { csrfToken } = await signIn.json();
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';', 1)[0] ?? '';
    const desk = { ...json, cookie, 'x-csrf-token': csrfToken };
    const act = await fetch(`${server.apiUrl}/admin/actions`, {
      method: 'POST',
      headers: desk,
      body: JSON.stringify({ ids: [ids[1]], action: 'approve' }),
    });
    assert.equal(act.status, 200);
    const block = await fetch(`${server.apiUrl}/admin/blocks`, {
      method: 'POST',
      headers: desk,
      body: JSON.stringify({ comment: ids[0], removeAll: true }),
    });
    assert.equal(block.status, 200);
    assert.ok((await block.json()).removed.length >= 2);
    // The forwarded address is the client the service saw: the block holds it, not the
    // proxy (loopback) that relayed it.
    const blocked = await (
      await server.post(ARTICLE, { title: 'Again', body: 'Me again.' }, forwarded)
    ).json();
    const other = await (
      await server.post(ARTICLE, { title: 'Other', body: 'Someone else.' })
    ).json();
    assert.equal(other.status, 'published');
    const listed = await server.getJson(`/articles/${ARTICLE}/comments?limit=100`);
    const listedIds = listed.items.map((/** @type {{ id: string }} */ c) => c.id);
    assert.ok(listedIds.includes(other.comment.id));
    assert.ok(!listedIds.includes(blocked.comment.id));
  } finally {
    await server.close();
  }

  const rows = await everyRow(dbPath);
  assert.ok(rows.some((row) => row.startsWith('comments:') && row.includes('kill myself')));
  assert.ok(rows.some((row) => row.startsWith('moderators:') && row.includes('Maya')));
  assert.ok(rows.some((row) => row.startsWith('reports:') && row.includes('"spam"')));
  assert.ok(lines.length > 5, 'the service logged its requests');
  for (const address of ADDRESSES) {
    for (const row of rows) assert.ok(!row.includes(address), `${address} in ${row.slice(0, 80)}`);
    for (const line of lines) assert.ok(!line.includes(address), `${address} in the log: ${line}`);
  }
});
