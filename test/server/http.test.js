import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ARTICLE, expectError, startServer } from './helpers.js';

/** Every GET endpoint, with the Cache-Control it must send. */
const GETS = [
  ['/site', 'public, max-age=60'],
  [`/articles/${ARTICLE}`, 'public, max-age=60'],
  [`/articles/${ARTICLE}/comments`, 'no-cache'],
  ['/topics/emotional-resilience', 'public, max-age=60'],
  ['/topics/emotional-resilience/sections/basic', 'public, max-age=60'],
  ['/therapists?postalCode=10001', 'public, max-age=60'],
];

describe('HTTP behaviour', () => {
  /** @type {import('./helpers.js').TestServer} */
  let server;
  before(async () => {
    server = await startServer({
      fixtures: {
        articles: [
          {
            slug: 'explodes',
            title: 'Broken',
            get bodyHtml() {
              throw new Error('boom');
            },
          },
        ],
      },
    });
  });
  after(() => server.close());

  for (const [path, cacheControl] of GETS) {
    test(`GET ${path}: JSON, CORS, ETag, Cache-Control and 304`, async () => {
      const res = await server.get(path);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
      assert.match(res.headers.get('access-control-expose-headers') ?? '', /ETag/);
      assert.match(res.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(res.headers.get('cache-control'), cacheControl);
      assert.equal(res.headers.get('set-cookie'), null);
      const etag = res.headers.get('etag');
      assert.match(etag ?? '', /^"[^"]+"$/, 'strong ETag');
      const text = await res.text();
      assert.equal(Number(res.headers.get('content-length')), Buffer.byteLength(text));

      for (const header of [etag, `W/${etag}`, `"nope", ${etag}`, '*']) {
        const cached = await server.get(path, { headers: { 'If-None-Match': String(header) } });
        assert.equal(cached.status, 304, `If-None-Match: ${header}`);
        assert.equal(cached.headers.get('etag'), etag);
        assert.equal(cached.headers.get('access-control-allow-origin'), '*');
        assert.equal(await cached.text(), '');
      }
      const changed = await server.get(path, { headers: { 'If-None-Match': '"something-else"' } });
      assert.equal(changed.status, 200);
      assert.equal(await changed.text(), text);
    });
  }

  test('the ETag changes when the content changes', async () => {
    server.api.configure({ moderation: false });
    const before = await server.get(`/articles/${ARTICLE}/comments`);
    const res = await server.post(ARTICLE, { title: 'New', body: 'Changes the list.' });
    assert.equal(res.status, 201);
    const afterPost = await server.get(`/articles/${ARTICLE}/comments`, {
      headers: { 'If-None-Match': String(before.headers.get('etag')) },
    });
    assert.equal(afterPost.status, 200);
    assert.notEqual(afterPost.headers.get('etag'), before.headers.get('etag'));
    await server.api.reset();
  });

  test('HEAD answers like GET without a body', async () => {
    const get = await server.get('/site');
    const head = await server.get('/site', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('etag'), get.headers.get('etag'));
    assert.equal(head.headers.get('content-length'), get.headers.get('content-length'));
    assert.equal(await head.text(), '');
  });

  test('unknown paths and slugs get a 404 envelope with CORS', async () => {
    for (const path of [
      '',
      '/',
      '/nothing',
      '/site/extra',
      '/articles/no-such-article',
      '/articles/no-such-article/comments',
      '/topics/no-such-topic',
      '/topics/no-such-topic/sections/basic',
      '/topics/emotional-resilience/sections/no-such-section',
      '/articles/%E0%A4%A',
    ]) {
      await expectError(await server.get(path), 404, 'not_found');
    }
  });

  test('a wrong method gets 405 with Allow', async () => {
    const res = await server.get('/site', { method: 'POST', body: '{}' });
    const allow = res.headers.get('allow');
    await expectError(res, 405, 'method_not_allowed');
    assert.match(allow ?? '', /GET/);
    assert.doesNotMatch(allow ?? '', /POST/);

    const del = await server.get(`/articles/${ARTICLE}/comments`, { method: 'DELETE' });
    const allowed = del.headers.get('allow');
    await expectError(del, 405, 'method_not_allowed');
    assert.match(allowed ?? '', /GET/);
    assert.match(allowed ?? '', /POST/);
  });

  test('OPTIONS preflight is answered with 204 and the CORS policy', async () => {
    const res = await server.get(`/articles/${ARTICLE}/comments`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://partner.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type, idempotency-key',
      },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal(res.headers.get('access-control-allow-methods'), 'GET, POST, DELETE, OPTIONS');
    assert.equal(
      res.headers.get('access-control-allow-headers'),
      'Authorization, Content-Type, Idempotency-Key',
    );
    assert.equal(res.headers.get('access-control-max-age'), '600');
    assert.equal(res.headers.get('set-cookie'), null);
    assert.equal(await res.text(), '');
  });

  test('error responses carry CORS and nosniff too', async () => {
    const res = await server.get('/therapists?postalCode=nope');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('cache-control'), 'no-store');
    await expectError(res, 422, 'validation_failed');
  });

  test('an exception becomes 500 internal, logged once with its stack, and the server keeps serving', async () => {
    /** @type {string[]} */
    const lines = [];
    const local = await startServer({
      logger: (line) => lines.push(line),
      fixtures: {
        articles: [
          /** @type {any} */ ({
            slug: 'x',
            title: 'x',
            toJSON() {
              throw new TypeError('cannot serialize');
            },
          }),
        ],
      },
    });
    try {
      const res = await local.get('/articles/x');
      const text = await res.clone().text();
      await expectError(res, 500, 'internal');
      assert.doesNotMatch(text, /cannot serialize|at .*\.js/, 'no detail leaks to the client');
      assert.equal(lines.length, 1, 'the failure is logged once');
      assert.match(lines[0], /cannot serialize/);
      assert.equal((await local.get('/site')).status, 200);
    } finally {
      await local.close();
    }
    await expectError(await server.get('/articles/explodes'), 500, 'internal');
    assert.equal((await server.get('/site')).status, 200);
  });

  test('stats() counts handled requests by path and method', async () => {
    server.api.resetStats();
    await server.get('/site');
    await server.get('/site');
    await server.get(`/articles/${ARTICLE}?x=1`);
    await fetch(`${server.url}/not-the-api`);
    const stats = server.api.stats();
    assert.equal(stats.requests, 3);
    assert.deepEqual(stats.byPath, { '/site': 2, [`/articles/${ARTICLE}`]: 1 });
    assert.equal(stats.byMethod['GET /site'], 2);
    server.api.resetStats();
    assert.equal(server.api.stats().requests, 0);
  });

  test('paths outside the API get a plain 404 when no static root is set', async () => {
    const res = await fetch(`${server.url}/index.html`);
    assert.equal(res.status, 404);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
  });
});

