// Starts the Content API service in a separate process (so that the browser and the load
// generator never share its event loop) and stops it again.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';

// Seeding the sample comments into PostgreSQL on a busy machine takes a while.
const START_TIMEOUT_MS = 60_000;

/**
 * @param {{ databaseUrl?: string, secret?: string, apiOnly?: boolean }} [options]
 *   `databaseUrl` selects PostgreSQL (with `secret`, the same for every instance),
 *   otherwise the service gets a fresh SQLite file; `apiOnly` serves no files.
 * @returns {Promise<{ origin: string, stop(): Promise<void> }>} origin such as
 *   `http://127.0.0.1:40123`
 */
export async function startServer({ databaseUrl, secret, apiOnly = false } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'mhn-bench-'));
  const script = new URL('./server-process.mjs', import.meta.url).pathname;
  const args = databaseUrl ? ['--database-url', databaseUrl] : ['--db', path.join(dir, 'api.db')];
  if (apiOnly) args.push('--api-only');
  const child = spawn(process.execPath, [script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...(secret ? { MHN_SECRET: secret } : {}) },
  });
  const cleanUp = () => rmSync(dir, { recursive: true, force: true });
  try {
    const { origin } = await readFirstLine(child);
    return {
      origin,
      async stop() {
        if (child.exitCode === null) {
          child.kill('SIGTERM');
          await once(child, 'exit');
        }
        cleanUp();
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    cleanUp();
    throw error;
  }
}

/** The child's first stdout line, parsed as JSON. */
function readFirstLine(child) {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error('the Content API service did not start')),
      START_TIMEOUT_MS,
    );
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const newline = output.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      resolve(JSON.parse(output.slice(0, newline)));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the Content API service exited with ${code}`));
    });
  });
}
