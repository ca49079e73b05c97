// The package as a React 19 and a Vue 3 partner get it: `npm pack`, unpacked into a
// build folder's node_modules (its dependencies — lit, react, vue… — resolve from this
// repository's node_modules, the registry packages of its lockfile), the apps in
// test/e2e/frameworks/ type-checked as their templates do (`tsc -b`, `vue-tsc`) and built
// once with Vite, then driven in Chromium against the reference Content API:
// attributes, properties, events, and changing the article.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import http from 'node:http';
import { extname, join, normalize } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, openPage, root, startDemo } from './helpers.mjs';

const work = join(root, '.cache', 'frameworks-e2e');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });

/** Packs the package (as built: no scripts) and unpacks it as an installed dependency. */
function installPackedPackage() {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const [{ filename }] = JSON.parse(
    run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], root),
  );
  const target = join(work, 'node_modules', 'mhn-widgets');
  mkdirSync(target, { recursive: true });
  run('tar', ['-xzf', join(work, filename), '-C', target, '--strip-components=1'], work);
}

/** Copies an app, type-checks it as its template does and builds it with Vite. */
function buildApp(name, typecheck) {
  const dir = join(work, name);
  cpSync(join(root, 'test', 'e2e', 'frameworks', name), dir, { recursive: true });
  try {
    run(bin(typecheck[0]), typecheck.slice(1), dir);
    run(bin('vite'), ['build'], dir);
  } catch (error) {
    throw new Error(`${name} app: ${error.message}\n${error.stdout ?? ''}${error.stderr ?? ''}`);
  }
  return join(dir, 'dist');
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/** A static server for the built apps (the partner's site, on its own origin). */
async function serve(dirs) {
  const server = http.createServer((req, res) => {
    const [, app, ...rest] = new URL(req.url, 'http://x').pathname.split('/');
    const base = dirs[app];
    const file = base && normalize(join(base, rest.join('/') || 'index.html'));
    if (!file || !file.startsWith(base) || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

describe('React 19 and Vue 3 apps built with Vite from the packed package', () => {
  let demo;
  let browser;
  let site;

  before(async () => {
    installPackedPackage();
    const react = buildApp('react', ['tsc', '-b']);
    const vue = buildApp('vue', ['vue-tsc', '--noEmit']);
    // Vite builds for the site root: serve each app from its own folder path.
    site = await serve({ react, vue });
    demo = await startDemo({ build: false });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
    site?.close();
  });

  for (const app of ['react', 'vue']) {
    it(`${app}: attributes, properties and events work, and a new article re-renders`, async () => {
      const { page, problems } = await openPage(browser);
      await page.goto(`${site.origin}/${app}/?api=${encodeURIComponent(`${demo.origin}/api/v1`)}`);

      // Attributes: the article's slug and heading level; the provider's endpoint.
      const heading = page.locator('mhn-article h3[part~="heading"]');
      await heading.waitFor({ timeout: 15_000 });
      const first = (await heading.textContent()).trim();
      assert.match(first, /social support/i);

      // Properties: page size and order reached the comments element.
      const comments = page.locator('mhn-comments');
      await comments.locator('[part~="comment"]').first().waitFor({ timeout: 15_000 });
      assert.deepEqual(await comments.evaluate((el) => [el.pageSize, el.sort]), [2, 'oldest']);
      assert.ok((await comments.locator('[part~="comment"]').count()) <= 2);

      // Events: mhn-load reached the app's handlers, with the typed detail.
      await page.waitForFunction(() => window.seen.some((s) => s.startsWith('comments loaded')));
      const seen = await page.evaluate(() => window.seen);
      assert.ok(seen.includes(`article loaded: ${first}`), seen.join('\n'));

      // Changing the article re-renders the widget with the new content.
      await page.getByRole('button', { name: 'Next article' }).click();
      await page.waitForFunction(
        (title) => {
          const h = document.querySelector('mhn-article')?.shadowRoot?.querySelector('h3');
          return h && h.textContent.trim() !== title && !h.closest('[aria-busy="true"]');
        },
        first,
        { timeout: 15_000 },
      );
      const second = (await heading.textContent()).trim();
      assert.notEqual(second, first);
      await page.waitForFunction((t) => window.seen.includes(`article loaded: ${t}`), second);
      assert.deepEqual(problems, []);
      await page.close();
    });
  }
});
