/**
 * decide(): the facts the steps collected -> the one immutable run record (report/record.ts).
 * Every output renders that record: the console, the summary, the reports, `--json` (gateJson),
 * the Action's outputs and message (headline), the exit code and the verdict attestation.
 */
import { emptyCounts, TOOL_NAME, TOOL_URI, VERSION } from '../core/index.js';
import type { RunExitCode, ScanReport, SeverityCounts, StepError } from '../core/index.js';
import { dedupe, type EvaluatedFinding, type Policy, type Verdict } from '../policy/index.js';
import {
  cutJson,
  cutList,
  deepFreeze,
  errorJson,
  vexNoteJson,
  violationJson,
  waiverJson,
  type ReportPaths,
  type RunRecord,
  type StepInfo,
  type VexRun,
} from '../report/index.js';
import { STEP_NAMES, type StepName, type StepOutcome } from './types.js';

/** What the steps found out; decide() turns it into the record. */
export interface RunFacts {
  /** `host/repository` (the --image as given when it does not parse). */
  repository: string;
  policy: Policy;
  reportOnly: boolean;
  steps: Record<StepName, StepOutcome>;
  generatedAt: Date;
  digest?: string;
  tags?: string[];
  /** Whether the run pushed the image (--source), for what an error leaves behind. */
  pushed?: boolean;
  scan?: ScanReport;
  /** The policy's evaluation; absent when the run stopped before it. */
  evaluation?: Verdict;
  /** The run's own warnings (the evaluation's are added by decide). */
  warnings: string[];
  vex?: VexRun;
  harborUrl?: string;
  sbomDigest?: string;
  signatureDigest?: string;
  /** --provenance: the provenance referrer (bundle) or `.att` manifest written for the image. */
  provenanceDigest?: string;
  /** The report files written. */
  reports?: ReportPaths;
}

/** The first step (in run order) that could not finish, with its error. */
function stoppedAt(steps: Record<StepName, StepOutcome>): { step: StepName; error: StepError } | undefined {
  for (const step of STEP_NAMES) {
    const s = steps[step];
    if (s.status === 'failed' && s.error) return { step, error: s.error };
  }
  return undefined;
}

/** The steps as every output shows them: a step not reached says which step stopped the run. */
function stepInfos(
  steps: Record<StepName, StepOutcome>,
  stopped: StepName | undefined,
): Record<StepName, StepInfo> {
  const out = {} as Record<StepName, StepInfo>;
  for (const name of STEP_NAMES) {
    const { error, ...s } = steps[name];
    const notReached = stopped && s.status === 'skipped' && !s.detail && name !== 'reports';
    out[name] = {
      ...s,
      seconds: Math.round(s.seconds * 1000) / 1000,
      ...(notReached ? { detail: `not reached (${stopped} failed)` } : {}),
      ...(error
        ? {
            error: error.message,
            code: error.code,
            remedy: error.remedy,
            exitCode: error.exitCode,
            ...(error.causes?.length ? { causes: error.causes } : {}),
          }
        : {}),
    };
  }
  return out;
}

