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

declare global {
  interface GlobalEventHandlersEventMap {
    'mhn-load': CustomEvent<MhnLoadDetail>;
    'mhn-error': CustomEvent<MhnErrorDetail>;
    'mhn-comment-submit': CustomEvent<MhnCommentSubmitDetail>;
  }
}

export type MhnEventName = 'mhn-load' | 'mhn-error' | 'mhn-comment-submit';

/** Dispatches one of the widgets' events: bubbling and composed, with a typed detail. */
export function emit<K extends MhnEventName>(
  target: EventTarget,
  name: K,
  detail: GlobalEventHandlersEventMap[K]['detail'],
): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
