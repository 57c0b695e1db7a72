/** The one result model: what a run decided, and how each step ended. */
import type { ErrorCode } from './error-codes.js';

/** `pass`; `fail`: the policy said no (or a verification failed); `error`: a step could not finish. */
export type RunVerdict = 'pass' | 'fail' | 'error';

export type StepStatus = 'ok' | 'skipped' | 'failed' | 'warned';

/** The steps of a run, in order. `inputs` is the reading and checking of local files before anything is written. */
export type StepName =
  'inputs' | 'push' | 'sbom' | 'sign' | 'provenance' | 'scan' | 'policy' | 'attestScan' | 'reports';

export const STEP_NAMES: readonly StepName[] = [
  'inputs',
  'push',
  'sbom',
  'sign',
  'provenance',
  'scan',
  'policy',
  'attestScan',
  'reports',
];

/**
 * A run's exit code: 0 pass (or --report-only), 1 policy breached, 2 input, 3 infrastructure,
 * 130/143 interrupted by SIGINT/SIGTERM.
 */
export type RunExitCode = 0 | 1 | 2 | 3 | 130 | 143;

export interface StepError {
  code: ErrorCode;
  message: string;
  remedy: string;
  /** 1 verification, 2 input, 3 infrastructure, 130/143 cancelled by SIGINT/SIGTERM. */
  exitCode: Exclude<RunExitCode, 0>;
  /** The error's causes, outermost first, one line each (what --debug and the reports show). */
  causes?: string[];
}

/** The verdict with its cause, as every output shows it. */
export interface RunOutcome {
  verdict: RunVerdict;
  /** With `error`: the step that could not finish. */
  failedStep?: string;
  error?: StepError;
  /** --report-only: a policy breach is reported and warned, and the run exits 0. */
  reportOnly?: boolean;
}

/** What a step did, for the reports' story of the run. */
export interface StepFacts {
  /** push: the tags written. */
  tags?: string[];
  /** sbom: the SBOM format; sign: the signature format(s). */
  format?: string;
  /** sign: the key, for key-based signing. */
  key?: string;
  /** sign: the keyless identity (certificate subject and issuer). */
  identity?: string;
  /** The attestations attached (predicate types). */
  attestations?: string[];
  /** scan: the scanner, e.g. "Trivy 0.50.1". */
  scanner?: string;
}
