import type { ExitCode } from '../errors.js';
import type { ReportFormat } from '../config/gate-options.js';
import type { ScanReport, SeverityCounts } from '../core/index.js';
import type { Verdict } from '../policy/index.js';

export type StepName = 'push' | 'sbom' | 'sign' | 'scan' | 'policy' | 'attestScan' | 'reports';

export interface StepOutcome {
  status: 'ok' | 'skipped' | 'failed' | 'warned';
  seconds: number;
  /** The digest the step produced (pushed image, SBOM referrer, signature). */
  digest?: string;
  /** One line for people: what happened. */
  detail?: string;
  error?: { code: string; message: string; remedy: string; exitCode: ExitCode };
}

export interface GateResult {
  verdict: 'pass' | 'fail';
  /** 0 pass, 1 policy breached, 2 input error in a step, 3 infrastructure error in a step. */
  exitCode: 0 | ExitCode;
  /** The image by digest: host/repo@sha256:... */
  image: string;
  digest: string;
  steps: Record<StepName, StepOutcome>;
  counts: SeverityCounts;
  fixable: number;
  sbomDigest?: string;
  signatureDigest?: string;
  /** Report files written, by format (absolute paths). */
  reports: Partial<Record<ReportFormat, string>>;
  /** The Markdown summary (for the job summary), always built. */
  summaryMarkdown: string;
  /** The console rendering of the verdict. */
  consoleText: string;
  evaluation: Verdict;
  scanReport?: ScanReport;
  warnings: string[];
}
