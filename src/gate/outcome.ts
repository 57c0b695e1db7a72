/**
 * A step's outcome as the run record keeps it: skipped, failed (with the error's code, remedy and
 * cause chain) and the seconds it took. Shared by every step (steps.ts, scan-step.ts) and the run.
 */
import { cleanText, type StepError } from '../core/index.js';
import { describe, toGateError } from '../errors.js';
import type { StepOutcome } from './types.js';

export function skipped(detail?: string): StepOutcome {
  return { status: 'skipped', seconds: 0, ...(detail ? { detail } : {}) };
}

/** How deep a cause chain is followed. */
const MAX_CAUSES = 5;

/**
 * A step's error as the record keeps it: code, message, remedy, exit code and the cause chain
 * (one line each, outermost first), so --debug and the reports can show what lay under it.
 */
export function stepError(e: unknown): StepError {
  const err = toGateError(e);
  const causes: string[] = [];
  let cause: unknown = err.cause;
  for (let depth = 0; cause !== undefined && cause !== null && depth < MAX_CAUSES; depth++) {
    causes.push(cleanText(describe(cause), 500));
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return {
    code: err.code,
    message: err.message,
    remedy: err.remedy,
    exitCode: err.exitCode,
    ...(causes.length > 0 ? { causes } : {}),
  };
}

/**
 * A failed step, kept in the result with its code and remedy. It is not logged here: the outcome
 * is shown once, by whatever renders the result (console, reports, --json, the Action).
 */
export function failed(step: string, e: unknown, seconds: number): StepOutcome {
  const error = stepError(e);
  return { status: 'failed', seconds, detail: `${step} failed`, error };
}

export function elapsed(t0: number): number {
  return Math.round(performance.now() - t0) / 1000;
}
