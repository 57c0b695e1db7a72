/**
 * The JSON report: the whole result in a stable, documented shape (docs/formats.md). Keys are
 * always present (null when unknown) so consumers need no existence checks.
 */
import type {
  AllowlistEntry,
  EvaluatedFinding,
  Policy,
  VexStatementInfo,
  Violation,
  Waiver,
} from '../policy/index.js';
import {
  REPORT_LIMITS,
  cutJson,
  cutList,
  harborArtifactUrl,
  reportSteps,
  roundSeconds,
  type ReportInput,
} from './common.js';

export const JSON_REPORT_SCHEMA_VERSION = 2;

/** A finding by its identity and severity: the form every JSON output uses. */
export function findingRef(f: EvaluatedFinding): Record<string, unknown> {
  return {
    id: f.id,
    package: f.package,
    version: f.version,
    fixVersion: f.fixVersion ?? null,
    severity: f.severity,
    cvss: f.cvss?.score ?? null,
    platforms: f.platforms,
  };
}

/** A VEX statement as every JSON output shows it: status, justification, impact, document. */
export function vexJson(v: VexStatementInfo): Record<string, unknown> {
  return {
    status: v.status,
    justification: v.justification ?? null,
    impactStatement: v.impactStatement ?? null,
    actionStatement: v.actionStatement ?? null,
    statusNotes: v.statusNotes ?? null,
    document: v.document,
    format: v.format,
    vulnerability: v.vulnerability,
    timestamp: v.timestamp,
    ...(v.sourceState !== undefined ? { sourceState: v.sourceState } : {}),
    ...(v.sourceJustification !== undefined ? { sourceJustification: v.sourceJustification } : {}),
    ...(v.signer !== undefined ? { signer: v.signer } : {}),
    ...(v.line !== undefined ? { line: v.line } : {}),
  };
}

/** A finding in full: the one shape of every findings list (JSON report, `scan --json`). */
export function findingJson(f: EvaluatedFinding): Record<string, unknown> {
  return {
    ...findingRef(f),
    cvssVersion: f.cvss?.version ?? null,
    cvssVector: f.cvss?.vector ?? null,
    status: f.status,
    rules: f.rules,
    description: f.description ?? null,
    links: f.links,
    cweIds: f.cweIds,
    artifactDigest: f.artifactDigest ?? null,
  };
}

/**
 * A violation: the one shape of `--json`, the JSON report and the verdict attestation. The
 * finding's fields are null for a rule about the whole image (signature, sbom, max-counts).
 */
export function violationJson(x: Violation): Record<string, unknown> {
  return {
    rule: x.rule,
    reason: x.reason,
    id: x.finding?.id ?? null,
    package: x.finding?.package ?? null,
    version: x.finding?.version ?? null,
    fixVersion: x.finding?.fixVersion ?? null,
    severity: x.finding?.severity ?? x.severity ?? null,
    cvss: x.finding?.cvss?.score ?? null,
    platforms: x.finding?.platforms ?? [],
    count: x.count ?? null,
    limit: x.limit ?? null,
  };
}

/** A waiver: the one shape of `--json`, the JSON report and the verdict attestation. */
export function waiverJson(w: Waiver): Record<string, unknown> {
  return {
    ...findingRef(w.finding),
    source: w.source,
    reason: w.reason,
    expires: w.expires ?? null,
    /** The allowlist file the entry came from. */
    file: w.entry?.source ?? null,
    entry: w.entry ? entry(w.entry) : null,
    vex: w.vex ? vexJson(w.vex) : null,
  };
}

/** A VEX statement that does not waive, with its finding. */
export function vexNoteJson(n: {
  finding: EvaluatedFinding;
  vex: VexStatementInfo;
}): Record<string, unknown> {
  return { ...findingRef(n.finding), vex: vexJson(n.vex) };
}

/** The error of a failed run or step, with its causes. */
export function errorJson(e: NonNullable<ReportInput['error']>): Record<string, unknown> {
  return {
    code: e.code,
    message: e.message,
    remedy: e.remedy,
    exitCode: e.exitCode,
    causes: e.causes ?? [],
  };
}

