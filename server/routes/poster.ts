/**
 * What a poster does besides posting:
 *
 * - GET /comment-form: the timing token of a form being shown (`formToken` in the post;
 *   see moderation/form-token.ts). It says nothing about the reader and is never cached.
 * - DELETE /articles/{slug}/comments/{id}: the poster's own deletion, with the token the
 *   `201` gave them (`Authorization: Bearer <token>`), for 24 hours. The comment leaves
 *   the public list and count at once and its words are erased from the store.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServiceContext } from '../http/context.js';
import { ApiError, forbidden, notFound } from '../http/errors.js';
import { CACHE, sendJson } from '../http/reply.js';
import type { RouteRegistrar } from '../http/registrar.js';
import { findArticle } from './articles.js';

/** `c-123` → 123; null for anything that is not a comment id. */
export function commentIdOf(text: string): number | null {
  const m = /^c-([1-9][0-9]{0,15})$/.exec(text);
  const id = m ? Number(m[1]) : NaN;
  return Number.isSafeInteger(id) ? id : null;
}

/** The bearer token of `Authorization`, or null when there is none that could be one. */
function bearerOf(request: FastifyRequest): string | null {
  const m = /^Bearer +([A-Za-z0-9._~+/=-]{1,200})$/i.exec(request.headers.authorization ?? '');
  return m ? (m[1] as string) : null;
}

const noComment = () => notFound('No comment with that id on this article (or it was deleted).');

export function posterRoutes(app: FastifyInstance, ctx: ServiceContext, route: RouteRegistrar) {
  void app;
  route('GET', '/comment-form', async (request, reply) =>
    sendJson(request, reply, {
      body: { formToken: await ctx.formTokens.issue() },
      cache: CACHE.none,
    }),
  );

  route('DELETE', '/articles/{slug}/comments/{id}', async (request, reply) => {
    const { slug, id: idText } = request.params as { slug: string; id: string };
    const article = findArticle(ctx, slug);
    const id = commentIdOf(idText);
    if (id === null) throw noComment();
    const comment = await ctx.store.getComment(id);
    if (comment === null || comment.article !== article.slug || comment.deleted !== null) {
      throw noComment();
    }
    const token = bearerOf(request);
    if (token === null) {
      throw forbidden('Send the deletion token of this comment: Authorization: Bearer <token>.');
    }
    switch (await ctx.store.deleteOwnComment(id, token)) {
      case 'deleted':
        return reply.code(204).header('Cache-Control', CACHE.none).send();
      case 'not-found':
        throw noComment();
      case 'wrong-token':
        throw forbidden('This deletion token does not belong to this comment.');
      case 'expired':
        throw new ApiError(
          'deletion_expired',
          'A comment can be deleted by its poster for 24 hours; ask the publisher to remove it.',
        );
    }
  });
}
