import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { html as staticHtml, type StaticValue } from 'lit/static-html.js';
import {
  parseSite,
  parseTherapistPage,
  type Therapist,
  type TherapistPage,
} from '../../core/api-types.js';
import { ContentError } from '../../core/errors.js';
import { defineStrings, formatList, formatNumber } from '../../core/i18n.js';
import { regionOf } from './region-of.js';
import { MhnElement } from '../../core/mhn-element.js';
import { PagedListController } from '../../controllers/paged-list.js';
import { ResourceController, getResource, initialState } from '../../controllers/resource.js';
import { errorMessage, renderError, skeletonText } from '../../core/states.js';
import { HeadingLevel } from '../../core/heading.js';
import { hostStyles } from '../../core/styles.js';
import { safeUrl, telUrl } from '../../core/urls.js';
import {
  COUNTRIES,
  PAGE_SIZE,
  RADIUS_KM,
  normalizePostalCode,
  type Country,
} from '../../contract/index.js';
import { therapistSearchStyles } from './mhn-therapist-search.styles.js';
import { therapist as en } from '../../i18n/en.js';
import { therapist as es } from '../../i18n/es.js';

const MILE_KM = 1.609344;
const RADII_KM = [10, 25, 40, 80, 160];
const RADII_MI = [5, 15, 25, 50, 100];
const EXAMPLES: Record<Country, string> = { US: '10001', CA: 'K1A 0B1' };

defineStrings({ en, es });

/** The query of a search: the normalized code, the radius in km, the page size. */
type Search = { postalCode: string; radius: number; limit: number };

/** Whether distances are shown in miles for `locale` (its region, `en` meaning en-US). */
function usesMiles(locale: string): boolean {
  return ['US', 'GB', 'LR', 'MM'].includes(regionOf(locale) ?? '');
}

/**
 * A therapist finder for the USA and Canada: a search form (ZIP or postal code and a
 * distance), then the therapists nearby with their credentials, place, specialties,
 * distance, a phone link and a link to their profile. Codes are checked before any
 * request; readers elsewhere are pointed to the publisher's Advanced Search (from
 * `GET /site`, shared with the other widgets). Distances are shown in miles where
 * readers expect miles (en-US) and in kilometres elsewhere.
 *
 * @tagname mhn-therapist-search
 * @summary "Find a Therapist (USA/Canada)": postal code search with results and paging.
 *
 * @attr {number} heading-level - Level of the "Find a Therapist" heading, 1–5 (each therapist's name is one level below).
 * @prop {number} headingLevel - Level of the "Find a Therapist" heading, 1–5 (each therapist's name is one level below).
 *
 * @fires mhn-load - Search results rendered. `detail.data` is the first page of results.
 * @fires mhn-error - The search failed and an error state is shown. `detail.error` is `{ code, message, status? }`.
 *
 * @csspart base - The wrapper of the widget.
 * @csspart heading - The "Find a Therapist" heading.
 * @csspart form - The search form.
 * @csspart label - The field labels.
 * @csspart input - The postal code box.
 * @csspart select - The distance choice.
 * @csspart field-error - A message about the postal code or the distance.
 * @csspart elsewhere - The line pointing to Advanced Search.
 * @csspart advanced-link - The Advanced Search link.
 * @csspart status - The result count, or why there are no results.
 * @csspart results - The list of therapists.
 * @csspart result - One therapist.
 * @csspart name - A therapist's name and credentials.
 * @csspart profile-link - The link to a therapist's profile.
 * @csspart phone-link - A therapist's `tel:` link.
 * @csspart loading - The placeholder shown while searching.
 * @csspart error - The error message and its Try again button.
 * @csspart button - Buttons (Search, Load more, Try again).
 * @csspart retry - The Try again button.
 * @csspart search - The Search button.
 * @csspart load-more - The "Load more therapists" button.
 * @csspart not-configured - The "not set up" message.
 *
 * @cssprop --mhn-font - Font family (default: inherited from the page).
 * @cssprop --mhn-font-size - Base text size (default: the reader's browser default).
 * @cssprop --mhn-color-text - Text colour.
 * @cssprop --mhn-color-muted - Secondary text colour (place, distance).
 * @cssprop --mhn-color-accent - Links and buttons.
 * @cssprop --mhn-color-accent-text - Text on accent-coloured buttons.
 * @cssprop --mhn-color-surface - Background.
 * @cssprop --mhn-color-subtle - Loading placeholder.
 * @cssprop --mhn-color-border - Borders and rules.
 * @cssprop --mhn-color-error - Error text.
 * @cssprop --mhn-color-focus - Focus ring.
 * @cssprop --mhn-radius - Corner radius.
 * @cssprop --mhn-space - Inner padding.
 * @cssprop --mhn-block-spacing - Space above and below the widget (default `1.5em`).
 */
