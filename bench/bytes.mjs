// 7. What a page downloads for its widgets: every script the browser fetched from /dist/
// while a page with the article and its comments, and one with all eight widgets, loaded
// until the network was idle. Each fetched body is gzipped (level 9) on its own, as a
// server that compresses would send it (the reference server sends files uncompressed,
// so the bytes on the wire here are the raw ones).
//
// Measured in a browser with the HTML Sanitizer API (Element.prototype.setHTML), where
// the widgets need no sanitizer of their own, and again with the API turned off
// (--disable-blink-features=SanitizerAPI): whatever the second browser fetched beyond
// the first is the DOMPurify fallback, counted separately.
import { gzipSync } from 'node:zlib';
import { launchBrowser, openUntilIdle, withPage } from './browser.mjs';

export const PAGES = [
  { id: 'articleComments', name: 'article + comments', url: '/bench/pages/article-comments.html' },
  { id: 'all', name: 'all eight widgets', url: '/bench/pages/all-widgets.html' },
];
const WITHOUT_SANITIZER_API = '--disable-blink-features=SanitizerAPI';
const WITH_SANITIZER_API = '--enable-blink-features=SanitizerAPI';
const LOADED = ['mhn-article', 'mhn-comments'];

/** Whether the page's browser has the HTML Sanitizer API the widgets can use. */
const hasSanitizerApi = (page) =>
  page.evaluate(
    () => typeof Element.prototype.setHTML === 'function' && typeof window.Sanitizer === 'function',
  );

/** The scripts a page fetched from /dist/, each with its raw and gzip size. */
function scriptsOf(browser, origin, url) {
  return withPage(browser, {}, async (page) => {
    const pending = [];
    page.on('response', (response) => {
      const { pathname, origin: from } = new URL(response.url());
      if (from !== origin || !pathname.startsWith('/dist/') || !pathname.endsWith('.js')) return;
      pending.push(
        response.body().then((body) => ({
          file: pathname.slice('/dist/'.length),
          raw: body.length,
          gzip: gzipSync(body, { level: 9 }).length,
        })),
      );
    });
    const idle = await openUntilIdle(page, `${origin}${url}`);
    // The article and the comments have shown (mhn-load), so every file they need is in.
    await page.waitForFunction(
      (tags) => tags.every((tag) => window.__bench.loads.some((l) => l.tag === tag)),
      LOADED,
      { timeout: 15_000 },
    );
    const sanitizerApi = await hasSanitizerApi(page);
    if (page.errors.length) throw new Error(`${url}: ${page.errors.join('; ')}`);
    const files = (await Promise.all(pending)).sort((a, b) => a.file.localeCompare(b.file));
    return { idle, sanitizerApi, files };
  });
}

const sum = (files, key) => files.reduce((total, f) => total + f[key], 0);

/**
 * @returns {Promise<{ sanitizerApi: string, pages: Array<{ id: string, name: string,
 *   files: object[], raw: number, gzip: number, fallback: object[], fallbackGzip: number }> }>}
 */
export async function measureBytes({ browser, origin }) {
  // A browser with the Sanitizer API: the shared one if it has it, else one with it on.
  let withApi = browser;
  let sanitizerApi = 'on by default';
  const probe = await scriptsOf(browser, origin, PAGES[0].url);
  if (!probe.sanitizerApi) {
    withApi = await launchBrowser([WITH_SANITIZER_API]);
    sanitizerApi = `turned on with ${WITH_SANITIZER_API}`;
  }
  const withoutApi = await launchBrowser([WITHOUT_SANITIZER_API]);
  try {
    const pages = [];
    for (const { id, name, url } of PAGES) {
      const on = await scriptsOf(withApi, origin, url);
      if (!on.sanitizerApi) throw new Error('no browser with the HTML Sanitizer API');
      const off = await scriptsOf(withoutApi, origin, url);
      if (off.sanitizerApi) throw new Error(`${WITHOUT_SANITIZER_API} left the API on`);
      const fetched = new Set(on.files.map((f) => f.file));
      const fallback = off.files.filter((f) => !fetched.has(f.file));
      pages.push({
        id,
        name,
        files: on.files,
        raw: sum(on.files, 'raw'),
        gzip: sum(on.files, 'gzip'),
        fallback,
        fallbackGzip: sum(fallback, 'gzip'),
        neverIdle: [on, off].filter((r) => !r.idle).length,
      });
    }
    return { sanitizerApi, pages };
  } finally {
    await withoutApi.close();
    if (withApi !== browser) await withApi.close();
  }
}
