import type { SafetyList } from '../moderation/safety.js';
import type { ModerationSettings, SettingField } from '../moderation/settings.js';

import type * as Contract from '../../src/contract/types.js';
import type {
  TopicRef,
  SocialLink,
  Certification,
  CrisisLine,
  Site,
  SectionItemKind,
} from '../../src/contract/types.js';

/**
 * What the content folder holds, as the routes read it: the Content API's resource
 * types from `src/contract/` (one copy of each shape), with what the folder adds that is
 * never served as such (a section's items, a therapist's position, an author's page).
 */

export type { TopicRef, SocialLink, Certification, CrisisLine, Site, SectionItemKind };

export interface Person extends Contract.Person {
  url?: string;
}

/** An article as the content folder gives it: the served `comments.count` comes from the store. */
export interface Article extends Omit<Contract.Article, 'authors' | 'reviewedBy' | 'comments'> {
  authors: Person[];
  reviewedBy?: Person[];
  comments: { enabled: boolean };
}

export const SECTION_ITEM_KINDS = [
  'article',
  'news',
  'qa',
  'blog',
  'video',
  'link',
  'book-review',
] as const satisfies readonly SectionItemKind[];

export interface SectionItem extends Omit<Contract.SectionItem, 'kind'> {
  kind: SectionItemKind;
}

/** A section with its items; the served `count` is `items.length`. */
export interface Section extends Omit<Contract.Section, 'count'> {
  items: SectionItem[];
}

export interface Topic extends Omit<Contract.Topic, 'sections'> {
  sections: Section[];
}

/** A therapist; `lat`/`lon` place them for distance search and are not served. */
export interface Therapist extends Omit<Contract.Therapist, 'distanceKm'> {
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
  /** The fields the `moderation:` block gives (the others are defaults). */
  readonly moderationGiven: readonly SettingField[];
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
