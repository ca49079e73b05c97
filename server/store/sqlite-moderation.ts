/**
 * The moderation plans on SQLite: each runs synchronously inside one better-sqlite3
 * transaction — IMMEDIATE for writes, so the write lock is held from BEGIN and processes
 * sharing the file take turns — with its statements prepared once and kept.
 */
import type Database from 'better-sqlite3';
import type { StoreSettings } from './common.js';
import { createModeration, type ModerationMethods } from './moderation.js';
import { sqlFor, type Plan, type PlanRunner, type Step } from './plan.js';

/** Prepared statements are kept up to this many (IN lists make the text vary). */
const STATEMENT_CACHE = 256;

export function sqliteRunner(db: Database.Database): PlanRunner {
  const cache = new Map<string, Database.Statement>();
  const prepare = (text: string) => {
    let statement = cache.get(text);
    if (statement === undefined) {
      if (cache.size >= STATEMENT_CACHE) cache.clear();
      statement = db.prepare(text);
      cache.set(text, statement);
    }
    return statement;
  };
  const execute = (step: Step): unknown => {
    const statement = prepare(sqlFor(step.sql, 'sqlite'));
    if (step.mode === 'run') return statement.run(...step.params).changes;
    if (step.mode === 'get') return statement.get(...step.params);
    return statement.all(...step.params);
  };
  const drive = (plan: Plan<unknown>): unknown => {
    let next = plan.next();
    while (!next.done) next = plan.next(execute(next.value));
    return next.value;
  };
  const transaction = db.transaction((make: () => Plan<unknown>) => drive(make()));
  return {
    dialect: 'sqlite',
    async write<T>(make: () => Plan<T>) {
      return transaction.immediate(make) as T;
    },
    async read<T>(make: () => Plan<T>) {
      return transaction.deferred(make) as T;
    },
  };
}

export function createSqliteModeration(
  db: Database.Database,
  settings: StoreSettings,
): ModerationMethods {
  return createModeration(sqliteRunner(db), settings);
}
