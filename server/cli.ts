#!/usr/bin/env node
/**
 * mhn-content-api — the Content API service's command.
 *
 *   mhn-content-api [serve] [options]   run the service (the default command)
 *   mhn-content-api check DIR           check a content folder and exit
 *   mhn-content-api moderator …         add, remove or list the desk's moderators
 *
 * See USAGE below (also `--help`).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  contentWarnings,
  formatProblems,
  runCheck,
  watchContent,
  type ContentSnapshot,
} from './content/index.js';
import { API_BASE_PATH } from './http/app.js';
import { runModerator } from './moderator-cli.js';
import { defaultDbPath, projectRoot, sampleContentDir } from './paths.js';
import { SecretError } from './secret.js';
import { ContentError, startService, type ServiceOptions } from './service.js';
import { parseTrustProxy } from './trust-proxy.js';

const USAGE = `Usage: mhn-content-api [serve] [options]
       mhn-content-api check DIR
       mhn-content-api moderator add NAME [--role moderator|admin] | remove NAME | list

serve (default): run the Content API at /api/v1, the health checks /healthz and
/readyz, the moderation desk at /admin/, and the demo page at / (with its files
under /demo/, /dist/ and /custom-elements.json).

Options (flags win over the environment):
  --port N            PORT         port to listen on; 0 picks a free one (default 8000)
  --host H            HOST         address to listen on (default 127.0.0.1)
  --db PATH           MHN_DB       SQLite file for comments (default data/comments.sqlite,
                                   outside every served folder); :memory: keeps them in
                                   memory until the service stops
                      DATABASE_URL postgres://… uses PostgreSQL instead of SQLite
                                   (several instances may share it)
  --content DIR       MHN_CONTENT  the content folder (default the sample content/)
  --trust-proxy LIST  TRUST_PROXY  believe X-Forwarded-For from these proxies: a
                                   comma-separated list of addresses or CIDRs, or a hop
                                   count (default: trust no proxy)
  --moderation on|off MHN_MODERATION  the default moderation mode: on (default) holds
                                   every new comment for review; off publishes unless a
                                   rule matches. The content folder's moderation.mode
                                   and an admin's setting on the desk override it; a
                                   safety match is held either way
  --no-demo                        serve the API and the desk only, not the demo page
                                   and files
  -h, --help                       show this help
                      MHN_SECRET   optional (>= 32 characters, the same on every
                                   instance): mixed into the rotating secrets the
                                   database keeps for client keys, so that a copy of
                                   the database alone links no key to an address
                      LOG_LEVEL    info (default), warn, error, silent…

One JSON line is logged per request (method, route, status, ms; never an address or a
comment). SIGTERM/SIGINT finish in-flight requests and stop; SIGHUP reloads the content
folder (a bad edit keeps the last good content and logs its problems). The first line
logged says where the service listens: {"msg":"listening","url":"http://…"}.

check DIR: print every problem of a content folder as file:line: problem (exit 1), or
a summary and any warnings, such as no safety lists (exit 0). serve logs the same
warnings at start and after each reload.

moderator: manage the moderation desk's accounts in the store serve uses (--db,
MHN_DB, DATABASE_URL); add reads the password from standard input (twice on a
terminal). See mhn-content-api moderator --help.
`;

class UsageError extends Error {}

/** The moderation desk: its page, its element's build, and the moderators' safety guide. */
const DESK_FILES = ['admin/', 'dist/admin/', 'docs/moderation-safety-guide.md'];

/**
 * The desk's page: a strict CSP with Trusted Types (Lit's policy only), never framed,
 * indexed or cached, and no referrer leaves it.
 */
export const DESK_PAGE_HEADERS = {
  'Content-Security-Policy': [
    "default-src 'none'",
    "script-src 'self'",
    "connect-src 'self'",
    "img-src 'self'",
    "style-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types lit-html',
  ].join('; '),
  'Cache-Control': 'no-store',
  'X-Robots-Tag': 'noindex, nofollow',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};

function fail(message: string): never {
  process.stderr.write(`mhn-content-api: ${message}\n`);
  process.exit(2);
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`invalid port: ${text}`);
  return port;
}

function parseOnOff(text: string, name: string): boolean {
  if (/^(on|true|1|yes)$/i.test(text)) return true;
  if (/^(off|false|0|no)$/i.test(text)) return false;
  throw new UsageError(`${name} must be on or off, not ${text}`);
}

