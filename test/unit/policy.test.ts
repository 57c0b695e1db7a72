import { describe, expect, it } from 'vitest';
import type { Finding, ScanReport } from '../../src/core/index.js';
import { isGateError } from '../../src/errors.js';
import {
  compareVersions,
  DEFAULT_POLICY,
  effectiveFix,
  evaluate,
  mergePolicy,
  parseAllowlistFile,
  parsePolicyFile,
  parseRange,
  satisfies,
  type Policy,
} from '../../src/policy/index.js';
import { loadReport } from '../fixtures/reports/load.js';

const NOW = new Date('2024-06-15T12:00:00Z');

function finding(
  id: string,
  pkg: string,
  version: string,
  severity: Finding['severity'],
  extra: Partial<Finding> = {},
): Finding {
  return { id, package: pkg, version, severity, links: [], cweIds: [], ...extra };
}

function report(findings: Finding[], status = 'Success'): ScanReport {
  const counts = { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 };
  for (const f of findings) counts[f.severity]++;
  return {
    digest: 'sha256:abc',
    status,
    findings,
    counts,
    fixable: findings.filter((f) => f.fixVersion).length,
  };
}

function policy(p: Partial<Policy> = {}): Policy {
  return { ...DEFAULT_POLICY, maxCounts: {}, allowlist: [], ...p };
}

function gateErrorOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (isGateError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a GateError');
}

describe('compareVersions', () => {
  it.each([
    ['1.2.3', '1.2.4', -1],
    ['1.10.0', '1.9.9', 1],
    ['3.0.7', '3.0.7', 0],
    ['1.0.0-rc.1', '1.0.0', -1],
    ['1.0.0-alpha', '1.0.0-beta', -1],
    ['1.0.0-alpha.2', '1.0.0-alpha.10', -1],
    ['3.0.11-1~deb12u2', '3.0.13-1~deb12u1', -1],
    ['1:1.2.13.dfsg-1', '1.3', 1],
    ['2.36-9+deb12u3', '2.36-9+deb12u10', -1],
    ['1.0~rc1', '1.0', -1],
    ['1.1.1t', '1.1.1s', 1],
    ['0.9.8', '0.10', -1],
  ])('%s vs %s -> %i', (a, b, want) => {
    expect(Math.sign(compareVersions(a, b))).toBe(want);
    expect(Math.sign(compareVersions(b, a)) + 0).toBe(0 - want);
  });
});

describe('version ranges', () => {
  it.each([
    ['<3.0.7', '3.0.6', true],
    ['<3.0.7', '3.0.7', false],
    ['>=1.2 <1.3', '1.2.9', true],
    ['>=1.2 <1.3', '1.3.0', false],
    ['>= 1.2, < 1.3', '1.2.0', true],
    ['1.2.3', '1.2.3', true],
    ['=1.2.3', '1.2.4', false],
    ['<1.0 || >=2.0', '2.1', true],
    ['<1.0 || >=2.0', '1.5', false],
    ['<2.36-9+deb12u4', '2.36-9+deb12u1', true],
  ])('%s matches %s: %s', (range, version, want) => {
    expect(satisfies(version, parseRange(range))).toBe(want);
  });

  it.each(['', '<', '>=1.2 <', '~>1.0'])('rejects %j', (range) => {
    expect(() => parseRange(range)).toThrow();
  });
});

describe('effectiveFix', () => {
  it('takes the lowest listed fix above the installed version', () => {
    expect(effectiveFix('4.19.1', '4.19.2, 5.0.0-beta.3')).toBe('4.19.2');
    expect(effectiveFix('5.0.0-beta.1', '4.19.2, 5.0.0-beta.3')).toBe('5.0.0-beta.3');
    expect(effectiveFix('1.0', undefined)).toBeUndefined();
  });
});

