/**
 * A moderation desk in a browser, for the admin API's tests: its cookie, its CSRF
 * token and its Origin; `expect` checks each answer against docs/openapi.yaml. And the
 * access checks and the coverage check such a test file makes.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { operations } from '../../scripts/openapi.mjs';
import { covered, document, expectDocumented } from './openapi-check.js';

export class Desk {
  cookie = '';
  csrf = '';

  /** @param {{ url: string, apiUrl: string }} server */
  constructor(server) {
    this.server = server;
    this.origin = server.url;
  }

  /**
   * @param {string} method
   * @param {string} path under /api/v1
   * @param {{ body?: unknown, headers?: Record<string, string> }} [init]
   */
  request(method, path, { body, headers = {} } = {}) {
    return fetch(`${this.server.apiUrl}${path}`, {
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
    this.cookie = (res.headers.get('set-cookie') ?? '').split(';', 1)[0] ?? '';
    this.csrf = session.csrfToken;
    return this;
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

/**
 * The checks every admin call gets, as tests: without a session every call is 401; a
 * signed-in moderator may make only the `moderatorMay` calls (the others are 403); an
 * admin's write without the CSRF token or from another Origin is 403 and changes
 * nothing that the GET calls show.
 *
 * @param {() => { url: string, apiUrl: string }} server
 * @param {{
 *   admin: { name: string, password: string },
 *   moderator: { name: string, password: string },
 *   calls: Array<[string, string, string, unknown]>,
 *   moderatorMay: string[],
 * }} options
 */
export function describeAccess(server, { admin, moderator, calls, moderatorMay }) {
  describe('who may call what', () => {
    test('without a session every call is 401', async () => {
      const stranger = new Desk(server());
      for (const [method, path, operation, body] of calls) {
        const error = await stranger.expect(method, path, operation, 401, { body });
        assert.equal(error.error.code, 'unauthorized', `${method} ${path}`);
      }
    });

    test('a moderator gets 403 for what only an admin may do', async () => {
      const desk = await new Desk(server()).signIn(moderator);
      for (const [method, path, operation, body] of calls) {
        if (moderatorMay.includes(operation)) {
          await desk.expect(method, path, operation, 200, { body });
          continue;
        }
        const error = await desk.expect(method, path, operation, 403, { body });
        assert.equal(error.error.code, 'forbidden', `${method} ${path}`);
        assert.match(error.error.message, /admin/);
      }
    });

    test('an admin’s write without the CSRF token, or from another Origin, is 403 and changes nothing', async () => {
      const desk = await new Desk(server()).signIn(admin);
      const reads = calls.filter(([method]) => method === 'GET');
      const seen = async () =>
        Promise.all(reads.map(([m, path, operation]) => desk.expect(m, path, operation, 200)));
      const before = await seen();
      const token = desk.csrf;
      for (const [method, path, operation, body] of calls) {
        if (method === 'GET') continue;
        desk.csrf = '';
        const missing = await desk.expect(method, path, operation, 403, { body });
        assert.match(missing.error.message, /CSRF/, `${method} ${path}`);
        desk.csrf = token;
        const foreign = await desk.expect(method, path, operation, 403, {
          body,
          headers: { origin: 'https://elsewhere.example' },
        });
        assert.equal(foreign.error.code, 'forbidden');
      }
      assert.deepEqual(await seen(), before);
    });
  });
}

/**
 * The last test of a file: every documented status of `ids` was produced by a test of
 * this file (or is listed, with the reason, in `notProducible`).
 *
 * @param {Set<string>} ids
 * @param {Record<string, string>} notProducible
 */
export function testCoverage(ids, notProducible) {
  test('every documented status of these operations was produced (or is listed as not producible)', () => {
    const missing = [];
    for (const { id, operation } of operations(document)) {
      if (!ids.has(id)) continue;
      for (const status of Object.keys(operation.responses)) {
        if (!(status in notProducible) && !covered.has(`${id} ${status}`)) {
          missing.push(`${id} ${status}`);
        }
      }
    }
    assert.deepEqual(missing, []);
  });
}
