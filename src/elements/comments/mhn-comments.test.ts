import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../index.js';
import './define.js';
import type { MhnComments } from './mhn-comments.js';
import { ContentClient, sharedClient } from '../../core/content-client.js';
import { $, $$, text, waitFor } from '../../../test/helpers/dom.js';
import { addArticle, apiUrl, resetServerStats, serverStats } from '../../../test/helpers/server.js';

const SLUG = 'resilience-social-support-benefits';

/** The reference server's counters (byMethod is keyed like `GET /site`). */
const stats = async () =>
  (await serverStats()) as unknown as {
    requests: number;
    byMethod: Record<string, number>;
  };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Titles of the listed comments, in the order shown. */
const titles = (el: Element) =>
  $$(el, 'ol [part="comment-title"]').map((e) => e.textContent!.trim());

const authors = (el: Element) => $$(el, 'ol .author').map((e) => e.textContent!.trim());

/** Waits until the thread (or its empty / not-found state) is shown. */
async function loaded(el: MhnComments): Promise<MhnComments> {
  await waitFor(el, '[part="comment"], [part="empty"], [part="not-found"]');
  await el.updateComplete;
  return el;
}

function button(el: Element, label: string): HTMLButtonElement | undefined {
  return $$(el, 'button').find((b) => b.textContent!.trim() === label) as
    HTMLButtonElement | undefined;
}

/** A client whose fetch can rewrite or fail chosen requests before the real server. */
function clientWith(
  intercept: (url: string, init?: RequestInit) => Promise<Response> | undefined,
): ContentClient {
  return new ContentClient({
    retries: 0,
    fetch: (input, init) => intercept(String(input), init) ?? fetch(input, init),
  });
}

const json = (body: unknown, status = 200) =>
  Promise.resolve(
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    }),
  );

/** The thread as the API lists it (the widget must show the same, in the same order). */
async function apiThread(endpoint: string, slug: string, sort = 'newest') {
  const response = await fetch(`${endpoint}/articles/${slug}/comments?sort=${sort}&limit=100`);
  return (
    (await response.json()) as {
      items: Array<{ title: string; author: string | null; created: string }>;
    }
  ).items;
}

/** A slug no earlier test (nor the browser's HTTP cache) has seen. */
const freshSlug = (name: string) =>
  `${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;

const minimalArticle = (slug: string) => ({
  slug,
  title: `Test article ${slug}`,
  url: `https://www.example.org/${slug}/`,
  authors: [],
  bodyHtml: '<p>Test.</p>',
  comments: { enabled: true },
});

