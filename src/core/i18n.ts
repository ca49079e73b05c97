/**
 * UI strings (English and Spanish) and locale-aware formatting through Intl.
 *
 * The bundled strings live in `src/i18n/` (one typed file per language); each element
 * registers its group with `defineStrings()`; keys are namespaced (`comments.heading`). Partners override any string, for any language, with
 * `setStrings('es', { 'comments.heading': 'Opiniones' })` or per element through
 * its `strings` property. Lookup order: element override → page override →
 * bundled language → English.
 */

import { state as en } from '../i18n/en.js';
import { state as es } from '../i18n/es.js';

/** A message: text with `{name}` placeholders, or plural forms chosen by `{count}`. */
export type Message =
  | string
  | { zero?: string; one?: string; two?: string; few?: string; many?: string; other: string };
export type Messages = Record<string, Message>;
export type Params = Record<string, string | number>;

const bundled: Record<string, Messages> = { en: {}, es: {} };
const overrides: Record<string, Messages> = {};

/** The languages that ship with the library. */
export const SUPPORTED_LANGUAGES = ['en', 'es'] as const;

/** Registers an element's default strings (called once per module). */
export function defineStrings(strings: { en: Messages; es: Messages }): void {
  Object.assign(bundled['en']!, strings.en);
  Object.assign(bundled['es']!, strings.es);
}

/** Page-wide string overrides for one language (`'es'`, `'en'`, or any other primary subtag). */
export function setStrings(language: string, messages: Messages): void {
  const lang = primaryLanguage(language);
  overrides[lang] = { ...overrides[lang], ...messages };
}

/** `es-MX` → `es`. */
export function primaryLanguage(locale: string): string {
  return locale.toLowerCase().split(/[-_]/)[0] || 'en';
}

/**
 * The locale the UI is shown in: the canonical form of `locale` when there are strings
 * for its language (bundled, or added with `setStrings`), else `en` — so dates, numbers
 * and lists never come in another language than the sentences around them.
 */
export function normalizeLocale(locale: string | null | undefined): string {
  try {
    const tag = Intl.getCanonicalLocales(locale!.replace(/_/g, '-'))[0]!;
    const lang = primaryLanguage(tag);
    if (bundled[lang] || overrides[lang]) return tag;
  } catch {
    // Missing or unusable tag.
  }
  return 'en';
}

function lookup(lang: string, key: string, local?: Messages): Message | undefined {
  return local?.[key] ?? overrides[lang]?.[key] ?? bundled[lang]?.[key] ?? bundled['en']![key];
}

/** Translates `key` for `locale`, filling `{params}`; plural forms use `params.count`. */
export function translate(
  locale: string,
  key: string,
  params: Params = {},
  local?: Messages,
): string {
  const lang = primaryLanguage(locale);
  const message = lookup(lang, key, local);
  if (message === undefined) return key;
  let text: string;
  if (typeof message === 'string') {
    text = message;
  } else {
    const count = Number(params['count'] ?? 0);
    const rule = count === 0 && message.zero !== undefined ? 'zero' : pluralRule(locale, count);
    text = message[rule] ?? message.other;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(locale, value) : value;
  });
}

/**
 * Intl objects are costly to build (a long thread formats a date per comment on every
 * render): one per locale and options, reused.
 */
const intlCache = new Map<string, object>();
function cached<T extends object>(key: string, make: () => T): T {
  let value = intlCache.get(key) as T | undefined;
  if (!value) intlCache.set(key, (value = make()));
  return value;
}

/*
 * Cheap paths for the bundled languages. The first Intl formatter of a page loads its
 * locale's data (25–45 ms on a mid-range phone, before the first paint of a widget);
 * for `en` / `es` the common cases below give exactly what Intl gives (test/intl-fast-
 * path.test.ts compares them), and everything else still goes to Intl.
 */
const FAST_DATE_LOCALES = new Set(['en', 'en-US', 'es']);
const MONTHS: Record<string, readonly string[]> = {
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  es: [
    'enero',
    'febrero',
    'marzo',
    'abril',
    'mayo',
    'junio',
    'julio',
    'agosto',
    'septiembre',
    'octubre',
    'noviembre',
    'diciembre',
  ],
};

/** `en`, `en-US`, `es` (where the cheap paths are exact), else undefined. */
function fastLanguage(locale: string): 'en' | 'es' | undefined {
  return FAST_DATE_LOCALES.has(locale) ? (primaryLanguage(locale) as 'en' | 'es') : undefined;
}

