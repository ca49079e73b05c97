// 5. Cumulative layout shift of the demo page (demo/index.html, as `npm start` serves
// it, which reserves each widget's room in its stylesheet) and of the partner page that
// reserves nothing (bench/pages/partner.html: there only the widgets' own loading
// placeholders hold their room) while the widgets load: the sum of 'layout-shift' entries without recent input,
// from navigation until the network has been idle for 500 ms (at most 15 s) and one more
// second has passed, at a desktop and a phone viewport. The elements that moved are
// listed, with the heights each widget went through (the ones that grew caused the moves).
import { openUntilIdle, withPage } from './browser.mjs';
import { median, mostCommon, repeat } from './stats.mjs';

const VIEWPORTS = [
  { name: 'desktop 1280×720', viewport: { width: 1280, height: 720 } },
  { name: 'phone 390×844', viewport: { width: 390, height: 844 } },
];
export const SHIFT_PAGES = [
  { id: 'demo', name: 'demo page', path: '/' },
  { id: 'partner', name: 'partner page, no space reserved', path: '/bench/pages/partner.html' },
];
const SETTLE_MS = 1000;

function shiftsOnce(browser, origin, path, viewport) {
  return withPage(browser, { viewport }, async (page) => {
    const idle = await openUntilIdle(page, `${origin}${path}`);
    await page.waitForTimeout(SETTLE_MS);
    const { shifts, heights, placeholdersAt } = await page.evaluate(() => window.__bench);
    return { idle, shifts, heights, placeholdersAt };
  });
}

/** Sources over all runs: element → how many shifts it took part in, and the largest. */
function sourcesOf(runs) {
  const sources = new Map();
  for (const shift of runs.flatMap((run) => run.shifts)) {
    for (const { node, previous, current } of shift.sources) {
      const entry = sources.get(node) ?? { node, shifts: 0, largest: 0, example: null };
      entry.shifts += 1;
      if (shift.value >= entry.largest) {
        entry.largest = shift.value;
        entry.example = { previous, current };
      }
      sources.set(node, entry);
    }
  }
  return [...sources.values()].sort((a, b) => b.largest - a.largest);
}

/**
 * Each widget's heights during the load (placeholder → content), as most runs saw them:
 * a widget whose first height differs from its last is one the page had to make room for.
 */
function heightsOf(runs) {
  const widgets = [...new Set(runs.flatMap((run) => Object.keys(run.heights)))];
  return widgets.map((widget) => ({
    widget,
    heights: mostCommon(runs.map((run) => (run.heights[widget] ?? []).join(' → '))),
  }));
}

/**
 * @returns {Promise<Array<{ page: string, pageName: string, name: string, cls: number,
 *   max: number, own: number, ownMax: number, neverIdle: number, sources: object[],
 *   heights: Array<{ widget: string, heights: string }> }>>}
 */
export async function measureLayoutShift({ browser, origin, runs }) {
  const rows = [];
  for (const { id, name: pageName, path } of SHIFT_PAGES) {
    for (const { name, viewport } of VIEWPORTS) {
      rows.push({
        page: id,
        pageName,
        name,
        ...(await shiftsOn(browser, origin, path, viewport, runs)),
      });
    }
  }
  return rows;
}

/** One page at one viewport, `runs` times: CLS median and worst, what moved, the heights. */
async function shiftsOn(browser, origin, path, viewport, runs) {
  const results = await repeat(runs, () => shiftsOnce(browser, origin, path, viewport));
  const totals = results.map(({ shifts }) => shifts.reduce((sum, s) => sum + s.value, 0));
  // What the widgets' own loading cost: shifts once every placeholder was up (NaN if some
  // widget never took room).
  const own = results.map(({ shifts, placeholdersAt }) =>
    typeof placeholdersAt === 'number'
      ? shifts.filter((s) => s.t >= placeholdersAt).reduce((sum, s) => sum + s.value, 0)
      : NaN,
  );
  return {
    cls: median(totals),
    own: median(own),
    ownMax: Math.max(...own),
    max: Math.max(...totals),
    neverIdle: results.filter((r) => !r.idle).length,
    sources: sourcesOf(results),
    heights: heightsOf(results),
  };
}
