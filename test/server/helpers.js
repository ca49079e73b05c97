/**
 * Shared helpers for the Content API server tests (node --test test/server/).
 */

import assert from 'node:assert/strict';
import { startContentServer } from '../../demo/server/content-api.js';

export const ARTICLE = 'resilience-social-support-benefits';
export const LONG_THREAD = 'long-thread-example';

/**
 * @typedef {Awaited<ReturnType<typeof startContentServer>> & {
 *   get(path: string, init?: RequestInit): Promise<Response>,
 *   getJson(path: string, init?: RequestInit): Promise<any>,
 *   post(slug: string, body: unknown, headers?: Record<string, string>): Promise<Response>,
 * }} TestServer
 */

/**
 * Starts a server on an ephemeral port with an in-memory database. The rate limit is
 * raised so that tests posting many comments are not throttled unless they ask to be.
 *
 * @param {Parameters<typeof startContentServer>[0]} [options]
 * @returns {Promise<TestServer>}
 */
export async function startServer(options = {}) {
  const server = await startContentServer({
    rateLimit: { max: 10_000, windowMs: 60_000 },
    ...options,
  });
  /** @param {string} path */
  const url = (path) => `${server.apiUrl}${path}`;
  return Object.assign(server, {
    /** @type {TestServer['get']} */
    get: (path, init) => fetch(url(path), init),
    /** @type {TestServer['getJson']} */
    async getJson(path, init) {
      const res = await fetch(url(path), init);
      assert.equal(res.status, 200, `GET ${path} -> ${res.status}`);
      return res.json();
    },
    /** @type {TestServer['post']} */
    post: (slug, body, headers = {}) =>
      fetch(url(`/articles/${encodeURIComponent(slug)}/comments`), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
  });
}

/**
 * Asserts a response is the contract's error envelope and returns its `error`.
 *
 * @param {Response} res
 * @param {number} status
 * @param {string} code
 */
export async function expectError(res, status, code) {
  const text = await res.text();
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${text}`);
  assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  const body = JSON.parse(text);
  assert.equal(body.error.code, code);
  assert.equal(typeof body.error.message, 'string');
  assert.ok(body.error.message.length > 0);
  return body.error;
}

/**
 * Follows `nextCursor` to the end of a list.
 *
 * @param {TestServer} server
 * @param {string} path path with its query, without `cursor`
 * @returns {Promise<{ items: any[], pages: any[] }>}
 */
export async function collectPages(server, path) {
  const pages = [];
  let cursor = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page = await server.getJson(
      cursor ? `${path}${separator}cursor=${encodeURIComponent(cursor)}` : path,
    );
    pages.push(page);
    cursor = page.nextCursor;
    assert.ok(pages.length < 1000, 'pagination does not end');
  } while (cursor !== null);
  return { items: pages.flatMap((page) => page.items), pages };
}