describe('<mhn-comments> reading', () => {
  let endpoint: string;
  before(async () => {
    endpoint = await apiUrl();
  });
  beforeEach(async () => {
    localStorage.clear();
    sharedClient.invalidate();
    await resetServerStats();
  });
  afterEach(() => window.scrollTo(0, 0));

  it('shows the sample thread newest first, with the count, dates and the anonymous fallback', async () => {
    const el = await loaded(
      await fixture<MhnComments>(
        html`<mhn-comments endpoint=${endpoint} article=${SLUG} loading="eager"></mhn-comments>`,
      ),
    );
    const expected = await apiThread(endpoint, SLUG);
    // The sample thread has comments without a name: they show as Anonymous.
    expect(expected.some((c) => c.author === '')).to.equal(true);
    expect(text($(el, 'h2'))).to.equal(`Reader Comments ${expected.length} comments`);
    expect(titles(el)).to.deep.equal(expected.map((c) => c.title));
    expect(authors(el)).to.deep.equal(expected.map((c) => c.author || 'Anonymous'));
    const created = expected.map((c) => c.created);
    expect(created).to.deep.equal([...created].sort().reverse());
    const times = $$(el, 'ol time');
    expect(times.map((t) => t.getAttribute('datetime'))).to.deep.equal(created);
    const day = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' });
    expect(times.map((t) => t.textContent)).to.deep.equal(
      created.map((c) => day.format(new Date(c))),
    );
    expect(times.at(-1)!.textContent).to.equal('May 1, 2007');
    // Each comment is an <article> with its own heading level under the widget's h2.
    expect($$(el, 'ol > li > article').length).to.equal(4);
    expect($(el, 'ol [part="comment-title"]')!.localName).to.equal('h3');
    // Line breaks in the text are kept.
    const body = $$(el, '[part="comment-body"]').find((b) => b.textContent!.includes('\n\n'))!;
    expect(getComputedStyle(body).whiteSpace).to.equal('pre-line');
    const lineHeight = parseFloat(getComputedStyle(body).lineHeight);
    expect(body.getBoundingClientRect().height).to.be.greaterThan(lineHeight * 3);
    // The publisher's forums, from /site.
    const forums = (await waitFor(el, 'a[part="forums-link"]')) as HTMLAnchorElement;
    expect(forums.href).to.equal('https://www.mentalhelp.net/forums/');
    expect(text($(el, '[part="forums"]'))).to.equal('You can also talk about this in our forums.');
    // The form, with the names partners rely on.
    expect($$(el, 'form label').map((l) => l.textContent!.trim())).to.deep.equal([
      'Title',
      'Name (optional)',
      'Comment',
    ]);
    expect(button(el, 'Post comment')).to.exist;
    expect(button(el, 'Load more comments')).to.equal(undefined);
    expect($(el, '[part="base"]')!.getAttribute('aria-busy')).to.equal('false');
  });

  it('dispatches mhn-load with the first page', async () => {
    const el = document.createElement('mhn-comments');
    el.setAttribute('endpoint', endpoint);
    el.setAttribute('article', SLUG);
    el.setAttribute('loading', 'eager');
    const event = oneEvent(document.body, 'mhn-load');
    document.body.append(el);
    try {
      const { detail, bubbles, composed } = await event;
      expect(bubbles && composed).to.equal(true);
      expect((detail.data as { total: number }).total).to.equal(4);
    } finally {
      el.remove();
    }
  });

  it('speaks Spanish', async () => {
    const el = await loaded(
      await fixture<MhnComments>(
        html`<mhn-comments
          endpoint=${endpoint}
          article=${SLUG}
          locale="es"
          loading="eager"
        ></mhn-comments>`,
      ),
    );
    expect(text($(el, 'h2'))).to.equal('Comentarios de los lectores 4 comentarios');
    const expected = await apiThread(endpoint, SLUG);
    expect(authors(el)).to.deep.equal(expected.map((c) => c.author || 'Anónimo'));
    expect($$(el, 'ol time').at(-1)!.textContent).to.equal('1 de mayo de 2007');
    expect($$(el, 'form label').map((l) => l.textContent!.trim())).to.deep.equal([
      'Título',
      'Nombre (opcional)',
      'Comentario',
    ]);
    button(el, 'Publicar comentario')!.click();
    await waitFor(el, '#title-error');
    expect(text($(el, '#title-error'))).to.equal('Escriba un título para su comentario.');
    expect(text($(el, '#body-error'))).to.equal('Escriba su comentario.');
    expect(button(el, 'Más antiguos primero')).to.exist;
    const one = await loaded(
      await fixture<MhnComments>(
        html`<mhn-comments
          endpoint=${endpoint}
          article="resilience-an-introduction"
          locale="es"
          loading="eager"
        ></mhn-comments>`,
      ),
    );
    expect(text($(one, '[part="count"]'))).to.equal('1 comentario');
  });

  it('toggles the sort order with pressed buttons', async () => {
    const newestFirst = (await apiThread(endpoint, SLUG)).map((c) => c.title);
    await resetServerStats();
    const el = await loaded(
      await fixture<MhnComments>(
        html`<mhn-comments endpoint=${endpoint} article=${SLUG} loading="eager"></mhn-comments>`,
      ),
    );
    const group = $(el, '[role="group"]')!;
    expect(group.getAttribute('aria-label')).to.equal('Sort order');
    const newest = button(el, 'Newest first')!;
    const oldest = button(el, 'Oldest first')!;
    expect(newest.getAttribute('aria-pressed')).to.equal('true');
    expect(oldest.getAttribute('aria-pressed')).to.equal('false');
    oldest.focus();
    oldest.click();
    await el.updateComplete;
    expect(oldest.getAttribute('aria-pressed')).to.equal('true');
    expect(newest.getAttribute('aria-pressed')).to.equal('false');
    await waitFor(el, '[part="base"][aria-busy="false"]');
    expect(titles(el)).to.deep.equal([...newestFirst].reverse());
    // The control stays in place, so focus is not lost.
    expect(el.shadowRoot!.activeElement).to.equal(oldest);
    expect((await stats()).byMethod[`GET /articles/${SLUG}/comments`]).to.equal(2);
    newest.click();
    await el.updateComplete;
    await waitFor(el, '[part="base"][aria-busy="false"]');
    expect(titles(el)).to.deep.equal(newestFirst);

    const fromAttribute = await loaded(
      await fixture<MhnComments>(
        html`<mhn-comments
          endpoint=${endpoint}
          article=${SLUG}
          sort="oldest"
          loading="eager"
        ></mhn-comments>`,
      ),
    );
    expect(titles(fromAttribute)).to.deep.equal([...newestFirst].reverse());
  });

  it('pages through 1,500 comments with no duplicates or gaps', async () => {
    const el = await loaded(
      await fixture<MhnComments>(
        html`<mhn-comments
          endpoint=${endpoint}
          article="long-thread-example"
          page-size="100"
          loading="eager"
        ></mhn-comments>`,
      ),
    );
    expect(text($(el, '[part="count"]'))).to.equal('1,500 comments');
    let pages = 1;
    for (
      let more = button(el, 'Load more comments');
      more;
      more = button(el, 'Load more comments')
    ) {
      const before = $$(el, '[part="comment"]').length;
      expect(before).to.equal(pages * 100);
      more.click();
      await waitFor(el, `ol > li:nth-child(${before + 1})`);
      await el.updateComplete;
      pages += 1;
    }
    expect(pages).to.equal(15);
    const ids = $$(el, '[part="comment"]').map((c) => c.dataset['id']);
    expect(ids).to.have.length(1500);
    expect(new Set(ids).size).to.equal(1500);
    // Newest first: the generated notes are numbered oldest first, so #1500 … #1, every
    // one present once and in order (pages break timestamp ties by id).
    const expected = Array.from({ length: 1500 }, (_, i) => `Reader note #${1500 - i}`);
    expect(titles(el)).to.deep.equal(expected);
    expect((await stats()).byMethod['GET /articles/long-thread-example/comments']).to.equal(15);
  });

  it('keeps focus on Load more, and moves it to the first new comment after the last page', async () => {
    await addArticle(minimalArticle('five-comments'), { commentCount: 5 });
    const el = await loaded(
      await fixture<MhnComments>(
        html`<mhn-comments
          endpoint=${endpoint}
          article="five-comments"
          page-size="2"
          loading="eager"
        ></mhn-comments>`,
      ),
    );
    const more = button(el, 'Load more comments')!;
    more.focus();
    more.click();
    await waitFor(el, 'ol > li:nth-child(4)');
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(more);
    expect(text($(el, '.visually-hidden[role="status"]'))).to.equal('Showing 4 of 5 comments');
    more.click();
    await waitUntil(
      () => el.shadowRoot!.activeElement?.localName === 'article',
      'focus did not move to the first new comment',
    );
    expect(button(el, 'Load more comments')).to.equal(undefined);
    const focused = el.shadowRoot!.activeElement as HTMLElement;
    expect(document.activeElement).to.equal(el);
    expect(focused.localName).to.equal('article');
    expect(text(focused.querySelector('h3'))).to.equal('Reader note #1');
    expect(text($(el, '.visually-hidden[role="status"]'))).to.equal('Showing 5 of 5 comments');
  });

  it('never shows a comment twice when pages overlap (offset-paged servers)', async () => {
    // A server paging by offset shifts its pages when a comment is published meanwhile:
    // the next page then starts with the last comment already shown.
    let lastShown: unknown;
    const client = clientWith((url) => {
      if (!url.includes('/comments')) return undefined;
      return fetch(url).then(async (r) => {
        const page = (await r.json()) as { items: unknown[] };
        if (url.includes('cursor=')) page.items.unshift(lastShown);
        else lastShown = page.items.at(-1);
        return json(page);
      });
    });
    const el = await loaded(
      await fixture<MhnComments>(
        html`<mhn-comments
          endpoint=${endpoint}
          article="long-thread-example"
          page-size="5"
          loading="eager"
          .client=${client}
        ></mhn-comments>`,
      ),
    );
    button(el, 'Load more comments')!.click();
    await waitFor(el, 'ol > li:nth-child(10)');
    await el.updateComplete;
    const ids = $$(el, '[part="comment"]').map((c) => c.dataset['id']);
    expect(ids).to.have.length(10);
    expect(new Set(ids).size).to.equal(10);
    expect(titles(el)).to.deep.equal(
      Array.from({ length: 10 }, (_, i) => `Reader note #${1500 - i}`),
    );
  });

  it('clamps page-size to 1–100 and defaults to 20', async () => {
    const el = await loaded(
      await fixture<MhnComments>(
        html`<mhn-comments
          endpoint=${endpoint}
          article="long-thread-example"
          loading="eager"
        ></mhn-comments>`,
      ),
    );
    expect($$(el, '[part="comment"]')).to.have.length(20);
    el.pageSize = 500;
    await el.updateComplete;
    await waitFor(el, 'ol > li:nth-child(100)');
    await waitFor(el, '[part="base"][aria-busy="false"]');
    expect($$(el, '[part="comment"]')).to.have.length(100);
    el.setAttribute('page-size', '-3');
    await el.updateComplete;
    await waitFor(el, '[part="base"][aria-busy="false"]');
    expect($$(el, '[part="comment"]')).to.have.length(1);
  });

  it('makes no request until it is about a viewport from being seen, reserving its space', async () => {
    const slug = freshSlug('lazy');
    await addArticle(minimalArticle(slug), { commentCount: 3 });
    await resetServerStats();
    const wrapper = await fixture<HTMLElement>(
      html`<div>
        <div style="height: 5000px"></div>
        <mhn-comments endpoint=${endpoint} article=${slug}></mhn-comments>
      </div>`,
    );
    const el = wrapper.querySelector('mhn-comments')!;
    await el.updateComplete;
    await sleep(500);
    expect((await stats()).requests).to.equal(0);
    expect($(el, '[part="loading"]')).to.exist;
    expect(el.getBoundingClientRect().height).to.be.greaterThan(250);
    el.scrollIntoView();
    await loaded(el);
    expect(titles(el)).to.have.length(3);
    const { byMethod } = await stats();
    expect(byMethod[`GET /articles/${slug}/comments`]).to.equal(1);
    expect(byMethod[`GET /articles/${slug}`]).to.equal(1);
  });

  it('shows a null author as Anonymous too (the contract allows null; this service sends "")', async () => {
    // The real thread, with every empty author turned into null on the way.
    const client = clientWith((url, init) =>
      url.includes('/comments')
        ? fetch(url, { ...init, cache: 'no-store' }).then(async (res) => {
            const body = (await res.text()).replaceAll('"author":""', '"author":null');
            return new Response(body, { status: res.status, headers: res.headers });
          })
        : undefined,
    );
    const el = await loaded(
      await fixture<MhnComments>(
        html`<mhn-comments
          endpoint=${endpoint}
          article=${SLUG}
          loading="eager"
          .client=${client}
        ></mhn-comments>`,
      ),
    );
    const expected = await apiThread(endpoint, SLUG);
    const anonymous = expected.filter((c) => c.author === '').length;
    expect(anonymous).to.be.greaterThan(0);
    expect(authors(el).filter((a) => a === 'Anonymous')).to.have.length(anonymous);
  });

  it('while loading, takes the loaded layout’s room: nothing moves when the thread arrives', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const client = new ContentClient({
      fetch: (input, init) => gate.then(() => fetch(input, { ...init, cache: 'no-store' })),
    });
    const el = await fixture<MhnComments>(
      html`<mhn-comments
        style="width: 600px"
        endpoint=${endpoint}
        article=${SLUG}
        loading="eager"
        .client=${client}
      ></mhn-comments>`,
    );
    await waitFor(el, '[part="loading"]');
    await el.updateComplete;
    const top = () => el.getBoundingClientRect().top;
    const before = {
      height: el.getBoundingClientRect().height,
      list: $(el, '[part="loading"]')!.getBoundingClientRect().top - top(),
    };
    expect($(el, '[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
    // Shapes only: the one heading's words and the status line, no controls, no other text.
    expect(text(el)).to.equal('Reader Comments Loading…');
    expect($$(el, 'input, textarea, button, a, [tabindex]')).to.deep.equal([]);
    release();
    await loaded(el);
    await waitFor(el, '[part="forums"]');
    await el.updateComplete;
    const after = {
      height: el.getBoundingClientRect().height,
      list: $(el, '[part="list"]')!.getBoundingClientRect().top - top(),
    };
    expect($$(el, '[part="comment"]')).to.have.length(4);
    expect(Math.abs(before.height - after.height) / after.height).to.be.below(0.15);
    // The count, sort, forums line and form above the thread kept their room too.
    expect(Math.abs(before.list - after.list)).to.be.below(16);
  });

  it('starts at once with loading="eager", even far below the fold', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<div>
        <div style="height: 5000px"></div>
        <mhn-comments endpoint=${endpoint} article=${SLUG} loading="eager"></mhn-comments>
      </div>`,
    );
    await loaded(wrapper.querySelector('mhn-comments')!);
    expect((await stats()).byMethod[`GET /articles/${SLUG}/comments`]).to.equal(1);
    expect(window.scrollY).to.equal(0);
  });

  it('shares the article request with <mhn-article> on the same page', async () => {
    // A slug the browser's HTTP cache has not seen, so every request reaches the server.
    const slug = freshSlug('shared');
    await addArticle(minimalArticle(slug), { commentCount: 2 });
    await resetServerStats();
    const wrapper = await fixture<HTMLElement>(
      html`<mhn-provider endpoint=${endpoint}>
        <mhn-article article=${slug}></mhn-article>
        <mhn-comments article=${slug} loading="eager"></mhn-comments>
      </mhn-provider>`,
    );
    const article = wrapper.querySelector('mhn-article')!;
    await waitFor(article, '[part="heading"]');
    const el = await loaded(wrapper.querySelector('mhn-comments')!);
    await waitFor(el, 'form');
    expect(text($(el, '[part="count"]'))).to.equal('2 comments');
    expect((await stats()).byMethod[`GET /articles/${slug}`]).to.equal(1);
  });

  it('says when comments are closed, still listing the earlier ones, with no form', async () => {
    const el = await loaded(
      await fixture<MhnComments>(
        html`<mhn-comments
          endpoint=${endpoint}
          article="comments-closed-example"
          loading="eager"
        ></mhn-comments>`,
      ),
    );
    await waitFor(el, '[part="closed"]');
    expect(text($(el, '[part="closed"]'))).to.equal('Comments are closed.');
    expect($(el, 'form')).to.equal(null);
    const expected = await apiThread(endpoint, 'comments-closed-example');
    expect(expected.length).to.be.greaterThan(0);
    expect(titles(el)).to.deep.equal(expected.map((c) => c.title));
  });

  it('invites the first comment when there are none', async () => {
    const el = await loaded(
      await fixture<MhnComments>(
        html`<mhn-comments
          endpoint=${endpoint}
          article="no-comments-example"
          loading="eager"
        ></mhn-comments>`,
      ),
    );
    expect(text($(el, '[part="empty"]'))).to.equal('No comments yet — be the first.');
    expect(text($(el, '[part="count"]'))).to.equal('0 comments');
    expect($(el, '[role="group"]')).to.equal(null);
    await waitFor(el, 'form');
  });

  it('says a missing article has no comments to show, without a retry loop', async () => {
    const el = await loaded(
      await fixture<MhnComments>(
        html`<mhn-comments endpoint=${endpoint} article="no-such-article" loading="eager">
        </mhn-comments>`,
      ),
    );
    expect(text($(el, '[part="not-found"]'))).to.equal(
      'Comments for this article are not available.',
    );
    expect($(el, 'form')).to.equal(null);
    expect($(el, 'button')).to.equal(null);
  });

  it('says it is not configured without an endpoint or an article', async () => {
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      const noEndpoint = await fixture<MhnComments>(
        html`<mhn-comments article=${SLUG} loading="eager"></mhn-comments>`,
      );
      await waitFor(noEndpoint, '[part="not-configured"]');
      expect(text($(noEndpoint, '[part="not-configured"]'))).to.contain('endpoint');
      const noArticle = await fixture<MhnComments>(
        html`<mhn-comments endpoint=${endpoint}></mhn-comments>`,
      );
      await waitFor(noArticle, '[part="not-configured"]');
      expect(text($(noArticle, '[part="not-configured"]'))).to.contain('article');
    } finally {
      console.warn = warn;
    }
    expect((await stats()).requests).to.equal(0);
  });

  it('shows an error with Try again when the thread fails, and recovers', async () => {
    let fail = true;
    const client = clientWith((url) =>
      fail && url.includes('/comments') ? json({ error: { code: 'internal' } }, 500) : undefined,
    );
    const errorEvent = oneEvent(document.body, 'mhn-error');
    const el = await fixture<MhnComments>(
      html`<mhn-comments
        endpoint=${endpoint}
        article=${SLUG}
        loading="eager"
        .client=${client}
      ></mhn-comments>`,
    );
    const alert = await waitFor(el, '[role="alert"]');
    expect(text(alert)).to.contain('Something went wrong');
    expect((await errorEvent).detail.error).to.deep.include({ code: 'http', status: 500 });
    fail = false;
    button(el, 'Try again')!.click();
    await loaded(el);
    expect(titles(el)).to.have.length(4);
    expect($(el, '[role="alert"]')).to.equal(null);
  });

  it('keeps what is shown when Load more fails, and Load more tries again', async () => {
    let fail = true;
    const client = clientWith((url) =>
      fail && url.includes('cursor=')
        ? Promise.reject(new TypeError('Failed to fetch'))
        : undefined,
    );
    const el = await loaded(
      await fixture<MhnComments>(
        html`<mhn-comments
          endpoint=${endpoint}
          article="long-thread-example"
          loading="eager"
          .client=${client}
        ></mhn-comments>`,
      ),
    );
    const more = button(el, 'Load more comments')!;
    more.focus();
    more.click();
    const alert = await waitFor(el, '[part="error"][role="alert"]');
    expect(text(alert)).to.equal('More comments could not be loaded. Please try again.');
    expect($$(el, '[part="comment"]')).to.have.length(20);
    expect(el.shadowRoot!.activeElement).to.equal(more);
    fail = false;
    more.click();
    await waitFor(el, 'ol > li:nth-child(40)');
    await el.updateComplete;
    expect($(el, '[part="error"]')).to.equal(null);
    expect(titles(el)[20]).to.equal('Reader note #1480');
  });

  it('still shows the comments when /site fails, and links only http(s) forums', async () => {
    const failing = clientWith((url) =>
      url.endsWith('/site') ? json({ error: { code: 'internal' } }, 500) : undefined,
    );
    const el = await loaded(
      await fixture<MhnComments>(
        html`<mhn-comments
          endpoint=${endpoint}
          article=${SLUG}
          loading="eager"
          .client=${failing}
        ></mhn-comments>`,
      ),
    );
    await waitFor(el, '[part="base"][aria-busy="false"]');
    expect(titles(el)).to.have.length(4);
    expect($(el, '[part="forums"]')).to.equal(null);
    expect($(el, '[role="alert"]')).to.equal(null);
    await waitFor(el, 'form');

    const hostile = clientWith((url) =>
      url.endsWith('/site')
        ? json({ name: 'X', url: 'https://x.example/', forumsUrl: 'javascript:alert(1)' })
        : undefined,
    );
    const other = await loaded(
      await fixture<MhnComments>(
        html`<mhn-comments
          endpoint=${endpoint}
          article=${SLUG}
          loading="eager"
          .client=${hostile}
        ></mhn-comments>`,
      ),
    );
    await waitFor(other, '[part="base"][aria-busy="false"]');
    expect($(other, '[part="forums"]')).to.equal(null);
    expect($(other, 'a')).to.equal(null);
  });

  it('aborts and refetches when `article` changes', async () => {
    const el = await loaded(
      await fixture<MhnComments>(
        html`<mhn-comments endpoint=${endpoint} article=${SLUG} loading="eager"></mhn-comments>`,
      ),
    );
    el.article = 'comments-closed-example';
    await el.updateComplete;
    await waitFor(el, '[part="closed"]');
    await waitFor(el, '[part="base"][aria-busy="false"]');
    const closed = await apiThread(endpoint, 'comments-closed-example');
    expect(titles(el)).to.deep.equal(closed.map((c) => c.title));
    expect(text($(el, '[part="count"]'))).to.equal(`${closed.length} comments`);

    const signals: AbortSignal[] = [];
    const hung = new ContentClient({
      fetch: (input, init) => {
        if (!String(input).includes('no-comments-example')) return fetch(input, init);
        const signal = init!.signal!;
        signals.push(signal);
        return new Promise<Response>((_, reject) =>
          signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        );
      },
    });
    el.client = hung;
    el.article = 'no-comments-example';
    await el.updateComplete;
    await waitFor(el, '[part="loading"]');
    el.article = SLUG;
    await loaded(el);
    // The thread and the article of the abandoned slug were both cancelled.
    expect(signals).to.have.length(2);
    expect(signals.every((s) => s.aborted)).to.equal(true);
    expect(titles(el)).to.deep.equal((await apiThread(endpoint, SLUG)).map((c) => c.title));
  });

  it('renders hostile comment fields as inert text, with no page error', async () => {
    const errors: unknown[] = [];
    const onError = (e: ErrorEvent) => errors.push(e.message);
    const onRejection = (e: PromiseRejectionEvent) => errors.push(e.reason);
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    const w = window as unknown as { __pwned?: number };
    const longWord = 'x'.repeat(4000);
    const markup = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    try {
      await addArticle(minimalArticle('hostile-comments'), {
        comments: [
          {
            title: markup,
            author: '<b onmouseover="window.__pwned=3">bold</b>',
            created: '2020-01-05T00:00:00Z',
            body: `<a href="javascript:window.__pwned=4">click me</a>\n<style>*{display:none}</style>`,
          },
          {
            title: 'javascript:alert(1)',
            author: 'javascript:alert(document.domain)',
            created: '2020-01-04T00:00:00Z',
            body: 'javascript:window.__pwned=5',
          },
          { title: 'A long word', author: 'W', created: '2020-01-03T00:00:00Z', body: longWord },
          {
            title: 'שלום לכולם',
            author: 'محمد',
            created: '2020-01-02T00:00:00Z',
            body: 'مرحبا بكم.\nسطر ثان',
          },
          {
            // A real timestamp the widget does not read (an expanded year): no date is shown.
            title: 'Far future',
            author: null,
            created: '+275760-09-13T00:00:00Z',
            body: 'From the far future.',
          },
        ],
      });
      const wrapper = await fixture<HTMLElement>(
        html`<div style="width: 320px">
          <mhn-comments
            endpoint=${endpoint}
            article="hostile-comments"
            loading="eager"
          ></mhn-comments>
        </div>`,
      );
      const el = await loaded(wrapper.querySelector('mhn-comments')!);
      await sleep(100);
      expect(titles(el)).to.deep.equal([
        'Far future',
        markup,
        'javascript:alert(1)',
        'A long word',
        'שלום לכולם',
      ]);
      const list = $(el, 'ol')!;
      expect(list.querySelectorAll('img, script, style, a, b').length).to.equal(0);
      expect(authors(el)[1]).to.equal('<b onmouseover="window.__pwned=3">bold</b>');
      expect(text($$(el, '[part="comment-body"]')[1])).to.contain('<a href="javascript:');
      // The unreadable date shows nothing: no <time>, no "Invalid Date".
      const future = $$(el, '[part="comment"]')[0]!;
      expect(future.querySelector('time')).to.equal(null);
      expect(text(future)).to.not.contain('Invalid');
      expect(text(future)).to.not.contain('NaN');
      // A 4,000-character word wraps inside the widget.
      const long = $$(el, '[part="comment-body"]')[3]!;
      expect(long.textContent).to.equal(longWord);
      expect(long.scrollWidth).to.be.at.most(long.clientWidth + 1);
      expect(el.scrollWidth).to.be.at.most(el.clientWidth + 1);
      expect(el.getBoundingClientRect().width).to.be.at.most(320);
      // Right-to-left text gets its own direction.
      const rtlTitle = $$(el, '[part="comment-title"]')[4]!;
      const rtlBody = $$(el, '[part="comment-body"]')[4]!;
      const rtlAuthor = $$(el, '.author')[4]!;
      for (const node of [rtlTitle, rtlBody, rtlAuthor]) {
        expect(node.getAttribute('dir')).to.equal('auto');
        expect(node.matches(':dir(rtl)')).to.equal(true);
      }
      expect($$(el, '[part="comment-title"]')[1]!.matches(':dir(ltr)')).to.equal(true);
      expect(w.__pwned).to.equal(undefined);
      expect(errors).to.deep.equal([]);
    } finally {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    }
  });

  it('shows nothing for dates that do not parse', async () => {
    const dates = ['not a date', '2024-02-30', '2024-13-45T00:00:00Z', '', 'Infinity'];
    const client = clientWith((url) => {
      if (!url.includes('/comments')) return undefined;
      return fetch(url).then(async (r) => {
        const page = (await r.json()) as { items: Array<Record<string, unknown>> };
        page.items.forEach((item, i) => (item['created'] = dates[i] ?? 42));
        return json(page);
      });
    });
    const el = await loaded(
      await fixture<MhnComments>(
        html`<mhn-comments
          endpoint=${endpoint}
          article=${SLUG}
          loading="eager"
          .client=${client}
        ></mhn-comments>`,
      ),
    );
    expect($$(el, '[part="comment"]')).to.have.length(4);
    expect($(el, 'ol time')).to.equal(null);
    expect(text($(el, 'ol'))).to.not.match(/Invalid|NaN/);
  });
});
