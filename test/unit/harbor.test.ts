import { describe, expect, it } from 'vitest';
import { GateError } from '../../src/errors.js';
import { HttpClient, type HttpRequest, type HttpResponse } from '../../src/http/client.js';
import { silentLogger } from '../../src/logger.js';
import {
  ACCEPT_VULNERABILITIES,
  HarborClient,
  harborTarget,
  harborWouldBlock,
  normaliseSeverity,
  parseArtifact,
  parseVulnerabilityAddition,
  type ProjectSettings,
} from '../../src/harbor/index.js';
import type { Finding } from '../../src/core/index.js';
import { fakeClock } from '../helpers/clock.js';

function catchGate(fn: () => unknown): GateError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(GateError);
    return e as GateError;
  }
  throw new Error('expected a GateError');
}

describe('harborTarget', () => {
  const ref = (registry: string, repository: string, extra: { tag?: string; digest?: string } = {}) => ({
    registry,
    repository,
    ...extra,
  });

  it.each([
    [
      ref('harbor.example.com', 'library/app', { tag: '1.0' }),
      undefined,
      'https://harbor.example.com',
      'library',
      'app',
    ],
    [ref('127.0.0.1:5000', 'proj/a/b/c'), undefined, 'http://127.0.0.1:5000', 'proj', 'a/b/c'],
    [
      ref('registry.example.com', 'p/app'),
      'https://harbor.example.com/api/v2.0/',
      'https://harbor.example.com',
      'p',
      'app',
    ],
    [ref('registry.example.com', '123/app'), 'http://10.0.0.1:8080/', 'http://10.0.0.1:8080', '123', 'app'],
  ])('%o with %s', (r, url, base, project, repository) => {
    const t = harborTarget(r, url);
    expect(t).toMatchObject({ baseUrl: base, project, repository, fullName: r.repository });
  });

  it('refuses a repository without a project and a bad URL', () => {
    expect(catchGate(() => harborTarget(ref('h', 'app'))).code).toBe('HARBOR_BAD_REFERENCE');
    expect(catchGate(() => harborTarget(ref('h', 'p/app'), 'ftp://x')).code).toBe('HARBOR_BAD_URL');
    expect(catchGate(() => harborTarget(ref('h', 'p/app'), 'not a url')).code).toBe('HARBOR_BAD_URL');
  });
});

