/** The whole story in every report: the outcome (error, report-only), steps, policy, Harbor link, every finding. */
import { colorEnabled } from '../../src/core/index.js';
import { describe, expect, it } from 'vitest';
import {
  buildJsonReport,
  buildSarif,
  buildGitlabReport,
  renderConsole,
  renderHtml,
  renderJunit,
  renderMarkdown,
  type ReportInput,
} from '../../src/report/index.js';
import { harborArtifactUrl, statusLabel, stepLine } from '../../src/report/common.js';
import { XMLValidator } from '../fixtures/reports/xml.js';
import { gitlabValidator, sarifValidator } from '../helpers/schemas.js';
import { loadPolicy, loadReport, manyFindings, reportInput } from '../fixtures/reports/load.js';

const validateSarif = sarifValidator();
const validateGitlab = gitlabValidator();

function debian(extra: Parameters<typeof reportInput>[2] = {}): ReportInput {
  return reportInput(loadReport('debian-bookworm.json'), loadPolicy(), extra);
}

const scanTimeoutError = {
  code: 'SCAN_TIMEOUT',
  message: 'Harbor did not finish scanning within 10m',
  remedy: 'raise --scan-timeout or check the scanner in Harbor',
  exitCode: 3,
} as const;
const scanTimeout = {
  steps: { scan: { status: 'failed', seconds: 600, error: { ...scanTimeoutError } } },
} satisfies NonNullable<NonNullable<Parameters<typeof reportInput>[2]>['facts']>;

describe('the run outcome in every report', () => {
  it('an error names the failed step, its code and message, and the remedy', () => {
    const input = debian({ facts: scanTimeout });
    const line =
      'ERROR: the scan step could not finish: [SCAN_TIMEOUT] Harbor did not finish scanning within 10m';
    const console = renderConsole(input);
    expect(console.split('\n')[0]).toBe(line);
    expect(console).toContain('remedy: raise --scan-timeout');
    const md = renderMarkdown(input);
    expect(md.split('\n')[0]).toBe(
      '## ⚠️ harbor-gate: ERROR: the scan step could not finish: \\[SCAN\\_TIMEOUT\\] Harbor did not finish scanning within 10m',
    );
    expect(md).toContain('Remedy: raise --scan-timeout');
    const html = renderHtml(input);
    expect(html).toContain('data-verdict="error"');
    expect(html).toContain('[SCAN_TIMEOUT] Harbor did not finish scanning within 10m');
    const json = buildJsonReport(input);
    expect(json.verdict).toBe('error');
    // An errored run has no policy verdict to show: not "pass", not "fail".
    expect(json.policyVerdict).toBeNull();
    expect(json.outcome).toMatchObject({
      verdict: 'error',
      failedStep: 'scan',
      error: { ...scanTimeoutError, causes: [] },
      reportOnly: false,
      exitCode: 3,
    });
    const junit = renderJunit(input);
    expect(junit).toContain('<error message="ERROR: the scan step could not finish');
    expect(junit).toContain('errors="1"');
    expect(XMLValidator.validate(junit)).toBe(true);
    const sarif = buildSarif(input);
    expect(validateSarif(sarif)).toEqual([]);
    const run = (sarif.runs as { invocations: { executionSuccessful: boolean }[] }[])[0]!;
    expect(run.invocations[0]!.executionSuccessful).toBe(false);
    const gl = buildGitlabReport(input);
    expect(validateGitlab(gl)).toEqual([]);
    expect(
      (gl.scan as { status: string; messages: { level: string; value: string }[] }).messages,
    ).toContainEqual({
      level: 'fatal',
      value: line,
    });
  });

  it('report-only says the policy was breached and only reported', () => {
    const input = debian({ facts: { reportOnly: true } });
    const first = renderConsole(input).split('\n')[0]!;
    expect(first).toBe(
      'FAILED: harbor.example.com/shop/checkout:1.4.2 breaks the policy with 8 violations (policy breached — reported only)',
    );
    expect(renderMarkdown(input)).toMatch(
      /^## 🟠 harbor-gate: FAILED: .* \(policy breached — reported only\)/,
    );
    const json = buildJsonReport(input);
    expect(json.verdict).toBe('fail');
    expect(json.policyVerdict).toBe('fail');
    expect((json.outcome as { reportOnly: boolean; exitCode: number }).reportOnly).toBe(true);
    expect((json.outcome as { exitCode: number }).exitCode).toBe(0);
  });
});

