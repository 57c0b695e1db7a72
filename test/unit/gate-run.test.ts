/**
 * The orchestration without servers: runSteps over in-memory fakes of the roles. Step order,
 * signing and the scan in parallel, each step failing, and the one verdict each outcome gets.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveGateOptions, type RawGateInput } from '../../src/config/index.js';
import { runSteps, type GateResult, type ResolvedTrust } from '../../src/gate/index.js';
import { Redactor, silentLogger } from '../../src/logger.js';
import { parseReference } from '../../src/oci/index.js';
import { loadSbom } from '../../src/sbom/index.js';
import { fakeWorld, finding, infra, input, type FakeWorld } from '../helpers/fake-roles.js';

const IMAGE = 'harbor.example.com/team/app:1';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-gate-run-'));
const sbomFile = path.join(tmp, 'bom.cdx.json');
fs.writeFileSync(
  sbomFile,
  JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    version: 1,
    metadata: { timestamp: '2026-11-30T10:00:00Z' },
    components: [{ type: 'library', name: 'openssl', version: '3.0.2' }],
  }),
);

async function run(world: FakeWorld, raw: RawGateInput = {}, trust?: ResolvedTrust): Promise<GateResult> {
  const options = await resolveGateOptions(
    { image: IMAGE, source: 'oci:./img', 'signing-key': 'cosign.key', ...raw },
    { env: {}, cwd: tmp },
  );
  const sbom = options.sbomFile ? await loadSbom(options.sbomFile) : undefined;
  return runSteps(
    options,
    world.roles,
    { ref: parseReference(IMAGE), ...(sbom ? { sbom } : {}), ...(trust ? { trust } : {}) },
    { redactor: new Redactor(), logger: silentLogger },
  );
}

describe('runSteps: the orchestration over fake roles', () => {
  it('pushes first, then attaches, signs and scans, then decides', async () => {
    const w = fakeWorld();
    const r = await run(w, { sbom: sbomFile });
    // Harbor's preflight runs before the first write; the push is the first write.
    expect(w.events.slice(0, 2)).toEqual(['preflight', 'push oci:./img']);
    expect(w.events).toContain('sbom cyclonedx-1.5');
    expect(w.events.indexOf('sign start')).toBeGreaterThan(0);
    expect(w.events.indexOf('scan end')).toBeGreaterThan(w.events.indexOf('preflight'));
    expect(r.verdict).toBe('pass');
    expect(r.exitCode).toBe(0);
    expect(r.failedStep).toBeUndefined();
    expect(r.reportOnly).toBe(false);
    expect(r.steps.push.status).toBe('ok');
    expect(r.steps.sbom.status).toBe('ok');
    expect(r.steps.sign.status).toBe('ok');
    expect(r.steps.scan.status).toBe('ok');
    expect(r.steps.policy.status).toBe('ok');
    expect(r.tags).toEqual(['1']);
    expect(r.digest).toBe(w.descriptor.digest);
  });

  it('signs while the scan runs', async () => {
    const w = fakeWorld();
    w.signWaitsForScan = true;
    await run(w);
    expect(w.signSawScan).toBe(true);
    expect(w.events.indexOf('scan start')).toBeLessThan(w.events.indexOf('sign end'));
  });

  it('resolves the image instead of pushing when there is no source, and tags it', async () => {
    const w = fakeWorld();
    const r = await run(w, { source: '', tag: ['latest'] });
    expect(w.events.slice(0, 3)).toEqual(['preflight', 'resolve 1', 'tag latest']);
    expect(r.tags).toEqual(['1', 'latest']);
  });

  it('attests the scan only after it, and only when asked', async () => {
    const w = fakeWorld();
    await run(w, { 'attest-scan': true });
    expect(w.events.indexOf('attest scan')).toBeGreaterThan(w.events.indexOf('scan end'));
    const w2 = fakeWorld();
    await run(w2);
    expect(w2.events).not.toContain('attest scan');
  });

  // Each step failing: the verdict is `error`, the step is named, the exit code is the error's kind.
  it.each([
    ['push', 'push', infra('REGISTRY_UNAVAILABLE'), 3],
    ['sbom', 'sbom', infra('REFERRERS_UPDATE_FAILED'), 3],
    // An input error after the push exits 3: exit 2 means nothing was written.
    ['sign', 'sign', input('SIGN_NO_IDENTITY_TOKEN'), 3],
    ['scan', 'scan', infra('SCAN_TIMEOUT'), 3],
    ['preflight', 'scan', input('HARBOR_NO_SCANNER'), 2],
  ] as const)('a failing %s is an error of the %s step', async (what, step, err, exit) => {
    const w = fakeWorld();
    w.fail[what] = err;
    w.findings = [finding('CVE-2026-0001', 'critical', '1.0.1')];
    const r = await run(w, { sbom: sbomFile });
    expect(r.verdict).toBe('error');
    expect(r.failedStep).toBe(step);
    expect(r.error?.code).toBe(err.code);
    expect(r.exitCode).toBe(exit);
    expect(r.steps[step].status).toBe('failed');
    // What the run left in the registry is said; before the first write, nothing is.
    if (what === 'preflight' || what === 'push') expect(r.left).toBeUndefined();
    else expect(r.left).toMatch(/^left in the registry: the image sha256:/);
    if (what === 'push') {
      // Nothing after the push ran.
      expect(w.events).toEqual(['preflight', 'push oci:./img']);
      expect(r.digest).toBe('');
    }
  });

  it('Harbor failing its preflight with --on-scan-error warn: a warning, and the run goes on without a scan', async () => {
    const w = fakeWorld();
    w.fail.preflight = infra('HARBOR_UNREACHABLE');
    const r = await run(w, { 'on-scan-error': 'warn' });
    expect(w.events.slice(0, 2)).toEqual(['preflight', 'push oci:./img']);
    expect(w.events).not.toContain('scan start');
    expect(r.verdict).toBe('pass');
    expect(r.steps.scan.status).toBe('warned');
    expect(r.warnings.join('\n')).toMatch(/HARBOR_UNREACHABLE/);
  });

  it('an error outranks a policy breach: a Harbor outage is never exit 1', async () => {
    const w = fakeWorld();
    w.fail.sign = infra('SIGN_REKOR_FAILED');
    w.findings = [finding('CVE-2026-0001', 'critical', '1.0.1')];
    const r = await run(w, { 'fail-on': 'none' });
    expect(r.verdict).toBe('error');
    expect(r.exitCode).toBe(3);
  });

  it('fails on a policy breach with exit 1, and exit 0 with --report-only', async () => {
    const w = fakeWorld();
    w.findings = [finding('CVE-2026-0001', 'critical', '1.0.1'), finding('CVE-2026-0002', 'low')];
    const r = await run(w);
    expect(r.verdict).toBe('fail');
    expect(r.exitCode).toBe(1);
    expect(r.violations).toHaveLength(1);
    const w2 = fakeWorld();
    w2.findings = w.findings;
    const ro = await run(w2, { 'report-only': true });
    expect(ro.verdict).toBe('fail');
    expect(ro.reportOnly).toBe(true);
    expect(ro.exitCode).toBe(0);
    expect(ro.warnings.join('\n')).toMatch(/report-only/);
    // --report-only never hides an error.
    const w3 = fakeWorld();
    w3.fail.scan = infra('SCAN_FAILED');
    const err = await run(w3, { 'report-only': true });
    expect(err.verdict).toBe('error');
    expect(err.exitCode).toBe(3);
  });

  it('downgrades a scan that cannot finish to a warning with --on-scan-error warn', async () => {
    const w = fakeWorld();
    w.fail.scan = infra('SCAN_STOPPED');
    const r = await run(w, { 'on-scan-error': 'warn' });
    expect(r.verdict).toBe('pass');
    expect(r.exitCode).toBe(0);
    expect(r.steps.scan.status).toBe('warned');
    expect(r.warnings.join('\n')).toMatch(/SCAN_STOPPED/);
  });

  it('counts for --require-signature only a signature that verifies with the trust', async () => {
    const w = fakeWorld();
    w.signatures = [
      {
        digest: 'sha256:aa',
        format: 'bundle',
        identity: null,
        issuer: null,
        ok: false,
        reason: 'signed by another key',
      },
    ];
    const explicit = { key: 'PEM', description: 'the key cosign.pub' };
    const r = await run(w, { 'no-sign': true, 'require-signature': true, key: 'cosign.pub' }, explicit);
    // A signature is present, but none verifies with the trust given: the policy says no.
    expect(w.events).toContain('verify the key cosign.pub');
    expect(w.events).not.toContain('sign start');
    expect(r.verdict).toBe('fail');
    expect(r.exitCode).toBe(1);
    expect(r.violations.map((v) => v.rule)).toEqual(['signature']);
    expect(r.warnings.join('\n')).toMatch(
      /no signature of sha256:\S+ verifies with the key cosign.pub \(1 rejected\)/,
    );
    const w2 = fakeWorld();
    w2.signatures = w.signatures;
    const signedByGate = await run(w2, { 'require-signature': true });
    // The gate signed, but the fake target reports only the foreign signature: nothing verifies.
    expect(w2.events).toContain('verify the gate’s signing key');
    expect(signedByGate.verdict).toBe('fail');
    expect(signedByGate.violations.map((v) => v.rule)).toEqual(['signature']);
    const w3 = fakeWorld();
    w3.signatures = [
      ...w.signatures,
      {
        digest: 'sha256:bb',
        format: 'bundle',
        identity: 'key:abc',
        issuer: null,
        ok: true,
        reason: 'verified',
      },
    ];
    const ok = await run(w3, { 'require-signature': true });
    expect(ok.verdict).toBe('pass');
  });

  it('makes the signature check an error, not a pass, when the registry fails during it', async () => {
    const w = fakeWorld();
    w.fail.verify = infra('REGISTRY_UNAVAILABLE');
    const r = await run(w, { 'require-signature': true });
    expect(r.verdict).toBe('error');
    expect(r.failedStep).toBe('policy');
    expect(r.exitCode).toBe(3);
    // Nothing was evaluated, so no violation claims the image is unsigned.
    expect(r.violations).toEqual([]);
  });

  it('says when trust flags are given but nothing uses them', async () => {
    const w = fakeWorld();
    const r = await run(w, {}, { key: 'PEM', description: 'the key k.pub' });
    expect(r.verdict).toBe('pass');
    expect(r.warnings.join('\n')).toMatch(/the key k\.pub is given as trust, but nothing uses it/);
    expect(w.events.some((e) => e.startsWith('verify'))).toBe(false);
  });

  it('refuses every report path before writing any, so no report contradicts the verdict', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'links-'));
    fs.writeFileSync(path.join(dir, 'secret'), 'do not touch');
    fs.symlinkSync(path.join(dir, 'secret'), path.join(dir, 'summary.md'));
    const w = fakeWorld();
    const r = await run(w, {
      'json-report': path.join(dir, 'r.json'),
      summary: path.join(dir, 'summary.md'),
    });
    expect(r.verdict).toBe('error');
    expect(r.failedStep).toBe('reports');
    expect(r.error?.code).toBe('REPORT_SYMLINK');
    expect(r.exitCode).toBe(2);
    // The JSON report was written, with the verdict the refusal made; the link's target is untouched.
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'r.json'), 'utf8')) as { verdict: string };
    expect(json.verdict).toBe('error');
    expect(r.reports.json).toBe(path.join(dir, 'r.json'));
    expect(fs.readFileSync(path.join(dir, 'secret'), 'utf8')).toBe('do not touch');
  });

  it('writes the reports for every verdict, and a report that cannot be written is an error', async () => {
    const w = fakeWorld();
    w.fail.scan = infra('SCAN_TIMEOUT');
    const file = path.join(tmp, 'out', 'report.json');
    const r = await run(w, { 'json-report': file });
    expect(r.reports.json).toBe(file);
    expect(fs.existsSync(file)).toBe(true);
    const blocked = path.join(tmp, 'a-file');
    fs.writeFileSync(blocked, 'x');
    const w2 = fakeWorld();
    const bad = await run(w2, { 'json-report': path.join(blocked, 'report.json') });
    expect(bad.verdict).toBe('error');
    expect(bad.failedStep).toBe('reports');
    expect(bad.exitCode).toBe(2);
  });
});
