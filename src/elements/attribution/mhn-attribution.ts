import { html, nothing } from 'lit';
import { parseSite, type Certification, type Site } from '../../core/api-types.js';
import { defineStrings } from '../../core/i18n.js';
import { MhnElement } from '../../core/mhn-element.js';
import { getResource, resourcesBusy } from '../../controllers/resource.js';
import { renderEmpty, skeletonText } from '../../core/states.js';
import { hostStyles } from '../../core/styles.js';
import { safeUrl } from '../../core/urls.js';
import { attributionStyles } from './mhn-attribution.styles.js';
import { attribution as en } from '../../i18n/en.js';
import { attribution as es } from '../../i18n/es.js';

defineStrings({ en, es });

/**
 * Who stands behind the content, from `GET /site` (shared with the other widgets):
 * certification badges, each linking to where it can be verified (a text link when
 * the badge image is missing or fails to load — badge issuers disappear), social
 * follow links, "Powered by …" and a link to the publisher. Only http(s) addresses
 * become links or images.
 *
 * @tagname mhn-attribution
 * @summary Certification badges with verify links, social links, "Powered by", the publisher.
 *
 * @fires mhn-load - The attribution rendered. `detail.data` is the site.
 * @fires mhn-error - An error state is shown. `detail.error` is `{ code, message, status? }`.
 *
 * @csspart base - The wrapper of every state.
 * @csspart certifications - The list of certifications.
 * @csspart certification - One certification.
 * @csspart badge-link - The link to where a certification can be verified.
 * @csspart badge-image - A certification's badge.
 * @csspart description - What a certification means.
 * @csspart social - The list of social follow links.
 * @csspart social-link - One social follow link.
 * @csspart credits - The publisher and "Powered by" line.
 * @csspart publisher - The link to the publisher.
 * @csspart powered-by - "Powered by …".
 * @csspart loading - The placeholder shown while loading.
 * @csspart error - The error message and its Try again button.
 * @csspart button - Buttons (Try again).
 * @csspart retry - The Try again button.
 * @csspart empty - Shown when the publisher offers none of these.
 * @csspart not-found - The "not available" message.
 * @csspart not-configured - The "not set up" message.
 *
 * @cssprop --mhn-font - Font family (default: inherited from the page).
 * @cssprop --mhn-font-size - Base text size (default: the reader's browser default).
 * @cssprop --mhn-color-text - Text colour.
 * @cssprop --mhn-color-muted - Secondary text colour (descriptions, credits).
 * @cssprop --mhn-color-accent - Links and buttons.
 * @cssprop --mhn-color-accent-text - Text on accent-coloured buttons.
 * @cssprop --mhn-color-surface - Background.
 * @cssprop --mhn-color-subtle - Loading placeholder.
 * @cssprop --mhn-color-border - Border.
 * @cssprop --mhn-color-error - Error text.
 * @cssprop --mhn-color-focus - Focus ring.
 * @cssprop --mhn-radius - Corner radius.
 * @cssprop --mhn-space - Inner padding.
 * @cssprop --mhn-block-spacing - Space above and below the widget (default `1.5em`).
 */
export class MhnAttribution extends MhnElement {
  static override styles = [hostStyles, attributionStyles];

  /** Certifications whose badge image failed to load (shown as text links). */
  private readonly brokenBadges = new WeakSet<Certification>();

  private readonly resource = getResource(this, () => ['site'], parseSite);

  /** The loaded site facts, once loaded. */
  get data(): Site | undefined {
    return this.resource.lastValue;
  }

  protected override renderContent() {
    return html`<div part="base" aria-busy=${resourcesBusy(this) ? 'true' : 'false'}>
      ${this.resource.render({
        // Typical: a certification and its description, two follow links, the credits.
        loading: () =>
          html`<ul class="certifications">
              <li>
                <span part="badge-link">${skeletonText(24)}</span>
                <p>${skeletonText(96)}</p>
              </li>
            </ul>
            <ul class="social">
              <li><span>${skeletonText(16)}</span></li>
              <li><span>${skeletonText(16)}</span></li>
            </ul>
            <p class="credits">
              <span>${skeletonText(24)}</span><span>${skeletonText(22)}</span>
            </p>`,
        complete: (site) => this.renderSite(site),
      })}
    </div>`;
  }

  /** "Powered by <a>name</a>": the sentence is translated whole, the name linked when safe. */
  private linked(key: string, part: string, name: string, url: string | undefined) {
    const [before, after = ''] = this.t(key, { name: '\u0000' }).split('\u0000');
    return html`<span part=${part}
      >${before}${url ? html`<a href=${url}>${name}</a>` : name}${after}</span
    >`;
  }

  private renderCertification(cert: Certification) {
    const verify = safeUrl(cert.verifyUrl);
    const badge = this.brokenBadges.has(cert) ? undefined : safeUrl(cert.badgeUrl);
    const label = this.t('attribution.verify', { name: cert.name });
    const image = badge
      ? html`<img
          part="badge-image"
          src=${badge}
          alt=${cert.name}
          referrerpolicy="no-referrer"
          @error=${() => {
            this.brokenBadges.add(cert);
            this.requestUpdate();
          }}
        />`
      : undefined;
    return html`<li part="certification">
      ${
        verify
          ? html`<a part="badge-link" href=${verify} aria-label=${image ? label : nothing}
              >${image ?? label}</a
            >`
          : (image ?? cert.name)
      }
      ${
        cert.description
          ? html`<p class="muted" part="description">${cert.description}</p>`
          : nothing
      }
    </li>`;
  }

  private renderSite(site: Site) {
    const social = site.social.filter((s) => safeUrl(s.url));
    const publisher = safeUrl(site.url);
    const { certifications, poweredBy } = site;
    if (!certifications.length && !social.length && !poweredBy && !publisher) {
      return renderEmpty(this.t, this.t('attribution.empty'));
    }
    return html`${
      certifications.length
        ? html`<ul class="certifications" part="certifications">
            ${certifications.map((c) => this.renderCertification(c))}
          </ul>`
        : nothing
    }
    ${
      social.length
        ? html`<ul class="social" part="social">
            ${social.map(
              (s) => html`<li><a part="social-link" href=${safeUrl(s.url)!}>${s.label}</a></li>`,
            )}
          </ul>`
        : nothing
    }
    ${
      publisher || poweredBy
        ? html`<p class="credits" part="credits">
            ${
              publisher
                ? this.linked('attribution.publisher', 'publisher', site.name, publisher)
                : nothing
            }
            ${
              poweredBy
                ? this.linked(
                    'attribution.poweredBy',
                    'powered-by',
                    poweredBy.name,
                    safeUrl(poweredBy.url),
                  )
                : nothing
            }
          </p>`
        : nothing
    }`;
  }
}
