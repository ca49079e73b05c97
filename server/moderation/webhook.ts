/**
 * Webhooks: a site's receiver (its URL and secret in `site.yaml`) is told about
 * comments that need a person — `comment.pending`, `comment.safety`, `comment.reported`.
 *
 * Each delivery is a POST of the event as JSON, signed like Stripe's and GitHub's:
 *
 *   X-MHN-Timestamp: <unix seconds>
 *   X-MHN-Signature: sha256=<hex HMAC-SHA256(secret, `${timestamp}.${body}`)>
 *   X-MHN-Delivery:  <the event id; the same on every retry, for deduplication>
 *   X-MHN-Event:     <the event type>
 *
 * Delivery never holds up a reader: `enqueue` returns at once; a receiver that fails is
 * retried with exponential backoff and jitter, a bounded number of times; one that hangs
 * is abandoned after a timeout. `close()` stops everything.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { WebhookTarget } from './settings.js';

export type WebhookEventType = 'comment.pending' | 'comment.safety' | 'comment.reported';

export interface WebhookComment {
  /** As the API presents it (`c-<id>`). */
  id: string;
  title: string;
  author: string;
  body: string;
  /** ISO 8601. */
  created: string;
  status: string;
  /** The moderation rules that matched (rules.ts). */
  reasons: string[];
  /** Reader reports so far (comment.reported). */
  reports?: number;
}

export interface WebhookArticle {
  slug: string;
  title: string;
  url: string;
}

export interface WebhookEvent {
  type: WebhookEventType;
  /** The delivery id: unique per event, the same on every attempt. */
  id: string;
  /** ISO 8601. */
  occurredAt: string;
  comment: WebhookComment;
  article: WebhookArticle;
}

/** What happened to a delivery, for the service's log (never the secret). */
export interface DeliveryReport {
  outcome: 'delivered' | 'retrying' | 'failed' | 'dropped';
  id: string;
  type: WebhookEventType;
  attempt: number;
  /** The receiver's HTTP status, when it answered. */
  status?: number;
  error?: string;
  /** With `retrying`: how long until the next attempt. */
  retryInMs?: number;
}

export interface WebhookDispatcherOptions {
  /** Attempts per delivery, the first included (default 6). */
  maxAttempts?: number;
  /** The first retry's delay before jitter (default 1 s); each next one doubles. */
  backoffBaseMs?: number;
  /** No retry waits longer than this (default 10 minutes). */
  backoffMaxMs?: number;
  /** One attempt's limit, from request to response headers (default 5 s). */
  timeoutMs?: number;
  /** Deliveries in flight at once (default 4). */
  concurrency?: number;
  /** Deliveries waiting beyond this drop the oldest (default 1000). */
  maxQueue?: number;
  /** 0 <= x < 1; jitter (default Math.random). */
  random?: () => number;
  /** Milliseconds since the epoch (default Date.now). */
  now?: () => number;
  onReport?: (report: DeliveryReport) => void;
}

/** `sha256=<hex>`: the signature of `${timestamp}.${body}`. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface VerifyInput {
  secret: string;
  /** The raw request body, exactly as received. */
  body: string;
  /** The X-MHN-Signature header. */
  signature: string | undefined;
  /** The X-MHN-Timestamp header. */
  timestamp: string | undefined;
  /** How old a delivery may be (default 300 s), against replays. */
  toleranceSeconds?: number;
  /** Milliseconds since the epoch (default Date.now). */
  now?: number;
}

