/**
 * The parsers that turn an unknown JSON value into the Content API v1 resources
 * (whose types live in the shared contract, src/contract/, and are re-exported here). A parser throws a `bad_response` ContentError when
 * a required field is missing or has the wrong type; optional fields that are
 * malformed are dropped; unknown fields are ignored.
 */
import { ContentError } from './errors.js';

export type {
  Person,
  TopicRef,
  Article,
  Comment,
  CommentPage,
  CommentPostResult,
  CommentDeletion,
  CommentForm,
  SocialLink,
  Certification,
  CrisisLine,
  Site,
  Section,
  Topic,
  SectionItemKind,
  SectionItem,
  SectionPage,
  Therapist,
  TherapistPage,
} from '../contract/types.js';
import type {
  Person,
  TopicRef,
  Article,
  Comment,
  CommentPage,
  CommentPostResult,
  Site,
  Topic,
  SectionPage,
  TherapistPage,
} from '../contract/types.js';

// ---------------------------------------------------------------------------
// Parsing helpers

type Json = Record<string, unknown>;

function fail(what: string): never {
  throw new ContentError('bad_response', `The server's answer is missing ${what}.`);
}

function obj(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(what);
  return value as Json;
}

function str(o: Json, key: string, what: string): string {
  const v = o[key];
  if (typeof v !== 'string') fail(`${what}.${key}`);
  return v;
}

