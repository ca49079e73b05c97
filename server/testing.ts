/**
 * The in-process handle tests drive the service with: reset, configure moderation and
 * the rate limit, add articles (with seeded comments) and other content, and count
 * requests by path and method. It is an object in the process that started the
 * service; nothing of it is reachable over HTTP.
 */
import type { Article, SeedComment, SectionItem, Site, Therapist, Topic } from './content/index.js';
import type { RateLimit, ServiceContext, Settings } from './http/context.js';
import type { NewComment } from './store/types.js';

/** Content merged over the folder's: by slug, and section items by `topic/section`. */
export interface Fixtures {
  site?: Site;
  articles?: Article[];
  topics?: Topic[];
  sectionItems?: Record<string, SectionItem[]>;
  therapists?: Therapist[];
}

export interface Stats {
  requests: number;
  /** By path under /api/v1 (`/site`). */
  byPath: Record<string, number>;
  /** By method and path (`GET /site`). */
  byMethod: Record<string, number>;
}

export interface SeedInput {
  title: string;
  author?: string | null;
  body: string;
  created: string;
  status?: 'published' | 'pending';
}

export interface TestingHandle {
  /**
   * Wipes posted comments, idempotency records and rate-limit counters, re-seeds the
   * content's comments and those given to addArticle, and restores the start-up
   * moderation and rate limit.
   */
  reset(): Promise<void>;
  configure(settings: {
    moderation?: boolean;
    rateLimit?: Partial<RateLimit>;
    /** The minimum time from form to post (null: the content folder's). */
    minSubmitSeconds?: number | null;
  }): void;
  /** Serves (or replaces) an article and seeds its comments, given or generated. */
  addArticle(
    article: Article,
    seed?: { comments?: SeedInput[]; commentCount?: number },
  ): Promise<void>;
  addContent(fixtures: Fixtures): void;
  stats(): Stats;
  resetStats(): void;
  /** For the stats: called by the app for each request under the base path. */
  count(method: string, relativePath: string): void;
}

const emptyStats = (): Stats => ({ requests: 0, byPath: {}, byMethod: {} });

export function createTestingHandle(
  ctx: ServiceContext,
  {
    defaults,
    seed,
    generateComments,
  }: {
    defaults: Settings;
    seed: () => Promise<void>;
    generateComments: (count: number) => SeedComment[];
  },
): TestingHandle {
  let stats = emptyStats();
  /** addArticle's seeds, re-seeded on reset. */
  const added = new Map<string, Array<NewComment>>();

  const toNew = (article: string, comments: SeedInput[]): NewComment[] =>
    comments
      .map((c) => {
        const created = Date.parse(c.created);
        if (!Number.isFinite(created)) throw new TypeError(`Invalid date ${c.created}`);
        return {
          article,
          title: c.title,
          author: c.author ?? '',
          body: c.body,
          created,
          status: c.status ?? 'published',
          client: '',
        };
      })
      .sort((a, b) => a.created - b.created);

  const reseed = async () => {
    await ctx.store.clear();
    await seed();
    for (const comments of added.values()) await ctx.store.seedComments(comments);
  };

  return {
    async reset() {
      // Settings first, synchronously: a configure() right after reset() wins.
      ctx.settings.moderation = defaults.moderation;
      ctx.settings.rateLimit = { ...defaults.rateLimit };
      ctx.settings.minSubmitSeconds = defaults.minSubmitSeconds;
      await reseed();
    },
    configure({ moderation, rateLimit, minSubmitSeconds }) {
      if (moderation !== undefined) ctx.settings.moderation = Boolean(moderation);
      if (minSubmitSeconds !== undefined) ctx.settings.minSubmitSeconds = minSubmitSeconds;
      if (rateLimit) ctx.settings.rateLimit = { ...ctx.settings.rateLimit, ...rateLimit };
    },
    async addArticle(article, { comments, commentCount } = {}) {
      if (!article || typeof article.slug !== 'string') {
        throw new TypeError('article.slug is required');
      }
      const seeds = toNew(
        article.slug,
        comments ?? (commentCount ? generateComments(commentCount) : []),
      );
      const replacing = added.has(article.slug);
      ctx.overlay.articles.set(article.slug, article);
      added.set(article.slug, seeds);
      if (replacing) {
        // The store keeps no per-article delete: start again from the seeds (posted
        // comments go too, as after reset(); the settings stay).
        await reseed();
      } else {
        await ctx.store.seedComments(seeds);
      }
    },
    addContent(fixtures) {
      if (fixtures.site) ctx.overlay.site = fixtures.site;
      for (const article of fixtures.articles ?? [])
        ctx.overlay.articles.set(article.slug, article);
      for (const topic of fixtures.topics ?? []) ctx.overlay.topics.set(topic.slug, topic);
      for (const [key, items] of Object.entries(fixtures.sectionItems ?? {})) {
        ctx.overlay.sectionItems.set(key, items);
      }
      ctx.overlay.therapists.push(...(fixtures.therapists ?? []));
    },
    stats: () => structuredClone(stats),
    resetStats() {
      stats = emptyStats();
    },
    count(method, relativePath) {
      stats.requests += 1;
      stats.byPath[relativePath] = (stats.byPath[relativePath] ?? 0) + 1;
      const key = `${method} ${relativePath}`;
      stats.byMethod[key] = (stats.byMethod[key] ?? 0) + 1;
    },
  };
}
