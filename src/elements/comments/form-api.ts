/**
 * What the comment form reads from the API beyond the shared core (kept here so that
 * widgets without a form do not download it):
 *
 * - the form's timing token (`GET /comment-form`, never cached): asked for once per form
 *   shown, sent with the post. It only lets the server measure how long the form was on
 *   screen; when it fails to come the post goes without it, never blocked;
 * - the `201` of a post with `safety` and `deletion`.
 */
import { parseCommentPostResult, type CommentPostResult } from '../../core/api-types.js';
import type { ContentClient } from '../../core/content-client.js';
import { ContentError } from '../../core/errors.js';

/** The body of `GET /comment-form` (parsed here, not in the shared core: only this uses it). */
function parseCommentForm(value: unknown): { formToken: string } {
  const token = (value as { formToken?: unknown } | null)?.formToken;
  if (typeof token !== 'string') throw new ContentError('bad_response', 'No form token.');
  return { formToken: token };
}

export class FormToken {
  private token?: string;
  /** The form (draft id) the token is for; '' when none was asked for. */
  private shown = '';

  /** The form of draft `id` is on screen: ask for its token, unless already asked. */
  request(client: ContentClient, endpoint: string, id: string): void {
    if (this.shown === id) return;
    this.shown = id;
    this.token = undefined;
    client.get(endpoint, ['comment-form'], { parse: parseCommentForm, fresh: true }).then(
      ({ formToken }) => {
        if (this.shown === id) this.token = formToken;
      },
      () => undefined,
    );
  }

  /** The token of draft `id`'s form, if it came. */
  of(id: string): string | undefined {
    return this.shown === id ? this.token : undefined;
  }

  /** Forgets it: the next form shown (another article, the next comment) gets its own. */
  reset(): void {
    this.shown = '';
    this.token = undefined;
  }
}

/**
 * The `201` of a post, with what only this form reads: `safety`, and `deletion` (left
 * out when the widget could not use it, never an error).
 */
export function parsePosted(value: unknown): CommentPostResult {
  const result = parseCommentPostResult(value);
  const { safety, deletion: d } = value as { safety?: unknown; deletion?: Record<string, unknown> };
  if (safety === true) result.safety = true;
  const { token, expires } = d && typeof d === 'object' ? d : {};
  if (typeof token === 'string' && token && typeof expires === 'string' && Date.parse(expires)) {
    result.deletion = { token, expires };
  }
  return result;
}
