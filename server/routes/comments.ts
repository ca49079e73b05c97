/**
 * GET /articles/{slug}/comments (published comments, keyset-paged) and
 * POST /articles/{slug}/comments (a reader's comment: checked, rate-limited per client
 * through the shared store, idempotent per client and key).
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { COMMENT_SORTS, IDEMPOTENCY_KEY_LENGTH } from '../../src/contract/index.js';
import type { ServiceContext } from '../http/context.js';
import { ApiError, badRequest, invalidBody, rateLimited } from '../http/errors.js';
import type { Decision, Reason } from '../moderation/index.js';
import { decodeCursor, encodeCursor, limitOf, rawQuery } from '../http/paging.js';
import { CACHE, sendJson } from '../http/reply.js';
import type { RouteRegistrar } from '../http/registrar.js';
import type {
  CommentCursor,
  CommentSort,
  CreateCommentResult,
  IdempotencyClaim,
  IdempotencyLookup,
  StoredComment,
} from '../store/types.js';
import {
  eventFor,
  evaluate,
  safetyMatcher,
  type ModerationSettings,
  type SafetyList,
} from '../moderation/index.js';
import { commentPayload } from '../http/notify.js';
import { effectiveSettings } from '../http/site-settings.js';
import { moderationHistory } from '../store/moderation-adapters.js';
import { DELETION_WINDOW_MS, hashToken, newToken } from '../store/moderation-common.js';
import { findArticle } from './articles.js';
import { checkCommentText, type CommentText } from './comment-text.js';

/** ISO time without milliseconds when they are zero, as comments' `created`. */
const isoTime = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** The comment as the API presents it. */
export function presentComment(comment: StoredComment) {
  return {
    id: `c-${comment.id}`,
    title: comment.title,
    author: comment.author,
    created: isoTime(comment.created),
    body: comment.body,
  };
}

function sortOf(value: string | undefined): CommentSort {
  if (value === undefined) return 'newest';
  if ((COMMENT_SORTS as readonly string[]).includes(value)) return value as CommentSort;
  throw badRequest('sort must be "newest" or "oldest".');
}

function idempotencyKeyOf(request: FastifyRequest): string | null {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return null;
  const value = (Array.isArray(header) ? header.join(',') : header).trim();
  const { min, max } = IDEMPOTENCY_KEY_LENGTH;
  if (value.length < min || value.length > max) {
    throw badRequest(`Idempotency-Key must be ${min} to ${max} characters.`);
  }
  return value;
}

/** What makes two posts the same request: the article and the comment as stored. */
function fingerprintOf(article: string, input: CommentText): string {
  return createHash('sha256')
    .update(JSON.stringify([article, input.title, input.author, input.body]))
    .digest('base64url');
}

const keyReused = () =>
  new ApiError(
    'idempotency_key_reused',
    'This Idempotency-Key was already used for a different comment; send a new key with a new comment.',
  );

/**
 * Runs posts with one client's key one at a time in this process: a double click (or a
 * retry racing the first attempt) then finds the first one stored and is a replay, not a
 * second charge against the client's budget.
 */
function serializer() {
  const running = new Map<string, Promise<unknown>>();
  return async <T>(key: string | null, run: () => Promise<T>): Promise<T> => {
    if (key === null) return run();
    const current = (running.get(key) ?? Promise.resolve()).catch(() => undefined).then(run);
    running.set(key, current);
    try {
      return await current;
    } finally {
      if (running.get(key) === current) running.delete(key);
    }
  };
}

