import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { ARTICLE, startServer } from './helpers.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** @type {string} */
let dir;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mhn-db-'));
});
after(() => rm(dir, { recursive: true, force: true }));

describe('SQLite persistence', () => {
  test('posted comments and idempotency records survive a restart', async () => {
    const dbPath = path.join(dir, 'nested/folder/comments.sqlite');
    const draft = { title: 'Still here', author: 'Pat', body: 'After a restart' };
    const headers = { 'Idempotency-Key': 'persist-1' };

    const first = await startServer({ dbPath, moderation: false });
    assert.equal(first.api.db.pragma('journal_mode', { simple: true }), 'wal');
    const created = await first.post(ARTICLE, draft, headers);
    assert.equal(created.status, 201);
    const createdText = await created.text();
    await first.close();

    const second = await startServer({ dbPath, moderation: false });
    try {
      const list = await second.getJson(`/articles/${ARTICLE}/comments`);
      assert.equal(list.total, 5, 'seed comments are not duplicated by the restart');
      assert.deepEqual(list.items[0], JSON.parse(createdText).comment);
      const replay = await second.post(ARTICLE, draft, headers);
      assert.equal(replay.status, 201);
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

describe('demo/server.js', () => {
  test('keeps comments in memory with --db :memory:, writing no file', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'mhn-cli-'));
    const child = spawn(
      process.execPath,
      [path.join(repoRoot, 'demo/server.js'), '--port', '0', '--db', ':memory:'],
      { cwd, env: { ...process.env, MHN_MODERATION: 'off' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      let output = '';
      child.stdout.setEncoding('utf8');
      for await (const chunk of child.stdout) {
        output += chunk;
        if (output.includes('\n')) break;
      }
      assert.match(output, /comments in :memory:/);
      const port = /localhost:(\d+)\//.exec(output)?.[1];
      const posted = await fetch(`http://127.0.0.1:${port}/api/v1/articles/${ARTICLE}/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ title: 'memory', body: 'kept in memory' }),
      });
      assert.equal((await posted.json()).status, 'published');
      assert.deepEqual(readdirSync(cwd), []);
    } finally {
      child.kill('SIGTERM');
    }
    await once(child, 'exit');
    rmSync(cwd, { recursive: true, force: true });
  });

  test('serves the API and the demo, and exits cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['demo/server.js', '--port', '0'], {
      cwd: repoRoot,
      env: { ...process.env, MHN_DB: path.join(dir, 'cli.sqlite'), MHN_MODERATION: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      child.stdout.setEncoding('utf8');
      for await (const chunk of child.stdout) {
        output += chunk;
        if (output.includes('\n')) break;
      }
      const [line] = output.split('\n');
      const match = /http:\/\/localhost:(\d+)\//.exec(line);
      assert.ok(match, `prints its URL: ${line}`);
      assert.match(line, /moderation off/);
      const origin = `http://127.0.0.1:${match[1]}`;

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
      for (const hidden of [
        '/package.json',
        '/demo/server/content-api.js',
        '/demo/data/x.sqlite',
      ]) {
        const res = await fetch(`${origin}${hidden}`);
        assert.equal(res.status, 404, hidden);
        await res.arrayBuffer();
      }
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  });
});
