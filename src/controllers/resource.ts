/**
 * One Content API resource of an element (built on `@lit/task`): loads it when its
 * arguments change (aborting the run before), cancels what is in flight when the
 * element leaves the page and runs it again when it comes back, dispatches `mhn-load` /
 * `mhn-error` once the resulting state has rendered, renders the shared states
 * (not configured, loading, error with Try again, not found) and, after Try again,
 * puts the keyboard focus back in the element.
 *
 * A cancelled run is never an error: `status` reports it as `pending` (its state shows
 * as loading) — the one place where an abort is told apart from a failure.
 */
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import { Task, TaskStatus, initialState } from '@lit/task';
import type { ContentClient } from '../core/content-client.js';
import { ContentError, toContentError } from '../core/errors.js';
import { emit } from '../core/events.js';
import { renderError, renderLoading, renderNotConfigured, renderNotFound } from '../core/states.js';
import { warnOnce } from '../core/warn.js';

export { initialState };

/** Thrown inside a load to show the "not configured" state for a missing attribute. */
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

/**
 * What went wrong, as a ContentError; `undefined` for a cancelled run. The one place where
 * an abort is told apart from a failure.
 */
function failure(cause: unknown): ContentError | undefined {
  if (cause instanceof MissingAttribute) return new ContentError('not_configured', cause.message);
  const error = toContentError(cause);
  return error.code === 'aborted' ? undefined : error;
}

/** What a resource reads from its element. */
export interface ResourceHost extends ReactiveControllerHost, HTMLElement {
  readonly resolvedEndpoint: string | undefined;
  readonly client: ContentClient;
  readonly renderRoot: HTMLElement | DocumentFragment;
  t(key: string, params?: Record<string, string | number>): string;
}

/** The "not set up" state for a missing attribute (and a console warning for the partner). */
export function notConfigured(host: ResourceHost, attribute: string): TemplateResult {
  warnOnce(host, `is not configured: set the "${attribute}" attribute.`);
  return renderNotConfigured(host.t, attribute);
}

/** The state of a resource, with cancelled runs reported as `pending`. */
export type ResourceStatus = 'initial' | 'pending' | 'complete' | 'error';

export interface ResourceRenderers<T> {
  complete: (value: T) => unknown;
  /** Placeholder lines while loading (reserves space). */
  loadingLines?: number;
  /** The placeholder's content, mirroring the loaded layout (instead of `loadingLines`). */
  loading?: () => unknown;
  /** The loading state's status line (default "Loading…"). */
  loadingLabel?: string;
  notFound?: () => unknown;
  /** The error state (default: the reason in plain words and Try again; not set up for a bad endpoint). */
  error?: (error: ContentError) => unknown;
}

export interface ResourceOptions<T, A extends readonly unknown[]> {
  /** Read on every update; a change runs the load again. */
  args: () => A;
  load: (args: A, signal: AbortSignal) => Promise<T | typeof initialState>;
  /** Run when the arguments change (default true). */
  autoRun?: boolean;
  /** Dispatch `mhn-load` / `mhn-error` (default true). */
  events?: boolean;
}

/** By `TaskStatus` (INITIAL, PENDING, COMPLETE, ERROR). */
const STATUSES: ResourceStatus[] = ['initial', 'pending', 'complete', 'error'];

/** The resources of each element (for `aria-busy` and the render guard's Try again). */
const registry = new WeakMap<ReactiveControllerHost, Set<ResourceController<unknown>>>();

/** Whether any resource of `host` is waiting for the network. */
export function resourcesBusy(host: ReactiveControllerHost): boolean {
  return [...(registry.get(host) ?? [])].some((r) => r.task.status === TaskStatus.PENDING);
}

/** Runs every resource of `host` again. */
export function rerunResources(host: ReactiveControllerHost): void {
  registry.get(host)?.forEach((r) => void r.task.run());
}

export class ResourceController<
  T,
  A extends readonly unknown[] = readonly unknown[],
