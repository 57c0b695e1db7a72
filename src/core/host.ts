/**
 * Loopback: nothing sent there leaves the machine, so plain HTTP (and a credential over it) is
 * allowed. Loopback is an address in 127.0.0.0/8 or ::1, or a name that resolves only to those.
 * One definition for the registry client, Harbor, token realms and option checks.
 */

function bare(hostname: string): string {
  return hostname
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
    .replace(/\.$/, '');
}

/** An address in 127.0.0.0/8 or ::1 (also written as IPv4-mapped IPv6, ::ffff:127.x.y.z). */
export function isLoopbackAddress(address: string): boolean {
  const a = bare(address).replace(/^::ffff:(?=\d+\.)/, '');
  if (/^127(\.\d{1,3}){3}$/.test(a)) return a.split('.').every((o) => Number(o) <= 255);
  return a === '::1' || a === '0:0:0:0:0:0:0:1' || a === '::ffff:7f00:1';
}

/**
 * `localhost` and names under `.localhost` (RFC 6761): names that should resolve to loopback. They
 * count as loopback only once resolved: the HTTP client checks, before it connects, that every
 * address such a name resolves to is loopback (`loopbackGuardedLookup`, src/http/agents.ts).
 */
export function isLoopbackName(hostname: string): boolean {
  const h = bare(hostname);
  return h === 'localhost' || h.endsWith('.localhost');
}

/**
 * Whether plain HTTP to this host may be chosen: a loopback address, or a loopback name (which
 * the HTTP client then requires to resolve only to loopback addresses, or it does not connect).
 */
export function isLoopbackHost(hostname: string): boolean {
  return isLoopbackAddress(hostname) || isLoopbackName(hostname);
}
