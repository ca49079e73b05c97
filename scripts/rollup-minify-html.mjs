// A rollup plugin that folds the source indentation inside the Lit templates (`html`…``
// and `staticHtml`…`` from lit/static-html.js) of the project's own modules (lib/), so
// the browser builds do not ship it. The npm build in lib/ keeps the templates as written.
//
// The rule is deliberately small: every run of white space that contains a line break
// becomes one space. HTML renders such a run as one space anyway (or as nothing between
// blocks), so what a reader sees and what a screen reader reads do not change; words are
// never joined, and markup and bindings are left exactly as written. Templates in which
// white space means something are left whole: any with `<pre`, `<textarea`, `<script` or
// `<style` (the elements' own styles use `white-space: pre*` only on bindings' text, which
// this does not touch). @lit-labs/rollup-plugin-minify-html-literals was measured first:
// its HTML parser rejects the dynamic tags of lit/static-html.js (`<${tag}>`), so it left
// every widget module with one unminified.
//
// Server rendering: Lit hydrates only when the client's templates are the server's, so a
// server-rendered page hydrates with the npm build (as docs/frameworks.md says), not with
// dist/ (which takes over a server-rendered root instead).
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import MagicString from 'magic-string';

const LIB = join(dirname(fileURLToPath(import.meta.url)), '..', 'lib') + sep;
const TAGS = new Set(['html', 'staticHtml', 'svg']);
const VERBATIM = /<(?:pre|textarea|script|style)\b/i;

/** The Lit templates in an ESTree `ast`: their `quasi.quasis` (the literal parts). */
function templates(ast) {
  const found = [];
  const visit = (node) => {
    if (!node || typeof node.type !== 'string') return;
    if (
      node.type === 'TaggedTemplateExpression' &&
      node.tag.type === 'Identifier' &&
      TAGS.has(node.tag.name)
    ) {
      found.push(node.quasi.quasis);
    }
    for (const key of Object.keys(node)) {
      const value = node[key];
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') visit(value);
    }
  };
  visit(ast);
  return found;
}

export function minifyHtml() {
  return {
    name: 'minify-html-templates',
    transform(code, id) {
      if (!id.startsWith(LIB) || !code.includes('html')) return null;
      const source = new MagicString(code);
      for (const quasis of templates(this.parse(code))) {
        if (quasis.some((q) => VERBATIM.test(q.value.raw))) continue;
        for (const q of quasis) {
          const folded = q.value.raw.replace(/\s*\n\s*/g, ' ');
          if (folded !== q.value.raw) source.overwrite(q.start, q.end, folded);
        }
      }
      return source.hasChanged()
        ? { code: source.toString(), map: source.generateMap({ hires: true }) }
        : null;
    },
  };
}
