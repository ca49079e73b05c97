/**
 * POST /articles/{slug}/comments/{id}/reports: readers (told apart by the address a
 * trusted proxy forwards) report published comments. One report per reader, the same
 * answer for a repeat, enough reports or one "worried" send the comment back to the
 * queue and out of the list, and every mistake gets its status. On SQLite, and on
 * PostgreSQL under MHN_TEST_STORE=postgres.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { DEFAULT_ROTATION_MS } from '../../server/build/server/moderation/index.js';
import { ARTICLE, expectError, startServer } from './helpers.js';
import { MINIMAL, contentFolder } from './content-helpers.js';

/** @param {number} n */
const reader = (n) => ({ 'x-forwarded-for': `198.51.100.${n}` });

/**
 * @param {import('./helpers.js').TestServer} server
 * @param {string} slug
 * @param {string} id
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
const report = (server, slug, id, body, headers = {}) =>
  fetch(`${server.apiUrl}/articles/${slug}/comments/${id}/reports`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** @param {import('./helpers.js').TestServer} server @param {string} [slug] */
const listedIds = async (server, slug = ARTICLE) =>
  (await server.getJson(`/articles/${slug}/comments?limit=100`)).items.map(
    (/** @type {{ id: string }} */ c) => c.id,
  );

/** @param {import('./helpers.js').TestServer} server @param {string} id */
const detail = (server, id) => server.store.getComment(Number(id.slice(2)));

/** @param {Response} res */
async function expectReceived(res) {
  assert.equal(res.status, 202, await res.clone().text());
  assert.equal(res.headers.get('cache-control'), 'no-store');
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  assert.deepEqual(await res.json(), { status: 'received' });
}

