/**
 * The safety check: every comment is compared with the content folder's lists of
 * self-harm and suicide phrases (`safety/<language>.txt`). A match is always held for a
 * moderator, whatever the pre-moderation setting, with the reason `safety`.
 *
 * A list is one phrase per line; `#` starts a comment; a line starting with `!` is an
 * exception, an everyday phrase taken out of the text before matching ("killed myself
 * laughing"). Phrases match whole words, case- and accent-insensitively, in every
 * language at once (a reader may write in any language on any article).
 */
import { PhraseMatcher, normalizeText, type PhraseMatch } from './text.js';

/** One language's list, as the content folder gives it. */
export interface SafetyList {
  /** The file's name without `.txt`: a language tag such as `en` or `es`. */
  language: string;
  /** Relative to the content folder (`safety/en.txt`). */
  file: string;
  /** As written, in file order. */
  phrases: string[];
  /** Everyday phrases that contain a listed phrase but are not about harm. */
  exceptions: string[];
}

/** What the check found: the phrases, with the language list each came from. */
export interface SafetyResult {
  matched: boolean;
  matches: PhraseMatch[];
}

/** A problem with a list, in the content loader's `file:line: message` form. */
export interface ListProblem {
  file: string;
  line: number;
  message: string;
}

const LANGUAGE = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/;
/** Shorter phrases match too much ("od", "kms"): write the words out. */
const MIN_LENGTH = 4;

/** The language a list file is for, or null when its name is not a language tag. */
export function listLanguage(file: string): string | null {
  const name = file.split('/').pop() ?? file;
  const stem = name.replace(/\.txt$/, '').toLowerCase();
  return LANGUAGE.test(stem) ? stem : null;
}

/**
 * Reads one list file. Every problem is reported with its line: a file not named after
 * a language, a phrase that is empty or too short once normalised, a phrase listed
 * twice, a file with no phrases.
 */
export function parseSafetyList(file: string, text: string, problems: ListProblem[]): SafetyList {
  const language = listLanguage(file);
  if (language === null) {
    problems.push({
      file,
      line: 0,
      message:
        'a safety list is named after its language, such as safety/en.txt or safety/pt-br.txt',
    });
  }
  const phrases: string[] = [];
  const exceptions: string[] = [];
  const seen = new Map<string, number>();
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const line = index + 1;
      const hash = raw.indexOf('#');
      let phrase = (hash === -1 ? raw : raw.slice(0, hash)).trim();
      if (phrase === '') return;
      const exception = phrase.startsWith('!');
      if (exception) phrase = phrase.slice(1).trim();
      const normalized = normalizeText(phrase);
      if (normalized.replace(/ /g, '').length < MIN_LENGTH) {
        problems.push({
          file,
          line,
          message: `"${phrase}" is too short to match safely (at least ${MIN_LENGTH} letters)`,
        });
        return;
      }
      const key = `${exception ? '!' : ''}${normalized}`;
      const first = seen.get(key);
      if (first !== undefined) {
        problems.push({ file, line, message: `"${phrase}" is already listed on line ${first}` });
        return;
      }
      seen.set(key, line);
      (exception ? exceptions : phrases).push(phrase);
    });
  if (phrases.length === 0) {
    problems.push({ file, line: 0, message: 'the list has no phrases' });
  }
  return { language: language ?? file, file, phrases, exceptions };
}

/** Checks comments against a set of lists. Build one per content snapshot (see safetyMatcher). */
export class SafetyMatcher {
  private readonly matcher: PhraseMatcher;

  constructor(lists: readonly SafetyList[]) {
    this.matcher = new PhraseMatcher(
      lists.flatMap((list) => list.phrases.map((phrase) => ({ phrase, list: list.language }))),
      lists.flatMap((list) => list.exceptions),
    );
  }

  /** How many distinct phrases are checked. */
  get size(): number {
    return this.matcher.size;
  }

  /** Checks every text given (a comment's title, name and body). */
  check(...texts: readonly string[]): SafetyResult {
    // Each text on its own, so a phrase cannot run from the title into the body.
    const matches: PhraseMatch[] = [];
    for (const text of texts) {
      for (const m of this.matcher.match(text)) {
        if (!matches.some((seen) => seen.phrase === m.phrase && seen.list === m.list)) {
          matches.push(m);
        }
      }
    }
    return { matched: matches.length > 0, matches };
  }
}

const cache = new WeakMap<readonly SafetyList[], SafetyMatcher>();

/** The matcher for a snapshot's lists, built once per (immutable) set of lists. */
export function safetyMatcher(lists: readonly SafetyList[]): SafetyMatcher {
  let matcher = cache.get(lists);
  if (!matcher) {
    matcher = new SafetyMatcher(lists);
    cache.set(lists, matcher);
  }
  return matcher;
}
