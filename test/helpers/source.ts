/**
 * Reads the project's own source files from the browser (web-test-runner's readFile
 * command), for checks that compare the code's documentation and strings with what the
 * widgets render.
 */
import { readFile } from '@web/test-runner-commands';
import type { Messages } from '../../src/core/i18n.js';

const cache = new Map<string, Promise<string>>();

/** A file's text; `path` is relative to the test/ folder (`../src/core/i18n.ts`). */
export function source(path: string): Promise<string> {
  let text = cache.get(path);
  if (!text) {
    text = readFile({ path }).then((t) => {
      if (t === undefined) throw new Error(`cannot read ${path}`);
      return t;
    });
    cache.set(path, text);
  }
  return text;
}

/** The JSDoc block of the exported element class. */
function classDoc(src: string): string {
  const at = src.search(/\nexport class \w+ extends /);
  const start = src.lastIndexOf('/**', at);
  return at > 0 && start >= 0 ? src.slice(start, at) : '';
}

/** Names given by a JSDoc tag of the element class: `@cssprop --mhn-font - …` → `--mhn-font`. */
export function docNames(src: string, tag: 'cssprop' | 'csspart' | 'tagname'): string[] {
  const names = [...classDoc(src).matchAll(new RegExp(`@${tag}\\s+([\\w-]+)`, 'g'))];
  return names.map((m) => m[1]!);
}

/** The index just past the bracket that closes the one at `open`, skipping string literals. */
function closing(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i += 1) {
    const c = src[i]!;
    if (c === "'" || c === '"' || c === '`') {
      for (i += 1; src[i] !== c; i += 1) if (src[i] === '\\') i += 1;
    } else if (c === '{') depth += 1;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  throw new Error('unbalanced braces');
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r' };

/** A JavaScript object literal of plain data (quoted strings, bare keys, comments) as JSON. */
function literalToJson(literal: string): string {
  let out = '';
  for (let i = 0; i < literal.length; i += 1) {
    const c = literal[i]!;
    if (c === "'" || c === '"' || c === '`') {
      let value = '';
      for (i += 1; literal[i] !== c; i += 1) {
        if (literal[i] !== '\\') value += literal[i];
        else if (literal[++i] === 'u') {
          value += String.fromCharCode(parseInt(literal.slice(i + 1, i + 5), 16));
          i += 4;
        } else value += ESCAPES[literal[i]!] ?? literal[i];
      }
      out += JSON.stringify(value);
    } else if (c === '/' && literal[i + 1] === '/') {
      i = literal.indexOf('\n', i);
    } else if (/[\w$]/.test(c)) {
      const word = /^[\w$]+/.exec(literal.slice(i))![0];
      out += JSON.stringify(word);
      i += word.length - 1;
    } else out += c;
  }
  return out.replace(/,(\s*[}\]])/g, '$1');
}

/** The object literal a module passes to `defineStrings({ en, es })`. */
export function definedStrings(src: string): { en: Messages; es: Messages } {
  const call = src.indexOf('defineStrings({');
  if (call < 0) throw new Error('no defineStrings() call');
  const open = src.indexOf('{', call);
  return JSON.parse(literalToJson(src.slice(open, closing(src, open)))) as {
    en: Messages;
    es: Messages;
  };
}
