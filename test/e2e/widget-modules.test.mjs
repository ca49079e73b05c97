// Per-widget modules, loaded by a page with a plain script tag: a page with only the
// comments widget never downloads the HTML sanitizer; the article's page does.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, openPage } from './helpers.mjs';
import { startPageServer } from './page-server.mjs';

describe('per-widget modules', () => {
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

  async function load(page, selector) {
    const { page: tab, problems } = await openPage(browser);
    const scripts = [];
    tab.on(
      'request',
      (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname),
    );
    await tab.goto(`${server.origin}/pages/${page}`);
    await tab.locator(selector).first().waitFor();
    await tab.close();
    return { scripts, problems };
  }

  it('a comments-only page renders without fetching the sanitizer chunk', async () => {
    const { scripts, problems } = await load('comments-only.html', 'mhn-comments article');
    assert.ok(scripts.includes('/dist/widgets/mhn-comments.js'));
    assert.ok(scripts.some((s) => /\/chunks\/core-/.test(s)));
    assert.deepEqual(
      scripts.filter((s) => /sanitizer/.test(s)),
      [],
    );
    assert.deepEqual(problems, []);
  });

  it('an article page fetches the sanitizer chunk and renders the body', async () => {
    const { scripts, problems } = await load('article-only.html', 'mhn-article [part="body"] li');
    assert.equal(scripts.filter((s) => /\/chunks\/sanitizer-/.test(s)).length, 1);
    assert.deepEqual(problems, []);
  });
});
