// The embed configurator on the demo page: operated by keyboard only, and the snippet it
// produces, pasted into a fresh page, really shows the widget.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, openPage, startDemo } from './helpers.mjs';

describe('the embed configurator', () => {
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

  it('builds a working snippet, by keyboard, that renders in a fresh page', async () => {
    const { page, problems } = await openPage(browser);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: demo.origin,
    });
    await page.goto(`${demo.origin}/demo/configurator.html`);
    const widget = page.getByLabel('Widget', { exact: true });
    await widget.locator('option[value="mhn-article"]').waitFor({ state: 'attached' });

    // Keyboard only: focus the widget choice, pick <mhn-article>, then type into "article".
    await widget.focus();
    await widget.selectOption('mhn-article');
    const article = page.getByLabel('article', { exact: true });
    await article.focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('resiliencia-apoyo-social');
    const locale = page.getByLabel('locale', { exact: true });
    await locale.focus();
    await locale.selectOption('es');

    // The live preview follows the form.
    await page.locator('#preview mhn-article [part="heading"]').waitFor();
    const snippet = await page.getByLabel("Paste this into your page's HTML").inputValue();
    assert.match(
      snippet,
      /<script type="module" src="http:\/\/localhost:\d+\/dist\/mhn-widgets\.js"><\/script>/,
    );
    assert.match(snippet, /<mhn-article[^>]* article="resiliencia-apoyo-social"/);
    assert.match(snippet, /locale="es"/);

    // Copy with the keyboard (Tab to the button, Enter).
    await page.getByRole('button', { name: 'Copy snippet' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Copied to the clipboard.').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), snippet);
    assert.deepEqual(problems, []);

    // Paste into a fresh page on another origin, as a partner would.
    const partner = http.createServer((_req, res) =>
      res
        .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
        .end(
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner</title></head><body>${snippet}</body></html>`,
        ),
    );
    await new Promise((resolve) => partner.listen(0, '127.0.0.1', resolve));
    const fresh = await browser.newPage();
    await fresh.goto(`http://127.0.0.1:${partner.address().port}/`);
    const heading = fresh.locator('mhn-article [part="heading"]');
    await heading.waitFor({ timeout: 15_000 });
    assert.ok((await heading.textContent()).length > 0);
    assert.match(await fresh.locator('mhn-article [part="dates"]').textContent(), / de /);
    await fresh.close();
    partner.close();
    await page.close();
  });

  it('offers the per-widget module', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${demo.origin}/demo/configurator.html`);
    await page.getByLabel('Widget', { exact: true }).selectOption('mhn-crisis-resources');
    await page.getByLabel(/Load only this widget/).check();
    const snippet = await page.getByLabel("Paste this into your page's HTML").inputValue();
    assert.match(snippet, /\/dist\/widgets\/mhn-crisis-resources\.js/);
    assert.match(snippet, /<mhn-crisis-resources[^>]*><\/mhn-crisis-resources>/);
    await page.close();
  });
});