describe('report normalisation', () => {
  it.each([
    ['Critical', 'critical'],
    ['HIGH', 'high'],
    ['Medium', 'medium'],
    ['Low', 'low'],
    ['Negligible', 'low'],
    ['None', 'low'],
    ['Unknown', 'unknown'],
    ['', 'unknown'],
    ['weird', 'unknown'],
    [undefined, 'unknown'],
  ])('severity %s -> %s', (name, want) => {
    expect(normaliseSeverity(name)).toBe(want);
  });

  it('treats {} as no report, never as clean', () => {
    const e = catchGate(() => parseVulnerabilityAddition({}, 'sha256:abc'));
    expect(e.code).toBe('HARBOR_REPORT_EMPTY');
    expect(e.message).toContain('not clean');
  });

  it('a report with no vulnerabilities is clean', () => {
    const r = parseVulnerabilityAddition(
      { [ACCEPT_VULNERABILITIES.split(', ')[0] ?? '']: { severity: '', vulnerabilities: [] } },
      'sha256:abc',
    );
    expect(r.items).toEqual([]);
  });

  it('filters empty links/cwe ids and picks CVSS v3 from preferred_cvss, then vendor attributes, then v2', () => {
    const item = (over: Record<string, unknown>) => ({
      id: 'CVE-1',
      package: 'p',
      version: '1',
      fix_version: '',
      severity: 'High',
      description: '',
      links: ['', 'https://x'],
      cwe_ids: [''],
      preferred_cvss: { score_v3: 0, score_v2: null, vector_v3: '', vector_v2: '' },
      vendor_attributes: null,
      artifact_digests: ['sha256:c1'],
      ...over,
    });
    const r = parseVulnerabilityAddition(
      {
        'application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0': {
          vulnerabilities: [
            item({ preferred_cvss: { score_v3: 7.5, score_v2: 5, vector_v3: 'CVSS:3.1/X', vector_v2: '' } }),
            item({
              vendor_attributes: {
                CVSS: { redhat: { V3Score: 6.1 }, nvd: { V3Score: 8.8, V3Vector: 'CVSS:3.1/N' } },
              },
            }),
            item({ preferred_cvss: { score_v3: null, score_v2: 4.3, vector_v3: '', vector_v2: 'AV:N' } }),
            item({ fix_version: ' 2.0 ' }),
          ],
        },
      },
      'sha256:abc',
    );
    const f = r.items.map((i) => i.finding);
    expect(f[0]).toMatchObject({
      links: ['https://x'],
      cweIds: [],
      cvss: { score: 7.5, version: '3', vector: 'CVSS:3.1/X' },
    });
    expect(f[1]?.cvss).toEqual({ score: 8.8, version: '3', vector: 'CVSS:3.1/N' });
    expect(f[2]?.cvss).toEqual({ score: 4.3, version: '2', vector: 'AV:N' });
    expect(f[3]?.cvss).toBeUndefined();
    expect(f[3]?.fixVersion).toBe('2.0');
    expect(r.items[0]?.digests).toEqual(['sha256:c1']);
  });

  it('rejects wrong types with a message naming the field', () => {
    const mime = 'application/vnd.security.vulnerability.report; version=1.1';
    expect(catchGate(() => parseVulnerabilityAddition([], 'd')).code).toBe('HARBOR_BAD_RESPONSE');
    expect(
      catchGate(() => parseVulnerabilityAddition({ [mime]: { vulnerabilities: 'x' } }, 'd')).message,
    ).toContain('"vulnerabilities"');
    expect(
      catchGate(() => parseVulnerabilityAddition({ [mime]: { vulnerabilities: [{ id: 5 }] } }, 'd')).message,
    ).toContain('"id"');
    expect(
      catchGate(() =>
        parseVulnerabilityAddition({ [mime]: { vulnerabilities: [{ id: 'a', links: [1] }] } }, 'd'),
      ).message,
    ).toContain('"links"');
    expect(catchGate(() => parseVulnerabilityAddition({ [mime]: {} }, 'd')).code).toBe('HARBOR_BAD_RESPONSE');
  });

  it('parses an artifact: zero times dropped, platforms, the generic report preferred', () => {
    const a = parseArtifact({
      digest: 'sha256:i',
      manifest_media_type: 'application/vnd.oci.image.index.v1+json',
      references: [
        { child_digest: 'sha256:c', platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
      ],
      scan_overview: {
        'application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0': { scan_status: 'Error' },
        'application/vnd.security.vulnerability.report; version=1.1': {
          report_id: 'r',
          scan_status: 'Pending',
          start_time: '0001-01-01T00:00:00.000Z',
        },
      },
    });
    expect(a.references).toEqual([{ childDigest: 'sha256:c', platform: 'linux/arm64/v8' }]);
    expect(a.scan).toEqual({ reportId: 'r', status: 'Pending' });
    expect(catchGate(() => parseArtifact({ digest: 1 })).code).toBe('HARBOR_BAD_RESPONSE');
  });
});

describe('harborWouldBlock', () => {
  const settings = (over: Partial<ProjectSettings> = {}): ProjectSettings => ({
    projectId: 1,
    name: 'p',
    public: false,
    preventVul: true,
    severity: 'high',
    autoScan: false,
    autoSbomGeneration: false,
    contentTrustCosign: false,
    contentTrustNotation: false,
    reuseSysCveAllowlist: true,
    projectAllowlist: { ids: [], scope: 'project', expiresAt: null },
    ...over,
  });
  const f = (id: string, severity: Finding['severity']): Finding => ({
    id,
    package: 'p',
    version: '1',
    severity,
    links: [],
    cweIds: [],
  });
  const now = 1_700_000_000_000;

  it.each([
    ['prevent_vul off', settings({ preventVul: false }), 'Success', [f('A', 'critical')], [], false],
    ['scan not successful', settings(), 'Error', [], [], true],
    ['no findings', settings(), 'Success', [], [], false],
    ['below threshold', settings(), 'Success', [f('A', 'medium')], [], false],
    ['at threshold', settings(), 'Success', [f('A', 'high')], [], true],
    [
      'allowlisted',
      settings(),
      'Success',
      [f('A', 'critical')],
      [{ ids: ['A'], scope: 'system' as const, expiresAt: null }],
      false,
    ],
    [
      'allowlist expired',
      settings(),
      'Success',
      [f('A', 'critical')],
      [{ ids: ['A'], scope: 'system' as const, expiresAt: now / 1000 }],
      true,
    ],
    [
      'threshold none blocks anything',
      settings({ severity: 'none' }),
      'Success',
      [f('A', 'unknown')],
      [],
      true,
    ],
  ])('%s', (_name, s, status, findings, lists, blocked) => {
    expect(harborWouldBlock(s, { status, findings }, lists, now).blocked).toBe(blocked);
  });
});

/** An HttpClient whose answers come from a function, for the waiting logic. */
class ScriptedHttp extends HttpClient {
  readonly calls: HttpRequest[] = [];
  constructor(
    private readonly answer: (
      req: HttpRequest,
      n: number,
    ) => Partial<HttpResponse> & { json?: unknown; text?: string },
  ) {
    super();
  }
  override request(req: HttpRequest): Promise<HttpResponse> {
    this.calls.push(req);
    const a = this.answer(req, this.calls.length);
    const body = a.json !== undefined ? Buffer.from(JSON.stringify(a.json)) : Buffer.from(a.text ?? '');
    return Promise.resolve({
      status: a.status ?? 200,
      headers: a.headers ?? { 'content-type': 'application/json' },
      url: req.url,
      body,
      retries: 0,
    });
  }
}

const MIME = 'application/vnd.security.vulnerability.report; version=1.1';
const target = harborTarget({ registry: 'harbor.example.com', repository: 'lib/app' });

describe('HarborClient waiting', () => {
  it('backs off 2 s -> 15 s, treats a missing overview as pending, and accepts only a new final report', async () => {
    let polls = 0;
    const http = new ScriptedHttp((req) => {
      if (req.method === 'POST') return { status: 202, text: '' };
      if (req.url.includes('/additions/vulnerabilities'))
        return { json: { [MIME]: { vulnerabilities: [] } } };
      if (req.url.includes('with_scan_overview')) {
        expect(req.headers?.['X-Accept-Vulnerabilities']).toBe(ACCEPT_VULNERABILITIES);
        polls++;
        if (polls === 1)
          return {
            json: {
              digest: 'sha256:d',
              scan_overview: { [MIME]: { report_id: 'old', scan_status: 'Success' } },
            },
          };
        if (polls <= 3) return { json: { digest: 'sha256:d' } };
        if (polls <= 5)
          return {
            json: {
              digest: 'sha256:d',
              scan_overview: { [MIME]: { report_id: 'old', scan_status: 'Success' } },
            },
          };
        if (polls <= 7)
          return {
            json: {
              digest: 'sha256:d',
              scan_overview: { [MIME]: { report_id: 'new', scan_status: 'Running' } },
            },
          };
        return {
          json: {
            digest: 'sha256:d',
            scan_overview: {
              [MIME]: {
                report_id: 'new',
                scan_status: 'Success',
                scanner: { name: 'Trivy', vendor: 'Aqua', version: '1' },
              },
            },
          },
        };
      }
      return { status: 404, json: { errors: [{ code: 'NOT_FOUND', message: 'x' }] } };
    });
    const clock = fakeClock();
    const c = new HarborClient({
      http,
      baseUrl: 'https://harbor.example.com',
      logger: silentLogger,
      clock,
      username: 'robot$lib+ci',
      password: 'pw',
    });
    const report = await c.scan(target, 'sha256:d', { timeoutMs: 600_000 });
    expect(report).toMatchObject({
      status: 'Success',
      findings: [],
      counts: { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 },
    });
    expect(clock.sleeps).toEqual([2000, 4000, 8000, 15000, 15000, 15000]);
    const post = http.calls.find((r) => r.method === 'POST');
    expect(post?.body).toBe('{"scan_type":"vulnerability"}');
    expect(post?.url).toBe(
      'https://harbor.example.com/api/v2.0/projects/lib/repositories/app/artifacts/sha256%3Ad/scan',
    );
  });

  it('a missing overview past the grace period fails with SCAN_NOT_STARTED', async () => {
    const http = new ScriptedHttp((req) =>
      req.method === 'POST' ? { status: 202, text: '' } : { json: { digest: 'sha256:d' } },
    );
    const clock = fakeClock();
    const c = new HarborClient({
      http,
      baseUrl: 'https://h',
      logger: silentLogger,
      clock,
      missingGraceMs: 10_000,
    });
    const e = await c.scan(target, 'sha256:d', { timeoutMs: 600_000 }).catch((x: unknown) => x);
    expect((e as GateError).code).toBe('SCAN_NOT_STARTED');
  });

  it('times out: stops the scan with the scan_type body and shows the log tail', async () => {
    const http = new ScriptedHttp((req) => {
      if (req.url.endsWith('/scan')) return { status: 202, text: '' };
      if (req.url.endsWith('/scan/stop')) return { status: 202, text: '' };
      if (req.url.endsWith('/log'))
        return {
          headers: { 'content-type': 'text/plain' },
          text: Array.from({ length: 100 }, (_, i) => `line ${String(i)}`).join('\n'),
        };
      return {
        json: { digest: 'sha256:d', scan_overview: { [MIME]: { report_id: 'r1', scan_status: 'Pending' } } },
      };
    });
    const clock = fakeClock();
    const c = new HarborClient({
      http,
      baseUrl: 'https://h',
      logger: silentLogger,
      clock,
      pollMinMs: 1000,
      pollMaxMs: 4000,
    });
    const e = (await c.scan(target, 'sha256:d', { timeoutMs: 20_000 }).catch((x: unknown) => x)) as GateError;
    expect(e.code).toBe('SCAN_TIMEOUT');
    expect(e.message).toContain('line 99');
    expect(e.message).toContain('line 70');
    expect(e.message).not.toContain('line 69\n');
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(20_000);
    expect(http.calls.find((r) => r.url.endsWith('/scan/stop'))?.body).toBe('{"scan_type":"vulnerability"}');
  });

  it('an HTML page instead of JSON is a clear error', async () => {
    const http = new ScriptedHttp(() => ({
      headers: { 'content-type': 'text/html' },
      text: '<html><body>Sign in</body></html>',
    }));
    const c = new HarborClient({ http, baseUrl: 'https://h', logger: silentLogger });
    const e = (await c.preflight(target).catch((x: unknown) => x)) as GateError;
    expect(e.code).toBe('HARBOR_NOT_HARBOR');
  });

  it('malformed JSON is HTTP_BAD_JSON; a 5xx is HARBOR_SERVER_ERROR', async () => {
    const bad = new HarborClient({
      http: new ScriptedHttp(() => ({ text: '{"harbor_version": ' })),
      baseUrl: 'https://h',
      logger: silentLogger,
    });
    expect(((await bad.preflight(target).catch((x: unknown) => x)) as GateError).code).toBe('HTTP_BAD_JSON');
    const down = new HarborClient({
      http: new ScriptedHttp(() => ({
        status: 500,
        headers: { 'content-type': 'application/json', 'x-request-id': '5f0c2c6e-request' },
        json: { errors: [{ code: 'UNKNOWN', message: 'internal server error' }] },
      })),
      baseUrl: 'https://h',
      logger: silentLogger,
    });
    const e = (await down.preflight(target).catch((x: unknown) => x)) as GateError;
    expect(e.code).toBe('HARBOR_SERVER_ERROR');
    // The request id is what an admin searches Harbor's logs for.
    expect(e.message).toContain('X-Request-Id 5f0c2c6e-request');
    expect(e.remedy).toContain('search its core and jobservice logs for 5f0c2c6e-request');
  });
});

describe('HarborClient status lines, timeouts and hostile text', () => {
  const D = `sha256:${'d'.repeat(64)}`;
  const SHORT = `sha256:${'d'.repeat(12)}…`;

  /** A logger that stamps each line with the fake clock's time. */
  function timedLogger(clock: { now(): number }) {
    const lines: { t: number; level: string; text: string }[] = [];
    const at =
      (level: string) =>
      (text: string): void => {
        lines.push({ t: clock.now(), level, text });
      };
    return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
  }

  /** Harbor answering Running until `doneAt` (clock time), then Success with an empty report. */
  function runningUntil(clock: { now(): number }, doneAt: number, log = 'line') {
    return new ScriptedHttp((req) => {
      if (req.url.endsWith('/scan') || req.url.endsWith('/scan/stop')) return { status: 202, text: '' };
      if (req.url.endsWith('/log')) return { headers: { 'content-type': 'text/plain' }, text: log };
      if (req.url.includes('/additions/vulnerabilities'))
        return { json: { [MIME]: { vulnerabilities: [] } } };
      const status = clock.now() >= doneAt ? 'Success' : 'Running';
      return { json: { digest: D, scan_overview: { [MIME]: { report_id: 'r1', scan_status: status } } } };
    });
  }

  it('logs a heartbeat with the elapsed time at least every 30 s, and short digests', async () => {
    const clock = fakeClock();
    const start = clock.now();
    const { lines, logger } = timedLogger(clock);
    const c = new HarborClient({
      http: runningUntil(clock, start + 100_000),
      baseUrl: 'https://h',
      logger,
      clock,
    });
    await c.scan(target, D, { timeoutMs: 600_000 });
    const info = lines.filter((l) => l.level === 'info');
    const beats = info.filter((l) => l.text.includes('elapsed'));
    expect(beats.map((b) => b.text)).toEqual([
      `scan of ${SHORT} Running, 30s elapsed (timeout 10m)`,
      `scan of ${SHORT} Running, 1m elapsed (timeout 10m)`,
      `scan of ${SHORT} Running, 1m30s elapsed (timeout 10m)`,
    ]);
    // Never more than 30 s without a line while waiting, and heartbeats at most every 30 s.
    for (let i = 1; i < info.length; i++)
      expect((info[i]?.t ?? 0) - (info[i - 1]?.t ?? 0)).toBeLessThanOrEqual(30_000);
    for (let i = 1; i < beats.length; i++)
      expect((beats[i]?.t ?? 0) - (beats[i - 1]?.t ?? 0)).toBeGreaterThanOrEqual(30_000);
    expect(info.some((l) => l.text === `scan of ${SHORT}: Success`)).toBe(true);
    expect(info.every((l) => !l.text.includes(D))).toBe(true);
  });

  it('an SBOM generation gets the same heartbeat', async () => {
    const clock = fakeClock();
    const start = clock.now();
    const { lines, logger } = timedLogger(clock);
    const http = new ScriptedHttp((req) => {
      if (req.url.includes('/systeminfo'))
        return { json: { auth_mode: 'db_auth', harbor_version: 'v2.11.0' } };
      if (req.url.endsWith('/scanner'))
        return { json: { name: 'Trivy', capabilities: { support_vulnerability: true, support_sbom: true } } };
      if (req.url.endsWith('/scan')) return { status: 202, text: '' };
      if (req.url.endsWith('/additions/sbom')) return { json: { spdxVersion: 'SPDX-2.3' } };
      const done = clock.now() >= start + 45_000;
      return {
        json: {
          digest: D,
          sbom_overview: {
            report_id: 's1',
            scan_status: done ? 'Success' : 'Running',
            ...(done ? { sbom_digest: `sha256:${'5'.repeat(64)}` } : {}),
          },
        },
      };
    });
    const c = new HarborClient({ http, baseUrl: 'https://h', logger, clock });
    const sbom = await c.generateSbom(target, D, { timeoutMs: 120_000 });
    expect(sbom.document).toEqual({ spdxVersion: 'SPDX-2.3' });
    expect(lines.map((l) => l.text)).toContain(
      `SBOM generation of ${SHORT} Running, 30s elapsed (timeout 2m)`,
    );
  });

  it('a very short --scan-timeout is named as such, in a readable unit, and keeps SCAN_TIMEOUT', async () => {
    const clock = fakeClock();
    const c = new HarborClient({
      http: runningUntil(clock, Number.MAX_SAFE_INTEGER),
      baseUrl: 'https://h',
      logger: silentLogger,
      clock,
    });
    const e = (await c.scan(target, D, { timeoutMs: 200 }).catch((x: unknown) => x)) as GateError;
    expect(e.code).toBe('SCAN_TIMEOUT');
    expect(e.message).toContain('did not finish within 200ms');
    expect(e.remedy).toContain('200ms is very short');
    expect(e.remedy).toContain('--scan-timeout');
    expect(e.remedy).not.toContain('jobservice');
    const long = new HarborClient({
      http: runningUntil(clock, Number.MAX_SAFE_INTEGER),
      baseUrl: 'https://h',
      logger: silentLogger,
      clock,
    });
    const e2 = (await long.scan(target, D, { timeoutMs: 90_000 }).catch((x: unknown) => x)) as GateError;
    expect(e2.code).toBe('SCAN_TIMEOUT');
    expect(e2.message).toContain('within 1m30s');
    expect(e2.remedy).toContain('jobservice');
  });

  it('cleans escape sequences and workflow commands out of the scan log and Harbor error text', async () => {
    const clock = fakeClock();
    const log = 'ok\n\u001b[2J\u001b]8;;https://evil\u0007click\u001b]8;;\u0007\n::error::forged\r\nlast';
    const c = new HarborClient({
      http: runningUntil(clock, Number.MAX_SAFE_INTEGER, log),
      baseUrl: 'https://h',
      logger: silentLogger,
      clock,
    });
    const e = (await c.scan(target, D, { timeoutMs: 60_000 }).catch((x: unknown) => x)) as GateError;
    expect(e.code).toBe('SCAN_TIMEOUT');
    expect(e.message).not.toContain('\u001b');
    expect(e.message).not.toContain('::error::');
    expect(e.message).toContain(':%3Aerror:%3Aforged');
    expect(e.message).toContain('click');
    const hostile = new HarborClient({
      http: new ScriptedHttp(() => ({
        status: 403,
        json: { errors: [{ code: 'FORBIDDEN', message: 'no\n::add-mask::x \u001b[31mred' }] },
      })),
      baseUrl: 'https://h',
      logger: silentLogger,
    });
    const f = (await hostile.getProjectSettings('lib').catch((x: unknown) => x)) as GateError;
    expect(f.code).toBe('HARBOR_PROJECT_FORBIDDEN');
    const g = (await hostile.getArtifact(target, D).catch((x: unknown) => x)) as GateError;
    expect(g.code).toBe('HARBOR_FORBIDDEN');
    expect(g.message).toContain('FORBIDDEN: no :%3Aadd-mask:%3Ax red');
  });

  it('a 200 /systeminfo that is not Harbor is HARBOR_NOT_FOUND', async () => {
    const c = new HarborClient({
      http: new ScriptedHttp(() => ({ json: { repositories: [] } })),
      baseUrl: 'https://registry.example.com',
      logger: silentLogger,
    });
    const e = (await c.preflight(target).catch((x: unknown) => x)) as GateError;
    expect(e.code).toBe('HARBOR_NOT_FOUND');
    expect(e.message).toContain('no Harbor API at https://registry.example.com');
  });
});

describe('HarborClient credentials over plain HTTP', () => {
  const ok = (): ScriptedHttp =>
    new ScriptedHttp(() => ({ json: { auth_mode: 'db_auth', harbor_version: 'v2.11.0' } }));

  it('refuses to send credentials over http to a host that is not loopback', async () => {
    for (const baseUrl of ['http://harbor.example.com', 'http://10.0.0.5:8080', 'http://[fe80::1]']) {
      const http = ok();
      const c = new HarborClient({
        http,
        baseUrl,
        username: 'robot$lib+ci',
        password: 'pw',
        logger: silentLogger,
      });
      const e = (await c.getProjectSettings('lib').catch((x: unknown) => x)) as GateError;
      expect(e).toBeInstanceOf(GateError);
      expect(e.code).toBe('HARBOR_CLEARTEXT_CREDENTIALS');
      expect(e.kind).toBe('input');
      expect(e.remedy).toContain('https');
      expect(e.remedy).toContain('--plain-http');
      expect(http.calls).toHaveLength(0);
    }
  });

  it('allows loopback, https, anonymous access, and plainHttp when the user accepts the risk', async () => {
    const cases: { baseUrl: string; creds: boolean; plainHttp?: boolean }[] = [
      { baseUrl: 'http://127.0.0.1:5000', creds: true },
      { baseUrl: 'http://127.8.9.10', creds: true },
      { baseUrl: 'http://localhost:8080', creds: true },
      { baseUrl: 'http://[::1]:8080', creds: true },
      { baseUrl: 'https://harbor.example.com', creds: true },
      { baseUrl: 'http://harbor.example.com', creds: false },
      { baseUrl: 'http://harbor.example.com', creds: true, plainHttp: true },
    ];
    for (const k of cases) {
      const http = ok();
      const c = new HarborClient({
        http,
        baseUrl: k.baseUrl,
        ...(k.creds ? { username: 'robot$lib+ci', password: 'pw' } : {}),
        ...(k.plainHttp !== undefined ? { plainHttp: k.plainHttp } : {}),
        logger: silentLogger,
      });
      await c.getProjectSettings('lib').catch(() => undefined);
      expect(http.calls.length, k.baseUrl).toBe(1);
      expect(http.calls[0]?.headers?.Authorization !== undefined).toBe(k.creds);
    }
  });
});
