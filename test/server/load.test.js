/**
 * Nothing lost under load: 50 concurrent clients post 500 comments to one article of
 * the reference server (file database, WAL), each retrying some of its posts with the
 * same Idempotency-Key — one after the answer, two at once, and one after dropping the
 * connection before the answer came back.
 *
 * Each client connects from its own loopback address (127.0.0.2 … 127.0.0.51; Linux
 * routes all of 127/8 to `lo`), so the per-address rate limit sees 50 clients and can
 * stay at 10 posts a minute: every client posts exactly its budget, so a retry counted
 * as a new post would show up as a 429. Where the system has only
 * 127.0.0.1 (macOS), every client shares it and the limit is raised instead.
 */

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { collectPages, loopbackAliasesWork, startServer } from './helpers.js';
import { TEST_STORE } from './stores.js';

const CLIENTS = 50;
const POSTS_PER_CLIENT = 10;
const SLUG = 'load-test-thread';
/**
 * Generous, for a loaded shared machine: a request that gets no answer in this time fails
 * the test (it is not a speed check), and so does the whole test after TEST_TIMEOUT_MS.
 * Either way every request still open is aborted, the reader stopped and the server
 * closed, so a failure ends the process instead of leaving it hanging.
 */
const REQUEST_TIMEOUT_MS = 60_000;
const TEST_TIMEOUT_MS = 240_000;

/**
 * How a client sends its post number `i`: in waves of requests sent at once with the
 * same key. `drop-request` loses the connection as soon as the request is written (the
 * server may or may not have read it); `drop-answer` loses it when the answer arrives
 * (the server has stored the comment, the reader never heard). Every third post is
 * retried; the others are sent once.
 *
 * @typedef {'send' | 'drop-request' | 'drop-answer'} Send
 * @type {Record<number, Send[][]>}
 */
const RETRIES = {
  0: [['send', 'send']],
  3: [['send'], ['send']],
  6: [['drop-request'], ['send', 'send']],
  9: [['drop-answer'], ['send']],
};

/** @typedef {{ key: string, status: number, headers: http.IncomingHttpHeaders, text: string }} Answer */

/** @type {string} */
let dir;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mhn-load-'));
});
after(() => rm(dir, { recursive: true, force: true }));

/**
 * One POST of a draft; resolves to null when `send` drops the connection.
 *
 * @param {{ url: URL, agent: http.Agent, localAddress?: string, key: string,
 *   draft: object, send: Send, signal: AbortSignal }} options
 * @returns {Promise<Answer | null>}
 */
function post({ url, agent, localAddress, key, draft, send, signal }) {
  const body = JSON.stringify(draft);
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      agent: send === 'send' ? agent : false,
      localAddress,
      timeout: REQUEST_TIMEOUT_MS,
      signal,
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(body),
        'Idempotency-Key': key,
      },
    });
    req.once('timeout', () => req.destroy(new Error(`POST ${key} timed out`)));
    if (send !== 'send') {
      req.once(send === 'drop-request' ? 'finish' : 'response', () => req.destroy());
      req.once('close', () => resolve(null));
      req.once('error', () => {});
      req.end(body);
      return;
    }
    req.once('error', reject);
    req.once('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.once('end', () =>
        resolve({ key, status: res.statusCode ?? 0, headers: res.headers, text }),
      );
      res.once('error', reject);
    });
    req.end(body);
  });
}

/**
 * One simulated reader posting its drafts one after another (retries as in RETRIES).
 *
 * @param {{ url: URL, client: number, localAddress?: string, signal: AbortSignal }} options
 * @returns {Promise<Answer[]>}
 */
async function runClient({ url, client, localAddress, signal }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
  /** @type {Answer[]} */
  const answers = [];
  try {
    for (let i = 0; i < POSTS_PER_CLIENT; i++) {
      const key = `client-${client}-post-${i}`;
      const draft = {
        title: `Post ${i} of client ${client}`,
        author: `Client ${client}`,
        body: key,
      };
      for (const wave of RETRIES[i] ?? [['send']]) {
        signal.throwIfAborted();
        const sent = await Promise.all(
          wave.map((send) => post({ url, agent, localAddress, key, draft, send, signal })),
        );
        answers.push(...sent.filter((answer) => answer !== null));
      }
    }
  } finally {
    agent.destroy();
  }
  return answers;
}

/**
 * Asserts an answer is the contract's 201 for the draft that `key` names.
 * @param {Answer} answer
 */
function assertCreated(answer) {
  const { key, status, headers, text } = answer;
  assert.ok(status < 500, `${key}: ${status} ${text}`);
  assert.equal(status, 201, `${key}: ${status} ${text}`);
  assert.equal(headers['content-type'], 'application/json; charset=utf-8');
  assert.equal(headers['access-control-allow-origin'], '*');
  const { status: state, comment } = JSON.parse(text);
  assert.equal(state, 'published');
  assert.match(comment.id, /^c-\d+$/);
  assert.equal(comment.body, key);
  assert.match(comment.title, /^Post \d of client \d+$/);
  assert.match(comment.author, /^Client \d+$/);
  assert.ok(Number.isFinite(Date.parse(comment.created)), `${key}: created ${comment.created}`);
}

/**
 * Reads the comment count from a second connection every few milliseconds while the
 * load runs, as another process would: it must never fail or see the count go down.
 * @param {string} dbPath
 */