export class MhnTherapistSearch extends HeadingLevel(MhnElement, 1) {
  static override styles = [hostStyles, therapistSearchStyles];

  /** The default search distance, in kilometres (shown in miles where readers expect miles). */
  @property({ type: Number }) radius = 40;

  /** How many therapists to show at a time (1–100; "Load more therapists" shows the next ones). */
  @property({ attribute: 'page-size', type: Number }) pageSize = 10;

  /** The distance the reader chose, in km. */
  @state() private km?: number;
  /** The search being shown. */
  @state() private searched?: Search;
  /** The field that is in error, and the server's message for it (if it came from the server). */
  @state() private invalid?: { field: 'code' | 'radius'; message?: string };

  @query('#code') private input?: HTMLInputElement;

  /** Publisher facts (Advanced Search link, countries); the form works without them. */
  private readonly site = getResource(this, () => ['site'], parseSite, { events: false });

  /** The results shown so far (first page plus any loaded with Load more). */
  private readonly results = new PagedListController<Therapist, TherapistPage>(this, {
    fetch: (cursor, signal) =>
      this.client.get(this.resolvedEndpoint!, ['therapists'], {
        parse: parseTherapistPage,
        query: { ...this.searched!, cursor },
        signal,
      }),
    itemToFocus: (index) => this.renderRoot.querySelectorAll<HTMLElement>('.name')[index],
  });

  private readonly search = new ResourceController(this, {
    args: () => [this.resolvedEndpoint, this.client, this.searched] as const,
    load: async ([endpoint, client, searched], signal) => {
      if (!endpoint || !searched) return initialState;
      try {
        const page = await client.get(endpoint, ['therapists'], {
          parse: parseTherapistPage,
          query: searched,
          signal,
        });
        this.results.reset(searched, page);
        return page;
      } catch (e) {
        if (!(e instanceof ContentError) || e.code !== 'validation_failed') throw e;
        // The server's own message goes on the field it names.
        const field = e.fields?.['radius'] && !e.fields['postalCode'] ? 'radius' : 'code';
        this.invalid = {
          field,
          message: e.fields?.[field === 'code' ? 'postalCode' : 'radius'] ?? e.message,
        };
        void this.updateComplete.then(() =>
          this.renderRoot.querySelector<HTMLElement>(`#${field}`)?.focus(),
        );
        return initialState;
      }
    },
  });

  private shown?: TherapistPage;

  /** The therapists shown, once a search has completed. */
  get data(): TherapistPage | undefined {
    if (this.search.status !== 'complete') return undefined;
    const { items, next } = this.results;
    if (this.shown?.items !== items) this.shown = { items: items as Therapist[], nextCursor: next };
    return this.shown;
  }

  private get miles(): boolean {
    return usesMiles(this.resolvedLocale);
  }

  /** A distance in the reader's unit: "25 mi", "40 km". */
  private distance(km: number, digits: number): string {
    const miles = this.miles;
    return formatNumber(this.resolvedLocale, miles ? km / MILE_KM : km, {
      style: 'unit',
      unit: miles ? 'mile' : 'kilometer',
      maximumFractionDigits: digits,
    });
  }

