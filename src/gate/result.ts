/**
 * The one verdict of a run, decided once from the steps and the policy's evaluation; every output
 * (console, summary, reports, --json, the Action's outputs and message, the exit code) is derived
 * from it here or from the GateResult that carries it.
 */
import type { RunOutcome } from '../core/index.js';
import type { Verdict } from '../policy/index.js';
import { findingRef, vexJson } from '../report/index.js';
import { STEP_NAMES, type GateResult, type StepName, type StepOutcome } from './types.js';

/**
 * `error` when a step could not finish (the first in step order), with that step's exit code (2
 * input, 3 infrastructure); else `fail` when the policy said no (exit 1, or 0 with --report-only);
 * else `pass`.
 */
export function decide(
  steps: Record<StepName, StepOutcome>,
  evaluation: Verdict | undefined,
  reportOnly: boolean,
): { outcome: RunOutcome; exitCode: 0 | 1 | 2 | 3 } {
  for (const name of STEP_NAMES) {
    const s = steps[name];
    if (s.status !== 'failed' || !s.error) continue;
    return {
      outcome: { verdict: 'error', failedStep: name, error: s.error, ...(reportOnly ? { reportOnly } : {}) },
      exitCode: s.error.exitCode,
    };
  }
  if (evaluation?.verdict === 'fail') {
    return {
      outcome: { verdict: 'fail', ...(reportOnly ? { reportOnly } : {}) },
      exitCode: reportOnly ? 0 : 1,
    };
  }
  return { outcome: { verdict: 'pass', ...(reportOnly ? { reportOnly } : {}) }, exitCode: 0 };
}

/** One line that says what the run decided, for the console's last line and the Action's message. */
export function headline(result: Pick<GateResult, 'outcome' | 'evaluation'>): string {
  const o = result.outcome;
  if (o.verdict === 'error') {
    return `the ${o.failedStep ?? 'run'} step could not finish: [${o.error?.code ?? 'ERROR'}] ${o.error?.message ?? ''}`;
  }
  const n = result.evaluation.violations.length;
  if (o.verdict === 'fail') {
    return `the policy was breached (${n} violation${n === 1 ? '' : 's'})${o.reportOnly ? '; reported only (--report-only), not failing the build' : ''}`;
  }
  return 'the policy passed';
}

/** The `gate --json` result (README.md, "JSON results"): stable field names, findings flattened. */
export function gateJson(result: GateResult): Record<string, unknown> {
  const ev = result.evaluation;
  return {
    verdict: result.verdict,
    ...(result.failedStep ? { failedStep: result.failedStep } : {}),
    ...(result.outcome.error ? { error: result.outcome.error } : {}),
    reportOnly: result.outcome.reportOnly ?? false,
    exitCode: result.exitCode,
    image: result.image,
    digest: result.digest,
    tags: result.tags,
    steps: result.steps,
    counts: result.counts,
    fixable: result.fixable,
    sbomDigest: result.sbomDigest ?? null,
    signatureDigest: result.signatureDigest ?? null,
    provenanceDigest: result.provenanceDigest ?? null,
    violations: ev.violations.map((v) => ({
      rule: v.rule,
      reason: v.reason,
      ...(v.finding ? findingRef(v.finding) : {}),
      ...(v.severity ? { severity: v.severity, count: v.count, limit: v.limit } : {}),
    })),
    waivers: ev.waivers.map((w) => ({
      id: w.finding.id,
      package: w.finding.package,
      version: w.finding.version,
      source: w.source,
      reason: w.reason,
      expires: w.expires ?? null,
      ...(w.vex ? { vex: vexJson(w.vex) } : {}),
    })),
    vexNotes: ev.vexNotes.map((n) => ({
      id: n.finding.id,
      package: n.finding.package,
      version: n.finding.version,
      severity: n.finding.severity,
      vex: vexJson(n.vex),
    })),
    vex: {
      documents: result.vex?.documents ?? [],
      attestations: result.vex?.attestations ?? [],
    },
    vexIgnored: result.vex?.ignored ?? [],
    expiredEntries: ev.expiredEntries.map((e) => ({ id: e.entry.id, expires: e.entry.expires ?? null })),
    staleEntries: ev.staleEntries.map((e) => ({ id: e.id, package: e.package ?? null })),
    warnings: result.warnings,
    reports: result.reports,
  };
}
