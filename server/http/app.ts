/**
 * The Fastify application: plumbing shared by every route (CORS, nosniff, the JSON body
 * parser with the contract's byte limit and a body deadline, the error envelope, one
 * log line per request) and the routes themselves, under `/api/v1`, plus the health
 * checks and, for the demo, its static files.
 */
import { Transform, type Readable } from 'node:stream';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { adminRoutes } from '../routes/admin.js';
import { adminSettingsRoutes } from '../routes/admin-settings.js';
import { articleRoutes } from '../routes/articles.js';
import { commentRoutes } from '../routes/comments.js';
import { posterRoutes } from '../routes/poster.js';
import { reportRoutes } from '../routes/reports.js';
import { healthRoutes } from '../routes/health.js';
import { siteRoutes } from '../routes/site.js';
import { therapistRoutes } from '../routes/therapists.js';
import { topicRoutes } from '../routes/topics.js';
import type { ServiceContext } from './context.js';
import {
  ApiError,
  badRequest,
  invalidBody,
  notFound,
  payloadTooLarge,
  requestTimeout,
  sendApiError,
  toApiError,
  unavailable,
} from './errors.js';
import { RequestLog } from './logging.js';
import type { OpenApi } from './openapi.js';
import { createRegistrar } from './registrar.js';
import { notFoundText, registerStatic, type StaticOptions } from './static.js';

export const API_BASE_PATH = '/api/v1';