  /** The distance choices in km (in round miles where miles are used) and the selected one. */
  private radii(): { options: number[]; selected: number } {
    const options = this.miles
      ? RADII_MI.map((mi) => Math.round(mi * MILE_KM * 10) / 10)
      : [...RADII_KM];
    const wanted =
      this.radius > 0 && Number.isFinite(this.radius) ? Number(this.radius) : RADIUS_KM.default;
    const near = (km: number) => Math.abs(km - wanted) / wanted;
    if (!options.some((km) => near(km) < 0.1)) options.push(wanted);
    options.sort((a, b) => a - b);
    const fallback = options.reduce((best, km) => (near(km) < near(best) ? km : best));
    return { options, selected: options.includes(this.km ?? NaN) ? this.km! : fallback };
  }

  private get countries(): Country[] {
    const listed = (this.site.lastValue?.therapistSearch?.countries ?? [])
      .map((c) => c.trim().toUpperCase() as Country)
      .filter((c) => COUNTRIES.includes(c));
    return listed.length ? listed : [...COUNTRIES];
  }

  private list(items: string[], type: 'conjunction' | 'disjunction'): string {
    return formatList(this.resolvedLocale, items, type);
  }

  /** "This search covers the USA and Canada only. Enter a code like 10001 or K1A 0B1." */
  private coverage(): string {
    const countries = this.countries;
    return this.t('therapist.invalid', {
      countries: this.list(
        countries.map((c) => this.t(`therapist.country.${c}`)),
        'conjunction',
      ),
      examples: this.list(
        countries.map((c) => EXAMPLES[c]),
        'disjunction',
      ),
    });
  }

  /** "For other countries, use Advanced Search." — only when the link is http(s). */
  private renderElsewhere() {
    const url = safeUrl(this.site.lastValue?.therapistSearch?.advancedSearchUrl);
    if (!url) return nothing;
    const [before, after = ''] = this.t('therapist.elsewhere', { link: '\u0000' }).split('\u0000');
    return html`${before}<a part="advanced-link" href=${url}>${this.t('therapist.advanced')}</a
      >${after}`;
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const input = this.input!;
    const valid = normalizePostalCode(input.value, this.countries);
    if (!valid) {
      this.invalid = { field: 'code' };
      input.focus();
      return;
    }
    input.value = valid.code;
    this.invalid = undefined;
    this.results.abort();
    const size = Math.round(this.pageSize);
    this.searched = {
      postalCode: valid.code,
      radius: this.radii().selected,
      limit: size >= PAGE_SIZE.min && size <= PAGE_SIZE.max ? size : 10,
    };
  }

  protected override renderContent() {
    if (!this.resolvedEndpoint) {
      return html`<div part="base">${this.renderNotConfigured('endpoint')}</div>`;
    }
    const heading = this.heading();
    const { options, selected } = this.radii();
    const invalid = this.invalid;
    const codeError = invalid?.field === 'code';
    const radiusError = invalid?.field === 'radius';
    const busy = this.search.status === 'pending' || this.results.pending;
    return staticHtml`<div part="base">
      <${heading} class="heading" part="heading" id="heading">${this.t('therapist.heading')}</${heading}>
      <form part="form" role="search" aria-labelledby="heading" @submit=${this.onSubmit}>
        <div class="row">
          <div class="field code">
            <label part="label" for="code">${this.t('therapist.code')}</label>
            <input
              part="input"
              id="code"
              name="postalCode"
              type="text"
              autocomplete="postal-code"
              inputmode="text"
              autocapitalize="characters"
              spellcheck="false"
              aria-invalid=${codeError ? 'true' : 'false'}
              aria-describedby=${codeError ? 'code-error' : nothing}
              @input=${() => codeError && (this.invalid = undefined)}
            />
          </div>
          <div class="field radius">
            <label part="label" for="radius">${this.t('therapist.radius')}</label>
            <select
              part="select"
              id="radius"
              name="radius"
              aria-invalid=${radiusError ? 'true' : 'false'}
              aria-describedby=${radiusError ? 'radius-error' : nothing}
              @change=${(e: Event) => {
                this.km = Number((e.target as HTMLSelectElement).value);
                if (radiusError) this.invalid = undefined;
              }}
            >
              ${options.map(
                (km) =>
                  html`<option value=${km} ?selected=${km === selected}>
                    ${this.distance(km, 0)}
                  </option>`,
              )}
            </select>
          </div>
          <button part="button search" type="submit">${this.t('therapist.search')}</button>
        </div>
        <p class="field-error" part="field-error" id="code-error" aria-live="polite">${
          codeError
            ? html`${invalid.message ?? this.coverage()} ${this.renderElsewhere()}`
            : nothing
        }</p>
        <p class="field-error" part="field-error" id="radius-error" aria-live="polite">${
          radiusError ? invalid.message : nothing
        }</p>
      </form>
      <p class="elsewhere muted" part="elsewhere">${
        codeError
          ? nothing
          : this.site.status === 'initial' || this.site.status === 'pending'
            ? html`<span aria-hidden="true">${skeletonText(36)}</span>`
            : this.renderElsewhere()
      }</p>
      <div class="results-area" aria-busy=${busy ? 'true' : 'false'}>
        <p class="status" part="status" role="status">${this.renderStatus()}</p>
        ${this.renderResults(this.heading(1))}
      </div>
    </div>`;
  }