describe('evaluate: rules', () => {
  const cases: {
    name: string;
    findings: Finding[];
    policy: Partial<Policy>;
    verdict: 'pass' | 'fail';
    rules: string[];
  }[] = [
    { name: 'no findings pass', findings: [], policy: {}, verdict: 'pass', rules: [] },
    {
      name: 'high fails at fail-on high',
      findings: [finding('CVE-2024-1', 'a', '1', 'high')],
      policy: {},
      verdict: 'fail',
      rules: ['severity'],
    },
    {
      name: 'medium passes at fail-on high',
      findings: [finding('CVE-2024-1', 'a', '1', 'medium')],
      policy: {},
      verdict: 'pass',
      rules: [],
    },
    {
      name: 'critical fails at fail-on critical, high does not',
      findings: [finding('CVE-2024-1', 'a', '1', 'critical'), finding('CVE-2024-2', 'a', '1', 'high')],
      policy: { failOn: 'critical' },
      verdict: 'fail',
      rules: ['severity'],
    },
    {
      name: 'fail-on none never fails on severity',
      findings: [finding('CVE-2024-1', 'a', '1', 'critical')],
      policy: { failOn: 'none' },
      verdict: 'pass',
      rules: [],
    },
    {
      name: 'fail-on low does not fail on unknown; fail-on unknown does',
      findings: [finding('TEMP-1-A', 'a', '1', 'unknown')],
      policy: { failOn: 'unknown' },
      verdict: 'fail',
      rules: ['severity'],
    },
    {
      name: 'cvss-threshold is inclusive',
      findings: [finding('CVE-2024-1', 'a', '1', 'low', { cvss: { score: 7, version: '3' } })],
      policy: { cvssThreshold: 7 },
      verdict: 'fail',
      rules: ['cvss'],
    },
    {
      name: 'cvss below threshold passes',
      findings: [finding('CVE-2024-1', 'a', '1', 'low', { cvss: { score: 6.9, version: '3' } })],
      policy: { cvssThreshold: 7 },
      verdict: 'pass',
      rules: [],
    },
    {
      name: 'both severity and cvss violations are listed',
      findings: [finding('CVE-2024-1', 'a', '1', 'critical', { cvss: { score: 9.8, version: '3' } })],
      policy: { cvssThreshold: 9 },
      verdict: 'fail',
      rules: ['severity', 'cvss'],
    },
    {
      name: 'ignore-unfixed skips findings without a fix',
      findings: [
        finding('CVE-2024-1', 'a', '1', 'critical'),
        finding('CVE-2024-2', 'b', '1', 'high', { fixVersion: '2' }),
      ],
      policy: { ignoreUnfixed: true },
      verdict: 'fail',
      rules: ['severity'],
    },
    {
      name: 'max-counts: exceeding is one violation',
      findings: [1, 2, 3].map((i) => finding(`CVE-2024-${i}`, 'a', '1', 'medium')),
      policy: { maxCounts: { medium: 2 } },
      verdict: 'fail',
      rules: ['max-counts'],
    },
    {
      name: 'max-counts: reaching the count passes',
      findings: [1, 2].map((i) => finding(`CVE-2024-${i}`, 'a', '1', 'medium')),
      policy: { maxCounts: { medium: 2 } },
      verdict: 'pass',
      rules: [],
    },
  ];
  it.each(cases)('$name', (c) => {
    const v = evaluate({ report: report(c.findings) }, policy(c.policy), NOW);
    expect(v.verdict).toBe(c.verdict);
    expect(v.violations.map((x) => x.rule)).toEqual(c.rules);
    for (const x of v.violations) expect(x.reason.length).toBeGreaterThan(10);
  });

  it('max-counts names the count and the limit', () => {
    const v = evaluate(
      { report: report([1, 2, 3].map((i) => finding(`CVE-2024-${i}`, 'a', '1', 'low'))) },
      policy({ maxCounts: { low: 0 } }),
      NOW,
    );
    expect(v.violations[0]).toMatchObject({ rule: 'max-counts', severity: 'low', count: 3, limit: 0 });
    expect(v.violations[0]!.reason).toContain('3 low findings');
  });

  it('lists every violation, not only the first', () => {
    const v = evaluate(
      { report: report([1, 2, 3, 4].map((i) => finding(`CVE-2024-${i}`, 'a', '1', 'high'))) },
      policy(),
      NOW,
    );
    expect(v.violations).toHaveLength(4);
  });
});