export function readServeConfig(argv: string[], env: NodeJS.ProcessEnv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      content: { type: 'string' },
      'trust-proxy': { type: 'string' },
      moderation: { type: 'string' },
      'no-demo': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument: ${positionals[0]}`);
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new UsageError('DATABASE_URL must be a postgres:// URL');
  }
  const dbText = values.db ?? env.MHN_DB ?? defaultDbPath;
  const trust = values['trust-proxy'] ?? env.TRUST_PROXY;
  const host = values.host ?? env.HOST ?? '127.0.0.1';
  return {
    help: values.help ?? false,
    port: parsePort(values.port ?? env.PORT ?? '8000'),
    // Node may resolve "localhost" to ::1 only; browsers reach IPv4 loopback as localhost.
    host: host === 'localhost' ? '127.0.0.1' : host,
    dbPath: dbText === ':memory:' ? dbText : path.resolve(dbText),
    databaseUrl,
    contentDir: path.resolve(values.content ?? env.MHN_CONTENT ?? sampleContentDir),
    trustProxy: trust === undefined || trust === '' ? undefined : parseTrustProxy(trust),
    moderation: parseOnOff(values.moderation ?? env.MHN_MODERATION ?? 'on', '--moderation'),
    demo: !values['no-demo'],
  };
}

/**
 * The database's files under the project root, as static deny entries (with the
 * `<db>.secret` file earlier releases kept beside it).
 */
function databaseFiles(dbPath: string): string[] {
  if (dbPath === ':memory:') return [];
  const relative = path.relative(projectRoot, dbPath).split(path.sep).join('/');
  if (relative.startsWith('..') || path.isAbsolute(relative)) return [];
  return ['', '-wal', '-shm', '-journal', '.secret'].map((suffix) => `${relative}${suffix}`);
}

/** A path relative to the working directory when it is inside it. */
function displayPath(file: string): string {
  if (file === ':memory:') return file;
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

async function serve(argv: string[]) {
  let config;
  try {
    config = readServeConfig(argv, process.env);
  } catch (error) {
    fail(`${(error as Error).message.split(/\n|\. To specify/)[0]} (see --help)`);
  }
  if (config.help) {
    process.stdout.write(USAGE);
    return;
  }
  const options: ServiceOptions = {
    port: config.port,
    host: config.host,
    dbPath: config.dbPath,
    databaseUrl: config.databaseUrl,
    contentDir: config.contentDir,
    moderation: config.moderation,
    trustProxy: config.trustProxy as ServiceOptions['trustProxy'],
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
    staticFiles: {
      root: projectRoot,
      allow: config.demo ? ['demo/', 'dist/', 'custom-elements.json', ...DESK_FILES] : DESK_FILES,
      // The old default database folder, and the database wherever it is put.
      deny: ['demo/data/', ...databaseFiles(config.dbPath)],
      ...(config.demo ? { index: 'demo/index.html' } : {}),
      headers: { 'admin/': DESK_PAGE_HEADERS },
    },
  };
  let service;
  try {
    service = await startService(options);
  } catch (error) {
    if (error instanceof ContentError) {
      process.stderr.write(formatProblems(error.problems, config.contentDir));
      process.stderr.write(
        `mhn-content-api: not started: ${error.problems.length} problem(s) in ${config.contentDir}\n`,
      );
      process.exit(1);
    }
    if (error instanceof SecretError) fail(error.message);
    process.stderr.write(`mhn-content-api: could not start: ${(error as Error).message}\n`);
    process.exit(1);
  }
  const log = service.app.log;
  const loopback = ['127.0.0.1', '0.0.0.0', '::', '::1'].includes(config.host);
  const origin = `${loopback ? `http://localhost:${service.port}` : service.url}/`;
  // What the content can be served without but should not lack (no safety lists…):
  // said at every start and reload, after the first line.
  const warnAbout = (snapshot: ContentSnapshot) => {
    for (const warning of contentWarnings(snapshot)) {
      log.warn(
        { content: config.contentDir, file: path.join(config.contentDir, warning.file) },
        warning.message,
      );
    }
  };
  // Signal handlers before the first line: whoever waits for it may signal at once (a
  // SIGHUP before `process.on` would end the process).
  const watcher = watchContent(
    config.contentDir,
    {
      onChange(snapshot) {
        service.replaceContent(snapshot);
        log.info({ content: config.contentDir }, 'content reloaded');
        warnAbout(snapshot);
      },
      onError(problems) {
        log.error(
          {
            content: config.contentDir,
            problems: formatProblems(problems, config.contentDir).trim().split('\n'),
          },
          'content not reloaded: keeping the last good content',
        );
      },
    },
    { initial: undefined },
  );
  process.on('SIGHUP', () => void watcher.reload());

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping: finishing in-flight requests');
    Promise.all([watcher.close(), service.close()]).then(
      () => process.exit(0),
      (error) => {
        log.error({ err: error }, 'stopped with an error');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));

  log.info(
    {
      url: origin,
      api: `${origin.slice(0, -1)}${API_BASE_PATH}`,
      store: service.store.kind,
      db: config.databaseUrl ? 'DATABASE_URL' : displayPath(config.dbPath),
      content: config.contentDir,
      moderation: config.moderation,
    },
    'listening',
  );
  warnAbout(service.content());
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'check') {
    process.exitCode = await runCheck(rest, { stdout: process.stdout, stderr: process.stderr });
    return;
  }
  if (command === 'moderator') {
    process.exitCode = await runModerator(rest, {
      stdin: process.stdin,
      stdout: process.stdout,
      stderr: process.stderr,
      env: process.env,
    });
    return;
  }
  if (command === 'serve') return serve(rest);
  if (command === undefined || command.startsWith('-')) return serve(process.argv.slice(2));
  fail(`unknown command: ${command} (serve, check or moderator; see --help)`);
}

void main();
