/**
 * The abuse suite: what an attacker, a broken client or a slow network sends, over plain
 * HTTP to a started server (helpers' `start()` / `startDemo()`), nothing else. Whatever
 * comes in, the server keeps answering, serves nothing it must not, and never answers a
 * client's mistake with a 5xx.
 *
 * Every loop is bounded in count and every wait in time; everything is on loopback.
 * Clients that must look like different people connect from their own loopback address
 * (127.x.y.z; Linux routes all of 127/8 to lo). Where the host has only 127.0.0.1, those
 * tests are skipped with the reason.
 */

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { clientNetworkOf as clientKeyOf } from '../../server/build/server/http/client-id.js';
import {
  ARTICLE,
  loopbackAliasesWork,
  rawExchange,
  repoRoot,
  request,
  start,
  startDemo,
} from './helpers.js';

const COMMENTS = `/articles/${ARTICLE}/comments`;
const JSON_HEADERS = { 'Content-Type': 'application/json' };

/**
 * The documented body limit (content-api.js MAX_BODY_BYTES): the largest valid comment
 * with every character a surrogate-pair escape (12 bytes), in every field at its maximum,
 * plus 1 KiB for the JSON around it.
 */
const LIMIT = 12 * (120 + 60 + 5000) + 1024;

const aliases = await loopbackAliasesWork();
const hasIpv6 = await ipv6Loopback();
const needsAliases = aliases ? {} : { skip: 'this host has only 127.0.0.1 (no 127/8 aliases)' };

/** @param {string} apiUrl */
const pathOf = (apiUrl) => new URL(apiUrl).pathname;

/**
 * POST a comment body (any text or bytes) over a fresh connection.
 *
 * @param {{ origin: string, url: string }} server
 * @param {string | Buffer} body
 * @param {{ headers?: Record<string, string | number>, localAddress?: string, slug?: string }} [options]
 */
function postRaw(server, body, { headers = {}, localAddress, slug = ARTICLE } = {}) {
  return request(server.origin, {
    method: 'POST',
    path: `${pathOf(server.url)}/articles/${slug}/comments`,
    headers: { ...JSON_HEADERS, 'Content-Length': Buffer.byteLength(body), ...headers },
    body,
    localAddress,
  });
}

/**
 * @param {import('./helpers.js').RawAnswer} answer
 * @param {number} status
 * @param {string} code
 */
function assertError(answer, status, code) {
  assert.equal(
    answer.status,
    status,
    `expected ${status} ${code}, got ${answer.status}: ${answer.text}${answer.error ?? ''}`,
  );
  assert.equal(JSON.parse(answer.text).error.code, code);
}

/** @param {{ origin: string, url: string }} server */
async function assertAlive(server) {
  const res = await request(server.origin, { path: `${pathOf(server.url)}/site` });
  assert.equal(res.status, 200, 'the server still answers');
}

/** @param {{ origin: string, url: string }} server */
async function totalOf(server) {
  const res = await request(server.origin, { path: `${pathOf(server.url)}${COMMENTS}?limit=1` });
  return JSON.parse(res.text).total;
}

// ---------------------------------------------------------------------------
// Files that must never be served

/**
 * Every spelling of one path that a lax server might map to the file: doubled slashes,
 * encoded separators (either case), dot segments (raw and encoded), double encoding,
 * NUL, backslashes, trailing dots and spaces.
 *
 * @param {string} file a path relative to the root, like `demo/data/comments.sqlite`
 */
