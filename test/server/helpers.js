/**
 * Shared helpers for the Content API service tests (node --test test/server/): they start
 * the service (server/, built by `npm run build`) in process, or its command as a child
 * process, and talk to it over HTTP.
 *
 * The store is SQLite unless MHN_TEST_STORE=postgres: then one throwaway PostgreSQL
 * cluster is started per test process (scripts/postgres.mjs) and every server gets a
 * fresh database in it.
 */

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startReferenceServer } from '../../scripts/reference-server.mjs';
import { testStoreOptions } from './stores.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(repoRoot, 'server/build/server/cli.js');

export const ARTICLE = 'resilience-social-support-benefits';
export const LONG_THREAD = 'long-thread-example';

/**
 * @typedef {object} TestOptions
 * @property {string} [staticRoot] Serve files from this folder: `staticMounts` (folders
 *   `/site/` or files) minus `staticDeny`, `staticIndex` for `/`.
 * @property {string[]} [staticMounts]
 * @property {string[]} [staticDeny]
 * @property {string} [staticIndex]
 * @property {((line: string) => void) | object | false} [logger] A function receives every
 *   error the service logs (one JSON line each); pino options are passed on as they are.
 */

/**
 * @typedef {import('../../server/build/server/service.js').RunningService & {
 *   api: import('../../server/build/server/testing.js').TestingHandle,
 *   get(path: string, init?: RequestInit): Promise<Response>,
 *   getJson(path: string, init?: RequestInit): Promise<any>,
 *   post(slug: string, body: unknown, headers?: Record<string, string>): Promise<Response>,
 * }} TestServer
 */

/**
 * The service options for a test: the old reference server's option names (static
 * files, logger callback) mapped onto startService's, and the test store.
 *
 * @param {TestOptions & import('../../server/build/server/service.js').ServiceOptions} options
 */
async function serviceOptions(options) {
  const { staticRoot, staticMounts, staticDeny, staticIndex, logger, ...rest } = options;
  return {
    forTests: true,
    ...(await testStoreOptions(rest.dbPath)),
    ...rest,
    logger:
      typeof logger === 'function'
        ? { level: 'error', stream: { write: (/** @type {string} */ line) => logger(line) } }
        : (logger ?? false),
    ...(staticRoot
      ? {
          staticFiles: {
            root: staticRoot,
            allow: (staticMounts ?? ['/']).map((m) => m.replace(/^\/+/, '')),
            deny: staticDeny,
            index: staticIndex,
          },
        }
      : {}),
  };
}

/**
 * Starts the service on an ephemeral port with an in-memory database (or a fresh
 * PostgreSQL database). The rate limit is raised so that tests posting many comments are
 * not throttled unless they ask to be.
 *
 * @param {TestOptions & import('../../server/build/server/service.js').ServiceOptions} [options]
 * @returns {Promise<TestServer>}
 */
export async function startServer(options = {}) {
  const server = await startReferenceServer(await serviceOptions(options));
  /** @param {string} path */
  const url = (path) => `${server.apiUrl}${path}`;
  return Object.assign(server, {
    api: server.testing,
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
 * Starts the service and returns only what a client sees: the base URL of the API, the
 * origin, and a way to stop it. The abuse suite talks to it with plain HTTP and nothing
 * else, so it can run against any server that keeps the contract. `lines` collects what
 * the server logs as errors (internal failures).
 *
 * @param {TestOptions & import('../../server/build/server/service.js').ServiceOptions} [options]
 * @returns {Promise<{ origin: string, url: string, lines: string[], close(): Promise<void> }>}
 */
export async function start(options = {}) {
  /** @type {string[]} */
  const lines = [];
  const server = await startServer({ logger: (line) => lines.push(line), ...options });
  return { origin: server.url, url: server.apiUrl, lines, close: () => server.close() };
}

/**
 * Runs the command (`node server/build/server/cli.js`, what `npm start` runs after the
 * build) in its own process on a free port; resolves once it logs its first line — JSON
 * with the URL — with its origin, that line parsed, the output so far and a close function
 * that stops it with SIGTERM and resolves to its exit code.
 *
 * @param {{ args?: string[], env?: Record<string, string | undefined>, cwd?: string }} [options]
 * @returns {Promise<{ origin: string, line: Record<string, any>, output: () => string,
 *   close(signal?: NodeJS.Signals): Promise<number | null>, child: import('node:child_process').ChildProcess }>}
 */
export async function startDemo({ args = [], env = {}, cwd = repoRoot } = {}) {
  const child = spawn(process.execPath, [CLI, '--port', '0', ...args], {
    cwd,
    env: {
      ...process.env,
      PORT: undefined,
      HOST: undefined,
      MHN_DB: undefined,
      MHN_CONTENT: undefined,
      DATABASE_URL: undefined,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let output = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  child.stdout.setEncoding('utf8');
  const first = await new Promise((resolve) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('\n')) resolve(output.slice(0, output.indexOf('\n')));
    });
    child.once('exit', () => resolve(''));
  });
  /** @type {Record<string, any>} */
  let line = {};
  try {
    line = JSON.parse(String(first));
  } catch {
    // reported below
  }
  const match = /^http:\/\/localhost:(\d+)\/$/.exec(line.url ?? '');
  if (!match) {
    child.kill('SIGTERM');
    throw new Error(`The service did not start: ${first}${stderr}`);
  }
  return {
    origin: `http://127.0.0.1:${match[1]}`,
    line,
    child,
    output: () => output,
    async close(signal = 'SIGTERM') {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
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
