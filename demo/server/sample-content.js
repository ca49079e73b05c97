/**
 * Sample content served by the reference Content API server.
 *
 * Everything here is written for this project: the article text, the topic items,
 * the comments and the therapists are fictional (therapist phone numbers use the
 * reserved 555-01xx range, profile links point at example.org). The structure
 * follows docs/openapi.yaml so the widgets can be exercised end to end.
 *
 * @module
 */

const MHN = 'https://www.mentalhelp.net';

/** Publisher-wide facts for GET /site. */
export const site = {
  name: 'Mental Help Net',
  url: `${MHN}/`,
  social: [
    {
      network: 'twitter',
      label: 'Follow us on Twitter!',
      url: 'https://twitter.com/MentalHelpNet',
    },
    {
      network: 'facebook',
      label: 'Find us on Facebook!',
      url: 'https://www.facebook.com/MentalHelpNet',
    },
  ],
  certifications: [
    {
      name: 'HONcode',
      description:
        'An independent foundation reviewed this site against its code of conduct for trustworthy health information.',
      badgeUrl: 'https://example.org/honcode/badge-mentalhelp-net.png',
      verifyUrl: 'https://example.org/honcode/verify/mentalhelp-net',
    },
  ],
  poweredBy: { name: 'CenterSite.Net', url: 'https://www.centersite.net/' },
  forumsUrl: `${MHN}/forums/`,
  therapistSearch: {
    countries: ['US', 'CA'],
    advancedSearchUrl: `${MHN}/find-a-therapist/advanced-search/`,
  },
  crisis: {
    heading: 'If you are in crisis',
    lines: [
      {
        country: 'US',
        name: '988 Suicide & Crisis Lifeline',
        call: '988',
        text: '988',
        url: 'https://988lifeline.org/',
      },
      {
        country: 'CA',
        name: '9-8-8 Suicide Crisis Helpline',
        call: '988',
        text: '988',
        url: 'https://988.ca/',
      },
    ],
    emergency:
      'If you are in immediate danger, call 911 or go to the nearest emergency department.',
  },
};

const RESILIENCE = { slug: 'emotional-resilience', title: 'Emotional Resilience' };
const SELF_ESTEEM = { slug: 'self-esteem', title: 'Self Esteem' };
const LIFE_ISSUES = { slug: 'life-issues', title: 'Life Issues' };

const AUTHORS = [
  { name: 'Miriam Okafor', credentials: 'Ph.D.' },
  { name: 'Daniel Whitcombe', credentials: 'Ph.D.' },
];
const REVIEWER = [{ name: 'Priya Raman', credentials: 'MD' }];

/**
 * Lower-case ASCII slug of a title or name.
 *
 * @param {string} text
 */
const slugify = (text) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** @param {string} slug */
const articleUrl = (slug) => `${MHN}/articles/${slug}/`;

/**
 * Builds an article with the defaults every sample shares.
 *
 * @param {Record<string, unknown> & { slug: string, title: string }} fields
 * @returns {Record<string, any> & { slug: string, title: string }}
 */
function article(fields) {
  const defaults = {
    slug: fields.slug,
    title: fields.title,
    url: articleUrl(fields.slug),
    language: 'en',
    topic: RESILIENCE,
    authors: AUTHORS,
    comments: { enabled: true },
  };
  return Object.assign(defaults, fields);
}

/**
 * Sample articles. `comments.enabled === false` closes an article to new comments;
 * the served `comments.count` is always computed from the database.
 */
