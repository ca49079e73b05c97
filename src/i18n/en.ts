/**
 * The English UI strings: the reference every other language is checked against.
 * `Translation` is their shape, one group per module (`state` for the states every
 * widget shares); each element registers its group with `defineStrings()`, so a
 * per-widget bundle carries only its own strings.
 */

export const state = {
  'state.loading': 'Loading…',
  'state.error': 'Something went wrong while loading this content.',
  'state.error.network': 'We could not reach the content server. Please check your connection.',
  'state.error.timeout': 'The content server took too long to answer.',
  'state.error.rate_limited': 'The content server is busy right now.',
  'state.error.bad_response': 'The content server sent an answer we could not read.',
  'state.retry': 'Try again',
  'state.notFound': 'This content is not available.',
  'state.notConfigured': 'This widget is not set up yet: it needs the “{attribute}” attribute.',
  'state.empty': 'Nothing here yet.',
};

export const article = {
  'article.by': 'By {names}',
  'article.updated': 'Updated {date}',
  'article.published': 'Published {date}',
  'article.reviewed': 'Reviewed {date}',
  'article.reviewedBy': 'Reviewed {date} by {names}',
  'article.source': 'Read this article on {site}',
  'article.notFound': 'This article is not available.',
};

export const attribution = {
  'attribution.verify': 'Verify {name} certification',
  'attribution.poweredBy': 'Powered by {name}',
  'attribution.publisher': 'Content by {name}',
  'attribution.empty': 'No publisher details are available.',
};

export const comments = {
  'comments.heading': 'Reader Comments',
  'comments.count': { one: '{count} comment', other: '{count} comments' },
  'comments.forums': 'You can also talk about this in our {link}.',
  'comments.forumsLink': 'forums',
  'comments.sort': 'Sort order',
  'comments.newest': 'Newest first',
  'comments.oldest': 'Oldest first',
  'comments.anonymous': 'Anonymous',
  'comments.empty': 'No comments yet — be the first.',
  'comments.closed': 'Comments are closed.',
  'comments.unsent': 'Your unsent comment',
  'comments.notFound': 'Comments for this article are not available.',
  'comments.more': 'Load more comments',
  'comments.moreError': 'More comments could not be loaded. Please try again.',
  'comments.shown': {
    one: 'Showing {shown} of {count} comment',
    other: 'Showing {shown} of {count} comments',
  },
  'comments.form': 'Leave a comment',
  'comments.title': 'Title',
  'comments.author': 'Name (optional)',
  'comments.body': 'Comment',
  'comments.submit': 'Post comment',
  'comments.left': { one: '{count} character left', other: '{count} characters left' },
  'comments.over': {
    one: '{count} character over the limit',
    other: '{count} characters over the limit',
  },
  'comments.required.title': 'Please give your comment a title.',
  'comments.required.body': 'Please write your comment.',
  'comments.tooLong': 'Please keep this to {max} characters or fewer.',
  'comments.sending': 'Posting your comment…',
  'comments.pending': 'Thank you. Your comment will appear once a moderator has reviewed it.',
  'comments.published': 'Thank you. Your comment has been posted.',
  'comments.pendingBadge': 'Awaiting moderation',
  'comments.error.network':
    'We could not reach the server, so your comment was not posted. It is saved here: check your connection and press Post comment again.',
  'comments.error.post':
    'Something went wrong and your comment was not posted. It is saved here: please press Post comment again.',
  'comments.error.rate':
    'Several comments were sent from here in a short time. Your comment is saved: please try again in {time}.',
  'comments.aMoment': 'a moment',
  'comments.reused':
    'An earlier version of your comment already reached us (it may be awaiting moderation). Your changes are still here: you can post this version as a new comment.',
  'comments.postNew': 'Post as a new comment',
};

export const crisis = {
  'crisis.heading': 'If you are in crisis',
  'crisis.call': 'Call {number}',
  'crisis.text': 'Text {number}',
  'crisis.website': 'Visit {host}',
  'crisis.loading': 'Loading crisis lines…',
  'crisis.error':
    'The crisis lines could not be shown just now. If you are in danger, call your local emergency number.',
};

export const related = {
  'related.heading': 'Related Topics',
  'related.empty': 'No related topics.',
  'related.notFound': 'This topic is not available.',
};

export const therapist = {
  'therapist.heading': 'Find a Therapist (USA/Canada)',
  'therapist.code': 'ZIP or postal code',
  'therapist.radius': 'Distance',
  'therapist.search': 'Search',
  'therapist.searching': 'Searching for therapists…',
  'therapist.country.US': 'the USA',
  'therapist.country.CA': 'Canada',
  'therapist.invalid': 'This search covers {countries} only. Enter a code like {examples}.',
  'therapist.elsewhere': 'For other countries, use {link}.',
  'therapist.advanced': 'Advanced Search',
  'therapist.count': {
    one: 'Showing 1 therapist within {radius} of {code}.',
    other: 'Showing {count} therapists within {radius} of {code}.',
  },
  'therapist.empty': 'No therapists found within {radius} of {code}. Try a larger distance.',
  'therapist.away': '{distance} away',
  'therapist.specialties': 'Specialties: {list}',
  'therapist.call': 'Call {phone}',
  'therapist.more': 'Load more therapists',
};

export const topic = {
  'topic.tab': '{title} ({count})',
  'topic.more': 'Load more items',
  'topic.shown': { one: '{count} item shown.', other: '{count} items shown.' },
  'topic.empty': 'Nothing in this section yet.',
  'topic.noSections': 'This topic has no sections yet.',
  'topic.notFound': 'This topic is not available.',
  'topic.kind.article': 'Article',
  'topic.kind.news': 'News',
  'topic.kind.qa': 'Q&A',
  'topic.kind.blog': 'Blog',
  'topic.kind.video': 'Video',
  'topic.kind.link': 'Link',
  'topic.kind.book-review': 'Book review',
};

/** The shape of a language's strings: every group and key English has. */
export interface Translation {
  state: typeof state;
  article: typeof article;
  attribution: typeof attribution;
  comments: typeof comments;
  crisis: typeof crisis;
  related: typeof related;
  therapist: typeof therapist;
  topic: typeof topic;
}
