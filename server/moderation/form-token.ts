/**
 * The comment form's timing token: the server gives the form a token when it is shown
 * and reads it back when the form is sent, so the "too fast" rule measures real time
 * that a bot cannot claim. The token is `<issued ms>.<HMAC>`: it carries nothing about
 * the reader.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { DEFAULT_ROTATION_MS, type SecretSource } from './client-key.js';

/** A token lives a day: shorter than any rotation period, so it outlives at most one. */
const MAX_AGE_MS = 24 * 60 * 60 * 1000;
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
  maxAgeMs = MAX_AGE_MS,
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
  issue(): Promise<string>;
  /** How long ago the form with this token was shown, or null (see `formAge`). */
  age(token: unknown): Promise<number | null>;
}

export interface FormTokenOptions {
  /**
   * The rotating secrets the client keys use (the store's, so every instance on the
   * database signs and verifies alike); each period's signing key is derived from its
   * secret under a label of its own, so no token is ever a client key.
   */
  source: SecretSource;
  /** The client keys' rotation period (the source's periods); 7 days by default. */
  rotationMs?: number;
  now?: () => number;
}

/**
 * Tokens signed with a key derived from the period's secret when they were issued. A
 * token is read with the key of its own period — the current one or, across a
 * rotation, the previous one, which the source still keeps — so it verifies on every
 * instance for its whole day. Its age is checked before any secret is asked for: a
 * forged old timestamp never makes the source look up (or make) a long-gone period.
 */
export function formTokens(options: FormTokenOptions): FormTokens {
  const rotationMs = options.rotationMs ?? DEFAULT_ROTATION_MS;
  if (!Number.isFinite(rotationMs) || rotationMs < MAX_AGE_MS) {
    throw new RangeError('form tokens need a rotation period of at least a day');
  }
  const now = options.now ?? Date.now;
  const keys = new Map<number, Promise<Buffer>>();
  const keyFor = (epoch: number): Promise<Buffer> => {
    let key = keys.get(epoch);
    if (!key) {
      key = options.source
        .secret(epoch)
        .then((secret) => createHmac('sha256', secret).update('mhn form token\n').digest());
      // A failed lookup is asked again next time rather than remembered.
      key.catch(() => keys.delete(epoch));
      keys.set(epoch, key);
      for (const known of keys.keys()) if (known < epoch - 1) keys.delete(known);
    }
    return key;
  };
  return {
    async issue() {
      const at = now();
      return issueFormToken(await keyFor(Math.floor(at / rotationMs)), at);
    },
    async age(token) {
      if (typeof token !== 'string') return null;
      const m = TOKEN.exec(token);
      if (!m) return null;
      const issued = Number(m[1]);
      const at = now();
      if (at - issued < 0 || at - issued > MAX_AGE_MS) return null;
      return formAge(await keyFor(Math.floor(issued / rotationMs)), token, at, MAX_AGE_MS);
    },
  };
}
