import { type PropertyValues, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { parseSite, type Site } from '../../core/api-types.js';
import { defineStrings } from '../../core/i18n.js';
import { enumerated } from '../../core/enumerated.js';
import { MhnElement } from '../../core/mhn-element.js';
import { HeadingLevel } from '../../core/heading.js';
import { getResource, resourcesBusy } from '../../controllers/resource.js';
import { skeletonText } from '../../core/states.js';
import { hostStyles } from '../../core/styles.js';
import { crisisLinesFor, crisisLinesStyles, renderCrisisLines } from './crisis-lines.js';
import { crisisResourcesStyles } from './mhn-crisis-resources.styles.js';
import { crisis as en } from '../../i18n/en.js';
import { crisis as es } from '../../i18n/es.js';

defineStrings({ en, es });

/**
 * While the site facts load: the heading, two typical lines (name; Call, Text and the
 * website) and the emergency sentence, so the loaded lines take the room reserved.
 */
const crisisPlaceholder = html`<p class="heading">${skeletonText(20)}</p>
  <ul class="lines">
    ${[38, 30].map(
      (name) =>
        html`<li class="line">
          <p class="name">${skeletonText(name)}</p>
          <p class="crisis-actions">
            <span class="skeleton-line button"></span><span class="skeleton-line button"></span>
            <span class="website">${skeletonText(18)}</span>
          </p>
        </li>`,
    )}
  </ul>
  <p class="emergency">${skeletonText(86)}</p>`;

/**
 * Crisis lines from `GET /site` (shared with the other widgets): for each line, its
 * name and large "Call" / "Text" links (`tel:` / `sms:`) and its website, then the
 * publisher's emergency sentence. `country` (`US`, `CA`) keeps the lines for that
 * country; without it every line is shown. When the endpoint offers no crisis line
 * (for that country), the element renders nothing and takes no space.
 *
 * @tagname mhn-crisis-resources
 * @summary Crisis lines with call / text links and the emergency sentence.
 *
 * @attr {number} heading-level - Level of the heading, 1–6.
 * @prop {number} headingLevel - Level of the heading, 1–6.
 *
 * @fires mhn-load - The crisis lines rendered. `detail.data` is the site.
 * @fires mhn-error - An error state is shown. `detail.error` is `{ code, message, status? }`.
 *
 * @csspart base - The wrapper of every state.
 * @csspart heading - The heading ("If you are in crisis").
 * @csspart lines - The list of crisis lines.
 * @csspart line - One crisis line.
 * @csspart name - A line's name.
 * @csspart call-link - A `tel:` link ("Call 988").
 * @csspart text-link - An `sms:` link ("Text 988").
 * @csspart website-link - A line's website.
 * @csspart emergency - The emergency sentence.
 * @csspart loading - The placeholder shown while loading.
 * @csspart error - The error message and its Try again button.
 * @csspart button - Buttons (Try again).
 * @csspart retry - The Try again button.
 * @csspart not-configured - The "not set up" message.
 *
 * @cssprop --mhn-font - Font family (default: inherited from the page).
 * @cssprop --mhn-font-size - Base text size (default: the reader's browser default).
 * @cssprop --mhn-color-text - Text colour.
 * @cssprop --mhn-color-muted - Secondary text colour.
 * @cssprop --mhn-color-accent - Links and buttons.
 * @cssprop --mhn-color-accent-text - Text on accent-coloured buttons.
 * @cssprop --mhn-color-surface - Background.
 * @cssprop --mhn-color-subtle - Loading placeholder.
 * @cssprop --mhn-color-border - Border.
 * @cssprop --mhn-color-focus - Focus ring.
 * @cssprop --mhn-radius - Corner radius.
 * @cssprop --mhn-space - Inner padding.
 * @cssprop --mhn-block-spacing - Space above and below the widget (default `1.5em`).
 */
export class MhnCrisisResources extends HeadingLevel(MhnElement) {
  static override styles = [hostStyles, crisisLinesStyles, crisisResourcesStyles];

  /** `US` or `CA` (any case): show that country's lines only. Default: every line. */
  @enumerated(['US', 'CA'], { ignoreCase: true })
  @property()
  country?: 'US' | 'CA' | 'us' | 'ca';

  private readonly resource = getResource(this, () => ['site'], parseSite);

  /** The loaded site facts, once loaded. */
  get data(): Site | undefined {
    return this.resource.lastValue;
  }

  /** Nothing to show: the endpoint offers no crisis line (for this country). */
  private get empty(): boolean {
    const { status, value, error } = this.resource;
    if (!this.resolvedEndpoint) return false;
    if (status === 'complete') return !crisisLinesFor(value, this.country).length;
    return error?.code === 'not_found';
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.toggleAttribute('data-empty', this.empty);
  }

  protected override renderContent() {
    if (!this.resolvedEndpoint) {
      return html`<div part="base">${this.renderNotConfigured('endpoint')}</div>`;
    }
    return html`<div part="base" aria-busy=${resourcesBusy(this) ? 'true' : 'false'}>
      ${this.resource.render({
        loadingLabel: this.t('crisis.loading'),
        loading: () => crisisPlaceholder,
        complete: (site) => this.renderLines(site),
        notFound: () => nothing,
        // Calm: no red, no jargon, and still the one thing a reader in danger needs.
        error: () =>
          html`<div class="state" part="error" role="alert">
            <p class="state-message">${this.t('crisis.error')}</p>
            <button type="button" part="button retry" @click=${() => void this.resource.run()}>
              ${this.t('state.retry')}
            </button>
          </div>`,
      })}
    </div>`;
  }

  private renderLines(site: Site) {
    return renderCrisisLines(this, site, { country: this.country, heading: this.heading() });
  }
}
