/**
 * The admin API's settings calls (/api/v1/admin/settings) on SQLite, and on PostgreSQL
 * under MHN_TEST_STORE=postgres: who may call them (no session, a moderator, a missing
 * CSRF token), the settings in effect and where each comes from, the desk's overrides
 * reaching the next comment, field-by-field 422s that change nothing, and the audit log
 * of it all, never with the webhook's secret. Every answer is checked against
 * docs/openapi.yaml.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Desk, describeAccess, testCoverage } from './admin-desk.js';
import { ARTICLE, repoRoot, startServer } from './helpers.js';
import { ADMIN_SETTINGS_OPERATIONS, expectDocumented } from './openapi-check.js';

const ADMIN = { name: 'Maya', password: 'maya has a long password' };
const MODERATOR = { name: 'Leo', password: 'leo has a long password' };
const SECRET = 'whsec-settings-test-0123456789';

/** Documented answers no test here can produce, and why. */
const NOT_PRODUCIBLE = {
  500: 'a store failure; the public operations produce it in openapi.test.js, through the same error handler',
};

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;

before(async () => {
  // The service's switch on (the default): a site that sets no mode holds everything.
  server = await startServer();
  await server.store.addModerator({ ...ADMIN, role: 'admin' });
  await server.store.addModerator({ ...MODERATOR, role: 'moderator' });
});
after(() => server?.close());

const desk = () => new Desk(server);

let posts = 0;

/** Posts a comment as a reader (a new text each time: no duplicate); the 201's body. */
async function post(title, body = `Something I wanted to say, number ${(posts += 1)}.`) {
  return expectDocumented(await server.post(ARTICLE, { title, body }), 'postComment', 201);
}

/** The audit entries (newest first) about settings or moderators. */
async function audit(admin) {
  const page = await admin.expect('GET', '/admin/audit?limit=100', 'adminListAudit', 200);
  return page.items.filter((/** @type {any} */ e) => e.target !== null);
}

describeAccess(() => server, {
  admin: ADMIN,
  moderator: MODERATOR,
  calls: [
    ['GET', '/admin/settings', 'adminGetSettings', undefined],
    ['PATCH', '/admin/settings', 'adminUpdateSettings', { maxLinks: 5 }],
  ],
  moderatorMay: ['adminGetSettings'],
});

