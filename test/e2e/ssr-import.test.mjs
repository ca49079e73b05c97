// Every module entry of the package imports in plain Node (no DOM, no shim), as a
// server-side renderer, a test runner or a bundler's SSR pass would import it: nothing may
// touch `window` or `document` at module load.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { root } from './helpers.mjs';

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Every .js file under `dir` (relative to the package root), recursively. */
function jsFiles(dir) {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.js'))
    .map((d) => relative(root, join(d.parentPath, d.name)))
    .sort();
}

/**
 * The specifiers a consumer can import: each `exports` key, with a wildcard key expanded
 * to every file its target matches. `./dist/*` is the browser build for script tags (Lit's
 * browser build, which extends the page's HTMLElement), not a module entry for Node.
 */
function specifiers() {
  const out = [];
  for (const [key, target] of Object.entries(pkg.exports)) {
    if (key === './dist/*') continue;
    const file = typeof target === 'string' ? target : target.default;
    if (!file.endsWith('.js') && !file.endsWith('.json')) continue;
    if (!key.includes('*')) {
      out.push(pkg.name + key.slice(1));
      continue;
    }
    const [prefix, suffix] = file.split('*');
    const dir = prefix.replace(/^\.\//, '');
    for (const match of jsFiles(dir)) {
      if (!match.endsWith(suffix.replace(/^\./, '.'))) continue;
      const star = match.slice(dir.length, match.length - suffix.length);
      out.push(pkg.name + key.slice(1).replace('*', star));
    }
  }
  return out;
}

describe('importing the package in plain Node (server-side rendering)', () => {
  const all = specifiers();

  it('covers the root, the core and every element module', () => {
    assert.ok(all.includes('mhn-widgets'));
    assert.ok(all.includes('mhn-widgets/core'));
    for (const element of readdirSync(join(root, 'lib/elements'))) {
      assert.ok(all.includes(`mhn-widgets/elements/${element}/define.js`), element);
      assert.ok(all.includes(`mhn-widgets/elements/${element}/mhn-${element}.js`), element);
    }
  });

  for (const specifier of all) {
    it(`imports ${specifier}`, () => {
      const json = specifier.endsWith('.json') ? ", { with: { type: 'json' } }" : '';
      const script = `await import(${JSON.stringify(specifier)}${json});
if (typeof window !== 'undefined' || typeof document !== 'undefined') {
  throw new Error('importing defined a DOM global');
}`;
      const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: '' },
      });
      assert.equal(result.status, 0, `exit ${result.status}:\n${result.stderr}`);
      assert.equal(result.stderr, '');
    });
  }
});
