// 5. Cumulative layout shift of the demo page (demo/index.html, as `npm start` serves
// it) while the widgets load: the sum of 'layout-shift' entries without recent input,
// from navigation until the network has been idle for 500 ms (at most 15 s) and one more
// second has passed, at a desktop and a phone viewport. The elements that moved are
// listed, with the heights each widget went through (the ones that grew caused the moves).
import { openUntilIdle, withPage } from './browser.mjs';
import { median, mostCommon, repeat } from './stats.mjs';

const VIEWPORTS = [
  { name: 'desktop 1280×720', viewport: { width: 1280, height: 720 } },
  { name: 'phone 390×844', viewport: { width: 390, height: 844 } },
];
const SETTLE_MS = 1000;

function shiftsOnce(browser, origin, viewport) {
  return withPage(browser, { viewport }, async (page) => {
    const idle = await openUntilIdle(page, `${origin}/`);
    await page.waitForTimeout(SETTLE_MS);
    const { shifts, heights } = await page.evaluate(() => window.__bench);
    return { idle, shifts, heights };
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
 * @returns {Promise<Array<{ name: string, cls: number, max: number, neverIdle: number,
 *   sources: object[], heights: Array<{ widget: string, heights: string }> }>>}
 */
export async function measureLayoutShift({ browser, origin, runs }) {
  const rows = [];
  for (const { name, viewport } of VIEWPORTS) {
    const results = await repeat(runs, () => shiftsOnce(browser, origin, viewport));
    const totals = results.map(({ shifts }) => shifts.reduce((sum, s) => sum + s.value, 0));
    rows.push({
      name,
      cls: median(totals),
      max: Math.max(...totals),
      neverIdle: results.filter((r) => !r.idle).length,
      sources: sourcesOf(results),
      heights: heightsOf(results),
    });
  }
  return rows;
}
