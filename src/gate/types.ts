import type {
  RunOutcome,
  RunVerdict,
  ScanReport,
  SeverityCounts,
  StepError,
  StepFacts,
  StepName,
  StepStatus,
} from '../core/index.js';
import type { ReportFormat } from '../config/index.js';
import type { Verdict } from '../policy/index.js';
import type { VexRun } from './vex.js';

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

export interface GateResult {
  /** The one verdict, with the failing step and its error: every output is derived from it. */
  outcome: RunOutcome;
  verdict: RunVerdict;
  failedStep?: StepName;
  /** 0 pass (or report-only), 1 policy breached, 2 input error in a step, 3 infrastructure error. */
  exitCode: 0 | 1 | 2 | 3;
  /** The image by digest: host/repo@sha256:... (host/repo when no digest was reached). */
  image: string;
  /** Empty when the run ended before the image was pushed or resolved. */
  digest: string;
  /** The tags written (the reference's own, then the extra ones). */
  tags: string[];
  steps: Record<StepName, StepOutcome>;
  counts: SeverityCounts;
  fixable: number;
  sbomDigest?: string;
  signatureDigest?: string;
  /** --provenance: the provenance referrer (bundle) or `.att` manifest written for the image. */
  provenanceDigest?: string;
  /** The Sigstore bundle of the signature this run wrote (bundle format), as JSON. */
  signatureBundle?: unknown;
  /** Report files written, by format (absolute paths). */
  reports: Partial<Record<ReportFormat, string>>;
  /** The Markdown summary (for the job summary), always built. */
  summaryMarkdown: string;
  /** The console rendering of the verdict. */
  consoleText: string;
  evaluation: Verdict;
  scanReport?: ScanReport;
  warnings: string[];
  /** The VEX applied: files read, the image's attestations applied and those ignored (with why). */
  vex?: VexRun;
}
