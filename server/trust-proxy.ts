/**
 * `--trust-proxy` / `TRUST_PROXY`: which proxies' X-Forwarded-For the service believes
 * when it identifies a client. A comma-separated list of addresses and CIDRs
 * (`10.0.0.1, 192.168.0.0/16`), as Fastify's `trustProxy` takes them, or a hop count
 * (`1`: believe the nearest proxy, whatever its address). By default no proxy is
 * trusted: the address is the socket's.
 *
 * A hop count is handed to Fastify as a function of the hop: Fastify 5 takes a bare
 * number to mean "trust no peer" (it cannot check who the peer is), so `1` would
 * silently have made every reader behind the proxy one client.
 */
import proxyAddr from '@fastify/proxy-addr';
import type { FastifyServerOptions } from 'fastify';
import ipaddr from 'ipaddr.js';

/** Trusts the first `hops` hops, counting the connection's peer as hop 0. */
export type HopTrust = (address: string, hop: number) => boolean;

export function parseTrustProxy(text: string): string[] | HopTrust {
  const value = text.trim();
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops < 1 || hops > 10)
      throw new Error(`--trust-proxy hop count must be 1 to 10, not ${value}`);
    return (_address, hop) => hop < hops;
  }
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new Error('--trust-proxy needs addresses, CIDRs or a hop count');
  for (const entry of entries) {
    const valid = entry.includes('/') ? isCidr(entry) : ipaddr.isValid(entry);
    if (!valid) throw new Error(`--trust-proxy: not an address or CIDR: ${entry}`);
  }
  return entries;
}

function isCidr(entry: string): boolean {
  try {
    ipaddr.parseCIDR(entry);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a connection comes from a trusted proxy: such a peer carries many readers'
 * requests, so per-client connection limits must not count it as one client.
 */
export function trustedPeer(
  trust: FastifyServerOptions['trustProxy'] | undefined,
): (address: string) => boolean {
  if (trust === undefined || trust === false) return () => false;
  if (trust === true) return () => true;
  if (typeof trust === 'function') return (address) => trust(address, 0);
  // A bare number trusts no peer in Fastify 5 (see above); nor does it here.
  if (typeof trust === 'number') return () => false;
  const list = typeof trust === 'string' ? trust.split(',').map((entry) => entry.trim()) : trust;
  const trusted = proxyAddr.compile(list);
  return (address) => trusted(address, 0);
}
