/**
 * The reference Content API server (shared/content-api.md, version 1).
 *
 * `createContentApi()` gives a request handler that can be mounted in any Node
 * HTTP server (the demo server, or the browser-test dev server as middleware);
 * `startContentServer()` runs it on its own port. Comments live in SQLite through
 * better-sqlite3; everything else is the in-memory sample content, optionally
 * merged with test fixtures.
 *
 * @module
 */

import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as samples from './sample-content.js';
import { createStaticHandler } from './static.js';

/**
 * @typedef {import('node:http').IncomingMessage} Request
 * @typedef {import('node:http').ServerResponse} Response
 * @typedef {{ max: number, windowMs: number }} RateLimit
 * @typedef {{ title: string, author?: string | null, body: string, created: string,
 *   status?: 'published' | 'pending' }} CommentInput
 * @typedef {Record<string, any> & { slug: string }} Article
 * @typedef {Record<string, any> & { slug: string, sections?: Array<Record<string, any>> }} Topic
 */

/**
 * @typedef {object} ContentApiOptions
 * @property {string} [dbPath] SQLite file for comments; default `':memory:'`.
 * @property {boolean} [moderation] New comments are `pending` when true (default).
 * @property {RateLimit} [rateLimit] Comment posts per client IP per window; default 10 a minute.
 * @property {string} [basePath] URL prefix of the API; default `/api/v1`.
 * @property {number} [maxBodyBytes] Largest accepted POST body; default 16384.
 * @property {{ site?: object, articles?: Article[], topics?: Topic[],
 *   sectionItems?: Record<string, object[]>, therapists?: object[] }} [fixtures]
 *   Content merged over the samples (by slug / by `topic/section` key), e.g. hostile content for tests.
 * @property {(line: string) => void} [logger] Receives one line per internal error; default silent.
 */

/**
 * @typedef {object} ServerOptions
 * @property {number} [port] Default 0 (an ephemeral port).
 * @property {string} [host] Default `127.0.0.1`.
 * @property {string} [staticRoot] Also serve files from this folder for non-API paths.
 * @property {string[]} [staticMounts] URL prefixes served from staticRoot (default all).
 * @property {string[]} [staticDeny] URL prefixes never served from staticRoot.
 * @property {string} [staticIndex] File under staticRoot served for `/`.
 */

/**
 * @typedef {object} ContentApi
 * @property {(req: Request, res: Response) => Promise<boolean>} handle Answers requests under
 *   basePath and resolves to true once the response is sent; resolves to false for other paths.
 * @property {() => void} reset Wipes posted comments, idempotency records and rate-limit
 *   buckets, re-seeds the sample comments (and those given to addArticle) and restores the
 *   construction-time moderation and rate limit.
 * @property {(settings: { moderation?: boolean, rateLimit?: Partial<RateLimit> }) => void} configure
 * @property {(article: Article, seed?: { comments?: CommentInput[], commentCount?: number }) => void} addArticle
 *   Serves (or replaces) an article and seeds its comments; `commentCount` generates deterministic ones.
 * @property {() => { requests: number, byPath: Record<string, number>, byMethod: Record<string, number> }} stats
 *   Requests handled since the last resetStats(); `byPath` is keyed by the path under basePath
 *   (`/site`), `byMethod` by method and path (`GET /site`).
 * @property {() => void} resetStats
 * @property {import('better-sqlite3').Database} db
 * @property {() => void} close Closes the database.
 */

const DEFAULTS = {
  dbPath: ':memory:',
  moderation: true,
  rateLimit: { max: 10, windowMs: 60_000 },
  basePath: '/api/v1',
  maxBodyBytes: 16_384,
};

/** Sample comments get fixed ids below this; posted comments get ids above it. */
const FIRST_POSTED_ID = 100_001;
const SAMPLE_FIRST_ID = 101;
const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const MAX_IDEMPOTENCY_KEY = 200;
const DEFAULT_PAGE = 20;
const MAX_PAGE = 100;

const JSON_TYPE = 'application/json; charset=utf-8';
const CACHE_PUBLIC = 'public, max-age=60';
const CACHE_REVALIDATE = 'no-cache';
const CACHE_NONE = 'no-store';

/** Sent with every response, successful or not. */
const COMMON_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, Retry-After',
  'X-Content-Type-Options': 'nosniff',
};

const PREFLIGHT_HEADERS = {
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key',
  'Access-Control-Max-Age': '600',
};

