/**
 * `ctx.notify`: the service's one webhook dispatcher (moderation/webhook.ts) behind a
 * call that never waits and never throws. The receiver (URL and secret) is looked up in
 * the effective settings (site-settings.ts) when the event is sent, so a desk change
 * applies at once; without a webhook, nothing is sent.
 */
import type { FastifyBaseLogger } from 'fastify';
import type {
  WebhookArticle,
  WebhookComment,
  WebhookDispatcher,
  WebhookEventType,
} from '../moderation/webhook.js';
import type { StoredComment } from '../store/types.js';
import { articleOf, type ServiceContext } from './context.js';
import { effectiveSettings } from './site-settings.js';

/** What an event says: the comment and its article (see docs/moderation.md#webhook). */
export interface NotifyPayload {
  comment: WebhookComment;
  article: WebhookArticle;
}

export type Notify = (type: WebhookEventType, payload: NotifyPayload) => void;

/**
 * The payload for a stored comment: `reasons` are the rules that held it; `reports`
 * (comment.reported) the reader reports so far.
 */
export function commentPayload(
  ctx: ServiceContext,
  comment: StoredComment,
  extra: { reasons: readonly string[]; reports?: number },
): NotifyPayload {
  const article = articleOf(ctx, comment.article);
  return {
    comment: {
      id: `c-${comment.id}`,
      title: comment.title,
      author: comment.author,
      body: comment.body,
      created: new Date(comment.created).toISOString(),
      status: comment.status,
      reasons: [...extra.reasons],
      ...(extra.reports === undefined ? {} : { reports: extra.reports }),
    },
    article: {
      slug: comment.article,
      title: article?.title ?? '',
      url: article?.url ?? '',
    },
  };
}

/**
 * The notifier: queues the event for the site's receiver, if it has one, and returns
 * at once. Failures are logged (the event type and why; never a body, a secret, or who
 * posted) and go no further.
 */
export function createNotifier(
  ctx: ServiceContext,
  dispatcher: WebhookDispatcher,
  log: () => FastifyBaseLogger | null,
): Notify {
  return (type, payload) => {
    void effectiveSettings(ctx)
      .then(({ settings }) => {
        if (settings.webhook) dispatcher.enqueue(settings.webhook, { type, ...payload });
      })
      .catch((error: unknown) => {
        log()?.error(
          { event: type, error: error instanceof Error ? error.message : String(error) },
          'webhook not sent: the settings could not be read',
        );
      });
  };
}
