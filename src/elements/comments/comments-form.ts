/**
 * The form of `<mhn-comments>`: three fields checked against the contract's limits,
 * the reader's draft saved as they type (see drafts.ts), posting with one idempotency
 * key per draft (a new one only when the reader asks: see `reused`), the reader's own
 * posted comments (with their deletion tokens: own-delete.ts), and the "comments are
 * closed" state.
 *
 * Spam defences nobody sees: a honeypot field (`website`, off-screen, hidden from
 * assistive technology, out of the tab order) sent as it is, and the form's timing token
 * (`GET /comment-form`), asked for when the form is first shown — the rule measures time
 * from display to post, so a reader who comes back to a saved draft and posts at once is
 * not judged by how fast they clicked. A token that fails to come is simply not sent.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { literal, html as staticHtml, type StaticValue } from 'lit/static-html.js';
import type { Article, CommentPostResult } from '../../core/api-types.js';
import {
  COMMENT_FIELDS,
  COMMENT_LIMITS,
  textLength,
  type CommentField,
} from '../../contract/index.js';
import { buildUrl, type ContentClient } from '../../core/content-client.js';
import { toContentError } from '../../core/errors.js';
import { emit } from '../../core/events.js';
import { skeletonText } from '../../core/states.js';
import type { ResourceController } from '../../controllers/resource.js';
import { waitText } from './comments-report.js';
import {
  draftId,
  emptyDraft,
  liveOwn,
  loadDraft,
  newKey,
  saveDraft,
  type Draft,
  type OwnComment,
} from './drafts.js';
import { FormToken, parsePosted } from './form-api.js';
import type { OwnStore } from './own-delete.js';

type Field = CommentField;

const FIELDS = COMMENT_FIELDS;
/** Threads found closed by a 403 while this page is open (the article may still be cached). */
const closedThreads = new Set<string>();

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

export interface CommentsFormHost extends ReactiveControllerHost, HTMLElement {
  readonly resolvedEndpoint: string | undefined;
  readonly resolvedLocale: string;
  readonly client: ContentClient;
  readonly renderRoot: HTMLElement | DocumentFragment;
  t(key: string, params?: Record<string, string | number>): string;
}

export class CommentsForm implements ReactiveController, OwnStore {
  draft: Draft = emptyDraft();
  errors: Partial<Record<Field, string>> = {};
  formError = '';
  status = '';
  sending = false;
  closed = false;
  /**
   * The server already holds another version of this draft under its key (say, a post
   * whose answer was lost, then an edit): the reader may post this version as new.
   */
  reused = false;
  /** The reader's own comments posted here, newest first (pending ones only they see). */
  mine: CommentPostResult[] = [];
  /** The last post matched the safety lists: the crisis lines are shown, the draft kept. */
  safety = false;

