// A throwaway PostgreSQL server for tests: `startPostgres()` creates a cluster in a
// temporary folder, starts it on a free port of 127.0.0.1 (its unix socket inside the
// folder, nothing else listening), creates a database and resolves to { url, stop }.
// stop() shuts it down and deletes the folder; so does the process exiting or being
// interrupted, and a small watchdog does it even when the process is killed outright,
// so no cluster is ever left running.
//
// Binaries: /usr/lib/postgresql/<version>/bin (Debian's layout; PG_BIN overrides). When
// there are none and we are root on Debian/Ubuntu, Debian's `postgresql` package is
// installed with apt-get (as scripts/ensure-browser.mjs does for Chromium); otherwise
// the error says what to install. PostgreSQL refuses to run as root: as root the cluster
// belongs to the `postgres` user (`runuser -u postgres -- …`), otherwise to you.
//
// CLI: `node scripts/postgres.mjs` prints DATABASE_URL=… and runs until Ctrl+C.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const DATABASE = 'mhn_test';
const SUPERUSER = 'postgres';

/** The newest PostgreSQL's bin folder, or null. */
function findBinaries() {
  if (process.env.PG_BIN) {
    return existsSync(join(process.env.PG_BIN, 'initdb')) ? process.env.PG_BIN : null;
  }
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(base, versions[0], 'bin') : null;
}

function ensureBinaries() {
  const found = findBinaries();
  if (found) return found;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.error('No PostgreSQL found: installing Debian\'s "postgresql" package (apt-get)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 2, 2], env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'postgresql'], {
      stdio: ['ignore', 2, 2],
      env,
    });
    const installed = findBinaries();
    if (installed) return installed;
  }
  throw new Error(`No PostgreSQL server binaries were found for the store tests. Install them, then run the tests again:
  Debian/Ubuntu:  sudo apt-get install -y postgresql
  elsewhere:      install PostgreSQL 15 or newer and set PG_BIN to the folder holding initdb and pg_ctl`);
}

/** A port nobody listens on right now (the server binds it a moment later). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** The `postgres` account that owns clusters when we run as root. */
function findPostgresUser() {
  try {
    const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error(
      'PostgreSQL refuses to run as root and there is no "postgres" user to run it as. ' +
        "Install Debian's postgresql package (it creates the user), or run the tests as another user.",
    );
  }
}

/** Stops the cluster in `dataDir` if a server is running there. */
function stopServer(pgCtl, dataDir) {
  if (!existsSync(join(dataDir, 'postmaster.pid'))) return;
  try {
    runAsOwner(pgCtl, ['stop', '-D', dataDir, '-m', 'fast', '-w']);
  } catch {
    // it was not running after all
  }
}

/** Runs a PostgreSQL binary as the cluster's owner. */
function runAsOwner(bin, args, options = {}) {
  const [cmd, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  return execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
}

function describeFailure(error, logFile) {
  const output = [error.stderr, error.stdout].filter(Boolean).join('\n').trim();
  let log = '';
  try {
    log = execFileSync('tail', ['-n', '20', logFile], { encoding: 'utf8' });
  } catch {
    // no log yet
  }
  return `${error.message}\n${output}\n${log}`.trim();
}

/**
 * A watchdog that outlives us: when our process is gone (even killed with SIGKILL), it
 * stops the cluster and deletes its folder.
 */
function startWatchdog(pgCtl, dataDir, dir) {
  const script = `
    const { execFileSync } = require('node:child_process');
    const { rmSync } = require('node:fs');
    const [parent, pgCtl, dataDir, dir, asPostgres] = process.argv.slice(1);
    const alive = () => { try { process.kill(Number(parent), 0); return true; } catch { return false; } };
    const timer = setInterval(() => {
      if (alive()) return;
      clearInterval(timer);
      const args = ['stop', '-D', dataDir, '-m', 'immediate', '-w'];
      try {
        if (asPostgres === '1') execFileSync('runuser', ['-u', 'postgres', '--', pgCtl, ...args], { stdio: 'ignore' });
        else execFileSync(pgCtl, args, { stdio: 'ignore' });
      } catch {}
      rmSync(dir, { recursive: true, force: true });
    }, 500);
    process.on('SIGTERM', () => process.exit(0));
  `;
  const child = spawn(
    process.execPath,
    ['-e', script, String(process.pid), pgCtl, dataDir, dir, isRoot ? '1' : '0'],
    { detached: true, stdio: 'ignore' },
  );
  child.unref();
  return child;
}

const running = new Set();
let hooked = false;

/** Stops every cluster still running, synchronously (safe in an 'exit' handler). */
function stopAllSync() {
  for (const cluster of running) cluster.stopSync();
}

function hookExit() {
  if (hooked) return;
  hooked = true;
  process.on('exit', stopAllSync);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      stopAllSync();
      process.kill(process.pid, signal);
    });
  }
}

