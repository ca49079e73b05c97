/**
 * A small static file handler for the demo server: GET/HEAD only, an allow-list of real
 * folders and files, no directory traversal, no dotfiles, correct content types.
 *
 * @module
 */

import { createReadStream, realpathSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
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
 * @property {string} root Folder the allow-list and the URL paths are resolved against.
 * @property {string[]} [mounts] What may be served, relative to root: `dist/` (a folder
 *   and everything under it, written with a trailing slash) or `custom-elements.json`
 *   (one file). Default: all of root.
 * @property {string[]} [deny] Folders (`demo/server/`) or files, relative to root, never
 *   served even inside a mount (e.g. the comments database).
 * @property {string} [index] File (relative to root) served for `/`.
 */

/**
 * Creates a handler that serves files from `root`. It resolves to `false` when the
 * request is not for a servable file, so the caller can answer 404 its own way.
 *
 * Decisions are made on file paths, never on URL prefixes: the URL path is normalised
 * first ({@link normalizeUrlPath}), resolved under root and through symlinks
 * (`realpath`), and only then compared with the real paths of the allowed and denied
 * folders and files.
 *
 * @param {StaticOptions} options
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<boolean>}
 */
export function createStaticHandler({ root, mounts = ['/'], deny = [], index }) {
  const base = realOrSelf(path.resolve(root));
  const allowRules = mounts.map((entry) => toRule(base, entry));
  const denyRules = deny.map((entry) => toRule(base, entry));
  /** @param {string} file a real path */
  const allowed = (file) =>
    allowRules.some((rule) => covers(rule, file)) &&
    !denyRules.some((rule) => covers(rule, file)) &&
    !path
      .relative(base, file)
      .split(path.sep)
      .some((segment) => segment.startsWith('.'));

  return async function serveStatic(req, res) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const segments = normalizeUrlPath(req.url ?? '/');
    if (segments === null) return false;
    if (segments.length === 0 && !index) return false;
    const relative = segments.length === 0 ? /** @type {string} */ (index) : segments.join('/');

    let file = path.resolve(base, `./${relative}`);
    if (!file.startsWith(base + path.sep)) return false;
    let info = await stat(file).catch(() => null);
    if (info?.isDirectory()) {
      file = path.join(file, 'index.html');
      info = await stat(file).catch(() => null);
    }
    if (!info?.isFile()) return false;
    // Both the path as asked and the file it really is must be allowed: a symlink inside
    // a mount may not lead out of it, nor a link outside lead into a denied file.
    const real = await realpath(file).catch(() => null);
    if (real === null || !allowed(real) || !allowed(file)) return false;

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
      const stream = createReadStream(real);
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
 * @param {string} base
 * @param {string} entry `folder/` or `file`, relative to base (a leading `/` is ignored)
 * @returns {{ path: string, folder: boolean }}
 */
function toRule(base, entry) {
  const folder = entry.endsWith('/');
  return { path: realOrSelf(path.resolve(base, `./${entry.replace(/^\/+/, '')}`)), folder };
}

/**
 * @param {{ path: string, folder: boolean }} rule
 * @param {string} file
 */
function covers(rule, file) {
  if (!rule.folder) return file === rule.path;
  return file.startsWith(rule.path.endsWith(path.sep) ? rule.path : rule.path + path.sep);
}

/** @param {string} file */
function realOrSelf(file) {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

/**
 * Normalises the path of a request target into its decoded segments, or returns null
 * when the request must not be served at all. Works on the raw target, not on
 * `new URL()`, which would resolve `..` and `%2e%2e` before anyone could look:
 *
 * - only origin-form targets (`/…`); the query is dropped;
 * - raw backslashes, encoded separators (`%2F`, `%5C`) and NUL (`%00`) are refused;
 * - the path is percent-decoded exactly once (a malformed escape is refused; `%252F`
 *   becomes the literal text `%2F`, which no file is named);
 * - empty segments are collapsed (`//data` is `data`);
 * - `.`, `..`, dot-files, segments ending in a dot or a space (which Windows ignores)
 *   and control characters are refused.
 *
 * @param {string} target the request target, as received
 * @returns {string[] | null}
 */
export function normalizeUrlPath(target) {
  if (!target.startsWith('/')) return null;
  const raw = target.split(/[?#]/, 1)[0];
  if (raw.includes('\\') || /%(2f|5c|00)/i.test(raw)) return null;
  let decoded;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\\]/.test(decoded)) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  const unsafe = (/** @type {string} */ segment) =>
    segment.startsWith('.') || segment.endsWith('.') || segment.endsWith(' ');
  return segments.some(unsafe) ? null : segments;
}

/** @param {string} file */
function contentTypeOf(file) {
  const name = path.basename(file).toLowerCase();
  const ext = name.endsWith('.d.ts') ? '.d.ts' : path.extname(name);
  return (
    CONTENT_TYPES[/** @type {keyof typeof CONTENT_TYPES} */ (ext)] ?? 'application/octet-stream'
  );
}
