// The one place that starts the project's Content API service (server/, built by
// `npm run build`) in process, for everything that needs one: web-test-runner's
// in-browser tests, the server tests (node --test), the end-to-end partner-page server
// and the bench. (`npm start` runs the service's own command, server/build/server/cli.js.)
import { existsSync } from 'node:fs';

/** Tests post many comments from one address: a limit they only meet when they mean to. */
export const TEST_RATE_LIMIT = { max: 10_000, windowMs: 60_000 };
/** Tests post a form the moment it is shown, as no person does: no minimum time. */
export const TEST_MIN_SUBMIT_SECONDS = 0;

/**
 * The moderation desk's test account: added when a test asks for it (`testModerator`;
 * in-memory databases only, never a production default).
 */
export const TEST_MODERATOR = Object.freeze({
  name: 'test-moderator',
  password: 'a test password for the desk',
  role: 'moderator',
});

/**
 * A second moderator, added with the first: the desk's tests act as them from another
 * session (another moderator acting on a comment meanwhile).
 */
export const TEST_OTHER_MODERATOR = Object.freeze({
  name: 'other-moderator',
  password: 'another test password for the desk',
  role: 'moderator',
});

/** The desk's test admin: the settings and moderators views. */
export const TEST_ADMIN = Object.freeze({
  name: 'test-admin',
  password: 'the test admin password for the desk',
  role: 'admin',
});

const serviceModule = new URL('../server/build/server/service.js', import.meta.url);

/**
 * Starts the service on its own port (ephemeral unless `port` is given), with an
 * in-memory database unless `dbPath` (or `databaseUrl`) says otherwise. `forTests`
 * drops the form's minimum time and raises the rate limit (options given explicitly still
 * win); `testModerator`, on an in-memory database, adds the desk's test accounts
 * (TEST_MODERATOR, TEST_OTHER_MODERATOR, TEST_ADMIN). The result's `testing` is
 * the in-process testing handle (reset, configure, addArticle, stats), never reachable
 * over HTTP.
 *
 * @param {import('../server/build/server/service.js').ServiceOptions & { forTests?: boolean, testModerator?: boolean }} [options]
 * @returns {Promise<import('../server/build/server/service.js').RunningService>}
 */
export async function startReferenceServer({
  forTests = false,
  testModerator = false,
  ...options
} = {}) {
  if (!existsSync(serviceModule)) {
    throw new Error('The Content API service is not built: run `npm run build` (npm test does).');
  }
  const { startService } = await import(serviceModule.href);
  const service = await startService({
    ...(forTests ? { rateLimit: TEST_RATE_LIMIT, minSubmitSeconds: TEST_MIN_SUBMIT_SECONDS } : {}),
    ...options,
  });
  if (testModerator && !options.databaseUrl && (options.dbPath ?? ':memory:') === ':memory:') {
    await service.store.addModerator({ ...TEST_MODERATOR });
    await service.store.addModerator({ ...TEST_OTHER_MODERATOR });
    await service.store.addModerator({ ...TEST_ADMIN });
  }
  return service;
}
