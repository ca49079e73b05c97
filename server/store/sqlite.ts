/**
 * The embedded store: one SQLite database through better-sqlite3. Writes that must be
 * atomic run in IMMEDIATE transactions (the write lock is taken at BEGIN), so processes
 * sharing a database file serialise on it; files use WAL with a busy timeout and full
 * synchronous commits, so an acknowledged write survives a crash.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  COMMENT_COLUMNS,
  PRUNE_BATCH,
  checkHit,
  checkLimit,
  rateLimitResult,
  resolveSettings,
  toComment,
  type CommentRow,
  type StoreOptions,
  type StoreSettings,
} from './common.js';
import {
  FIRST_POSTED_ID,
  MIGRATIONS_TABLE_SQL,
  migrationFailed,
  migrations as allMigrations,
  pendingMigrations,
  type Migration,
} from './migrations.js';
import { commentExtras } from './moderation-common.js';
import type { ModerationStore } from './moderation-types.js';
import { createSqliteModeration } from './sqlite-moderation.js';
import type {
  CommentCursor,
  CommentSort,
  CreateCommentResult,
  IdempotencyClaim,
  IdempotencyLookup,
  NewComment,
  StoredComment,
} from './types.js';

export interface SqliteStoreOptions extends StoreOptions {
  /** A file (its folder is created), or ':memory:' for a private in-memory database. */
  path: string;
  /** Milliseconds to wait for another process's write lock. Default 5000. */
  busyTimeoutMs?: number;
  /** @internal Tests only: the migrations to run instead of the real ones. */
  migrations?: readonly Migration[];
}

export type SqliteStore = ModerationStore & { readonly kind: 'sqlite' };

/** Opens (creating and migrating when needed) a SQLite store. */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  const settings = resolveSettings(options);
  const inMemory = options.path === ':memory:' || options.path === '';
  if (!inMemory && !options.path.startsWith('file:')) {
    mkdirSync(path.dirname(path.resolve(options.path)), { recursive: true });
  }
  const db = new Database(options.path);
  try {
    if (!inMemory) {
      db.pragma('journal_mode = WAL');
      db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
      // FULL (not NORMAL) under WAL: a commit is on disk before the promise resolves.
      db.pragma('synchronous = FULL');
    }
    migrate(db, options.migrations ?? allMigrations, settings.now());
  } catch (error) {
    db.close();
    throw error;
  }
  return createStore(db, settings);
}

function migrate(db: Database.Database, list: readonly Migration[], now: number): void {
  db.transaction(() => {
    db.exec(MIGRATIONS_TABLE_SQL);
    const current =
      (db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get() as number | null) ??
      0;
    const record = db.prepare(
      'INSERT INTO schema_migrations (version, name, applied) VALUES (?, ?, ?)',
    );
    for (const migration of pendingMigrations(current, list)) {
      try {
        db.exec(migration.sqlite);
      } catch (error) {
        throw migrationFailed(migration, error);
      }
      record.run(migration.version, migration.name, now);
    }
  }).immediate();
}

interface IdempotencyRow {
  fingerprint: string;
  status: number;
  body: string;
  created: number;
}

