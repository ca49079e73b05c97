/**
 * The only door through which HTML from the API enters the DOM.
 *
 * `bodyHtml` is parsed and cleaned by DOMPurify with an allow-list and handed back as
 * a DocumentFragment, which Lit inserts as nodes: no code in the project assigns an
 * HTML string to a DOM sink. Under `require-trusted-types-for 'script'` DOMPurify's
 * own parsing step needs a Trusted Types policy; the project creates exactly one,
 * named `mhn-widgets` (it is not exported). It serves two callers only: DOMPurify's
 * parser (createHTML) and the article's JSON-LD block, whose text is our own
 * `JSON.stringify` output with `<`, `>` and `&` escaped (createScript, see jsonScript).
 *
 * Nothing here touches `window` or `document` at module load: DOMPurify is created on
 * first use, so the package can be imported by a server (SSR, tests, bundlers) in Node.
 *
 * Allowed: paragraphs, headings h2–h6, lists, emphasis, quotes, links (http, https,
 * mailto; resolved against the article's canonical URL; `rel="noopener noreferrer"`),
 * images over https, simple tables. Never: scripts, event handlers, `style` (element
 * or attribute), classes or ids, forms and controls, iframes/objects/embeds, SVG,
 * MathML, `javascript:`/`data:` URLs.
 */
import createDOMPurify, { type Config } from 'dompurify';

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
        `[mhn-widgets] could not create the Trusted Types policy "${TRUSTED_TYPES_POLICY}"; article bodies will be shown as plain text, without structured data. Allow it in your CSP: trusted-types ${TRUSTED_TYPES_POLICY} lit-html.`,
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

let purifier: ReturnType<typeof createDOMPurify> | undefined;
let baseUrl = '';

/** DOMPurify bound to this window, with the project's hooks; made on first use. */
function purify(): ReturnType<typeof createDOMPurify> {
  if (purifier) return purifier;
  const p = (purifier = createDOMPurify(window));
  addHooks(p);
  return p;
}

function addHooks(purify: ReturnType<typeof createDOMPurify>): void {
  purify.addHook('uponSanitizeAttribute', (_node, data) => {
    if (data.attrName !== 'href' && data.attrName !== 'src') return;
    try {
      const url = new URL(data.attrValue.trim(), baseUrl || document.baseURI);
      const ok =
        data.attrName === 'src'
          ? url.protocol === 'https:'
          : url.protocol === 'https:' || url.protocol === 'http:' || url.protocol === 'mailto:';
      data.attrValue = ok ? url.href : '';
      data.keepAttr = ok;
    } catch {
      data.attrValue = '';
      data.keepAttr = false;
    }
  });

  purify.addHook('afterSanitizeAttributes', (node) => {
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
  });
}

function config(): Config & { RETURN_DOM_FRAGMENT: true } {
  const tt = trustedTypesPolicy();
  return {
    ALLOWED_TAGS,
    ALLOWED_ATTR: [...ALLOWED_ATTR, ...NON_URL_ATTR],
    ADD_URI_SAFE_ATTR: NON_URL_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    ALLOWED_URI_REGEXP: /^(?:https?|mailto):/i,
    FORBID_TAGS: [
      'style',
      'form',
      'input',
      'button',
      'textarea',
      'select',
      'iframe',
      'svg',
      'math',
    ],
    FORBID_ATTR: ['style', 'class', 'id', 'name', 'target'],
    KEEP_CONTENT: true,
    RETURN_DOM_FRAGMENT: true,
    ...(tt ? { TRUSTED_TYPES_POLICY: tt as unknown as Config['TRUSTED_TYPES_POLICY'] } : {}),
  };
}

/**
 * Cleans publisher HTML into a DocumentFragment ready to be rendered as nodes.
 * Relative links and images resolve against `base` (the article's canonical URL).
 * Where Trusted Types are enforced and the policy cannot be created, the HTML's text
 * is returned instead (never the markup).
 */
export function sanitizeHtml(html: string, base?: string): DocumentFragment {
  const supportsTrustedTypes = Boolean((globalThis as { trustedTypes?: unknown }).trustedTypes);
  if (supportsTrustedTypes && trustedTypesPolicy() === null) {
    // The page's CSP refused our policy name: show the words, never the markup.
    const fragment = document.createDocumentFragment();
    fragment.append(document.createTextNode(textOf(html)));
    return fragment;
  }
  baseUrl = base ?? '';
  try {
    return purify().sanitize(html, config());
  } finally {
    baseUrl = '';
  }
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
