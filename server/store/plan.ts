/**
 * Query plans: the moderation store's logic is written once, as generator functions that
 * yield SQL steps and receive their rows, and each store drives them in one transaction
 * of its own — synchronously inside a better-sqlite3 IMMEDIATE transaction, or awaiting
 * each step on one pooled PostgreSQL connection. Both stores therefore take the same
 * decisions from the same rows: the only differences are in the SQL text itself.
 *
 * SQL is written with `?` placeholders (numbered `$1…` for PostgreSQL), and `{{lock}}`
 * where PostgreSQL must lock the rows read (`FOR UPDATE`; SQLite's write transaction
 * already holds the database) or `{{skip}}` where a batch of expired rows is taken
 * without waiting for rows another instance is deleting (`FOR UPDATE SKIP LOCKED`).
 * A step whose SQL differs between the two gives both (`{ sqlite, postgres }`).
 */

export type Dialect = 'sqlite' | 'postgres';
export type Sql = string | Readonly<Record<Dialect, string>>;
export type Param = string | number | null;

export interface Step {
  sql: Sql;
  params: readonly Param[];
  /** `all`: every row; `get`: the first row or undefined; `run`: the rows changed. */
  mode: 'all' | 'get' | 'run';
}

export type Plan<T> = Generator<Step, T, unknown>;

/** Every row the statement returns. */
export function* all<R>(sql: Sql, params: readonly Param[] = []): Plan<R[]> {
  return (yield { sql, params, mode: 'all' }) as R[];
}

/** The first row the statement returns, if any. */
export function* get<R>(sql: Sql, params: readonly Param[] = []): Plan<R | undefined> {
  return (yield { sql, params, mode: 'get' }) as R | undefined;
}

/** Runs a statement that returns no rows; resolves to the number of rows it changed. */
export function* run(sql: Sql, params: readonly Param[] = []): Plan<number> {
  return (yield { sql, params, mode: 'run' }) as number;
}

/** `?, ?, ?` for a list of `count` values (`IN (…)`). */
export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

/** The statement in one dialect. */
export function sqlFor(sql: Sql, dialect: Dialect): string {
  const text = typeof sql === 'string' ? sql : sql[dialect];
  if (dialect === 'sqlite') return text.replaceAll('{{lock}}', '').replaceAll('{{skip}}', '');
  let n = 0;
  return text
    .replaceAll('{{lock}}', 'FOR UPDATE')
    .replaceAll('{{skip}}', 'FOR UPDATE SKIP LOCKED')
    .replace(/\?/g, () => `$${++n}`);
}

/** Runs plans in transactions. */
export interface PlanRunner {
  readonly dialect: Dialect;
  /** A transaction that writes (SQLite takes the write lock at BEGIN). */
  write<T>(make: () => Plan<T>): Promise<T>;
  /** A transaction that only reads. */
  read<T>(make: () => Plan<T>): Promise<T>;
}

/** A statement built for both dialects from one function. */
export function perDialect(build: (dialect: Dialect) => string): Sql {
  return { sqlite: build('sqlite'), postgres: build('postgres') };
}

/** `EXISTS …`: the comments row `c` has `reason` among its reasons (one `?`). */
export function hasReason(dialect: Dialect): string {
  return dialect === 'sqlite'
    ? 'EXISTS (SELECT 1 FROM json_each(c.reasons) AS j WHERE j.value = ?)'
    : 'EXISTS (SELECT 1 FROM jsonb_array_elements_text(c.reasons::jsonb) AS j(value) WHERE j.value = ?)';
}
