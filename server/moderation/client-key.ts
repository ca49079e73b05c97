/**
 * Client keys: how the service tells that two comments came from the same poster
 * without ever keeping who the poster is. The address a request came from is turned
 * into a keyed hash (HMAC-SHA256) with a secret that rotates; the address itself is
 * never stored, returned or logged.
 *
 * - IPv6 addresses are keyed by their /64 (one household or device usually has a whole
 *   /64, and can pick any address in it); IPv4-mapped IPv6 (`::ffff:192.0.2.1`) is the
 *   IPv4 address it maps.
 * - The secret changes every rotation period. Keys under the previous period's secret
 *   are still produced (`keys()`), so blocks, rate limits and duplicate detection match
 *   against both and a rotation does not unblock everyone at once; after two periods a
 *   key can no longer be linked to anything new (the store carries a block matched under
 *   the previous key forward to the current one: store/moderation-blocks.ts).
 * - The secrets come from a `SecretSource`: the store keeps them, so every instance of
 *   the service computes the same keys. `pepperedSecretSource` mixes a secret kept
 *   outside the store (MHN_SECRET) into each, so a copy of the store alone links no key
 *   to an address.
 */
import { createHmac, randomBytes } from 'node:crypto';
import ipaddr from 'ipaddr.js';

/** The secrets, one per rotation period; the store persists them for every instance. */
export interface SecretSource {
  /**
   * The secret of period `epoch` (`floor(now / rotationMs)`). The first caller's random
   * secret is kept and every later caller (any instance) gets the same one. A source may
   * forget periods older than the previous one.
   */
  secret(epoch: number): Promise<Uint8Array>;
}

export const DEFAULT_ROTATION_MS = 7 * 24 * 60 * 60 * 1000;
/** Secrets shorter than this are refused. */
export const MIN_SECRET_BYTES = 16;

export interface ClientKeyOptions {
  source: SecretSource;
  /** How long one secret is used; 7 days by default. */
  rotationMs?: number;
  now?: () => number;
}

/** A poster's keys: `current` is stored with new comments; match against `all`. */
export interface ClientKeySet {
  current: string;
  previous: string;
  /** [current, previous] */
  all: readonly [string, string];
}

/**
 * The text an address is keyed by: the IPv4 address, or the IPv6 /64 prefix. Not
 * exported: the service has no use for an address other than its key.
 */
function addressKeyText(address: string): string {
  const text = address.trim();
  if (ipaddr.isValid(text)) {
    const ip = ipaddr.process(text);
    if (ip.kind() === 'ipv4') return `ipv4:${ip.toNormalizedString()}`;
    const parts = (ip as ipaddr.IPv6).parts.slice(0, 4);
    return `ipv6:${parts.map((p) => p.toString(16)).join(':')}::/64`;
  }
  // Not an IP address (a Unix socket, a test): still keyed, never shown.
  return `other:${text.toLowerCase()}`;
}

export class ClientKeys {
  private readonly source: SecretSource;
  private readonly rotationMs: number;
  private readonly now: () => number;
  private readonly secrets = new Map<number, Promise<Uint8Array>>();

  constructor(options: ClientKeyOptions) {
    const rotationMs = options.rotationMs ?? DEFAULT_ROTATION_MS;
    if (!Number.isFinite(rotationMs) || rotationMs < 60_000) {
      throw new RangeError('the rotation period must be at least one minute');
    }
    this.source = options.source;
    this.rotationMs = rotationMs;
    this.now = options.now ?? Date.now;
  }

  /** The current rotation period. */
  epoch(): number {
    return Math.floor(this.now() / this.rotationMs);
  }

  /** The poster's keys under the current and the previous secret. */
  async keys(address: string): Promise<ClientKeySet> {
    const epoch = this.epoch();
    const text = addressKeyText(address);
    const [current, previous] = await Promise.all([
      this.keyFor(text, epoch),
      this.keyFor(text, epoch - 1),
    ]);
    return { current, previous, all: [current, previous] };
  }

  /** The key new comments are stored with. */
  async key(address: string): Promise<string> {
    return this.keyFor(addressKeyText(address), this.epoch());
  }

  private async keyFor(text: string, epoch: number): Promise<string> {
    const secret = await this.secretFor(epoch);
    return createHmac('sha256', secret).update(text).digest('hex').slice(0, 32);
  }

  private secretFor(epoch: number): Promise<Uint8Array> {
    let secret = this.secrets.get(epoch);
    if (!secret) {
      secret = this.source.secret(epoch).then((value) => {
        if (!(value instanceof Uint8Array) || value.byteLength < MIN_SECRET_BYTES) {
          throw new Error(`a client-key secret must be at least ${MIN_SECRET_BYTES} bytes`);
        }
        return value;
      });
      // A failed lookup is asked again next time rather than remembered.
      secret.catch(() => this.secrets.delete(epoch));
      this.secrets.set(epoch, secret);
      for (const known of this.secrets.keys()) if (known < epoch - 1) this.secrets.delete(known);
    }
    return secret;
  }
}

/**
 * Secrets kept in this process only: for a single instance and for tests. Periods older
 * than the previous one are forgotten, so their keys cannot be recomputed.
 */
export function memorySecretSource(
  random: (size: number) => Uint8Array = randomBytes,
): SecretSource {
  const secrets = new Map<number, Uint8Array>();
  return {
    async secret(epoch) {
      let secret = secrets.get(epoch);
      if (!secret) {
        secret = random(32);
        secrets.set(epoch, secret);
      }
      const newest = Math.max(...secrets.keys());
      for (const known of secrets.keys()) if (known < newest - 1) secrets.delete(known);
      return secret;
    },
  };
}

/**
 * Each of `source`'s secrets keyed with `pepper` (HMAC-SHA256): the keys then depend on
 * a secret the store does not hold. Every instance must use the same pepper.
 */
export function pepperedSecretSource(source: SecretSource, pepper: string): SecretSource {
  return {
    async secret(epoch) {
      const material = await source.secret(epoch);
      return createHmac('sha256', pepper).update('mhn client key\n').update(material).digest();
    },
  };
}
