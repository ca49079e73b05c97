// The built files, as a partner and a bundler receive them.
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAst } from 'rollup/parseAst';
import { root } from './helpers.mjs';
import { minifyHtml } from '../../scripts/rollup-minify-html.mjs';
import {
  dompurifyChunk,
  dynamicImports,
  elementChunks,
  loaderPage,
  measureAll,
  staticClosure,
} from '../../scripts/sizes.mjs';

const read = (file) => readFileSync(join(root, file), 'utf8');

describe('dist/mhn-widgets.js', () => {
  const bundle = read('dist/mhn-widgets.js');
  /** The loader and every file it can load: what a self-hoster copies with dist/. */
  const files = [join(root, 'dist/mhn-widgets.js')];
  for (let i = 0; i < files.length; i++) {
    for (const f of [...staticClosure(files[i]), ...dynamicImports(files[i])]) {
      if (!files.includes(f)) files.push(f);
    }
  }

  it('loads only files inside dist/, by relative URL: no bare module specifiers', () => {
    for (const file of files) {
      const code = readFileSync(file, 'utf8');
      const specifiers = [
        ...code.matchAll(/\b(?:import|export)\s*(?:[^'"`;]*?\bfrom\s*)?["']([^"']+)["']/g),
      ].map((m) => m[1]);
      const dynamic = [...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
      const bad = [...specifiers, ...dynamic].filter((s) => !/^\.{1,2}\//.test(s));
      assert.deepEqual(bad, [], file);
      assert.ok(file.startsWith(join(root, 'dist/')), file);
    }
  });

  it('contains no eval or Function constructor (strict CSP)', () => {
    for (const file of files) {
      const code = readFileSync(file, 'utf8');
      assert.doesNotMatch(code, /\beval\s*\(/, file);
      assert.doesNotMatch(code, /new\s+Function\s*\(/, file);
    }
  });

  it('is a small loader with one chunk per element, and DOMPurify in a chunk of its own', () => {
    assert.deepEqual(Object.keys(elementChunks(root)).sort(), [
      'mhn-article',
      'mhn-attribution',
      'mhn-comments',
      'mhn-crisis-resources',
      'mhn-provider',
      'mhn-related-topics',
      'mhn-therapist-search',
      'mhn-topic',
    ]);
    assert.ok(dompurifyChunk(root), 'no DOMPurify chunk');
    // No page downloads DOMPurify up front: it is only ever imported on demand.
    const all = loaderPage(root, Object.keys(elementChunks(root)));
    assert.equal(all.includes(dompurifyChunk(root)), false);
    assert.ok(files.includes(dompurifyChunk(root)));
  });

  it('asks for each element chunk and everything it imports at once (no waterfall)', () => {
    const asked = new Set(dynamicImports(join(root, 'dist/mhn-widgets.js')));
    for (const [tag, chunk] of Object.entries(elementChunks(root))) {
      for (const file of staticClosure(chunk)) assert.ok(asked.has(file), `${tag}: ${file}`);
    }
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

describe('template minification (scripts/rollup-minify-html.mjs)', () => {
  const fold = (code) =>
    minifyHtml().transform.call({ parse: (c) => parseAst(c) }, code, join(root, 'lib/x.js'))
      ?.code ?? code;

  it('folds line breaks and indentation in html and staticHtml templates into one space', () => {
    const code =
      'const a = html `<div>\n    <b>${x}</b>\n    ${y}\n  </div>`, b = staticHtml `<p\n  class="c">t</p>`;';
    assert.equal(
      fold(code),
      'const a = html `<div> <b>${x}</b> ${y} </div>`, b = staticHtml `<p class="c">t</p>`;',
    );
  });

  it('leaves templates with <pre> or <textarea>, other templates and strings as written', () => {
    for (const code of [
      'const a = html `<pre>\n  x\n</pre>`;',
      'const a = html `<textarea>\n  ${x}</textarea>\n  `;',
      'const a = `${x}\n\n  y`, b = css `a {\n  color: red; }`;',
    ]) {
      assert.equal(fold(code), code);
    }
  });

  it('leaves no indentation in the templates of the built chunks', () => {
    for (const [tag, chunk] of Object.entries(elementChunks(root))) {
      assert.doesNotMatch(readFileSync(chunk, 'utf8'), /\n {2,}</, tag);
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
      [...staticClosure(join(root, file))].some((f) => /(sanitizer|dompurify)-[\w-]+\.js$/.test(f));
    assert.equal(sanitizer('dist/widgets/mhn-article.js'), true);
    // Only the article's chunk in the loader build carries the sanitizer.
    for (const [tag, file] of Object.entries(elementChunks(root))) {
      const code = [...staticClosure(file)].map((f) => readFileSync(f, 'utf8')).join('\n');
      assert.equal(code.includes('setHTML'), tag === 'mhn-article', tag);
    }
    for (const file of Object.keys(sizes).filter((f) => f.startsWith('dist/widgets/'))) {
      if (!file.endsWith('mhn-article.js')) assert.equal(sanitizer(file), false, file);
    }
  });
});
