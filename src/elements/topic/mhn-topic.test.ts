import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../provider/define.js';
import './define.js';
import type { MhnTopic } from './mhn-topic.js';
import { ContentClient } from '../../core/content-client.js';
import { $, $$, captureWarnings, text, waitFor } from '../../../test/helpers/dom.js';
import { serverStats, useReferenceServer } from '../../../test/helpers/server.js';

const TOPIC = 'emotional-resilience';
const STUB = 'https://stub.example/api/v1';
const SECTIONS = 'basic more news qa blog videos links books'.split(' ');

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

const hang = () => new Promise<Response>(() => undefined);

/**
 * A client whose requests skip the browser's HTTP cache and whose own memory cache is
 * off, so the server's request count is exactly what the widget asks for. `answer`
 * may replace the answer for some paths (relative to the endpoint).
 */
function client(answer?: (path: string, signal: AbortSignal) => Promise<Response> | undefined) {
  return new ContentClient({
    retries: 0,
    cacheTtlMs: 0,
    fetch: (input, init) => {
      const path = new URL(String(input)).pathname.replace(/^.*\/api\/v1/, '');
      return answer?.(path, init!.signal!) ?? fetch(input, { ...init, cache: 'no-store' });
    },
  });
}

const tabs = (el: MhnTopic) => $$(el, '[role="tab"]');
const selectedTab = (el: MhnTopic) => $(el, '[role="tab"][aria-selected="true"]')!;
const panel = (el: MhnTopic) => $(el, '[role="tabpanel"]:not([hidden])')!;
const items = (el: MhnTopic) => [...panel(el).querySelectorAll<HTMLElement>('[part="item"]')];
const titles = (el: MhnTopic) => items(el).map((li) => text(li.querySelector('.title')));
const moreButton = (el: MhnTopic) => panel(el).querySelector<HTMLButtonElement>('[part~="more"]');
const focused = (el: MhnTopic) => el.shadowRoot!.activeElement as HTMLElement | null;

async function loaded(el: MhnTopic): Promise<MhnTopic> {
  await waitFor(el, '[role="tabpanel"]:not([hidden]) :is([part="item"], [part="empty"])');
  return el;
}

/** Clicks a tab and waits for its panel to show its items (or its empty state). */
async function open(el: MhnTopic, index: number) {
  tabs(el)[index]!.click();
  await el.updateComplete;
  return loaded(el);
}

async function waitForItems(el: MhnTopic, count: number) {
  await waitUntil(() => items(el).length === count, `never showed ${count} items`, {
    timeout: 10_000,
  });
}

function expectRoving(el: MhnTopic, index: number) {
  tabs(el).forEach((tab, i) => {
    expect(tab.getAttribute('aria-selected'), `tab ${i} aria-selected`).to.equal(
      String(i === index),
    );
    expect(tab.getAttribute('tabindex'), `tab ${i} tabindex`).to.equal(i === index ? '0' : '-1');
  });
  expect(focused(el)).to.equal(tabs(el)[index]);
  const visible = panel(el);
  expect(visible.id).to.equal(tabs(el)[index]!.getAttribute('aria-controls'));
  expect(visible.getAttribute('aria-labelledby')).to.equal(tabs(el)[index]!.id);
}

