/**
 * The moderation store's accounts and shared state on every store (SQLite in memory,
 * SQLite in a file, a real PostgreSQL): moderators with argon2id passwords, sessions
 * that end after inactivity (an injected clock), sign-in throttling, per-site settings
 * and the client-key secrets every instance shares.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { useStoreBackends } from './store-backends.js';
import { HOUR, T0 } from './store-moderation-fixtures.js';

const { backends } = useStoreBackends();

const IDLE = 30 * 60 * 1000;
const MAX = 12 * HOUR;

for (const backend of backends) {
  describe(`moderation accounts: ${backend.name}`, () => {
    const clock = { now: T0 };
    let database = '';
    /** @type {any} */
    let store;
    /** @type {any} */
    let second;
    before(async () => {
      database = await backend.create();
      const options = { now: () => clock.now, sessionIdleMs: IDLE, sessionMaxMs: MAX };
      store = await backend.open(database, options);
      second = backend.query ? await backend.open(database, options) : store;
    });
    after(async () => {
      if (second !== store) await second?.close();
      await store?.close();
    });

    test('moderators: argon2id passwords, names unique ignoring case, removal', async () => {
      clock.now = T0;
      const added = await store.addModerator({
        name: ' Maya ',
        password: 'correct horse battery staple',
        role: 'admin',
      });
      assert.equal(added.outcome, 'added');
      assert.deepEqual(added.moderator, {
        id: added.moderator.id,
        name: 'Maya',
        role: 'admin',
        created: T0,
      });
      assert.deepEqual(
        await second.addModerator({ name: 'MAYA', password: 'x', role: 'moderator' }),
        { outcome: 'name-taken' },
      );
      await store.addModerator({ name: 'Leo', password: 'leo password', role: 'moderator' });
      assert.deepEqual(
        (await store.listModerators()).map((m) => [m.name, m.role]),
        [
          ['Leo', 'moderator'],
          ['Maya', 'admin'],
        ],
      );
      assert.equal((await store.findModerator('maya')).id, added.moderator.id);

      assert.deepEqual(
        await store.verifyPassword('maya', 'correct horse battery staple'),
        added.moderator,
      );
      assert.equal(await store.verifyPassword('Maya', 'correct horse battery stapler'), null);
      assert.equal(await store.verifyPassword('Nobody', 'correct horse battery staple'), null);
      if (backend.query) {
        const [row] = await backend.query(
          database,
          'SELECT password_hash FROM moderators WHERE name = ?',
          ['Maya'],
        );
        assert.match(row.password_hash, /^\$argon2id\$v=19\$m=\d+,p=\d+,t=\d+\$/);
        assert.ok(!row.password_hash.includes('correct horse'));
      }

      const { token } = await store.createSession(added.moderator.id);
      assert.equal(await store.setPassword('MAYA', 'a new passphrase'), true);
      assert.equal(await store.getSession(token), null, 'a new password ends every session');
      assert.equal(await store.verifyPassword('Maya', 'correct horse battery staple'), null);
      assert.equal((await store.verifyPassword('Maya', 'a new passphrase')).name, 'Maya');

      const { token: again } = await store.createSession(added.moderator.id);
      assert.equal(await store.removeModerator('maya', { id: 0, name: 'Leo' }), true);
      assert.equal(await store.removeModerator('maya'), false);
      assert.equal(await store.getSession(again), null, 'removal ends their sessions');
      assert.equal(await store.createSession(added.moderator.id), null);
      assert.equal(await store.verifyPassword('Maya', 'a new passphrase'), null);
      assert.equal(await store.findModerator('Maya'), null);
      const back = await store.addModerator({ name: 'maya', password: 'p', role: 'moderator' });
      assert.equal(back.outcome, 'added', 'the name is free again');
      assert.notEqual(back.moderator.id, added.moderator.id);

      const audit = (await store.listAudit({ limit: 20 })).items;
      assert.deepEqual(audit.map((e) => [e.action, e.target, e.actor]).slice(0, 4), [
        ['moderator-add', 'maya', 'operator'],
        ['moderator-remove', 'Maya', 'Leo'],
        ['password', 'Maya', 'operator'],
        ['moderator-add', 'Leo', 'operator'],
      ]);
      assert.ok(!JSON.stringify(audit).includes('argon2'), 'no hash in the audit log');

      await assert.rejects(
        store.addModerator({ name: '', password: 'p', role: 'admin' }),
        RangeError,
      );
      await assert.rejects(
        store.addModerator({ name: 'X', password: 'p', role: 'owner' }),
        RangeError,
      );
      await assert.rejects(
        store.addModerator({ name: 'X', password: '', role: 'admin' }),
        RangeError,
      );
    });

    test('two instances adding one name at once: one account', async () => {
      const results = await Promise.all(
        ['Zoë', 'ZOË', 'zoë', 'Zoë'].map((name, i) =>
          (i % 2 ? second : store).addModerator({ name, password: 'pw', role: 'moderator' }),
        ),
      );
      assert.equal(results.filter((r) => r.outcome === 'added').length, 1);
      assert.equal(
        (await store.listModerators()).filter((m) => m.name.toLowerCase() === 'zoë').length,
        1,
      );
    });

    test('sessions: a hashed token, a CSRF token, ended by inactivity, age or sign-out', async () => {
      clock.now = T0;
      const { moderator } = await store.addModerator({
        name: 'Sam',
        password: 'pw',
        role: 'moderator',
      });
      const made = await store.createSession(moderator.id);
      assert.match(made.token, /^[A-Za-z0-9_-]{43}$/, '256 random bits');
      assert.deepEqual(made.session, {
        moderator,
        csrf: made.session.csrf,
        created: T0,
        lastSeen: T0,
        expires: T0 + IDLE,
      });
      assert.notEqual(made.session.csrf, made.token);
      if (backend.query) {
        const rows = await backend.query(database, 'SELECT token_hash FROM sessions');
        const hashes = rows.map((r) => r.token_hash);
        assert.ok(hashes.includes(createHash('sha256').update(made.token).digest('hex')));
        assert.ok(!hashes.includes(made.token), 'the token itself is not stored');
      }
      // Used on another instance: every instance honours a sign-in.
      clock.now += IDLE - 1;
      const seen = await second.getSession(made.token);
      assert.deepEqual(
        [seen.moderator.name, seen.lastSeen, seen.expires],
        ['Sam', clock.now, clock.now + IDLE],
      );
      clock.now += IDLE - 1;
      assert.ok(await store.getSession(made.token), 'activity keeps it alive');
      clock.now += IDLE;
      assert.equal(await store.getSession(made.token), null, 'ended by inactivity');
      assert.equal(await store.getSession(made.token), null);

      // However active, a session ends at its maximum age.
      clock.now = T0;
      const busy = await store.createSession(moderator.id);
      for (let t = T0; t < T0 + MAX; t += IDLE / 2) {
        clock.now = t;
        assert.ok(await store.getSession(busy.token), `alive at ${t - T0} ms`);
      }
      clock.now = T0 + MAX;
      assert.equal(await store.getSession(busy.token), null, 'ended at its maximum age');

      const out = await store.createSession(moderator.id);
      assert.equal(await second.endSession(out.token), true);
      assert.equal(await store.getSession(out.token), null, 'signed out everywhere');
      assert.equal(await store.endSession(out.token), false);
      const [one, two] = [
        await store.createSession(moderator.id),
        await store.createSession(moderator.id),
      ];
      assert.equal(await store.endSessions(moderator.id), 2);
      assert.equal(await store.getSession(one.token), null);
      assert.equal(await store.getSession(two.token), null);
      assert.equal(await store.getSession(''), null);
      assert.equal(await store.getSession('x'.repeat(5000)), null);
    });

    test('failed sign-ins slow the next attempt, per account and per client', async () => {
      clock.now = T0;
      const account = 'account:kim';
      const client = 'client:0f3a';
      const waits = [];
      for (let i = 0; i < 6; i++) waits.push(await store.recordSignInFailure([account, client]));
      assert.deepEqual(waits, [0, 0, 0, 1000, 2000, 4000], 'three free, then doubling');
      assert.equal(await second.signInWait([account]), 4000);
      clock.now += 1500;
      assert.equal(await store.signInWait([client, 'client:other']), 2500);
      await store.clearSignInFailures([account]);
      assert.equal(await store.signInWait([account]), 0, 'a success forgets the account');
      assert.equal(await store.signInWait([account, client]), 2500, 'not the client');

      // Failures counted on two instances at once are all counted.
      clock.now = T0 + 10 * HOUR;
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? second : store).recordSignInFailure(['account:lou']),
        ),
      );
      assert.equal(await store.signInWait(['account:lou']), 64_000, '10 failures: 2^6 s');
      clock.now += 60 * 60 * 1000;
      assert.equal(await store.signInWait(['account:lou']), 0, 'forgotten an hour after the last');
      assert.equal(await store.recordSignInFailure(['account:lou']), 0, 'counting starts again');
      await assert.rejects(store.signInWait([]), RangeError);
    });

    test('site settings: JSON values per site, each change in the audit log', async () => {
      const admin = { id: 1, name: 'Admin' };
      assert.deepEqual(await store.getSiteSettings('main'), {});
      await store.setSiteSetting('main', 'moderation', { mode: 'hold-all' }, admin);
      await second.setSiteSetting('main', 'reportThreshold', 3, admin);
      await store.setSiteSetting('partner', 'moderation', { mode: 'rules' }, admin);
      assert.deepEqual(await second.getSiteSettings('main'), {
        moderation: { mode: 'hold-all' },
        reportThreshold: 3,
      });
      assert.deepEqual(await store.getSiteSettings('partner'), { moderation: { mode: 'rules' } });
      await store.setSiteSetting('main', 'moderation', { mode: 'hold-all' }, admin);
      await store.setSiteSetting('main', 'moderation', { mode: 'rules' }, admin);
      const changes = (await store.listAudit({ limit: 50 })).items.filter(
        (e) => e.action === 'setting',
      );
      assert.deepEqual(
        changes.map((e) => [e.target, e.before, e.after]),
        [
          ['main/moderation', { mode: 'hold-all' }, { mode: 'rules' }],
          ['partner/moderation', null, { mode: 'rules' }],
          ['main/reportThreshold', null, 3],
          ['main/moderation', null, { mode: 'hold-all' }],
        ],
        'an unchanged value is not logged again',
      );
      await assert.rejects(store.setSiteSetting('main', 'x', undefined, admin), RangeError);
      await assert.rejects(store.setSiteSetting('', 'x', 1, admin), RangeError);
    });

    test('site settings: several in one transaction, the audit shown through a view', async () => {
      const admin = { id: 1, name: 'Admin' };
      /** @type {(key: string, before: unknown, after: unknown) => any} */
      const view = (key, before, after) =>
        key === 'secret' ? { before: before !== null, after: after !== null } : { before, after };
      await store.setSiteSettings('view', { plain: 1, secret: 'hush-hush' }, admin, view);
      assert.deepEqual(await second.getSiteSettings('view'), { plain: 1, secret: 'hush-hush' });
      const logged = (await store.listAudit({ limit: 50 })).items
        .filter((e) => e.target?.startsWith('view/'))
        .map((e) => [e.target, e.before, e.after]);
      assert.deepEqual(logged.sort(), [
        ['view/plain', null, 1],
        ['view/secret', false, true],
      ]);
      // A bad value anywhere: nothing of the call is written.
      await assert.rejects(
        store.setSiteSettings('view', { plain: 2, broken: undefined }, admin),
        RangeError,
      );
      assert.deepEqual(await store.getSiteSettings('view'), { plain: 1, secret: 'hush-hush' });
    });

    test('roles: changed and audited; the last admin is never demoted or removed, even at once', async () => {
      const by = { id: 1, name: 'Admin' };
      for (const name of ['Ada', 'Bea', 'Cy']) {
        await store.addModerator({ name, password: `${name} has a long password`, role: 'admin' });
      }
      assert.equal(await store.setRole('nobody', 'admin', by), 'not-found');
      assert.equal(await store.setRole('cy', 'admin', by), 'unchanged');
      await assert.rejects(store.setRole('Cy', 'owner', by), RangeError);
      const admins = (await store.listModerators()).filter((m) => m.role === 'admin');
      assert.ok(admins.length >= 3);
      // Every admin demoted at once, from two connections: exactly one is refused.
      const results = await Promise.all(
        admins.map((m, i) => (i % 2 ? second : store).setRole(m.name, 'moderator', by)),
      );
      assert.deepEqual(
        results.filter((r) => r === 'last-admin'),
        ['last-admin'],
      );
      const left = (await store.listModerators()).filter((m) => m.role === 'admin');
      assert.equal(left.length, 1);
      const [last] = left;
      assert.equal(await store.removeModeratorKeepingAnAdmin(last.name, by), 'last-admin');
      assert.equal(
        await store.setRole('Ada', 'admin', by),
        last.name === 'Ada' ? 'unchanged' : 'changed',
      );
      assert.equal(
        await store.setRole('Bea', 'admin', by),
        last.name === 'Bea' ? 'unchanged' : 'changed',
      );
      if (!['Ada', 'Bea'].includes(last.name)) {
        assert.equal(await store.setRole(last.name, 'moderator', by), 'changed');
      }
      // The two admins left removed at once: one stays.
      const removals = await Promise.all([
        store.removeModeratorKeepingAnAdmin('Ada', by),
        second.removeModeratorKeepingAnAdmin('Bea', by),
      ]);
      assert.deepEqual(removals.sort(), ['changed', 'last-admin']);
      assert.equal(await store.removeModeratorKeepingAnAdmin('Ada-not', by), 'not-found');
      const audit = (await store.listAudit({ limit: 100 })).items;
      const demoted = audit.find((e) => e.action === 'role' && e.after?.role === 'moderator');
      assert.equal(demoted.before.role, 'admin');
      assert.equal(demoted.actor, 'Admin');
    });

    test('client-key secrets: made once for every instance, rotated, the previous kept', async () => {
      clock.now = T0;
      const first = await Promise.all(
        Array.from({ length: 6 }, (_, i) => (i % 2 ? second : store).getOrCreateSecrets(HOUR)),
      );
      const [one] = first;
      assert.equal(one.current.material.length, 32);
      assert.equal(one.previous, null);
      for (const other of first) assert.deepEqual(other, one, 'the same secret everywhere');
      clock.now += HOUR - 1;
      assert.deepEqual(await second.getOrCreateSecrets(HOUR), one);

      clock.now += 1;
      const rotated = await Promise.all(
        Array.from({ length: 6 }, (_, i) => (i % 2 ? second : store).getOrCreateSecrets(HOUR)),
      );
      for (const other of rotated) assert.deepEqual(other, rotated[0]);
      assert.equal(rotated[0].current.generation, one.current.generation + 1);
      assert.deepEqual(rotated[0].previous, one.current);
      assert.notDeepEqual(rotated[0].current.material, one.current.material);
      clock.now += HOUR;
      const third = await store.getOrCreateSecrets(HOUR);
      assert.deepEqual(third.previous, rotated[0].current);
      if (backend.query) {
        const rows = await backend.query(
          database,
          "SELECT generation FROM secrets WHERE purpose = 'client-key'",
        );
        assert.equal(rows.length, 2, 'older secrets are forgotten');
      }
      await assert.rejects(store.getOrCreateSecrets(0), RangeError);

      const epoch = await Promise.all(
        Array.from({ length: 6 }, (_, i) => (i % 2 ? second : store).epochSecret(2900)),
      );
      for (const other of epoch) assert.deepEqual(other, epoch[0]);
      assert.equal(epoch[0].length, 32);
      assert.notDeepEqual(await store.epochSecret(2901), epoch[0]);
      assert.deepEqual(await second.epochSecret(2900), epoch[0]);
      await store.epochSecret(2903);
      if (backend.query) {
        const rows = await backend.query(
          database,
          "SELECT generation FROM secrets WHERE purpose = 'client-key-epoch' ORDER BY generation",
        );
        assert.deepEqual(
          rows.map((r) => Number(r.generation)),
          [2903],
          'periods before the previous go',
        );
      }
      await assert.rejects(store.epochSecret(-1), RangeError);
    });
  });
}
