/**
 * The moderation plans on PostgreSQL: each runs in one transaction on one pooled
 * connection (READ COMMITTED), awaiting each statement; rows a plan must change are
 * read `FOR UPDATE` first, so instances acting on the same rows take turns, and every
 * later statement sees what the other committed.
 */
import type pg from 'pg';
import type { StoreSettings } from './common.js';
import { createModeration, type ModerationMethods } from './moderation.js';
import { sqlFor, type Plan, type PlanRunner } from './plan.js';
import { inTransaction } from './postgres-tx.js';

export function postgresRunner(pool: pg.Pool): PlanRunner {
  const drive = async <T>(client: pg.PoolClient, plan: Plan<T>): Promise<T> => {
    let next = plan.next();
    while (!next.done) {
      const step = next.value;
      const result = await client.query(sqlFor(step.sql, 'postgres'), [...step.params]);
      next = plan.next(
        step.mode === 'run'
          ? (result.rowCount ?? 0)
          : step.mode === 'get'
            ? result.rows[0]
            : result.rows,
      );
    }
    return next.value;
  };
  const go = <T>(make: () => Plan<T>) => inTransaction(pool, (client) => drive(client, make()));
  return { dialect: 'postgres', write: go, read: go };
}

export function createPostgresModeration(
  pool: pg.Pool,
  settings: StoreSettings,
): ModerationMethods {
  return createModeration(postgresRunner(pool), settings);
}
