/**
 * Issue 20 item 8: reports stay bounded on a huge scan. A generated report of 30 000 findings
 * (six times the per-list limit) is evaluated and rendered in every format: each report details at
 * most REPORT_LIMITS entries per list and says how many it cut, by severity, while the counts, the
 * fixable number and the verdict still cover every finding. Before, every format listed every
 * finding (a 650 000-finding scan wrote a 503 MB GitLab report and ran out of memory); the bench
 * (bench/large-report.ts) measures the full case.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/policy/index.js';
import {
  REPORT_LIMITS,
  buildGitlabReport,
  buildJsonReport,
  buildSarif,
  renderGitlabReport,
  renderHtml,
  renderJsonReport,
  renderJunit,
  renderMarkdown,
} from '../../src/report/index.js';
import { manyFindings, reportInput } from '../fixtures/reports/load.js';

const N = 30_000;
const LIMIT = REPORT_LIMITS.detailedFindings;

describe('report limits on a 30 000-finding scan', () => {
  const report = manyFindings(N);
  const input = reportInput(report, { ...DEFAULT_POLICY, failOn: 'high', maxCounts: {}, allowlist: [] });
  const v = input;

  it('the verdict and the counts cover every finding', () => {
    expect(v.verdict).toBe('fail');
    expect(Object.values(v.counts).reduce((a, b) => a + b, 0)).toBe(N);
    expect(v.counts).toEqual(report.counts);
    expect(v.findings).toHaveLength(N);
  });

  it('GitLab: at most the limit of vulnerabilities, an info message counting the cut by severity', () => {
    const doc = buildGitlabReport(input) as {
      vulnerabilities: { severity: string }[];
      scan: { messages?: { level: string; value: string }[] };
    };
    expect(doc.vulnerabilities).toHaveLength(LIMIT);
    // Most severe first: every critical is detailed before any low.
    expect(doc.vulnerabilities[0]!.severity).toBe('Critical');
    const note = doc.scan.messages?.find((m) => m.value.includes('more cut'));
    expect(note?.level).toBe('info');
    const cut = N - LIMIT;
    expect(note?.value).toContain(`${LIMIT} of ${N} findings detailed; ${cut} more cut`);
    // The cut by severity adds up to the cut.
    const bySev = [...(note?.value.matchAll(/(critical|high|medium|low|unknown) (\d+)/g) ?? [])];
    expect(bySev.reduce((a, m) => a + Number(m[2]), 0)).toBe(cut);
    // Bounded in size: 30 000 findings take 6 times that before the cut.
    expect(renderGitlabReport(input).length).toBeLessThan(LIMIT * 1500);
  });

  it('JSON: lists cut to the limit, `detail` counts what was cut, counts and fixable exact', () => {
    const j = buildJsonReport(input) as {
      findings: unknown[];
      violations: unknown[];
      fixable: number;
      counts: Record<string, number>;
      detail: Record<
        string,
        { shown: number; total: number; cut: number; cutBySeverity: Record<string, number> }
      >;
    };
    expect(j.findings).toHaveLength(LIMIT);
    expect(j.detail.findings).toMatchObject({ shown: LIMIT, total: N, cut: N - LIMIT });
    expect(Object.values(j.detail.findings!.cutBySeverity).reduce((a, b) => a + b, 0)).toBe(N - LIMIT);
    expect(j.violations.length).toBeLessThanOrEqual(LIMIT);
    expect(j.detail.violations!.total).toBe(v.violations.length);
    expect(j.detail.violations!.shown + j.detail.violations!.cut).toBe(v.violations.length);
    expect(j.fixable).toBe(report.fixable);
    expect(j.counts).toEqual(report.counts);
    expect(renderJsonReport(input).length).toBeLessThan(LIMIT * 2 * 1500);
  });

  it('JUnit: at most the limit of failing cases plus one that counts the rest; the total as a property', () => {
    const xml = renderJunit(input);
    const failures = xml.match(/<failure /g) ?? [];
    expect(v.violations.length).toBeGreaterThan(LIMIT);
    expect(failures).toHaveLength(LIMIT + 1);
    expect(xml).toContain(`${v.violations.length - LIMIT} more violations`);
    expect(xml).toContain(`<property name="violations" value="${v.violations.length}"/>`);
  });

  it('SARIF, HTML and Markdown keep their limits from the same table', () => {
    const sarif = buildSarif(input) as { runs: { results: unknown[] }[] };
    expect(sarif.runs[0]!.results).toHaveLength(LIMIT);
    expect(renderHtml(input)).toContain(
      `${N - Math.min(N, REPORT_LIMITS.tableRows)} more findings not shown`,
    );
    expect(Buffer.byteLength(renderMarkdown(input))).toBeLessThanOrEqual(1_000_000);
  });
});
