// 9. Lighthouse (performance category only) on the demo page and on the partner page that
// reserves no space, with Lighthouse's mobile preset (its default: a mid-range phone,
// simulated slow 4G and 4× CPU slowdown) and its desktop preset
// (lighthouse/core/config/desktop-config.js).
//
// chrome-launcher starts the installed Chromium — no browser is downloaded — and
// Lighthouse drives it over its debugging port. Names other than 127.0.0.1 do not resolve,
// as in the rest of the bench, so every request stays on loopback.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { LOOPBACK_ONLY } from './browser.mjs';
import { findChromium } from '../scripts/chromium.mjs';
import { median } from './stats.mjs';

export const LIGHTHOUSE_PAGES = [
  { id: 'demo', name: 'demo page (`/`)', path: '/' },
  { id: 'partner', name: 'partner page, no space reserved', path: '/bench/pages/partner.html' },
];
export const PRESETS = [
  { id: 'mobile', config: undefined },
  { id: 'desktop', config: desktopConfig },
];
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  LOOPBACK_ONLY,
];

/** The figures of one Lighthouse result (times in ms, score 0–100). */
function figuresOf(lhr) {
  const audit = (id) => lhr.audits[id]?.numericValue;
  return {
    score: Math.round((lhr.categories.performance.score ?? NaN) * 100),
    fcp: audit('first-contentful-paint'),
    lcp: audit('largest-contentful-paint'),
    tbt: audit('total-blocking-time'),
    cls: audit('cumulative-layout-shift'),
    si: audit('speed-index'),
    warnings: lhr.runWarnings ?? [],
    error: lhr.runtimeError?.message,
  };
}

/**
 * @returns {Promise<Array<{ page: string, name: string, preset: string, runs: number,
 *   score: number, fcp: number, lcp: number, tbt: number, cls: number, si: number,
 *   scores: number[], warnings: string[] }>>} medians over `lighthouseRuns` runs
 */
export async function measureLighthouse({ origin, lighthouseRuns = 1 }) {
  const chromePath = await findChromium();
  if (!chromePath) throw new Error('No Chromium found: run node scripts/ensure-browser.mjs');
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: CHROME_FLAGS });
  try {
    const rows = [];
    for (const { id, name, path } of LIGHTHOUSE_PAGES) {
      for (const preset of PRESETS) {
        const runs = [];
        for (let i = 0; i < lighthouseRuns; i++) {
          const result = await lighthouse(
            `${origin}${path}`,
            {
              port: chrome.port,
              output: 'json',
              logLevel: 'error',
              onlyCategories: ['performance'],
            },
            preset.config,
          );
          if (!result) throw new Error(`Lighthouse gave no result for ${path}`);
          const figures = figuresOf(result.lhr);
          if (figures.error) throw new Error(`Lighthouse on ${path}: ${figures.error}`);
          runs.push(figures);
        }
        const m = (key) => median(runs.map((r) => r[key]));
        rows.push({
          page: id,
          name,
          preset: preset.id,
          runs: runs.length,
          score: m('score'),
          fcp: m('fcp'),
          lcp: m('lcp'),
          tbt: m('tbt'),
          cls: m('cls'),
          si: m('si'),
          scores: runs.map((r) => r.score),
          warnings: [...new Set(runs.flatMap((r) => r.warnings))],
        });
      }
    }
    return rows;
  } finally {
    await chrome.kill();
  }
}
