/**
 * Fixtures shared by the moderation store tests: client hashes made from known addresses
 * the way the service makes them (a keyed HMAC: the store never sees an address), seed
 * comments for the queue, and small walkers over paged lists.
 */
import { createHmac } from 'node:crypto';
import { after, before } from 'node:test';

export const T0 = 1_700_000_000_000;
export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;
export const ARTICLE = 'resilience';

/** The test's stand-in for the service's client key: HMAC-SHA-256 of the address. */
export function clientHash(address) {
  return createHmac('sha256', 'test secret, never an address').update(address).digest('hex');
}

export const A = clientHash('203.0.113.10');
export const B = clientHash('203.0.113.11');
export const C = clientHash('2001:db8::c');

/** A seed comment of the queue fixture. */
function seed(id, status, created, extra = {}) {
  return {
    id,
    article: ARTICLE,
    title: `t${id}`,
    author: `a${id}`,
    body: `body of ${id}`,
    created: T0 + created,
    status,
    client: A,
    ...extra,
  };
}

/** Four pending (two held for safety, one on another article), two published, … */
export function queueSeeds() {
  return [
    seed(201, 'pending', 1000, { reasons: ['links'] }),
    seed(202, 'pending', 2000, { reasons: ['safety'], client: B }),
    seed(203, 'pending', 3000, { reasons: ['first-time'] }),
    seed(204, 'pending', 500, { reasons: ['safety', 'links'], client: C, article: 'other' }),
    seed(205, 'published', 100),
    seed(206, 'published', 4000, { client: B }),
    seed(207, 'rejected', 50),
    seed(208, 'spam', 60, { reasons: ['honeypot'] }),
  ];
}

/** A comment a reader posts now. */
export function post(created, extra = {}) {
  return {
    article: ARTICLE,
    title: 'posted',
    author: '',
    body: 'posted body',
    created,
    status: 'published',
    client: A,
    ...extra,
  };
}

export const render = (comment) => ({ status: 201, body: JSON.stringify({ id: comment.id }) });

/** Every page of a queue list, following its cursor. */
export async function walkQueue(store, query, limit) {
  const ids = [];
  let cursor = null;
  for (let i = 0; i < 100; i++) {
    const page = await store.listQueue({ ...query, cursor, limit });
    assert(page.items.length <= limit, 'a page holds at most limit items');
    ids.push(...page.items.map((c) => c.id));
    if (page.nextCursor === null) return ids;
    cursor = page.nextCursor;
  }
  throw new Error('paging did not end');
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** The ids of an article's public list, newest first. */
export async function publicIds(store, article = ARTICLE) {
  return (await store.listPublished(article, 'newest', null, 100)).map((c) => c.id);
}

/**
 * Opens a store (and a second instance on the same database, except in memory) on a
 * clock the test moves, with two moderators, Ana (admin) and Ben, for a describe()'s
 * tests; `fresh()` empties it and seeds the queue fixture.
 */
export function useModerationStores(backend) {
  const context = {
    clock: { now: T0 + 10_000 },
    /** @type {any} */ store: null,
    /** @type {any} */ second: null,
    /** @type {any} */ ana: null,
    /** @type {any} */ ben: null,
    async fresh() {
      context.clock.now = T0 + 10_000;
      await context.store.clear();
      await context.store.seedComments(queueSeeds());
    },
  };
  before(async () => {
    const database = await backend.create();
    const now = () => context.clock.now;
    context.store = await backend.open(database, { now });
    context.second = backend.query ? await backend.open(database, { now }) : context.store;
    const added = await Promise.all([
      context.store.addModerator({ name: 'Ana', password: 'a long passphrase', role: 'admin' }),
      context.store.addModerator({
        name: 'Ben',
        password: 'another passphrase',
        role: 'moderator',
      }),
    ]);
    [context.ana, context.ben] = added.map((r) => r.moderator);
  });
  after(async () => {
    if (context.second !== context.store) await context.second?.close();
    await context.store?.close();
  });
  return context;
}
