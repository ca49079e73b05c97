/**
 * The admin API (/api/v1/admin) against the service on SQLite, and on PostgreSQL under
 * MHN_TEST_STORE=postgres: sign-in and sessions (cookie, expiry on the store's clock,
 * sign-out), CSRF (Origin and token), roles, sign-in throttling, the queue, every action
 * alone and in bulk, undo, block + remove all, the audit log — each answer validated
 * against docs/openapi.yaml by the OpenAPI test's own validator.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { operations } from '../../scripts/openapi.mjs';
import { ARTICLE } from './helpers.js';
import { startServer } from './helpers.js';
import {
  ADMIN_SITE_OPERATIONS,
  covered,
  document,
  expectDocumented,
  isAdminOperation,
} from './openapi-check.js';

const MINUTE = 60_000;
const ADMIN = { name: 'Maya', password: 'maya has a long password' };
const MODERATOR = { name: 'Leo', password: 'leo has a long password' };

/** Documented admin answers no test here can produce, and why. */
const NOT_PRODUCIBLE = {
  500: 'a store failure; the public operations produce it in openapi.test.js, through the same error handler',
};

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
let now = Date.parse('2026-11-29T02:00:00Z');

before(async () => {
  server = await startServer({ storeOptions: { now: () => now } });
  await server.store.addModerator({ ...ADMIN, role: 'admin' });
  await server.store.addModerator({ ...MODERATOR, role: 'moderator' });
});
after(() => server?.close());

/** A desk in a browser: its cookie jar, its CSRF token, its Origin. */
class Desk {
  cookie = '';
  csrf = '';
  origin = '';

  constructor() {
    this.origin = server.url;
  }

