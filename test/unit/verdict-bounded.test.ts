/**
 * The signed verdict predicate is bounded like every report: a scan with 30 000 findings (six times
 * the per-list limit) signs a predicate that details at most REPORT_LIMITS violations, the most
 * severe first, with `detail` counting what was cut, while the counts and the verdict cover every
 * finding. Before, every violation was listed: a 650 000-finding scan would have signed a predicate
 * far over the 10 MB a Kyverno SigstoreBundle layer may hold (docs/admission.md).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, evaluate } from '../../src/policy/index.js';
import { REPORT_LIMITS } from '../../src/report/index.js';
import { manyFindings } from '../fixtures/reports/load.js';
import { predicateOf } from '../helpers/verdict.js';

const N = 30_000;
const AT = new Date('2026-12-01T10:00:00Z');
const KYVERNO_LAYER_MAX = 10 * 1024 * 1024;

describe('the verdict predicate on a 30 000-finding scan', () => {
  const report = manyFindings(N);
  const policy = { ...DEFAULT_POLICY, failOn: 'low' as const, maxCounts: {}, allowlist: [] };
  const verdict = evaluate({ report, signed: true, sbomAttached: true }, policy, AT);
  const p = predicateOf({
    verdict,
    policy,
    digest: `sha256:${'a'.repeat(64)}`,
    repository: 'harbor.example.com/team/app',
    report,
    gatedOn: AT,
  });

  it('details at most the limit, most severe first, and counts the cut by severity', () => {
    expect(verdict.violations.length).toBeGreaterThan(REPORT_LIMITS.detailedFindings);
    expect(p.violations).toHaveLength(REPORT_LIMITS.detailedFindings);
    expect(p.detail?.violations.total).toBe(verdict.violations.length);
    expect(p.detail?.violations.cut).toBe(verdict.violations.length - REPORT_LIMITS.detailedFindings);
    const cutBySeverity = Object.values(p.detail?.violations.cutBySeverity ?? {}).reduce((a, b) => a + b, 0);
    expect(cutBySeverity).toBe(p.detail?.violations.cut);
    expect(p.violations[0]?.severity).toBe('critical');
  });

  it('the counts and the verdict still cover every finding', () => {
    expect(p.verdict).toBe('fail');
    expect(Object.values(p.counts).reduce((a, b) => a + b, 0)).toBe(N);
    expect(p.counts).toEqual(report.counts);
  });

  it('stays under what a Kyverno bundle layer may hold', () => {
    expect(Buffer.byteLength(JSON.stringify(p))).toBeLessThan(KYVERNO_LAYER_MAX / 4);
  });

  it('has no detail when nothing was cut', () => {
    const small = manyFindings(10);
    const v = evaluate({ report: small, signed: true, sbomAttached: true }, policy, AT);
    const q = predicateOf({
      verdict: v,
      policy,
      digest: `sha256:${'b'.repeat(64)}`,
      repository: 'harbor.example.com/team/app',
      report: small,
      gatedOn: AT,
    });
    expect(q.violations).toHaveLength(v.violations.length);
    expect(q.detail).toBeUndefined();
  });
});
