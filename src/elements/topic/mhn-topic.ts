import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { html as staticHtml } from 'lit/static-html.js';
import {
  parseSectionPage,
  parseTopic,
  type Section,
  type SectionItem,
  type SectionPage,
  type Topic,
} from '../../core/api-types.js';
import { defineStrings, formatDate } from '../../core/i18n.js';
import { MhnElement } from '../../core/mhn-element.js';
import { PagedListController } from '../../controllers/paged-list.js';
import { getResource, pathOf, resourcesBusy } from '../../controllers/resource.js';
import {
  errorMessage,
  renderEmpty,
  renderError,
  renderLoading,
  renderNotFound,
  skeletonText,
} from '../../core/states.js';
import { HeadingLevel } from '../../core/heading.js';
import { hostStyles } from '../../core/styles.js';
import { safeUrl } from '../../core/urls.js';
import { topicStyles } from './mhn-topic.styles.js';
import { topic as en } from '../../i18n/en.js';
import { topic as es } from '../../i18n/es.js';

/** Items asked for per request. */
const PAGE_SIZE = 10;

const KINDS = ['article', 'news', 'qa', 'blog', 'video', 'link', 'book-review'];

defineStrings({ en, es });

/** One section's items as loaded so far. */
type Panel = PagedListController<SectionItem, SectionPage>;

/**
 * A topic center: the topic's title and one tab per section (with its item count),
 * following the WAI-ARIA tabs pattern (arrow keys, Home / End, roving tabindex). A
 * tab's items load the first time it is opened and stay loaded; **Load more** pages
 * through the rest. Each panel has its own loading, error and empty state.
 *
 * Items that are readable through `/articles` can be routed to the partner's own page
 * with `article-href` (e.g. `/read?a={slug}`, a page that hosts `<mhn-article>`);
 * otherwise items link to their page on the publisher's site.
 *
 * @tagname mhn-topic
 * @summary The topic center: title, one tab per section, each section's items with paging.
 *
 * @attr {number} heading-level - Level of the topic title heading, 1–6.
 * @prop {number} headingLevel - Level of the topic title heading, 1–6.
 *
 * @fires mhn-load - The topic rendered (`detail.data` is the topic), or a section's items
 *   did (`detail.data` is `{ section, items, nextCursor }`).
 * @fires mhn-error - An error state is shown (for the topic or one section). `detail.error`
 *   is `{ code, message, status? }`.
 *
 * @csspart base - The wrapper of every state.
 * @csspart heading - The topic title.
 * @csspart tabs - The tab list.
 * @csspart tab - One tab.
 * @csspart tab-selected - The selected tab.
 * @csspart panel - The selected section's panel.
 * @csspart list - A section's list of items.
 * @csspart item - One item.
 * @csspart item-link - An item's title link.
 * @csspart kind - An item's kind (Article, News…).
 * @csspart date - An item's date.
 * @csspart summary - An item's summary.
 * @csspart more - The Load more button.
 * @csspart loading - The placeholder shown while loading.
 * @csspart error - The error message and its Try again button.
 * @csspart button - Buttons (Try again, Load more).
 * @csspart retry - The Try again button.
 * @csspart empty - The "nothing here" message.
 * @csspart not-found - The "not available" message.
 * @csspart not-configured - The "not set up" message.
 *
 * @cssprop --mhn-font - Font family (default: inherited from the page).
 * @cssprop --mhn-font-size - Base text size (default: the reader's browser default).
 * @cssprop --mhn-color-text - Text colour.
 * @cssprop --mhn-color-muted - Secondary text colour (kind, date).
 * @cssprop --mhn-color-accent - Links, the selected tab and buttons.
 * @cssprop --mhn-color-accent-text - Text on accent-coloured buttons.
 * @cssprop --mhn-color-surface - Background.
 * @cssprop --mhn-color-subtle - Tab hover and loading placeholder.
 * @cssprop --mhn-color-border - Borders and rules.
 * @cssprop --mhn-color-error - Error text.
 * @cssprop --mhn-color-focus - Focus ring.
 * @cssprop --mhn-radius - Corner radius.
 * @cssprop --mhn-space - Inner padding.
 * @cssprop --mhn-block-spacing - Space above and below the widget (default `1.5em`).
 */
export class MhnTopic extends HeadingLevel(MhnElement) {
  static override styles = [hostStyles, topicStyles];

  /** The topic's slug, as in `/topics/{slug}`. */
  @property() topic?: string;

  /** The id of the section whose tab is open first (unknown ids open the first tab). */
  @property() section?: string;

