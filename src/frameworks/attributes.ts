/**
 * The HTML attributes of every `mhn-*` element, as types, and the detail of each event
 * per element: what the JSX (React) and Vue typings check a raw tag against. Attribute
 * values are what markup may hold: a number attribute also takes its digits as a string.
 */
import type {
  Article,
  CommentPage,
  MhnCommentSubmitDetail,
  MhnErrorDetail,
  MhnLoadDetail,
  SectionPage,
  Site,
  TherapistPage,
  Topic,
} from '../core/index.js';
import type { MhnArticle } from '../elements/article/mhn-article.js';
import type { MhnAttribution } from '../elements/attribution/mhn-attribution.js';
import type { MhnComments } from '../elements/comments/mhn-comments.js';
import type { MhnCrisisResources } from '../elements/crisis-resources/mhn-crisis-resources.js';
import type { MhnProvider } from '../elements/provider/mhn-provider.js';
import type { MhnRelatedTopics } from '../elements/related-topics/mhn-related-topics.js';
import type { MhnTherapistSearch } from '../elements/therapist-search/mhn-therapist-search.js';
import type { MhnTopic } from '../elements/topic/mhn-topic.js';

export type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;
/** A number attribute: the number, or its digits as markup writes them. */
type NumberValue<N extends number = number> = N | `${N}`;

export type MhnTheme = 'light' | 'dark' | 'auto';
export type MhnCommentsSort = 'newest' | 'oldest';
export type MhnCommentsLoading = 'lazy' | 'eager';
export type MhnCountry = 'US' | 'CA' | 'us' | 'ca';

/** What every widget takes (and the provider shares). */
export interface MhnCommonAttributes {
  endpoint?: string;
  locale?: string;
  theme?: MhnTheme;
}

export type MhnProviderAttributes = MhnCommonAttributes;

export interface MhnArticleAttributes extends MhnCommonAttributes {
  article?: string;
  'heading-level'?: NumberValue<HeadingLevel>;
  'structured-data'?: boolean | '';
}

export interface MhnCommentsAttributes extends MhnCommonAttributes {
  article?: string;
  sort?: MhnCommentsSort;
  'page-size'?: NumberValue;
  'heading-level'?: NumberValue<HeadingLevel>;
  loading?: MhnCommentsLoading;
}

export interface MhnTopicAttributes extends MhnCommonAttributes {
  topic?: string;
  section?: string;
  'article-href'?: string;
  'heading-level'?: NumberValue<HeadingLevel>;
}

export interface MhnRelatedTopicsAttributes extends MhnCommonAttributes {
  topic?: string;
  'heading-level'?: NumberValue<HeadingLevel>;
}

export interface MhnTherapistSearchAttributes extends MhnCommonAttributes {
  /** In kilometres. */
  radius?: NumberValue;
  'page-size'?: NumberValue;
  'heading-level'?: NumberValue<HeadingLevel>;
}

export type MhnAttributionAttributes = MhnCommonAttributes;

export interface MhnCrisisResourcesAttributes extends MhnCommonAttributes {
  country?: MhnCountry;
  'heading-level'?: NumberValue<HeadingLevel>;
}

/** `mhn-load`'s `detail.data` per element. */
export interface MhnLoadData {
  'mhn-provider': never;
  'mhn-article': Article;
  'mhn-comments': CommentPage;
  'mhn-topic': Topic | { section: string; items: SectionPage['items']; nextCursor: string | null };
  'mhn-related-topics': Topic;
  'mhn-therapist-search': TherapistPage;
  'mhn-attribution': Site;
  'mhn-crisis-resources': Site;
}

/** The attributes of each tag. */
export interface MhnAttributes {
  'mhn-provider': MhnProviderAttributes;
  'mhn-article': MhnArticleAttributes;
  'mhn-comments': MhnCommentsAttributes;
  'mhn-topic': MhnTopicAttributes;
  'mhn-related-topics': MhnRelatedTopicsAttributes;
  'mhn-therapist-search': MhnTherapistSearchAttributes;
  'mhn-attribution': MhnAttributionAttributes;
  'mhn-crisis-resources': MhnCrisisResourcesAttributes;
}

export type MhnTag = keyof MhnAttributes;

/** The element class of each tag. */
export interface MhnElements {
  'mhn-provider': MhnProvider;
  'mhn-article': MhnArticle;
  'mhn-comments': MhnComments;
  'mhn-topic': MhnTopic;
  'mhn-related-topics': MhnRelatedTopics;
  'mhn-therapist-search': MhnTherapistSearch;
  'mhn-attribution': MhnAttribution;
  'mhn-crisis-resources': MhnCrisisResources;
}

/** The events of a tag, by name, with their typed detail. */
export type MhnEventsOf<Tag extends MhnTag> = Tag extends 'mhn-provider'
  ? object
  : {
      'mhn-load': CustomEvent<MhnLoadDetail<MhnLoadData[Tag]>>;
      'mhn-error': CustomEvent<MhnErrorDetail>;
    } & (Tag extends 'mhn-comments'
      ? { 'mhn-comment-submit': CustomEvent<MhnCommentSubmitDetail> }
      : object);
