// Every widget rendered and operated on a page served with a strict Content-Security-
// Policy that enforces Trusted Types: no violation may be reported.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, openPage } from './helpers.mjs';
import { startPageServer } from './page-server.mjs';

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self'",
  "img-src 'self' https:",
  "style-src 'self'",
  "require-trusted-types-for 'script'",
  'trusted-types mhn-widgets lit-html',
].join('; ');

describe('strict CSP with Trusted Types', () => {
  let server;
  let browser;
  let page;
  let problems;

  before(async () => {
    server = await startPageServer({
      headers: { 'Content-Security-Policy': CSP },
      api: { moderation: false },
    });
    browser = await launchBrowser();
    ({ page, problems } = await openPage(browser));
    page.on('console', (m) => {
      if (/Content Security Policy|Trusted Type/i.test(m.text())) problems.push(m.text());
    });
    await page.goto(`${server.origin}/pages/all-widgets.html`);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const shadowText = (selector) =>
    page.locator(selector).evaluate((el) => el.shadowRoot?.textContent ?? '');

  it('is really enforced: an inline string sink is refused on this page', async () => {
    const refused = await page.evaluate(() => {
      try {
        document.createElement('div').innerHTML = '<b>x</b>';
        return false;
      } catch {
        return true;
      }
    });
    assert.equal(refused, true);
    // That deliberate test violation is not the widgets' doing.
    await page.waitForTimeout(50);
    await page.evaluate(() => (window.__problems.length = 0));
    problems.length = 0;
  });

  it('renders the article body (sanitized HTML) with no violation', async () => {
    await page.locator('mhn-article [part="body"] li').first().waitFor();
    assert.equal(await page.locator('mhn-article [part="body"] li').count(), 3);
    assert.equal(await page.locator('head script[type="application/ld+json"]').count(), 1);
  });

  it('renders every other widget', async () => {
    await page.locator('mhn-comments article, mhn-comments li').first().waitFor();
    await page.locator('mhn-topic [role="tab"]').first().waitFor();
    await page.locator('mhn-related-topics a').first().waitFor();
    await page.locator('mhn-therapist-search input').waitFor();
    await page.locator('mhn-crisis-resources a[href^="tel:"]').first().waitFor();
    await page.locator('mhn-attribution a').first().waitFor();
    assert.match(await shadowText('mhn-related-topics'), /Related Topics/);
  });

  it('operates the widgets: tabs, paging, therapist search and posting a comment', async () => {
    await page.locator('mhn-topic [role="tab"]').nth(1).click();
    await page.locator('mhn-topic [role="tabpanel"]:not([hidden]) a').first().waitFor();
    await page.getByLabel('ZIP or postal code').fill('K1A 0B1');
    await page.getByRole('button', { name: /search/i }).click();
    await page.locator('mhn-therapist-search a[href^="tel:"]').first().waitFor();
    await page.getByLabel('Title', { exact: true }).fill('Written under a strict CSP');
    await page.getByLabel('Comment', { exact: true }).fill('Nothing here should be blocked.');
    await page.getByRole('button', { name: 'Post comment' }).click();
    await page.getByText('Written under a strict CSP').waitFor();
  });

  it('reported no CSP or Trusted Types violation and no error', async () => {
    const recorded = await page.evaluate(() => window.__problems);
    assert.deepEqual([...recorded, ...problems], []);
  });
});
