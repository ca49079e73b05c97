/**
 * The comment form's spam defences and the poster's own deletion, over HTTP (on SQLite,
 * and on PostgreSQL with MHN_TEST_STORE=postgres):
 *
 * - GET /comment-form issues a timing token; a form sent with it sooner than the site's
 *   minimum is kept as spam (`too-fast`) and answered like a held comment; a forged or
 *   missing token leaves the timing unknown; a token issued by one instance is read by
 *   another on the same database, also across a secret rotation;
 * - a filled honeypot (`website`) is spam, answered exactly like a held comment;
 * - DELETE /articles/{slug}/comments/{id} with the 201's deletion token: 204, and the
 *   comment is gone from the list and the count at once (a replay of its post does not
 *   bring it back); 403 for a wrong token, 404 for unknown ids, 410 after 24 hours.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { DEFAULT_ROTATION_MS } from '../../server/build/server/moderation/index.js';
import { ARTICLE, expectError, startServer } from './helpers.js';

const HOUR = 60 * 60 * 1000;
const TOKEN = /^(\d{1,15})\.[0-9a-f]{32}$/;

/** The clock of the service (the store's and the form tokens'). */
let now = Date.now();
/** @type {import('./helpers.js').TestServer} */
let server;
before(async () => {
  // The sample site's minimum (tests otherwise post with none).
  server = await startServer({ storeOptions: { now: () => now }, minSubmitSeconds: 3 });
});
after(() => server.close());
beforeEach(async () => {
  now = Date.now();
  await server.api.reset();
});

const input = (/** @type {Record<string, unknown>} */ extra = {}) => ({
  title: 'Small steps',
  author: 'Ana',
  body: `Writing it down each evening helps (${crypto.randomUUID()}).`,
  ...extra,
});

/** @param {Record<string, unknown>} body */
async function post(body, headers = {}) {
  const res = await server.post(ARTICLE, body, {
    'Idempotency-Key': crypto.randomUUID(),
    ...headers,
  });
  assert.equal(res.status, 201, await res.clone().text());
  return res.json();
}

async function formToken() {
  const res = await server.get('/comment-form');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const { formToken: token } = await res.json();
  assert.match(token, TOKEN);
  return token;
}

/** The stored comment behind an API id (`c-123`). */
async function stored(/** @type {string} */ id) {
  const comment = await server.store.getComment(Number(id.slice(2)));
  assert.ok(comment, `${id} is stored`);
  return comment;
}

const listed = async () => server.getJson(`/articles/${ARTICLE}/comments?limit=100`);

describe('the form token', () => {
  test('GET /comment-form issues a token of the service clock, never cached', async () => {
    const token = await formToken();
    assert.equal(Number(TOKEN.exec(token)?.[1]), Math.floor(now));
  });

  test('a form sent sooner than the minimum is spam, answered like a held comment', async () => {
    const token = await formToken();
    now += 1000; // the minimum is 3 seconds
    const fast = await post(input({ formToken: token, website: '' }));
    assert.equal(fast.status, 'pending');
    const comment = await stored(fast.comment.id);
    assert.equal(comment.status, 'spam');
    assert.ok(comment.reasons.includes('too-fast'), comment.reasons.join());
  });

  test('a form shown long enough is not too fast', async () => {
    const token = await formToken();
    now += 10_000;
    const result = await post(input({ formToken: token }));
    const comment = await stored(result.comment.id);
    assert.equal(comment.status, 'pending');
    assert.ok(!comment.reasons.includes('too-fast'), comment.reasons.join());
  });

  test('a forged, garbled or missing token leaves the timing unknown', async () => {
    const token = await formToken();
    // Claims to have been issued a minute ago, with the MAC of another time.
    const forged = `${Math.floor(now) - 60_000}.${token.split('.')[1]}`;
    for (const formToken of [forged, 'not-a-token', '', undefined]) {
      const result = await post(input({ formToken }));
      const comment = await stored(result.comment.id);
      assert.ok(!comment.reasons.includes('too-fast'), `${formToken}: ${comment.reasons}`);
      assert.equal(comment.status, 'pending', String(formToken));
    }
  });

  test('a token that is not text is a malformed request: 400, nothing stored', async () => {
    const before = await server.store.countByStatus();
    const res = await server.post(ARTICLE, input({ formToken: 12 }));
    await expectError(res, 400, 'bad_request');
    assert.deepEqual(await server.store.countByStatus(), before);
  });
});

