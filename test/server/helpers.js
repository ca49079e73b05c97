/**
 * Shared helpers for the Content API server tests (node --test test/server/).
 */

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startReferenceServer } from '../../scripts/reference-server.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const ARTICLE = 'resilience-social-support-benefits';
export const LONG_THREAD = 'long-thread-example';

/**
 * @typedef {Awaited<ReturnType<typeof startReferenceServer>> & {
 *   get(path: string, init?: RequestInit): Promise<Response>,
 *   getJson(path: string, init?: RequestInit): Promise<any>,
 *   post(slug: string, body: unknown, headers?: Record<string, string>): Promise<Response>,
 * }} TestServer
 */

/**
 * Starts a server on an ephemeral port with an in-memory database. The rate limit is
 * raised so that tests posting many comments are not throttled unless they ask to be.
 *
 * @param {Parameters<typeof startReferenceServer>[0]} [options]
 * @returns {Promise<TestServer>}
 */
export async function startServer(options = {}) {
  const server = await startReferenceServer({ forTests: true, ...options });
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

/**
 * Starts the Content API in a real HTTP server on a loopback port and returns only what
 * a client sees: the base URL of the API, the origin, and a way to stop it. The abuse
 * suite talks to it with plain HTTP and nothing else, so it can run against any server
 * that keeps the contract. `lines` collects what the server logs (internal errors).
 *
 * @param {Parameters<typeof startReferenceServer>[0]} [options]
 * @returns {Promise<{ origin: string, url: string, lines: string[], close(): Promise<void> }>}
 */
export async function start(options = {}) {
  /** @type {string[]} */
  const lines = [];
  const server = await startReferenceServer({
    forTests: true,
    logger: (line) => lines.push(line),
    ...options,
  });
  return { origin: server.url, url: server.apiUrl, lines, close: () => server.close() };
}

/**
 * Starts the demo server in its own process exactly as `npm start` does after the build
 * (`node demo/server.js`), on a free port, and returns its origin, the line it printed,
 * and a close function that stops it with SIGTERM and resolves to its exit code.
 *
 * @param {{ args?: string[], env?: Record<string, string | undefined> }} [options]
 * @returns {Promise<{ origin: string, line: string, close(): Promise<number | null> }>}
 */
export async function startDemo({ args = [], env = {} } = {}) {
  const child = spawn(process.execPath, ['demo/server.js', '--port', '0', ...args], {
    cwd: repoRoot,
    env: { ...process.env, PORT: undefined, HOST: undefined, MHN_DB: undefined, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  child.stdout.setEncoding('utf8');
  let output = '';
  try {
    for await (const chunk of child.stdout) {
      output += chunk;
      if (output.includes('\n')) break;
    }
  } catch {
    // handled below
  }
  const [line] = output.split('\n');
  const match = /http:\/\/localhost:(\d+)\//.exec(line);
  if (!match) {
    child.kill('SIGTERM');
    throw new Error(`The demo server did not start: ${line}${stderr}`);
  }
  return {
    origin: `http://127.0.0.1:${match[1]}`,
    line,
    async close() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      return code;
    },
  };
}

/**
 * @typedef {{ status: number, headers: import('node:http').IncomingHttpHeaders, text: string,
 *   error?: string }} RawAnswer
 */

/**
 * One HTTP request with nothing normalised on the way (`path` goes out byte for byte:
 * `..`, `//`, `%2F`, backslashes), on a fresh connection, optionally from another
 * loopback address. Resolves with the answer, or with `status: 0` and the socket
 * error when there was none; never rejects.
 *
 * @param {string} origin
 * @param {{ method?: string, path: string, headers?: Record<string, string | number>,
 *   body?: string | Buffer, localAddress?: string, timeoutMs?: number }} options
 * @returns {Promise<RawAnswer>}
 */
export function request(
  origin,
  { method = 'GET', path: target, headers = {}, body, localAddress, timeoutMs = 10_000 },
) {
  const { hostname, port } = new URL(origin);
  const host = hostname.replace(/^\[(.*)\]$/, '$1');
  return new Promise((resolve) => {
    const req = http.request({
      host,
      port,
      method,
      path: target,
      headers,
      localAddress,
      agent: false,
      timeout: timeoutMs,
    });
    req.once('timeout', () => req.destroy(new Error('timed out')));
    req.once('error', (error) =>
      resolve({ status: 0, headers: {}, text: '', error: String(error) }),
    );
    req.once('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      res.once('error', (error) =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, error: String(error) }),
      );
    });
    req.end(body);
  });
}

/**
 * Writes raw bytes on a TCP connection and collects everything the server sends until it
 * closes the connection (or `timeoutMs` passes, then `timedOut` is true).
 *
 * @param {string} origin
 * @param {{ write: (socket: import('node:net').Socket) => void | Promise<void>,
 *   localAddress?: string, timeoutMs?: number }} options
 * @returns {Promise<{ text: string, timedOut: boolean, error?: string }>}
 */
export function rawExchange(origin, { write, localAddress, timeoutMs = 10_000 }) {
  const { hostname, port } = new URL(origin);
  const host = hostname.replace(/^\[(.*)\]$/, '$1');
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(port), localAddress });
    let text = '';
    /** @type {string | undefined} */
    let error;
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text, timedOut: true, error });
    }, timeoutMs);
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => (text += chunk));
    socket.on('error', (e) => (error = String(e)));
    socket.once('close', () => {
      clearTimeout(timer);
      resolve({ text, timedOut: false, error });
    });
    socket.once('connect', async () => {
      try {
        await write(socket);
      } catch (e) {
        error = String(e);
      }
    });
  });
}

/** Whether this host can connect from 127.0.0.2 … (Linux routes all of 127/8 to lo). */
export async function loopbackAliasesWork() {
  const server = net.createServer((socket) => socket.end());
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {net.AddressInfo} */ (server.address());
  try {
    return await new Promise((resolve) => {
      const socket = net.connect({ port, host: '127.0.0.1', localAddress: '127.0.0.2' });
      socket.once('connect', () => resolve(true));
      socket.once('error', () => resolve(false));
      socket.once('close', () => socket.destroy());
    });
  } finally {
    server.close();
  }
}
