/**
 * The store's public face: the interface, both implementations, and `openStore`, which
 * picks one from a single setting (a postgres:// URL, or a SQLite path).
 */
import { openPostgresStore, type PostgresStoreOptions } from './postgres.js';
import { openSqliteStore } from './sqlite.js';
import type { StoreOptions } from './common.js';
import type { ModerationStore } from './moderation-types.js';

export type * from './types.js';
export type * from './moderation-types.js';
export { MODERATION_ACTIONS, QUEUE_STATUSES, REPORT_REASONS, ROLES } from './moderation-types.js';
export { DELETION_WINDOW_MS, hashToken, newToken } from './moderation-common.js';
export { moderationHistory, storeSecretSource } from './moderation-adapters.js';
export {
  DEFAULT_SIGN_IN_THROTTLE,
  IDEMPOTENCY_TTL_MS,
  SESSION_IDLE_MS,
  SESSION_MAX_MS,
  type SignInThrottle,
  type StoreOptions,
} from './common.js';
export { FIRST_POSTED_ID, SCHEMA_VERSION, SchemaTooNewError } from './migrations.js';
export { openPostgresStore, type PostgresStore, type PostgresStoreOptions } from './postgres.js';
export { openSqliteStore, type SqliteStore, type SqliteStoreOptions } from './sqlite.js';

/** True for the connection strings PostgreSQL's own clients accept as URLs. */
export function isPostgresUrl(database: string): boolean {
  return /^postgres(ql)?:\/\//i.test(database);
}

/**
 * Opens the store `database` names: a `postgres://` or `postgresql://` URL opens the
 * PostgreSQL store, anything else is a SQLite file (or ':memory:').
 */
export function openStore(
  database: string,
  options: StoreOptions & { pool?: PostgresStoreOptions['pool'] } = {},
): Promise<ModerationStore> {
  const { pool, ...common } = options;
  if (isPostgresUrl(database)) {
    return openPostgresStore({ ...common, ...(pool && { pool }), connectionString: database });
  }
  return openSqliteStore({ ...common, path: database });
}