describe('evaluate: scan errors, signature, sbom', () => {
  it.each([
    {
      name: 'error + fail: violation',
      input: { scanError: { code: 'HARBOR_SCAN_FAILED', message: 'boom' } },
      on: 'fail',
      verdict: 'fail',
    },
    {
      name: 'error + warn: warning and pass',
      input: { scanError: { code: 'HARBOR_SCAN_FAILED', message: 'boom' } },
      on: 'warn',
      verdict: 'pass',
    },
    { name: 'status Error + fail', input: { report: report([], 'Error') }, on: 'fail', verdict: 'fail' },
    { name: 'status Stopped + warn', input: { report: report([], 'Stopped') }, on: 'warn', verdict: 'pass' },
  ] as const)('$name', ({ input, on, verdict }) => {
    const v = evaluate(input, policy({ onScanError: on }), NOW);
    expect(v.verdict).toBe(verdict);
    if (on === 'fail') expect(v.violations.map((x) => x.rule)).toEqual(['scan-error']);
    else expect(v.warnings.join('\n')).toMatch(/scan failed/);
  });

  it('no report and no error: pass with a warning (scan skipped)', () => {
    const v = evaluate({}, policy(), NOW);
    expect(v.verdict).toBe('pass');
    expect(v.warnings[0]).toMatch(/no scan report/);
  });

  it.each([
    { signed: undefined, sbomAttached: undefined, rules: ['signature', 'sbom'] },
    { signed: false, sbomAttached: true, rules: ['signature'] },
    { signed: true, sbomAttached: false, rules: ['sbom'] },
    { signed: true, sbomAttached: true, rules: [] },
  ])(
    'require-signature/require-sbom with signed=$signed sbom=$sbomAttached',
    ({ signed, sbomAttached, rules }) => {
      const input: { report: ScanReport; signed?: boolean; sbomAttached?: boolean } = { report: report([]) };
      if (signed !== undefined) input.signed = signed;
      if (sbomAttached !== undefined) input.sbomAttached = sbomAttached;
      const v = evaluate(input, policy({ requireSignature: true, requireSbom: true }), NOW);
      expect(v.violations.map((x) => x.rule)).toEqual(rules);
    },
  );
});

