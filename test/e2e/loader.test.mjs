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
});
