import { describe, expect, it } from 'vitest';
import { cleanLines, cleanProse, countFindings, type ScanReport } from '../../src/core/index.js';
import { parseProject, parseVulnerabilityAddition } from '../../src/harbor/index.js';
import { Redactor, redactingLogger, streamLogger, type Logger } from '../../src/logger.js';
import { DEFAULT_POLICY, evaluate, parseAllowlistFile } from '../../src/policy/index.js';
import { renderConsole } from '../../src/report/index.js';
import { decide, initialFacts } from '../../src/gate/index.js';
import { parseRegistryErrors } from '../../src/oci/repository-errors.js';
import { checkSimpleSigning, checkStatement } from '../../src/sign/statement.js';

// Anything that could act in a terminal or a CI log: a control character, an escape, or a line
// that starts a workflow command / GitLab section.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;
const COMMAND_LINE = /^\s*(::|##\[)|section_(start|end):/m;

const EVIL_NAME = 'evilpkg\n::error title=Injected::x';
const EVIL_DESCRIPTION =
  'line one\u001b[2J\u001b[H\n::warning::two\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007';

function harborBody(): unknown {
  return {
    'application/vnd.security.vulnerability.report; version=1.1': {
      scanner: { name: 'Trivy\n::error::scanner', vendor: 'Aqua\u001b[31m', version: '0.50' },
      vulnerabilities: [
        {
          id: 'CVE-2024-0001\r\n##[error]id',
          package: EVIL_NAME,
          version: '1.0\u001b[2J',
          fix_version: '1.1\n::add-mask::x',
          severity: 'Critical',
          description: EVIL_DESCRIPTION,
          links: ['https://example.com/\u001b]8;;x\u0007a', ''],
          cwe_ids: ['CWE-79\n::error::cwe'],
        },
        { id: 'CVE-2024-0002', package: 'Net::SSLeay', version: '1.92', severity: 'High' },
      ],
    },
  };
}

function report(): ScanReport {
  const parsed = parseVulnerabilityAddition(harborBody(), 'sha256:' + 'a'.repeat(64));
  const findings = parsed.items.map((i) => i.finding);
  const { counts, fixable } = countFindings(findings);
  return {
    digest: 'sha256:' + 'a'.repeat(64),
    status: 'Success',
    findings,
    counts,
    fixable,
    scanner: parsed.scanner!,
  };
}

describe('outside text is neutralised where it enters and where it leaves', () => {
  it('Harbor findings: every one-line field is clean, the description keeps lines but no escapes', () => {
    const r = report();
    const f = r.findings[0]!;
    for (const v of [f.id, f.package, f.version, f.fixVersion!, ...f.links, ...f.cweIds]) {
      expect(v).not.toMatch(CONTROL);
      expect(v).not.toMatch(/\n|::/);
    }
    expect(f.package).toBe('evilpkg :%3Aerror title=Injected:%3Ax');
    expect(f.id).toBe('CVE-2024-0001 ##%5Berror]id');
    expect(f.description).toBe('line one\n::warning::twolink');
    expect(r.scanner!.name).toBe('Trivy :%3Aerror:%3Ascanner');
    expect(r.scanner!.vendor).toBe('Aqua');
  });

  it('the console renderer shows the finding with no command line and no escape', () => {
    const r = report();
    const evaluation = evaluate({ report: r }, { ...DEFAULT_POLICY, failOn: 'high' }, new Date('2026-01-01'));
    const facts = initialFacts(
      { image: 'reg.example/app:1', policy: DEFAULT_POLICY, reportOnly: false },
      new Date('2026-01-01'),
    );
    const out = renderConsole({
      ...decide({ ...facts, digest: r.digest, scan: r, evaluation }),
      image: 'reg.example/app:1\n::error::image',
    });
    expect(out).toContain('evilpkg :%3Aerror title=Injected:%3Ax');
    expect(out).not.toMatch(CONTROL);
    expect(out).not.toMatch(COMMAND_LINE);
  });

  it('a waiver for a package whose name holds `::` still matches the cleaned finding', () => {
    const r = report();
    const allowlist = parseAllowlistFile(
      '- id: CVE-2024-0002\n  package: "Net::SSLeay"\n  reason: not reachable\n',
      'allow.yaml',
    );
    const verdict = evaluate(
      { report: r },
      { ...DEFAULT_POLICY, failOn: 'high', allowlist },
      new Date('2026-01-01'),
    );
    expect(verdict.waivers.map((w) => w.finding.id)).toContain('CVE-2024-0002');
  });

  it('the stream logger cleans every line, even of a string that slipped through unclean', () => {
    const lines: string[] = [];
    const log = streamLogger({ debug: true, write: (l) => lines.push(l) });
    log.info(`finding in ${EVIL_NAME}`);
    log.warn(`description: ${EVIL_DESCRIPTION}`);
    log.error('a\r\n##[error]b\u001b]0;title\u0007');
    log.debug('x\u2028::set-output name=a::b');
    const all = lines.join('\n');
    expect(all).not.toMatch(CONTROL);
    expect(all).not.toMatch(COMMAND_LINE);
    // Our own line structure is kept.
    expect(lines[0]).toBe('finding in evilpkg\n:%3Aerror title=Injected:%3Ax');
    expect(lines[2]).toBe('error: a\n##%5Berror]b');
  });

  it('the redacting logger cleans and redacts, whatever logger it wraps', () => {
    const got: string[] = [];
    const inner: Logger = {
      debug: (m) => got.push(m),
      info: (m) => got.push(m),
      warn: (m) => got.push(m),
      error: (m) => got.push(m),
    };
    const redactor = new Redactor();
    redactor.add('s3cr3t-value');
    const log = redactingLogger(inner, redactor);
    log.info(`token s3cr3t-value then ${EVIL_NAME}`);
    // A secret split by control characters is joined by cleaning: still redacted.
    log.warn('s3cr3t\u0000-value\u001b[0m');
    expect(got[0]).toBe('token *** then evilpkg\n:%3Aerror title=Injected:%3Ax');
    expect(got[1]).toBe('***');
    for (const m of got) {
      expect(m).not.toMatch(CONTROL);
      expect(m).not.toMatch(COMMAND_LINE);
    }
  });

  it('cleanLines and cleanProse', () => {
    expect(cleanLines('a\r\n::x::y\n\u001b[2Jb')).toBe('a\n:%3Ax:%3Ay\nb');
    expect(cleanLines('one line')).toBe('one line');
    expect(cleanProse('a\r\nb\u001b[31m\tc\u0000', 100)).toBe('a\nb\tc');
    expect(cleanProse('x'.repeat(20_000), 100)).toHaveLength(100);
  });

  it('Harbor project settings are cleaned too', () => {
    const p = parseProject({
      project_id: 1,
      name: 'team\n::error::x',
      metadata: { severity: 'high\u001b[2J' },
      cve_allowlist: { items: [{ cve_id: 'CVE-1\n::x' }] },
    });
    expect(p.name).toBe('team :%3Aerror:%3Ax');
    expect(p.severity).toBe('high');
    expect(p.projectAllowlist.ids).toEqual(['CVE-1 :%3Ax']);
  });

  it('registry error bodies and signature claims quoted in messages are cleaned and bounded', () => {
    const errs = parseRegistryErrors(
      Buffer.from(
        JSON.stringify({ errors: [{ code: 'DENIED\n::error::c', message: EVIL_NAME + 'x'.repeat(5000) }] }),
      ),
    );
    expect(errs[0]!.code).toBe('DENIED :%3Aerror:%3Ac');
    expect(errs[0]!.message.startsWith('evilpkg :%3Aerror title=Injected:%3Ax')).toBe(true);
    expect(errs[0]!.message.length).toBeLessThanOrEqual(300);
    const digest = 'sha256:' + 'a'.repeat(64);
    const st = checkStatement(
      'application/vnd.in-toto+json',
      Buffer.from(
        JSON.stringify({
          _type: 'https://in-toto.io/Statement/v1',
          subject: [{ digest: { [EVIL_NAME]: EVIL_DESCRIPTION } }],
          predicateType: 'x',
        }),
      ),
      { digest },
    );
    expect(st.ok).toBe(false);
    if (!st.ok) {
      expect(st.reason).not.toMatch(CONTROL);
      expect(st.reason).not.toMatch(/(^|\s)::/);
    }
    const legacy = checkSimpleSigning(
      Buffer.from(
        JSON.stringify({
          critical: {
            type: 'cosign container image signature',
            image: { 'docker-manifest-digest': EVIL_NAME },
          },
        }),
      ),
      digest,
    );
    expect(legacy.ok).toBe(false);
    if (!legacy.ok) expect(legacy.reason).toContain('evilpkg :%3Aerror');
  });
});