function entry(e: AllowlistEntry): Record<string, unknown> {
  return {
    id: e.id,
    reason: e.reason,
    expires: e.expires ?? null,
    package: e.package ?? null,
    version: e.version ?? null,
    source: e.source ?? null,
  };
}

/** The effective policy with the policy file's key names. */
export function policyJson(p: Policy): Record<string, unknown> {
  return {
    'fail-on': p.failOn,
    'ignore-unfixed': p.ignoreUnfixed,
    'cvss-threshold': p.cvssThreshold ?? null,
    'max-counts': p.maxCounts,
    'use-harbor-allowlist': p.useHarborAllowlist,
    'require-signature': p.requireSignature,
    'require-sbom': p.requireSbom,
    'on-scan-error': p.onScanError,
    allowlist: p.allowlist.map(entry),
    vex: p.vex ?? [],
  };
}

export function buildJsonReport(input: ReportInput): Record<string, unknown> {
  const r = input.report;
  const findings = cutList(input.findings, (f) => f.severity);
  const violations = cutList(input.violations, (x) => x.severity ?? x.finding?.severity);
  const waivers = cutList(input.waivers, (w) => w.finding.severity);
  const vexNotes = cutList(input.vexNotes, (n) => n.finding.severity);
  const noFix = cutList(input.fixPlan.noFix, (f) => f.severity);
  return {
    schemaVersion: JSON_REPORT_SCHEMA_VERSION,
    tool: input.tool,
    generatedAt: input.generatedAt.toISOString(),
    image: input.image,
    digest: input.digest,
    harborUrl: input.harborUrl ?? null,
    harborArtifactUrl: harborArtifactUrl(input) ?? null,
    verdict: input.verdict,
    failedStep: input.failedStep ?? null,
    policyVerdict: input.policyVerdict,
    outcome: {
      verdict: input.verdict,
      failedStep: input.failedStep ?? null,
      error: input.error ? errorJson(input.error) : null,
      reportOnly: input.reportOnly,
      exitCode: input.exitCode,
      left: input.left ?? null,
    },
    counts: input.counts,
    countsAfterWaivers: input.countsAfterWaivers,
    fixable: input.fixable,
    scan: r
      ? {
          digest: r.digest,
          scanner: r.scanner ?? null,
          status: r.status,
          startTime: r.startTime ?? null,
          endTime: r.endTime ?? null,
          platforms: r.platforms ?? [],
        }
      : null,
    // The report-writing step is left out: a report cannot say how its own writing ended.
    steps: Object.fromEntries(
      reportSteps(input).map(([name, st]) => [
        name,
        st.seconds !== undefined ? { ...st, seconds: roundSeconds(st.seconds) } : st,
      ]),
    ),
    policy: policyJson(input.policy),
    // Each list detailed up to REPORT_LIMITS, the most severe first; what was cut is counted here.
    detail: {
      limit: REPORT_LIMITS.detailedFindings,
      findings: cutJson(findings),
      violations: cutJson(violations),
      waivers: cutJson(waivers),
      vexNotes: cutJson(vexNotes),
      noFix: cutJson(noFix),
    },
    violations: violations.shown.map(violationJson),
    waivers: waivers.shown.map(waiverJson),
    vexNotes: vexNotes.shown.map(vexNoteJson),
    vexIgnored: input.vex.ignored,
    expiredEntries: input.expiredEntries.map((e) => ({ ...entry(e.entry), matched: e.matched })),
    staleEntries: input.staleEntries.map(entry),
    warnings: input.warnings,
    fixPlan: {
      totalViolations: input.fixPlan.totalViolations,
      steps: input.fixPlan.steps,
      noFix: noFix.shown.map(findingRef),
    },
    findings: findings.shown.map(findingJson),
  };
}

export function renderJsonReport(input: ReportInput): string {
  return `${JSON.stringify(buildJsonReport(input), null, 2)}\n`;
}