describe('POST /articles/{slug}/comments/{id}/reports', () => {
  /** @type {import('./helpers.js').TestServer} */
  let server;
  /** @type {string[]} */
  let ids;
  before(async () => {
    server = await startServer({ moderation: false, trustProxy: '127.0.0.1' });
  });
  after(() => server.close());
  beforeEach(async () => {
    await server.api.reset();
    server.api.configure({ moderation: false });
    ids = await listedIds(server);
    assert.ok(ids.length >= 3);
  });

  test('a new report is received and counted once, however often the reader repeats it', async () => {
    const [id] = ids;
    await expectReceived(await report(server, ARTICLE, id, { reason: 'spam' }, reader(1)));
    await expectReceived(await report(server, ARTICLE, id, { reason: 'spam' }, reader(1)));
    await expectReceived(await report(server, ARTICLE, id, { reason: 'abuse' }, reader(1)));
    const stored = await detail(server, id);
    assert.equal(stored.reports, 1);
    assert.deepEqual(
      stored.reportList.map((/** @type {any} */ r) => r.reason),
      ['spam'],
    );
    assert.equal(stored.status, 'published');
    assert.ok((await listedIds(server)).includes(id), 'one report leaves it listed');
  });

  test('the third distinct reader sends it back to pending (reason reports) and out of the list', async () => {
    const [id, other] = ids;
    await expectReceived(await report(server, ARTICLE, id, { reason: 'spam' }, reader(1)));
    await expectReceived(await report(server, ARTICLE, id, { reason: 'other' }, reader(1)));
    await expectReceived(await report(server, ARTICLE, id, { reason: 'abuse' }, reader(2)));
    assert.ok((await listedIds(server)).includes(id), 'two readers: still listed');
    await expectReceived(await report(server, ARTICLE, id, { reason: 'abuse' }, reader(3)));
    const listed = await listedIds(server);
    assert.ok(!listed.includes(id), 'three readers: gone from the list at once');
    assert.ok(listed.includes(other));
    const stored = await detail(server, id);
    assert.equal(stored.status, 'pending');
    assert.deepEqual(stored.reasons, ['reports']);
    assert.equal(stored.reports, 3);
    // A reader who reported it retries: the same answer; a new reader: no such comment.
    await expectReceived(await report(server, ARTICLE, id, { reason: 'spam' }, reader(2)));
    await expectError(
      await report(server, ARTICLE, id, { reason: 'spam' }, reader(4)),
      404,
      'not_found',
    );
  });

  test('"worried about this person" holds it at once for safety', async () => {
    const [id] = ids;
    await expectReceived(await report(server, ARTICLE, id, { reason: 'worried' }, reader(5)));
    assert.ok(!(await listedIds(server)).includes(id));
    const stored = await detail(server, id);
    assert.equal(stored.status, 'pending');
    assert.deepEqual(stored.reasons, ['safety']);
    assert.equal(stored.safety, true);
    const [top] = (await server.store.listQueue({ status: 'pending', limit: 1 })).items;
    assert.equal(`c-${top.id}`, id, 'first in the queue');
    await expectReceived(await report(server, ARTICLE, id, { reason: 'worried' }, reader(5)));
    assert.equal((await detail(server, id)).reports, 1);
  });

  test('404 for an unknown article, an unknown, malformed, held or deleted comment, or another article', async () => {
    const [id, second] = ids;
    const body = { reason: 'spam' };
    for (const [slug, target] of [
      ['no-such-article', id],
      [ARTICLE, 'c-999999999'],
      [ARTICLE, 'abc'],
      [ARTICLE, 'c-0'],
      [ARTICLE, String(Number(id.slice(2)))],
      ['no-comments-example', id],
    ]) {
      const error = await expectError(await report(server, slug, target, body), 404, 'not_found');
      assert.ok(error.message.length > 0, `${slug} ${target}`);
    }
    const posted = await (
      await server.post(ARTICLE, { title: 'Held', body: 'Waiting for a moderator.' })
    ).json();
    server.api.configure({ moderation: true });
    const held = await (
      await server.post(ARTICLE, { title: 'Held', body: 'Waiting for a moderator too.' })
    ).json();
    assert.equal(held.status, 'pending');
    await expectError(await report(server, ARTICLE, held.comment.id, body), 404, 'not_found');
    await expectReceived(await report(server, ARTICLE, posted.comment.id, body, reader(8)));
    const moderator =
      (await server.store.findModerator('Maya')) ??
      (
        await server.store.addModerator({
          name: 'Maya',
          password: 'maya has a long password',
          role: 'moderator',
        })
      ).moderator;
    await server.store.applyAction({
      ids: [Number(second.slice(2))],
      action: 'delete',
      moderator,
    });
    await expectError(await report(server, ARTICLE, second, body), 404, 'not_found');
    assert.equal((await detail(server, held.comment.id)).reports, 0, 'nothing stored');
  });

  test('422 for a missing or unknown reason, 400 for a body that is not an object, 415 for a form', async () => {
    const [id] = ids;
    for (const body of [{}, { reason: 'boring' }, { reason: 'SPAM' }, { reason: 3 }]) {
      const error = await expectError(
        await report(server, ARTICLE, id, body),
        422,
        'validation_failed',
      );
      assert.deepEqual(Object.keys(error.fields), ['reason'], JSON.stringify(body));
      assert.match(error.fields.reason, /spam, abuse, worried, other/);
    }
    await expectError(await report(server, ARTICLE, id, '["spam"]'), 400, 'bad_request');
    await expectError(await report(server, ARTICLE, id, '{"reason":'), 400, 'bad_request');
    const form = await fetch(`${server.apiUrl}/articles/${ARTICLE}/comments/${id}/reports`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'reason=spam',
    });
    await expectError(form, 415, 'unsupported_media_type');
    assert.equal((await detail(server, id)).reports, 0);
  });

  test('429 with Retry-After once a reader has sent too many reports; others are not held up', async () => {
    server.api.configure({ rateLimit: { max: 1, windowMs: 60_000 } });
    const body = { reason: 'other' };
    for (let i = 0; i < 10; i++) {
      await expectReceived(await report(server, ARTICLE, ids[i % ids.length], body, reader(9)));
    }
    const limited = await report(server, ARTICLE, ids[0], body, reader(9));
    const error = await expectError(limited, 429, 'rate_limited');
    assert.match(error.message, /reports/);
    assert.match(limited.headers.get('retry-after') ?? '', /^[1-9][0-9]*$/);
    await expectReceived(await report(server, ARTICLE, ids[0], body, reader(10)));
  });

  test('OPTIONS is a preflight and GET is 405 with Allow', async () => {
    const url = `${server.apiUrl}/articles/${ARTICLE}/comments/${ids[0]}/reports`;
    const preflight = await fetch(url, {
      method: 'OPTIONS',
      headers: { Origin: 'https://partner.example', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(preflight.status, 204);
    const get = await fetch(url);
    await expectError(get, 405, 'method_not_allowed');
    assert.equal(get.headers.get('allow'), 'POST, OPTIONS');
  });
});

test("the site's reportThreshold decides how many readers it takes", async () => {
  const folder = await contentFolder({
    ...MINIMAL,
    'site.yaml': `${MINIMAL['site.yaml']}moderation:\n  reportThreshold: 1\n`,
  });
  const server = await startServer({
    contentDir: folder.dir,
    moderation: false,
    trustProxy: '127.0.0.1',
  });
  try {
    const posted = await (
      await server.post('breathing', { title: 'Hi', body: 'Breathing helps me.' })
    ).json();
    assert.equal(posted.status, 'published');
    assert.deepEqual(await listedIds(server, 'breathing'), [posted.comment.id]);
    await expectReceived(
      await report(server, 'breathing', posted.comment.id, { reason: 'spam' }, reader(1)),
    );
    assert.deepEqual(await listedIds(server, 'breathing'), []);
    assert.deepEqual((await detail(server, posted.comment.id)).reasons, ['reports']);
  } finally {
    await server.close();
    await folder.remove();
  }
});

test('a reader who reported before a client-key rotation is still the same reader after it', async () => {
  // A minute before a rotation period ends: the repeat comes after it, under a new key.
  let now = (Math.floor(Date.UTC(2026, 10, 2) / DEFAULT_ROTATION_MS) + 1) * DEFAULT_ROTATION_MS;
  now -= 60_000;
  const server = await startServer({
    moderation: false,
    trustProxy: '127.0.0.1',
    storeOptions: { now: () => now },
  });
  try {
    const [id] = await listedIds(server);
    await expectReceived(await report(server, ARTICLE, id, { reason: 'spam' }, reader(1)));
    now += 2 * 60_000;
    await expectReceived(await report(server, ARTICLE, id, { reason: 'abuse' }, reader(1)));
    const stored = await detail(server, id);
    assert.equal(stored.reports, 1, 'counted once across the rotation');
    assert.deepEqual(
      stored.reportList.map((/** @type {any} */ r) => r.reason),
      ['spam'],
    );
    // Held by others' reports, it is still "received" for this reader, not 404.
    await expectReceived(await report(server, ARTICLE, id, { reason: 'spam' }, reader(2)));
    await expectReceived(await report(server, ARTICLE, id, { reason: 'spam' }, reader(3)));
    assert.equal((await detail(server, id)).status, 'pending');
    await expectReceived(await report(server, ARTICLE, id, { reason: 'spam' }, reader(1)));
  } finally {
    await server.close();
  }
});
