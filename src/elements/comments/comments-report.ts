/**
 * The **Report** control of each published comment in `<mhn-comments>`: a small text
 * button that discloses the four reasons (native radio buttons in a form, so it works by
 * keyboard, in Shadow DOM and under a strict CSP with Trusted Types), **Send report** and
 * **Cancel**; Escape closes it and focus goes back to the button. After sending, a calm
 * confirmation (announced), and the control stays done for that comment — also after a
 * reload (drafts.ts keeps the reported ids). "Worried about this person" also shows the
 * crisis lines of `/site`, as `<mhn-crisis-resources>` renders them.
 */
import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { Comment, Site } from '../../core/api-types.js';
import { REPORT_REASONS, type ReportReason } from '../../contract/index.js';
import { buildUrl, type ContentClient } from '../../core/content-client.js';
import { toContentError } from '../../core/errors.js';
import { formatNumber } from '../../core/i18n.js';
import { readerCrisisCountry, renderCrisisLines } from '../crisis-resources/crisis-lines.js';
import { addReported, loadReported, reportedId } from './drafts.js';

export interface CommentReportsHost extends ReactiveControllerHost, HTMLElement {
  readonly resolvedEndpoint: string | undefined;
  readonly resolvedLocale: string;
  readonly client: ContentClient;
  readonly renderRoot: HTMLElement | DocumentFragment;
  t(key: string, params?: Record<string, string | number>): string;
}

/** What a comment's control says after an attempt. */
interface Note {
  text: string;
  /** The report went through (or the comment is gone): the control is done. */
  done: boolean;
  /** Show the crisis lines under it ("worried about this person"). */
  crisis?: boolean;
}

/** "30 seconds", "5 minutes" (or "a moment") in the reader's language. */
export function waitText(host: CommentReportsHost, seconds: number | undefined): string {
  if (seconds === undefined) return host.t('comments.aMoment');
  const long = seconds >= 120;
  return formatNumber(host.resolvedLocale, long ? Math.ceil(seconds / 60) : Math.max(1, seconds), {
    style: 'unit',
    unit: long ? 'minute' : 'second',
    unitDisplay: 'long',
  });
}

export class CommentReports {
  /** The comment whose reasons are shown, if any. */
  open: string | null = null;
  /** Changes with any control's state (the thread re-renders its kept blocks then). */
  version = 0;
  private choice: ReportReason | null = null;
  private sending = false;
  /** Why the open form did not send (no reason chosen, a network error, …). */
  private problem = '';
  private reported = new Set<string>();
  private notes = new Map<string, Note>();
  private key = '';
  private slug?: string;

  constructor(
    private readonly host: CommentReportsHost,
    /** Tells screen readers something politely. */
    private readonly say: (text: string) => void,
  ) {}

  /** Follows the element's article: another one has its own reported comments. */
  follow(endpoint: string | undefined, slug: string | undefined): void {
    const key = endpoint && slug ? reportedId(endpoint, slug) : '';
    if (key === this.key) return;
    this.key = key;
    this.slug = slug;
    this.reported = key ? loadReported(key) : new Set();
    this.version += 1;
    this.notes = new Map();
    this.open = null;
    this.problem = '';
  }

  /** The control of one comment (its reasons when open, its note after sending). */
  render(comment: Comment, site: Site | undefined) {
    const { t } = this.host;
    const { id } = comment;
    const note = this.notes.get(id);
    const done = this.reported.has(id) || note?.done === true;
    const author = comment.author?.trim() || t('comments.anonymous');
    const open = this.open === id && !done;
    const panel = `report-${id}`;
    return html`<div class="report" part="report">
      <button
        type="button"
        class="report-toggle"
        part="report-button"
        ?disabled=${done}
        aria-expanded=${done ? nothing : open ? 'true' : 'false'}
        aria-controls=${open ? panel : nothing}
        aria-label=${t(done ? 'comments.report.doneLabel' : 'comments.report.label', { author })}
        @click=${() => this.toggle(id)}
        @keydown=${(e: KeyboardEvent) => this.escape(e, id)}
      >
        ${t(done ? 'comments.report.done' : 'comments.report')}
      </button>
      ${open ? this.renderForm(id, panel) : nothing}
      ${
        note
          ? html`<p class="report-status" part="report-status" tabindex="-1">${note.text}</p>`
          : nothing
      }
      ${
        note?.crisis
          ? html`<div class="report-crisis" part="report-crisis">
              ${renderCrisisLines(this.host, site, {
                country: readerCrisisCountry(site, this.host.resolvedLocale),
              })}
            </div>`
          : nothing
      }
    </div>`;
  }

