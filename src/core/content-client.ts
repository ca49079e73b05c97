/**
 * The only code in the project that speaks HTTP.
 *
 * - every request is `credentials: 'omit'`, CORS, JSON only;
 * - each attempt has a timeout, and a GET has an overall deadline across retries, so
 *   a hung or dead endpoint reaches an error state in about 15 s at most;
 * - GETs are retried on network errors, timeouts (408 too), 5xx and 429 with exponential
 *   backoff that honours `Retry-After` (when it fits in the deadline);
 * - identical GETs in flight are shared, and answers are cached for a short time, so
 *   two widgets asking for the same resource cause one request;
 * - every failure is a typed ContentError (see STATUS_CODES); callers abort through an
 *   AbortSignal, and a shared request is only cancelled when every caller has gone.
 */
import { ContentError, type ContentErrorCode } from './errors.js';
import { pathSegment } from './urls.js';

export interface ClientOptions {
  /** The fetch to use (tests may wrap it). Default: the global fetch. */
  fetch?: typeof fetch;
  /** Timeout of one attempt, in ms. Default 10 000. */
  timeoutMs?: number;
  /** Budget of a GET including its retries, in ms. Default 15 000. */
  deadlineMs?: number;
  /** Retries after the first attempt of a GET. Default 2. */
  retries?: number;
  /** First backoff delay, doubled on each retry. Default 500. */
  backoffMs?: number;
  /** How long a successful GET is served from memory, in ms. Default 60 000. */
  cacheTtlMs?: number;
}

export type Query = Record<string, string | number | null | undefined>;

export interface GetOptions<T> {
  parse: (json: unknown) => T;
  query?: Query;
  signal?: AbortSignal;
  /** Skip the memory cache (the in-flight request is still shared). */
  fresh?: boolean;
}

export interface PostOptions<T> {
  parse: (json: unknown) => T;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

interface InFlight {
  promise: Promise<unknown>;
  controller: AbortController;
  callers: number;
}

const abortError = () => new ContentError('aborted', 'The request was cancelled.');

/**
 * Builds `endpoint/seg/seg?query`, refusing anything but http(s) endpoints. Each segment
 * is data (see pathSegment): a slug or id of `.` or `..` names nothing, so it is a
 * not_found error here, never a request for the parent resource.
 */
export function buildUrl(endpoint: string, path: readonly string[], query: Query = {}): string {
  let base: URL;
  try {
    base = new URL(endpoint.trim().replace(/\/+$/, '') + '/', document.baseURI);
  } catch {
    throw new ContentError('not_configured', `The endpoint "${endpoint}" is not a valid URL.`);
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new ContentError('not_configured', 'The endpoint must be an http(s) URL.');
  }
  const segments = path.map(pathSegment);
  if (segments.includes(undefined)) {
    throw new ContentError('not_found', 'Not found: "." and ".." are not names.');
  }
  const url = new URL(segments.join('/'), base);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') {
      url.searchParams.set(key, String(value));
    }
  }
  return url.href;
}

/** `Retry-After` as seconds (delta-seconds or an HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Rejects with an AbortError-coded ContentError when `signal` aborts first. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new ContentError('bad_response', 'The server did not answer with JSON.', {
      status: response.status,
    });
  }
}

/**
 * Error codes by status. A 408 means the body did not arrive in time, so nothing was
 * done: it is retried like a timeout. 405 and 415 stay `http` (the client and the server
 * disagree); the server's own `error.code` is always kept as `serverCode`.
 */
const STATUS_CODES: Partial<Record<number, ContentErrorCode>> = {
  404: 'not_found',
  408: 'timeout',
  413: 'payload_too_large',
  422: 'validation_failed',
  429: 'rate_limited',
};

/** Turns a non-2xx response into a typed error, reading the contract's envelope when there is one. */
async function errorFromResponse(response: Response): Promise<ContentError> {
  let serverCode: string | undefined;
  let message: string | undefined;
  let fields: Record<string, string> | undefined;
  try {
    const body = (await readJson(response)) as { error?: Record<string, unknown> } | null;
    const envelope = body && typeof body === 'object' ? body.error : undefined;
    if (envelope && typeof envelope === 'object') {
      if (typeof envelope['code'] === 'string') serverCode = envelope['code'];
      if (typeof envelope['message'] === 'string') message = envelope['message'];
      const f = envelope['fields'];
      if (f && typeof f === 'object') {
        fields = {};
        for (const [k, v] of Object.entries(f)) if (typeof v === 'string') fields[k] = v;
      }
    }
  } catch {
    // A non-JSON or empty error body still gets a typed error from its status.
  }
  const status = response.status;
  const init = {
    status,
    serverCode,
    fields,
    retryAfter: parseRetryAfter(response.headers.get('Retry-After')),
  };
  // The server's code wins where it says more than the status.
  const code =
    serverCode === 'idempotency_key_reused' || serverCode === 'comments_closed'
      ? serverCode
      : (STATUS_CODES[status] ?? 'http');
  return new ContentError(code, message ?? `The server answered ${status}.`, init);
}

function isRetryable(error: ContentError): boolean {
  return (
    error.code === 'network' ||
    error.code === 'timeout' ||
    error.code === 'rate_limited' ||
    (error.code === 'http' && (error.status ?? 0) >= 500)
  );
}

export class ContentClient {
  readonly timeoutMs: number;
  readonly deadlineMs: number;
  readonly retries: number;
  readonly backoffMs: number;
  readonly cacheTtlMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly inFlight = new Map<string, InFlight>();
  private readonly cache = new Map<string, { expires: number; json: unknown }>();