const US_ZIP = /^\d{5}(-\d{4})?$/;
const CA_POSTAL = /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/i;

// ---------------------------------------------------------------------------
// Errors

/** An error that becomes the contract's error envelope. */
class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
   * @param {{ fields?: Record<string, string>, headers?: Record<string, string> }} [extra]
   */
  constructor(status, code, message, extra = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = extra.fields;
    this.headers = extra.headers ?? {};
  }
}

/** @param {string} message */
const badRequest = (message) => new ApiError(400, 'bad_request', message);
/** @param {string} message */
const notFound = (message) => new ApiError(404, 'not_found', message);
/**
 * @param {string} message
 * @param {Record<string, string>} fields
 */
const validationFailed = (message, fields) =>
  new ApiError(422, 'validation_failed', message, { fields });
/** @param {number} seconds */
const rateLimited = (seconds) =>
  new ApiError(429, 'rate_limited', 'Too many comments from this address; try again later.', {
    headers: { 'Retry-After': String(seconds) },
  });

// ---------------------------------------------------------------------------
// Routes: each handler gets (state, request context) and returns a Result.

/**
 * @typedef {{ status?: number, body?: unknown, json?: string, cache: string,
 *   headers?: Record<string, string> }} Result
 * @typedef {{ req: Request, query: URLSearchParams, params: string[] }} Context
 * @typedef {(state: State, ctx: Context) => Result | Promise<Result>} Handler
 * @typedef {{ pattern: RegExp, methods: Record<string, Handler> }} Route
 */

/** @type {Route[]} */
const ROUTES = [
  { pattern: /^\/site$/, methods: { GET: getSite } },
  { pattern: /^\/articles\/([^/]+)$/, methods: { GET: getArticle } },
  { pattern: /^\/articles\/([^/]+)\/comments$/, methods: { GET: listComments, POST: postComment } },
  { pattern: /^\/topics\/([^/]+)$/, methods: { GET: getTopic } },
  { pattern: /^\/topics\/([^/]+)\/sections\/([^/]+)$/, methods: { GET: getSection } },
  { pattern: /^\/therapists$/, methods: { GET: listTherapists } },
];

/** @type {Handler} */
function getSite(state) {
  return { body: state.content.site, cache: CACHE_PUBLIC };
}

/** @type {Handler} */
function getArticle(state, { params }) {
  const article = findArticle(state, params[0]);
  const { comments = {}, ...rest } = article;
  const count = state.sql.countPublished.get(article.slug);
  return {
    body: { ...rest, comments: { enabled: comments?.enabled !== false, count } },
    cache: CACHE_PUBLIC,
  };
}

/** @type {Handler} */
function listComments(state, { params, query }) {
  const article = findArticle(state, params[0]);
  const sort = parseSort(query.get('sort'));
  const limit = parseLimit(query.get('limit'));
  const after = parseCursor(query.get('cursor'), (c) =>
    c.s === sort && Number.isSafeInteger(c.c) && Number.isSafeInteger(c.i) ? [c.c, c.i] : null,
  );
  const start =
    sort === 'newest'
      ? [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]
      : [-Number.MAX_SAFE_INTEGER, 0];
  const [created, id] = after ?? start;
  const statement = sort === 'newest' ? state.sql.pageNewest : state.sql.pageOldest;
  /** @type {CommentRow[]} */
  const rows = /** @type {any} */ (statement.all(article.slug, created, id, limit + 1));
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    body: {
      total: state.sql.countPublished.get(article.slug),
      items: page.map(presentComment),
      nextCursor:
        rows.length > limit && last ? encodeCursor({ s: sort, c: last.created, i: last.id }) : null,
    },
    cache: CACHE_REVALIDATE,
  };
}

/**
 * @param {State} state
 * @param {Context} ctx
 * @returns {Promise<Result>}
 */
async function postComment(state, { req, params }) {
  const article = findArticle(state, params[0]);
  requireJsonContentType(req);
  const key = idempotencyKeyOf(req);
  const raw = await readBody(req, state.options.maxBodyBytes);
  const create = () => createComment(state, { article, key, raw, client: clientOf(req) });
  const { status, json, replayed } = state.db.transaction(create).immediate();
  return {
    status,
    json,
    cache: CACHE_NONE,
    headers: replayed ? { 'Idempotency-Replayed': 'true' } : {},
  };
}

