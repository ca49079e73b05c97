// The bench's Content API service, run as its own process by server.mjs: the sample
// content, a fresh SQLite file, moderation off, plus the demo page, the built bundles
// and the bench pages. Prints one JSON line with its origin.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startReferenceServer } from '../scripts/reference-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { db: { type: 'string' } } });

const service = await startReferenceServer({
  port: 0,
  host: '127.0.0.1',
  dbPath: values.db,
  moderation: false,
  staticFiles: {
    root,
    allow: ['demo/', 'dist/', 'bench/pages/'],
    deny: ['demo/data/'],
    index: 'demo/index.html',
  },
  // autocannon opens 50 connections from 127.0.0.1.
  maxConnectionsPerClient: 1000,
  // Errors only: a line per request would cost the bench what it measures.
  logger: { level: 'error', stream: process.stderr },
});
console.log(JSON.stringify({ origin: service.url }));

const stop = () => service.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