function spellings(file) {
  const parts = file.split('/');
  const [first, ...rest] = parts;
  const joined = (/** @type {string} */ sep) => parts.join(sep);
  const last = parts.length - 1;
  return [
    `/${file}`,
    `//${file}`,
    `/${first}//${rest.join('/')}`,
    `/${joined('//')}`,
    `/${joined('///')}`,
    `/${first}/./${rest.join('/')}`,
    `/${first}/%2e/${rest.join('/')}`,
    `/${first}/../${file}`,
    `/${first}/%2E%2E/${file}`,
    `/${first}/%2e%2e/${file}`,
    `/${first}/.%2e/${file}`,
    `/dist/../${file}`,
    `/demo/..%2f${file}`,
    `/%2F${file}`,
    `/${joined('%2F')}`,
    `/${joined('%2f')}`,
    `/${joined('%5C')}`,
    `/${joined('%5c')}`,
    `/${joined('%252F')}`,
    `/${first}%252F${rest.join('/')}`,
    `/${joined('\\')}`,
    `/${first}\\${rest.join('/')}`,
    `/${file}%00`,
    `/${file}%00.js`,
    `/${file}.`,
    `/${file}%20`,
    `/${file}%2e`,
    `/${parts.slice(0, last).join('/')}./${parts[last]}`,
    `/${file}?download=1`,
    `/${file}#x`,
    `/${parts.map(encodeURIComponent).join('/')}`,
    `/${[...file].map((c) => (c === '/' ? c : `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)).join('')}`,
  ];
}

/**
 * Asks for every spelling of every file with GET and HEAD and asserts none is served.
 *
 * @param {string} origin
 * @param {string[]} files
 * @param {string[]} forbidden text that no answer may contain
 */
async function assertNeverServed(origin, files, forbidden) {
  let asked = 0;
  for (const file of files) {
    for (const target of spellings(file)) {
      for (const method of ['GET', 'HEAD']) {
        const res = await request(origin, { method, path: target });
        asked += 1;
        assert.ok(
          res.status === 404 || res.status === 400,
          `${method} ${target} must not be served: ${res.status}`,
        );
        for (const text of forbidden) {
          assert.ok(!res.text.includes(text), `${method} ${target} leaked ${text}`);
        }
      }
    }
  }
  return asked;
}

describe('the demo server serves nothing it must not', () => {
  test('the database (also in the old demo/data/ folder), its WAL and the server code, in every spelling', async () => {
    // A real database where the old default put it, inside the served demo/ folder.
    const name = `abuse-${process.pid}.sqlite`;
    const dbFile = path.join(repoRoot, 'demo/data', name);
    const demo = await startDemo({ args: ['--db', dbFile], env: { MHN_MODERATION: 'off' } });
    try {
      const posted = await request(demo.origin, {
        method: 'POST',
        path: `/api/v1${COMMENTS}`,
        headers: JSON_HEADERS,
        body: JSON.stringify({ title: 'stored', body: 'in the database' }),
      });
      assert.equal(posted.status, 201);
      assert.ok(existsSync(dbFile) && existsSync(`${dbFile}-wal`), 'the files to protect exist');

      // What is meant to be served still is, also when the URL is spelled loosely.
      for (const target of [
        '/demo/index.html',
        '/demo//index.html',
        '/custom-elements.json',
        '/',
      ]) {
        const res = await request(demo.origin, { path: target });
        assert.equal(res.status, 200, target);
      }

      const asked = await assertNeverServed(
        demo.origin,
        [
          `demo/data/${name}`,
          `demo/data/${name}-wal`,
          `demo/data/${name}-shm`,
          'demo/server/content-api.js',
          'demo/server/static.js',
          'demo/server.js',
          'package.json',
          '.gitignore',
        ],
        [
          'SQLite format 3',
          'in the database',
          'startContentServer',
          'createStaticHandler',
          '"devDependencies"',
        ],
      );
      assert.ok(asked > 400, `${asked} requests`);
    } finally {
      assert.equal(await demo.close(), 0);
      for (const suffix of ['', '-wal', '-shm']) await rm(`${dbFile}${suffix}`, { force: true });
    }
  });

  test('the default database lives outside every served folder and is never served', async () => {
    const demo = await startDemo();
    try {
      assert.match(demo.line.db, /^data[/\\]comments\.sqlite$/);
      assert.ok(existsSync(path.join(repoRoot, 'data/comments.sqlite')));
      await assertNeverServed(
        demo.origin,
        ['data/comments.sqlite', 'data/comments.sqlite-wal', 'demo/data/comments.sqlite'],
        ['SQLite format 3'],
      );
    } finally {
      assert.equal(await demo.close(), 0);
    }
  });
});

describe('static files: symlinks', () => {
  /** @type {string} */
  let root;
  /** @type {Awaited<ReturnType<typeof start>>} */
  let server;
  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'mhn-abuse-static-'));
    await mkdir(path.join(root, 'site/sub'), { recursive: true });
    await mkdir(path.join(root, 'private'), { recursive: true });
    await writeFile(path.join(root, 'site/ok.txt'), 'public');
    await writeFile(path.join(root, 'private/secret.txt'), 'SECRET');
    await writeFile(path.join(root, 'site/sub/denied.txt'), 'SECRET too');
    await symlink(path.join(root, 'private/secret.txt'), path.join(root, 'site/link.txt'));
    await symlink(path.join(root, 'private'), path.join(root, 'site/linkdir'));
    await symlink(path.join(root, 'site/sub/denied.txt'), path.join(root, 'site/alias.txt'));
    await symlink(path.join(root, 'site/ok.txt'), path.join(root, 'site/fine.txt'));
    server = await start({
      staticRoot: root,
      staticMounts: ['/site/'],
      staticDeny: ['/site/sub/'],
    });
  });
  after(async () => {
    await server.close();
    await rm(root, { recursive: true, force: true });
  });

  test('a link inside a mount does not lead out of it or into a denied folder', async () => {
    for (const target of [
      '/site/link.txt',
      '/site/linkdir/secret.txt',
      '/site/alias.txt',
      '/site/sub/denied.txt',
    ]) {
      for (const method of ['GET', 'HEAD']) {
        const res = await request(server.origin, { method, path: target });
        assert.equal(res.status, 404, `${method} ${target}`);
        assert.ok(!res.text.includes('SECRET'));
      }
    }
    const fine = await request(server.origin, { path: '/site/fine.txt' });
    assert.equal(fine.status, 200);
    assert.equal(fine.text, 'public');
  });
});

// ---------------------------------------------------------------------------
// The rate limiter

describe('rate limiting', () => {
  test('ten rejected posts do not lock a reader out: the next valid post is 201', async () => {
    const server = await start({ rateLimit: { max: 10, windowMs: 60_000 } });
    try {
      for (let i = 0; i < 10; i += 1) {
        assertError(
          await postRaw(server, JSON.stringify({ title: '', body: 'x' })),
          422,
          'validation_failed',
        );
      }
      const ok = await postRaw(server, JSON.stringify({ title: 'Fixed', body: 'Now it is right' }));
      assert.equal(ok.status, 201, ok.text);
    } finally {
      await server.close();
    }
  });

  test('a flood of junk is stopped by its own, larger budget, and leaves posting alone', async () => {
    const server = await start({ rateLimit: { max: 2, windowMs: 60_000 } });
    try {
      /** @type {number[]} */
      const statuses = [];
      for (let i = 0; i < 101; i += 1) statuses.push((await postRaw(server, '{')).status);
      assert.deepEqual(statuses, [...Array(100).fill(400), 429]);
      const ok = await postRaw(server, JSON.stringify({ title: 'Still', body: 'allowed' }));
      assert.equal(ok.status, 201, 'junk did not use the posting budget');
    } finally {
      await server.close();
    }
  });

  test(
    '10,001 junk posts from 10,001 addresses do not reset a limited client',
    { ...needsAliases, timeout: 180_000 },
    async () => {
      // A window far longer than the flood takes (over a minute on PostgreSQL, where each
      // junk post is counted in the database): the client must still be limited after it.
      const server = await start({ rateLimit: { max: 2, windowMs: 15 * 60_000 } });
      try {
        const limited = '127.0.0.2';
        const draft = (/** @type {number} */ i) => JSON.stringify({ title: `t${i}`, body: 'b' });
        assert.equal((await postRaw(server, draft(1), { localAddress: limited })).status, 201);
        assert.equal((await postRaw(server, draft(2), { localAddress: limited })).status, 201);
        assertError(
          await postRaw(server, draft(3), { localAddress: limited }),
          429,
          'rate_limited',
        );

        // 10,001 distinct addresses 127.1.0.1 … 127.1.39.x, 32 connections at a time.
        const addresses = Array.from(
          { length: 10_001 },
          (_, i) => `127.1.${Math.floor(i / 254)}.${(i % 254) + 1}`,
        );
        /** @type {Map<number, number>} */
        const counts = new Map();
        let next = 0;
        await Promise.all(
          Array.from({ length: 32 }, async () => {
            while (next < addresses.length) {
              const localAddress = addresses[next++];
              const { status } = await postRaw(server, '{"title": ', { localAddress });
              counts.set(status, (counts.get(status) ?? 0) + 1);
            }
          }),
        );
        assert.deepEqual([...counts], [[400, 10_001]], 'junk is a client error, never a 5xx');

        assertError(
          await postRaw(server, draft(4), { localAddress: limited }),
          429,
          'rate_limited',
        );
        await assertAlive(server);
      } finally {
        await server.close();
      }
    },
  );

  test('clients are IPv4 addresses (also IPv4-mapped) and IPv6 /64 networks', () => {
    assert.equal(clientKeyOf('192.0.2.7'), '192.0.2.7');
    assert.equal(clientKeyOf('::ffff:192.0.2.7'), '192.0.2.7');
    assert.equal(clientKeyOf('::FFFF:192.0.2.7'), '192.0.2.7');
    assert.equal(clientKeyOf('::ffff:c000:207'), '192.0.2.7');
    assert.equal(clientKeyOf('0:0:0:0:0:ffff:192.0.2.7'), '192.0.2.7');
    const net64 = '2001:db8:0:1::/64';
    assert.equal(clientKeyOf('2001:db8:0:1::1'), net64);
    assert.equal(clientKeyOf('2001:0db8:0000:0001:ffff:ffff:ffff:fffe'), net64);
    assert.equal(clientKeyOf('2001:db8::1:0:0:0:9'), net64);
    assert.equal(clientKeyOf('2001:db8:0:1:a:b:c:d%eth0'), net64);
    assert.notEqual(clientKeyOf('2001:db8:0:2::1'), net64);
    assert.equal(clientKeyOf('::1'), '0:0:0:0::/64');
  });

  test(
    'clients from one IPv6 /64 share one budget',
    hasIpv6 ? {} : { skip: 'no IPv6 loopback' },
    async () => {
      const server = await start({ host: '::1', rateLimit: { max: 1, windowMs: 60_000 } });
      try {
        assert.equal(
          (await postRaw(server, JSON.stringify({ title: 'a', body: 'b' }))).status,
          201,
        );
        assertError(
          await postRaw(server, JSON.stringify({ title: 'c', body: 'd' })),
          429,
          'rate_limited',
        );
      } finally {
        await server.close();
      }
    },
  );
});

async function ipv6Loopback() {
  try {
    const server = await start({ host: '::1' });
    await server.close();
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------
// Idempotency

describe('idempotency keys', () => {
  /** @type {Awaited<ReturnType<typeof start>>} */
  let server;
  before(async () => {
    server = await start({ moderation: false });
  });
  after(() => server.close());

  test('one key, twenty different comments at once: one stored, nineteen 422 idempotency_key_reused', async () => {
    const before = await totalOf(server);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        postRaw(server, JSON.stringify({ title: `Version ${i}`, body: `Body ${i}` }), {
          headers: { 'Idempotency-Key': 'shared-key' },
        }),
      ),
    );
    const created = answers.filter((a) => a.status === 201);
    assert.equal(created.length, 1, answers.map((a) => a.status).join(' '));
    for (const answer of answers.filter((a) => a.status !== 201)) {
      assertError(answer, 422, 'idempotency_key_reused');
    }
    assert.equal(await totalOf(server), before + 1);
  });

  test('one key, one comment, twenty at once: one stored, twenty byte-identical answers', async () => {
    const before = await totalOf(server);
    const body = JSON.stringify({ title: 'Same', body: 'Same text' });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        postRaw(server, body, { headers: { 'Idempotency-Key': 'same-key' } }),
      ),
    );
    assert.ok(answers.every((a) => a.status === 201));
    assert.equal(new Set(answers.map((a) => a.text)).size, 1);
    const replayed = answers.filter((a) => a.headers['idempotency-replayed'] === 'true');
    assert.equal(replayed.length, 19);
    assert.equal(await totalOf(server), before + 1);
  });

  test(
    'a key is scoped to its client: another client replaying it gets its own comment',
    needsAliases,
    async () => {
      const body = JSON.stringify({ title: 'Mine', body: 'My words' });
      const headers = { 'Idempotency-Key': 'guessable-key' };
      const alice = await postRaw(server, body, { headers, localAddress: '127.0.0.2' });
      const mallory = await postRaw(server, body, { headers, localAddress: '127.0.0.3' });
      assert.equal(alice.status, 201);
      assert.equal(mallory.status, 201);
      assert.equal(mallory.headers['idempotency-replayed'], undefined);
      assert.notEqual(JSON.parse(mallory.text).comment.id, JSON.parse(alice.text).comment.id);
      const again = await postRaw(server, body, { headers, localAddress: '127.0.0.2' });
      assert.equal(again.text, alice.text);
      assert.equal(again.headers['idempotency-replayed'], 'true');
      const other = JSON.stringify({ title: 'Theirs', body: 'Other words' });
      const reuse = await postRaw(server, other, { headers, localAddress: '127.0.0.4' });
      assert.equal(reuse.status, 201, 'a third client with its own comment is not refused');
    },
  );
});

// ---------------------------------------------------------------------------
// Body size

describe('body size', () => {
  /** @type {Awaited<ReturnType<typeof start>>} */
  let server;
  before(async () => {
    server = await start({ moderation: false });
  });
  after(() => server.close());

  const emoji = '\u{1F600}';
  const largest = {
    title: emoji.repeat(120),
    author: emoji.repeat(60),
    body: emoji.repeat(5000),
  };
  /**
   * The largest comment (its body starting with `a` instead of one emoji: the same text
   * again from the same client would be held as a duplicate) with every emoji as a
   * `\uXXXX\uXXXX` escape.
   */
  const escaped = JSON.stringify({
    ...largest,
    body: `a${emoji.repeat(4999)}`,
  }).replace(/\p{Extended_Pictographic}/gu, (c) =>
    [...c.split('')].map((unit) => `\\u${unit.charCodeAt(0).toString(16)}`).join(''),
  );

  /** @param {string} text */
  async function readBack(text) {
    const { comment } = JSON.parse(text);
    const list = await request(server.origin, { path: `${pathOf(server.url)}${COMMENTS}?limit=1` });
    assert.deepEqual(JSON.parse(list.text).items[0], comment);
    return comment;
  }

  test('the largest valid comment is accepted in raw UTF-8', async () => {
    const res = await postRaw(server, JSON.stringify(largest));
    assert.equal(res.status, 201, res.text.slice(0, 200));
    const comment = await readBack(res.text);
    assert.equal(comment.body, largest.body);
    assert.equal(comment.title, largest.title);
  });

  test('…and as \\u escapes, even padded to exactly the limit', async () => {
    assert.equal(Buffer.byteLength(escaped), 12 * 5179 + 1 + 34);
    const res = await postRaw(server, escaped);
    assert.equal(res.status, 201, res.text.slice(0, 200));
    const back = await readBack(res.text);
    assert.equal(back.author, largest.author);
    assert.equal(back.body, `a${emoji.repeat(4999)}`);
    const padded = escaped + ' '.repeat(LIMIT - Buffer.byteLength(escaped));
    assert.equal(Buffer.byteLength(padded), LIMIT);
    assert.equal((await postRaw(server, padded)).status, 201);
  });

  test('one byte over the limit is 413 payload_too_large, with or without Content-Length', async () => {
    const over = escaped + ' '.repeat(LIMIT + 1 - Buffer.byteLength(escaped));
    assertError(await postRaw(server, over), 413, 'payload_too_large');
    const chunked = await request(server.origin, {
      method: 'POST',
      path: `${pathOf(server.url)}${COMMENTS}`,
      headers: { ...JSON_HEADERS, 'Transfer-Encoding': 'chunked' },
      body: over,
    });
    assertError(chunked, 413, 'payload_too_large');
    await assertAlive(server);
  });

  test('a client still sending gets a readable 413, not a broken connection', async () => {
    const size = 16 * 8192;
    assert.ok(size > LIMIT);
    const head = `POST ${pathOf(server.url)}${COMMENTS} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n`;
    for (const [framing, piece] of [
      [`Content-Length: ${size}\r\n`, (/** @type {Buffer} */ b) => b],
      [
        'Transfer-Encoding: chunked\r\n',
        (/** @type {Buffer} */ b) =>
          Buffer.concat([Buffer.from('2000\r\n'), b, Buffer.from('\r\n')]),
      ],
    ]) {
      // A real upload: 16 pieces of 8 KiB a little apart, well past the limit.
      const { text, error, timedOut } = await rawExchange(server.origin, {
        async write(socket) {
          socket.write(`${head}${framing}\r\n`);
          for (let i = 0; i < 16 && socket.writable; i += 1) {
            socket.write(piece(Buffer.alloc(8192, 0x20)));
            await sleep(20);
          }
          if (socket.writable && framing.startsWith('Transfer')) socket.write('0\r\n\r\n');
        },
      });
      assert.equal(timedOut, false);
      assert.equal(error, undefined, `the client saw ${error}`);
      assert.match(text, /^HTTP\/1\.1 413 /);
      assert.match(text, /"code":"payload_too_large"/);
    }
  });
});

// ---------------------------------------------------------------------------
// What is stored is what was acknowledged

describe('text is well-formed, visible and echoed exactly as stored', () => {
  /** @type {Awaited<ReturnType<typeof start>>} */
  let server;
  before(async () => {
    server = await start({ moderation: false });
  });
  after(() => server.close());

  test('lone surrogates are 422, in every field', async () => {
    for (const [field, value] of [
      ['title', 'a \\ud800 b'],
      ['body', '\\udfff'],
      ['author', 'x\\ud83d'],
    ]) {
      const draft = { title: 'ok', body: 'ok', author: 'ok' };
      const raw = JSON.stringify(draft).replace(`"${field}":"ok"`, `"${field}":"${value}"`);
      const res = await postRaw(server, raw);
      assertError(res, 422, 'validation_failed');
      assert.ok(JSON.parse(res.text).error.fields[field], field);
    }
  });

  test('invalid UTF-8 is 400 bad_request, not silently replaced', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"title":"a'),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('","body":"b"}'),
    ]);
    assertError(await postRaw(server, bytes), 400, 'bad_request');
  });

  test('controls, terminal escapes, bidi overrides and invisible characters are removed', async () => {
    const res = await postRaw(
      server,
      JSON.stringify({
        title: ' Hi\u0007 \u001b[31mred\u001b[0m \u202Eevil\u202C\u200B\u2066x\u2069\u0085 ',
        author: 'Ann\u0000\u00ADe\u061C\t\nB',
        body: 'line\r\nnext\ttab\u0000\u009B\u001b]0;title\u0007 \u202Dend\u2028e\u0301',
      }),
    );
    assert.equal(res.status, 201, res.text);
    const { comment } = JSON.parse(res.text);
    assert.equal(comment.title, 'Hi red evilx');
    assert.equal(comment.author, 'Anne B');
    assert.equal(comment.body, 'line\nnext\ttab end\n\u00e9');
    const list = await request(server.origin, { path: `${pathOf(server.url)}${COMMENTS}?limit=1` });
    assert.deepEqual(JSON.parse(list.text).items[0], comment, 'the 201 is exactly what is stored');
  });

  test('emoji sequences keep their joiners', async () => {
    const family = '\u{1F469}\u200D\u{1F469}\u200D\u{1F467}';
    const res = await postRaw(server, JSON.stringify({ title: family, body: family }));
    assert.equal(res.status, 201);
    assert.equal(JSON.parse(res.text).comment.title, family);
  });

  test('a title or comment with nothing visible is 422 "is required"', async () => {
    for (const [title, body] of [
      ['\u200B\u200B', 'ok'],
      ['ok', '\u0000'],
      ['\u202E', 'ok'],
      ['ok', '\u200D\u200C\uFEFF'],
      ['\u3164', 'ok'],
      ['ok', '\u001b[0m'],
    ]) {
      const res = await postRaw(server, JSON.stringify({ title, body }));
      assertError(res, 422, 'validation_failed');
      const { fields } = JSON.parse(res.text).error;
      assert.match(Object.values(fields).join(' '), /is required/);
    }
  });
});

// ---------------------------------------------------------------------------
// Slow, aborted and greedy clients

describe('slow, aborted and greedy clients', () => {
  test('a client aborting mid-upload is not logged as an internal error', async () => {
    const server = await start();
    try {
      for (let i = 0; i < 3; i += 1) {
        const { timedOut } = await rawExchange(server.origin, {
          write(socket) {
            socket.write(
              `POST ${pathOf(server.url)}${COMMENTS} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"title":`,
            );
            setTimeout(() => socket.destroy(), 50);
          },
        });
        assert.equal(timedOut, false);
      }
      await assertAlive(server);
      await sleep(200);
      assert.deepEqual(server.lines, [], 'nothing logged');
    } finally {
      await server.close();
    }
  });

  test('a body dripping in is cut off with 408 request_timeout', async () => {
    const server = await start({ bodyTimeoutMs: 500 });
    try {
      /** @type {NodeJS.Timeout | undefined} */
      let drip;
      const { text, timedOut } = await rawExchange(server.origin, {
        timeoutMs: 8_000,
        write(socket) {
          socket.write(
            `POST ${pathOf(server.url)}${COMMENTS} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n`,
          );
          drip = setInterval(() => socket.writable && socket.write(' '), 100);
        },
      });
      clearInterval(drip);
      assert.equal(timedOut, false, 'the server closed the connection');
      assert.match(text, /^HTTP\/1\.1 408 /);
      assert.match(text, /"code":"request_timeout"/);
      await assertAlive(server);
      assert.deepEqual(server.lines, []);
    } finally {
      await server.close();
    }
  });

  test('connections that never finish their headers, or sit idle, are closed', async () => {
    const server = await start({ headersTimeoutMs: 500, keepAliveTimeoutMs: 300 });
    try {
      const site = `GET ${pathOf(server.url)}/site HTTP/1.1\r\nHost: x\r\n`;
      for (const [name, write] of /** @type {const} */ ([
        ['nothing sent', () => {}],
        ['half the headers', (/** @type {net.Socket} */ socket) => socket.write(site)],
        ['idle after a request', (/** @type {net.Socket} */ socket) => socket.write(`${site}\r\n`)],
      ])) {
        const { timedOut, text } = await rawExchange(server.origin, { timeoutMs: 8_000, write });
        assert.equal(timedOut, false, `${name}: the server closed the connection`);
        if (name.startsWith('idle')) assert.match(text, /^HTTP\/1\.1 200 /);
      }
      await assertAlive(server);
    } finally {
      await server.close();
    }
  });

  test(
    'one address gets at most 32 connections; others are still served',
    needsAliases,
    async () => {
      const server = await start({ keepAliveTimeoutMs: 60_000 });
      const greedy = '127.0.0.9';
      const target = `${pathOf(server.url)}/site`;
      /** @type {import('node:net').Socket[]} */
      const sockets = [];
      try {
        const answers = await Promise.all(
          Array.from(
            { length: 40 },
            () =>
              new Promise((resolve) => {
                const { hostname, port } = new URL(server.origin);
                const socket = net.connect({
                  host: hostname,
                  port: Number(port),
                  localAddress: greedy,
                });
                sockets.push(socket);
                let text = '';
                const timer = setTimeout(() => resolve('no answer'), 8_000);
                socket.setEncoding('latin1');
                socket.on('error', () => {});
                socket.once('connect', () =>
                  socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\n\r\n`),
                );
                socket.on('data', (chunk) => {
                  text += chunk;
                  if (text.includes('\r\n\r\n')) {
                    clearTimeout(timer);
                    resolve(text.slice(0, 12));
                  }
                });
                socket.once('close', () => {
                  clearTimeout(timer);
                  resolve(text ? text.slice(0, 12) : 'closed');
                });
              }),
          ),
        );
        const served = answers.filter((a) => a === 'HTTP/1.1 200').length;
        const refused = answers.filter((a) => a === 'closed').length;
        assert.equal(served, 32, answers.join(','));
        assert.equal(refused, 8);

        const other = await request(server.origin, { path: target, localAddress: '127.0.0.10' });
        assert.equal(other.status, 200, 'another client is served');
        for (const socket of sockets) socket.destroy();
        await sleep(100);
        const back = await request(server.origin, { path: target, localAddress: greedy });
        assert.equal(back.status, 200, 'the address is served again once it lets go');
      } finally {
        for (const socket of sockets) socket.destroy();
        await server.close();
      }
    },
  );
});

