import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLValidator } from '../fixtures/reports/xml.js';
import { expectGolden } from '../helpers/golden.js';
import { gitlabValidator, sarifValidator } from '../helpers/schemas.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type Policy } from '../../src/policy/index.js';
import {
  buildGitlabReport,
  buildJsonReport,
  buildSarif,
  MARKDOWN_MAX_BYTES,
  renderConsole,
  renderGitlabReport,
  renderHtml,
  renderJsonReport,
  renderJunit,
  renderMarkdown,
  renderReports,
  renderSarif,
  REPORT_FORMATS,
  stableUuid,
  type ReportInput,
} from '../../src/report/index.js';
import { loadPolicy, loadReport, manyFindings, reportInput } from '../fixtures/reports/load.js';

interface SarifResult {
  ruleId: string;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
  suppressions?: { justification: string }[];
  properties: { status: string };
}
interface SarifRun {
  tool: { driver: { rules: { id: string; properties: Record<string, string> }[] } };
  results: SarifResult[];
  invocations: { toolExecutionNotifications: { message: { text: string } }[] }[];
}
interface GitlabVuln {
  id: string;
  identifiers: { value: string }[];
  location: unknown;
  severity: string;
  solution: string;
}
interface GitlabReport {
  vulnerabilities: GitlabVuln[];
  scan: { type: string; start_time: string };
}

function sarifRun(doc: Record<string, unknown>): SarifRun {
  return (doc as unknown as { runs: SarifRun[] }).runs[0]!;
}

function gitlab(doc: Record<string, unknown>): GitlabReport {
  return doc as unknown as GitlabReport;
}

const validateSarif = sarifValidator();
const validateGitlab = gitlabValidator();

/** A C0 control character other than tab, newline or carriage return. */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return true;
  }
  return false;
}

function debianInput(): ReportInput {
  return reportInput(loadReport('debian-bookworm.json'), loadPolicy());
}

function allWriters(input: ReportInput) {
  return {
    console: renderConsole(input),
    markdown: renderMarkdown(input),
    sarif: renderSarif(input),
    gitlab: renderGitlabReport(input),
    junit: renderJunit(input),
    json: renderJsonReport(input),
    html: renderHtml(input),
  };
}

describe('golden files (Debian fixture, fixed generatedAt)', () => {
  it('a missing golden fails; it is never written silently', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'golden-'));
    expect(() => {
      expectGolden('absent.txt', 'anything', { dir: `${dir}/`, update: false });
    }).toThrow(/golden file .*absent\.txt\.golden is missing: run the test with UPDATE_GOLDEN=1/);
    expect(readdirSync(dir)).toEqual([]);
  });

  const input = debianInput();
  it('the fixture verdict is what the goldens show', () => {
    expect(input.verdict).toBe('fail');
    expect(input.waivers.map((w) => w.finding.id)).toEqual(['CVE-2023-31484']);
    expect(input.expiredEntries.map((e) => e.entry.id)).toEqual(['CVE-2023-6246']);
    expect(input.staleEntries.map((e) => e.id)).toEqual(['CVE-2021-3999']);
  });
  it.each([
    ['console.txt', () => renderConsole(input)],
    ['console-color.txt', () => renderConsole(input, { color: true })],
    ['summary.md', () => renderMarkdown(input)],
    ['report.sarif', () => renderSarif(input)],
    ['gl-container-scanning-report.json', () => renderGitlabReport(input)],
    ['junit.xml', () => renderJunit(input)],
    ['report.json', () => renderJsonReport(input)],
    ['report.html', () => renderHtml(input)],
  ])('%s', (name, render) => {
    expectGolden(name, render());
  });
  it('npm GHSA findings, passing policy (console, markdown, junit)', () => {
    const pass: Policy = { ...DEFAULT_POLICY, failOn: 'critical', maxCounts: {}, allowlist: [] };
    const i = reportInput(loadReport('node-app-ghsa.json'), pass, { operatingSystem: 'alpine 3.19' });
    expectGolden('npm-console.txt', renderConsole(i));
    expectGolden('npm-summary.md', renderMarkdown(i));
    expectGolden('npm-junit.xml', renderJunit(i));
  });
});