describe('evaluate: allowlist', () => {
  const f1 = finding('CVE-2023-0286', 'openssl', '3.0.1', 'high', { fixVersion: '3.0.8' });
  const f2 = finding('CVE-2023-0286', 'libssl3', '3.0.1', 'high', { fixVersion: '3.0.8' });

  it('an entry waives by id, with its reason', () => {
    const v = evaluate(
      { report: report([f1]) },
      policy({ allowlist: [{ id: 'CVE-2023-0286', reason: 'not reachable' }] }),
      NOW,
    );
    expect(v.verdict).toBe('pass');
    expect(v.waivers).toHaveLength(1);
    expect(v.waivers[0]).toMatchObject({ source: 'allowlist', reason: 'not reachable' });
    expect(v.countsAfterWaivers.high).toBe(0);
    expect(v.counts.high).toBe(1);
  });

  it('package limits the entry', () => {
    const v = evaluate(
      { report: report([f1, f2]) },
      policy({ allowlist: [{ id: 'CVE-2023-0286', reason: 'r', package: 'openssl' }] }),
      NOW,
    );
    expect(v.waivers.map((w) => w.finding.package)).toEqual(['openssl']);
    expect(v.violations.map((x) => x.finding?.package)).toEqual(['libssl3']);
  });

  it('a version range limits the entry', () => {
    const entry = { id: 'CVE-2023-0286', reason: 'r', package: 'openssl', version: '>=3.0.2 <3.0.8' };
    const v = evaluate({ report: report([f1]) }, policy({ allowlist: [entry] }), NOW);
    expect(v.waivers).toHaveLength(0);
    expect(v.staleEntries).toEqual([entry]);
  });

  it.each([
    ['2024-06-14T23:59:59.999Z', 'active'],
    ['2024-06-15T00:00:00.000Z', 'expired'],
    ['2024-06-14T00:00:00.000Z', 'active'],
  ])('expires 2024-06-14 at %s: %s (the entry lasts to the end of that day, UTC)', (now, want) => {
    const v = evaluate(
      { report: report([f1]) },
      policy({ allowlist: [{ id: 'CVE-2023-0286', reason: 'r', expires: '2024-06-14' }] }),
      new Date(now),
    );
    if (want === 'active') {
      expect(v.waivers).toHaveLength(1);
      expect(v.expiredEntries).toHaveLength(0);
      expect(v.verdict).toBe('pass');
    } else {
      expect(v.waivers).toHaveLength(0);
      expect(v.expiredEntries).toEqual([
        { entry: expect.objectContaining({ id: 'CVE-2023-0286' }), matched: 1 },
      ]);
      expect(v.verdict).toBe('fail');
      expect(v.violations[0]!.reason).toContain('expired on 2024-06-14');
    }
  });

  it('warns about entries that expire soon', () => {
    const v = evaluate(
      { report: report([f1]) },
      policy({ allowlist: [{ id: 'CVE-2023-0286', reason: 'r', expires: '2024-06-20' }] }),
      NOW,
    );
    expect(v.warnings.join('\n')).toMatch(/expires on 2024-06-20 \(in 6 days\)/);
  });

  it('reports entries that match nothing as stale', () => {
    const v = evaluate(
      { report: report([f1]) },
      policy({ allowlist: [{ id: 'CVE-1999-0001', reason: 'old' }] }),
      NOW,
    );
    expect(v.staleEntries.map((e) => e.id)).toEqual(['CVE-1999-0001']);
  });

  it('Harbor allowlists waive only with use-harbor-allowlist and only until they expire', () => {
    const harborAllowlists = [
      {
        scope: 'project' as const,
        ids: ['CVE-2023-0286'],
        expiresAt: Date.parse('2024-07-01T00:00:00Z') / 1000,
      },
    ];
    expect(evaluate({ report: report([f1]), harborAllowlists }, policy(), NOW).verdict).toBe('fail');
    const on = evaluate(
      { report: report([f1]), harborAllowlists },
      policy({ useHarborAllowlist: true }),
      NOW,
    );
    expect(on.verdict).toBe('pass');
    expect(on.waivers[0]).toMatchObject({ source: 'harbor-project' });
    const later = evaluate(
      { report: report([f1]), harborAllowlists },
      policy({ useHarborAllowlist: true }),
      new Date('2024-07-01T00:00:00Z'),
    );
    expect(later.verdict).toBe('fail');
    expect(later.warnings.join('\n')).toMatch(/Harbor project CVE allowlist expired/);
  });

  it('a waived finding does not count towards max-counts', () => {
    const fs = [1, 2].map((i) => finding(`CVE-2024-${i}`, 'a', '1', 'low'));
    const v = evaluate(
      { report: report(fs) },
      policy({ maxCounts: { low: 1 }, allowlist: [{ id: 'CVE-2024-1', reason: 'r' }] }),
      NOW,
    );
    expect(v.verdict).toBe('pass');
  });
});

