#!/usr/bin/env node
// npm run bench: measures the widgets in headless Chromium against the Content API service
// (started here as its own process) and the service under load on SQLite and PostgreSQL,
// prints a table and writes docs/benchmarks.md.
//
//   npm run bench -- [--runs N] [--lighthouse-runs N] [--load-seconds S] [--only a,b]
//                    [--no-write]
//
// --runs            browser runs per figure, reported as medians (default 7)
// --lighthouse-runs Lighthouse runs per page and preset, reported as medians (default 3)
// --load-seconds    length of each autocannon run (default 10)
// --only            some of: sizes, bytes, article, comments, mainThread, requests,
//                   layoutShift, lighthouse, load (a partial run is printed, not written)
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureArticle } from './article.mjs';
import { launchBrowser } from './browser.mjs';
import { measureBytes } from './bytes.mjs';
import { measureComments } from './comments.mjs';
import { measureLayoutShift } from './layout-shift.mjs';
import { measureLighthouse } from './lighthouse.mjs';
import { measureLoad } from './load.mjs';
import { measureMainThread } from './main-thread.mjs';
import { machineInfo, renderReport } from './report.mjs';
import { measureRequests } from './requests.mjs';
import { startServer } from './server.mjs';
import { measureSizes } from './sizes.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT = path.join(root, 'docs', 'benchmarks.md');

/**
 * In running order; each takes `{ root, origin, browser, runs, lighthouseRuns,
 * loadSeconds }`. The `browser` ones share one Chromium (Playwright), closed before
 * Lighthouse (which starts its own) and the load test.
 */
const MEASUREMENTS = [
  { id: 'sizes', measure: measureSizes },
  { id: 'bytes', browser: true, measure: measureBytes },
  { id: 'article', browser: true, measure: measureArticle },
  { id: 'comments', browser: true, measure: measureComments },
  { id: 'mainThread', browser: true, measure: measureMainThread },
  { id: 'requests', browser: true, measure: measureRequests },
  { id: 'layoutShift', browser: true, measure: measureLayoutShift },
  { id: 'lighthouse', measure: measureLighthouse },
  { id: 'load', measure: measureLoad },
];

function readOptions() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '7' },
      'lighthouse-runs': { type: 'string', default: '3' },
      'load-seconds': { type: 'string', default: '10' },
      only: { type: 'string' },
      'no-write': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(
      'Usage: npm run bench -- [--runs N] [--lighthouse-runs N] [--load-seconds S] [--only a,b] [--no-write]',
    );
    process.exit(0);
  }
  const runs = positiveInteger('--runs', values.runs);
  const lighthouseRuns = positiveInteger('--lighthouse-runs', values['lighthouse-runs']);
  const loadSeconds = positiveInteger('--load-seconds', values['load-seconds']);
  const known = MEASUREMENTS.map((m) => m.id);
  const only = values.only?.split(',').map((s) => s.trim()) ?? known;
  const unknown = only.filter((id) => !known.includes(id));
  if (unknown.length)
    fail(`unknown measurement ${unknown.join(', ')} (known: ${known.join(', ')})`);
  return { runs, lighthouseRuns, loadSeconds, only, write: !values['no-write'] && !values.only };
}

function positiveInteger(flag, text) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) fail(`${flag} must be a whole number of at least 1`);
  return value;
}

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

/** Builds only when there is nothing to measure: the bench measures what is in dist/. */
function ensureBuilt() {
  if (existsSync(path.join(root, 'dist', 'mhn-widgets.js'))) return;
  console.error('bench: dist/ is missing, running npm run build');
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}

/** Runs one measurement, keeping its error (the others still run). */
async function attempt(id, run) {
  const started = Date.now();
  console.error(`bench: ${id}…`);
  try {
    const value = await run();
    console.error(`bench: ${id} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { value };
  } catch (error) {
    console.error(`bench: ${id} failed:`, error);
    return { error: String(error?.message ?? error).split('\n')[0] };
  }
}

async function main() {
  const options = readOptions();
  ensureBuilt();
  const server = await startServer();
  const ctx = { ...options, root, origin: server.origin, browser: null };
  const results = {};
  let chromium;
  try {
    const selected = MEASUREMENTS.filter((m) => options.only.includes(m.id));
    for (const { id, browser, measure } of selected) {
      if (browser && !ctx.browser) {
        ctx.browser = await launchBrowser();
        chromium = ctx.browser.version();
      }
      if (!browser && ctx.browser) {
        await ctx.browser.close();
        ctx.browser = null;
      }
      results[id] = await attempt(id, () => measure(ctx));
    }
  } finally {
    await ctx.browser?.close();
    await server.stop();
  }

  const markdown = renderReport({
    date: new Date(),
    runs: options.runs,
    lighthouseRuns: options.lighthouseRuns,
    machine: machineInfo(chromium),
    results,
  });
  console.log(`\n${markdown}`);
  if (options.write) {
    writeFileSync(OUTPUT, markdown);
    console.error(`bench: wrote ${path.relative(root, OUTPUT)}`);
  }
  if (Object.values(results).some((r) => r.error)) process.exitCode = 1;
}

await main();
