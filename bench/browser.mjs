// Headless Chromium for the measurements: one browser for the whole bench, a fresh
// context (cold HTTP cache, empty storage) for every page, and probes installed before
// any page script runs.
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';

// Names other than the loopback server's do not resolve, so no figure depends on the
// internet (the demo's badge images and the like fail at once, as on a closed network).
export const LOOPBACK_ONLY = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1';
const IDLE_TIMEOUT_MS = 15_000;
const PAGE_TIMEOUT_MS = 60_000;

/** @param {string[]} [extraArgs] more Chromium flags (e.g. to turn a web platform feature off) */
export async function launchBrowser(extraArgs = []) {
  const executablePath = await findChromium();
  if (!executablePath) throw new Error('No Chromium found: run node scripts/ensure-browser.mjs');
  return chromium.launch({
    executablePath,
    headless: true,
    args: [...CHROMIUM_ARGS, LOOPBACK_ONLY, ...extraArgs],
  });
}

/**
 * Opens `url` and waits until the network has been idle for 500 ms, giving up after
 * 15 s (a widget that never stops fetching must not stall the bench); the result says
 * whether the page went idle.
 * @param {import('playwright').Page} page
 * @param {string} url
 */
export async function openUntilIdle(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  return page.waitForLoadState('networkidle', { timeout: IDLE_TIMEOUT_MS }).then(
    () => true,
    () => false,
  );
}

/**
 * Runs in the page before its own scripts (so no inline script is needed in the bench
 * pages and a strict CSP would not block it): records in `window.__bench` the times of
 * `mhn-load` (and the bare baseline's `bench-load`), layout shifts with the elements
 * that moved, and the heights each widget went through.
 */
function installProbes() {
  const probe = { loads: [], shifts: [], heights: {} };
  Object.defineProperty(window, '__bench', { value: probe });

  const label = (el) => {
    const part = el.getAttribute('part');
    const classes = [...el.classList].map((c) => `.${c}`).join('');
    return `${el.localName}${el.id ? `#${el.id}` : ''}${classes}${part ? `[part="${part}"]` : ''}`;
  };
  // An element and the shadow hosts around it: `mhn-comments › div[part="base"]`.
  const describe = (node) => {
    let el = node?.nodeType === Node.ELEMENT_NODE ? node : node?.parentElement;
    const path = [];
    while (el) {
      path.unshift(label(el));
      const root = el.getRootNode();
      el = root instanceof ShadowRoot ? root.host : null;
    }
    return path.length ? path.join(' › ') : '(a node no longer in the page)';
  };
  const rect = (r) => ({ top: r.top, height: r.height, left: r.left, width: r.width });

  for (const type of ['mhn-load', 'bench-load']) {
    document.addEventListener(
      type,
      (event) => probe.loads.push({ type, tag: event.target.localName, t: performance.now() }),
      true,
    );
  }
  new PerformanceObserver((list) => list.getEntries().forEach(recordShift)).observe({
    type: 'layout-shift',
    buffered: true,
  });
  function recordShift(e) {
    if (e.hadRecentInput) return;
    probe.shifts.push({
      value: e.value,
      t: e.startTime,
      sources: (e.sources ?? []).map((s) => ({
        node: describe(s.node),
        previous: rect(s.previousRect),
        current: rect(s.currentRect),
      })),
    });
  }

  // Every widget's border-box height as it changes: placeholder, then content. Once every
  // widget has taken some room (its script ran and its placeholder is up), the next frame's
  // time is `placeholdersAt`: shifts after it come from the widgets' own loading, not from
  // elements the page had not defined yet.
  const resize = new ResizeObserver((entries) => {
    for (const { target, borderBoxSize } of entries) {
      const heights = (probe.heights[label(target)] ??= []);
      const height = Math.round(borderBoxSize[0].blockSize);
      if (heights.at(-1) !== height) heights.push(height);
    }
    const all = Object.values(probe.heights);
    if (probe.placeholdersAt === undefined && all.every((h) => h.some((px) => px > 0))) {
      probe.placeholdersAt = null;
      requestAnimationFrame(() => (probe.placeholdersAt = performance.now()));
    }
  });
  new MutationObserver((records) => {
    for (const node of records.flatMap((r) => [...r.addedNodes])) {
      if (node.localName?.startsWith('mhn-') && node.localName !== 'mhn-provider') {
        resize.observe(node);
      }
    }
  }).observe(document, { childList: true, subtree: true });
}

/**
 * Runs `use(page)` with a page in a fresh context; page errors are collected in
 * `page.errors`. Gives up after 60 s (a page whose main thread never frees up would
 * otherwise hold the bench forever) and always closes the context.
 *
 * @template T
 * @param {import('playwright').Browser} browser
 * @param {{ viewport?: { width: number, height: number }, probes?: boolean }} options
 *   probes: false leaves the page without the bench's observers (for traces of its tasks)
 * @param {(page: import('playwright').Page & { errors: string[] }) => Promise<T>} use
 * @returns {Promise<T>}
 */
export async function withPage(browser, options, use) {
  const context = await browser.newContext({ viewport: options.viewport });
  try {
    if (options.probes !== false) await context.addInitScript(installProbes);
    const page = Object.assign(await context.newPage(), { errors: [] });
    page.on('pageerror', (error) => page.errors.push(error.message));
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`a page did not finish within ${PAGE_TIMEOUT_MS / 1000} s`)),
        PAGE_TIMEOUT_MS,
      );
    });
    const work = use(page);
    work.catch(() => {}); // after a timeout its rejection (page closed) is of no interest
    return await Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  } finally {
    await context.close();
  }
}
