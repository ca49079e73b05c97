import type { SafetyList } from '../moderation/safety.js';
import type { ModerationSettings } from '../moderation/settings.js';

/**
 * What the content folder holds, as the routes read it.
 *
 * The resource shapes mirror `src/core/api-types.ts` (the Content API v1 contract).
 * TODO(contract): import them from `src/contract/` once that module lands on main.
 */

export interface Person {
  name: string;
  credentials?: string;
  url?: string;
}

export interface TopicRef {
  slug: string;
  title: string;
  url?: string;
}

/** An article as the content folder gives it: the served `comments.count` comes from the store. */
export interface Article {
  slug: string;
  title: string;
  url: string;
  language?: string;
  topic?: TopicRef;
  authors: Person[];
  published?: string;
  updated?: string;
  reviewed?: string;
  reviewedBy?: Person[];
  summary?: string;
  bodyHtml: string;
  comments: { enabled: boolean };
}

export interface SocialLink {
  network: string;
  label: string;
  url: string;
}

export interface Certification {
  name: string;
  description?: string;
  badgeUrl?: string;
  verifyUrl: string;
}

export interface CrisisLine {
  country?: string;
  name: string;
  call?: string;
  text?: string;
  url?: string;
}

export interface Site {
  name: string;
  url: string;
  logoUrl?: string;
  social: SocialLink[];
  certifications: Certification[];
  poweredBy?: { name: string; url?: string };
  forumsUrl?: string;
  therapistSearch?: { countries: string[]; advancedSearchUrl?: string };
  crisis?: { heading?: string; lines: CrisisLine[]; emergency?: string };
}

export const SECTION_ITEM_KINDS = [
  'article',
  'news',
  'qa',
  'blog',
  'video',
  'link',
  'book-review',
] as const;

export type SectionItemKind = (typeof SECTION_ITEM_KINDS)[number];

export interface SectionItem {
  title: string;
  url: string;
  summary?: string;
  date?: string;
  kind: SectionItemKind;
  articleSlug?: string;
}

/** A section with its items; the served `count` is `items.length`. */
export interface Section {
  id: string;
  title: string;
  items: SectionItem[];
}

export interface Topic {
  slug: string;
  title: string;
  url?: string;
  sections: Section[];
  related: TopicRef[];
}

/** A therapist; `lat`/`lon` place them for distance search and are not served. */
export interface Therapist {
  id: string;
  name: string;
  credentials?: string;
  city?: string;
  region?: string;
  country?: string;
  phone?: string;
  url?: string;
  specialties?: string[];
  lat: number;
  lon: number;
}

/** A postal area's approximate centre: US ZIP3 or Canadian FSA. */
export interface PostalArea {
  lat: number;
  lon: number;
  place: string;
}

/** A comment the store is seeded with. `author` null and '' are both "no name given". */
export interface SeedComment {
  title: string;
  author: string | null;
  created: string;
  body: string;
}

type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/**
 * Everything the content folder holds, loaded and checked. Immutable: every object
 * and array is frozen, and a new snapshot replaces the old one on reload.
 */
export interface ContentSnapshot {
  /** The folder it was loaded from (absolute). */
  readonly dir: string;
  readonly site: DeepReadonly<Site>;
  /** In file-name order. */
  readonly articles: ReadonlyMap<string, DeepReadonly<Article>>;
  /** In file-name order; sections and items in the order the files give them. */
  readonly topics: ReadonlyMap<string, DeepReadonly<Topic>>;
  /** In file order (ids are stable; order breaks distance ties). */
  readonly therapists: readonly DeepReadonly<Therapist>[];
  /** By area code (`'100'`, `'K1A'`). */
  readonly postalAreas: ReadonlyMap<string, DeepReadonly<PostalArea>>;
  /** Seed comments by article slug, in file order. */
  readonly comments: ReadonlyMap<string, readonly DeepReadonly<SeedComment>[]>;
  /** `site.yaml`'s `moderation:` block with its defaults filled in; never served. */
  readonly moderation: DeepReadonly<ModerationSettings>;
  /** The self-harm and suicide lists (`safety/<language>.txt`), by file name. */
  readonly safety: readonly DeepReadonly<SafetyList>[];
}

/** One thing wrong with the content folder: `file:line: message`. */
export interface Problem {
  /** Relative to the content folder, with `/` separators. */
  file: string;
  /** 1-based; 0 when the problem is about the whole file or a file that is missing. */
  line: number;
  message: string;
}

export type LoadResult =
  { ok: true; content: ContentSnapshot } | { ok: false; problems: Problem[] };
