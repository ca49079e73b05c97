/**
 * A small static file handler for the demo server: GET/HEAD only, an allow-list of
 * URL prefixes, no directory traversal, no dotfiles, correct content types.
 *
 * @module
 */

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';

/** Content types by file extension. */
export const CONTENT_TYPES = {
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

/**
 * @typedef {object} StaticOptions
 * @property {string} root Folder the URL paths are resolved against.
 * @property {string[]} [mounts] URL prefixes that may be served (default: everything, `/`).
 * @property {string[]} [deny] URL prefixes that are never served, even inside a mount.
 * @property {string} [index] File (relative to root) served for `/`.
 */

/**
 * Creates a handler that serves files from `root`. It resolves to `false` when the
 * request is not for a servable file, so the caller can answer 404 its own way.
 *
 * @param {StaticOptions} options
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<boolean>}
 */
export function createStaticHandler({ root, mounts = ['/'], deny = [], index }) {
  const base = path.resolve(root);

  /** @param {string} urlPath decoded URL path */
  const allowed = (urlPath) =>
    mounts.some((prefix) => urlPath.startsWith(prefix)) &&
    !deny.some((prefix) => urlPath.startsWith(prefix)) &&
    !urlPath.split('/').some((segment) => segment.startsWith('.'));

  return async function serveStatic(req, res) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const urlPath = decodePath(req.url ?? '/');
    if (urlPath === null) return false;
    const relative = urlPath === '/' && index ? `/${index}` : urlPath;
    if (urlPath !== '/' && !allowed(urlPath)) return false;

    let file = path.resolve(base, `.${relative}`);
    if (file !== base && !file.startsWith(base + path.sep)) return false;
    let info = await stat(file).catch(() => null);
    if (info?.isDirectory()) {
      file = path.join(file, 'index.html');
      info = await stat(file).catch(() => null);
    }
    if (!info?.isFile()) return false;

    const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
    const headers = {
      'Content-Type': contentTypeOf(file),
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      // Partner pages load the bundle from another origin, as from a CDN: module
      // scripts need CORS.
      'Access-Control-Allow-Origin': '*',
      ETag: etag,
    };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers).end();
      return true;
    }
    res.writeHead(200, { ...headers, 'Content-Length': info.size });
    if (req.method === 'HEAD') {
      res.end();
      return true;
    }
    await new Promise((resolve) => {
      const stream = createReadStream(file);
      stream.on('error', () => res.destroy());
      res.on('close', () => {
        stream.destroy();
        resolve(undefined);
      });
      stream.pipe(res);
    });
    return true;
  };
}

/**
 * @param {string} url
 * @returns {string | null} the decoded path, or null when it cannot be served
 */
function decodePath(url) {
  try {
    const pathname = decodeURIComponent(new URL(url, 'http://localhost').pathname);
    return pathname.includes('\0') || pathname.includes('\\') ? null : pathname;
  } catch {
    return null;
  }
}

/** @param {string} file */
function contentTypeOf(file) {
  const name = path.basename(file).toLowerCase();
  const ext = name.endsWith('.d.ts') ? '.d.ts' : path.extname(name);
  return (
    CONTENT_TYPES[/** @type {keyof typeof CONTENT_TYPES} */ (ext)] ?? 'application/octet-stream'
  );
}