  private draftKey = '';
  slug?: string;
  private readonly formToken = new FormToken();
  private sayTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: CommentsFormHost,
    /** Tells screen readers something politely (character counts). */
    private readonly say: (text: string) => void,
  ) {
    host.addController(this);
  }

  /**
   * Follows the element's article: another article (single-page apps) gets its own
   * draft and nothing of the last one. True when the article changed.
   */
  follow(endpoint: string | undefined, slug: string | undefined): boolean {
    const id = endpoint && slug ? draftId(endpoint, slug) : '';
    if (id === this.draftKey) return false;
    this.draftKey = id;
    this.slug = slug;
    this.draft = id ? loadDraft(id) : emptyDraft();
    this.mine = [];
    this.errors = {};
    this.formError = this.status = '';
    this.reused = this.safety = false;
    this.formToken.reset();
    this.closed = closedThreads.has(id);
    return true;
  }

  hostDisconnected(): void {
    clearTimeout(this.sayTimer);
  }

  /** The form is on screen: ask for its timing token, once per form shown. */
  hostUpdated(): void {
    const endpoint = this.host.resolvedEndpoint;
    if (endpoint && this.draftKey && this.host.renderRoot.querySelector('form')) {
      this.formToken.request(this.host.client, endpoint, this.draftKey);
    }
  }

  /** The reader's comment `id` with a deletion token that still works, if any. */
  ownToken(id: string): OwnComment | undefined {
    return liveOwn(this.draft.own).find((o) => o.id === id);
  }

  /** Forgets a comment's deletion token (and, when it is `gone`, the comment). */
  forget(id: string, gone: boolean): void {
    this.draft = { ...this.draft, own: this.draft.own.filter((o) => o.id !== id) };
    saveDraft(this.draftKey, this.draft);
    if (gone) this.mine = this.mine.filter((m) => m.comment.id !== id);
    this.host.requestUpdate();
  }

  /**
   * The form, or what stands in for it: the "closed" state (the thread is closed, or the
   * article says so), the form's shape while the article loads (no focusable fields), or
   * nothing when the article is not there. Without the article (it failed to load) the
   * form is still offered: the server decides.
   */
  renderFor(
    article: ResourceController<Article>,
    closedByArticle: boolean,
    waiting: boolean,
    h: StaticValue,
  ) {
    if (this.closed || closedByArticle) return this.renderClosed();
    const { status, error } = article;
    if (status !== 'complete' && (status !== 'error' || error?.code === 'not_found')) {
      return status === 'error' || !waiting ? nothing : formPlaceholder;
    }
    return this.render(h);
  }

  /** The "closed" state (with the unsent draft, if any). */
  private renderClosed() {
    const { title, body } = this.draft;
    return html`<div class="closed" part="closed" tabindex="-1">
      <p role="status">${this.host.t('comments.closed')}</p>
      ${
        body.trim()
          ? html`<details>
              <summary>${this.host.t('comments.unsent')}</summary>
              <p class="body" dir="auto">${title ? `${title}\n\n` : ''}${body}</p>
            </details>`
          : nothing
      }
    </div>`;
  }

  /** The form, under a heading of tag `h`. */
  private render(h: StaticValue) {
    const { t } = this.host;
    return staticHtml`<form
      class="form"
      part="form"
      novalidate
      @submit=${this.submit}
      @input=${this.onInput}
    >
      <${h} class="form-heading">${t('comments.form')}</${h}>
      ${FIELDS.map((f) => this.renderField(f))}
      <div class="hp" aria-hidden="true">
        <input name="website" type="text" tabindex="-1" autocomplete="off" />
      </div>
      ${
        this.formError
          ? html`<p class="state" part="form-error" role="alert">${this.formError}</p>`
          : nothing
      }
      <div class="actions">
        <button part="button submit" aria-disabled=${this.sending ? 'true' : 'false'}>
          ${t('comments.submit')}
        </button>
        <p class="form-status" part="form-status" role="status">
          ${this.reused ? t('comments.reused') : this.status}
        </p>
        ${
          this.reused
            ? html`<button
                type="button"
                class="secondary"
                part="button post-new"
                @click=${this.postNew}
              >
                ${t('comments.postNew')}
              </button>`
            : nothing
        }
      </div>
    </form>`;
  }

  private renderField(f: Field) {
    const error = this.errors[f];
    const counter = this.counter(f);
    const described = [error && `${f}-error`, counter && `${f}-count`].filter(Boolean).join(' ');
    const tag = f === 'body' ? literal`textarea` : literal`input`;
    return staticHtml`<div class="field">
      <label part="label" for=${f}>${this.host.t(`comments.${f}`)}</label>
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
    return this.host.t(n > max ? 'comments.over' : 'comments.left', { count: Math.abs(max - n) });
  }

  /** The client-side check that mirrors the contract; undefined when the field is fine. */
  private check(f: Field): string | undefined {
    const { min, max } = COMMENT_LIMITS[f];
    const n = textLength(this.draft[f]);
    if (n < min) return this.host.t(`comments.required.${f}`);
    return n > max ? this.host.t('comments.tooLong', { max }) : undefined;
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
    this.host.requestUpdate();
    // Counts are announced once typing pauses, not on every keystroke.
    clearTimeout(this.sayTimer);
    this.sayTimer = setTimeout(() => {
      const counter = this.counter(f);
      if (counter) this.say(counter);
    }, 1000);
  };

  private readonly submit = (e: Event) => {
    e.preventDefault();
    return this.send(false);
  };

  /** The reader's explicit choice: this version is a new comment, so it gets a new key. */
  private readonly postNew = () => {
    // The button goes away while posting: focus stays in the form.
    this.focusOn('[part~="submit"]');
    return this.send(true);
  };

  private async send(asNew: boolean) {
    const { host } = this;
    const endpoint = host.resolvedEndpoint;
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
    this.reused = false;
    host.requestUpdate();
    if (Object.keys(errors).length) return this.focusInvalid();
    this.safety = false;
    const honeypot = host.renderRoot.querySelector<HTMLInputElement>('input[name="website"]');
    const formToken = this.formToken.of(id);
    // Retries keep the draft's key, so the server stores the comment once.
    const draft = (this.draft = { ...this.draft, key: (!asNew && this.draft.key) || newKey() });
    saveDraft(id, draft);
    this.sending = true;
    this.status = host.t('comments.sending');
    try {
      const result = await host.client.post(
        endpoint,
        ['articles', slug, 'comments'],
        {
          title: draft.title.trim(),
          author: draft.author.trim(),
          body: draft.body.trim(),
          website: honeypot?.value ?? '',
          ...(formToken ? { formToken } : {}),
        },
        { parse: parsePosted, idempotencyKey: draft.key },
      );
      // Posted: the text is done with (unless it matched the safety lists: then the reader
      // keeps it), the deletion token is kept, and cached lists and counts are out of date.
      const stored = this.draftKey === id ? this.draft : loadDraft(id);
      const own = result.deletion
        ? [{ id: result.comment.id, ...result.deletion }, ...stored.own]
        : stored.own;
      const next = result.safety ? { ...stored, own } : emptyDraft(own);
      saveDraft(id, next);
      host.client.invalidate(buildUrl(endpoint, ['articles', slug]));
      emit(host, 'mhn-comment-submit', result);
      if (this.draftKey !== id) return;
      this.draft = next;
      this.mine = [result, ...this.mine];
      // The next comment gets a token of its own.
      this.formToken.reset();
      if (result.safety) {
        this.safety = true;
        this.say(`${host.t('comments.safety.heading')}. ${host.t('comments.safety')}`);
        return this.focusOn('[part~="safety"]');
      }
      this.status = host.t(`comments.${result.status}`);
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
      if (error.code === 'idempotency_key_reused') {
        // Nothing is lost: the earlier version is stored, this one stays in the form.
        this.reused = true;
        return;
      }
      if (error.code === 'comments_closed') {
        this.closed = true;
        closedThreads.add(id);
        host.client.invalidate(buildUrl(endpoint, ['articles', slug]));
        return this.focusOn('.closed');
      }
      this.formError =
        error.code === 'rate_limited'
          ? host.t('comments.error.rate', { time: waitText(host, error.retryAfter) })
          : host.t(
              error.code === 'network' || error.code === 'timeout'
                ? 'comments.error.network'
                : 'comments.error.post',
            );
    } finally {
      this.sending = false;
      host.requestUpdate();
    }
  }

  private focusInvalid(): void {
    const first = FIELDS.find((f) => this.errors[f]);
    if (first) this.focusOn(`#${first}`);
  }

  /** Focuses what `selector` finds once the element has rendered. */
  focusOn(selector: string): void {
    this.host.requestUpdate();
    void this.host.updateComplete.then(() =>
      this.host.renderRoot.querySelector<HTMLElement>(selector)?.focus(),
    );
  }
}