function watchCount(dbPath) {
  const reader = new Database(dbPath, { readonly: true });
  reader.pragma('busy_timeout = 5000');
  const count = reader.prepare('SELECT count(*) FROM comments WHERE article = ?').pluck();
  /** @type {number[]} */
  const seen = [];
  /** @type {unknown[]} */
  const errors = [];
  /** @type {{ seen: number[], errors: unknown[], final: number } | undefined} */
  let result;
  const timer = setInterval(() => {
    try {
      seen.push(/** @type {number} */ (count.get(SLUG)));
    } catch (error) {
      errors.push(error);
    }
  }, 20);
  return {
    /** Stops reading (at once, and once: it is called again on the way out). */
    stop() {
      if (result) return result;
      clearInterval(timer);
      try {
        result = { seen, errors, final: /** @type {number} */ (count.get(SLUG)) };
      } finally {
        reader.close();
      }
      return result;
    },
  };
}

test(
  '500 comments from 50 concurrent clients with retried Idempotency-Keys: exactly 500 stored',
  { timeout: TEST_TIMEOUT_MS },
  async (t) => {
    const aliases = await loopbackAliasesWork();
    if (!aliases) t.diagnostic('127.0.0.2 is not usable here: all clients share 127.0.0.1');
    /** @type {string[]} */
    const logged = [];
    const dbPath = path.join(dir, 'api.db');
    const sqlite = TEST_STORE === 'sqlite';
    const server = await startServer({
      dbPath,
      moderation: false,
      rateLimit: { max: aliases ? POSTS_PER_CLIENT : CLIENTS * POSTS_PER_CLIENT, windowMs: 60_000 },
      logger: (line) => logged.push(line),
    });
    const addresses = new Set();
    server.server.on('connection', (socket) => addresses.add(socket.remoteAddress));
    const stopClients = new AbortController();
    /** @type {Array<Promise<Answer[]>>} */
    let clients = [];
    /** @type {ReturnType<typeof watchCount> | null} */
    let watcher = null;
    try {
      await server.api.addArticle({
        slug: SLUG,
        title: 'A thread under load',
        url: 'https://example.org/load-test-thread',
        authors: [],
        bodyHtml: '<p>Load test.</p>',
        comments: { enabled: true },
      });
      const url = new URL(`${server.apiUrl}/articles/${SLUG}/comments`);
      // With SQLite, a second connection reads the file while the load runs.
      watcher = sqlite ? watchCount(dbPath) : null;

      // The first client to fail (or the test's timeout) stops all the others.
      const { signal } = stopClients;
      t.signal.addEventListener('abort', () => stopClients.abort(t.signal.reason));
      clients = Array.from({ length: CLIENTS }, (_, client) =>
        runClient({
          url,
          client,
          localAddress: aliases ? `127.0.0.${client + 2}` : undefined,
          signal,
        }).catch((error) => {
          stopClients.abort(error);
          throw error;
        }),
      );
      const perClient = await Promise.all(clients);
      const watched = watcher?.stop();

      const answers = perClient.flat();
      const replays = answers.filter((a) => a.headers['idempotency-replayed'] === 'true').length;
      t.diagnostic(`${answers.length} answers, ${replays} of them replays`);
      answers.forEach(assertCreated);
      assert.deepEqual(logged, [], 'no internal errors (such as "database is locked")');
      if (aliases) assert.equal(addresses.size, CLIENTS, 'the server saw one address per client');

      // Every client was told the same thing for the same key, and each key made one comment.
      /** @type {Map<string, Answer[]>} */
      const byKey = new Map();
      for (const answer of answers)
        byKey.set(answer.key, [...(byKey.get(answer.key) ?? []), answer]);
      assert.equal(byKey.size, CLIENTS * POSTS_PER_CLIENT);
      for (const [key, group] of byKey) {
        for (const answer of group)
          assert.equal(answer.text, group[0].text, `same answer for ${key}`);
        const fresh = group.filter((a) => a.headers['idempotency-replayed'] !== 'true');
        assert.ok(fresh.length <= 1, `${key} created ${fresh.length} comments`);
      }
      const ids = new Set([...byKey.values()].map(([a]) => JSON.parse(a.text).comment.id));
      assert.equal(ids.size, CLIENTS * POSTS_PER_CLIENT, 'one distinct comment per key');

      // Exactly 500 stored: through the API (every page) and in the database itself.
      const { items, pages } = await collectPages(server, `/articles/${SLUG}/comments?limit=100`);
      assert.equal(pages[0].total, CLIENTS * POSTS_PER_CLIENT);
      assert.deepEqual(new Set(items.map((c) => c.id)), ids);
      assert.equal(items.length, CLIENTS * POSTS_PER_CLIENT);
      if (watched) {
        const { seen, errors, final } = watched;
        assert.equal(final, CLIENTS * POSTS_PER_CLIENT, 'SELECT count(*) on api.db');
        // A second connection reading during the load never hit a busy database.
        assert.deepEqual(errors, []);
        assert.ok(seen.length > 0);
        assert.ok(
          seen.every((n, i) => i === 0 || n >= seen[i - 1]),
          'the count never went down',
        );
        const check = new Database(dbPath, { readonly: true });
        assert.equal(check.pragma('journal_mode', { simple: true }), 'wal');
        check.close();
      }
    } finally {
      // Nothing may outlive a failure: no request in flight, no timer, no open server.
      stopClients.abort();
      await Promise.allSettled(clients);
      watcher?.stop();
      await server.close();
    }
  },
);
