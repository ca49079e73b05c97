/**
 * Client keys as the service uses them: HMACs with the rotating secrets the store keeps
 * (server/moderation/client-key.ts), so that instances on one database agree on who is
 * the same poster without any configuration, MHN_SECRET (optional) is mixed in when
 * given, and a secret rotation forgets nobody at once: a block, or a retried post, made
 * under the previous period's key still matches, and a block is carried forward to the
 * new keys of a poster who keeps coming back. On SQLite (one file shared by two
 * instances) and on PostgreSQL under MHN_TEST_STORE=postgres (one database).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_ROTATION_MS } from '../../server/build/server/moderation/index.js';
import { ARTICLE, startServer } from './helpers.js';

const PEPPER = 'a-pepper-for-the-client-key-tests-0123456789';
const OTHER_READER = { 'x-forwarded-for': '198.51.100.23' };

/** @type {string} */
let dir;
let files = 0;
before(async () => {
  // The keys must come from the store alone, as on a deployment without MHN_SECRET.
  delete process.env.MHN_SECRET;
  dir = await mkdtemp(path.join(tmpdir(), 'mhn-client-keys-'));
});
after(() => rm(dir, { recursive: true, force: true }));

/** A database of its own for a test (a SQLite file; a PostgreSQL database of that name). */
const newDatabase = () => path.join(dir, `db-${++files}.sqlite`);

/**
 * Posts and returns the answer's status and the stored comment (its client key).
 * @param {import('./helpers.js').TestServer} server
 * @param {Record<string, string>} [headers]
 */
async function postAndRead(server, title, headers = {}) {
  const res = await server.post(ARTICLE, { title, body: `${title}: my own words.` }, headers);
  assert.equal(res.status, 201);
  const answer = await res.json();
  const stored = await server.store.getComment(Number(answer.comment.id.slice(2)));
  assert.ok(stored);
  return { res, answer, stored };
}

