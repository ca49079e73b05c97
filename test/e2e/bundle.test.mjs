// The built files, as a partner and a bundler receive them.
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { root } from './helpers.mjs';
import { measureAll, staticClosure } from '../../scripts/sizes.mjs';

const read = (file) => readFileSync(join(root, file), 'utf8');

describe('dist/mhn-widgets.js', () => {
  const bundle = read('dist/mhn-widgets.js');

  it('is self-contained: no bare module specifiers left', () => {
    const specifiers = [
      ...bundle.matchAll(/\b(?:import|export)\s*(?:[^'"`;]*?\bfrom\s*)?["']([^"']+)["']/g),
    ].map((m) => m[1]);
    const dynamic = [...bundle.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    const bare = [...specifiers, ...dynamic].filter((s) => !/^(\.{0,2}\/|https?:)/.test(s));
    assert.deepEqual(bare, []);
  });

  it('contains no eval or Function constructor (strict CSP)', () => {
    assert.doesNotMatch(bundle, /\beval\s*\(/);
    assert.doesNotMatch(bundle, /new\s+Function\s*\(/);
  });

  it('registers every element', () => {
    for (const tag of [
      'mhn-provider',
      'mhn-article',
      'mhn-comments',
      'mhn-related-topics',
      'mhn-topic',
      'mhn-therapist-search',
      'mhn-attribution',
      'mhn-crisis-resources',
    ]) {
      assert.ok(bundle.includes(`"${tag}"`), `${tag} is not registered by the bundle`);
    }
  });
});

describe('the npm build', () => {
  const pkg = JSON.parse(read('package.json'));

  it('has an exports map whose targets exist, with types', () => {
    for (const [key, target] of Object.entries(pkg.exports)) {
      if (typeof target === 'string') {
        if (!target.includes('*')) assert.ok(existsSync(join(root, target)), `${key} → ${target}`);
        continue;
      }
      if (target.default.includes('*')) continue;
      assert.ok(existsSync(join(root, target.default)), `${key} → ${target.default}`);
      assert.ok(existsSync(join(root, target.types)), `${key} types → ${target.types}`);
    }
  });

  it('points package.json at the committed custom-elements.json', () => {
    assert.equal(pkg.customElements, 'custom-elements.json');
    assert.ok(existsSync(join(root, pkg.customElements)));
  });

  it('names the registering modules as side effects', () => {
    assert.ok(pkg.sideEffects.includes('./lib/index.js'));
    assert.ok(pkg.sideEffects.some((p) => p.includes('define.js')));
    assert.ok(existsSync(join(root, 'lib/elements/article/define.js')));
    assert.ok(existsSync(join(root, 'lib/elements/article/define.d.ts')));
  });
});

describe('size budgets (size-budgets.json, gzip bytes of an entry and its static imports)', () => {
  const budgets = JSON.parse(read('size-budgets.json'));
  const sizes = measureAll(root);

  it('has a budget for every entry point, and an entry point for every budget', () => {
    assert.deepEqual(Object.keys(sizes).sort(), Object.keys(budgets).sort());
  });

  for (const [file, budget] of Object.entries(budgets)) {
    it(`${file} is at most ${budget} bytes gzipped`, () => {
      assert.ok(sizes[file], `${file} was not built`);
      assert.ok(sizes[file].gzip <= budget, `${file} is ${sizes[file].gzip} bytes gzipped`);
    });
  }

  it('keeps the HTML sanitizer out of the widgets that do not render publisher HTML', () => {
    const sanitizer = (file) =>
      [...staticClosure(join(root, file))].some((f) => /sanitizer-[\w-]+\.js$/.test(f));
    assert.equal(sanitizer('dist/widgets/mhn-article.js'), true);
    for (const file of Object.keys(sizes).filter((f) => f.startsWith('dist/widgets/'))) {
      if (!file.endsWith('mhn-article.js')) assert.equal(sanitizer(file), false, file);
    }
  });
});