  /**
   * @param {string} method
   * @param {string} path under /api/v1
   * @param {{ body?: unknown, headers?: Record<string, string> }} [init]
   */
  request(method, path, { body, headers = {} } = {}) {
    return fetch(`${server.apiUrl}${path}`, {
      method,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(method !== 'GET' ? { origin: this.origin } : {}),
        ...(method !== 'GET' && this.csrf ? { 'x-csrf-token': this.csrf } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  /** @param {{ name: string, password: string }} who */
  async signIn(who) {
    const res = await this.request('POST', '/admin/session', { body: who });
    const session = await expectDocumented(res, 'adminSignIn', 200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    this.cookie = setCookie.split(';', 1)[0] ?? '';
    this.csrf = session.csrfToken;
    return { session, setCookie };
  }

  /**
   * @param {string} method
   * @param {string} path
   * @param {string} operation
   * @param {number} status
   * @param {{ body?: unknown, headers?: Record<string, string> }} [init]
   */
  async expect(method, path, operation, status, init) {
    return expectDocumented(await this.request(method, path, init), operation, status);
  }
}

/** Posts a comment as a reader; returns its id (c-…). */
async function post(title, body = 'Something I wanted to say.') {
  const res = await server.post(ARTICLE, { title, body });
  assert.equal(res.status, 201, await res.clone().text());
  return /** @type {{ comment: { id: string } }} */ (await res.json()).comment.id;
}

/** The titles the public API lists for the article. */
async function publicTitles() {
  const page = await server.getJson(`/articles/${ARTICLE}/comments?limit=100`);
  return page.items.map((/** @type {{ title: string }} */ c) => c.title);
}

describe('sign-in, sessions, CSRF and roles', () => {
  test('a wrong password and an unknown name get the same 401 and message', async () => {
    const desk = new Desk();
    const wrong = await desk.expect('POST', '/admin/session', 'adminSignIn', 401, {
      body: { name: 'Maya', password: 'not her password' },
    });
    const unknown = await desk.expect('POST', '/admin/session', 'adminSignIn', 401, {
      body: { name: 'Nobody', password: 'not her password' },
    });
    assert.deepEqual(wrong, unknown);
    assert.equal(wrong.error.code, 'unauthorized');
    await desk.expect('POST', '/admin/session', 'adminSignIn', 400, { body: { name: 'Maya' } });
  });

  test('sign-in sets an HttpOnly SameSite=Strict cookie; the session answers; sign-out ends it', async () => {
    const desk = new Desk();
    const { session, setCookie } = await desk.signIn(ADMIN);
    assert.deepEqual(session.moderator, { name: 'Maya', role: 'admin' });
    assert.match(setCookie, /^mhn_desk_session=[^;]+;/);
    assert.match(setCookie, /; HttpOnly/);
    assert.match(setCookie, /; SameSite=Strict/);
    assert.match(setCookie, /; Path=\/api\/v1\/admin/);
    assert.doesNotMatch(setCookie, /Secure/, 'plain HTTP: no Secure flag');
    const again = await desk.expect('GET', '/admin/session', 'adminGetSession', 200);
    assert.equal(again.csrfToken, session.csrfToken);

    const oldCookie = desk.cookie;
    const res = await desk.request('DELETE', '/admin/session');
    await expectDocumented(res, 'adminSignOut', 204);
    assert.match(res.headers.get('set-cookie') ?? '', /^mhn_desk_session=;/);
    desk.cookie = oldCookie;
    await desk.expect('GET', '/admin/session', 'adminGetSession', 401);
  });

  test('no cookie, a made-up cookie, and a session left unused 30 minutes are all 401', async () => {
    const stranger = new Desk();
    await stranger.expect('GET', '/admin/comments', 'adminListComments', 401);
    stranger.cookie = 'mhn_desk_session=made-up-token';
    await stranger.expect('GET', '/admin/session', 'adminGetSession', 401);

    const desk = new Desk();
    await desk.signIn(MODERATOR);
    now += 29 * MINUTE;
    await desk.expect('GET', '/admin/session', 'adminGetSession', 200);
    now += 29 * MINUTE; // used 29 minutes ago: still alive
    await desk.expect('GET', '/admin/comments', 'adminListComments', 200);
    now += 31 * MINUTE;
    const expired = await desk.expect('GET', '/admin/comments', 'adminListComments', 401);
    assert.equal(expired.error.code, 'unauthorized');
  });

  test('a write without the CSRF token, with a wrong one, or from another Origin is 403 and changes nothing', async () => {
    const id = await post('csrf target');
    const desk = new Desk();
    await desk.signIn(ADMIN);
    const approve = { body: { ids: [id], action: 'approve' } };
    const token = desk.csrf;
    desk.csrf = '';
    await desk.expect('POST', '/admin/actions', 'adminAct', 403, approve);
    desk.csrf = `${token}x`;
    await desk.expect('POST', '/admin/actions', 'adminAct', 403, approve);
    desk.csrf = token;
    desk.origin = 'https://evil.example';
    await desk.expect('POST', '/admin/actions', 'adminAct', 403, approve);
    await desk.expect('DELETE', '/admin/session', 'adminSignOut', 403);
    await desk.expect('POST', '/admin/session', 'adminSignIn', 403, { body: ADMIN });
    const noOrigin = await desk.request('POST', '/admin/actions', {
      ...approve,
      headers: { origin: '' },
    });
    assert.equal(noOrigin.status, 403);
    assert.ok(!(await publicTitles()).includes('csrf target'));
    desk.origin = server.url;
    await desk.expect('POST', '/admin/actions', 'adminAct', 200, approve);
    assert.ok((await publicTitles()).includes('csrf target'));
  });

  test('every admin call checks for a session, and every write for the CSRF token', async () => {
    const published = await server.getJson(`/articles/${ARTICLE}/comments?limit=100`);
    const id = published.items[0].id;
    const calls = [
      ['GET', '/admin/session', 'adminGetSession', undefined],
      ['DELETE', '/admin/session', 'adminSignOut', undefined],
      ['GET', '/admin/comments', 'adminListComments', undefined],
      ['GET', `/admin/comments/${id}`, 'adminGetComment', undefined],
      ['POST', '/admin/actions', 'adminAct', { ids: [id], action: 'reject' }],
      ['POST', '/admin/blocks', 'adminBlock', { comment: id }],
      ['GET', '/admin/audit', 'adminListAudit', undefined],
    ];
    const stranger = new Desk();
    for (const [method, path, operation, body] of calls) {
      const error = await stranger.expect(method, path, operation, 401, { body });
      assert.equal(error.error.code, 'unauthorized', `${method} ${path}`);
    }
    const desk = new Desk();
    await desk.signIn(ADMIN);
    desk.csrf = '';
    for (const [method, path, operation, body] of calls) {
      if (method === 'GET') continue;
      const error = await desk.expect(method, path, operation, 403, { body });
      assert.equal(error.error.code, 'forbidden', `${method} ${path}`);
    }
    const after = await server.getJson(`/articles/${ARTICLE}/comments?limit=100`);
    assert.deepEqual(after, published, 'nothing changed');
  });

  test('a moderator may not read the audit log; an admin may', async () => {
    const moderator = new Desk();
    await moderator.signIn(MODERATOR);
    const refused = await moderator.expect('GET', '/admin/audit', 'adminListAudit', 403);
    assert.equal(refused.error.code, 'forbidden');
    const admin = new Desk();
    await admin.signIn(ADMIN);
    await admin.expect('GET', '/admin/audit', 'adminListAudit', 200);
    await admin.expect('GET', '/admin/audit?cursor=!!', 'adminListAudit', 400);
  });
});

describe('sign-in throttling', () => {
  test('after three free failures an account waits, even with the right password; the wait passes', async () => {
    await server.store.addModerator({
      name: 'Ola',
      password: 'ola has a long password',
      role: 'moderator',
    });
    const desk = new Desk();
    const wrong = { body: { name: 'Ola', password: 'guess guess guess' } };
    for (let i = 0; i < 4; i += 1)
      await desk.expect('POST', '/admin/session', 'adminSignIn', 401, wrong);
    const res = await desk.request('POST', '/admin/session', {
      body: { name: 'Ola', password: 'ola has a long password' },
    });
    const slowed = await expectDocumented(res, 'adminSignIn', 429);
    assert.equal(slowed.error.code, 'rate_limited');
    assert.ok(Number(res.headers.get('retry-after')) >= 1);
    now += 20 * MINUTE;
    await desk.signIn({ name: 'Ola', password: 'ola has a long password' });
    now += 2 * 60 * MINUTE; // every other account's failures here are forgotten too
  });

  test('failures under many names from one client slow that client, and unknown names alike', async () => {
    const desk = new Desk();
    for (const name of ['ghost-1', 'ghost-2', 'ghost-3', 'ghost-4']) {
      await desk.expect('POST', '/admin/session', 'adminSignIn', 401, {
        body: { name, password: 'whatever it is' },
      });
    }
    const res = await desk.request('POST', '/admin/session', { body: MODERATOR });
    assert.equal(res.status, 429, 'the client is slowed whatever account it tries');
    now += 2 * 60 * MINUTE;
    await desk.signIn(MODERATOR);
  });
});

describe('the queue and its actions', () => {
  /** @type {Desk} */
  let desk;
  before(async () => {
    desk = new Desk();
    await desk.signIn(MODERATOR);
  });

  test('pending comments are listed with their article, counts and filters; the public API does not show them', async () => {
    const first = await post('queue one');
    now += 1000;
    const second = await post('queue two');
    const page = await desk.expect(
      'GET',
      '/admin/comments?status=pending',
      'adminListComments',
      200,
    );
    const ids = page.items.map((/** @type {{ id: string }} */ c) => c.id);
    assert.ok(ids.indexOf(second) < ids.indexOf(first), 'newest first');
    const item = page.items.find((/** @type {{ id: string }} */ c) => c.id === first);
    assert.equal(item.status, 'pending');
    assert.equal(item.article.slug, ARTICLE);
    assert.equal(typeof item.article.title, 'string');
    assert.ok(page.counts.pending >= 2);
    const oldest = await desk.expect(
      'GET',
      '/admin/comments?status=pending&sort=oldest',
      'adminListComments',
      200,
    );
    const oldIds = oldest.items.map((/** @type {{ id: string }} */ c) => c.id);
    assert.ok(oldIds.indexOf(first) < oldIds.indexOf(second));
    const other = await desk.expect(
      'GET',
      '/admin/comments?article=no-such-article',
      'adminListComments',
      200,
    );
    assert.equal(other.items.length, 0);
    assert.equal(other.counts.pending, 0);
    await desk.expect('GET', '/admin/comments?status=lost', 'adminListComments', 400);
    const titles = await publicTitles();
    assert.ok(!titles.includes('queue one') && !titles.includes('queue two'));
    const publicPage = await server.getJson(`/articles/${ARTICLE}/comments`);
    for (const comment of publicPage.items) {
      assert.deepEqual(Object.keys(comment).sort(), ['author', 'body', 'created', 'id', 'title']);
    }
  });

  test('approve, reject with a reason, spam, edit and delete — alone and in bulk — with undo', async () => {
    const [a, b, c, d] = [
      await post('act a'),
      await post('act b'),
      await post('act c'),
      await post('act d'),
    ];
    const act = (body) => desk.expect('POST', '/admin/actions', 'adminAct', 200, { body });

    const approved = await act({ ids: [a, b], action: 'approve' });
    assert.deepEqual(
      approved.results.map((/** @type {any} */ r) => [r.id, r.ok, r.comment.status]),
      [
        [a, true, 'published'],
        [b, true, 'published'],
      ],
    );
    assert.ok((await publicTitles()).includes('act a'));

    const rejected = await act({ ids: [c], action: 'reject', reason: 'off topic' });
    assert.equal(rejected.results[0].comment.status, 'rejected');
    const spam = await act({ ids: [d, 'c-999999'], action: 'spam' });
    assert.equal(spam.results[0].comment.status, 'spam');
    assert.deepEqual(spam.results[1], { id: 'c-999999', ok: false, error: 'not-found' });

    const edited = await act({ ids: [a], action: 'edit', edit: { body: 'Edited by the desk.' } });
    assert.equal(edited.results[0].comment.body, 'Edited by the desk.');
    const live = await server.getJson(`/articles/${ARTICLE}/comments?limit=100`);
    assert.equal(live.items.find((/** @type {any} */ x) => x.id === a).body, 'Edited by the desk.');

    await act({ ids: [b], action: 'delete' });
    assert.ok(!(await publicTitles()).includes('act b'), 'deleted: gone from the public API');
    const undone = await act({ ids: [b], action: 'restore' });
    assert.equal(undone.results[0].comment.status, 'published');
    assert.ok((await publicTitles()).includes('act b'), 'undo brings it back');

    const detail = await desk.expect('GET', `/admin/comments/${a}`, 'adminGetComment', 200);
    assert.deepEqual(
      detail.history.map((/** @type {any} */ h) => h.action),
      ['approve', 'edit'],
    );
    assert.equal(detail.history[0].actor, 'Leo');
    await desk.expect('GET', '/admin/comments/c-999999', 'adminGetComment', 404);
    await desk.expect('GET', '/admin/comments/nonsense', 'adminGetComment', 404);
    await desk.expect('POST', '/admin/actions', 'adminAct', 400, {
      body: { ids: [a], action: 'promote' },
    });
    await desk.expect('POST', '/admin/actions', 'adminAct', 400, {
      body: { ids: [a], action: 'edit' },
    });

    const admin = new Desk();
    await admin.signIn(ADMIN);
    const audit = await admin.expect('GET', '/admin/audit?limit=100', 'adminListAudit', 200);
    const mine = audit.items.filter((/** @type {any} */ e) => [a, b, c, d].includes(e.comment));
    assert.deepEqual(mine.map((/** @type {any} */ e) => `${e.action} ${e.comment}`).reverse(), [
      `approve ${a}`,
      `approve ${b}`,
      `reject ${c}`,
      `spam ${d}`,
      `edit ${a}`,
      `delete ${b}`,
      `restore ${b}`,
    ]);
    assert.equal(mine.find((/** @type {any} */ e) => e.action === 'reject').note, 'off topic');
  });

  test('block a poster and remove everything they posted', async () => {
    const ids = [await post('block one'), await post('block two')];
    await desk.expect('POST', '/admin/actions', 'adminAct', 200, {
      body: { ids, action: 'approve' },
    });
    const result = await desk.expect('POST', '/admin/blocks', 'adminBlock', 200, {
      body: { comment: ids[0], removeAll: true, note: 'flood' },
    });
    assert.equal(result.blocked, true);
    for (const id of ids) assert.ok(result.removed.includes(id));
    const titles = await publicTitles();
    assert.ok(!titles.includes('block one') && !titles.includes('block two'));
    const again = await desk.expect('POST', '/admin/blocks', 'adminBlock', 200, {
      body: { comment: ids[1] },
    });
    assert.deepEqual(again, { blocked: false, alreadyBlocked: true, removed: [] });
    const after = await post('posted after the block');
    assert.ok(!(await publicTitles()).includes('posted after the block'));
    const spam = await desk.expect('GET', '/admin/comments?status=spam', 'adminListComments', 200);
    const kept = spam.items.find((/** @type {any} */ c) => c.id === after);
    assert.ok(kept?.reasons.includes('blocked'), 'a blocked poster’s new comment is kept as spam');
    await desk.expect('POST', '/admin/blocks', 'adminBlock', 404, {
      body: { comment: 'c-999999' },
    });
    await desk.expect('POST', '/admin/blocks', 'adminBlock', 400, { body: { comment: 'c-101' } });
    await desk.expect('POST', '/admin/blocks', 'adminBlock', 400, { body: {} });
  });
});

test('every documented admin operation and status was produced (or is listed as not producible)', () => {
  const missing = [];
  for (const { id, operation } of operations(document)) {
    // Settings and moderators: admin-settings.test.js.
    if (!isAdminOperation(operation) || ADMIN_SITE_OPERATIONS.has(id)) continue;
    for (const status of Object.keys(operation.responses)) {
      if (!(status in NOT_PRODUCIBLE) && !covered.has(`${id} ${status}`)) {
        missing.push(`${id} ${status}`);
      }
    }
  }
  assert.deepEqual(missing, []);
});
