/** GET /articles/{slug}: an article, with the count of its published comments. */
import type { FastifyInstance } from 'fastify';
import { articleOf, type ServiceContext } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { CACHE, sendJson } from '../http/reply.js';
import type { RouteRegistrar } from '../http/registrar.js';
import type { Article } from '../content/index.js';

export function findArticle(ctx: ServiceContext, slug: string): Article {
  const article = articleOf(ctx, slug);
  if (!article) throw notFound('No article with that slug.');
  return article;
}

export function articleRoutes(app: FastifyInstance, ctx: ServiceContext, route: RouteRegistrar) {
  void app;
  route('GET', '/articles/{slug}', async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const article = findArticle(ctx, slug);
    const count = await ctx.store.countPublished(article.slug);
    const { comments, ...rest } = article;
    return sendJson(request, reply, {
      body: { ...rest, comments: { enabled: comments?.enabled !== false, count } },
      cache: CACHE.public,
    });
  });
}
