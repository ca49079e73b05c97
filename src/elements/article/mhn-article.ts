import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { html as staticHtml } from 'lit/static-html.js';
import {
  parseArticle,
  parseSite,
  type Article,
  type Person,
  type Site,
} from '../../core/api-types.js';
import { defineStrings, formatDate, formatList } from '../../core/i18n.js';
import { MhnElement } from '../../core/mhn-element.js';
import { getResource, pathOf, resourcesBusy } from '../../controllers/resource.js';
import { nestHeadings, prepareSanitizer, sanitizeHtml } from '../../core/sanitize.js';
import { HeadingLevel } from '../../core/heading.js';
import { skeletonText } from '../../core/states.js';
import { hostStyles } from '../../core/styles.js';
import { safeUrl } from '../../core/urls.js';
import { articleStyles } from './mhn-article.styles.js';
import { addJsonLd, articleJsonLd } from './structured-data.js';
import { article as en } from '../../i18n/en.js';
import { article as es } from '../../i18n/es.js';

defineStrings({ en, es });

/**
 * One article from the publisher: its title as a heading, the authors with their
 * credentials, when it was updated and clinically reviewed, the body (sanitized) and
 * a link back to the canonical page.
 *
 * @tagname mhn-article
 * @summary Shows an article: title, authors, dates, sanitized body, link to the original.
 *
 * @attr {number} heading-level - Level of the title heading, 1–6.
 * @prop {number} headingLevel - Level of the title heading, 1–6.
 *
 * @fires mhn-load - The article rendered. `detail.data` is the article.
 * @fires mhn-error - An error state is shown. `detail.error` is `{ code, message, status? }`.
 *
 * @csspart base - The wrapper of every state.
 * @csspart article - The loaded article.
 * @csspart kicker - The topic above the title.
 * @csspart heading - The title.
 * @csspart byline - The authors.
 * @csspart dates - The updated / reviewed dates.
 * @csspart body - The article text.
 * @csspart source-link - The link to the canonical article.
 * @csspart loading - The placeholder shown while loading.
 * @csspart error - The error message and its Try again button.
 * @csspart button - Buttons (Try again).
 * @csspart retry - The Try again button.
 * @csspart not-found - The "not available" message.
 * @csspart not-configured - The "not set up" message.
 *
 * @cssprop --mhn-font - Font family (default: inherited from the page).
 * @cssprop --mhn-font-size - Base text size (default: the reader's browser default).
 * @cssprop --mhn-color-text - Text colour.
 * @cssprop --mhn-color-muted - Secondary text colour (byline, dates).
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
export class MhnArticle extends HeadingLevel(MhnElement) {
  static override styles = [hostStyles, articleStyles];

  /** The article's slug, as in `/articles/{slug}`. */
  @property() article?: string;

  /**
   * Adds a schema.org `MedicalWebPage` JSON-LD block for the article to the page's
   * `<head>` (once per article, removed when the widget goes), for search engines.
   */
  @property({ attribute: 'structured-data', type: Boolean }) structuredData = false;

  private body?: { source: Article; level: number; fragment: DocumentFragment };
  private jsonLd?: { article: Article; site?: Site; release: () => void };

  private readonly resource = getResource(
    this,
    () => pathOf('articles', this.article),
    parseArticle,
    // Where the browser has no Sanitizer API, DOMPurify's chunk loads alongside the article.
    { required: 'article', ready: prepareSanitizer },
  );

  /** The publisher's name and URL for the structured data (only fetched when asked for). */
  private readonly site = getResource(
    this,
    () => (this.structuredData ? ['site'] : undefined),
    parseSite,
    { events: false },
  );

  /** The loaded article, once loaded. */
  get data(): Article | undefined {
    return this.resource.lastValue;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.syncJsonLd();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.syncJsonLd();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.dropJsonLd();
  }

  /** Keeps the page's JSON-LD block in step with the shown article (and the site, once known). */
  private syncJsonLd(): void {
    const article = this.structuredData && this.isConnected ? this.resource.value : undefined;
    const site = this.site.value;
    if (article === this.jsonLd?.article && site === this.jsonLd?.site) return;
    this.dropJsonLd();
    if (article) {
      const release = addJsonLd(article.url || article.slug, articleJsonLd(article, site));
      this.jsonLd = { article, site, release };
    }
  }

  private dropJsonLd(): void {
    this.jsonLd?.release();
    this.jsonLd = undefined;
  }

  protected override renderContent() {
    return html`<div part="base" aria-busy=${resourcesBusy(this) ? 'true' : 'false'}>
      ${this.resource.render({
        complete: (article) => this.renderArticle(article),
        loading: () => this.renderPlaceholder(),
        notFound: () =>
          html`<p class="state" part="not-found" role="status">${this.t('article.notFound')}</p>`,
      })}
    </div>`;
  }

  /** A typical article's shape: topic, title, byline, dates, six paragraphs, source link. */
  private renderPlaceholder() {
    return html`<p class="kicker">${skeletonText(20)}</p>
      <p class="heading">${skeletonText(36)}</p>
      <p class="byline">${skeletonText(50)}</p>
      <p class="dates">${skeletonText(72)}</p>
      <div class="body">
        ${[300, 220, 260, 180, 240, 160].map((n) => html`<p>${skeletonText(n)}</p>`)}
      </div>
      <p class="source">${skeletonText(40)}</p>`;
  }

  private names(people: Person[]): string {
    const names = people.map((p) => (p.credentials ? `${p.name}, ${p.credentials}` : p.name));
    return formatList(this.resolvedLocale, names);
  }

  private bodyFor(article: Article): DocumentFragment {
    // Sanitize once per loaded article; Lit moves the fragment's nodes into place.
    const level = this.topHeadingLevel;
    if (this.body?.source !== article || this.body.level !== level) {
      const fragment = sanitizeHtml(article.bodyHtml, safeUrl(article.url));
      this.body = { source: article, level, fragment: nestHeadings(fragment, level) };
    }
    return this.body.fragment;
  }

  private renderDate(key: string, iso: string | undefined, names?: string) {
    const text = formatDate(this.resolvedLocale, iso);
    if (!text || !iso) return nothing;
    const time = html`<time datetime=${iso}>${text}</time>`;
    // The sentence is translated as a whole; the date inside it stays a <time>.
    const [before, after = ''] = this.t(key, { date: '\u0000', ...(names ? { names } : {}) }).split(
      '\u0000',
    );
    return html`<span>${before}${time}${after}</span>`;
  }

  private renderArticle(article: Article) {
    const heading = this.heading();
    const url = safeUrl(article.url);
    const topicUrl = safeUrl(article.topic?.url);
    const reviewers = article.reviewedBy?.length ? this.names(article.reviewedBy) : undefined;
    // The title, topic and body are content, in the article's language; the rest is UI.
    const lang = article.language ?? nothing;
    return staticHtml`<article part="article">
      ${
        article.topic
          ? html`<p class="kicker" part="kicker" lang=${lang}>
              ${topicUrl ? html`<a href=${topicUrl}>${article.topic.title}</a>` : article.topic.title}
            </p>`
          : nothing
      }
      <${heading} class="heading" part="heading" lang=${lang}>${article.title}</${heading}>
      ${
        article.authors.length
          ? html`<p class="byline" part="byline">
              ${this.t('article.by', { names: this.names(article.authors) })}
            </p>`
          : nothing
      }
      <p class="dates" part="dates">
        ${
          article.updated && article.updated !== article.published
            ? this.renderDate('article.updated', article.updated)
            : this.renderDate('article.published', article.published)
        }
        ${this.renderDate(reviewers ? 'article.reviewedBy' : 'article.reviewed', article.reviewed, reviewers)}
      </p>
      <div class="body" part="body" lang=${lang}>${this.bodyFor(article)}</div>
      ${
        url
          ? html`<p class="source">
              <a part="source-link" href=${url}
                >${this.t('article.source', { site: new URL(url).hostname })}</a
              >
            </p>`
          : nothing
      }
    </article>`;
  }
}
