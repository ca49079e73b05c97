import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../src/index.js';
import type { MhnArticle } from '../src/elements/article/mhn-article.js';
import type { MhnTopic } from '../src/elements/topic/mhn-topic.js';
import { waitFor } from './helpers/dom.js';
import { serverStats, useReferenceServer } from './helpers/server.js';

/**
 * Slugs and ids are data: whatever they contain, a widget asks for exactly that resource
 * (or, for `.`/`..`, which no URL path can carry, for nothing), never for another one.
 */
describe('path segments in API URLs', () => {
  let endpoint = '';
  useReferenceServer((url) => (endpoint = url));

  let requested: string[] = [];
  const realFetch = window.fetch;
  beforeEach(() => {
    requested = [];
    window.fetch = (input, init) => {
      requested.push(String(input instanceof Request ? input.url : input));
      return realFetch(input, init);
    };
  });
  afterEach(() => {
    window.fetch = realFetch;
  });

  const relative = () =>
    requested.map((u) => new URL(u).pathname.slice(new URL(endpoint).pathname.length));

  for (const slug of ['..', '.']) {
    it(`an article "${slug}" shows not found and requests nothing (not the articles list or the API root)`, async () => {
      const el = await fixture<MhnArticle>(
        html`<mhn-article endpoint=${endpoint} article=${slug}></mhn-article>`,
      );
      const notFound = await waitFor(el, '[part="not-found"]');
      expect(notFound.textContent).to.contain('not available');
      expect(relative()).to.deep.equal([]);
      expect((await serverStats()).requests).to.equal(0);
    });
  }

  for (const [slug, path] of [
    ['a/b', '/articles/a%2Fb'],
    ['%2F', '/articles/%252F'],
    ['../site', '/articles/..%2Fsite'],
  ] as const) {
    it(`an article "${slug}" requests exactly ${path} and shows not found`, async () => {
      const el = await fixture<MhnArticle>(
        html`<mhn-article endpoint=${endpoint} article=${slug}></mhn-article>`,
      );
      await waitFor(el, '[part="not-found"]');
      expect(relative()).to.deep.equal([path]);
      expect((await serverStats()).byPath).to.deep.equal({ [path]: 1 });
    });
  }

  it('comments for article ".." show not found without asking for the parent', async () => {
    const el = await fixture(
      html`<mhn-comments endpoint=${endpoint} article=".." loading="eager"></mhn-comments>`,
    );
    await waitUntil(() => el.shadowRoot?.textContent?.includes('not available'));
    // The site (for the forums link) only: no article, comments list or parent.
    expect(relative().filter((p) => p !== '/site')).to.deep.equal([]);
  });

  it('a topic ".." shows not found without asking for the topic list', async () => {
    const el = await fixture<MhnTopic>(
      html`<mhn-topic endpoint=${endpoint} topic=".."></mhn-topic>`,
    );
    await waitFor(el, '[part="not-found"], .state');
    expect(el.shadowRoot!.textContent).to.contain('not available');
    expect(relative()).to.deep.equal([]);
  });

  it('a section attribute ".." only picks a tab: the first section is shown, nothing else asked', async () => {
    const el = await fixture<MhnTopic>(
      html`<mhn-topic endpoint=${endpoint} topic="emotional-resilience" section=".."></mhn-topic>`,
    );
    await waitFor(el, '[role="tabpanel"]:not([hidden]) li');
    expect(relative()).to.deep.equal([
      '/topics/emotional-resilience',
      '/topics/emotional-resilience/sections/basic',
    ]);
  });

  it('section ids from the API (".." and "a/b") are requested as data, never the topic itself', async () => {
    // A topic whose sections have awkward ids, served in place of the real one.
    const topicUrl = `${endpoint}/topics/emotional-resilience`;
    const real = (await (await realFetch(topicUrl)).json()) as Record<string, unknown>;
    const dotted = {
      ...real,
      sections: [
        { id: 'a/b', title: 'Slash' },
        { id: '..', title: 'Dots' },
      ],
    };
    window.fetch = (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      requested.push(url);
      if (url === topicUrl) {
        return Promise.resolve(
          new Response(JSON.stringify(dotted), {
            headers: { 'Content-Type': 'application/json' },
          }),
        );
      }
      return realFetch(input, init);
    };
    const el = await fixture<MhnTopic>(
      html`<mhn-topic endpoint=${endpoint} topic="emotional-resilience"></mhn-topic>`,
    );
    await waitFor(el, '[role="tab"]');
    await waitFor(el, '[role="tabpanel"]:not([hidden]) [role="alert"]');
    expect(relative()).to.deep.equal([
      '/topics/emotional-resilience',
      '/topics/emotional-resilience/sections/a%2Fb',
    ]);
    const error = oneEvent(el, 'mhn-error');
    el.shadowRoot!.querySelectorAll<HTMLElement>('[role="tab"]')[1]!.click();
    expect((await error).detail.error.code).to.equal('not_found');
    // Neither the topic (what "sections/.." resolves to) nor the sections list was asked for.
    expect(relative()).to.deep.equal([
      '/topics/emotional-resilience',
      '/topics/emotional-resilience/sections/a%2Fb',
    ]);
  });
});
