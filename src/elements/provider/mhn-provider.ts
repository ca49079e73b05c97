import { LitElement, css, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { provide } from '@lit/context';
import { configContext, type ProviderConfig } from '../../core/config-context.js';
import { clearServerRender } from '../../core/server-render.js';
import type { Messages } from '../../core/i18n.js';

/**
 * Configures every mhn widget inside it, so each widget does not repeat the endpoint,
 * locale and theme. Shows nothing of its own. A widget's own attribute always wins.
 *
 * @tagname mhn-provider
 * @summary Shares `endpoint`, `locale`, `theme` and string overrides with the widgets inside it.
 * @slot - The widgets, and any other page content.
 */
export class MhnProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** Base URL of the Content API, e.g. `https://content.example.org/api/v1`. */
  @property() endpoint?: string;

  /** BCP 47 locale for the widgets' UI (`en`, `es`, `es-MX`…). */
  @property() locale?: string;

  /** `light`, `dark` or `auto` for every widget inside. */
  @property() theme?: 'light' | 'dark' | 'auto';

  /** String overrides for every widget inside (see the README's "Strings" section). */
  @property({ attribute: false }) strings?: Messages;

  @provide({ context: configContext })
  protected config: ProviderConfig = {};

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (
      changed.has('endpoint') ||
      changed.has('locale') ||
      changed.has('theme') ||
      changed.has('strings')
    ) {
      this.config = {
        endpoint: this.endpoint,
        locale: this.locale,
        theme: this.theme,
        strings: this.strings,
      };
    }
  }

  /** A server-rendered shadow root is cleared (or hydrated): see `server-render.ts`. */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    clearServerRender(this);
    return super.createRenderRoot();
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
