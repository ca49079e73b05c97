// Two browser builds from the tsc output in lib/ (which is also the npm build):
//
// - dist/mhn-widgets.js: the script-tag bundle, one minified self-contained ES module
//   that registers every element (Lit, @lit/context, @lit/task and DOMPurify inside);
// - dist/widgets/mhn-<name>.js: one entry per widget for partners who want only some,
//   code-split so that widgets on one page share one copy of Lit and the core, and the
//   HTML sanitizer is only downloaded by widgets that render publisher HTML. Each entry
//   also registers <mhn-provider>, so any one of them is enough on a page.
import { readdirSync, existsSync } from 'node:fs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { minifyCss } from './scripts/rollup-minify-css.mjs';
import { splitStrings } from './scripts/rollup-split-strings.mjs';

const plugins = () => [
  minifyCss(),
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
  if (/node_modules\/dompurify\/|\/lib\/core\/sanitize\.js$/.test(id)) return 'sanitizer';
  // The contract's limits are a few numbers several widgets use: no chunk of their own.
  if (
    /node_modules\/(lit|lit-html|lit-element|@lit)\/|\/lib\/core\/|\/lib\/contract\/limits\.js$/.test(
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

export default [
  {
    input: 'lib/index.js',
    output: { file: 'dist/mhn-widgets.js', format: 'es', sourcemap: true },
    plugins: plugins(),
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
];