function pluralRule(locale: string, count: number): Intl.LDMLPluralRule {
  const fast = fastLanguage(locale);
  // en and es: "one" for exactly 1, "other" for other whole numbers (Spanish has "many"
  // for whole millions, left to Intl).
  if (fast && Number.isInteger(count) && count >= 0 && (fast === 'en' || count % 1_000_000 !== 0)) {
    return count === 1 ? 'one' : 'other';
  }
  try {
    return cached(`p|${locale}`, () => new Intl.PluralRules(locale)).select(count);
  } catch {
    return count === 1 ? 'one' : 'other';
  }
}

export function formatNumber(
  locale: string,
  value: number,
  options?: Intl.NumberFormatOptions,
): string {
  // Whole numbers: English groups thousands with ",", Spanish with "." from 10 000 on.
  const fast = options ? undefined : fastLanguage(locale);
  if (fast && Number.isSafeInteger(value) && value >= 0) {
    const digits = String(value);
    if (fast === 'es' && digits.length < 5) return digits;
    return digits.replace(/\B(?=(\d{3})+$)/g, fast === 'en' ? ',' : '.');
  }
  try {
    const key = `n|${locale}|${JSON.stringify(options ?? {})}`;
    return cached(key, () => new Intl.NumberFormat(locale, options)).format(value);
  } catch {
    return String(value);
  }
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses an ISO 8601 date or timestamp. A calendar date (`2016-04-04`) is kept as that
 * calendar day in every time zone. Returns null for anything unparseable.
 */
export function parseDate(
  iso: string | null | undefined,
): { date: Date; dateOnly: boolean } | null {
  if (typeof iso !== 'string' || iso.length < 10 || iso.length > 40) return null;
  const m = DATE_ONLY.exec(iso);
  if (m) {
    const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(m[3])
      ? null
      : { date, dateOnly: true };
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso)) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : { date, dateOnly: false };
}

/** "April 4, 2016" / "4 de abril de 2016"; null when the date does not parse. */
export function formatDate(locale: string, iso: string | null | undefined): string | null {
  const parsed = parseDate(iso);
  if (!parsed) return null;
  const fast = fastLanguage(locale);
  const year = parsed.date.getUTCFullYear();
  if (fast && year >= 1000 && year <= 9999) {
    const month = MONTHS[fast]![parsed.date.getUTCMonth()]!;
    const day = parsed.date.getUTCDate();
    return fast === 'en' ? `${month} ${day}, ${year}` : `${day} de ${month} de ${year}`;
  }
  try {
    const format = cached(
      `d|${locale}`,
      () =>
        new Intl.DateTimeFormat(locale, {
          year: 'numeric',
          month: 'long',
          day: 'numeric',
          // Calendar dates and timestamps are both shown as the day they name in UTC, so every
          // reader sees the same date the publisher wrote.
          timeZone: 'UTC',
        }),
    );
    return format.format(parsed.date);
  } catch {
    return null;
  }
}

/**
 * "A, B, and C" / "A, B y C" (`conjunction`), "A, B, or C" / "A, B o C" (`disjunction`),
 * as Intl.ListFormat gives them; the items as given when Intl cannot.
 */
export function formatList(
  locale: string,
  items: readonly string[],
  type: 'conjunction' | 'disjunction' = 'conjunction',
): string {
  const fast = fastLanguage(locale);
  const last = items[items.length - 1] ?? '';
  // Spanish writes "e" before an /i/ sound and "u" before an /o/ sound: left to Intl.
  if (fast && !(fast === 'es' && /^(?:h?[iíoó]|8|11)/i.test(last))) {
    if (items.length <= 1) return items.join('');
    const word = {
      en: { conjunction: 'and', disjunction: 'or' },
      es: { conjunction: 'y', disjunction: 'o' },
    }[fast][type];
    if (items.length === 2) return `${items[0]} ${word} ${last}`;
    const head = items.slice(0, -1).join(', ');
    return fast === 'en' ? `${head}, ${word} ${last}` : `${head} ${word} ${last}`;
  }
  try {
    return cached(`l|${locale}|${type}`, () => new Intl.ListFormat(locale, { type })).format(items);
  } catch {
    return items.join(', ');
  }
}

defineStrings({ en, es });
