/**
 * The region a locale implies: its own region subtag, else the likely one
 * (`Intl.Locale#maximize`, which loads likely-subtags data — skipped for bare `en` and
 * `es`, whose likely regions are US and ES).
 */
export function regionOf(locale: string): string | undefined {
  const own = /^[a-z]{2,3}(?:-[A-Z][a-z]{3})?-([A-Z]{2}|\d{3})(?:-|$)/.exec(locale)?.[1];
  if (own) return own;
  if (locale === 'en') return 'US';
  if (locale === 'es') return 'ES';
  try {
    return new Intl.Locale(locale).maximize().region;
  } catch {
    return undefined;
  }
}
