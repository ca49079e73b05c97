/**
 * The comment form's timing token: the server gives the form a token when it is shown
 * and reads it back when the form is sent, so the "too fast" rule measures real time
 * that a bot cannot claim. The token is `<issued ms>.<HMAC>`: it carries nothing about
 * the reader.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const TOKEN = /^(\d{1,15})\.([0-9a-f]{32})$/;

function mac(secret: string | Uint8Array, issued: string): string {
  return createHmac('sha256', secret).update(`form.${issued}`).digest('hex').slice(0, 32);
}

/** A token for a form shown at `now`. */
export function issueFormToken(secret: string | Uint8Array, now: number = Date.now()): string {
  const issued = String(Math.floor(now));
  return `${issued}.${mac(secret, issued)}`;
}

/**
 * How long ago (ms) the form with this token was shown; null when the token is
 * missing, forged, from the future or older than `maxAgeMs` (default a day) — the
 * timing rule then does not apply, and the other rules still do.
 */
export function formAge(
  secret: string | Uint8Array,
  token: string | undefined,
  now: number = Date.now(),
  maxAgeMs = 24 * 60 * 60 * 1000,
): number | null {
  const m = token === undefined ? null : TOKEN.exec(token);
  if (!m) return null;
  const issued = m[1] as string;
  const expected = Buffer.from(mac(secret, issued));
  if (!timingSafeEqual(expected, Buffer.from(m[2] as string))) return null;
  const age = now - Number(issued);
  return age < 0 || age > maxAgeMs ? null : age;
}

/** The form tokens of one service: issued and read with one secret, kept in one place. */
export interface FormTokens {
  /** A token for a form shown now. */
  issue(): string;
  /** How long ago the form with this token was shown, or null (see `formAge`). */
  age(token: unknown): number | null;
}

export function formTokens(secret: string | Uint8Array, now: () => number = Date.now): FormTokens {
  return {
    issue: () => issueFormToken(secret, now()),
    age: (token) => (typeof token === 'string' ? formAge(secret, token, now()) : null),
  };
}
