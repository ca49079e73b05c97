// 3. Rendering 20, 100 and 1,000 comments of the reference server's 1,500-comment
// thread in <mhn-comments>.
//
// The contract caps a page at 100 comments, so 1,000 comments reach the screen the way a
// reader gets them: the first 100, then nine clicks on "Load more comments". The figures
// for that row are the totals from adding the element to 1,000 comments shown, plus the
// first and the slowest single append (their difference shows whether an append costs
// more as the list grows). The bundle has run before the element is added, so its own
// start-up is not counted. Script, style, layout and tasks come from a trace (trace.mjs).
import { withPage } from './browser.mjs';
import { medianOf, repeat } from './stats.mjs';
import { traced } from './trace.mjs';

const THREAD = 'long-thread-example';
export const SCENARIOS = [
  { shown: 20, pageSize: 20 },
  { shown: 100, pageSize: 100 },
  { shown: 1000, pageSize: 100 },
];
const COMMENT = '[part~="comment"]';
const FIELDS = [
  'script',
  'style',
  'layout',
  'busy',
  'wall',
  'firstStep',
  'slowestStep',
  'longestTask',
  'longTasks',
];
const STEP_TIMEOUT_MS = 20_000;

/** In the page: adds the element, then pages until `shown` comments are on screen. */
async function showComments({ thread, shown, pageSize, selector, stepTimeoutMs }) {
  const el = document.createElement('mhn-comments');
  const attributes = {
    endpoint: '/api/v1',
    article: thread,
    'page-size': pageSize,
    loading: 'eager',
  };
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, String(value));
  const count = () => el.shadowRoot?.querySelectorAll(selector).length ?? 0;
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  // Waits for `n` comments, then two frames so that style, layout and paint are done.
  const until = async (n) => {
    const deadline = performance.now() + stepTimeoutMs;
    while (count() < n) {
      if (performance.now() > deadline) throw new Error(`${count()} of ${n} comments shown`);
      await frame();
    }
    await frame();
    await frame();
  };
  const loadMore = () =>
    [...el.shadowRoot.querySelectorAll('button')].find((b) => /load more/i.test(b.textContent));

  const start = performance.now();
  document.body.append(el);
  await until(Math.min(pageSize, shown));
  const steps = [];
  while (count() < shown) {
    const button = loadMore();
    if (!button) throw new Error(`no "Load more comments" button after ${count()} comments`);
    const stepStart = performance.now();
    const target = Math.min(count() + pageSize, shown);
    button.click();
    await until(target);
    steps.push(performance.now() - stepStart);
  }
  return { wall: performance.now() - start, steps };
}

async function renderOnce(browser, origin, scenario) {
  return withPage(browser, {}, async (page) => {
    await page.goto(`${origin}/bench/pages/comments.html`, { waitUntil: 'load' });
    // The loader imports an element's module once its tag is on the page: let it, so the
    // module's download and start-up stay out of the timing, as before.
    const defined = await page.evaluate(() => {
      const probe = document.createElement('mhn-comments');
      document.body.append(probe);
      probe.remove();
      return Promise.race([
        customElements.whenDefined('mhn-comments').then(() => true),
        new Promise((resolve) => setTimeout(() => resolve(false), 10_000)),
      ]);
    });
    if (!defined) return null;
    const { result: timing, ...mainThread } = await traced(browser, page, () =>
      page.evaluate(showComments, {
        thread: THREAD,
        ...scenario,
        selector: COMMENT,
        stepTimeoutMs: STEP_TIMEOUT_MS,
      }),
    );
    if (page.errors.length) throw new Error(`comments: ${page.errors.join('; ')}`);
    return {
      ...mainThread,
      wall: timing.wall,
      firstStep: timing.steps[0] ?? NaN,
      slowestStep: timing.steps.length ? Math.max(...timing.steps) : NaN,
    };
  });
}

/**
 * @returns {Promise<{ skipped?: string, rows: object[] }>} medians per scenario, in ms
 */
export async function measureComments({ browser, origin, runs }) {
  if ((await renderOnce(browser, origin, SCENARIOS[0])) === null) {
    return { skipped: '<mhn-comments> is not registered in dist/mhn-widgets.js', rows: [] };
  }
  const rows = [];
  for (const scenario of SCENARIOS) {
    const results = await repeat(runs, () => renderOnce(browser, origin, scenario));
    rows.push({ ...scenario, ...medianOf(results, FIELDS) });
  }
  return { rows };
}
