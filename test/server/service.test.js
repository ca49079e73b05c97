/**
 * The service as an operator runs it: health checks, one log line per request that
 * holds no address and no comment, client identity behind proxies, and the command —
 * its help, its refusals, SIGHUP reloading the content and SIGTERM finishing what is in
 * flight. Nothing of the testing handle is reachable over HTTP.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ARTICLE, CLI, expectError, repoRoot, startDemo, startServer } from './helpers.js';
import { TEST_STORE, testStoreOptions } from './stores.js';

const COMMENTS = `/articles/${ARTICLE}/comments`;

/** @type {string} */
let dir;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mhn-service-'));
});
after(() => rm(dir, { recursive: true, force: true }));

/**
 * Runs the command to completion.
 * @param {string[]} args
 * @param {Record<string, string | undefined>} [env]
 */
function run(args, env = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: undefined, MHN_SECRET: undefined, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('health checks', () => {
  test('/healthz while the process is up; /readyz 503 unavailable once the store is gone', async () => {
    const server = await startServer();
    try {
      for (const check of ['/healthz', '/readyz']) {
        const res = await fetch(`${server.url}${check}`);
        assert.equal(res.status, 200, check);
        assert.deepEqual(await res.json(), { status: 'ok' });
        assert.equal(res.headers.get('cache-control'), 'no-store');
      }
      await server.store.close();
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
      await expectError(await fetch(`${server.url}/readyz`), 503, 'unavailable');
    } finally {
      await server.app.close();
    }
  });
});

describe('logs', () => {
  test('one JSON line per request: method, route, status, ms — no address, no comment, no query', async () => {
    /** @type {string[]} */
    const lines = [];
    const server = await startServer({
      moderation: false,
      logger: { level: 'info', stream: { write: (line) => lines.push(line) } },
    });
    try {
      await server.get('/site');
      await server.get(`${COMMENTS}?limit=2&sort=oldest`);
      const posted = await server.post(ARTICLE, {
        title: 'A private title',
        author: 'Private Name',
        body: 'A private body',
      });
      assert.equal(posted.status, 201);
      await server.get('/nothing-here');
      await sleep(50);
      const records = lines.map((line) => JSON.parse(line));
      assert.deepEqual(
        records.map(({ method, route, status }) => [method, route, status]),
        [
          ['GET', '/api/v1/site', 200],
          ['GET', '/api/v1/articles/:slug/comments', 200],
          ['POST', '/api/v1/articles/:slug/comments', 201],
          ['GET', 'unmatched', 404],
        ],
      );
      for (const record of records) assert.equal(typeof record.ms, 'number');
      const all = lines.join('\n');
      for (const secret of ['127.0.0.1', 'private', 'Private', 'limit=2', ARTICLE]) {
        assert.ok(!all.includes(secret), `the log holds ${secret}`);
      }
    } finally {
      await server.close();
    }
  });
});

describe('client identity', () => {
  const post = (
    /** @type {Awaited<ReturnType<typeof startServer>>} */ server,
    /** @type {string} */ forwardedFor,
  ) => server.post(ARTICLE, { title: 't', body: 'b' }, { 'X-Forwarded-For': forwardedFor });

  test('X-Forwarded-For is ignored unless the proxy is trusted', async () => {
    const direct = await startServer({ rateLimit: { max: 1, windowMs: 60_000 } });
    try {
      assert.equal((await post(direct, '198.51.100.1')).status, 201);
      await expectError(await post(direct, '198.51.100.2'), 429, 'rate_limited');
    } finally {
      await direct.close();
    }
    const proxied = await startServer({
      rateLimit: { max: 1, windowMs: 60_000 },
      trustProxy: ['127.0.0.1'],
    });
    try {
      assert.equal((await post(proxied, '198.51.100.1')).status, 201);
      assert.equal((await post(proxied, '198.51.100.2')).status, 201, 'another client');
      await expectError(await post(proxied, '198.51.100.1'), 429, 'rate_limited');
    } finally {
      await proxied.close();
    }
  });

  test('the store never holds an address, only a keyed hash of it', async () => {
    const dbPath = path.join(dir, 'identity.sqlite');
    const server = await startServer({ dbPath, trustProxy: ['127.0.0.1'] });
    try {
      const res = await server.post(
        ARTICLE,
        { title: 't', body: 'b' },
        { 'Idempotency-Key': 'k', 'X-Forwarded-For': '203.0.113.77' },
      );
      assert.equal(res.status, 201);
    } finally {
      await server.close();
    }
    const stored = await storedText(dbPath);
    assert.ok(stored.length > 0);
    assert.ok(!stored.includes('203.0.113.77'), 'the address is not stored');
    assert.ok(!stored.includes('127.0.0.1'), 'the proxy address is not stored');
  });
});

/**
 * Everything the test store holds after a server on `dbPath` stopped: the SQLite file
 * and its WAL as bytes, or every row of every table of the PostgreSQL database.
 *
 * @param {string} dbPath
 */
async function storedText(dbPath) {
  if (TEST_STORE === 'sqlite') {
    const files = await Promise.all(
      ['', '-wal'].map((suffix) => readFile(`${dbPath}${suffix}`).catch(() => Buffer.alloc(0))),
    );
    const text = Buffer.concat(files).toString('latin1');
    assert.ok(text.includes('SQLite format 3'));
    return text;
  }
  const { databaseUrl } = await testStoreOptions(dbPath);
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = await client.query(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
    );
    assert.ok(tables.rows.length > 0);
    let text = '';
    for (const { tablename } of tables.rows) {
      const rows = await client.query(`SELECT row_to_json(t)::text AS row FROM "${tablename}" t`);
      text += rows.rows.map((r) => r.row).join('\n');
    }
    return text;
  } finally {
    await client.end();
  }
}

