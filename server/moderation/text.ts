/**
 * Text as the moderation rules compare it: the same normalisation for the safety lists,
 * the restricted words and duplicate detection, so "Quiero SUICIDARME", "quiero
 * suicidarme" and "quiero  suicidarme!" are one text.
 */
import { createHash } from 'node:crypto';

/** Apostrophes vanish rather than split words: "don't" and "dont" are one word. */
const APOSTROPHES = /['\u2019\u02BC\u2018`\u00B4]/gu;
/** Combining marks, left over by NFKD: "más" -> "mas", "daño" -> "dano". */
const MARKS = /\p{M}+/gu;
/** Anything that is not a letter or a digit separates words. */
const SEPARATORS = /[^\p{L}\p{N}]+/gu;

/**
 * NFKD, combining marks stripped, case-folded, apostrophes removed, and every run of
 * anything but letters and digits collapsed to one space; no leading or trailing space.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .replace(SEPARATORS, ' ')
    .trim();
}

/** A phrase found in a text: the phrase as listed, and the list it came from. */
export interface PhraseMatch {
  phrase: string;
  list: string;
}

export interface PhraseEntry {
  /** As written in the list (shown to moderators). */
  phrase: string;
  /** Where it came from: a list name such as `en`, `es` or `restricted`. */
  list: string;
}

/**
 * Matches whole words and phrases on word boundaries: "kill myself" is found in
 * "I want to KILL myself." but not in "skill myselfie". Exceptions are phrases whose
 * occurrences are taken out of the text before matching ("killed myself laughing").
 */
export class PhraseMatcher {
  private readonly phrases: { normalized: string; entry: PhraseEntry }[];
  private readonly exceptions: string[];

  constructor(phrases: readonly PhraseEntry[], exceptions: readonly string[] = []) {
    const seen = new Set<string>();
    this.phrases = [];
    for (const entry of phrases) {
      const normalized = normalizeText(entry.phrase);
      if (normalized === '' || seen.has(normalized)) continue;
      seen.add(normalized);
      this.phrases.push({ normalized, entry });
    }
    this.exceptions = exceptions.map(normalizeText).filter((e) => e !== '');
  }

  get size(): number {
    return this.phrases.length;
  }

  /** Every listed phrase the text contains, in list order. */
  match(text: string): PhraseMatch[] {
    let haystack = ` ${normalizeText(text)} `;
    // An exception's words are replaced by a mark no phrase contains, so a phrase can
    // neither match inside it nor across it.
    for (const exception of this.exceptions) {
      haystack = haystack.split(` ${exception} `).join(' \u0000 ');
    }
    const out: PhraseMatch[] = [];
    for (const { normalized, entry } of this.phrases) {
      if (haystack.includes(` ${normalized} `))
        out.push({ phrase: entry.phrase, list: entry.list });
    }
    return out;
  }
}

/**
 * A comment's body as duplicate detection compares it: normalised, then hashed, so the
 * store keeps a fingerprint rather than a second copy of the text.
 */
export function bodyFingerprint(body: string): string {
  return createHash('sha256').update(normalizeText(body)).digest('hex').slice(0, 32);
}
