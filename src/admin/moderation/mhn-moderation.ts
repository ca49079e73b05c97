import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { defineStrings } from '../../core/i18n.js';
import { MhnElement } from '../../core/mhn-element.js';
import { renderLoading } from '../../core/states.js';
import { hostStyles } from '../../core/styles.js';
import { safeUrl } from '../../core/urls.js';
import { moderation as en } from '../../i18n/en.js';
import { moderation as es } from '../../i18n/es.js';
import { DeskAdmin } from './desk-admin.js';
import { renderModerators, renderSettings, renderViewSwitch } from './desk-admin-views.js';
import { DeskApi } from './desk-api.js';
import { Desk } from './desk-state.js';
import {
  renderBulk,
  renderComment,
  renderFilters,
  renderSignIn,
  type ViewContext,
} from './desk-views.js';
import { deskStyles } from './mhn-moderation.styles.js';

defineStrings({ en, es });

/** Keys that act on the comment with the keyboard. */
const KEY_ACTIONS = { a: 'approve', r: 'reject', s: 'spam' } as const;

/** Where typing happens: the desk's keys stay out of the way there. */
function isTyping(target: EventTarget | undefined): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.localName === 'textarea') return true;
  if (target.localName === 'select') return true;
  if (target.localName !== 'input') return false;
  return !['checkbox', 'radio', 'button', 'submit'].includes((target as HTMLInputElement).type);
}

/**
 * The moderation desk: moderators sign in, see the comments waiting (those held for
 * safety first, with a banner and a link to the moderators' guide), and approve, reject,
 * mark as spam or delete them one by one or many at once; each action can be undone for
 * a few seconds. Comments can also be edited (the original stays in the history) and
 * their poster blocked. Admins also find **Settings** (the site's moderation settings)
 * and **Moderators** (add, change role, new password, remove). An admin element: it is built apart from the partner bundle
 * (`dist/admin/mhn-moderation.js`) and must be served from the Content API's own origin
 * (its session cookie is `SameSite=Strict` and it accepts writes only from there).
 *
 * Keys (not while typing in a field): `j` / `k` next / previous comment, `a` approve,
 * `r` reject, `s` mark as spam, `x` select.
 *
 * @tagname mhn-moderation
 * @summary The moderation desk: sign in, then review the comment queue.
 *
 * @attr {string} guide-href - Where the moderators' guide to safety-held posts is (linked from their banner).
 * @prop {string} guideHref - Where the moderators' guide to safety-held posts is (linked from their banner).
 *
 * @csspart views - Queue / Settings / Moderators (admins only).
 * @csspart sign-in - The sign-in form.
 * @csspart filters - The status, article, reason and order filters.
 * @csspart bulk - Select all and the bulk action buttons.
 * @csspart comment - One comment in the queue.
 * @csspart safety-banner - The banner of a comment held for safety.
 * @csspart failure - Why an action on a comment failed.
 * @csspart more - A comment's reject-with-reason, edit, block and history panel.
 * @csspart status - What was just done, with its Undo button (a polite live region).
 * @csspart empty - "No comments waiting".
 * @csspart button - The sign-in button.
 * @csspart loading - The loading placeholder.
 */
export class MhnModeration extends MhnElement {
  static override styles = [hostStyles, deskStyles];

  /** Where the moderators' guide to safety-held posts is (linked from their banner). */
  @property({ attribute: 'guide-href' }) guideHref?: string;

  /** The fetch the desk uses (default: the page's). */
  @property({ attribute: false }) fetcher?: typeof fetch;