export const articles = [
  article({
    slug: 'resilience-social-support-benefits',
    title: 'Resilience: Social Support Benefits',
    published: '2016-04-04',
    updated: '2016-04-04',
    reviewed: '2024-01-15',
    reviewedBy: REVIEWER,
    summary:
      'Good feelings shared with other people strengthen relationships, and those relationships in turn help us recover from hard times.',
    bodyHtml: [
      '<p>Feeling good does more than lift a mood. When we share moments of warmth, humour or relief with the people around us, those moments become part of what holds a relationship together. Over time, the relationships built this way turn into a safety net that helps us cope when things go wrong, which makes further good moments more likely. Each turn of the circle makes the next one a little easier.</p>',
      '<p>Supportive relationships help in several distinct ways:</p>',
      '<ul>',
      '<li><strong>Belonging.</strong> Being cared for, and caring for someone in return, supports a steady sense of who we are and what we are worth. It eases loneliness and gives us somewhere to turn on difficult days.</li>',
      '<li><strong>Practice.</strong> Everyday give and take is a training ground for listening, compromise and empathy. Friends also act as a sounding board: they can check our worries against reality and suggest options we had not considered.</li>',
      '<li><strong>Opportunity.</strong> The people we know introduce us to other people. A wider circle can lead to work, to new interests and sometimes to new friendships or partners.</li>',
      '</ul>',
      '<p>Low moods tend to pull in the opposite direction. When we feel flat or hopeless it is natural to withdraw, and it becomes harder to notice what others need. Friends and family usually want to help, but repeated refusals can leave them unsure how to reach us, and contact slowly fades.</p>',
      '<p>Noticing that pattern is useful in itself. Small, manageable steps such as answering one message, agreeing to a short walk or telling one trusted person how things really are can keep connections alive until the mood begins to lift.</p>',
    ].join(''),
  }),
  article({
    slug: 'resiliencia-apoyo-social',
    title: 'Resiliencia: los beneficios del apoyo social',
    language: 'es',
    topic: { slug: 'emotional-resilience', title: 'Resiliencia emocional' },
    published: '2016-04-04',
    updated: '2016-05-10',
    summary:
      'Compartir emociones positivas fortalece las relaciones, y esas relaciones nos ayudan a recuperarnos en los momentos difíciles.',
    bodyHtml: [
      '<p>Las emociones positivas que compartimos con otras personas crean lazos. Con el tiempo, esos lazos se convierten en una red de apoyo que nos sostiene cuando las cosas se complican.</p>',
      '<p>Las relaciones de apoyo nos ayudan de varias maneras:</p>',
      '<ul>',
      '<li>Nos dan un sentido de pertenencia y alivian la soledad.</li>',
      '<li>Nos permiten practicar la escucha, la empatía y la negociación.</li>',
      '<li>Nos abren puertas a nuevas personas, intereses y oportunidades.</li>',
      '</ul>',
      '<p>Cuando el ánimo está bajo, es normal aislarse. Dar pasos pequeños, como responder un mensaje o aceptar un paseo corto, ayuda a mantener vivas las relaciones.</p>',
    ].join(''),
  }),
  article({
    slug: 'resilience-an-introduction',
    title: 'Resilience: An Introduction',
    published: '2016-03-01',
    updated: '2016-03-01',
    summary: 'What resilience is, and why it can be learned rather than simply inherited.',
    bodyHtml:
      '<p>Resilience is the capacity to bend under pressure without breaking, and to recover afterwards. It is not a fixed trait: it grows from habits, relationships and skills that anyone can practise.</p><p>This series looks at those ingredients one at a time.</p>',
  }),
  article({
    slug: 'resilience-positive-emotions',
    title: 'Resilience: The Role of Positive Emotions',
    published: '2016-03-15',
    updated: '2016-03-20',
    bodyHtml:
      '<p>Positive emotions widen our attention and make it easier to see options. They also help the body settle after stress.</p><p>Deliberately making room for small pleasures is one of the simplest resilience habits.</p>',
  }),
  article({
    slug: 'no-comments-example',
    title: 'Resilience: Building a Daily Routine',
    published: '2016-04-18',
    summary: 'A predictable rhythm to the day can make stressful periods easier to carry.',
    bodyHtml:
      '<p>Regular times for waking, eating, moving and resting give the mind fewer decisions to make when it is already under strain.</p>',
  }),
  article({
    slug: 'comments-closed-example',
    title: 'Resilience: Looking Back on a Hard Year',
    published: '2015-12-30',
    updated: '2016-01-05',
    bodyHtml:
      '<p>Reflecting on what helped during a difficult year can show which supports are worth keeping.</p><p>Comments on this article are closed.</p>',
    comments: { enabled: false },
  }),
  article({
    slug: 'long-thread-example',
    title: 'Resilience: Readers Share What Helps',
    published: '2014-06-01',
    updated: '2016-02-01',
    summary: 'A long-running conversation in which readers describe the small things that help.',
    bodyHtml:
      '<p>We asked readers to describe one thing that helps them through a hard day. The answers are below.</p>',
  }),
  article({
    slug: 'self-esteem-basics',
    title: 'Self Esteem: The Basics',
    topic: SELF_ESTEEM,
    published: '2015-09-10',
    bodyHtml:
      '<p>Self esteem is the overall opinion we hold of ourselves. Healthy self esteem is realistic: it notices strengths and limits alike.</p>',
  }),
  article({
    slug: 'life-transitions',
    title: 'Coping with Life Transitions',
    topic: LIFE_ISSUES,
    published: '2015-11-02',
    bodyHtml:
      '<p>Moving, changing jobs, becoming a parent or retiring all ask us to adjust at once to many small changes. Expecting some unsettled weeks makes them easier to ride out.</p>',
  }),
];

