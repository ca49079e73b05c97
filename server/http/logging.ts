/**
 * One JSON line per request: method, route pattern, status and duration in ms. Never
 * the client's address (not even hashed), never a query string or a comment; errors
 * that are the server's fault are logged by the error handler with their stack.
 */
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/** What a request's line calls the route when no route matched. */
function routeOf(request: FastifyRequest, reply: FastifyReply): string {
  if (request.routeOptions.url) return request.routeOptions.url;
  return reply.statusCode < 400 ? 'static' : 'unmatched';
}

export class RequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    reply.log.info(
      {
        method: request.method,
        route: routeOf(request, reply),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        ...(error ? { aborted: true } : {}),
      },
      'request',
    );
  }

  /** A request for no route is an ordinary 404: its line above says so. */
  override routeNotFound(): void {}
}
