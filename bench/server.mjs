// Starts the reference server in a separate process (so that the browser and the load
// generator never share its event loop) and stops it again.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';

const START_TIMEOUT_MS = 20_000;

/**
 * @returns {Promise<{ origin: string, stop(): Promise<void> }>} origin such as
 *   `http://127.0.0.1:40123`
 */
export async function startServer() {
  const dir = mkdtempSync(path.join(tmpdir(), 'mhn-bench-'));
  const script = new URL('./server-process.mjs', import.meta.url).pathname;
  const child = spawn(process.execPath, [script, '--db', path.join(dir, 'api.db')], {
    stdio: ['ignore', 'pipe', 'inherit'],
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
      () => reject(new Error('the reference server did not start')),
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
      reject(new Error(`the reference server exited with ${code}`));
    });
  });
}
