// The embed configurator on the demo page: operated by keyboard only, and the snippet it
// produces, pasted into a fresh page, really shows the widgets; enumerated attributes are
// selects built from the manifest, units are the attribute's, and several widgets make
// one script tag and one <mhn-provider>.
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
    const articleBox = page.getByLabel('<mhn-article>', { exact: true });
    await articleBox.waitFor();
    assert.equal(await articleBox.isChecked(), true);

    // Keyboard only: type into the article's "article" field, pick the shared locale.
    const fields = page.getByRole('group', { name: '<mhn-article>' });
    const article = fields.getByLabel('article', { exact: true });
    await article.focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('resiliencia-apoyo-social');
    const locale = page.getByRole('group', { name: /Shared settings/ }).getByLabel('locale');
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
    assert.match(snippet, /<mhn-provider endpoint="[^"]+" locale="es">/);

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
    await page.getByLabel('<mhn-article>', { exact: true }).uncheck();
    await page.getByLabel('<mhn-crisis-resources>', { exact: true }).check();
    await page.getByLabel(/Load only these widgets/).check();
    const snippet = await page.getByLabel("Paste this into your page's HTML").inputValue();
    assert.match(snippet, /\/dist\/widgets\/mhn-crisis-resources\.js/);
    assert.match(snippet, /<mhn-crisis-resources[^>]*><\/mhn-crisis-resources>/);
    await page.close();
  });

  it('makes selects of enumerated attributes from the manifest, in their units', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${demo.origin}/demo/configurator.html`);
    await page.getByLabel('<mhn-comments>', { exact: true }).check();
    await page.getByLabel('<mhn-crisis-resources>', { exact: true }).check();
    await page.getByLabel('<mhn-therapist-search>', { exact: true }).check();
    const options = (group, name) =>
      page
        .getByRole('group', { name: group })
        .getByLabel(name, { exact: true })
        .locator('option')
        .allTextContents();
    assert.deepEqual(await options('<mhn-comments>', 'sort'), [
      '(default: newest)',
      'newest',
      'oldest',
    ]);
    assert.deepEqual(await options('<mhn-comments>', 'loading'), [
      '(default: lazy)',
      'lazy',
      'eager',
    ]);
    assert.deepEqual(await options('<mhn-comments>', 'heading-level'), [
      '(default: 2)',
      ...['1', '2', '3', '4', '5'],
    ]);
    assert.deepEqual(await options('<mhn-article>', 'heading-level'), [
      '(default: 2)',
      ...['1', '2', '3', '4', '5', '6'],
    ]);
    assert.deepEqual(await options('<mhn-crisis-resources>', 'country'), ['(default)', 'US', 'CA']);
    assert.deepEqual(await options(/Shared settings/, 'theme'), [
      '(default)',
      'light',
      'dark',
      'auto',
    ]);

    // The radius is in km, as the attribute is: 25 chosen → "25 km" and radius="25".
    const radius = page
      .getByRole('group', { name: '<mhn-therapist-search>' })
      .getByLabel('radius (km)');
    assert.ok((await radius.locator('option').allTextContents()).includes('25 km'));
    await radius.selectOption('25');
    assert.equal(await radius.locator('option:checked').textContent(), '25 km');
    const snippet = await page.getByLabel("Paste this into your page's HTML").inputValue();
    assert.match(snippet, /<mhn-therapist-search radius="25"><\/mhn-therapist-search>/);
    await page.close();
  });

  it('wraps several widgets in ONE script tag and ONE <mhn-provider>, and they render', async () => {
    const { page, problems } = await openPage(browser);
    await page.goto(`${demo.origin}/demo/configurator.html`);
    await page.getByLabel('<mhn-comments>', { exact: true }).check();
    const comments = page.getByRole('group', { name: '<mhn-comments>' });
    await comments
      .getByLabel('article', { exact: true })
      .fill('resilience-social-support-benefits');
    await comments.getByLabel('sort', { exact: true }).selectOption('oldest');
    const snippet = await page.getByLabel("Paste this into your page's HTML").inputValue();
    assert.equal(snippet.match(/<script\b/g).length, 1);
    assert.equal(snippet.match(/<mhn-provider\b/g).length, 1);
    assert.match(
      snippet,
      /<mhn-provider endpoint="http:\/\/localhost:\d+\/api\/v1">\n {2}<mhn-article article="resilience-social-support-benefits"><\/mhn-article>\n {2}<mhn-comments article="resilience-social-support-benefits" sort="oldest"><\/mhn-comments>\n<\/mhn-provider>/,
    );
    assert.doesNotMatch(snippet, /<mhn-(article|comments)[^>]*endpoint=/);

    // "Only these widgets": still one script tag, importing each widget's module.
    await page.getByLabel(/Load only these widgets/).check();
    const single = await page.getByLabel("Paste this into your page's HTML").inputValue();
    assert.equal(single.match(/<script\b/g).length, 1);
    assert.match(single, /import '[^']+\/dist\/widgets\/mhn-article\.js';/);
    assert.match(single, /import '[^']+\/dist\/widgets\/mhn-comments\.js';/);

    // Both render in the live preview, inside the one provider.
    await page.locator('#preview mhn-provider > mhn-article [part="heading"]').waitFor();
    await page.locator('#preview mhn-provider > mhn-comments [part~="comment"]').first().waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  });
});
