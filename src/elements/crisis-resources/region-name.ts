import { primaryLanguage } from '../../core/i18n.js';

const displayNames = new Map<string, Intl.DisplayNames>();

/*
 * Region names for the bundled languages, as Intl.DisplayNames gives them (the test
 * compares): building a DisplayNames loads its locale's display-name data before the
 * first paint of a widget; other regions and languages still ask Intl.
 */
const REGIONS: Record<'en' | 'es', Record<string, string>> = {
  en: { US: 'United States', CA: 'Canada', GB: 'United Kingdom', MX: 'Mexico', ES: 'Spain' },
  es: { US: 'Estados Unidos', CA: 'Canadá', GB: 'Reino Unido', MX: 'México', ES: 'España' },
};

/** The locales whose names of these regions are the language's (the test checks each). */
const FAST_LOCALES = new Set([
  'en',
  'en-US',
  'en-GB',
  'en-CA',
  'es',
  'es-ES',
  'es-MX',
  'es-US',
  'es-419',
]);

/** "United States" / "Estados Unidos" for `US`; undefined when Intl cannot name it. */
export function regionName(locale: string, code: string): string | undefined {
  const region = code.trim().toUpperCase();
  const fast = FAST_LOCALES.has(locale)
    ? REGIONS[primaryLanguage(locale) as 'en' | 'es'][region]
    : undefined;
  if (fast) return fast;
  try {
    let names = displayNames.get(locale);
    if (!names)
      displayNames.set(locale, (names = new Intl.DisplayNames(locale, { type: 'region' })));
    return names.of(region);
  } catch {
    return undefined;
  }
}
