/**
 * The JSON report: the whole result in a stable, documented shape (docs/formats.md). Keys are
 * always present (null when unknown) so consumers need no existence checks.
 */
import type { AllowlistEntry, EvaluatedFinding, Policy, VexStatementInfo } from '../policy/index.js';
import {
  REPORT_LIMITS,
  cutJson,
  cutList,
  harborArtifactUrl,
  reportSteps,
  roundSeconds,
  runVerdict,
  type ReportInput,
} from './common.js';

export const JSON_REPORT_SCHEMA_VERSION = 1;

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

function full(f: EvaluatedFinding): Record<string, unknown> {
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
  const v = input.verdict;
  const r = input.report;
  const findings = cutList(v.findings, (f) => f.severity);
  const violations = cutList(v.violations, (x) => x.severity ?? x.finding?.severity);
  const waivers = cutList(v.waivers, (w) => w.finding.severity);
  const vexNotes = cutList(v.vexNotes, (n) => n.finding.severity);
  const noFix = cutList(v.fixPlan.noFix, (f) => f.severity);
  return {
    schemaVersion: JSON_REPORT_SCHEMA_VERSION,
    tool: input.tool,
    generatedAt: input.generatedAt.toISOString(),
    image: input.image,
    digest: input.digest,
    harborUrl: input.harborUrl ?? null,
    harborArtifactUrl: harborArtifactUrl(input) ?? null,
    verdict: runVerdict(input),
    policyVerdict: v.verdict,
    outcome: {
      verdict: runVerdict(input),
      failedStep: input.outcome?.failedStep ?? null,
      error: input.outcome?.error ?? null,
      reportOnly: input.outcome?.reportOnly ?? false,
    },
    counts: v.counts,
    countsAfterWaivers: v.countsAfterWaivers,
    fixable: v.findings.filter((f) => f.fixVersion !== undefined).length,
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
    violations: violations.shown.map((x) => ({
      rule: x.rule,
      reason: x.reason,
      finding: x.finding ? findingRef(x.finding) : null,
      severity: x.severity ?? null,
      count: x.count ?? null,
      limit: x.limit ?? null,
    })),
    waivers: waivers.shown.map((w) => ({
      finding: findingRef(w.finding),
      source: w.source,
      reason: w.reason,
      expires: w.expires ?? null,
      entry: w.entry ? entry(w.entry) : null,
      vex: w.vex ? vexJson(w.vex) : null,
    })),
    vexNotes: vexNotes.shown.map((n) => ({ finding: findingRef(n.finding), vex: vexJson(n.vex) })),
    vexIgnored: input.vexIgnored ?? [],
    expiredEntries: v.expiredEntries.map((e) => ({ ...entry(e.entry), matched: e.matched })),
    staleEntries: v.staleEntries.map(entry),
    warnings: v.warnings,
    fixPlan: {
      totalViolations: v.fixPlan.totalViolations,
      steps: v.fixPlan.steps,
      noFix: noFix.shown.map(findingRef),
    },
    findings: findings.shown.map(full),
  };
}

export function renderJsonReport(input: ReportInput): string {
  return `${JSON.stringify(buildJsonReport(input), null, 2)}\n`;
}
