/**
 * Reading one content file: YAML (whole file or front matter) parsed with its line
 * positions, so every problem can name the line a publisher has to fix.
 */
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import type { Problem } from './types.js';

/** A path into a YAML value: map keys and sequence indexes. */
export type Path = readonly (string | number)[];

/** A YAML document with the line of every value in it. */
export interface YamlSource {
  /** Relative to the content folder, with `/` separators. */
  readonly file: string;
  /** The document as plain data (maps are objects, with string keys). */
  readonly value: unknown;
  /** The 1-based line of the value at `path` (of its key, for a map entry). */
  lineOf(path: Path): number;
  /** The map keys at `path` as written, with their lines (used for postal area codes). */
  keysAt(path: Path): { key: unknown; line: number }[];
}

/**
 * Parses YAML text that starts on line `firstLine` of `file`. Syntax errors become
 * problems (with their lines) and the source is null.
 */
export function parseYaml(
  file: string,
  text: string,
  firstLine = 1,
): { source: YamlSource | null; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line + firstLine - 1;
  if (doc.errors.length > 0) {
    // An error found only at the end of the text (an unclosed bracket or quote) is shown
    // on the last line that has something on it, not on the empty line after it.
    const lastLine = text.trimEnd().split('\n').length + firstLine - 1;
    return {
      source: null,
      problems: doc.errors.map((error) => ({
        file,
        line: text.slice(error.pos[0]).trim() === '' ? lastLine : lineAt(error.pos[0]),
        message: `YAML syntax error: ${firstSentence(error.message)}`,
      })),
    };
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  return {
    source: {
      file,
      value,
      lineOf: (path) => lineOfPath(doc, path, lineAt, firstLine),
      keysAt: (path) => {
        const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
        if (!isMap(node)) return [];
        return node.items.map((pair) => ({
          key: isScalar(pair.key) ? pair.key.value : pair.key,
          line: isScalar(pair.key) && pair.key.range ? lineAt(pair.key.range[0]) : firstLine,
        }));
      },
    },
    problems: [],
  };
}

/** The parser's message without its trailing source excerpt. */
function firstSentence(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}

function lineOfPath(
  doc: Document,
  path: Path,
  lineAt: (offset: number) => number,
  firstLine: number,
): number {
  // The deepest node on the path that exists: a missing field is reported on its map.
  for (let depth = path.length; depth > 0; depth--) {
    const parent = depth === 1 ? doc.contents : doc.getIn(path.slice(0, depth - 1), true);
    const last = path[depth - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === last);
      const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
      if (range) return lineAt(range[0]);
    } else if (isSeq(parent) && typeof last === 'number') {
      const item = parent.items[last] as { range?: [number, number, number] } | undefined;
      if (item?.range) return lineAt(item.range[0]);
    }
  }
  const root = doc.contents as { range?: [number, number, number] } | null;
  return root?.range ? lineAt(root.range[0]) : firstLine;
}

/** A file split into its YAML front matter and its body. */
export interface FrontMatterFile {
  /** The front matter's text; '' when the file has none. */
  yaml: string;
  /** The file line the front matter's first line is on. */
  yamlFirstLine: number;
  body: string;
  /** Set when the front matter is opened but never closed. */
  unclosed: boolean;
}

/**
 * Splits `---`-fenced front matter from the rest of a Markdown or HTML file. The body
 * keeps its text as written, without the blank lines around it.
 */
export function splitFrontMatter(text: string): FrontMatterFile {
  const source = text.replace(/^\uFEFF/, '');
  const lines = source.split(/\r?\n/);
  if (lines[0]?.trimEnd() !== '---') {
    return { yaml: '', yamlFirstLine: 1, body: source.trim(), unclosed: false };
  }
  const end = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(line));
  if (end === -1) return { yaml: '', yamlFirstLine: 2, body: '', unclosed: true };
  return {
    yaml: lines.slice(1, end).join('\n'),
    yamlFirstLine: 2,
    body: lines
      .slice(end + 1)
      .join('\n')
      .trim(),
    unclosed: false,
  };
}