// ---------------------------------------------------------------------------
// Malformed and hostile bodies and requests: no crash, no 5xx

describe('malformed requests never crash the server or get a 5xx', () => {
  /** @type {Awaited<ReturnType<typeof start>>} */
  let server;
  before(async () => {
    server = await start();
  });
  after(() => server.close());

  test('hostile JSON bodies are 400 or 422', async () => {
    const manyKeys = `{${Array.from({ length: 5000 }, (_, i) => `"k${i}":${i}`).join(',')}}`;
    /** @type {Array<[string, string | Buffer, number[]]>} */
    const cases = [
      ['nested arrays', '['.repeat(60_000), [400]],
      ['nested objects', `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`, [422]],
      ['many keys', manyKeys, [422]],
      ['__proto__', '{"__proto__":{"title":"x","body":"y"}}', [422]],
      ['constructor', '{"constructor":{"prototype":{"title":"x"}},"body":"y"}', [422]],
      ['duplicate keys', '{"title":"a","title":{"x":1},"body":"b"}', [422]],
      ['huge number', `{"title":${'9'.repeat(50_000)},"body":"b"}`, [422]],
      ['deep title', '{"title":[[[["x"]]]],"body":"b"}', [422]],
      ['NUL bytes', Buffer.from('{"title":"a\u0000","body":"b"}\u0000'), [400]],
      [
        'BOM then JSON',
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"title":"a","body":"b"}')]),
        [201],
      ],
      ['UTF-16', Buffer.from('{"title":"a","body":"b"}', 'utf16le'), [400]],
      ['empty', '', [400]],
      ['whitespace', ' '.repeat(60_000), [400]],
      ['truncated', '{"title":"a","body":"b', [400]],
    ];
    for (const [name, body, expected] of cases) {
      const res = await postRaw(server, body);
      assert.ok(expected.includes(res.status), `${name}: ${res.status} ${res.text.slice(0, 200)}`);
    }
    await assertAlive(server);
    assert.deepEqual(server.lines, []);
  });

  test('broken framing: bad lengths, bad chunks, absurd sizes', async () => {
    const post = `POST ${pathOf(server.url)}${COMMENTS} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n`;
    const cases = [
      `${post}Content-Length: 99999999999999\r\n\r\n{}`,
      `${post}Content-Length: -1\r\n\r\n{}`,
      `${post}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}`,
      `${post}Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
      `${post}Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFF\r\n{}`,
      `${post}Transfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
      `${post}Content-Length: 2\r\n\r\n{}GARBAGE / HTTP/1.1\r\n\r\n`,
      `GET ${'/a'.repeat(40_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
      `GET /api/v1/site HTTP/1.1\r\nHost: x\r\n${'X-Filler: y\r\n'.repeat(5000)}\r\n`,
      'NOT-HTTP\r\n\r\n',
      `OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n`,
      `GET http://evil.example/demo/data/comments.sqlite HTTP/1.1\r\nHost: x\r\n\r\n`,
    ];
    for (const raw of cases) {
      const { text, timedOut } = await rawExchange(server.origin, {
        timeoutMs: 8_000,
        write(socket) {
          socket.end(raw);
        },
      });
      assert.equal(timedOut, false, raw.slice(0, 80));
      const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));
      assert.ok(
        statuses.every((s) => s < 500),
        `${raw.slice(0, 80)}: ${statuses}`,
      );
    }
    await assertAlive(server);
    assert.deepEqual(server.lines, []);
  });
});

