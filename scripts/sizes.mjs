// Sizes of the browser builds as a page downloads them: each entry point together with
// every chunk it imports statically (what a partner's page fetches for that entry).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

/** The entry points: the all-in-one bundle and each per-widget module. */
export function entryPoints(root) {
  const widgets = join(root, 'dist/widgets');
  const perWidget = existsSync(widgets)
    ? readdirSync(widgets)
        .filter((f) => f.endsWith('.js'))
        .sort()
        .map((f) => join(widgets, f))
    : [];
  return [join(root, 'dist/mhn-widgets.js'), ...perWidget];
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

/** Raw, gzip (level 9) and brotli (quality 11) bytes of an entry and its static imports. */
export function measure(file) {
  const files = [...staticClosure(file)];
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

/** `{ 'dist/mhn-widgets.js': { raw, gzip, brotli, files }, … }` */
export function measureAll(root) {
  return Object.fromEntries(entryPoints(root).map((file) => [relative(root, file), measure(file)]));
}
