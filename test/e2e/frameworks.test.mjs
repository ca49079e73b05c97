// The package as a React 19 and a Vue 3 partner get it: `npm pack`, unpacked into a
// build folder's node_modules (its dependencies — lit, react, vue… — resolve from this
// repository's node_modules, the registry packages of its lockfile), the apps in
// test/e2e/frameworks/ type-checked as their templates do (`tsc -b`, `vue-tsc`) and built
// once with Vite, then driven in Chromium against the reference Content API:
// attributes, properties, events, and changing the article.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildApp, installPackedPackage, serve } from './framework-apps.mjs';
import { launchBrowser, openPage, startDemo } from './helpers.mjs';

describe('React 19 and Vue 3 apps built with Vite from the packed package', () => {
  let demo;
  let browser;
  let site;

  before(async () => {
    const work = installPackedPackage('frameworks-e2e');
    const react = buildApp(work, 'react', ['tsc', '-b']);
    const vue = buildApp(work, 'vue', ['vue-tsc', '--noEmit']);
    site = await serve({ react, vue });
    demo = await startDemo({ build: false });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
    site?.close();
  });

  for (const app of ['react', 'vue']) {
    it(`${app}: attributes, properties and events work, and a new article re-renders`, async () => {
      const { page, problems } = await openPage(browser);
      await page.goto(`${site.origin}/${app}/?api=${encodeURIComponent(`${demo.origin}/api/v1`)}`);

      // Attributes: the article's slug and heading level; the provider's endpoint.
      const heading = page.locator('mhn-article h3[part~="heading"]');
      await heading.waitFor({ timeout: 15_000 });
      const first = (await heading.textContent()).trim();
      assert.match(first, /social support/i);

      // Properties: page size and order reached the comments element.
      const comments = page.locator('mhn-comments');
      await comments.locator('[part~="comment"]').first().waitFor({ timeout: 15_000 });
      assert.deepEqual(await comments.evaluate((el) => [el.pageSize, el.sort]), [2, 'oldest']);
      assert.ok((await comments.locator('[part~="comment"]').count()) <= 2);

      // Events: mhn-load reached the app's handlers, with the typed detail.
      await page.waitForFunction(() => window.seen.some((s) => s.startsWith('comments loaded')));
      const seen = await page.evaluate(() => window.seen);
      assert.ok(seen.includes(`article loaded: ${first}`), seen.join('\n'));

      // Changing the article re-renders the widget with the new content.
      await page.getByRole('button', { name: 'Next article' }).click();
      await page.waitForFunction(
        (title) => {
          const h = document.querySelector('mhn-article')?.shadowRoot?.querySelector('h3');
          return h && h.textContent.trim() !== title && !h.closest('[aria-busy="true"]');
        },
        first,
        { timeout: 15_000 },
      );
      const second = (await heading.textContent()).trim();
      assert.notEqual(second, first);
      await page.waitForFunction((t) => window.seen.includes(`article loaded: ${t}`), second);
      assert.deepEqual(problems, []);
      await page.close();
    });
  }
});
