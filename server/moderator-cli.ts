/**
 * `mhn-content-api moderator add|remove|list` — the moderator accounts of the desk, kept
 * in the same store `serve` uses (`--db`, `MHN_DB`, `DATABASE_URL`). A password is read
 * from standard input: typed twice, unechoed, on a terminal; the first line otherwise
 * (`printf '%s\n' "$PW" | mhn-content-api moderator add maya`).
 *
 * Every mistake is one line on standard error and exit status 2; nothing is written.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDbPath } from './paths.js';
import { openStore } from './store/index.js';
import { ROLES, type Role } from './store/moderation-types.js';

export const MODERATOR_USAGE = `Usage: mhn-content-api moderator add NAME [--role moderator|admin] [--db PATH]
       mhn-content-api moderator remove NAME [--db PATH]
       mhn-content-api moderator list [--db PATH]

add: the password is read from standard input (typed twice on a terminal; the first
line otherwise), at least 12 characters. Roles: moderator (the queue) and admin (also
manages moderators and settings); default moderator.
The store is the one serve uses: --db PATH or MHN_DB (SQLite), or DATABASE_URL.
`;

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_NAME_LENGTH = 64;

export interface Io {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

class UsageError extends Error {}

/** Why a moderator's name is not acceptable, or null. */
export function nameProblem(name: string): string | null {
  if (name.trim() === '') return 'the name is empty';
  if (name !== name.trim()) return 'the name must not start or end with a space';
  if ([...name].length > MAX_NAME_LENGTH) {
    return `the name must be at most ${MAX_NAME_LENGTH} characters`;
  }
  if (/\p{Cc}|\p{Cf}/u.test(name)) return 'the name must not contain control characters';
  return null;
}

/** Why a password is not acceptable, or null. */
export function passwordProblem(password: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    return `the password must be at least ${MIN_PASSWORD_LENGTH} characters`;
  }
  if (/[\r\n\0]/.test(password)) return 'the password must be one line';
  return null;
}

/** The first line of a piped standard input (without its line ending). */
async function readFirstLine(stdin: Io['stdin']): Promise<string> {
  let text = '';
  for await (const chunk of stdin) {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/, 1)[0] ?? '';
}

/** Reads one line from a terminal without echoing it. */
function readHidden(io: Io, prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const { stdin } = io;
    io.stderr.write(prompt);
    stdin.setRawMode?.(true);
    stdin.resume();
    let text = '';
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString()) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          finish();
          resolve(text);
          return;
        }
        if (char === '\u0003') {
          finish();
          reject(new UsageError('cancelled'));
          return;
        }
        if (char === '\u007f' || char === '\b') text = [...text].slice(0, -1).join('');
        else text += char;
      }
    };
    const finish = () => {
      stdin.removeListener('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      io.stderr.write('\n');
    };
    stdin.on('data', onData);
  });
}

async function readPassword(io: Io): Promise<string> {
  if (!io.stdin.isTTY) return readFirstLine(io.stdin);
  const first = await readHidden(io, 'Password: ');
  const second = await readHidden(io, 'Password again: ');
  if (first !== second) throw new UsageError('the two passwords differ');
  return first;
}

function databaseOf(db: string | undefined, env: NodeJS.ProcessEnv): string {
  if (env.DATABASE_URL) {
    if (!/^postgres(ql)?:\/\//.test(env.DATABASE_URL)) {
      throw new UsageError('DATABASE_URL must be a postgres:// URL');
    }
    return env.DATABASE_URL;
  }
  const file = db ?? env.MHN_DB ?? defaultDbPath;
  if (file === ':memory:') throw new UsageError('--db :memory: would keep nobody');
  return path.resolve(file);
}

/** Runs `moderator …`; resolves to the exit status. */
export async function runModerator(argv: string[], io: Io): Promise<number> {
  const fail = (message: string, status = 2) => {
    io.stderr.write(`mhn-content-api moderator: ${message}\n`);
    return status;
  };
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        db: { type: 'string' },
        role: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return fail(`${(error as Error).message.split(/\n|\. To specify/)[0]} (see --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(MODERATOR_USAGE);
    return 0;
  }
  const [command, name, ...extra] = positionals;
  const wantsName = command === 'add' || command === 'remove';
  if (command !== 'add' && command !== 'remove' && command !== 'list') {
    return fail(
      command === undefined
        ? 'say add, remove or list (see --help)'
        : `unknown command: ${command} (add, remove or list)`,
    );
  }
  if (wantsName && name === undefined) return fail(`${command} needs a NAME`);
  const unexpected = wantsName ? extra[0] : name;
  if (unexpected !== undefined) return fail(`unexpected argument: ${unexpected}`);
  if (values.role !== undefined && command !== 'add') return fail('--role is for add only');
  const role = (values.role ?? 'moderator') as Role;
  if (!ROLES.includes(role)) return fail(`--role must be moderator or admin, not ${role}`);

  try {
    const database = databaseOf(values.db, io.env);
    if (name !== undefined) {
      const problem = nameProblem(name);
      if (problem) throw new UsageError(problem);
    }
    const password = command === 'add' ? await readPassword(io) : '';
    if (command === 'add') {
      const problem = passwordProblem(password);
      if (problem) throw new UsageError(problem);
    }
    const store = await openStore(database);
    try {
      if (command === 'list') {
        for (const moderator of await store.listModerators()) {
          const since = new Date(moderator.created).toISOString().slice(0, 10);
          io.stdout.write(`${moderator.name}\t${moderator.role}\tsince ${since}\n`);
        }
        return 0;
      }
      if (command === 'add') {
        const result = await store.addModerator({ name: name!, password, role });
        if (result.outcome === 'name-taken') return fail(`${name} is already a moderator`, 1);
        io.stdout.write(`added ${result.moderator.name} (${result.moderator.role})\n`);
        return 0;
      }
      if (!(await store.removeModerator(name!))) return fail(`no moderator named ${name}`, 1);
      io.stdout.write(`removed ${name}; their sessions have ended\n`);
      return 0;
    } finally {
      await store.close();
    }
  } catch (error) {
    if (error instanceof UsageError) return fail(error.message);
    return fail(`could not open the store: ${(error as Error).message.split('\n')[0]}`, 1);
  }
}
