/**
 * The shared store: PostgreSQL through a `pg` Pool, for several instances of the service
 * on one database. Every write that must be atomic is one transaction on one pooled
 * connection, and a promise resolves only after COMMIT has returned.
 *
 * Concurrency comes from the database, not from the process: idempotency claims race on
 * the (client, key) primary key, rate-limit hits are one upsert, migrations take an
 * advisory lock.
 */
import pg from 'pg';
import type { PoolClient, PoolConfig } from 'pg';
import { inTransaction } from './postgres-tx.js';
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
  MIGRATIONS_TABLE_SQL,
  migrationFailed,
  migrations as allMigrations,
  pendingMigrations,
  type Migration,
} from './migrations.js';
import { commentExtras } from './moderation-common.js';
import type { ModerationStore } from './moderation-types.js';
import { createPostgresModeration } from './postgres-moderation.js';
import type {
  CommentCursor,
  CommentSort,
  IdempotencyClaim,
  IdempotencyLookup,
  NewComment,
  StoredComment,
} from './types.js';

export interface PostgresStoreOptions extends StoreOptions {
  /** postgres://user:password@host:port/database */
  connectionString: string;
  /** Pool settings (size, timeouts, ssl…); the connection string wins over its fields. */
  pool?: Omit<PoolConfig, 'connectionString'>;
  /** Errors of idle pooled connections (the server restarted…). Default: printed. */
  onError?: (error: Error) => void;
  /** @internal Tests only: the migrations to run instead of the real ones. */
  migrations?: readonly Migration[];
}

export type PostgresStore = ModerationStore & { readonly kind: 'postgres' };

/** Every instance takes this advisory lock around its migrations ("mhn" + 1). */
const MIGRATION_LOCK = 0x6d686e01;

/** Opens a pool on the database and brings its schema up to date. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const settings = resolveSettings(options);
  const pool = new pg.Pool({ ...options.pool, connectionString: options.connectionString });
  pool.on(
    'error',
    options.onError ??
      ((error) => console.error(`mhn-content-api: PostgreSQL connection: ${error.message}`)),
  );
  try {
    await migrate(pool, options.migrations ?? allMigrations, settings.now());
  } catch (error) {
    await pool.end();
    throw error;
  }
  return createStore(pool, settings);
}

async function migrate(pool: pg.Pool, list: readonly Migration[], now: number): Promise<void> {
  await inTransaction(pool, async (client) => {
    // Instances starting together wait here for each other; the lock ends with the
    // transaction, so the second one then finds nothing left to do.
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(MIGRATIONS_TABLE_SQL);
    const { rows } = await client.query<{ version: number | null }>(
      'SELECT MAX(version) AS version FROM schema_migrations',
    );
    for (const migration of pendingMigrations(rows[0]?.version ?? 0, list)) {
      try {
        await client.query(migration.postgres);
      } catch (error) {
        throw migrationFailed(migration, error);
      }
      await client.query(
        'INSERT INTO schema_migrations (version, name, applied) VALUES ($1, $2, $3)',
        [migration.version, migration.name, now],
      );
    }
  });
}

const PUBLISHED = "article = $1 AND status = 'published' AND deleted IS NULL";
const PAGE_SQL = {
  firstNewest: `SELECT ${COMMENT_COLUMNS} FROM comments WHERE ${PUBLISHED}
    ORDER BY created DESC, id DESC LIMIT $2`,
  afterNewest: `SELECT ${COMMENT_COLUMNS} FROM comments WHERE ${PUBLISHED}
    AND (created, id) < ($2::bigint, $3::bigint) ORDER BY created DESC, id DESC LIMIT $4`,
  firstOldest: `SELECT ${COMMENT_COLUMNS} FROM comments WHERE ${PUBLISHED}
    ORDER BY created ASC, id ASC LIMIT $2`,
  afterOldest: `SELECT ${COMMENT_COLUMNS} FROM comments WHERE ${PUBLISHED}
    AND (created, id) > ($2::bigint, $3::bigint) ORDER BY created ASC, id ASC LIMIT $4`,
};

/**
 * Claims (client, key) for this transaction. A fresh claim inserts; an expired record is
 * taken over; a live record, or one another transaction is inserting right now (we wait
 * for it on the primary key), returns no row.
 */