export function commentRoutes(app: FastifyInstance, ctx: ServiceContext, route: RouteRegistrar) {
  void app;
  const oneAtATime = serializer();
  route(
    'GET',
    '/articles/{slug}/comments',
    async (request, reply) => {
      const { slug } = request.params as { slug: string };
      const query = rawQuery(request.url);
      const article = findArticle(ctx, slug);
      const sort = sortOf(query.sort);
      const limit = limitOf(query);
      const after = decodeCursor<CommentCursor>(query.cursor, (c) =>
        c.s === sort && Number.isSafeInteger(c.c) && Number.isSafeInteger(c.i)
          ? { created: Number(c.c), id: Number(c.i) }
          : null,
      );
      const [rows, total] = await Promise.all([
        ctx.store.listPublished(article.slug, sort, after, limit + 1),
        ctx.store.countPublished(article.slug),
      ]);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return sendJson(request, reply, {
        body: {
          total,
          items: page.map(presentComment),
          nextCursor:
            rows.length > limit && last
              ? encodeCursor({ s: sort, c: last.created, i: last.id })
              : null,
        },
        cache: CACHE.revalidate,
      });
    },
    {
      invalid: {
        querystring: {
          code: 'bad_request',
          message:
            'sort, limit and cursor must be "newest" or "oldest", a page size and a cursor from this list.',
        },
      },
    },
  );

  route(
    'POST',
    '/articles/{slug}/comments',
    async (request, reply) => {
      const key = idempotencyKeyOf(request);
      const slot =
        key === null ? null : `${(await ctx.clientOf(request)).current}\n${request.url}\n${key}`;
      return oneAtATime(slot, () => postComment(ctx, request, reply));
    },
    {
      // A reader correcting a form must not use up the posting budget: mistakes count in
      // their own, larger budget, which only stops floods of junk.
      async onInvalidBody(request) {
        const { max, windowMs } = ctx.settings.rateLimit;
        const client = (await ctx.clientOf(request)).current;
        const invalid = await ctx.store.hit(`invalid:${client}`, Math.max(100, max * 10), windowMs);
        return invalid.allowed ? null : rateLimited(invalid.retryAfter);
      },
      explainInvalidBody(body) {
        const checked = checkCommentText(body);
        return checked.ok ? null : checked.error;
      },
      invalid: {
        headers: {
          code: 'bad_request',
          message: 'The request headers are not valid.',
          fields: {
            'idempotency-key': `Idempotency-Key must be ${IDEMPOTENCY_KEY_LENGTH.min} to ${IDEMPOTENCY_KEY_LENGTH.max} characters.`,
          },
        },
        body: {
          code: 'validation_failed',
          message: 'Some fields need attention before the comment can be posted.',
          fields: {
            title: 'Title must be text of 1 to 120 characters.',
            author: 'Name must be text of at most 60 characters.',
            body: 'Comment must be text of 1 to 5000 characters.',
          },
        },
      },
    },
  );
}

/** The settings, with the testing handle's minimum time when it sets one. */
function withTestTiming(ctx: ServiceContext, settings: ModerationSettings): ModerationSettings {
  const { minSubmitSeconds } = ctx.settings;
  return minSubmitSeconds === null ? settings : { ...settings, minSubmitSeconds };
}

/** The form's honeypot field (`website`), as sent: people never see it and leave it empty. */
function honeypotOf(body: unknown): string {
  const value = (body as { website?: unknown } | null)?.website;
  return typeof value === 'string' ? value : '';
}

/**
 * What the store kept for this key from this client, under its current key or (a retry
 * across a secret rotation) its previous one; null when the key is free.
 */
async function findReplay(
  ctx: ServiceContext,
  claim: IdempotencyClaim,
  clients: readonly string[],
): Promise<IdempotencyLookup | null> {
  for (const client of clients) {
    const found = await ctx.store.findIdempotent({ ...claim, client });
    if (found !== null) return found;
  }
  return null;
}

/** The form's timing token (`formToken`, from GET /comment-form), as sent. */
function formTokenOf(body: unknown): unknown {
  return (body as { formToken?: unknown } | null)?.formToken;
}

