/**
 * What the routes share: the content being served (replaced whole on reload), the
 * store, the settings the testing handle may change, and how a client is identified.
 */
import type { FastifyRequest } from 'fastify';
import type {
  Article,
  ContentSnapshot,
  PostalArea,
  Section,
  SectionItem,
  Site,
  Therapist,
  Topic,
} from '../content/index.js';
import type { FormTokens } from '../moderation/form-token.js';
import type { ClientKeySet, SpamChecker } from '../moderation/index.js';
import type { ModerationStore } from '../store/moderation-types.js';
import type { Notify } from './notify.js';

export interface RateLimit {
  /** Comment posts allowed per client per window. */
  max: number;
  windowMs: number;
}

export interface Settings {
  /**
   * The service's moderation switch (`--moderation on|off`, `MHN_MODERATION`): the
   * default mode — `hold-all` when true, `rules` when false — for a site whose content
   * folder and desk do not set one (site-settings.ts).
   */
  moderation: boolean;
  rateLimit: RateLimit;
  /**
   * Overrides the content folder's `moderation.minSubmitSeconds` (null: the folder's).
   * Tests post faster than people do.
   */
  minSubmitSeconds: number | null;
}

/**
 * Content added in process by the testing handle (never reachable over HTTP): articles
 * and topics by slug, section items by `topic/section`, extra therapists.
 */
export interface ContentOverlay {
  site?: Site;
  articles: Map<string, Article>;
  topics: Map<string, Topic>;
  sectionItems: Map<string, SectionItem[]>;
  therapists: Therapist[];
}

export interface ServiceContext {
  store: ModerationStore;
  settings: Settings;
  /** Largest accepted request body, in bytes. */
  maxBodyBytes: number;
  /** Time a client gets to send a request body before 408 request_timeout. */
  bodyTimeoutMs: number;
  content(): ContentSnapshot;
  overlay: ContentOverlay;
  /**
   * The client keys of the request's sender (keyed hashes, never the address): `current`
   * is stored and counted against; match blocks and history against `all` (current and
   * previous secret), so a rotation does not forget anyone at once.
   */
  clientOf(request: FastifyRequest): Promise<ClientKeySet>;
  /**
   * Tells the site's webhook receiver about a comment that needs a person:
   *
   *   ctx.notify('comment.pending', commentPayload(ctx, comment, { reasons }));
   *   ctx.notify('comment.safety', commentPayload(ctx, comment, { reasons }));
   *   ctx.notify('comment.reported', commentPayload(ctx, comment, { reasons, reports }));
   *
   * (`commentPayload` is in ./notify.ts.) Call it after the change is committed. It
   * returns at once and never throws: do not await anything of it on a reader's request.
   * The receiver (URL, secret) is taken from the effective settings when the event is
   * sent; a site without a webhook sends nothing. Delivery is signed (HMAC-SHA256),
   * retried with backoff, and logged without bodies (docs/moderation.md#webhook).
   */
  notify: Notify;
  /** The external spam checker, or null (the default: none is asked). */
  spamChecker: SpamChecker | null;
  /** How long a post waits for it (undefined: the checker's default). */
  spamCheckTimeoutMs: number | undefined;
  /**
   * The comment form's timing tokens (`GET /comment-form`), signed with keys derived
   * from the store-kept rotating secrets the client keys use, so a token issued by one
   * instance verifies on any other on the database — the one place that decides which
   * secret signs them.
   */
  formTokens: FormTokens;
}

export function emptyOverlay(): ContentOverlay {
  return { articles: new Map(), topics: new Map(), sectionItems: new Map(), therapists: [] };
}

// Lookups that see the overlay over the snapshot.

export function siteOf(ctx: ServiceContext): Site {
  return ctx.overlay.site ?? (ctx.content().site as Site);
}

export function articleOf(ctx: ServiceContext, slug: string): Article | undefined {
  return (
    ctx.overlay.articles.get(slug) ?? (ctx.content().articles.get(slug) as Article | undefined)
  );
}

export function topicOf(ctx: ServiceContext, slug: string): Topic | undefined {
  return ctx.overlay.topics.get(slug) ?? (ctx.content().topics.get(slug) as Topic | undefined);
}

export function sectionItemsOf(ctx: ServiceContext, topic: Topic, section: Section): SectionItem[] {
  return ctx.overlay.sectionItems.get(`${topic.slug}/${section.id}`) ?? section.items;
}

export function therapistsOf(ctx: ServiceContext): Therapist[] {
  return [...(ctx.content().therapists as Therapist[]), ...ctx.overlay.therapists];
}

export function postalAreaOf(ctx: ServiceContext, area: string): PostalArea | undefined {
  return ctx.content().postalAreas.get(area) as PostalArea | undefined;
}
