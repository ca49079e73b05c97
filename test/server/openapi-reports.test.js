/**
 * reportComment as docs/openapi.yaml documents it: every status it can answer, each
 * validated against the document (closed schemas, documented headers), and the document's
 * reasons are the contract's. openapi.test.js drives the other public operations.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { operations } from '../../scripts/openapi.mjs';
import { covered, document, expectDocumented } from './openapi-check.js';
import { loadContract } from './contract.js';
import { ARTICLE, startServer } from './helpers.js';

const OPERATION = 'reportComment';

describe('reportComment agrees with docs/openapi.yaml', () => {
  /** @type {import('./helpers.js').TestServer} */
  let server;
  /** @type {string} */
  let id;
  before(async () => {
    server = await startServer({
      moderation: false,
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
    const list = await server.getJson(`/articles/${ARTICLE}/comments`);
    id = list.items[0].id;
  });
  after(() => server.close());

  /**
   * @param {unknown} body
   * @param {{ slug?: string, comment?: string, headers?: Record<string, string> }} [options]
   */
  const report = (body, { slug = ARTICLE, comment = id, headers = {} } = {}) =>
    fetch(`${server.apiUrl}/articles/${slug}/comments/${comment}/reports`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  test('the reasons are the contract’s', async () => {
    const contract = await loadContract();
    assert.deepEqual(document.components.schemas.ReportReason.enum, contract.REPORT_REASONS);
  });

  test('202 for a report and for its repeat', async () => {
    const first = await expectDocumented(await report({ reason: 'abuse' }), OPERATION, 202);
    const again = await expectDocumented(await report({ reason: 'spam' }), OPERATION, 202);
    assert.deepEqual(first, { status: 'received' });
    assert.deepEqual(again, first);
  });

  test('400, 404, 415 and 422', async () => {
    await expectDocumented(await report('"spam"'), OPERATION, 400);
    for (const [slug, comment] of [
      ['no-such-article', id],
      [ARTICLE, 'c-999999999'],
      [ARTICLE, 'nothing'],
    ]) {
      const error = await expectDocumented(
        await report({ reason: 'spam' }, { slug, comment }),
        OPERATION,
        404,
      );
      assert.equal(error.error.code, 'not_found');
    }
    const form = await report('reason=spam', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    await expectDocumented(form, OPERATION, 415);
    const invalid = await expectDocumented(await report({ reason: 'rude' }), OPERATION, 422);
    assert.deepEqual(Object.keys(invalid.error.fields), ['reason']);
  });

  test('413 for a body far above anything a report needs', async () => {
    const huge = { reason: 'other', note: 'x'.repeat(200_000) };
    const error = await expectDocumented(await report(huge), OPERATION, 413);
    assert.equal(error.error.code, 'payload_too_large');
  });

  test('429 with Retry-After', async () => {
    await server.api.reset();
    server.api.configure({ rateLimit: { max: 1, windowMs: 60_000 } });
    try {
      let res;
      for (let i = 0; i < 20; i++) {
        res = await report({ reason: 'other' });
        if (res.status !== 202) break;
        await res.body?.cancel();
      }
      await expectDocumented(/** @type {Response} */ (res), OPERATION, 429);
    } finally {
      await server.api.reset();
    }
  });

  test('408 for a body that stops arriving', async () => {
    const slow = await startServer({ bodyTimeoutMs: 300 });
    try {
      const res = await new Promise((resolve, reject) => {
        const req = http.request(`${slow.apiUrl}/articles/${ARTICLE}/comments/${id}/reports`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Content-Length': '100' },
        });
        req.on('error', reject);
        req.on('response', async (answer) => {
          const chunks = [];
          for await (const chunk of answer) chunks.push(chunk);
          const headers = new Headers();
          for (const [name, value] of Object.entries(answer.headers)) {
            if (value !== undefined) {
              headers.set(name, Array.isArray(value) ? value.join(', ') : value);
            }
          }
          req.destroy();
          resolve(new Response(Buffer.concat(chunks), { status: answer.statusCode, headers }));
        });
        req.write('{"reason": "sp');
      });
      await expectDocumented(/** @type {Response} */ (res), OPERATION, 408);
    } finally {
      await slow.close();
    }
  });

  test('503 when the store is gone; 500 is the shared handler (shown with getArticle)', async () => {
    await expectDocumented(await server.get('/articles/explodes'), 'getArticle', 500);
    const local = await startServer();
    try {
      await local.store.close();
      const res = await fetch(`${local.apiUrl}/articles/${ARTICLE}/comments/${id}/reports`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ reason: 'spam' }),
      });
      const error = await expectDocumented(res, OPERATION, 503);
      assert.equal(error.error.code, 'unavailable');
    } finally {
      await local.app.close();
    }
  });

  test('every documented status was produced', () => {
    const op = operations(document).find((o) => o.id === OPERATION);
    assert.ok(op);
    const missing = Object.keys(op.operation.responses).filter(
      (status) =>
        !covered.has(`${OPERATION} ${status}`) &&
        !(status === '500' && covered.has('getArticle 500')),
    );
    assert.deepEqual(missing, []);
  });
});
