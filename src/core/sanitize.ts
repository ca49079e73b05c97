/**
 * The only door through which HTML from the API enters the DOM.
 *
 * `bodyHtml` is parsed and cleaned with an allow-list and handed back as a
 * DocumentFragment, which Lit inserts as nodes: no code in the project assigns an HTML
 * string to a DOM sink. Two interchangeable cleaners, with the same rules:
 *
 * - the browser's HTML Sanitizer API where it exists (`Element.setHTML` with a
 *   `Sanitizer`, current Chromium and Firefox): parsed into an inert document, the
 *   browser's safe sanitizing removes script and event handlers, and the same walk as
 *   the fallback's hooks then applies the allow-list and the URL, `rel` and image rules.
 *   `setHTML` is not a Trusted Types sink, so this path needs no policy;
 * - DOMPurify elsewhere, loaded on demand from its own chunk (`prepareSanitizer()`,
 *   which the article calls together with its API request, so it never adds a wait).
 *
 * Under `require-trusted-types-for 'script'` DOMPurify's own parsing step needs a
 * Trusted Types policy; the project creates exactly one, named `mhn-widgets` (it is not
 * exported). It serves two callers only: DOMPurify's parser (createHTML) and the
 * article's JSON-LD block, whose text is our own `JSON.stringify` output with `<`, `>`
 * and `&` escaped (createScript, see jsonScript).
 *
 * Nothing here touches `window` or `document` at module load, so the package can be
 * imported by a server (SSR, tests, bundlers) in Node.
 *
 * Allowed: paragraphs, headings h2–h6, lists, emphasis, quotes, links (http, https,
 * mailto; resolved against the article's canonical URL; `rel="noopener noreferrer"`),
 * images over https, simple tables. Never: scripts, event handlers, `style` (element
 * or attribute), classes or ids, forms and controls, iframes/objects/embeds, SVG,
 * MathML, `javascript:`/`data:` URLs.
 */
import type { DOMPurify } from 'dompurify';

/** The Trusted Types policy names this library creates (for a page's CSP `trusted-types`). */
export const TRUSTED_TYPES_POLICY = 'mhn-widgets';

const ALLOWED_TAGS = [
  'p',
  'br',
  'hr',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'small',
  'sub',
  'sup',
  'mark',
  'abbr',
  'cite',
  'q',
  'code',
  'pre',
  'kbd',
  'blockquote',
  'span',
  'div',
  'time',
  'a',
  'img',
  'figure',
  'figcaption',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
];

const ALLOWED_ATTR = ['href', 'src', 'alt', 'title'];

/*
 * Attributes whose value is never a URL: DOMPurify must not test them against the URI
 * pattern (which would drop `width="300"`, `dir="rtl"`, `colspan="2"`…). URL attributes
 * (href, src) are still checked, by the pattern and by the hook below.
 */
const NON_URL_ATTR = [
  'width',
  'height',
  'datetime',
  'lang',
  'dir',
  'colspan',
  'rowspan',
  'scope',
  'start',
  'reversed',
];

interface TrustedTypePolicyLike {
  createHTML(input: string): unknown;
  createScript(input: string): unknown;
  createScriptURL(input: string): unknown;
}

let policy: TrustedTypePolicyLike | null | undefined;

/** The library's Trusted Types policy, created on first use; null where unsupported. */
function trustedTypesPolicy(): TrustedTypePolicyLike | null {
  if (policy !== undefined) return policy;
  const tt = (
    globalThis as {
      trustedTypes?: { createPolicy(name: string, rules: object): TrustedTypePolicyLike };
    }
  ).trustedTypes;
  policy = null;
  if (tt) {
    try {
      // createHTML: the string only ever goes to DOMPurify's parser, whose output is then
      // cleaned node by node before anything reaches the document. createScript: only
      // the JSON that jsonScript() has just made and escaped, nothing else.
      policy = tt.createPolicy(TRUSTED_TYPES_POLICY, {
        createHTML: (input: string) => input,
        createScript: (input: string) => {
          if (input !== pendingJson) throw new TypeError('[mhn-widgets] not our JSON');
          return input;
        },
        createScriptURL: () => '',
      });
    } catch {
      console.warn(
        `[mhn-widgets] could not create the Trusted Types policy "${TRUSTED_TYPES_POLICY}"; articles will be shown without structured data (and, in browsers without the HTML Sanitizer API, their bodies as plain text). Allow it in your CSP: trusted-types ${TRUSTED_TYPES_POLICY} lit-html.`,
      );
    }
  }
  return policy;
}

let pendingJson: string | undefined;

