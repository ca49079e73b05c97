/**
 * The store contract (server/store/types.ts), run against every implementation: SQLite in
 * memory, SQLite in a file, and a real PostgreSQL server started for this file
 * (scripts/postgres.mjs). Runs on the compiled service: `npx tsc -p server/tsconfig.json`
 * (npm run build does it).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  FIRST_POSTED_ID,
  SCHEMA_VERSION,
  SchemaTooNewError,
  openStore,
} from '../../server/build/server/store/index.js';
import { useStoreBackends } from './store-backends.js';

const DAY = 24 * 60 * 60 * 1000;

const { backends, context, postgresUrl } = useStoreBackends();

const ARTICLE = 'resilience';

/** Seed comments with ties on `created`, one pending, one on another article. */
function seeds() {
  const base = { article: ARTICLE, author: 'Sam', client: '', status: 'published' };
  return [
    { ...base, id: 101, title: 'a', body: 'a', created: 1000 },
    { ...base, id: 102, title: 'b', body: 'b', created: 2000 },
    { ...base, id: 103, title: 'c', body: 'c', created: 2000 },
    { ...base, id: 104, title: 'd', body: 'd', created: 2000 },
    { ...base, id: 105, title: 'e', body: 'e', created: 3000 },
    { ...base, id: 106, title: 'f', body: 'f', created: 500 },
    { ...base, id: 107, title: 'g', body: 'g', created: 2000, status: 'pending' },
    { ...base, id: 108, title: 'h', body: 'h', created: 2000, article: 'other' },
  ];
}

/** A comment a reader posts. */
function post(title, created, client = 'client-1') {
  return {
    article: ARTICLE,
    title,
    author: '',
    body: `${title} body`,
    created,
    status: 'published',
    client,
  };
}

/** What the service would keep as the answer for replays. */
const render = (comment) => ({ status: 201, body: JSON.stringify({ comment }) });

/** Walks every page of `sort`, following the cursor, `limit` at a time. */
async function walk(store, sort, limit) {
  const pages = [];
  let after = null;
  for (let i = 0; i < 50; i++) {
    const page = await store.listPublished(ARTICLE, sort, after, limit);
    if (page.length === 0) return pages;
    pages.push(page);
    const last = page[page.length - 1];
    after = { created: last.created, id: last.id };
  }
  throw new Error('paging did not end');
}

/** The (created, id) order the contract promises, computed from the rows themselves. */
function ordered(comments, sort) {
  const sorted = [...comments].sort((a, b) => a.created - b.created || a.id - b.id);
  return sort === 'newest' ? sorted.reverse() : sorted;
}

