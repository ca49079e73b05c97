/**
 * The reader deletes their own comment from the browser they posted it from, for 24
 * hours: each of their comments whose deletion token is still kept (drafts.ts) shows a
 * **Delete** button; it asks first (in place: the question, **Yes, delete** and
 * **Cancel**), then sends the token. On 204 the comment leaves the page and the count,
 * and a status is announced; a refusal or a failure is explained calmly beside it.
 */
import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { Comment } from '../../core/api-types.js';
import { buildUrl, type ContentClient } from '../../core/content-client.js';
import { toContentError } from '../../core/errors.js';
import type { OwnComment } from './drafts.js';

export interface OwnDeleteHost extends ReactiveControllerHost, HTMLElement {
  readonly resolvedEndpoint: string | undefined;
  readonly client: ContentClient;
  readonly renderRoot: HTMLElement | DocumentFragment;
  t(key: string, params?: Record<string, string | number>): string;
}

/** What the form keeps that this needs: the article, the tokens, and forgetting them. */
export interface OwnStore {
  readonly slug?: string | undefined;
  /** The reader's comment `id` with a token that still works, if any. */
  ownToken(id: string): OwnComment | undefined;
  /** Drops the token (and the comment from the reader's own list, when `gone`). */
  forget(id: string, gone: boolean): void;
}

const ESCAPE = 'Escape';

export class OwnDelete {
  /** Comments deleted (or found deleted) while the page is open: no longer shown. */
  readonly gone = new Set<string>();
  /** The comment whose deletion is being confirmed. */
  private confirming: string | null = null;
  private sending: string | null = null;
  /** A message beside a comment (why it could not be deleted). */
  private readonly notes = new Map<string, string>();
  /** Grows with every change of what `control()` shows (the thread re-renders on it). */
  version = 0;

  constructor(
    private readonly host: OwnDeleteHost,
    private readonly own: OwnStore,
    /** Tells screen readers something politely. */
    private readonly say: (text: string) => void,
  ) {}

  /** Another article: nothing of the last one. */
  reset(): void {
    this.gone.clear();
    this.notes.clear();
    this.confirming = this.sending = null;
    this.version += 1;
  }

  /** The Delete control of comment `c`, its confirmation, or its note; nothing for others. */
  control(c: Comment) {
    const note = this.notes.get(c.id);
    const noteView = note
      ? html`<p class="state delete-note" part="delete-note">${note}</p>`
      : nothing;
    if (!this.own.ownToken(c.id)) return noteView;
    const { t } = this.host;
    if (this.confirming !== c.id) {
      return html`<p class="delete">
          <button
            type="button"
            class="secondary"
            part="button delete"
            data-delete=${c.id}
            @click=${() => this.ask(c.id)}
          >
            ${t('comments.delete')}
          </button>
        </p>
        ${noteView}`;
    }
    const question = `delete-q-${c.id}`;
    const busy = this.sending === c.id;
    return html`<div
      class="delete confirm"
      role="group"
      aria-labelledby=${question}
      @keydown=${(e: KeyboardEvent) => e.key === ESCAPE && !busy && this.cancel(c.id)}
    >
      <p id=${question}>${t('comments.delete.confirm')}</p>
      <button
        type="button"
        part="button delete-confirm"
        aria-disabled=${busy ? 'true' : 'false'}
        @click=${() => this.delete(c.id)}
      >
        ${t('comments.delete.yes')}
      </button>
      <button
        type="button"
        class="secondary"
        part="button delete-cancel"
        data-cancel=${c.id}
        aria-disabled=${busy ? 'true' : 'false'}
        @click=${() => !busy && this.cancel(c.id)}
      >
        ${t('comments.delete.cancel')}
      </button>
    </div>`;
  }

  private ask(id: string): void {
    this.confirming = id;
    this.notes.delete(id);
    // The least destructive choice has focus: Enter twice never deletes by accident.
    this.focusOn(`[data-cancel="${CSS.escape(id)}"]`);
  }

  private cancel(id: string): void {
    this.confirming = null;
    this.focusOn(`[data-delete="${CSS.escape(id)}"]`);
  }

  private async delete(id: string): Promise<void> {
    const { host, own } = this;
    const endpoint = host.resolvedEndpoint;
    const slug = own.slug;
    const kept = own.ownToken(id);
    if (this.sending || !endpoint || !slug || !kept) return;
    this.sending = id;
    this.say(host.t('comments.delete.sending'));
    this.changed();
    // Where focus goes once the comment has gone: the next comment, else the one before.
    const articles = [...host.renderRoot.querySelectorAll<HTMLElement>('article[data-id]')];
    const at = articles.findIndex((a) => a.dataset['id'] === id);
    const next = articles[at + 1] ?? articles[at - 1];
    try {
      await host.client.delete(endpoint, ['articles', slug, 'comments', id], {
        token: kept.token,
      });
      this.done(endpoint, slug, id, host.t('comments.delete.done'), next);
    } catch (err) {
      const error = toContentError(err);
      if (error.status === 404) {
        this.done(endpoint, slug, id, host.t('comments.delete.gone'), next);
        return;
      }
      const final = error.status === 403 || error.status === 410;
      const note = host.t(
        error.status === 410
          ? 'comments.delete.expired'
          : error.status === 403
            ? 'comments.delete.forbidden'
            : 'comments.delete.error',
      );
      // A token the server refuses for good is dropped: the button goes, the note stays.
      if (final) own.forget(id, false);
      this.notes.set(id, note);
      this.confirming = null;
      this.say(note);
      this.focusOn(
        final ? `article[data-id="${CSS.escape(id)}"]` : `[data-delete="${CSS.escape(id)}"]`,
      );
    } finally {
      this.sending = null;
      this.changed();
    }
  }

  /** The comment is gone: from the page, the reader's list and every cached list. */
  private done(endpoint: string, slug: string, id: string, text: string, next?: HTMLElement) {
    this.gone.add(id);
    this.confirming = null;
    this.notes.delete(id);
    this.own.forget(id, true);
    this.host.client.invalidate(buildUrl(endpoint, ['articles', slug]));
    this.say(text);
    const target = next?.dataset['id'];
    // No comment left beside it: the widget's heading, focusable for the occasion.
    this.focusOn(target ? `article[data-id="${CSS.escape(target)}"]` : '[part~="heading"]', true);
  }

  private changed(): void {
    this.version += 1;
    this.host.requestUpdate();
  }

  private focusOn(selector: string, programmatic = false): void {
    this.changed();
    void this.host.updateComplete.then(() => {
      const target = this.host.renderRoot.querySelector<HTMLElement>(selector);
      if (programmatic && target && !target.hasAttribute('tabindex')) {
        target.setAttribute('tabindex', '-1');
      }
      target?.focus();
    });
  }
}
