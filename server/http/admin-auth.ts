/**
 * The admin API's sign-in: a server-side session in the store (so every instance honours
 * it) named by an `HttpOnly`, `SameSite=Strict` cookie (`Secure` under HTTPS), set and
 * read through `@fastify/cookie`. State-changing calls are protected against CSRF twice:
 * the `Origin` header must be the service's own origin, and the `X-CSRF-Token` header
 * must carry the session's CSRF token (a synchronizer token kept with the session in the
 * store, given to the desk at sign-in and by `GET /admin/session`; never in a cookie).
 */
import { timingSafeEqual } from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Role, Session } from '../store/moderation-types.js';
import type { ServiceContext } from './context.js';
import { forbidden, unauthorized } from './errors.js';

export const SESSION_COOKIE = 'mhn_desk_session';
export const CSRF_HEADER = 'x-csrf-token';
/** The cookie goes back to the admin API only. */
export const ADMIN_PATH = '/api/v1/admin';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in session, set by the admin guard. */
    adminSession: Session | null;
  }
}

/** The request's own origin, as a browser on the desk's page would send it. */
function ownOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/** 403 unless the request comes from a page of this service (a cross-site form cannot). */
export function checkOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (origin === undefined || origin !== ownOrigin(request)) {
    throw forbidden('This request must come from the moderation desk on this site.');
  }
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function sessionToken(request: FastifyRequest): string | null {
  const token = request.cookies[SESSION_COOKIE];
  return typeof token === 'string' && token !== '' ? token : null;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: ADMIN_PATH,
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, {
    path: ADMIN_PATH,
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
  });
}

export interface GuardOptions {
  /** Who may call: any signed-in moderator, or admins only. */
  role: Role;
  /** A state-changing call: Origin and CSRF token checked. */
  write: boolean;
}

/**
 * The check every admin call makes before its body is read: Origin (writes), a live
 * session (401), the CSRF token (writes, 403), the role (403).
 */
export function adminGuard(ctx: ServiceContext, options: GuardOptions): onRequestAsyncHookHandler {
  return async (request) => {
    if (options.write) checkOrigin(request);
    const token = sessionToken(request);
    const session = token ? await ctx.store.getSession(token) : null;
    if (!session)
      throw unauthorized('Sign in to the moderation desk (no session, or it has ended).');
    if (options.write) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameText(sent, session.csrf)) {
        throw forbidden('The request lacks the session’s CSRF token; reload the desk.');
      }
    }
    if (options.role === 'admin' && session.moderator.role !== 'admin') {
      throw forbidden('Only an admin may do this.');
    }
    request.adminSession = session;
  };
}
