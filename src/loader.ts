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

/**
 * The room each element holds before its module has defined it. An undefined element is
 * inline and empty, so a page that reserves no space would move as each module arrives;
 * instead it takes the height of its loading placeholder at once (at the default text
 * size): a fixed part in em, plus transparent prose of that many characters, which wraps
 * at the element's width as the placeholder's text does (fitted to the placeholders
 * from 320 to 768 px wide in a system-ui font; `test/e2e/loader.test.mjs` checks them).
 */
const ROOM: Record<string, [em: number, chars: number]> = {
  'mhn-article': [18.2, 1590],
  'mhn-comments': [56.3, 636],
  'mhn-topic': [48.75, 906],
  'mhn-related-topics': [7.69, 0],
  'mhn-therapist-search': [6.66, 216],
  'mhn-attribution': [8.56, 156],
  'mhn-crisis-resources': [14.7, 330],
};

const requested = new Set<string>();
/** Tags without the loader's room: their module failed, or the page reserves their own. */
const skip = new Set<string>();
let room: CSSStyleSheet | undefined;

/**
 * One constructed stylesheet on the document (allowed by the strict CSP's `style-src`:
 * no inline style), in a cascade layer, so that any rule of the page's own about the
 * element wins, as it does over the element's own styles once defined. A page that gives
 * a widget a min-height of its own (as the embedding guide shows) gets no room from the
 * loader for that widget, whose stand-in prose would add to it. The rules stop matching
 * once an element is defined, and are dropped for a module that failed to load (the
 * element's fallback content then shows as it would without the script).
 */
function reserveRoom(): void {
  room ??= new CSSStyleSheet();
  room.replaceSync(
    `@layer mhn-widgets{${Object.entries(ROOM)
      .filter(([tag]) => !skip.has(tag))
      .map(([tag, [em, chars]]) => {
        const el = `:where(${tag}:not(:defined):not([hidden]))`;
        return `${el}{display:block;font-size:var(--mhn-font-size,medium);margin-block:var(--mhn-block-spacing,1.5em);padding-inline:calc(var(--mhn-space,16px) + 1px)}${el}::before{content:"${'xxxxx '.repeat(chars / 6)}"/"";display:block;padding-top:${em}em;line-height:1.5;font-weight:400;letter-spacing:0;white-space:normal;visibility:hidden}`;
      })
      .join('')}}`,
  );
}

function load(tag: string): void {
  const importer = modules[tag];
  if (!importer || requested.has(tag)) return;
  requested.add(tag);
  importer().catch((error: unknown) => {
    requested.delete(tag);
    if (room && ROOM[tag] && !skip.has(tag)) {
      skip.add(tag);
      reserveRoom();
    }
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
  // Once per page, even with the loader on it twice; not where another copy defined them.
  const key = Symbol.for('mhn-widgets/room');
  const page = globalThis as Record<symbol, unknown>;
  if (
    !page[key] &&
    'adoptedStyleSheets' in document &&
    requested.size < Object.keys(modules).length
  ) {
    page[key] = true;
    try {
      for (const tag of Object.keys(ROOM)) {
        const el = document.querySelector(tag);
        if (el && parseFloat(getComputedStyle(el).minHeight) > 0) skip.add(tag);
      }
      reserveRoom();
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, room!];
    } catch {
      // An older browser: the widgets still load, only the room before is not held.
    }
  }
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
