/**
 * The admin API under /api/v1/admin — what the moderation desk calls. Every call is
 * checked for a session and a role before its body is read (../http/admin-auth.ts);
 * nothing here is reachable from the public API's routes, and the public API shows
 * nothing moderation-only.
 *
 *   POST   /admin/session         sign in (name, password) → cookie + CSRF token
 *   GET    /admin/session         who is signed in (and the CSRF token again)
 *   DELETE /admin/session         sign out
 *   GET    /admin/comments        the queue: one status, sorted, filtered, with counts
 *   GET    /admin/comments/{id}   one comment with its history and reports
 *   POST   /admin/actions         approve, reject, spam, edit, delete, restore (undo)
 *   POST   /admin/blocks          block a comment's poster (and remove all they posted)
 *   GET    /admin/audit           the audit log (admins)
 *
 * Settings and moderators are in admin-settings.ts.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  adminGuard,
  checkOrigin,
  clearSessionCookie,
  sessionToken,
  setSessionCookie,
} from '../http/admin-auth.js';
import { articleOf, type ServiceContext } from '../http/context.js';
import { ApiError, badRequest, notFound, unauthorized } from '../http/errors.js';
import { decodeCursor, encodeCursor, limitOf, rawQuery } from '../http/paging.js';
import { CACHE, sendJson } from '../http/reply.js';
import type { RouteRegistrar } from '../http/registrar.js';
import type {
  ActionResult,
  Actor,
  AuditEntry,
  CommentDetail,
  ModerationAction,
  QueueComment,
  QueueCursor,
  QueueStatus,
  Session,
} from '../store/moderation-types.js';
import { QUEUE_STATUSES } from '../store/moderation-types.js';

/** One message for an unknown name and a wrong password alike. */
export const SIGN_IN_FAILED = 'The name or the password is not right.';

const iso = (ms: number) => new Date(ms).toISOString();
const idOf = (id: number) => `c-${id}`;

/** `c-123` → 123, or null. */
function parseId(text: string): number | null {
  const match = /^c-([1-9][0-9]{0,14})$/.exec(text);
  return match ? Number(match[1]) : null;
}

function presentSession(session: Session) {
  return {
    moderator: { name: session.moderator.name, role: session.moderator.role },
    csrfToken: session.csrf,
    expires: iso(session.expires),
  };
}

function presentQueueComment(ctx: ServiceContext, comment: QueueComment) {
  const article = articleOf(ctx, comment.article);
  return {
    id: idOf(comment.id),
    article: {
      slug: comment.article,
      title: article?.title ?? null,
      url: article?.url ?? null,
    },
    title: comment.title,
    author: comment.author,
    body: comment.body,
    created: iso(comment.created),
    status: comment.status,
    reasons: comment.reasons,
    safety: comment.safety,
    reports: comment.reports,
    edited: comment.edited === null ? null : iso(comment.edited),
    deleted: comment.deleted === null ? null : iso(comment.deleted),
    deletedBy: comment.deletedBy,
  };
}

function presentAudit(entry: AuditEntry) {
  return {
    id: entry.id,
    at: iso(entry.at),
    actor: entry.actor,
    action: entry.action,
    comment: entry.comment === null ? null : idOf(entry.comment),
    target: entry.target,
    note: entry.note,
    before: entry.before ?? null,
    after: entry.after ?? null,
  };
}

function presentDetail(ctx: ServiceContext, comment: CommentDetail) {
  return {
    comment: presentQueueComment(ctx, comment),
    history: comment.history.map(presentAudit),
    reports: comment.reportList.map((report) => ({
      reason: report.reason,
      created: iso(report.created),
    })),
  };
}

function presentResult(ctx: ServiceContext, result: ActionResult) {
  return result.ok
    ? {
        id: idOf(result.id),
        ok: true as const,
        changed: result.changed,
        audit: result.audit,
        comment: presentQueueComment(ctx, result.comment),
      }
    : { id: idOf(result.id), ok: false as const, error: result.error };
}

