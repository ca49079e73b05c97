/**
 * The cheap en/es formatting paths (no locale data before the first paint) give exactly
 * what Intl gives, for every month, list length and the numbers and plurals they cover;
 * the Spanish cases they leave to Intl ("e"/"u" before i/o sounds) still come out right.
 */
import { expect } from '@open-wc/testing';
import { formatDate, formatList, formatNumber, translate } from './i18n.js';
import { regionName } from '../elements/crisis-resources/region-name.js';
import { regionOf } from '../elements/therapist-search/region-of.js';

const LOCALES = ['en', 'en-US', 'es'];
const utcLong = (locale: string) =>
  new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  });

describe('en/es fast paths match Intl', () => {
  for (const locale of LOCALES) {
    it(`formats every month's dates like Intl.DateTimeFormat (${locale})`, () => {
      const intl = utcLong(locale);
      for (let month = 1; month <= 12; month++) {
        for (const day of [1, 9, 10, 28]) {
          for (const year of [1999, 2016, 2026]) {
            const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
            expect(formatDate(locale, iso)).to.equal(intl.format(new Date(iso)));
            const stamp = `${iso}T23:30:00-05:00`;
            expect(formatDate(locale, stamp)).to.equal(intl.format(new Date(stamp)));
          }
        }
      }
    });

    it(`joins lists like Intl.ListFormat (${locale})`, () => {
      const names = ['Ana Ruiz, PhD', 'Bo Chen', 'Carla Díaz, LCSW', 'Dev Patel'];
      const hard = ['Inés Soto', 'Hilda Vega', 'Olga Ruiz', 'Hortensia Paz', '8 Group', 'ícaro'];
      for (const type of ['conjunction', 'disjunction'] as const) {
        const intl = new Intl.ListFormat(locale, { type });
        for (let n = 0; n <= names.length; n++) {
          expect(formatList(locale, names.slice(0, n), type)).to.equal(
            intl.format(names.slice(0, n)),
          );
        }
        for (const last of hard) {
          expect(formatList(locale, ['Ana', last], type)).to.equal(intl.format(['Ana', last]));
          expect(formatList(locale, ['Ana', 'Bo', last], type)).to.equal(
            intl.format(['Ana', 'Bo', last]),
          );
        }
      }
    });

    it(`formats counts and chooses plurals like Intl (${locale})`, () => {
      const numbers = new Intl.NumberFormat(locale);
      const plurals = new Intl.PluralRules(locale);
      for (const n of [
        0, 1, 2, 7, 20, 999, 1000, 1500, 9999, 10_000, 12345, 123_456_789, 1_000_000, 2_000_000,
        1.5, -3,
      ]) {
        expect(formatNumber(locale, n)).to.equal(numbers.format(n));
        const message = { one: 'one', many: 'many', other: 'other' };
        expect(translate(locale, 'test.plural', { count: n }, { 'test.plural': message })).to.equal(
          message[plurals.select(n) as keyof typeof message] ?? 'other',
        );
      }
    });
  }

  it('leaves other locales to Intl', () => {
    expect(formatDate('en-GB', '2016-04-04')).to.equal(
      utcLong('en-GB').format(new Date('2016-04-04')),
    );
    expect(formatList('en-GB', ['A', 'B', 'C'])).to.equal(
      new Intl.ListFormat('en-GB', { type: 'conjunction' }).format(['A', 'B', 'C']),
    );
  });

  it('names regions like Intl.DisplayNames', () => {
    const locales = ['en', 'en-US', 'en-GB', 'en-CA', 'es', 'es-ES', 'es-MX', 'es-US', 'es-419'];
    for (const locale of [...locales, 'fr', 'de-CH']) {
      const intl = new Intl.DisplayNames(locale, { type: 'region' });
      for (const code of ['US', 'CA', 'GB', 'MX', 'ES', 'AU', 'IE']) {
        expect(regionName(locale, code), `${locale} ${code}`).to.equal(intl.of(code));
        expect(regionName(locale, ` ${code.toLowerCase()} `), `${locale} ${code}`).to.equal(
          intl.of(code),
        );
      }
    }
  });

  it('finds the region a locale implies like Intl.Locale#maximize', () => {
    for (const locale of [
      'en',
      'es',
      'en-GB',
      'en-CA',
      'es-MX',
      'es-419',
      'en-Latn-GB',
      'fr',
      'pt',
    ]) {
      expect(regionOf(locale), locale).to.equal(new Intl.Locale(locale).maximize().region);
    }
  });
});
