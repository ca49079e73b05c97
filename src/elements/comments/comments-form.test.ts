import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import './define.js';
import type { MhnComments } from './mhn-comments.js';
import { newKey } from './drafts.js';
import { ContentClient, sharedClient } from '../../core/content-client.js';
import { $, $$, text, waitFor } from '../../../test/helpers/dom.js';
import {
  addArticle,
  apiUrl,
  configureServer,
  resetServer,
  resetServerStats,
  serverStats,
} from '../../../test/helpers/server.js';

const SLUG = 'resilience-social-support-benefits';
const DRAFT_PREFIX = 'mhn-widgets:draft:';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const stats = async () =>
  (await serverStats()) as unknown as { requests: number; byMethod: Record<string, number> };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let endpoint: string;

/** Opens the widget for `slug` (a "page load") and waits for its form. */
async function open(slug = SLUG, client: ContentClient = sharedClient): Promise<MhnComments> {
  const el = await fixture<MhnComments>(
    html`<mhn-comments
      endpoint=${endpoint}
      article=${slug}
      loading="eager"
      .client=${client}
    ></mhn-comments>`,
  );
  await waitFor(el, 'form, [part="closed"]');
  await waitFor(el, '[part="base"][aria-busy="false"]');
  return el;
}

/** Removes the widget and opens a new one, as a reload of the page would. */
async function reload(el: MhnComments, client?: ContentClient): Promise<MhnComments> {
  const slug = el.article!;
  el.remove();
  return open(slug, client);
}

const field = (el: Element, name: 'title' | 'author' | 'body') =>
  $(el, `#${name}`) as HTMLInputElement | HTMLTextAreaElement;

