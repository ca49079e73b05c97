/**
 * The base class of every widget: configuration resolution (own attribute → nearest
 * `<mhn-provider>` → page language → English), translated strings, typed events,
 * data tasks with their states, and a render guard so that no exception ever
 * escapes into the partner page.
 */
import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ContextRoot, consume } from '@lit/context';
import { Task, TaskStatus, initialState } from '@lit/task';
import { configContext, type ProviderConfig, type Theme } from './config-context.js';
import { sharedClient, type ContentClient } from './content-client.js';
import { ContentError, isAbortError, toContentError } from './errors.js';
import { normalizeLocale, translate, type Messages, type Params } from './i18n.js';
import { renderError, renderLoading, renderNotConfigured, renderNotFound } from './states.js';
import { hostStyles } from './styles.js';
import { pageScheme, watchPage } from './theme.js';

export { initialState };

type MhnEventName = 'mhn-load' | 'mhn-error' | 'mhn-comment-submit';

/** Outside the class, so the manifest lists each element's documented events only. */
function fire(target: EventTarget, name: MhnEventName, detail: unknown): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

// Widgets may be upgraded before the <mhn-provider> around them (per-widget modules,
// late scripts): a ContextRoot replays their requests once the provider arrives.
const CONTEXT_ROOT = Symbol.for('mhn-widgets/context-root');
if (typeof document !== 'undefined' && !(globalThis as Record<symbol, unknown>)[CONTEXT_ROOT]) {
  (globalThis as Record<symbol, unknown>)[CONTEXT_ROOT] = true;
  new ContextRoot().attach(document.documentElement);
}

/** Thrown inside a task to show the "not configured" state for a missing attribute. */
export class MissingAttribute extends Error {
  constructor(readonly attribute: string) {
    super(`missing attribute ${attribute}`);
  }
}

/** `[collection, slug]` for a slug attribute's value; `undefined` when it is blank. */
export function pathOf(collection: string, slug: string | undefined): string[] | undefined {
  const trimmed = slug?.trim();
  return trimmed ? [collection, trimmed] : undefined;
}

/** A resource task's arguments: the endpoint, the client and the path's segments. */
type GetTaskArgs = [endpoint: string | undefined, client: ContentClient, ...path: string[]];

export interface TaskRenderers<T> {
  complete: (value: T) => unknown;
  /** Placeholder lines while loading (reserves space). */
  loadingLines?: number;
  /** The placeholder's content, mirroring the loaded layout (instead of `loadingLines`). */
  loading?: () => unknown;
  notFound?: () => unknown;
}

export abstract class MhnElement extends LitElement {
  static override styles = [hostStyles];

  /** Base URL of the Content API; falls back to the enclosing `<mhn-provider>`. */
  @property() endpoint?: string;

  /** BCP 47 locale of the UI; falls back to the provider, then `<html lang>`, then `en`. */
  @property() locale?: string;

  /** `light`, `dark` or `auto` (follows the page); falls back to the provider, then `light`. */
  @property() theme?: 'light' | 'dark' | 'auto';

  /** Per-element string overrides, keyed like the bundled strings (`state.retry`…). */
  @property({ attribute: false }) strings?: Messages;

  /** The HTTP client (shared by every element on the page unless replaced). */
  @property({ attribute: false }) client: ContentClient = sharedClient;

  @consume({ context: configContext, subscribe: true })
  @state()
  protected providerConfig?: ProviderConfig;

  private readonly tasks: Task<readonly unknown[], unknown>[] = [];
  private readonly warned = new Set<string>();
  /** Tasks cancelled when the element left the page, to run again when it comes back. */
  private interrupted: Task<readonly unknown[], unknown>[] = [];
  private unwatchPage?: () => void;
  /** The locale of the last render. */
  private shownLocale?: string;

  /** The endpoint in force for this element, or undefined when none is configured. */
  get resolvedEndpoint(): string | undefined {
    return this.endpoint?.trim() || this.providerConfig?.endpoint?.trim() || undefined;
  }

