/**
 * Comment drafts, kept per endpoint + article so that a reload, a crash or a failed
 * post never loses what the reader wrote. localStorage may be missing or throw
 * (Safari private mode, storage disabled, quota): the draft then lives in memory for
 * the life of the page (read first, so a failed write never resurrects an older
 * stored draft).
 */
export interface Draft {
  title: string;
  author: string;
  body: string;
  /** The Idempotency-Key of this draft: made once, reused on every retry, dropped after a 201. */
  key: string;
}

const PREFIX = 'mhn-widgets:draft:';
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

export function loadDraft(id: string): Draft {
  let draft = memory.get(id);
  if (draft === undefined) {
    try {
      const o = JSON.parse(storage()?.getItem(id) ?? 'null') as Record<string, unknown> | null;
      const s = (k: string) => (typeof o?.[k] === 'string' ? (o[k] as string) : '');
      draft = o && { title: s('title'), author: s('author'), body: s('body'), key: s('key') };
    } catch {
      draft = null;
    }
  }
  return draft ? { ...draft } : emptyDraft();
}

/** Saves (or, with null, removes) a draft; never throws. */
export function saveDraft(id: string, draft: Draft | null): void {
  try {
    const store = storage();
    if (!store) throw new Error('no storage');
    if (draft) store.setItem(id, JSON.stringify(draft));
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
