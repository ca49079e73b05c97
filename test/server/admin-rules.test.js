/**
 * Every posted comment goes through the moderation rules (server/moderation/rules.ts),
 * with the content folder's `moderation:` block: a safety match is always held (reason
 * `safety`, and the 201 says so for the crisis lines), even with moderation off; a
 * honeypot makes spam answered like any held comment; too many links hold it. The desk
 * sees the reasons. On SQLite, and on PostgreSQL under MHN_TEST_STORE=postgres.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ARTICLE, startServer } from './helpers.js';
import { expectDocumented } from './openapi-check.js';

const ADMIN = { name: 'Maya', password: 'maya has a long password' };
const CRISIS = 'Some nights I think I am going to kill myself.';

/** @param {Awaited<ReturnType<typeof startServer>>} server */
async function signIn(server) {
  await server.store.addModerator({ ...ADMIN, role: 'admin' });
  const res = await fetch(`${server.apiUrl}/admin/session`, {
    method: 'POST',
    headers: { origin: server.url, 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  assert.equal(res.status, 200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';', 1)[0] ?? '';
  /** @param {string} query */
  return async (query) => {
    const page = await fetch(`${server.apiUrl}/admin/comments?${query}`, { headers: { cookie } });
    return expectDocumented(page, 'adminListComments', 200);
  };
}

/**
 * @param {Awaited<ReturnType<typeof startServer>>} server
 * @param {object} body
 */
async function post(server, body) {
  return expectDocumented(await server.post(ARTICLE, body), 'postComment', 201);
}

/** @param {Awaited<ReturnType<typeof startServer>>} server */
async function publicIds(server) {
  const page = await server.getJson(`/articles/${ARTICLE}/comments?limit=100`);
  return page.items.map((/** @type {{ id: string }} */ c) => c.id);
}

describe('moderation off: the site rules decide', () => {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  /** @type {(query: string) => Promise<any>} */
  let queue;
  before(async () => {
    server = await startServer({ moderation: false });
    queue = await signIn(server);
  });
  after(() => server?.close());

  test('an ordinary comment is published at once, with no safety flag', async () => {
    const answer = await post(server, { title: 'Thanks', body: 'This article helped me today.' });
    assert.equal(answer.status, 'published');
    assert.ok(!('safety' in answer));
    assert.ok((await publicIds(server)).includes(answer.comment.id));
  });

  test('a safety match is held with reason safety, and the 201 carries the flag', async () => {
    const answer = await post(server, { title: 'Tonight', body: CRISIS });
    assert.equal(answer.status, 'pending');
    assert.equal(answer.safety, true);
    assert.ok(!(await publicIds(server)).includes(answer.comment.id));
    const held = await queue('status=pending&reason=safety');
    const item = held.items.find((/** @type {any} */ c) => c.id === answer.comment.id);
    assert.ok(item, 'in the queue under reason safety');
    assert.equal(item.safety, true);
    assert.ok(item.reasons.includes('safety'));
  });

  test('a filled honeypot is spam, answered exactly like a held comment', async () => {
    const answer = await post(server, {
      title: 'Great deals',
      body: 'Visit my shop for great deals.',
      website: 'https://spam.example',
    });
    assert.equal(answer.status, 'pending');
    assert.deepEqual(Object.keys(answer).sort(), ['comment', 'deletion', 'status']);
    assert.ok(!(await publicIds(server)).includes(answer.comment.id));
    const spam = await queue('status=spam');
    const item = spam.items.find((/** @type {any} */ c) => c.id === answer.comment.id);
    assert.deepEqual(item?.reasons, ['honeypot']);
    const pending = await queue('status=pending');
    assert.ok(!pending.items.some((/** @type {any} */ c) => c.id === answer.comment.id));
  });

  test('a safety match is held even when the honeypot says spam', async () => {
    const answer = await post(server, {
      title: 'Help',
      body: CRISIS.replace('Some', 'Most'),
      website: 'x',
    });
    assert.equal(answer.safety, true);
    const held = await queue('status=pending&reason=safety');
    const item = held.items.find((/** @type {any} */ c) => c.id === answer.comment.id);
    assert.deepEqual(item?.reasons, ['safety', 'honeypot']);
  });

  test('more links than the site allows (2) hold the comment with reason links', async () => {
    const body = 'See https://a.example and https://b.example and www.c.example for more.';
    const answer = await post(server, { title: 'Links', body });
    assert.equal(answer.status, 'pending');
    const held = await queue('status=pending&reason=links');
    assert.ok(held.items.some((/** @type {any} */ c) => c.id === answer.comment.id));
    const two = await post(server, {
      title: 'Two links',
      body: 'https://a.example https://b.example',
    });
    assert.equal(two.status, 'published');
  });
});

describe('moderation on (the default): everything waits, safety still flagged', () => {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  /** @type {(query: string) => Promise<any>} */
  let queue;
  before(async () => {
    server = await startServer();
    queue = await signIn(server);
  });
  after(() => server?.close());

  test('held with reason hold-all; a safety match sorts first and carries the flag', async () => {
    const plain = await post(server, { title: 'Plain', body: 'An ordinary comment.' });
    const crisis = await post(server, { title: 'Crisis', body: CRISIS });
    assert.equal(plain.status, 'pending');
    assert.ok(!('safety' in plain));
    assert.equal(crisis.safety, true);
    const page = await queue('status=pending&sort=oldest');
    assert.equal(page.items[0].id, crisis.comment.id, 'safety first, whatever the order');
    const item = page.items.find((/** @type {any} */ c) => c.id === plain.comment.id);
    assert.deepEqual(item.reasons, ['hold-all']);
  });
});
