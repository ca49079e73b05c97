/**
 * Registers a custom element without ever throwing: a page that loads the bundle
 * twice (or two versions of it) keeps the first registration and gets one warning.
 */
export function define(tag: string, ctor: CustomElementConstructor): void {
  if (typeof customElements === 'undefined') return;
  const existing = customElements.get(tag);
  if (existing) {
    if (existing !== ctor) {
      console.warn(
        `[mhn-widgets] <${tag}> is already defined by another copy of mhn-widgets; keeping the first one.`,
      );
    }
    return;
  }
  try {
    customElements.define(tag, ctor);
  } catch (error) {
    console.warn(`[mhn-widgets] could not define <${tag}>:`, error);
  }
}