/**
 * `data` as the text of a `<script type="application/ld+json">`: JSON with `<`, `>`, `&`
 * (and U+2028/U+2029) written as `\u` escapes, so no `</script>` or `<!--` can appear
 * and the JSON still means the same. Under Trusted Types it is a TrustedScript made by
 * the library's policy; where the page's CSP refused that policy, undefined (the block
 * is left out rather than reported as a violation).
 */
export function jsonScript(data: unknown): string | undefined {
  const json = JSON.stringify(data).replace(
    /[<>&\u2028\u2029]/g,
    (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'),
  );
  if (!(globalThis as { trustedTypes?: unknown }).trustedTypes) return json;
  const tt = trustedTypesPolicy();
  if (!tt) return undefined;
  pendingJson = json;
  try {
    // A TrustedScript, which HTMLScriptElement.text accepts where a string would be refused.
    return tt.createScript(json) as string;
  } finally {
    pendingJson = undefined;
  }
}

/** The DOMPurify fallback (`purify.ts`, in DOMPurify's chunk), once it has loaded. */
let fallback: typeof import('./purify.js') | undefined;
let loading: Promise<void> | undefined;
let purifier: DOMPurify | undefined;
let forceFallback = false;
let baseUrl = '';

/** Whether this browser has the HTML Sanitizer API (and the fallback is not forced). */
function nativeSanitizer(): boolean {
  return (
    !forceFallback &&
    typeof Element !== 'undefined' &&
    typeof (Element.prototype as { setHTML?: unknown }).setHTML === 'function' &&
    typeof (globalThis as { Sanitizer?: unknown }).Sanitizer === 'function'
  );
}

/**
 * Makes `sanitizeHtml` ready: at once where the browser has the Sanitizer API, else once
 * DOMPurify's chunk has loaded (started on the first call; a failed load is retried by
 * the next call). Call it together with the request for the HTML, not after it.
 */
export function prepareSanitizer(): Promise<void> {
  if (nativeSanitizer() || fallback) return Promise.resolve();
  loading ??= import('./purify.js').then(
    (module) => {
      fallback = module;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/**
 * Tests only: use the DOMPurify fallback even where the Sanitizer API exists, so both
 * paths run the same tests. Returns `prepareSanitizer()`.
 */
export function forceSanitizerFallbackForTesting(force: boolean): Promise<void> {
  forceFallback = force;
  return prepareSanitizer();
}

/** DOMPurify bound to this window, with the project's hooks; made on first use. */
function purify(): DOMPurify | undefined {
  return (purifier ??= fallback?.createPurifier(window, rules));
}

/** The URL rule for `href` and `src`: the absolute URL to keep, or null to drop it. */
function cleanUrl(name: string, value: string): string | null {
  try {
    const url = new URL(value.trim(), baseUrl || document.baseURI);
    const ok =
      name === 'src'
        ? url.protocol === 'https:'
        : url.protocol === 'https:' || url.protocol === 'http:' || url.protocol === 'mailto:';
    return ok ? url.href : null;
  } catch {
    return null;
  }
}

/** After the attributes: links get `rel`, images without a source go, the rest load lazily. */
function finishElement(node: Element): void {
  if (node.nodeName === 'A') {
    if (node.hasAttribute('href')) node.setAttribute('rel', 'noopener noreferrer');
  } else if (node.nodeName === 'IMG') {
    if (!node.hasAttribute('src')) {
      node.parentNode?.removeChild(node);
      return;
    }
    node.setAttribute('loading', 'lazy');
    node.setAttribute('decoding', 'async');
    node.setAttribute('referrerpolicy', 'no-referrer');
  }
}

/** The rules of both paths, as the DOMPurify fallback takes them. */
const rules = {
  tags: ALLOWED_TAGS,
  attributes: [...ALLOWED_ATTR, ...NON_URL_ATTR],
  nonUrlAttributes: NON_URL_ATTR,
  cleanUrl,
  finishElement,
};

/*
 * The native path. Elements outside the allow-list lose their tags but keep their text,
 * as with DOMPurify's KEEP_CONTENT, except these (DOMPurify's FORBID_CONTENTS), which go
 * with everything inside them.
 */
const DROP_WITH_CONTENT = new Set([
  'annotation-xml',
  'audio',
  'colgroup',
  'desc',
  'foreignobject',
  'head',
  'iframe',
  'math',
  'mi',
  'mn',
  'mo',
  'ms',
  'mtext',
  'noembed',
  'noframes',
  'noscript',
  'plaintext',
  'script',
  'selectedcontent',
  'style',
  'svg',
  'template',
  'title',
  'video',
  'xmp',
  'textarea',
  'select',
]);
const HTML_NS = 'http://www.w3.org/1999/xhtml';
const KEEP_TAGS = new Set(ALLOWED_TAGS);
const KEEP_ATTR = new Set([...ALLOWED_ATTR, ...NON_URL_ATTR]);

let nativeConfig: object | undefined;

/** The browser Sanitizer's configuration: the same allow-list of attributes, no comments. */
function sanitizerConfig(): object {
  return (nativeConfig ??= new (
    globalThis as unknown as { Sanitizer: new (c: object) => object }
  ).Sanitizer({
    removeElements: [
      ...[...DROP_WITH_CONTENT].map((name) => ({ name, namespace: HTML_NS })),
      { name: 'svg', namespace: 'http://www.w3.org/2000/svg' },
      { name: 'math', namespace: 'http://www.w3.org/1998/Math/MathML' },
    ],
    attributes: [...KEEP_ATTR],
    comments: false,
    dataAttributes: false,
  }));
}

/** Applies the allow-list and the URL, rel and image rules to `parent`'s subtree. */
function cleanChildren(parent: ParentNode): void {
  for (const node of [...parent.childNodes]) {
    if (node.nodeType === 3) continue; // text
    if (node.nodeType !== 1) {
      node.remove();
      continue;
    }
    const element = node as Element;
    if (element.namespaceURI !== HTML_NS || !KEEP_TAGS.has(element.localName)) {
      if (element.namespaceURI !== HTML_NS || DROP_WITH_CONTENT.has(element.localName)) {
        element.remove();
      } else {
        cleanChildren(element);
        element.replaceWith(...element.childNodes);
      }
      continue;
    }
    for (const { name, value } of [...element.attributes]) {
      if (!KEEP_ATTR.has(name)) {
        element.removeAttribute(name);
      } else if (name === 'href' || name === 'src') {
        const url = cleanUrl(name, value);
        if (url === null) element.removeAttribute(name);
        else element.setAttribute(name, url);
      }
    }
    cleanChildren(element);
    finishElement(element);
  }
}

let inert: Document | undefined;

function sanitizeNatively(html: string): DocumentFragment {
  // An inert document: nothing parsed here loads (images included) or runs.
  inert ??= document.implementation.createHTMLDocument('');
  const holder = inert.createElement('div') as unknown as Element & {
    setHTML(html: string, options: { sanitizer: object }): void;
  };
  holder.setHTML(html, { sanitizer: sanitizerConfig() });
  cleanChildren(holder);
  const fragment = document.createDocumentFragment();
  fragment.append(...holder.childNodes);
  return fragment;
}

/**
 * Cleans publisher HTML into a DocumentFragment ready to be rendered as nodes.
 * Relative links and images resolve against `base` (the article's canonical URL).
 * Where neither cleaner is ready (`prepareSanitizer()` not awaited in a browser without
 * the Sanitizer API), or Trusted Types are enforced and the policy cannot be created for
 * DOMPurify, the HTML's text is returned instead (never the markup).
 */
export function sanitizeHtml(html: string, base?: string): DocumentFragment {
  baseUrl = base ?? '';
  try {
    if (nativeSanitizer()) return sanitizeNatively(html);
    const supportsTrustedTypes = Boolean((globalThis as { trustedTypes?: unknown }).trustedTypes);
    const p = supportsTrustedTypes && trustedTypesPolicy() === null ? undefined : purify();
    if (p) return p.sanitize(html, fallback!.purifyConfig(rules, trustedTypesPolicy()));
  } finally {
    baseUrl = '';
  }
  // The page's CSP refused our policy name, or there is no cleaner: the words, never the markup.
  const fragment = document.createDocumentFragment();
  fragment.append(document.createTextNode(textOf(html)));
  return fragment;
}

function textOf(html: string): string {
  // Drop whole script/style blocks, then every tag; what is left is shown as text only.
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The names a page's CSP `trusted-types` directive must allow for every widget. */
export const TRUSTED_TYPES_POLICY_NAMES = [TRUSTED_TYPES_POLICY, 'lit-html'] as const;

/**
 * Re-levels the headings of sanitized content so they sit below a title at `parentLevel`
 * (a body whose top headings are h2 under an h2 title becomes h3…), keeping their order
 * and never going past h6: the partner page's outline stays correct.
 */
export function nestHeadings(fragment: DocumentFragment, parentLevel: number): DocumentFragment {
  const headings = [...fragment.querySelectorAll<HTMLElement>('h1, h2, h3, h4, h5, h6')];
  const top = Math.min(...headings.map((h) => Number(h.localName[1])));
  const shift = parentLevel + 1 - top;
  if (!headings.length || shift <= 0) return fragment;
  for (const heading of headings) {
    const level = Math.min(6, Number(heading.localName[1]) + shift);
    const renamed = document.createElement(`h${level}`);
    for (const attr of heading.attributes) renamed.setAttribute(attr.name, attr.value);
    renamed.append(...heading.childNodes);
    heading.replaceWith(renamed);
  }
  return fragment;
}
