/**
 * What a poster sees at once when their comment matched the publisher's self-harm and
 * suicide lists (the `201` says `safety: true`), whether or not moderation is on: a calm
 * message in their language, and the crisis lines of their country from `/site` — the
 * same lines, links and emergency sentence `<mhn-crisis-resources>` shows (shared code).
 * Their comment is held for a person to read; their words stay in the form.
 */
import { html } from 'lit';
import { html as staticHtml, type StaticValue } from 'lit/static-html.js';
import type { Site } from '../../core/api-types.js';
import {
  crisisLinesFor,
  readerCrisisCountry,
  renderCrisisLines,
  type CrisisLinesHost,
} from '../crisis-resources/crisis-lines.js';

/**
 * The panel, under a heading of tag `h`. The lines are those of the reader's country
 * (from their language tags) when there are some; otherwise every line, each with its
 * country named. Without any line (the site has none, or `/site` failed) it still says
 * what to do in danger.
 */
export function renderSafetyPanel(host: CrisisLinesHost, site: Site | undefined, h: StaticValue) {
  return staticHtml`<div
    class="safety"
    part="safety"
    role="region"
    tabindex="-1"
    aria-labelledby="safety-heading"
  >
    <${h} id="safety-heading" class="safety-heading">${host.t('comments.safety.heading')}</${h}>
    <p>${host.t('comments.safety')}</p>
    ${
      crisisLinesFor(site).length
        ? renderCrisisLines(host, site, {
            country: readerCrisisCountry(site, host.resolvedLocale),
            heading: null,
          })
        : html`<p class="emergency" part="emergency">${host.t('comments.safety.noLines')}</p>`
    }
    <p class="safety-kept">${host.t('comments.safety.kept')}</p>
  </div>`;
}
