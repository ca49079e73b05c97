/**
 * The reference Content API server (docs/openapi.yaml, version 1).
 *
 * `createContentApi()` gives a request handler that can be mounted in any Node
 * HTTP server (the demo server, or the browser-test dev server as middleware);
 * `startContentServer()` runs it on its own port. Comments live in SQLite through
 * better-sqlite3; everything else is the in-memory sample content, optionally
 * merged with test fixtures.
 *
 * @module
 */

import { createHash, createHmac, randomBytes } from 'node:crypto';
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
 * @property {number} [maxBodyBytes] Largest accepted POST body; default MAX_BODY_BYTES (63,184).
 * @property {number} [bodyTimeoutMs] Time a client gets to send a POST body; default 10 s
 *   (then 408 request_timeout).
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
 * @property {string[]} [staticMounts] Folders (`dist/`) and files under staticRoot that
 *   are served (default all); see static.js.
 * @property {string[]} [staticDeny] Folders and files under staticRoot never served.
 * @property {number} [maxConnectionsPerClient] Open connections allowed per client
 *   address (an IPv6 /64 counts as one); more are closed at once. Default 32.
 * @property {number} [headersTimeoutMs] Time to send the request headers; default 10 s.
 * @property {number} [requestTimeoutMs] Time to send a whole request; default 30 s.
 * @property {number} [keepAliveTimeoutMs] Idle time of a kept-alive connection; default 5 s.
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

/**
 * The largest valid comment, in the most expensive legal encoding: every character a
 * 4-byte UTF-8 character sent as a JSON surrogate-pair escape (`\ud83d\ude00`, 12 bytes
 * for one character as the contract counts them), in every field at its maximum
 * (title 120 + name 60 + comment 5,000 = 5,180 characters):
 *
 *   12 bytes × 5,180 characters = 62,160 bytes
 *   + 1,024 bytes for the JSON around them (`{"title":"","author":"","body":""}` is 34
 *     bytes; the rest allows for whitespace and the surrounding spaces that are trimmed)
 *   = 63,184 bytes.
 */
export const MAX_BODY_BYTES = 12 * (120 + 60 + 5000) + 1024;

const DEFAULTS = {
  dbPath: ':memory:',
  moderation: true,
  rateLimit: { max: 10, windowMs: 60_000 },
  basePath: '/api/v1',
  maxBodyBytes: MAX_BODY_BYTES,
  bodyTimeoutMs: 10_000,
};

/** After a 413, bytes of the rest of the body read (and dropped) so the client sees the answer. */
const DRAIN_BYTES = 1024 * 1024;
/** …and for at most this long. */
const DRAIN_MS = 2_000;
/** Rate-limit buckets kept per kind before the least useful ones are evicted. */
const LIMITER_CAPACITY = 10_000;

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
/** The client went away or broke the body off: nobody will read an answer, nothing is logged. */
const clientGone = () => new ApiError(400, 'bad_request', 'The request body was incomplete.');
const requestTimeout = () =>
  new ApiError(408, 'request_timeout', 'The request body took too long to arrive.', {
    headers: { Connection: 'close' },
  });
/** @param {number} limit */
const payloadTooLarge = (limit) =>
  new ApiError(413, 'payload_too_large', `The request body must be at most ${limit} bytes.`, {
    headers: { Connection: 'close' },
  });
const keyReused = () =>
  new ApiError(
    422,
    'idempotency_key_reused',
    'This Idempotency-Key was already used for a different comment; send a new key with a new comment.',
  );
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
  const client = clientKeyOf(req.socket.remoteAddress);
  const raw = await readBody(req, state.options);
  /** @type {CommentText} */
  let input;
  try {
    input = validateComment(parseJsonObject(decodeUtf8(raw)));
  } catch (error) {
    // A reader correcting a form must not use up the posting budget: mistakes are counted
    // in their own, larger budget, which only stops floods of junk.
    const wait = state.limiter.takeInvalid(client, state.settings.rateLimit);
    if (wait > 0) throw rateLimited(wait);
    throw error;
  }
  const create = () => createComment(state, { article, key, input, client });
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
      'unsupported_media_type',
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

