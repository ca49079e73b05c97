// The script-tag loader (dist/mhn-widgets.js): a page fetches the modules of the widgets
// it shows, and no others; DOMPurify only where the browser has no HTML Sanitizer API,
// and then together with the article's API request, never after it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, openPage } from './helpers.mjs';
import { startPageServer } from './page-server.mjs';

const ARTICLE_API = '/api/v1/articles/resilience-social-support-benefits';

describe('the script-tag loader', () => {
  let server;
  let browser;

  before(async () => {
    server = await startPageServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens `page`, recording the path of every script it requests. */
  async function open(pageName, { withoutSanitizerApi = false } = {}) {
    const { page, problems } = await openPage(browser);
    if (withoutSanitizerApi) {
      // A browser without the HTML Sanitizer API (older Safari, for one).
      await page.addInitScript(() => {
        delete Element.prototype.setHTML;
        delete window.Sanitizer;
      });
    }
    const scripts = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    return { page, problems, scripts };
  }

  it('has the Sanitizer API in this Chromium (else the next test proves nothing)', async () => {
    const { page } = await open('loader-article-only.html');
    await page.goto(`${server.origin}/pages/loader-article-only.html`);
    assert.equal(await page.evaluate(() => typeof Element.prototype.setHTML === 'function'), true);
    await page.close();
  });

  it('an article-only page fetches the article chunk and the core, nothing else', async () => {
    const { page, problems, scripts } = await open('loader-article-only.html');
    await page.goto(`${server.origin}/pages/loader-article-only.html`);
    await page.locator('mhn-article [part="body"] li').first().waitFor();
    assert.equal(await page.locator('mhn-article [part="body"] li').count(), 3);
    const chunks = scripts.filter((s) => s.startsWith('/dist/chunks/'));
    assert.ok(
      chunks.some((s) => /\/mhn-article-/.test(s)),
      scripts.join(' '),
    );
    assert.ok(
      chunks.some((s) => /\/core-/.test(s)),
      scripts.join(' '),
    );
    assert.deepEqual(
      chunks.filter((s) => !/\/(mhn-article|core)-[\w-]+\.js$/.test(s)),
      [],
      'no other widget module and no DOMPurify',
    );
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('without the Sanitizer API, fetches DOMPurify while the article request is still open', async () => {
    const { page, problems, scripts } = await open('loader-article-only.html', {
      withoutSanitizerApi: true,
    });
    // Hold the article's response until DOMPurify has been requested: a loader that only
    // asked for DOMPurify after the article arrived would never show the article.
    let purifyRequested;
    const purify = new Promise((resolve) => (purifyRequested = resolve));
    page.on('request', (r) => /\/chunks\/dompurify-/.test(r.url()) && purifyRequested());
    let articleHeld = false;
    await page.route(
      (url) => url.pathname === ARTICLE_API,
      async (route) => {
        articleHeld = true;
        await purify;
        await route.continue();
      },
    );
    await page.goto(`${server.origin}/pages/loader-article-only.html`);
    await page.locator('mhn-article [part="body"] li').first().waitFor();
    assert.equal(articleHeld, true);
    assert.equal(await page.locator('mhn-article [part="body"] li').count(), 3);
    assert.equal(scripts.filter((s) => /\/chunks\/dompurify-/.test(s)).length, 1);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('loads widgets added later, inside a provider (single-page apps)', async () => {
    const { page, problems, scripts } = await open('loader-later.html');
    await page.goto(`${server.origin}/pages/loader-later.html`);
    await page.getByRole('button', { name: 'Show the article' }).waitFor();
    assert.deepEqual(
      scripts.filter((s) => s.startsWith('/dist/chunks/')),
      [],
      'nothing is fetched before a widget is on the page',
    );
    await page.getByRole('button', { name: 'Show the article' }).click();
    await page.locator('mhn-article [part="body"] li').first().waitFor();
    await page.locator('mhn-comments article').first().waitFor();
    assert.ok(scripts.some((s) => /\/chunks\/mhn-comments-/.test(s)));
    assert.deepEqual(problems, []);
    await page.close();
  });

  /** Each widget's height on loader-room.html, `${tag} at ${width}px` → px. */
  const heights = (page) =>
    page.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll('.column > *')].map((el) => [
          `<${el.localName}> at ${el.parentElement.dataset.width}px`,
          el.getBoundingClientRect().height,
        ]),
      ),
    );

  it('before a module defines its element, the element holds its loading placeholder’s room', async () => {
    // A partner page may reserve nothing: an undefined element is inline and empty, so
    // without the loader's room the page would move as each module arrives. First the
    // room of undefined elements (no module arrives), then the placeholders (no API answer).
    const { page: undefinedPage, problems } = await open('loader-room.html');
    await undefinedPage.route('**/dist/chunks/**', () => undefined);
    await undefinedPage.goto(`${server.origin}/pages/loader-room.html`);
    await undefinedPage.waitForFunction(() => document.adoptedStyleSheets.length > 0);
    assert.equal(
      await undefinedPage.evaluate(() => document.querySelectorAll(':defined[class]').length),
      2,
    );
    assert.equal(
      await undefinedPage.evaluate(() => !!document.querySelector('mhn-article:defined')),
      false,
    );
    const before = await heights(undefinedPage);
    assert.deepEqual(problems, []);
    await undefinedPage.close();

    const { page } = await open('loader-room.html');
    await page.route('**/api/v1/**', () => undefined);
    await page.goto(`${server.origin}/pages/loader-room.html`);
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.column > *')].every(
        (el) =>
          el.matches(':defined') &&
          el.shadowRoot?.querySelector(
            el.localName === 'mhn-therapist-search' ? 'form' : '[part="loading"], .skeleton-line',
          ),
      ),
    );
    const placeholders = await heights(page);
    await page.close();

    assert.equal(Object.keys(before).length, 14);
    for (const [widget, height] of Object.entries(placeholders)) {
      assert.ok(height > 100, `${widget}: placeholder ${height}px`);
      // Within 3% (the undefined element wraps its stand-in prose as the placeholder does).
      assert.ok(
        Math.abs(before[widget] - height) <= height * 0.03,
        `${widget}: ${before[widget]}px before the module, ${height}px placeholder`,
      );
    }
  });

  it('leaves a widget the page reserves room for to the page', async () => {
    const { page, problems } = await open('loader-reserved.html');
    await page.route('**/dist/chunks/**', () => undefined);
    await page.goto(`${server.origin}/pages/loader-reserved.html`);
    await page.waitForFunction(() => document.adoptedStyleSheets.length > 0);
    const height = (tag) =>
      page.evaluate((t) => document.querySelector(t).getBoundingClientRect().height, tag);
    // The page's min-height alone (the loader's stand-in would make it taller at 320 px).
    assert.equal(await height('mhn-article'), 500);
    // A widget the page says nothing about still gets the loader's room.
    assert.ok(Math.abs((await height('mhn-related-topics')) - 123) < 4);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('a widget whose module fails to load gives its room back', async () => {
    const { page } = await open('loader-room.html');
    await page.route('**/dist/chunks/mhn-attribution-*', (route) => route.abort());
    await page.route('**/api/v1/**', () => undefined);
    await page.goto(`${server.origin}/pages/loader-room.html`);
    await page.locator('mhn-article [part="loading"]').first().waitFor();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('mhn-attribution')].every(
        (el) => el.getBoundingClientRect().height === 0,
      ),
    );
    assert.equal(
      await page.evaluate(() => !!document.querySelector('mhn-attribution:defined')),
      false,
    );
    // The others still hold theirs.
    assert.ok((await heights(page))['<mhn-related-topics> at 320px'] > 100);
    await page.close();
  });
});
