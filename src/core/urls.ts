/**
 * Only http(s) URLs become links or image sources; everything else from the API is text.
 */

/**
 * One path segment of an API URL, percent-encoded so that `/`, `?`, `#` and `%` stay data
 * (`a/b` → `a%2Fb`). `.` and `..` cannot be data in a URL path at all: the URL standard
 * resolves them, even written `%2E`, to the current or the parent resource, so for them
 * this returns undefined and the caller must not make the request.
 */
export function pathSegment(value: string): string | undefined {
  return value === '.' || value === '..' ? undefined : encodeURIComponent(value);
}

/** The absolute http(s) URL for `value` (resolved against `base`), or undefined. */
export function safeUrl(value: string | null | undefined, base?: string): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    const url = new URL(value.trim(), base ?? document.baseURI);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A `tel:` URL for a phone number written for people (`+1 613 555 0100`), or undefined. */
export function telUrl(
  phone: string | null | undefined,
  scheme: 'tel' | 'sms' = 'tel',
): string | undefined {
  if (typeof phone !== 'string') return undefined;
  const digits = phone.replace(/[\s().-]/g, '');
  return /^\+?\d{2,15}$/.test(digits) ? `${scheme}:${digits}` : undefined;
}
