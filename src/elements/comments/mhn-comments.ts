import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { html as staticHtml } from 'lit/static-html.js';
import { parseArticle, parseCommentPage, parseSite, type Comment } from '../../core/api-types.js';
import {
  COMMENT_SORTS,
  DEFAULT_COMMENT_SORT,
  PAGE_SIZE,
  type CommentSort,
} from '../../contract/index.js';
import { defineStrings } from '../../core/i18n.js';
import { enumerated } from '../../core/enumerated.js';
import { MhnElement } from '../../core/mhn-element.js';
import { renderNotFound, skeletonText } from '../../core/states.js';
import { HeadingLevel } from '../../core/heading.js';
import { hostStyles } from '../../core/styles.js';
import { safeUrl } from '../../core/urls.js';
import {
  MissingAttribute,
  ResourceController,
  getResource,
  initialState,
  pathOf,
  resourcesBusy,
} from '../../controllers/resource.js';
import { comments as en } from '../../i18n/en.js';
import { comments as es } from '../../i18n/es.js';
// One group per import: the build gives each group its own module (rollup-split-strings).
import { crisis as crisisEn } from '../../i18n/en.js';
import { crisis as crisisEs } from '../../i18n/es.js';
import { NearViewportController } from '../../controllers/near-viewport.js';
import { CommentsForm } from './comments-form.js';
import { CommentReports } from './comments-report.js';
import {
  commentsPlaceholder,
  createThread,
  renderComment,
  renderThread,
  type Thread,
} from './comments-thread.js';
import { commentsStyles } from './mhn-comments.styles.js';
import { crisisLinesStyles } from '../crisis-resources/crisis-lines.js';
import { OwnDelete } from './own-delete.js';
import { renderSafetyPanel } from './safety-panel.js';

type Sort = CommentSort;

const SORTS = COMMENT_SORTS;

defineStrings({ en, es });
defineStrings({ en: crisisEn, es: crisisEs });