> implements ReactiveController {
  readonly task: Task<A, T>;
  /** Cancelled when the element left the page, to run again when it comes back. */
  private interrupted = false;
  /** Set by Try again: focus goes back into the element once the run has settled. */
  private refocus = false;

  constructor(
    private readonly host: ResourceHost,
    options: ResourceOptions<T, A>,
  ) {
    const events = options.events ?? true;
    // Off the page the arguments stay as they were: nothing is fetched for a detached
    // element (a framework may keep and change one); it catches up when it returns.
    let last: A | undefined;
    this.task = new Task<A, T>(host, {
      args: () => (host.isConnected || !last ? (last = options.args()) : last),
      autoRun: options.autoRun ?? true,
      task: (a, { signal }) => options.load(a, signal) as Promise<T>,
      onComplete: (data) => {
        if (events) void host.updateComplete.then(() => emit(host, 'mhn-load', { data }));
      },
      onError: (cause) => {
        const contentError = failure(cause);
        if (!contentError || cause instanceof MissingAttribute) return;
        if (contentError.code === 'not_configured') warnOnce(host, contentError.message);
        if (events) {
          void host.updateComplete.then(() =>
            emit(host, 'mhn-error', { error: contentError.toJSON() }),
          );
        }
      },
    });
    host.addController(this);
    let all = registry.get(host);
    if (!all) registry.set(host, (all = new Set()));
    all.add(this as ResourceController<unknown>);
  }

  /** The state, a cancelled run counting as `pending`. */
  get status(): ResourceStatus {
    const status = STATUSES[this.task.status];
    return status === 'error' && !this.error ? 'pending' : status;
  }

  /** The loaded value, once complete. */
  get value(): T | undefined {
    return this.task.status === TaskStatus.COMPLETE ? this.task.value : undefined;
  }

  /** The value of the last completed run, even while a new one is pending. */
  get lastValue(): T | undefined {
    return this.task.value;
  }

  /** Why the last run failed; undefined unless it failed (a cancelled run did not). */
  get error(): ContentError | undefined {
    return this.task.status === TaskStatus.ERROR ? failure(this.task.error) : undefined;
  }

  run(): Promise<void> {
    return this.task.run();
  }

  abort(): void {
    this.task.abort();
  }

  /**
   * Try again: runs again and, once settled, puts the keyboard focus back in the element
   * (the button it was on is gone by then): on the new Try again, else the heading.
   */
  retry(): void {
    this.refocus = true;
    void this.task.run();
  }

  /**
   * The resource's states: not configured (no endpoint or a missing attribute), loading,
   * error with Try again, not found, and the loaded content.
   */
  render(renderers: ResourceRenderers<T>): unknown {
    const { host } = this;
    if (!host.resolvedEndpoint) return notConfigured(host, 'endpoint');
    const loading = () =>
      renderLoading(host.t, renderers.loadingLines, renderers.loadingLabel, renderers.loading?.());
    return this.task.render({
      initial: loading,
      pending: loading,
      complete: renderers.complete,
      error: (e) => {
        if (e instanceof MissingAttribute) return notConfigured(host, e.attribute);
        const error = this.error;
        if (!error) return loading();
        if (error.code === 'not_found' && (renderers.notFound || !renderers.error)) {
          return renderers.notFound?.() ?? renderNotFound(host.t);
        }
        if (renderers.error) return renderers.error(error);
        if (error.code === 'not_configured') return notConfigured(host, 'endpoint');
        return renderError(host.t, error, () => this.retry());
      },
    });
  }

  hostConnected(): void {
    // Back on the page: pick up what a removal cancelled.
    if (!this.interrupted) return;
    this.interrupted = false;
    void this.task.run();
  }

  hostDisconnected(): void {
    // A move (removed and inserted again in one go) must not cancel anything: only a
    // removal that outlasts the current task does.
    queueMicrotask(() => {
      if (this.host.isConnected || this.task.status !== TaskStatus.PENDING) return;
      this.interrupted = true;
      this.task.abort();
    });
  }

  hostUpdated(): void {
    if (!this.refocus || resourcesBusy(this.host)) return;
    this.refocus = false;
    const root = this.host.renderRoot;
    const target = ['[role="alert"] button', '[part~="heading"]', '[part="base"]']
      .map((selector) => root.querySelector<HTMLElement>(selector))
      .find(Boolean);
    if (!target) return;
    if (!target.matches('button') && !target.hasAttribute('tabindex')) target.tabIndex = -1;
    target.focus();
  }
}

/** A GET resource's arguments: the endpoint, the client and the path's segments. */
type GetArgs = [endpoint: string | undefined, client: ContentClient, ...path: string[]];

/**
 * A resource that GETs one Content API path and parses it. `path` is read on every
 * update, with the endpoint and client (a change loads again); it returns `undefined`
 * while the resource is not wanted, or, when `required` names the attribute the path
 * comes from, while that attribute is missing (shown as not set up).
 */
export function getResource<T>(
  host: ResourceHost,
  path: () => readonly string[] | undefined,
  parse: (json: unknown) => T,
  options: {
    events?: boolean;
    required?: string;
    /** Started together with the request; the value waits for both (e.g. the sanitizer). */
    ready?: () => Promise<unknown>;
  } = {},
): ResourceController<T, GetArgs> {
  return new ResourceController<T, GetArgs>(host, {
    args: () => [host.resolvedEndpoint, host.client, ...(path() ?? [])],
    load: async ([endpoint, client, ...segments], signal) => {
      if (!endpoint) return initialState;
      if (segments.length) {
        if (!options.ready) return client.get(endpoint, segments, { parse, signal });
        const [value] = await Promise.all([
          client.get(endpoint, segments, { parse, signal }),
          options.ready(),
        ]);
        return value;
      }
      if (options.required) throw new MissingAttribute(options.required);
      return initialState;
    },
    events: options.events,
  });
}
