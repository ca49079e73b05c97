/**
 * Enumerated attributes (`sort`, `loading`, `theme`, `country`): an unknown value logs
 * ONE console warning that names the allowed values, and the widget goes on with its
 * default; a known value, or none, logs nothing.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../src/elements/provider/define.js';
import '../src/elements/comments/define.js';
import '../src/elements/crisis-resources/define.js';
import '../src/elements/article/define.js';
import { sharedClient } from '../src/core/content-client.js';
import type { MhnComments } from '../src/elements/comments/mhn-comments.js';
import { captureWarnings, waitFor } from './helpers/dom.js';
import { apiUrl } from './helpers/server.js';
import { ARTICLE } from './helpers/widgets.js';

describe('enumerated attributes', () => {
  let endpoint: string;
  before(async () => {
    endpoint = await apiUrl();
  });
  beforeEach(() => sharedClient.invalidate());

  it('sort="popular": one warning naming "newest" and "oldest", then the default order', async () => {
    const warnings = captureWarnings();
    try {
      const el = await fixture<MhnComments>(
        html`<mhn-comments
          endpoint=${endpoint}
          article=${ARTICLE}
          sort="popular"
          loading="eager"
        ></mhn-comments>`,
      );
      const pressed = await waitFor(el, '[part~="sort-button"][aria-pressed="true"]');
      expect(pressed.textContent!.trim()).to.equal('Newest first');
      // More renders (the thread arriving, a new page size) do not repeat it.
      el.pageSize = 5;
      await el.updateComplete;
      const mine = warnings.messages.filter((m) => m.includes('sort='));
      expect(mine).to.have.length(1);
      expect(mine[0]).to.contain('<mhn-comments>');
      expect(mine[0]).to.contain('sort="popular"');
      expect(mine[0]).to.contain('"newest", "oldest"');
    } finally {
      warnings.restore();
    }
  });

  it('loading, theme and country: each unknown value warns once with its allowed values', async () => {
    const warnings = captureWarnings();
    try {
      const comments = await fixture<MhnComments>(
        html`<mhn-comments endpoint=${endpoint} article=${ARTICLE} loading="soon"></mhn-comments>`,
      );
      const crisis = await fixture(
        html`<mhn-crisis-resources endpoint=${endpoint} country="Canada"></mhn-crisis-resources>`,
      );
      const article = await fixture(
        html`<mhn-article endpoint=${endpoint} article=${ARTICLE} theme="blue"></mhn-article>`,
      );
      expect(comments.isConnected && crisis.isConnected && article.isConnected).to.equal(true);
      const about = (text: string) => warnings.messages.filter((m) => m.includes(text));
      expect(about('loading="soon"')).to.have.length(1);
      expect(about('loading="soon"')[0]).to.contain('"lazy", "eager"');
      expect(about('country="Canada"')).to.have.length(1);
      expect(about('country="Canada"')[0]).to.contain('"US", "CA"');
      expect(about('theme="blue"')).to.have.length(1);
      expect(about('theme="blue"')[0]).to.contain('"light", "dark", "auto"');
      // The default theme is in force.
      expect(article.getAttribute('data-theme')).to.equal('light');
    } finally {
      warnings.restore();
    }
  });

  it('a value set later is checked too; known values (any case for country) and none warn nothing', async () => {
    const warnings = captureWarnings();
    try {
      const el = await fixture<MhnComments>(
        html`<mhn-comments endpoint=${endpoint} article=${ARTICLE} sort="oldest"></mhn-comments>`,
      );
      await fixture(
        html`<mhn-crisis-resources endpoint=${endpoint} country="ca"></mhn-crisis-resources>`,
      );
      await fixture(html`<mhn-article endpoint=${endpoint} article=${ARTICLE}></mhn-article>`);
      expect(warnings.messages).to.deep.equal([]);
      el.setAttribute('sort', 'best');
      await el.updateComplete;
      expect(warnings.messages.filter((m) => m.includes('sort="best"'))).to.have.length(1);
    } finally {
      warnings.restore();
    }
  });
});
