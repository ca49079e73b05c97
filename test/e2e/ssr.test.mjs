// Server rendering with Lit SSR (@lit-labs/ssr): <mhn-article> rendered in Node emits
// declarative shadow DOM holding its styles and its loading placeholder (reserving its
// space before any script runs). In Chromium, that HTML shows the placeholder; with the
// script-tag bundle the element takes its shadow root over and renders again, and with
// an npm build that loads @lit-labs/ssr-client's hydration support first it hydrates
// (keeps the server's nodes); either way the article shows, with no error.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';
import { buildApp, installPackedPackage, serve } from './framework-apps.mjs';
import { launchBrowser, openPage, startDemo } from './helpers.mjs';

const ARTICLE = 'resilience-social-support-benefits';

/** The article element rendered by Lit SSR, with the package's own (built) modules. */
async function renderArticle(endpoint) {
  await import('../../lib/elements/article/define.js');
  return collectResult(
    render(html`<mhn-article endpoint=${endpoint} article=${ARTICLE}></mhn-article>`),
  );
}

describe('server rendering with @lit-labs/ssr', () => {
  it('renders <mhn-article> as declarative shadow DOM with its loading placeholder', async () => {
    const markup = await renderArticle('https://content.example.org/api/v1');
    const host = /<mhn-article\b[^>]*>/.exec(markup)?.[0];
    assert.ok(host, markup.slice(0, 200));
    assert.match(host, /article="resilience-social-support-benefits"/);
    assert.match(host, /data-theme="light"/);
    // The shadow root, declared in markup: the browser attaches it while parsing.
    assert.match(markup, /<mhn-article[^>]*><template shadowroot="open" shadowrootmode="open">/);
    const shadow = markup.slice(markup.indexOf('<template'), markup.lastIndexOf('</template>'));
    // Its styles come with it (no flash of unstyled content), then the loading state.
    assert.match(shadow, /<style>[\s\S]*:host \{[\s\S]*<\/style>/);
    assert.match(shadow, /<div lang="en">/);
    assert.match(shadow, /part="loading" aria-hidden="true"/);
    assert.match(shadow, /class="skeleton-line/);
    assert.match(shadow, /<p class="visually-hidden" role="status">(<!--[^>]*-->)*Loading…/);
    // Nothing of the loaded state: that needs the network, in the browser.
    assert.doesNotMatch(shadow, /part="heading"|part="body"/);
  });

  describe('in Chromium', () => {
    let demo;
    let browser;
    let hydrateDist;
    let site;
    before(async () => {
      hydrateDist = buildApp(installPackedPackage('ssr-e2e'), 'hydrate');
      demo = await startDemo({ build: false });
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await demo?.stop();
      site?.close();
    });

    it('shows the placeholder from the HTML alone, then the article once the bundle runs', async () => {
      const markup = await renderArticle(`${demo.origin}/api/v1`);
      const { page, problems } = await openPage(browser);
      const url = `${demo.origin}/ssr-page.html`;
      await page.route(url, (route) =>
        route.fulfill({
          contentType: 'text/html; charset=utf-8',
          body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SSR</title></head><body><main>${markup}<p id="after">After the article</p></main></body></html>`,
        }),
      );
      await page.goto(url);

      // Before any script: the declarative shadow root is there, with the placeholder,
      // and the element takes room (what follows it sits below its reserved space).
      const before = await page.evaluate(() => {
        const el = document.querySelector('mhn-article');
        return {
          defined: Boolean(customElements.get('mhn-article')),
          loading: Boolean(el.shadowRoot?.querySelector('[part="loading"]')),
          status: el.shadowRoot?.querySelector('[role="status"]')?.textContent.trim(),
          height: el.getBoundingClientRect().height,
        };
      });
      assert.deepEqual(
        { ...before, height: before.height > 100 },
        { defined: false, loading: true, status: 'Loading…', height: true },
      );

      // Then the bundle: the element upgrades, takes its shadow root over and loads.
      await page.addScriptTag({ type: 'module', url: `${demo.origin}/dist/mhn-widgets.js` });
      const heading = page.locator('mhn-article [part~="heading"]');
      await heading.waitFor({ timeout: 15_000 });
      assert.match(await heading.textContent(), /social support/i);
      assert.equal(await page.locator('mhn-article [part="loading"]').count(), 0);
      assert.deepEqual(problems, []);
      await page.close();
    });

    it('hydrates with @lit-labs/ssr-client: the server nodes stay, then the article shows', async () => {
      const markup = await renderArticle(`${demo.origin}/api/v1`);
      const shell = readFileSync(join(hydrateDist, 'index.html'), 'utf8');
      site = await serve(
        { hydrate: hydrateDist },
        { '/hydrate/': shell.replace('<!--ssr-->', markup) },
      );
      const { page, problems } = await openPage(browser);
      // Hold the page's script, then the article's request, to look in between.
      const held = (pattern) => {
        let release;
        const gate = new Promise((resolve) => (release = resolve));
        void page.route(pattern, async (route) => {
          await gate;
          await route.continue();
        });
        return release;
      };
      const releaseScript = held(`${site.origin}/hydrate/assets/*.js`);
      const releaseArticle = held(`${demo.origin}/api/v1/articles/**`);
      await page.goto(`${site.origin}/hydrate/`, { waitUntil: 'commit' });
      await page.locator('mhn-article [role="status"]').waitFor({ state: 'attached' });
      await page.evaluate(() => {
        const root = document.querySelector('mhn-article').shadowRoot;
        window.serverNodes = [...root.querySelectorAll('[part="loading"], [role="status"]')];
      });

      releaseScript();
      await page.waitForFunction(() => customElements.get('mhn-article'));
      const kept = await page.evaluate(async () => {
        const el = document.querySelector('mhn-article');
        await el.updateComplete;
        return window.serverNodes.map((node) => node.isConnected && node.getRootNode().host === el);
      });
      assert.deepEqual(kept, [true, true]);

      releaseArticle();
      const heading = page.locator('mhn-article [part~="heading"]');
      await heading.waitFor({ timeout: 15_000 });
      assert.match(await heading.textContent(), /social support/i);
      assert.deepEqual(problems, []);
      await page.close();
    });
  });
});
