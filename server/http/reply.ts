/**
 * Successful JSON answers: the exact bytes, Cache-Control, and for reads a strong ETag
 * that If-None-Match turns into 304 Not Modified.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const JSON_TYPE = 'application/json; charset=utf-8';

/** Cache-Control of each kind of answer. */
export const CACHE = {
  /** Content that changes only when the publisher edits it. */
  public: 'public, max-age=60',
  /** Lists that change as readers post: always revalidate (cheap with the ETag). */
  revalidate: 'no-cache',
  /** Writes and errors. */
  none: 'no-store',
} as const;

export interface JsonResult {
  status?: number;
  /** The value to send, or `json` when the exact text is already known (replays). */
  body?: unknown;
  json?: string;
  cache: string;
  headers?: Record<string, string>;
}

export function etagOf(json: string): string {
  return `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
}

/** Weak comparison of If-None-Match against an ETag (RFC 9110 §13.1.2). */
export function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

export function sendJson(request: FastifyRequest, reply: FastifyReply, result: JsonResult) {
  const status = result.status ?? 200;
  const json = result.json ?? JSON.stringify(result.body);
  reply.header('Cache-Control', result.cache);
  if (result.headers) reply.headers(result.headers);
  const isRead = request.method === 'GET' || request.method === 'HEAD';
  if (isRead && status === 200) {
    const etag = etagOf(json);
    reply.header('ETag', etag);
    if (ifNoneMatch(request.headers['if-none-match'], etag)) {
      return reply.code(304).send();
    }
  }
  return reply.code(status).type(JSON_TYPE).send(json);
}
