/**
 * The run record: what a run decided, built once by the gate's decide() from the facts its steps
 * collected, and frozen. Every output is a rendering of it and computes nothing of its own: the
 * console, the job summary, the six report files, `--json`, the Action's outputs and message, the
 * exit code and the signed verdict attestation's predicate.
 */
import type {
  RunExitCode,
  RunVerdict,
  ScanReport,
  SeverityCounts,
  StepError,
  StepFacts,
  StepName,
} from '../core/index.js';
import type {
  AllowlistEntry,
  EvaluatedFinding,
  ExpiredEntry,
  FixPlan,
  Policy,
  VexNote,
  Violation,
  Waiver,
} from '../policy/index.js';

/** How one step of the run ended, with what it did (every field but status optional). */
export interface StepInfo extends StepFacts {
  /** ok, skipped, failed, warned. */
  status: string;
  seconds?: number;
  /** The digest the step produced (the pushed image, the SBOM or signature referrer). */
  digest?: string;
  /** The error message of a failed step. */
  error?: string;
  /** The error code of a failed step (e.g. SCAN_TIMEOUT). */
  code?: string;
  /** What to do about the error. */
  remedy?: string;
  /** The error's exit code (1, 2, 3; 130/143 cancelled). */
  exitCode?: number;
  /** The error's causes, outermost first (one line each). */
  causes?: string[];
  /** One line for people: what happened, or why the step was skipped ("--no-scan"). */
  detail?: string;
}

/** What the run applied from VEX: the files read, the image's attestations applied and ignored. */
export interface VexRun {
  documents: { name: string; format: string; statements: number }[];
  attestations: { digest: string; signer: string | null; statements: number }[];
  ignored: { digest: string; reason: string }[];
}

/** The report files requested, by format (the flags' names: sarif, gitlab, junit, html, json, summary). */
export type ReportPaths = Partial<Record<'sarif' | 'gitlab' | 'junit' | 'html' | 'json' | 'summary', string>>;

export interface RunRecord {
  readonly tool: { name: 'harbor-gate'; version: string; informationUri: string };
  /** When the run decided. */
  readonly generatedAt: Date;
  /** The image: `host/repo@sha256:…`, or `host/repo[:tag]` when no digest was reached. */
  readonly image: string;
  /** Empty when the run ended before the image was pushed or resolved. */
  readonly digest: string;
  /** The tags written. */
  readonly tags: readonly string[];
  readonly harborUrl?: string;
  /** The image's OS (e.g. "debian 12.5"), for the GitLab report. */
  readonly operatingSystem?: string;

  // The decision.
  /** `pass`, `fail` (the policy said no) or `error` (a step could not finish: failedStep). */
  readonly verdict: RunVerdict;
  readonly failedStep?: StepName;
  /** With `error`: the failed step's error, with its causes. */
  readonly error?: StepError;
  /** --report-only: a breach is reported and warned, and the run exits 0. */
  readonly reportOnly: boolean;
  readonly exitCode: RunExitCode;
  /** The policy's own verdict; null when the policy was not evaluated or the run ended in error. */
  readonly policyVerdict: 'pass' | 'fail' | null;
  /** Whether the policy was evaluated (a step before it could stop the run first). */
  readonly evaluated: boolean;

  // The policy and what it made of the findings (one rule: highest severity per vulnerability and
  // package, across platforms, fix versions merged).
  readonly policy: Policy;
  readonly counts: SeverityCounts;
  /** Counts of the findings no allowlist or VEX statement waived. */
  readonly countsAfterWaivers: SeverityCounts;
  /** Findings with a fixed version known. */
  readonly fixable: number;
  readonly violations: readonly Violation[];
  readonly waivers: readonly Waiver[];
  /** The waivers by where they came from: the allowlists (file and Harbor's) and VEX, apart. */
  readonly waived: { readonly allowlist: number; readonly vex: number };
  readonly vexNotes: readonly VexNote[];
  readonly expiredEntries: readonly ExpiredEntry[];
  readonly staleEntries: readonly AllowlistEntry[];
  /** Every finding, deduplicated, most severe first. */
  readonly findings: readonly EvaluatedFinding[];
  readonly fixPlan: FixPlan;
  /** The run's warnings and the evaluation's, in the order met; every output shows them all. */
  readonly warnings: readonly string[];

  // What the steps did.
  /** Every step, in run order (reports included). */
  readonly steps: Readonly<Record<StepName, StepInfo>>;
  /** The scan report (scanner, status, times, platforms), when the scan finished. */
  readonly report?: ScanReport;
  readonly vex: VexRun;
  readonly sbomDigest?: string;
  readonly signatureDigest?: string;
  /** --provenance: the provenance referrer (bundle) or `.att` manifest written for the image. */
  readonly provenanceDigest?: string;
  /** The report files written (absolute paths), by format. */
  readonly reports: ReportPaths;
  /** With an error after something was written: what the run left in the registry, in words. */
  readonly left?: string;
}

/** Every report writer is a pure function of the run record. */
export type ReportInput = RunRecord;

/** Freeze a record and everything in it: no output can change what another will render. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value) || value instanceof Date)
    return value;
  for (const v of Object.values(value)) deepFreeze(v);
  return Object.freeze(value);
}
