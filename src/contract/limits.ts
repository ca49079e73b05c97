/**
 * The numbers every Content API client and server agree on. Text lengths are counted
 * in Unicode code points (`[...text].length`), after trimming surrounding whitespace.
 */

/** Characters (code points) allowed in each comment field, after trimming: min and max. */
export const COMMENT_LIMITS = {
  title: { min: 1, max: 120 },
  author: { min: 0, max: 60 },
  body: { min: 1, max: 5000 },
} as const;

/** The fields of a comment a reader writes, in the order forms show them. */
export type CommentField = keyof typeof COMMENT_LIMITS;
export const COMMENT_FIELDS: readonly CommentField[] = ['title', 'author', 'body'];

/**
 * The most bytes one character of a comment can take in a JSON request body: a
 * character outside the Basic Multilingual Plane (4 bytes in UTF-8) sent escaped as a
 * surrogate pair, `\uD83D\uDE00` — 2 × 6 = 12 bytes.
 */
export const MAX_JSON_BYTES_PER_CHARACTER = 12;

/**
 * What a compact comment body costs besides the field values:
 * `{"title":"","author":"","body":""}` — 34 bytes.
 */
export const COMMENT_JSON_OVERHEAD_BYTES = 34;

/**
 * The largest body of a valid comment request, in bytes: every field at its maximum
 * length, every character at its most expensive encoding, plus the JSON around them:
 *
 *     (120 + 60 + 5000) characters × 12 bytes = 5180 × 12 = 62 160 bytes
 *     62 160 + 34 bytes of JSON overhead       = 62 194 bytes
 *
 * A server must accept a comment body at least this large (it answers
 * `413 payload_too_large` only above its own limit, which is never lower than this).
 * Whitespace around the values is trimmed before counting, so a padded body can be
 * valid and larger; servers are free to refuse those.
 */
export const MAX_COMMENT_REQUEST_BYTES =
  (COMMENT_LIMITS.title.max + COMMENT_LIMITS.author.max + COMMENT_LIMITS.body.max) *
    MAX_JSON_BYTES_PER_CHARACTER +
  COMMENT_JSON_OVERHEAD_BYTES;

/** Page sizes (`limit`) of every paged list: comments, section items, therapists. */
export const PAGE_SIZE = {
  /** Used when a request gives no `limit`. */
  default: 20,
  min: 1,
  /** A larger `limit` is not an error: the server caps it to this. */
  max: 100,
} as const;

/** An opaque paging cursor: base64url text, at most this long. */
export const CURSOR_MAX_LENGTH = 512;
/** The characters of a cursor (base64url, no padding). */
export const CURSOR_PATTERN = /^[A-Za-z0-9_-]+$/;

/** The therapist search radius, in kilometres. */
export const RADIUS_KM = { default: 40, min: 1, max: 500 } as const;

/** The `Idempotency-Key` header of a comment post: 1–200 characters once trimmed. */
export const IDEMPOTENCY_KEY_LENGTH = { min: 1, max: 200 } as const;

/** The sort orders of the comment list; the first is the default. */
export const COMMENT_SORTS = ['newest', 'oldest'] as const;
export type CommentSort = (typeof COMMENT_SORTS)[number];
export const DEFAULT_COMMENT_SORT: CommentSort = 'newest';

/**
 * Why a reader reports a comment (`POST …/comments/{id}/reports`): `worried` is "worried
 * about this person" — it holds the comment for a person at once (reason `safety`).
 */
export const REPORT_REASONS = ['spam', 'abuse', 'worried', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];
