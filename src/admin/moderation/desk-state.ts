/**
 * What the moderation desk knows and does, apart from how it looks: on top of the
 * session (`desk-session.ts`), the queue with its filters and counts, the selection,
 * which comment has the keyboard, the actions (each one undoable for a few seconds
 * through the API's `restore`), and what to announce. The element (`mhn-moderation.ts`)
 * renders it and routes keys to it.
 */
import type { Action, Counts, HistoryEntry, QueueComment, QueueStatus } from './desk-api.js';
import { DeskBase } from './desk-session.js';

export type { Announcement, FocusTarget, Phase, Translate } from './desk-session.js';

/** How long the Undo button stays, in ms. */
export const UNDO_MS = 6_000;

export type ListState = 'loading' | 'error' | 'ready';

const EMPTY_COUNTS: Counts = { pending: 0, published: 0, rejected: 0, spam: 0, deleted: 0 };

export class Desk extends DeskBase {
  status: QueueStatus = 'pending';
  sort: 'newest' | 'oldest' = 'newest';
  article = '';
  reason = '';
  list: ListState = 'loading';
  items: QueueComment[] = [];
  counts: Counts = { ...EMPTY_COUNTS };
  nextCursor: string | null = null;
  loadingMore = false;
  /** Articles and reasons seen so far, for the filters. */
  readonly articles = new Map<string, string>();
  readonly reasons = new Set<string>();

  selected = new Set<string>();
  /** The comment the keys act on. */
  current: string | null = null;
  busy = new Set<string>();
  /** Why an action failed, by comment. */
  failures = new Map<string, string>();
  expanded = new Set<string>();
  histories = new Map<string, HistoryEntry[] | 'loading' | 'error'>();

  private undoTimer: ReturnType<typeof setTimeout> | undefined;

  override hostDisconnected(): void {
    clearTimeout(this.undoTimer);
  }

  protected clearQueue(): void {
    this.items = [];
    this.selected = new Set();
    this.failures = new Map();
  }

  setFilter(change: Partial<Pick<Desk, 'status' | 'sort' | 'article' | 'reason'>>): void {
    Object.assign(this, change);
    this.selected = new Set();
    this.failures = new Map();
    void this.load();
  }

  /** (Re)loads the first page of the queue under the current filters. */
  override async load(): Promise<void> {
    if (!this.api) return;
    const generation = ++this.generation;
    this.list = 'loading';
    this.changed();
    try {
      const page = await this.api.queue(this.query(null));
      if (generation !== this.generation) return;
      this.items = page.items;
      this.counts = page.counts;
      this.nextCursor = page.nextCursor;
      this.remember(page.items);
      this.list = 'ready';
      if (!this.items.some((c) => c.id === this.current)) this.current = this.items[0]?.id ?? null;
    } catch (error) {
      if (generation !== this.generation) return;
      this.alert = '';
      if (this.failed(error) === null) return;
      this.list = 'error';
    }
    this.changed();
  }

  async loadMore(): Promise<void> {
    if (!this.api || !this.nextCursor || this.loadingMore) return;
    const generation = this.generation;
    this.loadingMore = true;
    this.changed();
    try {
      const page = await this.api.queue(this.query(this.nextCursor));
      if (generation !== this.generation) return;
      const known = new Set(this.items.map((c) => c.id));
      this.items = [...this.items, ...page.items.filter((c) => !known.has(c.id))];
      this.counts = page.counts;
      this.nextCursor = page.nextCursor;
      this.remember(page.items);
    } catch (error) {
      const why = this.failed(error);
      if (why) this.alert = why;
    } finally {
      this.loadingMore = false;
      this.changed();
    }
  }

  private query(cursor: string | null) {
    return {
      status: this.status,
      sort: this.sort,
      article: this.article,
      reason: this.reason,
      cursor,
    };
  }

  private remember(items: QueueComment[]): void {
    for (const c of items) {
      this.articles.set(c.article.slug, c.article.title ?? c.article.slug);
      for (const r of c.reasons) this.reasons.add(r);
    }
  }

  toggleSelected(id: string, on = !this.selected.has(id)): void {
    const next = new Set(this.selected);
    if (on) next.add(id);
    else next.delete(id);
    this.selected = next;
    this.changed();
  }

  selectAll(on: boolean): void {
    this.selected = new Set(on ? this.items.map((c) => c.id) : []);
    this.changed();
  }

  /** Moves the keyboard `by` comments (j: +1, k: -1). */
  move(by: number): void {
    if (!this.items.length) return;
    const at = this.items.findIndex((c) => c.id === this.current);
    const index = Math.min(this.items.length - 1, Math.max(0, (at < 0 ? 0 : at) + by));
    this.current = this.items[index]!.id;
    this.focus = { to: 'comment', index };
    this.changed();
  }

