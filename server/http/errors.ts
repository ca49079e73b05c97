/**
 * The contract's error envelope, `{ error: { code, message, fields? } }`, for every error
 * the service answers: its own (ApiError) and Fastify's (bad JSON, unknown media type,
 * body too large, schema validation), so that a client mistake is never a 5xx and a
 * server fault never shows its stack.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { API_ERROR_STATUS, type ApiErrorCode } from '../../src/contract/index.js';

/**
 * Codes only the admin API answers (not part of the widgets' contract, src/contract/):
 * no live session. (`forbidden` — a session whose role or request is refused — is in the
 * contract too: a poster's wrong deletion token is answered with it.)
 */
export const ADMIN_ERROR_STATUS = { unauthorized: 401 } as const;
export type AdminErrorCode = keyof typeof ADMIN_ERROR_STATUS;
const STATUS: Record<ApiErrorCode | AdminErrorCode, number> = {
  ...API_ERROR_STATUS,
  ...ADMIN_ERROR_STATUS,
};

export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode | AdminErrorCode;
  readonly fields: Record<string, string> | undefined;
  readonly headers: Record<string, string>;
  /** The request body was malformed or failed its checks (it counts as a mistake). */
  invalidBody = false;

  constructor(
    code: ApiErrorCode | AdminErrorCode,
    message: string,
    extra: { fields?: Record<string, string>; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.code = code;
    this.status = STATUS[code];
    this.fields = extra.fields;
    this.headers = extra.headers ?? {};
  }
}

export const badRequest = (message: string) => new ApiError('bad_request', message);

/** Marks an error as a rejected request body. */
export function invalidBody(error: ApiError): ApiError {
  error.invalidBody = true;
  return error;
}
export const notFound = (message: string) => new ApiError('not_found', message);
export const validationFailed = (message: string, fields: Record<string, string>) =>
  new ApiError('validation_failed', message, { fields });
export const rateLimited = (
  seconds: number,
  message = 'Too many comments from this address; try again later.',
) => new ApiError('rate_limited', message, { headers: { 'Retry-After': String(seconds) } });
export const methodNotAllowed = (method: string, allow: string) =>
  new ApiError('method_not_allowed', `${method} is not allowed here.`, {
    headers: { Allow: allow },
  });
export const payloadTooLarge = (limit: number) =>
  new ApiError('payload_too_large', `The request body must be at most ${limit} bytes.`, {
    headers: { Connection: 'close' },
  });
export const requestTimeout = () =>
  new ApiError('request_timeout', 'The request body took too long to arrive.', {
    headers: { Connection: 'close' },
  });
export const unsupportedMediaType = () =>
  new ApiError(
    'unsupported_media_type',
    'Send the comment as JSON (Content-Type: application/json).',
  );
export const unavailable = (message: string) => new ApiError('unavailable', message);
export const unauthorized = (message: string) => new ApiError('unauthorized', message);
export const forbidden = (message: string) => new ApiError('forbidden', message);

/**
 * How a route reports a failed schema validation of one part of the request: which
 * code, the sentence for the whole request, and a sentence per field.
 */
export interface ValidationPolicy {
  code: 'bad_request' | 'validation_failed';
  message: string;
  fields?: Record<string, string>;
}

/** A route's policies, by part: `querystring`, `params`, `headers`, `body`. */
export type ValidationPolicies = Partial<Record<string, ValidationPolicy>>;

/**
 * Translates any error thrown while answering into an ApiError. Errors that are not the
 * client's fault become 500 `internal`; the caller logs those.
 */
export function toApiError(error: unknown, policies?: ValidationPolicies): ApiError {
  if (error instanceof ApiError) return error;
  const fastifyError = error as Partial<FastifyError> & { validation?: unknown[] };
  if (Array.isArray(fastifyError.validation)) {
    return validationError(fastifyError as FastifyError, policies);
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
        ? unsupportedMediaType()
        : badRequest('The Content-Length header does not match the body.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError('payload_too_large', 'The request body is too large.', {
        headers: { Connection: 'close' },
      });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return invalidBody(badRequest('The request body is not valid JSON.'));
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_NOT_FOUND':
      return notFound('Nothing is served at this address.');
    default:
      break;
  }
  const status = fastifyError.statusCode ?? 500;
  if (status === 408) return requestTimeout();
  if (status === 413) {
    return new ApiError('payload_too_large', 'The request body is too large.', {
      headers: { Connection: 'close' },
    });
  }
  if (status >= 400 && status < 500) return badRequest('The request could not be understood.');
  return new ApiError('internal', 'Something went wrong on the server.');
}

interface AjvIssue {
  instancePath?: string;
  keyword?: string;
  params?: { missingProperty?: string };
}

function validationError(error: FastifyError, policies: ValidationPolicies | undefined): ApiError {
  const context = (error as unknown as { validationContext?: string }).validationContext ?? '';
  const api = schemaError(error, policies);
  return context === 'body' ? invalidBody(api) : api;
}

function schemaError(error: FastifyError, policies: ValidationPolicies | undefined): ApiError {
  const issues = (error as unknown as { validation: AjvIssue[] }).validation;
  const context = (error as unknown as { validationContext?: string }).validationContext ?? '';
  const policy = policies?.[context];
  if (context === 'body' && issues.some((i) => !i.instancePath && !i.params?.missingProperty)) {
    return badRequest('The request body must be a JSON object.');
  }
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const name =
      issue.params?.missingProperty ??
      (issue.instancePath ?? '').split('/').filter(Boolean)[0] ??
      context;
    fields[name] ??= policy?.fields?.[name] ?? `The ${name} value is not valid.`;
  }
  // A form's own fields are 422 with a sentence each; anything else (paging) is 400.
  const formFields = Object.keys(fields).every((name) => policy?.fields?.[name] !== undefined);
  if (policy?.code === 'validation_failed' && formFields) {
    return validationFailed(policy.message, fields);
  }
  const [first = ''] = Object.keys(fields);
  if (policy?.code === 'validation_failed') return badRequest(`The ${first} value is not valid.`);
  return badRequest(policy?.fields?.[first] ?? policy?.message ?? `${fields[first]}`);
}

/** Sends an ApiError as the envelope, with no caching. */
export function sendApiError(request: FastifyRequest, reply: FastifyReply, error: ApiError) {
  void request;
  const envelope = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.fields ? { fields: error.fields } : {}),
    },
  };
  return reply
    .code(error.status)
    .headers({
      ...error.headers,
      'Cache-Control': 'no-store',
      // Also for errors answered before the CORS hook ran (a URL that does not decode).
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Expose-Headers': 'ETag, Retry-After',
      'X-Content-Type-Options': 'nosniff',
    })
    .type('application/json; charset=utf-8')
    .send(JSON.stringify(envelope));
}
