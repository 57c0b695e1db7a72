/**
 * The run record: one record with every field set, rendered by every output, shows the same
 * counts, warnings and verdict everywhere; and one CVE reported High on amd64 and Critical (with a
 * fix) on arm64 counts as one critical, fixable, in every output.
 */
import { describe, expect, it } from 'vitest';
import { setOutputs, type ActionIO } from '../../src/action/main.js';
import { SEVERITIES, type Finding, type ScanReport, type SeverityCounts } from '../../src/core/index.js';
import {
  decide,
  gateJson,
  headline,
  initialFacts,
  verdictPredicate,
  type RunFacts,
  stepError,
} from '../../src/gate/index.js';
import { infraError } from '../../src/errors.js';
import { DEFAULT_POLICY, evaluate, type Policy } from '../../src/policy/index.js';
import {
  buildGitlabReport,
  buildJsonReport,
  buildSarif,
  renderConsole,
  renderHtml,
  renderJunit,
  renderMarkdown,
  type RunRecord,
} from '../../src/report/index.js';
import { policyDigest } from '../../src/sign/index.js';
import { parseVexDocument } from '../../src/vex/index.js';

const DIGEST = `sha256:${'4'.repeat(64)}`;
const AT = new Date('2026-12-01T12:00:00Z');
const fix = (id: string, severity: Finding['severity'], platform: string, fixVersion?: string): Finding => ({
  id,
  package: `pkg-${id.slice(-4)}`,
  version: '1.0.0',
  severity,
  links: [],
  cweIds: [],
  platform,
  ...(fixVersion ? { fixVersion } : {}),
});

/** One CVE High on amd64 (no fix) and Critical on arm64 (fixed in 1.0.1): one rule says 1 critical, fixable. */
const SPLIT: Finding[] = [
  fix('CVE-2026-0001', 'high', 'linux/amd64'),
  fix('CVE-2026-0001', 'critical', 'linux/arm64', '1.0.1'),
];

function scan(findings: Finding[]): ScanReport {
  // The counts a scanner report carries are not trusted by the record: it counts by the policy's rule.
  return {
    digest: DIGEST,
    status: 'Success',
    scanner: { name: 'Trivy', vendor: 'Aqua Security', version: '0.50.0' },
    findings,
    counts: { critical: 0, high: findings.length, medium: 0, low: 0, unknown: 0 },
    fixable: 0,
    platforms: [
      { platform: 'linux/amd64', digest: `sha256:${'a'.repeat(64)}`, status: 'Success' },
      { platform: 'linux/arm64', digest: `sha256:${'b'.repeat(64)}`, status: 'Success' },
    ],
  };
}

const VEX = parseVexDocument(
  Buffer.from(
    JSON.stringify({
      '@context': 'https://openvex.dev/ns/v0.2.0',
      '@id': 'https://example.com/vex/1',
      author: 'sec@example.com',
      timestamp: '2026-11-01T00:00:00Z',
      version: 1,
      statements: [
        {
          vulnerability: { name: 'CVE-2026-0003' },
          products: [{ '@id': `pkg:oci/app@${encodeURIComponent(DIGEST)}` }],
          status: 'not_affected',
          justification: 'vulnerable_code_not_in_execute_path',
        },
      ],
    }),
  ),
  'vex.json',
);

