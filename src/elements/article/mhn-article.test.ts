import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../index.js';
import type { MhnArticle } from './mhn-article.js';
import { ContentClient } from '../../core/content-client.js';
import { define } from '../../core/define.js';
import { recordingClient } from '../../../test/helpers/client.js';
import { $, $$, captureWarnings, text, waitFor } from '../../../test/helpers/dom.js';
import { addArticle, serverStats, useReferenceServer } from '../../../test/helpers/server.js';

const SLUG = 'resilience-social-support-benefits';

async function loaded(el: MhnArticle): Promise<MhnArticle> {
  await waitFor(el, 'article [part="heading"]');
  return el;
}

describe('<mhn-article>', () => {
  let endpoint = '';
  useReferenceServer((url) => (endpoint = url));

  it('shows the title, authors with credentials, dates, body and a link back', async () => {
    const el = await loaded(
      await fixture<MhnArticle>(
        html`<mhn-article endpoint=${endpoint} article=${SLUG}></mhn-article>`,
      ),
    );
    const heading = $(el, '[part="heading"]')!;
    expect(heading.localName).to.equal('h2');
    expect(heading.textContent!.trim()).to.equal('Resilience: Social Support Benefits');
    const article = el.data!;
    const byline = text($(el, '[part="byline"]'));
    for (const author of article.authors) {
      expect(byline).to.contain(author.name);
      if (author.credentials) expect(byline).to.contain(author.credentials);
    }
    const updated = $(el, `time[datetime="${article.updated}"]`)!;
    expect(updated.textContent).to.equal('April 4, 2016');
    expect(getComputedStyle(updated).display).to.not.equal('none');
    expect($$(el, '[part="body"] p').length).to.be.at.least(2);
    expect($$(el, '[part="body"] ul li').length).to.equal(3);
    const link = $(el, 'a[part="source-link"]') as HTMLAnchorElement;
    expect(link.href).to.equal(article.url);
    expect(link.textContent).to.contain(new URL(article.url).hostname);
    expect(el.shadowRoot!.querySelector('[part="base"]')!.getAttribute('aria-busy')).to.equal(
      'false',
    );
  });

  it('uses heading-level for the title, and falls back to 2 for nonsense', async () => {
    const one = await loaded(
      await fixture<MhnArticle>(
        html`<mhn-article endpoint=${endpoint} article=${SLUG} heading-level="1"></mhn-article>`,
      ),
    );
    expect($(one, '[part="heading"]')!.localName).to.equal('h1');
    one.headingLevel = 4;
    await one.updateComplete;
    expect($(one, '[part="heading"]')!.localName).to.equal('h4');
    const bad = await loaded(
      await fixture<MhnArticle>(
        html`<mhn-article endpoint=${endpoint} article=${SLUG} heading-level="9"></mhn-article>`,
      ),
    );
    expect($(bad, '[part="heading"]')!.localName).to.equal('h2');
  });

  it("nests the body's headings under the title's level", async () => {
    await addArticle({
      slug: 'with-headings',
      title: 'With headings',
      url: 'https://publisher.example.org/with-headings',
      authors: [],
      bodyHtml: '<h2>Part one</h2><p>a</p><h3>Detail</h3><p>b</p><h2>Part two</h2>',
    });
    const el = await loaded(
      await fixture<MhnArticle>(
        html`<mhn-article
          endpoint=${endpoint}
          article="with-headings"
          heading-level="3"
        ></mhn-article>`,
      ),
    );
    const levels = () => $$(el, '[part="body"] :is(h1,h2,h3,h4,h5,h6)').map((h) => h.localName);
    expect($(el, '[part="heading"]')!.localName).to.equal('h3');
    expect(levels()).to.deep.equal(['h4', 'h5', 'h4']);
    el.headingLevel = 1;
    await el.updateComplete;
    expect(levels()).to.deep.equal(['h2', 'h3', 'h2']);
    expect($(el, '[part="body"]')!.textContent).to.equal('Part oneaDetailbPart two');
  });

  it('dispatches mhn-load with the article', async () => {
    const el = document.createElement('mhn-article');
    el.setAttribute('endpoint', endpoint);
    el.setAttribute('article', SLUG);
    const event = oneEvent(document.body, 'mhn-load');
    document.body.append(el);
    const { detail, composed, bubbles } = await event;
    expect(composed && bubbles).to.equal(true);
    expect((detail.data as { slug: string }).slug).to.equal(SLUG);
    expect($(el, '[part="heading"]')).to.exist;
    el.remove();
  });

  it('shows a loading state that reserves space and is announced', async () => {
    const hung = new ContentClient({ fetch: () => new Promise<Response>(() => undefined) });
    const el = await fixture<MhnArticle>(
      html`<mhn-article endpoint=${endpoint} article=${SLUG} .client=${hung}></mhn-article>`,
    );
    await el.updateComplete;
    expect($(el, '[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
    expect(text($(el, '[role="status"]'))).to.equal('Loading…');
    expect(el.getBoundingClientRect().height).to.be.greaterThan(200);
  });

  it('shows an error with Try again, dispatches mhn-error, and recovers', async () => {
    let fail = true;
    const flaky = new ContentClient({
      retries: 0,
      fetch: (input, init) =>
        fail ? Promise.resolve(new Response('oops', { status: 500 })) : fetch(input, init),
    });
    const errorEvent = new Promise<CustomEvent>((resolve) =>
      document.body.addEventListener('mhn-error', (e) => resolve(e as CustomEvent), { once: true }),
    );
    const el = await fixture<MhnArticle>(
      html`<mhn-article endpoint=${endpoint} article=${SLUG} .client=${flaky}></mhn-article>`,
    );
    const alert = await waitFor(el, '[role="alert"]');
    expect(text(alert)).to.contain('Something went wrong');
    expect((await errorEvent).detail.error).to.deep.include({ code: 'http', status: 500 });
    fail = false;
    const retry = [...alert.querySelectorAll('button')].find(
      (b) => b.textContent!.trim() === 'Try again',
    )!;
    retry.focus();
    retry.click();
    await loaded(el);
    expect($(el, '[role="alert"]')).to.equal(null);
    // The Try again button is gone: the keyboard focus lands on the article's heading.
    await waitUntil(() => el.shadowRoot!.activeElement === $(el, '[part="heading"]'));
  });

  it("shows the partner's fallback link in the error state, not while loaded", async () => {
    const broken = new ContentClient({
      retries: 0,
      fetch: () => Promise.resolve(new Response('down', { status: 503 })),
    });
    const failing = await fixture<MhnArticle>(
      html`<mhn-article endpoint=${endpoint} article=${SLUG} .client=${broken}
        ><a href="https://publisher.example.org/a">Read it on the publisher's site</a></mhn-article
      >`,
    );
    const slot = (await waitFor(failing, '[role="alert"] slot')) as HTMLSlotElement;
    const [link] = slot.assignedElements();
    expect(link!.textContent).to.equal("Read it on the publisher's site");
    expect(link!.getBoundingClientRect().height).to.be.greaterThan(0);
    const ok = await loaded(
      await fixture<MhnArticle>(
        html`<mhn-article endpoint=${endpoint} article=${SLUG}
          ><a href="https://x.org/">fallback</a></mhn-article
        >`,
      ),
    );
    expect(ok.querySelector('a')!.getBoundingClientRect().height).to.equal(0);
  });

  it('says a missing article is not available, without a retry loop', async () => {
    const el = await fixture<MhnArticle>(
      html`<mhn-article endpoint=${endpoint} article="no-such-article"></mhn-article>`,
    );
    const state = await waitFor(el, '[part="not-found"]');
    expect(text(state)).to.equal('This article is not available.');
    expect($(el, 'button')).to.equal(null);
    await new Promise((r) => setTimeout(r, 300));
    expect((await serverStats()).requests).to.equal(1);
  });

  it('says it is not configured (and warns once) without an endpoint or an article', async () => {
    const warnings = captureWarnings();
    try {
      const el = await fixture<MhnArticle>(html`<mhn-article article=${SLUG}></mhn-article>`);
      await el.updateComplete;
      expect(text($(el, '[part="not-configured"]'))).to.contain('endpoint');
      el.requestUpdate();
      await el.updateComplete;
      expect(warnings.messages.filter((m) => m.includes('endpoint'))).to.have.length(1);
      const noSlug = await fixture<MhnArticle>(
        html`<mhn-article endpoint=${endpoint}></mhn-article>`,
      );
      await waitFor(noSlug, '[part="not-configured"]');
      expect(text($(noSlug, '[part="not-configured"]'))).to.contain('article');
      expect(warnings.messages.some((m) => m.includes('"article"'))).to.equal(true);
    } finally {
      warnings.restore();
    }
  });

  it('takes the endpoint and locale from <mhn-provider>, and its own attributes win', async () => {
    const { client, requests } = recordingClient();
    const wrapper = await fixture<HTMLElement>(
      html`<mhn-provider endpoint=${endpoint} locale="es">
        <mhn-article article=${SLUG} .client=${client}></mhn-article>
        <mhn-article article=${SLUG} locale="en" .client=${client}></mhn-article>
      </mhn-provider>`,
    );
    const [es, en] = [...wrapper.querySelectorAll('mhn-article')] as MhnArticle[];
    await loaded(es!);
    await loaded(en!);
    expect(text($(es!, '[part="dates"]'))).to.contain('4 de abril de 2016');
    expect(text($(en!, '[part="dates"]'))).to.contain('April 4, 2016');
    // Two widgets on one page asking for the same article cause one request.
    expect(requests).to.deep.equal([new URL(`${endpoint}/articles/${SLUG}`).pathname]);
  });

  it('follows a provider whose endpoint changes at run time', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<mhn-provider>
        <mhn-article article=${SLUG}></mhn-article>
      </mhn-provider>`,
    );
    const el = wrapper.querySelector('mhn-article') as MhnArticle;
    await el.updateComplete;
    expect($(el, '[part="not-configured"]')).to.exist;
    wrapper.setAttribute('endpoint', endpoint);
    await loaded(el);
  });

  it('refetches when `article` changes and ignores the stale answer', async () => {
    const el = await loaded(
      await fixture<MhnArticle>(
        html`<mhn-article endpoint=${endpoint} article=${SLUG}></mhn-article>`,
      ),
    );
    el.article = 'no-such-article';
    await waitFor(el, '[part="not-found"]');
    el.article = SLUG;
    await loaded(el);
  });

  it('aborts its request when removed', async () => {
    let signal: AbortSignal | undefined;
    const hung = new ContentClient({
      fetch: (_input, init) => {
        signal = init?.signal ?? undefined;
        return new Promise<Response>((_, reject) =>
          signal?.addEventListener('abort', () =>
            reject(new DOMException('aborted', 'AbortError')),
          ),
        );
      },
    });
    const el = await fixture<MhnArticle>(
      html`<mhn-article endpoint=${endpoint} article=${SLUG} .client=${hung}></mhn-article>`,
    );
    await waitUntil(() => signal, 'no request started');
    el.remove();
    // A removal is told apart from a move (remove + insert in one go) once the current
    // script has run: the abort follows in a microtask.
    await Promise.resolve();
    expect(signal!.aborted).to.equal(true);
  });

  it('passes an axe audit when loaded, loading, not found and in error', async () => {
    const ok = await loaded(
      await fixture<MhnArticle>(
        html`<mhn-article endpoint=${endpoint} article=${SLUG}></mhn-article>`,
      ),
    );
    await expect(ok).to.be.accessible();
    const missing = await fixture<MhnArticle>(
      html`<mhn-article endpoint=${endpoint} article="no-such-article"></mhn-article>`,
    );
    await waitFor(missing, '[part="not-found"]');
    await expect(missing).to.be.accessible();
    const broken = new ContentClient({
      retries: 0,
      fetch: () => Promise.resolve(new Response('x', { status: 500 })),
    });
    const failing = await fixture<MhnArticle>(
      html`<mhn-article endpoint=${endpoint} article=${SLUG} .client=${broken}></mhn-article>`,
    );
    await waitFor(failing, '[role="alert"]');
    await expect(failing).to.be.accessible();
    const hung = new ContentClient({ fetch: () => new Promise<Response>(() => undefined) });
    const loading = await fixture<MhnArticle>(
      html`<mhn-article endpoint=${endpoint} article=${SLUG} .client=${hung}></mhn-article>`,
    );
    await expect(loading).to.be.accessible();
  });
});

describe('registration', () => {
  it('defining a tag twice never throws', () => {
    const warnings = captureWarnings();
    try {
      class Other extends HTMLElement {}
      expect(() => define('mhn-article', Other)).to.not.throw();
      expect(customElements.get('mhn-article')).to.not.equal(Other);
      expect(warnings.messages.join()).to.contain('already defined');
    } finally {
      warnings.restore();
    }
  });
});
