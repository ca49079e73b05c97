/**
 * Webhook deliveries to a real HTTP receiver on 127.0.0.1: signed bodies that the
 * documented recipe verifies, retries with backoff, giving up, hanging receivers that
 * hold up nothing, and close() stopping everything.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { afterEach, describe, test } from 'node:test';
import {
  WebhookDispatcher,
  signWebhook,
  verifyWebhook,
} from '../../server/build/server/moderation/index.js';

const SECRET = 'whsec-test-0123456789abcdef';

/**
 * A receiver that answers each request with the next of `answers` (the last one
 * repeats): a status code, or 'hang' to never answer.
 */
async function receiver(answers) {
  const requests = [];
  const waiters = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const answer = answers[Math.min(requests.length, answers.length - 1)];
      requests.push({
        method: req.method,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      for (const w of waiters.splice(0)) w();
      if (answer === 'hang') return;
      res.writeHead(answer, { 'content-type': 'text/plain' });
      res.end('ok');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/hooks/comments`,
    requests,
    /** Resolves when the receiver has had `n` requests. */
    async received(n) {
      while (requests.length < n) await new Promise((resolve) => waiters.push(resolve));
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

const EVENT = {
  type: 'comment.pending',
  comment: {
    id: 'c-42',
    title: 'A question',
    author: 'Sam',
    body: 'Is this normal? https://a.example https://b.example https://c.example',
    created: '2026-01-15T12:00:00.000Z',
    status: 'pending',
    reasons: ['links'],
  },
  article: { slug: 'coping', title: 'Coping with Change', url: 'https://example.org/coping/' },
};

const cleanup = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function setup(answers, options = {}) {
  const r = await receiver(answers);
  const reports = [];
  const dispatcher = new WebhookDispatcher({
    backoffBaseMs: 1,
    onReport: (report) => reports.push(report),
    ...options,
  });
  cleanup.push(
    () => r.close(),
    () => dispatcher.close(),
  );
  return { r, reports, dispatcher, target: { url: r.url, secret: SECRET } };
}

describe('webhook deliveries', () => {
  test('POST the event as JSON, signed so the receiver can verify it', async () => {
    const { r, reports, dispatcher, target } = await setup([204]);
    const id = dispatcher.enqueue(target, EVENT);
    await dispatcher.idle();
    assert.equal(r.requests.length, 1);
    const [req] = r.requests;
    assert.equal(req.method, 'POST');
    assert.equal(req.headers['content-type'], 'application/json');
    assert.equal(req.headers['x-mhn-event'], 'comment.pending');
    assert.equal(req.headers['x-mhn-delivery'], id);
    const body = JSON.parse(req.body);
    assert.deepEqual({ ...body, occurredAt: undefined }, { ...EVENT, id, occurredAt: undefined });
    assert.ok(!Number.isNaN(Date.parse(body.occurredAt)));

    // The documented recipe: HMAC-SHA256 of `${timestamp}.${raw body}`.
    const check = (secret, rawBody = req.body) =>
      verifyWebhook({
        secret,
        body: rawBody,
        signature: req.headers['x-mhn-signature'],
        timestamp: req.headers['x-mhn-timestamp'],
      });
    assert.equal(check(SECRET), true);
    assert.equal(check('another-secret-0123456789'), false);
    assert.equal(check(SECRET, req.body.replace('Sam', 'Eve')), false);
    assert.deepEqual(
      reports.map((x) => [x.outcome, x.attempt, x.status]),
      [['delivered', 1, 204]],
    );
  });

  test('a receiver that answers 500 is retried with the same delivery id until it succeeds', async () => {
    const { r, reports, dispatcher, target } = await setup([500, 500, 200]);
    const id = dispatcher.enqueue(target, EVENT);
    await dispatcher.idle();
    assert.equal(r.requests.length, 3);
    assert.deepEqual(new Set(r.requests.map((q) => q.headers['x-mhn-delivery'])), new Set([id]));
    for (const q of r.requests) {
      assert.ok(
        verifyWebhook({
          secret: SECRET,
          body: q.body,
          signature: q.headers['x-mhn-signature'],
          timestamp: q.headers['x-mhn-timestamp'],
        }),
      );
    }
    assert.deepEqual(
      reports.map((x) => [x.outcome, x.attempt, x.status]),
      [
        ['retrying', 1, 500],
        ['retrying', 2, 500],
        ['delivered', 3, 200],
      ],
    );
  });

  test('gives up after maxAttempts', async () => {
    const { r, reports, dispatcher, target } = await setup([503], { maxAttempts: 4 });
    dispatcher.enqueue(target, EVENT);
    await dispatcher.idle();
    assert.equal(r.requests.length, 4);
    assert.deepEqual(
      reports.map((x) => x.outcome),
      ['retrying', 'retrying', 'retrying', 'failed'],
    );
    assert.deepEqual(reports.at(-1), {
      outcome: 'failed',
      id: reports[0].id,
      type: 'comment.pending',
      attempt: 4,
      status: 503,
      error: 'the receiver answered 503',
    });
  });

  test('a 4xx answer (other than 408, 425, 429) is not retried', async () => {
    const { r, reports, dispatcher, target } = await setup([400]);
    dispatcher.enqueue(target, EVENT);
    await dispatcher.idle();
    assert.equal(r.requests.length, 1);
    assert.deepEqual(
      reports.map((x) => [x.outcome, x.status]),
      [['failed', 400]],
    );
  });

  test('a receiver that is not listening is retried, then given up on', async () => {
    const { r, reports, dispatcher } = await setup([200], { maxAttempts: 2 });
    const url = r.url;
    await r.close();
    dispatcher.enqueue({ url, secret: SECRET }, EVENT);
    await dispatcher.idle();
    assert.deepEqual(
      reports.map((x) => x.outcome),
      ['retrying', 'failed'],
    );
    assert.equal(reports[1].status, undefined);
    assert.match(reports[1].error, /ECONNREFUSED|connect/);
  });

  test('the backoff doubles, with jitter between half and all of the delay', async () => {
    for (const [random, expected] of [
      [() => 0, [5, 10, 20]],
      [() => 0.5, [8, 15, 30]],
    ]) {
      const { reports, dispatcher, target } = await setup([500], {
        backoffBaseMs: 10,
        maxAttempts: 4,
        random,
      });
      dispatcher.enqueue(target, EVENT);
      await dispatcher.idle();
      assert.deepEqual(
        reports.filter((x) => x.outcome === 'retrying').map((x) => x.retryInMs),
        expected,
      );
    }
  });

  test('a hanging receiver holds up neither enqueue nor other deliveries, and times out', async () => {
    const hanging = await setup(['hang'], { timeoutMs: 100, maxAttempts: 2 });
    const fine = await receiver([200]);
    cleanup.push(() => fine.close());

    const first = hanging.dispatcher.enqueue(hanging.target, EVENT);
    // enqueue has returned before the receiver has even seen the request.
    assert.equal(typeof first, 'string');
    assert.equal(hanging.r.requests.length, 0);
    const second = hanging.dispatcher.enqueue({ url: fine.url, secret: SECRET }, EVENT);
    assert.notEqual(second, first);
    await fine.received(1);

    await hanging.dispatcher.idle();
    assert.equal(hanging.r.requests.length, 2);
    const failed = hanging.reports.find((x) => x.id === first && x.outcome === 'failed');
    assert.equal(failed?.error, 'no answer within 100 ms');
    assert.ok(hanging.reports.some((x) => x.id === second && x.outcome === 'delivered'));
  });

  test('close() cancels scheduled retries', async () => {
    const { r, reports, dispatcher, target } = await setup([500], { backoffBaseMs: 60_000 });
    dispatcher.enqueue(target, EVENT);
    await r.received(1);
    while (!reports.some((x) => x.outcome === 'retrying'))
      await new Promise((s) => setImmediate(s));
    assert.equal(dispatcher.pending, 1);
    await dispatcher.close();
    assert.equal(dispatcher.pending, 0);
    assert.deepEqual(
      reports.map((x) => x.outcome),
      ['retrying', 'dropped'],
    );
    assert.equal(r.requests.length, 1);
  });

  test('close() aborts an attempt in flight and refuses new events', async () => {
    const { r, reports, dispatcher, target } = await setup(['hang'], { timeoutMs: 60_000 });
    dispatcher.enqueue(target, EVENT);
    await r.received(1);
    await dispatcher.close();
    assert.deepEqual(
      reports.map((x) => [x.outcome, x.error]),
      [['dropped', 'the dispatcher closed']],
    );
    dispatcher.enqueue(target, EVENT);
    assert.equal(dispatcher.pending, 0);
    assert.deepEqual(reports.at(-1)?.outcome, 'dropped');
    assert.equal(r.requests.length, 1);
  });

  test('a full queue drops the oldest waiting delivery', async () => {
    const { r, reports, dispatcher, target } = await setup(['hang'], {
      concurrency: 1,
      maxQueue: 1,
      timeoutMs: 60_000,
    });
    const a = dispatcher.enqueue(target, EVENT); // in flight
    const b = dispatcher.enqueue(target, EVENT); // waiting
    const c = dispatcher.enqueue(target, EVENT); // waiting; b is dropped
    await r.received(1);
    assert.deepEqual(
      reports.map((x) => [x.outcome, x.id]),
      [['dropped', b]],
    );
    assert.equal(r.requests[0].headers['x-mhn-delivery'], a);
    assert.equal(dispatcher.pending, 2);
    assert.ok(c);
  });
});

describe('verifyWebhook', () => {
  const body = '{"type":"comment.safety"}';
  const now = Date.UTC(2026, 0, 15, 12);
  const ts = Math.floor(now / 1000);
  const signature = signWebhook(SECRET, ts, body);

  test('accepts a fresh, correctly signed delivery', () => {
    assert.match(signature, /^sha256=[0-9a-f]{64}$/);
    assert.equal(
      verifyWebhook({ secret: SECRET, body, signature, timestamp: String(ts), now }),
      true,
    );
  });

  test('refuses an old timestamp, a changed timestamp and missing headers', () => {
    const old = { secret: SECRET, body, signature, timestamp: String(ts), now: now + 301_000 };
    assert.equal(verifyWebhook(old), false);
    assert.equal(verifyWebhook({ ...old, now, timestamp: String(ts + 1) }), false);
    assert.equal(
      verifyWebhook({ secret: SECRET, body, signature: undefined, timestamp: String(ts), now }),
      false,
    );
    assert.equal(verifyWebhook({ secret: SECRET, body, signature, timestamp: 'soon', now }), false);
  });
});