/** @type {Handler} */
function getTopic(state, { params }) {
  const topic = findTopic(state, params[0]);
  const { sections = [], related = [], ...rest } = topic;
  return {
    body: {
      ...rest,
      sections: sections.map((section) => ({
        id: section.id,
        title: section.title,
        count: section.count ?? sectionItemsOf(state, topic, section).length,
      })),
      related,
    },
    cache: CACHE_PUBLIC,
  };
}

/** @type {Handler} */
function getSection(state, { params, query }) {
  const topic = findTopic(state, params[0]);
  const section = (topic.sections ?? []).find((s) => s.id === params[1]);
  if (!section) throw notFound('This topic has no section with that id.');
  const items = sectionItemsOf(state, topic, section);
  return { body: pageOf(items, query), cache: CACHE_PUBLIC };
}

/** @type {Handler} */
function listTherapists(state, { query }) {
  const postal = parsePostalCode(query.get('postalCode'));
  const radius = parseRadius(query.get('radius'));
  /** @type {Record<string, string>} */
  const fields = {};
  if (!postal) {
    fields.postalCode =
      'Enter a US ZIP code (like 10001) or a Canadian postal code (like K1A 0B1).';
  }
  if (radius === null) fields.radius = 'The radius must be a number of kilometres from 1 to 500.';
  if (!postal || radius === null) throw validationFailed('The search could not be run.', fields);

  const origin = Object.hasOwn(samples.postalAreas, postal.area)
    ? samples.postalAreas[postal.area]
    : undefined;
  const nearby = origin
    ? state.content.therapists
        .map((t) => ({ therapist: t, distance: distanceKm(origin, /** @type {any} */ (t)) }))
        .filter(({ distance }) => distance <= radius)
        .sort((a, b) => a.distance - b.distance || compareIds(a.therapist.id, b.therapist.id))
        .map(({ therapist, distance }) => presentTherapist(therapist, distance))
    : [];
  return { body: pageOf(nearby, query), cache: CACHE_PUBLIC };
}

// ---------------------------------------------------------------------------
// Content lookups and presentation

/**
 * @param {State} state
 * @param {string} slug
 */
function findArticle(state, slug) {
  const article = state.content.articles.get(slug);
  if (!article) throw notFound('No article with that slug.');
  return article;
}

/**
 * @param {State} state
 * @param {string} slug
 */
function findTopic(state, slug) {
  const topic = state.content.topics.get(slug);
  if (!topic) throw notFound('No topic with that slug.');
  return topic;
}

/**
 * Items come from `sectionItems['topic/section']`, or from the section's own `items`.
 *
 * @param {State} state
 * @param {Topic} topic
 * @param {Record<string, any>} section
 * @returns {object[]}
 */
function sectionItemsOf(state, topic, section) {
  return state.content.sectionItems[`${topic.slug}/${section.id}`] ?? section.items ?? [];
}

/**
 * @typedef {{ id: number, title: string, author: string | null, body: string, created: number }} CommentRow
 */

/** @param {CommentRow} row */
function presentComment(row) {
  return {
    id: `c-${row.id}`,
    title: row.title,
    author: row.author,
    created: isoTimestamp(row.created),
    body: row.body,
  };
}