/**
 * The key a client is known by, for rate limits, connection caps and idempotency scope:
 * an IPv4 address (also when it arrives IPv4-mapped, `::ffff:192.0.2.1`), or for IPv6
 * the /64 network, which is what one household or device is usually given.
 *
 * @param {string | undefined} address
 * @returns {string}
 */
export function clientKeyOf(address) {
  if (!address) return 'unknown';
  const plain = address.split('%', 1)[0].toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(plain);
  if (mapped) return mapped[1];
  if (!plain.includes(':')) return plain;
  const groups = ipv6Groups(plain);
  if (!groups) return plain;
  if (groups.slice(0, 5).every((g) => g === '0') && groups[5] === 'ffff') {
    // IPv4-mapped, written in hex (::ffff:c000:207)
    const [high, low] = groups.slice(6).map((g) => parseInt(g, 16));
    return [high >> 8, high & 255, low >> 8, low & 255].join('.');
  }
  return `${groups.slice(0, 4).join(':')}::/64`;
}

/**
 * The eight 16-bit groups of an IPv6 address, as lowercase hex without leading zeros.
 *
 * @param {string} address
 * @returns {string[] | null}
 */
function ipv6Groups(address) {
  const halves = address.split('::');
  if (halves.length > 2) return null;
  /** @param {string} part */
  const split = (part) =>
    part === ''
      ? []
      : part.split(':').flatMap((group) => {
          const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(group);
          if (!v4) return [group];
          const [a, b, c, d] = v4.slice(1).map(Number);
          return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
        });
  const head = split(halves[0]);
  const tail = halves.length === 2 ? split(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/.test(group))) return null;
  return groups.map((group) => parseInt(group, 16).toString(16));
}

/**
 * Reads the request body, bounded in size and in time:
 *
 * - over `maxBodyBytes` → 413 payload_too_large. When the rest of the body is small
 *   (at most DRAIN_BYTES more, within DRAIN_MS) it is read and dropped first, so the
 *   client, still sending, can read the 413 instead of meeting a closed connection;
 * - not all there within `bodyTimeoutMs` (a client dripping bytes) → 408 request_timeout;
 * - the client aborting → a quiet client error (no one is left to answer).
 *
 * @param {Request} req
 * @param {{ maxBodyBytes: number, bodyTimeoutMs: number }} options
 * @returns {Promise<Buffer>}
 */
function readBody(req, { maxBodyBytes: limit, bodyTimeoutMs }) {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit + DRAIN_BYTES) return Promise.reject(payloadTooLarge(limit));
  if (req.readableEnded) return Promise.reject(new Error('The request body was already read.'));
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    let chunks = [];
    let size = 0;
    let settled = false;
    let draining = false;
    /** @type {NodeJS.Timeout | undefined} */
    let drainTimer;
    const timer = setTimeout(() => finish(requestTimeout()), bodyTimeoutMs);
    /**
     * @param {ApiError | null} error
     * @param {Buffer} [value]
     */
    const finish = (error, value) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(drainTimer);
      if (error) reject(error);
      else resolve(/** @type {Buffer} */ (value));
    };
    const startDraining = () => {
      draining = true;
      chunks = [];
      drainTimer = setTimeout(() => finish(payloadTooLarge(limit)), DRAIN_MS);
    };
    if (declared > limit) startDraining();
    req.on('data', (/** @type {Buffer} */ chunk) => {
      if (settled) return;
      size += chunk.length;
      if (draining) {
        if (size > limit + DRAIN_BYTES) finish(payloadTooLarge(limit));
      } else if (size > limit) {
        startDraining();
      } else {
        chunks.push(chunk);
      }
    });
    req.on('end', () =>
      finish(draining ? payloadTooLarge(limit) : null, Buffer.concat(chunks, size)),
    );
    req.on('error', () => finish(clientGone()));
    req.on('close', () => finish(clientGone()));
  });
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** @param {Buffer} raw */
function decodeUtf8(raw) {
  try {
    return UTF8.decode(raw);
  } catch {
    throw badRequest('The request body is not valid UTF-8.');
  }
}

