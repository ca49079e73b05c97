// The script-tag bundle: one minified, self-contained ES module that registers every
// element (Lit, @lit/context, @lit/task and DOMPurify inside). Built from the tsc output
// in lib/, which is also the npm build.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const plugins = [
  nodeResolve({ browser: true, exportConditions: ['browser', 'module', 'import', 'default'] }),
  terser({
    ecma: 2022,
    module: true,
    compress: { passes: 2 },
    format: { comments: false },
  }),
];

export default [
  {
    input: 'lib/index.js',
    output: { file: 'dist/mhn-widgets.js', format: 'es', sourcemap: true },
    plugins,
  },
];