/** @param {number} ms */
function isoTimestamp(ms) {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/**
 * @param {Record<string, any>} therapist
 * @param {number} distance
 */
function presentTherapist(therapist, distance) {
  const served = Object.entries(therapist).filter(([name]) => name !== 'lat' && name !== 'lon');
  return { ...Object.fromEntries(served), distanceKm: Math.round(distance * 10) / 10 };
}

/**
 * @param {string} a
 * @param {string} b
 */
function compareIds(a, b) {
  return a.localeCompare(b, 'en', { numeric: true });
}

/**
 * Great-circle distance in kilometres.
 *
 * @param {{ lat: number, lon: number }} from
 * @param {{ lat: number, lon: number }} to
 */
function distanceKm(from, to) {
  const rad = (/** @type {number} */ deg) => (deg * Math.PI) / 180;
  const dLat = rad(to.lat - from.lat);
  const dLon = rad(to.lon - from.lon);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(rad(from.lat)) * Math.cos(rad(to.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

// ---------------------------------------------------------------------------
// Query parameters and cursors

/** @param {string | null} value */
function parseSort(value) {
  if (value === null) return 'newest';
  if (value === 'newest' || value === 'oldest') return value;
  throw badRequest('sort must be "newest" or "oldest".');
}

/** @param {string | null} value */
function parseLimit(value) {
  if (value === null) return DEFAULT_PAGE;
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw badRequest('limit must be a whole number of at least 1.');
  }
  return Math.min(Number(value), MAX_PAGE);
}

/** @param {object} value */
function encodeCursor(value) {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * Decodes an opaque cursor; `accept` returns the position it holds, or null if the
 * cursor does not belong to this list.
 *
 * @template T
 * @param {string | null} value
 * @param {(decoded: Record<string, any>) => T | null} accept
 * @returns {T | null}
 */
function parseCursor(value, accept) {
  if (value === null) return null;
  let decoded;
  try {
    decoded = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    decoded = null;
  }
  const position = decoded && typeof decoded === 'object' ? accept(decoded) : null;
  if (position === null) throw badRequest('cursor is not valid for this list.');
  return position;
}

/**
 * One page of an in-memory list, with an offset cursor.
 *
 * @template T
 * @param {T[]} items
 * @param {URLSearchParams} query
 */
function pageOf(items, query) {
  const limit = parseLimit(query.get('limit'));
  const offset =
    parseCursor(query.get('cursor'), (c) =>
      Number.isSafeInteger(c.o) && c.o >= 0 ? Number(c.o) : null,
    ) ?? 0;
  const end = offset + limit;
  return {
    items: items.slice(offset, end),
    nextCursor: end < items.length ? encodeCursor({ o: end }) : null,
  };
}

/**
 * @param {string | null} value
 * @returns {{ country: 'US' | 'CA', area: string } | null}
 */
function parsePostalCode(value) {
  const code = (value ?? '').trim().toUpperCase();
  if (US_ZIP.test(code)) return { country: 'US', area: code.slice(0, 3) };
  if (CA_POSTAL.test(code)) return { country: 'CA', area: code.slice(0, 3) };
  return null;
}

/** @param {string | null} value */
function parseRadius(value) {
  if (value === null) return 40;
  const radius = /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : NaN;
  return radius >= 1 && radius <= 500 ? radius : null;
}

// ---------------------------------------------------------------------------
// Posting comments

const COMMENT_FIELDS = /** @type {const} */ ([
  { name: 'title', label: 'Title', min: 1, max: 120 },
  { name: 'author', label: 'Name', min: 0, max: 60 },
  { name: 'body', label: 'Comment', min: 1, max: 5000 },
]);

/** @param {Request} req */
function requireJsonContentType(req) {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') {
    throw new ApiError(
      415,
      'bad_request',
      'Send the comment as JSON (Content-Type: application/json).',
    );
  }
}

/** @param {Request} req */
function idempotencyKeyOf(req) {
  const key = req.headers['idempotency-key'];
  if (key === undefined) return null;
  const value = Array.isArray(key) ? key.join(',') : key.trim();
  if (value.length < 1 || value.length > MAX_IDEMPOTENCY_KEY) {
    throw badRequest(`Idempotency-Key must be 1 to ${MAX_IDEMPOTENCY_KEY} characters.`);
  }
  return value;
}

/** @param {Request} req */
function clientOf(req) {
  return (req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');
}

/**
 * Reads the request body as text, giving up (and discarding the rest) once it is
 * larger than `limit` bytes.
 *
 * @param {Request} req
 * @param {number} limit
 * @returns {Promise<string>}
 */
function readBody(req, limit) {
  const tooLarge = () =>
    new ApiError(413, 'bad_request', `The request body must be at most ${limit} bytes.`, {
      headers: { Connection: 'close' },
    });
  if (Number(req.headers['content-length']) > limit) return Promise.reject(tooLarge());
  if (req.readableEnded) return Promise.reject(new Error('The request body was already read.'));
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    let settled = false;
    /** @param {() => void} settle */
    const once = (settle) => {
      if (settled) return;
      settled = true;
      settle();
    };
    req.on('data', (/** @type {Buffer} */ chunk) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) once(() => reject(tooLarge()));
      else chunks.push(chunk);
    });
    req.on('end', () => once(() => resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', (error) => once(() => reject(error)));
    req.on('close', () => once(() => reject(badRequest('The request body was incomplete.'))));
  });
}

/**
 * The body of POST /comments, run inside one immediate transaction so that the
 * idempotency check, the comment and its idempotency record are atomic.
 *
 * @param {State} state
 * @param {{ article: Article, key: string | null, raw: string, client: string }} request
 * @returns {{ status: number, json: string, replayed: boolean }}
 */
function createComment(state, { article, key, raw, client }) {
  const { sql, settings } = state;
  const previous = key === null ? undefined : sql.findIdempotent.get(article.slug, key);
  if (previous) return { status: previous.status, json: previous.body, replayed: true };

  if (article.comments?.enabled === false) {
    throw new ApiError(403, 'comments_closed', 'Comments are closed for this article.');
  }
  const wait = state.limiter.take(client, settings.rateLimit);
  if (wait > 0) throw rateLimited(wait);
  const input = validateComment(parseJsonObject(raw));

  const now = Date.now();
  const status = settings.moderation ? 'pending' : 'published';
  const { lastInsertRowid } = sql.insertComment.run({
    ...input,
    id: null,
    article: article.slug,
    created: now,
    status,
    seeded: 0,
  });
  const comment = presentComment({ id: Number(lastInsertRowid), created: now, ...input });
  const json = JSON.stringify({ status, comment });
  if (key !== null) {
    sql.pruneIdempotent.run(now - IDEMPOTENCY_TTL_MS);
    sql.insertIdempotent.run(article.slug, key, 201, json, now);
  }
  return { status: 201, json, replayed: false };
}

/**
 * @param {string} raw
 * @returns {Record<string, unknown>}
 */
function parseJsonObject(raw) {
  let value;
  try {
    value = JSON.parse(raw);
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest('The request body must be a JSON object.');
  }
  return value;
}

/**
 * Trims and checks the comment fields; lengths are counted in Unicode code points.
 *
 * @param {Record<string, unknown>} input
 * @returns {{ title: string, author: string, body: string }}
 */
function validateComment(input) {
  /** @type {Record<string, string>} */
  const values = {};
  /** @type {Record<string, string>} */
  const fields = {};
  for (const { name, label, min, max } of COMMENT_FIELDS) {
    const value = input[name] ?? (min === 0 ? '' : undefined);
    if (typeof value !== 'string') {
      fields[name] = value === undefined ? `${label} is required.` : `${label} must be text.`;
      continue;
    }
    const text = value.trim();
    const length = [...text].length;
    if (length < min) fields[name] = `${label} is required.`;
    else if (length > max) fields[name] = `${label} must be ${max} characters or fewer.`;
    else values[name] = text;
  }
  if (Object.keys(fields).length > 0) {
    throw validationFailed('Some fields need attention before the comment can be posted.', fields);
  }
  return { title: values.title, author: values.author, body: values.body };
}

/**
 * Sliding-window rate limiter keyed by client address. `take` returns 0 when the
 * request may proceed (and counts it), otherwise the seconds to wait.
 */
function createRateLimiter() {
  /** @type {Map<string, number[]>} */
  let hits = new Map();
  return {
    /**
     * @param {string} client
     * @param {RateLimit} limit
     */
    take(client, { max, windowMs }) {
      const now = Date.now();
      const recent = (hits.get(client) ?? []).filter((t) => t > now - windowMs);
      if (recent.length >= max) {
        hits.set(client, recent);
        const oldest = recent[recent.length - max] ?? now;
        return Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
      }
      recent.push(now);
      hits.set(client, recent);
      if (hits.size > 10_000) hits = new Map([[client, recent]]);
      return 0;
    },
    clear() {
      hits.clear();
    },
  };
}

// ---------------------------------------------------------------------------
// Database

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    article TEXT NOT NULL,
    title TEXT NOT NULL,
    author TEXT,
    body TEXT NOT NULL,
    created INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('published', 'pending')),
    seeded INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX IF NOT EXISTS comments_by_article ON comments (article, status, created, id);
  CREATE TABLE IF NOT EXISTS idempotency (
    article TEXT NOT NULL,
    key TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    created INTEGER NOT NULL,
    PRIMARY KEY (article, key)
  );
  CREATE INDEX IF NOT EXISTS idempotency_by_age ON idempotency (created);
`;

/** @param {string} dbPath */
function openDatabase(dbPath) {
  const inMemory = dbPath === ':memory:' || dbPath === '';
  if (!inMemory && !dbPath.startsWith('file:')) {
    mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
  }
  const db = new Database(dbPath);
  if (!inMemory) {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
  }
  db.exec(SCHEMA);
  return db;
}

/** @param {import('better-sqlite3').Database} db */
function prepareStatements(db) {
  const columns = 'id, title, author, body, created';
  const published = "article = ? AND status = 'published'";
  return {
    countPublished: db.prepare(`SELECT COUNT(*) FROM comments WHERE ${published}`).pluck(),
    pageNewest: db.prepare(
      `SELECT ${columns} FROM comments WHERE ${published} AND (created, id) < (?, ?)
       ORDER BY created DESC, id DESC LIMIT ?`,
    ),
    pageOldest: db.prepare(
      `SELECT ${columns} FROM comments WHERE ${published} AND (created, id) > (?, ?)
       ORDER BY created ASC, id ASC LIMIT ?`,
    ),
    insertComment: db.prepare(
      `INSERT INTO comments (id, article, title, author, body, created, status, seeded)
       VALUES (@id, @article, @title, @author, @body, @created, @status, @seeded)`,
    ),
    deleteSeeded: db.prepare('DELETE FROM comments WHERE seeded = 1'),
    deleteSeededOf: db.prepare('DELETE FROM comments WHERE seeded = 1 AND article = ?'),
    deleteAll: db.prepare('DELETE FROM comments'),
    findIdempotent: db.prepare(
      'SELECT status, body FROM idempotency WHERE article = ? AND key = ?',
    ),
    insertIdempotent: db.prepare(
      'INSERT INTO idempotency (article, key, status, body, created) VALUES (?, ?, ?, ?, ?)',
    ),
    pruneIdempotent: db.prepare('DELETE FROM idempotency WHERE created < ?'),
    deleteIdempotent: db.prepare('DELETE FROM idempotency'),
    resetSequence: db.prepare("DELETE FROM sqlite_sequence WHERE name = 'comments'"),
    floorSequence: db.prepare(
      `INSERT INTO sqlite_sequence (name, seq)
       SELECT 'comments', ? WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'comments')`,
    ),
  };
}

/**
 * @param {State} state
 * @param {string} slug
 * @param {CommentInput[]} comments
 * @param {number | null} firstId fixed ids from here (sample comments), or null for automatic ids
 */
function insertSeedComments(state, slug, comments, firstId) {
  const rows = comments
    .map((comment) => ({ ...comment, createdMs: Date.parse(comment.created) }))
    .sort((a, b) => a.createdMs - b.createdMs);
  rows.forEach((comment, i) => {
    if (!Number.isFinite(comment.createdMs)) throw new TypeError(`Invalid date ${comment.created}`);
    state.sql.insertComment.run({
      id: firstId === null ? null : firstId + i,
      article: slug,
      title: comment.title,
      author: comment.author === undefined ? '' : comment.author,
      body: comment.body,
      created: comment.createdMs,
      status: comment.status ?? 'published',
      seeded: 1,
    });
  });
  return rows.length;
}

/**
 * Replaces every seeded comment: the samples with fixed ids, then addArticle's.
 *
 * @param {State} state
 */
function seedComments(state) {
  state.sql.deleteSeeded.run();
  state.sql.floorSequence.run(FIRST_POSTED_ID - 1);
  let nextId = SAMPLE_FIRST_ID;
  for (const [slug, comments] of sampleSeedComments()) {
    nextId += insertSeedComments(state, slug, comments, nextId);
  }
  for (const [slug, comments] of state.addedSeeds) {
    insertSeedComments(state, slug, comments, null);
  }
}

/** @returns {Array<[string, CommentInput[]]>} */
function sampleSeedComments() {
  return [
    ...Object.entries(samples.comments),
    ...Object.entries(samples.generatedComments).map(
      ([slug, count]) =>
        /** @type {[string, CommentInput[]]} */ ([slug, samples.generateComments(count)]),
    ),
  ];
}

// ---------------------------------------------------------------------------
// The API object

/**
 * @typedef {object} State
 * @property {Required<ContentApiOptions>} options
 * @property {{ moderation: boolean, rateLimit: RateLimit }} settings
 * @property {{ site: object, articles: Map<string, Article>, topics: Map<string, Topic>,
 *   sectionItems: Record<string, object[]>, therapists: Array<Record<string, any>> }} content
 * @property {import('better-sqlite3').Database} db
 * @property {ReturnType<typeof prepareStatements>} sql
 * @property {ReturnType<typeof createRateLimiter>} limiter
 * @property {Map<string, CommentInput[]>} addedSeeds
 */

/**
 * @param {ContentApiOptions['fixtures']} fixtures
 * @returns {State['content']}
 */
function buildContent(fixtures = {}) {
  /** @param {Array<{ slug: string }>} list */
  const bySlug = (list) => new Map(list.map((item) => [item.slug, item]));
  return {
    site: fixtures.site ?? samples.site,
    articles: bySlug([...samples.articles, ...(fixtures.articles ?? [])]),
    topics: bySlug([...samples.topics, ...(fixtures.topics ?? [])]),
    sectionItems: { ...samples.sectionItems, ...fixtures.sectionItems },
    therapists: [...samples.therapists, ...(fixtures.therapists ?? [])],
  };
}

/** @param {string | undefined} basePath */
function normalizeBasePath(basePath = DEFAULTS.basePath) {
  const trimmed = basePath.replace(/\/+$/, '');
  return trimmed === '' || trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/**
 * Creates the Content API: a request handler plus the controls tests use.
 *
 * @param {ContentApiOptions} [options]
 * @returns {ContentApi}
 */
export function createContentApi(options = {}) {
  /** @type {Required<ContentApiOptions>} */
  const resolved = {
    ...DEFAULTS,
    fixtures: {},
    logger: () => {},
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
    basePath: normalizeBasePath(options.basePath),
  };
  const db = openDatabase(resolved.dbPath);
  /** @type {State} */
  const state = {
    options: resolved,
    settings: { moderation: resolved.moderation, rateLimit: { ...resolved.rateLimit } },
    content: buildContent(resolved.fixtures),
    db,
    sql: prepareStatements(db),
    limiter: createRateLimiter(),
    addedSeeds: new Map(),
  };
  db.transaction(() => seedComments(state))();

  let stats = emptyStats();
  const { basePath } = resolved;

  return {
    db,
    async handle(req, res) {
      const url = URL.parse(req.url ?? '/', 'http://localhost');
      const inside =
        url !== null && (url.pathname === basePath || url.pathname.startsWith(`${basePath}/`));
      if (!inside) return false;
      const relative = url.pathname.slice(basePath.length) || '/';
      count(stats, req.method ?? 'GET', relative);
      try {
        await dispatch(state, req, res, url, relative);
      } catch (error) {
        sendError(req, res, error, resolved.logger);
      }
      return true;
    },
    reset() {
      db.transaction(() => {
        state.sql.deleteAll.run();
        state.sql.deleteIdempotent.run();
        state.sql.resetSequence.run();
        seedComments(state);
      })();
      state.limiter.clear();
      state.settings = { moderation: resolved.moderation, rateLimit: { ...resolved.rateLimit } };
    },
    configure({ moderation, rateLimit } = {}) {
      if (moderation !== undefined) state.settings.moderation = Boolean(moderation);
      if (rateLimit) state.settings.rateLimit = { ...state.settings.rateLimit, ...rateLimit };
    },
    addArticle(article, { comments, commentCount } = {}) {
      if (!article || typeof article.slug !== 'string') {
        throw new TypeError('article.slug is required');
      }
      const seeds = comments ?? (commentCount ? samples.generateComments(commentCount) : []);
      state.content.articles.set(article.slug, article);
      state.addedSeeds.set(article.slug, seeds);
      db.transaction(() => {
        state.sql.deleteSeededOf.run(article.slug);
        insertSeedComments(state, article.slug, seeds, null);
      })();
    },
    stats: () => structuredClone(stats),
    resetStats() {
      stats = emptyStats();
    },
    close() {
      if (db.open) db.close();
    },
  };
}

function emptyStats() {
  return {
    requests: 0,
    /** @type {Record<string, number>} */ byPath: {},
    /** @type {Record<string, number>} */ byMethod: {},
  };
}

/**
 * @param {ReturnType<typeof emptyStats>} stats
 * @param {string} method
 * @param {string} relative
 */
function count(stats, method, relative) {
  stats.requests += 1;
  stats.byPath[relative] = (stats.byPath[relative] ?? 0) + 1;
  const key = `${method} ${relative}`;
  stats.byMethod[key] = (stats.byMethod[key] ?? 0) + 1;
}

/**
 * @param {string} relative
 * @returns {{ route: Route, params: string[] } | null}
 */
function matchRoute(relative) {
  for (const route of ROUTES) {
    const match = route.pattern.exec(relative);
    if (!match) continue;
    try {
      return { route, params: match.slice(1).map((p) => decodeURIComponent(p)) };
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * @param {State} state
 * @param {Request} req
 * @param {Response} res
 * @param {URL} url
 * @param {string} relative
 */
async function dispatch(state, req, res, url, relative) {
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { ...COMMON_HEADERS, ...PREFLIGHT_HEADERS }).end();
    return;
  }
  const match = matchRoute(relative);
  if (!match) throw notFound(`Nothing is served at ${url.pathname}.`);
  const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
  const handler = match.route.methods[method];
  if (!handler) {
    const allow = [...Object.keys(match.route.methods), 'HEAD', 'OPTIONS'].join(', ');
    throw new ApiError(405, 'bad_request', `${req.method} is not allowed here.`, {
      headers: { Allow: allow },
    });
  }
  const result = await handler(state, { req, query: url.searchParams, params: match.params });
  sendResult(req, res, result);
}

// ---------------------------------------------------------------------------
// Responses

/**
 * Sends a JSON result. Successful GET/HEAD responses get a strong ETag and honour
 * If-None-Match with 304.
 *
 * @param {Request} req
 * @param {Response} res
 * @param {Result} result
 */
function sendResult(
  req,
  res,
  { status = 200, body, json = JSON.stringify(body), cache, headers = {} },
) {
  const isRead = req.method === 'GET' || req.method === 'HEAD';
  /** @type {Record<string, string | number>} */
  const head = { ...COMMON_HEADERS, 'Cache-Control': cache, ...headers };
  if (isRead && status === 200) {
    const etag = etagOf(json);
    head.ETag = etag;
    if (ifNoneMatch(req.headers['if-none-match'], etag)) {
      res.writeHead(304, head).end();
      return;
    }
  }
  head['Content-Type'] = JSON_TYPE;
  head['Content-Length'] = Buffer.byteLength(json);
  res.writeHead(status, head);
  res.end(req.method === 'HEAD' ? undefined : json);
}

/**
 * @param {Request} req
 * @param {Response} res
 * @param {unknown} error
 * @param {(line: string) => void} logger
 */
function sendError(req, res, error, logger) {
  if (!(error instanceof ApiError)) {
    logger(
      `Content API: ${req.method} ${req.url} failed: ${error instanceof Error ? error.stack : error}`,
    );
  }
  const failure =
    error instanceof ApiError
      ? error
      : new ApiError(500, 'internal', 'Something went wrong on the server.');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const envelope = { code: failure.code, message: failure.message, fields: failure.fields };
  sendResult(req, res, {
    status: failure.status,
    body: { error: envelope },
    cache: CACHE_NONE,
    headers: failure.headers,
  });
}

/** @param {string} json */
function etagOf(json) {
  return `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
}

