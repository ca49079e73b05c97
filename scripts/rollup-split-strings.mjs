// A rollup plugin that gives each group of UI strings in lib/i18n/<lang>.js (one file per
// language, one `export const <group> = {…};` per module that registers strings) a module
// of its own in the browser builds. Rollup puts a whole module in one chunk, so without
// this every per-widget entry (dist/widgets/) would download every widget's strings with
// the shared core; split, each group lands beside the one module that imports it.
//
// Only `import { <group> as <name> } from '…/i18n/<lang>.js'` in the project's own modules
// is rewritten; a group that cannot be found fails the build rather than going missing.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import MagicString from 'magic-string';

const LIB = join(dirname(fileURLToPath(import.meta.url)), '..', 'lib') + sep;
const IMPORT = /import\s*\{\s*(\w+)\s+as\s+\w+\s*\}\s*from\s*'((?:\.\.?\/)+i18n\/\w+\.js)'/g;
const PREFIX = '\0i18n-group:';

export function splitStrings() {
  return {
    name: 'split-i18n-groups',
    transform(code, id) {
      if (!id.startsWith(LIB) || !code.includes('/i18n/')) return null;
      const s = new MagicString(code);
      for (const m of code.matchAll(IMPORT)) {
        const at = m.index + m[0].lastIndexOf(m[2]);
        s.overwrite(at, at + m[2].length, `${m[2]}?group=${m[1]}`);
      }
      return s.hasChanged() ? { code: s.toString(), map: s.generateMap({ hires: true }) } : null;
    },
    resolveId(source, importer) {
      const m = /^(.*\/i18n\/\w+\.js)\?group=(\w+)$/.exec(source);
      if (!m || !importer) return null;
      return `${PREFIX}${resolve(dirname(importer), m[1])}?${m[2]}`;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const [file, group] = id.slice(PREFIX.length).split('?');
      const code = readFileSync(file, 'utf8');
      const start = code.indexOf(`export const ${group} = {`);
      const end = code.indexOf('\n};', start);
      if (start < 0 || end < 0) throw new Error(`${file}: no strings group "${group}"`);
      return code.slice(start, end + 3) + '\n';
    },
  };
}
