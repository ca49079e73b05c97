// 1. Bytes per entry point (raw, gzip -9, brotli), each entry with the chunks it
// statically imports, next to baselines bundled here with the build's own settings.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const BASELINES = [
  { name: 'Lit (baseline)', source: "export * from 'lit';" },
  {
    name: 'Lit + DOMPurify (baseline)',
    source: "export * from 'lit'; export { default } from 'dompurify';",
  },
  {
    name: 'Lit + context + task + DOMPurify (baseline)',
    source: [
      "export * from 'lit';",
      "export * from '@lit/context';",
      "export * from '@lit/task';",
      "export { default } from 'dompurify';",
    ].join('\n'),
  },
];

/** Static `import … from "./x.js"` / `import "./x.js"` specifiers (not dynamic import()). */
const STATIC_IMPORT = /\bimport\s*(?:[\w$*{}\s,]+?\bfrom\s*)?["'](\.{1,2}\/[^"']+)["']/g;

/** Raw, gzip (level 9) and brotli (quality 11) sizes of one file's contents. */
function sizesOf(code) {
  const buffer = Buffer.from(code);
  return {
    raw: buffer.length,
    gzip: gzipSync(buffer, { level: 9 }).length,
    brotli: brotliCompressSync(buffer, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
    }).length,
  };
}

/** A file and every file it statically imports, recursively (each file once). */
export function staticGraph(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const [, specifier] of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
    staticGraph(path.resolve(path.dirname(file), specifier), seen);
  }
  return seen;
}

/** Sums the sizes of files that are downloaded (and compressed) one by one. */
function total(sizes) {
  return sizes.reduce(
    (sum, s) => ({ raw: sum.raw + s.raw, gzip: sum.gzip + s.gzip, brotli: sum.brotli + s.brotli }),
    { raw: 0, gzip: 0, brotli: 0 },
  );
}

function entryPoint(root, file) {
  const files = [...staticGraph(file)];
  return {
    name: path.relative(root, file),
    files: files.map((f) => path.relative(path.dirname(file), f)),
    ...total(files.map((f) => sizesOf(readFileSync(f)))),
  };
}

/** Bundles `source` the way rollup.config.mjs bundles dist/ (same resolve and terser settings). */
async function bundleBaseline(root, source) {
  const id = '\0bench-baseline';
  const bundle = await rollup({
    input: id,
    plugins: [
      {
        name: 'baseline',
        resolveId: (s) => (s === id ? s : null),
        load: (s) => (s === id ? source : null),
      },
      nodeResolve({
        rootDir: root,
        browser: true,
        exportConditions: ['browser', 'module', 'import', 'default'],
      }),
      terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } }),
    ],
    onwarn: () => {},
  });
  try {
    const { output } = await bundle.generate({ format: 'es' });
    return output
      .filter((chunk) => chunk.type === 'chunk')
      .map((chunk) => chunk.code)
      .join('');
  } finally {
    await bundle.close();
  }
}

/**
 * @param {{ root: string }} ctx the project folder
 * @returns {Promise<{ entries: object[], baselines: object[] }>}
 */
export async function measureSizes({ root }) {
  const dist = path.join(root, 'dist');
  const widgets = path.join(dist, 'widgets');
  const perWidget = readdirSync(widgets)
    .filter((name) => /^mhn-.+\.js$/.test(name))
    .sort()
    .map((name) => path.join(widgets, name));
  const entries = [path.join(dist, 'mhn-widgets.js'), ...perWidget].map((f) => entryPoint(root, f));
  const baselines = [];
  for (const { name, source } of BASELINES) {
    baselines.push({ name, files: [], ...sizesOf(await bundleBaseline(root, source)) });
  }
  return { entries, baselines };
}
