// End to end: the README's `npm start` serves the demo page, whose one script tag (the
// built bundle) renders the article from the reference Content API.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, openPage, startDemo } from './helpers.mjs';

describe('the demo page from npm start', () => {
  let demo;
  let browser;

  before(async () => {
    demo = await startDemo({ build: false });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it('shows the article through the script-tag bundle', async () => {
    const { page, problems } = await openPage(browser);
    await page.goto(`${demo.origin}/`);
    const heading = page.locator('mhn-article h1');
    await heading.waitFor({ timeout: 15_000 });
    assert.equal(await heading.textContent(), 'Resilience: Social Support Benefits');
    const items = await page.locator('mhn-article [part="body"] li').count();
    assert.equal(items, 3);
    const scripts = await page.evaluate(() =>
      [...document.scripts].map((s) => new URL(s.src || location.href).pathname),
    );
    assert.ok(scripts.includes('/dist/mhn-widgets.js'));
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('has a Spanish page whose widgets follow <html lang="es">', async () => {
    const { page, problems } = await openPage(browser);
    await page.goto(`${demo.origin}/demo/es.html`);
    const heading = page.locator('mhn-article h1');
    await heading.waitFor({ timeout: 15_000 });
    assert.match(await page.locator('mhn-article [part="dates"]').textContent(), / de /);
    await page.getByLabel('Código ZIP o postal').waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('survives the bundle being loaded twice on one page', async () => {
    const { page, problems } = await openPage(browser);
    await page.goto(`${demo.origin}/`);
    await page.locator('mhn-article h1').waitFor({ timeout: 15_000 });
    const requested = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    // A second copy of the loader, from another URL: it finds every element already
    // defined, and its chunks resolve to the same files, so nothing loads or runs twice.
    await page.evaluate(
      (src) =>
        new Promise((resolve, reject) => {
          const script = document.createElement('script');
          script.type = 'module';
          script.src = src;
          script.onload = resolve;
          script.onerror = reject;
          document.head.append(script);
        }),
      `${demo.origin}/dist/mhn-widgets.js?copy=2`,
    );
    await page.evaluate(() => {
      const comments = document.createElement('mhn-comments');
      comments.setAttribute('article', 'resilience-social-support-benefits');
      document.body.append(comments);
      return customElements.whenDefined('mhn-comments');
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(
      requested.filter((p) => p.startsWith('/dist/')),
      ['/dist/mhn-widgets.js'],
    );
    assert.equal(await page.locator('mhn-article h1').count(), 1);
    await page.close();
  });
});
