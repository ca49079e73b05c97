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