/**
 * Weak comparison of If-None-Match against an ETag (RFC 9110 §13.1.2).
 *
 * @param {string | undefined} header
 * @param {string} etag
 */
function ifNoneMatch(header, etag) {
  if (!header) return false;
  const opaque = (/** @type {string} */ tag) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

// ---------------------------------------------------------------------------
// Standalone server

/**
 * Starts an HTTP server that answers the Content API under basePath and, when
 * `staticRoot` is set, serves files for other paths.
 *
 * @param {ContentApiOptions & ServerOptions} [options]
 * @returns {Promise<{ url: string, apiUrl: string, port: number, api: ContentApi,
 *   server: import('node:http').Server, close(): Promise<void> }>}
 */
export async function startContentServer(options = {}) {
  const { port = 0, host = '127.0.0.1', staticRoot } = options;
  const api = createContentApi(options);
  const serveStatic = staticRoot
    ? createStaticHandler({
        root: staticRoot,
        mounts: options.staticMounts,
        deny: options.staticDeny,
        index: options.staticIndex,
      })
    : null;
  const log = options.logger ?? (() => {});

  const server = http.createServer((req, res) => {
    respond(req, res).catch((error) => {
      log(
        `Server: ${req.method} ${req.url} failed: ${error instanceof Error ? error.stack : error}`,
      );
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Internal server error');
    });
  });
  /**
   * @param {Request} req
   * @param {Response} res
   */
  async function respond(req, res) {
    if (await api.handle(req, res)) return;
    if (serveStatic && (await serveStatic(req, res))) return;
    res
      .writeHead(404, {
        'Content-Type': 'text/plain; charset=utf-8',
        'X-Content-Type-Options': 'nosniff',
      })
      .end('Not found');
  }

  try {
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve(undefined);
      });
    });
  } catch (error) {
    api.close();
    throw error;
  }

  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  /** @type {Promise<void> | null} */
  let closing = null;
  return {
    url,
    apiUrl: `${url}${normalizeBasePath(options.basePath)}`,
    port: address.port,
    api,
    server,
    close() {
      closing ??= new Promise((resolve) => {
        server.close(() => {
          api.close();
          resolve();
        });
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
