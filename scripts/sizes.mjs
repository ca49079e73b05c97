// Sizes of the browser builds as a page downloads them: each entry point together with
// every chunk it imports statically (what a partner's page fetches for that entry), and,
// for the script-tag loader (dist/mhn-widgets.js), what a page fetches for the widgets it
// shows: the loader plus each present element's chunk and its static imports.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

/** The entry points: the script-tag loader, each per-widget module, and the admin desk. */
export function entryPoints(root) {
  const widgets = join(root, 'dist/widgets');
  const perWidget = existsSync(widgets)
    ? readdirSync(widgets)
        .filter((f) => f.endsWith('.js'))
        .sort()
        .map((f) => join(widgets, f))
    : [];
  const desk = join(root, 'dist/admin/mhn-moderation.js');
  return [join(root, 'dist/mhn-widgets.js'), ...perWidget, ...(existsSync(desk) ? [desk] : [])];
}

/** The files an entry loads before it runs: itself and its static imports, recursively. */
export function staticClosure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const match of code.matchAll(
    /\bimport\s*(?:[\w${},\s*]+from\s*)?["'](\.{1,2}\/[^"']+)["']/g,
  )) {
    staticClosure(join(dirname(file), match[1]), seen);
  }
  return seen;
}

/** The files `file` may import on demand (`import("./…")`), resolved. */
export function dynamicImports(file) {
  const code = readFileSync(file, 'utf8');
  return [...code.matchAll(/\bimport\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g)].map((m) =>
    join(dirname(file), m[1]),
  );
}

/** `{ 'mhn-article': '/…/dist/chunks/mhn-article-<hash>.js', … }`: the loader's element chunks. */
export function elementChunks(root) {
  const chunks = {};
  for (const file of dynamicImports(join(root, 'dist/mhn-widgets.js'))) {
    const m = /\/(mhn-[a-z-]+)-[\w-]+\.js$/.exec(file);
    if (m) chunks[m[1]] = file;
  }
  return chunks;
}

/** The DOMPurify chunk: what a browser without the Sanitizer API also fetches. */
export function dompurifyChunk(root) {
  const dir = join(root, 'dist/chunks');
  const name = existsSync(dir) && readdirSync(dir).find((f) => /^dompurify-[\w-]+\.js$/.test(f));
  return name ? join(dir, name) : undefined;
}

/** Raw, gzip (level 9) and brotli (quality 11) bytes of a set of files, each compressed alone. */
export function measureFiles(files) {
  const sum = (fn) => files.reduce((total, f) => total + fn(readFileSync(f)), 0);
  return {
    files: files.length,
    raw: sum((b) => b.length),
    gzip: sum((b) => gzipSync(b, { level: 9 }).length),
    brotli: sum(
      (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    ),
  };
}

/** Raw, gzip and brotli bytes of an entry and its static imports. */
export function measure(file) {
  return measureFiles([...staticClosure(file)]);
}

/** The files a page using the loader fetches for `tags` (Sanitizer API: no DOMPurify). */
export function loaderPage(root, tags) {
  const chunks = elementChunks(root);
  const seen = staticClosure(join(root, 'dist/mhn-widgets.js'));
  for (const tag of tags) {
    if (!chunks[tag]) throw new Error(`the loader has no chunk for <${tag}>`);
    staticClosure(chunks[tag], seen);
  }
  return [...seen];
}

/** The eight elements the loader registers. */
export const ELEMENTS = [
  'mhn-provider',
  'mhn-article',
  'mhn-attribution',
  'mhn-comments',
  'mhn-crisis-resources',
  'mhn-related-topics',
  'mhn-therapist-search',
  'mhn-topic',
];

/**
 * `{ 'dist/mhn-widgets.js': { raw, gzip, brotli, files }, … }`: every entry point, and
 * for the loader the pages the budgets cover.
 */
export function measureAll(root) {
  const sizes = Object.fromEntries(
    entryPoints(root).map((file) => [relative(root, file), measure(file)]),
  );
  if (existsSync(join(root, 'dist/mhn-widgets.js'))) {
    sizes['dist/mhn-widgets.js + article + comments'] = measureFiles(
      loaderPage(root, ['mhn-article', 'mhn-comments']),
    );
    sizes['dist/mhn-widgets.js + all widgets'] = measureFiles(loaderPage(root, ELEMENTS));
    const purify = dompurifyChunk(root);
    if (purify) sizes['dist/chunks/dompurify.js (fallback only)'] = measureFiles([purify]);
  }
  return sizes;
}