  /**
   * Where items with an `articleSlug` link to: a URL template in which `{slug}` is
   * replaced, resolved against the page (e.g. `/read?a={slug}`). Must give an http(s)
   * URL; otherwise, and without it, items link to their own `url`.
   */
  @property({ attribute: 'article-href' }) articleHref?: string;

  /** The id of the tab the reader opened. */
  @state() private selected?: string;

  private panels = new Map<string, Panel>();
  private key: readonly unknown[] = [];

  private readonly resource = getResource(this, () => pathOf('topics', this.topic), parseTopic, {
    required: 'topic',
  });

  /** The loaded topic, once loaded. */
  get data(): Topic | undefined {
    return this.resource.lastValue;
  }

  /** The open section (the one the reader chose, else `section`, else the first). */
  get currentSection(): Section | undefined {
    const topic = this.resource.value;
    if (!topic) return undefined;
    const { sections } = topic;
    const find = (id?: string) => sections.find((s) => s.id === id?.trim());
    return find(this.selected) ?? find(this.section) ?? sections[0];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const key = [this.resolvedEndpoint, this.topic?.trim(), this.client];
    if (key.some((v, i) => v !== this.key[i])) {
      // Another topic: forget its tabs and cancel what was loading for the old one.
      this.key = key;
      this.dropPanels();
      this.selected = undefined;
    }
    if (changed.has('section')) this.selected = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const section = this.currentSection;
    // A section's first page loads when its tab opens (again if a removal cancelled it).
    const panel = section && this.panels.get(section.id);
    if (section && this.isConnected && !panel?.loaded && !panel?.pending && !panel?.error) {
      void this.panel(section.id).load();
    }
  }

  /** The paged list of a section's items (made on first use). */
  private panel(id: string): Panel {
    let panel = this.panels.get(id);
    if (panel) return panel;
    const endpoint = this.resolvedEndpoint;
    const slug = this.topic?.trim();
    panel = new PagedListController<SectionItem, SectionPage>(this, {
      fetch: (cursor, signal) =>
        this.client.get(endpoint!, ['topics', slug!, 'sections', id], {
          parse: parseSectionPage,
          query: { limit: PAGE_SIZE, cursor },
          signal,
        }),
      announce: (list) => this.t('topic.shown', { count: list.items.length }),
      itemToFocus: (index) => {
        const shown = this.renderRoot.querySelector<HTMLElement>(`[role='tabpanel']:not([hidden])`);
        return shown?.querySelector<HTMLElement>(`li:nth-child(${index + 1}) a`) ?? shown;
      },
      events: (page) => ({ section: id, items: page.items, nextCursor: page.nextCursor }),
    });
    this.panels.set(id, panel);
    return panel;
  }

  /** Cancels every section's request and forgets what they loaded. */
  private dropPanels(): void {
    for (const panel of this.panels.values()) {
      panel.abort();
      this.removeController(panel);
    }
    this.panels.clear();
  }

