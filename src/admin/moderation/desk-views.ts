/**
 * The moderation desk's templates: the sign-in form, the queue's filters and bulk bar,
 * and one comment. Every string from the API is rendered as text (never HTML); only
 * http(s) URLs become links.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { formatDate, formatList } from '../../core/i18n.js';
import { safeUrl } from '../../core/urls.js';
import type { HistoryEntry, QueueComment, QueueStatus } from './desk-api.js';
import type { Desk, Translate } from './desk-state.js';

export interface ViewContext {
  desk: Desk;
  t: Translate;
  lang: string;
  /** The moderators' guide to safety-held posts, or undefined. */
  guide: string | undefined;
}

export const STATUSES: readonly Exclude<QueueStatus, 'deleted'>[] = [
  'pending',
  'published',
  'rejected',
  'spam',
];

const ACTIONS = [
  ['approve', 'moderation.approve'],
  ['reject', 'moderation.reject'],
  ['spam', 'moderation.spam'],
  ['delete', 'moderation.delete'],
] as const;

const value = (event: Event) => (event.target as HTMLInputElement | HTMLSelectElement).value;

export function renderSignIn({ desk, t }: ViewContext): TemplateResult {
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    void desk.signIn(String(data.get('name') ?? ''), String(data.get('password') ?? ''));
  };
  return html`<form class="sign-in" part="sign-in" @submit=${submit} novalidate>
    <h2 class="heading">${t('moderation.signIn.heading')}</h2>
    ${desk.signInNotice ? html`<p class="notice" role="status">${desk.signInNotice}</p>` : nothing}
    <p class="field">
      <label for="name">${t('moderation.username')}</label>
      <input id="name" name="name" autocomplete="username" required />
    </p>
    <p class="field">
      <label for="password">${t('moderation.password')}</label>
      <input
        id="password"
        name="password"
        type="password"
        autocomplete="current-password"
        required
      />
    </p>
    <p class="error" role="alert">${desk.signInError}</p>
    <button type="submit" part="button" ?disabled=${desk.signInBusy}>
      ${t('moderation.signIn')}
    </button>
    ${
      desk.signInBusy
        ? html`<p class="muted" role="status">${t('moderation.signingIn')}</p>`
        : nothing
    }
  </form>`;
}

export function renderFilters({ desk, t }: ViewContext): TemplateResult {
  return html`<div class="filters" part="filters">
    <div class="statuses" role="group" aria-label=${t('moderation.filters')}>
      ${STATUSES.map(
        (status) =>
          html`<button
            type="button"
            class="secondary"
            aria-pressed=${desk.status === status ? 'true' : 'false'}
            @click=${() => desk.setFilter({ status })}
          >
            ${t('moderation.statusCount', {
              status: t(`moderation.status.${status}`),
              count: desk.counts[status],
            })}
          </button>`,
      )}
    </div>
    <p class="field">
      <label for="article">${t('moderation.article')}</label>
      <select id="article" @change=${(e: Event) => desk.setFilter({ article: value(e) })}>
        <option value="" ?selected=${desk.article === ''}>${t('moderation.allArticles')}</option>
        ${[...desk.articles].map(
          ([slug, title]) =>
            html`<option value=${slug} ?selected=${desk.article === slug}>${title}</option>`,
        )}
      </select>
    </p>
    <p class="field">
      <label for="reason">${t('moderation.reason')}</label>
      <select id="reason" @change=${(e: Event) => desk.setFilter({ reason: value(e) })}>
        <option value="" ?selected=${desk.reason === ''}>${t('moderation.allReasons')}</option>
        ${[...desk.reasons].map(
          (reason) =>
            html`<option value=${reason} ?selected=${desk.reason === reason}>
              ${reasonName(t, reason)}
            </option>`,
        )}
      </select>
    </p>
    <p class="field">
      <label for="sort">${t('moderation.sort')}</label>
      <select
        id="sort"
        @change=${(e: Event) => desk.setFilter({ sort: value(e) as 'newest' | 'oldest' })}
      >
        <option value="newest" ?selected=${desk.sort === 'newest'}>
          ${t('moderation.newest')}
        </option>
        <option value="oldest" ?selected=${desk.sort === 'oldest'}>
          ${t('moderation.oldest')}
        </option>
      </select>
    </p>
  </div>`;
}