describe('request bodies', () => {
  test('a body answered early (413) leaves no deadline behind to fail later', async () => {
    /** @type {unknown[]} */
    const uncaught = [];
    const record = (/** @type {unknown} */ error) => uncaught.push(error);
    process.on('uncaughtException', record);
    const server = await startServer({ bodyTimeoutMs: 300, maxBodyBytes: 100 });
    const { port } = new URL(server.url);
    const socket = net.connect({ host: '127.0.0.1', port: Number(port) });
    try {
      await once(socket, 'connect');
      let answer = '';
      socket.setEncoding('utf8').on('data', (chunk) => (answer += chunk));
      // A chunked body past the limit, then the connection held open past the deadline.
      socket.write(
        `POST /api/v1${COMMENTS} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
      );
      socket.write(`200\r\n${' '.repeat(0x200)}\r\n`);
      await sleep(700);
      assert.match(answer, /^HTTP\/1\.1 413 /);
      assert.deepEqual(uncaught, []);
    } finally {
      socket.destroy();
      process.off('uncaughtException', record);
      await server.close();
    }
  });
});

describe('the testing handle', () => {
  test('is not reachable over HTTP', async () => {
    const server = await startServer();
    try {
      for (const action of ['reset', 'configure', 'addArticle', 'stats', 'resetStats', 'testing']) {
        for (const base of [server.url, server.apiUrl]) {
          for (const method of ['GET', 'POST']) {
            const res = await fetch(`${base}/${action}`, {
              method,
              headers: { 'Content-Type': 'application/json' },
              ...(method === 'POST' ? { body: '{"moderation":false}' } : {}),
            });
            assert.equal(res.status, 404, `${method} ${base}/${action}`);
            await res.arrayBuffer();
          }
        }
      }
    } finally {
      await server.close();
    }
  });
});

describe('mhn-content-api', () => {
  test('the built command runs as a program (the package bin: shebang and execute bit)', () => {
    const result = spawnSync(CLI, ['--help'], { encoding: 'utf8' });
    assert.equal(result.error, undefined);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /mhn-content-api/);
  });

  test('--help documents every option and variable', () => {
    const { code, stdout } = run(['--help']);
    assert.equal(code, 0);
    for (const word of [
      'serve',
      'check DIR',
      '--port',
      '--host',
      '--db',
      '--content',
      '--trust-proxy',
      'PORT',
      'HOST',
      'MHN_DB',
      'MHN_CONTENT',
      'DATABASE_URL',
      'TRUST_PROXY',
      'MHN_SECRET',
      'SIGHUP',
      'SIGTERM',
    ]) {
      assert.ok(stdout.includes(word), word);
    }
  });

  test('a bad flag or value exits 2 with a one-line reason', () => {
    for (const args of [
      ['--bogus'],
      ['--port', 'eighty'],
      ['--port', '70000'],
      ['--trust-proxy', '10.0.0.0/33'],
      ['--moderation', 'maybe'],
      ['frobnicate'],
    ]) {
      const { code, stderr } = run(args);
      assert.equal(code, 2, args.join(' '));
      assert.equal(stderr.trim().split('\n').length, 1, stderr);
      assert.match(stderr, /^mhn-content-api: /);
    }
    // MHN_SECRET is optional; one too short to be a secret is a mistake, said before any
    // connection is tried.
    const { code, stderr } = run(['--port', '0'], {
      DATABASE_URL: 'postgres://127.0.0.1:1/x',
      MHN_SECRET: 'too-short',
    });
    assert.equal(code, 2);
    assert.equal(stderr.trim().split('\n').length, 1, stderr);
    assert.match(stderr, /^mhn-content-api: MHN_SECRET must be at least 32 characters/);
    assert.ok(!stderr.includes('too-short'), 'the value is not printed');
  });

  test('a broken content folder refuses to start, listing every file:line: problem', async () => {
    const content = path.join(dir, 'broken-content');
    await cp(path.join(repoRoot, 'content'), content, { recursive: true });
    await writeFile(path.join(content, 'site.yaml'), 'name: [unclosed\n');
    await writeFile(path.join(content, 'therapists.yaml'), '- id: 12\n');
    const { code, stdout, stderr } = run(['--port', '0', '--db', ':memory:', '--content', content]);
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.match(stderr, /site\.yaml:\d+: /);
    assert.match(stderr, /therapists\.yaml:\d+: /);
    assert.match(stderr, /not started/);
  });

  test('check DIR checks a content folder', () => {
    assert.equal(run(['check', 'content']).code, 0);
    const broken = run(['check', path.join(dir, 'no-such-folder')]);
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /no-such-folder/);
  });

  test('a SIGHUP sent the moment the first line appears reloads, and never ends the service', async () => {
    // Whoever waits for the "listening" line (a deploy script, a supervisor) may signal at
    // once: the handlers must be in place before that line is written.
    const child = spawn(process.execPath, [CLI, '--port', '0', '--db', ':memory:', '--no-demo'], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: undefined, PORT: undefined },
    });
    let output = '';
    let signalled = false;
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      output += chunk;
      if (!signalled && output.includes('\n')) {
        signalled = true;
        child.kill('SIGHUP');
      }
    });
    try {
      const ended = () => child.exitCode !== null || child.signalCode !== null;
      await waitFor(async () => output.includes('"content reloaded"') || ended());
      assert.equal(child.exitCode, null, `the service ended on SIGHUP:\n${output}`);
      assert.equal(child.signalCode, null);
      assert.match(output.split('\n')[0], /"msg":"listening"/);
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    }
  });

  test('SIGHUP reloads the content; a bad edit keeps the last good content', async () => {
    const content = path.join(dir, 'live-content');
    await cp(path.join(repoRoot, 'content'), content, { recursive: true });
    const file = path.join(content, 'articles', `${ARTICLE}.html`);
    const original = await readFile(file, 'utf8');
    const demo = await startDemo({ args: ['--db', ':memory:', '--content', content] });
    const title = async () =>
      (await (await fetch(`${demo.origin}/api/v1/articles/${ARTICLE}`)).json()).title;
    try {
      const before = await title();
      await writeFile(file, original.replace(/^title: .*$/m, 'title: Edited while running'));
      demo.child.kill('SIGHUP');
      await waitFor(async () => (await title()) === 'Edited while running');

      await writeFile(file, original.replace(/^title: .*$/m, 'title: [broken'));
      demo.child.kill('SIGHUP');
      await waitFor(() => /content not reloaded/.test(demo.output()));
      assert.equal(await title(), 'Edited while running', 'the last good content is served');
      assert.notEqual(before, 'Edited while running');
    } finally {
      assert.equal(await demo.close(), 0);
    }
  });

  test('SIGTERM finishes the request in flight, then exits 0', async () => {
    const demo = await startDemo({ args: ['--db', ':memory:', '--moderation', 'off'] });
    const body = JSON.stringify({ title: 'In flight', body: 'Sent slowly' });
    const { port } = new URL(demo.origin);
    const socket = net.connect({ host: '127.0.0.1', port: Number(port) });
    await once(socket, 'connect');
    let answer = '';
    socket.setEncoding('utf8').on('data', (chunk) => (answer += chunk));
    socket.write(
      `POST /api/v1${COMMENTS} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`,
    );
    await sleep(200);
    const exited = once(demo.child, 'exit');
    demo.child.kill('SIGTERM');
    await sleep(200);
    socket.end(body.slice(10));
    await once(socket, 'close');
    const [code] = await exited;
    assert.match(answer, /^HTTP\/1\.1 201 /);
    assert.match(answer, /"title":"In flight"/);
    assert.equal(code, 0);
  });
});

/**
 * Polls `check` until it holds (at most 10 s).
 * @param {() => boolean | Promise<boolean>} check
 */
async function waitFor(check) {
  for (let i = 0; i < 200; i += 1) {
    if (await check()) return;
    await sleep(50);
  }
  assert.fail('timed out waiting');
}
