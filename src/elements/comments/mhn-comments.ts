import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { literal, html as staticHtml, type StaticValue } from 'lit/static-html.js';
import { TaskStatus } from '@lit/task';
import {
  parseArticle,
  parseCommentPage,
  parseCommentPostResult,
  parseSite,
  type Comment,
  type CommentPostResult,
} from '../../core/api-types.js';
import {
  COMMENT_FIELDS,
  COMMENT_LIMITS,
  COMMENT_SORTS,
  DEFAULT_COMMENT_SORT,
  PAGE_SIZE,
  textLength,
  type CommentField,
  type CommentSort,
} from '../../contract/index.js';
import { buildUrl } from '../../core/content-client.js';
import { toContentError } from '../../core/errors.js';
import { defineStrings, formatDate, formatNumber } from '../../core/i18n.js';
import { MhnElement, MissingAttribute, initialState, pathOf } from '../../core/mhn-element.js';
import { renderEmpty, renderNotFound, skeletonText } from '../../core/states.js';
import { headingTag } from '../../core/heading.js';
import { hostStyles } from '../../core/styles.js';
import { safeUrl } from '../../core/urls.js';
import { draftId, emptyDraft, loadDraft, newKey, saveDraft, type Draft } from './drafts.js';
import { commentsStyles } from './mhn-comments.styles.js';

type Field = CommentField;
type Sort = CommentSort;

const FIELDS = COMMENT_FIELDS;
const SORTS = COMMENT_SORTS;
/** Threads found closed by a 403 while this page is open (the article may still be cached). */
const closedThreads = new Set<string>();

/** The comments shown for one endpoint + article: pages appended as they load. */
interface Thread {
  at: string;
  items: Comment[];
  total: number;
  next: string | null;
}

defineStrings({
  en: {
    'comments.heading': 'Reader Comments',
    'comments.count': { one: '{count} comment', other: '{count} comments' },
    'comments.forums': 'You can also talk about this in our {link}.',
    'comments.forumsLink': 'forums',
    'comments.sort': 'Sort order',
    'comments.newest': 'Newest first',
    'comments.oldest': 'Oldest first',
    'comments.anonymous': 'Anonymous',
    'comments.empty': 'No comments yet — be the first.',
    'comments.closed': 'Comments are closed.',
    'comments.unsent': 'Your unsent comment',
    'comments.notFound': 'Comments for this article are not available.',
    'comments.more': 'Load more comments',
    'comments.moreError': 'More comments could not be loaded. Please try again.',
    'comments.shown': {
      one: 'Showing {shown} of {count} comment',
      other: 'Showing {shown} of {count} comments',
    },
    'comments.form': 'Leave a comment',
    'comments.title': 'Title',
    'comments.author': 'Name (optional)',
    'comments.body': 'Comment',
    'comments.submit': 'Post comment',
    'comments.left': { one: '{count} character left', other: '{count} characters left' },
    'comments.over': {
      one: '{count} character over the limit',
      other: '{count} characters over the limit',
    },
    'comments.required.title': 'Please give your comment a title.',
    'comments.required.body': 'Please write your comment.',
    'comments.tooLong': 'Please keep this to {max} characters or fewer.',
    'comments.sending': 'Posting your comment…',
    'comments.pending': 'Thank you. Your comment will appear once a moderator has reviewed it.',
    'comments.published': 'Thank you. Your comment has been posted.',
    'comments.pendingBadge': 'Awaiting moderation',
    'comments.error.network':
      'We could not reach the server, so your comment was not posted. It is saved here: check your connection and press Post comment again.',
    'comments.error.post':
      'Something went wrong and your comment was not posted. It is saved here: please press Post comment again.',
    'comments.error.rate':
      'Several comments were sent from here in a short time. Your comment is saved: please try again in {time}.',
    'comments.aMoment': 'a moment',
  },
  es: {
    'comments.heading': 'Comentarios de los lectores',
    'comments.count': { one: '{count} comentario', other: '{count} comentarios' },
    'comments.forums': 'También puede conversar sobre esto en nuestros {link}.',
    'comments.forumsLink': 'foros',
    'comments.sort': 'Orden',
    'comments.newest': 'Más recientes primero',
    'comments.oldest': 'Más antiguos primero',
    'comments.anonymous': 'Anónimo',
    'comments.empty': 'Aún no hay comentarios: sea la primera persona en comentar.',
    'comments.closed': 'Los comentarios están cerrados.',
    'comments.unsent': 'Su comentario no enviado',
    'comments.notFound': 'Los comentarios de este artículo no están disponibles.',
    'comments.more': 'Cargar más comentarios',
    'comments.moreError': 'No se pudieron cargar más comentarios. Inténtelo de nuevo.',
    'comments.shown': {
      one: 'Se muestra {shown} de {count} comentario',
      other: 'Se muestran {shown} de {count} comentarios',
    },
    'comments.form': 'Deje un comentario',
    'comments.title': 'Título',
    'comments.author': 'Nombre (opcional)',
    'comments.body': 'Comentario',
    'comments.submit': 'Publicar comentario',
    'comments.left': { one: 'Queda {count} carácter', other: 'Quedan {count} caracteres' },
    'comments.over': { one: 'Sobra {count} carácter', other: 'Sobran {count} caracteres' },
    'comments.required.title': 'Escriba un título para su comentario.',
    'comments.required.body': 'Escriba su comentario.',
    'comments.tooLong': 'Use como máximo {max} caracteres.',
    'comments.sending': 'Publicando su comentario…',
    'comments.pending': 'Gracias. Su comentario aparecerá cuando lo haya revisado un moderador.',
    'comments.published': 'Gracias. Su comentario se ha publicado.',
    'comments.pendingBadge': 'Pendiente de moderación',
    'comments.error.network':
      'No pudimos conectar con el servidor y su comentario no se publicó. Está guardado aquí: revise su conexión y pulse Publicar comentario de nuevo.',
    'comments.error.post':
      'Algo salió mal y su comentario no se publicó. Está guardado aquí: pulse Publicar comentario de nuevo.',
    'comments.error.rate':
      'Se enviaron varios comentarios desde aquí en poco tiempo. Su comentario está guardado: inténtelo de nuevo en {time}.',
    'comments.aMoment': 'un momento',
  },
});

