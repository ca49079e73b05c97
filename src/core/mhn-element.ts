/**
 * The base class of every widget: configuration resolution (own attribute → nearest
 * `<mhn-provider>` → page language → English) and a render guard so that no exception
 * ever escapes into the partner page. What a widget does with its configuration —
 * loading resources, paging lists, translating — lives in the controllers it composes
 * (`src/controllers/`).
 */
import { LitElement, html, isServer, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ContextRoot, consume } from '@lit/context';
import { configContext, type ProviderConfig, type Theme } from './config-context.js';
import { sharedClient, type ContentClient } from './content-client.js';
import { enumerated, unknownValues } from './enumerated.js';
import { ContentError } from './errors.js';
import type { Messages, Params } from './i18n.js';
import { clearServerRender } from './server-render.js';
import { renderError, renderLoading } from './states.js';
import { hostStyles } from './styles.js';
import { pageScheme, watchPage } from './theme.js';
import { warnOnce } from './warn.js';
import { LocalizeController } from '../controllers/localize.js';
import {
  MissingAttribute,
  notConfigured,
  pathOf,
  rerunResources,
  initialState,
} from '../controllers/resource.js';

export { initialState, MissingAttribute, pathOf, renderLoading };
// Every element's declarations reach the events' typings (and their global event map)
// through this base class, whichever entry point a page imports.
export type { MhnEventMap } from './events.js';

// Widgets may be upgraded before the <mhn-provider> around them (per-widget modules,
// late scripts): a ContextRoot replays their requests once the provider arrives.
const CONTEXT_ROOT = Symbol.for('mhn-widgets/context-root');
if (typeof document !== 'undefined' && !(globalThis as Record<symbol, unknown>)[CONTEXT_ROOT]) {
  (globalThis as Record<symbol, unknown>)[CONTEXT_ROOT] = true;
  new ContextRoot().attach(document.documentElement);
}

/** A new task, ahead of others where the browser has `scheduler.yield()`. */
const yieldToMain = (): Promise<unknown> =>
  (globalThis as { scheduler?: { yield?: () => Promise<unknown> } }).scheduler?.yield?.() ??
  new Promise((resolve) => setTimeout(resolve));

export abstract class MhnElement extends LitElement {
  static override styles = [hostStyles];

  /** Base URL of the Content API; falls back to the enclosing `<mhn-provider>`. */
  @property() endpoint?: string;

  /** BCP 47 locale of the UI; falls back to the provider, then `<html lang>`, then `en`. */
  @property() locale?: string;

  /** `light`, `dark` or `auto` (follows the page); falls back to the provider, then `light`. */
  @enumerated(['light', 'dark', 'auto'])
  @property()
  theme?: 'light' | 'dark' | 'auto';

  /** Per-element string overrides, keyed like the bundled strings (`state.retry`…). */
  @property({ attribute: false }) strings?: Messages;

  /** The HTTP client (shared by every element on the page unless replaced). */
  @property({ attribute: false }) client: ContentClient = sharedClient;

  @consume({ context: configContext, subscribe: true })
  @state()
  protected providerConfig?: ProviderConfig;

  private readonly localize = new LocalizeController(this, () => this.providerConfig);
  private unwatchPage?: () => void;

  /** The endpoint in force for this element, or undefined when none is configured. */
  get resolvedEndpoint(): string | undefined {
    return this.endpoint?.trim() || this.providerConfig?.endpoint?.trim() || undefined;
  }

  /** The locale in force for this element. */
  get resolvedLocale(): string {
    return this.localize.lang;
  }

  get resolvedTheme(): Theme {
    return this.theme ?? this.providerConfig?.theme ?? 'light';
  }

  /** Translates a UI string for this element's locale. */
  t = (key: string, params?: Params): string => this.localize.t(key, params);

  /** One console warning per element and message. */
  protected warnOnce(message: string): void {
    warnOnce(this, message);
  }

  protected renderNotConfigured(attribute: string): TemplateResult {
    return notConfigured(this, attribute);
  }

  /**
   * Each element's first render waits until the main thread has been offered back, so
   * that it runs in a task of its own. When a module defines an element, every instance
   * on the page upgrades in the task that evaluated the module, and their first renders
   * would run there too: with every widget on a page, one task well over 50 ms (a page
   * the reader cannot scroll or type in meanwhile). Later updates are not delayed.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    if (this.hasUpdated || isServer) return super.scheduleUpdate();
    return yieldToMain().then(() => super.scheduleUpdate());
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
        rerunResources(this),
      );
    }
    // The UI's language, whatever the page's (content inside carries its own `lang`).
    return html`<div lang=${this.localize.render()}>${content}</div>`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.hasUpdated) return;
    this.followTheme();
    // Back on the page: catch up with what changed while away.
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unwatchPage?.();
    this.unwatchPage = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    for (const warning of unknownValues(this, changed, (name) => this.attributeOf(name))) {
      this.warnOnce(warning);
    }
    this.followTheme();
  }

  private attributeOf(name: PropertyKey): string {
    const { attribute } = (this.constructor as typeof LitElement).elementProperties.get(name) ?? {};
    return typeof attribute === 'string' ? attribute : String(name).toLowerCase();
  }

  /** A server-rendered shadow root is cleared (or hydrated): see `server-render.ts`. */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    clearServerRender(this);
    return super.createRenderRoot();
  }

  /**
   * Mirrors the resolved theme to `data-theme` (light|dark) for the token styles, and
   * while the theme is `auto`, follows the page's.
   */
  private followTheme(): void {
    const auto = this.resolvedTheme === 'auto';
    if (auto && this.isConnected && !this.unwatchPage) {
      this.unwatchPage = watchPage(() => this.followTheme());
    } else if (!(auto && this.isConnected) && this.unwatchPage) {
      this.unwatchPage();
      this.unwatchPage = undefined;
    }
    // On a server (Lit SSR) there is no page to follow: `auto` renders light until the
    // browser takes over, and the attribute is written as markup (no `dataset` there).
    const scheme = () => (isServer ? 'light' : pageScheme());
    const theme = auto ? scheme() : this.resolvedTheme === 'dark' ? 'dark' : 'light';
    if (this.getAttribute('data-theme') !== theme) this.setAttribute('data-theme', theme);
  }
}