/** Types into a field the way the browser reports it (value, then an input event). */
function type(el: Element, name: 'title' | 'author' | 'body', value: string): void {
  const input = field(el, name);
  input.focus();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

function fill(el: Element, draft: { title: string; author?: string; body: string }): void {
  type(el, 'title', draft.title);
  if (draft.author !== undefined) type(el, 'author', draft.author);
  type(el, 'body', draft.body);
}

const submitButton = (el: Element, label = 'Post comment') =>
  $$(el, 'button').find((b) => b.textContent!.trim() === label) as HTMLButtonElement;

/**
 * The stored drafts that hold text or a key (a record may also keep only the deletion
 * tokens of the reader's posted comments: own-delete.ts).
 */
function storedTexts(): Array<Record<string, unknown>> {
  return storedDrafts().filter((d) => d['title'] || d['author'] || d['body'] || d['key']);
}

/** A posted body without its form token (which may come between two attempts). */
const fields = (body: string) => {
  const parsed = JSON.parse(body) as Record<string, unknown>;
  delete parsed['formToken'];
  return parsed;
};

function storedDrafts(): Array<Record<string, string>> {
  return Object.keys(localStorage)
    .filter((k) => k.startsWith(DRAFT_PREFIX))
    .map((k) => JSON.parse(localStorage.getItem(k)!) as Record<string, string>);
}

/** Every comment the API lists for `slug` (moderation off: what was published). */
async function listed(slug = SLUG): Promise<Array<{ id: string; title: string }>> {
  const items: Array<{ id: string; title: string }> = [];
  let cursor = '';
  do {
    const response = await fetch(
      `${endpoint}/articles/${slug}/comments?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      { cache: 'no-store' },
    );
    const page = (await response.json()) as { items: typeof items; nextCursor: string | null };
    items.push(...page.items);
    cursor = page.nextCursor ?? '';
  } while (cursor);
  return items;
}

interface Recorded {
  method: string;
  key: string | null;
  body: string;
}

/**
 * A client over the real server whose POSTs can be failed or altered: `post` gets the
 * attempt number and returns a Response, a rejection, or undefined to pass through.
 */
function postingClient(
  post: (attempt: number, url: string, init: RequestInit) => Promise<Response> | undefined,
) {
  const posts: Recorded[] = [];
  const client = new ContentClient({
    retries: 0,
    fetch: (input, init) => {
      if (init?.method !== 'POST') return fetch(input, init);
      const headers = init.headers as Record<string, string>;
      posts.push({
        method: 'POST',
        key: headers['Idempotency-Key'] ?? null,
        body: String(init.body),
      });
      return post(posts.length, String(input), init) ?? fetch(input, init);
    },
  });
  return { client, posts };
}

const jsonResponse = (body: unknown, status: number, headers: Record<string, string> = {}) =>
  Promise.resolve(
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json', ...headers },
    }),
  );

const networkDown = () => Promise.reject(new TypeError('Failed to fetch'));

const minimalArticle = (slug: string, enabled = true) => ({
  slug,
  title: `Test article ${slug}`,
  url: `https://www.example.org/${slug}/`,
  authors: [],
  bodyHtml: '<p>Test.</p>',
  comments: { enabled },
});

const DRAFT = {
  title: 'One foot in front of the other',
  author: 'JMT',
  body: 'Thank you for this.\nIt helped today.',
};

/** The draft is shown again after a reload, and stored with its key. */
async function expectDraftKept(el: MhnComments, client?: ContentClient): Promise<MhnComments> {
  const again = await reload(el, client);
  expect(field(again, 'title').value).to.equal(DRAFT.title);
  expect(field(again, 'author').value).to.equal(DRAFT.author);
  expect(field(again, 'body').value).to.equal(DRAFT.body);
  const [stored] = storedDrafts();
  expect(stored).to.deep.include(DRAFT);
  expect(stored!['key']).to.match(UUID);
  return again;
}

describe('<mhn-comments> posting', () => {
  before(async () => {
    endpoint = await apiUrl();
  });
  beforeEach(async () => {
    localStorage.clear();
    sharedClient.invalidate();
    await resetServer();
    await resetServerStats();
  });

  it('posts for moderation: says so politely, shows it to the reader as pending, clears the draft', async () => {
    const el = await open();
    fill(el, DRAFT);
    expect(storedDrafts()).to.have.length(1);
    const submitted = oneEvent(el, 'mhn-comment-submit');
    submitButton(el).click();
    const { detail, bubbles, composed } = await submitted;
    expect(bubbles && composed).to.equal(true);
    expect(detail.status).to.equal('pending');
    expect(detail.comment.title).to.equal(DRAFT.title);
    const mine = await waitFor(el, '.mine [part="comment"]');
    expect(text(mine.querySelector('[part="pending"]'))).to.equal('Awaiting moderation');
    expect(text(mine.querySelector('h3'))).to.equal(DRAFT.title);
    expect(mine.querySelector('[part="comment-body"]')!.textContent).to.equal(DRAFT.body);
    const status = $(el, '[part="form-status"]')!;
    expect(status.getAttribute('role')).to.equal('status');
    expect(text(status)).to.equal(
      'Thank you. Your comment will appear once a moderator has reviewed it.',
    );
    await waitUntil(() => el.shadowRoot!.activeElement === mine, 'focus did not move');
    // Pending comments are not counted or listed as published.
    expect(text($(el, '[part="count"]'))).to.equal('4 comments');
    expect(storedTexts()).to.deep.equal([]);
    expect(field(el, 'title').value).to.equal('');
    expect(field(el, 'body').value).to.equal('');
    const again = await reload(el);
    await waitFor(again, '[part="comment"]');
    expect($(again, '.mine')).to.equal(null);
    expect(text(again)).to.not.contain(DRAFT.title);
  });

  it('posts a published comment to the top, counts it, and refreshes cached lists', async () => {
    await configureServer({ moderation: false });
    const el = await open();
    await waitFor(el, '[part="comment"]');
    fill(el, { title: 'Published here', body: 'Visible to all.' });
    const submitted = oneEvent(el, 'mhn-comment-submit');
    submitButton(el).click();
    expect((await submitted).detail.status).to.equal('published');
    const mine = await waitFor(el, '.mine [part="comment"]');
    expect(mine.querySelector('[part="pending"]')).to.equal(null);
    expect(text(mine.querySelector('.author'))).to.equal('Anonymous');
    expect(text($(el, '[part="form-status"]'))).to.equal(
      'Thank you. Your comment has been posted.',
    );
    expect(text($(el, '[part="count"]'))).to.equal('5 comments');
    // The new comment is the first one shown.
    expect(text($$(el, '[part="comment-title"]')[0])).to.equal('Published here');
    // Another page view (same shared client, list cached a moment ago) sees it at once.
    const again = await reload(el);
    await waitFor(again, '[part="comment"]');
    expect(text($$(again, '[part="comment-title"]')[0])).to.equal('Published here');
    expect(text($(again, '[part="count"]'))).to.equal('5 comments');
  });

  it('creates exactly one comment on a double click, and disables Post comment while sending', async () => {
    await configureServer({ moderation: false });
    const el = await open();
    fill(el, { title: 'Double click', body: 'Only once, please.' });
    const button = submitButton(el);
    button.focus();
    button.click();
    button.click();
    await el.updateComplete;
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(field(el, 'body').readOnly).to.equal(true);
    button.click();
    $(el, 'form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await waitFor(el, '.mine [part="comment"]');
    await sleep(200);
    expect(button.getAttribute('aria-disabled')).to.equal('false');
    expect((await stats()).byMethod[`POST /articles/${SLUG}/comments`]).to.equal(1);
    expect((await listed()).filter((c) => c.title === 'Double click')).to.have.length(1);
  });

  it('checks the fields like the server does, before sending anything', async () => {
    const el = await open();
    submitButton(el).click();
    await waitFor(el, '[aria-invalid="true"]');
    await el.updateComplete;
    const title = field(el, 'title');
    const body = field(el, 'body');
    expect(title.getAttribute('aria-invalid')).to.equal('true');
    expect(body.getAttribute('aria-invalid')).to.equal('true');
    expect(field(el, 'author').getAttribute('aria-invalid')).to.equal('false');
    expect(text($(el, `#${title.getAttribute('aria-describedby')}`))).to.equal(
      'Please give your comment a title.',
    );
    expect(text($(el, `#${body.getAttribute('aria-describedby')}`))).to.equal(
      'Please write your comment.',
    );
    await waitUntil(() => el.shadowRoot!.activeElement === title, 'focus is not on Title');
    // Whitespace alone is not a title; 121 code points is one too many (emoji count once).
    type(el, 'title', '   ');
    type(el, 'body', 'Fine.');
    type(el, 'author', 'n'.repeat(61));
    submitButton(el).click();
    await el.updateComplete;
    expect(title.getAttribute('aria-invalid')).to.equal('true');
    expect(text($(el, '#author-error'))).to.equal('Please keep this to 60 characters or fewer.');
    type(el, 'author', '');
    type(el, 'title', 'x'.repeat(119) + '😀😀');
    submitButton(el).click();
    await el.updateComplete;
    expect(text($(el, '#title-error'))).to.equal('Please keep this to 120 characters or fewer.');
    expect((await stats()).byMethod[`POST /articles/${SLUG}/comments`]).to.equal(undefined);
    // 120 code points (122 UTF-16 units) is within the limit, here and on the server.
    type(el, 'title', 'x'.repeat(118) + '😀😀');
    await el.updateComplete;
    expect(title.getAttribute('aria-invalid')).to.equal('false');
    submitButton(el).click();
    await waitFor(el, '.mine [part="comment"]');
    expect((await stats()).byMethod[`POST /articles/${SLUG}/comments`]).to.equal(1);
  });

  it('shows a character count near the limit, announced once typing pauses', async () => {
    const el = await open();
    const live = $(el, '.visually-hidden[role="status"]')!;
    type(el, 'title', 'x'.repeat(95));
    await el.updateComplete;
    expect($(el, '#title-count')).to.equal(null);
    type(el, 'title', 'x'.repeat(100));
    await el.updateComplete;
    expect(text($(el, '#title-count'))).to.equal('20 characters left');
    expect(field(el, 'title').getAttribute('aria-describedby')).to.equal('title-count');
    type(el, 'title', 'x'.repeat(101));
    await el.updateComplete;
    expect(text($(el, '#title-count'))).to.equal('19 characters left');
    // Not on every keystroke…
    expect(text(live)).to.equal('');
    // …but once the reader pauses.
    await waitUntil(() => text(live) === '19 characters left', 'count never announced', {
      timeout: 3000,
    });
    type(el, 'body', 'y'.repeat(5002));
    await el.updateComplete;
    expect(text($(el, '#body-count'))).to.equal('2 characters over the limit');
  });

  it('shows the server’s field messages on the fields (422), keeping the draft', async () => {
    // A stricter server: the real one, sent an empty title and a long name.
    const { client, posts } = postingClient((_attempt, url, init) => {
      const body = { ...JSON.parse(String(init.body)), title: ' ', author: 'n'.repeat(61) };
      return fetch(url, { ...init, body: JSON.stringify(body) });
    });
    const el = await open(SLUG, client);
    fill(el, DRAFT);
    submitButton(el).click();
    await waitFor(el, '#title-error');
    await el.updateComplete;
    expect(posts).to.have.length(1);
    expect(text($(el, '#title-error'))).to.equal('Title is required.');
    expect(text($(el, '#author-error'))).to.equal('Name must be 60 characters or fewer.');
    expect(field(el, 'title').getAttribute('aria-invalid')).to.equal('true');
    expect(field(el, 'author').getAttribute('aria-describedby')).to.equal('author-error');
    expect(field(el, 'body').getAttribute('aria-invalid')).to.equal('false');
    await waitUntil(() => el.shadowRoot!.activeElement === field(el, 'title'));
    await expect(el).to.be.accessible();
    await expectDraftKept(el);
  });

  it('says when to try again after 429, keeping the draft', async () => {
    await configureServer({ moderation: false, rateLimit: { max: 1, windowMs: 60_000 } });
    const el = await open();
    fill(el, { title: 'First', body: 'Goes through.' });
    submitButton(el).click();
    await waitFor(el, '.mine [part="comment"]');
    fill(el, DRAFT);
    submitButton(el).click();
    const alert = await waitFor(el, '[part="form-error"]');
    expect(alert.getAttribute('role')).to.equal('alert');
    const seconds = Number(/try again in (\d+) seconds\.$/.exec(text(alert))?.[1]);
    expect(seconds).to.be.within(55, 60);
    expect(text(alert)).to.contain('Your comment is saved');
    const again = await expectDraftKept(el);
    expect((await listed()).filter((c) => c.title === DRAFT.title)).to.have.length(0);
    expect(again.isConnected).to.equal(true);
  });

  it('replaces the form with the closed message after 403, keeping the draft', async () => {
    const slug = `closing-${Date.now().toString(36)}`;
    await addArticle(minimalArticle(slug));
    const el = await open(slug);
    fill(el, DRAFT);
    await addArticle(minimalArticle(slug, false)); // closed while the reader was writing
    const button = submitButton(el);
    button.focus();
    button.click();
    const closed = await waitFor(el, '[part="closed"]');
    expect($(el, 'form')).to.equal(null);
    expect(text(closed)).to.contain('Comments are closed.');
    // Focus goes to the message, not back to the page.
    await waitUntil(() => el.shadowRoot!.activeElement === closed, 'focus was lost');
    expect(text(closed.querySelector('details'))).to.contain(DRAFT.body.replace('\n', ' '));
    await expect(el).to.be.accessible();
    // After a reload the article itself says closed; the draft is still stored and offered.
    const again = await reload(el);
    expect($(again, 'form')).to.equal(null);
    const details = $(again, '[part="closed"] details') as HTMLDetailsElement;
    expect(details.querySelector('summary')!.textContent).to.equal('Your unsent comment');
    expect(details.querySelector('.body')!.textContent).to.contain(DRAFT.body);
    expect(storedDrafts()[0]).to.deep.include(DRAFT);
  });

  it('shows an error on 500, keeps the draft, and Post comment retries with the same key', async () => {
    await configureServer({ moderation: false });
    const { client, posts } = postingClient((attempt) =>
      attempt === 1
        ? jsonResponse({ error: { code: 'internal', message: 'boom' } }, 500)
        : undefined,
    );
    const el = await open(SLUG, client);
    fill(el, DRAFT);
    submitButton(el).click();
    const alert = await waitFor(el, '[part="form-error"]');
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(text(alert)).to.equal(
      'Something went wrong and your comment was not posted. It is saved here: please press Post comment again.',
    );
    expect($(el, '.mine')).to.equal(null);
    expect(field(el, 'body').value).to.equal(DRAFT.body);
    await expect(el).to.be.accessible();
    const again = await expectDraftKept(el, client);
    submitButton(again).click();
    await waitFor(again, '.mine [part="comment"]');
    expect($(again, '[part="form-error"]')).to.equal(null);
    expect(posts).to.have.length(2);
    expect(posts[0]!.key).to.match(UUID);
    expect(posts[1]!.key).to.equal(posts[0]!.key);
    expect(storedTexts()).to.deep.equal([]);
  });

  it('shows an error when the network is down, keeping the draft across a reload', async () => {
    const { client } = postingClient(networkDown);
    const el = await open(SLUG, client);
    fill(el, DRAFT);
    submitButton(el).click();
    const alert = await waitFor(el, '[part="form-error"]');
    expect(text(alert)).to.contain('We could not reach the server');
    expect(text(alert)).to.contain('It is saved here');
    await expectDraftKept(el);
  });

  it('reuses the idempotency key when a response is lost, so the retry posts once', async () => {
    await configureServer({ moderation: false });
    // The first POST reaches the server and creates the comment, but its answer is lost.
    const { client, posts } = postingClient((attempt, url, init) =>
      attempt === 1 ? fetch(url, init).then(networkDown) : undefined,
    );
    const el = await open(SLUG, client);
    fill(el, DRAFT);
    const button = submitButton(el);
    button.click();
    await waitFor(el, '[part="form-error"]');
    expect((await listed()).filter((c) => c.title === DRAFT.title)).to.have.length(1);
    button.click();
    const mine = await waitFor(el, '.mine [part="comment"]');
    expect(posts.map((p) => p.key)).to.deep.equal([posts[0]!.key, posts[0]!.key]);
    expect(fields(posts[1]!.body)).to.deep.equal(fields(posts[0]!.body));
    const stored = (await listed()).filter((c) => c.title === DRAFT.title);
    expect(stored).to.have.length(1);
    expect(mine.dataset['id']).to.equal(stored[0]!.id);
    // The shown list does not show it twice either.
    expect($$(el, `[data-id="${stored[0]!.id}"]`)).to.have.length(1);
    // A new draft gets a new key.
    fill(el, { title: 'Second', body: 'Another one.' });
    button.click();
    await waitUntil(() => $$(el, '.mine [part="comment"]').length === 2);
    expect(posts[2]!.key).to.match(UUID);
    expect(posts[2]!.key).to.not.equal(posts[0]!.key);
  });

  it('when a lost post is edited and retried, says the earlier version arrived and posts the edit as new on request', async () => {
    await configureServer({ moderation: false });
    // The first POST reaches the server and creates the comment, but its answer is lost.
    const { client, posts } = postingClient((attempt, url, init) =>
      attempt === 1 ? fetch(url, init).then(networkDown) : undefined,
    );
    const el = await open(SLUG, client);
    fill(el, DRAFT);
    submitButton(el).click();
    await waitFor(el, '[part="form-error"]');
    // The reader edits the text and tries again: the server has the key with the first text.
    const edited = `${DRAFT.body}\nEdited after the connection dropped.`;
    type(el, 'body', edited);
    submitButton(el).click();
    const postNew = await waitFor(el, '[part~="post-new"]');
    expect(posts).to.have.length(2);
    expect(posts[1]!.key).to.equal(posts[0]!.key);
    expect(text($(el, '[part="form-status"]'))).to.equal(
      'An earlier version of your comment already reached us (it may be awaiting moderation). Your changes are still here: you can post this version as a new comment.',
    );
    expect($(el, '[part="form-status"]')!.getAttribute('role')).to.equal('status');
    expect($(el, '[part="form-error"]')).to.not.exist;
    expect(text(postNew)).to.equal('Post as a new comment');
    // Nothing of the edit is lost: the form and the stored draft keep it.
    expect(field(el, 'body').value).to.equal(edited);
    expect(storedDrafts()[0]).to.deep.include({ ...DRAFT, body: edited, key: posts[0]!.key });
    expect((await listed()).filter((c) => c.title === DRAFT.title)).to.have.length(1);
    await expect(el).to.be.accessible();
    // Post comment again with the same text keeps the key (and the answer).
    submitButton(el).click();
    await waitUntil(() => posts.length === 3);
    const again = (await waitFor(el, '[part~="post-new"]')) as HTMLButtonElement;
    expect(posts[2]!.key).to.equal(posts[0]!.key);
    // Posting as new: a new key, a second comment, the draft done with.
    again.click();
    const mine = await waitFor(el, '.mine [part="comment"]');
    expect(posts).to.have.length(4);
    expect(posts[3]!.key).to.match(UUID);
    expect(posts[3]!.key).to.not.equal(posts[0]!.key);
    expect(JSON.parse(posts[3]!.body)).to.deep.include({ body: edited });
    const stored = (await listed()).filter((c) => c.title === DRAFT.title);
    expect(stored).to.have.length(2);
    expect(stored.map((c) => c.id)).to.include(mine.dataset['id']);
    expect($(el, '[part~="post-new"]')).to.not.exist;
    expect(field(el, 'body').value).to.equal('');
    expect(storedTexts()).to.deep.equal([]);
  });

  it('says the same in Spanish', async () => {
    const { client } = postingClient((attempt, url, init) =>
      attempt === 1 ? fetch(url, init).then(networkDown) : undefined,
    );
    const el = await open(SLUG, client);
    el.setAttribute('locale', 'es');
    await el.updateComplete;
    fill(el, DRAFT);
    submitButton(el, 'Publicar comentario').click();
    await waitFor(el, '[part="form-error"]');
    type(el, 'title', `${DRAFT.title}, editado`);
    submitButton(el, 'Publicar comentario').click();
    const postNew = await waitFor(el, '[part~="post-new"]');
    expect(text($(el, '[part="form-status"]'))).to.contain(
      'Ya recibimos una versión anterior de su comentario',
    );
    expect(text(postNew)).to.equal('Publicar como comentario nuevo');
  });

  it('keeps drafts per article and endpoint, and switches with `article`', async () => {
    const el = await open();
    fill(el, DRAFT);
    el.article = 'no-comments-example';
    await el.updateComplete;
    await waitFor(el, '[part="empty"]');
    await waitFor(el, 'form');
    expect(field(el, 'title').value).to.equal('');
    type(el, 'title', 'Other article');
    el.article = SLUG;
    await el.updateComplete;
    await waitFor(el, 'form');
    expect(field(el, 'title').value).to.equal(DRAFT.title);
    expect(storedDrafts()).to.have.length(2);
  });

  it('makes idempotency keys without crypto.randomUUID (insecure contexts)', () => {
    const keys = [newKey(), newKey()];
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      keys.push(newKey(), newKey());
    } finally {
      delete (crypto as { randomUUID?: unknown }).randomUUID;
    }
    for (const key of keys) expect(key).to.match(UUID);
    expect(new Set(keys).size).to.equal(4);
    expect(typeof crypto.randomUUID).to.equal('function');
  });

  it('carries on in memory when localStorage throws', async () => {
    const proto = Storage.prototype;
    const saved = { getItem: proto.getItem, setItem: proto.setItem, removeItem: proto.removeItem };
    const refuse = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    proto.getItem = refuse;
    proto.setItem = refuse;
    proto.removeItem = refuse;
    const errors: unknown[] = [];
    const onError = (e: ErrorEvent) => errors.push(e.message);
    window.addEventListener('error', onError);
    try {
      const slug = `no-storage-${Date.now().toString(36)}`;
      await addArticle(minimalArticle(slug));
      const el = await open(slug);
      fill(el, DRAFT);
      const again = await reload(el);
      expect(field(again, 'body').value).to.equal(DRAFT.body);
      submitButton(again).click();
      await waitFor(again, '.mine [part="comment"]');
      const third = await reload(again);
      expect(field(third, 'body').value).to.equal('');
      expect(errors).to.deep.equal([]);
    } finally {
      Object.assign(proto, saved);
      window.removeEventListener('error', onError);
    }
  });
});
