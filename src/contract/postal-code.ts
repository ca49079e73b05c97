/**
 * ZIP and postal codes the therapist search accepts.
 *
 * - US ZIP: `12345` or ZIP+4 `12345-6789`.
 * - Canadian postal code: `A1A 1A1` with Canada Post's letter rules — the first letter
 *   is one of ABCEGHJKLMNPRSTVXY (never D F I O Q U, W or Z), the other two letters
 *   are never D F I O Q U; any case, the middle space optional.
 *
 * Surrounding whitespace is ignored; anything else (foreign codes, blanks, very long
 * input) is rejected.
 */

export type Country = 'US' | 'CA';

export const COUNTRIES: readonly Country[] = ['US', 'CA'];

/** A US ZIP or ZIP+4, once trimmed. */
export const US_ZIP = /^\d{5}(?:-\d{4})?$/;
/** A Canadian postal code, once trimmed and upper-cased; groups 1 and 2 are its halves. */
export const CA_POSTAL = /^([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]) ?(\d[ABCEGHJ-NPRSTV-Z]\d)$/;

/**
 * The code in its canonical form (`k1a0b1` → `K1A 0B1`) and its country, or null when
 * it is not a valid code of one of `countries`.
 */
export function normalizePostalCode(
  input: string,
  countries: readonly string[] = COUNTRIES,
): { code: string; country: Country } | null {
  const value = String(input).trim().toUpperCase();
  if (countries.includes('US') && US_ZIP.test(value)) return { code: value, country: 'US' };
  const ca = countries.includes('CA') ? CA_POSTAL.exec(value) : null;
  return ca ? { code: `${ca[1]} ${ca[2]}`, country: 'CA' } : null;
}
