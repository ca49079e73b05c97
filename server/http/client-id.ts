/**
 * Who a client is, without keeping who they are: a keyed hash (HMAC-SHA-256) of the
 * address, never the address itself. IPv4-mapped IPv6 counts as the IPv4 address; an
 * IPv6 address counts as its /64 network, which is what one household or device is
 * usually given (so rotating through a /64 does not escape a rate limit).
 *
 * The key is the service's secret (see `resolveSecret` in ../service.ts): every instance
 * behind one store must share it, or a client's idempotency keys and rate-limit buckets
 * would differ from instance to instance.
 */
import { createHmac } from 'node:crypto';
import ipaddr from 'ipaddr.js';

/** The part of an address that identifies a client: an IPv4 address or an IPv6 /64. */
export function clientNetworkOf(address: string | undefined): string {
  if (!address) return 'unknown';
  const plain = address.split('%', 1)[0] ?? '';
  if (!ipaddr.isValid(plain)) return plain.toLowerCase();
  let parsed = ipaddr.parse(plain);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const network = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${network.join(':')}::/64`;
}

/** Makes the function that turns an address into the client's opaque, stable id. */
export function clientIdentifier(secret: string): (address: string | undefined) => string {
  return (address) =>
    createHmac('sha256', secret).update(clientNetworkOf(address)).digest('base64url');
}
