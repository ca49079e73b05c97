/**
 * Typed errors for everything that can go wrong between a widget and its endpoint.
 * Widgets render these as states; they never escape into the partner page.
 */
export type ContentErrorCode =
  | 'not_found'
  | 'network'
  | 'timeout'
  | 'bad_response'
  | 'http'
  | 'rate_limited'
  | 'validation_failed'
  /** The Idempotency-Key came before with a different body (the first one may be stored). */
  | 'idempotency_key_reused'
  | 'payload_too_large'
  | 'comments_closed'
  | 'not_configured'
  | 'aborted';

export interface ContentErrorInit {
  status?: number;
  /** Seconds to wait before trying again (from `Retry-After`). */
  retryAfter?: number;
  /** Field messages from a `422 validation_failed` envelope. */
  fields?: Record<string, string>;
  /** The `error.code` the server sent, when it sent one. */
  serverCode?: string;
  cause?: unknown;
}

export class ContentError extends Error {
  override readonly name = 'ContentError';
  readonly code: ContentErrorCode;
  readonly status?: number;
  readonly retryAfter?: number;
  readonly fields?: Record<string, string>;
  readonly serverCode?: string;

  constructor(code: ContentErrorCode, message: string, init: ContentErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = code;
    this.status = init.status;
    this.retryAfter = init.retryAfter;
    this.fields = init.fields;
    this.serverCode = init.serverCode;
  }

  /** The plain shape carried by `mhn-error` events. */
  toJSON(): { code: ContentErrorCode; message: string; status?: number } {
    return this.status === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, status: this.status };
  }
}

/** Normalises anything thrown into a ContentError (aborts included). */
export function toContentError(error: unknown): ContentError {
  if (error instanceof ContentError) return error;
  if (isAbortError(error)) return new ContentError('aborted', 'The request was cancelled.');
  const message = error instanceof Error ? error.message : String(error);
  return new ContentError('bad_response', message || 'Unexpected error.', { cause: error });
}

export function isAbortError(error: unknown): boolean {
  return (
    (error instanceof DOMException && error.name === 'AbortError') ||
    (error instanceof ContentError && error.code === 'aborted')
  );
}
