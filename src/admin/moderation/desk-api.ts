/**
 * The moderation desk's client for the admin API (`/api/v1/admin/…`, docs/moderation.md).
 *
 * Unlike the widgets' client (which never sends credentials), every request here carries
 * the session cookie (`credentials: 'include'`), and every state-changing one the
 * session's CSRF token (`X-CSRF-Token`). The service accepts writes only from its own
 * origin and its cookie is `SameSite=Strict`: the desk must be served from the API's
 * origin (the service's `/admin/` page, or a CMS page behind a proxy that forwards
 * `/api/v1/admin/` to the service with the original `Host`). Nothing is retried: a
 * moderator sees each failure and decides.
 */

export type Role = 'moderator' | 'admin';
export type QueueStatus = 'pending' | 'published' | 'rejected' | 'spam' | 'deleted';
export type Action = 'approve' | 'reject' | 'spam' | 'edit' | 'delete' | 'restore';

export interface DeskSession {
  name: string;
  role: Role;
  csrf: string;
}

export interface QueueComment {
  id: string;
  article: { slug: string; title: string | null; url: string | null };
  title: string;
  author: string;
  body: string;
  created: string;
  status: Exclude<QueueStatus, 'deleted'>;
  reasons: string[];
  safety: boolean;
  reports: number;
  edited: string | null;
  deleted: string | null;
}

export type Counts = Record<QueueStatus, number>;

export interface QueuePage {
  counts: Counts;
  items: QueueComment[];
  nextCursor: string | null;
}

export interface HistoryEntry {
  at: string;
  actor: string;
  action: string;
  note: string;
  before: { title?: string; body?: string; author?: string } | null;
}

/** `audit`: the audit entry the action wrote (what Undo names), null when nothing changed. */
export type ActionResult =
  | { id: string; ok: true; comment: QueueComment; audit: number | null }
  | { id: string; ok: false; error: string };

/** An action's extras: a rejection's reason, an edit, or what a `restore` undoes. */
export interface ActOptions {
  reason?: string;
  edit?: { title?: string; author?: string; body?: string };
  /** With `restore`: comment id → the audit entry to undo. */
  undo?: Record<string, number>;
}

export interface QueueQuery {
  status: QueueStatus;
  sort: 'newest' | 'oldest';
  article?: string;
  reason?: string;
  cursor?: string | null;
}

/** Why a request failed, in the terms the desk explains to a moderator. */
export type DeskErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'rate_limited'
  | 'not_found'
  | 'bad_request'
  | 'invalid'
  | 'network'
  | 'timeout'
  | 'server'
  | 'bad_response';

export class DeskError extends Error {
  constructor(
    readonly kind: DeskErrorKind,
    message: string,
    readonly retryAfter?: number,
    /** `invalid` (422): a sentence per field that needs attention. */
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'DeskError';
  }
}

const TIMEOUT_MS = 10_000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function bad(): never {
  throw new DeskError('bad_response', 'The server sent an answer the desk could not read.');
}

function parseComment(v: unknown): QueueComment {
  if (!isObject(v) || typeof v['id'] !== 'string' || !isObject(v['article'])) bad();
  const article = v['article'];
  return {
    id: v['id'],
    article: {
      slug: str(article['slug']),
      title: typeof article['title'] === 'string' ? article['title'] : null,
      url: typeof article['url'] === 'string' ? article['url'] : null,
    },
    title: str(v['title']),
    author: str(v['author']),
    body: str(v['body']),
    created: str(v['created']),
    status: str(v['status']) as QueueComment['status'],
    reasons: Array.isArray(v['reasons']) ? v['reasons'].filter((r) => typeof r === 'string') : [],
    safety: v['safety'] === true,
    reports: typeof v['reports'] === 'number' ? v['reports'] : 0,
    edited: typeof v['edited'] === 'string' ? v['edited'] : null,
    deleted: typeof v['deleted'] === 'string' ? v['deleted'] : null,
  };
}

function parseSession(v: unknown): DeskSession {
  if (!isObject(v) || !isObject(v['moderator']) || typeof v['csrfToken'] !== 'string') bad();
  const role = v['moderator']['role'] === 'admin' ? 'admin' : 'moderator';
  return { name: str(v['moderator']['name']), role, csrf: v['csrfToken'] };
}

const KINDS: Record<number, DeskErrorKind> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  408: 'timeout',
  422: 'invalid',
  429: 'rate_limited',
};

export class DeskApi {
  /** The session's CSRF token, once signed in. */
  csrf = '';

  constructor(
    readonly endpoint: string,
    private readonly fetchImpl: typeof fetch = (input, init) => globalThis.fetch(input, init),
  ) {}

  private url(path: string, query: Record<string, string | null | undefined> = {}): string {
    const base = new URL(this.endpoint.trim().replace(/\/+$/, '') + '/', document.baseURI);
    if (base.protocol !== 'https:' && base.protocol !== 'http:') {
      throw new DeskError('bad_request', 'The endpoint must be an http(s) URL.');
    }
    const url = new URL(`admin/${path}`, base);
    for (const [key, value] of Object.entries(query)) if (value) url.searchParams.set(key, value);
    return url.href;
  }