function optStr(o: Json, key: string): string | undefined {
  const v = o[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function optNum(o: Json, key: string): number | undefined {
  const v = o[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function list<T>(
  o: Json,
  key: string,
  what: string,
  item: (v: unknown, what: string) => T,
  required = true,
): T[] {
  const v = o[key];
  if (v === undefined || v === null) {
    if (required) fail(`${what}.${key}`);
    return [];
  }
  if (!Array.isArray(v)) fail(`${what}.${key}`);
  return v.map((x, i) => item(x, `${what}.${key}[${i}]`));
}

/** A list whose malformed entries are skipped instead of failing the whole answer. */
function lenientList<T>(o: Json, key: string, item: (v: unknown, what: string) => T): T[] {
  const v = o[key];
  if (!Array.isArray(v)) return [];
  const out: T[] = [];
  for (const x of v) {
    try {
      out.push(item(x, key));
    } catch {
      // Optional decorations (badges, social links…) with missing fields are ignored.
    }
  }
  return out;
}

function cursor(o: Json): string | null {
  const v = o['nextCursor'];
  return typeof v === 'string' && v !== '' ? v : null;
}

const person = (v: unknown, what: string): Person => {
  const o = obj(v, what);
  return { name: str(o, 'name', what), credentials: optStr(o, 'credentials') };
};

const topicRef = (v: unknown, what: string): TopicRef => {
  const o = obj(v, what);
  return { slug: str(o, 'slug', what), title: str(o, 'title', what), url: optStr(o, 'url') };
};

// ---------------------------------------------------------------------------
// Parsers, one per resource

export function parseArticle(value: unknown): Article {
  const o = obj(value, 'the article');
  const what = 'article';
  let topic: TopicRef | undefined;
  try {
    topic = o['topic'] == null ? undefined : topicRef(o['topic'], 'article.topic');
  } catch {
    topic = undefined;
  }
  const c = o['comments'];
  const comments =
    typeof c === 'object' && c !== null && typeof (c as Json)['enabled'] === 'boolean'
      ? {
          enabled: (c as Json)['enabled'] as boolean,
          count: optNum(c as Json, 'count') ?? 0,
        }
      : undefined;
  return {
    slug: str(o, 'slug', what),
    title: str(o, 'title', what),
    url: str(o, 'url', what),
    language: optStr(o, 'language'),
    topic,
    authors: list(o, 'authors', what, person, false),
    published: optStr(o, 'published'),
    updated: optStr(o, 'updated'),
    reviewed: optStr(o, 'reviewed'),
    reviewedBy: lenientList(o, 'reviewedBy', person),
    summary: optStr(o, 'summary'),
    bodyHtml: str(o, 'bodyHtml', what),
    comments,
  };
}

export function parseComment(value: unknown, what = 'comment'): Comment {
  const o = obj(value, what);
  const author = o['author'];
  const title = o['title'];
  return {
    id: str(o, 'id', what),
    title: typeof title === 'string' ? title : '',
    author: typeof author === 'string' ? author : null,
    created: typeof o['created'] === 'string' ? (o['created'] as string) : '',
    body: str(o, 'body', what),
  };
}

export function parseCommentPage(value: unknown): CommentPage {
  const o = obj(value, 'the comment list');
  const items = list(o, 'items', 'comments', parseComment);
  const total = optNum(o, 'total');
  return { total: total ?? items.length, items, nextCursor: cursor(o) };
}

export function parseCommentPostResult(value: unknown): CommentPostResult {
  const o = obj(value, 'the posted comment');
  const status = o['status'];
  if (status !== 'published' && status !== 'pending') fail('status');
  return { status, comment: parseComment(o['comment'], 'comment') };
}

export function parseSite(value: unknown): Site {
  const o = obj(value, 'the site');
  const what = 'site';
  const pb = o['poweredBy'];
  const ts = o['therapistSearch'];
  const cr = o['crisis'];
  let poweredBy: Site['poweredBy'];
  if (typeof pb === 'object' && pb !== null && typeof (pb as Json)['name'] === 'string') {
    poweredBy = { name: (pb as Json)['name'] as string, url: optStr(pb as Json, 'url') };
  }
  let therapistSearch: Site['therapistSearch'];
  if (typeof ts === 'object' && ts !== null) {
    const countries = (ts as Json)['countries'];
    therapistSearch = {
      countries: Array.isArray(countries)
        ? countries.filter((c): c is string => typeof c === 'string')
        : [],
      advancedSearchUrl: optStr(ts as Json, 'advancedSearchUrl'),
    };
  }
  let crisis: Site['crisis'];
  if (typeof cr === 'object' && cr !== null) {
    crisis = {
      heading: optStr(cr as Json, 'heading'),
      emergency: optStr(cr as Json, 'emergency'),
      lines: lenientList(cr as Json, 'lines', (v, w) => {
        const l = obj(v, w);
        return {
          country: optStr(l, 'country'),
          name: str(l, 'name', w),
          call: optStr(l, 'call'),
          text: optStr(l, 'text'),
          url: optStr(l, 'url'),
        };
      }),
    };
  }
  return {
    name: str(o, 'name', what),
    url: str(o, 'url', what),
    logoUrl: optStr(o, 'logoUrl'),
    social: lenientList(o, 'social', (v, w) => {
      const s = obj(v, w);
      return {
        network: optStr(s, 'network') ?? '',
        label: str(s, 'label', w),
        url: str(s, 'url', w),
      };
    }),
    certifications: lenientList(o, 'certifications', (v, w) => {
      const c = obj(v, w);
      return {
        name: str(c, 'name', w),
        description: optStr(c, 'description'),
        badgeUrl: optStr(c, 'badgeUrl'),
        verifyUrl: str(c, 'verifyUrl', w),
      };
    }),
    poweredBy,
    forumsUrl: optStr(o, 'forumsUrl'),
    therapistSearch,
    crisis,
  };
}

export function parseTopic(value: unknown): Topic {
  const o = obj(value, 'the topic');
  const what = 'topic';
  return {
    slug: str(o, 'slug', what),
    title: str(o, 'title', what),
    url: optStr(o, 'url'),
    sections: list(o, 'sections', what, (v, w) => {
      const s = obj(v, w);
      return { id: str(s, 'id', w), title: str(s, 'title', w), count: optNum(s, 'count') };
    }),
    related: lenientList(o, 'related', topicRef),
  };
}

export function parseSectionPage(value: unknown): SectionPage {
  const o = obj(value, 'the section');
  return {
    items: list(o, 'items', 'section', (v, w) => {
      const i = obj(v, w);
      return {
        title: str(i, 'title', w),
        url: str(i, 'url', w),
        summary: optStr(i, 'summary'),
        date: optStr(i, 'date'),
        kind: optStr(i, 'kind') ?? 'link',
        articleSlug: optStr(i, 'articleSlug'),
      };
    }),
    nextCursor: cursor(o),
  };
}

export function parseTherapistPage(value: unknown): TherapistPage {
  const o = obj(value, 'the therapist list');
  return {
    items: list(o, 'items', 'therapists', (v, w) => {
      const t = obj(v, w);
      const specialties = t['specialties'];
      return {
        id: str(t, 'id', w),
        name: str(t, 'name', w),
        credentials: optStr(t, 'credentials'),
        city: optStr(t, 'city'),
        region: optStr(t, 'region'),
        country: optStr(t, 'country'),
        phone: optStr(t, 'phone'),
        url: optStr(t, 'url'),
        specialties: Array.isArray(specialties)
          ? specialties.filter((s): s is string => typeof s === 'string')
          : undefined,
        distanceKm: optNum(t, 'distanceKm'),
      };
    }),
    nextCursor: cursor(o),
  };
}
