/**
 * Moderators' sessions and sign-in throttling, as plans (plan.ts) both stores run. A
 * session is kept by the SHA-256 of its token (the cookie holds the token itself); it
 * ends after a spell of inactivity, at its maximum age, on sign-out, and when its
 * moderator is removed or given a new password.
 */
import { PRUNE_BATCH, type SignInThrottle, type StoreSettings } from './common.js';
import { checkText } from './moderation-common.js';
import { MODERATOR_COLUMNS, toModerator, type ModeratorRow } from './moderation-accounts.js';
import type { Session } from './moderation-types.js';
import { all, get, placeholders, run, type Plan } from './plan.js';

// ── Sessions ─────────────────────────────────────────────────────────────────────

type Timing = Pick<StoreSettings, 'sessionIdleMs' | 'sessionMaxMs'>;

/** A session's end: idle time from its last use, never past its maximum from sign-in. */
function expiry(created: number, lastSeen: number, timing: Timing): number {
  return Math.min(lastSeen + timing.sessionIdleMs, created + timing.sessionMaxMs);
}

export function* createSessionPlan(
  moderatorId: number,
  tokenHash: string,
  csrf: string,
  now: number,
  timing: Timing,
): Plan<Session | null> {
  if (!Number.isSafeInteger(moderatorId)) throw new RangeError('a moderator id is a whole number');
  // Locked: a removal running now waits for this session, then ends it with the others.
  const row = yield* get<ModeratorRow>(
    `SELECT ${MODERATOR_COLUMNS} FROM moderators WHERE id = ? AND removed IS NULL {{lock}}`,
    [moderatorId],
  );
  if (row === undefined) return null;
  yield* run(
    `DELETE FROM sessions WHERE token_hash IN (
       SELECT token_hash FROM sessions WHERE expires <= ? ORDER BY expires LIMIT ${PRUNE_BATCH} {{skip}})`,
    [now],
  );
  const expires = expiry(now, now, timing);
  yield* run(
    `INSERT INTO sessions (token_hash, moderator, csrf, created, last_seen, expires)
     VALUES (?, ?, ?, ?, ?, ?)`,
    [tokenHash, moderatorId, csrf, now, now, expires],
  );
  return { moderator: toModerator(row), csrf, created: now, lastSeen: now, expires };
}

export function* getSessionPlan(
  tokenHash: string,
  now: number,
  timing: Timing,
): Plan<Session | null> {
  const row = yield* get<
    ModeratorRow & { csrf: string; session_created: number | string; expires: number | string }
  >(
    `SELECT m.id, m.name, m.role, m.created, s.csrf, s.created AS session_created, s.expires
     FROM sessions s JOIN moderators m ON m.id = s.moderator
     WHERE s.token_hash = ? AND m.removed IS NULL`,
    [tokenHash],
  );
  if (row === undefined) return null;
  if (Number(row.expires) <= now) {
    yield* run('DELETE FROM sessions WHERE token_hash = ?', [tokenHash]);
    return null;
  }
  const created = Number(row.session_created);
  const expires = expiry(created, now, timing);
  const touched = yield* run(
    'UPDATE sessions SET last_seen = ?, expires = ? WHERE token_hash = ? AND expires > ?',
    [now, expires, tokenHash, now],
  );
  if (touched === 0) return null;
  return { moderator: toModerator(row), csrf: row.csrf, created, lastSeen: now, expires };
}

export function* endSessionPlan(tokenHash: string): Plan<boolean> {
  return (yield* run('DELETE FROM sessions WHERE token_hash = ?', [tokenHash])) > 0;
}

export function* endSessionsPlan(moderatorId: number): Plan<number> {
  return yield* run('DELETE FROM sessions WHERE moderator = ?', [moderatorId]);
}

// ── Sign-in throttling ───────────────────────────────────────────────────────────

export function checkKeys(keys: readonly string[]): string[] {
  if (!Array.isArray(keys) || keys.length === 0 || keys.length > 8) {
    throw new RangeError('give 1 to 8 throttling keys');
  }
  for (const key of keys) checkText('a throttling key', key, 300, false);
  return [...new Set(keys)];
}

/** The wait after `count` failures in a row. */
export function failureDelay(count: number, policy: SignInThrottle): number {
  if (count <= policy.freeFailures) return 0;
  const doublings = Math.min(count - policy.freeFailures - 1, 40);
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** doublings);
}

export function* signInWaitPlan(
  keys: readonly string[],
  now: number,
  policy: SignInThrottle,
): Plan<number> {
  const list = checkKeys(keys);
  const rows = yield* all<{ count: number | string; last: number | string }>(
    `SELECT count, last FROM sign_in_failures
     WHERE key IN (${placeholders(list.length)}) AND expires > ?`,
    [...list, now],
  );
  let wait = 0;
  for (const row of rows) {
    const until = Number(row.last) + failureDelay(Number(row.count), policy);
    wait = Math.max(wait, until - now);
  }
  return wait;
}

export function* recordSignInFailurePlan(
  keys: readonly string[],
  now: number,
  policy: SignInThrottle,
): Plan<number> {
  const list = checkKeys(keys);
  yield* run(
    `DELETE FROM sign_in_failures WHERE key IN (
       SELECT key FROM sign_in_failures WHERE expires <= ? ORDER BY expires LIMIT ${PRUNE_BATCH} {{skip}})`,
    [now],
  );
  let wait = 0;
  for (const key of list) {
    const row = yield* get<{ count: number | string }>(
      `INSERT INTO sign_in_failures (key, count, last, expires) VALUES (?, 1, ?, ?)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN sign_in_failures.expires <= ? THEN 1 ELSE sign_in_failures.count + 1 END,
         last = ?, expires = ?
       RETURNING count`,
      [key, now, now + policy.forgetAfterMs, now, now, now + policy.forgetAfterMs],
    );
    wait = Math.max(wait, failureDelay(Number(row?.count ?? 1), policy));
  }
  return wait;
}

export function* clearSignInFailuresPlan(keys: readonly string[]): Plan<void> {
  const list = checkKeys(keys);
  yield* run(`DELETE FROM sign_in_failures WHERE key IN (${placeholders(list.length)})`, list);
}
