/**
 * The desk's reads, as plans (plan.ts) both stores run: the queue by status (keyset-paged,
 * pending comments held for safety first), counts per status, one comment with its
 * history and reports, the audit log, and what the rules ask about a poster.
 */
import { checkLimit } from './common.js';
import {
  AUDIT_COLUMNS,
  QUEUE_COLUMNS,
  checkClients,
  checkId,
  checkReason,
  checkText,
  toAuditEntry,
  toQueueComment,
  type AuditRow,
  type QueueRow,
} from './moderation-common.js';
import {
  QUEUE_STATUSES,
  type AuditPage,
  type CommentDetail,
  type DuplicateCounts,
  type DuplicateQuery,
  type QueueComment,
  type QueuePage,
  type QueueQuery,
  type Report,
  type ReportReason,
  type StatusCounts,
} from './moderation-types.js';
import { all, get, hasReason, perDialect, placeholders, type Param, type Plan } from './plan.js';

/** The comments `c` matching the desk's filters (article, reason), and their params. */
function filters(filter: { article?: string | undefined; reason?: string | undefined }) {
  const params: Param[] = [];
  const parts: Array<(dialect: 'sqlite' | 'postgres') => string> = [];
  if (filter.article !== undefined) {
    params.push(checkText('article', filter.article, 200));
    parts.push(() => 'c.article = ?');
  }
  if (filter.reason !== undefined) {
    params.push(checkReason(filter.reason));
    parts.push(hasReason);
  }
  return { params, parts };
}

export function checkQueueQuery(query: QueueQuery): void {
  if (!QUEUE_STATUSES.includes(query.status)) {
    throw new RangeError(`status must be one of ${QUEUE_STATUSES.join(', ')}, not ${query.status}`);
  }
  const sort = query.sort ?? 'newest';
  if (sort !== 'newest' && sort !== 'oldest') {
    throw new RangeError(`sort must be newest or oldest, not ${String(sort)}`);
  }
  checkLimit(query.limit);
  const cursor = query.cursor;
  if (
    cursor != null &&
    (typeof cursor.safety !== 'boolean' ||
      !Number.isSafeInteger(cursor.created) ||
      !Number.isSafeInteger(cursor.id))
  ) {
    throw new RangeError('cursor must be { safety, created, id } from a page of this list');
  }
}

export function* listQueuePlan(query: QueueQuery): Plan<QueuePage> {
  checkQueueQuery(query);
  if (query.limit === 0) return { items: [], nextCursor: null };
  const newest = (query.sort ?? 'newest') === 'newest';
  const bySafety = query.status === 'pending';
  const { params, parts } = filters(query);
  const where = [
    ...(query.status === 'deleted'
      ? ['c.deleted IS NOT NULL']
      : ['c.deleted IS NULL', 'c.status = ?']),
  ];
  const before: Param[] = query.status === 'deleted' ? [] : [query.status];
  const after: Param[] = [];
  const cursor = query.cursor ?? null;
  const cmp = newest ? '<' : '>';
  if (cursor !== null) {
    const time = `(c.created ${cmp} ? OR (c.created = ? AND c.id ${cmp} ?))`;
    if (bySafety) {
      const s = cursor.safety ? 1 : 0;
      after.push(s, s, cursor.created, cursor.created, cursor.id);
      parts.push(() => `(c.safety < ? OR (c.safety = ? AND ${time}))`);
    } else {
      after.push(cursor.created, cursor.created, cursor.id);
      parts.push(() => time);
    }
  }
  const direction = newest ? 'DESC' : 'ASC';
  const order = `${bySafety ? 'c.safety DESC, ' : ''}c.created ${direction}, c.id ${direction}`;
  const rows = yield* all<QueueRow>(
    perDialect(
      (d) =>
        `SELECT ${QUEUE_COLUMNS} FROM comments c
         WHERE ${[...where, ...parts.map((part) => part(d))].join(' AND ')}
         ORDER BY ${order} LIMIT ?`,
    ),
    [...before, ...params, ...after, query.limit + 1],
  );
  const items = rows.slice(0, query.limit).map(toQueueComment);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > query.limit && last
        ? { safety: bySafety && last.safety, created: last.created, id: last.id }
        : null,
  };
}

