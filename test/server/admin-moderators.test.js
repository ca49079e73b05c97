/**
 * The admin API's moderator calls (/api/v1/admin/moderators) on SQLite, and on
 * PostgreSQL under MHN_TEST_STORE=postgres: admins only (no session 401, a moderator or
 * a missing CSRF token 403), moderators added, promoted, reset (their sessions end) and
 * removed — never the last admin — with 422s per field, and the audit log of it all,
 * never with a password. Every answer is checked against docs/openapi.yaml.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Desk, describeAccess, testCoverage } from './admin-desk.js';
import { startServer } from './helpers.js';
import { ADMIN_MODERATOR_OPERATIONS } from './openapi-check.js';

const ADMIN = { name: 'Maya', password: 'maya has a long password' };
const MODERATOR = { name: 'Leo', password: 'leo has a long password' };

/** Documented answers no test here can produce, and why. */
const NOT_PRODUCIBLE = {
  500: 'a store failure; the public operations produce it in openapi.test.js, through the same error handler',
};

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;

before(async () => {
  server = await startServer();
  await server.store.addModerator({ ...ADMIN, role: 'admin' });
  await server.store.addModerator({ ...MODERATOR, role: 'moderator' });
});
after(() => server?.close());

const desk = () => new Desk(server);

/** The audit entries (newest first) about moderators. */
async function audit(admin) {
  const page = await admin.expect('GET', '/admin/audit?limit=100', 'adminListAudit', 200);
  return page.items.filter((/** @type {any} */ e) => e.target !== null);
}

describeAccess(() => server, {
  admin: ADMIN,
  moderator: MODERATOR,
  calls: [
    ['GET', '/admin/moderators', 'adminListModerators', undefined],
    ['POST', '/admin/moderators', 'adminAddModerator', { name: 'Ann', password: 'x'.repeat(12) }],
    ['PATCH', '/admin/moderators/Leo', 'adminUpdateModerator', { role: 'admin' }],
    ['DELETE', '/admin/moderators/Leo', 'adminRemoveModerator', undefined],
  ],
  moderatorMay: [],
});

