/**
 * The script-tag entry, `dist/mhn-widgets.js`: a small loader that registers every
 * element on demand. For each `mhn-*` tag on the page it imports that element's module
 * (all of them in parallel, resolved against this file's own URL, so any CDN path or
 * self-hosted copy of `dist/` works), and a MutationObserver does the same for tags
 * added later (single-page apps, content inside `<mhn-provider>`). A page evaluates only
 * the widgets it shows. Each element's module also registers `<mhn-provider>` first, so
 * a provider is always defined before the widgets it configures.
 *
 * In the rollup build each `import()` below becomes that element's chunk (the provider's
 * registration included); the shared core is one chunk they all import.
 */

const modules: Record<string, () => Promise<unknown>> = {
  'mhn-provider': () => import('./elements/provider/define.js'),
  'mhn-article': () => import('./elements/article/define.js'),
  'mhn-comments': () => import('./elements/comments/define.js'),
  'mhn-topic': () => import('./elements/topic/define.js'),
  'mhn-related-topics': () => import('./elements/related-topics/define.js'),
  'mhn-therapist-search': () => import('./elements/therapist-search/define.js'),
  'mhn-attribution': () => import('./elements/attribution/define.js'),
  'mhn-crisis-resources': () => import('./elements/crisis-resources/define.js'),
};

const requested = new Set<string>();

function load(tag: string): void {
  const importer = modules[tag];
  if (!importer || requested.has(tag)) return;
  requested.add(tag);
  importer().catch((error: unknown) => {
    requested.delete(tag);
    console.warn(`[mhn-widgets] could not load <${tag}>:`, error);
  });
}

/** Loads the module of every element tag in `root` (itself included) not yet defined. */
function discover(root: Element | Document | DocumentFragment): void {
  if (root instanceof Element) load(root.localName);
  for (const tag of Object.keys(modules)) {
    if (!requested.has(tag) && root.querySelector(tag)) load(tag);
  }
}

if (typeof document !== 'undefined' && typeof customElements !== 'undefined') {
  // Elements defined by another copy already need nothing from this one.
  for (const tag of Object.keys(modules)) if (customElements.get(tag)) requested.add(tag);
  discover(document);
  new MutationObserver((records) => {
    if (requested.size === Object.keys(modules).length) return;
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType === 1) discover(node as Element);
      }
    }
  }).observe(document, { childList: true, subtree: true });
}

export {};