/** What the spam checker may be told about the request besides the comment. */
function headerFields(request: FastifyRequest): {
  userAgent?: string;
  referrer?: string;
  language?: string;
} {
  const header = (name: string) => {
    const value = request.headers[name];
    return typeof value === 'string' && value !== '' ? value.slice(0, 500) : undefined;
  };
  const fields = {
    userAgent: header('user-agent'),
    referrer: header('referer'),
    language: header('accept-language'),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

async function postComment(ctx: ServiceContext, request: FastifyRequest, reply: FastifyReply) {
  const { slug } = request.params as { slug: string };
  const article = findArticle(ctx, slug);
  const key = idempotencyKeyOf(request);
  // New comments, keys and budgets go under the current client key (a budget starts
  // afresh at a rotation, once a period); blocks, history and replays also match the
  // previous one.
  const clients = await ctx.clientOf(request);
  const client = clients.current;
  const { max, windowMs } = ctx.settings.rateLimit;

  const checked = checkCommentText(request.body);
  if (!checked.ok) throw invalidBody(checked.error);
  const input = checked.value;

  // Keys are per article (the same key on another article is another draft) and per
  // client (the store scopes them by the client's hash).
  const claim =
    key === null
      ? null
      : { key: `${article.slug}/${key}`, client, fingerprint: fingerprintOf(article.slug, input) };
  const created = Date.now();
  // The poster's own deletion: the token goes to them in the 201 (and in its replays),
  // the store keeps only its hash.
  const deletionToken = newToken();
  const create = (
    render: (comment: StoredComment) => { status: number; body: string },
    decision: Pick<Decision, 'status' | 'reasons' | 'fingerprint'>,
  ) =>
    ctx.store.createComment(
      {
        article: article.slug,
        ...input,
        created,
        status: decision.status,
        client,
        reasons: decision.reasons,
        ...(decision.fingerprint ? { bodyHash: decision.fingerprint } : {}),
        deletionTokenHash: hashToken(deletionToken),
      },
      claim,
      render,
    );

  // A retry of a stored post gets its first answer, even once the thread has closed or
  // the budget is spent, and costs nothing: a read that takes no id and no lock (a
  // creation rolled back here would use up an id on PostgreSQL and leave a gap).
  let result: CreateCommentResult | null =
    claim === null ? null : await findReplay(ctx, claim, clients.all);
  /** A new comment that needs a person, for the webhook once it is committed. */
  let held: { comment: StoredComment; decision: Decision } | null = null;
  if (result === null) {
    if (article.comments?.enabled === false) {
      throw new ApiError('comments_closed', 'Comments are closed for this article.');
    }
    const quota = await ctx.store.hit(`post:${client}`, max, windowMs);
    if (!quota.allowed) throw rateLimited(quota.retryAfter);
    const decision = await evaluate(
      { article: article.slug, ...input },
      {
        clients: clients.all,
        now: created,
        history: moderationHistory(ctx.store),
        safety: safetyMatcher(ctx.content().safety as readonly SafetyList[]),
        submission: {
          honeypot: honeypotOf(request.body),
          // A missing, forged or stale token: unknown, and the timing rule does not apply.
          formAgeMs: await ctx.formTokens.age(formTokenOf(request.body)),
          ...headerFields(request),
        },
        spamChecker: ctx.spamChecker,
        ...(ctx.spamCheckTimeoutMs === undefined
          ? {}
          : { spamCheckTimeoutMs: ctx.spamCheckTimeoutMs }),
        // A failing checker never holds a post up; the operator hears of it, without the
        // comment or the address.
        onSpamCheckerError: (error) =>
          request.log.warn({ err: { message: String(error) } }, 'spam checker failed'),
      },
      // Read on every post: a desk change applies at once, on every instance.
      withTestTiming(ctx, (await effectiveSettings(ctx)).settings),
    );
    const safety = decision.reasons.includes('safety');
    // A block found under the previous key is carried to the current one, so a poster
    // who keeps coming back stays blocked across rotations.
    if (await ctx.store.isBlocked(clients.all, clients.current)) {
      // A blocked poster's comments are kept out of sight like spam (a person in crisis
      // is still held for a person) and answered like any held comment.
      decision.reasons = [...decision.reasons, 'blocked' as Reason];
      decision.status = safety ? 'pending' : 'spam';
    }
    // Spam is answered as a held comment is: the poster (a bot) learns nothing.
    const shown = decision.status === 'published' ? 'published' : 'pending';
    result = await create((comment) => {
      held = { comment, decision };
      return {
        status: 201,
        body: JSON.stringify({
          status: shown,
          comment: presentComment(comment),
          ...(safety ? { safety: true } : {}),
          deletion: { token: deletionToken, expires: isoTime(created + DELETION_WINDOW_MS) },
        }),
      };
    }, decision);
  }
  if (result.outcome === 'created' && held !== null) {
    const { comment, decision } = held as { comment: StoredComment; decision: Decision };
    const event = eventFor(decision);
    // Fire and forget: the receiver never delays the reader's answer.
    if (event) ctx.notify(event, commentPayload(ctx, comment, { reasons: decision.reasons }));
  }
  switch (result.outcome) {
    case 'key-reused':
      throw keyReused();
    case 'replayed':
      return sendJson(request, reply, {
        status: result.status,
        json: result.body,
        cache: CACHE.none,
        headers: { 'Idempotency-Replayed': 'true' },
      });
    case 'created':
      return sendJson(request, reply, {
        status: result.status,
        json: result.body,
        cache: CACHE.none,
      });
  }
}