  /** The locale in force for this element. */
  get resolvedLocale(): string {
    const pageLang = typeof document === 'undefined' ? '' : document.documentElement.lang;
    return normalizeLocale(this.locale || this.providerConfig?.locale || pageLang || 'en');
  }

  get resolvedTheme(): Theme {
    return this.theme ?? this.providerConfig?.theme ?? 'light';
  }

  /** Translates a UI string for this element's locale. */
  t = (key: string, params?: Params): string =>
    translate(this.resolvedLocale, key, params, this.mergedStrings());

  private mergedStrings(): Messages | undefined {
    const fromProvider = this.providerConfig?.strings;
    if (!fromProvider) return this.strings;
    return this.strings ? { ...fromProvider, ...this.strings } : fromProvider;
  }

  /** Dispatches a typed, bubbling, composed event. */
  protected emit<K extends MhnEventName>(
    name: K,
    detail: GlobalEventHandlersEventMap[K]['detail'],
  ): void {
    fire(this, name, detail);
  }

  /** One console warning per element and message. */
  protected warnOnce(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    console.warn(`[mhn-widgets] <${this.localName}> ${message}`);
  }

  /**
   * A data task: `args` are read on every update and the task re-runs (aborting the
   * previous run) when they change. `mhn-load` / `mhn-error` are dispatched after the
   * resulting state has rendered.
   */
  protected createTask<T, A extends readonly unknown[]>(
    args: () => A,
    load: (args: A, signal: AbortSignal) => Promise<T | typeof initialState>,
    options: { autoRun?: boolean; events?: boolean } = {},
  ): Task<A, T> {
    const events = options.events ?? true;
    // Off the page the arguments stay as they were: nothing is fetched for a detached
    // element (a framework may keep and change one); it catches up when it returns.
    let last: A | undefined;
    const task = new Task<A, T>(this, {
      args: () => (this.isConnected || !last ? (last = args()) : last),
      autoRun: options.autoRun ?? true,
      task: (a, { signal }) => load(a, signal) as Promise<T>,
      onComplete: (data) => {
        if (events) void this.updateComplete.then(() => this.emit('mhn-load', { data }));
      },
      onError: (error) => {
        if (isAbortError(error) || error instanceof MissingAttribute) return;
        const contentError = toContentError(error);
        if (contentError.code === 'not_configured') {
          this.warnOnce(contentError.message);
        }
        if (events) {
          void this.updateComplete.then(() =>
            this.emit('mhn-error', { error: contentError.toJSON() }),
          );
        }
      },
    });
    this.tasks.push(task as unknown as Task<readonly unknown[], unknown>);
    return task;
  }

  /**
   * A task that GETs one Content API resource and parses it. `path` is read on every
   * update, with the endpoint and client (a change re-runs the task); it returns
   * `undefined` while the resource is not wanted, or, when `required` names the
   * attribute the path comes from, while that attribute is missing (shown as not set up).
   */
  protected createGetTask<T>(
    path: () => readonly string[] | undefined,
    parse: (json: unknown) => T,
    options: { events?: boolean; required?: string } = {},
  ): Task<GetTaskArgs, T> {
    return this.createTask(
      (): GetTaskArgs => [this.resolvedEndpoint, this.client, ...(path() ?? [])],
      async ([endpoint, client, ...segments], signal) => {
        if (!endpoint) return initialState;
        if (segments.length) return client.get(endpoint, segments, { parse, signal });
        if (options.required) throw new MissingAttribute(options.required);
        return initialState;
      },
      options,
    );
  }