/**
 * What an idempotency record is matched against: the article and the comment as stored.
 *
 * @param {string} article
 * @param {CommentText} input
 */
function fingerprintOf(article, input) {
  return createHash('sha256')
    .update(JSON.stringify([article, input.title, input.author, input.body]))
    .digest('base64url');
}

/**
 * The body of POST /comments, run inside one immediate transaction so that the
 * idempotency check, the comment and its idempotency record are atomic.
 *
 * Idempotency records are scoped to the client that made them (a keyed hash of its
 * address, never the address) and hold a fingerprint of the request: the same key with
 * the same comment replays the stored answer byte for byte; with another comment it is
 * 422 idempotency_key_reused; from another client it is that client's own key.
 *
 * @param {State} state
 * @param {{ article: Article, key: string | null, input: CommentText, client: string }} request
 * @returns {{ status: number, json: string, replayed: boolean }}
 */
function createComment(state, { article, key, input, client }) {
  const { sql, settings } = state;
  const fingerprint = fingerprintOf(article.slug, input);
  const scope = createHmac('sha256', state.secret).update(client).digest('base64url');
  const previous = key === null ? undefined : sql.findIdempotent.get(article.slug, scope, key);
  if (previous) {
    if (previous.fingerprint !== fingerprint) throw keyReused();
    return { status: previous.status, json: previous.body, replayed: true };
  }

  if (article.comments?.enabled === false) {
    throw new ApiError(403, 'comments_closed', 'Comments are closed for this article.');
  }
  const wait = state.limiter.take(client, settings.rateLimit);
  if (wait > 0) throw rateLimited(wait);

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
    sql.insertIdempotent.run(article.slug, scope, key, fingerprint, 201, json, now);
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
 * @typedef {{ title: string, author: string, body: string }} CommentText
 */

/* eslint-disable no-control-regex */
/** Terminal escape sequences: CSI (`ESC [ … m`), OSC (`ESC ] … BEL`), and two-byte ones. */
const ANSI_ESCAPES =
  /\u001b(?:\[[0-?]*[ -/]*[@-~]?|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-_])?/g;
/** Line breaks other than \n, which the body keeps as \n. */
const OTHER_LINE_BREAKS = /\r\n?|[\u000b\u000c\u0085\u2028\u2029]/g;
/** C0 and C1 controls except tab and line feed. */
const CONTROLS_BUT_TAB_LF = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Any run of tabs and line breaks, which a one-line field turns into one space. */
const ONE_LINE_BREAKS = /[\t\n\r\u000b\u000c\u0085\u2028\u2029]+/g;
/* eslint-enable no-control-regex */
/** Bidirectional embeddings, overrides, isolates and marks: they can make text read backwards. */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/**
 * Invisible format characters (Unicode Cf: zero-width space, soft hyphen, BOM, tags…),
 * dropped from the title and the name. The joiners U+200C and U+200D stay: emoji
 * sequences and several scripts need them.
 */
const INVISIBLE_FORMAT = /(?![\u200c\u200d])\p{Cf}/gu;
/** A lone surrogate: only possible when the text is not well-formed Unicode. */
const LONE_SURROGATE = /[\ud800-\udfff]/u;
/** Something a reader can see: not a space, control, format character, mark or blank filler. */
const VISIBLE = /[^\s\p{Cc}\p{Cf}\p{Z}\p{M}\u115f\u1160\u2800\u3164\uffa0]/u;

/**
 * Cleans one field to the text that is stored (and echoed in the 201): terminal escapes,
 * controls and bidi overrides out (the body keeps \n and \t; the title and name also lose
 * every other invisible format character), NFC, trimmed.
 *
 * @param {string} value
 * @param {boolean} multiline
 */
function cleanText(value, multiline) {
  let text = value.replace(ANSI_ESCAPES, '').replace(BIDI_CONTROLS, '');
  text = multiline
    ? text.replace(OTHER_LINE_BREAKS, '\n').replace(CONTROLS_BUT_TAB_LF, '')
    : text
        .replace(ONE_LINE_BREAKS, ' ')
        .replace(/\p{Cc}/gu, '')
        .replace(INVISIBLE_FORMAT, '');
  return text.normalize('NFC').trim();
}

/**
 * Checks and cleans the comment fields; lengths are counted in Unicode code points of
 * the cleaned text, which is exactly what is stored and echoed.
 *
 * @param {Record<string, unknown>} input
 * @returns {CommentText}
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
    if (LONE_SURROGATE.test(value)) {
      fields[name] = `${label} contains characters that are not valid Unicode.`;
      continue;
    }
    const text = cleanText(value, name === 'body');
    const length = [...text].length;
    if (min > 0 && !VISIBLE.test(text)) fields[name] = `${label} is required.`;
    else if (length > max) fields[name] = `${label} must be ${max} characters or fewer.`;
    else values[name] = text;
  }
  if (Object.keys(fields).length > 0) {
    throw validationFailed('Some fields need attention before the comment can be posted.', fields);
  }
  return { title: values.title, author: values.author, body: values.body };
}

/**
 * Sliding-window rate limiter keyed by client (see clientKeyOf). `take` counts a comment
 * post, `takeInvalid` a rejected one (in its own budget, ten times larger, at least 100):
 * each returns 0 when the request may proceed, otherwise the seconds to wait.
 *
 * Each kind keeps at most `capacity` buckets. When full it evicts, in this order, buckets
 * whose hits have all expired, then the least recently used buckets that are not at
 * their limit, then the least recently used: a flood from many addresses cannot wipe
 * out the limit of a client that is being limited.
 *
 * @param {{ capacity?: number }} [options]
 */
function createRateLimiter({ capacity = LIMITER_CAPACITY } = {}) {
  /** @type {Map<string, number[]>} in order of last use, least recent first */
  const posts = new Map();
  /** @type {Map<string, number[]>} */
  const invalid = new Map();

  /**
   * @param {Map<string, number[]>} buckets
   * @param {string} client
   * @param {RateLimit} limit
   */
  function take(buckets, client, { max, windowMs }) {
    const now = Date.now();
    const recent = (buckets.get(client) ?? []).filter((t) => t > now - windowMs);
    buckets.delete(client);
    buckets.set(client, recent);
    if (recent.length >= max) {
      const oldest = recent[recent.length - max] ?? now;
      return Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
    }
    recent.push(now);
    if (buckets.size > capacity) evict(buckets, now, { max, windowMs });
    return 0;
  }

  /**
   * @param {Map<string, number[]>} buckets
   * @param {number} now
   * @param {RateLimit} limit
   */
  function evict(buckets, now, { max, windowMs }) {
    const target = Math.floor(capacity * 0.9);
    /** @type {Array<(hits: number[]) => boolean>} */
    const passes = [
      (hits) => hits.every((t) => t <= now - windowMs),
      (hits) => hits.filter((t) => t > now - windowMs).length < max,
      () => true,
    ];
    for (const evictable of passes) {
      for (const [client, hits] of buckets) {
        if (buckets.size <= target) return;
        if (evictable(hits)) buckets.delete(client);
      }
    }
  }

  return {
    /**
     * @param {string} client
     * @param {RateLimit} limit
     */
    take: (client, limit) => take(posts, client, limit),
    /**
     * @param {string} client
     * @param {RateLimit} limit
     */
    takeInvalid: (client, { max, windowMs }) =>
      take(invalid, client, { max: Math.max(100, max * 10), windowMs }),
    clear() {
      posts.clear();
      invalid.clear();
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
    client TEXT NOT NULL,
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    created INTEGER NOT NULL,
    PRIMARY KEY (article, client, key)
  );
  CREATE INDEX IF NOT EXISTS idempotency_by_age ON idempotency (created);
  CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value BLOB NOT NULL);
`;

/**
 * Idempotency records written before they were scoped to a client and fingerprinted
 * cannot be matched safely: a database from then loses them (they live a day at most;
 * the comments themselves are untouched).
 *
 * @param {import('better-sqlite3').Database} db
 */
function migrate(db) {
  const columns = db.prepare("SELECT name FROM pragma_table_info('idempotency')").pluck().all();
  if (columns.length > 0 && !columns.includes('fingerprint')) db.exec('DROP TABLE idempotency');
}

/**
 * The key of the hash that scopes idempotency records to a client, made once per database.
 *
 * @param {import('better-sqlite3').Database} db
 * @returns {Buffer}
 */
function secretOf(db) {
  db.prepare("INSERT OR IGNORE INTO meta (name, value) VALUES ('client-key', ?)").run(
    randomBytes(32),
  );
  return db.prepare("SELECT value FROM meta WHERE name = 'client-key'").pluck().get();
}

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
  migrate(db);
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
      'SELECT fingerprint, status, body FROM idempotency WHERE article = ? AND client = ? AND key = ?',
    ),
    insertIdempotent: db.prepare(
      `INSERT INTO idempotency (article, client, key, fingerprint, status, body, created)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
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
 * @property {Buffer} secret Key of the hash that scopes idempotency records to a client.
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
    secret: secretOf(db),
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
  const match = matchRoute(relative);
  if (!match) throw notFound(`Nothing is served at ${url.pathname}.`);
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { ...COMMON_HEADERS, ...PREFLIGHT_HEADERS }).end();
    return;
  }
  const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
  const handler = match.route.methods[method];
  if (!handler) {
    const allow = [...Object.keys(match.route.methods), 'HEAD', 'OPTIONS'].join(', ');
    throw new ApiError(405, 'method_not_allowed', `${req.method} is not allowed here.`, {
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
  if (res.headersSent || res.destroyed || req.socket.destroyed) {
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
  const {
    maxConnectionsPerClient = 32,
    headersTimeoutMs = 10_000,
    requestTimeoutMs = 30_000,
    keepAliveTimeoutMs = 5_000,
  } = options;

  const server = http.createServer(
    {
      // Slow clients: the headers must arrive within headersTimeout and the whole request
      // within requestTimeout (the body of a POST has its own, shorter, bodyTimeoutMs);
      // an idle kept-alive connection is closed after keepAliveTimeout. Node checks these
      // every connectionsCheckingInterval.
      headersTimeout: headersTimeoutMs,
      requestTimeout: requestTimeoutMs,
      keepAliveTimeout: keepAliveTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, headersTimeoutMs),
    },
    (req, res) => {
      respond(req, res).catch((error) => {
        log(
          `Server: ${req.method} ${req.url} failed: ${error instanceof Error ? error.stack : error}`,
        );
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Internal server error');
      });
    },
  );
  server.keepAliveTimeout = keepAliveTimeoutMs;

  // At most maxConnectionsPerClient open connections per client (an IPv6 /64 is one
  // client): one address cannot hold every socket the server has.
  /** @type {Map<string, number>} */
  const open = new Map();
  server.on('connection', (socket) => {
    const client = clientKeyOf(socket.remoteAddress);
    const count = (open.get(client) ?? 0) + 1;
    if (count > maxConnectionsPerClient) {
      socket.destroy();
      return;
    }
    open.set(client, count);
    socket.once('close', () => {
      const left = (open.get(client) ?? 1) - 1;
      if (left > 0) open.set(client, left);
      else open.delete(client);
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
