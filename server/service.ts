/**
 * The service in one call: open the store, load the content, build the app, listen.
 * `startService()` is what the command runs and what tests, the bench and the
 * browser-test runner start in process; its `testing` handle (reset, configure,
 * addArticle, stats) is reachable only from the process that started it, never over HTTP.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  FastifyServerOptions,
} from 'fastify';
import { generateComments, loadContent, type ContentSnapshot } from './content/index.js';
import { API_BASE_PATH, buildApp } from './http/app.js';
import { capConnectionsPerClient } from './http/connections.js';
import { emptyOverlay, type RateLimit, type ServiceContext } from './http/context.js';
import { createNotifier } from './http/notify.js';
import { loadOpenApi } from './http/openapi.js';
import {
  WebhookDispatcher,
  type DeliveryReport,
  type WebhookDispatcherOptions,
} from './moderation/webhook.js';
import {
  ClientKeys,
  pepperedSecretSource,
  type ClientKeySet,
  type SpamChecker,
} from './moderation/index.js';
import type { StaticOptions } from './http/static.js';
import { formTokens } from './moderation/form-token.js';
import { openApiFile, sampleContentDir } from './paths.js';
import { resolveSecret } from './secret.js';
import type { StoreOptions } from './store/common.js';
import { openStore, storeSecretSource } from './store/index.js';
import type { ModerationStore } from './store/moderation-types.js';
import type { Store } from './store/types.js';
import { createTestingHandle, type Fixtures, type TestingHandle } from './testing.js';
import { trustedPeer } from './trust-proxy.js';
import { COMMENT_JSON_OVERHEAD_BYTES, MAX_COMMENT_REQUEST_BYTES } from '../src/contract/index.js';

/**
 * The largest request body accepted: the largest valid comment in its most expensive
 * encoding (MAX_COMMENT_REQUEST_BYTES, 62 194 bytes), with 1 KiB instead of the bare 34
 * bytes of JSON around the values, for whitespace and the padding that is trimmed:
 * 63 184 bytes.
 */
export const DEFAULT_MAX_BODY_BYTES =
  MAX_COMMENT_REQUEST_BYTES - COMMENT_JSON_OVERHEAD_BYTES + 1024;
export const DEFAULT_RATE_LIMIT: RateLimit = { max: 10, windowMs: 60_000 };

export interface ServiceOptions {
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** SQLite file (`:memory:` allowed); ignored when `databaseUrl` is given. Default `:memory:`. */
  dbPath?: string;
  /** postgres://… selects the PostgreSQL store. */
  databaseUrl?: string;
  /**
   * The store's clock, session lifetimes and sign-in throttle (tests: a fake clock);
   * defaults as in store/common.ts.
   */
  storeOptions?: StoreOptions;
  /** The content folder; or `content`, an already loaded snapshot. */
  contentDir?: string;
  content?: ContentSnapshot;
  /** Extra content for tests, over the folder's. */
  fixtures?: Fixtures;
  /** New comments held as pending (default true). */
  moderation?: boolean;
  rateLimit?: RateLimit;
  /**
   * Overrides the content folder's minimum time from showing the comment form to posting
   * it (`moderation.minSubmitSeconds`); tests that post at once set 0.
   */
  minSubmitSeconds?: number;
  maxBodyBytes?: number;
  /** Time to send a POST body before 408 (default 10 s). */
  bodyTimeoutMs?: number;
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  keepAliveTimeoutMs?: number;
  /**
   * Open connections per client (IPv4 address or IPv6 /64); default 32. A trusted
   * proxy's (`trustProxy`) are not counted: it carries every reader's requests.
   */
  maxConnectionsPerClient?: number;
  trustProxy?: FastifyServerOptions['trustProxy'];
  /**
   * A pepper mixed into the store's rotating client-key secrets (see secret.ts); default
   * MHN_SECRET, else none. Instances on one database must all have the same, or none.
   */
  secret?: string;
  staticFiles?: StaticOptions;
  /**
   * The webhook dispatcher's retries and timeouts (tests: short backoff); defaults as in
   * moderation/webhook.ts. The receiver itself comes from the site's settings.
   */
  webhook?: Omit<WebhookDispatcherOptions, 'onReport'>;
  /**
   * An external spam checker (Akismet, the publisher's own…), asked about a comment no
   * other rule has decided; off unless given. See moderation/spam-checker.ts.
   */
  spamChecker?: SpamChecker;
  /** How long a post waits for the spam checker; 2 s by default. */
  spamCheckTimeoutMs?: number;
  /** Fastify logger option (pino options), or false for none. Default false. */
  logger?: FastifyServerOptions['logger'];
  /**
   * Adds routes of the host's own before the service's (test pages, bench pages), e.g.
   * another @fastify/static instance under its own prefix.
   */
  extend?: (app: FastifyInstance) => Promise<void> | void;
}

export interface RunningService {
  /** http://host:port */
  url: string;
  /** url + /api/v1 */
  apiUrl: string;
  port: number;
  app: FastifyInstance;
  server: Server;
  store: ModerationStore;
  testing: TestingHandle;
  /** The content being served. */
  content(): ContentSnapshot;
  /** Serves this snapshot from now on (a reload). */
  replaceContent(content: ContentSnapshot): void;
  /** Finishes in-flight requests, then closes the server and the store. */
  close(): Promise<void>;
}

export class ContentError extends Error {
  constructor(readonly problems: import('./content/index.js').Problem[]) {
    super(`the content folder has ${problems.length} problem(s)`);
  }
}