  private renderStatus() {
    const { items } = this.results;
    const searched = this.searched;
    if (this.search.status !== 'complete' || !searched) return nothing;
    const params = { code: searched.postalCode, radius: this.distance(searched.radius, 0) };
    return items.length
      ? this.t('therapist.count', { ...params, count: items.length })
      : html`${this.t('therapist.empty', params)} ${this.renderElsewhere()}`;
  }

  private renderResults(heading: StaticValue) {
    if (this.search.status === 'initial') return nothing;
    return this.search.render({
      loadingLines: 3,
      loadingLabel: this.t('therapist.searching'),
      complete: () => this.renderList(heading),
      error: (error) => renderError(this.t, error, () => void this.search.run()),
    });
  }

  private renderList(heading: StaticValue) {
    const { items, next, error, pending } = this.results;
    return html`${
      items.length
        ? html`<ul class="results" part="results">
            ${items.map((t) => this.renderTherapist(t, heading))}
          </ul>`
        : nothing
    }
    ${error ? html`<p class="state" role="alert">${errorMessage(this.t, error)}</p>` : nothing}
    ${
      next
        ? html`<button
            class="secondary more"
            part="button load-more"
            type="button"
            aria-disabled=${pending ? 'true' : 'false'}
            @click=${(e: Event) => this.results.loadMore(e)}
          >
            ${this.t('therapist.more')}
          </button>`
        : nothing
    }`;
  }

  private renderTherapist(therapist: Therapist, heading: StaticValue) {
    const url = safeUrl(therapist.url);
    const tel = telUrl(therapist.phone);
    const { name, credentials, city, region, specialties, phone, distanceKm } = therapist;
    const title = credentials ? `${name}, ${credentials}` : name;
    const place = [city, region].filter(Boolean).join(', ');
    return staticHtml`<li class="result" part="result">
      <${heading} class="name" part="name" tabindex="-1">${
        url ? html`<a part="profile-link" href=${url}>${title}</a>` : title
      }</${heading}>
      ${
        place || distanceKm !== undefined
          ? html`<p class="meta">
              ${place ? html`<span>${place}</span>` : nothing}
              ${
                distanceKm !== undefined
                  ? html`<span
                      >${this.t('therapist.away', { distance: this.distance(distanceKm, 1) })}</span
                    >`
                  : nothing
              }
            </p>`
          : nothing
      }
      ${
        specialties?.length
          ? html`<p class="specialties">
              ${this.t('therapist.specialties', { list: specialties.join(', ') })}
            </p>`
          : nothing
      }
      ${
        phone
          ? html`<p class="phone">
              ${tel ? html`<a part="phone-link" href=${tel}>${this.t('therapist.call', { phone })}</a>` : phone}
            </p>`
          : nothing
      }
    </li>`;
  }
}
