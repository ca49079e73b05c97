/**
 * What both stores share besides the schema: the options every store takes, the
 * arithmetic of rate-limit windows, and the argument checks, so that the two answer
 * identically.
 */
import type { CommentStatus, RateLimitResult, StoredComment } from './types.js';

/** How long an idempotency record answers replays. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * At most this many expired idempotency records or rate-limit buckets are deleted by one
 * write: expiry is spread over the traffic, never one large delete.
 */
export const PRUNE_BATCH = 50;

/**
 * How failed sign-ins slow the next attempt under the same key (an account, a client):
 * the first `freeFailures` cost nothing, then each failure doubles the wait from
 * `baseDelayMs` up to `maxDelayMs`; a key's failures are forgotten `forgetAfterMs` after
 * its last one (or at once after a successful sign-in, for the account).
 */
export interface SignInThrottle {
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  forgetAfterMs: number;
}

export const DEFAULT_SIGN_IN_THROTTLE: Readonly<SignInThrottle> = Object.freeze({
  freeFailures: 3,
  baseDelayMs: 1000,
  maxDelayMs: 15 * 60 * 1000,
  forgetAfterMs: 60 * 60 * 1000,
});

/** A moderator's session ends after this long unused… */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
/** …and this long after sign-in, used or not. */
export const SESSION_MAX_MS = 12 * 60 * 60 * 1000;

export interface StoreOptions {
  /** Milliseconds since the epoch; tests pass a fake clock. Default `Date.now`. */
  now?: () => number;
  /** How long idempotency records are kept. Default 24 hours. */
  idempotencyTtlMs?: number;
  /** Moderator sessions end after this long unused. Default 30 minutes. */
  sessionIdleMs?: number;
  /** Moderator sessions end this long after sign-in. Default 12 hours. */
  sessionMaxMs?: number;
  signInThrottle?: Partial<SignInThrottle>;
}

export interface StoreSettings {
  now: () => number;
  idempotencyTtlMs: number;
  sessionIdleMs: number;
  sessionMaxMs: number;
  signInThrottle: SignInThrottle;
}

function positive(name: string, value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new RangeError(`${name} must be a positive number, not ${value}`);
  }
  return value;
}

export function resolveSettings(options: StoreOptions): StoreSettings {
  const throttle = { ...DEFAULT_SIGN_IN_THROTTLE, ...options.signInThrottle };
  if (!Number.isInteger(throttle.freeFailures) || throttle.freeFailures < 0) {
    throw new RangeError(
      `signInThrottle.freeFailures must be a whole number ≥ 0, not ${throttle.freeFailures}`,
    );
  }
  positive('signInThrottle.baseDelayMs', throttle.baseDelayMs);
  positive('signInThrottle.maxDelayMs', throttle.maxDelayMs);
  positive('signInThrottle.forgetAfterMs', throttle.forgetAfterMs);
  return {
    now: options.now ?? Date.now,
    idempotencyTtlMs: positive('idempotencyTtlMs', options.idempotencyTtlMs ?? IDEMPOTENCY_TTL_MS),
    sessionIdleMs: positive('sessionIdleMs', options.sessionIdleMs ?? SESSION_IDLE_MS),
    sessionMaxMs: positive('sessionMaxMs', options.sessionMaxMs ?? SESSION_MAX_MS),
    signInThrottle: throttle,
  };
}

export function checkLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 0) {
    throw new RangeError(`limit must be a whole number ≥ 0, not ${limit}`);
  }
}

export function checkHit(max: number, windowMs: number, cost: number): void {
  if (!Number.isInteger(max) || max < 0) {
    throw new RangeError(`max must be a whole number ≥ 0, not ${max}`);
  }
  if (!Number.isInteger(windowMs) || windowMs < 1) {
    throw new RangeError(`windowMs must be a whole number ≥ 1, not ${windowMs}`);
  }
  if (!Number.isInteger(cost) || cost < 1) {
    throw new RangeError(`cost must be a whole number ≥ 1, not ${cost}`);
  }
}

/**
 * The answer to a hit, from the bucket's count after it and the end of its window.
 * Refused hits are counted too (the window is fixed, so they do not push it back).
 */
export function rateLimitResult(
  count: number,
  max: number,
  windowEnd: number,
  now: number,
): RateLimitResult {
  if (count <= max) return { allowed: true, retryAfter: 0 };
  return { allowed: false, retryAfter: Math.max(1, Math.ceil((windowEnd - now) / 1000)) };
}

/** A comments row as either driver returns it (PostgreSQL's BIGINT arrives as text). */
export interface CommentRow {
  id: number | string | bigint;
  article: string;
  title: string;
  author: string;
  body: string;
  created: number | string | bigint;
  status: string;
}

export function toComment(row: CommentRow): StoredComment {
  return {
    id: Number(row.id),
    article: row.article,
    title: row.title,
    author: row.author,
    body: row.body,
    created: Number(row.created),
    status: row.status as CommentStatus,
  };
}

export const COMMENT_COLUMNS = 'id, article, title, author, body, created, status';
