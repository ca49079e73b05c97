/**
 * GET /healthz (the process is up) and GET /readyz (the store answers: 200, else 503
 * `unavailable`), for load balancers and orchestrators. Outside the API's base path.
 */
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../http/context.js';
import { unavailable } from '../http/errors.js';
import { CACHE, sendJson } from '../http/reply.js';

export function healthRoutes(app: FastifyInstance, ctx: ServiceContext) {
  app.get('/healthz', async (request, reply) =>
    sendJson(request, reply, { body: { status: 'ok' }, cache: CACHE.none }),
  );
  app.get('/readyz', async (request, reply) => {
    try {
      await ctx.store.ping();
    } catch (error) {
      request.log.warn({ err: error }, 'store not reachable');
      throw unavailable('The store is not reachable.');
    }
    return sendJson(request, reply, { body: { status: 'ok' }, cache: CACHE.none });
  });
}
