/**
 * The moderation store (server/store/moderation-types.ts) on every store — SQLite in
 * memory, SQLite in a file, and a real PostgreSQL (one server for the file): the queue,
 * moderators' actions and their audit log, reports, blocks, duplicate detection and a
 * poster's own deletion. Accounts, sessions, settings and secrets are in
 * store-accounts.test.js; what the tables hold (no addresses) and the same answers on
 * every store are in store-privacy.test.js.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ClientKeys,
  DEFAULT_MODERATION,
  SafetyMatcher,
  bodyFingerprint,
  evaluate,
} from '../../server/build/server/moderation/index.js';
import {
  hashToken,
  moderationHistory,
  newToken,
  storeSecretSource,
} from '../../server/build/server/store/index.js';
import { MIGRATIONS_TABLE_SQL, migrations } from '../../server/build/server/store/migrations.js';
import { useStoreBackends } from './store-backends.js';
import {
  A,
  ARTICLE,
  B,
  C,
  DAY,
  T0,
  post,
  publicIds,
  queueSeeds,
  render,
  walkQueue,
} from './store-moderation-fixtures.js';

const { backends } = useStoreBackends();

for (const backend of backends) {
  describe(`moderation store: ${backend.name}`, () => {
    const clock = { now: T0 + 10_000 };
    /** @type {any} */
    let store;
    /** @type {any} */
    let second;
    /** @type {{ id: number, name: string }} */
    let ana;
    /** @type {{ id: number, name: string }} */
    let ben;
    before(async () => {
      const database = await backend.create();
      store = await backend.open(database, { now: () => clock.now });
      // A second instance on the same database (the in-memory one has only itself).
      second = backend.query ? await backend.open(database, { now: () => clock.now }) : store;
      const added = await Promise.all([
        store.addModerator({ name: 'Ana', password: 'a long passphrase', role: 'admin' }),
        store.addModerator({ name: 'Ben', password: 'another passphrase', role: 'moderator' }),
      ]);
      [ana, ben] = added.map((r) => r.moderator);
    });
    after(async () => {
      if (second !== store) await second?.close();
      await store?.close();
    });
    const fresh = async () => {
      clock.now = T0 + 10_000;
      await store.clear();
      await store.seedComments(queueSeeds());
    };

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

    test('reports: one per reader; enough of them hold it; "worried" holds at once', async () => {
      await fresh();
      const report = (reporter, reason, comment = 205) =>
        store.addReport({ comment, reporter, reason, threshold: 3 });
      const r = (n) => `reader-${n}`;
      assert.deepEqual(await report(r(1), 'spam'), {
        outcome: 'reported',
        reports: 1,
        held: false,
        status: 'published',
        reasons: [],
      });
      assert.equal((await report(r(1), 'abuse')).outcome, 'already-reported');
      assert.equal((await report(r(2), 'other')).held, false);
      const third = await report(r(3), 'abuse');
      assert.deepEqual(third, {
        outcome: 'reported',
        reports: 3,
        held: true,
        status: 'pending',
        reasons: ['reports'],
      });
      assert.deepEqual(await publicIds(store), [206], 'held: gone from the public list');
      const detail = await store.getComment(205);
      assert.equal(detail.reports, 3);
      assert.deepEqual(
        detail.reportList.map((x) => [x.reporter, x.reason]),
        [
          [r(1), 'spam'],
          [r(2), 'other'],
          [r(3), 'abuse'],
        ],
      );
      assert.deepEqual(
        [
          detail.history.at(-1).action,
          detail.history.at(-1).actor,
          detail.history.at(-1).moderator,
        ],
        ['report-hold', 'readers', null],
      );
      assert.equal((await report(r(4), 'spam')).held, false, 'already pending');

      // A moderator's approval counts as a review: the next reports start from there.
      await store.applyAction({ ids: [205], action: 'approve', moderator: ana });
      assert.deepEqual(await publicIds(store), [206, 205]);
      const afterReview = await report(r(5), 'spam');
      assert.deepEqual([afterReview.reports, afterReview.held], [5, false]);

      const worried = await report(r(1), 'worried', 206);
      assert.deepEqual(
        [worried.held, worried.status, worried.reasons],
        [true, 'pending', ['safety']],
      );
      const [top] = (await store.listQueue({ status: 'pending', limit: 1 })).items;
      assert.equal(top.id, 206, 'safety sorts first');
      assert.equal(top.safety, true);

      assert.deepEqual(await report(r(1), 'spam', 999_999), { outcome: 'not-found' });
      await store.applyAction({ ids: [206], action: 'delete', moderator: ana });
      assert.deepEqual(await report(r(9), 'spam', 206), { outcome: 'not-found' });
      await assert.rejects(report(r(1), 'boring'), RangeError);
      await assert.rejects(
        store.addReport({ comment: 205, reporter: '', reason: 'spam', threshold: 3 }),
        RangeError,
      );
    });

    test('reports arriving at once reach the threshold once', async () => {
      await fresh();
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? second : store).addReport({
            comment: 206,
            reporter: `reader-${i}`,
            reason: 'abuse',
            threshold: 5,
          }),
        ),
      );
      assert.deepEqual(
        results.map((x) => x.reports).sort((a, b) => a - b),
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        'each saw the reports committed before it',
      );
      assert.equal(results.filter((x) => x.held).length, 1);
      const detail = await store.getComment(206);
      assert.equal(detail.status, 'pending');
      assert.equal(detail.history.filter((e) => e.action === 'report-hold').length, 1);
    });

    test('block a poster and remove everything they posted', async () => {
      await fresh();
      assert.equal(await store.blockClient(A, ana, 'spam run'), true);
      assert.equal(await second.blockClient(A, ben), false, 'already blocked');
      assert.equal(await store.isBlocked([C, A]), true);
      assert.equal(await store.isBlocked(A), true);
      assert.equal(await store.isBlocked([B]), false);
      assert.deepEqual(await store.listBlocks(), [
        { client: A, moderator: ana.id, created: clock.now, note: 'spam run' },
      ]);
      const removed = await store.removeAllByClient([A], ana);
      assert.deepEqual(removed, [201, 203, 205, 207, 208]);
      assert.deepEqual(await publicIds(store), [206]);
      assert.deepEqual(await store.removeAllByClient(A, ana), [], 'nothing left');
      const entry = (await store.getComment(205)).history.at(-1);
      assert.deepEqual([entry.action, entry.target, entry.actor], ['delete', A, 'Ana']);
      assert.equal(await store.unblockClient(A, ben), true);
      assert.equal(await store.unblockClient(A, ben), false);
      assert.equal(await store.isBlocked(A), false);
      const actions = (await store.listAudit({ limit: 100 })).items.map((e) => e.action);
      assert.ok(actions.includes('block') && actions.includes('unblock'));
      await assert.rejects(store.blockClient('', ana), RangeError);
      await assert.rejects(store.isBlocked([]), RangeError);
    });

    test('duplicates by body hash, and whether a poster has anything published', async () => {
      await store.clear();
      const posts = [
        [A, 'h1', 'pending', 0],
        [A, 'h1', 'pending', 1],
        [B, 'h1', 'published', 2],
        [C, 'h1', 'spam', 3],
        [C, 'h2', 'published', 4],
      ];
      for (const [client, bodyHash, status, t] of posts) {
        await store.createComment(post(T0 + t, { client, bodyHash, status }), null, render);
      }
      await store.seedComments([{ ...post(T0 + 5, { client: '', bodyHash: 'h1' }), id: 1 }]);
      const count = (clients, since) => store.duplicateCounts({ bodyHash: 'h1', clients, since });
      assert.deepEqual(await count([A, 'previous-key-of-A'], T0), {
        sameClient: 2,
        otherClients: 2,
      });
      assert.deepEqual(await count(A, T0 + 2), { sameClient: 0, otherClients: 2 });
      assert.deepEqual(await count([B], T0), { sameClient: 1, otherClients: 2 });
      assert.deepEqual(await count([A], T0 + 4), { sameClient: 0, otherClients: 0 });
      assert.equal(await store.hasPublished([A, 'previous-key-of-A']), false);
      assert.equal(await store.hasPublished(B), true);
      assert.equal(await store.publishedCount([B, C]), 2);
      const [first] = await walkQueue(store, { status: 'pending', sort: 'oldest' }, 1);
      await store.applyAction({ ids: [first], action: 'approve', moderator: ana });
      assert.equal(await store.hasPublished(A), true);
      await store.applyAction({ ids: [first], action: 'delete', moderator: ana });
      assert.equal(await store.hasPublished(A), false, 'a deleted comment does not count');
      await assert.rejects(
        store.duplicateCounts({ bodyHash: '', clients: A, since: 0 }),
        RangeError,
      );
    });

    test('a poster deletes their own comment with its token, within 24 hours', async () => {
      await store.clear();
      clock.now = T0;
      const token = newToken();
      const made = await store.createComment(
        post(T0, { title: 'my title', body: 'my own words', deletionTokenHash: hashToken(token) }),
        null,
        render,
      );
      const id = made.comment.id;
      await store.applyAction({
        ids: [id],
        action: 'edit',
        edit: { title: 'tidied' },
        moderator: ana,
      });
      assert.equal(await store.deleteOwnComment(id, newToken()), 'wrong-token');
      assert.deepEqual(await publicIds(store), [id]);
      clock.now = T0 + DAY - 1;
      assert.equal(await store.deleteOwnComment(id, token), 'deleted');
      assert.deepEqual(await publicIds(store), [], 'gone from the public list at once');
      assert.equal(await store.countPublished(ARTICLE), 0);
      const detail = await store.getComment(id);
      assert.deepEqual(
        [detail.title, detail.author, detail.body, detail.deletedBy],
        ['', '', '', 'poster'],
      );
      const words = JSON.stringify(detail.history);
      assert.ok(
        !words.includes('my own words') && !words.includes('my title') && !words.includes('tidied'),
      );
      assert.equal(detail.history.at(-1).action, 'poster-delete');
      assert.deepEqual(await store.applyAction({ ids: [id], action: 'restore', moderator: ana }), [
        { id, ok: false, error: 'nothing-to-undo' },
      ]);
      assert.equal(await store.deleteOwnComment(id, token), 'not-found');

      const late = newToken();
      const other = await store.createComment(
        post(T0, { deletionTokenHash: hashToken(late) }),
        null,
        render,
      );
      clock.now = T0 + DAY;
      assert.equal(await store.deleteOwnComment(other.comment.id, late), 'expired');
      assert.deepEqual(await publicIds(store), [other.comment.id]);
      const none = await store.createComment(post(T0), null, render);
      assert.equal(await store.deleteOwnComment(none.comment.id, late), 'not-found');
      await assert.rejects(
        store.createComment(post(T0, { deletionTokenHash: late }), null, render),
        /64 hex digits/,
        'the raw token is refused: only its hash is kept',
      );
    });

    test('the rules and client keys run on the store, alike on every instance', async () => {
      await store.clear();
      clock.now = T0 + DAY * 30;
      const keysOn = (instance) =>
        new ClientKeys({ source: storeSecretSource(instance), now: () => clock.now });
      const [one, two] = await Promise.all([
        keysOn(store).keys('198.51.100.7'),
        keysOn(second).keys('198.51.100.7'),
      ]);
      assert.deepEqual(one, two, 'every instance computes the same keys');
      assert.ok(!one.current.includes('198.51.100.7'));
      const other = await keysOn(store).keys('198.51.100.8');
      assert.notEqual(other.current, one.current);

      const body = 'The same long message, posted again and again.';
      const context = {
        clients: one.all,
        now: clock.now,
        history: moderationHistory(second),
        safety: new SafetyMatcher([]),
      };
      const settings = { ...DEFAULT_MODERATION, holdFirstTime: true };
      const draft = { article: ARTICLE, title: 't', author: '', body };
      const first = await evaluate(draft, context, settings);
      assert.deepEqual([first.status, first.reasons], ['pending', ['first-time']]);
      assert.equal(first.fingerprint, bodyFingerprint(body));
      const made = await store.createComment(
        post(clock.now, {
          client: one.current,
          body,
          status: first.status,
          reasons: first.reasons,
          bodyHash: first.fingerprint,
        }),
        null,
        render,
      );
      const again = await evaluate(draft, context, settings);
      assert.deepEqual(again.reasons, ['first-time', 'duplicate'], 'the store saw the first');
      await store.applyAction({ ids: [made.comment.id], action: 'approve', moderator: ana });
      const later = await evaluate({ ...draft, body: 'Something new.' }, context, settings);
      assert.deepEqual([later.status, later.reasons], ['published', []], 'no longer first-time');
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

void C;
