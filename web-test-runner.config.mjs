// In-browser tests: real Chromium through Playwright, TypeScript served by esbuild, and
// the real Content API service (server/, built by `npm run build`; in-memory SQLite) on
// its own origin, so requests are genuinely cross-origin (CORS) and hit real HTTP, real
// validation and real storage.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { findChromium, CHROMIUM_ARGS } from './scripts/chromium.mjs';
import {
  startReferenceServer,
  TEST_MODERATOR,
  TEST_OTHER_MODERATOR,
  TEST_ADMIN,
} from './scripts/reference-server.mjs';

const executablePath = await findChromium();
if (!executablePath) {
  throw new Error('No Chromium found: run `node scripts/ensure-browser.mjs` (npm test does).');
}

// Tests post many comments from one address; the rate-limit test lowers the limit. The
// desk's tests sign in as the test moderator.
const contentServer = await startReferenceServer({ forTests: true, testModerator: true });

/**
 * The admin API under the test page's own origin, as a CMS that hosts the moderation desk
 * proxies it: the service takes writes only from its own origin, and its session cookie
 * is SameSite=Strict. Requests pass through unchanged, `Host` included (so the service's
 * Origin check sees the page's origin), and so do the answers, `Set-Cookie` included.
 */
const ADMIN_PREFIX = '/api/v1/admin';
function adminProxy(context, next) {
  if (context.url !== ADMIN_PREFIX && !context.url.startsWith(`${ADMIN_PREFIX}/`)) return next();
  const target = new URL(contentServer.url);
  context.respond = false;
  return new Promise((resolve) => {
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: context.req.method,
        path: context.url,
        headers: context.req.headers,
      },
      (answer) => {
        context.res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(context.res);
        answer.on('end', resolve);
      },
    );
    upstream.on('error', () => {
      context.res.writeHead(502).end();
      resolve();
    });
    context.req.pipe(upstream);
  });
}

/**
 * Other people's sessions, signed in over real HTTP on the service's own origin as their
 * own desks would be: `as(who, method, path, body)` calls the admin API as them
 * (`other`: TEST_OTHER_MODERATOR; `admin`: TEST_ADMIN) and returns the service's answer.
 */
const ACCOUNTS = { other: TEST_OTHER_MODERATOR, admin: TEST_ADMIN };
const sessions = new Map();
async function signInAs(who) {
  const { name, password } = ACCOUNTS[who];
  const res = await fetch(`${contentServer.apiUrl}/admin/session`, {
    method: 'POST',
    headers: { origin: contentServer.url, 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  if (!res.ok) throw new Error(`${name}'s sign-in answered ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';', 1)[0];
  return { cookie, csrf: (await res.json()).csrfToken };
}
async function callAs(who, method, path, body) {
  for (let attempt = 0; ; attempt += 1) {
    if (!sessions.has(who)) sessions.set(who, await signInAs(who));
    const session = sessions.get(who);
    const res = await fetch(`${contentServer.apiUrl}/admin/${path}`, {
      method,
      headers: {
        origin: contentServer.url,
        cookie: session.cookie,
        'x-csrf-token': session.csrf,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    // The session may have ended (a reset, a new password): sign in again, once.
    if (res.status === 401 && attempt === 0) {
      sessions.delete(who);
      continue;
    }
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }
}

/** Back to the test accounts alone, each with its own role (tests add and change them). */
async function resetAccounts() {
  const store = contentServer.store;
  const accounts = [TEST_MODERATOR, TEST_OTHER_MODERATOR, TEST_ADMIN];
  for (const moderator of await store.listModerators()) {
    const account = accounts.find((a) => a.name === moderator.name);
    if (!account || account.role !== moderator.role) await store.removeModerator(moderator.name);
  }
  const left = new Set((await store.listModerators()).map((m) => m.name));
  for (const account of accounts) {
    if (!left.has(account.name)) await store.addModerator({ ...account });
  }
}

/**
 * `executeServerCommand('content-server', { action, … })` drives the service through its
 * in-process testing handle (nothing of which is reachable over HTTP).
 */
const contentServerCommands = {
  name: 'mhn-content-server',
  async executeCommand({ command, payload = {} }) {
    if (command !== 'content-server') return undefined;
    const api = contentServer.testing;
    switch (payload.action) {
      case 'info':
        return { url: contentServer.url, apiUrl: contentServer.apiUrl };
      case 'moderator':
        return { name: TEST_MODERATOR.name, password: TEST_MODERATOR.password };
      case 'as':
        return callAs(payload.who, payload.method, payload.path, payload.body);
      case 'resetAccounts':
        await resetAccounts();
        return true;
      case 'accounts':
        return { moderator: TEST_MODERATOR, admin: TEST_ADMIN };
      case 'reset':
        await api.reset();
        return true;
      case 'configure':
        api.configure(payload.options ?? {});
        return true;
      case 'addArticle':
        await api.addArticle(payload.article, payload.options ?? {});
        return true;
      case 'stats':
        return api.stats();
      case 'resetStats':
        api.resetStats();
        return true;
      default:
        throw new Error(`unknown content-server action ${payload.action}`);
    }
  },
  async serverStop() {
    await contentServer.close();
  },
};

export default {
  rootDir: fileURLToPath(new URL('.', import.meta.url)),
  // Each element's tests sit beside it (src/elements/<name>/); cross-cutting suites in test/.
  files: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'production'] },
  // Tests share one reference server whose state some of them reset: run files one by one.
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 20_000 } },
  middleware: [adminProxy],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
    contentServerCommands,
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath, headless: true, args: CHROMIUM_ARGS },
    }),
  ],
};