describe('moderators', () => {
  test('an admin lists, adds, promotes, resets and removes moderators; every change is audited', async () => {
    const admin = await desk().signIn(ADMIN);
    const listed = await admin.expect('GET', '/admin/moderators', 'adminListModerators', 200);
    assert.deepEqual(
      listed.items.map((/** @type {any} */ m) => [m.name, m.role]),
      [
        ['Leo', 'moderator'],
        ['Maya', 'admin'],
      ],
    );

    const ann = { name: 'Ann', password: 'ann has a long password' };
    const added = await admin.expect('POST', '/admin/moderators', 'adminAddModerator', 201, {
      body: ann,
    });
    assert.deepEqual([added.moderator.name, added.moderator.role], ['Ann', 'moderator']);
    const annDesk = await desk().signIn(ann);
    await annDesk.expect('GET', '/admin/moderators', 'adminListModerators', 403);

    const promoted = await admin.expect(
      'PATCH',
      '/admin/moderators/ann',
      'adminUpdateModerator',
      200,
      { body: { role: 'admin' } },
    );
    assert.equal(promoted.moderator.role, 'admin');
    // The role is read with the session: the promotion applies to the session she has.
    await annDesk.expect('GET', '/admin/moderators', 'adminListModerators', 200);

    const fresh = 'ann has a brand new password';
    await admin.expect('PATCH', '/admin/moderators/Ann', 'adminUpdateModerator', 200, {
      body: { password: fresh },
    });
    await annDesk.expect('GET', '/admin/session', 'adminGetSession', 401);
    const refused = await desk().request('POST', '/admin/session', { body: ann });
    assert.equal(refused.status, 401);
    await desk().signIn({ name: 'Ann', password: fresh });

    const annAgain = await desk().signIn({ name: 'Ann', password: fresh });
    await admin.expect('DELETE', '/admin/moderators/Ann', 'adminRemoveModerator', 204);
    await annAgain.expect('GET', '/admin/session', 'adminGetSession', 401);
    await admin.expect('DELETE', '/admin/moderators/Ann', 'adminRemoveModerator', 404);
    await admin.expect('PATCH', '/admin/moderators/Ann', 'adminUpdateModerator', 404, {
      body: { role: 'admin' },
    });

    const entries = (await audit(admin)).filter((/** @type {any} */ e) => e.target === 'Ann');
    assert.deepEqual(entries.map((/** @type {any} */ e) => [e.action, e.actor]).reverse(), [
      ['moderator-add', 'Maya'],
      ['role', 'Maya'],
      ['password', 'Maya'],
      ['moderator-remove', 'Maya'],
    ]);
    const role = entries.find((/** @type {any} */ e) => e.action === 'role');
    assert.deepEqual([role.before.role, role.after.role], ['moderator', 'admin']);
    const log = await (await admin.request('GET', '/admin/audit?limit=100')).text();
    assert.ok(!log.includes(fresh) && !log.includes(ann.password), 'no password in the audit');
  });

  test('mistakes are 422 with a sentence per field; a taken name too', async () => {
    const admin = await desk().signIn(ADMIN);
    const cases = [
      [{ name: 'Bo', password: 'short' }, 'password', /at least 12/],
      [{ name: ' Bo', password: 'a long enough password' }, 'name', /start or end/],
      [{ name: 'Bo', password: 'a long enough password', role: 'owner' }, 'role', /"admin"/],
      [{ password: 'a long enough password' }, 'name', /needed/],
      [{ name: 'leo', password: 'a long enough password' }, 'name', /already a moderator/],
      [{ name: 'Bo', password: 'a long enough password', colour: 1 }, 'colour', /not a field/],
    ];
    for (const [body, field, message] of cases) {
      const error = await admin.expect('POST', '/admin/moderators', 'adminAddModerator', 422, {
        body,
      });
      assert.match(error.error.fields[field] ?? '', message, JSON.stringify(error));
    }
    const patch = await admin.expect(
      'PATCH',
      '/admin/moderators/Leo',
      'adminUpdateModerator',
      422,
      { body: { password: 'short' } },
    );
    assert.match(patch.error.fields.password, /at least 12/);
    await admin.expect('PATCH', '/admin/moderators/Leo', 'adminUpdateModerator', 422, {
      body: {},
    });
    await admin.expect('POST', '/admin/moderators', 'adminAddModerator', 400, { body: 'Bo' });
    await admin.expect('PATCH', '/admin/moderators/Leo', 'adminUpdateModerator', 400, {
      body: [],
    });
    const names = (await admin.expect('GET', '/admin/moderators', 'adminListModerators', 200))
      .items;
    assert.deepEqual(
      names.map((/** @type {any} */ m) => m.name),
      ['Leo', 'Maya'],
    );
  });

  test('the last admin can be neither demoted nor removed; with a second admin, they can', async () => {
    const admin = await desk().signIn(ADMIN);
    const demote = await admin.expect(
      'PATCH',
      '/admin/moderators/Maya',
      'adminUpdateModerator',
      422,
      {
        body: { role: 'moderator' },
      },
    );
    assert.match(demote.error.fields.name, /last admin/);
    const remove = await admin.expect(
      'DELETE',
      '/admin/moderators/maya',
      'adminRemoveModerator',
      422,
    );
    assert.match(remove.error.fields.name, /last admin/);

    await admin.expect('PATCH', '/admin/moderators/Leo', 'adminUpdateModerator', 200, {
      body: { role: 'admin' },
    });
    const leo = await desk().signIn(MODERATOR);
    await leo.expect('PATCH', '/admin/moderators/Maya', 'adminUpdateModerator', 200, {
      body: { role: 'moderator' },
    });
    // Maya's session now has the moderator role: admin calls are refused.
    await admin.expect('GET', '/admin/moderators', 'adminListModerators', 403);
    const self = await leo.expect('DELETE', '/admin/moderators/Leo', 'adminRemoveModerator', 422);
    assert.match(self.error.fields.name, /last admin/);
    // Back as they were.
    await leo.expect('PATCH', '/admin/moderators/Maya', 'adminUpdateModerator', 200, {
      body: { role: 'admin' },
    });
    await admin.expect('PATCH', '/admin/moderators/Leo', 'adminUpdateModerator', 200, {
      body: { role: 'moderator' },
    });
  });
});

testCoverage(ADMIN_MODERATOR_OPERATIONS, NOT_PRODUCIBLE);
