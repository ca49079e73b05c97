/**
 * `mhn-widgets/react`: a React component for every element, made with `@lit/react`'s
 * `createComponent` — typed props (the element's properties: `article`, `headingLevel`,
 * `sort`…) and typed events (`onMhnLoad`, `onMhnError`, `onMhnCommentSubmit`).
 * Importing it registers every element. It also brings the JSX typings of the raw
 * `mhn-*` tags (see `./jsx.ts`). `react` is an optional peer dependency of the package.
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import type { MhnCommentSubmitDetail, MhnErrorDetail, MhnLoadDetail } from '../core/index.js';
import type { MhnLoadData } from '../frameworks/attributes.js';
import { MhnProvider as MhnProviderElement } from '../elements/provider/define.js';
import { MhnArticle as MhnArticleElement } from '../elements/article/define.js';
import { MhnComments as MhnCommentsElement } from '../elements/comments/define.js';
import { MhnTopic as MhnTopicElement } from '../elements/topic/define.js';
import { MhnRelatedTopics as MhnRelatedTopicsElement } from '../elements/related-topics/define.js';
import { MhnTherapistSearch as MhnTherapistSearchElement } from '../elements/therapist-search/define.js';
import { MhnAttribution as MhnAttributionElement } from '../elements/attribution/define.js';
import { MhnCrisisResources as MhnCrisisResourcesElement } from '../elements/crisis-resources/define.js';

export type * from './jsx.js';

const load = <Tag extends keyof MhnLoadData>() =>
  'mhn-load' as EventName<CustomEvent<MhnLoadDetail<MhnLoadData[Tag]>>>;
const error = 'mhn-error' as EventName<CustomEvent<MhnErrorDetail>>;
const commentSubmit = 'mhn-comment-submit' as EventName<CustomEvent<MhnCommentSubmitDetail>>;

export const MhnProvider = createComponent({
  react: React,
  tagName: 'mhn-provider',
  elementClass: MhnProviderElement,
  displayName: 'MhnProvider',
});

export const MhnArticle = createComponent({
  react: React,
  tagName: 'mhn-article',
  elementClass: MhnArticleElement,
  events: { onMhnLoad: load<'mhn-article'>(), onMhnError: error },
  displayName: 'MhnArticle',
});

export const MhnComments = createComponent({
  react: React,
  tagName: 'mhn-comments',
  elementClass: MhnCommentsElement,
  events: {
    onMhnLoad: load<'mhn-comments'>(),
    onMhnError: error,
    onMhnCommentSubmit: commentSubmit,
  },
  displayName: 'MhnComments',
});

export const MhnTopic = createComponent({
  react: React,
  tagName: 'mhn-topic',
  elementClass: MhnTopicElement,
  events: { onMhnLoad: load<'mhn-topic'>(), onMhnError: error },
  displayName: 'MhnTopic',
});

export const MhnRelatedTopics = createComponent({
  react: React,
  tagName: 'mhn-related-topics',
  elementClass: MhnRelatedTopicsElement,
  events: { onMhnLoad: load<'mhn-related-topics'>(), onMhnError: error },
  displayName: 'MhnRelatedTopics',
});

export const MhnTherapistSearch = createComponent({
  react: React,
  tagName: 'mhn-therapist-search',
  elementClass: MhnTherapistSearchElement,
  events: { onMhnLoad: load<'mhn-therapist-search'>(), onMhnError: error },
  displayName: 'MhnTherapistSearch',
});

export const MhnAttribution = createComponent({
  react: React,
  tagName: 'mhn-attribution',
  elementClass: MhnAttributionElement,
  events: { onMhnLoad: load<'mhn-attribution'>(), onMhnError: error },
  displayName: 'MhnAttribution',
});

export const MhnCrisisResources = createComponent({
  react: React,
  tagName: 'mhn-crisis-resources',
  elementClass: MhnCrisisResourcesElement,
  events: { onMhnLoad: load<'mhn-crisis-resources'>(), onMhnError: error },
  displayName: 'MhnCrisisResources',
});