describe('schemas', () => {
  it.each([
    ['debian', () => debianInput()],
    ['npm', () => reportInput(loadReport('node-app-ghsa.json'), loadPolicy())],
    ['multi-arch', () => reportInput(loadReport('multiarch.json'), loadPolicy())],
    ['hostile text', () => reportInput(loadReport('hostile.json'), loadPolicy())],
    ['no scan', () => reportInput(undefined, loadPolicy())],
    ['zero findings', () => reportInput(manyFindings(0), loadPolicy())],
  ])('SARIF and GitLab reports of %s validate', (_name, make) => {
    const input = make();
    expect(validateSarif(buildSarif(input))).toEqual([]);
    expect(validateGitlab(buildGitlabReport(input))).toEqual([]);
  });

  it('SARIF: one rule per vulnerability id, levels and numeric security-severity', () => {
    const run = sarifRun(buildSarif(reportInput(loadReport('multiarch.json'), loadPolicy())));
    const ids = run.tool.driver.rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of run.tool.driver.rules) expect(r.properties['security-severity']).toMatch(/^\d+\.\d$/);
    const crit = run.results.find((r) => r.ruleId === 'CVE-2024-5535')!;
    expect(crit.level).toBe('error');
    expect(crit.locations[0]?.physicalLocation.artifactLocation.uri).toBe('shop/checkout');
    expect(crit.message.text).toContain('Platforms: linux/amd64, linux/arm64');
  });

  it('SARIF: waived findings are suppressed with the reason', () => {
    const run = sarifRun(buildSarif(debianInput()));
    const waived = run.results.find((r) => r.ruleId === 'CVE-2023-31484')!;
    expect(waived.suppressions?.[0]?.justification).toContain('CPAN client is not used');
  });

  it('GitLab: stable ids, identifiers, location and solution', () => {
    const a = gitlab(buildGitlabReport(debianInput()));
    const b = gitlab(buildGitlabReport(debianInput()));
    expect(a.vulnerabilities.map((v) => v.id)).toEqual(b.vulnerabilities.map((v) => v.id));
    expect(new Set(a.vulnerabilities.map((v) => v.id)).size).toBe(a.vulnerabilities.length);
    expect(stableUuid('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const v = a.vulnerabilities.find((x) => x.identifiers[0]?.value === 'CVE-2024-5535')!;
    expect(v.location).toEqual({
      dependency: { package: { name: 'openssl' }, version: '3.0.11-1~deb12u2' },
      operating_system: 'debian 12.5',
      image: expect.stringMatching(/^harbor\.example\.com\/shop\/checkout:1\.4\.2@sha256:/),
    });
    expect(v.severity).toBe('Critical');
    expect(v.solution).toContain('3.0.14-1~deb12u1');
    expect(a.scan.type).toBe('container_scanning');
    expect(a.scan.start_time).toBe('2024-06-03T10:15:02');
  });
});

describe('JSON report', () => {
  it('has every documented top-level key, and violations carry the finding', () => {
    const j = buildJsonReport(debianInput());
    expect(Object.keys(j)).toEqual([
      'schemaVersion',
      'tool',
      'generatedAt',
      'image',
      'digest',
      'harborUrl',
      'harborArtifactUrl',
      'verdict',
      'failedStep',
      'policyVerdict',
      'outcome',
      'counts',
      'countsAfterWaivers',
      'fixable',
      'scan',
      'steps',
      'policy',
      'detail',
      'violations',
      'waivers',
      'vexNotes',
      'vexIgnored',
      'expiredEntries',
      'staleEntries',
      'warnings',
      'fixPlan',
      'findings',
    ]);
    const doc = readFileSync(fileURLToPath(new URL('../../docs/formats.md', import.meta.url)), 'utf8');
    for (const k of Object.keys(j)) expect(doc).toContain(`\`${k}\``);
  });
});

describe('every writer copes with zero, thousands and hostile findings', () => {
  it('zero findings', () => {
    const out = allWriters(reportInput(manyFindings(0), loadPolicy()));
    expect(out.markdown).toContain('No vulnerabilities found.');
    expect(out.junit).toContain('<failure');
    const clean = allWriters(
      reportInput(manyFindings(0), { ...DEFAULT_POLICY, maxCounts: {}, allowlist: [] }),
    );
    expect(clean.junit).toContain('name="policy passed (0 findings, 0 waived)"');
    expect(clean.junit).not.toContain('<failure');
    expect(XMLValidator.validate(clean.junit)).toBe(true);
  });

  it('5000 findings', () => {
    const input = reportInput(manyFindings(5000), loadPolicy());
    const out = allWriters(input);
    expect(Buffer.byteLength(out.markdown)).toBeLessThan(MARKDOWN_MAX_BYTES);
    expect(XMLValidator.validate(out.junit)).toBe(true);
    const sarif = JSON.parse(out.sarif);
    expect(sarif.runs[0].results).toHaveLength(5000);
    expect(validateSarif(sarif)).toEqual([]);
    expect(validateGitlab(JSON.parse(out.gitlab))).toEqual([]);
    expect(out.html.match(/<tr data-severity=/g)).toHaveLength(5000);
  });

  it('the Markdown summary is truncated with a note under the limit', () => {
    const input = reportInput(manyFindings(30000), loadPolicy());
    const md = renderMarkdown(input);
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(MARKDOWN_MAX_BYTES);
    expect(md).toMatch(/more violating findings not shown/);
    expect(md).toMatch(/truncated to stay under GitHub’s 1 MiB/);
    const small = renderMarkdown(input, { maxBytes: 20_000 });
    expect(Buffer.byteLength(small)).toBeLessThanOrEqual(20_000);
    expect(small.startsWith('## ❌ harbor-gate: FAILED')).toBe(true);
  });

  it('SARIF keeps at most the cap, violations first, with a note', () => {
    const input = reportInput(manyFindings(12000), loadPolicy());
    const run = sarifRun(buildSarif(input, { maxResults: 1000 }));
    expect(run.results).toHaveLength(1000);
    expect(run.results.every((r) => r.properties.status === 'violation')).toBe(true);
    expect(run.invocations[0]?.toolExecutionNotifications[0]?.message.text).toMatch(
      /11000 of 12000 findings left out/,
    );
  });

  it('escapes markdown, HTML, XML and control characters', () => {
    const input = reportInput(loadReport('hostile.json'), loadPolicy());
    const out = allWriters(input);
    for (const [name, text] of Object.entries(out)) {
      expect(hasControl(text), name).toBe(false);
      expect(text, name).not.toContain('\u001b[31m');
      expect(text, name).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
    expect(out.html).not.toContain('<script>alert');
    expect(out.html).not.toContain('<script>document');
    expect(out.html).not.toContain('href="javascript:');
    expect(out.html).toContain('&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;');
    expect(out.markdown).not.toContain('<script>');
    expect(out.markdown).toContain('pkg\\|pipe\\<script\\>');
    expect(out.markdown).not.toContain('](javascript:');
    for (const line of out.markdown.split('\n').filter((l) => l.startsWith('| [CVE-2024-0001'))) {
      // 7 columns (a single-platform image has no platforms column): 8 unescaped pipes
      expect(line.match(/(?<!\\)\|/g)).toHaveLength(8);
    }
    expect(XMLValidator.validate(out.junit)).toBe(true);
    expect(validateSarif(JSON.parse(out.sarif))).toEqual([]);
    expect(validateGitlab(JSON.parse(out.gitlab))).toEqual([]);
    expect(JSON.parse(out.json).findings[0].package).toBe('pkg|pipe<script>alert(1)</script>');
  });

  it('colours only when asked', () => {
    const input = debianInput();
    expect(renderConsole(input)).not.toContain('\u001b[');
    expect(renderConsole(input, { color: true })).toContain('\u001b[1;31m');
  });
});

describe('renderReports', () => {
  it('renders each requested format once, in order', () => {
    const input = debianInput();
    const out = renderReports(input, ['sarif', 'junit', 'sarif']);
    expect(out.map((r) => r.format)).toEqual(['sarif', 'junit']);
    expect(out[0]!.content).toBe(renderSarif(input));
    expect(renderReports(input, REPORT_FORMATS)).toHaveLength(REPORT_FORMATS.length);
  });
});