describe('steps, policy and the Harbor link', () => {
  it('lists each step with what it did, skipped steps with why, and leaves out the reports step', () => {
    const input = debian();
    const console = renderConsole(input);
    expect(console).toContain(
      '  push: ok in 4.2 s (tags 1.4.2, latest; pushed 12.3 MiB in 4.20 s (3.1 MB/s))',
    );
    expect(console).toContain('  SBOM: ok in 812 ms (format spdx-json; stored as sha256:a1a1');
    expect(console).toContain(
      '  signature: ok in 1.2 s (format cosign bundle; identity https://github.com/shop/',
    );
    expect(console).toContain('  scan: ok in 29.3 s (scanner Trivy v0.50.1)');
    expect(console).toContain('  scan attestation: skipped (not requested (--attest-scan))');
    expect(console).not.toMatch(/^\s*reports:/m);
    const json = buildJsonReport(input) as { steps: Record<string, { seconds?: number }> };
    expect(Object.keys(json.steps)).toEqual([
      'inputs',
      'push',
      'sbom',
      'sign',
      'provenance',
      'scan',
      'policy',
      'attestScan',
    ]);
    // seconds rounded to milliseconds
    expect(json.steps.push!.seconds).toBe(4.214);
    expect(json.steps.scan!.seconds).toBe(29.346);
    expect(renderHtml(input)).toContain('<tr data-step="sign">');
    expect(renderMarkdown(input)).toContain(
      '| scan attestation | skipped |  | not requested (--attest-scan) |',
    );
  });

  it('shows the policy in force', () => {
    const text =
      'fail-on high, ignore-unfixed no, cvss-threshold 9, max-counts medium 2, require-signature yes';
    expect(renderConsole(debian())).toContain(`policy: ${text}`);
    expect(renderConsole(debian())).toContain('allowlist 3 entries');
    expect(renderMarkdown(debian())).toContain('**Policy**: fail-on high · ignore-unfixed no');
    expect(renderHtml(debian())).toContain('<li>max-counts medium 2</li>');
  });

  it('links the artifact in Harbor, encoding nested repositories, and only with a safe URL', () => {
    const digest = `sha256:${'4b'.repeat(32)}`;
    expect(harborArtifactUrl(debian({ digest }))).toBe(
      `https://harbor.example.com/harbor/projects/shop/repositories/checkout/artifacts-tab/artifacts/${digest}`,
    );
    expect(
      harborArtifactUrl(
        debian({
          digest,
          image: 'harbor.example.com:8443/shop/team/api:2',
          harborUrl: 'https://h.example.com/',
        }),
      ),
    ).toBe(
      `https://h.example.com/harbor/projects/shop/repositories/team%2Fapi/artifacts-tab/artifacts/${digest}`,
    );
    expect(harborArtifactUrl(debian({ digest, harborUrl: 'javascript:alert(1)' }))).toBeUndefined();
    const { harborUrl: _dropped, ...noHarbor } = debian({ digest });
    expect(harborArtifactUrl(noHarbor)).toBeUndefined();
    expect(renderHtml(debian({ digest }))).toContain(
      `id="harbor-link" class="ref" href="https://harbor.example.com/harbor/projects/shop/`,
    );
  });
});

describe("step details in the user's words (issue 23, item 9)", () => {
  const D = `sha256:${'c'.repeat(64)}`;

  it('names signature formats as users know them, and where a referrer is stored without saying "referrer"', () => {
    expect(stepLine('sign', { status: 'ok', seconds: 1, format: 'bundle, legacy', digest: D })).toBe(
      `signature: ok in 1.0 s (format Sigstore bundle (cosign v3), cosign .sig tag (cosign v2); stored as ${D})`,
    );
    expect(stepLine('sbom', { status: 'ok', seconds: 1, format: 'cyclonedx-1.6', digest: D })).not.toMatch(
      /referrer/,
    );
  });

  it("lists the scan attestation's predicate once", () => {
    const predicate = 'https://cosign.sigstore.dev/attestation/vuln/v1';
    const line = stepLine('attestScan', {
      status: 'ok',
      seconds: 1,
      digest: D,
      detail: 'scan result signed',
      attestations: [predicate],
    });
    expect(line.split(predicate)).toHaveLength(2);
  });

  it('the summary names the digest once when the image is already named by it', () => {
    const base = debian();
    const md = renderMarkdown({ ...base, image: `harbor.example.com/shop/checkout@${base.digest}` });
    expect(md).toContain(`\nImage \`harbor.example.com/shop/checkout@${base.digest}\`\n`);
    expect(md).not.toContain(`@ \`${base.digest}`);
    // Named by tag, the digest follows once.
    expect(renderMarkdown(base)).toContain(`\` @ \`${base.digest}\`\n`);
  });
});

