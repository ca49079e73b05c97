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
 * A posted draft is removed at once (saveDraft(id, null)).
 */
export interface Draft {
  title: string;
  author: string;
  body: string;
  /** The Idempotency-Key of this draft: made once, reused on every retry, dropped after a 201. */
  key: string;
}

const PREFIX = 'mhn-widgets:draft:';
/** How long a stored draft is kept after it was last written: 30 days. */
const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
const memory = new Map<string, Draft | null>();

export const emptyDraft = (): Draft => ({ title: '', author: '', body: '', key: '' });

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
  const draft = { title: s('title'), author: s('author'), body: s('body'), key: s('key') };
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
  return draft ? { ...draft } : emptyDraft();
}

/** Saves (or, with null, removes) a draft; never throws. */
export function saveDraft(id: string, draft: Draft | null): void {
  try {
    const store = storage();
    if (!store) throw new Error('no storage');
    if (draft) write(store, id, draft, Date.now());
    else store.removeItem(id);
    memory.delete(id);
  } catch {
    // Storage refused (private mode, quota): a memory copy carries on.
    memory.set(id, draft && { ...draft });
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
