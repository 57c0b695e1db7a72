/**
 * Issue 20 item 8, the run record's share: decide() runs up to four times a run (after the verdict
 * is published, after older attestations are superseded, after the reports are written), so a
 * record that copied the scan's findings held 650 000 of them once more per call (1.2 GiB peak RSS
 * instead of 0.86 on bench/large-report.ts). Counted here, not timed: the records of a generated
 * large report hold no finding object the facts do not already hold.
 */
import { describe, expect, it } from 'vitest';
import { SEVERITIES, type Finding, type ScanReport } from '../../src/core/index.js';
import { decide, initialFacts, type RunFacts } from '../../src/gate/index.js';
import { DEFAULT_POLICY, evaluate } from '../../src/policy/index.js';
import { renderReports, REPORT_FORMATS } from '../../src/report/index.js';

const N = 20_000;
const DIGEST = `sha256:${'4'.repeat(64)}`;
const AT = new Date('2026-12-01T12:00:00Z');

function largeScan(n: number): ScanReport {
  const findings: Finding[] = [];
  for (let i = 0; i < n; i++) {
    findings.push({
      id: `CVE-20${10 + (i % 15)}-${100000 + i}`,
      package: `pkg${i % 4000}`,
      version: `1.${i % 97}`,
      severity: SEVERITIES[i % SEVERITIES.length]!,
      links: [],
      cweIds: [],
      ...(i % 2 === 1 ? { fixVersion: `1.${(i % 97) + 1}` } : {}),
    });
  }
  return {
    digest: DIGEST,
    status: 'Success',
    scanner: { name: 'Trivy', vendor: 'Aqua Security', version: '0.50.0' },
    findings,
    counts: { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 },
    fixable: 0,
  };
}

/** Every distinct object reachable from `roots` that is a finding (raw or evaluated). */
function findingObjects(...roots: unknown[]): Set<object> {
  const seen = new Set<object>();
  const found = new Set<object>();
  const stack: unknown[] = [...roots];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || seen.has(v) || v instanceof Date) continue;
    seen.add(v);
    if ('id' in v && 'package' in v && 'version' in v && 'severity' in v) found.add(v);
    for (const child of Object.values(v)) stack.push(child);
  }
  return found;
}

describe('the run record holds no second copy of a large scan', () => {
  it(`${N} findings decided four times: every finding object in the records is one the facts hold`, () => {
    const report = largeScan(N);
    const evaluation = evaluate({ report }, DEFAULT_POLICY, AT);
    const facts: RunFacts = {
      ...initialFacts(
        { image: 'harbor.example.com/team/app:1', policy: DEFAULT_POLICY, reportOnly: false },
        AT,
      ),
      digest: DIGEST,
      scan: report,
      evaluation,
    };
    const inFacts = findingObjects(report, evaluation);
    // The raw findings and the deduplicated ones the policy made of them, nothing more.
    expect(inFacts.size).toBe(N + evaluation.findings.length);
    const records = [decide(facts), decide(facts), decide(facts), decide(facts)];
    for (const record of records) {
      expect(record.report).toBe(report);
      expect(record.findings).toBe(evaluation.findings);
      expect(Object.isFrozen(record.report?.findings[N - 1])).toBe(true);
    }
    const inRecords = findingObjects(...records);
    expect(inRecords.size).toBe(inFacts.size);
    for (const f of inRecords) expect(inFacts.has(f)).toBe(true);
    // The counts are still the policy's, exactly.
    const counts = records[3]!.counts;
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(evaluation.findings.length);
    // Rendering every format leaves the record as it was: the same finding objects, still frozen.
    renderReports(records[0]!, REPORT_FORMATS);
    expect(findingObjects(records[0]).size).toBe(inFacts.size);
  });
});
