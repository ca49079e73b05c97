/**
 * A server-rendered element (Lit SSR: a declarative shadow root holding its loading
 * state) upgraded by the client without Lit's hydration support renders afresh: the
 * server's placeholder is gone once the content shows, never left beside it.
 * (test/e2e/ssr.test.mjs renders with @lit-labs/ssr itself, and hydrates.)
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../src/elements/provider/define.js';
import '../src/elements/article/define.js';
import { sharedClient } from '../src/core/content-client.js';
import { waitFor } from './helpers/dom.js';
import { apiUrl } from './helpers/server.js';
import { ARTICLE } from './helpers/widgets.js';

/** Parses `markup` as the HTML parser does for a page: declarative shadow roots attach. */
function parse(markup: string): HTMLElement {
  const box = document.createElement('div');
  (box as HTMLElement & { setHTMLUnsafe(html: string): void }).setHTMLUnsafe(markup);
  return box;
}

const SERVER_PLACEHOLDER =
  '<template shadowrootmode="open"><div part="loading" data-from="server">Loading…</div></template>';

describe('a server-rendered (declarative) shadow root', () => {
  let endpoint: string;
  before(async () => {
    endpoint = await apiUrl();
  });
  beforeEach(() => sharedClient.invalidate());

  it('is replaced by the client render of <mhn-article>', async () => {
    const box = parse(
      `<mhn-article endpoint="${endpoint}" article="${ARTICLE}">${SERVER_PLACEHOLDER}</mhn-article>`,
    );
    const article = box.querySelector('mhn-article')!;
    expect(article.shadowRoot?.querySelector('[data-from="server"]')).to.exist;
    const host = await fixture<HTMLElement>(html`<div></div>`);
    host.append(box);
    await waitFor(article, '[part~="heading"]');
    expect(article.shadowRoot!.querySelector('[data-from="server"]')).to.equal(null);
    expect(article.shadowRoot!.querySelectorAll('[part="loading"]')).to.have.length(0);
  });

  it('is replaced by the client render of <mhn-provider>', async () => {
    const box = parse(
      `<mhn-provider endpoint="${endpoint}"><template shadowrootmode="open"><slot></slot></template><p>inside</p></mhn-provider>`,
    );
    const provider = box.querySelector('mhn-provider')!;
    const host = await fixture<HTMLElement>(html`<div></div>`);
    host.append(box);
    await (provider as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect(provider.shadowRoot!.querySelectorAll('slot')).to.have.length(1);
  });
});
