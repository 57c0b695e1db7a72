import type { Finding, HarborAllowlist, ScanReport, Severity, SeverityCounts } from '../core/index.js';
import type { VexFormat, VexImage, VexStatement } from '../vex/index.js';
import type { VersionRange } from './version.js';

/** The lowest severity that fails the gate; `unknown` fails on any finding, `none` never on severity. */
export type FailOn = 'critical' | 'high' | 'medium' | 'low' | 'unknown' | 'none';

export const FAIL_ON_VALUES: readonly FailOn[] = ['critical', 'high', 'medium', 'low', 'unknown', 'none'];

export type OnScanError = 'fail' | 'warn';

export interface AllowlistEntry {
  /** CVE-…, GHSA-… or another scanner id (upper-case prefix, dash, rest). */
  id: string;
  reason: string;
  /** YYYY-MM-DD: the entry waives up to the end of that day (UTC). */
  expires?: string;
  package?: string;
  /** The range as written, e.g. "<3.0.7" or ">=1.2 <1.3". */
  version?: string;
  /** Where the entry came from (file name), for messages. */
  source?: string;
}

export interface Policy {
  failOn: FailOn;
  ignoreUnfixed: boolean;
  /** Fail at or above this CVSS score (v3 preferred). */
  cvssThreshold?: number;
  maxCounts: Partial<Record<Severity, number>>;
  useHarborAllowlist: boolean;
  requireSignature: boolean;
  requireSbom: boolean;
  onScanError: OnScanError;
  allowlist: AllowlistEntry[];
  /** VEX document paths from the policy file's `vex:` list (the caller reads them). */
  vex?: string[];
}

/** What flags or Action inputs give; every field optional (absent: keep the file's value). */
export type PolicyOverrides = Partial<Omit<Policy, 'maxCounts'>> & {
  maxCounts?: Partial<Record<Severity, number>>;
};

export type RuleId = 'severity' | 'cvss' | 'max-counts' | 'scan-error' | 'signature' | 'sbom';

export type FindingStatus = 'violation' | 'waived' | 'ignored-unfixed' | 'ok';

/** A finding after deduplication across platforms, with what the policy made of it. */
export interface EvaluatedFinding extends Finding {
  /** id|package|version: the deduplication key. */
  key: string;
  /** Every platform it was reported for (empty for a single-platform image). */
  platforms: string[];
  status: FindingStatus;
  /** The rules it breaks (only when status is violation). */
  rules: RuleId[];
}

export interface Violation {
  rule: RuleId;
  reason: string;
  finding?: EvaluatedFinding;
  /** For max-counts: the severity, how many and the limit. */
  severity?: Severity;
  count?: number;
  limit?: number;
}

export type WaiverSource = 'allowlist' | 'harbor-project' | 'harbor-system' | 'vex';

/** What a VEX statement says, as its document wrote it. */
type VexStatementText = Pick<
  VexStatement,
  | 'status'
  | 'justification'
  | 'sourceJustification'
  | 'sourceState'
  | 'impactStatement'
  | 'actionStatement'
  | 'statusNotes'
>;

/** The VEX statement behind a waiver or a note: where it came from and what it says. */
export interface VexStatementInfo extends VexStatementText {
  /** The vulnerability name the statement used (the finding id may be one of its aliases). */
  vulnerability: string;
  /** File name, or `attestation sha256:…` for a VEX attestation read from the image. */
  document: string;
  format: VexFormat;
  /** The document's @id / serialNumber. */
  documentId?: string;
  author?: string;
  /** For an attestation: who signed it. */
  signer?: string;
  /** ISO time of the statement. */
  timestamp: string;
  /** 1-based line of the statement in its document. */
  line?: number;
}

/** A finding with a VEX statement that does not waive it (affected, under_investigation). */
export interface VexNote {
  finding: EvaluatedFinding;
  vex: VexStatementInfo;
}

export interface Waiver {
  finding: EvaluatedFinding;
  source: WaiverSource;
  reason: string;
  entry?: AllowlistEntry;
  harborAllowlist?: HarborAllowlist;
  /** For source `vex`: the statement (status not_affected or fixed), its justification and impact. */
  vex?: VexStatementInfo;
  /** YYYY-MM-DD (allowlist) or ISO date-time (Harbor) when the waiver lapses. */
  expires?: string;
}

export interface ExpiredEntry {
  entry: AllowlistEntry;
  /** How many findings it would have waived. */
  matched: number;
}

export interface FixStep {
  package: string;
  installed: string;
  /** The lowest version that fixes every violating finding of this package and version. */
  target: string;
  /** Violations cleared by this upgrade. */
  clears: number;
  ids: string[];
  text: string;
}

export interface FixPlan {
  steps: FixStep[];
  /** Violating findings for which no fixed version is known. */
  noFix: EvaluatedFinding[];
  /** Finding violations in total (the "of N" in each step). */
  totalViolations: number;
}

export interface Verdict {
  verdict: 'pass' | 'fail';
  violations: Violation[];
  waivers: Waiver[];
  expiredEntries: ExpiredEntry[];
  staleEntries: AllowlistEntry[];
  warnings: string[];
  /** Findings with a VEX statement that does not waive (affected, under_investigation), to show. */
  vexNotes: VexNote[];
  /** Counts of the deduplicated findings. */
  counts: SeverityCounts;
  /** Counts of the findings that no allowlist waived. */
  countsAfterWaivers: SeverityCounts;
  /** Every deduplicated finding, most severe first. */
  findings: EvaluatedFinding[];
  fixPlan: FixPlan;
}

export interface EvaluateInput {
  report?: ScanReport;
  scanError?: { code: string; message: string };
  signed?: boolean;
  sbomAttached?: boolean;
  harborAllowlists?: HarborAllowlist[];
  /**
   * VEX statements (from --vex files, the policy's `vex:` list, and verified attestations) and the
   * image they are matched against. not_affected/fixed statements waive (source `vex`).
   */
  vex?: { statements: readonly VexStatement[]; image: VexImage };
}

/** A parsed entry with its range compiled. */
export interface CompiledEntry {
  entry: AllowlistEntry;
  range?: VersionRange;
  /** End of the expiry day, epoch ms. */
  expiresAtMs?: number;
}
