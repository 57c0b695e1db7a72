import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding, ScanReport } from '../../src/core/index.js';
import {
  DEFAULT_POLICY,
  evaluate,
  mergePolicy,
  parsePolicyFile,
  type Policy,
} from '../../src/policy/index.js';
import { parseVexDocument, type VexImage } from '../../src/vex/index.js';

const NOW = new Date('2026-09-15T12:00:00Z');
const DIGEST = `sha256:${'ab'.repeat(32)}`;
const IMAGE: VexImage = { digest: DIGEST, repository: 'registry.example.com/proj/app' };
const FIX = path.join(import.meta.dirname, '../fixtures/vex');

function finding(id: string, pkg: string, version: string, severity: Finding['severity']): Finding {
  return { id, package: pkg, version, severity, links: [], cweIds: [] };
}

function report(findings: Finding[]): ScanReport {
  const counts = { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 };
  for (const f of findings) counts[f.severity]++;
  return { digest: DIGEST, status: 'Success', findings, counts, fixable: 0 };
}

function policy(p: Partial<Policy> = {}): Policy {
  return { ...DEFAULT_POLICY, maxCounts: {}, allowlist: [], ...p };
}

const openvex = parseVexDocument(fs.readFileSync(path.join(FIX, 'app.openvex.json')), 'app.openvex.json');
const cdx = parseVexDocument(fs.readFileSync(path.join(FIX, 'app.cdx.json')), 'app.cdx.json');
const statements = [...openvex.statements, ...cdx.statements];

const findings = [
  finding('CVE-2024-0001', 'openssl', '3.0.1', 'critical'), // OpenVEX not_affected (subcomponent)
  finding('CVE-2024-0002', 'curl', '8.0.0', 'high'), // OpenVEX under_investigation
  finding('CVE-2024-0003', 'zlib1g', '1.2.13', 'high'), // OpenVEX affected
  finding('GHSA-dddd-eeee-ffff', 'zlib1g', '1.2.13', 'critical'), // CycloneDX not_affected, by alias
  finding('CVE-2024-0005', 'bash', '5.2', 'high'), // CycloneDX resolved, whole product
  finding('CVE-2024-0006', 'zlib1g', '1.2.13', 'low'), // CycloneDX in_triage
  finding('CVE-2024-0009', 'tar', '1.34', 'high'), // no statement
];

