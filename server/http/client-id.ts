/**
 * Which network a connection comes from, for the per-client connection cap (never kept,
 * never logged): IPv4-mapped IPv6 counts as the IPv4 address; an IPv6 address counts as
 * its /64 network, which is what one household or device is usually given (so rotating
 * through a /64 does not escape the cap). What is kept about a client is its client key
 * (../moderation/client-key.ts), a keyed hash that groups addresses the same way.
 */
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