/** The receiver's check: the signature matches and the timestamp is recent. */
export function verifyWebhook(input: VerifyInput): boolean {
  const { secret, body, signature, timestamp } = input;
  if (signature === undefined || timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) {
    return false;
  }
  const seconds = Number(timestamp);
  const now = (input.now ?? Date.now()) / 1000;
  if (Math.abs(now - seconds) > (input.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(secret, seconds, body));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

interface Job {
  target: WebhookTarget;
  event: WebhookEvent;
  body: string;
  attempt: number;
}

const RETRY_STATUS = new Set([408, 425, 429]);

export class WebhookDispatcher {
  private readonly maxAttempts: number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private readonly timeoutMs: number;
  private readonly concurrency: number;
  private readonly maxQueue: number;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly onReport: (report: DeliveryReport) => void;

  private readonly waiting: Job[] = [];
  private readonly timers = new Map<NodeJS.Timeout, Job>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly stop = new AbortController();
  private closed = false;
  private idleWaiters: (() => void)[] = [];

  constructor(options: WebhookDispatcherOptions = {}) {
    this.maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? 6));
    this.backoffBaseMs = Math.max(0, options.backoffBaseMs ?? 1000);
    this.backoffMaxMs = Math.max(this.backoffBaseMs, options.backoffMaxMs ?? 10 * 60_000);
    this.timeoutMs = Math.max(1, options.timeoutMs ?? 5000);
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
    this.maxQueue = Math.max(1, Math.floor(options.maxQueue ?? 1000));
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    const onReport = options.onReport;
    this.onReport = (report) => {
      try {
        onReport?.(report);
      } catch {
        // A logging mistake must not stop deliveries.
      }
    };
  }

  /**
   * Queues an event for `target` and returns its delivery id at once. The event gets
   * its id and time here; after `close()` nothing is queued (reported as dropped).
   */
  enqueue(
    target: WebhookTarget,
    event: { type: WebhookEventType; comment: WebhookComment; article: WebhookArticle },
  ): string {
    const full: WebhookEvent = {
      type: event.type,
      id: randomUUID(),
      occurredAt: new Date(this.now()).toISOString(),
      comment: event.comment,
      article: event.article,
    };
    const job: Job = { target, event: full, body: JSON.stringify(full), attempt: 0 };
    if (this.closed) {
      this.report(job, 'dropped', { error: 'the dispatcher is closed' });
      return full.id;
    }
    this.waiting.push(job);
    while (this.waiting.length > this.maxQueue) {
      const oldest = this.waiting.shift();
      if (oldest) this.report(oldest, 'dropped', { error: 'too many deliveries waiting' });
    }
    this.pump();
    return full.id;
  }

  /** Deliveries waiting, in flight or waiting to be retried. */
  get pending(): number {
    return this.waiting.length + this.inFlight.size + this.timers.size;
  }

  /** Resolves when nothing is waiting, in flight or scheduled (tests, graceful stops). */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops: no new attempts, no retries; attempts in flight are aborted. */
  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      for (const [timer, job] of this.timers) {
        clearTimeout(timer);
        this.report(job, 'dropped', { error: 'the dispatcher closed before the retry' });
      }
      this.timers.clear();
      for (const job of this.waiting.splice(0)) {
        this.report(job, 'dropped', { error: 'the dispatcher closed' });
      }
      this.stop.abort();
    }
    await Promise.allSettled([...this.inFlight]);
    this.settleIdle();
  }

  private report(
    job: Job,
    outcome: DeliveryReport['outcome'],
    extra: Partial<DeliveryReport>,
  ): void {
    this.onReport({
      outcome,
      id: job.event.id,
      type: job.event.type,
      attempt: job.attempt,
      ...extra,
    });
  }

  private pump(): void {
    while (!this.closed && this.inFlight.size < this.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift() as Job;
      const run: Promise<void> = this.attempt(job).finally(() => {
        this.inFlight.delete(run);
        this.pump();
        this.settleIdle();
      });
      this.inFlight.add(run);
    }
  }

  private settleIdle(): void {
    if (this.pending !== 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private async attempt(job: Job): Promise<void> {
    job.attempt += 1;
    const timestamp = Math.floor(this.now() / 1000);
    let status: number | undefined;
    let error: string | undefined;
    try {
      const response = await fetch(job.target.url, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'mhn-content-api-webhook/1',
          'x-mhn-event': job.event.type,
          'x-mhn-delivery': job.event.id,
          'x-mhn-timestamp': String(timestamp),
          'x-mhn-signature': signWebhook(job.target.secret, timestamp, job.body),
        },
        body: job.body,
        signal: AbortSignal.any([this.stop.signal, AbortSignal.timeout(this.timeoutMs)]),
      });
      status = response.status;
      // The answer's body is not needed; not reading it frees the connection.
      await response.body?.cancel().catch(() => undefined);
    } catch (caught) {
      error =
        caught instanceof Error && (caught.name === 'TimeoutError' || caught.name === 'AbortError')
          ? `no answer within ${this.timeoutMs} ms`
          : caught instanceof Error
            ? ((caught.cause as Error | undefined)?.message ?? caught.message)
            : String(caught);
    }

    if (status !== undefined && status >= 200 && status < 300) {
      this.report(job, 'delivered', { status });
      return;
    }
    if (this.closed) {
      this.report(job, 'dropped', {
        ...(status === undefined ? {} : { status }),
        error: 'the dispatcher closed',
      });
      return;
    }
    const retryable = status === undefined || status >= 500 || RETRY_STATUS.has(status);
    if (!retryable || job.attempt >= this.maxAttempts) {
      this.report(job, 'failed', {
        ...(status === undefined ? {} : { status }),
        error: error ?? `the receiver answered ${status}`,
      });
      return;
    }
    const retryInMs = this.backoff(job.attempt);
    this.report(job, 'retrying', {
      ...(status === undefined ? {} : { status }),
      ...(error === undefined ? {} : { error }),
      retryInMs,
    });
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.closed) return;
      this.waiting.push(job);
      this.pump();
    }, retryInMs);
    this.timers.set(timer, job);
  }

  /** Exponential, capped, with "equal jitter": half the delay fixed, half random. */
  private backoff(attempt: number): number {
    const delay = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** (attempt - 1));
    return Math.round(delay / 2 + this.random() * (delay / 2));
  }
}
