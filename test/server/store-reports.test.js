/**
 * The moderation store on every store (SQLite in memory, SQLite in a file, a real
 * PostgreSQL): readers' reports, blocked posters, duplicate detection, a poster's own
 * deletion, and server/moderation's rules and client keys running on the store.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
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
  render,
  useModerationStores,
  walkQueue,
} from './store-moderation-fixtures.js';

const { backends } = useStoreBackends();

for (const backend of backends) {
  describe(`moderation store, readers and posters: ${backend.name}`, () => {
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

    test("a reader's report (with its article): published comments of that article only", async () => {
      await fresh();
      const report = (reporter, comment, article = ARTICLE, reason = 'spam') =>
        store.addReport({ comment, reporter, reason, threshold: 3, article });
      assert.deepEqual(await report('reader-1', 205, 'other'), { outcome: 'not-found' });
      for (const held of [201, 207, 208]) {
        assert.deepEqual(await report('reader-1', held), { outcome: 'not-found' }, `${held}`);
      }
      assert.equal((await report('reader-1', 205)).outcome, 'reported');
      // Their "worried" report on another comment holds it; their retry is still theirs.
      const worried = await report('reader-1', 206, ARTICLE, 'worried');
      assert.deepEqual(
        [worried.outcome, worried.held, worried.reasons],
        ['reported', true, ['safety']],
      );
      const retry = await report('reader-1', 206, ARTICLE, 'worried');
      assert.deepEqual([retry.outcome, retry.held, retry.reports], ['already-reported', false, 1]);
      assert.deepEqual(await report('reader-2', 206), { outcome: 'not-found' });
      assert.equal((await store.getComment(206)).reports, 1);
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
        { client: A, moderator: ana.id, created: clock.now, note: 'spam run', carriedTo: [] },
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

    test('a block is carried forward to the keys a returning poster comes back with', async () => {
      await fresh();
      // The same poster's keys in three rotation periods, and someone else.
      const [k1, k2, k3, other] = ['key-period-1', 'key-period-2', 'key-period-3', 'someone'];
      const blockedAt = clock.now;
      assert.equal(await store.blockClient(k1, ana, 'abuse'), true);
      assert.equal(await store.isBlocked([k2, k1]), true, 'no carry without carryTo');
      assert.equal(await store.isBlocked(k2), false);
      clock.now += DAY;
      // Several posts at once, on both instances, carry it once.
      const matched = await Promise.all(
        Array.from({ length: 6 }, (_, i) => (i % 2 ? second : store).isBlocked([k2, k1], k2)),
      );
      assert.deepEqual(matched, new Array(6).fill(true));
      assert.equal(await store.isBlocked(k2), true, 'carried to the current key');
      assert.equal(await store.isBlocked([other, k1], other), true);
      assert.equal(await second.blockClient(k2, ben), false, 'already blocked');
      clock.now += DAY;
      assert.equal(await store.isBlocked([k3, k2], k3), true);
      assert.equal(await store.isBlocked([k3]), true);
      assert.deepEqual(await store.listBlocks(), [
        {
          client: k1,
          moderator: ana.id,
          created: blockedAt,
          note: 'abuse',
          carriedTo: [k2, other, k3],
        },
      ]);

      // Lifted through any of its keys, with every copy; the audit names the key blocked.
      assert.equal(await second.unblockClient(k3, ben), true);
      for (const key of [k1, k2, k3, other]) assert.equal(await store.isBlocked(key), false);
      assert.equal(await store.isBlocked([k3, k2], k3), false);
      assert.deepEqual(await store.listBlocks(), []);
      assert.equal(await store.unblockClient(k1, ben), false);
      const entry = (await store.listAudit({ limit: 1 })).items[0];
      assert.deepEqual([entry.action, entry.target], ['unblock', k1]);
    });

    test('an unblock racing a carry leaves nothing blocked', async () => {
      for (let round = 0; round < 8; round++) {
        await fresh();
        const [old, current] = [`old-${round}`, `current-${round}`];
        await store.blockClient(old, ana, 'race');
        const [carried, lifted] = await Promise.all([
          second.isBlocked([current, old], current),
          store.unblockClient(old, ben),
        ]);
        assert.equal(lifted, true);
        assert.equal(typeof carried, 'boolean');
        assert.equal(await store.isBlocked([current, old]), false, `round ${round}: ${carried}`);
        assert.deepEqual(await store.listBlocks(), []);
      }
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
  });
}
