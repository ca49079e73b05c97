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

export interface StoreOptions {
  /** Milliseconds since the epoch; tests pass a fake clock. Default `Date.now`. */
  now?: () => number;
  /** How long idempotency records are kept. Default 24 hours. */
  idempotencyTtlMs?: number;
}

export interface StoreSettings {
  now: () => number;
  idempotencyTtlMs: number;
}

export function resolveSettings(options: StoreOptions): StoreSettings {
  const idempotencyTtlMs = options.idempotencyTtlMs ?? IDEMPOTENCY_TTL_MS;
  if (!(idempotencyTtlMs > 0)) {
    throw new RangeError(`idempotencyTtlMs must be a positive number, not ${idempotencyTtlMs}`);
  }
  return { now: options.now ?? Date.now, idempotencyTtlMs };
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
