/**
 * The UI language of one element (in the spirit of Shoelace's `LocalizeController`):
 * resolves the locale — the element's own `locale` attribute → the enclosing
 * `<mhn-provider>` → `<html lang>` → `en` — translates strings with the element's and
 * the provider's overrides, and, while the locale comes from `<html lang>`, re-renders
 * the element when the page's language changes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { normalizeLocale, translate, type Messages, type Params } from '../core/i18n.js';
import { watchPage } from '../core/theme.js';

/** What the controller reads from its element. */
export interface LocalizeHost extends ReactiveControllerHost {
  readonly isConnected: boolean;
  /** The element's own `locale` attribute. */
  readonly locale?: string;
  /** The element's own string overrides. */
  readonly strings?: Messages;
}

/** What the enclosing `<mhn-provider>` says, if anything. */
export type Provided = () => { locale?: string; strings?: Messages } | undefined;

export class LocalizeController implements ReactiveController {
  private unwatch?: () => void;
  /** The locale of the last render. */
  private shown?: string;

  constructor(
    private readonly host: LocalizeHost,
    private readonly provided: Provided,
  ) {
    host.addController(this);
  }

  /** The locale in force: element → provider → `<html lang>` → `en`, canonical. */
  get lang(): string {
    const pageLang = typeof document === 'undefined' ? '' : document.documentElement.lang;
    return normalizeLocale(this.host.locale || this.provided()?.locale || pageLang || 'en');
  }

  /** Translates a UI string for the element's locale. */
  t = (key: string, params?: Params): string => translate(this.lang, key, params, this.strings());

  /** The locale to render with now (remembered, to notice when the page's changes). */
  render(): string {
    return (this.shown = this.lang);
  }

  private strings(): Messages | undefined {
    const own = this.host.strings;
    const fromProvider = this.provided()?.strings;
    if (!fromProvider) return own;
    return own ? { ...fromProvider, ...own } : fromProvider;
  }

  hostConnected(): void {
    this.follow();
  }

  hostUpdate(): void {
    this.follow();
  }

  hostDisconnected(): void {
    this.unwatch?.();
    this.unwatch = undefined;
  }

  /** Follows `<html lang>` while the locale comes from it (and only while on the page). */
  private follow(): void {
    const fromPage = !(this.host.locale || this.provided()?.locale);
    if (this.host.isConnected && fromPage) {
      this.unwatch ??= watchPage(() => {
        if (this.lang !== this.shown) this.host.requestUpdate();
      });
    } else {
      this.unwatch?.();
      this.unwatch = undefined;
    }
  }
}