describe('evaluate: the stages together', () => {
  it('every rule at once: violations, waivers and warnings in the order of the stages', () => {
    const findings = [
      finding('CVE-1', 'a', '1', 'critical', { fixVersion: '2', cvss: { version: '3', score: 9.8 } }),
      finding('CVE-2', 'b', '1', 'high'),
      finding('CVE-3', 'c', '1', 'high', { fixVersion: '2' }),
      finding('CVE-4', 'd', '1', 'critical', { fixVersion: '2' }),
      finding('CVE-5', 'e', '1', 'low', { fixVersion: '2' }),
    ];
    const v = evaluate(
      {
        report: report(findings, 'Error'),
        harborAllowlists: [
          { scope: 'system', ids: ['CVE-5'], expiresAt: null },
          { scope: 'project', ids: ['CVE-9'], expiresAt: Date.parse('2024-01-01T00:00:00Z') / 1000 },
        ],
        signed: false,
        sbomAttached: false,
      },
      policy({
        failOn: 'critical',
        cvssThreshold: 9,
        ignoreUnfixed: true,
        maxCounts: { high: 0 },
        requireSignature: true,
        requireSbom: true,
        useHarborAllowlist: true,
        allowlist: [
          { id: 'CVE-3', reason: 'accepted', expires: '2024-06-20' },
          { id: 'CVE-4', reason: 'was accepted', expires: '2024-06-01' },
          { id: 'CVE-8', reason: 'nothing has it' },
        ],
      }),
      NOW,
    );
    expect(v.verdict).toBe('fail');
    expect(v.violations.map((x) => [x.rule, x.finding?.id])).toEqual([
      ['scan-error', undefined],
      ['severity', 'CVE-1'],
      ['cvss', 'CVE-1'],
      ['severity', 'CVE-4'],
      ['signature', undefined],
      ['sbom', undefined],
    ]);
    expect(v.violations[3]!.reason).toContain('allowlist entry for CVE-4 expired on 2024-06-01');
    expect(v.waivers.map((w) => [w.finding.id, w.source])).toEqual([
      ['CVE-3', 'allowlist'],
      ['CVE-5', 'harbor-system'],
    ]);
    expect(v.findings.map((f) => [f.id, f.status, f.rules])).toEqual([
      ['CVE-1', 'violation', ['severity', 'cvss']],
      ['CVE-4', 'violation', ['severity']],
      ['CVE-2', 'ignored-unfixed', []],
      ['CVE-3', 'waived', []],
      ['CVE-5', 'waived', []],
    ]);
    expect(v.counts).toEqual({ critical: 2, high: 2, medium: 0, low: 1, unknown: 0 });
    expect(v.countsAfterWaivers).toEqual({ critical: 2, high: 1, medium: 0, low: 0, unknown: 0 });
    expect(v.staleEntries.map((e) => e.id)).toEqual(['CVE-8']);
    expect(v.expiredEntries.map((e) => [e.entry.id, e.matched])).toEqual([['CVE-4', 1]]);
    expect(v.warnings).toEqual([
      expect.stringContaining('Harbor project CVE allowlist expired'),
      expect.stringContaining('allowlist entry CVE-3 expires on 2024-06-20 (in 6 days)'),
      expect.stringContaining('allowlist entry CVE-4 expired on 2024-06-01 and no longer waives 1 finding'),
    ]);
  });
});

describe('evaluate: multi-platform and fix plan', () => {
  it('deduplicates id+package+version across platforms and keeps the platforms', () => {
    const v = evaluate({ report: loadReport('multiarch.json') }, policy(), NOW);
    const looney = v.findings.filter((f) => f.id === 'CVE-2023-4911');
    expect(looney).toHaveLength(1);
    expect(looney[0]!.platforms).toEqual(['linux/amd64', 'linux/arm64']);
    const zlib = v.findings.find((f) => f.id === 'CVE-2023-45853');
    expect(zlib?.platforms).toEqual(['linux/arm64']);
    expect(v.counts).toEqual({ critical: 2, high: 2, medium: 2, low: 0, unknown: 0 });
  });

  it('groups by package, takes the lowest version fixing all, orders by violations cleared', () => {
    const v = evaluate({ report: loadReport('debian-bookworm.json') }, policy({ failOn: 'medium' }), NOW);
    expect(v.fixPlan.steps.map((s) => s.text)).toEqual([
      'upgrade openssl 3.0.11-1~deb12u2 -> 3.0.14-1~deb12u1: clears 4 of 8 violations',
      'upgrade libc6 2.36-9+deb12u1 -> 2.36-9+deb12u4: clears 2 of 8 violations',
    ]);
    expect(v.fixPlan.noFix.map((f) => f.id)).toEqual(['CVE-2023-45853', 'CVE-2023-31484']);
  });
});

