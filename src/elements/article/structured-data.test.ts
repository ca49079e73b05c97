import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './define.js';
import type { MhnArticle } from './mhn-article.js';
import { sharedClient } from '../../core/content-client.js';
import { waitFor } from '../../../test/helpers/dom.js';
import { addArticle, apiUrl } from '../../../test/helpers/server.js';

const SLUG = 'resilience-social-support-benefits';
const blocks = () =>
  [...document.head.querySelectorAll('script[type="application/ld+json"]')] as HTMLScriptElement[];
const parsed = () => blocks().map((s) => JSON.parse(s.textContent!) as Record<string, unknown>);

describe('<mhn-article structured-data>', () => {
  let endpoint: string;
  before(async () => {
    endpoint = await apiUrl();
  });
  beforeEach(() => sharedClient.invalidate());

  it('adds one MedicalWebPage JSON-LD block with the article facts and the publisher', async () => {
    const el = await fixture<MhnArticle>(
      html`<mhn-article endpoint=${endpoint} article=${SLUG} structured-data></mhn-article>`,
    );
    await waitFor(el, '[part="heading"]');
    await waitUntil(() => parsed()[0]?.['publisher'], 'publisher never added');
    const [data] = parsed();
    const article = el.data!;
    expect(blocks()).to.have.length(1);
    expect(data).to.include({
      '@context': 'https://schema.org',
      '@type': 'MedicalWebPage',
      headline: article.title,
      url: article.url,
      dateModified: article.updated,
      lastReviewed: article.reviewed,
    });
    expect(data!['author']).to.deep.equal(
      article.authors.map((a) => ({
        '@type': 'Person',
        name: a.name,
        honorificSuffix: a.credentials,
      })),
    );
    expect(data!['publisher']).to.deep.include({
      '@type': 'Organization',
      name: 'Mental Help Net',
    });
  });

  it('is inserted once for two widgets showing the same article, and removed when both go', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<div>
        <mhn-article endpoint=${endpoint} article=${SLUG} structured-data></mhn-article>
        <mhn-article endpoint=${endpoint} article=${SLUG} structured-data></mhn-article>
      </div>`,
    );
    const [a, b] = [...wrapper.querySelectorAll('mhn-article')] as MhnArticle[];
    await waitFor(a!, '[part="heading"]');
    await waitFor(b!, '[part="heading"]');
    expect(blocks()).to.have.length(1);
    a!.remove();
    expect(blocks()).to.have.length(1);
    b!.remove();
    expect(blocks()).to.have.length(0);
  });

  it('is absent without the attribute and follows a change of article', async () => {
    const el = await fixture<MhnArticle>(
      html`<mhn-article endpoint=${endpoint} article=${SLUG}></mhn-article>`,
    );
    await waitFor(el, '[part="heading"]');
    expect(blocks()).to.have.length(0);
    await addArticle({
      slug: 'second-article',
      title: 'Title with </script><script>window.__xss = 1</script> <!-- & -->',
      url: 'https://publisher.example.org/second',
      authors: [{ name: 'A. Writer' }],
      bodyHtml: '<p>Second.</p>',
    });
    el.structuredData = true;
    el.article = 'second-article';
    await waitUntil(() => parsed()[0]?.['url'] === 'https://publisher.example.org/second');
    expect(blocks()).to.have.length(1);
    expect(parsed()[0]!['headline']).to.equal(
      'Title with </script><script>window.__xss = 1</script> <!-- & -->',
    );
    expect(blocks()[0]!.textContent).to.not.match(/<\/script|<!--|-->/i);
    expect((window as { __xss?: unknown }).__xss).to.equal(undefined);
  });
});