  constructor(options: ClientOptions = {}) {
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.deadlineMs = options.deadlineMs ?? 15_000;
    this.retries = options.retries ?? 2;
    this.backoffMs = options.backoffMs ?? 500;
    this.cacheTtlMs = options.cacheTtlMs ?? 60_000;
  }

  /** GET `endpoint/path` and parse it; shared, cached and retried as described above. */
  async get<T>(endpoint: string, path: readonly string[], options: GetOptions<T>): Promise<T> {
    const url = buildUrl(endpoint, path, options.query);
    const cached = this.cache.get(url);
    if (!options.fresh && cached && cached.expires > Date.now()) {
      if (options.signal?.aborted) throw abortError();
      return options.parse(cached.json);
    }
    const json = await this.join(url, options.signal);
    return options.parse(json);
  }

  /** POST JSON (never retried automatically: the caller retries with the same idempotency key). */
  async post<T>(
    endpoint: string,
    path: readonly string[],
    body: unknown,
    options: PostOptions<T>,
  ): Promise<T> {
    const url = buildUrl(endpoint, path);
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Content-Type': 'application/json',
    };
    if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
    const json = await this.attempt(
      url,
      { method: 'POST', headers, body: JSON.stringify(body) },
      this.timeoutMs,
      options.signal,
    );
    return options.parse(json);
  }

  /**
   * DELETE with a bearer token (a poster's own comment); never retried automatically.
   * Resolves when the server answers 2xx (204: no body).
   */
  async delete(
    endpoint: string,
    path: readonly string[],
    options: { token: string; signal?: AbortSignal },
  ): Promise<void> {
    const url = buildUrl(endpoint, path);
    const headers = { Accept: 'application/json', Authorization: `Bearer ${options.token}` };
    await this.attempt(url, { method: 'DELETE', headers }, this.timeoutMs, options.signal);
  }

  /** Drops cached answers whose URL starts with `prefix` (every answer when omitted). */
  invalidate(prefix = ''): void {
    for (const key of [...this.cache.keys()]) if (key.startsWith(prefix)) this.cache.delete(key);
  }

  /** Joins (or starts) the shared request for `url`; leaving aborts it only when nobody waits. */
  private join(url: string, signal: AbortSignal | undefined): Promise<unknown> {
    if (signal?.aborted) return Promise.reject(abortError());
    let entry = this.inFlight.get(url);
    if (!entry) {
      const controller = new AbortController();
      const promise = this.getWithRetries(url, controller.signal).then(
        (json) => {
          if (this.inFlight.get(url) === entry) this.inFlight.delete(url);
          this.cache.set(url, { expires: Date.now() + this.cacheTtlMs, json });
          return json;
        },
        (error: unknown) => {
          if (this.inFlight.get(url) === entry) this.inFlight.delete(url);
          throw error;
        },
      );
      // The shared promise may reject after every caller left; that is not unhandled.
      promise.catch(() => undefined);
      entry = { promise, controller, callers: 0 };
      this.inFlight.set(url, entry);
    }
    const shared = entry;
    shared.callers += 1;
    const leave = () => {
      shared.callers -= 1;
      if (shared.callers === 0) {
        shared.controller.abort();
        if (this.inFlight.get(url) === shared) this.inFlight.delete(url);
      }
    };
    signal?.addEventListener('abort', leave, { once: true });
    return raceAbort(shared.promise, signal).finally(() =>
      signal?.removeEventListener('abort', leave),
    );
  }

  private async getWithRetries(url: string, signal: AbortSignal): Promise<unknown> {
    const deadline = Date.now() + this.deadlineMs;
    const init: RequestInit = { method: 'GET', headers: { Accept: 'application/json' } };
    for (let attempt = 0; ; attempt += 1) {
      const remaining = deadline - Date.now();
      try {
        return await this.attempt(url, init, Math.min(this.timeoutMs, remaining), signal);
      } catch (e) {
        const error = e as ContentError;
        if (signal.aborted || attempt >= this.retries || !isRetryable(error)) throw error;
        const backoff = this.backoffMs * 2 ** attempt * (0.8 + Math.random() * 0.4);
        const wait = error.retryAfter !== undefined ? error.retryAfter * 1000 : backoff;
        // Waiting past the deadline would only delay the error state: give up now.
        if (Date.now() + wait + 250 >= deadline) throw error;
        await sleep(wait, signal);
      }
    }
  }

  /** One HTTP exchange with a timeout; resolves with parsed JSON or rejects with a ContentError. */
  private async attempt(
    url: string,
    init: RequestInit,
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<unknown> {
    if (signal?.aborted) throw abortError();
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(
      () => {
        timedOut = true;
        controller.abort();
      },
      Math.max(0, timeoutMs),
    );
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const response = await this.fetchImpl(url, {
        ...init,
        signal: controller.signal,
        credentials: 'omit',
        mode: 'cors',
        redirect: 'follow',
      });
      if (!response.ok) throw await errorFromResponse(response);
      return response.status === 204 ? null : await readJson(response);
    } catch (e) {
      if (e instanceof ContentError) throw e;
      if (timedOut) throw new ContentError('timeout', 'The server took too long to answer.');
      if (signal?.aborted) throw abortError();
      throw new ContentError('network', 'The server could not be reached.', { cause: e });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}

/** The client every element on the page shares (one per copy of the library). */
export const sharedClient = new ContentClient();
