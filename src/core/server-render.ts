/**
 * Server rendering (Lit SSR) leaves each element a declarative shadow root holding its
 * loading state. With Lit's hydration support loaded
 * (`@lit-labs/ssr-client/lit-element-hydrate-support.js`, which registers
 * `globalThis.litElementHydrateSupport`), Lit adopts those nodes. Without it, the browser
 * hands the element that root unchanged and Lit would render next to the server's
 * placeholder: the element clears it first and renders afresh.
 */
export function clearServerRender(host: Element): void {
  if (host.shadowRoot && !('litElementHydrateSupport' in globalThis)) {
    host.shadowRoot.replaceChildren();
  }
}
