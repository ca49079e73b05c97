// Two browser builds from the tsc output in lib/ (which is also the npm build):
//
// - dist/mhn-widgets.js: the script-tag entry, a small loader (lib/loader.js) that imports
//   the module of each element present on the page from dist/chunks/ (one chunk per
//   element, which registers <mhn-provider> and the element; one shared core chunk with
//   Lit and tslib's decorator helper, once for every module (tsconfig's importHelpers);
//   DOMPurify with its configuration and hooks (lib/core/purify.js) in a chunk of its own,
//   loaded only where the browser has no HTML Sanitizer API). Self-hosters copy the whole
//   dist/ folder;
// - dist/widgets/mhn-<name>.js: one entry per widget for partners who want only some,
//   code-split so that widgets on one page share one copy of Lit and the core, and the
//   HTML sanitizer is only downloaded by widgets that render publisher HTML. Each entry
//   also registers <mhn-provider>, so any one of them is enough on a page;
// - dist/admin/mhn-moderation.js: the moderation desk, an admin element built on its own
//   (its own copy of Lit and the core, in dist/admin/chunks/ if any), so that nothing of
//   it ever reaches a partner page.
import { readdirSync, existsSync } from 'node:fs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { minifyCss } from './scripts/rollup-minify-css.mjs';
import { minifyHtml } from './scripts/rollup-minify-html.mjs';
import { splitStrings } from './scripts/rollup-split-strings.mjs';

const plugins = () => [
  minifyCss(),
  minifyHtml(),
  splitStrings(),
  nodeResolve({ browser: true, exportConditions: ['browser', 'module', 'import', 'default'] }),
  terser({
    ecma: 2022,
    module: true,
    compress: { passes: 2 },
    format: { comments: false },
  }),
];

const widgets = readdirSync('lib/elements', { withFileTypes: true })
  .filter(
    (d) =>
      d.isDirectory() && d.name !== 'provider' && existsSync(`lib/elements/${d.name}/define.js`),
  )
  .map((d) => d.name)
  .sort();

const PREFIX = '\0widget-entry:';

/** Named shared chunks: the sanitizer (DOMPurify) apart from the core every widget needs. */
function manualChunks(id) {
  if (/node_modules\/dompurify\/|\/lib\/core\/purify\.js$/.test(id)) return 'dompurify';
  if (/\/lib\/core\/sanitize\.js$/.test(id)) return 'sanitizer';
  // The contract's limits are a few numbers several widgets use: no chunk of their own.
  if (
    /node_modules\/(lit|lit-html|lit-element|@lit|tslib)\/|\/lib\/core\/|\/lib\/contract\/limits\.js$/.test(
      id,
    )
  )
    return 'core';
  if (/\/lib\/elements\/provider\//.test(id)) return 'provider';
  return undefined;
}

/** `mhn-<name>` entries: the provider's registration plus the widget's. */
const widgetEntries = {
  name: 'widget-entries',
  resolveId: (id) => (id.startsWith(PREFIX) ? id : null),
  load: (id) =>
    id.startsWith(PREFIX)
      ? `import './lib/elements/provider/define.js';\nexport * from './lib/elements/${id.slice(PREFIX.length)}/define.js';\n`
      : null,
};

const LOADER_PREFIX = '\0element-chunk:';

/** In the loader, `import('./elements/<name>/define.js')` → that element's chunk entry. */
const loaderChunks = {
  name: 'loader-element-chunks',
  resolveDynamicImport(specifier, importer) {
    if (typeof specifier !== 'string' || !/\/lib\/loader\.js$/.test(importer ?? '')) return null;
    const m = /^\.\/elements\/([\w-]+)\/define\.js$/.exec(specifier);
    return m ? `${LOADER_PREFIX}${m[1]}` : null;
  },
  resolveId: (id) => (id.startsWith(LOADER_PREFIX) ? id : null),
  load: (id) => {
    if (!id.startsWith(LOADER_PREFIX)) return null;
    const name = id.slice(LOADER_PREFIX.length);
    return name === 'provider'
      ? `import './lib/elements/provider/define.js';\n`
      : `import './lib/elements/provider/define.js';\nimport './lib/elements/${name}/define.js';\n`;
  },
};

/** The loader build's chunks: Lit, the core and the provider shared; DOMPurify apart. */
function loaderManualChunks(id) {
  if (/node_modules\/dompurify\/|\/lib\/core\/purify\.js$/.test(id)) return 'dompurify';
  // Only the article renders publisher HTML: the sanitizer goes with it.
  if (/\/lib\/core\/sanitize\.js$/.test(id)) return undefined;
  if (
    /node_modules\/(lit|lit-html|lit-element|@lit|tslib)\/|\/lib\/core\/|\/lib\/contract\/limits\.js$|\/lib\/elements\/provider\//.test(
      id,
    )
  )
    return 'core';
  return undefined;
}

/**
 * No waterfall: an element chunk's static imports (the core) would only be discovered
 * once the chunk itself has arrived. The loader asks for them in the same breath instead:
 * each `import("./chunks/mhn-x.js")` in it becomes `Promise.all([import(that), import(each
 * chunk it imports)])`. (The loader's source map is left as rollup wrote it.)
 */
const parallelChunkImports = {
  name: 'parallel-chunk-imports',
  generateBundle(_options, bundle) {
    const loader = bundle['mhn-widgets.js'];
    loader.code = loader.code.replace(
      /\bimport\("\.\/(chunks\/mhn-[\w-]+\.js)"\)/g,
      (whole, file) => {
        const deps = [];
        const visit = (f) => {
          for (const dep of bundle[f]?.imports ?? []) {
            if (deps.includes(dep)) continue;
            deps.push(dep);
            visit(dep);
          }
        };
        visit(file);
        if (!deps.length) return whole;
        const all = [file, ...deps].map((f) => `import("./${f}")`).join(',');
        return `Promise.all([${all}]).then((m)=>m[0])`;
      },
    );
  },
};

export default [
  {
    input: { 'mhn-widgets': 'lib/loader.js' },
    output: {
      dir: 'dist',
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: (chunk) =>
        chunk.facadeModuleId?.startsWith(LOADER_PREFIX)
          ? `chunks/mhn-${chunk.facadeModuleId.slice(LOADER_PREFIX.length)}-[hash].js`
          : 'chunks/[name]-[hash].js',
      manualChunks: loaderManualChunks,
      sourcemap: true,
    },
    plugins: [loaderChunks, ...plugins(), parallelChunkImports],
  },
  {
    input: Object.fromEntries(widgets.map((name) => [`mhn-${name}`, `${PREFIX}${name}`])),
    output: {
      dir: 'dist/widgets',
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      manualChunks,
      sourcemap: true,
    },
    plugins: [widgetEntries, ...plugins()],
  },
  {
    input: { 'mhn-moderation': 'lib/admin/moderation/define.js' },
    output: {
      dir: 'dist/admin',
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      sourcemap: true,
    },
    plugins: plugins(),
  },
];