export function* countByStatusPlan(
  filter: { article?: string; reason?: string } = {},
): Plan<StatusCounts> {
  const { params, parts } = filters(filter);
  const rows = yield* all<{ s: string; n: number | string }>(
    perDialect(
      (d) =>
        `SELECT CASE WHEN c.deleted IS NULL THEN c.status ELSE 'deleted' END AS s,
                COUNT(*) AS n
         FROM comments c ${parts.length ? `WHERE ${parts.map((p) => p(d)).join(' AND ')}` : ''}
         GROUP BY 1`,
    ),
    params,
  );
  const counts: StatusCounts = { pending: 0, published: 0, rejected: 0, spam: 0, deleted: 0 };
  for (const row of rows) counts[row.s as keyof StatusCounts] = Number(row.n);
  return counts;
}

/** Comments by id, as the desk sees them (locked for this transaction on PostgreSQL). */
export function* loadComments(ids: readonly number[], lock: boolean): Plan<QueueComment[]> {
  if (ids.length === 0) return [];
  const rows = yield* all<QueueRow>(
    `SELECT ${QUEUE_COLUMNS} FROM comments c WHERE c.id IN (${placeholders(ids.length)})
     ORDER BY c.id ${lock ? '{{lock}}' : ''}`,
    ids,
  );
  return rows.map(toQueueComment);
}

export function* getCommentPlan(id: number): Plan<CommentDetail | null> {
  checkId(id);
  const [comment] = yield* loadComments([id], false);
  if (comment === undefined) return null;
  const history = yield* all<AuditRow>(
    `SELECT ${AUDIT_COLUMNS} FROM audit WHERE comment = ? ORDER BY id`,
    [id],
  );
  const reports = yield* all<{ reporter: string; reason: string; created: number | string }>(
    'SELECT reporter, reason, created FROM reports WHERE comment = ? ORDER BY created, reporter',
    [id],
  );
  return {
    ...comment,
    history: history.map(toAuditEntry),
    reportList: reports.map((r): Report => ({
      reporter: r.reporter,
      reason: r.reason as ReportReason,
      created: Number(r.created),
    })),
  };
}

export function* listAuditPlan(query: { cursor?: number | null; limit: number }): Plan<AuditPage> {
  checkLimit(query.limit);
  const cursor = query.cursor ?? null;
  if (cursor !== null && !Number.isSafeInteger(cursor)) {
    throw new RangeError('cursor must be a nextCursor from the audit log');
  }
  if (query.limit === 0) return { items: [], nextCursor: null };
  const rows = yield* all<AuditRow>(
    `SELECT ${AUDIT_COLUMNS} FROM audit ${cursor === null ? '' : 'WHERE id < ?'}
     ORDER BY id DESC LIMIT ?`,
    cursor === null ? [query.limit + 1] : [cursor, query.limit + 1],
  );
  const items = rows.slice(0, query.limit).map(toAuditEntry);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? last.id : null };
}

export function* duplicateCountsPlan(query: DuplicateQuery): Plan<DuplicateCounts> {
  checkText('bodyHash', query.bodyHash, 200, false);
  const clients = checkClients(query.clients);
  if (!Number.isSafeInteger(query.since)) throw new RangeError('since must be a time in ms');
  const list = placeholders(clients.length);
  const same = yield* get<{ n: number | string }>(
    `SELECT COUNT(*) AS n FROM comments
     WHERE body_hash = ? AND created >= ? AND client IN (${list})`,
    [query.bodyHash, query.since, ...clients],
  );
  const others = yield* get<{ n: number | string }>(
    `SELECT COUNT(DISTINCT client) AS n FROM comments
     WHERE body_hash = ? AND created >= ? AND client <> '' AND client NOT IN (${list})`,
    [query.bodyHash, query.since, ...clients],
  );
  return { sameClient: Number(same?.n ?? 0), otherClients: Number(others?.n ?? 0) };
}

export function* publishedCountPlan(clients: string | readonly string[]): Plan<number> {
  const list = checkClients(clients);
  const row = yield* get<{ n: number | string }>(
    `SELECT COUNT(*) AS n FROM comments
     WHERE client IN (${placeholders(list.length)}) AND status = 'published' AND deleted IS NULL`,
    list,
  );
  return Number(row?.n ?? 0);
}