describe('parsePolicyFile', () => {
  it('reads every key of the CLI contract (YAML)', () => {
    const p = parsePolicyFile(
      `fail-on: high
ignore-unfixed: true
cvss-threshold: 9.0
max-counts: { medium: 20, low: 100 }
use-harbor-allowlist: true
require-signature: true
require-sbom: true
on-scan-error: fail
allowlist:
  - id: CVE-2023-12345
    reason: not reachable from our entry points, see SEC-42
    expires: 2027-01-31
    package: openssl
`,
      'harbor-gate.yaml',
    );
    expect(p).toEqual({
      failOn: 'high',
      ignoreUnfixed: true,
      cvssThreshold: 9,
      maxCounts: { medium: 20, low: 100 },
      useHarborAllowlist: true,
      requireSignature: true,
      requireSbom: true,
      onScanError: 'fail',
      allowlist: [
        {
          id: 'CVE-2023-12345',
          reason: 'not reachable from our entry points, see SEC-42',
          expires: '2027-01-31',
          package: 'openssl',
          source: 'harbor-gate.yaml',
        },
      ],
    });
  });

  it('reads JSON and fills defaults', () => {
    const p = parsePolicyFile('{"fail-on": "critical"}', 'harbor-gate.json');
    expect(p.failOn).toBe('critical');
    expect(p.onScanError).toBe('fail');
    expect(parsePolicyFile('', 'empty.yaml')).toEqual({ ...DEFAULT_POLICY });
  });

  it.each([
    [
      'fail-on: hgih',
      'POLICY_INVALID',
      /"fail-on" is "hgih"; allowed values: critical, high, medium, low, unknown, none; did you mean "high"\?/,
    ],
    ['fail_on: high', 'POLICY_INVALID', /unknown key "fail_on"; did you mean "fail-on"\?/],
    ['ignoreUnfixed: true', 'POLICY_INVALID', /did you mean "ignore-unfixed"/],
    ['ignore-unfixed: yes', 'POLICY_INVALID', /"ignore-unfixed" is "yes"; it must be true or false/],
    ['cvss-threshold: 11', 'POLICY_INVALID', /"cvss-threshold" is 11; it must be between 0 and 10/],
    [
      'max-counts: { meduim: 1 }',
      'POLICY_INVALID',
      /unknown key "max-counts.meduim"; did you mean "medium"\?/,
    ],
    ['max-counts: { low: -1 }', 'POLICY_INVALID', /"max-counts.low" is -1/],
    ['on-scan-error: ignore', 'POLICY_INVALID', /allowed values: fail, warn/],
    [
      'allowlist: [{ id: CVE-2023-1 , reason: x }]',
      'POLICY_INVALID',
      /"allowlist\[0\].id" is "CVE-2023-1"; allowed: CVE-YYYY-NNNN/,
    ],
    ['allowlist: [{ id: cve-2023-12345, reason: x }]', 'POLICY_INVALID', /allowlist\[0\].id/],
    ['allowlist: [{ id: CVE-2023-12345 }]', 'POLICY_INVALID', /"allowlist\[0\]" has no "reason"/],
    [
      'allowlist: [{ id: CVE-2023-12345, reason: "  " }]',
      'POLICY_INVALID',
      /"allowlist\[0\].reason" is empty/,
    ],
    [
      'allowlist: [{ id: CVE-2023-12345, reason: r, expires: 2027-02-30 }]',
      'POLICY_INVALID',
      /must be a real date YYYY-MM-DD/,
    ],
    [
      'allowlist: [{ id: CVE-2023-12345, reason: r, expiry: 2027-01-01 }]',
      'POLICY_INVALID',
      /did you mean "expires"\?/,
    ],
    [
      'allowlist: [{ id: CVE-2023-12345, reason: r, version: "~>1.0" }]',
      'POLICY_INVALID',
      /"allowlist\[0\].version" is "~>1.0"/,
    ],
    ['fail-on: [high', 'POLICY_PARSE', /not valid YAML/],
    ['fail-on: high\nfail-on: low', 'POLICY_PARSE', /not valid YAML/],
    ['- a\n- b', 'POLICY_INVALID', /must be a mapping/],
  ])('%j -> %s', (text, code, message) => {
    const e = gateErrorOf(() => parsePolicyFile(text, 'harbor-gate.yaml'));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });

  it('reports every problem at once', () => {
    const e = gateErrorOf(() => parsePolicyFile('fail-on: x\non-scan-error: y\n', 'p.yaml'));
    expect(e.message).toMatch(/fail-on/);
    expect(e.message).toMatch(/on-scan-error/);
  });

  it('reports bad JSON as POLICY_PARSE', () => {
    expect(gateErrorOf(() => parsePolicyFile('{"fail-on": }', 'p.json')).code).toBe('POLICY_PARSE');
  });
});