const CLAIM_SQL = `
  INSERT INTO idempotency (client, key, fingerprint, article, status, body, created)
  VALUES ($1, $2, $3, $4, 0, '', $5)
  ON CONFLICT (client, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint,
    article = EXCLUDED.article, status = 0, body = '', created = EXCLUDED.created
  WHERE idempotency.created <= $6
  RETURNING 1`;

const INSERT_COMMENT_SQL = `
  INSERT INTO comments (article, title, author, body, created, status, client, seeded,
    reasons, safety, body_hash, deletion_token_hash, deletion_expires)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`;

const INSERT_SEED_SQL = `
  INSERT INTO comments (id, article, title, author, body, created, status, client, seeded,
    reasons, safety, body_hash, deletion_token_hash, deletion_expires)
  VALUES ($14, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
  ON CONFLICT (id) DO UPDATE SET article = EXCLUDED.article, title = EXCLUDED.title,
    author = EXCLUDED.author, body = EXCLUDED.body, created = EXCLUDED.created,
    status = EXCLUDED.status, client = EXCLUDED.client, reasons = EXCLUDED.reasons,
    safety = EXCLUDED.safety, body_hash = EXCLUDED.body_hash
  WHERE comments.seeded`;

/**
 * Like SQLite's AUTOINCREMENT, the next automatic id stays above every id the table has
 * held: seeds with fixed ids at or above the sequence push it on; it never moves back.
 */
async function floorSequence(client: PoolClient): Promise<void> {
  const { rows } = await client.query<{ sequence: string; top: string | null }>(
    "SELECT pg_get_serial_sequence('comments', 'id') AS sequence, MAX(id) AS top FROM comments",
  );
  const { sequence, top } = rows[0] ?? { sequence: '', top: null };
  if (top === null) return;
  // The name comes from the catalogue, already quoted and schema-qualified.
  const state = await client.query<{ last_value: string; is_called: boolean }>(
    `SELECT last_value, is_called FROM ${sequence}`,
  );
  const { last_value, is_called } = state.rows[0] ?? { last_value: '0', is_called: true };
  const next = BigInt(last_value) + (is_called ? 1n : 0n);
  if (BigInt(top) >= next) await client.query('SELECT setval($1, $2)', [sequence, top]);
}

/** Spreads deletion of expired records over writes; SKIP LOCKED: instances never queue. */
const PRUNE_CLAIMS_SQL = `
  DELETE FROM idempotency WHERE (client, key) IN (
    SELECT client, key FROM idempotency WHERE created <= $1
    ORDER BY created LIMIT ${PRUNE_BATCH} FOR UPDATE SKIP LOCKED)`;

/**
 * One statement counts the hit atomically across instances (the upsert locks the
 * bucket's row) and deletes a few expired buckets, never the one being counted.
 */
const HIT_SQL = `
  WITH pruned AS (
    DELETE FROM rate_limits WHERE bucket IN (
      SELECT bucket FROM rate_limits WHERE expires <= $2 AND bucket <> $1
      ORDER BY expires LIMIT ${PRUNE_BATCH} FOR UPDATE SKIP LOCKED)
  )
  INSERT INTO rate_limits (bucket, window_start, count, updated, expires)
  VALUES ($1, $2, $3, $2, $2::bigint + $4::bigint)
  ON CONFLICT (bucket) DO UPDATE SET
    count = CASE WHEN rate_limits.window_start + $4 <= $2
                 THEN $3 ELSE rate_limits.count + $3 END,
    window_start = CASE WHEN rate_limits.window_start + $4 <= $2
                        THEN $2 ELSE rate_limits.window_start END,
    expires = CASE WHEN rate_limits.window_start + $4 <= $2
                   THEN $2::bigint + $4::bigint ELSE rate_limits.window_start + $4 END,
    updated = $2
  RETURNING count, expires`;

function commentValues(comment: NewComment, seeded: boolean) {
  const extras = commentExtras(comment);
  return [
    comment.article,
    comment.title,
    comment.author,
    comment.body,
    comment.created,
    comment.status,
    comment.client,
    seeded,
    extras.reasons,
    extras.safety,
    extras.body_hash,
    extras.deletion_token_hash,
    extras.deletion_expires,
  ];
}

interface ClaimRow {
  fingerprint: string;
  status: number;
  body: string;
}

/** What a record says about a claim made with its key. */
function answerOf(previous: ClaimRow, claim: IdempotencyClaim): IdempotencyLookup {
  if (previous.fingerprint !== claim.fingerprint) return { outcome: 'key-reused' };
  return { outcome: 'replayed', status: previous.status, body: previous.body };
}

