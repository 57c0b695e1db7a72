import type { StepError, StepFacts, StepStatus } from '../core/index.js';
import type { RunRecord } from '../report/index.js';

export { STEP_NAMES, type StepName } from '../core/index.js';

export interface StepOutcome extends StepFacts {
  status: StepStatus;
  seconds: number;
  /** The digest the step produced (pushed image, SBOM referrer, signature). */
  digest?: string;
  /** One line for people: what happened. */
  detail?: string;
  error?: StepError;
}

/**
 * What a run ends in: the one run record (every output renders it) with its renderings for the
 * adapters (the console text and the job summary) and the signature's Sigstore bundle.
 */
export type GateResult = RunRecord & {
  /** The Markdown summary (for the job summary), always built. */
  readonly summaryMarkdown: string;
  /** The console rendering of the verdict. */
  readonly consoleText: string;
  /** The Sigstore bundle of the signature this run wrote (bundle format), as JSON. */
  readonly signatureBundle?: unknown;
};