  private renderForm(id: string, panel: string) {
    const { t } = this.host;
    return html`<form
      id=${panel}
      class="report-form"
      part="report-form"
      novalidate
      @submit=${(e: Event) => this.send(e, id)}
      @keydown=${(e: KeyboardEvent) => this.escape(e, id)}
    >
      <fieldset>
        <legend>${t('comments.report.legend')}</legend>
        ${REPORT_REASONS.map(
          (reason) =>
            html`<label class="report-reason"
              ><input
                type="radio"
                name="reason"
                value=${reason}
                .checked=${this.choice === reason}
                @change=${() => {
                  this.choice = reason;
                  this.problem = '';
                  this.changed();
                }}
              />
              ${t(`comments.report.${reason}`)}</label
            >`,
        )}
      </fieldset>
      ${
        this.problem
          ? html`<p class="state" part="report-error" role="alert">${this.problem}</p>`
          : nothing
      }
      <div class="report-actions">
        <button part="button report-send" aria-disabled=${this.sending ? 'true' : 'false'}>
          ${t('comments.report.send')}
        </button>
        <button
          type="button"
          class="secondary"
          part="button report-cancel"
          @click=${() => this.close(id)}
        >
          ${t('comments.report.cancel')}
        </button>
      </div>
    </form>`;
  }

  private toggle(id: string): void {
    if (this.open === id) return this.close(id);
    this.open = id;
    this.choice = null;
    this.problem = '';
    this.notes.delete(id);
    this.focus(id, 'input[name="reason"]');
  }

  private close(id: string): void {
    if (this.sending) return;
    this.open = null;
    this.problem = '';
    this.focus(id, '.report-toggle');
  }

  private escape(e: KeyboardEvent, id: string): void {
    if (e.key !== 'Escape' || this.open !== id) return;
    e.preventDefault();
    e.stopPropagation();
    this.close(id);
  }

  private async send(e: Event, id: string): Promise<void> {
    e.preventDefault();
    const { host } = this;
    const endpoint = host.resolvedEndpoint;
    const { slug, key } = this;
    const reason = this.choice;
    if (this.sending || !endpoint || !slug) return;
    if (!reason) {
      this.problem = host.t('comments.report.choose');
      return this.focus(id, 'input[name="reason"]');
    }
    this.sending = true;
    this.problem = '';
    this.changed();
    let note: Note | null = null;
    try {
      await host.client.post(
        endpoint,
        ['articles', slug, 'comments', id, 'reports'],
        { reason },
        { parse: () => true },
      );
      const worried = reason === 'worried';
      note = {
        text: host.t(worried ? 'comments.report.thanksWorried' : 'comments.report.thanks'),
        done: true,
        crisis: worried,
      };
      // The list may have changed (the comment held): the next load asks the server.
      host.client.invalidate(buildUrl(endpoint, ['articles', slug]));
    } catch (err) {
      const error = toContentError(err);
      if (error.code === 'not_found') {
        note = { text: host.t('comments.report.gone'), done: true };
      } else {
        this.problem =
          error.code === 'rate_limited'
            ? host.t('comments.report.rate', { time: waitText(host, error.retryAfter) })
            : host.t(
                error.code === 'network' || error.code === 'timeout'
                  ? 'comments.report.network'
                  : 'comments.report.error',
              );
      }
    } finally {
      this.sending = false;
    }
    if (this.key !== key) return;
    if (note) {
      this.reported.add(id);
      addReported(key, id);
      this.notes.set(id, note);
      this.open = null;
      this.say(note.text);
      return this.focus(id, '.report-status');
    }
    this.changed();
  }

  private changed(): void {
    this.version += 1;
    this.host.requestUpdate();
  }

  /** Focuses `selector` inside the comment's control once the element has rendered. */
  private focus(id: string, selector: string): void {
    this.changed();
    void this.host.updateComplete.then(() =>
      this.host.renderRoot
        .querySelector(`article[data-id="${CSS.escape(id)}"]`)
        ?.querySelector<HTMLElement>(selector)
        ?.focus(),
    );
  }
}
