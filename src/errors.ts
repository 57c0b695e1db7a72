/**
 * Every error a user can meet is a GateError: a stable code (listed in docs/errors.md), a message
 * that says what happened, a remedy that says what to do, and the original cause (never flattened).
 */
import type { ErrorCode } from './core/index.js';

export type { ErrorCode } from './core/index.js';

/**
 * 2: configuration or input error; 3: infrastructure error after retries; 1: verification/policy;
 * 130/143: interrupted by SIGINT/SIGTERM (128 + the signal's number, as a shell reports it).
 */
export type ExitCode = 1 | 2 | 3 | 130 | 143;

/** `cancelled`: the run was interrupted by a signal (details.signal says which). */
export type ErrorKind = 'input' | 'infra' | 'verify' | 'cancelled';

const EXIT_BY_KIND: Record<Exclude<ErrorKind, 'cancelled'>, ExitCode> = { input: 2, infra: 3, verify: 1 };

export interface GateErrorInit {
  code: ErrorCode;
  message: string;
  remedy: string;
  kind: ErrorKind;
  cause?: unknown;
  /** Extra facts for --debug and JSON output (never secrets). */
  details?: Record<string, unknown>;
}

export class GateError extends Error {
  readonly code: ErrorCode;
  readonly remedy: string;
  readonly kind: ErrorKind;
  readonly details: Record<string, unknown>;

  constructor(init: GateErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'GateError';
    this.code = init.code;
    this.remedy = init.remedy;
    this.kind = init.kind;
    this.details = init.details ?? {};
  }

  get exitCode(): ExitCode {
    if (this.kind === 'cancelled') return this.details.signal === 'SIGINT' ? 130 : 143;
    return EXIT_BY_KIND[this.kind];
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, remedy: this.remedy, exitCode: this.exitCode };
  }
}

export function inputError(code: ErrorCode, message: string, remedy: string, cause?: unknown): GateError {
  return new GateError({ code, message, remedy, kind: 'input', cause });
}

export function infraError(code: ErrorCode, message: string, remedy: string, cause?: unknown): GateError {
  return new GateError({ code, message, remedy, kind: 'infra', cause });
}

export function isGateError(e: unknown): e is GateError {
  return e instanceof GateError;
}

/** A short description of any thrown value, for messages (no stack). */
export function describe(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as NodeJS.ErrnoException).code;
    return code && !e.message.includes(code) ? `${e.message} (${code})` : e.message;
  }
  return String(e);
}

/**
 * Wrap anything that is not a GateError into one, so adapters can always print code + remedy.
 * An unexpected error is a bug: it says so and asks for a report, with exit 3.
 */
export function toGateError(e: unknown): GateError {
  if (isGateError(e)) return e;
  return new GateError({
    code: 'INTERNAL',
    message: `unexpected error: ${describe(e)}`,
    remedy: 'Run again with --debug and report the output at the project issue tracker.',
    kind: 'infra',
    cause: e,
  });
}