for (const backend of backends) {
  describe(`store: ${backend.name}`, () => {
    /** @type {any} */
    let store;
    let database = '';
    before(async () => {
      database = await backend.create();
      store = await backend.open(database);
    });
    after(() => store?.close());

    test('pages published comments by (created, id) both ways, ties included', async () => {
      await store.clear();
      await store.seedComments(seeds());
      const posted = [];
      for (const title of ['p1', 'p2', 'p3']) {
        const result = await store.createComment(post(title, 2000), null, render);
        assert.equal(result.outcome, 'created');
        posted.push(result.comment);
      }
      assert.deepEqual(
        posted.map((c) => c.id),
        [FIRST_POSTED_ID, FIRST_POSTED_ID + 1, FIRST_POSTED_ID + 2],
        'posted ids start above the seed range',
      );
      assert.equal(await store.countPublished(ARTICLE), 9, 'pending and other articles excluded');

      const everything = [...(await walk(store, 'oldest', 100)).flat()];
      assert.equal(everything.length, 9);
      for (const sort of ['newest', 'oldest']) {
        for (const limit of [1, 2, 4]) {
          const pages = await walk(store, sort, limit);
          assert.ok(pages.every((page) => page.length <= limit));
          assert.deepEqual(
            pages.flat().map((c) => c.id),
            ordered(everything, sort).map((c) => c.id),
            `${sort}, ${limit} a page`,
          );
        }
      }
      const newest = (await walk(store, 'newest', 100)).flat();
      assert.deepEqual(
        newest.map((c) => c.id),
        [105, 100003, 100002, 100001, 104, 103, 102, 101, 106],
      );
      assert.deepEqual(newest[1], {
        id: 100003,
        article: ARTICLE,
        title: 'p3',
        author: '',
        body: 'p3 body',
        created: 2000,
        status: 'published',
      });
      assert.deepEqual(await store.listPublished(ARTICLE, 'newest', null, 0), []);
      assert.deepEqual(await store.listPublished('nothing-here', 'oldest', null, 5), []);
    });

    test('seeding a fixed id again replaces the seed, never a posted comment', async () => {
      await store.clear();
      await store.seedComments(seeds().slice(0, 1));
      await store.seedComments([{ ...seeds()[0], title: 'edited' }]);
      const [only] = await store.listPublished(ARTICLE, 'newest', null, 10);
      assert.equal(only.title, 'edited');
      assert.equal(await store.countPublished(ARTICLE), 1);
      // A seed above the posted floor pushes automatic ids past it, as AUTOINCREMENT does.
      await store.seedComments([{ ...seeds()[0], id: FIRST_POSTED_ID + 10 }]);
      const next = await store.createComment(post('after', 5000), null, render);
      assert.equal(next.comment.id, FIRST_POSTED_ID + 11);
      await store.seedComments([{ ...seeds()[0], id: next.comment.id, title: 'seed' }]);
      const page = await store.listPublished(ARTICLE, 'newest', null, 1);
      assert.deepEqual(page, [next.comment], "a reader's comment is never overwritten");
    });

    test('creates once per idempotency key, even for 20 concurrent retries', async () => {
      await store.clear();
      const second = backend.query ? await backend.open(database) : store;
      try {
        const claim = { key: 'k-1', client: 'client-1', fingerprint: 'fp-1' };
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            (i % 2 ? second : store).createComment(post('once', 7000), claim, render),
          ),
        );
        const created = results.filter((r) => r.outcome === 'created');
        assert.equal(created.length, 1);
        assert.equal(results.filter((r) => r.outcome === 'replayed').length, 19);
        const body = created[0].body;
        assert.ok(results.every((r) => r.status === 201 && r.body === body));
        assert.equal(JSON.parse(body).comment.id, FIRST_POSTED_ID);
        assert.equal(await store.countPublished(ARTICLE), 1);

        const reused = await store.createComment(
          post('different', 7000),
          { ...claim, fingerprint: 'fp-2' },
          render,
        );
        assert.deepEqual(reused, { outcome: 'key-reused' });
        assert.equal(await store.countPublished(ARTICLE), 1, 'a reused key stores nothing');

        const otherClient = await store.createComment(
          post('mine too', 7000, 'client-2'),
          { ...claim, client: 'client-2' },
          render,
        );
        assert.equal(otherClient.outcome, 'created', "another client's key is a new key");
        assert.equal(otherClient.comment.id, FIRST_POSTED_ID + 1, 'the refusal used no id');
        assert.equal(await store.countPublished(ARTICLE), 2);
      } finally {
        if (second !== store) await second.close();
      }
    });

    test('idempotency records expire after 24 hours', async () => {
      let now = 1_000_000;
      const clocked = await backend.open(await backend.create(), { now: () => now });
      try {
        const claim = { key: 'k', client: 'c', fingerprint: 'fp' };
        const first = await clocked.createComment(post('one', 1), claim, render);
        now += DAY - 1;
        const replay = await clocked.createComment(post('one', 1), claim, render);
        assert.deepEqual(replay, { outcome: 'replayed', status: 201, body: first.body });
        now += 1;
        const again = await clocked.createComment(
          post('two', 2),
          { ...claim, fingerprint: 'fp-new' },
          render,
        );
        assert.equal(again.outcome, 'created', 'an expired key is a new key');
        assert.equal(again.comment.id, first.comment.id + 1);
        const replayNew = await clocked.createComment(
          post('two', 2),
          { ...claim, fingerprint: 'fp-new' },
          render,
        );
        assert.deepEqual(replayNew, { outcome: 'replayed', status: 201, body: again.body });
      } finally {
        await clocked.close();
      }
    });

    test('findIdempotent reads a live record and writes nothing', async () => {
      let now = 1_000_000;
      const clocked = await backend.open(await backend.create(), { now: () => now });
      try {
        const claim = { key: 'k-find', client: 'c', fingerprint: 'fp' };
        assert.equal(await clocked.findIdempotent(claim), null, 'a key never used');
        assert.equal(await clocked.findIdempotent(claim), null, 'looking took nothing');
        const first = await clocked.createComment(post('one', 1), claim, render);
        assert.equal(first.comment.id, FIRST_POSTED_ID, 'looking used no id');
        assert.deepEqual(await clocked.findIdempotent(claim), {
          outcome: 'replayed',
          status: 201,
          body: first.body,
        });
        assert.deepEqual(await clocked.findIdempotent({ ...claim, fingerprint: 'other' }), {
          outcome: 'key-reused',
        });
        assert.equal(await clocked.findIdempotent({ ...claim, client: 'c2' }), null);
        assert.equal(await clocked.findIdempotent({ ...claim, key: 'k-other' }), null);
        now += DAY;
        assert.equal(await clocked.findIdempotent(claim), null, 'an expired record is no answer');
        const second = await clocked.createComment(post('two', 2), null, render);
        assert.equal(second.comment.id, FIRST_POSTED_ID + 1);
      } finally {
        await clocked.close();
      }
    });

    test('a failing render stores nothing and keeps the key free', async () => {
      await store.clear();
      const claim = { key: 'k-fail', client: 'c', fingerprint: 'fp' };
      await assert.rejects(
        store.createComment(post('x', 1), claim, () => {
          throw new Error('render broke');
        }),
        /render broke/,
      );
      assert.equal(await store.countPublished(ARTICLE), 0);
      const retry = await store.createComment(post('x', 1), claim, render);
      assert.equal(retry.outcome, 'created');
    });

    test('rate limits: max hits a window, then whole seconds to wait', async () => {
      let now = 5_000_000;
      const database = await backend.create();
      const one = await backend.open(database, { now: () => now });
      const two = backend.query ? await backend.open(database, { now: () => now }) : one;
      try {
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) => (i % 2 ? two : one).hit('ip:1', 5, 60_000)),
        );
        assert.equal(results.filter((r) => r.allowed).length, 5, 'counted across instances');
        for (const r of results) {
          assert.deepEqual(
            r,
            r.allowed ? { allowed: true, retryAfter: 0 } : { allowed: false, retryAfter: 60 },
          );
        }
        assert.equal((await one.hit('ip:2', 5, 60_000)).allowed, true, 'buckets are separate');
        now += 59_500;
        assert.deepEqual(await two.hit('ip:1', 5, 60_000), { allowed: false, retryAfter: 1 });
        now += 500;
        assert.deepEqual(await one.hit('ip:1', 5, 60_000), { allowed: true, retryAfter: 0 });
        assert.deepEqual(await two.hit('ip:3', 3, 60_000, 3), { allowed: true, retryAfter: 0 });
        assert.deepEqual(await two.hit('ip:3', 3, 60_000, 1), { allowed: false, retryAfter: 60 });
        await assert.rejects(one.hit('ip:4', 5, 0), RangeError);
      } finally {
        if (two !== one) await two.close();
        await one.close();
      }
    });

    test('ping answers until close; close twice is fine', async () => {
      const database = await backend.create();
      const own = await backend.open(database);
      await own.ping();
      assert.equal(own.kind, backend.name.startsWith('SQLite') ? 'sqlite' : 'postgres');
      await own.close();
      await assert.rejects(own.ping());
      await own.close();
    });

    test('a migration that fails leaves the database as it was', async () => {
      const database = await backend.create();
      // Had its first statement stayed, the real migration 1 could not create comments.
      const broken = {
        version: 1,
        name: 'broken',
        sqlite: 'CREATE TABLE comments (x); NOT SQL',
        postgres: 'CREATE TABLE comments (x int); NOT SQL',
      };
      await assert.rejects(
        backend.open(database, { migrations: [broken] }),
        /Migration 1 \(broken\) failed/,
      );
      const fine = await backend.open(database);
      await fine.ping();
      await fine.close();
    });

    if (backend.query) {
      const query = backend.query;

      test('reopening migrates nothing and keeps every acknowledged write', async () => {
        const database = await backend.create();
        const first = await backend.open(database);
        const made = await first.createComment(
          post('kept', 9),
          { key: 'k', client: 'c', fingerprint: 'f' },
          render,
        );
        await first.close();
        const again = await Promise.all([backend.open(database), backend.open(database)]);
        const versions = await query(
          database,
          'SELECT version FROM schema_migrations ORDER BY version',
        );
        assert.deepEqual(
          versions.map((r) => Number(r.version)),
          Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1),
        );
        const [page] = await Promise.all([again[0].listPublished(ARTICLE, 'newest', null, 5)]);
        assert.deepEqual(page, [made.comment]);
        const replay = await again[1].createComment(
          post('kept', 9),
          { key: 'k', client: 'c', fingerprint: 'f' },
          render,
        );
        assert.equal(replay.outcome, 'replayed');
        await Promise.all(again.map((s) => s.close()));
      });

      test('several instances migrating a new database at once agree', async () => {
        const database = await backend.create();
        const stores = await Promise.all(Array.from({ length: 4 }, () => backend.open(database)));
        const versions = await query(database, 'SELECT version FROM schema_migrations');
        assert.equal(versions.length, SCHEMA_VERSION);
        await Promise.all(stores.map((s) => s.close()));
      });

      test('a database migrated by a newer release refuses to open', async () => {
        const database = await backend.create();
        await (await backend.open(database)).close();
        await query(
          database,
          'INSERT INTO schema_migrations (version, name, applied) VALUES (?, ?, ?)',
          [SCHEMA_VERSION + 1, 'from the future', 0],
        );
        await assert.rejects(backend.open(database), (error) => {
          assert.ok(error instanceof SchemaTooNewError);
          assert.match(error.message, new RegExp(`version ${SCHEMA_VERSION + 1}, newer than`));
          return true;
        });
      });

      test('expired idempotency records are pruned a batch at a time', async () => {
        let now = 20_000_000;
        const database = await backend.create();
        const own = await backend.open(database, { now: () => now, idempotencyTtlMs: 1000 });
        const claim = (key) => ({ key, client: 'c', fingerprint: 'f' });
        try {
          for (let i = 0; i < 120; i++)
            await own.createComment(post('old', i), claim(`old:${i}`), render);
          now += 1000;
          const count = async () =>
            Number((await query(database, 'SELECT COUNT(*) AS n FROM idempotency'))[0].n);
          await own.createComment(post('new', 0), claim('new:0'), render);
          const afterOne = await count();
          assert.ok(
            afterOne > 1 && afterOne < 121,
            `one post deleted some, not all (${afterOne} left)`,
          );
          for (let i = 1; i <= 5 && (await count()) > i; i++) {
            await own.createComment(post('new', i), claim(`new:${i}`), render);
          }
          const left = await query(database, 'SELECT key FROM idempotency ORDER BY key');
          assert.ok(
            left.every((row) => row.key.startsWith('new:')),
            'only live records are left',
          );
          assert.equal(await own.countPublished(ARTICLE), 120 + left.length, 'comments stay');
        } finally {
          await own.close();
        }
      });

      test('expired rate-limit buckets are pruned a batch at a time', async () => {
        let now = 10_000_000;
        const database = await backend.create();
        const own = await backend.open(database, { now: () => now });
        try {
          for (let i = 0; i < 120; i++) await own.hit(`old:${i}`, 5, 1000);
          now += 1000;
          const count = async () =>
            Number((await query(database, 'SELECT COUNT(*) AS n FROM rate_limits'))[0].n);
          await own.hit('fresh', 5, 1000);
          const afterOne = await count();
          assert.ok(
            afterOne > 1 && afterOne < 121,
            `one hit deleted some, not all (${afterOne} left)`,
          );
          for (let i = 0; i < 5 && (await count()) > 1; i++) await own.hit('fresh', 5, 1000);
          assert.equal(await count(), 1, 'only the live bucket is left');
        } finally {
          await own.close();
        }
      });
    }
  });
}

