/**
 * The Harbor client against the Harbor-compatible server in front of the real distribution 2.8.2
 * with `auth: token` (Harbor's own architecture): images are pushed through the /v2/ front with
 * the token flow, then scanned through each scripted case. Every /api/v2.0 response the client
 * sees is checked against Harbor's swagger.yaml.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GateError } from '../../src/errors.js';
import { HttpClient } from '../../src/http/client.js';
import { runCli } from '../helpers/cli.js';
import type { Logger } from '../../src/logger.js';
import { HarborClient, harborTarget, harborWouldBlock, type HarborTarget } from '../../src/harbor/index.js';
import { RegistryClient } from '../../src/oci/registry.js';
import { parseReference } from '../../src/oci/reference.js';
import {
  GATE_PERMISSIONS,
  startHarborServer,
  type HarborServer,
  type VulnItem,
} from '../../src/embedded/harbor/index.js';
import { startRegistry, type TestRegistry } from '../servers/registry.js';
import { SwaggerValidator, ValidatingHttpClient } from '../servers/swagger.js';

const ROBOT = 'robot$library+ci';
const ROBOT_PW = 'Robot-Secret-123';
const validator = new SwaggerValidator();
let harbor: HarborServer;
let registry: TestRegistry;
let tmp: string;
let http: ValidatingHttpClient;
const logs: string[] = [];

const logger: Logger = {
  debug: (m) => logs.push(`debug: ${m}`),
  info: (m) => logs.push(m),
  warn: (m) => logs.push(`warning: ${m}`),
  error: (m) => logs.push(`error: ${m}`),
};

function client(username = ROBOT, password = ROBOT_PW): HarborClient {
  return new HarborClient({
    http,
    baseUrl: harbor.url,
    username,
    password,
    logger,
    pollMinMs: 10,
    pollMaxMs: 80,
    missingGraceMs: 1500,
  });
}

function target(image: string): HarborTarget {
  return harborTarget(parseReference(`${harbor.host}/${image}`));
}

const MT = {
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  index: 'application/vnd.oci.image.index.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layer: 'application/vnd.oci.image.layer.v1.tar',
};

/** Push a tiny single-layer image (unique content) through the Harbor front; returns its digest. */
async function pushImage(
  repo: string,
  tag: string,
  arch = 'amd64',
  username = ROBOT,
  password = ROBOT_PW,
): Promise<string> {
  const reg = new RegistryClient({ http, credentials: () => Promise.resolve({ username, password }) });
  const r = reg.repository(harbor.host, repo);
  const layer = await r.pushBlobBytes(crypto.randomBytes(64), MT.layer);
  const config = await r.pushBlobBytes(
    Buffer.from(
      JSON.stringify({
        architecture: arch,
        os: 'linux',
        rootfs: { type: 'layers', diff_ids: [layer.digest] },
      }),
    ),
    MT.config,
  );
  const manifest = Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType: MT.manifest, config, layers: [layer] }),
  );
  const { digest } = await r.pushManifest(tag, manifest, MT.manifest);
  return digest;
}

async function pushIndex(
  repo: string,
  tag: string,
  children: { digest: string; arch: string }[],
): Promise<string> {
  const reg = new RegistryClient({
    http,
    credentials: () => Promise.resolve({ username: ROBOT, password: ROBOT_PW }),
  });
  const r = reg.repository(harbor.host, repo);
  const manifests = [];
  for (const c of children) {
    const m = await r.fetchManifest(c.digest);
    manifests.push({
      mediaType: MT.manifest,
      digest: c.digest,
      size: m?.bytes.length ?? 0,
      platform: { architecture: c.arch, os: 'linux' },
    });
  }
  const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MT.index, manifests }));
  return (await r.pushManifest(tag, index, MT.index)).digest;
}

