/**
 * The thread of `<mhn-comments>`: the comments of one endpoint + article, pages appended
 * with **Load more comments** (a paged list), and how a comment is shown.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { html as staticHtml, type StaticValue } from 'lit/static-html.js';
import type { Comment, CommentPage } from '../../core/api-types.js';
import { formatDate } from '../../core/i18n.js';
import { renderEmpty, skeletonText } from '../../core/states.js';
import { PagedListController, type PagedListHost } from '../../controllers/paged-list.js';

/** The thread: the comments loaded so far; its `key` says which endpoint + article. */
export type Thread = PagedListController<Comment, CommentPage>;

/** Four typical comments while the thread loads: title, author and date, two lines. */
export const commentsPlaceholder = html`<ol class="list">
  ${[0, 1, 2, 3].map(
    () =>
      html`<li class="comment">
        <p class="title">${skeletonText(32)}</p>
        <p class="meta">${skeletonText(24)}</p>
        <p class="body">${skeletonText(120)}</p>
      </li>`,
  )}
</ol>`;

export interface ThreadHost extends PagedListHost {
  readonly resolvedLocale: string;
  t(key: string, params?: Record<string, string | number>): string;
}

/**
 * The thread's paged list: `fetch` asks for the page at a cursor. A comment published
 * meanwhile can shift a page: none is shown twice.
 */
export function createThread(
  host: ThreadHost,
  fetch: (cursor: string | null, signal: AbortSignal) => Promise<CommentPage>,
  announce: (text: string) => void,
): Thread {
  const thread: Thread = new PagedListController<Comment, CommentPage>(host, {
    fetch,
    id: (c) => c.id,
    announce: (list) => {
      const text = host.t('comments.shown', { shown: list.items.length, count: list.total ?? 0 });
      announce(text);
      return text;
    },
    // When Load more goes (last page), focus moves to the first new comment.
    itemToFocus: (index) => {
      const first = thread.items[index];
      return first
        ? host.renderRoot.querySelector<HTMLElement>(`article[data-id="${CSS.escape(first.id)}"]`)
        : undefined;
    },
    events: (page) => page,
  });
  return thread;
}

export interface ThreadView {
  host: ThreadHost;
  thread: Thread;
  /** The reader's own comments (shown above, not again in the thread). */
  mine: readonly { comment: Comment; status: string }[];
  /** The tag of a comment's title heading. */
  h: StaticValue;
  /** An older thread shown while the new order loads. */
  stale?: boolean;
  /** Comments no longer shown (the reader deleted them). */
  hidden?: ReadonlySet<string>;
  /** What a comment shows below its text (the reader's Delete control). */
  controls?: (c: Comment) => unknown;
  /** Changes whenever what `controls` shows may have changed (blocks render again). */
  controlsVersion?: number;
  /**
   * The Report control of a published comment; rendered blocks are kept until one of
   * `deps` changes (any control's state, the site facts it shows).
   */
  report?: { render: (comment: Comment) => TemplateResult; deps: readonly unknown[] };
}

const BLOCK = 50;

/** `items` in blocks of 50: a block renders again only when one of its items changed. */
function blocks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BLOCK) out.push(items.slice(i, i + BLOCK));
  return out;
}

/** The thread's comments, its Load more button and the error of a page that failed. */
export function renderThread({
  host,
  thread,
  mine,
  h,
  stale = false,
  hidden,
  controls,
  controlsVersion,
  report,
}: ThreadView) {
  const own = new Set(mine.map((m) => m.comment.id));
  const items = thread.items.filter((c) => !own.has(c.id) && !hidden?.has(c.id));
  return html`<div class=${stale ? 'stale' : ''}>
    ${
      items.length
        ? html`<ol class="list" part="list" role="list">
            ${blocks(items).map((block) =>
              // A block already shown is not rendered again when Load more appends a page
              // (a thousand comments would otherwise be re-rendered on every page).
              guard(
                [
                  ...block,
                  h,
                  host.resolvedLocale,
                  host.t('comments.anonymous'),
                  controlsVersion,
                  ...(report?.deps ?? []),
                ],
                () =>
                  block.map((c) =>
                    renderComment(
                      host,
                      c,
                      h,
                      false,
                      html`${controls?.(c) ?? nothing}${report?.render(c) ?? nothing}`,
                    ),
                  ),
              ),
            )}
          </ol>`
        : mine.length
          ? nothing
          : renderEmpty(host.t, host.t('comments.empty'))
    }
    ${
      thread.error
        ? html`<p class="state" part="error" role="alert">${host.t('comments.moreError')}</p>`
        : nothing
    }
    ${
      thread.next
        ? html`<button
            type="button"
            class="more secondary"
            part="button load-more"
            aria-disabled=${thread.pending || stale ? 'true' : 'false'}
            @click=${(e: Event) => thread.loadMore(e)}
          >
            ${host.t('comments.more')}
          </button>`
        : nothing
    }
  </div>`;
}

/**
 * One comment: title, author (or Anonymous) and date, text; `pending` marks the reader's
 * own; `extra` comes after the text (the reader's Delete control, the Report control).
 */
export function renderComment(
  host: ThreadHost,
  c: Comment,
  h: StaticValue,
  pending = false,
  extra: unknown = nothing,
) {
  const date = formatDate(host.resolvedLocale, c.created);
  return html`<li>
    <article class="comment" part="comment" tabindex="-1" data-id=${c.id}>
      ${c.title ? staticHtml`<${h} class="title" part="comment-title" dir="auto">${c.title}</${h}>` : nothing}
      <p class="meta" part="comment-meta">
        <span class="author" dir="auto"
          >${c.author?.trim() ? c.author : host.t('comments.anonymous')}</span
        >
        ${date ? html`<time datetime=${c.created}>${date}</time>` : nothing}
        ${
          pending
            ? html`<strong class="badge" part="pending">${host.t('comments.pendingBadge')}</strong>`
            : nothing
        }
      </p>
      <p class="body" part="comment-body" dir="auto">${c.body}</p>
      ${extra}
    </article>
  </li>`;
}