  /**
   * Renders a task's states: not configured (no endpoint or a missing attribute),
   * loading, error with Try again, not found, and the loaded content.
   */
  protected renderTask<T>(task: Task<readonly unknown[], T>, renderers: TaskRenderers<T>): unknown {
    if (!this.resolvedEndpoint) return this.renderNotConfigured('endpoint');
    const loading = () =>
      renderLoading(this.t, renderers.loadingLines, undefined, renderers.loading?.());
    return task.render({
      initial: loading,
      pending: loading,
      complete: renderers.complete,
      error: (e) => {
        if (e instanceof MissingAttribute) return this.renderNotConfigured(e.attribute);
        const error = toContentError(e);
        if (error.code === 'aborted') return loading();
        if (error.code === 'not_found') return renderers.notFound?.() ?? renderNotFound(this.t);
        if (error.code === 'not_configured') return this.renderNotConfigured('endpoint');
        return renderError(this.t, error, () => this.retry(task));
      },
    });
  }

  /**
   * Try again: re-runs the task and, once it settles, puts the keyboard focus back in the
   * widget (the button it was on is gone by then): on the heading, or the new Try again.
   */
  protected retry(task: Task<readonly unknown[], unknown>): void {
    this.refocus = true;
    void task.run();
  }

  private refocus = false;

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (!this.refocus || this.busy) return;
    this.refocus = false;
    const target = ['[role="alert"] button', '[part~="heading"]', '[part="base"]']
      .map((selector) => this.renderRoot.querySelector<HTMLElement>(selector))
      .find(Boolean);
    if (!target) return;
    if (!target.matches('button') && !target.hasAttribute('tabindex')) target.tabIndex = -1;
    target.focus();
  }

  protected renderNotConfigured(attribute: string): TemplateResult {
    this.warnOnce(`is not configured: set the "${attribute}" attribute.`);
    return renderNotConfigured(this.t, attribute);
  }

  /** Whether any task is waiting for the network (drives `aria-busy`). */
  protected get busy(): boolean {
    return this.tasks.some((task) => task.status === TaskStatus.PENDING);
  }

  /** Subclasses render here; `render()` guards it. */
  protected abstract renderContent(): unknown;

  protected override render(): unknown {
    let content: unknown;
    try {
      content = this.renderContent();
    } catch (error) {
      console.error(`[mhn-widgets] <${this.localName}> failed to render:`, error);
      content = renderError(this.t, new ContentError('bad_response', String(error)), () =>
        this.tasks.forEach((task) => void task.run()),
      );
    }
    // The UI's language, whatever the page's (content inside carries its own `lang`).
    return html`<div lang=${(this.shownLocale = this.resolvedLocale)}>${content}</div>`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.hasUpdated) return;
    this.followPage();
    // Back on the page: catch up with what changed while away, and pick up what a
    // removal cancelled.
    this.requestUpdate();
    for (const task of this.interrupted.splice(0)) void task.run();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unwatchPage?.();
    this.unwatchPage = undefined;
    // A move (removed and inserted again in one go) must not cancel anything: only a
    // removal that outlasts the current task does.
    queueMicrotask(() => {
      if (!this.isConnected) this.removed();
    });
  }

  /** The element has left the page (it was not just moved): cancel what is in flight. */
  protected removed(): void {
    for (const task of this.tasks) {
      if (task.status === TaskStatus.PENDING) {
        this.interrupted.push(task);
        task.abort();
      }
    }
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.followPage();
  }

  /**
   * Mirrors the resolved theme to `data-theme` (light|dark) for the token styles, and
   * while the theme is `auto` or the locale comes from `<html lang>`, follows the page.
   */
  private followPage(): void {
    const auto = this.resolvedTheme === 'auto';
    const watch = this.isConnected && (auto || !(this.locale || this.providerConfig?.locale));
    if (watch && !this.unwatchPage) {
      this.unwatchPage = watchPage(() => {
        this.followPage();
        if (this.resolvedLocale !== this.shownLocale) this.requestUpdate();
      });
    } else if (!watch && this.unwatchPage) {
      this.unwatchPage();
      this.unwatchPage = undefined;
    }
    const theme = auto ? pageScheme() : this.resolvedTheme === 'dark' ? 'dark' : 'light';
    if (this.dataset['theme'] !== theme) this.dataset['theme'] = theme;
  }
}

export { renderLoading };
