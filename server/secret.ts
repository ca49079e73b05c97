/**
 * The service's secret: the key of the hash that stands for a client's address
 * (rate-limit buckets, idempotency scope). Every instance sharing a store must use the
 * same one, and it must outlive restarts, or a retried post would look like a new
 * client's after a restart or on another instance.
 *
 * - `MHN_SECRET` (at least 32 characters) when set — required with PostgreSQL, where
 *   several instances share the store;
 * - else, with a SQLite file, a random secret kept beside it in `<db>.secret` (mode 0600),
 *   made on first start;
 * - else (`:memory:`), a random secret for the life of the process.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const MIN_SECRET_LENGTH = 32;

export class SecretError extends Error {}

export function resolveSecret(options: {
  env: string | undefined;
  store: 'sqlite' | 'postgres';
  dbPath?: string;
}): string {
  if (options.env !== undefined) {
    if (options.env.length < MIN_SECRET_LENGTH) {
      throw new SecretError(`MHN_SECRET must be at least ${MIN_SECRET_LENGTH} characters.`);
    }
    return options.env;
  }
  if (options.store === 'postgres') {
    throw new SecretError(
      'MHN_SECRET is required with DATABASE_URL: every instance must share it (at least 32 random characters, e.g. `openssl rand -base64 32`).',
    );
  }
  const dbPath = options.dbPath ?? ':memory:';
  if (dbPath === ':memory:' || dbPath === '') return randomBytes(32).toString('base64url');
  const file = `${dbPath}.secret`;
  try {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= MIN_SECRET_LENGTH) return kept;
  } catch {
    // Not made yet.
  }
  const made = randomBytes(32).toString('base64url');
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, `${made}\n`, { mode: 0o600, flag: 'w' });
  chmodSync(file, 0o600);
  return made;
}
