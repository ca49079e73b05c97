/**
 * The store: everything the service keeps that must be shared between instances —
 * comments, idempotency records (with the fingerprint of the request that made them),
 * rate-limit counters. Two implementations, SQLite (the embedded default) and
 * PostgreSQL (several instances), answer identically: the same ids, the same order,
 * the same cursors.
 *
 * Every method is async so both implementations share one interface; every write that
 * is acknowledged has been committed.
 */

/** Where a comment stands. The moderation desk adds the last two. */
export type CommentStatus = 'published' | 'pending' | 'rejected' | 'spam';

export interface StoredComment {
  /** Numeric id; the API presents it as `c-<id>`. */
  id: number;
  article: string;
  title: string;
  /** '' when the poster gave no name. */
  author: string;
  body: string;
  /** Milliseconds since the epoch. */
  created: number;
  status: CommentStatus;
}

export interface NewComment {
  article: string;
  title: string;
  author: string;
  body: string;
  created: number;
  status: CommentStatus;
  /** A keyed hash of the poster's address (never the address itself), or '' for seeds. */
  client: string;
  /** The moderation rules that matched (why it is held), each once. */
  reasons?: readonly string[];
  /** The normalised body's hash, for duplicate detection. */
  bodyHash?: string;
  /** `hashToken(token)` of the poster's deletion token (valid 24 hours from `created`). */
  deletionTokenHash?: string | null;
}

/** A position in a list of comments ordered by (created, id). */
export interface CommentCursor {
  created: number;
  id: number;
}

export type CommentSort = 'newest' | 'oldest';

/** What makes a retried POST the same request. */
export interface IdempotencyClaim {
  /** The Idempotency-Key header. */
  key: string;
  /** Keys are scoped to the client that made them: another client's key is a new key. */
  client: string;
  /** A hash of the request (article, method, normalised body). */
  fingerprint: string;
}

export type CreateCommentResult =
  /** Stored now; `body` is what `render` returned, and was stored with the key. */
  | { outcome: 'created'; comment: StoredComment; status: number; body: string }
  /** The same key and the same request were seen before: the stored answer. */
  | { outcome: 'replayed'; status: number; body: string }
  /** The same key came with a different request: nothing was stored. */
  | { outcome: 'key-reused' };

/** What a live idempotency record says about a claim made with its key. */
export type IdempotencyLookup = Exclude<CreateCommentResult, { outcome: 'created' }>;

export interface RateLimitResult {
  allowed: boolean;
  /** Seconds until the next request would be allowed (0 when allowed). */
  retryAfter: number;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';

  /** Published comments of an article. */
  countPublished(article: string): Promise<number>;
  /** One page of published comments after `after` (exclusive), in `sort` order. */
  listPublished(
    article: string,
    sort: CommentSort,
    after: CommentCursor | null,
    limit: number,
  ): Promise<StoredComment[]>;

  /**
   * Stores a comment and, when `claim` is given, its idempotency record, atomically:
   * concurrent calls with one key (on one instance or several) store one comment and
   * all get the same answer; a key reused with a different fingerprint stores nothing.
   * `render` turns the stored comment into the response body kept for replays.
   */
  createComment(
    input: NewComment,
    claim: IdempotencyClaim | null,
    render: (comment: StoredComment) => { status: number; body: string },
  ): Promise<CreateCommentResult>;

  /**
   * Reads, without writing anything (no id, no lock), what a live idempotency record
   * says about `claim`: its stored answer, `key-reused` when it was made by a different
   * request, or null when the key is free (never used, expired, or being claimed by a
   * transaction not yet committed — `createComment` settles that race).
   */
  findIdempotent(claim: IdempotencyClaim): Promise<IdempotencyLookup | null>;

  /**
   * Counts one hit of `cost` against `bucket` in a window of `windowMs`, shared by every
   * instance. Buckets expire on their own; the store never forgets all of them at once.
   */
  hit(bucket: string, max: number, windowMs: number, cost?: number): Promise<RateLimitResult>;

  /** Inserts seed comments (sample content, tests) with fixed ids when given. */
  seedComments(comments: Array<NewComment & { id?: number }>): Promise<void>;
  /**
   * Deletes comments (with their reports, blocks and audit log), idempotency records and
   * counters (tests and the demo reset); moderators, sessions, settings and secrets stay.
   */
  clear(): Promise<void>;

  /** Resolves when the store answers a trivial query (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
