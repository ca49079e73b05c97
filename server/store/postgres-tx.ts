/** One PostgreSQL transaction on one pooled connection, shared by every PostgreSQL module. */
import type pg from 'pg';
import type { PoolClient } from 'pg';

/** Runs `work` in a transaction on one pooled connection; COMMIT before resolving. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackError) {
      // The connection itself failed: drop it from the pool instead of reusing it.
      broken = rollbackError as Error;
    }
    throw error;
  } finally {
    client.release(broken);
  }
}
