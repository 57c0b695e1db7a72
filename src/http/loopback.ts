/**
 * A loopback name (`localhost`, `*.localhost`) lets plain HTTP, and credentials over it, through
 * the option checks; it counts as loopback only if it resolves only to loopback addresses. This
 * lookup, used by every plain-HTTP connection the client opens, resolves such a name with the
 * client's own lookup (the system's, or the one a test injects) and refuses to connect when any
 * address is not loopback: nothing is sent, and the address connected to is the address checked.
 */
import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isLoopbackAddress, isLoopbackName } from '../core/index.js';

/** A loopback name that resolved to an address off this machine. */
export class NotLoopbackError extends Error {
  readonly code = 'ENOTLOOPBACK';
  constructor(
    readonly host: string,
    readonly addresses: string[],
  ) {
    super(`${host} resolves to ${addresses.join(', ')}, not only to loopback addresses`);
    this.name = 'NotLoopbackError';
  }
}

/** The NotLoopbackError somewhere in an error's cause chain. */
export function notLoopbackError(e: unknown, depth = 0): NotLoopbackError | undefined {
  if (e instanceof NotLoopbackError) return e;
  if (depth > 5 || typeof e !== 'object' || e === null) return undefined;
  return notLoopbackError((e as { cause?: unknown }).cause, depth + 1);
}

type AllCallback = (err: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void;
type OneCallback = (err: NodeJS.ErrnoException | null, address: string, family: number) => void;

/** `inner` (default dns.lookup), refusing a loopback name that resolves off the machine. */
export function loopbackGuardedLookup(inner?: LookupFunction): LookupFunction {
  const lookup = (inner ?? dns.lookup) as (
    hostname: string,
    options: dns.LookupOptions,
    callback: AllCallback | OneCallback,
  ) => void;
  return (hostname: string, options: dns.LookupOptions, callback: AllCallback | OneCallback) => {
    if (!isLoopbackName(hostname)) {
      lookup(hostname, options, callback);
      return;
    }
    const all: AllCallback = (err, addresses) => {
      if (err) {
        (callback as AllCallback)(err, []);
        return;
      }
      const list = Array.isArray(addresses) ? addresses : [];
      const off = list.filter((a) => !isLoopbackAddress(a.address));
      if (list.length === 0 || off.length > 0) {
        const shown = (off.length > 0 ? off : list).map((a) => a.address);
        (callback as AllCallback)(new NotLoopbackError(hostname, shown), []);
        return;
      }
      if (options.all === true) (callback as AllCallback)(null, list);
      else (callback as OneCallback)(null, list[0]!.address, list[0]!.family);
    };
    lookup(hostname, { ...options, all: true }, all);
  };
}