/** Facts with every field of the record set: findings, violations, both kinds of waiver, warnings, an error with causes. */
function everyFact(failed: boolean): RunFacts {
  const policy: Policy = {
    ...DEFAULT_POLICY,
    failOn: 'high',
    allowlist: [
      { id: 'CVE-2026-0002', reason: 'not reachable', source: 'policy.yaml', expires: '2026-12-10' },
    ],
  };
  const findings = [
    ...SPLIT,
    fix('CVE-2026-0002', 'high', 'linux/amd64', '2.0.0'),
    fix('CVE-2026-0003', 'critical', 'linux/amd64'),
    fix('CVE-2026-0004', 'low', 'linux/arm64'),
  ];
  const report = scan(findings);
  const evaluation = evaluate(
    {
      report,
      signed: true,
      sbomAttached: true,
      vex: {
        statements: VEX.statements,
        image: {
          digest: DIGEST,
          repository: 'harbor.example.com/team/app',
          reference: 'harbor.example.com/team/app:1',
        },
      },
    },
    policy,
    AT,
  );
  const facts = initialFacts({ image: 'harbor.example.com/team/app:1', policy, reportOnly: false }, AT);
  return {
    ...facts,
    digest: DIGEST,
    tags: ['1'],
    pushed: true,
    scan: report,
    evaluation,
    warnings: ["Harbor's project policy would block pulling this image: it has a critical vulnerability"],
    vex: {
      documents: [{ name: 'vex.json', format: 'openvex', statements: 1 }],
      attestations: [],
      ignored: [{ digest: `sha256:${'c'.repeat(64)}`, reason: 'signed by another key' }],
    },
    harborUrl: 'https://harbor.example.com',
    sbomDigest: `sha256:${'d'.repeat(64)}`,
    signatureDigest: `sha256:${'e'.repeat(64)}`,
    steps: {
      ...facts.steps,
      inputs: { status: 'ok', seconds: 0, detail: 'image harbor.example.com/team/app' },
      push: { status: 'ok', seconds: 1, digest: DIGEST, tags: ['1'] },
      sbom: { status: 'ok', seconds: 0.2, digest: `sha256:${'d'.repeat(64)}` },
      sign: { status: 'ok', seconds: 0.3, digest: `sha256:${'e'.repeat(64)}` },
      scan: { status: 'ok', seconds: 9, scanner: 'Trivy 0.50.0' },
      policy: { status: 'failed', seconds: 0.01, detail: 'violations' },
      attestScan: failed
        ? {
            status: 'failed',
            seconds: 0.5,
            error: {
              code: 'SIGN_REKOR_FAILED',
              message: 'the transparency log refused the entry',
              remedy: 'Check the Rekor URL.',
              exitCode: 3,
              causes: ['HTTP 503 from rekor.example.com', 'connect ECONNRESET'],
            },
          }
        : { status: 'ok', seconds: 0.5, digest: `sha256:${'f'.repeat(64)}`, attestations: ['vuln/v1'] },
    },
  };
}

function actionOutputs(record: RunRecord): Record<string, string> {
  const out: Record<string, string> = {};
  setOutputs(
    { setOutput: (n: string, v: string | number) => void (out[n] = String(v)) } as unknown as ActionIO,
    record,
  );
  return out;
}

const WORD = { pass: 'PASSED', fail: 'FAILED', error: 'ERROR' } as const;