describe('evaluate with VEX', () => {
  it('waives not_affected and fixed with source vex, justification and impact; shows the rest', () => {
    const v = evaluate({ report: report(findings), vex: { statements, image: IMAGE } }, policy(), NOW);
    const vex = v.waivers.filter((w) => w.source === 'vex');
    expect(vex.map((w) => w.finding.id)).toEqual(['CVE-2024-0001', 'GHSA-dddd-eeee-ffff', 'CVE-2024-0005']);
    expect(vex[0]).toMatchObject({
      source: 'vex',
      reason:
        'VEX not_affected (vulnerable_code_not_in_execute_path): The TLS code is never called: the service only listens on a Unix socket. [app.openvex.json]',
      vex: {
        status: 'not_affected',
        vulnerability: 'CVE-2024-0001',
        document: 'app.openvex.json',
        format: 'openvex',
        documentId: 'https://example.com/vex/app-2026-001',
        justification: 'vulnerable_code_not_in_execute_path',
        impactStatement: expect.stringContaining('Unix socket'),
        timestamp: '2026-08-01T10:00:00.000Z',
        line: 8,
      },
    });
    expect(vex[1]!.vex).toMatchObject({
      status: 'not_affected',
      vulnerability: 'CVE-2024-0004',
      format: 'cyclonedx',
      justification: 'vulnerable_code_not_in_execute_path',
      sourceJustification: 'code_not_reachable',
    });
    expect(vex[2]!.vex).toMatchObject({
      status: 'fixed',
      sourceState: 'resolved',
      statusNotes: 'patched in our build',
    });

    expect(v.vexNotes.map((n) => [n.finding.id, n.vex.status])).toEqual([
      ['CVE-2024-0002', 'under_investigation'],
      ['CVE-2024-0003', 'affected'],
      ['CVE-2024-0006', 'under_investigation'],
    ]);
    expect(v.vexNotes.find((n) => n.finding.id === 'CVE-2024-0003')!.vex.actionStatement).toBe(
      'Upgrade zlib to 1.3.1',
    );
    // affected / under_investigation do not waive: those findings still violate.
    expect(v.violations.map((x) => x.finding?.id)).toEqual([
      'CVE-2024-0002',
      'CVE-2024-0003',
      'CVE-2024-0009',
    ]);
    expect(v.verdict).toBe('fail');
    expect(v.countsAfterWaivers).toEqual({ critical: 0, high: 3, medium: 0, low: 1, unknown: 0 });
  });

  it('does not waive for another image', () => {
    const v = evaluate(
      { report: report(findings), vex: { statements, image: { digest: `sha256:${'cd'.repeat(32)}` } } },
      policy(),
      NOW,
    );
    expect(v.waivers).toEqual([]);
    expect(v.vexNotes).toEqual([]);
  });

  it('keeps allowlist waivers apart: VEX wins a finding both waive, and the entry is not stale', () => {
    const entry = { id: 'CVE-2024-0001', reason: 'accepted', source: 'policy.yaml' };
    const other = { id: 'CVE-2024-0009', reason: 'accepted too', source: 'policy.yaml' };
    const v = evaluate(
      { report: report(findings), vex: { statements, image: IMAGE } },
      policy({ allowlist: [entry, other] }),
      NOW,
    );
    expect(v.waivers.find((w) => w.finding.id === 'CVE-2024-0001')!.source).toBe('vex');
    expect(v.waivers.find((w) => w.finding.id === 'CVE-2024-0009')).toMatchObject({
      source: 'allowlist',
      reason: 'accepted too',
    });
    expect(v.staleEntries).toEqual([]);
  });

  it('neutralises statement text from outside before it reaches the verdict', () => {
    const hostile = parseVexDocument(
      JSON.stringify({
        '@context': 'https://openvex.dev/ns/v0.2.0',
        '@id': 'https://example.com/x',
        author: 'x\u001b[2J',
        timestamp: '2026-08-01T10:00:00Z',
        version: 1,
        statements: [
          {
            vulnerability: { name: 'CVE-2024-0009' },
            products: [{ '@id': DIGEST }],
            status: 'not_affected',
            impact_statement: 'fine\n::error::owned\u001b]8;;https://evil\u0007link',
          },
        ],
      }),
      'hostile.json',
    );
    const v = evaluate(
      { report: report(findings), vex: { statements: hostile.statements, image: IMAGE } },
      policy(),
      NOW,
    );
    const w = v.waivers.find((x) => x.finding.id === 'CVE-2024-0009')!;
    expect(w.vex).toMatchObject({ impactStatement: 'fine :%3Aerror:%3Aownedlink', author: 'x' });
    expect(w.reason).toBe('VEX not_affected: fine :%3Aerror:%3Aownedlink [hostile.json]');
  });

  it('without VEX input, behaves as before (no vex waivers, no notes)', () => {
    const v = evaluate({ report: report(findings) }, policy(), NOW);
    expect(v.waivers).toEqual([]);
    expect(v.vexNotes).toEqual([]);
  });
});

describe('the policy file vex key', () => {
  it('reads vex: [FILE…] and merges --vex files after it', () => {
    const p = parsePolicyFile(
      'fail-on: high\nvex: [vex/app.openvex.json, vex/vendor.cdx.json]\n',
      'harbor-gate.yaml',
    );
    expect(p.vex).toEqual(['vex/app.openvex.json', 'vex/vendor.cdx.json']);
    expect(mergePolicy(p, { vex: ['extra.json', 'vex/app.openvex.json'] }).vex).toEqual([
      'vex/app.openvex.json',
      'vex/vendor.cdx.json',
      'extra.json',
    ]);
    expect(mergePolicy(parsePolicyFile('fail-on: high\n', 'p.yaml'), {}).vex).toBeUndefined();
  });

  it('rejects a vex key that is not a list of paths', () => {
    expect(() => parsePolicyFile('vex: app.json\n', 'p.yaml')).toThrow(
      /"vex" is "app.json"; it must be a list/,
    );
    expect(() => parsePolicyFile('vex: [""]\n', 'p.yaml')).toThrow(/"vex\[0\]" is empty/);
  });
});