/**
 * @typedef {{ title: string, author: string | null, created: string, body: string }} SeedComment
 */

/** Seed comments per article slug, in any order (sorted by date when seeded). */
export const comments = {
  'resilience-social-support-benefits': [
    {
      title: 'one small step at a time',
      author: 'Dana K.',
      created: '2007-05-01T14:12:00Z',
      body: 'I come back to articles like this when things feel heavy. The last few years brought more change than I expected, and I am rebuilding at my own pace.\n\nSome days that feels possible and some days it does not. Does anyone else find that writing things down helps them notice the progress they are making?',
    },
    {
      title: 'Reading your story...',
      author: null,
      created: '2008-02-27T09:30:00Z',
      body: 'It seems to me you are already moving in a direction that suits you. Keep going.',
    },
    {
      title: 'Hang in there',
      author: '',
      created: '2009-06-27T18:45:00Z',
      body: 'Carrying all of that and still working towards what matters to you takes real strength.',
    },
    {
      title: 'take it slowly',
      author: 'Rosa L.',
      created: '2010-01-27T07:05:00Z',
      body: 'Sometimes the bravest thing is to sit with a hard question for a while instead of rushing to answer it. You are not alone in this. Be gentle with yourself, keep things simple, and take the next step when you are ready.',
    },
  ],
  'resiliencia-apoyo-social': [
    {
      title: 'Me sentí identificada',
      author: 'Lucía',
      created: '2016-06-02T10:00:00Z',
      body: 'Cuando estoy triste tiendo a encerrarme. Este artículo me recordó que un mensaje corto a una amiga puede cambiar el día.',
    },
    {
      title: 'Gracias',
      author: '',
      created: '2016-07-14T16:20:00Z',
      body: 'Claro y útil. Lo compartí con mi familia.',
    },
  ],
  'comments-closed-example': [
    {
      title: 'Looking back helped me too',
      author: 'Sam',
      created: '2016-01-08T12:00:00Z',
      body: 'Writing a short list of what got me through last winter made this one feel less daunting.',
    },
    {
      title: 'Thank you',
      author: null,
      created: '2016-01-11T08:30:00Z',
      body: 'A kind and practical piece.',
    },
  ],
  'resilience-an-introduction': [
    {
      title: 'Looking forward to the series',
      author: 'Ben',
      created: '2016-03-03T19:00:00Z',
      body: 'It is encouraging to read that resilience can be practised.',
    },
  ],
};

const THREAD_HELPS = [
  'a short walk before work',
  'calling my sister on Sundays',
  'writing three lines in a journal',
  'cooking one proper meal a day',
  'turning my phone off an hour before bed',
  'a weekly coffee with a neighbour',
  'breathing slowly for a minute',
  'tidying one small corner',
  'playing music while I clean',
  'volunteering at the library',
  'stretching when I wake up',
  'noting one thing that went well',
];
const THREAD_NAMES = ['Alex', 'Morgan', '', 'Jordan P.', null, 'Casey', 'Riley', 'Sam T.'];

/**
 * Deterministic generated comments, oldest first. Every fourth comment shares its
 * timestamp with the one before, so pagination has to break ties by id.
 *
 * @param {number} count
 * @param {{ start?: string, stepMinutes?: number, label?: string }} [options]
 * @returns {SeedComment[]}
 */