describe('findings that do not break the policy', () => {
  it('are labelled by what they are and listed in the summary', () => {
    const input = debian();
    const labels = new Map(input.findings.map((f) => [f.id, statusLabel(f, input.waivers)]));
    expect(labels.get('CVE-2023-31484')).toBe('waived (allowlist)');
    expect(labels.get('CVE-2024-2511')).toBe('below threshold');
    expect(labels.get('CVE-2024-5535')).toBe('violation (severity, cvss)');
    const unfixed = reportInput(loadReport('debian-bookworm.json'), { ...loadPolicy(), ignoreUnfixed: true });
    const f = unfixed.findings.find((x) => x.status === 'ignored-unfixed')!;
    expect(statusLabel(f, unfixed.waivers)).toBe('unfixed (ignored)');
    const html = renderHtml(input);
    const table = html.slice(
      html.indexOf('<table id="findings">'),
      html.indexOf('</table>', html.indexOf('<table id="findings">')),
    );
    expect(table).not.toMatch(/<td[^>]*>ok<\/td>/);
    expect(html).toContain('<td>below threshold</td>');
    expect(html).toContain('<span class="muted">no fix</span>');
    const md = renderMarkdown(input);
    expect(md).toContain('### Other findings (6): within the policy');
    expect(md).toContain('| no fix | High | 8.1 | waived (allowlist) |');
  });

  it('go in a collapsed <details> section when long, which stays closed even when truncated', () => {
    const input = reportInput(manyFindings(400), { ...loadPolicy(), failOn: 'critical', maxCounts: {} });
    const md = renderMarkdown(input);
    expect(md).toMatch(/<details><summary>Show \d+ findings that do not break the policy<\/summary>/);
    expect(md.indexOf('</details>')).toBeGreaterThan(md.indexOf('<details>'));
    const big = reportInput(manyFindings(20000), { ...loadPolicy(), failOn: 'critical', maxCounts: {} });
    const cut = renderMarkdown(big, { maxBytes: 50_000 });
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(50_000);
    expect(cut).toContain('</details>');
  });

  it('show a platforms column only for a multi-platform image, filled from the finding', () => {
    const multi = reportInput(loadReport('multiarch.json'), loadPolicy());
    expect(renderHtml(multi)).toContain('<th>platforms</th>');
    expect(renderHtml(multi)).toContain('linux/amd64, linux/arm64');
    expect(renderMarkdown(multi)).toContain('| platforms |');
    expect(renderHtml(debian())).not.toContain('<th>platforms</th>');
    expect(renderMarkdown(debian())).not.toContain('| platforms |');
  });
});

describe('no scan', () => {
  it('says "not scanned (--no-scan)" instead of an all-zero table', () => {
    const input = reportInput(undefined, loadPolicy(), {
      facts: {
        steps: {
          push: { status: 'ok', seconds: 1 },
          scan: { status: 'skipped', seconds: 0, detail: '--no-scan' },
        },
      },
    });
    const console = renderConsole(input);
    expect(console).toContain('vulnerabilities: not scanned (--no-scan)');
    expect(console).not.toContain('after waivers');
    const md = renderMarkdown(input);
    expect(md).toContain('**Not scanned** (--no-scan): no vulnerability results.');
    expect(md).not.toContain('| found |');
    expect(md).not.toContain('No vulnerabilities found.');
    expect(renderHtml(input)).toContain(
      '<p id="not-scanned">Not scanned (--no-scan): no vulnerability results.</p>',
    );
  });
});

describe('SARIF', () => {
  it('has one analysis category per image (registry and repository)', () => {
    const a = buildSarif(debian());
    const b = buildSarif(debian({ image: 'registry.example.com:5000/shop/checkout:1' }));
    const id = (d: Record<string, unknown>): string =>
      (d.runs as { automationDetails: { id: string } }[])[0]!.automationDetails.id;
    expect(id(a)).toBe('harbor-gate/harbor.example.com/shop/checkout/');
    expect(id(b)).toBe('harbor-gate/registry.example.com:5000/shop/checkout/');
    expect(validateSarif(b)).toEqual([]);
  });

  it('suppresses waived findings as accepted, with the reason', () => {
    const run = (
      buildSarif(debian()).runs as { results: { ruleId: string; suppressions?: unknown[] }[] }[]
    )[0]!;
    const waived = run.results.find((r) => r.ruleId === 'CVE-2023-31484')!;
    expect(waived.suppressions).toEqual([
      {
        kind: 'external',
        status: 'accepted',
        justification: expect.stringContaining('CPAN client is not used'),
        properties: { source: 'allowlist' },
      },
    ]);
    expect(run.results.find((r) => r.ruleId === 'CVE-2024-5535')!.suppressions).toBeUndefined();
  });
});

describe('colorEnabled (core)', () => {
  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ NO_COLOR: '1' }, true, false],
    [{ NO_COLOR: '' }, true, true],
    [{ FORCE_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '3' }, false, true],
    [{ FORCE_COLOR: '0' }, true, false],
    [{ FORCE_COLOR: '' }, false, false],
    [{ NO_COLOR: 'yes', FORCE_COLOR: '1' }, true, false],
  ] as const)('%j on a terminal %s: %s', (env, tty, want) => {
    expect(colorEnabled(env, tty)).toBe(want);
  });
});

describe('waiver labels', () => {
  it('name where the waiver came from, including sources added later such as VEX', () => {
    const input = debian();
    const waiver = input.waivers[0]!;
    const f = waiver.finding;
    const as = (source: string): string =>
      statusLabel(f, [{ ...waiver, source: source as typeof waiver.source }]);
    expect(as('allowlist')).toBe('waived (allowlist)');
    expect(as('harbor-project')).toBe('waived (Harbor project allowlist)');
    expect(as('harbor-system')).toBe('waived (Harbor system allowlist)');
    expect(as('vex')).toBe('waived (VEX)');
  });
});
