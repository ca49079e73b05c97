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
  'comments.safety.heading': 'You are not alone',
  'comments.safety':
    'Thank you for sharing this. It sounds like things may be very hard right now. If you would like to talk with someone, these lines are there to listen.',
  'comments.safety.kept':
    'A person on our team will read your comment before it appears. What you wrote is still in the form.',
  'comments.safety.noLines':
    'If you are in danger right now, please call your local emergency number.',
  'comments.delete': 'Delete',
  'comments.delete.confirm': 'Delete your comment? This cannot be undone.',
  'comments.delete.yes': 'Yes, delete',
  'comments.delete.cancel': 'Cancel',
  'comments.delete.sending': 'Deleting your comment…',
  'comments.delete.done': 'Your comment was deleted.',
  'comments.delete.gone': 'This comment had already been deleted.',
  'comments.delete.forbidden':
    'This comment can no longer be deleted from this browser. The publisher can remove it for you.',
  'comments.delete.expired':
    'Comments can be deleted from here for 24 hours after posting, and that time has passed. The publisher can remove it for you.',
  'comments.delete.error':
    'Your comment could not be deleted just now. Please try again in a moment.',
  'comments.report': 'Report',
  'comments.report.label': 'Report comment by {author}',
  'comments.report.done': 'Reported',
  'comments.report.doneLabel': 'Reported comment by {author}',
  'comments.report.legend': 'Why are you reporting this comment?',
  'comments.report.spam': 'Spam or advertising',
  'comments.report.abuse': 'Abusive or hurtful',
  'comments.report.worried': 'I am worried about this person',
  'comments.report.other': 'Something else',
  'comments.report.send': 'Send report',
  'comments.report.cancel': 'Cancel',
  'comments.report.choose': 'Please choose a reason.',
  'comments.report.thanks': 'Thank you. A moderator will look at this comment.',
  'comments.report.thanksWorried':
    'Thank you for looking out for them. A moderator will read this soon. If someone is in danger now, these lines can help:',
  'comments.report.gone': 'Thank you. This comment is no longer shown.',
  'comments.report.network':
    'Your report could not be sent. Please check your connection and try again.',
  'comments.report.error': 'Your report could not be sent. Please try again.',
  'comments.report.rate': 'Several reports came from here just now. Please try again in {time}.',
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

