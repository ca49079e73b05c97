/**
 * The events every widget dispatches (bubbling and composed, so a partner page can
 * listen on `document`).
 */
import type { Comment } from './api-types.js';
import type { ContentErrorCode } from './errors.js';

export interface MhnLoadDetail<T = unknown> {
  data: T;
}

export interface MhnErrorDetail {
  error: { code: ContentErrorCode; message: string; status?: number };
}

export interface MhnCommentSubmitDetail {
  status: 'published' | 'pending';
  comment: Comment;
}

/** Every event a widget dispatches, by name. */
export interface MhnEventMap {
  'mhn-load': CustomEvent<MhnLoadDetail>;
  'mhn-error': CustomEvent<MhnErrorDetail>;
  'mhn-comment-submit': CustomEvent<MhnCommentSubmitDetail>;
}

// Every element's declarations import this module (through the base class), so
// `addEventListener('mhn-load', e => e.detail…)` is typed whichever entry point a page
// imports: the bundle, `core`, or one element's `define.js`.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends MhnEventMap {}
}

export type MhnEventName = keyof MhnEventMap;

/** Dispatches one of the widgets' events: bubbling and composed, with a typed detail. */
export function emit<K extends MhnEventName>(
  target: EventTarget,
  name: K,
  detail: MhnEventMap[K]['detail'],
): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