/**
 * The reader comments of one article: the count, the thread (newest or oldest first,
 * paged with **Load more comments**), and a form to post. Requests start when the widget
 * comes within about a viewport of being seen (`loading="eager"` starts at once). The
 * reader's draft is saved locally as they type and survives reloads and failed posts;
 * one idempotency key per draft means retries and double clicks post exactly once; when an
 * earlier version of an edited draft already reached the server, the reader is told and
 * may post the edited version as a new comment. Each published comment has a **Report**
 * control (spam, abuse, worried about this person, other); "worried" also shows the reader
 * the crisis lines.
 *
 * The form carries two spam defences nobody sees (a honeypot field and a timing token
 * from `GET /comment-form`). When a comment matches the publisher's self-harm and
 * suicide lists, the poster sees at once a calm message and the crisis lines of their
 * country (from `/site`, as `<mhn-crisis-resources>` shows them), and keeps their draft.
 * For 24 hours the poster's own comments show **Delete** in the browser they posted
 * from (the deletion token is kept with the draft); it asks before deleting.
 *
 * @tagname mhn-comments
 * @summary Reader comments: count, sortable paged thread, and a form to post.
 *
 * @attr {number} heading-level - Level of the "Reader Comments" heading, 1–5 (the form's and each comment's title are one below).
 * @prop {number} headingLevel - Level of the "Reader Comments" heading, 1–5 (the form's and each comment's title are one below).
 *
 * @fires mhn-load - A page of comments rendered. `detail.data` is the page.
 * @fires mhn-error - An error state is shown. `detail.error` is `{ code, message, status? }`.
 * @fires mhn-comment-submit - A comment was accepted. `detail` is `{ status: 'published' | 'pending', comment }`.
 *
 * @csspart base - The wrapper of every state.
 * @csspart heading - The "Reader Comments" heading.
 * @csspart count - The number of comments in the heading.
 * @csspart sort - The group of sort buttons.
 * @csspart sort-button - Each sort button (`aria-pressed` tells which is in force).
 * @csspart forums - The line linking to the publisher's forums.
 * @csspart forums-link - The link to the forums.
 * @csspart form - The form to post a comment.
 * @csspart label - A field's label.
 * @csspart field - A text field.
 * @csspart counter - The characters left near a field's limit.
 * @csspart field-error - A field's error message.
 * @csspart submit - The Post comment button.
 * @csspart form-error - The message when a post failed.
 * @csspart form-status - The message after posting (sending, awaiting moderation, posted, an earlier version already received).
 * @csspart post-new - The Post as a new comment button (when an earlier version of the draft was already received).
 * @csspart safety - The calm message and crisis lines shown after a comment that matched the safety lists.
 * @csspart lines - The list of crisis lines (in `safety`).
 * @csspart line - One crisis line.
 * @csspart name - A crisis line's name.
 * @csspart call-link - A crisis line's `tel:` link ("Call 988").
 * @csspart text-link - A crisis line's `sms:` link ("Text 988").
 * @csspart website-link - A crisis line's website.
 * @csspart emergency - The emergency sentence.
 * @csspart delete - The Delete button on the reader's own comment.
 * @csspart delete-confirm - The Yes, delete button (after Delete).
 * @csspart delete-cancel - The Cancel button (after Delete).
 * @csspart delete-note - Why the reader's comment could not be deleted.
 * @csspart closed - The "Comments are closed" message.
 * @csspart list - A list of comments.
 * @csspart comment - One comment.
 * @csspart comment-title - A comment's title.
 * @csspart comment-meta - A comment's author and date.
 * @csspart comment-body - A comment's text.
 * @csspart pending - The "Awaiting moderation" mark on the reader's own comment.
 * @csspart report - The Report control of a published comment (its button, reasons and note).
 * @csspart report-button - The small Report button (disabled once the reader has reported the comment).
 * @csspart report-form - The reasons, with Send report and Cancel.
 * @csspart report-send - The Send report button.
 * @csspart report-cancel - The Cancel button of the reasons.
 * @csspart report-error - Why a report was not sent (no reason chosen, no connection, too many reports).
 * @csspart report-status - The thanks after a report.
 * @csspart report-crisis - The crisis lines shown after a "worried about this person" report.
 * @csspart crisis-heading - The crisis lines' heading.
 * @csspart lines - The list of crisis lines.
 * @csspart line - One crisis line.
 * @csspart name - A crisis line's name.
 * @csspart call-link - A crisis line's `tel:` link.
 * @csspart text-link - A crisis line's `sms:` link.
 * @csspart website-link - A crisis line's website.
 * @csspart emergency - The emergency sentence under the crisis lines.
 * @csspart load-more - The Load more comments button.
 * @csspart empty - The "No comments yet" message.
 * @csspart loading - The placeholder shown while loading.
 * @csspart error - An error message (with Try again when the thread failed to load).
 * @csspart button - Buttons (sort, Post comment, Post as a new comment, Delete, Yes, delete, Cancel, Load more, Try again, Send report).
 * @csspart retry - The Try again button.
 * @csspart not-found - The "not available" message.
 * @csspart not-configured - The "not set up" message.
 *
 * @cssprop --mhn-font - Font family (default: inherited from the page).
 * @cssprop --mhn-font-size - Base text size (default: the reader's browser default).
 * @cssprop --mhn-color-text - Text colour.
 * @cssprop --mhn-color-muted - Secondary text colour (authors, dates, counters).
 * @cssprop --mhn-color-accent - Links and buttons.
 * @cssprop --mhn-color-accent-text - Text on accent-coloured buttons.
 * @cssprop --mhn-color-surface - Background.
 * @cssprop --mhn-color-subtle - The reader's own comments and placeholders.
 * @cssprop --mhn-color-border - Borders and rules.
 * @cssprop --mhn-color-error - Error text.
 * @cssprop --mhn-color-focus - Focus ring.
 * @cssprop --mhn-radius - Corner radius.
 * @cssprop --mhn-space - Inner padding.
 * @cssprop --mhn-block-spacing - Space above and below the widget (default `1.5em`).
 */
