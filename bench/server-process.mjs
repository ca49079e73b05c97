// The bench's reference server, run as its own process by server.mjs: the Content API
// (sample content, a fresh SQLite file, moderation off) plus the demo page, the built
// bundles and the bench pages. Prints one JSON line with its origin.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startReferenceServer } from '../scripts/reference-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { db: { type: 'string' } } });

const server = await startReferenceServer({
  port: 0,
  host: '127.0.0.1',
  dbPath: values.db,
  moderation: false,
  staticRoot: root,
  staticMounts: ['demo/', 'dist/', 'bench/pages/'],
  staticDeny: ['demo/server.js', 'demo/server/', 'demo/data/'],
  // autocannon opens 50 connections from 127.0.0.1.
  maxConnectionsPerClient: 1000,
  staticIndex: 'demo/index.html',
  logger: (line) => console.error(line),
});
console.log(JSON.stringify({ origin: server.url }));

const stop = () => server.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