describe('<mhn-topic>', () => {
  let endpoint = '';
  useReferenceServer((url) => (endpoint = url));

  it('shows the title, one tab per section with its count, and the first section', async () => {
    const el = await loaded(
      await fixture<MhnTopic>(html`<mhn-topic endpoint=${endpoint} topic=${TOPIC}></mhn-topic>`),
    );
    const heading = $(el, '[part="heading"]')!;
    expect(heading.localName).to.equal('h2');
    expect(text(heading)).to.equal('Emotional Resilience');
    const list = $(el, '[role="tablist"]')!;
    expect(list.getAttribute('aria-labelledby')).to.equal(heading.id);
    expect(tabs(el).map((t) => text(t))).to.deep.equal([
      'Basic Information (12)',
      'More Information (30)',
      'Latest News (8)',
      'Questions and Answers (5)',
      'Blog Entries (9)',
      'Videos (3)',
      'Links (7)',
      'Book Reviews (2)',
    ]);
    expect(tabs(el).every((t) => t.localName === 'button')).to.equal(true);
    expect(text(selectedTab(el))).to.equal('Basic Information (12)');
    const visible = panel(el);
    expect(visible.getAttribute('tabindex')).to.equal('0');
    expect($$(el, '[role="tabpanel"]')).to.have.length(8);
    // A first page, then Load more.
    expect(items(el)).to.have.length(10);
    const first = items(el)[0]!;
    const link = first.querySelector('a')!;
    expect(text(link)).to.equal('Resilience: An Introduction');
    expect(link.href).to.match(/^https:\/\/.+\/articles\/resilience-an-introduction\/$/);
    expect(text(first.querySelector('[part="kind"]'))).to.equal('Article');
    const time = first.querySelector('time')!;
    expect(time.getAttribute('datetime')).to.match(/^\d{4}-\d{2}-\d{2}/);
    expect(text(time)).to.match(/^[A-Z][a-z]+ \d{1,2}, \d{4}$/);
    expect(text(first.querySelector('[part="summary"]'))).to.equal(
      'What resilience is and how it can be strengthened.',
    );
    expect(text(moreButton(el))).to.equal('Load more items');
    expect($(el, '[part="base"]')!.getAttribute('aria-busy')).to.equal('false');
  });

  it('labels every kind of item', async () => {
    const el = await loaded(
      await fixture<MhnTopic>(html`<mhn-topic endpoint=${endpoint} topic=${TOPIC}></mhn-topic>`),
    );
    const seen: string[] = [];
    for (const id of ['news', 'qa', 'blog', 'videos', 'links', 'books']) {
      await open(el, SECTIONS.indexOf(id));
      seen.push(text(items(el)[0]!.querySelector('[part="kind"]')));
    }
    expect(seen).to.deep.equal(['News', 'Q&A', 'Blog', 'Video', 'Link', 'Book review']);
    // Links have no date: no empty <time>.
    tabs(el)[SECTIONS.indexOf('links')]!.click();
    await el.updateComplete;
    expect(panel(el).querySelector('time')).to.equal(null);
  });

  it('operates the tabs with the keyboard (arrows wrap, Home, End, Tab into the panel)', async () => {
    const el = await loaded(
      await fixture<MhnTopic>(html`<mhn-topic endpoint=${endpoint} topic=${TOPIC}></mhn-topic>`),
    );
    tabs(el)[0]!.focus();
    expectRoving(el, 0);
    await sendKeys({ press: 'ArrowRight' });
    expectRoving(el, 1);
    await sendKeys({ press: 'ArrowRight' });
    expectRoving(el, 2);
    await sendKeys({ press: 'ArrowLeft' });
    expectRoving(el, 1);
    await sendKeys({ press: 'ArrowLeft' });
    expectRoving(el, 0);
    await sendKeys({ press: 'ArrowLeft' });
    expectRoving(el, 7);
    await sendKeys({ press: 'ArrowRight' });
    expectRoving(el, 0);
    await sendKeys({ press: 'End' });
    expectRoving(el, 7);
    await sendKeys({ press: 'Home' });
    expectRoving(el, 0);
    await sendKeys({ press: 'End' });
    await loaded(el);
    expect(titles(el)[0]).to.equal('Review: The Bend and the Break');
    // Tab leaves the tab list (only one tab is in the tab order) for the panel.
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(panel(el));
    expect(panel(el).getAttribute('aria-labelledby')).to.equal('tab-7');
    await sendKeys({ press: 'Shift+Tab' });
    expect(focused(el)).to.equal(tabs(el)[7]);
  });

  it('opens the tab named by `section`, the first one for an unknown id', async () => {
    const el = await loaded(
      await fixture<MhnTopic>(
        html`<mhn-topic endpoint=${endpoint} topic=${TOPIC} section="news"></mhn-topic>`,
      ),
    );
    expect(text(selectedTab(el))).to.equal('Latest News (8)');
    expect(titles(el)[0]).to.equal('Study links regular walking with steadier mood');
    expect(items(el)).to.have.length(8);
    expect(moreButton(el)).to.equal(null);
    el.section = 'videos';
    await el.updateComplete;
    await loaded(el);
    expect(text(selectedTab(el))).to.equal('Videos (3)');
    const unknown = await loaded(
      await fixture<MhnTopic>(
        html`<mhn-topic endpoint=${endpoint} topic=${TOPIC} section="nope"></mhn-topic>`,
      ),
    );
    expect(selectedTab(unknown)).to.equal(tabs(unknown)[0]);
  });

  it('loads a section when its tab is first opened, and never again', async () => {
    const c = client();
    const el = await loaded(
      await fixture<MhnTopic>(
        html`<mhn-topic endpoint=${endpoint} topic=${TOPIC} .client=${c}></mhn-topic>`,
      ),
    );
    const path = (id: string) => `/topics/${TOPIC}/sections/${id}`;
    let { byPath, requests } = await serverStats();
    expect(byPath).to.deep.equal({ [`/topics/${TOPIC}`]: 1, [path('basic')]: 1 });
    expect(requests).to.equal(2);
    await open(el, 2);
    ({ byPath } = await serverStats());
    expect(byPath[path('news')]).to.equal(1);
    tabs(el)[0]!.click();
    await el.updateComplete;
    expect(items(el)).to.have.length(10);
    tabs(el)[2]!.click();
    await el.updateComplete;
    expect(items(el)).to.have.length(8);
    await new Promise((r) => setTimeout(r, 200));
    ({ byPath, requests } = await serverStats());
    expect(byPath[path('basic')]).to.equal(1);
    expect(byPath[path('news')]).to.equal(1);
    expect(requests).to.equal(3);
  });

  it('pages through all 30 items of a section with Load more, keeping focus', async () => {
    const el = await loaded(
      await fixture<MhnTopic>(
        html`<mhn-topic endpoint=${endpoint} topic=${TOPIC} section="more"></mhn-topic>`,
      ),
    );
    expect(items(el)).to.have.length(10);
    let shown = 10;
    while (moreButton(el)) {
      const button = moreButton(el)!;
      button.focus();
      await sendKeys({ press: 'Enter' });
      shown += 10;
      await waitForItems(el, Math.min(shown, 30));
      await el.updateComplete;
      if (shown < 30) {
        expect(focused(el)).to.equal(button);
        expect(moreButton(el)).to.equal(button);
      }
    }
    const all = titles(el);
    expect(all).to.have.length(30);
    expect(new Set(all).size).to.equal(30);
    expect(all[0]).to.equal('Stress and the body');
    expect(all[29]).to.equal('Keeping perspective');
    // The last page removed the button: focus went to the first new item.
    expect(focused(el)).to.equal(items(el)[20]!.querySelector('a'));
    expect(text(panel(el).querySelector('[role="status"]'))).to.equal('30 items shown.');
  });

  it('ignores Load more while a page is loading', async () => {
    let sectionRequests = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const c = client((path) => {
      if (!path.endsWith('/sections/more')) return undefined;
      sectionRequests += 1;
      if (sectionRequests === 1) return undefined;
      return gate.then(() => json({ items: [{ title: 'Last', url: 'https://e.org/' }] }));
    });
    const el = await loaded(
      await fixture<MhnTopic>(
        html`<mhn-topic
          endpoint=${endpoint}
          topic=${TOPIC}
          section="more"
          .client=${c}
        ></mhn-topic>`,
      ),
    );
    moreButton(el)!.click();
    await el.updateComplete;
    expect(moreButton(el)!.getAttribute('aria-disabled')).to.equal('true');
    expect(panel(el).getAttribute('aria-busy')).to.equal('true');
    moreButton(el)!.click();
    moreButton(el)!.click();
    release();
    await waitForItems(el, 11);
    expect(sectionRequests).to.equal(2);
  });

  it('routes items with an articleSlug through article-href', async () => {
    const el = await loaded(
      await fixture<MhnTopic>(
        html`<mhn-topic
          endpoint=${endpoint}
          topic=${TOPIC}
          article-href="/read?a={slug}&from={slug}"
        ></mhn-topic>`,
      ),
    );
    const links = items(el).map((li) => li.querySelector('a')!.href);
    const base = new URL(document.baseURI);
    expect(links[0]).to.equal(
      `${base.origin}/read?a=resilience-an-introduction&from=resilience-an-introduction`,
    );
    // Items without an articleSlug still link to their own page.
    expect(links[6]).to.match(/^https:\/\/.+\/articles\/resilience-optimism-and-hope\/$/);
    // The slug is encoded.
    el.articleHref = 'https://partner.example/read/{slug}';
    await el.updateComplete;
    expect(items(el)[0]!.querySelector('a')!.href).to.equal(
      'https://partner.example/read/resilience-an-introduction',
    );
  });

  it('encodes the slug in article-href', async () => {
    const c = client(async (path) =>
      path.endsWith('/sections/s')
        ? json({
            items: [{ title: 'A', url: 'https://e.org/a', articleSlug: 'a b/../c?d=e#f' }],
          })
        : json({ slug: 't', title: 'T', sections: [{ id: 's', title: 'S' }], related: [] }),
    );
    const el = await loaded(
      await fixture<MhnTopic>(
        html`<mhn-topic endpoint=${STUB} topic="t" article-href="/read?a={slug}" .client=${c}>
        </mhn-topic>`,
      ),
    );
    const href = items(el)[0]!.querySelector('a')!.href;
    expect(new URL(href).searchParams.get('a')).to.equal('a b/../c?d=e#f');
    expect(new URL(href).pathname).to.equal('/read');
  });

  it('never makes a link from an unsafe URL (item url, article-href)', async () => {
    const unsafe = [
      'javascript:alert(1)',
      '  JAVASCRIPT:alert(2)',
      'java\tscript:alert(3)',
      'data:text/html,<script>alert(4)</script>',
      'vbscript:msgbox(5)',
      'blob:https://e.org/x',
    ];
    const c = client(async (path) =>
      path.endsWith('/sections/s')
        ? json({
            items: [
              ...unsafe.map((url, i) => ({ title: `Bad ${i}`, url, kind: 'news' })),
              { title: '<img src=x onerror=alert(6)>', url: 'javascript:void 0', kind: 'x' },
              { title: 'Routed', url: 'javascript:alert(7)', articleSlug: 'ok' },
              { title: 'Good', url: 'https://e.org/good', articleSlug: 'good' },
            ],
          })
        : json({
            slug: 't',
            title: '<b>T</b>',
            url: 'javascript:alert(8)',
            sections: [{ id: 's', title: 'S', count: 12345 }],
            related: [],
          }),
    );
    const warnings = captureWarnings();
    try {
      const el = await loaded(
        await fixture<MhnTopic>(
          html`<mhn-topic
            endpoint=${STUB}
            topic="t"
            article-href="javascript:alert('{slug}')"
            .client=${c}
          ></mhn-topic>`,
        ),
      );
      expect(text($(el, '[part="heading"]'))).to.equal('<b>T</b>');
      expect(text(selectedTab(el))).to.equal('S (12,345)');
      expect(items(el)).to.have.length(9);
      const hrefs = $$(el, 'a').map((a) => (a as HTMLAnchorElement).href);
      // The javascript: route falls back to the item's url, itself only a link when http(s).
      expect(hrefs).to.deep.equal(['https://e.org/good']);
      expect(titles(el).slice(0, 2)).to.deep.equal(['Bad 0', 'Bad 1']);
      expect(titles(el)[6]).to.equal('<img src=x onerror=alert(6)>');
      expect($(el, 'img, b')).to.equal(null);
      // An unknown kind gets no label.
      expect(items(el)[6]!.querySelector('[part="kind"]')).to.equal(null);
      expect(warnings.messages.some((m) => m.includes('article-href'))).to.equal(true);
      // A relative route resolves against the page and is kept.
      el.articleHref = 'read/{slug}';
      await el.updateComplete;
      expect($$(el, 'a').map((a) => (a as HTMLAnchorElement).href)).to.deep.equal([
        new URL('read/ok', document.baseURI).href,
        new URL('read/good', document.baseURI).href,
      ]);
    } finally {
      warnings.restore();
    }
  });

  it('gives each panel its own error state; Try again reloads that panel only', async () => {
    let fail = true;
    const calls: string[] = [];
    const c = client((path) => {
      calls.push(path);
      return fail && path.endsWith('/sections/news')
        ? Promise.resolve(json({ error: { code: 'internal', message: 'x' } }, 500))
        : undefined;
    });
    const errors: CustomEvent[] = [];
    const topic = await fixture<MhnTopic>(
      html`<mhn-topic
        endpoint=${endpoint}
        topic=${TOPIC}
        section="news"
        .client=${c}
        @mhn-error=${(e: CustomEvent) => errors.push(e)}
      ></mhn-topic>`,
    );
    const alert = await waitFor(topic, '[role="tabpanel"]:not([hidden]) [role="alert"]');
    expect(text(alert)).to.contain('Something went wrong');
    await waitUntil(() => errors.length === 1, 'no mhn-error');
    expect(errors[0]!.detail.error).to.deep.include({ code: 'http', status: 500 });
    await expect(topic).to.be.accessible();
    // The other tabs still work.
    await open(topic, 0);
    expect(items(topic)).to.have.length(10);
    tabs(topic)[2]!.click();
    const again = await waitFor(topic, '[role="tabpanel"]:not([hidden]) [role="alert"] button');
    expect(text(again)).to.equal('Try again');
    fail = false;
    const before = calls.length;
    again.click();
    await loaded(topic);
    expect(items(topic)).to.have.length(8);
    expect(calls.slice(before)).to.deep.equal([`/topics/${TOPIC}/sections/news`]);
  });

  it('keeps loaded items when a later page fails, and Load more tries again', async () => {
    let fail = true;
    let calls = 0;
    const c = client((path) =>
      fail && path.endsWith('/sections/more') && calls++ > 0
        ? Promise.reject(new TypeError('Failed to fetch'))
        : undefined,
    );
    const el = await loaded(
      await fixture<MhnTopic>(
        html`<mhn-topic
          endpoint=${endpoint}
          topic=${TOPIC}
          section="more"
          .client=${c}
        ></mhn-topic>`,
      ),
    );
    const button = moreButton(el)!;
    button.focus();
    await sendKeys({ press: 'Enter' });
    const alert = await waitFor(el, '[role="tabpanel"]:not([hidden]) [role="alert"]');
    expect(text(alert)).to.contain('could not reach');
    expect(items(el)).to.have.length(10);
    expect(focused(el)).to.equal(button);
    fail = false;
    await sendKeys({ press: 'Enter' });
    await waitForItems(el, 20);
    expect($(el, '[role="alert"]')).to.equal(null);
  });

  it('shows an error for the topic itself, with Try again', async () => {
    let fail = true;
    const c = client((path) =>
      fail && !path.includes('/sections/')
        ? Promise.resolve(new Response('', { status: 503 }))
        : undefined,
    );
    const el = await fixture<MhnTopic>(
      html`<mhn-topic endpoint=${endpoint} topic=${TOPIC} .client=${c}></mhn-topic>`,
    );
    const alert = await waitFor(el, '[role="alert"]');
    expect(text(alert)).to.contain('Something went wrong');
    expect($(el, '[role="tablist"]')).to.equal(null);
    await expect(el).to.be.accessible();
    fail = false;
    alert.querySelector('button')!.click();
    await loaded(el);
  });

  it('shows loading states for the topic and for a panel', async () => {
    const hung = new ContentClient({ fetch: hang });
    const el = await fixture<MhnTopic>(
      html`<mhn-topic endpoint=${STUB} topic=${TOPIC} .client=${hung}></mhn-topic>`,
    );
    await el.updateComplete;
    expect($(el, '[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
    expect(text($(el, '[role="status"]'))).to.equal('Loading…');
    expect(el.getBoundingClientRect().height).to.be.greaterThan(200);
    await expect(el).to.be.accessible();

    const c = client((path) => (path.includes('/sections/') ? hang() : undefined));
    const slow = await fixture<MhnTopic>(
      html`<mhn-topic endpoint=${endpoint} topic=${TOPIC} .client=${c}></mhn-topic>`,
    );
    await waitFor(slow, '[role="tabpanel"]:not([hidden]) [part="loading"]');
    await slow.updateComplete;
    expect(panel(slow).getAttribute('aria-busy')).to.equal('true');
    expect(text(panel(slow).querySelector('[role="status"]'))).to.equal('Loading…');
    expect(panel(slow).getBoundingClientRect().height).to.be.greaterThan(150);
  });

  it('says when a section is empty', async () => {
    const el = await loaded(
      await fixture<MhnTopic>(
        html`<mhn-topic endpoint=${endpoint} topic="sleep-and-rest" section="news"></mhn-topic>`,
      ),
    );
    expect(text(selectedTab(el))).to.equal('Latest News (0)');
    expect(text(panel(el).querySelector('[part="empty"]'))).to.equal(
      'Nothing in this section yet.',
    );
    await expect(el).to.be.accessible();
  });

  it('says when a topic has no sections', async () => {
    const c = client(async () => json({ slug: 't', title: 'T', sections: [], related: [] }));
    const el = await fixture<MhnTopic>(
      html`<mhn-topic endpoint=${STUB} topic="t" .client=${c}></mhn-topic>`,
    );
    expect(text(await waitFor(el, '[part="empty"]'))).to.equal('This topic has no sections yet.');
    expect($(el, '[role="tablist"]')).to.equal(null);
  });

  it('says a missing topic is not available, without retrying', async () => {
    const el = await fixture<MhnTopic>(
      html`<mhn-topic endpoint=${endpoint} topic="no-such-topic"></mhn-topic>`,
    );
    expect(text(await waitFor(el, '[part="not-found"]'))).to.equal('This topic is not available.');
    expect($(el, 'button')).to.equal(null);
    await new Promise((r) => setTimeout(r, 300));
    expect((await serverStats()).requests).to.equal(1);
  });

  it('says it is not configured without an endpoint or a topic', async () => {
    const warnings = captureWarnings();
    try {
      const el = await fixture<MhnTopic>(html`<mhn-topic topic=${TOPIC}></mhn-topic>`);
      await el.updateComplete;
      expect(text($(el, '[part="not-configured"]'))).to.contain('endpoint');
      const noTopic = await fixture<MhnTopic>(html`<mhn-topic endpoint=${endpoint}></mhn-topic>`);
      expect(text(await waitFor(noTopic, '[part="not-configured"]'))).to.contain('topic');
      expect(warnings.messages.some((m) => m.includes('"topic"'))).to.equal(true);
      expect((await serverStats()).requests).to.equal(0);
    } finally {
      warnings.restore();
    }
  });

  it('resets the tabs and aborts in-flight loads when `topic` changes', async () => {
    const signals: AbortSignal[] = [];
    const c = client((path, signal) => {
      if (!path.startsWith(`/topics/${TOPIC}/sections/`)) return undefined;
      signals.push(signal);
      return hang();
    });
    const el = await fixture<MhnTopic>(
      html`<mhn-topic endpoint=${endpoint} topic=${TOPIC} section="news" .client=${c}></mhn-topic>`,
    );
    await waitUntil(() => signals.length === 1, 'the section was never requested');
    tabs(el)[3]!.click();
    await waitUntil(() => signals.length === 2, 'the second section was never requested');
    el.topic = 'life-issues';
    await el.updateComplete;
    expect(signals.map((s) => s.aborted)).to.deep.equal([true, true]);
    await loaded(el);
    expect(text($(el, '[part="heading"]'))).to.equal('Life Issues');
    expect(tabs(el).map((t) => text(t))).to.deep.equal([
      'Basic Information (2)',
      'Latest News (1)',
    ]);
    // `section` still names the first tab of the new topic when it has one.
    expect(selectedTab(el)).to.equal(tabs(el)[1]);
    el.section = undefined;
    el.topic = 'self-esteem';
    await el.updateComplete;
    await loaded(el);
    expect(text(selectedTab(el))).to.equal('Basic Information (3)');
    expect(titles(el)[0]).to.equal('Self Esteem: The Basics');
  });

  it('never shows a stale panel when tabs change quickly', async () => {
    const c = client((path) =>
      path.endsWith('/sections/news')
        ? new Promise<Response>((resolve) =>
            setTimeout(
              () => resolve(json({ items: [{ title: 'Stale news', url: 'https://e.org/' }] })),
              400,
            ),
          )
        : undefined,
    );
    const el = await loaded(
      await fixture<MhnTopic>(
        html`<mhn-topic endpoint=${endpoint} topic=${TOPIC} .client=${c}></mhn-topic>`,
      ),
    );
    tabs(el)[2]!.click();
    await el.updateComplete;
    await open(el, 3);
    await new Promise((r) => setTimeout(r, 600));
    expect(text(selectedTab(el))).to.equal('Questions and Answers (5)');
    expect(titles(el)).to.have.length(5);
    expect(text(panel(el))).to.not.contain('Stale news');
    expect(text(el)).to.not.contain('Stale news');
  });

  it('speaks Spanish', async () => {
    const el = await loaded(
      await fixture<MhnTopic>(
        html`<mhn-topic endpoint=${endpoint} topic=${TOPIC} locale="es"></mhn-topic>`,
      ),
    );
    expect(text(items(el)[0]!.querySelector('[part="kind"]'))).to.equal('Artículo');
    expect(text(items(el)[0]!.querySelector('time'))).to.match(/^\d{1,2} de [a-z]+ de \d{4}$/);
    expect(text(moreButton(el))).to.equal('Cargar más elementos');
    await open(el, 3);
    expect(text(items(el)[0]!.querySelector('[part="kind"]'))).to.equal('Preguntas y respuestas');
    const c = client(async (path) =>
      path.includes('/sections/')
        ? json({ items: [] })
        : json({ slug: 't', title: 'T', sections: [{ id: 's', title: 'S', count: 12345 }] }),
    );
    const big = await loaded(
      await fixture<MhnTopic>(
        html`<mhn-topic endpoint=${STUB} topic="t" locale="es" .client=${c}></mhn-topic>`,
      ),
    );
    expect(text(selectedTab(big))).to.equal('S (12.345)');
    expect(text(panel(big))).to.equal('Aún no hay nada en esta sección.');
  });

  it('dispatches mhn-load for the topic and for each section', async () => {
    const el = document.createElement('mhn-topic');
    el.setAttribute('endpoint', endpoint);
    el.setAttribute('topic', TOPIC);
    const loads: unknown[] = [];
    el.addEventListener('mhn-load', (e) => loads.push(e.detail.data));
    const first = oneEvent(document.body, 'mhn-load');
    document.body.append(el);
    try {
      const { composed, bubbles } = await first;
      expect(composed && bubbles).to.equal(true);
      await waitUntil(() => loads.length === 2, 'no mhn-load for the section');
      expect((loads[0] as { slug: string }).slug).to.equal(TOPIC);
      expect(loads[1]).to.deep.include({ section: 'basic' });
    } finally {
      el.remove();
    }
  });

  it('uses heading-level for the title', async () => {
    const el = await loaded(
      await fixture<MhnTopic>(
        html`<mhn-topic endpoint=${endpoint} topic=${TOPIC} heading-level="3"></mhn-topic>`,
      ),
    );
    expect($(el, '[part="heading"]')!.localName).to.equal('h3');
    el.headingLevel = 42;
    await el.updateComplete;
    expect($(el, '[part="heading"]')!.localName).to.equal('h2');
  });

  it('aborts its section request when removed, and reloads when put back', async () => {
    const signals: AbortSignal[] = [];
    let hold = true;
    const c = client((path, signal) => {
      if (!path.includes('/sections/') || !hold) return undefined;
      signals.push(signal);
      return hang();
    });
    const el = await fixture<MhnTopic>(
      html`<mhn-topic endpoint=${endpoint} topic=${TOPIC} .client=${c}></mhn-topic>`,
    );
    await waitUntil(() => signals.length === 1, 'no section request');
    const parent = el.parentElement!;
    el.remove();
    // A removal is told apart from a move once the current script has run (a microtask).
    await Promise.resolve();
    expect(signals[0]!.aborted).to.equal(true);
    hold = false;
    parent.append(el);
    await loaded(el);
    expect(items(el)).to.have.length(10);
  });

  it('passes an axe audit when loaded on every tab', async () => {
    const el = await loaded(
      await fixture<MhnTopic>(html`<mhn-topic endpoint=${endpoint} topic=${TOPIC}></mhn-topic>`),
    );
    await expect(el).to.be.accessible();
    await open(el, 6);
    await expect(el).to.be.accessible();
  });
});