describe('settings', () => {
  test('the settings in effect say where each comes from: the switch’s default, the content folder', async () => {
    const moderator = await desk().signIn(MODERATOR);
    const body = await moderator.expect('GET', '/admin/settings', 'adminGetSettings', 200);
    assert.equal(body.defaultMode, 'hold-all');
    assert.equal(body.settings.mode, 'hold-all');
    assert.equal(body.sources.mode, 'default', 'the sample content leaves mode to the switch');
    assert.equal(body.settings.maxLinks, 2);
    assert.equal(body.sources.maxLinks, 'content');
    assert.equal(body.sources.duplicateClients, 'default');
    assert.equal(body.settings.webhook, null);
    assert.equal((await post('Held by the switch')).status, 'pending');
  });

  test('a mistake is 422 with a sentence per field, and nothing changes', async () => {
    const admin = await desk().signIn(ADMIN);
    const before = await admin.expect('GET', '/admin/settings', 'adminGetSettings', 200);
    const cases = [
      [{ maxLinks: 101 }, 'maxLinks', /whole number from 0 to 100/],
      [{ maxLinks: 1.5 }, 'maxLinks', /whole number/],
      [{ mode: 'strict' }, 'mode', /"hold-all" or "rules"/],
      [{ holdFirstTime: 'yes' }, 'holdFirstTime', /true or false/],
      [{ restricted: ['casino', 'CASINO'] }, 'restricted[1]', /already listed at \[0\]/],
      [{ restricted: ['casino', '!!!'] }, 'restricted[1]', /no letters or digits/],
      [{ webhook: { url: 'ftp://example.org/', secret: SECRET } }, 'webhook.url', /http\(s\)/],
      [{ webhook: { url: 'https://example.org/', secret: 'short' } }, 'webhook.secret', /16/],
      [{ webhook: { url: 'https://example.org/' } }, 'webhook.secret', /no secret is set yet/],
      [{ colour: 'blue' }, 'colour', /not a setting/],
      [{ mode: 'rules', maxLinks: -1 }, 'maxLinks', /0 to 100/],
    ];
    for (const [body, field, message] of cases) {
      const error = await admin.expect('PATCH', '/admin/settings', 'adminUpdateSettings', 422, {
        body,
      });
      assert.equal(error.error.code, 'validation_failed', JSON.stringify(body));
      assert.match(error.error.fields[field] ?? '', message, JSON.stringify(error));
    }
    const empty = await admin.expect('PATCH', '/admin/settings', 'adminUpdateSettings', 422, {
      body: {},
    });
    assert.match(empty.error.message, /at least one setting/);
    await admin.expect('PATCH', '/admin/settings', 'adminUpdateSettings', 400, { body: [1] });
    assert.deepEqual(await admin.expect('GET', '/admin/settings', 'adminGetSettings', 200), before);
  });

  test('an admin’s overrides decide the next comment; null gives the content’s value back; audited', async () => {
    const admin = await desk().signIn(ADMIN);
    const changed = await admin.expect('PATCH', '/admin/settings', 'adminUpdateSettings', 200, {
      body: { mode: 'rules', restricted: ['casino', 'cheap pills'], maxLinks: 0 },
    });
    assert.equal(changed.settings.mode, 'rules');
    assert.equal(changed.sources.mode, 'desk');
    assert.deepEqual(changed.settings.restricted, ['casino', 'cheap pills']);
    assert.equal(changed.sources.maxLinks, 'desk');
    assert.equal(changed.sources.holdFirstTime, 'content');

    assert.equal((await post('Thanks for this')).status, 'published');
    assert.equal((await post('Offer', 'The best CASINO bonuses here.')).status, 'pending');
    assert.equal((await post('Link', 'See https://example.org/ for more.')).status, 'pending');
    const moderator = await desk().signIn(MODERATOR);
    const held = await moderator.expect(
      'GET',
      '/admin/comments?status=pending&reason=restricted',
      'adminListComments',
      200,
    );
    assert.deepEqual(
      held.items.map((/** @type {any} */ c) => c.title),
      ['Offer'],
    );

    const back = await admin.expect('PATCH', '/admin/settings', 'adminUpdateSettings', 200, {
      body: { maxLinks: null, mode: null },
    });
    assert.equal(back.settings.maxLinks, 2);
    assert.equal(back.sources.maxLinks, 'content');
    assert.equal(back.settings.mode, 'hold-all');
    assert.equal(back.sources.mode, 'default');
    assert.equal((await post('Held again')).status, 'pending');

    const entries = await audit(admin);
    const mode = entries.filter((/** @type {any} */ e) => e.target === 'main/moderation.mode');
    assert.deepEqual(
      mode.map((/** @type {any} */ e) => [e.action, e.actor, e.before, e.after]),
      [
        ['setting', 'Maya', 'rules', null],
        ['setting', 'Maya', null, 'rules'],
      ],
    );
    // Cleared for the tests that follow.
    await admin.expect('PATCH', '/admin/settings', 'adminUpdateSettings', 200, {
      body: { restricted: null },
    });
  });

  test('the webhook: set with its secret, moved keeping it; the secret is never shown or audited', async () => {
    const admin = await desk().signIn(ADMIN);
    const set = await admin.expect('PATCH', '/admin/settings', 'adminUpdateSettings', 200, {
      body: { webhook: { url: 'https://hooks.example.org/a', secret: SECRET } },
    });
    assert.deepEqual(set.settings.webhook, { url: 'https://hooks.example.org/a', secretSet: true });
    assert.equal(set.sources.webhook, 'desk');
    const moved = await admin.expect('PATCH', '/admin/settings', 'adminUpdateSettings', 200, {
      body: { webhook: { url: 'https://hooks.example.org/b' } },
    });
    assert.deepEqual(moved.settings.webhook, {
      url: 'https://hooks.example.org/b',
      secretSet: true,
    });
    const stored = await server.store.getSiteSettings('main');
    assert.equal(stored['moderation.webhook'].secret, SECRET, 'the secret was kept');

    const entries = (await audit(admin)).filter(
      (/** @type {any} */ e) => e.target === 'main/moderation.webhook',
    );
    assert.deepEqual(
      entries.map((/** @type {any} */ e) => [e.before, e.after]),
      [
        [
          { url: 'https://hooks.example.org/a', secretSet: true },
          { url: 'https://hooks.example.org/b', secretSet: true, secretChanged: false },
        ],
        [null, { url: 'https://hooks.example.org/a', secretSet: true, secretChanged: true }],
      ],
    );
    const everything = await admin.request('GET', '/admin/audit?limit=100');
    assert.doesNotMatch(await everything.text(), new RegExp(SECRET));
    const read = await admin.request('GET', '/admin/settings');
    assert.doesNotMatch(await read.text(), new RegExp(SECRET));

    const cleared = await admin.expect('PATCH', '/admin/settings', 'adminUpdateSettings', 200, {
      body: { webhook: null },
    });
    assert.equal(cleared.settings.webhook, null);
    assert.equal(cleared.sources.webhook, 'default');
  });

  test('settings are read from the store on every post: another instance’s change applies at once', async () => {
    // What another instance does through its own desk: a write to the shared store.
    const other = { id: 1, name: 'Maya' };
    await server.store.setSiteSettings('main', { 'moderation.mode': 'rules' }, other);
    assert.equal((await post('Published at once')).status, 'published');
    await server.store.setSiteSettings('main', { 'moderation.mode': 'hold-all' }, other);
    assert.equal((await post('Held at once')).status, 'pending');
    await server.store.setSiteSettings('main', { 'moderation.mode': null }, other);
  });
});

