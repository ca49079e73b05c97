/** GET /site: the publisher-wide facts. */
import type { FastifyInstance } from 'fastify';
import { siteOf, type ServiceContext } from '../http/context.js';
import { CACHE, sendJson } from '../http/reply.js';
import type { RouteRegistrar } from '../http/registrar.js';

export function siteRoutes(app: FastifyInstance, ctx: ServiceContext, route: RouteRegistrar) {
  void app;
  route('GET', '/site', async (request, reply) =>
    sendJson(request, reply, { body: siteOf(ctx), cache: CACHE.public }),
  );
}
