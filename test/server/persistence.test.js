import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { ARTICLE, repoRoot, startDemo, startServer } from './helpers.js';
import { TEST_STORE } from './stores.js';

/** @type {string} */
let dir;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mhn-db-'));
});
after(() => rm(dir, { recursive: true, force: true }));

describe(`persistence (${TEST_STORE})`, () => {
  test('posted comments and idempotency records survive a restart', async () => {
    const dbPath = path.join(dir, 'nested/folder/comments.sqlite');
    const draft = { title: 'Still here', author: 'Pat', body: 'After a restart' };
    const headers = { 'Idempotency-Key': 'persist-1' };

    const first = await startServer({ dbPath, moderation: false });
    const created = await first.post(ARTICLE, draft, headers);
    assert.equal(created.status, 201);
    const createdText = await created.text();
    await first.close();
    if (TEST_STORE === 'sqlite') {
      const file = new Database(dbPath, { readonly: true });
      assert.equal(file.pragma('journal_mode', { simple: true }), 'wal');
      file.close();
    }

    const second = await startServer({ dbPath, moderation: false });
    try {
      const list = await second.getJson(`/articles/${ARTICLE}/comments`);
      assert.equal(list.total, 5, 'seed comments are not duplicated by the restart');
      assert.deepEqual(list.items[0], JSON.parse(createdText).comment);
      const replay = await second.post(ARTICLE, draft, headers);
      assert.equal(replay.status, 201);
      assert.equal(replay.headers.get('idempotency-replayed'), 'true');
      assert.equal(await replay.text(), createdText);
      assert.equal((await second.getJson(`/articles/${ARTICLE}`)).comments.count, 5);
      const next = await (await second.post(ARTICLE, { title: 'n', body: 'n' })).json();
      assert.ok(
        Number(next.comment.id.slice(2)) > Number(list.items[0].id.slice(2)),
        'ids keep increasing',
      );
    } finally {
      await second.close();
    }
  });
});

describe('the mhn-content-api command', () => {
  test('keeps comments in memory with --db :memory:, writing no file', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'mhn-cli-'));
    const demo = await startDemo({
      args: ['--db', ':memory:'],
      env: { MHN_MODERATION: 'off' },
      cwd,
    });
    try {
      assert.equal(demo.line.db, ':memory:');
      const posted = await fetch(`${demo.origin}/api/v1/articles/${ARTICLE}/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ title: 'memory', body: 'kept in memory' }),
      });
      assert.equal((await posted.json()).status, 'published');
      assert.deepEqual(readdirSync(cwd), []);
    } finally {
      assert.equal(await demo.close(), 0);
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  test('serves the API and the demo, and exits cleanly on SIGTERM', async () => {
    const demo = await startDemo({
      env: { MHN_DB: path.join(dir, 'cli.sqlite'), MHN_MODERATION: 'off' },
    });
    try {
      assert.equal(demo.line.msg, 'listening');
      assert.equal(demo.line.moderation, false);
      const { origin } = demo;

      const site = await fetch(`${origin}/api/v1/site`);
      assert.equal(site.status, 200);
      const posted = await fetch(`${origin}/api/v1/articles/${ARTICLE}/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ title: 'CLI', body: 'published' }),
      });
      assert.equal((await posted.json()).status, 'published');

      const index = await fetch(`${origin}/`);
      if (existsSync(path.join(repoRoot, 'demo/index.html'))) {
        assert.equal(index.status, 200);
        assert.equal(index.headers.get('content-type'), 'text/html; charset=utf-8');
      } else {
        assert.equal(index.status, 404);
      }
      await index.arrayBuffer();
      for (const hidden of ['/package.json', '/server/cli.ts', '/demo/data/x.sqlite']) {
        const res = await fetch(`${origin}${hidden}`);
        assert.equal(res.status, 404, hidden);
        await res.arrayBuffer();
      }
    } finally {
      assert.equal(await demo.close(), 0);
    }
  });
});