/** The form's shape while loading: heading, three labelled fields, button; nothing focusable. */
const formPlaceholder = html`<div class="form" aria-hidden="true">
  <p class="form-heading">${skeletonText(17)}</p>
  ${[5, 15, 7].map(
    (n, i) =>
      html`<div class="field">
        <span>${skeletonText(n)}</span><span class="skeleton-line ${i > 1 ? 'area' : ''}"></span>
      </div>`,
  )}
  <span class="skeleton-line submit"></span>
</div>`;

/** Four typical comments while the thread loads: title, author and date, two lines. */
const commentsPlaceholder = html`<ol class="list">
  ${[0, 1, 2, 3].map(
    () =>
      html`<li class="comment">
        <p class="title">${skeletonText(32)}</p>
        <p class="meta">${skeletonText(24)}</p>
        <p class="body">${skeletonText(120)}</p>
      </li>`,
  )}
</ol>`;

/**
 * The reader comments of one article: the count, the thread (newest or oldest first,
 * paged with **Load more comments**), and a form to post. Requests start when the widget
 * comes within about a viewport of being seen (`loading="eager"` starts at once). The
 * reader's draft is saved locally as they type and survives reloads and failed posts;
 * one idempotency key per draft means retries and double clicks post exactly once.
 *
 * @tagname mhn-comments
 * @summary Reader comments: count, sortable paged thread, and a form to post.
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
 * @csspart form-status - The message after posting (sending, awaiting moderation, posted).
 * @csspart closed - The "Comments are closed" message.
 * @csspart list - A list of comments.
 * @csspart comment - One comment.
 * @csspart comment-title - A comment's title.
 * @csspart comment-meta - A comment's author and date.
 * @csspart comment-body - A comment's text.
 * @csspart pending - The "Awaiting moderation" mark on the reader's own comment.
 * @csspart load-more - The Load more comments button.
 * @csspart empty - The "No comments yet" message.
 * @csspart loading - The placeholder shown while loading.
 * @csspart error - An error message (with Try again when the thread failed to load).
 * @csspart button - Buttons (sort, Post comment, Load more, Try again).
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
 */