  /** One call to the admin API (`path` under `admin/`); its JSON, or null for a 204. */
  async request(
    method: string,
    path: string,
    options: { query?: Record<string, string | null | undefined>; body?: unknown } = {},
  ): Promise<unknown> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && this.csrf) headers['X-CSRF-Token'] = this.csrf;
    let response: Response;
    try {
      response = await this.fetchImpl(this.url(path, options.query), {
        method,
        headers,
        body: options.body === undefined ? null : JSON.stringify(options.body),
        credentials: 'include',
        mode: 'cors',
        cache: 'no-store',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      if (error instanceof DeskError) throw error;
      const timedOut = (error as Error)?.name === 'TimeoutError';
      throw new DeskError(
        timedOut ? 'timeout' : 'network',
        timedOut ? 'The server took too long to answer.' : 'The server could not be reached.',
      );
    }
    if (response.status === 204) return null;
    let json: unknown = null;
    try {
      json = JSON.parse(await response.text());
    } catch {
      if (response.ok) bad();
    }
    if (!response.ok) {
      const envelope = isObject(json) && isObject(json['error']) ? json['error'] : {};
      const retry = Number(response.headers.get('Retry-After'));
      const fields: Record<string, string> = {};
      if (isObject(envelope['fields'])) {
        for (const [key, value] of Object.entries(envelope['fields'])) {
          if (typeof value === 'string') fields[key] = value;
        }
      }
      throw new DeskError(
        KINDS[response.status] ?? (response.status >= 500 ? 'server' : 'bad_request'),
        str(envelope['message']) || `The server answered ${response.status}.`,
        Number.isFinite(retry) && retry > 0 ? retry : undefined,
        fields,
      );
    }
    return json;
  }

  /** The signed-in moderator, or null when there is no session. */
  async session(): Promise<DeskSession | null> {
    try {
      const session = parseSession(await this.request('GET', 'session'));
      this.csrf = session.csrf;
      return session;
    } catch (error) {
      if (error instanceof DeskError && error.kind === 'unauthorized') return null;
      throw error;
    }
  }

  async signIn(name: string, password: string): Promise<DeskSession> {
    const session = parseSession(
      await this.request('POST', 'session', { body: { name, password } }),
    );
    this.csrf = session.csrf;
    return session;
  }

  async signOut(): Promise<void> {
    try {
      await this.request('DELETE', 'session');
    } finally {
      this.csrf = '';
    }
  }

  async queue(query: QueueQuery): Promise<QueuePage> {
    const json = await this.request('GET', 'comments', {
      query: { ...query, cursor: query.cursor ?? null, limit: '50' },
    });
    if (!isObject(json) || !Array.isArray(json['items']) || !isObject(json['counts'])) bad();
    const counts = {} as Counts;
    for (const status of ['pending', 'published', 'rejected', 'spam', 'deleted'] as const) {
      const n = json['counts'][status];
      counts[status] = typeof n === 'number' ? n : 0;
    }
    return {
      counts,
      items: json['items'].map(parseComment),
      nextCursor: typeof json['nextCursor'] === 'string' ? json['nextCursor'] : null,
    };
  }

  /** A comment's history: every action on it, oldest first. */
  async history(id: string): Promise<HistoryEntry[]> {
    const json = await this.request('GET', `comments/${encodeURIComponent(id)}`);
    if (!isObject(json) || !Array.isArray(json['history'])) bad();
    return json['history'].filter(isObject).map((entry) => ({
      at: str(entry['at']),
      actor: str(entry['actor']),
      action: str(entry['action']),
      note: str(entry['note']),
      before: isObject(entry['before']) ? (entry['before'] as HistoryEntry['before']) : null,
    }));
  }

  async act(ids: string[], action: Action, extra: ActOptions = {}): Promise<ActionResult[]> {
    const json = await this.request('POST', 'actions', { body: { ids, action, ...extra } });
    if (!isObject(json) || !Array.isArray(json['results'])) bad();
    return json['results'].map((r): ActionResult => {
      if (!isObject(r) || typeof r['id'] !== 'string') bad();
      return r['ok'] === true
        ? {
            id: r['id'],
            ok: true,
            comment: parseComment(r['comment']),
            audit: typeof r['audit'] === 'number' ? r['audit'] : null,
          }
        : { id: r['id'], ok: false, error: str(r['error']) };
    });
  }

  /** Blocks a comment's poster; with `removeAll`, deletes everything they posted. */
  async block(comment: string, removeAll: boolean): Promise<{ removed: string[] }> {
    const json = await this.request('POST', 'blocks', { body: { comment, removeAll } });
    if (!isObject(json)) bad();
    const removed = Array.isArray(json['removed']) ? json['removed'].map(str) : [];
    return { removed };
  }
}
