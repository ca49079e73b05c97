/** GET /topics/{slug} and GET /topics/{slug}/sections/{id}. */
import type { FastifyInstance } from 'fastify';
import type { Topic } from '../content/index.js';
import { sectionItemsOf, topicOf, type ServiceContext } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { pageOf, rawQuery } from '../http/paging.js';
import { CACHE, sendJson } from '../http/reply.js';
import type { RouteRegistrar } from '../http/registrar.js';

function findTopic(ctx: ServiceContext, slug: string): Topic {
  const topic = topicOf(ctx, slug);
  if (!topic) throw notFound('No topic with that slug.');
  return topic;
}

const PAGING = {
  querystring: {
    code: 'bad_request' as const,
    message: 'limit and cursor must be a page size and a cursor from this list.',
  },
};

export function topicRoutes(app: FastifyInstance, ctx: ServiceContext, route: RouteRegistrar) {
  void app;
  route('GET', '/topics/{slug}', async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const topic = findTopic(ctx, slug);
    const { sections = [], related = [], ...rest } = topic;
    return sendJson(request, reply, {
      body: {
        ...rest,
        sections: sections.map((section) => ({
          id: section.id,
          title: section.title,
          count: sectionItemsOf(ctx, topic, section).length,
        })),
        related,
      },
      cache: CACHE.public,
    });
  });

  route(
    'GET',
    '/topics/{slug}/sections/{id}',
    async (request, reply) => {
      const { slug, id } = request.params as { slug: string; id: string };
      const topic = findTopic(ctx, slug);
      const section = (topic.sections ?? []).find((s) => s.id === id);
      if (!section) throw notFound('This topic has no section with that id.');
      const items = sectionItemsOf(ctx, topic, section);
      return sendJson(request, reply, {
        body: pageOf(items, rawQuery(request.url)),
        cache: CACHE.public,
      });
    },
    { invalid: PAGING },
  );
}
