/**
 * The site's webhook, wired into the service: a reader's comment held for moderation
 * is sent as comment.pending, one held for safety as comment.safety, to a real HTTP
 * receiver on 127.0.0.1 set from the desk — signed so that the documented check
 * verifies it, retried after a 500, and never holding up the reader's 201, even when
 * the receiver hangs. Published and spam comments send nothing. On SQLite, and on
 * PostgreSQL under MHN_TEST_STORE=postgres.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { verifyWebhook } from '../../server/build/server/moderation/index.js';
import { Desk } from './admin-desk.js';
import { ARTICLE, startServer } from './helpers.js';
import { expectDocumented } from './openapi-check.js';

const ADMIN = { name: 'Maya', password: 'maya has a long password' };
const SECRET = 'whsec-service-test-0123456789abcdef';
const CRISIS = 'Some nights I think I am going to kill myself.';

/**
 * A receiver that answers each request with the next of `answers` (the last repeats):
 * a status code, or 'hang' to never answer.
 *
 * @param {Array<number | 'hang'>} answers
 */
async function receiver(answers) {
  /** @type {Array<{ headers: import('node:http').IncomingHttpHeaders, body: string }>} */
  const requests = [];
  /** @type {Array<() => void>} */
  const waiters = [];
  const server = createServer((req, res) => {
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const answer = answers[Math.min(requests.length, answers.length - 1)];
      requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      for (const wake of waiters.splice(0)) wake();
      if (answer === 'hang') return;
      res.writeHead(Number(answer)).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  receivers.push(server);
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    requests,
    /** @param {number} n resolves once `n` requests have arrived */
    async received(n) {
      while (requests.length < n) await new Promise((resolve) => waiters.push(() => resolve(0)));
    },
  };
}

/** @type {import('node:http').Server[]} */
const receivers = [];
/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
/** @type {Desk} */
let admin;
let posts = 0;

before(async () => {
  // A short backoff for the retry test; a long timeout, so a hanging receiver hangs.
  server = await startServer({ webhook: { backoffBaseMs: 5, timeoutMs: 120_000 } });
  await server.store.addModerator({ ...ADMIN, role: 'admin' });
  admin = await new Desk(server).signIn(ADMIN);
});
after(async () => {
  // The service first: closing it aborts deliveries still in flight.
  await server?.close();
  for (const r of receivers) {
    r.closeAllConnections();
    await new Promise((resolve) => r.close(() => resolve(undefined)));
  }
});

/** Points the site's webhook at `url` (and its settings at `extra`) from the desk. */
async function useReceiver(url, extra = {}) {
  await admin.expect('PATCH', '/admin/settings', 'adminUpdateSettings', 200, {
    body: { webhook: { url, secret: SECRET }, ...extra },
  });
}

/** A reader's post; its 201 body. */
async function post(title, body = `A thought of mine, number ${(posts += 1)}.`, extra = {}) {
  const res = await server.post(ARTICLE, { title, body, ...extra });
  return expectDocumented(res, 'postComment', 201);
}

/** The delivery checked as a receiver checks it (docs/moderation.md), parsed. */
function verified(/** @type {{ headers: any, body: string }} */ request) {
  assert.ok(
    verifyWebhook({
      secret: SECRET,
      body: request.body,
      signature: request.headers['x-mhn-signature'],
      timestamp: request.headers['x-mhn-timestamp'],
    }),
    'the signature verifies',
  );
  assert.equal(request.headers['content-type'], 'application/json');
  const event = JSON.parse(request.body);
  assert.equal(request.headers['x-mhn-event'], event.type);
  assert.equal(request.headers['x-mhn-delivery'], event.id);
  return event;
}

test('a held comment is sent as comment.pending, signed, with its article', async () => {
  const hook = await receiver([204]);
  await useReceiver(hook.url);
  const answer = await post('Held by the switch');
  assert.equal(answer.status, 'pending');
  await hook.received(1);
  const event = verified(hook.requests[0]);
  assert.equal(event.type, 'comment.pending');
  assert.equal(event.comment.id, answer.comment.id);
  assert.equal(event.comment.title, 'Held by the switch');
  assert.equal(event.comment.status, 'pending');
  assert.deepEqual(event.comment.reasons, ['hold-all']);
  assert.equal(event.article.slug, ARTICLE);
  assert.ok(event.article.title.length > 0 && event.article.url.startsWith('http'));
  // A forged body does not verify with the same headers.
  const forged = { ...hook.requests[0], body: hook.requests[0].body.replace('Held', 'Hold') };
  assert.throws(() => verified(forged));
});

test('a safety match is sent as comment.safety', async () => {
  const hook = await receiver([200]);
  await useReceiver(hook.url);
  const answer = await post('Tonight', CRISIS);
  assert.equal(answer.safety, true);
  await hook.received(1);
  const event = verified(hook.requests[0]);
  assert.equal(event.type, 'comment.safety');
  assert.equal(event.comment.id, answer.comment.id);
  assert.ok(event.comment.reasons.includes('safety'));
});

test('a receiver that answers 500 gets the same delivery again, signed afresh', async () => {
  const hook = await receiver([500, 200]);
  await useReceiver(hook.url);
  const answer = await post('Retried');
  await hook.received(2);
  const [first, second] = hook.requests.map(verified);
  assert.equal(first.id, second.id, 'the same delivery id, for deduplication');
  assert.equal(second.comment.id, answer.comment.id);
});

test('a hanging receiver delays no reader: the 201s come while it still has not answered', async () => {
  const hook = await receiver(['hang']);
  await useReceiver(hook.url);
  const first = await post('While it hangs');
  await hook.received(1);
  // The first delivery is still waiting for an answer (it never gets one) …
  const second = await post('And again');
  assert.equal(first.status, 'pending');
  assert.equal(second.status, 'pending');
  await hook.received(2);
  // … and the second went out too: one hung delivery does not block the others.
  assert.equal(verified(hook.requests[1]).comment.id, second.comment.id);
});

test('published and spam comments send nothing', async () => {
  const hook = await receiver([200]);
  await useReceiver(hook.url, { mode: 'rules' });
  const published = await post('Published at once');
  assert.equal(published.status, 'published');
  const spam = await post('Deals', 'Visit my shop for the best deals.', { website: 'x' });
  assert.equal(spam.status, 'pending', 'answered as if held');
  const held = await post('Links', 'See https://a.example https://b.example https://c.example');
  assert.equal(held.status, 'pending');
  await hook.received(1);
  const event = verified(hook.requests[0]);
  assert.equal(event.comment.id, held.comment.id);
  assert.deepEqual(event.comment.reasons, ['links']);
  assert.equal(hook.requests.length, 1);
  await admin.expect('PATCH', '/admin/settings', 'adminUpdateSettings', 200, {
    body: { mode: null },
  });
});

test("a reader's report is sent as comment.reported (a repeat sends nothing)", async () => {
  const hook = await receiver([200]);
  await useReceiver(hook.url);
  const { items } = await server.getJson(`/articles/${ARTICLE}/comments`);
  const [first, second] = items.map((/** @type {{ id: string }} */ c) => c.id);
  /** @param {string} id @param {string} reason */
  const report = (id, reason) =>
    fetch(`${server.apiUrl}/articles/${ARTICLE}/comments/${id}/reports`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ reason }),
    });
  assert.equal((await report(first, 'spam')).status, 202);
  assert.equal((await report(first, 'abuse')).status, 202, 'the repeat');
  assert.equal((await report(second, 'worried')).status, 202);
  await hook.received(2);
  const events = hook.requests.map(verified);
  assert.deepEqual(
    events.map((e) => e.type),
    ['comment.reported', 'comment.reported'],
  );
  const byId = new Map(events.map((e) => [e.comment.id, e.comment]));
  assert.deepEqual([...byId.keys()].sort(), [first, second].sort(), 'one event per new report');
  assert.deepEqual(
    [byId.get(first).status, byId.get(first).reasons, byId.get(first).reports],
    ['published', [], 1],
  );
  assert.deepEqual(
    [byId.get(second).status, byId.get(second).reasons, byId.get(second).reports],
    ['pending', ['safety'], 1],
  );
});