describe('the switch is a default: a content folder’s mode wins over it', () => {
  /** @type {string} */
  let dir;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mhn-mode-'));
    cpSync(path.join(repoRoot, 'content'), dir, { recursive: true });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** @param {string} mode */
  function withMode(mode) {
    const file = path.join(dir, 'site.yaml');
    const text = readFileSync(path.join(repoRoot, 'content', 'site.yaml'), 'utf8');
    writeFileSync(file, text.replace(/^moderation:\n/m, `moderation:\n  mode: ${mode}\n`));
  }

  for (const [mode, moderation, status] of [
    ['hold-all', false, 'pending'],
    ['rules', true, 'published'],
  ]) {
    test(`mode: ${mode} in site.yaml with --moderation ${moderation ? 'on' : 'off'}: ${status}`, async () => {
      withMode(String(mode));
      const site = await startServer({ contentDir: dir, moderation: Boolean(moderation) });
      try {
        await site.store.addModerator({ ...MODERATOR, role: 'moderator' });
        const reader = await new Desk(site).signIn(MODERATOR);
        const shown = await reader.expect('GET', '/admin/settings', 'adminGetSettings', 200);
        assert.equal(shown.settings.mode, mode);
        assert.equal(shown.sources.mode, 'content');
        assert.equal(shown.defaultMode, moderation ? 'hold-all' : 'rules');
        const res = await site.post(ARTICLE, { title: 'Hello', body: 'A first comment here.' });
        assert.equal((await expectDocumented(res, 'postComment', 201)).status, status);
      } finally {
        await site.close();
      }
    });
  }
});

testCoverage(ADMIN_SETTINGS_OPERATIONS, NOT_PRODUCIBLE);