/** `undo` of a restore: `{ "c-101": 7 }` → comment 101 → audit entry 7. */
function undoOf(
  undo: Record<string, number> | undefined,
  action: ModerationAction,
  ids: number[],
): Map<number, number> | null {
  if (undo === undefined) return null;
  if (action !== 'restore') throw badRequest('undo goes with the restore action only.');
  const map = new Map<number, number>();
  for (const [key, audit] of Object.entries(undo)) {
    const id = parseId(key);
    if (id === null || !ids.includes(id)) {
      throw badRequest('undo names comments of ids, such as { "c-101": 7 }.');
    }
    map.set(id, audit);
  }
  return map;
}

export function actorOf(request: FastifyRequest): Actor {
  const session = request.adminSession;
  if (!session) throw unauthorized('Sign in to the moderation desk.');
  return { id: session.moderator.id, name: session.moderator.name };
}

function queueCursorOf(value: string | undefined): QueueCursor | null {
  return decodeCursor(value, (c) =>
    typeof c.s === 'boolean' && Number.isSafeInteger(c.c) && Number.isSafeInteger(c.i)
      ? { safety: c.s, created: Number(c.c), id: Number(c.i) }
      : null,
  );
}

const encodeQueueCursor = (cursor: QueueCursor | null) =>
  cursor ? encodeCursor({ s: cursor.safety, c: cursor.created, i: cursor.id }) : null;

async function signInKeys(
  ctx: ServiceContext,
  request: FastifyRequest,
  name: string,
): Promise<string[]> {
  const { current } = await ctx.clientOf(request);
  return [`account:${name.normalize('NFKC').toLowerCase()}`, `client:${current}`];
}

function tooManySignIns(waitMs: number) {
  return new ApiError('rate_limited', 'Too many sign-in attempts; try again later.', {
    headers: { 'Retry-After': String(Math.max(1, Math.ceil(waitMs / 1000))) },
  });
}

