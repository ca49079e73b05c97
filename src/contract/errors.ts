/**
 * The error envelope every non-2xx response of the Content API carries, and the codes
 * it may hold. Codes are fixed: clients switch on them; the message is for people.
 */

/** Every `error.code` a server may send, with the HTTP status it goes with. */
export const API_ERROR_STATUS = {
  bad_request: 400,
  comments_closed: 403,
  /** The request carries credentials that do not allow it (a wrong deletion token). */
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  request_timeout: 408,
  /** The poster's deletion token has expired (24 hours after posting). */
  deletion_expired: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  /** The same Idempotency-Key came back with a different request body. */
  idempotency_key_reused: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_STATUS;

/** The codes, in status order. */
export const API_ERROR_CODES = /* @__PURE__ */ Object.keys(API_ERROR_STATUS) as ApiErrorCode[];

export function isApiErrorCode(value: unknown): value is ApiErrorCode {
  return typeof value === 'string' && Object.hasOwn(API_ERROR_STATUS, value);
}

export interface ApiError {
  code: ApiErrorCode;
  /** A sentence for people; never parsed. */
  message: string;
  /** `validation_failed` only: a message per request field (`title`, `postalCode`, …). */
  fields?: Record<string, string>;
}

/** The body of every error response. */
export interface ErrorEnvelope {
  error: ApiError;
}
