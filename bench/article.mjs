// 2. Time to article: from navigation to the article's content in the page, next to a
// bare page that fetches the same JSON from the same server and sets innerHTML. The goal
// compares the two from navigation (medians); the arrival of each page's script is shown
// too, so what follows it — the cost of the code itself — can be read off.
//
// The two pages are loaded interleaved in one run, in alternating order (widget first in
// even runs, bare first in odd ones), each in a fresh context with a cold cache, from the
// same server over the same loopback with no throttling, so neither gets warmer caches
// or a quieter machine than the other.
//
// "Arrival" is the script resource's responseEnd (PerformanceResourceTiming): the last
// byte is in, so what follows is the cost of the code itself — parsing, compiling and
// running the bundle, defining the elements, fetching the JSON, sanitizing and rendering.
// A performance.mark() at the start of module evaluation would leave out parsing and
// compiling, which is exactly where a heavier bundle costs more. "Content" is the
// `mhn-load` event (dispatched once the rendered article is in the shadow DOM), and
// for the baseline the moment right after its innerHTML is set.
import { withPage } from './browser.mjs';
import { medianOf, repeat } from './stats.mjs';

const PAGES = {
  widget: { url: '/bench/pages/article.html', script: '/dist/mhn-widgets.js' },
  bare: { url: '/bench/pages/bare.html', script: '/bench/pages/bare.mjs' },
};
const TIMEOUT_MS = 15_000;

/** One cold load of a page: when its script arrived and when the content was in. */
function loadOnce(browser, origin, { url, script }) {
  return withPage(browser, {}, async (page) => {
    await page.goto(`${origin}${url}`);
    await page.waitForFunction(() => window.__bench.loads.length > 0, null, {
      timeout: TIMEOUT_MS,
    });
    if (page.errors.length) throw new Error(`${url}: ${page.errors.join('; ')}`);
    return page.evaluate((scriptUrl) => {
      const [entry] = performance.getEntriesByName(scriptUrl);
      const content = window.__bench.loads[0].t;
      return { arrival: entry.responseEnd, content, toContent: content - entry.responseEnd };
    }, `${origin}${script}`);
  });
}

/**
 * @returns {Promise<{ widget: object, bare: object, ratio: number, arrivalRatio: number }>}
 *   medians in ms; ratio: navigation → content, widget ÷ bare
 */
export async function measureArticle({ browser, origin, runs }) {
  // One unmeasured load of each warms the server and the browser's code caches alike.
  await loadOnce(browser, origin, PAGES.widget);
  await loadOnce(browser, origin, PAGES.bare);
  const results = await repeat(runs, async (i) => {
    const order = i % 2 ? ['bare', 'widget'] : ['widget', 'bare'];
    const result = {};
    for (const key of order) result[key] = await loadOnce(browser, origin, PAGES[key]);
    return result;
  });
  const summary = (key) =>
    medianOf(
      results.map((r) => r[key]),
      ['arrival', 'content', 'toContent'],
    );
  const widget = summary('widget');
  const bare = summary('bare');
  return {
    widget,
    bare,
    ratio: widget.content / bare.content,
    arrivalRatio: widget.toContent / bare.toContent,
  };
}
