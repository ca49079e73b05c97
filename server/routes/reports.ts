/**
 * POST /articles/{slug}/comments/{id}/reports — a reader reports a published comment
 * (spam, abuse, worried about this person, other). One report per reader per comment
 * (the client's keyed hash: never an address), rate-limited per client through the
 * shared store. Enough distinct reports (the site's `reportThreshold`) send the comment
 * back to pending with the reason `reports`; one "worried" report holds it at once with
 * the reason `safety`. Either way it leaves the public list at once.
 *
 * The answer is the same `202 { status: "received" }` for a new report and a repeat:
 * a reader learns nothing about other readers' reports or what became of the comment.
 */
import type { FastifyRequest } from 'fastify';
import { REPORT_REASONS, type ReportReason } from '../../src/contract/index.js';
import type { ServiceContext } from '../http/context.js';
import { notFound, rateLimited } from '../http/errors.js';
import { CACHE, sendJson } from '../http/reply.js';
import type { RouteRegistrar } from '../http/registrar.js';
import { findArticle } from './articles.js';
import { commentPayload } from '../http/notify.js';
import { effectiveSettings } from '../http/site-settings.js';

/** Reports per client per rate-limit window: a reader never needs more. */
export const REPORTS_PER_WINDOW = 10;

const REASON_MESSAGE = `Choose a reason: ${REPORT_REASONS.join(', ')}.`;
const commentNotFound = () => notFound('No published comment with that id on this article.');

/** `c-123` → 123, or null. */
function commentIdOf(text: string): number | null {
  const match = /^c-([1-9][0-9]{0,14})$/.exec(text);
  return match ? Number(match[1]) : null;
}

export function reportRoutes(ctx: ServiceContext, route: RouteRegistrar) {
  const budget = () => ({
    max: Math.max(REPORTS_PER_WINDOW, ctx.settings.rateLimit.max),
    windowMs: ctx.settings.rateLimit.windowMs,
  });
  route(
    'POST',
    '/articles/{slug}/comments/{id}/reports',
    async (request: FastifyRequest, reply) => {
      const { slug, id: idText } = request.params as { slug: string; id: string };
      const article = findArticle(ctx, slug);
      const id = commentIdOf(idText);
      if (id === null) throw commentNotFound();
      // The schema has checked the reason.
      const { reason } = request.body as { reason: ReportReason };
      // Budgets and new reports go under the current key; a repeat also matches the
      // previous one (a reader who reported before a secret rotation).
      const clients = await ctx.clientOf(request);
      const { max, windowMs } = budget();
      const quota = await ctx.store.hit(`report:${clients.current}`, max, windowMs);
      if (!quota.allowed) {
        throw rateLimited(quota.retryAfter, 'Too many reports from this address; try again later.');
      }
      const result = await ctx.store.addReport({
        comment: id,
        reporter: clients.all,
        reason,
        threshold: (await effectiveSettings(ctx)).settings.reportThreshold,
        article: article.slug,
      });
      if (result.outcome === 'not-found') throw commentNotFound();
      if (result.outcome === 'reported') {
        request.log.info({ comment: `c-${id}`, reason, held: result.held }, 'comment reported');
        // The webhook, once the report is committed: fire and forget (the receiver gets the
        // comment, its reasons and its report count; the reader never waits for it).
        const { reasons, reports } = result;
        void ctx.store
          .getComment(id)
          .then((comment) => {
            if (comment)
              ctx.notify('comment.reported', commentPayload(ctx, comment, { reasons, reports }));
          })
          .catch((error: unknown) => request.log.warn({ err: error }, 'comment.reported not sent'));
      }
      return sendJson(request, reply, {
        status: 202,
        body: { status: 'received' },
        cache: CACHE.none,
      });
    },
    {
      // Mistakes count in the same larger budget as a comment form's.
      async onInvalidBody(request) {
        const { max, windowMs } = ctx.settings.rateLimit;
        const client = (await ctx.clientOf(request)).current;
        const invalid = await ctx.store.hit(`invalid:${client}`, Math.max(100, max * 10), windowMs);
        return invalid.allowed ? null : rateLimited(invalid.retryAfter);
      },
      invalid: {
        body: {
          code: 'validation_failed',
          message: 'The report could not be sent.',
          fields: { reason: REASON_MESSAGE },
        },
      },
    },
  );
}
