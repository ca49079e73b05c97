/**
 * The checks a comment, a page request and a therapist search must pass — the same
 * functions in the widgets (before sending) and in the server (before storing).
 */
import {
  COMMENT_FIELDS,
  COMMENT_LIMITS,
  CURSOR_MAX_LENGTH,
  CURSOR_PATTERN,
  IDEMPOTENCY_KEY_LENGTH,
  PAGE_SIZE,
  RADIUS_KM,
  type CommentField,
} from './limits.js';

/** The length the limits count: Unicode code points after trimming. */
export function textLength(text: string): number {
  return [...text.trim()].length;
}

/** What is wrong with one comment field. */
export type FieldProblem = 'required' | 'not_text' | 'too_long';

export type CommentCheck =
  | { ok: true; value: Record<CommentField, string> }
  | { ok: false; problems: Partial<Record<CommentField, FieldProblem>> };

/**
 * Checks and trims a comment request body (any parsed JSON object). `author` may be
 * absent or null (no name). The trimmed values are what gets stored.
 */
export function checkComment(input: Record<string, unknown>): CommentCheck {
  const problems: Partial<Record<CommentField, FieldProblem>> = {};
  const value: Record<CommentField, string> = { title: '', author: '', body: '' };
  for (const name of COMMENT_FIELDS) {
    const { min, max } = COMMENT_LIMITS[name];
    const raw = input[name] ?? (min === 0 ? '' : undefined);
    if (typeof raw !== 'string') {
      problems[name] = raw === undefined ? 'required' : 'not_text';
      continue;
    }
    const length = textLength(raw);
    if (length < min) problems[name] = 'required';
    else if (length > max) problems[name] = 'too_long';
    else value[name] = raw.trim();
  }
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, value };
}

/** The page size a `limit` asks for: null when it is not a whole number ≥ 1; capped at the max. */
export function pageSizeOf(limit: string | number | null | undefined): number | null {
  if (limit === null || limit === undefined) return PAGE_SIZE.default;
  const text = String(limit);
  if (!/^\d+$/.test(text) || Number(text) < PAGE_SIZE.min) return null;
  return Math.min(Number(text), PAGE_SIZE.max);
}

/** Whether a cursor is well-formed (whether it belongs to a list is the server's to say). */
export function isCursor(value: string): boolean {
  return value.length <= CURSOR_MAX_LENGTH && CURSOR_PATTERN.test(value);
}

/** Whether a search radius (km) is within the bounds. */
export function isRadiusKm(value: number): boolean {
  return Number.isFinite(value) && value >= RADIUS_KM.min && value <= RADIUS_KM.max;
}

/** Whether an `Idempotency-Key` header value is acceptable (its trimmed length). */
export function isIdempotencyKey(value: string): boolean {
  const length = value.trim().length;
  return length >= IDEMPOTENCY_KEY_LENGTH.min && length <= IDEMPOTENCY_KEY_LENGTH.max;
}
