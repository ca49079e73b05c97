/**
 * The Content API v1 resources, as servers send them (docs/openapi.yaml is the
 * authority; `components.schemas` there describes the same shapes). Fields marked
 * optional may be absent; servers may add fields, which clients ignore.
 */
import type { ReportReason } from './limits.js';

export interface Person {
  name: string;
  credentials?: string;
}

export interface TopicRef {
  slug: string;
  title: string;
  url?: string;
}

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
  comments?: { enabled: boolean; count: number };
}

export interface Comment {
  id: string;
  title: string;
  author: string | null;
  created: string;
  body: string;
}

export interface CommentPage {
  total: number;
  items: Comment[];
  nextCursor: string | null;
}

export interface CommentPostResult {
  status: 'published' | 'pending';
  comment: Comment;
  /** The comment matched the safety lists: held for a person; show the crisis lines. */
  safety?: true;
  /** The poster's own deletion (every new comment; absent from older servers' answers). */
  deletion?: CommentDeletion;
}

/**
 * What lets a poster delete their own comment: send `token` as
 * `Authorization: Bearer <token>` to `DELETE /articles/{slug}/comments/{id}` until
 * `expires` (an ISO time, 24 hours after posting).
 */
export interface CommentDeletion {
  token: string;
  expires: string;
}

/** The 200 body of `GET /comment-form`: the timing token of a form being shown. */
export interface CommentForm {
  formToken: string;
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

export interface Section {
  id: string;
  title: string;
  count?: number;
}

export interface Topic {
  slug: string;
  title: string;
  url?: string;
  sections: Section[];
  related: TopicRef[];
}

export type SectionItemKind = 'article' | 'news' | 'qa' | 'blog' | 'video' | 'link' | 'book-review';

export interface SectionItem {
  title: string;
  url: string;
  summary?: string;
  date?: string;
  /** One of `SectionItemKind`; a client shows an unknown kind as a link. */
  kind: string;
  articleSlug?: string;
}

export interface SectionPage {
  items: SectionItem[];
  nextCursor: string | null;
}

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
  distanceKm?: number;
}

export interface TherapistPage {
  items: Therapist[];
  nextCursor: string | null;
}

/** The body of `POST /articles/{slug}/comments`. Limits: `COMMENT_LIMITS`. */
export interface CommentInput {
  title: string;
  /** Absent, null or empty for an anonymous comment. */
  author?: string | null;
  body: string;
  /** The form's honeypot, sent as it is: people never see it and leave it empty. */
  website?: string;
  /** The token of `GET /comment-form`, fetched when the form was shown. */
  formToken?: string;
}

/** The body of `POST /articles/{slug}/comments/{id}/reports`. */
export interface ReportInput {
  reason: ReportReason;
}

/**
 * The 202 body of a report: the same for a new report and for a reader's repeat, so it
 * tells nothing about other readers' reports or what happens to the comment.
 */
export interface ReportResult {
  status: 'received';
}

/** The 200 body of `GET /healthz` and `GET /readyz` (a 503 carries the error envelope). */
export interface Health {
  status: 'ok';
}
