/**
 * Reads the project's own source files from the browser (web-test-runner's readFile
 * command), for checks that compare the code's documentation with what the widgets
 * render.
 */
import { readFile } from '@web/test-runner-commands';

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