function createStore(db: Database.Database, settings: StoreSettings): SqliteStore {
  const published = "article = ? AND status = 'published' AND deleted IS NULL";
  const sql = {
    countPublished: db.prepare(`SELECT COUNT(*) FROM comments WHERE ${published}`).pluck(),
    firstNewest: db.prepare(
      `SELECT ${COMMENT_COLUMNS} FROM comments WHERE ${published}
       ORDER BY created DESC, id DESC LIMIT ?`,
    ),
    afterNewest: db.prepare(
      `SELECT ${COMMENT_COLUMNS} FROM comments WHERE ${published} AND (created, id) < (?, ?)
       ORDER BY created DESC, id DESC LIMIT ?`,
    ),
    firstOldest: db.prepare(
      `SELECT ${COMMENT_COLUMNS} FROM comments WHERE ${published}
       ORDER BY created ASC, id ASC LIMIT ?`,
    ),
    afterOldest: db.prepare(
      `SELECT ${COMMENT_COLUMNS} FROM comments WHERE ${published} AND (created, id) > (?, ?)
       ORDER BY created ASC, id ASC LIMIT ?`,
    ),
    insertComment: db.prepare(
      `INSERT INTO comments (article, title, author, body, created, status, client, seeded,
         reasons, safety, body_hash, deletion_token_hash, deletion_expires)
       VALUES (@article, @title, @author, @body, @created, @status, @client, @seeded,
         @reasons, @safety, @body_hash, @deletion_token_hash, @deletion_expires)`,
    ),
    insertSeed: db.prepare(
      `INSERT INTO comments (id, article, title, author, body, created, status, client, seeded,
         reasons, safety, body_hash, deletion_token_hash, deletion_expires)
       VALUES (@id, @article, @title, @author, @body, @created, @status, @client, 1,
         @reasons, @safety, @body_hash, @deletion_token_hash, @deletion_expires)
       ON CONFLICT (id) DO UPDATE SET article = excluded.article, title = excluded.title,
         author = excluded.author, body = excluded.body, created = excluded.created,
         status = excluded.status, client = excluded.client, reasons = excluded.reasons,
         safety = excluded.safety, body_hash = excluded.body_hash
       WHERE comments.seeded = 1`,
    ),
    findClaim: db.prepare(
      'SELECT fingerprint, status, body, created FROM idempotency WHERE client = ? AND key = ?',
    ),
    saveClaim: db.prepare(
      `INSERT INTO idempotency (client, key, fingerprint, article, status, body, created)
       VALUES (@client, @key, @fingerprint, @article, @status, @body, @created)
       ON CONFLICT (client, key) DO UPDATE SET fingerprint = excluded.fingerprint,
         article = excluded.article, status = excluded.status, body = excluded.body,
         created = excluded.created`,
    ),
    pruneClaims: db.prepare(
      `DELETE FROM idempotency WHERE (client, key) IN (
         SELECT client, key FROM idempotency WHERE created <= ? ORDER BY created LIMIT ${PRUNE_BATCH})`,
    ),
    hit: db.prepare(
      `INSERT INTO rate_limits (bucket, window_start, count, updated, expires)
       VALUES (@bucket, @now, @cost, @now, @now + @window)
       ON CONFLICT (bucket) DO UPDATE SET
         count = CASE WHEN rate_limits.window_start + @window <= @now
                      THEN @cost ELSE rate_limits.count + @cost END,
         window_start = CASE WHEN rate_limits.window_start + @window <= @now
                             THEN @now ELSE rate_limits.window_start END,
         expires = CASE WHEN rate_limits.window_start + @window <= @now
                        THEN @now + @window ELSE rate_limits.window_start + @window END,
         updated = @now
       RETURNING count, expires`,
    ),
    pruneBuckets: db.prepare(
      `DELETE FROM rate_limits WHERE bucket IN (
         SELECT bucket FROM rate_limits WHERE expires <= ? AND bucket <> ?
         ORDER BY expires LIMIT ${PRUNE_BATCH})`,
    ),
  };

  /** The live record's answer to `claim`, or null. */
  const lookup = (claim: IdempotencyClaim, now: number): IdempotencyLookup | null => {
    const previous = sql.findClaim.get(claim.client, claim.key) as IdempotencyRow | undefined;
    if (previous === undefined || previous.created <= now - settings.idempotencyTtlMs) {
      return null;
    }
    if (previous.fingerprint !== claim.fingerprint) return { outcome: 'key-reused' };
    return { outcome: 'replayed', status: previous.status, body: previous.body };
  };

  const create = db.transaction(
    (
      input: NewComment,
      claim: IdempotencyClaim | null,
      render: (comment: StoredComment) => { status: number; body: string },
    ): CreateCommentResult => {
      const now = settings.now();
      const previous = claim === null ? null : lookup(claim, now);
      if (previous !== null) return previous;
      const { lastInsertRowid } = sql.insertComment.run(commentParams(input, 0));
      const comment: StoredComment = {
        id: Number(lastInsertRowid),
        article: input.article,
        title: input.title,
        author: input.author,
        body: input.body,
        created: input.created,
        status: input.status,
      };
      const answer = render(comment);
      if (claim !== null) {
        sql.saveClaim.run({
          client: claim.client,
          key: claim.key,
          fingerprint: claim.fingerprint,
          article: input.article,
          status: answer.status,
          body: answer.body,
          created: now,
        });
        sql.pruneClaims.run(now - settings.idempotencyTtlMs);
      }
      return { outcome: 'created', comment, status: answer.status, body: answer.body };
    },
  );

  const hit = db.transaction((bucket: string, max: number, windowMs: number, cost: number) => {
    const now = settings.now();
    sql.pruneBuckets.run(now, bucket);
    const row = sql.hit.get({ bucket, now, cost, window: windowMs }) as {
      count: number;
      expires: number;
    };
    return rateLimitResult(row.count, max, row.expires, now);
  });

  const seed = db.transaction((comments: Array<NewComment & { id?: number }>) => {
    for (const comment of comments) {
      const row = commentParams(comment, 1);
      if (comment.id === undefined) sql.insertComment.run(row);
      else sql.insertSeed.run({ ...row, id: comment.id });
    }
  });

  const clear = db.transaction(() => {
    db.exec(`DELETE FROM comments; DELETE FROM idempotency; DELETE FROM rate_limits;
      DELETE FROM reports; DELETE FROM blocks; DELETE FROM audit;`);
    db.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'comments'").run(
      FIRST_POSTED_ID - 1,
    );
  });

  const store: SqliteStore = {
    ...createSqliteModeration(db, settings),
    kind: 'sqlite',
    async countPublished(article: string) {
      return sql.countPublished.get(article) as number;
    },
    async listPublished(
      article: string,
      sort: CommentSort,
      after: CommentCursor | null,
      limit: number,
    ) {
      checkLimit(limit);
      const rows = (
        after === null
          ? (sort === 'newest' ? sql.firstNewest : sql.firstOldest).all(article, limit)
          : (sort === 'newest' ? sql.afterNewest : sql.afterOldest).all(
              article,
              after.created,
              after.id,
              limit,
            )
      ) as CommentRow[];
      return rows.map(toComment);
    },
    async createComment(input, claim, render) {
      return create.immediate(input, claim, render);
    },
    async findIdempotent(claim) {
      return lookup(claim, settings.now());
    },
    async hit(bucket, max, windowMs, cost = 1) {
      checkHit(max, windowMs, cost);
      return hit.immediate(bucket, max, windowMs, cost);
    },
    async seedComments(comments) {
      seed.immediate(comments);
    },
    async clear() {
      clear.immediate();
    },
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      if (db.open) db.close();
    },
  };
  return store;
}

/** The named parameters of a comments row (only those: callers may pass extra fields). */
function commentParams(comment: NewComment, seeded: 0 | 1) {
  return {
    article: comment.article,
    title: comment.title,
    author: comment.author,
    body: comment.body,
    created: comment.created,
    status: comment.status,
    client: comment.client,
    seeded,
    ...commentExtras(comment),
  };
}