/** Every rendering's counts, fixable, warnings and verdict, read back from what it wrote. */
function everyOutput(r: RunRecord): {
  name: string;
  counts: SeverityCounts;
  /** The output shows the counts after waivers. */
  after?: boolean;
  fixable?: number;
  text: string;
  verdict: string;
}[] {
  const json = buildJsonReport(r) as {
    counts: SeverityCounts;
    fixable: number;
    verdict: string;
    warnings: string[];
  };
  const gj = gateJson(r) as { counts: SeverityCounts; fixable: number; verdict: string; warnings: string[] };
  const sarif = buildSarif(r) as {
    runs: {
      properties: { counts: SeverityCounts; fixable: number; verdict: string };
      invocations: unknown[];
    }[];
  };
  const gitlab = buildGitlabReport(r) as {
    vulnerabilities: { severity: string }[];
    scan: { status: string; messages?: { value: string }[] };
  };
  const glCounts = Object.fromEntries(
    SEVERITIES.map((s) => [s, gitlab.vulnerabilities.filter((v) => v.severity.toLowerCase() === s).length]),
  ) as SeverityCounts;
  const junit = renderJunit(r);
  const prop = (n: string): string =>
    new RegExp(`<property name="${n}" value="([^"]*)"/>`).exec(junit)?.[1] ?? '';
  const html = renderHtml(r);
  const cell = (id: string): number => Number(new RegExp(`id="${id}">(\\d+)<`).exec(html)?.[1]);
  const consoleText = renderConsole(r);
  const found = /found\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)/.exec(consoleText)!.slice(1).map(Number);
  const md = renderMarkdown(r);
  const mdFound = /\| found \| (\d+) \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|/.exec(md)!.slice(1).map(Number);
  const byOrder = (n: number[]): SeverityCounts =>
    Object.fromEntries(SEVERITIES.map((s, i) => [s, n[i]])) as SeverityCounts;
  const action = actionOutputs(r);
  return [
    {
      name: 'JSON report',
      counts: json.counts,
      fixable: json.fixable,
      text: json.warnings.join('\n'),
      verdict: json.verdict,
    },
    {
      name: '--json',
      counts: gj.counts,
      fixable: gj.fixable,
      text: gj.warnings.join('\n'),
      verdict: gj.verdict,
    },
    {
      name: 'SARIF',
      counts: sarif.runs[0]!.properties.counts,
      fixable: sarif.runs[0]!.properties.fixable,
      text: JSON.stringify(sarif),
      verdict: sarif.runs[0]!.properties.verdict,
    },
    {
      name: 'GitLab',
      // GitLab lists the findings a reader acts on: the waived ones are left out, and said so.
      counts: glCounts,
      after: true,
      text: (gitlab.scan.messages ?? []).map((m) => m.value).join('\n'),
      verdict: gitlab.scan.status === 'failure' ? 'error' : r.verdict,
    },
    {
      name: 'JUnit',
      counts: Object.fromEntries(SEVERITIES.map((s) => [s, Number(prop(s))])) as SeverityCounts,
      fixable: Number(prop('fixable')),
      text: junit,
      verdict: prop('verdict'),
    },
    {
      name: 'HTML',
      counts: Object.fromEntries(SEVERITIES.map((s) => [s, cell(`count-${s}`)])) as SeverityCounts,
      text: html,
      verdict: /data-verdict="(\w+)"/.exec(html)![1]!,
    },
    { name: 'console', counts: byOrder(found), text: consoleText, verdict: consoleText.split(':')[0]! },
    { name: 'summary', counts: byOrder(mdFound), text: md, verdict: md },
    {
      name: 'Action outputs',
      counts: Object.fromEntries(SEVERITIES.map((s) => [s, Number(action[s])])) as SeverityCounts,
      fixable: Number(action.fixable),
      text: '',
      verdict: action.verdict!,
    },
  ];
}

