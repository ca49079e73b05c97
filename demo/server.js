#!/usr/bin/env node
/**
 * The demo server behind `npm start`: the reference Content API at /api/v1, the
 * demo page at /, and the files under /demo/ and /dist/.
 *
 * Options (flags win over environment variables):
 *   --port N    or PORT            default 8000 (0 picks a free port)
 *   --host H    or HOST            default 127.0.0.1 (the printed URL says localhost)
 *   --db PATH   or MHN_DB          comments database, default data/comments.sqlite (outside
 *                                  every served folder); :memory: keeps comments in memory
 *                                  until the server stops
 *   MHN_MODERATION=off             publish new comments immediately (default: held as pending)
 */

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startReferenceServer } from '../scripts/reference-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '0.0.0.0', '::', '::1']);

/** Reads flags and environment into server options; exits with a message on bad input. */
function readConfig() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('Usage: node demo/server.js [--port N] [--host H] [--db PATH]');
    process.exit(0);
  }
  const portText = values.port ?? process.env.PORT ?? '8000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    console.error(`Invalid port: ${portText}`);
    process.exit(2);
  }
  const host = values.host ?? process.env.HOST ?? '127.0.0.1';
  const db = values.db ?? process.env.MHN_DB ?? path.join(root, 'data/comments.sqlite');
  const moderation = !/^(off|false|0|no)$/i.test(process.env.MHN_MODERATION ?? '');
  return {
    port,
    // Node may resolve "localhost" to ::1 only; bind IPv4 loopback, which browsers reach as localhost.
    host: host === 'localhost' ? '127.0.0.1' : host,
    dbPath: db === ':memory:' ? db : path.resolve(db),
    moderation,
  };
}

/**
 * The database and its journal files, relative to the repository, when they are inside it.
 *
 * @param {string} dbPath
 */
function databaseFiles(dbPath) {
  if (dbPath === ':memory:') return [];
  const relative = path.relative(root, dbPath);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return [];
  const file = relative.split(path.sep).join('/');
  return ['', '-wal', '-shm', '-journal'].map((suffix) => `${file}${suffix}`);
}

/** @param {string} file */
function displayPath(file) {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
}

async function main() {
  const config = readConfig();
  const server = await startReferenceServer({
    ...config,
    staticRoot: root,
    // Real folders and files, compared after the URL is normalised and resolved: the
    // server code, the old database folder and the database wherever it is are never served.
    staticMounts: ['demo/', 'dist/', 'custom-elements.json'],
    staticDeny: ['demo/server.js', 'demo/server/', 'demo/data/', ...databaseFiles(config.dbPath)],
    staticIndex: 'demo/index.html',
    logger: (line) => console.error(line),
  });
  const origin = LOOPBACK.has(config.host) ? `http://localhost:${server.port}` : server.url;
  console.log(
    `mhn-widgets demo: ${origin}/ (Content API ${origin}/api/v1, moderation ${config.moderation ? 'on' : 'off'}, comments in ${displayPath(config.dbPath)})`,
  );

  const shutdown = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error) => {
  console.error(`Could not start the demo server: ${error?.message ?? error}`);
  process.exit(1);
});
