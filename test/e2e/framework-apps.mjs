// Building the partner apps in test/e2e/frameworks/ from the packed package, and serving
// their builds: shared by frameworks.test.mjs and ssr.test.mjs.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { extname, join, normalize } from 'node:path';
import { root } from './helpers.mjs';

const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });

/**
 * A fresh build folder (`.cache/<name>`) whose node_modules holds the package as `npm pack`
 * makes it (as built: no scripts run); its dependencies (lit, react, vue…) resolve from
 * this repository's node_modules, the registry packages of the lockfile.
 */
export function installPackedPackage(name) {
  const work = join(root, '.cache', name);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const [{ filename }] = JSON.parse(
    run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], root),
  );
  const target = join(work, 'node_modules', 'mhn-widgets');
  mkdirSync(target, { recursive: true });
  run('tar', ['-xzf', join(work, filename), '-C', target, '--strip-components=1'], work);
  return work;
}

/**
 * Copies test/e2e/frameworks/<app> into `work`, type-checks it with `typecheck` (a
 * command and its arguments, or none) and builds it with Vite; returns its dist folder.
 */
export function buildApp(work, app, typecheck) {
  const dir = join(work, app);
  cpSync(join(root, 'test', 'e2e', 'frameworks', app), dir, { recursive: true });
  try {
    if (typecheck) run(bin(typecheck[0]), typecheck.slice(1), dir);
    run(bin('vite'), ['build'], dir);
  } catch (error) {
    throw new Error(`${app} app: ${error.message}\n${error.stdout ?? ''}${error.stderr ?? ''}`);
  }
  return join(dir, 'dist');
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/**
 * A static server (the partner's site, on its own origin): `/<app>/…` from `dirs[app]`;
 * `pages['/<path>']` answers with that HTML instead.
 */
export async function serve(dirs, pages = {}) {
  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://x');
    if (pages[pathname] !== undefined) {
      return res.writeHead(200, { 'Content-Type': 'text/html' }).end(pages[pathname]);
    }
    const [, app, ...rest] = pathname.split('/');
    const base = dirs[app];
    const file = base && normalize(join(base, rest.join('/') || 'index.html'));
    if (!file || !file.startsWith(base) || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}