describe('store: the same answers on every store', () => {
  test('same seeds and posts give the same ids, order and cursors', async () => {
    const outcomes = [];
    for (const backend of backends) {
      const store = await backend.open(await backend.create());
      try {
        await store.seedComments(seeds());
        const made = [];
        for (const [i, title] of ['p1', 'p2', 'p3', 'p4'].entries()) {
          const claim = { key: `k${i % 3}`, client: 'c', fingerprint: `f${i % 3}` };
          // As the service does: look for a replay first, then create.
          made.push(
            (await store.findIdempotent(claim)) ??
              (await store.createComment(post(title, 2000 + (i % 2) * 1000), claim, render)),
          );
        }
        made.push(
          await store.createComment(
            post('clash', 1),
            { key: 'k0', client: 'c', fingerprint: 'other' },
            render,
          ),
        );
        made.push(await store.createComment(post('plain', 2000), null, render));
        const pages = {};
        for (const sort of ['newest', 'oldest']) pages[sort] = await walk(store, sort, 3);
        outcomes.push({ made, pages, count: await store.countPublished(ARTICLE) });
      } finally {
        await store.close();
      }
    }
    const [first, ...rest] = outcomes;
    assert.deepEqual(
      first.made.map((m) => m.outcome),
      ['created', 'created', 'created', 'replayed', 'key-reused', 'created'],
    );
    for (const other of rest) assert.deepEqual(other, first);
  });
});

describe('store: openStore', () => {
  test('opens PostgreSQL for a postgres:// URL and SQLite for anything else', async () => {
    const opened = await Promise.all([
      openStore(':memory:'),
      openStore(path.join(context.dir, 'open-store', 'db.sqlite')),
      openStore(postgresUrl(), { pool: { max: 2 } }),
      openStore(postgresUrl().replace(/^postgres:/, 'postgresql:')),
    ]);
    try {
      assert.deepEqual(
        opened.map((store) => store.kind),
        ['sqlite', 'sqlite', 'postgres', 'postgres'],
      );
    } finally {
      await Promise.all(opened.map((store) => store.close()));
    }
  });
});