export class MhnComments extends MhnElement {
  static override styles = [hostStyles, commentsStyles];

  /** The article's slug, as in `/articles/{slug}`. */
  @property() article?: string;

  /** Order of the thread: `newest` (default) or `oldest`. The reader can change it. */
  @property() sort: Sort = 'newest';

  /** Comments per page, 1–100 (default 20). */
  @property({ attribute: 'page-size', type: Number }) pageSize = 20;

  /** Level of the "Reader Comments" heading, 1–5 (the form's and each comment's title are one below). */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /** `lazy` (default): no request until the widget is about a viewport away. `eager`: at once. */
  @property() loading: 'lazy' | 'eager' = 'lazy';

  @state() private near = false;
  @state() private thread?: Thread;
  @state() private draft: Draft = emptyDraft();
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private formError = '';
  @state() private status = '';
  @state() private sending = false;
  @state() private closed = false;
  /** The reader's own comments posted here, newest first (pending ones only they see). */
  @state() private mine: CommentPostResult[] = [];
  /** Polite announcement for screen readers (character counts, comments shown). */
  @state() private said = '';

  private observer?: IntersectionObserver;
  private draftKey = '';
  private sayTimer?: ReturnType<typeof setTimeout>;
  private moreFor?: Thread;

  private get slug(): string | undefined {
    return this.article?.trim() || undefined;
  }

  private get order(): Sort {
    return this.sort === 'oldest' ? 'oldest' : DEFAULT_COMMENT_SORT;
  }

