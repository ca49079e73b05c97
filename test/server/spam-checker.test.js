/**
 * The external spam checker (off by default) as the service uses it: given to the
 * service, it is asked about a comment no other rule decided, told the keyed client and
 * the request's browser details — never the address — and its "spam" keeps the comment
 * out of sight, answered like any held one. A checker that fails or hangs never holds a
 * post up. On SQLite, and on PostgreSQL under MHN_TEST_STORE=postgres.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ARTICLE, startServer } from './helpers.js';

const COMMENTS = `/articles/${ARTICLE}/comments`;

/** @param {Awaited<ReturnType<typeof startServer>>} server */
async function titles(server) {
  const page = await server.getJson(`${COMMENTS}?limit=50&sort=newest`);
  return page.items.map((/** @type {{ title: string }} */ c) => c.title);
}

describe('an external spam checker', () => {
  /** @type {Array<{ comment: any, meta: any }>} */
  const asked = [];
  /** @type {'spam' | 'ham' | 'throw' | 'hang'} */
  let verdict = 'ham';
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  before(async () => {
    server = await startServer({
      moderation: false,
      spamCheckTimeoutMs: 200,
      spamChecker: {
        async check(/** @type {any} */ comment, /** @type {any} */ meta) {
          asked.push({ comment, meta });
          if (verdict === 'throw') throw new Error('the checker is down');
          if (verdict === 'hang') return new Promise(() => {});
          return verdict;
        },
      },
    });
  });
  after(() => server.close());

  test('"spam" keeps the comment out of sight, answered like a held comment', async () => {
    verdict = 'spam';
    const res = await server.post(
      ARTICLE,
      { title: 'Cheap pills', author: 'Bot', body: 'Buy now at a discount.' },
      { 'User-Agent': 'TestAgent/1.0', 'Accept-Language': 'es-MX' },
    );
    assert.equal(res.status, 201);
    assert.equal((await res.json()).status, 'pending');
    assert.ok(!(await titles(server)).includes('Cheap pills'));
    const last = asked.at(-1);
    assert.deepEqual(last?.comment, {
      article: ARTICLE,
      title: 'Cheap pills',
      author: 'Bot',
      body: 'Buy now at a discount.',
    });
    assert.equal(last?.meta.userAgent, 'TestAgent/1.0');
    assert.equal(last?.meta.language, 'es-MX');
    assert.match(last?.meta.client, /^[0-9a-f]{32}$/, 'the keyed hash, not the address');
    assert.ok(!JSON.stringify(last?.meta).includes('127.0.0.1'));
  });

  test('"ham" publishes it (moderation off, no rule matched)', async () => {
    verdict = 'ham';
    const res = await server.post(ARTICLE, { title: 'A kind word', body: 'Thank you for this.' });
    assert.equal((await res.json()).status, 'published');
    assert.ok((await titles(server)).includes('A kind word'));
  });

  test('a checker that fails or hangs never holds a post up', async () => {
    for (const [mode, title] of /** @type {const} */ ([
      ['throw', 'While it was down'],
      ['hang', 'While it hung'],
    ])) {
      verdict = mode;
      const res = await server.post(ARTICLE, { title, body: `Still posted (${mode}).` });
      assert.equal(res.status, 201, mode);
      assert.equal((await res.json()).status, 'published', mode);
    }
    assert.ok((await titles(server)).includes('While it hung'));
  });

  test('a safety match is held for a person without asking the checker', async () => {
    verdict = 'ham';
    const before = asked.length;
    const res = await server.post(ARTICLE, {
      title: 'Tonight',
      body: 'Some nights I think I am going to kill myself.',
    });
    const answer = await res.json();
    assert.equal(answer.status, 'pending');
    assert.equal(answer.safety, true);
    assert.equal(asked.length, before);
  });
});

describe('without a spam checker (the default)', () => {
  test('comments are decided by the rules alone', async () => {
    const server = await startServer({ moderation: false });
    try {
      const res = await server.post(ARTICLE, { title: 'No checker', body: 'Plain words.' });
      assert.equal((await res.json()).status, 'published');
    } finally {
      await server.close();
    }
  });
});
