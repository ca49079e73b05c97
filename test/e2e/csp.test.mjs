// Every element, with every option, rendered and operated on a page served with the
// strict Content-Security-Policy the README documents (Trusted Types enforced, exactly
// the documented policy names): no violation may be reported, and no error logged.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, openPage, root } from './helpers.mjs';
import { startPageServer } from './page-server.mjs';

/** The `trusted-types` directives the README documents, read from the README itself. */
function documentedTrustedTypes() {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const found = [...readme.matchAll(/^\s*(trusted-types [^;`\n]+?)\s*;?\s*$/gm)].map((m) => m[1]);
  assert.ok(found.length >= 1, 'the README documents no trusted-types directive');
  return found;
}

const [TRUSTED_TYPES, TRUSTED_TYPES_TWO_COPIES] = documentedTrustedTypes();

const csp = (trustedTypes) =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "connect-src 'self'",
    "img-src 'self' https:",
    "style-src 'self'",
    "require-trusted-types-for 'script'",
    trustedTypes,
  ].join('; ');

/**
 * Starts a page server with `policy`, opens `page`, and records every problem.
 * `withoutSanitizerApi`: as a browser without the HTML Sanitizer API (the DOMPurify path).
 */
async function openWithCsp(policy, pageName, { withoutSanitizerApi = false } = {}) {
  const server = await startPageServer({
    headers: { 'Content-Security-Policy': csp(policy) },
    api: { moderation: false },
  });
  const browser = await launchBrowser();
  const { page, problems } = await openPage(browser);
  if (withoutSanitizerApi) {
    await page.addInitScript(() => {
      delete Element.prototype.setHTML;
      delete window.Sanitizer;
    });
  }
  const scripts = [];
  page.on('request', (r) => scripts.push(new URL(r.url()).pathname));
  const warnings = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
    if (m.type() !== 'error' && /Content Security Policy|Trusted Type/i.test(m.text())) {
      problems.push(`${m.type()}: ${m.text()}`);
    }
  });
  await page.goto(`${server.origin}/pages/${pageName}`);
  const violations = async () => [...(await page.evaluate(() => window.__problems)), ...problems];
  return { server, browser, page, violations, warnings, scripts };
}

describe('the documented strict CSP', () => {
  it('is exactly the policy names the library creates, no wildcard or duplicates', () => {
    assert.equal(TRUSTED_TYPES, 'trusted-types mhn-widgets lit-html');
  });
});

describe('strict CSP with Trusted Types: every element, every option', () => {
  let ctx;
  const en = (selector) => ctx.page.locator(`#en ${selector}`);
  const es = (selector) => ctx.page.locator(`#es ${selector}`);

  before(async () => {
    ctx = await openWithCsp(TRUSTED_TYPES, 'csp-every-option.html');
  });

  after(async () => {
    await ctx?.browser.close();
    await ctx?.server.close();
  });

  it('renders both articles, with structured data, in English and Spanish', async () => {
    await en('mhn-article [part="body"] li').first().waitFor();
    await es('mhn-article [part="body"] p').first().waitFor();
    assert.equal(await en('mhn-article h3').count(), 1, 'heading-level="3"');
    const head = ctx.page.locator('head script[type="application/ld+json"]');
    await ctx.page.waitForFunction(
      () => document.head.querySelectorAll('script[type="application/ld+json"]').length === 2,
    );
    const blocks = (await head.allTextContents()).map((t) => JSON.parse(t));
    assert.deepEqual(blocks.map((b) => b['@type']).sort(), ['MedicalWebPage', 'MedicalWebPage']);
    assert.deepEqual(blocks.map((b) => b.inLanguage).sort(), ['en', 'es']);
  });

  it('renders every other widget in both languages', async () => {
    for (const scope of [en, es]) {
      await scope('mhn-topic [role="tab"]').first().waitFor();
      await scope('mhn-related-topics a').first().waitFor();
      await scope('mhn-therapist-search input').waitFor();
      await scope('mhn-crisis-resources a[href^="tel:"]').first().waitFor();
      await scope('mhn-attribution a').first().waitFor();
    }
    await ctx.page.locator('#own a[href^="tel:"]').first().waitFor();
    await es('mhn-therapist-search').getByLabel('Código ZIP o postal').waitFor();
  });

  it('pages comments and topic items, switches tabs and sort order', async () => {
    await en('mhn-comments').getByRole('button', { name: 'Load more comments' }).click();
    await en('mhn-comments article').nth(2).waitFor();
    await en('mhn-comments')
      .getByRole('button', { name: /newest/i })
      .click();
    await en('mhn-topic').getByRole('button', { name: 'Load more items' }).click();
    await en('mhn-topic [role="tabpanel"]:not([hidden]) li').nth(10).waitFor();
    await en('mhn-topic [role="tab"]').first().click();
    await en('mhn-topic [role="tabpanel"]:not([hidden]) a').first().waitFor();
    const hrefs = await en('mhn-topic [role="tabpanel"]:not([hidden]) a').evaluateAll((links) =>
      links.map((a) => a.getAttribute('href')),
    );
    assert.ok(
      hrefs.some((h) => /\/read\?a=resilience-/.test(h)),
      `article-href was not used: ${hrefs.join(' ')}`,
    );
    await es('mhn-topic [role="tab"]').nth(1).press('ArrowRight');
  });

  it('searches for therapists in both languages, and pages the results', async () => {
    await en('mhn-therapist-search').getByLabel('ZIP or postal code').fill('K1A 0B1');
    await en('mhn-therapist-search')
      .getByRole('button', { name: /search/i })
      .click();
    await en('mhn-therapist-search a[href^="tel:"]').first().waitFor();
    const therapists = en('mhn-therapist-search li a[href^="tel:"]');
    const shown = await therapists.count();
    await en('mhn-therapist-search').getByRole('button', { name: 'Load more therapists' }).click();
    await therapists.nth(shown).waitFor();
    await es('mhn-therapist-search').getByLabel('Código ZIP o postal').fill('10001');
    await es('mhn-therapist-search').getByRole('button', { name: 'Buscar' }).click();
    await es('mhn-therapist-search a[href^="tel:"]').first().waitFor();
  });

  it('posts a comment in both languages', async () => {
    const form = en('mhn-comments');
    await form.getByLabel('Title', { exact: true }).fill('Written under a strict CSP');
    await form.getByLabel('Comment', { exact: true }).fill('Nothing here should be blocked.');
    await form.getByRole('button', { name: 'Post comment' }).click();
    await form.getByText('Written under a strict CSP').waitFor();
    const formEs = es('mhn-comments');
    await formEs.scrollIntoViewIfNeeded();
    await formEs.getByLabel('Título', { exact: true }).fill('Escrito con una CSP estricta');
    await formEs.getByLabel('Comentario', { exact: true }).fill('Nada debería bloquearse.');
    await formEs.getByRole('button', { name: 'Publicar comentario' }).click();
    await formEs.getByText('Escrito con una CSP estricta').waitFor();
  });

  it('reports a comment as "worried about this person" and shows the crisis lines, in both languages', async () => {
    for (const [scope, name, reason, send] of [
      [en, /^Report comment by /, 'I am worried about this person', 'Send report'],
      [es, /^Denunciar el comentario de /, 'Me preocupa esta persona', 'Enviar denuncia'],
    ]) {
      const comments = scope('mhn-comments');
      await comments.getByRole('button', { name }).first().click();
      await comments.getByLabel(reason).check();
      await comments.getByRole('button', { name: send }).click();
      await scope('mhn-comments [part="report-crisis"] a[href^="tel:"]').first().waitFor();
    }
  });

  it('reported no CSP or Trusted Types violation and no error', async () => {
    assert.deepEqual(await ctx.violations(), []);
  });

  it('is really enforced: an inline string sink is refused on this page', async () => {
    // Last, on purpose: this deliberate violation must not hide the widgets' own.
    const refused = await ctx.page.evaluate(() => {
      try {
        document.createElement('div').innerHTML = '<b>x</b>';
        return false;
      } catch {
        return true;
      }
    });
    assert.equal(refused, true);
  });
});

describe("two different copies of the library, with the documented 'allow-duplicates'", () => {
  let ctx;

  before(async () => {
    ctx = await openWithCsp(TRUSTED_TYPES_TWO_COPIES, 'csp-two-copies.html');
  });

  after(async () => {
    await ctx?.browser.close();
    await ctx?.server.close();
  });

  it('is the same policy names plus allow-duplicates, nothing else', () => {
    assert.equal(TRUSTED_TYPES_TWO_COPIES, "trusted-types mhn-widgets lit-html 'allow-duplicates'");
  });

  it('renders and posts with no violation and no error', async () => {
    await ctx.page.locator('mhn-article [part="body"] li').first().waitFor();
    await ctx.page.locator('head script[type="application/ld+json"]').waitFor({
      state: 'attached',
    });
    await ctx.page.getByLabel('Title', { exact: true }).fill('Two copies, one page');
    await ctx.page.getByLabel('Comment', { exact: true }).fill('Still nothing blocked.');
    await ctx.page.getByRole('button', { name: 'Post comment' }).click();
    await ctx.page.getByText('Two copies, one page').waitFor();
    // The other copies really ran, and stood down.
    assert.ok(
      ctx.warnings.some((w) => w.includes('already defined')),
      ctx.warnings.join('\n'),
    );
    assert.deepEqual(await ctx.violations(), []);
  });
});

describe('strict CSP with Trusted Types, in a browser without the HTML Sanitizer API', () => {
  let ctx;

  before(async () => {
    ctx = await openWithCsp(TRUSTED_TYPES, 'csp-every-option.html', {
      withoutSanitizerApi: true,
    });
  });

  after(async () => {
    await ctx?.browser.close();
    await ctx?.server.close();
  });

  it('cleans both articles with DOMPurify, with no violation and no error', async () => {
    assert.equal(await ctx.page.evaluate(() => 'setHTML' in Element.prototype), false);
    await ctx.page.locator('#en mhn-article [part="body"] li').first().waitFor();
    await ctx.page.locator('#es mhn-article [part="body"] p').first().waitFor();
    await ctx.page.locator('#en mhn-comments article').first().waitFor();
    assert.ok(
      ctx.scripts.some((s) => /\/dist\/chunks\/dompurify-/.test(s)),
      ctx.scripts.join(' '),
    );
    assert.deepEqual(await ctx.violations(), []);
  });
});

for (const withoutSanitizerApi of [false, true]) {
  describe(`a policy that leaves out mhn-widgets (${withoutSanitizerApi ? 'DOMPurify' : 'Sanitizer API'})`, () => {
    let ctx;

    before(async () => {
      ctx = await openWithCsp('trusted-types lit-html', 'article-structured-data.html', {
        withoutSanitizerApi,
      });
    });

    after(async () => {
      await ctx?.browser.close();
      await ctx?.server.close();
    });

    it(`shows the article ${withoutSanitizerApi ? 'as plain text' : 'cleaned by the browser (no policy needed)'}, leaves out the structured data, reports one refusal`, async () => {
      const body = ctx.page.locator('mhn-article [part="body"]');
      await body.waitFor();
      // Everything fetched (the site, for the structured data, included) and rendered.
      await ctx.page.waitForLoadState('networkidle');
      await ctx.page.waitForFunction(() => window.__problems.length > 0);
      assert.match(await body.textContent(), /Feeling good does more than lift a mood/);
      // DOMPurify's parser needs the policy: without it, the words only. setHTML is no
      // Trusted Types sink: the browser's sanitizer still shows the cleaned markup.
      assert.equal((await body.locator('p, li').count()) > 0, !withoutSanitizerApi);
      assert.equal(await ctx.page.locator('head script[type="application/ld+json"]').count(), 0);
      assert.deepEqual(await ctx.page.evaluate(() => window.__problems), [
        'CSP violation: trusted-types (trusted-types-policy) mhn-widgets',
      ]);
      assert.ok(ctx.warnings.some((w) => w.includes('trusted-types mhn-widgets lit-html')));
    });
  });
}
