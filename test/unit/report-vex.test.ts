/**
 * VEX in every report: a VEX waiver is told apart from an allowlist waiver and carries its
 * statement (SARIF: an external suppression whose justification is the statement), and findings
 * with an affected statement are shown, not waived.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/policy/index.js';
import {
  buildJsonReport,
  buildSarif,
  renderConsole,
  renderHtml,
  renderMarkdown,
} from '../../src/report/index.js';
import { parseVexDocument } from '../../src/vex/index.js';
import { sarifValidator } from '../helpers/schemas.js';
import { GENERATED_AT, loadPolicy, loadReport, reportInput } from '../fixtures/reports/load.js';

const report = loadReport('debian-bookworm.json');
const digest = report.digest;

const vex = parseVexDocument(
  JSON.stringify(
    {
      '@context': 'https://openvex.dev/ns/v0.2.0',
      '@id': 'https://example.com/vex/checkout-1',
      author: 'Shop Security',
      timestamp: '2024-06-01T10:00:00Z',
      version: 1,
      statements: [
        {
          vulnerability: { name: 'CVE-2024-5535' },
          products: [
            {
              '@id': `pkg:oci/checkout@${encodeURIComponent(digest)}`,
              subcomponents: [{ '@id': 'pkg:deb/debian/openssl' }],
            },
          ],
          status: 'not_affected',
          justification: 'vulnerable_code_not_in_execute_path',
          impact_statement: 'NPN/ALPN selection is never called by the service.',
        },
        {
          vulnerability: { name: 'CVE-2023-6129' },
          products: [{ '@id': digest }],
          status: 'under_investigation',
          status_notes: 'Triage ticket SEC-77.',
        },
      ],
    },
    null,
    2,
  ),
  'vex/checkout.openvex.json',
);

function input() {
  const policy = loadPolicy();
  const evaluation = evaluate(
    {
      report,
      signed: false,
      sbomAttached: true,
      vex: { statements: vex.statements, image: { digest } },
    },
    policy,
    GENERATED_AT,
  );
  return reportInput(report, policy, {
    facts: {
      evaluation,
      vex: {
        documents: [],
        attestations: [],
        ignored: [{ digest: `sha256:${'c'.repeat(64)}`, reason: 'signed by key:other, not the trusted key' }],
      },
    },
  });
}

const REASON =
  'VEX not_affected (vulnerable_code_not_in_execute_path): NPN/ALPN selection is never called by the service. [vex/checkout.openvex.json]';

describe('VEX in the reports', () => {
  it('SARIF: a VEX-waived finding is an accepted external suppression with the statement as justification', () => {
    const doc = buildSarif(input());
    expect(sarifValidator()(doc)).toEqual([]);
    const results = (doc.runs as { results: { ruleId: string; suppressions?: unknown[] }[] }[])[0]!.results;
    expect(results.find((r) => r.ruleId === 'CVE-2024-5535')!.suppressions).toEqual([
      {
        kind: 'external',
        status: 'accepted',
        justification: REASON,
        properties: {
          source: 'vex',
          vexStatus: 'not_affected',
          vexJustification: 'vulnerable_code_not_in_execute_path',
          vexDocument: 'vex/checkout.openvex.json',
        },
      },
    ]);
    // under_investigation does not waive: no suppression.
    expect(results.find((r) => r.ruleId === 'CVE-2023-6129')!.suppressions).toBeUndefined();
  });

  it('JSON report: waivers carry their source and the VEX statement; notes and ignored attestations are listed', () => {
    const j = buildJsonReport(input()) as {
      waivers: { id: string; source: string; vex: Record<string, unknown> | null }[];
      vexNotes: { id: string; vex: Record<string, unknown> }[];
      vexIgnored: unknown[];
    };
    const byId = new Map(j.waivers.map((w) => [w.id, w]));
    expect(byId.get('CVE-2024-5535')).toMatchObject({
      source: 'vex',
      vex: {
        status: 'not_affected',
        justification: 'vulnerable_code_not_in_execute_path',
        impactStatement: 'NPN/ALPN selection is never called by the service.',
        document: 'vex/checkout.openvex.json',
        format: 'openvex',
      },
    });
    // The fixture's allowlist waiver stays an allowlist waiver, without VEX fields.
    expect(j.waivers.filter((w) => w.source === 'allowlist').every((w) => w.vex === null)).toBe(true);
    expect(j.waivers.some((w) => w.source === 'allowlist')).toBe(true);
    expect(j.vexNotes).toEqual([
      expect.objectContaining({
        id: 'CVE-2023-6129',
        vex: expect.objectContaining({ status: 'under_investigation', statusNotes: 'Triage ticket SEC-77.' }),
      }),
    ]);
    expect(j.vexIgnored).toHaveLength(1);
  });

  it('Markdown, HTML and console: VEX is named as what waived, and the non-waiving statements are shown', () => {
    const i = input();
    const md = renderMarkdown(i);
    expect(md).toContain('| VEX | VEX not\\_affected (vulnerable\\_code\\_not\\_in\\_execute\\_path)');
    expect(md).toContain('### VEX statements that do not waive (1)');
    expect(md).toContain('Triage ticket SEC-77.');
    expect(md).toContain('### VEX attestations ignored (1)');
    expect(md).toContain('waived (VEX)');
    const html = renderHtml(i);
    expect(html).toContain('<td>VEX</td>');
    expect(html).toContain('NPN/ALPN selection is never called by the service.');
    expect(html).toContain('<table id="vex-notes">');
    const text = renderConsole(i);
    expect(text).toMatch(/finding\(s\) waived \(1 by VEX\)/);
    expect(text).toContain('CVE-2023-6129 in');
    expect(text).toContain('under_investigation [vex/checkout.openvex.json]');
  });
});
