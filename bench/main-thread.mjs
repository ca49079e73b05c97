// 8. The main thread while the page with all eight widgets loads, at desktop speed (no
// CPU or network throttling): a Chromium trace from navigation until the network has
// been idle for 500 ms and half a second more, its renderer main-thread tasks (RunTask),
// and which of them are ours.
//
// A task is ours when it ran script and every script URL named inside it is under /dist/
// — or it names none, as a microtask checkpoint after a fetch does (where Lit renders).
// The page has no script but ours and a four-line module that picks the comments'
// article, and is loaded without the bench's observers, so script work in it is ours.
import { openUntilIdle, withPage } from './browser.mjs';
import { median, repeat } from './stats.mjs';
import { rawTrace, tasksOf } from './trace.mjs';

const URL_PATH = '/bench/pages/all-widgets.html';
const SETTLE_MS = 500;
const LONG_MS = 50;

function traceOnce(browser, origin) {
  return withPage(browser, { probes: false }, async (page) => {
    const { result: idle, trace } = await rawTrace(browser, page, async () => {
      const idle = await openUntilIdle(page, `${origin}${URL_PATH}`);
      await page.waitForTimeout(SETTLE_MS);
      return idle;
    });
    if (page.errors.length) throw new Error(`${URL_PATH}: ${page.errors.join('; ')}`);
    const ours = (url) => new URL(url, origin).pathname.startsWith('/dist/');
    const tasks = tasksOf(trace);
    const mine = tasks.filter((t) => t.script && t.urls.every(ours));
    const longest = mine.reduce((a, b) => (b.dur > (a?.dur ?? -1) ? b : a), undefined);
    return {
      idle,
      longestOurs: longest?.dur ?? 0,
      longestOursUrls: (longest?.urls ?? []).map((u) => new URL(u, origin).pathname),
      oursLong: mine.filter((t) => t.dur >= LONG_MS).length,
      oursBusy: mine.reduce((s, t) => s + t.dur, 0),
      longestAny: Math.max(0, ...tasks.map((t) => t.dur)),
      anyLong: tasks.filter((t) => t.dur >= LONG_MS).length,
    };
  });
}

/**
 * @returns {Promise<{ longestOurs: number, worstOurs: number, oursLong: number,
 *   runsWithLong: number, oursBusy: number, longestAny: number, anyLong: number,
 *   longestOursUrls: string[], neverIdle: number }>} ms; counts are medians per run
 */
export async function measureMainThread({ browser, origin, runs }) {
  await traceOnce(browser, origin); // warms the server and the code caches, unmeasured
  const results = await repeat(runs, () => traceOnce(browser, origin));
  const worst = results.reduce((a, b) => (b.longestOurs > a.longestOurs ? b : a));
  return {
    longestOurs: median(results.map((r) => r.longestOurs)),
    worstOurs: worst.longestOurs,
    longestOursUrls: worst.longestOursUrls,
    oursLong: median(results.map((r) => r.oursLong)),
    runsWithLong: results.filter((r) => r.oursLong > 0).length,
    oursBusy: median(results.map((r) => r.oursBusy)),
    longestAny: median(results.map((r) => r.longestAny)),
    anyLong: median(results.map((r) => r.anyLong)),
    neverIdle: results.filter((r) => !r.idle).length,
  };
}
