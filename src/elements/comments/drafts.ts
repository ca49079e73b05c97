/**
 * Comment drafts, kept per endpoint + article so that a reload, a crash or a failed
 * post never loses what the reader wrote. localStorage may be missing or throw
 * (Safari private mode, storage disabled, quota): the draft then lives in memory for
 * the life of the page (read first, so a failed write never resurrects an older
 * stored draft).
 *
 * The partner's storage is not ours to fill: a stored draft carries the time it was last
 * written and expires MAX_AGE_MS (30 days) later. An expired draft is dropped when
 * read, and every read from storage sweeps all expired or unreadable drafts of ours.
 * A posted draft is emptied at once; the record goes when nothing is left in it.
 *
 * The same record keeps the reader's own comments on the article with their deletion
 * tokens (`own`), until each token expires (24 hours): while one is valid, that comment
 * shows a Delete button in this browser.
 */
export interface Draft {
  title: string;
  author: string;
  body: string;
  /** The Idempotency-Key of this draft: made once, reused on every retry, dropped after a 201. */
  key: string;
  /** The reader's own comments here that they may still delete. */
  own: OwnComment[];
}

/** A comment the reader posted from this browser, and the token that deletes it. */
export interface OwnComment {
  /** The comment's id (`c-123`). */
  id: string;
  token: string;
  /** When the token stops working (ISO time). */
  expires: string;
}

const PREFIX = 'mhn-widgets:draft:';
/** How long a stored draft is kept after it was last written: 30 days. */
const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
const memory = new Map<string, Draft | null>();

export const emptyDraft = (own: OwnComment[] = []): Draft => ({
  title: '',
  author: '',
  body: '',
  key: '',
  own,
});

/** The own comments whose tokens still work at `now`. */
export const liveOwn = (own: readonly OwnComment[], now = Date.now()): OwnComment[] =>
  own.filter((o) => Date.parse(o.expires) > now);

/** Own comments as stored: well-formed and unexpired entries only. */
function ownOf(value: unknown, now: number): OwnComment[] {
  if (!Array.isArray(value)) return [];
  const ok = (o: Record<string, unknown>) =>
    typeof o['id'] === 'string' &&
    typeof o['token'] === 'string' &&
    typeof o['expires'] === 'string';
  const entries = value.filter(
    (o): o is OwnComment => typeof o === 'object' && o !== null && ok(o),
  );
  return liveOwn(
    entries.map(({ id, token, expires }) => ({ id, token, expires })),
    now,
  );
}

/** Nothing worth keeping: no text, no key, no own comment. */
const isEmpty = (d: Draft) => !d.title && !d.author && !d.body && !d.key && !d.own.length;

/** The storage key of the draft for one article of one endpoint. */
export const draftId = (endpoint: string, slug: string): string =>
  PREFIX + endpoint.trim().replace(/\/+$/, '') + '|' + slug;

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * The stored draft under `id`, or null when absent, unreadable or expired (both then
 * removed). `saved` is when it was last written; a draft stored before drafts expired
 * has none and counts from now.
 */
function readStored(store: Storage, id: string, now: number): Draft | null {
  let o: Record<string, unknown> | null | undefined;
  try {
    o = JSON.parse(store.getItem(id) ?? 'null') as typeof o;
  } catch {
    // Unreadable: removed below.
  }
  if (o === null) return null;
  const saved = o?.['saved'] ?? now;
  if (typeof o !== 'object' || Array.isArray(o) || !(now - (saved as number) <= MAX_AGE_MS)) {
    store.removeItem(id);
    return null;
  }
  const s = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : '');
  const draft = {
    title: s('title'),
    author: s('author'),
    body: s('body'),
    key: s('key'),
    own: ownOf(o['own'], now),
  };
  if (isEmpty(draft)) {
    // Only expired tokens were left: nothing of ours needs the partner's storage.
    store.removeItem(id);
    return null;
  }
  if (o['saved'] === undefined) write(store, id, draft, now);
  return draft;
}

function write(store: Storage, id: string, draft: Draft, now: number): void {
  store.setItem(id, JSON.stringify({ ...draft, saved: now }));
}

export function loadDraft(id: string): Draft {
  let draft = memory.get(id);
  if (draft === undefined) {
    const store = storage();
    const now = Date.now();
    try {
      draft = store ? readStored(store, id, now) : null;
      // Then every other draft of ours, so expired and unreadable ones never pile up.
      for (const key of store ? Object.keys(store) : []) {
        if (key.startsWith(PREFIX)) readStored(store!, key, now);
      }
    } catch {
      draft ??= null;
    }
  }
  return draft ? { ...draft, own: liveOwn(draft.own) } : emptyDraft();
}

/** Saves (or, with null, removes) a draft; never throws. */
export function saveDraft(id: string, draft: Draft | null): void {
  try {
    const store = storage();
    if (!store) throw new Error('no storage');
    if (draft && !isEmpty(draft)) write(store, id, draft, Date.now());
    else store.removeItem(id);
    memory.delete(id);
  } catch {
    // Storage refused (private mode, quota): a memory copy carries on.
    memory.set(id, draft && { ...draft, own: [...draft.own] });
  }
}

/** A random UUID, also in insecure contexts where `crypto.randomUUID` is missing. */
export function newKey(): string {
  try {
    return crypto.randomUUID();
  } catch {
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
}

/*
 * The comments this reader reported, kept beside the drafts (the same endpoint + article
 * key under its own prefix, the same storage, the same fallback to memory and the same
 * 30 days after the last report), so the Report control stays done after a reload.
 */
const REPORTED = 'mhn-widgets:reported:';
const reportedMemory = new Map<string, string[]>();

/** The storage key of the reported comments of one article of one endpoint. */
export const reportedId = (endpoint: string, slug: string): string =>
  REPORTED + draftId(endpoint, slug).slice(PREFIX.length);

/** The reported ids stored under `id`, or null when absent, unreadable or expired (removed). */
function readReported(store: Storage, id: string, now: number): string[] | null {
  type Stored = { ids?: unknown; saved?: unknown } | null;
  let o: Stored = null;
  try {
    o = JSON.parse(store.getItem(id) ?? 'null') as Stored;
  } catch {
    // Unreadable: removed below.
  }
  const ids = o?.ids;
  if (typeof o?.saved === 'number' && now - o.saved <= MAX_AGE_MS && Array.isArray(ids)) {
    return ids.filter((x): x is string => typeof x === 'string');
  }
  if (store.getItem(id) !== null) store.removeItem(id);
  return null;
}

/**
 * The ids of the comments reported here (none when storage is unreadable or expired).
 * Like the drafts, every read sweeps the expired or unreadable entries of every article.
 */
export function loadReported(id: string): Set<string> {
  const kept = reportedMemory.get(id);
  if (kept) return new Set(kept);
  try {
    const store = storage();
    if (!store) return new Set();
    const now = Date.now();
    const ids = readReported(store, id, now);
    for (const key of Object.keys(store)) {
      if (key.startsWith(REPORTED) && key !== id) readReported(store, key, now);
    }
    return new Set(ids);
  } catch {
    return new Set();
  }
}

/** Remembers one more reported comment; never throws. */
export function addReported(id: string, comment: string): void {
  const ids = [...loadReported(id), comment].filter((x, i, all) => all.indexOf(x) === i);
  try {
    const store = storage();
    if (!store) throw new Error('no storage');
    store.setItem(id, JSON.stringify({ ids, saved: Date.now() }));
    reportedMemory.delete(id);
  } catch {
    reportedMemory.set(id, ids);
  }
}
