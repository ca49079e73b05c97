import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { html as staticHtml } from 'lit/static-html.js';
import { parseTopic, type Topic } from '../../core/api-types.js';
import { defineStrings } from '../../core/i18n.js';
import { MhnElement } from '../../core/mhn-element.js';
import { getResource, pathOf, resourcesBusy } from '../../controllers/resource.js';
import { renderEmpty, renderNotFound, skeletonText } from '../../core/states.js';
import { HeadingLevel } from '../../core/heading.js';
import { hostStyles } from '../../core/styles.js';
import { safeUrl } from '../../core/urls.js';
import { relatedTopicsStyles } from './mhn-related-topics.styles.js';
import { related as en } from '../../i18n/en.js';
import { related as es } from '../../i18n/es.js';

defineStrings({ en, es });

/**
 * The topics related to one topic, as a list of links to each topic's page on the
 * publisher's site. A related topic whose address is not http(s) is shown as text.
 * It reads the same resource as `<mhn-topic>` (`GET /topics/{slug}`), so both on one
 * page cost one request.
 *
 * @tagname mhn-related-topics
 * @summary "Related Topics": links to the topics related to one topic.
 *
 * @attr {number} heading-level - Level of the "Related Topics" heading, 1–6.
 * @prop {number} headingLevel - Level of the "Related Topics" heading, 1–6.
 *
 * @fires mhn-load - The list rendered. `detail.data` is the topic.
 * @fires mhn-error - An error state is shown. `detail.error` is `{ code, message, status? }`.
 *
 * @csspart base - The wrapper of every state.
 * @csspart heading - The "Related Topics" heading.
 * @csspart list - The list of related topics.
 * @csspart item - One related topic.
 * @csspart link - The link to a related topic.
 * @csspart loading - The placeholder shown while loading.
 * @csspart error - The error message and its Try again button.
 * @csspart button - Buttons (Try again).
 * @csspart retry - The Try again button.
 * @csspart empty - The "No related topics." message.
 * @csspart not-found - The "not available" message.
 * @csspart not-configured - The "not set up" message.
 *
 * @cssprop --mhn-font - Font family (default: inherited from the page).
 * @cssprop --mhn-font-size - Base text size (default: the reader's browser default).
 * @cssprop --mhn-color-text - Text colour.
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
export class MhnRelatedTopics extends HeadingLevel(MhnElement) {
  static override styles = [hostStyles, relatedTopicsStyles];

  /** The topic's slug, as in `/topics/{slug}`. */
  @property() topic?: string;

  private readonly resource = getResource(this, () => pathOf('topics', this.topic), parseTopic, {
    required: 'topic',
  });

  /** The loaded topic, once loaded. */
  get data(): Topic | undefined {
    return this.resource.lastValue;
  }

  protected override renderContent() {
    const heading = this.heading();
    return staticHtml`<div part="base" aria-busy=${resourcesBusy(this) ? 'true' : 'false'}>
      <${heading} class="heading" part="heading">${this.t('related.heading')}</${heading}>
      ${this.resource.render({
        loading: () =>
          html`<ul>
            <li>${skeletonText(12)}</li>
            <li>${skeletonText(12)}</li>
          </ul>`,
        notFound: () => renderNotFound(this.t, this.t('related.notFound')),
        complete: ({ related }) =>
          related.length
            ? html`<ul part="list">
                ${related.map((topic) => {
                  const url = safeUrl(topic.url);
                  return html`<li part="item">
                    ${url ? html`<a part="link" href=${url}>${topic.title}</a>` : topic.title}
                  </li>`;
                })}
              </ul>`
            : renderEmpty(this.t, this.t('related.empty')),
      })}
    </div>`;
  }
}