export function generateComments(count, options = {}) {
  const start = Date.parse(options.start ?? '2014-06-01T08:00:00Z');
  const stepMs = (options.stepMinutes ?? 797) * 60_000;
  const label = options.label ?? 'Reader note';
  return Array.from({ length: count }, (_, i) => {
    const slot = i % 4 === 3 ? i - 1 : i;
    const helps = THREAD_HELPS[i % THREAD_HELPS.length];
    return {
      title: `${label} #${i + 1}`,
      author: THREAD_NAMES[i % THREAD_NAMES.length],
      created: new Date(start + slot * stepMs).toISOString(),
      body: `What helps me on a hard day: ${helps}.`,
    };
  });
}

/** Generated seed comments: article slug -> how many. */
export const generatedComments = { 'long-thread-example': 1500 };

/**
 * @typedef {{ title: string, url: string, kind: string, summary?: string, date?: string,
 *   articleSlug?: string }} SectionItem
 */

/**
 * @param {string} kind
 * @param {string} path URL path under the publisher's site
 * @returns {(entry: Array<string | undefined>) => SectionItem} from [title, date?, summary?]
 */
const itemsOf = (kind, path) => (entry) => {
  const [title = '', date, summary] = entry;
  return {
    title,
    url: `${MHN}/${path}/${slugify(title)}/`,
    kind,
    ...(date ? { date } : {}),
    ...(summary ? { summary } : {}),
  };
};

/**
 * An item that links to an article this server serves.
 *
 * @param {string} slug
 * @param {string} [summary]
 * @returns {SectionItem}
 */
function articleItem(slug, summary) {
  const found = articles.find((a) => a.slug === slug);
  if (!found) throw new Error(`No sample article ${slug}`);
  return {
    title: found.title,
    url: found.url,
    kind: 'article',
    ...(found.updated || found.published ? { date: found.updated ?? found.published } : {}),
    ...(summary ? { summary } : {}),
    articleSlug: slug,
  };
}

const MORE_TITLES = [
  'Stress and the body',
  'Sleep as a foundation',
  'Thinking traps',
  'Reframing setbacks',
  'Self-compassion',
  'Setting realistic goals',
  'Problem solving step by step',
  'Asking for help',
  'Boundaries in relationships',
  'Humour as a coping tool',
  'Meaning and purpose',
  'Gratitude practices',
  'Physical activity and mood',
  'Nutrition and energy',
  'Mindful attention',
  'Managing worry',
  'Grief and recovery',
  'Resilience at work',
  'Resilience in children',
  'Resilience in later life',
  'Caregiver resilience',
  'Financial stress',
  'Community and belonging',
  'Spiritual resources',
  'Recovering after a crisis',
  'When to seek professional help',
  'Learning from difficult experiences',
  'Flexible thinking',
  'Rest and recovery',
  'Keeping perspective',
];