async function rejects(p: Promise<unknown>): Promise<GateError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(GateError);
    return e as GateError;
  }
  throw new Error('expected a GateError');
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-harbor-'));
  harbor = await startHarborServer({
    version: 'v2.11.0-test',
    projects: [
      {
        name: 'library',
        allowlist: { items: ['CVE-2022-37434'] },
        metadata: { prevent_vul: 'true', severity: 'high', reuse_sys_cve_allowlist: 'false' },
      },
      { name: 'autoscan', metadata: { auto_scan: 'true' } },
      { name: 'noscanner', scanner: null },
      { name: '1' },
    ],
    users: [
      {
        username: ROBOT,
        password: ROBOT_PW,
        permissions: {
          library: GATE_PERMISSIONS,
          autoscan: GATE_PERMISSIONS,
          noscanner: GATE_PERMISSIONS,
          '1': GATE_PERMISSIONS,
        },
      },
      {
        username: 'robot$library+pullonly',
        password: 'pull-only-pw',
        permissions: { library: ['repository:pull', 'artifact:read', 'project:read'] },
      },
    ],
    systemAllowlist: { items: ['CVE-2019-18276'], expiresAt: null },
  });
  const cert = path.join(tmp, 'token.crt');
  fs.writeFileSync(cert, harbor.certPem);
  registry = await startRegistry({ token: { ...harbor.tokenAuth, rootcertbundle: cert } });
  harbor.setBackend(registry.url);
  http = new ValidatingHttpClient(validator);
});