  /**
   * Applies `action` to `ids`. Comments that leave this view go (the keyboard moves to
   * the next one); comments whose action failed stay where they were, with the reason.
   * The done ones can be undone for UNDO_MS.
   */
  async act(
    ids: string[],
    action: Exclude<Action, 'restore'>,
    extra: { reason?: string; edit?: { title?: string; author?: string; body?: string } } = {},
  ): Promise<boolean> {
    const api = this.api;
    const todo = ids.filter((id) => !this.busy.has(id));
    if (!api || !todo.length) return false;
    this.busy = new Set([...this.busy, ...todo]);
    this.alert = '';
    this.changed();
    const firstIndex = this.items.findIndex((c) => todo.includes(c.id));
    try {
      const results = await api.act(todo, action, extra);
      const done: string[] = [];
      const undo: Record<string, number> = {};
      const failures = new Map(this.failures);
      for (const result of results) {
        if (result.ok) {
          done.push(result.id);
          if (result.audit !== null) undo[result.id] = result.audit;
          failures.delete(result.id);
          this.update(result.comment);
        } else {
          failures.set(result.id, this.actionFailure(result.error));
        }
      }
      this.failures = failures;
      const selected = new Set(this.selected);
      for (const id of done) selected.delete(id);
      this.selected = selected;
      const failedCount = results.length - done.length;
      this.alert = failedCount ? this.t('moderation.failedSome', { count: failedCount }) : '';
      if (done.length)
        this.offerUndo(this.t(`moderation.done.${action}`, { count: done.length }), undo);
      if (firstIndex >= 0 && !this.items.some((c) => c.id === this.current)) {
        const index = Math.min(firstIndex, this.items.length - 1);
        this.current = this.items[index]?.id ?? null;
        this.focus = index >= 0 ? { to: 'comment', index } : { to: 'empty' };
      }
      return failedCount === 0;
    } catch (error) {
      const why = this.failed(error);
      if (why !== null) {
        const failures = new Map(this.failures);
        for (const id of todo) failures.set(id, why);
        this.failures = failures;
        this.alert = why;
      }
      return false;
    } finally {
      const busy = new Set(this.busy);
      for (const id of todo) busy.delete(id);
      this.busy = busy;
      this.changed();
    }
  }

  /** A comment after an action: it stays (changed) in this view, or leaves it. */
  private update(comment: QueueComment): void {
    const before = this.items.find((c) => c.id === comment.id);
    const stays = comment.deleted === null && comment.status === this.status;
    if (before) {
      const from: QueueStatus = before.deleted ? 'deleted' : before.status;
      const to: QueueStatus = comment.deleted ? 'deleted' : comment.status;
      if (from !== to) {
        this.counts = { ...this.counts, [from]: Math.max(0, this.counts[from] - 1) };
        this.counts = { ...this.counts, [to]: this.counts[to] + 1 };
      }
    }
    this.items = stays
      ? this.items.map((c) => (c.id === comment.id ? comment : c))
      : this.items.filter((c) => c.id !== comment.id);
    if (!stays) this.histories.delete(comment.id);
    else if (this.histories.has(comment.id)) void this.loadHistory(comment.id);
  }

  private actionFailure(error: string): string {
    const known = ['deleted', 'not-found', 'conflict', 'nothing-to-undo'];
    return known.includes(error)
      ? this.t(`moderation.failed.${error}`)
      : this.t('moderation.failed.other', { message: error });
  }

  /** Announces `text`, with Undo for the actions that changed something. */
  private offerUndo(text: string, undo: Record<string, number>): void {
    clearTimeout(this.undoTimer);
    this.announcement = Object.keys(undo).length ? { text, undo } : { text };
    this.undoTimer = setTimeout(() => {
      this.announcement = { text: this.announcement.text };
      this.changed();
    }, UNDO_MS);
  }

  /**
   * Undoes the last action: the API restores each comment as it was before it — unless
   * someone acted on it since (their action stands, and the status says so). The list is
   * then reloaded, so every comment is where the server says it is.
   */
  async undo(): Promise<void> {
    const undo = this.announcement.undo;
    if (!this.api || !undo) return;
    clearTimeout(this.undoTimer);
    this.announcement = { text: this.announcement.text };
    this.changed();
    try {
      const results = await this.api.act(Object.keys(undo), 'restore', { undo });
      const done = results.filter((r) => r.ok).length;
      // Refused undos are not errors: the comment is simply as someone left it (polite).
      const refused = new Set<string>();
      const failed = new Set<string>();
      for (const r of results) {
        if (r.ok) continue;
        const message = this.actionFailure(r.error);
        (r.error === 'conflict' || r.error === 'nothing-to-undo' ? refused : failed).add(message);
      }
      this.announcement = {
        text: [done ? this.t('moderation.done.restore', { count: done }) : '', ...refused]
          .filter(Boolean)
          .join(' '),
      };
      this.alert = [...failed].join(' ');
      await this.load();
    } catch (error) {
      const why = this.failed(error);
      if (why) {
        this.alert = why;
        this.changed();
      }
    }
  }

  async block(id: string, removeAll: boolean): Promise<void> {
    if (!this.api) return;
    try {
      const { removed } = await this.api.block(id, removeAll);
      this.announcement = {
        text: removed.length
          ? this.t('moderation.blockedRemoved', { count: removed.length })
          : this.t('moderation.blocked'),
      };
      this.alert = '';
      if (removed.length) await this.load();
    } catch (error) {
      const why = this.failed(error);
      if (why) this.alert = why;
    }
    this.changed();
  }

  toggleExpanded(id: string): void {
    const next = new Set(this.expanded);
    if (next.has(id)) next.delete(id);
    else {
      next.add(id);
      if (!this.histories.has(id)) void this.loadHistory(id);
    }
    this.expanded = next;
    this.changed();
  }

  async loadHistory(id: string): Promise<void> {
    if (!this.api) return;
    this.histories.set(id, 'loading');
    this.changed();
    try {
      this.histories.set(id, await this.api.history(id));
    } catch (error) {
      if (this.failed(error) !== null) this.histories.set(id, 'error');
    }
    this.changed();
  }
}