/** Sample comments get fixed ids from here, in the order the content lists them. */
const FIRST_SEED_ID = 101;

async function loadOrThrow(options: ServiceOptions): Promise<ContentSnapshot> {
  if (options.content) return options.content;
  const result = await loadContent(options.contentDir ?? sampleContentDir);
  if (!result.ok) throw new ContentError(result.problems);
  return result.content;
}

export async function startService(options: ServiceOptions = {}): Promise<RunningService> {
  let content = await loadOrThrow(options);
  const dbPath = options.dbPath ?? ':memory:';
  // Before the store: a bad MHN_SECRET is a set-up mistake to report, not a connection
  // to try.
  const pepper = resolveSecret(options.secret ?? process.env.MHN_SECRET);
  const store = await openStore(options.databaseUrl ?? dbPath, options.storeOptions);
  try {
    // Client keys: HMACs with the store's rotating secrets, so every instance on the
    // database computes the same ones; each request's keys are computed once.
    const fromStore = storeSecretSource(store);
    const rotating = {
      source: pepper === null ? fromStore : pepperedSecretSource(fromStore, pepper),
      now: options.storeOptions?.now,
    };
    const clientKeys = new ClientKeys(rotating);
    const keysOf = new WeakMap<FastifyRequest, Promise<ClientKeySet>>();
    const defaults = {
      moderation: options.moderation ?? true,
      rateLimit: { ...(options.rateLimit ?? DEFAULT_RATE_LIMIT) },
      minSubmitSeconds: options.minSubmitSeconds ?? null,
    };
    let log: FastifyBaseLogger | null = null;
    const dispatcher = new WebhookDispatcher({
      ...options.webhook,
      onReport: (report) => log && logDelivery(log, report),
    });
    const ctx: ServiceContext = {
      store,
      settings: { ...defaults, rateLimit: { ...defaults.rateLimit } },
      maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      bodyTimeoutMs: options.bodyTimeoutMs ?? 10_000,
      content: () => content,
      overlay: emptyOverlay(),
      clientOf(request) {
        let keys = keysOf.get(request);
        if (keys === undefined) {
          keys = clientKeys.keys(request.ip);
          keysOf.set(request, keys);
        }
        return keys;
      },
      notify: () => undefined,
      spamChecker: options.spamChecker ?? null,
      spamCheckTimeoutMs: options.spamCheckTimeoutMs,
      // Signed with keys derived from the same store-kept secrets: a token from one
      // instance verifies on every other, across a rotation, for its whole day.
      formTokens: formTokens(rotating),
    };
    ctx.notify = createNotifier(ctx, dispatcher, () => log);
    const testing = createTestingHandle(ctx, {
      defaults,
      seed: () => seedComments(store, content),
      generateComments,
    });
    if (options.fixtures) testing.addContent(options.fixtures);
    await seedComments(store, content);

    const app = await buildApp({
      ctx,
      openapi: loadOpenApi(openApiFile),
      staticFiles: options.staticFiles,
      logger: options.logger ?? false,
      trustProxy: options.trustProxy,
      headersTimeoutMs: options.headersTimeoutMs,
      requestTimeoutMs: options.requestTimeoutMs,
      keepAliveTimeoutMs: options.keepAliveTimeoutMs,
      onApiRequest: testing.count,
    });
    log = app.log;
    await options.extend?.(app);
    capConnectionsPerClient(
      app.server,
      options.maxConnectionsPerClient ?? 32,
      trustedPeer(options.trustProxy),
    );
    // The command logs its own first line, with the URL and the settings: Fastify's own
    // "Server listening" line is left out.
    const level = app.log.level;
    app.log.level = 'warn';
    try {
      await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
    } finally {
      app.log.level = level;
    }
    const address = app.server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = `http://${host}:${address.port}`;
    let closing: Promise<void> | null = null;
    return {
      url,
      apiUrl: `${url}${API_BASE_PATH}`,
      port: address.port,
      app,
      server: app.server,
      store,
      testing,
      content: () => content,
      replaceContent(next) {
        content = next;
      },
      close() {
        closing ??= app
          .close()
          .then(() => dispatcher.close())
          .then(() => store.close());
        return closing;
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** One line per webhook delivery outcome: the event and what happened, never the body. */
function logDelivery(log: FastifyBaseLogger, report: DeliveryReport): void {
  const line = {
    webhook: report.outcome,
    event: report.type,
    delivery: report.id,
    attempt: report.attempt,
    ...(report.status === undefined ? {} : { status: report.status }),
    ...(report.error === undefined ? {} : { error: report.error }),
    ...(report.retryInMs === undefined ? {} : { retryInMs: report.retryInMs }),
  };
  if (report.outcome === 'delivered') log.info(line, 'webhook delivered');
  else log.warn(line, `webhook ${report.outcome}`);
}

/**
 * Seeds the content's comments with fixed ids (the same ids on every start, so a
 * restart does not duplicate them), oldest first within each article.
 */
export async function seedComments(store: Store, content: ContentSnapshot): Promise<void> {
  let id = FIRST_SEED_ID;
  const seeds = [];
  for (const [article, comments] of content.comments) {
    const sorted = comments
      .map((c) => ({ ...c, createdMs: Date.parse(c.created) }))
      .sort((a, b) => a.createdMs - b.createdMs);
    for (const comment of sorted) {
      seeds.push({
        id: id++,
        article,
        title: comment.title,
        author: comment.author ?? '',
        body: comment.body,
        created: comment.createdMs,
        status: 'published' as const,
        client: '',
      });
    }
  }
  await store.seedComments(seeds);
}