describe('static files', () => {
  /** @type {string} */
  let root;
  /** @type {import('./helpers.js').TestServer} */
  let server;
  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'mhn-static-'));
    await mkdir(path.join(root, 'site/sub'), { recursive: true });
    await mkdir(path.join(root, 'site/data'), { recursive: true });
    const files = {
      'site/index.html': '<!doctype html><title>demo</title>',
      'site/app.js': 'export {};',
      'site/app.mjs': 'export {};',
      'site/app.js.map': '{}',
      'site/data.json': '{"a":1}',
      'site/style.css': 'p{}',
      'site/icon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
      'site/pixel.png': 'png',
      'site/sub/index.html': '<p>sub</p>',
      'site/.env': 'SECRET=1',
      'site/data/comments.sqlite': 'db',
      'secret.txt': 'outside the mount',
    };
    for (const [name, text] of Object.entries(files)) {
      await writeFile(path.join(root, name), text);
    }
    server = await startServer({
      staticRoot: root,
      staticMounts: ['/site/'],
      staticDeny: ['/site/data/'],
      staticIndex: 'site/index.html',
    });
  });
  after(async () => {
    await server.close();
    await rm(root, { recursive: true, force: true });
  });

  test('serves files with their content types', async () => {
    const types = {
      '/': 'text/html; charset=utf-8',
      '/site/': 'text/html; charset=utf-8',
      '/site/sub/': 'text/html; charset=utf-8',
      '/site/app.js': 'text/javascript; charset=utf-8',
      '/site/app.mjs': 'text/javascript; charset=utf-8',
      '/site/app.js.map': 'application/json; charset=utf-8',
      '/site/data.json': 'application/json; charset=utf-8',
      '/site/style.css': 'text/css; charset=utf-8',
      '/site/icon.svg': 'image/svg+xml',
      '/site/pixel.png': 'image/png',
    };
    for (const [urlPath, type] of Object.entries(types)) {
      const res = await fetch(`${server.url}${urlPath}`);
      assert.equal(res.status, 200, urlPath);
      assert.equal(res.headers.get('content-type'), type, urlPath);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      await res.arrayBuffer();
    }
    assert.equal(
      await (await fetch(`${server.url}/`)).text(),
      '<!doctype html><title>demo</title>',
    );
  });

  test('never serves outside the mounts, denied folders, dotfiles or via traversal', async () => {
    for (const urlPath of [
      '/secret.txt',
      '/site/../secret.txt',
      '/site/%2e%2e/secret.txt',
      '/site/..%2fsecret.txt',
      '/site/..%5csecret.txt',
      '/site/.env',
      '/site/data/comments.sqlite',
      '/site/missing.js',
      '/site/%00.js',
    ]) {
      const res = await fetch(`${server.url}${urlPath}`);
      assert.equal(res.status, 404, urlPath);
      assert.equal(await res.text(), 'Not found');
    }
  });

  test('the API still answers under basePath', async () => {
    assert.equal((await server.get('/site')).status, 200);
  });
});
