/**
 * How route modules declare their routes: by method and OpenAPI path
 * (`/articles/{slug}`). Each route gets the schema the OpenAPI document gives that
 * operation; every path also answers OPTIONS (the CORS preflight) and 405 with Allow
 * for the methods it does not serve.
 */
import type {
  FastifyInstance,
  FastifyRequest,
  onRequestAsyncHookHandler,
  RouteHandlerMethod,
} from 'fastify';
import type { ApiError, ValidationPolicies } from './errors.js';
import { methodNotAllowed } from './errors.js';
import type { OpenApi } from './openapi.js';

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface RouteOptions {
  /** How a failed schema validation of each part of the request is reported. */
  invalid?: ValidationPolicies;
  /**
   * Called when the request body is rejected (bad JSON, schema, checks): may return
   * another error to answer instead (the comment post counts mistakes in a budget).
   */
  onInvalidBody?: (request: FastifyRequest) => Promise<ApiError | null>;
  /**
   * When the body fails its schema: the route's own account of what is wrong with it (a
   * sentence per field, as its handler would say), or null to keep the schema's.
   */
  explainInvalidBody?: (body: unknown) => ApiError | null;
  /**
   * Runs before the body is read and the schema checked (the admin API's session, role,
   * Origin and CSRF checks: a stranger learns nothing from validation errors).
   */
  guard?: onRequestAsyncHookHandler;
}

export type RouteRegistrar = (
  method: Method,
  path: string,
  handler: RouteHandlerMethod,
  options?: RouteOptions,
) => void;

/** Methods a path may be asked for that it might not serve. */
const ALL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

declare module 'fastify' {
  interface FastifyContextConfig {
    invalid?: ValidationPolicies;
    onInvalidBody?: (request: FastifyRequest) => Promise<ApiError | null>;
    explainInvalidBody?: (body: unknown) => ApiError | null;
    /** The OpenAPI path of an API route, for logs and stats. */
    apiPath?: string;
  }
}

/** OpenAPI `{name}` → Fastify `:name`. */
const toFastifyPath = (path: string) => path.replace(/\{([^}]+)\}/g, ':$1');

export function createRegistrar(
  app: FastifyInstance,
  { basePath, openapi }: { basePath: string; openapi: OpenApi },
): { route: RouteRegistrar; finish(): void } {
  const methodsByPath = new Map<string, Method[]>();
  return {
    route(method, path, handler, options = {}) {
      if (!openapi.has(method, path)) {
        throw new Error(`docs/openapi.yaml does not describe ${method} ${path}`);
      }
      methodsByPath.set(path, [...(methodsByPath.get(path) ?? []), method]);
      app.route({
        method,
        url: `${basePath}${toFastifyPath(path)}`,
        schema: openapi.schemaOf(method, path),
        config: {
          invalid: options.invalid,
          onInvalidBody: options.onInvalidBody,
          explainInvalidBody: options.explainInvalidBody,
          apiPath: path,
        },
        ...(options.guard ? { onRequest: options.guard } : {}),
        handler,
      });
    },
    finish() {
      for (const [path, methods] of methodsByPath) {
        const url = `${basePath}${toFastifyPath(path)}`;
        const allow = [...methods, ...(methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(
          ', ',
        );
        // The preflight itself is answered by @fastify/cors, enabled for this route only.
        app.route({
          method: 'OPTIONS',
          url,
          config: { cors: { preflight: true }, apiPath: path },
          handler: async (_request, reply) => reply.code(204).send(),
        });
        const others = ALL_METHODS.filter((m) => !(methods as string[]).includes(m));
        app.route({
          method: others,
          url,
          config: { apiPath: path },
          // Before the body is read or parsed: the method alone decides.
          onRequest: async (request) => {
            throw methodNotAllowed(request.method, allow);
          },
          handler: async () => undefined,
        });
      }
    },
  };
}
