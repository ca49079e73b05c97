/**
 * The crisis lines from `/site` as people see them — each line's name, large "Call" and
 * "Text" links (`tel:` / `sms:`, only for numbers that are numbers) and its website (only
 * http(s)), then the publisher's emergency sentence. Shared by `<mhn-crisis-resources>`
 * and by `<mhn-comments>` (shown to a poster whose comment matched the safety lists).
 */
import { css, html, nothing } from 'lit';
import type { CrisisLine, Site } from '../../core/api-types.js';
import { safeUrl, telUrl } from '../../core/urls.js';
import { regionName } from './region-name.js';

export interface CrisisLinesHost {
  readonly resolvedLocale: string;
  t(key: string, params?: Record<string, string | number>): string;
}

const upper = (code: string | undefined) => code?.trim().toUpperCase() ?? '';

/** The lines of `country` (and those for every country); all of them without a country. */
export function linesFor(site: Site | undefined, country?: string): CrisisLine[] {
  const wanted = upper(country);
  return (site?.crisis?.lines ?? []).filter(
    (line) => !wanted || !line.country || upper(line.country) === wanted,
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

function action(host: CrisisLinesHost, number: string | undefined, scheme: 'tel' | 'sms') {
  if (!number) return nothing;
  const href = telUrl(number, scheme);
  const label = host.t(scheme === 'tel' ? 'crisis.call' : 'crisis.text', { number });
  const part = scheme === 'tel' ? 'call-link' : 'text-link';
  return href
    ? html`<a class="button ${scheme}" part=${part} href=${href}>${label}</a>`
    : html`<span>${label}</span>`;
}

/**
 * The list of `lines` and the emergency sentence. `regions`: name each line's country
 * (when the lines shown are not of one country already).
 */
export function renderCrisisLines(
  host: CrisisLinesHost,
  lines: readonly CrisisLine[],
  { regions, emergency }: { regions: boolean; emergency?: string | undefined },
) {
  return html`<ul class="lines" part="lines">
      ${lines.map((line) => {
        const url = safeUrl(line.url);
        const region =
          regions && line.country ? regionName(host.resolvedLocale, line.country) : undefined;
        return html`<li class="line" part="line">
          <p class="name" part="name">
            ${line.name}${region ? html` <span class="muted">(${region})</span>` : nothing}
          </p>
          <p class="line-actions">
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

  .line .name {
    margin: 0 0 0.5em;
    font-weight: 700;
    font-size: 1.0625em;
  }

  .line-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 0.75em;
    margin: 0;
  }

  .line-actions .button {
    min-height: 2.75em;
    min-width: 7em;
    font-size: 1.0625em;
    text-decoration: none;
  }

  .line-actions .sms {
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