/** The moderation desk (`<mhn-moderation>`, an admin element: never in the partner bundle). */
export const moderation = {
  'moderation.heading': 'Moderation desk',
  'moderation.checking': 'Checking your session…',
  'moderation.signIn.heading': 'Sign in to the moderation desk',
  'moderation.username': 'Username',
  'moderation.password': 'Password',
  'moderation.signIn': 'Sign in',
  'moderation.signingIn': 'Signing in…',
  'moderation.signIn.missing': 'Enter your username and your password.',
  'moderation.signIn.failed': 'The username or the password is not right.',
  'moderation.signIn.wait': {
    one: 'Too many sign-in attempts. Please wait {count} second and try again.',
    other: 'Too many sign-in attempts. Please wait {count} seconds and try again.',
  },
  'moderation.signedOut': 'You have signed out.',
  'moderation.expired': 'Your session has ended. Please sign in again.',
  'moderation.signedInAs': 'Signed in as {name}',
  'moderation.signOut': 'Sign out',
  'moderation.filters': 'Comments by status',
  'moderation.status.pending': 'Pending',
  'moderation.status.published': 'Published',
  'moderation.status.rejected': 'Rejected',
  'moderation.status.spam': 'Spam',
  'moderation.statusCount': '{status} ({count})',
  'moderation.article': 'Article',
  'moderation.allArticles': 'All articles',
  'moderation.reason': 'Reason held',
  'moderation.allReasons': 'All reasons',
  'moderation.sort': 'Order',
  'moderation.newest': 'Newest first',
  'moderation.oldest': 'Oldest first',
  'moderation.loading': 'Loading comments…',
  'moderation.empty': 'No comments waiting',
  'moderation.emptyOther': 'No comments here',
  'moderation.error': 'The comments could not be loaded.',
  'moderation.retry': 'Try again',
  'moderation.loadMore': 'Load more comments',
  'moderation.list': 'Comments',
  'moderation.selectAll': 'Select all',
  'moderation.select': 'Select “{title}”',
  'moderation.bulk': 'With the selected comments',
  'moderation.selected': {
    zero: 'None selected',
    one: '{count} selected',
    other: '{count} selected',
  },
  'moderation.approve': 'Approve',
  'moderation.reject': 'Reject',
  'moderation.spam': 'Mark as spam',
  'moderation.delete': 'Delete',
  'moderation.undo': 'Undo',
  'moderation.done.approve': {
    one: 'Approved {count} comment.',
    other: 'Approved {count} comments.',
  },
  'moderation.done.reject': {
    one: 'Rejected {count} comment.',
    other: 'Rejected {count} comments.',
  },
  'moderation.done.spam': {
    one: 'Marked {count} comment as spam.',
    other: 'Marked {count} comments as spam.',
  },
  'moderation.done.delete': { one: 'Deleted {count} comment.', other: 'Deleted {count} comments.' },
  'moderation.done.edit': 'Saved the edit; the original is kept in the history.',
  'moderation.done.restore': {
    one: 'Undone: {count} comment is back as it was.',
    other: 'Undone: {count} comments are back as they were.',
  },
  'moderation.failedSome': {
    one: '{count} comment could not be changed; it stays in the list with the reason.',
    other: '{count} comments could not be changed; they stay in the list with the reason.',
  },
  'moderation.failed.deleted': 'Not changed: this comment has been deleted.',
  'moderation.failed.not-found': 'Not changed: this comment no longer exists.',
  'moderation.failed.conflict':
    'Not undone: this comment changed after your action (someone else may have acted on it), so it stays as it is now.',
  'moderation.failed.nothing-to-undo':
    'Nothing to undo: this comment is already as it was before your action.',
  'moderation.failed.network':
    'Nothing changed: the server could not be reached. Check your connection and try again.',
  'moderation.failed.server': 'Nothing changed: the server could not do this just now ({message}).',
  'moderation.failed.other': 'Nothing changed: {message}',
  'moderation.safety': 'Held for safety: the writer may be in crisis. Please respond with care.',
  'moderation.guide': 'How to respond to these posts',
  'moderation.heldBecause': 'Held because: {list}',
  'moderation.reason.safety': 'safety phrase',
  'moderation.reason.hold-all': 'every comment is held',
  'moderation.reason.links': 'too many links',
  'moderation.reason.restricted': 'restricted word',
  'moderation.reason.first-time': 'first comment from this poster',
  'moderation.reason.duplicate': 'duplicate',
  'moderation.reason.reports': 'reader reports',
  'moderation.reason.honeypot': 'bot trap filled in',
  'moderation.reason.too-fast': 'sent too fast',
  'moderation.reason.spam-checker': 'spam checker',
  'moderation.reason.blocked': 'blocked poster',
  'moderation.on': 'On',
  'moderation.posted': 'Posted {date} by {author}',
  'moderation.anonymous': 'Anonymous',
  'moderation.reports': { one: '{count} reader report', other: '{count} reader reports' },
  'moderation.editedOn': 'Edited {date}',
  'moderation.more': 'More',
  'moderation.rejectReason': 'Reason for rejecting (optional)',
  'moderation.rejectWithReason': 'Reject with this reason',
  'moderation.editHeading': 'Edit',
  'moderation.title': 'Title',
  'moderation.author': 'Name',
  'moderation.body': 'Comment',
  'moderation.saveEdit': 'Save edit',
  'moderation.blockHeading': 'Block this poster',
  'moderation.removeAll': 'Also delete everything they posted',
  'moderation.block': 'Block poster',
  'moderation.blocked': 'The poster is blocked: their new comments will be kept as spam.',
  'moderation.blockedRemoved': {
    one: 'The poster is blocked and {count} comment of theirs was deleted.',
    other: 'The poster is blocked and {count} comments of theirs were deleted.',
  },
  'moderation.history': 'History',
  'moderation.historyLoading': 'Loading the history…',
  'moderation.historyEmpty': 'No moderator has acted on it yet.',
  'moderation.historyError': 'The history could not be loaded.',
  'moderation.historyEntry': '{date} — {actor}: {action}',
  'moderation.historyNote': 'Note: {note}',
  'moderation.historyBefore': 'Before the edit: {text}',
  'moderation.keys':
    'Keys: j and k move between comments, a approves, r rejects, s marks as spam, x selects.',
  'moderation.views': 'Desk sections',
  'moderation.view.queue': 'Queue',
  'moderation.view.settings': 'Settings',
  'moderation.view.moderators': 'Moderators',
  'moderation.admin.loading': 'Loading…',
  'moderation.admin.error': 'This could not be loaded.',
  'moderation.admin.forbidden':
    'Only an admin can do this, and this account is not one now. The desk shows what it may do.',
  'moderation.cancel': 'Cancel',
  'moderation.role.moderator': 'Moderator',
  'moderation.role.admin': 'Admin',
  'moderation.settings.mode': 'New comments',
  'moderation.settings.mode.hold-all': 'Hold every comment for a moderator',
  'moderation.settings.mode.rules': 'Publish unless a rule matches',
  'moderation.settings.maxLinks': 'Most links a comment may have before it is held',
  'moderation.settings.restricted': 'Restricted words and phrases (one per line)',
  'moderation.settings.holdFirstTime': 'Hold comments from first-time posters',
  'moderation.settings.reportThreshold': 'Reader reports that send a comment back to the queue',
  'moderation.settings.spam': 'Spam rules',
  'moderation.settings.minSubmitSeconds': 'Fewest seconds between showing the form and sending it',
  'moderation.settings.duplicateWindowMinutes': 'Minutes in which the same text again is held',
  'moderation.settings.duplicateClients': 'Posters sending the same text before it is held',
  'moderation.settings.webhookUrl': 'Webhook URL (leave empty for none)',
  'moderation.settings.webhookSecret': 'New webhook secret (at least 16 characters)',
  'moderation.settings.secretSet': 'A secret is set; leave this empty to keep it.',
  'moderation.settings.secretUnset': 'No secret is set.',
  'moderation.settings.from.default': 'The default.',
  'moderation.settings.from.content': "From the content folder's site.yaml.",
  'moderation.settings.from.desk': 'Set here.',
  'moderation.settings.save': 'Save settings',
  'moderation.settings.saved': 'Settings saved. They apply to the next comment.',
  'moderation.settings.unchanged': 'Nothing to save: no setting was changed.',
  'moderation.moderators.you': '(you)',
  'moderation.moderators.since': 'since {date}',
  'moderation.moderators.role': 'Role',
  'moderation.moderators.roleOf': 'Role of {name}',
  'moderation.moderators.newPassword': 'New password',
  'moderation.moderators.newPasswordFor': 'New password for {name} (at least 12 characters)',
  'moderation.moderators.setPassword': 'Set password',
  'moderation.moderators.passwordSet':
    'New password set for {name}; they are signed out everywhere.',
  'moderation.moderators.remove': 'Remove',
  'moderation.moderators.removeNamed': 'Remove {name}',
  'moderation.moderators.confirm':
    'Remove {name}? They are signed out at once; the audit log keeps their name.',
  'moderation.moderators.removed': 'Removed {name}.',
  'moderation.moderators.add': 'Add a moderator',
  'moderation.moderators.name': 'Username',
  'moderation.moderators.password': 'Initial password (at least 12 characters)',
  'moderation.moderators.addButton': 'Add',
  'moderation.moderators.added.moderator': 'Added {name} as a moderator.',
  'moderation.moderators.added.admin': 'Added {name} as an admin.',
  'moderation.moderators.nowRole.moderator': '{name} is now a moderator.',
  'moderation.moderators.nowRole.admin': '{name} is now an admin.',
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
  moderation: typeof moderation;
}
