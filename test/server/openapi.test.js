/**
 * docs/openapi.yaml is the authority: this drives the Content API service through every
 * operation — successes and each error it can produce — and validates every response's
 * status, headers and body against the document (Ajv 2020 compiling the document's own
 * schemas). It also checks that the document and the shared contract (src/contract/)
 * state the same rules.
 *
 * Schemas here are "closed" (undocumented properties fail): other servers may add
 * fields, but the project's own server must not send anything the document does not
 * describe.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { deref, operations, pointer } from '../../scripts/openapi.mjs';
import {
  covered,
  document,
  expectDocumented,
  isAdminOperation,
  validator,
} from './openapi-check.js';
import { loadContract } from './contract.js';
import { ARTICLE, LONG_THREAD, startServer } from './helpers.js';

/** Documented responses no test here can produce against the service, and why. */
const NOT_PRODUCIBLE = {
  503: 'only operations that read the store can be unavailable (site, topics and therapists come from the content folder); produced below for getArticle, listComments, postComment and getReadiness',
};

describe('docs/openapi.yaml agrees with src/contract/', () => {
  /** @type {Awaited<ReturnType<typeof loadContract>>} */
  let contract;
  before(async () => {
    contract = await loadContract();
  });
  const schemas = document.components.schemas;
  const param = (/** @type {string} */ name) => document.components.parameters[name];
  const listTherapists = document.paths['/therapists'].get;
  const queryParam = (/** @type {string} */ name) =>
    listTherapists.parameters.find((/** @type {any} */ p) => p.name === name);

  test('error codes: the same list, and every documented error uses its one status', () => {
    assert.deepEqual(schemas.ErrorCode.enum, contract.API_ERROR_CODES);
    let checked = 0;
    for (const { id, operation } of operations(document)) {
      // The admin API's own codes (unauthorized, forbidden) are not the widgets' contract.
      if (isAdminOperation(operation)) continue;
      for (const [status, raw] of Object.entries(operation.responses)) {
        const schema = deref(document, raw, []).node.content?.['application/json']?.schema;
        const code = schema?.properties?.error?.properties?.code;
        if (!code) continue;
        for (const c of code.enum ?? [code.const]) {
          assert.equal(contract.API_ERROR_STATUS[c], Number(status), `${id} ${status}: ${c}`);
          checked += 1;
        }
      }
    }
    assert.ok(checked > 30);
  });

  test('paging, cursor, radius, Idempotency-Key and sort bounds', () => {
    assert.equal(param('Limit').schema.default, contract.PAGE_SIZE.default);
    assert.equal(param('Limit').schema.minimum, contract.PAGE_SIZE.min);
    assert.match(param('Limit').description, new RegExp(`at ${contract.PAGE_SIZE.max}\\.`));
    assert.equal(schemas.Cursor.maxLength, contract.CURSOR_MAX_LENGTH);
    assert.equal(schemas.Cursor.pattern, contract.CURSOR_PATTERN.source);
    const radius = queryParam('radius').schema;
    assert.deepEqual(
      { default: radius.default, min: radius.minimum, max: radius.maximum },
      { ...contract.RADIUS_KM },
    );
    const key = document.paths['/articles/{slug}/comments'].post.parameters.find(
      (/** @type {any} */ p) => p.name === 'Idempotency-Key',
    );
    assert.deepEqual(
      { min: key.schema.minLength, max: key.schema.maxLength },
      { ...contract.IDEMPOTENCY_KEY_LENGTH },
    );
    assert.deepEqual(schemas.CommentSort.enum, contract.COMMENT_SORTS);
    assert.equal(schemas.CommentSort.default, contract.DEFAULT_COMMENT_SORT);
  });

  test('comment limits: the CommentInput patterns accept exactly what checkComment accepts', () => {
    const samples = [
      '',
      ' ',
      'a',
      '  a  ',
      '\n\tHi\n',
      '😀',
      'x'.repeat(59),
      'x'.repeat(60),
      'x'.repeat(61),
      ` ${'é'.repeat(60)} `,
      '😀'.repeat(60),
      '😀'.repeat(61),
      'x'.repeat(119),
      'x'.repeat(120),
      '😀'.repeat(120),
      `${'y'.repeat(120)}   `,
      'y'.repeat(121),
      'z'.repeat(4999),
      'z'.repeat(5000),
      `\n${'😀'.repeat(5000)}\n`,
      'z'.repeat(5001),
      '😀'.repeat(5001),
    ];
    for (const field of contract.COMMENT_FIELDS) {
      const validate = validator(
        pointer('components', 'schemas', 'CommentInput', 'properties', field),
      );
      for (const text of samples) {
        const input = { title: 'T', body: 'B', [field]: text };
        const ok = contract.checkComment(input).ok;
        assert.equal(validate(text), ok, `${field} of ${[...text].length} characters: ${ok}`);
      }
    }
  });

  test('the largest comment body is the arithmetic of the limits', () => {
    const escaped = (/** @type {number} */ n) => '\\uD83D\\uDE00'.repeat(n);
    const { title, author, body } = contract.COMMENT_LIMITS;
    const largest = `{"title":"${escaped(title.max)}","author":"${escaped(author.max)}","body":"${escaped(body.max)}"}`;
    assert.equal(Buffer.byteLength(largest), contract.MAX_COMMENT_REQUEST_BYTES);
    assert.equal(contract.MAX_COMMENT_REQUEST_BYTES, (120 + 60 + 5000) * 12 + 34);
    const empty = JSON.stringify({ title: '', author: '', body: '' });
    assert.equal(contract.COMMENT_JSON_OVERHEAD_BYTES, Buffer.byteLength(empty));
    assert.equal(contract.checkComment(JSON.parse(largest)).ok, true);
  });

  test('postal codes: the documented pattern accepts exactly what normalizePostalCode accepts', () => {
    const pattern = new RegExp(queryParam('postalCode').schema.pattern, 'u');
    const codes = [
      '10001',
      ' 10001 ',
      '10001-0001',
      '1000',
      '100011',
      '10001-',
      'K1A 0B1',
      'k1a0b1',
      'K1A  0B1',
      'D1A 0B1',
      'W1A 0B1',
      'Z1A 0B1',
      'K1O 0B1',
      'K1A 0B1X',
      'M5V 3L9',
      'SW1A 1AA',
      '',
      '75008',
    ];
    for (const code of codes) {
      assert.equal(pattern.test(code), contract.normalizePostalCode(code) !== null, code);
    }
  });
});