/**
 * Starts a throwaway PostgreSQL cluster. `stop()` is idempotent.
 *
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void> }>}
 */
export async function startPostgres() {
  const bin = ensureBinaries();
  const pgCtl = join(bin, 'pg_ctl');
  const postgresUser = isRoot ? findPostgresUser() : null;
  const dir = mkdtempSync(join(tmpdir(), 'mhn-pg-'));
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'postgres.log');
  /** Hands a path we created to the cluster's owner. */
  const own = (file) => {
    if (!isRoot) return;
    chownSync(file, postgresUser.uid, postgresUser.gid);
  };

  let watchdog = null;
  let stopped = false;
  const cluster = {
    stopSync() {
      if (stopped) return;
      stopped = true;
      running.delete(cluster);
      stopServer(pgCtl, dataDir);
      watchdog?.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
  running.add(cluster);
  hookExit();
  own(dir);
  watchdog = startWatchdog(pgCtl, dataDir, dir);

  try {
    // --no-sync and fsync=off make a test cluster fast and crash-unsafe: for tests only.
    runAsOwner(join(bin, 'initdb'), [
      '-D',
      dataDir,
      '-U',
      SUPERUSER,
      '--auth=trust',
      '--no-sync',
      '--encoding=UTF8',
      '--locale=C',
    ]);
    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      writeFileSync(
        join(dataDir, 'postgresql.auto.conf'),
        [
          "listen_addresses = '127.0.0.1'",
          `port = ${port}`,
          `unix_socket_directories = '${dir}'`,
          'fsync = off',
          'synchronous_commit = off',
          'full_page_writes = off',
          'max_connections = 60',
          '',
        ].join('\n'),
      );
      own(join(dataDir, 'postgresql.auto.conf'));
      try {
        runAsOwner(pgCtl, ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '60']);
        break;
      } catch (error) {
        // Someone took the port between our check and the server's bind: try another
        // (after making sure a server that was merely slow to answer is down).
        stopServer(pgCtl, dataDir);
        if (attempt >= 3) throw new Error(describeFailure(error, logFile));
      }
    }
    execFileSync(
      join(bin, 'createdb'),
      ['-h', '127.0.0.1', '-p', String(port), '-U', SUPERUSER, DATABASE],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    return {
      url: `postgres://${SUPERUSER}@127.0.0.1:${port}/${DATABASE}`,
      port,
      async stop() {
        cluster.stopSync();
      },
    };
  } catch (error) {
    cluster.stopSync();
    throw error instanceof Error && 'stderr' in error
      ? new Error(`PostgreSQL could not start: ${describeFailure(error, logFile)}`)
      : error;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await startPostgres();
  console.log(`DATABASE_URL=${url}`);
  console.error('PostgreSQL is running; Ctrl+C stops it and deletes its files.');
  // Keep the process alive until a signal; the exit hooks stop the cluster.
  setInterval(() => {}, 1 << 30);
}