export function adminRoutes(app: FastifyInstance, ctx: ServiceContext, route: RouteRegistrar) {
  app.decorateRequest('adminSession', null);
  const moderator = { guard: adminGuard(ctx, { role: 'moderator', write: false }) };
  const moderatorWrite = { guard: adminGuard(ctx, { role: 'moderator', write: true }) };
  const admin = { guard: adminGuard(ctx, { role: 'admin', write: false }) };

  route(
    'POST',
    '/admin/session',
    async (request, reply) => {
      const { name, password } = request.body as { name: string; password: string };
      const keys = await signInKeys(ctx, request, name);
      const wait = await ctx.store.signInWait(keys);
      if (wait > 0) throw tooManySignIns(wait);
      const found = await ctx.store.verifyPassword(name, password);
      if (!found) {
        await ctx.store.recordSignInFailure(keys);
        throw unauthorized(SIGN_IN_FAILED);
      }
      await ctx.store.clearSignInFailures(keys);
      const created = await ctx.store.createSession(found.id);
      if (!created) throw unauthorized(SIGN_IN_FAILED);
      setSessionCookie(request, reply, created.token);
      return sendJson(request, reply, { body: presentSession(created.session), cache: CACHE.none });
    },
    {
      // Sign-in from another site's form (login CSRF) is refused like any other write.
      guard: async (request) => checkOrigin(request),
      invalid: {
        body: { code: 'bad_request', message: 'Send a name and a password.' },
      },
    },
  );

  route(
    'GET',
    '/admin/session',
    async (request, reply) =>
      sendJson(request, reply, {
        body: presentSession(request.adminSession!),
        cache: CACHE.none,
      }),
    moderator,
  );

  route(
    'DELETE',
    '/admin/session',
    async (request, reply) => {
      const token = sessionToken(request);
      if (token) await ctx.store.endSession(token);
      clearSessionCookie(request, reply);
      return reply.code(204).header('Cache-Control', CACHE.none).send();
    },
    moderatorWrite,
  );

  route(
    'GET',
    '/admin/comments',
    async (request, reply) => {
      const query = rawQuery(request.url);
      const status = (query.status ?? 'pending') as QueueStatus;
      if (!QUEUE_STATUSES.includes(status)) {
        throw badRequest(`status must be one of ${QUEUE_STATUSES.join(', ')}.`);
      }
      const sort = query.sort ?? 'newest';
      if (sort !== 'newest' && sort !== 'oldest') {
        throw badRequest('sort must be "newest" or "oldest".');
      }
      const filter = {
        ...(query.article ? { article: query.article } : {}),
        ...(query.reason ? { reason: query.reason } : {}),
      };
      const [page, counts] = await Promise.all([
        ctx.store.listQueue({
          status,
          sort,
          ...filter,
          cursor: queueCursorOf(query.cursor),
          limit: limitOf(query),
        }),
        ctx.store.countByStatus(filter),
      ]);
      return sendJson(request, reply, {
        body: {
          status,
          counts,
          items: page.items.map((comment) => presentQueueComment(ctx, comment)),
          nextCursor: encodeQueueCursor(page.nextCursor),
        },
        cache: CACHE.none,
      });
    },
    moderator,
  );

  route(
    'GET',
    '/admin/comments/{id}',
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const number = parseId(id);
      const detail = number === null ? null : await ctx.store.getComment(number);
      if (!detail) throw notFound('No comment with that id.');
      return sendJson(request, reply, { body: presentDetail(ctx, detail), cache: CACHE.none });
    },
    moderator,
  );

  route(
    'POST',
    '/admin/actions',
    async (request, reply) => {
      const body = request.body as {
        ids: string[];
        action: ModerationAction;
        reason?: string;
        edit?: { title?: string; author?: string; body?: string };
        undo?: Record<string, number>;
      };
      const ids = body.ids.map(parseId);
      if (ids.some((id) => id === null)) throw badRequest('ids are comment ids such as "c-101".');
      if (body.action === 'edit' && !body.edit)
        throw badRequest('edit needs the fields to change.');
      const undo = undoOf(body.undo, body.action, ids as number[]);
      const results = await ctx.store.applyAction({
        ids: [...new Set(ids as number[])],
        action: body.action,
        ...(body.reason !== undefined ? { reason: body.reason } : {}),
        ...(body.edit !== undefined ? { edit: body.edit } : {}),
        ...(undo ? { undo } : {}),
        moderator: actorOf(request),
      });
      return sendJson(request, reply, {
        body: { results: results.map((result) => presentResult(ctx, result)) },
        cache: CACHE.none,
      });
    },
    { ...moderatorWrite, invalid: { body: { code: 'bad_request', message: 'Not an action.' } } },
  );

  route(
    'POST',
    '/admin/blocks',
    async (request, reply) => {
      const body = request.body as { comment: string; removeAll?: boolean; note?: string };
      const id = parseId(body.comment);
      const comment = id === null ? null : await ctx.store.getComment(id);
      if (!comment) throw notFound('No comment with that id.');
      if (comment.client === '') {
        throw badRequest('This comment came with the content, not from a reader.');
      }
      const by = actorOf(request);
      const blocked = await ctx.store.blockClient(comment.client, by, body.note ?? '');
      const removed = body.removeAll ? await ctx.store.removeAllByClient(comment.client, by) : [];
      return sendJson(request, reply, {
        body: { blocked, alreadyBlocked: !blocked, removed: removed.map(idOf) },
        cache: CACHE.none,
      });
    },
    { ...moderatorWrite, invalid: { body: { code: 'bad_request', message: 'Not a block.' } } },
  );

  route(
    'GET',
    '/admin/audit',
    async (request, reply) => {
      const query = rawQuery(request.url);
      const cursor = decodeCursor(query.cursor, (c) =>
        Number.isSafeInteger(c.a) && Number(c.a) > 0 ? Number(c.a) : null,
      );
      const page = await ctx.store.listAudit({ cursor, limit: limitOf(query) });
      return sendJson(request, reply, {
        body: {
          items: page.items.map(presentAudit),
          nextCursor: page.nextCursor === null ? null : encodeCursor({ a: page.nextCursor }),
        },
        cache: CACHE.none,
      });
    },
    admin,
  );
}
