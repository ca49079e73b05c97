// 4. Requests to the Content API made by a page with every widget, counted by path from
// the browser's side, once with <mhn-article> and <mhn-comments> on the same article (its
// GET should be shared) and once with the comments on another article. The comments
// are `loading="eager"` so that they load without scrolling; the counts are taken when
// the network has been idle for 500 ms (or after 15 s if it never is).
import { openUntilIdle, withPage } from './browser.mjs';
import { median, repeat } from './stats.mjs';

const API = '/api/v1';
const VARIANTS = [
  { name: 'article and comments share an article', query: '' },
  { name: 'comments on another article', query: '?comments=long-thread-example' },
];
const ELEMENTS = [
  'mhn-provider',
  'mhn-topic',
  'mhn-article',
  'mhn-comments',
  'mhn-crisis-resources',
  'mhn-therapist-search',
  'mhn-related-topics',
  'mhn-attribution',
];

/** Requests by path (query left out) under /api/v1, and the elements left unregistered. */
function countOnce(browser, origin, query) {
  return withPage(browser, {}, async (page) => {
    /** @type {Record<string, number>} */
    const byPath = {};
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (!pathname.startsWith(`${API}/`)) return;
      const key = `${request.method()} ${pathname.slice(API.length)}`;
      byPath[key] = (byPath[key] ?? 0) + 1;
    });
    const idle = await openUntilIdle(page, `${origin}/bench/pages/all-widgets.html${query}`);
    const missing = await page.evaluate(
      (names) => names.filter((name) => !customElements.get(name)),
      ELEMENTS,
    );
    return { byPath, missing, idle };
  });
}

/**
 * @returns {Promise<{ variants: Array<{ name: string, byPath: Record<string, number>,
 *   total: number, neverIdle: number }>, missing: string[] }>} median counts over the runs
 */
export async function measureRequests({ browser, origin, runs }) {
  const variants = [];
  let missing = [];
  for (const { name, query } of VARIANTS) {
    const results = await repeat(runs, () => countOnce(browser, origin, query));
    missing = results[0].missing;
    const paths = [...new Set(results.flatMap((r) => Object.keys(r.byPath)))].sort();
    const byPath = Object.fromEntries(
      paths.map((p) => [p, median(results.map((r) => r.byPath[p] ?? 0))]),
    );
    const total = median(results.map((r) => Object.values(r.byPath).reduce((a, b) => a + b, 0)));
    variants.push({ name, byPath, total, neverIdle: results.filter((r) => !r.idle).length });
  }
  return { variants, missing };
}
