/**
 * The crisis lines of `GET /site` as every widget shows them: for each line its name,
 * large "Call" / "Text" links (`tel:` / `sms:`, only for numbers that are numbers) and its
 * website (only http(s)), then the publisher's emergency sentence. `<mhn-crisis-resources>`
 * renders them, and so does `<mhn-comments>` when it must put them in front of a reader
 * at the right moment (a report of "worried about this person", a comment that matched
 * the safety lists): one rendering, one choice of lines, one set of strings and styles,
 * wherever they appear.
 */
import { css, html, nothing } from 'lit';
import { html as staticHtml, type StaticValue } from 'lit/static-html.js';
import type { CrisisLine, Site } from '../../core/api-types.js';
import { defineStrings } from '../../core/i18n.js';
import { safeUrl, telUrl } from '../../core/urls.js';
import { regionName } from './region-name.js';
import { crisis as en } from '../../i18n/en.js';
import { crisis as es } from '../../i18n/es.js';

defineStrings({ en, es });

export interface CrisisLinesHost {
  readonly resolvedLocale: string;
  t(key: string, params?: Record<string, string | number>): string;
}

/** The lines for `country` (and those for every country), or every line without one. */
export function crisisLinesFor(site: Site | undefined, country?: string): CrisisLine[] {
  const wanted = country?.trim().toUpperCase();
  return (site?.crisis?.lines ?? []).filter(
    (line) => !wanted || !line.country || line.country.trim().toUpperCase() === wanted,
  );
}

/**
 * The reader's country as their language tags say (`en-US`, `es-CA`): the element's
 * locale first, then the browser's languages; undefined when none names a region.
 */
export function readerCountry(locale: string): string | undefined {
  const tags = [locale, ...(globalThis.navigator?.languages ?? [])];
  for (const tag of tags) {
    try {
      // Only a region the tag names: a bare language (`es`) says nothing about a country.
      const { region } = new Intl.Locale(tag);
      if (region) return region;
    } catch {
      // Not a language tag.
    }
  }
  return undefined;
}

/**
 * The country whose lines a reader is shown: theirs (`readerCountry`) when the site has
 * lines for it; otherwise undefined — every line, each with its country named.
 */
export function readerCrisisCountry(site: Site | undefined, locale: string): string | undefined {
  const country = readerCountry(locale);
  return country && crisisLinesFor(site, country).length ? country : undefined;
}

function action(host: CrisisLinesHost, number: string | undefined, scheme: 'tel' | 'sms') {
  if (!number) return nothing;
  const href = telUrl(number, scheme);
  const label = host.t(scheme === 'tel' ? 'crisis.call' : 'crisis.text', { number });
  const part = scheme === 'tel' ? 'call-link' : 'text-link';
  return href
    ? html`<a class="button ${scheme}" part=${part} href=${href}>${label}</a>`
    : html`<span>${label}</span>`;
}

/** A line's country in words, only when lines of several countries are shown together. */
function region(host: CrisisLinesHost, country: string | undefined, code: string | undefined) {
  return country?.trim() || !code ? undefined : regionName(host.resolvedLocale, code);
}

export interface CrisisLinesOptions {
  /** A country code (`US`, `CA`): that country's lines only. Default: every line. */
  country?: string | undefined;
  /**
   * The heading's tag; without one the heading is a strong paragraph (inside a widget);
   * `null`: no heading (the caller has its own).
   */
  heading?: StaticValue | null;
}

/**
 * The lines of `site` for `country` under their heading (the publisher's, or "If you are
 * in crisis"), with the emergency sentence; nothing when there is no line to show. Style
 * it with `crisisLinesStyles`.
 */
export function renderCrisisLines(
  host: CrisisLinesHost,
  site: Site | undefined,
  { country, heading }: CrisisLinesOptions = {},
) {
  const lines = crisisLinesFor(site, country);
  if (!lines.length) return nothing;
  const { heading: title, emergency } = site!.crisis!;
  const text = title ?? host.t('crisis.heading');
  return html`${
      heading === null
        ? nothing
        : heading
          ? staticHtml`<${heading} class="heading" part="heading">${text}</${heading}>`
          : html`<p class="crisis-heading" part="crisis-heading"><strong>${text}</strong></p>`
    }
    <ul class="lines" part="lines">
      ${lines.map((line) => {
        const url = safeUrl(line.url);
        const where = region(host, country, line.country);
        return html`<li class="line" part="line">
          <p class="name" part="name">
            ${line.name}${where ? html` <span class="muted">(${where})</span>` : nothing}
          </p>
          <p class="crisis-actions">
            ${action(host, line.call, 'tel')} ${action(host, line.text, 'sms')}
            ${
              url
                ? html`<a class="website" part="website-link" href=${url}
                    >${host.t('crisis.website', {
                      host: new URL(url).hostname.replace(/^www\./, ''),
                    })}</a
                  >`
                : nothing
            }
          </p>
        </li>`;
      })}
    </ul>
    ${emergency ? html`<p class="emergency" part="emergency">${emergency}</p>` : nothing}`;
}

/** The styles of `renderCrisisLines` (with the widgets' host styles). */
export const crisisLinesStyles = css`
  .lines {
    list-style: none;
    margin: 0 0 0.75em;
    padding: 0;
  }

  .line {
    padding: 0.5em 0;
  }

  .line + .line {
    border-top: 1px solid var(--_border);
  }

  .name {
    margin: 0 0 0.5em;
    font-weight: 700;
    font-size: 1.0625em;
  }

  .crisis-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 0.75em;
    margin: 0;
  }

  .crisis-actions .button {
    min-height: 2.75em;
    min-width: 7em;
    font-size: 1.0625em;
    text-decoration: none;
  }

  .crisis-actions .sms {
    color: var(--_accent);
    background: transparent;
  }

  .website {
    display: inline-block;
    padding: 0.6em 0;
  }

  .emergency {
    margin: 0.5em 0 0;
    font-weight: 600;
  }
`;