/** With an error after something was written: what the run left in the registry. */
function leftBehind(facts: RunFacts): string | undefined {
  const s = facts.steps;
  const left: string[] = [];
  if (s.push.status === 'ok' && facts.digest && (facts.pushed || (facts.tags?.length ?? 0) > 0)) {
    left.push(
      `${facts.pushed ? 'the image' : 'the tags of'} ${facts.digest}${facts.tags?.length ? ` (tags ${facts.tags.join(', ')})` : ''}`,
    );
  }
  if (s.sbom.status === 'ok' && s.sbom.digest) left.push(`the SBOM ${s.sbom.digest}`);
  if (s.sign.status === 'ok' && s.sign.digest && !s.sign.detail?.startsWith('already signed'))
    left.push(`the signature ${s.sign.digest}`);
  if (s.provenance.status === 'ok' && s.provenance.digest) left.push(`the provenance ${s.provenance.digest}`);
  if (s.attestScan.status === 'ok' && s.attestScan.digest)
    left.push(`the attestation(s) ${s.attestScan.attestations?.join(', ') ?? s.attestScan.digest}`);
  if (left.length > 0) return `left in the registry: ${left.join('; ')}`;
  // A cancelled run always says it: nothing, or a push cut short (no manifest, no tag; its upload
  // sessions were cancelled at the registry, blobs already complete wait for garbage collection).
  const stop = stoppedAt(s);
  if (stop?.error.code !== 'CANCELLED') return undefined;
  return facts.pushed && stop.step === 'push'
    ? `left in the registry: no manifest and no tag in ${facts.repository} (the push was cancelled; its open upload sessions were cancelled, blobs already uploaded wait for the registry's garbage collection)`
    : `left in the registry: nothing (cancelled before anything was written to ${facts.repository})`;
}

/** Counts by severity of deduplicated findings. */
function countsOf(findings: readonly EvaluatedFinding[]): SeverityCounts {
  const counts = emptyCounts();
  for (const f of findings) counts[f.severity]++;
  return counts;
}

const NO_PLAN = { steps: [], noFix: [], totalViolations: 0 };

/**
 * The verdict: `error` when a step could not finish (the first in step order), with that step's
 * exit code (2 input, and only while nothing was written; 3 infrastructure; 130/143 cancelled); else `fail` when the policy said no
 * (exit 1, or 0 with --report-only); else `pass`. Counts and fixable by the policy's one rule: the
 * highest severity per vulnerability and package across platforms, fix versions merged.
 */
export function decide(facts: RunFacts): RunRecord {
  const stop = stoppedAt(facts.steps);
  const ev = facts.evaluation;
  const verdict = stop ? 'error' : ev?.verdict === 'fail' ? 'fail' : 'pass';
  const left = stop ? leftBehind(facts) : undefined;
  // Exit 2 means nothing was written to the registry: an input error met after a write (a
  // referrer conflict, a report that cannot be written) exits 3, and `left` says what is there.
  const exitCode: RunExitCode = stop
    ? stop.error.exitCode === 2 && left
      ? 3
      : stop.error.exitCode
    : verdict === 'fail' && !facts.reportOnly
      ? 1
      : 0;
  // The counts come from the policy's deduplication, evaluated or not.
  const deduped = ev?.findings ?? (facts.scan ? dedupe(facts.scan.findings) : []);
  const counts = countsOf(deduped);
  const warnings = [...facts.warnings, ...(ev?.warnings ?? [])];
  if (verdict === 'fail' && facts.reportOnly)
    warnings.push('the policy was breached; --report-only: the build is not failed');
  const waivers = ev?.waivers ?? [];
  return deepFreeze({
    tool: { name: TOOL_NAME, version: VERSION, informationUri: TOOL_URI },
    generatedAt: facts.generatedAt,
    image: facts.digest ? `${facts.repository}@${facts.digest}` : facts.repository,
    digest: facts.digest ?? '',
    tags: [...(facts.tags ?? [])],
    ...(facts.harborUrl ? { harborUrl: facts.harborUrl } : {}),
    verdict,
    ...(stop ? { failedStep: stop.step, error: { ...stop.error } } : {}),
    reportOnly: facts.reportOnly,
    exitCode,
    policyVerdict: stop ? null : (ev?.verdict ?? null),
    evaluated: ev !== undefined,
    policy: structuredClone(facts.policy),
    counts,
    countsAfterWaivers: ev?.countsAfterWaivers ?? counts,
    fixable: deduped.filter((f) => f.fixVersion !== undefined).length,
    violations: ev?.violations ?? [],
    waivers,
    waived: {
      allowlist: waivers.filter((w) => w.source !== 'vex').length,
      vex: waivers.filter((w) => w.source === 'vex').length,
    },
    vexNotes: ev?.vexNotes ?? [],
    expiredEntries: ev?.expiredEntries ?? [],
    staleEntries: ev?.staleEntries ?? [],
    findings: ev?.findings ?? [],
    fixPlan: ev?.fixPlan ?? NO_PLAN,
    warnings,
    steps: stepInfos(facts.steps, stop?.step),
    // The scan report itself, frozen in place: a copy would hold every finding a second time (650 000
    // findings are some 300 MiB more at the peak, once per decide() of the run).
    ...(facts.scan ? { report: facts.scan } : {}),
    vex: facts.vex ?? { documents: [], attestations: [], ignored: [] },
    ...(facts.sbomDigest ? { sbomDigest: facts.sbomDigest } : {}),
    ...(facts.signatureDigest ? { signatureDigest: facts.signatureDigest } : {}),
    ...(facts.provenanceDigest ? { provenanceDigest: facts.provenanceDigest } : {}),
    reports: { ...(facts.reports ?? {}) },
    ...(left ? { left } : {}),
  } satisfies RunRecord);
}