export class MhnComments extends HeadingLevel(MhnElement, 1) {
  static override styles = [hostStyles, crisisLinesStyles, commentsStyles];

  /** The article's slug, as in `/articles/{slug}`. */
  @property() article?: string;

  /** Order of the thread: `newest` (default) or `oldest`. The reader can change it. */
  @enumerated(SORTS)
  @property()
  sort: 'newest' | 'oldest' = 'newest';

  /** Comments per page, 1–100 (default 20). */
  @property({ attribute: 'page-size', type: Number }) pageSize = 20;

  /** `lazy` (default): no request until the widget is about a viewport away. `eager`: at once. */
  @enumerated(['lazy', 'eager'])
  @property()
  loading: 'lazy' | 'eager' = 'lazy';

  /** Polite announcement for screen readers (character counts, comments shown). */
  @state() private said = '';

  /** Requests start when the widget comes within about a viewport (at once when eager). */
  private readonly lazy = new NearViewportController(this, () => this.loading === 'eager');

  private get slug(): string | undefined {
    return this.article?.trim() || undefined;
  }

  private get order(): Sort {
    return this.sort === 'oldest' ? 'oldest' : DEFAULT_COMMENT_SORT;
  }

  private get limit(): number {
    return Math.min(
      Math.max(Math.round(Number(this.pageSize) || PAGE_SIZE.default), PAGE_SIZE.min),
      PAGE_SIZE.max,
    );
  }

  /** Identifies the thread of the configured endpoint + article. */
  private get at(): string {
    return `${this.resolvedEndpoint}\n${this.slug}`;
  }

  private readonly form = new CommentsForm(this, (text) => (this.said = text));

  /** The reader's deletion of their own comments. */
  private readonly deletes = new OwnDelete(this, this.form, (text) => (this.said = text));

  /** The reader's reports of published comments. */
  private readonly reports = new CommentReports(this, (text) => (this.said = text));

  private readonly articleTask = getResource(
    this,
    () => (this.near ? pathOf('articles', this.slug) : undefined),
    parseArticle,
    { events: false },
  );

  private readonly siteTask = getResource(
    this,
    () => (this.near && this.slug ? ['site'] : undefined),
    parseSite,
    { events: false },
  );

  /** The comments of the current article, pages appended (Load more comments). */
  private readonly thread: Thread = createThread(
    this,
    (cursor, signal) =>
      this.client.get(this.resolvedEndpoint!, ['articles', this.slug!, 'comments'], {
        parse: parseCommentPage,
        query: { sort: this.order, limit: this.limit, cursor },
        signal,
      }),
    (text) => (this.said = text),
  );

  /** The first page of the thread, in the order and page size asked for. */
  private readonly list = new ResourceController(this, {
    args: () =>
      [this.resolvedEndpoint, this.slug, this.client, this.near, this.order, this.limit] as const,
    load: async ([endpoint, slug, client, near, sort, limit], signal) => {
      if (!endpoint) return initialState;
      if (!slug) throw new MissingAttribute('article');
      if (!near) return initialState;
      const page = await client.get(endpoint, ['articles', slug, 'comments'], {
        parse: parseCommentPage,
        query: { sort, limit },
        signal,
      });
      signal.throwIfAborted();
      this.thread.reset(this.at, page);
      return page;
    },
  });

  /** The loaded comments of the current article (pages appended), if any. */
  get comments(): readonly Comment[] {
    return this.current?.items ?? [];
  }

  private get current(): Thread | undefined {
    return this.thread.key === this.at ? this.thread : undefined;
  }

  private get near(): boolean {
    return this.lazy.near;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.reports.follow(this.resolvedEndpoint, this.slug);
    if (this.form.follow(this.resolvedEndpoint, this.slug)) {
      // Another article: nothing of the last one.
      this.said = '';
      this.thread.abort();
      this.deletes.reset();
    }
  }

