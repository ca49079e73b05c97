/**
 * A list the reader pages through with a **Load more** button (comments, a topic
 * section's items, therapists): the items so far, the cursor of the next page, the
 * request in flight (one at a time; cancelled when the list starts over or the element
 * leaves the page), the error of the last page asked for, and what to tell screen
 * readers once a page has come. When the last page comes, the Load more button goes
 * away: if it had the keyboard focus, focus moves to the first new item instead of
 * falling back to the page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { toContentError, type ContentError } from '../core/errors.js';
import { emit } from '../core/events.js';

/** A page of a cursor-paged list, as the Content API sends it. */
export interface PageOf<I> {
  items: readonly I[];
  nextCursor: string | null;
  total?: number;
}

export interface PagedListHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface PagedListOptions<I, P extends PageOf<I>> {
  /** Fetches the page at `cursor` (`null`: the first page). */
  fetch: (cursor: string | null, signal: AbortSignal) => Promise<P>;
  /** An item's identity: an item already shown is not shown twice (pages can shift). */
  id?: (item: I) => string;
  /** What to tell screen readers after Load more (it lands in `announcement`). */
  announce?: (list: PagedListController<I, P>) => string;
  /** Where focus goes when Load more goes away: the first new item, at `index`. */
  itemToFocus: (index: number) => HTMLElement | null | undefined;
  /** `mhn-load` / `mhn-error` for each page this controller loads: the event's data. */
  events?: (page: P) => unknown;
}

export class PagedListController<I, P extends PageOf<I> = PageOf<I>> implements ReactiveController {
  /** The items shown so far. */
  items: readonly I[] = [];
  /** The cursor of the next page; `null` on the last page. */
  next: string | null = null;
  /** The total the last page reported, if the API reports one. */
  total?: number;
  /** Whether a first page has come. */
  loaded = false;
  /** Why the last page asked for could not be loaded. */
  error?: ContentError;
  /** The polite announcement after the last Load more. */
  announcement = '';
  /** Set by `reset()`: which list this is (e.g. the endpoint and article it belongs to). */
  key?: unknown;

  private request?: AbortController;

  constructor(
    private readonly host: PagedListHost,
    private readonly options: PagedListOptions<I, P>,
  ) {
    host.addController(this);
  }

  /** Whether a page is on its way. */
  get pending(): boolean {
    return !!this.request;
  }

  /** Starts over: with a first page loaded elsewhere, or empty (nothing loaded). */
  reset(key?: unknown, page?: P): void {
    this.abort();
    this.key = key;
    this.items = page ? [...page.items] : [];
    this.next = page?.nextCursor ?? null;
    this.total = page?.total;
    this.loaded = !!page;
    this.error = undefined;
    this.announcement = '';
    this.host.requestUpdate();
  }

  /** Loads the first page. */
  load(): Promise<void> {
    this.reset(this.key);
    return this.fetch(null);
  }

  /**
   * Loads the next page (the Load more button's click). `trigger`: the button; whether
   * it has focus decides where focus goes when it goes away.
   */
  async loadMore(trigger?: Event): Promise<void> {
    if (!this.next || this.request) return;
    const root = this.host.shadowRoot;
    const button = trigger?.currentTarget;
    const focused = !!root?.activeElement && root.activeElement === button;
    const first = this.items.length;
    await this.fetch(this.next);
    if (!focused || this.next || this.items.length === first) return;
    // The button is gone with the last page: unless the reader went elsewhere meanwhile,
    // focus moves to the first item that came.
    await this.host.updateComplete;
    const active = document.activeElement;
    if (active && active !== document.body && active !== this.host) return;
    this.options.itemToFocus(first)?.focus();
  }

  /** Cancels the page in flight (the list keeps what it has). */
  abort(): void {
    this.request?.abort();
    this.request = undefined;
  }

  private async fetch(cursor: string | null): Promise<void> {
    const request = (this.request = new AbortController());
    const { id, events, announce } = this.options;
    this.error = undefined;
    this.announcement = '';
    this.host.requestUpdate();
    try {
      const page = await this.options.fetch(cursor, request.signal);
      if (this.request !== request) return;
      this.request = undefined;
      const seen = id && new Set(this.items.map(id));
      const fresh = seen ? page.items.filter((item) => !seen.has(id(item))) : page.items;
      this.items = [...this.items, ...fresh];
      // A server that hands back the same cursor would page forever: stop there.
      this.next = cursor !== null && page.nextCursor === cursor ? null : page.nextCursor;
      this.total = page.total;
      this.loaded = true;
      if (cursor !== null && announce) this.announcement = announce(this);
      this.host.requestUpdate();
      if (events) {
        await this.host.updateComplete;
        emit(this.host, 'mhn-load', { data: events(page) });
      }
    } catch (e) {
      // A cancelled request is no longer this.request (abort() forgets it): no error.
      if (this.request !== request) return;
      this.request = undefined;
      this.error = toContentError(e);
      this.host.requestUpdate();
      if (events) {
        await this.host.updateComplete;
        emit(this.host, 'mhn-error', { error: this.error.toJSON() });
      }
    }
  }

  hostDisconnected(): void {
    // Only a removal that outlasts the current task cancels (not a move).
    queueMicrotask(() => {
      if (!this.host.isConnected) this.abort();
    });
  }
}