/** One line that says what the run decided, for the console's last line and the Action's message. */
export function headline(record: RunRecord): string {
  if (record.verdict === 'error') {
    return `the ${record.failedStep ?? 'run'} step could not finish: [${record.error?.code ?? 'ERROR'}] ${record.error?.message ?? ''}${record.left ? `; ${record.left}` : ''}`;
  }
  const n = record.violations.length;
  if (record.verdict === 'fail') {
    return `the policy was breached (${n} violation${n === 1 ? '' : 's'})${record.reportOnly ? '; reported only (--report-only), not failing the build' : ''}`;
  }
  return 'the policy passed';
}

/** The `gate --json` result (README.md, "JSON results"): the record, in the one JSON shape. */
export function gateJson(record: RunRecord): Record<string, unknown> {
  // Bounded like the reports (REPORT_LIMITS): each list the most severe first, the cut counted.
  const violations = cutList(record.violations, (v) => v.severity ?? v.finding?.severity);
  const waivers = cutList(record.waivers, (w) => w.finding.severity);
  const vexNotes = cutList(record.vexNotes, (n) => n.finding.severity);
  return {
    verdict: record.verdict,
    ...(record.failedStep ? { failedStep: record.failedStep } : {}),
    ...(record.error ? { error: errorJson(record.error) } : {}),
    ...(record.left ? { left: record.left } : {}),
    reportOnly: record.reportOnly,
    exitCode: record.exitCode,
    policyVerdict: record.policyVerdict,
    image: record.image,
    digest: record.digest,
    tags: record.tags,
    // A failed step's error as an object, as `--json` has always shown it.
    steps: Object.fromEntries(
      Object.entries(record.steps).map(([name, { error, code, remedy, exitCode, causes, ...s }]) => [
        name,
        error === undefined
          ? s
          : { ...s, error: { code, message: error, remedy, exitCode, causes: causes ?? [] } },
      ]),
    ),
    counts: record.counts,
    countsAfterWaivers: record.countsAfterWaivers,
    fixable: record.fixable,
    sbomDigest: record.sbomDigest ?? null,
    signatureDigest: record.signatureDigest ?? null,
    provenanceDigest: record.provenanceDigest ?? null,
    detail: { violations: cutJson(violations), waivers: cutJson(waivers), vexNotes: cutJson(vexNotes) },
    violations: violations.shown.map(violationJson),
    waivers: waivers.shown.map(waiverJson),
    vexNotes: vexNotes.shown.map(vexNoteJson),
    vex: { documents: record.vex.documents, attestations: record.vex.attestations },
    vexIgnored: record.vex.ignored,
    expiredEntries: record.expiredEntries.map((e) => ({ id: e.entry.id, expires: e.entry.expires ?? null })),
    staleEntries: record.staleEntries.map((e) => ({ id: e.id, package: e.package ?? null })),
    warnings: record.warnings,
    reports: record.reports,
  };
}
