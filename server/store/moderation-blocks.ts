/**
 * Blocked posters, as plans (plan.ts) both stores run in one transaction.
 *
 * A moderator blocks the client key of a comment. Client keys change with every secret
 * rotation (moderation/client-key.ts) and a post is matched against the poster's current
 * and previous keys only, so a block kept under the blocked comment's key alone would
 * stop matching one to two periods later. Instead, when a poster is matched through a
 * key other than their current one, the block is carried forward: a copy under the
 * current key, with the block's moderator, note and time, and `origin` naming the key
 * the moderator blocked. A poster who keeps coming back stays blocked until a moderator
 * lifts the block; one who stays away for a whole period cannot be linked to it any more.
 *
 * A block and its copies are one block: `listBlocks` shows it once (with the keys it was
 * carried to) and `unblockClient` given any of its keys lifts all of them. On PostgreSQL
 * a carry and an unblock both lock the block's own row first (`{{lock}}`), so an unblock
 * racing a carry either sees the copy and deletes it, or leaves the carry nothing to copy.
 */
import { checkActor, checkClients, checkText } from './moderation-common.js';
import { writeAudit } from './moderation-actions.js';
import type { Actor, Block } from './moderation-types.js';
import { all, get, placeholders, run, type Plan } from './plan.js';

interface BlockRow {
  client: string;
  moderator: number | string | null;
  created: number | string;
  note: string;
}

/** The block under `key` itself (not a copy), locked on PostgreSQL. */
function* lockBlock(key: string): Plan<BlockRow | undefined> {
  return yield* get<BlockRow>(
    `SELECT client, moderator, created, note FROM blocks
     WHERE client = ? AND origin IS NULL {{lock}}`,
    [key],
  );
}

/** The keys the moderator blocked that any of `keys` belong to, oldest block first. */
function* blocksOf(keys: readonly string[]): Plan<string[]> {
  const rows = yield* all<{ block: string }>(
    `SELECT DISTINCT COALESCE(origin, client) AS block, created FROM blocks
     WHERE client IN (${placeholders(keys.length)}) ORDER BY created, block`,
    keys,
  );
  return rows.map((r) => r.block);
}

export function* blockClientPlan(
  client: string,
  by: Actor,
  note: string,
  now: number,
): Plan<boolean> {
  const [key] = checkClients(client) as [string];
  checkActor(by);
  checkText('note', note, 1000);
  const inserted = yield* get(
    `INSERT INTO blocks (client, moderator, created, note) VALUES (?, ?, ?, ?)
     ON CONFLICT (client) DO NOTHING RETURNING client`,
    [key, by.id, now, note],
  );
  if (inserted === undefined) return false;
  yield* writeAudit({ at: now, by, action: 'block', target: key, note });
  return true;
}

/**
 * Lifts the block that `client` is under (the key blocked, or one it was carried to),
 * with every copy; one audit entry naming the key the moderator blocked.
 */
export function* unblockClientPlan(client: string, by: Actor, now: number): Plan<boolean> {
  const [key] = checkClients(client) as [string];
  checkActor(by);
  const [block] = yield* blocksOf([key]);
  if (block === undefined || (yield* lockBlock(block)) === undefined) return false;
  // A statement after the lock: on PostgreSQL it sees a copy committed while it waited.
  yield* run('DELETE FROM blocks WHERE client = ? OR origin = ?', [block, block]);
  yield* writeAudit({ at: now, by, action: 'unblock', target: block });
  return true;
}

/** Which of `clients` have a block (or a carried copy of one). */
export function* blockedKeysPlan(clients: string | readonly string[]): Plan<string[]> {
  const list = checkClients(clients);
  const rows = yield* all<{ client: string }>(
    `SELECT client FROM blocks WHERE client IN (${placeholders(list.length)})`,
    list,
  );
  return rows.map((r) => r.client);
}

/**
 * A poster matched through `clients` is blocked: makes sure the block is also under
 * `current`, their current key. False when the block was lifted in the meantime.
 */
export function* carryBlockPlan(
  clients: string | readonly string[],
  current: string,
  now: number,
): Plan<boolean> {
  const [key] = checkClients(current) as [string];
  const list = checkClients(clients);
  for (const blocked of yield* blocksOf([...new Set([key, ...list])])) {
    const block = yield* lockBlock(blocked);
    if (block === undefined) continue; // lifted since it was read
    if (block.client === key) return true;
    // Several posts of one poster at once carry it once; a block made on `current` in
    // the meantime stays as it is.
    yield* run(
      `INSERT INTO blocks (client, moderator, created, note, origin, carried)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (client) DO NOTHING`,
      [
        key,
        block.moderator === null ? null : Number(block.moderator),
        Number(block.created),
        block.note,
        block.client,
        now,
      ],
    );
    return true;
  }
  return false;
}

/** Each block once, newest first, with the keys it was carried to (oldest first). */
export function* listBlocksPlan(): Plan<Block[]> {
  const rows = yield* all<BlockRow>(
    `SELECT client, moderator, created, note FROM blocks WHERE origin IS NULL
     ORDER BY created DESC, client`,
  );
  const copies = yield* all<{ client: string; origin: string }>(
    'SELECT client, origin FROM blocks WHERE origin IS NOT NULL ORDER BY carried, client',
  );
  const carried = new Map<string, string[]>();
  for (const copy of copies) {
    carried.set(copy.origin, [...(carried.get(copy.origin) ?? []), copy.client]);
  }
  return rows.map((r) => ({
    client: r.client,
    moderator: r.moderator === null ? null : Number(r.moderator),
    created: Number(r.created),
    note: r.note,
    carriedTo: carried.get(r.client) ?? [],
  }));
}
