/**
 * Field checks for one YAML source. Each check records a problem on the line of the
 * offending value (or of its map, when the field is missing) and returns undefined, so
 * a file is read to the end and every problem in it is reported.
 */
import type { Path, YamlSource } from './source.js';
import type { Person, Problem } from './types.js';

type Json = Record<string, unknown>;

/** `sections[2].items[0].kind` */
export function describe(path: Path): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
}

function typeName(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'text';
  return `a ${typeof value}`;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** A calendar date (`2016-04-04`) or an ISO 8601 date-time with its zone. */
export function isDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    !Number.isNaN(Date.parse(text))
  );
}

/** An absolute http(s) URL: the only kind the widgets turn into links. */
export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export class Reader {
  constructor(
    readonly source: YamlSource,
    readonly problems: Problem[],
  ) {}

  get file(): string {
    return this.source.file;
  }

  lineOf(path: Path): number {
    return this.source.lineOf(path);
  }

  problem(path: Path, message: string): void {
    this.problems.push({ file: this.source.file, line: this.source.lineOf(path), message });
  }

  /** The raw value at `path`, or undefined. */
  get(path: Path): unknown {
    let value: unknown = this.source.value;
    for (const part of path) {
      if (value === null || typeof value !== 'object') return undefined;
      value = (value as Json)[part];
    }
    return value;
  }

  has(path: Path): boolean {
    const value = this.get(path);
    return value !== undefined && value !== null;
  }

  private missing(path: Path, required: boolean): undefined {
    if (required) this.problem(path, `${describe(path)} is missing`);
    return undefined;
  }

  private wrongType(path: Path, expected: string): undefined {
    this.problem(path, `${describe(path)} must be ${expected}, not ${typeName(this.get(path))}`);
    return undefined;
  }

  /** A mapping; with `fields`, any other key is reported (a typo would otherwise be silent). */
  map(path: Path, required: boolean, fields?: readonly string[]): Json | undefined {
    const value = this.get(path);
    if (value === undefined || value === null) {
      return path.length === 0
        ? (this.problem(path, 'the file is empty'), undefined)
        : this.missing(path, required);
    }
    if (typeof value !== 'object' || Array.isArray(value)) return this.wrongType(path, 'a mapping');
    if (fields) {
      for (const key of Object.keys(value)) {
        if (!fields.includes(key)) {
          this.problem([...path, key], `unknown field ${describe([...path, key])}`);
        }
      }
    }
    return value as Json;
  }

  list(path: Path, required: boolean): unknown[] | undefined {
    const value = this.get(path);
    if (value === undefined || value === null) return this.missing(path, required);
    if (!Array.isArray(value)) return this.wrongType(path, 'a list');
    return value;
  }

  string(path: Path, required: boolean): string | undefined {
    const value = this.get(path);
    if (value === undefined || value === null) return this.missing(path, required);
    if (typeof value !== 'string') return this.wrongType(path, 'text');
    if (required && value.trim() === '') {
      this.problem(path, `${describe(path)} is empty`);
      return undefined;
    }
    return value;
  }

  /** Text that may be empty (a comment's author, for instance). */
  text(path: Path, required: boolean): string | undefined {
    const value = this.get(path);
    if (value === undefined || value === null) return this.missing(path, required);
    if (typeof value !== 'string') return this.wrongType(path, 'text');
    return value;
  }

  url(path: Path, required: boolean): string | undefined {
    const value = this.string(path, required);
    if (value === undefined) return undefined;
    if (!isHttpUrl(value)) {
      this.problem(path, `${describe(path)} "${value}" is not an absolute http(s) URL`);
      return undefined;
    }
    return value;
  }

  date(path: Path, required: boolean): string | undefined {
    const value = this.string(path, required);
    if (value === undefined) return undefined;
    if (!isDate(value)) {
      this.problem(
        path,
        `${describe(path)} "${value}" is not a date (YYYY-MM-DD, or an ISO 8601 date-time with its zone)`,
      );
      return undefined;
    }
    return value;
  }

  boolean(path: Path, required: boolean): boolean | undefined {
    const value = this.get(path);
    if (value === undefined || value === null) return this.missing(path, required);
    if (typeof value !== 'boolean') return this.wrongType(path, 'true or false');
    return value;
  }

  number(path: Path, required: boolean, min: number, max: number): number | undefined {
    const value = this.get(path);
    if (value === undefined || value === null) return this.missing(path, required);
    if (typeof value !== 'number' || !Number.isFinite(value))
      return this.wrongType(path, 'a number');
    if (value < min || value > max) {
      this.problem(path, `${describe(path)} ${value} is out of range (${min} to ${max})`);
      return undefined;
    }
    return value;
  }

  stringList(path: Path, required: boolean): string[] | undefined {
    const list = this.list(path, required);
    if (!list) return undefined;
    const out: string[] = [];
    list.forEach((_, i) => {
      const value = this.string([...path, i], true);
      if (value !== undefined) out.push(value);
    });
    return out;
  }

  /** A list of people: `name` (required), `credentials`, `url`. */
  people(path: Path, required: boolean): Person[] | undefined {
    const list = this.list(path, required);
    if (!list) return undefined;
    const out: Person[] = [];
    list.forEach((_, i) => {
      const at = [...path, i];
      if (!this.map(at, true, ['name', 'credentials', 'url'])) return;
      const name = this.string([...at, 'name'], true);
      const credentials = this.string([...at, 'credentials'], false);
      const url = this.url([...at, 'url'], false);
      if (name !== undefined) out.push(withOptional({ name }, { credentials, url }));
    });
    return out;
  }
}

/** `base` with the defined entries of `optional` added (absent fields stay absent). */
export function withOptional<T extends object, O extends object>(
  base: T,
  optional: O,
): T & { [K in keyof O]?: Exclude<O[K], undefined> } {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) out[key] = value;
  return out as T & { [K in keyof O]?: Exclude<O[K], undefined> };
}