describe('one record, every output', () => {
  it('an errored run with every field set: the same counts, warnings and verdict in each output', () => {
    const record = decide(everyFact(true));
    expect(Object.isFrozen(record)).toBe(true);
    expect(Object.isFrozen(record.steps.attestScan)).toBe(true);
    expect(record).toMatchObject({
      verdict: 'error',
      failedStep: 'attestScan',
      exitCode: 3,
      policyVerdict: null,
      evaluated: true,
      waived: { allowlist: 1, vex: 1 },
    });
    expect(record.error?.causes).toEqual(['HTTP 503 from rekor.example.com', 'connect ECONNRESET']);
    expect(record.left).toMatch(
      /^left in the registry: the image sha256:4+ \(tags 1\); the SBOM .*; the signature/,
    );
    // The one rule: CVE-2026-0001 is one critical (arm64's severity), fixable (arm64's fix).
    expect(record.counts).toEqual({ critical: 2, high: 1, medium: 0, low: 1, unknown: 0 });
    expect(record.fixable).toBe(2);
    // The run's warning and the evaluation's (the allowlist entry expiring) are both in the record.
    expect(record.warnings[0]).toMatch(/Harbor's project policy would block/);
    expect(record.warnings.length).toBeGreaterThan(1);
    for (const o of everyOutput(record)) {
      expect(o.counts, o.name).toEqual(o.after ? record.countsAfterWaivers : record.counts);
      if (o.fixable !== undefined) expect(o.fixable, o.name).toBe(record.fixable);
      if (o.name !== 'Action outputs') {
        const text = o.text
          .replace(/\\_/g, '_')
          .replace(/&apos;|&#39;|&#x27;/g, "'")
          .replace(/&quot;/g, '"')
          .replace(/&amp;/g, '&');
        for (const w of record.warnings) expect(text, `${o.name}: ${w}`).toContain(w.slice(0, 40));
      }
      if (o.name === 'console' || o.name === 'summary') expect(o.verdict).toContain(WORD.error);
      else expect(o.verdict, o.name).toBe('error');
    }
    const json = gateJson(record) as { error: { causes: string[] }; left: string; policyVerdict: unknown };
    expect(json.error.causes).toEqual(record.error!.causes);
    expect(json.left).toBe(record.left);
    expect(json.policyVerdict).toBeNull();
    expect((buildJsonReport(record) as { policyVerdict: unknown }).policyVerdict).toBeNull();
    expect(headline(record)).toContain('[SIGN_REKOR_FAILED]');
    expect(headline(record)).toContain(record.left!);
    expect(renderConsole(record)).toContain(record.left!);
    expect(renderJunit(record)).toContain('Cause: HTTP 503 from rekor.example.com');
  });

  it('the decided run: the verdict predicate has the record’s verdict, counts, violations and waivers', () => {
    const record = decide(everyFact(false));
    expect(record.verdict).toBe('fail');
    expect(record.exitCode).toBe(1);
    expect(record.policyVerdict).toBe('fail');
    for (const o of everyOutput(record)) {
      expect(o.counts, o.name).toEqual(o.after ? record.countsAfterWaivers : record.counts);
      if (o.name === 'console' || o.name === 'summary') expect(o.verdict).toContain(WORD.fail);
      else if (o.name !== 'GitLab') expect(o.verdict, o.name).toBe('fail');
    }
    const p = verdictPredicate({ ...record, verdict: 'fail' }, policyDigest(record.policy));
    expect(p.verdict).toBe('fail');
    expect(p.counts).toEqual(record.counts);
    expect(p.violations).toEqual((gateJson(record) as { violations: unknown[] }).violations);
    expect(p.waivers).toEqual((buildJsonReport(record) as { waivers: unknown[] }).waivers);
    expect(p.waivers.map((w) => w.source).sort()).toEqual(['allowlist', 'vex']);
  });

  it('one CVE High on amd64 and Critical with a fix on arm64 is one critical, fixable, everywhere', () => {
    const facts = initialFacts(
      { image: 'harbor.example.com/team/app:1', policy: DEFAULT_POLICY, reportOnly: false },
      AT,
    );
    const report = scan(SPLIT);
    const record = decide({
      ...facts,
      digest: DIGEST,
      scan: report,
      evaluation: evaluate({ report }, DEFAULT_POLICY, AT),
    });
    expect(record.counts).toEqual({ critical: 1, high: 0, medium: 0, low: 0, unknown: 0 });
    expect(record.fixable).toBe(1);
    for (const o of everyOutput(record)) {
      expect(o.counts, o.name).toEqual(o.after ? record.countsAfterWaivers : record.counts);
      if (o.fixable !== undefined) expect(o.fixable, o.name).toBe(1);
    }
    const p = verdictPredicate({ ...record, verdict: record.verdict as 'fail' }, policyDigest(record.policy));
    expect(p.counts).toEqual(record.counts);
    // A run stopped before the policy still counts the scan by the same rule.
    const stopped = decide({
      ...facts,
      digest: DIGEST,
      scan: report,
      steps: {
        ...facts.steps,
        sign: {
          status: 'failed',
          seconds: 0,
          error: { code: 'SIGN_FAILED', message: 'no', remedy: 'yes', exitCode: 3 },
        },
      },
    });
    expect(stopped.counts).toEqual(record.counts);
    expect(stopped.fixable).toBe(1);
    expect(stopped.violations).toEqual([]);
    expect(stopped.policyVerdict).toBeNull();
  });
});

describe('step errors keep their cause', () => {
  it('stepError keeps the chain, outermost first, cleaned, at most five deep', () => {
    const root = Object.assign(new Error('connect ECONNRESET 10.0.0.1:443'), { code: 'ECONNRESET' });
    const mid = new Error('HTTP 503 from rekor.example.com\u001b[31m', { cause: root });
    const e = stepError(
      infraError('SIGN_REKOR_FAILED', 'the transparency log refused the entry', 'Check it.', mid),
    );
    expect(e.code).toBe('SIGN_REKOR_FAILED');
    expect(e.causes).toEqual(['HTTP 503 from rekor.example.com', 'connect ECONNRESET 10.0.0.1:443']);
    let deep: Error = new Error('0');
    for (let i = 1; i < 9; i++) deep = new Error(String(i), { cause: deep });
    expect(stepError(infraError('SIGN_REKOR_FAILED', 'm', 'r', deep)).causes).toHaveLength(5);
  });
});