export function renderBulk({ desk, t }: ViewContext): TemplateResult {
  const count = desk.selected.size;
  const all = count > 0 && count === desk.items.length;
  const some = count > 0 && !all;
  const ids = () => desk.items.filter((c) => desk.selected.has(c.id)).map((c) => c.id);
  return html`<div class="bulk" part="bulk">
    <label class="check">
      <input
        type="checkbox"
        id="select-all"
        .checked=${all}
        .indeterminate=${some}
        ?disabled=${!desk.items.length}
        @change=${(e: Event) => desk.selectAll((e.target as HTMLInputElement).checked)}
      />
      ${t('moderation.selectAll')}
    </label>
    <div class="actions" role="group" aria-label=${t('moderation.bulk')}>
      ${ACTIONS.map(
        ([action, key]) =>
          html`<button
            type="button"
            class=${action === 'approve' ? '' : 'secondary'}
            aria-disabled=${count ? 'false' : 'true'}
            @click=${() => {
              const chosen = ids();
              if (chosen.length) void desk.act(chosen, action);
            }}
          >
            ${t(key)}
          </button>`,
      )}
    </div>
    <span class="muted">${t('moderation.selected', { count })}</span>
  </div>`;
}

export const reasonName = (t: Translate, reason: string): string => {
  const key = `moderation.reason.${reason}`;
  const name = t(key);
  return name === key ? reason : name;
};

export function renderComment(
  ctx: ViewContext,
  comment: QueueComment,
  index: number,
): TemplateResult {
  const { desk, t, lang, guide } = ctx;
  const id = comment.id;
  const busy = desk.busy.has(id);
  const failure = desk.failures.get(id);
  const link = safeUrl(comment.article.url);
  const articleTitle = comment.article.title ?? comment.article.slug;
  const expanded = desk.expanded.has(id);
  return html`<li>
    <article
      class="comment ${comment.safety ? 'safety' : ''}"
      part="comment"
      data-id=${id}
      data-index=${index}
      tabindex=${desk.current === id ? '0' : '-1'}
      aria-labelledby="title-${id}"
      aria-busy=${busy ? 'true' : 'false'}
      @focusin=${() => (desk.current = id)}
    >
      ${
        comment.safety
          ? html`<p class="banner" part="safety-banner">
              <strong>${t('moderation.safety')}</strong>
              ${guide ? html`<a href=${guide} target="_blank">${t('moderation.guide')}</a>` : nothing}
            </p>`
          : nothing
      }
      <div class="head">
        <input
          type="checkbox"
          class="select"
          aria-label=${t('moderation.select', { title: comment.title })}
          .checked=${desk.selected.has(id)}
          @change=${(e: Event) => desk.toggleSelected(id, (e.target as HTMLInputElement).checked)}
        />
        <h3 class="title" id="title-${id}">${comment.title}</h3>
      </div>
      <p class="meta muted">
        ${t('moderation.on')}
        ${link ? html`<a href=${link}>${articleTitle}</a>` : html`<span>${articleTitle}</span>`} ·
        ${t('moderation.posted', {
          date: formatDate(lang, comment.created) ?? comment.created,
          author: comment.author || t('moderation.anonymous'),
        })}
        ${comment.reports ? html`· ${t('moderation.reports', { count: comment.reports })}` : ''}
        ${
          comment.edited
            ? html`· ${t('moderation.editedOn', { date: formatDate(lang, comment.edited) ?? '' })}`
            : ''
        }
      </p>
      <p class="body">${comment.body}</p>
      ${
        comment.reasons.length
          ? html`<p class="reasons">
              ${t('moderation.heldBecause', {
                list: formatList(
                  lang,
                  comment.reasons.map((r) => reasonName(t, r)),
                ),
              })}
            </p>`
          : nothing
      }
      ${failure ? html`<p class="error" part="failure">${failure}</p>` : nothing}
      <div class="actions">
        ${ACTIONS.map(
          ([action, key]) =>
            html`<button
              type="button"
              class=${action === 'approve' ? '' : 'secondary'}
              ?disabled=${busy}
              @click=${() => void desk.act([id], action)}
            >
              ${t(key)}
            </button>`,
        )}
        <button
          type="button"
          class="secondary"
          aria-expanded=${expanded ? 'true' : 'false'}
          aria-controls="more-${id}"
          @click=${() => desk.toggleExpanded(id)}
        >
          ${t('moderation.more')}
        </button>
      </div>
      ${expanded ? renderMore(ctx, comment) : nothing}
    </article>
  </li>`;
}