function createStore(pool: pg.Pool, settings: StoreSettings): PostgresStore {
  let closed = false;
  return {
    ...createPostgresModeration(pool, settings),
    kind: 'postgres',
    async countPublished(article: string) {
      const { rows } = await pool.query<{ count: string }>(
        `SELECT COUNT(*) AS count FROM comments WHERE ${PUBLISHED}`,
        [article],
      );
      return Number(rows[0]?.count ?? 0);
    },
    async listPublished(
      article: string,
      sort: CommentSort,
      after: CommentCursor | null,
      limit: number,
    ) {
      checkLimit(limit);
      const { rows } =
        after === null
          ? await pool.query<CommentRow>(
              sort === 'newest' ? PAGE_SQL.firstNewest : PAGE_SQL.firstOldest,
              [article, limit],
            )
          : await pool.query<CommentRow>(
              sort === 'newest' ? PAGE_SQL.afterNewest : PAGE_SQL.afterOldest,
              [article, after.created, after.id, limit],
            );
      return rows.map(toComment);
    },
    async createComment(input, claim, render) {
      return inTransaction(pool, async (client) => {
        const now = settings.now();
        const expired = now - settings.idempotencyTtlMs;
        if (claim !== null) {
          const claimed = await client.query(CLAIM_SQL, [
            claim.client,
            claim.key,
            claim.fingerprint,
            input.article,
            now,
            expired,
          ]);
          if (claimed.rowCount === 0) {
            // The record is committed (we waited for its transaction): answer from it.
            const { rows } = await client.query<ClaimRow>(
              'SELECT fingerprint, status, body FROM idempotency WHERE client = $1 AND key = $2',
              [claim.client, claim.key],
            );
            const previous = rows[0];
            if (previous === undefined) {
              throw new Error('The idempotency record vanished while it was being read.');
            }
            return answerOf(previous, claim);
          }
        }
        const { rows } = await client.query<{ id: string }>(
          INSERT_COMMENT_SQL,
          commentValues(input, false),
        );
        const comment: StoredComment = {
          id: Number(rows[0]?.id),
          article: input.article,
          title: input.title,
          author: input.author,
          body: input.body,
          created: input.created,
          status: input.status,
        };
        const answer = render(comment);
        if (claim !== null) {
          await client.query(
            'UPDATE idempotency SET status = $3, body = $4 WHERE client = $1 AND key = $2',
            [claim.client, claim.key, answer.status, answer.body],
          );
          await client.query(PRUNE_CLAIMS_SQL, [expired]);
        }
        return { outcome: 'created', comment, status: answer.status, body: answer.body };
      });
    },
    async findIdempotent(claim) {
      // A plain read: a record another transaction is inserting is not visible yet (the
      // caller then goes on to createComment, which waits for it on the primary key).
      const { rows } = await pool.query<ClaimRow>(
        `SELECT fingerprint, status, body FROM idempotency
         WHERE client = $1 AND key = $2 AND created > $3`,
        [claim.client, claim.key, settings.now() - settings.idempotencyTtlMs],
      );
      const previous = rows[0];
      return previous === undefined ? null : answerOf(previous, claim);
    },
    async hit(bucket, max, windowMs, cost = 1) {
      checkHit(max, windowMs, cost);
      const now = settings.now();
      const { rows } = await pool.query<{ count: string; expires: string }>(HIT_SQL, [
        bucket,
        now,
        cost,
        windowMs,
      ]);
      const row = rows[0];
      if (row === undefined) throw new Error('The rate-limit upsert returned no row.');
      return rateLimitResult(Number(row.count), max, Number(row.expires), now);
    },
    async seedComments(comments) {
      await inTransaction(pool, async (client) => {
        for (const comment of comments) {
          const values = commentValues(comment, true);
          if (comment.id === undefined) await client.query(INSERT_COMMENT_SQL, values);
          else await client.query(INSERT_SEED_SQL, [...values, comment.id]);
        }
        await floorSequence(client);
      });
    },
    async clear() {
      // RESTART IDENTITY: posted ids start again at the floor, as on SQLite.
      await pool.query(
        'TRUNCATE comments, idempotency, rate_limits, reports, blocks, audit RESTART IDENTITY',
      );
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
