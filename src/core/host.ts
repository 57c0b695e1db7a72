/**
 * Loopback hosts: nothing sent to them leaves the machine, so plain HTTP (and a credential over it)
 * is allowed there. One definition for the registry client, Harbor, token realms and option checks.
 */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
    .replace(/\.$/, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h.endsWith('.localhost');
}
