/**
 * `mhn-content-api moderator add|list|remove`: the accounts land in the store `serve`
 * uses (a SQLite file via --db, or DATABASE_URL under MHN_TEST_STORE=postgres), the
 * password comes from standard input, and every mistake is one line and a non-zero exit
 * that writes nothing.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openStore } from '../../server/build/server/store/index.js';
import { CLI, repoRoot } from './helpers.js';
import { TEST_STORE, testStoreOptions } from './stores.js';

/** @type {string} */
let dir;
/** @type {string} the store: a SQLite file or a postgres:// URL */
let database;

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mhn-moderator-cli-'));
  const options = await testStoreOptions(path.join(dir, 'desk.sqlite'));
  database = options.databaseUrl ?? /** @type {string} */ (options.dbPath);
});
after(() => rm(dir, { recursive: true, force: true }));

/**
 * @param {string[]} args
 * @param {string} [input] standard input (a pipe, not a terminal)
 */
function moderator(args, input = '') {
  const storeArgs = TEST_STORE === 'postgres' ? [] : ['--db', database];
  const result = spawnSync(process.execPath, [CLI, 'moderator', ...args, ...storeArgs], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: TEST_STORE === 'postgres' ? database : undefined,
      MHN_DB: undefined,
    },
    input,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** @param {(store: import('../../server/build/server/store/index.js').ModerationStore) => Promise<any>} use */
async function withStore(use) {
  const store = await openStore(database);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** @param {{ code: number | null, stderr: string }} result */
function assertOneLineFailure(result) {
  assert.notEqual(result.code, 0);
  assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  assert.match(result.stderr, /^mhn-content-api moderator: /);
}

test('add reads the password from standard input; the account signs in with it', async () => {
  const added = moderator(['add', 'Maya', '--role', 'admin'], 'a long enough password\n');
  assert.equal(added.code, 0, added.stderr);
  assert.equal(added.stdout, 'added Maya (admin)\n');
  const leo = moderator(['add', 'Leo'], 'leo has a passphrase\nignored second line\n');
  assert.equal(leo.code, 0, leo.stderr);

  await withStore(async (store) => {
    const maya = await store.verifyPassword('maya', 'a long enough password');
    assert.equal(maya?.name, 'Maya');
    assert.equal(maya?.role, 'admin');
    assert.equal((await store.verifyPassword('Leo', 'leo has a passphrase'))?.role, 'moderator');
    assert.equal(await store.verifyPassword('Leo', 'ignored second line'), null);
  });

  const list = moderator(['list']);
  assert.equal(list.code, 0, list.stderr);
  const rows = list.stdout.trim().split('\n');
  assert.deepEqual(
    rows.map((row) => row.split('\t').slice(0, 2)),
    [
      ['Leo', 'moderator'],
      ['Maya', 'admin'],
    ],
  );
  for (const row of rows) assert.match(row, /\tsince \d{4}-\d\d-\d\d$/);
  assert.ok(!list.stdout.includes('passphrase') && !list.stdout.includes('argon2'));
});

test('remove ends the account; a second remove says there is no such moderator', async () => {
  assert.equal(moderator(['add', 'Sam'], 'sam password 1234\n').code, 0);
  const removed = moderator(['remove', 'sam']);
  assert.equal(removed.code, 0, removed.stderr);
  assert.match(removed.stdout, /^removed sam/);
  await withStore(async (store) => {
    assert.equal(await store.findModerator('Sam'), null);
    assert.equal(await store.verifyPassword('Sam', 'sam password 1234'), null);
  });
  const again = moderator(['remove', 'Sam']);
  assertOneLineFailure(again);
  assert.match(again.stderr, /no moderator named Sam/);
  assert.ok(!moderator(['list']).stdout.includes('Sam'));
});

test('bad input exits non-zero with one line and adds nobody', async () => {
  const cases = [
    { args: ['add', 'Short'], input: 'too short\n', says: /at least 12 characters/ },
    { args: ['add', 'Nopass'], input: '', says: /at least 12 characters/ },
    { args: ['add', ' Spaced'], input: 'a long enough password\n', says: /start or end/ },
    { args: ['add', 'Ro', '--role', 'owner'], input: 'a long enough password\n', says: /--role/ },
    { args: ['add'], input: '', says: /add needs a NAME/ },
    { args: ['add', 'a', 'b'], input: '', says: /unexpected argument: b/ },
    { args: ['list', '--role', 'admin'], input: '', says: /--role is for add only/ },
    { args: ['promote', 'Leo'], input: '', says: /unknown command: promote/ },
    { args: [], input: '', says: /add, remove or list/ },
    { args: ['list', '--bogus'], input: '', says: /--bogus/ },
    { args: ['add', 'maya'], input: 'a long enough password\n', says: /already a moderator/ },
  ];
  for (const { args, input, says } of cases) {
    const result = moderator(args, input);
    assertOneLineFailure(result);
    assert.match(result.stderr, says, args.join(' '));
  }
  const names = moderator(['list'])
    .stdout.trim()
    .split('\n')
    .map((row) => row.split('\t')[0]);
  for (const name of ['Short', 'Nopass', ' Spaced', 'Ro', 'a']) assert.ok(!names.includes(name));
  await withStore(async (store) => {
    // The existing Maya kept her password.
    assert.ok(await store.verifyPassword('Maya', 'a long enough password'));
  });
});