  /** Opens a tab; `focus` moves focus to it (keyboard). */
  private async select(section: Section, focus = false): Promise<void> {
    const previous = this.currentSection;
    if (previous && previous.id !== section.id) {
      // A first page nobody waits for any more is not worth the bandwidth.
      const left = this.panels.get(previous.id);
      if (left && !left.loaded) {
        left.abort();
        this.removeController(left);
        this.panels.delete(previous.id);
      }
    }
    this.selected = section.id;
    if (!focus) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[role='tab'][aria-selected='true']`)?.focus();
  }

  private onKeydown(event: KeyboardEvent, sections: Section[], index: number): void {
    const n = sections.length;
    const step = getComputedStyle(this).direction === 'rtl' ? -1 : 1;
    const target = (
      { ArrowRight: index + step, ArrowLeft: index - step, Home: 0, End: n - 1 } as Record<
        string,
        number
      >
    )[event.key];
    if (target === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    void this.select(sections[(target + n) % n]!, true);
  }

  /** Where an item links to: the `article-href` route for readable articles, else its url. */
  private hrefOf(item: SectionItem): string | undefined {
    const template = this.articleHref?.trim();
    if (template && item.articleSlug) {
      const routed = safeUrl(template.replaceAll('{slug}', encodeURIComponent(item.articleSlug)));
      if (routed) return routed;
      this.warnOnce('ignores "article-href": it must give an http(s) URL.');
    }
    return safeUrl(item.url);
  }

  protected override renderContent() {
    return html`<div part="base" aria-busy=${resourcesBusy(this) ? 'true' : 'false'}>
      ${this.resource.render({
        loading: () =>
          html`<p class="heading">${skeletonText(20)}</p>
            <div class="tabs">
              ${[22, 21, 15, 25, 16, 10, 9, 16].map(
                (n) => html`<span class="tab">${skeletonText(n)}</span>`,
              )}
            </div>
            ${this.renderItemsPlaceholder()}`,
        notFound: () => renderNotFound(this.t, this.t('topic.notFound')),
        complete: (topic) => this.renderTopic(topic),
      })}
    </div>`;
  }

  private renderTopic(topic: Topic) {
    const heading = this.heading();
    const { sections } = topic;
    const current = this.currentSection;
    return staticHtml`<${heading} class="heading" part="heading" id="title">${topic.title}</${heading}>
      ${
        sections.length
          ? html`<div role="tablist" part="tabs" aria-labelledby="title">
                ${sections.map((section, i) => {
                  const selected = section === current;
                  return html`<button
                    type="button"
                    role="tab"
                    id="tab-${i}"
                    part="tab${selected ? ' tab-selected' : ''}"
                    aria-selected=${selected ? 'true' : 'false'}
                    aria-controls="panel-${i}"
                    tabindex=${selected ? 0 : -1}
                    @click=${() => this.select(section)}
                    @keydown=${(e: KeyboardEvent) => this.onKeydown(e, sections, i)}
                  >
                    ${
                      section.count === undefined
                        ? section.title
                        : this.t('topic.tab', { title: section.title, count: section.count })
                    }
                  </button>`;
                })}
              </div>
              ${sections.map((section, i) => {
                const panel = this.panels.get(section.id);
                const shown = section === current;
                return html`<div
                  role="tabpanel"
                  id="panel-${i}"
                  part="panel"
                  aria-labelledby="tab-${i}"
                  tabindex="0"
                  aria-busy=${panel?.pending ? 'true' : 'false'}
                  ?hidden=${!shown}
                >
                  ${shown || panel?.loaded ? this.renderPanel(panel) : nothing}
                </div>`;
              })}`
          : renderEmpty(this.t, this.t('topic.noSections'))
      }`;
  }

  private renderPanel(panel: Panel | undefined) {
    if (!panel?.loaded) {
      return panel?.error
        ? renderError(this.t, panel.error, () => void panel.load())
        : renderLoading(this.t, 4, undefined, this.renderItemsPlaceholder());
    }
    if (!panel.items.length) return renderEmpty(this.t, this.t('topic.empty'));
    const busy = panel.pending;
    return html`<ul part="list">
        ${panel.items.map((item) => this.renderItem(item))}
      </ul>
      ${
        panel.error
          ? html`<p class="more-error" role="alert">${errorMessage(this.t, panel.error)}</p>`
          : nothing
      }
      ${
        panel.next
          ? html`<button
              type="button"
              part="button more"
              aria-disabled=${busy ? 'true' : 'false'}
              @click=${(e: Event) => panel.loadMore(e)}
            >
              ${this.t('topic.more')}
            </button>`
          : nothing
      }
      <p class="visually-hidden" role="status">${panel.announcement}</p>`;
  }

  /** A typical page: ten items (title, kind and date; a few with a summary), Load more. */
  private renderItemsPlaceholder() {
    return html`<ul>
        ${Array.from(
          { length: PAGE_SIZE },
          (_, i) =>
            html`<li>
              <span class="title">${skeletonText(34)}</span>
              <p class="meta">${skeletonText(22)}</p>
              ${i % 5 ? nothing : html`<p class="summary">${skeletonText(40)}</p>`}
            </li>`,
        )}
      </ul>
      <span class="more"></span>`;
  }

  private renderItem(item: SectionItem) {
    const href = this.hrefOf(item);
    const date = formatDate(this.resolvedLocale, item.date);
    const kind = KINDS.includes(item.kind) ? this.t(`topic.kind.${item.kind}`) : '';
    return html`<li part="item">
      ${
        href
          ? html`<a class="title" part="item-link" href=${href}>${item.title}</a>`
          : html`<span class="title">${item.title}</span>`
      }
      ${
        kind || date
          ? html`<p class="meta">
              ${kind ? html`<span part="kind">${kind}</span>` : nothing}${
                date ? html`<time part="date" datetime=${item.date!}>${date}</time>` : nothing
              }
            </p>`
          : nothing
      }
      ${item.summary ? html`<p class="summary" part="summary">${item.summary}</p>` : nothing}
    </li>`;
  }
}
