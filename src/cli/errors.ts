import { GateError } from '../errors.js';
import type { StepOutcome } from '../gate/index.js';

const KIND = { 1: 'verify', 2: 'input', 3: 'infra', 130: 'cancelled', 143: 'cancelled' } as const;

/** A command that runs one step fails with that step's error, as it would have been thrown. */
export function rethrow(outcome: StepOutcome): void {
  if (outcome.status !== 'failed' || !outcome.error) return;
  const e = outcome.error;
  throw new GateError({
    code: e.code,
    message: e.message,
    remedy: e.remedy,
    kind: KIND[e.exitCode],
    ...(e.exitCode === 130 ? { details: { signal: 'SIGINT' } } : {}),
  });
}
