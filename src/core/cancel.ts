/**
 * Cancellation: SIGINT (Ctrl-C) and SIGTERM (what GitHub and GitLab send when a job is cancelled or
 * times out). The adapters turn the first signal into an abort of the run's signal, whose reason is
 * the GateError below: every request through the one HTTP client fails with it at once, the step
 * that was running fails with it, and the run ends like any other (record, reports, outputs), with
 * exit 130 or 143. A second signal exits at once.
 */
import { GateError } from '../errors.js';

export type StopSignal = 'SIGINT' | 'SIGTERM';

export const STOP_SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM'];

/** 128 + the signal's number, as a shell reports a process ended by it. */
export const SIGNAL_EXIT_CODE: Readonly<Record<StopSignal, 130 | 143>> = { SIGINT: 130, SIGTERM: 143 };

/** The error a cancelled step fails with: `cancelled (SIGTERM)`. */
export function cancelledError(signal: StopSignal): GateError {
  return new GateError({
    code: 'CANCELLED',
    kind: 'cancelled',
    message: `cancelled (${signal})`,
    remedy:
      signal === 'SIGTERM'
        ? 'The run was stopped (a cancelled or timed-out CI job sends SIGTERM); run it again. What it left in the registry is said above.'
        : 'The run was interrupted (Ctrl-C); run it again. What it left in the registry is said above.',
    details: { signal },
  });
}

export function isCancelled(e: unknown): e is GateError {
  return e instanceof GateError && e.kind === 'cancelled';
}

/** Where signals come from: the process, or a test's emitter. */
export interface SignalSource {
  on(event: StopSignal, listener: () => void): unknown;
  off(event: StopSignal, listener: () => void): unknown;
}

export interface Cancellation {
  /** Aborts, with cancelledError(signal) as its reason, at the first SIGINT/SIGTERM. */
  readonly signal: AbortSignal;
  /** The first signal received, if any. */
  readonly received: StopSignal | undefined;
  /** Stop listening (the run is over). */
  dispose(): void;
}

/**
 * Listen for SIGINT and SIGTERM while a run goes: the first aborts `signal` (the running step is
 * cancelled and the run winds down: reports, outputs, one line on what was left); a second one
 * calls `exitNow` with its exit code, for the user who does not want to wait.
 */
export function listenForCancel(
  source: SignalSource,
  exitNow: (code: 130 | 143, signal: StopSignal) => void,
): Cancellation {
  const ac = new AbortController();
  let received: StopSignal | undefined;
  const listeners = STOP_SIGNALS.map((sig) => {
    const listener = (): void => {
      if (received === undefined) {
        received = sig;
        ac.abort(cancelledError(sig));
      } else {
        exitNow(SIGNAL_EXIT_CODE[sig], sig);
      }
    };
    source.on(sig, listener);
    return { sig, listener };
  });
  return {
    signal: ac.signal,
    get received() {
      return received;
    },
    dispose() {
      for (const { sig, listener } of listeners) source.off(sig, listener);
    },
  };
}
