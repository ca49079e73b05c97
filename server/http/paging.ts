/**
 * Query parameters shared by the lists: `limit` (contract page sizes) and opaque
 * cursors (base64url JSON that only this service reads).
 */
import { PAGE_SIZE, isCursor, pageSizeOf } from '../../src/contract/index.js';
import { badRequest } from './errors.js';

export type Query = Record<string, string | undefined>;

/**
 * The query parameters as sent (the schema has already checked them, coercing copies to
 * numbers; the handlers read the text, so `1e2` is not taken for 100). The first of a
 * repeated parameter counts.
 */
export function rawQuery(url: string): Query {
  const at = url.indexOf('?');
  const query: Query = {};
  if (at < 0) return query;
  for (const [name, value] of new URLSearchParams(url.slice(at + 1))) query[name] ??= value;
  return query;
}

export function limitOf(query: Query): number {
  const size = pageSizeOf(query.limit);
  if (size === null) {
    throw badRequest(`limit must be a whole number of at least ${PAGE_SIZE.min}.`);
  }
  return size;
}

export function encodeCursor(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * The position a cursor holds, or 400 when it is malformed or does not belong to this
 * list (`accept` returns null for those).
 */
export function decodeCursor<T>(
  value: string | undefined,
  accept: (decoded: Record<string, unknown>) => T | null,
): T | null {
  if (value === undefined) return null;
  let decoded: unknown = null;
  if (isCursor(value)) {
    try {
      decoded = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    } catch {
      decoded = null;
    }
  }
  const position =
    decoded && typeof decoded === 'object' && !Array.isArray(decoded)
      ? accept(decoded as Record<string, unknown>)
      : null;
  if (position === null) throw badRequest('cursor is not valid for this list.');
  return position;
}

/** One page of an in-memory list, with an offset cursor. */
export function pageOf<T>(
  items: readonly T[],
  query: Query,
): { items: T[]; nextCursor: string | null } {
  const limit = limitOf(query);
  const offset =
    decodeCursor(query.cursor, (c) =>
      Number.isSafeInteger(c.o) && Number(c.o) >= 0 ? Number(c.o) : null,
    ) ?? 0;
  const end = offset + limit;
  return {
    items: items.slice(offset, end),
    nextCursor: end < items.length ? encodeCursor({ o: end }) : null,
  };
}
