/**
 * The DOMPurify fallback of `sanitize.ts`, for browsers without the HTML Sanitizer API.
 * It is imported on demand (`prepareSanitizer()`) and lands in DOMPurify's own chunk, so
 * a browser with the Sanitizer API downloads none of it: DOMPurify, its configuration
 * and its hooks. The rules themselves (allow-lists, URL, `rel` and image rules) are the
 * native path's: `sanitize.ts` hands them in (importing them from here would pull
 * `sanitize.ts` into this chunk).
 */
import createDOMPurify, { type Config, type DOMPurify } from 'dompurify';

/** The rules `sanitize.ts` applies on both paths. */
export interface Rules {
  tags: string[];
  /** Attributes kept, URL or not. */
  attributes: string[];
  /** The kept attributes whose value is never a URL. */
  nonUrlAttributes: string[];
  /** The absolute URL to keep for an `href` or `src`, or null to drop it. */
  cleanUrl(name: string, value: string): string | null;
  /** After the attributes: `rel` on links, image loading attributes. */
  finishElement(node: Element): void;
}

/** DOMPurify bound to `window`, with the project's URL, `rel` and image hooks. */
export function createPurifier(window: Window, rules: Rules): DOMPurify {
  const purify = (createDOMPurify as unknown as (window: Window) => DOMPurify)(window);
  purify.addHook('uponSanitizeAttribute', (_node, data) => {
    if (data.attrName !== 'href' && data.attrName !== 'src') return;
    const url = rules.cleanUrl(data.attrName, data.attrValue);
    data.attrValue = url ?? '';
    data.keepAttr = url !== null;
  });
  purify.addHook('afterSanitizeAttributes', (node) => rules.finishElement(node as Element));
  return purify;
}

const FORBID_TAGS = [
  'style',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'iframe',
  'svg',
  'math',
];
const FORBID_ATTR = ['style', 'class', 'id', 'name', 'target'];

/** DOMPurify's configuration for `rules`; `policy` is the library's Trusted Types policy, if any. */
export function purifyConfig(
  rules: Rules,
  policy: object | null,
): Config & { RETURN_DOM_FRAGMENT: true } {
  return {
    ALLOWED_TAGS: rules.tags,
    ALLOWED_ATTR: rules.attributes,
    ADD_URI_SAFE_ATTR: rules.nonUrlAttributes,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    ALLOWED_URI_REGEXP: /^(?:https?|mailto):/i,
    FORBID_TAGS,
    FORBID_ATTR,
    KEEP_CONTENT: true,
    RETURN_DOM_FRAGMENT: true,
    ...(policy ? { TRUSTED_TYPES_POLICY: policy as Config['TRUSTED_TYPES_POLICY'] } : {}),
  };
}