function renderMore({ desk, t, lang }: ViewContext, comment: QueueComment): TemplateResult {
  const id = comment.id;
  const reject = (event: SubmitEvent) => {
    event.preventDefault();
    const reason = String(new FormData(event.target as HTMLFormElement).get('reason') ?? '');
    void desk.act([id], 'reject', reason.trim() ? { reason: reason.trim() } : {});
  };
  const edit = (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const fields = {
      title: String(data.get('title') ?? ''),
      author: String(data.get('author') ?? ''),
      body: String(data.get('body') ?? ''),
    };
    void desk.act([id], 'edit', { edit: fields });
  };
  const block = (event: SubmitEvent) => {
    event.preventDefault();
    const removeAll = new FormData(event.target as HTMLFormElement).get('removeAll') === 'on';
    void desk.block(id, removeAll);
  };
  const history = desk.histories.get(id);
  return html`<div class="more" id="more-${id}" part="more">
    <form @submit=${reject}>
      <p class="field">
        <label for="reason-${id}">${t('moderation.rejectReason')}</label>
        <input id="reason-${id}" name="reason" maxlength="500" />
      </p>
      <button type="submit" class="secondary">${t('moderation.rejectWithReason')}</button>
    </form>
    <form @submit=${edit}>
      <h4 class="heading">${t('moderation.editHeading')}</h4>
      <p class="field">
        <label for="edit-title-${id}">${t('moderation.title')}</label>
        <input id="edit-title-${id}" name="title" .value=${comment.title} />
      </p>
      <p class="field">
        <label for="edit-author-${id}">${t('moderation.author')}</label>
        <input id="edit-author-${id}" name="author" .value=${comment.author} />
      </p>
      <p class="field">
        <label for="edit-body-${id}">${t('moderation.body')}</label>
        <textarea id="edit-body-${id}" name="body" rows="5" .value=${comment.body}></textarea>
      </p>
      <button type="submit" class="secondary">${t('moderation.saveEdit')}</button>
    </form>
    <form @submit=${block}>
      <h4 class="heading">${t('moderation.blockHeading')}</h4>
      <label class="check">
        <input type="checkbox" name="removeAll" />
        ${t('moderation.removeAll')}
      </label>
      <button type="submit" class="secondary">${t('moderation.block')}</button>
    </form>
    <h4 class="heading">${t('moderation.history')}</h4>
    ${
      history === 'loading' || history === undefined
        ? html`<p class="muted" role="status">${t('moderation.historyLoading')}</p>`
        : history === 'error'
          ? html`<p class="error">${t('moderation.historyError')}</p>`
          : renderHistory(t, lang, history)
    }
  </div>`;
}

const ACTION_NAMES: Record<string, string> = {
  approve: 'moderation.approve',
  reject: 'moderation.reject',
  spam: 'moderation.spam',
  delete: 'moderation.delete',
  edit: 'moderation.editHeading',
  restore: 'moderation.undo',
  block: 'moderation.block',
};

const actionName = (t: Translate, action: string) =>
  ACTION_NAMES[action] ? t(ACTION_NAMES[action]) : action;

function renderHistory(t: Translate, lang: string, history: HistoryEntry[]): TemplateResult {
  if (!history.length) return html`<p class="muted">${t('moderation.historyEmpty')}</p>`;
  return html`<ol class="history">
    ${history.map(
      (entry) =>
        html`<li>
          ${t('moderation.historyEntry', {
            date: formatDate(lang, entry.at) ?? entry.at,
            actor: entry.actor,
            action: actionName(t, entry.action),
          })}
          ${entry.note ? html`<br />${t('moderation.historyNote', { note: entry.note })}` : ''}
          ${
            entry.action === 'edit' && entry.before
              ? html`<br />${t('moderation.historyBefore', {
                    text: [entry.before.title, entry.before.body].filter(Boolean).join(' — '),
                  })}`
              : ''
          }
        </li>`,
    )}
  </ol>`;
}