/** Section items keyed by `topicSlug/sectionId`; a section's count is its item count. */
export const sectionItems = {
  'emotional-resilience/basic': [
    articleItem('resilience-an-introduction', 'What resilience is and how it can be strengthened.'),
    articleItem('resilience-positive-emotions'),
    articleItem('resilience-social-support-benefits', 'How shared good feelings build support.'),
    articleItem('no-comments-example'),
    articleItem('comments-closed-example'),
    articleItem('long-thread-example'),
    ...[
      ['Resilience: Optimism and Hope', '2016-04-11'],
      ['Resilience: Coping Styles', '2016-04-25'],
      ['Resilience: Emotional Awareness', '2016-05-02'],
      ['Resilience: Physical Health Habits', '2016-05-09'],
      ['Resilience: Spirituality and Meaning', '2016-05-16'],
      ['Resilience: Putting It All Together', '2016-05-23'],
    ].map(itemsOf('article', 'articles')),
  ],
  'emotional-resilience/more': MORE_TITLES.map((title, i) =>
    itemsOf(
      'article',
      'articles',
    )([
      title,
      `2015-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
      i % 3 === 0 ? `A closer look at ${title.toLowerCase()}.` : undefined,
    ]),
  ),
  'emotional-resilience/news': [
    ['Study links regular walking with steadier mood', '2016-03-28'],
    ['Peer support groups show benefits for new parents', '2016-03-14'],
    ['Sleep and stress: new findings from a long-term survey', '2016-02-22'],
    ['Volunteering linked to lower loneliness in older adults', '2016-02-08'],
    ['Workplace wellbeing programmes: what seems to work', '2016-01-25'],
    ['Gratitude journaling examined in a small trial', '2016-01-11'],
    ['Community gardens and neighbourhood wellbeing', '2015-12-14'],
    ['Screen time before bed: a cautious review', '2015-11-30'],
  ].map(itemsOf('news', 'news')),
  'emotional-resilience/qa': [
    ['How do I support a friend who keeps cancelling plans?', '2016-02-03'],
    ['Is it normal to feel worse before feeling better?', '2015-12-09'],
    ['Can resilience be learned as an adult?', '2015-10-21'],
    ['What if I have nobody to talk to?', '2015-08-17'],
    ['How do I know when stress has become too much?', '2015-06-30'],
  ].map(itemsOf('qa', 'questions')),
  'emotional-resilience/blog': [
    ['Small wins count', '2016-04-01', 'Why tiny achievements deserve attention.'],
    ['Notes from a rainy week', '2016-03-18'],
    ['The friend who just listens', '2016-03-04'],
    ['Letting go of perfect', '2016-02-19'],
    ['Routines that survived the holidays', '2016-01-15'],
    ['On asking for help', '2015-12-04'],
    ['Walking meetings', '2015-11-06'],
    ['When plans fall through', '2015-10-09'],
    ['A year of journaling', '2015-09-11'],
  ].map(itemsOf('blog', 'blogs')),
  'emotional-resilience/videos': [
    ['Breathing exercise: two calm minutes', '2016-02-10'],
    ['What resilience looks like day to day', '2015-11-18'],
    ['Talking to someone you trust', '2015-07-07'],
  ].map(itemsOf('video', 'videos')),
  'emotional-resilience/links': [
    'Finding a support group near you',
    'An overview of resilience research',
    'Mental health first aid courses',
    'Help for family caregivers',
    'Better sleep: a practical guide',
    'A workplace mental health toolkit',
    'Talking with teenagers about stress',
  ].map((title) => ({
    title,
    url: `https://example.org/resources/${slugify(title)}`,
    kind: 'link',
  })),
  'emotional-resilience/books': [
    ['Review: The Bend and the Break', '2015-10-01', 'A readable guide to everyday resilience.'],
    ['Review: Quiet Strength', '2015-05-12'],
  ].map(itemsOf('book-review', 'book-reviews')),
  'self-esteem/basic': [
    articleItem('self-esteem-basics'),
    ...[
      ['Self Esteem: Where It Comes From', '2015-09-17'],
      ['Self Esteem: Inner Critic and Inner Coach', '2015-09-24'],
    ].map(itemsOf('article', 'articles')),
  ],
  'self-esteem/qa': [['Why do compliments make me uncomfortable?', '2015-10-05']].map(
    itemsOf('qa', 'questions'),
  ),
  'life-issues/basic': [
    articleItem('life-transitions'),
    ...[['Living with Uncertainty', '2015-11-09']].map(itemsOf('article', 'articles')),
  ],
  'life-issues/news': [
    ['Survey: most adults face a major life change each decade', '2016-01-20'],
  ].map(itemsOf('news', 'news')),
  'sleep-and-rest/basic': [
    ['Sleep: Why It Matters', '2016-02-01'],
    ['Sleep: Winding Down', '2016-02-08'],
  ].map(itemsOf('article', 'articles')),
};

/**
 * @param {string} slug
 * @param {string} title
 */
const topicRef = (slug, title) => ({ slug, title, url: `${MHN}/topics/${slug}/` });

/**
 * Topics. Each section's `count` is computed from `sectionItems` when served.
 * `sleep-and-rest` has no related topics and an empty section, for empty states.
 */
