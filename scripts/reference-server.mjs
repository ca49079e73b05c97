// The one place that starts the project's Content API service (server/, built by
// `npm run build`) in process, for everything that needs one: web-test-runner's
// in-browser tests, the server tests (node --test), the end-to-end partner-page server
// and the bench. (`npm start` runs the service's own command, server/build/server/cli.js.)
import { existsSync } from 'node:fs';

/** Tests post many comments from one address: a limit they only meet when they mean to. */
export const TEST_RATE_LIMIT = { max: 10_000, windowMs: 60_000 };

const serviceModule = new URL('../server/build/server/service.js', import.meta.url);

/**
 * Starts the service on its own port (ephemeral unless `port` is given), with an
 * in-memory database unless `dbPath` (or `databaseUrl`) says otherwise. `forTests`
 * raises the rate limit (options given explicitly still win). The result's `testing` is
 * the in-process testing handle (reset, configure, addArticle, stats), never reachable
 * over HTTP.
 *
 * @param {import('../server/build/server/service.js').ServiceOptions & { forTests?: boolean }} [options]
 * @returns {Promise<import('../server/build/server/service.js').RunningService>}
 */
export async function startReferenceServer({ forTests = false, ...options } = {}) {
  if (!existsSync(serviceModule)) {
    throw new Error('The Content API service is not built: run `npm run build` (npm test does).');
  }
  const { startService } = await import(serviceModule.href);
  return startService({ ...(forTests ? { rateLimit: TEST_RATE_LIMIT } : {}), ...options });
}
