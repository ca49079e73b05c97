// Helpers for the end-to-end tests: start the demo exactly as the README says
// (`npm start`), and drive the system's Chromium with Playwright.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';

export const root = new URL('../../', import.meta.url).pathname;

/**
 * Runs `npm start` (build + demo server) on a free port with a fresh comments database;
 * resolves with its origin once the server prints its URL.
 * @param {{ build?: boolean, env?: Record<string, string> }} [options]
 */
export async function startDemo({ build = true, env = {} } = {}) {
  const db = join(mkdtempSync(join(tmpdir(), 'mhn-e2e-')), 'comments.sqlite');
  const args = build ? ['start'] : ['run', 'serve'];
  const child = spawn('npm', args, {
    cwd: root,
    env: { ...process.env, PORT: '0', MHN_DB: db, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const origin = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start:\n${output}`)), 120_000);
    const onData = (chunk) => {
      output += chunk;
      const match = /(http:\/\/localhost:\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm ${args.join(' ')} exited with ${code}:\n${output}`));
    });
  });
  return {
    origin,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          resolve();
        }
      }),
  };
}

const STAND_IN_IMAGE =
  '<svg xmlns="http://www.w3.org/2000/svg" width="88" height="31"><rect width="88" height="31" fill="#ddd"/></svg>';

/** Launches the system's (or Playwright's) Chromium headless. */
export async function launchBrowser() {
  const executablePath = await findChromium();
  if (!executablePath) throw new Error('No Chromium: run node scripts/ensure-browser.mjs');
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Opens a page that records page errors, console errors and CSP violations.
 * @param {import('playwright').Browser} browser
 */
export async function openPage(browser) {
  const page = await browser.newPage();
  // This machine has no internet: the publisher's images on other hosts (badges) get a
  // stand-in image instead of a DNS failure, as they would load for a real reader.
  await page.route(
    (url) => !['127.0.0.1', 'localhost'].includes(url.hostname),
    (route) =>
      route.request().resourceType() === 'image'
        ? route.fulfill({ contentType: 'image/svg+xml', body: STAND_IN_IMAGE })
        : route.abort('internetdisconnected'),
  );
  const problems = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  return { page, problems };
}
