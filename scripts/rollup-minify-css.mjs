// A rollup plugin that minifies the CSS inside Lit's css`…` templates of the project's own
// modules (lib/), with esbuild's CSS minifier, so the browser builds do not ship the
// stylesheets' comments and indentation. The npm build in lib/ keeps them readable.
//
// Only templates without `${…}` are touched (the project's styles have none); a template
// using an escape other than \\, \` or \$ fails the build rather than being miscompiled.
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import MagicString from 'magic-string';

const LIB = join(dirname(fileURLToPath(import.meta.url)), '..', 'lib') + sep;

const TEMPLATE = /\bcss\s*`((?:[^`\\]|\\.)*)`/g;

/** The template's text as Lit's css tag receives it (its cooked string). */
function cook(raw, id) {
  return raw.replace(/\\(.)/gs, (whole, char) => {
    if (char === '\\' || char === '`' || char === '$') return char;
    throw new Error(`${id}: unsupported escape ${whole} in a css template`);
  });
}

/** Back to template literal source. */
const uncook = (text) => text.replace(/[\\`]/g, '\\$&').replace(/\$\{/g, '\\${');

export function minifyCss() {
  return {
    name: 'minify-css-templates',
    transform(code, id) {
      if (!id.startsWith(LIB) || !code.includes('css')) return null;
      const source = new MagicString(code);
      let changed = false;
      for (const match of code.matchAll(TEMPLATE)) {
        const raw = match[1];
        if (raw.includes('${')) continue;
        const css = transformSync(cook(raw, id), { loader: 'css', minify: true }).code.trim();
        const start = match.index + match[0].indexOf('`') + 1;
        source.overwrite(start, start + raw.length, uncook(css));
        changed = true;
      }
      return changed ? { code: source.toString(), map: source.generateMap({ hires: true }) } : null;
    },
  };
}
