/**
 * The text of a posted comment: a JSON object whose fields pass the contract's checks
 * (trimmed, lengths in code points). What is returned is exactly what gets stored.
 */
import { COMMENT_LIMITS, checkComment, type CommentField } from '../../src/contract/index.js';
import { ApiError, badRequest, validationFailed } from '../http/errors.js';

export interface CommentText {
  title: string;
  author: string;
  body: string;
}

const LABELS: Record<CommentField, string> = { title: 'Title', author: 'Name', body: 'Comment' };

export function checkCommentText(
  body: unknown,
): { ok: true; value: CommentText } | { ok: false; error: ApiError } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, error: badRequest('The request body must be a JSON object.') };
  }
  const checked = checkComment(body as Record<string, unknown>);
  if (checked.ok) return { ok: true, value: checked.value };
  const fields: Record<string, string> = {};
  for (const [name, problem] of Object.entries(checked.problems) as [CommentField, string][]) {
    const label = LABELS[name];
    fields[name] =
      problem === 'required'
        ? `${label} is required.`
        : problem === 'not_text'
          ? `${label} must be text.`
          : `${label} must be ${COMMENT_LIMITS[name].max} characters or fewer.`;
  }
  return {
    ok: false,
    error: validationFailed('Some fields need attention before the comment can be posted.', fields),
  };
}
