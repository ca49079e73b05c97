import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../provider/define.js';
import './define.js';
import '../topic/define.js';
import type { MhnRelatedTopics } from './mhn-related-topics.js';
import type { MhnTopic } from '../topic/mhn-topic.js';
import { ContentClient } from '../../core/content-client.js';
import { $, $$, captureWarnings, text, waitFor } from '../../../test/helpers/dom.js';
import { serverStats, useReferenceServer } from '../../../test/helpers/server.js';

const TOPIC = 'emotional-resilience';
const STUB = 'https://stub.example/api/v1';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

/** A client whose every answer is `answer()` (no retries, so errors show at once). */
const stub = (answer: () => Promise<Response>) => new ContentClient({ retries: 0, fetch: answer });

/**
 * A client like the page's shared one whose requests skip the browser's HTTP cache, so
 * the server's request count is every request the widgets make.
 */
const uncached = () =>
  new ContentClient({ fetch: (input, init) => fetch(input, { ...init, cache: 'no-store' }) });

async function loaded(el: MhnRelatedTopics): Promise<MhnRelatedTopics> {
  await waitFor(el, '[part="list"], [part="empty"]');
  return el;
}

describe('<mhn-related-topics>', () => {
  let endpoint = '';
  useReferenceServer((url) => (endpoint = url));

  it('shows "Related Topics" and a link to each related topic', async () => {
    const el = await loaded(
      await fixture<MhnRelatedTopics>(
        html`<mhn-related-topics endpoint=${endpoint} topic=${TOPIC}></mhn-related-topics>`,
      ),
    );
    const heading = $(el, '[part="heading"]')!;
    expect(heading.localName).to.equal('h2');
    expect(text(heading)).to.equal('Related Topics');
    const links = $$(el, 'ul[part="list"] > li > a') as HTMLAnchorElement[];
    expect(links.map((a) => a.textContent!.trim())).to.deep.equal(['Self Esteem', 'Life Issues']);
    const related = el.data!.related;
    expect(links.map((a) => a.href)).to.deep.equal(related.map((r) => r.url));
    expect(links[0]!.href).to.match(/^https:\/\/.+\/topics\/self-esteem\/$/);
    expect($(el, '[part="base"]')!.getAttribute('aria-busy')).to.equal('false');
  });

  it('uses heading-level, falling back to 2 for nonsense', async () => {
    const el = await loaded(
      await fixture<MhnRelatedTopics>(
        html`<mhn-related-topics
          endpoint=${endpoint}
          topic=${TOPIC}
          heading-level="3"
        ></mhn-related-topics>`,
      ),
    );
    expect($(el, '[part="heading"]')!.localName).to.equal('h3');
    el.headingLevel = 0;
    await el.updateComplete;
    expect($(el, '[part="heading"]')!.localName).to.equal('h2');
    el.headingLevel = 6;
    await el.updateComplete;
    expect($(el, '[part="heading"]')!.localName).to.equal('h6');
  });

  it('speaks Spanish', async () => {
    const el = await loaded(
      await fixture<MhnRelatedTopics>(
        html`<mhn-related-topics
          endpoint=${endpoint}
          topic="sleep-and-rest"
          locale="es"
        ></mhn-related-topics>`,
      ),
    );
    expect(text($(el, '[part="heading"]'))).to.equal('Temas relacionados');
    expect(text($(el, '[part="empty"]'))).to.equal('No hay temas relacionados.');
  });

  it('says when a topic has no related topics', async () => {
    const el = await loaded(
      await fixture<MhnRelatedTopics>(
        html`<mhn-related-topics endpoint=${endpoint} topic="sleep-and-rest"></mhn-related-topics>`,
      ),
    );
    expect(text($(el, '[part="empty"]'))).to.equal('No related topics.');
    expect($(el, 'ul')).to.equal(null);
  });

  it('shows a loading state that is announced and busy', async () => {
    const hung = stub(() => new Promise<Response>(() => undefined));
    const el = await fixture<MhnRelatedTopics>(
      html`<mhn-related-topics
        endpoint=${STUB}
        topic=${TOPIC}
        .client=${hung}
      ></mhn-related-topics>`,
    );
    await el.updateComplete;
    expect($(el, '[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
    expect(text($(el, '[role="status"]'))).to.equal('Loading…');
    expect($(el, '[part="loading"]')).to.exist;
    expect(text($(el, '[part="heading"]'))).to.equal('Related Topics');
  });

  it('while loading, takes the loaded list’s room: nothing below moves when it arrives', async () => {
    // A partner page may reserve nothing: the placeholder alone must hold the height the
    // typical list (two related topics) takes, at a phone's width and a sidebar's.
    for (const width of [320, 600]) {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const client = new ContentClient({
        fetch: (input, init) => gate.then(() => fetch(input, { ...init, cache: 'no-store' })),
      });
      const el = await fixture<MhnRelatedTopics>(
        html`<mhn-related-topics
          style=${`width: ${width}px`}
          endpoint=${endpoint}
          topic=${TOPIC}
          .client=${client}
        ></mhn-related-topics>`,
      );
      await waitFor(el, '[part="loading"]');
      await el.updateComplete;
      const placeholder = el.getBoundingClientRect().height;
      // Shapes only: the heading's words and the status line, nothing to focus.
      expect(text(el)).to.equal('Related Topics Loading…');
      expect($$(el, 'a, button, [tabindex]')).to.deep.equal([]);
      release();
      await loaded(el);
      await el.updateComplete;
      expect($$(el, '[part="link"]')).to.have.length(2);
      expect(el.getBoundingClientRect().height, `at ${width}px`).to.equal(placeholder);
    }
  });

  it('shows an error with Try again, dispatches mhn-error, and recovers', async () => {
    let fail = true;
    const flaky = new ContentClient({
      retries: 0,
      fetch: (input, init) =>
        fail ? Promise.resolve(new Response('', { status: 503 })) : fetch(input, init),
    });
    const errorEvent = new Promise<CustomEvent>((resolve) =>
      document.body.addEventListener('mhn-error', (e) => resolve(e as CustomEvent), { once: true }),
    );
    const el = await fixture<MhnRelatedTopics>(
      html`<mhn-related-topics
        endpoint=${endpoint}
        topic=${TOPIC}
        .client=${flaky}
      ></mhn-related-topics>`,
    );
    const alert = await waitFor(el, '[role="alert"]');
    expect(text(alert)).to.contain('Something went wrong');
    expect((await errorEvent).detail.error).to.deep.include({ code: 'http', status: 503 });
    await expect(el).to.be.accessible();
    fail = false;
    const retry = alert.querySelector('button')!;
    expect(text(retry)).to.equal('Try again');
    retry.click();
    await loaded(el);
    expect($(el, '[role="alert"]')).to.equal(null);
    expect($$(el, 'a[part="link"]')).to.have.length(2);
  });

  it('shows a network failure as an error too', async () => {
    const down = stub(() => Promise.reject(new TypeError('Failed to fetch')));
    const el = await fixture<MhnRelatedTopics>(
      html`<mhn-related-topics
        endpoint=${STUB}
        topic=${TOPIC}
        .client=${down}
      ></mhn-related-topics>`,
    );
    expect(text(await waitFor(el, '[role="alert"]'))).to.contain('could not reach');
  });

  it('says a missing topic is not available, without retrying', async () => {
    const el = await fixture<MhnRelatedTopics>(
      html`<mhn-related-topics endpoint=${endpoint} topic="no-such-topic"></mhn-related-topics>`,
    );
    expect(text(await waitFor(el, '[part="not-found"]'))).to.equal('This topic is not available.');
    expect($(el, 'button')).to.equal(null);
    await new Promise((r) => setTimeout(r, 300));
    expect((await serverStats()).requests).to.equal(1);
  });

  it('says it is not configured without an endpoint or a topic', async () => {
    const warnings = captureWarnings();
    try {
      const el = await fixture<MhnRelatedTopics>(
        html`<mhn-related-topics topic=${TOPIC}></mhn-related-topics>`,
      );
      await el.updateComplete;
      expect(text($(el, '[part="not-configured"]'))).to.contain('endpoint');
      const noTopic = await fixture<MhnRelatedTopics>(
        html`<mhn-related-topics endpoint=${endpoint}></mhn-related-topics>`,
      );
      expect(text(await waitFor(noTopic, '[part="not-configured"]'))).to.contain('topic');
      expect(warnings.messages.some((m) => m.includes('"topic"'))).to.equal(true);
      expect((await serverStats()).requests).to.equal(0);
    } finally {
      warnings.restore();
    }
  });

  it('shows a related topic whose URL is not http(s) as text, never as a link', async () => {
    const hostile = [
      'javascript:alert(1)',
      ' JaVaScRiPt:alert(2)',
      'data:text/html,<script>alert(3)</script>',
      'vbscript:msgbox(4)',
      'mailto:someone@example.org',
    ];
    const client = stub(async () =>
      json({
        slug: 'x',
        title: 'X',
        sections: [],
        related: [
          ...hostile.map((url, i) => ({ slug: `bad-${i}`, title: `Bad ${i}`, url })),
          { slug: 'no-url', title: '<img src=x onerror=alert(5)>' },
          { slug: 'good', title: 'Good', url: 'https://example.org/topics/good/' },
        ],
      }),
    );
    const el = await loaded(
      await fixture<MhnRelatedTopics>(
        html`<mhn-related-topics
          endpoint=${STUB}
          topic="x"
          .client=${client}
        ></mhn-related-topics>`,
      ),
    );
    const items = $$(el, 'li[part="item"]');
    expect(items).to.have.length(7);
    const links = $$(el, 'a') as HTMLAnchorElement[];
    expect(links.map((a) => a.href)).to.deep.equal(['https://example.org/topics/good/']);
    expect(text(items[0])).to.equal('Bad 0');
    expect(text(items[5])).to.equal('<img src=x onerror=alert(5)>');
    expect($(el, 'img')).to.equal(null);
  });

  it('shares one GET /topics/{slug} with <mhn-topic> on the same page', async () => {
    const client = uncached();
    const wrapper = await fixture<HTMLElement>(
      html`<mhn-provider endpoint=${endpoint}>
        <mhn-topic topic=${TOPIC} .client=${client}></mhn-topic>
        <mhn-related-topics topic=${TOPIC} .client=${client}></mhn-related-topics>
      </mhn-provider>`,
    );
    const topic = wrapper.querySelector('mhn-topic') as MhnTopic;
    const related = wrapper.querySelector('mhn-related-topics') as MhnRelatedTopics;
    await loaded(related);
    await waitFor(topic, '[role="tabpanel"]:not([hidden]) [part="item"]');
    const { byPath } = await serverStats();
    expect(byPath[`/topics/${TOPIC}`]).to.equal(1);
  });

  it('refetches when `topic` changes', async () => {
    const el = await loaded(
      await fixture<MhnRelatedTopics>(
        html`<mhn-related-topics endpoint=${endpoint} topic=${TOPIC}></mhn-related-topics>`,
      ),
    );
    el.topic = 'life-issues';
    await waitUntil(
      () =>
        $$(el, 'a')
          .map((a) => text(a))
          .join() === 'Emotional Resilience,Self Esteem',
      "the new topic's related topics never showed",
    );
  });

  it('passes an axe audit when loaded, empty and not found', async () => {
    const ok = await loaded(
      await fixture<MhnRelatedTopics>(
        html`<mhn-related-topics endpoint=${endpoint} topic=${TOPIC}></mhn-related-topics>`,
      ),
    );
    await expect(ok).to.be.accessible();
    const empty = await loaded(
      await fixture<MhnRelatedTopics>(
        html`<mhn-related-topics endpoint=${endpoint} topic="sleep-and-rest"></mhn-related-topics>`,
      ),
    );
    await expect(empty).to.be.accessible();
    const missing = await fixture<MhnRelatedTopics>(
      html`<mhn-related-topics endpoint=${endpoint} topic="no-such-topic"></mhn-related-topics>`,
    );
    await waitFor(missing, '[part="not-found"]');
    await expect(missing).to.be.accessible();
  });
});