export interface AppOptions {
  ctx: ServiceContext;
  openapi: OpenApi;
  /** Demo files served outside the API; none when absent. */
  staticFiles?: StaticOptions;
  /** Fastify's logger option: false, or pino options (see ../logging.ts). */
  logger: FastifyServerOptions['logger'] | FastifyServerOptions['loggerInstance'];
  /** Fastify's `trustProxy`: which proxies' X-Forwarded-For to believe. */
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** Time to send the headers, and the whole request (ms). */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  keepAliveTimeoutMs?: number;
  /** Called for every request under the API's base path (the testing handle's stats). */
  onApiRequest?: (method: string, relativePath: string) => void;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { ctx, openapi } = options;
  const loggerOption =
    options.logger && typeof (options.logger as { child?: unknown }).child === 'function'
      ? { loggerInstance: options.logger as FastifyServerOptions['loggerInstance'] }
      : { logger: options.logger as FastifyServerOptions['logger'] };
  const app = Fastify({
    ...loggerOption,
    logController: new RequestLog(),
    trustProxy: options.trustProxy ?? false,
    bodyLimit: ctx.maxBodyBytes,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 5_000,
    // Slow clients: the headers must arrive within headersTimeout and the whole request
    // within requestTimeout (a POST body has its own, shorter, deadline: withDeadline);
    // Node checks these every connectionsCheckingInterval.
    http: {
      headersTimeout: options.headersTimeoutMs ?? 10_000,
      connectionsCheckingInterval: Math.min(1_000, options.headersTimeoutMs ?? 10_000),
    },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 500 },
    // Errors found before routing (a URL that does not decode) get the envelope too.
    frameworkErrors(error, request, reply) {
      const api =
        error.code === 'FST_ERR_BAD_URL'
          ? notFound('Nothing is served at this address.')
          : toApiError(error);
      void sendApiError(request, reply.header('X-Content-Type-Options', 'nosniff'), api);
    },
  });

  app.setValidatorCompiler(({ schema, httpPart }) =>
    openapi.compile(schema as Record<string, unknown>, httpPart),
  );

  // Every answer: nosniff (and the testing handle's request counts).
  app.addHook('onRequest', async (request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    const path = request.url.split('?', 1)[0] ?? '/';
    if (options.onApiRequest && (path === API_BASE_PATH || path.startsWith(`${API_BASE_PATH}/`))) {
      options.onApiRequest(request.method, path.slice(API_BASE_PATH.length) || '/');
    }
  });

  await app.register(cors, {
    origin: '*',
    // DELETE and Authorization: a poster's own deletion, with its bearer token.
    methods: 'GET, POST, DELETE, OPTIONS',
    allowedHeaders: 'Authorization, Content-Type, Idempotency-Key',
    exposedHeaders: 'ETag, Retry-After',
    maxAge: 600,
    // Preflights are answered only on the API's own paths (see registrar.ts): OPTIONS
    // anywhere else is a 404 like any other unknown request.
    preflight: false,
    strictPreflight: false,
  });

  // The admin API's session cookie (read and set; never signed: the value is a random
  // 256-bit token whose hash the store keeps).
  await app.register(cookie);

  // Request bodies: JSON only, within the byte limit and the body deadline.
  app.removeAllContentTypeParsers();
  app.addHook('preParsing', async (_request, _reply, payload) =>
    withDeadline(payload, ctx.bodyTimeoutMs),
  );
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, raw, done) => {
    let value: unknown;
    try {
      value = JSON.parse(UTF8.decode(raw as Buffer));
    } catch {
      done(invalidBody(badRequest('The request body is not valid JSON (UTF-8).')), undefined);
      return;
    }
    done(null, value);
  });

  app.setErrorHandler(async (error, request, reply) => {
    const config = request.routeOptions.config;
    let api = toApiError(error, config?.invalid);
    const schemaFailed = Array.isArray((error as { validation?: unknown }).validation);
    if (api.invalidBody && schemaFailed && config?.explainInvalidBody) {
      api = invalidBody(config.explainInvalidBody(request.body) ?? api);
    }
    const onInvalidBody = config?.onInvalidBody;
    if (api.invalidBody && onInvalidBody) {
      try {
        api = (await onInvalidBody(request)) ?? api;
      } catch (failure) {
        api = toApiError(failure);
      }
    }
    if (api.code === 'internal' && !(await storeAnswers(ctx))) {
      // Not this request's fault, nor a bug: the store is down. Say so, so that clients
      // and load balancers try again (the failure is still logged below).
      api = unavailable('The service cannot reach its store; try again shortly.');
    }
    if (api.status >= 500 && !(error instanceof ApiError)) {
      request.log.error({ err: error }, 'request failed');
    }
    if (reply.sent || reply.raw.headersSent || request.raw.socket?.destroyed) return reply;
    if (api.code === 'payload_too_large') {
      // Say what the limit is, whichever layer noticed the size.
      return sendApiError(request, reply, payloadTooLarge(ctx.maxBodyBytes));
    }
    return sendApiError(request, reply, api);
  });

  const serveFile = options.staticFiles ? await registerStatic(app, options.staticFiles) : null;
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?', 1)[0] ?? '/';
    if (path === API_BASE_PATH || path.startsWith(`${API_BASE_PATH}/`)) {
      return sendApiError(request, reply, notFound(`Nothing is served at ${path}.`));
    }
    if (serveFile && (request.method === 'GET' || request.method === 'HEAD')) {
      return serveFile(request, reply);
    }
    return notFoundText(reply);
  });

  const { route, finish } = createRegistrar(app, { basePath: API_BASE_PATH, openapi });
  siteRoutes(app, ctx, route);
  articleRoutes(app, ctx, route);
  commentRoutes(app, ctx, route);
  posterRoutes(app, ctx, route);
  reportRoutes(ctx, route);
  topicRoutes(app, ctx, route);
  therapistRoutes(app, ctx, route);
  adminRoutes(app, ctx, route);
  adminSettingsRoutes(app, ctx, route);
  finish();
  healthRoutes(app, ctx);

  return app;
}

/** Whether the store answers a trivial query now. */
async function storeAnswers(ctx: ServiceContext): Promise<boolean> {
  try {
    await ctx.store.ping();
    return true;
  } catch {
    return false;
  }
}

/**
 * Passes a request body through, failing it with 408 request_timeout when it has not
 * all arrived within `ms` (a client dripping bytes holds a connection, not the server).
 */
function withDeadline(payload: Readable, ms: number): Readable {
  const guarded = new Transform({
    transform(chunk, _encoding, callback) {
      callback(null, chunk);
    },
    flush(callback) {
      clearTimeout(timer);
      callback();
    },
  });
  const timer = setTimeout(() => guarded.destroy(requestTimeout()), ms);
  timer.unref();
  const stop = () => clearTimeout(timer);
  // The whole body arrived, or the request is over (answered early, e.g. 413, or the
  // client went away): no deadline any more.
  payload.once('end', stop);
  payload.once('close', stop);
  guarded.once('close', stop);
  payload.on('error', (error) => guarded.destroy(error));
  // Fastify listens for errors while it reads; once it has stopped (an early answer),
  // a late error has no one to tell and must not become an uncaught exception.
  guarded.on('error', () => undefined);
  payload.pipe(guarded);
  return guarded;
}