describe('the form token on several instances', () => {
  /** @type {string} */
  let dir;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'mhn-form-token-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  /**
   * Posts on `to` a form whose token `from` issued, `shownMs` after it was shown, and
   * returns the stored comment's reasons.
   * @param {import('./helpers.js').TestServer} from
   * @param {import('./helpers.js').TestServer} to
   * @param {{ now: number }} clock
   */
  async function reasonsAcross(from, to, clock, shownMs) {
    const res = await from.get('/comment-form');
    assert.equal(res.status, 200);
    const { formToken: token } = await res.json();
    clock.now += shownMs;
    const sent = await to.post(ARTICLE, input({ formToken: token }));
    assert.equal(sent.status, 201, await sent.clone().text());
    const { comment } = await sent.json();
    const kept = await to.store.getComment(Number(comment.id.slice(2)));
    assert.ok(kept);
    return kept.reasons;
  }

  test('a token issued by one instance is verified by another on the same database', async () => {
    // A minute before a rotation period ends.
    const clock = {
      now: (Math.floor(Date.UTC(2026, 10, 2) / DEFAULT_ROTATION_MS) + 1) * DEFAULT_ROTATION_MS,
    };
    clock.now -= 60_000;
    const dbPath = path.join(dir, 'shared.sqlite');
    const options = { dbPath, minSubmitSeconds: 3, storeOptions: { now: () => clock.now } };
    const one = await startServer(options);
    const two = await startServer(options);
    try {
      // Sent 1 s after it was shown (the minimum is 3 s): only a token the other
      // instance could verify makes it too fast; an unverified one leaves timing unknown.
      assert.ok((await reasonsAcross(one, two, clock, 1000)).includes('too-fast'));
      assert.ok((await reasonsAcross(two, one, clock, 1000)).includes('too-fast'));
      // Shown long enough: verified, and not too fast.
      assert.ok(!(await reasonsAcross(one, two, clock, 5000)).includes('too-fast'));
      // Shown before the rotation, sent after it (to the other instance).
      clock.now = Math.ceil(clock.now / DEFAULT_ROTATION_MS) * DEFAULT_ROTATION_MS - 500;
      assert.ok((await reasonsAcross(one, two, clock, 1000)).includes('too-fast'));
      // A token from a service on another database is not accepted (its secret differs).
      const elsewhere = await startServer({ ...options, dbPath: path.join(dir, 'other.sqlite') });
      try {
        assert.ok(!(await reasonsAcross(elsewhere, one, clock, 1000)).includes('too-fast'));
      } finally {
        await elsewhere.close();
      }
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});

describe('the honeypot', () => {
  test('a filled honeypot is kept as spam and answered exactly like a held comment', async () => {
    const held = await post(input({ website: '' }));
    const bot = await post(input({ website: 'https://spam.example' }));
    assert.deepEqual(Object.keys(bot).sort(), Object.keys(held).sort());
    assert.equal(bot.status, 'pending');
    assert.equal(bot.safety, undefined);
    assert.equal(typeof bot.deletion.token, 'string');
    const comment = await stored(bot.comment.id);
    assert.equal(comment.status, 'spam');
    assert.ok(comment.reasons.includes('honeypot'));
    assert.equal((await stored(held.comment.id)).status, 'pending');
  });
});

describe('the poster deletes their own comment', () => {
  /** @param {string} id @param {string | null} token */
  const del = (id, token, slug = ARTICLE) =>
    server.get(`/articles/${slug}/comments/${id}`, {
      method: 'DELETE',
      headers: token === null ? {} : { Authorization: `Bearer ${token}` },
    });

  /** Posts a comment that is published at once; its 201 and its key. */
  async function published() {
    server.api.configure({ moderation: false });
    const key = crypto.randomUUID();
    const body = input();
    const result = await post(body, { 'Idempotency-Key': key });
    assert.equal(result.status, 'published');
    return { result, key, body };
  }

  test('the 201 carries a deletion token valid for 24 hours', async () => {
    const { result } = await published();
    assert.match(result.deletion.token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(
      Date.parse(result.deletion.expires) - Date.parse(result.comment.created),
      24 * HOUR,
    );
  });

  test('204: gone from the list and the count at once, and a replay does not bring it back', async () => {
    const { result, key, body } = await published();
    const { id } = result.comment;
    const before = await listed();
    assert.ok(before.items.some((/** @type {any} */ c) => c.id === id));
    const res = await del(id, result.deletion.token);
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(await res.text(), '');
    const afterDelete = await listed();
    assert.equal(afterDelete.total, before.total - 1);
    assert.ok(!afterDelete.items.some((/** @type {any} */ c) => c.id === id));
    const article = await server.getJson(`/articles/${ARTICLE}`);
    assert.equal(article.comments.count, before.total - 1);
    assert.equal((await stored(id)).body, '', 'the words are erased');

    const replay = await server.post(ARTICLE, body, { 'Idempotency-Key': key });
    assert.equal(replay.headers.get('idempotency-replayed'), 'true');
    assert.deepEqual(await listed(), afterDelete);
    // Deleted already: nothing to delete.
    await expectError(await del(id, result.deletion.token), 404, 'not_found');
  });

  test('403 for a wrong or missing token; the comment stays', async () => {
    const { result } = await published();
    const other = await post(input());
    await expectError(await del(result.comment.id, other.deletion.token), 403, 'forbidden');
    await expectError(await del(result.comment.id, null), 403, 'forbidden');
    await expectError(await del(result.comment.id, 'x'.repeat(500)), 403, 'forbidden');
    assert.ok((await listed()).items.some((/** @type {any} */ c) => c.id === result.comment.id));
  });

  test('404 for an unknown id, a seed comment, another article or an unknown article', async () => {
    const { result } = await published();
    const { token } = result.deletion;
    const seed = (await listed()).items.find((/** @type {any} */ c) => c.id !== result.comment.id);
    for (const id of ['c-999999', 'c-0', 'c-abc', '123', seed.id]) {
      await expectError(await del(id, token), 404, 'not_found');
    }
    await expectError(await del(result.comment.id, token, 'long-thread-example'), 404, 'not_found');
    await expectError(await del(result.comment.id, token, 'no-such-article'), 404, 'not_found');
    assert.ok((await listed()).items.some((/** @type {any} */ c) => c.id === result.comment.id));
  });

  test('410 deletion_expired after 24 hours; the comment stays', async () => {
    const { result } = await published();
    now += 25 * HOUR;
    await expectError(await del(result.comment.id, result.deletion.token), 410, 'deletion_expired');
    assert.ok((await listed()).items.some((/** @type {any} */ c) => c.id === result.comment.id));
  });

  test('a held comment can be deleted too (never listed, but gone from the queue)', async () => {
    const result = await post(input());
    assert.equal(result.status, 'pending');
    assert.equal((await del(result.comment.id, result.deletion.token)).status, 204);
    assert.notEqual((await stored(result.comment.id)).deleted, null);
  });

  test('a partner page may send DELETE with Authorization (CORS preflight)', async () => {
    const res = await server.get(`/articles/${ARTICLE}/comments/c-1`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://partner.example',
        'Access-Control-Request-Method': 'DELETE',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    assert.equal(res.status, 204);
    assert.match(String(res.headers.get('access-control-allow-methods')), /\bDELETE\b/);
    assert.match(String(res.headers.get('access-control-allow-headers')), /\bAuthorization\b/);
  });
});