  protected override renderContent() {
    const thread = this.current;
    const article = this.articleTask.value;
    const { mine } = this.form;
    const { gone } = this.deletes;
    const ids = new Set(thread?.items.map((c) => c.id));
    const added = mine.filter((m) => m.status === 'published' && !ids.has(m.comment.id));
    // Comments the reader deleted here leave the count at once.
    const deleted = thread?.items.filter((c) => gone.has(c.id)).length ?? 0;
    const known = thread?.total ?? article?.comments?.count;
    const total = known === undefined ? undefined : known + added.length - deleted;
    const forums = safeUrl(this.siteTask.value?.forumsUrl);
    const [before, after] = this.t('comments.forums').split('{link}');
    const stale = this.list.status === 'pending' && thread;
    // Until the thread comes (or its request starts, when lazy), placeholders take the room
    // of the count, sort, forums line, form and comments, so nothing moves when they arrive.
    // Without an endpoint the list stays initial: not configured, no placeholders.
    const waiting =
      !thread &&
      (this.list.status === 'initial' || this.list.status === 'pending') &&
      !!this.resolvedEndpoint;
    const busy = resourcesBusy(this) || this.thread.pending;
    // No accessible names on the section, group and form beyond what they need, so
    // "Comment" names exactly one control (Playwright's getByLabel matches substrings).
    const h = this.heading();
    return staticHtml`<section part="base" aria-busy=${busy ? 'true' : 'false'}>
      <div class="head">
        <${h} class="heading" part="heading">
          ${this.t('comments.heading')}
          ${
            total === undefined
              ? waiting
                ? html`<span class="count" aria-hidden="true">${skeletonText(11)}</span>`
                : nothing
              : html`<span class="count" part="count"
                  >${this.t('comments.count', { count: total })}</span
                >`
          }
        </${h}>
        ${
          (total ?? 0) > 1
            ? html`<div class="sort" part="sort" role="group" aria-label=${this.t('comments.sort')}>
                ${SORTS.map(
                  (sort) =>
                    html`<button
                      type="button"
                      class="secondary"
                      part="button sort-button"
                      aria-pressed=${this.order === sort ? 'true' : 'false'}
                      @click=${() => (this.sort = sort)}
                    >
                      ${this.t(`comments.${sort}`)}
                    </button>`,
                )}
              </div>`
            : waiting
              ? html`<span class="skeleton-line"></span>`
              : nothing
        }
      </div>
      ${
        forums
          ? html`<p class="forums" part="forums">
              ${before}<a part="forums-link" href=${forums}>${this.t('comments.forumsLink')}</a
              >${after}
            </p>`
          : waiting
            ? html`<p class="forums" aria-hidden="true">${skeletonText(36)}</p>`
            : nothing
      }
      ${this.form.safety ? renderSafetyPanel(this, this.siteTask.value, this.heading(1)) : nothing}
      ${this.form.renderFor(this.articleTask, article?.comments?.enabled === false, waiting, this.heading(1))}
      ${
        mine.length
          ? html`<ol class="list mine" part="list" role="list">
              ${mine.map((m) =>
                renderComment(
                  this,
                  m.comment,
                  this.heading(1),
                  m.status === 'pending',
                  this.deletes.control(m.comment),
                ),
              )}
            </ol>`
          : nothing
      }
      ${
        stale
          ? this.renderThread(thread, true)
          : this.list.render({
              complete: () => (thread ? this.renderThread(thread) : nothing),
              loading: () => commentsPlaceholder,
              notFound: () => renderNotFound(this.t, this.t('comments.notFound')),
            })
      }
      <p class="visually-hidden" role="status">${this.said}</p>
    </section>`;
  }

  private renderThread(thread: Thread, stale = false) {
    return renderThread({
      host: this,
      thread,
      mine: this.form.mine,
      h: this.heading(1),
      stale,
      hidden: this.deletes.gone,
      controls: (c) => this.deletes.control(c),
      controlsVersion: this.deletes.version,
      report: {
        render: (comment) => this.reports.render(comment, this.siteTask.value),
        deps: [this.reports.version, this.siteTask.value],
      },
    });
  }
}