afterAll(async () => {
  http.close();
  await harbor.stop();
  await registry.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

afterEach(() => {
  // Every /api/v2.0 answer the client saw must match Harbor's published contract.
  const found = http.violations.splice(0);
  expect(found).toEqual([]);
});

describe('Harbor client against the Harbor-compatible server + distribution (auth: token)', () => {
  it('preflight: version, project, healthy scanner and the robot permissions', async () => {
    const pre = await client().preflight(target('library/app'));
    expect(pre.harborVersion).toBe('v2.11.0-test');
    expect(pre.scanner?.name).toBe('Trivy');
    expect(pre.scanner?.health).toBe('healthy');
    expect(pre.permissions).toContain('scan:create');
    expect(pre.warnings).toEqual([]);
  });

  it('scans a pushed image and normalises the report', async () => {
    const digest = await pushImage('library/app', 'v1');
    const report = await client().scan(target('library/app'), digest, { timeoutMs: 10_000 });
    expect(report.status).toBe('Success');
    expect(report.digest).toBe(digest);
    expect(report.scanner?.name).toBe('Trivy');
    expect(report.counts).toEqual({ critical: 1, high: 1, medium: 0, low: 2, unknown: 1 });
    expect(report.fixable).toBe(3);
    const zlib = report.findings.find((f) => f.id === 'CVE-2022-37434');
    expect(zlib?.links).toEqual([]);
    expect(zlib?.cweIds).toEqual(['CWE-787']);
    expect(zlib?.cvss).toMatchObject({ score: 9.8, version: '3' });
    expect(report.findings.find((f) => f.id === 'GHSA-xxxx-yyyy-zzzz')?.cvss).toBeUndefined();
    expect(report.findings.find((f) => f.id === 'CVE-2016-2781')?.severity).toBe('low');
    expect(report.findings.every((f) => f.artifactDigest === digest)).toBe(true);
  });

  it('times out on a scan that stays Pending: stops it and shows the log', async () => {
    const digest = await pushImage('library/stuck', 'v1');
    harbor.scanner.setScript(digest, { outcome: 'pending' });
    const e = await rejects(client().scan(target('library/stuck'), digest, { timeoutMs: 300 }));
    expect(e.code).toBe('SCAN_TIMEOUT');
    expect(e.message).toContain('the job was stopped');
    expect(e.message).toContain('last status: Pending');
    expect(e.message).toContain('the scan was stopped');
    expect(e.message).toContain('did not finish within 300ms');
    expect(e.remedy).toContain('300ms is very short');
    expect(e.exitCode).toBe(3);
    const r = harbor.scanner.current(digest, 'vulnerability');
    expect(r && harbor.scanner.status(r)).toBe('Stopped');
    expect(harbor.requests.some((q) => q.path.endsWith('/scan/stop') && q.status === 202)).toBe(true);
  });

  it('fails with SCAN_FAILED and the log tail when the scan errors', async () => {
    const digest = await pushImage('library/broken', 'v1');
    harbor.scanner.setScript(digest, { outcome: 'error', durationMs: 40 });
    const e = await rejects(client().scan(target('library/broken'), digest, { timeoutMs: 5000 }));
    expect(e.code).toBe('SCAN_FAILED');
    expect(e.message).toContain('failed to download vulnerability DB');
  });

  it('waits for a scan that is already running (409)', async () => {
    const digest = await pushImage('library/busy', 'v1');
    harbor.scanner.setScript(digest, { durationMs: 200 });
    harbor.startScan(digest);
    const report = await client().scan(target('library/busy'), digest, { timeoutMs: 5000 });
    expect(report.status).toBe('Success');
    expect(
      harbor.requests.some((q) => q.path.includes('/busy/') && q.path.endsWith('/scan') && q.status === 409),
    ).toBe(true);
    expect(logs.some((l) => l.includes('already running'))).toBe(true);
  });

  it('auto-scan on push: the trigger meets 409 and the running scan is awaited', async () => {
    const digest = await pushImage('autoscan/app', 'v1');
    expect(harbor.scanner.current(digest, 'vulnerability')).toBeDefined();
    const report = await client().scan(target('autoscan/app'), digest, { timeoutMs: 5000 });
    expect(report.status).toBe('Success');
    expect(report.findings.length).toBeGreaterThan(0);
  });

  it('an index is done only when every child is: per-platform findings', async () => {
    const amd = await pushImage('library/multi', 'amd64', 'amd64');
    const arm = await pushImage('library/multi', 'arm64', 'arm64');
    const only: VulnItem[] = [
      {
        id: 'CVE-2024-0001',
        package: 'openssl',
        version: '3.0.0',
        fix_version: '3.0.1',
        severity: 'Medium',
        description: '',
        links: [],
        preferred_cvss: { score_v3: 5.0, score_v2: null, vector_v3: '', vector_v2: '' },
        cwe_ids: [],
        vendor_attributes: null,
      },
    ];
    harbor.scanner.setScript(amd, { durationMs: 20 });
    harbor.scanner.setScript(arm, { durationMs: 600, vulnerabilities: only });
    const index = await pushIndex('library/multi', 'v1', [
      { digest: amd, arch: 'amd64' },
      { digest: arm, arch: 'arm64' },
    ]);
    const report = await client().scan(target('library/multi'), index, { timeoutMs: 10_000 });
    expect(report.status).toBe('Success');
    expect(report.platforms).toEqual([
      { platform: 'linux/amd64', digest: amd, status: 'Success' },
      { platform: 'linux/arm64', digest: arm, status: 'Success' },
    ]);
    expect(report.findings.find((f) => f.id === 'CVE-2024-0001')).toMatchObject({
      platform: 'linux/arm64',
      artifactDigest: arm,
    });
    expect(report.findings.filter((f) => f.platform === 'linux/amd64')).toHaveLength(5);
    // The client saw the limited success (< 100 %) while arm64 was still scanning, and waited.
    expect(logs.some((l) => /scan of sha256:[0-9a-f]{12}…: Success 50%/.test(l))).toBe(true);
    expect(report.counts.medium).toBe(1);
  });

  it("an index whose platform failed is Harbor's limited success: SCAN_INCOMPLETE at once, naming it", async () => {
    const amd = await pushImage('library/partial', 'amd64', 'amd64');
    const arm = await pushImage('library/partial', 'arm64', 'arm64');
    harbor.scanner.setScript(amd, { durationMs: 20 });
    harbor.scanner.setScript(arm, { outcome: 'error', durationMs: 200, log: 'adapter: unsupported OS' });
    const index = await pushIndex('library/partial', 'v1', [
      { digest: amd, arch: 'amd64' },
      { digest: arm, arch: 'arm64' },
    ]);
    // Before, the client kept polling a finished 50% until this deadline and then said SCAN_TIMEOUT.
    const err = await client()
      .scan(target('library/partial'), index, { timeoutMs: 60_000 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GateError);
    expect(err).toMatchObject({ code: 'SCAN_INCOMPLETE', exitCode: 3 });
    expect((err as GateError).message).toContain(`scanned only 50% of the platforms`);
    expect((err as GateError).message).toContain(`linux/arm64 ${arm}: Error`);
    expect((err as GateError).message).not.toContain(amd);
  });

  it('an index at Success without complete_percent waits for a child with no scan overview, and includes it (issue 20 item 5)', async () => {
    const amd = await pushImage('library/nopercent', 'amd64', 'amd64');
    const arm = await pushImage('library/nopercent', 'arm64', 'arm64');
    const armOnly: VulnItem[] = [
      {
        id: 'CVE-2024-0777',
        package: 'busybox',
        version: '1.36.0',
        fix_version: '1.36.1',
        severity: 'Critical',
        description: '',
        links: [],
        preferred_cvss: { score_v3: 9.8, score_v2: null, vector_v3: '', vector_v2: '' },
        cwe_ids: [],
        vendor_attributes: null,
      },
    ];
    harbor.scanner.setScript(amd, { durationMs: 10 });
    // arm64 shows no scan overview at all for its first 500 ms, then finishes with a critical.
    harbor.scanner.setScript(arm, { durationMs: 600, overviewHiddenMs: 500, vulnerabilities: armOnly });
    const index = await pushIndex('library/nopercent', 'v1', [
      { digest: amd, arch: 'amd64' },
      { digest: arm, arch: 'arm64' },
    ]);
    harbor.scanner.setScript(index, { omitCompletePercent: true });
    const report = await client().scan(target('library/nopercent'), index, { timeoutMs: 10_000 });
    // Before, the gate passed on amd64 alone: arm64's critical was missing.
    expect(report.findings.find((f) => f.id === 'CVE-2024-0777')).toMatchObject({
      platform: 'linux/arm64',
      artifactDigest: arm,
    });
    expect(report.platforms).toEqual([
      { platform: 'linux/amd64', digest: amd, status: 'Success' },
      { platform: 'linux/arm64', digest: arm, status: 'Success' },
    ]);
    expect(logs.some((l) => l.includes('1 of 2 platforms finished (waiting for linux/arm64)'))).toBe(true);
  });

  it('an index at Success without complete_percent whose child never shows a scan fails closed (SCAN_TIMEOUT, exit 3)', async () => {
    const amd = await pushImage('library/nooverview', 'amd64', 'amd64');
    const arm = await pushImage('library/nooverview', 'arm64', 'arm64');
    harbor.scanner.setScript(amd, { durationMs: 10 });
    harbor.scanner.setScript(arm, { outcome: 'pending', overviewHiddenMs: Infinity });
    const index = await pushIndex('library/nooverview', 'v1', [
      { digest: amd, arch: 'amd64' },
      { digest: arm, arch: 'arm64' },
    ]);
    harbor.scanner.setScript(index, { omitCompletePercent: true });
    const err = await client()
      .scan(target('library/nooverview'), index, { timeoutMs: 1500 })
      .catch((e: unknown) => e);
    // Before, this resolved with the amd64 findings as the whole image's.
    expect(err).toBeInstanceOf(GateError);
    expect(err).toMatchObject({ code: 'SCAN_TIMEOUT', exitCode: 3 });
    expect((err as GateError).message).toContain(`still waiting for linux/arm64 ${arm}: no scan`);
  });

  it('an index at Success without complete_percent whose child failed is SCAN_INCOMPLETE, naming it', async () => {
    const amd = await pushImage('library/nopercentfail', 'amd64', 'amd64');
    const arm = await pushImage('library/nopercentfail', 'arm64', 'arm64');
    harbor.scanner.setScript(amd, { durationMs: 10 });
    harbor.scanner.setScript(arm, { outcome: 'error', durationMs: 100, log: 'adapter: unsupported OS' });
    const index = await pushIndex('library/nopercentfail', 'v1', [
      { digest: amd, arch: 'amd64' },
      { digest: arm, arch: 'arm64' },
    ]);
    harbor.scanner.setScript(index, { omitCompletePercent: true });
    const err = await client()
      .scan(target('library/nopercentfail'), index, { timeoutMs: 10_000 })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'SCAN_INCOMPLETE', exitCode: 3 });
    expect((err as GateError).message).toContain(`scanned only 50% of the platforms`);
    expect((err as GateError).message).toContain(`linux/arm64 ${arm}: Error`);
  });

  it('an empty report ({}) is an error, not a clean result', async () => {
    const digest = await pushImage('library/empty', 'v1');
    harbor.scanner.setScript(digest, { outcome: 'empty' });
    const e = await rejects(client().scan(target('library/empty'), digest, { timeoutMs: 5000 }));
    expect(e.code).toBe('HARBOR_REPORT_EMPTY');
  });

  it('ignores an old report of the same digest and waits for the new one', async () => {
    const digest = await pushImage('library/old', 'v1');
    const fresh: VulnItem[] = [
      {
        id: 'CVE-2024-9999',
        package: 'curl',
        version: '8.0.0',
        fix_version: '',
        severity: 'Critical',
        description: 'new',
        links: ['https://example.com'],
        preferred_cvss: { score_v3: 9.1, score_v2: null, vector_v3: '', vector_v2: '' },
        cwe_ids: [],
        vendor_attributes: null,
      },
    ];
    harbor.scanner.setScript(digest, {
      previous: { vulnerabilities: [] },
      staleReadsMs: 300,
      vulnerabilities: fresh,
      durationMs: 20,
    });
    const report = await client().scan(target('library/old'), digest, { timeoutMs: 5000 });
    expect(report.findings.map((f) => f.id)).toEqual(['CVE-2024-9999']);
    expect(report.counts.critical).toBe(1);
  });

  it('no scanner: preflight says so, and the trigger (412) too', async () => {
    const e = await rejects(client().preflight(target('noscanner/app')));
    expect(e.code).toBe('HARBOR_NO_SCANNER');
    const digest = await pushImage('noscanner/app', 'v1');
    const e2 = await rejects(client().scan(target('noscanner/app'), digest, { timeoutMs: 2000 }));
    expect(e2.code).toBe('HARBOR_NO_SCANNER');
    expect(e2.message).toContain('no available scanner');
  });

  it('bad credentials: a clear error that never shows the password', async () => {
    const e = await rejects(client(ROBOT, 'wrong-password-xyz').preflight(target('library/app')));
    expect(e.code).toBe('HARBOR_UNAUTHORIZED');
    expect(e.remedy).toContain('robot$<project>+<name>');
    const text = JSON.stringify(e.toJSON()) + e.message + logs.join('\n');
    expect(text).not.toContain('wrong-password-xyz');
    expect(text).not.toContain(Buffer.from(`${ROBOT}:wrong-password-xyz`).toString('base64'));
    const digest = await pushImage('library/app', 'v2');
    const e2 = await rejects(
      client(ROBOT, 'wrong-password-xyz').scan(target('library/app'), digest, { timeoutMs: 1000 }),
    );
    expect(e2.code).toBe('HARBOR_UNAUTHORIZED');
  });

  it('on an OIDC Harbor, a refused user is told that CLI secrets do not work for the API', async () => {
    const oidc = await startHarborServer({
      version: 'v2.11.0-test',
      authMode: 'oidc_auth',
      projects: [{ name: 'library' }],
    });
    try {
      const c = new HarborClient({
        http,
        baseUrl: oidc.url,
        username: 'alice',
        password: 'cli-secret-123',
        logger,
      });
      const e = await rejects(c.preflight(target('library/app')));
      expect(e.code).toBe('HARBOR_UNAUTHORIZED');
      expect(e.remedy).toContain("a user's CLI secret works for docker push but not for Harbor's API");
      const robot = new HarborClient({ http, baseUrl: oidc.url, username: ROBOT, password: 'wrong', logger });
      expect((await rejects(robot.preflight(target('library/app')))).remedy).not.toContain('OIDC');
    } finally {
      await oidc.stop();
    }
  });

  it('a robot without scan permission: preflight names the permission, the trigger is 403', async () => {
    const weak = client('robot$library+pullonly', 'pull-only-pw');
    const e = await rejects(weak.preflight(target('library/app')));
    expect(e.code).toBe('HARBOR_PERMISSION_MISSING');
    expect(e.message).toContain('scan:create');
    expect(e.message).toContain('artifact-addition:read');
    const digest = await pushImage('library/app', 'v3');
    const e2 = await rejects(weak.scan(target('library/app'), digest, { timeoutMs: 1000 }));
    expect(e2.code).toBe('HARBOR_FORBIDDEN');
    expect(e2.remedy).toContain('scan:create');
  });

  it('a numeric project name is sent with X-Is-Resource-Name', async () => {
    // Project "1" is not project id 1 (that is "library", with a different allowlist).
    const settings = await client().getProjectSettings('1');
    expect(settings.name).toBe('1');
    const digest = await pushImage('1/app', 'v1');
    const pre = await client().preflight(target('1/app'));
    expect(pre.projectId).toBe(settings.projectId);
    const report = await client().scan(target('1/app'), digest, { timeoutMs: 5000 });
    expect(report.status).toBe('Success');
  });

  it("a repository with '/' is double-encoded", async () => {
    const t = target('library/team/service/api');
    expect(t.repository).toBe('team/service/api');
    const digest = await pushImage('library/team/service/api', 'v1');
    const report = await client().scan(t, digest, { timeoutMs: 5000 });
    expect(report.status).toBe('Success');
    expect(harbor.requests.some((q) => q.path.includes('team%252Fservice%252Fapi'))).toBe(true);
  });

  it('project settings, allowlists and the pull-prevention check', async () => {
    const c = client();
    const settings = await c.getProjectSettings('library');
    expect(settings).toMatchObject({
      preventVul: true,
      severity: 'high',
      reuseSysCveAllowlist: false,
      autoScan: false,
    });
    const own = await c.getAllowlists('library');
    expect(own).toEqual([{ ids: ['CVE-2022-37434'], scope: 'project', expiresAt: null }]);
    expect(await c.getAllowlists('autoscan')).toEqual([
      { ids: ['CVE-2019-18276'], scope: 'system', expiresAt: null },
    ]);
    const digest = await pushImage('library/app', 'v4');
    const report = await c.scan(target('library/app'), digest, { timeoutMs: 5000 });
    // The critical zlib finding is allowlisted, the high one is not: Harbor would block pulls.
    const verdict = harborWouldBlock(settings, report, own, Date.now());
    expect(verdict.blocked).toBe(true);
    expect(verdict.reason).toContain('CVE-2023-44487');
  });

  it('generates an SBOM through Harbor and returns the document', async () => {
    const digest = await pushImage('library/sbom', 'v1');
    const c = client();
    await c.preflight(target('library/sbom'));
    const sbom = await c.generateSbom(target('library/sbom'), digest, { timeoutMs: 5000 });
    expect(sbom.sbomDigest).toMatch(/^sha256:/);
    expect(sbom.document).toMatchObject({ spdxVersion: 'SPDX-2.3' });
    const art = await c.getArtifact(target('library/sbom'), digest, { accessories: true });
    expect(art.accessories).toEqual([{ digest: sbom.sbomDigest, type: 'sbom.harbor' }]);
  });

  it('refuses SBOM generation on Harbor before 2.11 even when asked before the preflight (as the gate does)', async () => {
    const old = await startHarborServer({
      version: 'v2.10.2-abcdef',
      projects: [{ name: 'library' }],
      users: [{ username: ROBOT, password: ROBOT_PW, permissions: { library: GATE_PERMISSIONS } }],
    });
    try {
      const c = new HarborClient({ http, baseUrl: old.url, username: ROBOT, password: ROBOT_PW, logger });
      const err = await rejects(
        c.generateSbom(target('library/app'), `sha256:${'a'.repeat(64)}`, { timeoutMs: 5000 }),
      );
      expect(err).toMatchObject({ code: 'HARBOR_SBOM_UNSUPPORTED', exitCode: 2 });
      expect(err.message).toContain('Harbor v2.10.2-abcdef cannot generate SBOMs');
      // Refused before anything was triggered: no scan request reached Harbor.
      expect(old.requests.filter((r) => r.method === 'POST')).toEqual([]);
    } finally {
      await old.stop();
    }
  });

  it('the /v2 front records referrers (OCI-Subject) and filters by artifactType', async () => {
    const digest = await pushImage('library/signed', 'v1');
    const reg = new RegistryClient({
      http,
      credentials: () => Promise.resolve({ username: ROBOT, password: ROBOT_PW }),
    });
    const r = reg.repository(harbor.host, 'library/signed');
    const empty = await r.pushBlobBytes(Buffer.from('{}'), 'application/vnd.oci.empty.v1+json');
    const bundle = await r.pushBlobBytes(
      Buffer.from('{"bundle":true}'),
      'application/vnd.dev.sigstore.bundle.v0.3+json',
    );
    const subject = await r.fetchManifest(digest);
    const sig = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MT.manifest,
        artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
        config: empty,
        layers: [bundle],
        subject: { mediaType: MT.manifest, digest, size: subject?.bytes.length ?? 0 },
      }),
    );
    const put = await r.pushManifest(
      crypto.createHash('sha256').update(sig).digest('hex').replace(/^/, 'sha256:'),
      sig,
      MT.manifest,
    );
    expect(put.headers['oci-subject']).toBe(digest);
    const all = await r.request({ method: 'GET', path: `referrers/${digest}` });
    expect(JSON.parse(all.body.toString('utf8'))).toMatchObject({
      manifests: [{ digest: put.digest, artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json' }],
    });
    const none = await r.request({
      method: 'GET',
      path: `referrers/${digest}`,
      query: { artifactType: 'application/spdx+json' },
    });
    expect(none.headers['oci-filters-applied']).toBe('artifactType');
    expect(JSON.parse(none.body.toString('utf8'))).toMatchObject({ manifests: [] });
    const art = await client().getArtifact(target('library/signed'), digest, { accessories: true });
    expect(art.accessories).toEqual([{ digest: put.digest, type: 'signature.cosign' }]);
  });

  it('harbor-gate scan --json prints the CLI.md shape; a bad password exits 2 without showing it', async () => {
    await pushImage('library/cli', '1.0');
    const run = async (
      env: NodeJS.ProcessEnv,
      ...args: string[]
    ): Promise<{ code: number; out: string; err: string }> => runCli(['scan', ...args], env, { cwd: tmp });
    const image = `${harbor.host}/library/cli:1.0`;
    const ok = await run(
      { HARBOR_GATE_PASSWORD: ROBOT_PW },
      '--image',
      image,
      '--harbor-url',
      harbor.url,
      '--username',
      ROBOT,
      '--scan-timeout',
      '30s',
      '--json',
    );
    expect(ok.code).toBe(0);
    const json = JSON.parse(ok.out) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual([
      'counts',
      'digest',
      'fixable',
      'scanner',
      'status',
      'vulnerabilities',
    ]);
    expect(json).toMatchObject({
      status: 'Success',
      counts: { critical: 1, high: 1, medium: 0, low: 2, unknown: 1 },
      fixable: 3,
    });
    expect((json.vulnerabilities as unknown[])[0]).toEqual(
      expect.objectContaining({
        id: expect.any(String),
        package: expect.any(String),
        version: expect.any(String),
        fixVersion: expect.anything(),
        severity: expect.any(String),
        cvss: expect.anything(),
      }),
    );
    const text = await run(
      { HARBOR_GATE_PASSWORD: ROBOT_PW },
      '--image',
      image,
      '--harbor-url',
      harbor.url,
      '--username',
      ROBOT,
    );
    expect(text.code).toBe(0);
    expect(text.out).toContain('1 critical, 1 high, 0 medium, 2 low, 1 unknown; 3 fixable');
    const bad = await run(
      { HARBOR_GATE_PASSWORD: 'Wrong-Secret-987' },
      '--image',
      image,
      '--harbor-url',
      harbor.url,
      '--username',
      ROBOT,
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/AUTH_FAILED|HARBOR_UNAUTHORIZED/);
    expect(bad.out + bad.err).not.toContain('Wrong-Secret-987');
    const dur = await run({}, '--image', image, '--scan-timeout', '10 minutes');
    expect(dur.code).toBe(2);
    expect(dur.err).toContain('--scan-timeout');
  });

  it('harbor-gate scan --scan-timeout 200ms: SCAN_TIMEOUT names the timeout as too short, not jobservice', async () => {
    const digest = await pushImage('library/stuck-cli', '1.0');
    harbor.scanner.setScript(digest, { outcome: 'pending' });
    const r = await runCli(
      [
        'scan',
        '--image',
        `${harbor.host}/library/stuck-cli@${digest}`,
        '--harbor-url',
        harbor.url,
        '--username',
        ROBOT,
        '--scan-timeout',
        '200ms',
      ],
      { HARBOR_GATE_PASSWORD: ROBOT_PW },
      { cwd: tmp },
    );
    expect(r.code).toBe(3);
    expect(r.err).toContain('SCAN_TIMEOUT');
    expect(r.err).toContain('did not finish within 200ms');
    expect(r.err).toContain('very short');
    expect(r.err).not.toContain('jobservice');
  });

  it('a plain registry (the real docker-registry) is not Harbor: HARBOR_NOT_FOUND names the remedy', async () => {
    // No Harbor swagger validation here: the answers are the registry's, which is the point.
    const plainHttp = new HttpClient({ env: {} });
    const plain = await startRegistry();
    try {
      const ref = parseReference(`${plain.host}/library/app:1`);
      const t = harborTarget(ref);
      const c = new HarborClient({
        http: plainHttp,
        baseUrl: t.baseUrl,
        username: ROBOT,
        password: ROBOT_PW,
        logger,
      });
      const e = await rejects(c.preflight(t));
      expect(e.code).toBe('HARBOR_NOT_FOUND');
      expect(e.kind).toBe('input');
      expect(e.message).toContain(`no Harbor API at ${plain.url}`);
      expect(e.message).toContain('HTTP 404');
      expect(e.remedy).toContain('--harbor-url');
      expect(e.remedy).toContain('--no-scan');
      // The SBOM generation, which the gate may ask for before the preflight, says the same.
      const fresh = new HarborClient({ http: plainHttp, baseUrl: t.baseUrl, logger });
      expect(
        (await rejects(fresh.generateSbom(t, `sha256:${'a'.repeat(64)}`, { timeoutMs: 1000 }))).code,
      ).toBe('HARBOR_NOT_FOUND');
      // Through the CLI: an input error (exit 2) with the remedy, no stack.
      // (By digest: the scan needs no registry round trip, so Harbor's absence is what is found.)
      const cli = await runCli(
        ['scan', '--image', `${plain.host}/library/app@sha256:${'a'.repeat(64)}`],
        {},
        {
          cwd: tmp,
        },
      );
      expect(cli.code).toBe(2);
      expect(cli.err).toContain('HARBOR_NOT_FOUND');
      expect(cli.err).toContain('--no-scan');
      expect(cli.err).not.toMatch(/\n\s+at /);
    } finally {
      plainHttp.close();
      await plain.stop();
    }
  });
});
