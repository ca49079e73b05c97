/**
 * What the moderation plans share: rows as either driver returns them and their mapping,
 * the checks on arguments (a caller's mistake is a RangeError that says what was wrong,
 * before anything is written), and the tokens whose hashes the store keeps.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { toComment, type CommentRow } from './common.js';
import type { AuditAction, AuditEntry, CommentState, QueueComment } from './moderation-types.js';
import type { CommentStatus, NewComment } from './types.js';

/** How long a poster can delete their own comment with its token. */
export const DELETION_WINDOW_MS = 24 * 60 * 60 * 1000;

/** A random 256-bit token, base64url (sessions, CSRF, comment deletion). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the store keeps of a token: its SHA-256, hex. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares two hex hashes in constant time. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

/** The comments columns the desk reads (`c` is the comments table's alias). */
export const QUEUE_COLUMNS = `c.id, c.article, c.title, c.author, c.body, c.created, c.status,
  c.client, c.reasons, c.safety, c.edited, c.deleted, c.deleted_by, c.reports_reviewed,
  (SELECT COUNT(*) FROM reports r WHERE r.comment = c.id) AS reports`;

export interface QueueRow extends CommentRow {
  client: string;
  reasons: string;
  safety: number | string;
  edited: number | string | null;
  deleted: number | string | null;
  deleted_by: string | null;
  reports_reviewed: number | string;
  reports: number | string;
}

const nullableNumber = (value: number | string | null) => (value === null ? null : Number(value));

export function toQueueComment(row: QueueRow): QueueComment {
  return {
    ...toComment(row),
    client: row.client,
    reasons: parseReasons(row.reasons),
    safety: Number(row.safety) === 1,
    reports: Number(row.reports),
    edited: nullableNumber(row.edited),
    deleted: nullableNumber(row.deleted),
    deletedBy:
      row.deleted_by === 'moderator' || row.deleted_by === 'poster' ? row.deleted_by : null,
  };
}

export function parseReasons(text: string): string[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value.filter((r): r is string => typeof r === 'string') : [];
}

export function stateOf(comment: QueueComment): CommentState {
  return {
    status: comment.status,
    deleted: comment.deleted !== null,
    title: comment.title,
    author: comment.author,
    body: comment.body,
    reasons: [...comment.reasons],
  };
}

export function sameState(a: CommentState, b: CommentState): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Reads a state back from the audit log (null when it is not one). */
export function asState(value: unknown): CommentState | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const statuses: readonly string[] = ['published', 'pending', 'rejected', 'spam'];
  if (
    typeof v.status !== 'string' ||
    !statuses.includes(v.status) ||
    typeof v.deleted !== 'boolean' ||
    typeof v.title !== 'string' ||
    typeof v.author !== 'string' ||
    typeof v.body !== 'string' ||
    !Array.isArray(v.reasons)
  ) {
    return null;
  }
  return {
    status: v.status as CommentStatus,
    deleted: v.deleted,
    title: v.title,
    author: v.author,
    body: v.body,
    reasons: v.reasons.filter((r): r is string => typeof r === 'string'),
  };
}

export interface AuditRow {
  id: number | string;
  at: number | string;
  moderator: number | string | null;
  actor: string;
  action: string;
  comment: number | string | null;
  target: string | null;
  note: string;
  before_state: string | null;
  after_state: string | null;
}

export const AUDIT_COLUMNS =
  'id, at, moderator, actor, action, comment, target, note, before_state, after_state';

export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: Number(row.id),
    at: Number(row.at),
    moderator: nullableNumber(row.moderator),
    actor: row.actor,
    action: row.action as AuditAction,
    comment: nullableNumber(row.comment),
    target: row.target,
    note: row.note,
    before: row.before_state === null ? null : JSON.parse(row.before_state),
    after: row.after_state === null ? null : JSON.parse(row.after_state),
  };
}

// ── Argument checks ──────────────────────────────────────────────────────────────

const REASON = /^[a-z][a-z0-9-]{0,31}$/;

/** Reasons as stored: each a short lowercase name, each once, in the order given. */
export function checkReasons(reasons: readonly string[]): string[] {
  const out: string[] = [];
  for (const reason of reasons) {
    if (typeof reason !== 'string' || !REASON.test(reason)) {
      throw new RangeError(
        `a reason is a lowercase name of letters, digits and hyphens, not ${JSON.stringify(reason)}`,
      );
    }
    if (!out.includes(reason)) out.push(reason);
  }
  return out;
}

export function checkReason(reason: string): string {
  return checkReasons([reason])[0] as string;
}

/** Client hashes: one or several, none empty (seeds have no client and match nothing). */
export function checkClients(clients: string | readonly string[]): string[] {
  const list = typeof clients === 'string' ? [clients] : [...clients];
  if (list.length === 0 || list.length > 16) {
    throw new RangeError('give between 1 and 16 client hashes');
  }
  for (const client of list) {
    if (typeof client !== 'string' || client.length === 0 || client.length > 200) {
      throw new RangeError('a client hash is a non-empty string of at most 200 characters');
    }
  }
  return [...new Set(list)];
}

export function checkId(id: number): void {
  if (!Number.isSafeInteger(id) || id < 1) {
    throw new RangeError(`a comment id is a whole number ≥ 1, not ${id}`);
  }
}

export function checkText(name: string, value: string, max: number, allowEmpty = true): string {
  if (typeof value !== 'string' || (!allowEmpty && value.length === 0) || value.length > max) {
    throw new RangeError(
      `${name} must be ${allowEmpty ? 'a string' : 'a non-empty string'} of at most ${max} characters`,
    );
  }
  return value;
}

/** Validates an actor (who did something). */
export function checkActor(actor: { id: number; name: string }): void {
  if (
    typeof actor !== 'object' ||
    actor === null ||
    !Number.isSafeInteger(actor.id) ||
    typeof actor.name !== 'string'
  ) {
    throw new RangeError('the moderator must be { id, name }');
  }
}

/** The moderation columns of a new comment (reasons, body hash, deletion token). */
export function commentExtras(comment: NewComment) {
  const reasons = checkReasons(comment.reasons ?? []);
  const tokenHash = comment.deletionTokenHash ?? null;
  if (tokenHash !== null && !/^[0-9a-f]{64}$/.test(tokenHash)) {
    throw new RangeError('deletionTokenHash must be hashToken(token): 64 hex digits');
  }
  return {
    reasons: JSON.stringify(reasons),
    safety: reasons.includes('safety') ? 1 : 0,
    body_hash: checkText('bodyHash', comment.bodyHash ?? '', 200),
    deletion_token_hash: tokenHash,
    deletion_expires: tokenHash === null ? null : comment.created + DELETION_WINDOW_MS,
  };
}