describe('the service answers as docs/openapi.yaml says', () => {
  /** @type {import('./helpers.js').TestServer} */
  let server;
  /** @type {Awaited<ReturnType<typeof loadContract>>} */
  let contract;
  before(async () => {
    contract = await loadContract();
    server = await startServer({
      fixtures: {
        articles: [
          {
            slug: 'explodes',
            title: 'Broken',
            url: 'https://example.org/broken',
            authors: [],
            get bodyHtml() {
              throw new Error('boom (a deliberate test failure)');
            },
          },
        ],
      },
    });
  });
  after(() => server.close());

  /**
   * @param {string} path
   * @param {string} id
   */
  async function expectCached(path, id) {
    const first = await server.get(path);
    const body = await expectDocumented(first, id, 200);
    const etag = String(first.headers.get('etag'));
    const cached = await server.get(path, { headers: { 'If-None-Match': etag } });
    await expectDocumented(cached, id, 304);
    assert.equal(cached.headers.get('etag'), etag);
    return body;
  }

  const post = (/** @type {string} */ slug, /** @type {unknown} */ body, headers = {}) =>
    server.post(slug, body, { 'Idempotency-Key': crypto.randomUUID(), ...headers });

  test('getSite: 200 and 304', async () => {
    await expectCached('/site', 'getSite');
  });

  test('getArticle: 200, 304, 404 and 500', async () => {
    const article = await expectCached(`/articles/${ARTICLE}`, 'getArticle');
    assert.equal(article.slug, ARTICLE);
    await expectDocumented(await server.get('/articles/no-such-article'), 'getArticle', 404);
    await expectDocumented(await server.get('/articles/explodes'), 'getArticle', 500);
  });

  test('listComments: pages in both orders, 304, 400 and 404', async () => {
    const first = await expectCached(`/articles/${LONG_THREAD}/comments?limit=5`, 'listComments');
    assert.equal(first.items.length, 5);
    const next = await expectDocumented(
      await server.get(`/articles/${LONG_THREAD}/comments?limit=5&cursor=${first.nextCursor}`),
      'listComments',
      200,
    );
    assert.notEqual(next.items[0].id, first.items[0].id);
    const capped = await expectDocumented(
      await server.get(`/articles/${LONG_THREAD}/comments?sort=oldest&limit=1000`),
      'listComments',
      200,
    );
    assert.equal(capped.items.length, contract.PAGE_SIZE.max);
    for (const query of [
      'sort=sideways',
      'limit=0',
      'limit=ten',
      'cursor=not-a-cursor',
      `sort=oldest&cursor=${first.nextCursor}`,
    ]) {
      const error = await expectDocumented(
        await server.get(`/articles/${ARTICLE}/comments?${query}`),
        'listComments',
        400,
      );
      assert.equal(error.error.code, 'bad_request', query);
    }
    await expectDocumented(
      await server.get('/articles/no-such-article/comments'),
      'listComments',
      404,
    );
  });

  test('postComment: 201 pending, replayed, then published', async () => {
    const key = crypto.randomUUID();
    const input = { title: 'Step by step', author: 'JMT', body: 'Writing it down helps.' };
    const created = await expectDocumented(
      await post(ARTICLE, input, { 'Idempotency-Key': key }),
      'postComment',
      201,
    );
    assert.equal(created.status, 'pending');
    const again = await post(ARTICLE, input, { 'Idempotency-Key': key });
    assert.equal(again.headers.get('idempotency-replayed'), 'true');
    assert.deepEqual(await expectDocumented(again, 'postComment', 201), created);
    server.api.configure({ moderation: false });
    const published = await expectDocumented(
      await post(ARTICLE, { title: 'Thank you', author: null, body: 'This helped me today.' }),
      'postComment',
      201,
    );
    assert.equal(published.status, 'published');
    await server.api.reset();
  });

  test('postComment: 400 for bodies that are not a JSON object or a bad Idempotency-Key', async () => {
    for (const [body, headers] of [
      ['{"title": "unfinished', {}],
      ['["a list"]', {}],
      ['null', {}],
      [{ title: 'T', body: 'B' }, { 'Idempotency-Key': 'k'.repeat(201) }],
    ]) {
      const error = await expectDocumented(await post(ARTICLE, body, headers), 'postComment', 400);
      assert.equal(error.error.code, 'bad_request');
    }
  });

  test('postComment: 403 comments_closed and 404 not_found', async () => {
    const input = { title: 'T', body: 'B' };
    await expectDocumented(await post('comments-closed-example', input), 'postComment', 403);
    await expectDocumented(await post('no-such-article', input), 'postComment', 404);
  });

  test('postComment: 422 validation_failed names every field that needs attention', async () => {
    const error = await expectDocumented(
      await post(ARTICLE, { title: '   ', author: 'a'.repeat(61), body: 'b'.repeat(5001) }),
      'postComment',
      422,
    );
    assert.equal(error.error.code, 'validation_failed');
    assert.deepEqual(Object.keys(error.error.fields).sort(), ['author', 'body', 'title']);
    const notText = await expectDocumented(
      await post(ARTICLE, { title: 5, body: ['x'] }),
      'postComment',
      422,
    );
    assert.deepEqual(Object.keys(notText.error.fields).sort(), ['body', 'title']);
  });

  test('postComment: 422 idempotency_key_reused for the same key with another body', async () => {
    const key = crypto.randomUUID();
    await expectDocumented(
      await post(ARTICLE, { title: 'First', body: 'One.' }, { 'Idempotency-Key': key }),
      'postComment',
      201,
    );
    const error = await expectDocumented(
      await post(ARTICLE, { title: 'Second', body: 'Two.' }, { 'Idempotency-Key': key }),
      'postComment',
      422,
    );
    assert.equal(error.error.code, 'idempotency_key_reused');
    await server.api.reset();
  });

  test('postComment: 415 unsupported_media_type for a body that is not JSON', async () => {
    const error = await expectDocumented(
      await post(ARTICLE, 'title=T&body=B', {
        'Content-Type': 'application/x-www-form-urlencoded',
      }),
      'postComment',
      415,
    );
    assert.equal(error.error.code, 'unsupported_media_type');
  });

  test('postComment: 413 payload_too_large above the largest valid body', async () => {
    const huge = { title: 'T', body: 'x'.repeat(contract.MAX_COMMENT_REQUEST_BYTES * 2) };
    const error = await expectDocumented(await post(ARTICLE, huge), 'postComment', 413);
    assert.equal(error.error.code, 'payload_too_large');
  });

  test('postComment: accepts the largest valid comment body', async () => {
    const escaped = (/** @type {number} */ n) => '\\uD83D\\uDE00'.repeat(n);
    const { title, author, body } = contract.COMMENT_LIMITS;
    const largest = `{"title":"${escaped(title.max)}","author":"${escaped(author.max)}","body":"${escaped(body.max)}"}`;
    assert.equal(Buffer.byteLength(largest), contract.MAX_COMMENT_REQUEST_BYTES);
    const created = await expectDocumented(await post(ARTICLE, largest), 'postComment', 201);
    assert.equal([...created.comment.body].length, body.max);
    await server.api.reset();
  });

  test('postComment: 408 request_timeout for a body that stops arriving', async () => {
    const slow = await startServer({ bodyTimeoutMs: 300 });
    try {
      const res = await new Promise((resolve, reject) => {
        const req = http.request(`${slow.apiUrl}/articles/${ARTICLE}/comments`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Content-Length': '200' },
        });
        req.on('error', reject);
        req.on('response', async (answer) => {
          const chunks = [];
          for await (const chunk of answer) chunks.push(chunk);
          const headers = new Headers();
          for (const [name, value] of Object.entries(answer.headers)) {
            if (value !== undefined)
              headers.set(name, Array.isArray(value) ? value.join(', ') : value);
          }
          req.destroy();
          resolve(new Response(Buffer.concat(chunks), { status: answer.statusCode, headers }));
        });
        req.write('{"title": "half a comment", "bo');
      });
      const error = await expectDocumented(/** @type {Response} */ (res), 'postComment', 408);
      assert.equal(error.error.code, 'request_timeout');
    } finally {
      await slow.close();
    }
  });

  test('postComment: 429 rate_limited with Retry-After', async () => {
    await server.api.reset();
    server.api.configure({ rateLimit: { max: 1, windowMs: 60_000 } });
    try {
      await expectDocumented(await post(ARTICLE, { title: 'T', body: 'B' }), 'postComment', 201);
      const error = await expectDocumented(
        await post(ARTICLE, { title: 'T2', body: 'B2' }),
        'postComment',
        429,
      );
      assert.equal(error.error.code, 'rate_limited');
    } finally {
      await server.api.reset();
    }
  });

  test('preflightComments: 204 with the CORS headers', async () => {
    const res = await server.get(`/articles/${ARTICLE}/comments`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://partner.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type, idempotency-key',
      },
    });
    await expectDocumented(res, 'preflightComments', 204);
  });

  test('getCommentForm: 200, never cached', async () => {
    const body = await expectDocumented(await server.get('/comment-form'), 'getCommentForm', 200);
    assert.equal(typeof body.formToken, 'string');
  });

  test('postComment with the form token and the honeypot; deleteOwnComment: 204, 403, 404', async () => {
    const { formToken } = await (await server.get('/comment-form')).json();
    const created = await expectDocumented(
      await post(ARTICLE, { title: 'Mine', body: 'For a while.', website: '', formToken }),
      'postComment',
      201,
    );
    const path = `/articles/${ARTICLE}/comments/${created.comment.id}`;
    const del = (/** @type {string} */ token, target = path) =>
      server.get(target, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
    await expectDocumented(await del('not-the-token'), 'deleteOwnComment', 403);
    await expectDocumented(await del(created.deletion.token), 'deleteOwnComment', 204);
    await expectDocumented(await del(created.deletion.token), 'deleteOwnComment', 404);
    await expectDocumented(
      await del(created.deletion.token, `/articles/${ARTICLE}/comments/c-999999`),
      'deleteOwnComment',
      404,
    );
  });

  test('deleteOwnComment: 410 deletion_expired after 24 hours', async () => {
    let now = Date.now();
    const local = await startServer({ storeOptions: { now: () => now } });
    try {
      const created = await (
        await local.post(ARTICLE, { title: 'Late', body: 'Too late.' })
      ).json();
      now += 25 * 60 * 60 * 1000;
      const res = await local.get(`/articles/${ARTICLE}/comments/${created.comment.id}`, {
        method: 'DELETE',
        headers: { Authorization: `Bearer ${created.deletion.token}` },
      });
      const error = await expectDocumented(res, 'deleteOwnComment', 410);
      assert.equal(error.error.code, 'deletion_expired');
    } finally {
      await local.close();
    }
  });

  test('getTopic: 200, 304 and 404', async () => {
    await expectCached('/topics/emotional-resilience', 'getTopic');
    await expectDocumented(await server.get('/topics/no-such-topic'), 'getTopic', 404);
  });

  test('getSection: pages, 304, 400 and 404', async () => {
    const path = '/topics/emotional-resilience/sections/basic';
    const first = await expectCached(`${path}?limit=1`, 'getSection');
    assert.ok(first.nextCursor);
    await expectDocumented(
      await server.get(`${path}?limit=1&cursor=${first.nextCursor}`),
      'getSection',
      200,
    );
    await expectDocumented(await server.get(`${path}?cursor=%7B%7D`), 'getSection', 400);
    await expectDocumented(await server.get(`${path}?limit=-1`), 'getSection', 400);
    await expectDocumented(
      await server.get('/topics/emotional-resilience/sections/no-such-section'),
      'getSection',
      404,
    );
    await expectDocumented(
      await server.get('/topics/no-such-topic/sections/basic'),
      'getSection',
      404,
    );
  });

  test('listTherapists: results, an uncovered area, 304, 400 and 422', async () => {
    const near = await expectCached('/therapists?postalCode=10001&limit=2', 'listTherapists');
    assert.equal(near.items.length, 2);
    assert.ok(near.nextCursor, 'more than two therapists near 10001');
    const more = await expectDocumented(
      await server.get(`/therapists?postalCode=10001&limit=2&cursor=${near.nextCursor}`),
      'listTherapists',
      200,
    );
    assert.notEqual(more.items[0].id, near.items[0].id);
    const canada = await expectDocumented(
      await server.get('/therapists?postalCode=%20k1a0b1%20&radius=500'),
      'listTherapists',
      200,
    );
    assert.ok(canada.items.length > 0);
    const none = await expectDocumented(
      await server.get('/therapists?postalCode=00501'),
      'listTherapists',
      200,
    );
    assert.deepEqual(none, { items: [], nextCursor: null });
    await expectDocumented(
      await server.get('/therapists?postalCode=10001&limit=many'),
      'listTherapists',
      400,
    );
    const foreign = await expectDocumented(
      await server.get('/therapists?postalCode=SW1A%201AA'),
      'listTherapists',
      422,
    );
    assert.deepEqual(Object.keys(foreign.error.fields), ['postalCode']);
    const far = await expectDocumented(
      await server.get('/therapists?postalCode=10001&radius=501'),
      'listTherapists',
      422,
    );
    assert.deepEqual(Object.keys(far.error.fields), ['radius']);
    const missing = await expectDocumented(await server.get('/therapists'), 'listTherapists', 422);
    assert.deepEqual(Object.keys(missing.error.fields), ['postalCode']);
  });

  test('any path the API does not serve: 404 not_found', async () => {
    await expectDocumented(
      await server.get('/nothing/here'),
      '#/components/responses/NotFound',
      404,
    );
  });

  test('a method a path does not take: 405 method_not_allowed with Allow', async () => {
    for (const [method, path] of [
      ['DELETE', '/site'],
      ['PUT', `/articles/${ARTICLE}/comments`],
    ]) {
      const res = await server.get(path, { method });
      const error = await expectDocumented(res, '#/components/responses/MethodNotAllowed', 405);
      assert.equal(error.error.code, 'method_not_allowed');
    }
  });

  test('getHealth and getReadiness: 200; with the store gone, 503 unavailable', async () => {
    const local = await startServer();
    try {
      await expectDocumented(await fetch(`${local.url}/healthz`), 'getHealth', 200);
      await expectDocumented(await fetch(`${local.url}/readyz`), 'getReadiness', 200);
      await local.store.close();
      await expectDocumented(await fetch(`${local.url}/healthz`), 'getHealth', 200);
      for (const [res, target] of /** @type {const} */ ([
        [await fetch(`${local.url}/readyz`), 'getReadiness'],
        [await local.get(`/articles/${ARTICLE}`), 'getArticle'],
        [await local.get(`/articles/${ARTICLE}/comments`), 'listComments'],
        [await local.post(ARTICLE, { title: 'T', body: 'B' }), 'postComment'],
        [
          await local.get(`/articles/${ARTICLE}/comments/c-1`, {
            method: 'DELETE',
            headers: { Authorization: 'Bearer x' },
          }),
          'deleteOwnComment',
        ],
      ])) {
        const error = await expectDocumented(res, target, 503);
        assert.equal(error.error.code, 'unavailable', target);
      }
    } finally {
      await local.app.close();
    }
  });

  test('every documented operation and status was produced (or is listed as not producible)', () => {
    const missing = [];
    for (const { id, operation } of operations(document)) {
      // The admin API is driven (and its coverage checked) by admin-api.test.js, and
      // reportComment by openapi-reports.test.js.
      if (id in NOT_PRODUCIBLE || isAdminOperation(operation) || id === 'reportComment') {
        continue;
      }
      for (const status of Object.keys(operation.responses)) {
        const excused =
          status in NOT_PRODUCIBLE || (status === '500' && covered.has('getArticle 500'));
        if (!excused && !covered.has(`${id} ${status}`)) missing.push(`${id} ${status}`);
      }
    }
    assert.deepEqual(missing, []);
  });
});