describe('client keys come from the store', () => {
  test('two instances on one database compute the same client key without MHN_SECRET', async () => {
    const dbPath = newDatabase();
    const one = await startServer({ dbPath, moderation: false });
    const two = await startServer({ dbPath, moderation: false });
    try {
      const a = await postAndRead(one, 'From one');
      const b = await postAndRead(two, 'From two');
      assert.match(a.stored.client, /^[0-9a-f]{32}$/);
      assert.equal(b.stored.client, a.stored.client);
      // Idempotency keys are scoped by client key: a retry reaching the other instance
      // is the same reader's, answered with the first answer.
      const draft = { title: 'Once', body: 'Sent twice, stored once.' };
      const first = await one.post(ARTICLE, draft, { 'Idempotency-Key': 'both-instances' });
      const retry = await two.post(ARTICLE, draft, { 'Idempotency-Key': 'both-instances' });
      assert.equal(retry.headers.get('idempotency-replayed'), 'true');
      assert.equal(await retry.text(), await first.text());
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  test('MHN_SECRET is mixed in: instances with the same one agree, one without it does not', async () => {
    const dbPath = newDatabase();
    const one = await startServer({ dbPath, moderation: false, secret: PEPPER });
    const two = await startServer({ dbPath, moderation: false, secret: PEPPER });
    const plain = await startServer({ dbPath, moderation: false });
    try {
      const a = await postAndRead(one, 'Peppered one');
      const b = await postAndRead(two, 'Peppered two');
      const c = await postAndRead(plain, 'Not peppered');
      assert.equal(b.stored.client, a.stored.client);
      assert.notEqual(c.stored.client, a.stored.client);
      await assert.rejects(startServer({ dbPath, secret: 'short' }), /at least 32 characters/);
    } finally {
      await Promise.all([one.close(), two.close(), plain.close()]);
    }
  });
});

describe('a secret rotation forgets nobody at once', () => {
  test('a poster blocked under the previous period’s key is still blocked', async () => {
    let now = Date.UTC(2026, 10, 2, 12);
    const server = await startServer({
      dbPath: newDatabase(),
      moderation: false,
      trustProxy: '127.0.0.1',
      storeOptions: { now: () => now },
    });
    try {
      const added = await server.store.addModerator({
        name: 'Rota',
        password: 'a long enough password',
        role: 'moderator',
      });
      assert.equal(added.outcome, 'added');
      const { moderator } = /** @type {any} */ (added);
      const first = await postAndRead(server, 'Before the block');
      assert.equal(first.answer.status, 'published');
      const key = first.stored.client;
      assert.equal(await server.store.blockClient(key, moderator, 'test block'), true);

      const blocked = await postAndRead(server, 'Blocked now');
      assert.equal(blocked.answer.status, 'pending');
      assert.equal(blocked.stored.status, 'spam');
      assert.ok(blocked.stored.reasons.includes('blocked'));

      now += DEFAULT_ROTATION_MS;
      const later = await postAndRead(server, 'A week later');
      assert.notEqual(later.stored.client, key, 'the secret has rotated');
      assert.equal(later.answer.status, 'pending');
      assert.equal(later.stored.status, 'spam');
      assert.ok(later.stored.reasons.includes('blocked'));

      const someoneElse = await postAndRead(server, 'Someone else', OTHER_READER);
      assert.equal(someoneElse.answer.status, 'published');
    } finally {
      await server.close();
    }
  });

  test('a block follows a poster who keeps coming back, until a moderator lifts it', async () => {
    let now = Date.UTC(2026, 10, 2, 12);
    const server = await startServer({
      dbPath: newDatabase(),
      moderation: false,
      trustProxy: '127.0.0.1',
      storeOptions: { now: () => now },
    });
    /** @param {{ answer: any, stored: any }} post */
    const assertBlocked = ({ answer, stored }) => {
      assert.equal(answer.status, 'pending', stored.title);
      assert.equal(stored.status, 'spam', stored.title);
      assert.ok(stored.reasons.includes('blocked'), stored.title);
    };
    try {
      const added = await server.store.addModerator({
        name: 'Rota',
        password: 'a long enough password',
        role: 'moderator',
      });
      const { moderator } = /** @type {any} */ (added);
      const keeper = (await postAndRead(server, 'Keeps coming back')).stored.client;
      const leaver = (await postAndRead(server, 'Stays away', OTHER_READER)).stored.client;
      assert.equal(await server.store.blockClient(keeper, moderator, 'abuse'), true);
      assert.equal(await server.store.blockClient(leaver, moderator, 'spam'), true);

      // Three rotations: each post is matched under the previous period's key only, and
      // the block moves on with the poster.
      const keys = [keeper];
      for (let period = 1; period <= 3; period++) {
        now += DEFAULT_ROTATION_MS;
        const post = await postAndRead(server, `Period ${period}`);
        assert.ok(!keys.includes(post.stored.client), 'the secret has rotated');
        keys.push(post.stored.client);
        assertBlocked(post);
      }
      // Away for three periods: none of their keys can be linked to the blocked one.
      const back = await postAndRead(server, 'Back after three periods', OTHER_READER);
      assert.equal(back.answer.status, 'published');

      // The desk sees one block per poster, whatever it was carried to.
      const blocks = await server.store.listBlocks();
      assert.deepEqual(
        blocks.map((b) => [b.client, b.note, b.carriedTo]).sort(),
        [
          [keeper, 'abuse', keys.slice(1)],
          [leaver, 'spam', []],
        ].sort(),
      );
      assert.equal(await server.store.unblockClient(keeper, moderator), true);
      const free = await postAndRead(server, 'Unblocked');
      assert.equal(free.answer.status, 'published');
      now += DEFAULT_ROTATION_MS;
      assert.equal((await postAndRead(server, 'A week on')).answer.status, 'published');
      assert.deepEqual(
        await server.store.listBlocks(),
        blocks.filter((b) => b.client === leaver),
      );
    } finally {
      await server.close();
    }
  });

  test('a retry that crosses a rotation gets the first answer', async () => {
    // One second before the end of a rotation period.
    let now = (Math.floor(Date.UTC(2026, 10, 2) / DEFAULT_ROTATION_MS) + 1) * DEFAULT_ROTATION_MS;
    now -= 1000;
    const server = await startServer({
      dbPath: newDatabase(),
      moderation: false,
      storeOptions: { now: () => now },
    });
    try {
      const draft = { title: 'Slow network', body: 'Sent just before midnight.' };
      const key = { 'Idempotency-Key': 'across-the-rotation' };
      const first = await server.post(ARTICLE, draft, key);
      assert.equal(first.status, 201);
      const firstText = await first.text();
      now += 2000;
      const retry = await server.post(ARTICLE, draft, key);
      assert.equal(retry.headers.get('idempotency-replayed'), 'true');
      assert.equal(await retry.text(), firstText);
      const list = await server.getJson(`/articles/${ARTICLE}/comments?limit=100`);
      assert.equal(list.items.filter((c) => c.title === draft.title).length, 1);
    } finally {
      await server.close();
    }
  });
});
