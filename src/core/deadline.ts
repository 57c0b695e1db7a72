/**
 * Total deadlines: a command's (--timeout), a scan's (--scan-timeout), a request's. A deadline is an
 * AbortSignal whose reason is the GateError to report (exit 3, naming what was still running); the
 * one HTTP client turns an abort by such a signal into that error with the stalled request named.
 * Deadlines run on real timers: the injected Clock of tests moves time at once on every sleep, so a
 * deadline on it would expire before any request answered.
 */
import { GateError } from '../errors.js';
import { formatDuration } from './duration.js';
import type { ErrorCode } from './error-codes.js';

/** What the command deadline defaults to when --timeout is not given (other commands: none). */
export const DEFAULT_COMMAND_TIMEOUT_MS: Readonly<Record<string, number>> = { verify: 2 * 60_000 };

/** After a command's deadline, how long it may take to wind down (write its reports) before exit. */
export const DEADLINE_GRACE_MS = 5_000;

/** A GateError that marks a deadline: the HTTP client names the request it cut short. */
export function deadlineError(code: ErrorCode, message: string, remedy: string): GateError {
  return new GateError({ code, message, remedy, kind: 'infra', details: { deadline: true } });
}

export function isDeadlineError(e: unknown): e is GateError {
  return e instanceof GateError && e.details.deadline === true;
}

/** The same deadline error, saying what was running when it passed. */
export function withRunning(e: GateError, running: string): GateError {
  return new GateError({
    code: e.code,
    message: `${e.message}; still running: ${running}`,
    remedy: e.remedy,
    kind: e.kind,
    details: { ...e.details, running },
  });
}

export interface Deadline {
  readonly signal: AbortSignal;
  /** Stop the timer (the work finished). */
  cancel(): void;
}

/** A signal that aborts after `ms` with the error `expire()` builds (unless cancelled first). */
export function startDeadline(ms: number, expire: () => GateError): Deadline {
  const ac = new AbortController();
  const timer = setTimeout(() => {
    ac.abort(expire());
  }, ms);
  timer.unref();
  return {
    signal: ac.signal,
    cancel: () => {
      clearTimeout(timer);
    },
  };
}

/** The error of a command that outlived --timeout. */
export function commandTimeoutError(command: string, ms: number): GateError {
  return deadlineError(
    'COMMAND_TIMEOUT',
    `${command} did not finish within ${formatDuration(ms)} (its --timeout)`,
    'A registry, Harbor or Sigstore service answered too slowly or stalled (see what was still running). Check that service; give a longer --timeout if the work is legitimately slow.',
  );
}

/**
 * Run `f` under a command deadline: at `ms` its signal aborts (every request through the client
 * holding that signal fails at once, naming itself); if `f` has not settled DEADLINE_GRACE_MS
 * later, the deadline's error is thrown anyway. Without `ms`, `f` runs unbounded by this wrapper.
 */
export async function runWithDeadline<T>(
  ms: number | undefined,
  command: string,
  f: (signal: AbortSignal | undefined) => Promise<T>,
  graceMs = DEADLINE_GRACE_MS,
): Promise<T> {
  if (ms === undefined) return f(undefined);
  const d = startDeadline(ms, () => commandTimeoutError(command, ms));
  let graceTimer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    d.signal.addEventListener(
      'abort',
      () => {
        graceTimer = setTimeout(() => {
          reject(d.signal.reason as Error);
        }, graceMs);
        graceTimer.unref();
      },
      { once: true },
    );
  });
  try {
    return await Promise.race([f(d.signal), late]);
  } finally {
    d.cancel();
    if (graceTimer) clearTimeout(graceTimer);
  }
}
