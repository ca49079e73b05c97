/**
 * The moderation store (server/store/moderation-types.ts) on every store — SQLite in
 * memory, SQLite in a file, and a real PostgreSQL (one server for the file): the queue,
 * moderators' actions and their audit log, and migrating an older database. Readers'
 * reports, blocks, duplicates and a poster's own deletion are in store-reports.test.js;
 * accounts, sessions, settings and secrets in store-accounts.test.js; what the tables
 * hold (no addresses) and the same answers on every store in store-privacy.test.js.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { MIGRATIONS_TABLE_SQL, migrations } from '../../server/build/server/store/migrations.js';
import { useStoreBackends } from './store-backends.js';
import {
  A,
  ARTICLE,
  B,
  T0,
  publicIds,
  queueSeeds,
  useModerationStores,
  walkQueue,
} from './store-moderation-fixtures.js';

const { backends } = useStoreBackends();

for (const backend of backends) {
  describe(`moderation store: ${backend.name}`, () => {
    const context = useModerationStores(backend);
    const { clock, fresh } = context;
    /** @type {any} */
    let store;
    /** @type {any} */
    let second;
    /** @type {{ id: number, name: string }} */
    let ana;
    /** @type {{ id: number, name: string }} */
    let ben;
    before(() => {
      ({ store, second, ana, ben } = context);
    });

    test('the queue: by status, safety first among pending, both orders, paged, filtered', async () => {
      await fresh();
      const pending = { status: 'pending' };
      assert.deepEqual(
        await walkQueue(store, { ...pending, sort: 'newest' }, 10),
        [202, 204, 203, 201],
      );
      assert.deepEqual(
        await walkQueue(store, { ...pending, sort: 'oldest' }, 10),
        [204, 202, 201, 203],
      );
      for (const limit of [1, 2, 3]) {
        for (const sort of ['newest', 'oldest']) {
          assert.deepEqual(
            await walkQueue(store, { ...pending, sort }, limit),
            await walkQueue(store, { ...pending, sort }, 10),
            `${sort}, ${limit} a page`,
          );
        }
      }
      assert.deepEqual(
        await walkQueue(store, { ...pending, article: ARTICLE }, 2),
        [202, 203, 201],
      );
      assert.deepEqual(await walkQueue(store, { ...pending, reason: 'links' }, 1), [204, 201]);
      assert.deepEqual(
        await walkQueue(store, { ...pending, reason: 'safety', article: 'other' }, 5),
        [204],
      );
      assert.deepEqual(await walkQueue(store, { status: 'published' }, 1), [206, 205]);
      assert.deepEqual(await walkQueue(store, { status: 'spam', reason: 'honeypot' }, 5), [208]);

      const [first] = (await store.listQueue({ ...pending, limit: 1 })).items;
      assert.deepEqual(first, {
        id: 202,
        article: ARTICLE,
        title: 't202',
        author: 'a202',
        body: 'body of 202',
        created: T0 + 2000,
        status: 'pending',
        client: B,
        reasons: ['safety'],
        safety: true,
        reports: 0,
        edited: null,
        deleted: null,
        deletedBy: null,
      });
      assert.deepEqual(await store.countByStatus(), {
        pending: 4,
        published: 2,
        rejected: 1,
        spam: 1,
        deleted: 0,
      });
      assert.deepEqual(await store.countByStatus({ article: 'other' }), {
        pending: 1,
        published: 0,
        rejected: 0,
        spam: 0,
        deleted: 0,
      });
      assert.equal((await store.countByStatus({ reason: 'links' })).pending, 2);
      assert.deepEqual((await store.listQueue({ ...pending, limit: 0 })).items, []);
      await assert.rejects(store.listQueue({ status: 'held', limit: 5 }), RangeError);
      await assert.rejects(store.listQueue({ ...pending, limit: -1 }), RangeError);
      await assert.rejects(
        store.listQueue({ ...pending, reason: 'DROP TABLE', limit: 5 }),
        RangeError,
      );
    });

    test('approve shows a comment in the public list in its place; reject never does', async () => {
      await fresh();
      assert.deepEqual(await publicIds(store), [206, 205]);
      const results = await store.applyAction({
        ids: [201, 999_999],
        action: 'approve',
        moderator: ana,
      });
      assert.equal(results.length, 2);
      assert.deepEqual(results[1], { id: 999_999, ok: false, error: 'not-found' });
      assert.equal(results[0].ok && results[0].changed, true);
      assert.equal(results[0].comment.status, 'published');
      assert.deepEqual(await publicIds(store), [206, 201, 205], 'in its place by date');
      assert.equal(await store.countPublished(ARTICLE), 3);

      await store.applyAction({
        ids: [203],
        action: 'reject',
        reason: 'off topic',
        moderator: ben,
      });
      assert.deepEqual(await publicIds(store), [206, 201, 205]);
      const rejected = await store.getComment(203);
      assert.equal(rejected.status, 'rejected');
      assert.equal(rejected.history.length, 1);
      const [entry] = rejected.history;
      assert.deepEqual(
        { ...entry, id: 0 },
        {
          id: 0,
          at: clock.now,
          moderator: ben.id,
          actor: 'Ben',
          action: 'reject',
          comment: 203,
          target: null,
          note: 'off topic',
          before: {
            status: 'pending',
            deleted: false,
            title: 't203',
            author: 'a203',
            body: 'body of 203',
            reasons: ['first-time'],
          },
          after: {
            status: 'rejected',
            deleted: false,
            title: 't203',
            author: 'a203',
            body: 'body of 203',
            reasons: ['first-time'],
          },
        },
      );

      const again = await store.applyAction({ ids: [201], action: 'approve', moderator: ben });
      assert.deepEqual(
        again.map((r) => [r.ok, r.changed, r.audit]),
        [[true, false, null]],
        'approving a published comment changes nothing and logs nothing',
      );
      await store.applyAction({ ids: [202], action: 'spam', moderator: ana });
      assert.deepEqual(await store.countByStatus(), {
        pending: 1,
        published: 3,
        rejected: 2,
        spam: 2,
        deleted: 0,
      });
      const audit = await store.listAudit({ limit: 10 });
      assert.deepEqual(
        audit.items.map((e) => [e.action, e.comment]),
        [
          ['spam', 202],
          ['reject', 203],
          ['approve', 201],
        ],
        'one entry per change, newest first (moderators added in before() are older)',
      );
    });

    test('delete leaves the public list at once; restore undoes it; edits keep the original', async () => {
      await fresh();
      const [deleted] = await store.applyAction({ ids: [206], action: 'delete', moderator: ana });
      assert.equal(deleted.comment.deleted, clock.now);
      assert.deepEqual(await publicIds(store), [205]);
      assert.equal(await store.countPublished(ARTICLE), 1);
      assert.deepEqual(await walkQueue(store, { status: 'published' }, 5), [205]);
      assert.deepEqual(await walkQueue(store, { status: 'deleted' }, 5), [206]);
      assert.equal((await store.countByStatus()).deleted, 1);
      const refused = await store.applyAction({ ids: [206], action: 'approve', moderator: ana });
      assert.deepEqual(refused, [{ id: 206, ok: false, error: 'deleted' }]);

      clock.now += 1000;
      const [restored] = await store.applyAction({ ids: [206], action: 'restore', moderator: ben });
      assert.equal(restored.changed, true);
      assert.equal(restored.comment.deleted, null);
      assert.deepEqual(await publicIds(store), [206, 205]);
      const twice = await store.applyAction({ ids: [206], action: 'restore', moderator: ben });
      assert.deepEqual(twice, [{ id: 206, ok: false, error: 'nothing-to-undo' }]);

      const [edited] = await store.applyAction({
        ids: [205],
        action: 'edit',
        edit: { body: 'kinder words' },
        moderator: ana,
      });
      assert.equal(edited.comment.edited, clock.now);
      assert.equal((await store.listPublished(ARTICLE, 'oldest', null, 1))[0].body, 'kinder words');
      const detail = await store.getComment(205);
      assert.equal(detail.body, 'kinder words');
      assert.equal(detail.history.at(-1).before.body, 'body of 205', 'the original is kept');
      assert.equal(detail.history.at(-1).after.body, 'kinder words');
      await store.applyAction({ ids: [205], action: 'restore', moderator: ana });
      assert.equal((await store.getComment(205)).body, 'body of 205');

      // Undo refuses a comment that changed after the action (here: the seed replaced).
      await store.applyAction({ ids: [201], action: 'approve', moderator: ana });
      await store.seedComments([{ ...queueSeeds()[0], status: 'published', body: 'changed' }]);
      const conflict = await store.applyAction({ ids: [201], action: 'restore', moderator: ana });
      assert.deepEqual(conflict, [{ id: 201, ok: false, error: 'conflict' }]);

      const bulk = await store.applyAction({
        ids: [201, 205, 201],
        action: 'reject',
        moderator: ben,
      });
      assert.deepEqual(
        bulk.map((r) => [r.id, r.ok, r.changed]),
        [
          [201, true, true],
          [205, true, true],
        ],
      );
      await assert.rejects(
        store.applyAction({ ids: [201], action: 'bogus', moderator: ana }),
        RangeError,
      );
      await assert.rejects(
        store.applyAction({ ids: [201], action: 'edit', edit: {}, moderator: ana }),
        RangeError,
      );
      await assert.rejects(
        store.applyAction({ ids: [], action: 'approve', moderator: ana }),
        RangeError,
      );
    });

    test('two instances acting on one comment at once take turns', async () => {
      await fresh();
      const both = await Promise.all([
        store.applyAction({ ids: [201], action: 'approve', moderator: ana }),
        second.applyAction({ ids: [201], action: 'approve', moderator: ben }),
      ]);
      assert.deepEqual(both.map(([r]) => r.changed).sort(), [false, true]);
      assert.equal((await store.getComment(201)).history.length, 1, 'one audit entry');

      const mixed = await Promise.all([
        store.applyAction({ ids: [203, 201], action: 'reject', moderator: ana }),
        second.applyAction({ ids: [201, 203], action: 'spam', moderator: ben }),
      ]);
      assert.ok(mixed.flat().every((r) => r.ok && r.changed));
      for (const id of [201, 203]) {
        const { history, status } = await store.getComment(id);
        const last = history.at(-1);
        assert.equal(last.after.status, status, 'the later action wins');
        assert.deepEqual(
          history.at(-2)?.after ?? last.before,
          last.before,
          'it saw the earlier one',
        );
      }
    });

    test('audit log pages newest first', async () => {
      await fresh();
      for (const id of [201, 202, 203, 204]) {
        clock.now += 1;
        await store.applyAction({ ids: [id], action: 'approve', moderator: ana });
      }
      const pages = [];
      let cursor = null;
      do {
        const page = await store.listAudit({ cursor, limit: 3 });
        pages.push(page.items.map((e) => e.comment));
        cursor = page.nextCursor;
      } while (cursor !== null);
      assert.deepEqual(pages.flat().slice(0, 4), [204, 203, 202, 201]);
      const all = await store.listAudit({ limit: 100 });
      assert.ok(all.items.every((e, i, list) => i === 0 || list[i - 1].id > e.id));
      assert.equal(all.nextCursor, null);
    });

    if (backend.query) {
      test('a database of the previous schema keeps its comments when migrated', async () => {
        const database = await backend.create();
        const [first] = migrations;
        const dialect = backend.name === 'PostgreSQL' ? 'postgres' : 'sqlite';
        // The database as release 1 left it: schema version 1 and one comment.
        await backend.exec(
          database,
          `${MIGRATIONS_TABLE_SQL};
           ${first[dialect]}
           INSERT INTO schema_migrations (version, name, applied) VALUES (1, 'one', 0);
           INSERT INTO comments (id, article, title, author, body, created, status, client)
           VALUES (42, '${ARTICLE}', 'old', 'x', 'from before', ${T0}, 'published', '${A}');`,
        );
        const migrated = await backend.open(database);
        try {
          assert.deepEqual(await publicIds(migrated), [42]);
          const [item] = (await migrated.listQueue({ status: 'published', limit: 5 })).items;
          assert.deepEqual(
            [item.id, item.reasons, item.safety, item.deleted],
            [42, [], false, null],
          );
        } finally {
          await migrated.close();
        }
      });
    }
  });
}
