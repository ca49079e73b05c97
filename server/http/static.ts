/**
 * The demo's own files, served by @fastify/static but only from an allow-list: named
 * folders (`demo/`, `dist/`) and files (`custom-elements.json`) under one root, minus
 * denied ones, never a dotfile, never through `..` or an encoded separator, and never a
 * file whose real path (symlinks resolved) leaves the folder it was asked for from.
 * Anything else is a plain 404 — the same answer as for a file that does not exist.
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface StaticOptions {
  /** The folder the allow-list is relative to. */
  root: string;
  /** Folders (`demo/`) and files (`custom-elements.json`) that may be served. */
  allow: string[];
  /** Folders and files under those that never are (`demo/data/`). */
  deny?: string[];
  /** The file served for `/`. */
  index?: string;
  /**
   * Response headers for the files of one allowed folder (`admin/`), replacing the
   * defaults: the moderation desk's page gets its own CSP, `noindex` and `no-store`.
   */
  headers?: Record<string, Record<string, string>>;
}

/** Content types by extension; anything else is application/octet-stream. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.d.ts': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

export function contentTypeOf(file: string): string {
  const name = path.basename(file).toLowerCase();
  const ext = name.endsWith('.d.ts') ? '.d.ts' : path.extname(name);
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

export function notFoundText(reply: FastifyReply) {
  return reply
    .code(404)
    .header('Cache-Control', 'no-store')
    .type('text/plain; charset=utf-8')
    .send('Not found');
}

/**
 * The path under root a URL path asks for, or null when it is refused: percent-decoded
 * exactly once; encoded separators (`%2F`, `%5C`), backslashes, NUL and other control
 * characters refused; empty segments collapsed (`/demo//index.html` is
 * `demo/index.html`); `.`, `..`, dotfiles and segments ending in a dot or a space
 * refused; a trailing slash kept (a folder's index).
 */
export function requestedPath(url: string): string | null {
  const raw = url.split('?', 1)[0] ?? '/';
  if (/%2f|%5c/i.test(raw)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(decoded)) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s.startsWith('.') || s.endsWith('.') || s.endsWith(' '))) return null;
  const folder = decoded.endsWith('/') && segments.length > 0;
  return `${segments.join('/')}${folder ? '/' : ''}`;
}

export async function registerStatic(app: FastifyInstance, options: StaticOptions) {
  const root = await realpath(options.root);
  const allow = options.allow.map((entry) => entry.replace(/^\/+/, ''));
  const deny = (options.deny ?? []).map((entry) => entry.replace(/^\/+/, ''));
  const matches = (relative: string, entry: string) =>
    entry.endsWith('/')
      ? relative.startsWith(entry) || `${relative}/` === entry
      : relative === entry;

  await app.register(fastifyStatic, {
    root,
    serve: false,
    dotfiles: 'deny',
    etag: true,
    lastModified: false,
    setHeaders(res) {
      res.setHeader('Cache-Control', 'no-cache');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      // Partner pages load the bundle from another origin, as from a CDN: module scripts
      // need CORS.
      res.setHeader('Access-Control-Allow-Origin', '*');
    },
  });

  /** The file to send, relative to root, or null when it is not served. */
  async function resolveFile(url: string): Promise<string | null> {
    const asked = requestedPath(url);
    if (asked === null) return null;
    const relative = asked === '' && options.index ? options.index : asked;
    const entry = allow.find((a) => matches(relative, a));
    if (!entry || deny.some((d) => matches(relative, d))) return null;
    let file = path.resolve(root, relative);
    let info = await stat(file).catch(() => null);
    if (info?.isDirectory()) {
      file = path.join(file, 'index.html');
      info = await stat(file).catch(() => null);
    }
    if (!info?.isFile()) return null;
    // The real file must stay inside the real allowed folder (or be the allowed file).
    const real = await realpath(file).catch(() => null);
    const base = await realpath(path.resolve(root, entry)).catch(() => null);
    if (!real || !base) return null;
    const inside = entry.endsWith('/') ? real.startsWith(base + path.sep) : real === base;
    if (!inside) return null;
    const realRelative = path.relative(root, real);
    if (deny.some((d) => matches(realRelative.split(path.sep).join('/'), d))) return null;
    return realRelative;
  }

  // @fastify/send types files by its own table (.js as application/javascript); the demo
  // and its tests expect the types above, set last.
  const served = new WeakMap<FastifyRequest, string>();
  app.addHook('onSend', async (request, reply, payload) => {
    const file = served.get(request);
    if (file !== undefined && reply.statusCode < 400) {
      reply.type(contentTypeOf(file));
      const relative = file.split(path.sep).join('/');
      for (const [folder, headers] of Object.entries(options.headers ?? {})) {
        if (!matches(relative, folder.replace(/^\/+/, ''))) continue;
        // Not for other sites: no CORS on these files.
        reply.removeHeader('Access-Control-Allow-Origin');
        reply.raw.removeHeader('Access-Control-Allow-Origin');
        reply.headers(headers);
      }
    }
    return payload;
  });

  const serve = async (request: FastifyRequest, reply: FastifyReply) => {
    const file = await resolveFile(request.url);
    if (file === null) return notFoundText(reply);
    served.set(request, file);
    return reply.sendFile(file);
  };
  return serve;
}
