/**
 * A content folder without safety lists can be served, but no comment is then checked
 * for self-harm or suicide: `mhn-content-api check` prints a warning (exit 0) and the
 * service logs one after its first line, at start and after a reload.
 */
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { MINIMAL, contentFolder, runCheck } from './content-helpers.js';
import { startDemo } from './helpers.js';

const SAFETY_LIST = '# test list\nend my life\nkill myself\n';
const WARNING =
  /no safety lists \(safety\/<language>\.txt\): comments are not checked for self-harm or suicide/;

/** @type {Array<() => Promise<unknown>>} */
const cleanups = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function folder(files = MINIMAL) {
  const made = await contentFolder(files);
  cleanups.push(made.remove);
  return made;
}

async function check(dir) {
  let out = '';
  let err = '';
  const io = {
    stdout: { write: (/** @type {string} */ t) => (out += t) },
    stderr: { write: (/** @type {string} */ t) => (err += t) },
  };
  const code = await runCheck([dir], io);
  return { code, out, err };
}

/**
 * The service's log lines, parsed, once `done(lines)` holds.
 * @param {() => string} output
 * @param {(lines: any[]) => boolean} done
 */
async function linesWhen(output, done, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lines = output()
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line));
    if (done(lines)) return lines;
    if (Date.now() > deadline) throw new Error(`gave up waiting; the log:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const isWarning = (/** @type {any} */ line) => line.level === 40 && WARNING.test(line.msg);

describe('check: a folder without safety lists', () => {
  test('is servable (exit 0) with a warning on standard error', async () => {
    const { dir } = await folder();
    const { code, out, err } = await check(dir);
    assert.equal(code, 0);
    assert.match(out, /: no problems — 1 article/);
    const lines = err.trimEnd().split('\n');
    assert.equal(lines.length, 1, err);
    assert.ok(lines[0].startsWith(`${path.join(dir, 'safety')}: warning: `), lines[0]);
    assert.match(lines[0], WARNING);
    assert.match(lines[0], /a reader in crisis is not held for a person/);
  });

  test('says nothing once a list is there; an empty list is an error', async () => {
    const { dir, write } = await folder({ ...MINIMAL, 'safety/en.txt': SAFETY_LIST });
    const fine = await check(dir);
    assert.equal(fine.code, 0);
    assert.equal(fine.err, '');
    await write('safety/en.txt', '# nothing yet\n');
    const empty = await check(dir);
    assert.equal(empty.code, 1);
    assert.match(empty.err, /safety\/en\.txt: the list has no phrases/);
  });
});

describe('serve: the warning is logged', () => {
  test('after the first line at start, and after a reload that loses the lists', async () => {
    const bare = await folder();
    const without = await startDemo({
      args: ['--db', ':memory:', '--no-demo', '--content', bare.dir],
    });
    cleanups.push(() => without.close());
    const started = await linesWhen(without.output, (lines) => lines.some(isWarning));
    assert.equal(started[0].msg, 'listening');
    assert.equal(started.findIndex(isWarning), 1);
    assert.equal(started.find(isWarning).file, path.join(bare.dir, 'safety'));

    const listed = await folder({ ...MINIMAL, 'safety/en.txt': SAFETY_LIST });
    const served = await startDemo({
      args: ['--db', ':memory:', '--no-demo', '--content', listed.dir],
    });
    cleanups.push(() => served.close());
    await rm(path.join(listed.dir, 'safety'), { recursive: true });
    served.child.kill('SIGHUP');
    const reloaded = await linesWhen(served.output, (lines) => lines.some(isWarning));
    const reload = reloaded.findIndex((line) => line.msg === 'content reloaded');
    assert.ok(reload > 0, 'the content was reloaded');
    assert.ok(!reloaded.slice(0, reload).some(isWarning), 'no warning while the lists were there');
    assert.ok(reloaded.slice(reload).some(isWarning));
  });
});
