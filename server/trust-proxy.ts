/**
 * `--trust-proxy` / `TRUST_PROXY`: which proxies' X-Forwarded-For the service believes
 * when it identifies a client. A hop count (`1`: the nearest proxy), or a
 * comma-separated list of addresses and CIDRs (`10.0.0.1, 192.168.0.0/16`), as
 * Fastify's `trustProxy` takes them. By default no proxy is trusted: the address is the
 * socket's.
 */
import ipaddr from 'ipaddr.js';

export function parseTrustProxy(text: string): number | string[] {
  const value = text.trim();
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops < 1 || hops > 10)
      throw new Error(`--trust-proxy hop count must be 1 to 10, not ${value}`);
    return hops;
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
