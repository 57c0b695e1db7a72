import { findingRef } from '../report/index.js';
import type { GateResult } from './types.js';

/** The `gate --json` result (docs/formats.md): stable field names, findings flattened. */
export function gateJson(result: GateResult): Record<string, unknown> {
  const ev = result.evaluation;
  return {
    verdict: result.verdict,
    exitCode: result.exitCode,
    image: result.image,
    digest: result.digest,
    steps: result.steps,
    counts: result.counts,
    fixable: result.fixable,
    sbomDigest: result.sbomDigest ?? null,
    signatureDigest: result.signatureDigest ?? null,
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
    })),
    expiredEntries: ev.expiredEntries.map((e) => ({ id: e.entry.id, expires: e.entry.expires ?? null })),
    staleEntries: ev.staleEntries.map((e) => ({ id: e.id, package: e.package ?? null })),
    warnings: result.warnings,
    reports: result.reports,
  };
}