  private readonly desk = new Desk(this, (key, params) => this.t(key, params));
  private readonly admin = new DeskAdmin(this.desk, this);
  private started?: string;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.onKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.onKey);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // Only admins have the other views; anyone else (signed out, a moderator) the queue.
    if (!this.admin.isAdmin) this.admin.view = 'queue';
    const endpoint = this.resolvedEndpoint;
    const key = endpoint ?? '';
    if (key !== this.started || changed.has('fetcher')) {
      this.started = key;
      void this.desk.start(endpoint ? new DeskApi(endpoint, this.fetcher) : null);
    }
  }

  private readonly onKey = (event: KeyboardEvent): void => {
    const desk = this.desk;
    if (desk.phase !== 'ready' || event.ctrlKey || event.metaKey || event.altKey) return;
    if (this.admin.view !== 'queue') return;
    if (isTyping(event.composedPath()[0])) return;
    const key = event.key.toLowerCase();
    if (key === 'j' || key === 'k') {
      event.preventDefault();
      desk.move(key === 'j' ? 1 : -1);
      return;
    }
    const id = desk.current;
    if (!id || !desk.items.some((c) => c.id === id)) return;
    if (key === 'x') {
      event.preventDefault();
      desk.toggleSelected(id);
    } else if (key in KEY_ACTIONS) {
      event.preventDefault();
      void desk.act([id], KEY_ACTIONS[key as keyof typeof KEY_ACTIONS]);
    }
  };

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const selector = this.admin.focus;
    this.admin.focus = null;
    if (selector) this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
    const target = this.desk.focus;
    if (!target) return;
    this.desk.focus = null;
    const root = this.renderRoot as ShadowRoot;
    const el =
      target.to === 'username'
        ? root.querySelector<HTMLElement>('#name')
        : target.to === 'heading'
          ? root.querySelector<HTMLElement>('#desk-heading')
          : target.to === 'empty'
            ? root.querySelector<HTMLElement>('#queue-state')
            : root.querySelector<HTMLElement>(`article[data-index="${target.index}"]`);
    el?.focus();
  }

  protected override renderContent(): unknown {
    if (!this.resolvedEndpoint) return this.renderNotConfigured('endpoint');
    const desk = this.desk;
    const ctx: ViewContext = {
      desk,
      t: this.t,
      lang: this.resolvedLocale,
      guide: safeUrl(this.guideHref),
    };
    if (desk.phase === 'idle' || desk.phase === 'checking') {
      return renderLoading(this.t, 3, this.t('moderation.checking'));
    }
    if (desk.phase === 'signed-out') return renderSignIn(ctx);
    return html`<section class="desk" aria-labelledby="desk-heading">
      <header class="top">
        <h2 class="heading" id="desk-heading" tabindex="-1">${this.t('moderation.heading')}</h2>
        <span class="muted">
          ${this.t('moderation.signedInAs', { name: desk.session?.name ?? '' })}
        </span>
        <button type="button" class="secondary" @click=${() => void desk.signOut()}>
          ${this.t('moderation.signOut')}
        </button>
      </header>
      ${renderViewSwitch(this.admin, this.t)}
      ${
        this.admin.view === 'settings'
          ? renderSettings(this.admin, this.t)
          : this.admin.view === 'moderators'
            ? renderModerators(this.admin, this.t, ctx.lang, desk.session?.name ?? '')
            : this.renderQueueView(ctx)
      }
    </section>`;
  }

  private renderQueueView(ctx: ViewContext): TemplateResult {
    const desk = this.desk;
    return html`<div class="live" role="status" part="status">
        ${desk.announcement.text}
        ${
          desk.announcement.undo
            ? html`<button type="button" class="secondary" @click=${() => void desk.undo()}>
                ${this.t('moderation.undo')}
              </button>`
            : nothing
        }
      </div>
      <p class="error" role="alert">${desk.alert}</p>
      ${renderFilters(ctx)}
      <p class="muted keys">${this.t('moderation.keys')}</p>
      ${renderBulk(ctx)} ${this.renderQueue(ctx)}`;
  }

  private renderQueue(ctx: ViewContext): TemplateResult {
    const desk = this.desk;
    if (desk.list === 'loading') return renderLoading(this.t, 4, this.t('moderation.loading'));
    if (desk.list === 'error') {
      return html`<div class="state" role="alert" id="queue-state" tabindex="-1">
        <p class="state-message">${this.t('moderation.error')}</p>
        <button type="button" @click=${() => void desk.load()}>
          ${this.t('moderation.retry')}
        </button>
      </div>`;
    }
    if (!desk.items.length) {
      return html`<p class="state" part="empty" role="status" id="queue-state" tabindex="-1">
        ${this.t(desk.status === 'pending' ? 'moderation.empty' : 'moderation.emptyOther')}
      </p>`;
    }
    return html`<ul class="queue" aria-label=${this.t('moderation.list')}>
        ${desk.items.map((comment, index) => renderComment(ctx, comment, index))}
      </ul>
      ${
        desk.nextCursor
          ? html`<button
              type="button"
              class="secondary"
              ?disabled=${desk.loadingMore}
              @click=${() => void desk.loadMore()}
            >
              ${this.t('moderation.loadMore')}
            </button>`
          : nothing
      }`;
  }
}