// ---------------------------------------------------------------------------
// Error codes

describe('every error has its own documented code', () => {
  /** @type {Awaited<ReturnType<typeof start>>} */
  let server;
  before(async () => {
    server = await start({
      rateLimit: { max: 1, windowMs: 60_000 },
      fixtures: {
        articles: [
          {
            slug: 'broken-article',
            get title() {
              throw new Error('a broken fixture');
            },
          },
        ],
      },
    });
  });
  after(() => server.close());
  const api = () => pathOf(server.url);

  test('400 404 405 413 415 422 429 500, and 403 for closed comments', async () => {
    const post = (/** @type {string} */ body, /** @type {object} */ headers = {}) =>
      postRaw(server, body, { headers: /** @type {any} */ (headers) });
    assertError(
      await request(server.origin, { path: `${api()}${COMMENTS}?sort=x` }),
      400,
      'bad_request',
    );
    assertError(
      await postRaw(server, '{}', { slug: 'comments-closed-example' }),
      422,
      'validation_failed',
    );
    assertError(
      await postRaw(server, '{"title":"a","body":"b"}', { slug: 'comments-closed-example' }),
      403,
      'comments_closed',
    );
    assertError(await request(server.origin, { path: `${api()}/nope` }), 404, 'not_found');
    const del = await request(server.origin, { method: 'DELETE', path: `${api()}/site` });
    assertError(del, 405, 'method_not_allowed');
    assert.equal(del.headers.allow, 'GET, HEAD, OPTIONS');
    assertError(await post(' '.repeat(LIMIT + 1)), 413, 'payload_too_large');
    assertError(await post('{}', { 'Content-Type': 'text/plain' }), 415, 'unsupported_media_type');
    assertError(await post('{"title":""}'), 422, 'validation_failed');
    assert.equal((await post('{"title":"a","body":"b"}')).status, 201);
    assertError(await post('{"title":"c","body":"d"}'), 429, 'rate_limited');
    const broken = await request(server.origin, { path: `${api()}/articles/broken-article` });
    assertError(broken, 500, 'internal');
    assert.equal(server.lines.length, 1, 'a real failure is logged');
  });

  test('OPTIONS: the CORS preflight on known routes, 404 elsewhere', async () => {
    const known = await request(server.origin, { method: 'OPTIONS', path: `${api()}${COMMENTS}` });
    assert.equal(known.status, 204);
    assert.equal(known.headers['access-control-allow-methods'], 'GET, POST, DELETE, OPTIONS');
    for (const target of [`${api()}/nope`, `${api()}/`, `${api()}/articles`]) {
      assertError(
        await request(server.origin, { method: 'OPTIONS', path: target }),
        404,
        'not_found',
      );
    }
  });
});