export const topics = [
  {
    ...topicRef(RESILIENCE.slug, RESILIENCE.title),
    sections: [
      { id: 'basic', title: 'Basic Information' },
      { id: 'more', title: 'More Information' },
      { id: 'news', title: 'Latest News' },
      { id: 'qa', title: 'Questions and Answers' },
      { id: 'blog', title: 'Blog Entries' },
      { id: 'videos', title: 'Videos' },
      { id: 'links', title: 'Links' },
      { id: 'books', title: 'Book Reviews' },
    ],
    related: [
      topicRef(SELF_ESTEEM.slug, SELF_ESTEEM.title),
      topicRef(LIFE_ISSUES.slug, LIFE_ISSUES.title),
    ],
  },
  {
    ...topicRef(SELF_ESTEEM.slug, SELF_ESTEEM.title),
    sections: [
      { id: 'basic', title: 'Basic Information' },
      { id: 'qa', title: 'Questions and Answers' },
    ],
    related: [topicRef(RESILIENCE.slug, RESILIENCE.title)],
  },
  {
    ...topicRef(LIFE_ISSUES.slug, LIFE_ISSUES.title),
    sections: [
      { id: 'basic', title: 'Basic Information' },
      { id: 'news', title: 'Latest News' },
    ],
    related: [
      topicRef(RESILIENCE.slug, RESILIENCE.title),
      topicRef(SELF_ESTEEM.slug, SELF_ESTEEM.title),
    ],
  },
  {
    ...topicRef('sleep-and-rest', 'Sleep and Rest'),
    sections: [
      { id: 'basic', title: 'Basic Information' },
      { id: 'news', title: 'Latest News' },
    ],
    related: [],
  },
];

/**
 * Where a postal area is: US ZIP codes by their first three digits, Canadian
 * postal codes by their forward sortation area (first three characters).
 * Coordinates are approximate area centres.
 *
 * @type {Record<string, { lat: number, lon: number, place: string }>}
 */
export const postalAreas = {
  100: { lat: 40.7506, lon: -73.9972, place: 'New York, NY' },
  101: { lat: 40.7527, lon: -73.9772, place: 'New York, NY' },
  112: { lat: 40.6501, lon: -73.9496, place: 'Brooklyn, NY' },
  '070': { lat: 40.7357, lon: -74.1724, place: 'Newark, NJ' },
  '021': { lat: 42.3601, lon: -71.0589, place: 'Boston, MA' },
  191: { lat: 39.9526, lon: -75.1652, place: 'Philadelphia, PA' },
  200: { lat: 38.9072, lon: -77.0369, place: 'Washington, DC' },
  303: { lat: 33.749, lon: -84.388, place: 'Atlanta, GA' },
  331: { lat: 25.7617, lon: -80.1918, place: 'Miami, FL' },
  606: { lat: 41.8781, lon: -87.6298, place: 'Chicago, IL' },
  482: { lat: 42.3314, lon: -83.0458, place: 'Detroit, MI' },
  554: { lat: 44.9778, lon: -93.265, place: 'Minneapolis, MN' },
  631: { lat: 38.627, lon: -90.1994, place: 'St. Louis, MO' },
  752: { lat: 32.7767, lon: -96.797, place: 'Dallas, TX' },
  770: { lat: 29.7604, lon: -95.3698, place: 'Houston, TX' },
  787: { lat: 30.2672, lon: -97.7431, place: 'Austin, TX' },
  802: { lat: 39.7392, lon: -104.9903, place: 'Denver, CO' },
  850: { lat: 33.4484, lon: -112.074, place: 'Phoenix, AZ' },
  900: { lat: 34.0522, lon: -118.2437, place: 'Los Angeles, CA' },
  902: { lat: 34.0901, lon: -118.4065, place: 'Beverly Hills, CA' },
  941: { lat: 37.7749, lon: -122.4194, place: 'San Francisco, CA' },
  972: { lat: 45.5152, lon: -122.6784, place: 'Portland, OR' },
  981: { lat: 47.6062, lon: -122.3321, place: 'Seattle, WA' },
  968: { lat: 21.3069, lon: -157.8583, place: 'Honolulu, HI' },
  999: { lat: 55.3422, lon: -131.6461, place: 'Ketchikan, AK' },
  K1A: { lat: 45.4215, lon: -75.6972, place: 'Ottawa, ON' },
  K1P: { lat: 45.4211, lon: -75.699, place: 'Ottawa, ON' },
  K2P: { lat: 45.4125, lon: -75.69, place: 'Ottawa, ON' },
  J8X: { lat: 45.4284, lon: -75.7134, place: 'Gatineau, QC' },
  M5V: { lat: 43.6426, lon: -79.3871, place: 'Toronto, ON' },
  M4W: { lat: 43.679, lon: -79.389, place: 'Toronto, ON' },
  M5S: { lat: 43.6629, lon: -79.3957, place: 'Toronto, ON' },
  H2X: { lat: 45.51, lon: -73.566, place: 'Montréal, QC' },
  H3A: { lat: 45.504, lon: -73.577, place: 'Montréal, QC' },
  G1R: { lat: 46.812, lon: -71.215, place: 'Québec, QC' },
  V6B: { lat: 49.279, lon: -123.115, place: 'Vancouver, BC' },
  T2P: { lat: 51.0486, lon: -114.0708, place: 'Calgary, AB' },
  T5J: { lat: 53.5444, lon: -113.4909, place: 'Edmonton, AB' },
  R3C: { lat: 49.8951, lon: -97.1384, place: 'Winnipeg, MB' },
  S4P: { lat: 50.4452, lon: -104.6189, place: 'Regina, SK' },
  B3H: { lat: 44.637, lon: -63.58, place: 'Halifax, NS' },
  A1C: { lat: 47.5615, lon: -52.7126, place: "St. John's, NL" },
};

