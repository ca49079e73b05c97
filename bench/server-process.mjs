// The bench's Content API service, run as its own process by server.mjs: the sample
// content, a fresh SQLite file (--db) or a PostgreSQL database (--database-url, with
// MHN_SECRET), moderation off, plus the demo page, the built bundles and the bench pages
// (unless --api-only). Prints one JSON line with its origin.
//
// The load generator posts every comment from 127.0.0.1 over 48 connections, so the
// per-client limits are raised out of its way; the rate limit is still counted in the
// store on every post, as it is for readers.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startReferenceServer } from '../scripts/reference-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    'database-url': { type: 'string' },
    'api-only': { type: 'boolean', default: false },
  },
});

const service = await startReferenceServer({
  port: 0,
  host: '127.0.0.1',
  dbPath: values.db,
  databaseUrl: values['database-url'],
  moderation: false,
  staticFiles: values['api-only']
    ? undefined
    : {
        root,
        allow: ['demo/', 'dist/', 'bench/pages/'],
        deny: ['demo/data/'],
        index: 'demo/index.html',
      },
  // autocannon opens its connections from 127.0.0.1.
  maxConnectionsPerClient: 1000,
  rateLimit: { max: 1_000_000_000, windowMs: 60_000 },
  // Errors only: a line per request would cost the bench what it measures.
  logger: { level: 'error', stream: process.stderr },
});
console.log(JSON.stringify({ origin: service.url }));

const stop = () => service.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
