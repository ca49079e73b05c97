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
import type { ModerationStore } from '../store/moderation-types.js';

export interface RateLimit {
  /** Comment posts allowed per client per window. */
  max: number;
  windowMs: number;
}

export interface Settings {
  /** New comments are held as `pending` when true. */
  moderation: boolean;
  rateLimit: RateLimit;
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
  /** The opaque id of the client that sent a request (a keyed hash, never the address). */
  clientOf(request: FastifyRequest): string;
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