/**
 * @typedef {{ id: string, name: string, credentials: string, city: string, region: string,
 *   country: 'US' | 'CA', phone?: string, url?: string, specialties?: string[],
 *   lat: number, lon: number }} Therapist
 */

/**
 * Fictional therapists. `lat`/`lon` are used to compute `distanceKm` and are not served.
 *
 * @param {[string, string, string, string, 'US' | 'CA', string, number, number, string[]]} row
 * @param {number} i
 * @returns {Therapist}
 */
function therapist(row, i) {
  const [name, credentials, city, region, country, areaCode, lat, lon, specialties] = row;
  const id = `t-${i + 1}`;
  return {
    id,
    name,
    credentials,
    city,
    region,
    country,
    phone: `+1 ${areaCode} 555 ${String(100 + ((i * 7) % 100)).padStart(4, '0')}`,
    url: `https://example.org/therapists/${slugify(name)}`,
    specialties,
    lat,
    lon,
  };
}

/** @type {Parameters<typeof therapist>[0][]} */
const THERAPIST_ROWS = [
  [
    'Nadia Solberg',
    'PsyD',
    'New York',
    'NY',
    'US',
    '212',
    40.7484,
    -73.9857,
    ['Anxiety', 'Depression'],
  ],
  [
    'Marcus Bell',
    'LCSW',
    'New York',
    'NY',
    'US',
    '212',
    40.7831,
    -73.9712,
    ['Grief', 'Life transitions'],
  ],
  [
    'Hannah Yoon',
    'PhD',
    'New York',
    'NY',
    'US',
    '646',
    40.7265,
    -73.9815,
    ['Couples', 'Communication'],
  ],
  [
    'Tomás Rivera',
    'LMFT',
    'Brooklyn',
    'NY',
    'US',
    '718',
    40.6782,
    -73.9442,
    ['Family', 'Parenting'],
  ],
  ['Grace Adeyemi', 'LPC', 'Jersey City', 'NJ', 'US', '201', 40.7178, -74.0431, ['Stress', 'Work']],
  ['Evan Lindqvist', 'PhD', 'Newark', 'NJ', 'US', '973', 40.7357, -74.1724, ['Trauma']],
  ['Claire Donnelly', 'PsyD', 'Boston', 'MA', 'US', '617', 42.3505, -71.0746, ['Anxiety', 'OCD']],
  [
    'Samuel Osei',
    'LCSW',
    'Philadelphia',
    'PA',
    'US',
    '215',
    39.9496,
    -75.1503,
    ['Addiction recovery'],
  ],
  [
    'Leah Goldberg',
    'PhD',
    'Chicago',
    'IL',
    'US',
    '312',
    41.8827,
    -87.6233,
    ['Depression', 'Self esteem'],
  ],
  ['Andre Whitfield', 'LCPC', 'Evanston', 'IL', 'US', '847', 42.0451, -87.6877, ['Young adults']],
  [
    'Sofia Marchetti',
    'LMFT',
    'Los Angeles',
    'CA',
    'US',
    '213',
    34.0407,
    -118.2468,
    ['Couples', 'Family'],
  ],
  [
    'Kenji Watanabe',
    'PsyD',
    'Beverly Hills',
    'CA',
    'US',
    '310',
    34.0736,
    -118.4004,
    ['Anxiety', 'Performance'],
  ],
  [
    'Olivia Grant',
    'PhD',
    'Santa Monica',
    'CA',
    'US',
    '310',
    34.0195,
    -118.4912,
    ['Eating concerns'],
  ],
  [
    'Rafael Ortiz',
    'LCSW',
    'San Francisco',
    'CA',
    'US',
    '415',
    37.7793,
    -122.4193,
    ['Depression', 'LGBTQ+'],
  ],
  [
    'Megan Fairweather',
    'LMHC',
    'Seattle',
    'WA',
    'US',
    '206',
    47.6097,
    -122.3331,
    ['Stress', 'Sleep'],
  ],
  ['Isaac Brennan', 'PhD', 'Denver', 'CO', 'US', '303', 39.7475, -104.9924, ['Trauma', 'Veterans']],
  [
    'Priscilla Nguyen',
    'LPC',
    'Austin',
    'TX',
    'US',
    '512',
    30.2747,
    -97.7404,
    ['Anxiety', 'Students'],
  ],
  [
    'Diego Castillo',
    'PsyD',
    'Miami',
    'FL',
    'US',
    '305',
    25.7743,
    -80.1937,
    ['Bilingual (Spanish)', 'Family'],
  ],
  [
    'Élise Tremblay',
    'Ph.D., C.Psych.',
    'Ottawa',
    'ON',
    'CA',
    '613',
    45.4236,
    -75.7009,
    ['Anxiety', 'Depression'],
  ],
  [
    'Owen MacLeod',
    'MSW, RSW',
    'Ottawa',
    'ON',
    'CA',
    '613',
    45.4019,
    -75.6877,
    ['Grief', 'Caregivers'],
  ],
  [
    'Amira Haddad',
    'M.A., RP',
    'Ottawa',
    'ON',
    'CA',
    '613',
    45.3876,
    -75.7526,
    ['Couples', 'Newcomers'],
  ],
  [
    'Luc Bergeron',
    'Psychologue',
    'Gatineau',
    'QC',
    'CA',
    '819',
    45.4765,
    -75.7013,
    ['Stress', 'Burnout'],
  ],
  [
    'Fiona Chen',
    'Ph.D., C.Psych.',
    'Toronto',
    'ON',
    'CA',
    '416',
    43.6453,
    -79.3806,
    ['Anxiety', 'Work'],
  ],
  [
    'Jamal Robinson',
    'MSW, RSW',
    'Toronto',
    'ON',
    'CA',
    '416',
    43.6677,
    -79.3948,
    ['Young adults', 'Identity'],
  ],
  [
    'Maya Kowalski',
    'M.Ed., RP',
    'Toronto',
    'ON',
    'CA',
    '647',
    43.6561,
    -79.4103,
    ['Depression', 'Self esteem'],
  ],
  [
    'Geneviève Roy',
    'Psychologue',
    'Montréal',
    'QC',
    'CA',
    '514',
    45.5088,
    -73.5617,
    ['Trauma', 'Bilingual (French)'],
  ],
  [
    'Arjun Mehta',
    'RCC',
    'Vancouver',
    'BC',
    'CA',
    '604',
    49.2827,
    -123.1207,
    ['Anxiety', 'Mindfulness'],
  ],
  [
    'Bridget Keefe',
    'Ph.D.',
    'Halifax',
    'NS',
    'CA',
    '902',
    44.6488,
    -63.5752,
    ['Depression', 'Rural mental health'],
  ],
];

/** @type {Therapist[]} */
export const therapists = THERAPIST_ROWS.map(therapist);
