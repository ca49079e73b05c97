// The one place that starts the reference Content API (demo/server/content-api.js), for
// everything that needs one: web-test-runner's in-browser tests, the server tests
// (node --test), the demo (`npm start`, which the end-to-end tests run), the end-to-end
// partner-page server and the bench. Moving to another server is a change here only.
import { createContentApi, startContentServer } from '../demo/server/content-api.js';

/** Tests post many comments from one address: a limit they only meet when they mean to. */
export const TEST_RATE_LIMIT = { max: 10_000, windowMs: 60_000 };

/**
 * Starts the reference server on its own port (ephemeral unless `port` is given), with an
 * in-memory database unless `dbPath` names a file. `forTests` raises the rate limit
 * (options given explicitly still win).
 *
 * @param {Parameters<typeof startContentServer>[0] & { forTests?: boolean }} [options]
 * @returns {ReturnType<typeof startContentServer>}
 */
export function startReferenceServer({ forTests = false, ...options } = {}) {
  return startContentServer({ ...(forTests ? { rateLimit: TEST_RATE_LIMIT } : {}), ...options });
}

/**
 * The reference Content API as a request handler, for a server that serves other things
 * beside it on the same origin (the end-to-end partner pages). `forTests` as above.
 *
 * @param {Parameters<typeof createContentApi>[0] & { forTests?: boolean }} [options]
 * @returns {ReturnType<typeof createContentApi>}
 */
export function createReferenceApi({ forTests = false, ...options } = {}) {
  return createContentApi({ ...(forTests ? { rateLimit: TEST_RATE_LIMIT } : {}), ...options });
}