  /** The heading tag for `depth` levels below the widget's heading. */
  private heading(depth: number): StaticValue {
    return headingTag(Math.min(5, Math.max(1, Math.round(this.headingLevel) || 2)) + depth);
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

  private readonly articleTask = this.createGetTask(
    () => (this.near ? pathOf('articles', this.slug) : undefined),
    parseArticle,
    { events: false },
  );

  private readonly siteTask = this.createGetTask(
    () => (this.near && this.slug ? ['site'] : undefined),
    parseSite,
    { events: false },
  );

  private readonly list = this.createTask(
    () =>
      [this.resolvedEndpoint, this.slug, this.client, this.near, this.order, this.limit] as const,
    async ([endpoint, slug, client, near, sort, limit], signal) => {
      if (!endpoint) return initialState;
      if (!slug) throw new MissingAttribute('article');
      if (!near) return initialState;
      const page = await client.get(endpoint, ['articles', slug, 'comments'], {
        parse: parseCommentPage,
        query: { sort, limit },
        signal,
      });
      signal.throwIfAborted();
      this.thread = { at: this.at, items: page.items, total: page.total, next: page.nextCursor };
      return page;
    },
  );

  private readonly more = this.createTask(
    () => [] as const,
    async (_args, signal) => {
      const thread = this.thread;
      const endpoint = this.resolvedEndpoint;
      if (!thread?.next || !endpoint || !this.slug) return initialState;
      const page = await this.client.get(endpoint, ['articles', this.slug, 'comments'], {
        parse: parseCommentPage,
        query: { sort: this.order, limit: this.limit, cursor: thread.next },
        signal,
      });
      if (this.thread !== thread) return initialState;
      // A comment published meanwhile can shift a page: never show one twice.
      const seen = new Set(thread.items.map((c) => c.id));
      const items = [...thread.items, ...page.items.filter((c) => !seen.has(c.id))];
      this.thread = { ...thread, items, total: page.total, next: page.nextCursor };
      return page;
    },
    { autoRun: false },
  );

  /** The loaded comments of the current article (pages appended), if any. */
  get comments(): readonly Comment[] {
    return this.current?.items ?? [];
  }

  private get current(): Thread | undefined {
    return this.thread?.at === this.at ? this.thread : undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.near || this.loading === 'eager' || typeof IntersectionObserver !== 'function') {
      this.near = true;
      return;
    }
    this.observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        this.near = true;
        this.observer?.disconnect();
      },
      { rootMargin: '100% 0px' },
    );
    this.observer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
    this.observer = undefined;
    clearTimeout(this.sayTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.loading === 'eager') this.near = true;
    const endpoint = this.resolvedEndpoint;
    const id = endpoint && this.slug ? draftId(endpoint, this.slug) : '';
    if (id !== this.draftKey) {
      // Another article (single-page apps): its own draft, nothing of the last one.
      this.draftKey = id;
      this.draft = id ? loadDraft(id) : emptyDraft();
      this.mine = [];
      this.errors = {};
      this.formError = this.status = this.said = '';
      this.closed = closedThreads.has(id);
      this.more.abort();
    }
  }

  protected override renderContent() {
    const thread = this.current;
    const article =
      this.articleTask.status === TaskStatus.COMPLETE ? this.articleTask.value : undefined;
    const ids = new Set(thread?.items.map((c) => c.id));
    const added = this.mine.filter((m) => m.status === 'published' && !ids.has(m.comment.id));
    const known = thread?.total ?? article?.comments?.count;
    const total = known === undefined ? undefined : known + added.length;
    const forums =
      this.siteTask.status === TaskStatus.COMPLETE
        ? safeUrl(this.siteTask.value?.forumsUrl)
        : undefined;
    const [before, after] = this.t('comments.forums').split('{link}');
    const stale = this.list.status === TaskStatus.PENDING && thread;
    // Until the thread comes (or its request starts, when lazy), placeholders take the room
    // of the count, sort, forums line, form and comments, so nothing moves when they arrive.
    // Without an endpoint the list stays initial: not configured, no placeholders.
    const waiting = !thread && this.list.status < TaskStatus.COMPLETE && !!this.resolvedEndpoint;
    // No accessible names on the section, group and form beyond what they need, so
    // "Comment" names exactly one control (Playwright's getByLabel matches substrings).
    const h = this.heading(0);
    return staticHtml`<section part="base" aria-busy=${this.busy ? 'true' : 'false'}>
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
      ${this.renderForm(article?.comments?.enabled === false, waiting)}
      ${
        this.mine.length
          ? html`<ol class="list mine" part="list" role="list">
              ${this.mine.map((m) => this.renderComment(m.comment, m.status === 'pending'))}
            </ol>`
          : nothing
      }
      ${
        stale
          ? this.renderThread(thread, true)
          : this.renderTask(this.list, {
              complete: () => (thread ? this.renderThread(thread) : nothing),
              loading: () => commentsPlaceholder,
              notFound: () => renderNotFound(this.t, this.t('comments.notFound')),
            })
      }
      <p class="visually-hidden" role="status">${this.said}</p>
    </section>`;
  }

  private renderThread(thread: Thread, stale = false) {
    const mine = new Set(this.mine.map((m) => m.comment.id));
    const items = thread.items.filter((c) => !mine.has(c.id));
    const failed = this.more.status === TaskStatus.ERROR && this.moreFor === thread;
    return html`<div class=${stale ? 'stale' : ''}>
      ${
        items.length
          ? html`<ol class="list" part="list" role="list">
              ${items.map((c) => this.renderComment(c))}
            </ol>`
          : this.mine.length
            ? nothing
            : renderEmpty(this.t, this.t('comments.empty'))
      }
      ${
        failed
          ? html`<p class="state" part="error" role="alert">${this.t('comments.moreError')}</p>`
          : nothing
      }
      ${
        thread.next
          ? html`<button
              type="button"
              class="more secondary"
              part="button load-more"
              aria-disabled=${this.more.status === TaskStatus.PENDING || stale ? 'true' : 'false'}
              @click=${this.loadMore}
            >
              ${this.t('comments.more')}
            </button>`
          : nothing
      }
    </div>`;
  }

  private renderComment(c: Comment, pending = false) {
    const date = formatDate(this.resolvedLocale, c.created);
    const h = this.heading(1);
    return html`<li>
      <article class="comment" part="comment" tabindex="-1" data-id=${c.id}>
        ${c.title ? staticHtml`<${h} class="title" part="comment-title" dir="auto">${c.title}</${h}>` : nothing}
        <p class="meta" part="comment-meta">
          <span class="author" dir="auto"
            >${c.author?.trim() ? c.author : this.t('comments.anonymous')}</span
          >
          ${date ? html`<time datetime=${c.created}>${date}</time>` : nothing}
          ${
            pending
              ? html`<strong class="badge" part="pending"
                  >${this.t('comments.pendingBadge')}</strong
                >`
              : nothing
          }
        </p>
        <p class="body" part="comment-body" dir="auto">${c.body}</p>
      </article>
    </li>`;
  }

  private renderForm(closedByArticle: boolean, waiting: boolean) {
    const { status, error } = this.articleTask;
    if (this.closed || closedByArticle) {
      const { title, body } = this.draft;
      return html`<div class="closed" part="closed" tabindex="-1">
        <p role="status">${this.t('comments.closed')}</p>
        ${
          body.trim()
            ? html`<details>
                <summary>${this.t('comments.unsent')}</summary>
                <p class="body" dir="auto">${title ? `${title}\n\n` : ''}${body}</p>
              </details>`
            : nothing
        }
      </div>`;
    }
    // Without the article (it failed to load) the form is still offered: the server decides.
    const code = status === TaskStatus.ERROR ? toContentError(error).code : '';
    if (status !== TaskStatus.COMPLETE && (!code || code === 'not_found' || code === 'aborted')) {
      // While the thread and article load: the form's shape (no real, focusable fields).
      return code || !waiting ? nothing : formPlaceholder;
    }
    const h = this.heading(1);
    return staticHtml`<form
      class="form"
      part="form"
      novalidate
      @submit=${this.submit}
      @input=${this.onInput}
    >
      <${h} class="form-heading">${this.t('comments.form')}</${h}>
      ${FIELDS.map((f) => this.renderField(f))}
      ${
        this.formError
          ? html`<p class="state" part="form-error" role="alert">${this.formError}</p>`
          : nothing
      }
      <div class="actions">
        <button part="button submit" aria-disabled=${this.sending ? 'true' : 'false'}>
          ${this.t('comments.submit')}
        </button>
        <p class="form-status" part="form-status" role="status">${this.status}</p>
      </div>
    </form>`;
  }

  private renderField(f: Field) {
    const error = this.errors[f];
    const counter = this.counter(f);
    const described = [error && `${f}-error`, counter && `${f}-count`].filter(Boolean).join(' ');
    const tag = f === 'body' ? literal`textarea` : literal`input`;
    return staticHtml`<div class="field">
      <label part="label" for=${f}>${this.t(`comments.${f}`)}</label>
      <${tag}
        id=${f}
        name=${f}
        part="field"
        rows=${f === 'body' ? 6 : nothing}
        autocomplete=${f === 'author' ? 'nickname' : 'off'}
        ?required=${COMMENT_LIMITS[f].min > 0}
        ?readonly=${this.sending}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${described || nothing}
        .value=${this.draft[f]}
      ></${tag}>
      ${error ? html`<p id="${f}-error" class="field-error" part="field-error">${error}</p>` : nothing}
      ${counter ? html`<p id="${f}-count" class="counter" part="counter">${counter}</p>` : nothing}
    </div>`;
  }

  /** "12 characters left" once a field is past 80% of its limit, else ''. */
  private counter(f: Field): string {
    const { max } = COMMENT_LIMITS[f];
    const n = textLength(this.draft[f]);
    if (n < max * 0.8) return '';
    return this.t(n > max ? 'comments.over' : 'comments.left', { count: Math.abs(max - n) });
  }

  /** The client-side check that mirrors the contract; undefined when the field is fine. */
  private check(f: Field): string | undefined {
    const { min, max } = COMMENT_LIMITS[f];
    const n = textLength(this.draft[f]);
    if (n < min) return this.t(`comments.required.${f}`);
    return n > max ? this.t('comments.tooLong', { max }) : undefined;
  }

  private readonly onInput = (e: Event) => {
    const f = (e.target as HTMLInputElement).name as Field;
    if (!FIELDS.includes(f) || this.sending) return;
    this.draft = {
      ...this.draft,
      [f]: (e.target as HTMLInputElement).value,
      key: this.draft.key || newKey(),
    };
    saveDraft(this.draftKey, this.draft);
    // An error already shown follows the text; new ones wait for Post comment.
    if (this.errors[f]) this.errors = { ...this.errors, [f]: this.check(f) };
    this.status = '';
    // Counts are announced once typing pauses, not on every keystroke.
    clearTimeout(this.sayTimer);
    this.sayTimer = setTimeout(() => {
      const counter = this.counter(f);
      if (counter) this.said = counter;
    }, 1000);
  };

  private readonly submit = async (e: Event) => {
    e.preventDefault();
    const endpoint = this.resolvedEndpoint;
    const slug = this.slug;
    const id = this.draftKey;
    if (this.sending || !endpoint || !slug) return;
    const errors: Partial<Record<Field, string>> = {};
    for (const f of FIELDS) {
      const message = this.check(f);
      if (message) errors[f] = message;
    }
    this.errors = errors;
    this.formError = this.status = '';
    if (Object.keys(errors).length) return this.focusInvalid();
    const draft = (this.draft = { ...this.draft, key: this.draft.key || newKey() });
    saveDraft(id, draft);
    this.sending = true;
    this.status = this.t('comments.sending');
    try {
      const result = await this.client.post(
        endpoint,
        ['articles', slug, 'comments'],
        { title: draft.title.trim(), author: draft.author.trim(), body: draft.body.trim() },
        { parse: parseCommentPostResult, idempotencyKey: draft.key },
      );
      // Posted: the draft is done with, and cached lists and counts are out of date.
      saveDraft(id, null);
      this.client.invalidate(buildUrl(endpoint, ['articles', slug]));
      this.emit('mhn-comment-submit', result);
      if (this.draftKey !== id) return;
      this.draft = emptyDraft();
      this.mine = [result, ...this.mine];
      this.status = this.t(`comments.${result.status}`);
      this.focusOn(`article[data-id="${CSS.escape(result.comment.id)}"]`);
    } catch (err) {
      if (this.draftKey !== id) return;
      const error = toContentError(err);
      this.status = '';
      if (error.code === 'validation_failed') {
        for (const f of FIELDS) if (error.fields?.[f]) errors[f] = error.fields[f];
        this.errors = errors;
        if (Object.keys(errors).length) return this.focusInvalid();
      }
      if (error.code === 'comments_closed') {
        this.closed = true;
        closedThreads.add(id);
        this.client.invalidate(buildUrl(endpoint, ['articles', slug]));
        return this.focusOn('.closed');
      }
      this.formError =
        error.code === 'rate_limited'
          ? this.t('comments.error.rate', { time: this.wait(error.retryAfter) })
          : this.t(
              error.code === 'network' || error.code === 'timeout'
                ? 'comments.error.network'
                : 'comments.error.post',
            );
    } finally {
      this.sending = false;
    }
  };

  /** "30 seconds", "5 minutes" in the reader's language. */
  private wait(seconds: number | undefined): string {
    if (seconds === undefined) return this.t('comments.aMoment');
    const long = seconds >= 120;
    return formatNumber(
      this.resolvedLocale,
      long ? Math.ceil(seconds / 60) : Math.max(1, seconds),
      {
        style: 'unit',
        unit: long ? 'minute' : 'second',
        unitDisplay: 'long',
      },
    );
  }

  private focusInvalid(): void {
    const first = FIELDS.find((f) => this.errors[f]);
    if (first) this.focusOn(`#${first}`);
  }

  private focusOn(selector: string): void {
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(selector)?.focus(),
    );
  }

  private readonly loadMore = async () => {
    const thread = this.current;
    if (!thread?.next || this.more.status === TaskStatus.PENDING) return;
    const focused = this.shadowRoot?.activeElement?.classList.contains('more');
    this.moreFor = thread;
    await this.more.run();
    await this.updateComplete;
    const now = this.current;
    if (!now || now === thread) return;
    this.said = this.t('comments.shown', { shown: now.items.length, count: now.total });
    // Load more keeps focus while there is more; when it goes (last page), focus moves to
    // the first new comment rather than falling back to the page.
    const active = document.activeElement;
    const first = now.items[thread.items.length];
    if (focused && first && !now.next && (!active || active === document.body || active === this)) {
      this.focusOn(`article[data-id="${CSS.escape(first.id)}"]`);
    }
  };
}
