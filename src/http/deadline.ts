/**
 * Deadlines of the HTTP client's requests: every attempt has a total deadline, body included (an
 * idle timeout alone never fires on a server that drips a byte every few seconds), grown by the
 * bytes it carries at a minimum rate; a clean-up request has a short one of its own; the caller's
 * and the command's abort signals are joined.
 */
import { formatDuration } from '../core/index.js';
import { GateError } from '../errors.js';
import type { HttpRequest } from './request.js';

/** How long a clean-up request (see HttpRequest.cleanup) may take. */
export const CLEANUP_DEADLINE_MS = 5_000;

/** An attempt's total deadline, before the allowance for the bytes it carries. */
export const REQUEST_DEADLINE_MS = 120_000;
/** The slowest average rate a transfer may have (128 KiB/s, about 1 Mbit/s) before it counts as stalled. */
export const MIN_TRANSFER_RATE = 128 * 1024;

export const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;

/**
 * The attempt's total deadline in ms: the request's own, or the client's base plus the bytes it
 * carries (a buffered answer counts its byte limit) at the minimum rate.
 */
export function attemptDeadlineMs(req: HttpRequest, baseMs: number, minRate: number): number {
  const allowance =
    req.transferBytes ??
    (req.response === undefined || req.response === 'buffer' ? (req.maxBytes ?? DEFAULT_MAX_BYTES) : 0);
  return req.deadlineMs ?? baseMs + Math.round((allowance / minRate) * 1000);
}

/** A request that outlived its own total deadline: the server accepted it but stalled. */
export function stalledError(what: string, host: string, deadlineMs: number): GateError {
  return new GateError({
    code: 'HTTP_STALLED',
    message: `${host} stalled: ${what} did not complete within ${formatDuration(deadlineMs)} (the request's total deadline)`,
    remedy:
      'The server (or a proxy in front of it) accepted the request but sends its answer too slowly or not at all. Check the service and the network path; run again.',
    kind: 'infra',
    details: { host, request: what, deadlineMs },
  });
}

/** One signal aborting when any of the given ones does. */
export function anySignal(...signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  if (present.length <= 1) return present[0];
  return AbortSignal.any(present);
}