describe('parseAllowlistFile', () => {
  it('accepts the list alone or a document with allowlist:', () => {
    const list =
      '- id: GHSA-c2qf-rxjj-qqgw\n  reason: dev only\n- id: RHSA-2024:1234\n  reason: vendor backport\n';
    expect(parseAllowlistFile(list, 'a.yaml').map((e) => e.id)).toEqual([
      'GHSA-c2qf-rxjj-qqgw',
      'RHSA-2024:1234',
    ]);
    expect(parseAllowlistFile(`allowlist:\n${list.replace(/^/gm, '  ')}`, 'a.yaml')).toHaveLength(2);
    expect(parseAllowlistFile('[]', 'a.json')).toEqual([]);
  });

  it('rejects other keys and bad entries', () => {
    expect(gateErrorOf(() => parseAllowlistFile('fail-on: high\nallowlist: []', 'a.yaml')).message).toMatch(
      /holds only "allowlist"/,
    );
    const e = gateErrorOf(() => parseAllowlistFile('- id: GHSA-xxxx\n  reason: r', 'a.yaml'));
    expect(e.code).toBe('ALLOWLIST_INVALID');
    expect(e.message).toMatch(/allowlist\[0\]\.id/);
  });
});

describe('mergePolicy', () => {
  it('flags override the file; max-counts merge; allowlists combine', () => {
    const file = parsePolicyFile(
      'fail-on: critical\nmax-counts: { low: 5, medium: 3 }\nallowlist: [{ id: CVE-2024-1111, reason: r }]',
      'p.yaml',
    );
    const m = mergePolicy(file, {
      failOn: 'medium',
      maxCounts: { low: 1 },
      allowlist: [{ id: 'CVE-2024-2222', reason: 's' }],
    });
    expect(m.failOn).toBe('medium');
    expect(m.maxCounts).toEqual({ low: 1, medium: 3 });
    expect(m.allowlist.map((e) => e.id)).toEqual(['CVE-2024-1111', 'CVE-2024-2222']);
    expect(mergePolicy(file, {}).failOn).toBe('critical');
  });

  it('rejects bad override values with the allowed values', () => {
    expect(gateErrorOf(() => mergePolicy(DEFAULT_POLICY, { cvssThreshold: 12 })).message).toMatch(
      /between 0 and 10/,
    );
    expect(
      gateErrorOf(() => mergePolicy(DEFAULT_POLICY, { failOn: 'severe' as Policy['failOn'] })).message,
    ).toMatch(/allowed values: critical/);
  });
});
