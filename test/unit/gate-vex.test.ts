/**
 * VEX and the verdict attestation in the one path, over the fake roles: --vex files and the
 * policy's `vex:` list waive (source `vex`), affected statements do not, a bad document is an
 * input error before anything is pushed, --vex-from-image applies only what the target's trusted
 * read returns, and --attest-scan signs the decided verdict (never an error run's).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveGateOptions, type RawGateInput } from '../../src/config/index.js';
import { GateError } from '../../src/errors.js';
import {
  gateJson,
  prepareInputs,
  runGate,
  runSteps,
  type GateResult,
  type ResolvedTrust,
} from '../../src/gate/index.js';
import { readInputs, setOutputs, type ActionIO } from '../../src/action/main.js';
import { Redactor, silentLogger } from '../../src/logger.js';
import { parseVexDocument } from '../../src/vex/index.js';
import { fakeWorld, finding, input, type FakeWorld } from '../helpers/fake-roles.js';

const IMAGE = 'harbor.example.com/team/app:1';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-gate-vex-'));
const CRITICAL = 'CVE-2026-0001';

/** An OpenVEX document about the fake image's digest, pretty-printed so lines mean something. */
function openvex(digest: string, statements: Record<string, unknown>[]): string {
  return JSON.stringify(
    {
      '@context': 'https://openvex.dev/ns/v0.2.0',
      '@id': 'https://example.com/vex/app-1',
      author: 'Example Security',
      timestamp: '2026-11-01T10:00:00Z',
      version: 1,
      statements,
    },
    null,
    2,
  );
}

function statement(
  digest: string,
  status: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    vulnerability: { name: CRITICAL },
    products: [{ '@id': `pkg:oci/app@${encodeURIComponent(digest)}` }],
    status,
    ...extra,
  };
}

function write(name: string, text: string): string {
  const file = path.join(tmp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

async function run(world: FakeWorld, raw: RawGateInput = {}, trust?: ResolvedTrust): Promise<GateResult> {
  const options = await resolveGateOptions(
    { image: IMAGE, source: 'oci:./img', 'signing-key': 'cosign.key', ...raw },
    { env: {}, cwd: tmp },
  );
  const prepared = await prepareInputs(options);
  return runSteps(
    options,
    world.roles,
    { ...prepared, ...(trust ? { trust } : {}) },
    { redactor: new Redactor(), logger: silentLogger },
  );
}

const notAffected = (digest: string): string =>
  openvex(digest, [
    statement(digest, 'not_affected', {
      justification: 'vulnerable_code_not_in_execute_path',
      impact_statement: 'The TLS code is never called.',
    }),
  ]);

describe('gate --vex', () => {
  it('a not_affected statement waives the critical finding: the verdict passes, the waiver is VEX', async () => {
    const w = fakeWorld(IMAGE);
    w.findings = [finding(CRITICAL, 'critical', '1.0.1'), finding('CVE-2026-0002', 'low')];
    const file = write('vex/app.openvex.json', notAffected(w.descriptor.digest));
    const r = await run(w, { vex: [file] });
    expect(r.verdict).toBe('pass');
    expect(r.exitCode).toBe(0);
    expect(r.waivers).toHaveLength(1);
    const waiver = r.waivers[0]!;
    expect(waiver.source).toBe('vex');
    expect(waiver.reason).toBe(
      'VEX not_affected (vulnerable_code_not_in_execute_path): The TLS code is never called. [vex/app.openvex.json]',
    );
    expect(r.steps.inputs.detail).toContain('VEX 1 document(s), 1 statement(s)');
    const json = gateJson(r) as {
      waivers: { id: string; source: string; vex?: Record<string, unknown> }[];
      vex: { documents: unknown[] };
    };
    expect(json.waivers).toEqual([
      expect.objectContaining({
        id: CRITICAL,
        source: 'vex',
        vex: expect.objectContaining({
          status: 'not_affected',
          justification: 'vulnerable_code_not_in_execute_path',
          impactStatement: 'The TLS code is never called.',
          document: 'vex/app.openvex.json',
        }),
      }),
    ]);
    expect(json.vex.documents).toEqual([{ name: 'vex/app.openvex.json', format: 'openvex', statements: 1 }]);
    // The reports carry it: the summary names VEX as what waived it, with the impact statement.
    expect(r.summaryMarkdown).toMatch(/\| VEX \| VEX not\\_affected/);
    expect(r.consoleText).toContain('1 finding(s) waived (1 by VEX)');
  });

  it('an affected statement does not waive, and is shown', async () => {
    const w = fakeWorld(IMAGE);
    w.findings = [finding(CRITICAL, 'critical', '1.0.1')];
    const file = write(
      'affected.json',
      openvex(w.descriptor.digest, [
        statement(w.descriptor.digest, 'affected', { action_statement: 'Upgrade to 1.0.1' }),
      ]),
    );
    const r = await run(w, { vex: [file] });
    expect(r.verdict).toBe('fail');
    expect(r.exitCode).toBe(1);
    expect(r.waivers).toEqual([]);
    const json = gateJson(r) as { vexNotes: { id: string; vex: Record<string, unknown> }[] };
    expect(json.vexNotes).toEqual([
      expect.objectContaining({
        id: CRITICAL,
        vex: expect.objectContaining({ status: 'affected', actionStatement: 'Upgrade to 1.0.1' }),
      }),
    ]);
    expect(r.summaryMarkdown).toContain('### VEX statements that do not waive (1)');
    expect(r.summaryMarkdown).toContain('Upgrade to 1.0.1');
    expect(r.consoleText).toContain(`${CRITICAL} in pkg-cve-2026-0001 1.0.0: affected [affected.json]`);
  });

  it('reads the policy file’s vex: list relative to the policy file, and --vex relative to the working directory', async () => {
    const w = fakeWorld(IMAGE);
    w.findings = [finding(CRITICAL, 'critical', '1.0.1')];
    write('conf/vex/app.json', notAffected(w.descriptor.digest));
    const policy = write('conf/policy.yaml', 'fail-on: high\nvex: [vex/app.json]\n');
    const r = await run(w, { policy, vex: ['conf/vex/app.json'] });
    // The same file named both ways is read once.
    expect(r.steps.inputs.detail).toContain('VEX 1 document(s)');
    expect(r.waivers.map((x) => x.vex?.document)).toEqual(['conf/vex/app.json']);
    expect(r.verdict).toBe('pass');
  });

  it('a malformed VEX file is an input error naming the line, before anything is pushed', async () => {
    const w = fakeWorld(IMAGE);
    const file = write('bad.json', openvex(w.descriptor.digest, [statement(w.descriptor.digest, 'safe')]));
    const options = await resolveGateOptions(
      { image: IMAGE, source: 'oci:./img', 'no-sign': true, vex: [file] },
      { env: {}, cwd: tmp },
    );
    const e = await prepareInputs(options).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(GateError);
    expect((e as GateError).code).toBe('VEX_INVALID');
    expect((e as GateError).exitCode).toBe(2);
    expect((e as GateError).message).toMatch(/^bad\.json:\d+: statements\[0\]\.status: is "safe"/);
    // The whole run: the inputs step fails with exit 2; no registry is contacted (nothing listens
    // on port 1, which would be an infrastructure error instead).
    const r = await runGate({ ...options, image: '127.0.0.1:1/team/app:1' }, { env: {} });
    expect(r.verdict).toBe('error');
    expect(r.failedStep).toBe('inputs');
    expect(r.exitCode).toBe(2);
    expect(r.error?.code).toBe('VEX_INVALID');
    expect(r.digest).toBe('');
  });
});

describe('gate --vex-from-image', () => {
  /** What readVexAttestations returns for one verified attestation without products. */
  function attested(w: FakeWorld): void {
    const doc = parseVexDocument(
      openvex(w.descriptor.digest, [
        { vulnerability: { name: CRITICAL }, status: 'fixed', impact_statement: 'rebuilt' },
      ]),
      `attestation sha256:${'a'.repeat(64)}`,
    );
    for (const st of doc.statements) st.products = [{ ids: [w.descriptor.digest], subcomponents: [] }];
    w.vexAttestations = {
      statements: doc.statements,
      applied: [{ digest: `sha256:${'a'.repeat(64)}`, signer: 'key:abc', statements: 1 }],
      ignored: [{ digest: `sha256:${'b'.repeat(64)}`, reason: 'the signature does not verify with the key' }],
    };
  }

  it('applies the attestations that verify with the gate’s own key, and lists the others as ignored', async () => {
    const w = fakeWorld(IMAGE);
    w.findings = [finding(CRITICAL, 'critical', '1.0.1')];
    attested(w);
    const r = await run(w, { 'vex-from-image': true });
    expect(w.vexTrust?.description).toBe('the gate’s signing key');
    // Read after the push, before the policy.
    expect(w.events.indexOf('vex attestations the gate’s signing key')).toBeGreaterThan(
      w.events.indexOf('push oci:./img'),
    );
    expect(r.verdict).toBe('pass');
    expect(r.waivers[0]).toMatchObject({
      source: 'vex',
      vex: { status: 'fixed', document: `attestation sha256:${'a'.repeat(64)}` },
    });
    expect(r.warnings.join('\n')).toMatch(
      /--vex-from-image: VEX attestation sha256:bbbbbbbbbbbb… ignored: the signature does not verify with the key/,
    );
    const json = gateJson(r) as { vexIgnored: unknown[]; vex: { attestations: unknown[] } };
    expect(json.vexIgnored).toEqual([
      { digest: `sha256:${'b'.repeat(64)}`, reason: 'the signature does not verify with the key' },
    ]);
    expect(json.vex.attestations).toHaveLength(1);
    expect(r.summaryMarkdown).toContain('### VEX attestations ignored (1)');
  });

  it('uses the explicit trust when given, and is not asked without the flag', async () => {
    const w = fakeWorld(IMAGE);
    attested(w);
    await run(w, { 'vex-from-image': true }, { key: 'PEM2', description: 'the key other.pub' });
    expect(w.vexTrust?.description).toBe('the key other.pub');
    const w2 = fakeWorld(IMAGE);
    w2.findings = [finding(CRITICAL, 'critical', '1.0.1')];
    attested(w2);
    const r = await run(w2);
    expect(w2.events.some((e) => e.startsWith('vex attestations'))).toBe(false);
    expect(r.verdict).toBe('fail');
  });

  it('a registry failure while reading them fails the policy step (an error, never a silent pass)', async () => {
    const w = fakeWorld(IMAGE);
    w.findings = [finding(CRITICAL, 'critical', '1.0.1')];
    w.fail.vex = input('REGISTRY_DENIED');
    const r = await run(w, { 'vex-from-image': true });
    expect(r.verdict).toBe('error');
    expect(r.failedStep).toBe('policy');
    // An input error after the image was pushed and signed: exit 3, with what was left said.
    expect(r.exitCode).toBe(3);
    expect(r.left).toMatch(/the image .*the signature/);
  });

  it('refuses --vex-from-image with --no-sign and no trust (CONFIG_NO_TRUST)', async () => {
    const e = await resolveGateOptions(
      { image: IMAGE, 'no-sign': true, 'vex-from-image': true },
      { env: {}, cwd: tmp },
    ).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect((e as GateError).code).toBe('CONFIG_NO_TRUST');
    const ok = await resolveGateOptions(
      { image: IMAGE, 'no-sign': true, 'vex-from-image': true, key: 'cosign.pub' },
      { env: {}, cwd: tmp },
    );
    expect(ok.vexFromImage).toBe(true);
  });
});

describe('gate --attest-scan: the verdict attestation', () => {
  it('attaches the decided verdict after the scan attestation, with the waivers and their sources', async () => {
    const w = fakeWorld(IMAGE);
    w.findings = [finding(CRITICAL, 'critical', '1.0.1'), finding('CVE-2026-0003', 'high', '2.0')];
    const file = write('vex/att.json', notAffected(w.descriptor.digest));
    const r = await run(w, { 'attest-scan': true, vex: [file] });
    expect(r.verdict).toBe('fail');
    expect(w.events.indexOf('attest verdict fail')).toBeGreaterThan(w.events.indexOf('attest scan'));
    expect(r.steps.attestScan.attestations).toEqual([
      'https://cosign.sigstore.dev/attestation/vuln/v1',
      'https://harbor-gate.dev/attestation/verdict/v1',
    ]);
    const p = w.verdicts[0]!;
    expect(p).toMatchObject({
      verdict: 'fail',
      image: { name: 'harbor.example.com/team/app', digest: w.descriptor.digest },
      counts: { critical: 1, high: 1 },
      countsAfterWaivers: { critical: 0, high: 1 },
      scanner: { name: 'Trivy' },
      gatedOn: '2026-12-01T12:00:00.000Z',
    });
    expect(p.policy.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(p.violations.map((v) => v.id)).toEqual(['CVE-2026-0003']);
    expect(p.waivers).toEqual([
      expect.objectContaining({
        id: CRITICAL,
        source: 'vex',
        vex: expect.objectContaining({ status: 'not_affected', document: 'vex/att.json' }) as unknown,
      }),
    ]);
  });

  it('attests pass for a passing run, and nothing for a run with a failed step', async () => {
    const w = fakeWorld(IMAGE);
    await run(w, { 'attest-scan': true });
    expect(w.verdicts.map((v) => v.verdict)).toEqual(['pass']);
    const broken = fakeWorld(IMAGE);
    broken.fail.sbom = input('SBOM_INVALID');
    const sbomFile = write(
      'bom.cdx.json',
      JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', version: 1, components: [] }),
    );
    const r = await run(broken, { 'attest-scan': true, sbom: sbomFile });
    expect(r.verdict).toBe('error');
    // A run that already failed writes nothing more: no scan attestation, no verdict.
    expect(broken.events).not.toContain('attest scan');
    expect(broken.verdicts).toEqual([]);
  });

  it('a verdict attestation that cannot be written fails the attestScan step', async () => {
    const w = fakeWorld(IMAGE);
    w.fail.verdict = input('SIGN_FAILED');
    const r = await run(w, { 'attest-scan': true });
    expect(r.verdict).toBe('error');
    expect(r.failedStep).toBe('attestScan');
  });
});

describe('the Action: vex input and outputs', () => {
  function io(inputs: Record<string, string>): ActionIO & { outputs: Record<string, string | number> } {
    const outputs: Record<string, string | number> = {};
    return {
      outputs,
      getInput: (name) => inputs[name] ?? '',
      setOutput: (name, value) => {
        outputs[name] = value;
      },
      setSecret: () => undefined,
      setFailed: () => undefined,
      writeSummary: () => Promise.resolve(),
      annotate: () => undefined,
      print: () => undefined,
      startGroup: () => undefined,
      endGroup: () => undefined,
      logger: silentLogger,
      isDebug: () => false,
    };
  }

  it('takes one VEX file a line, and sets waivers and vex-waivers', async () => {
    const { raw } = readInputs(io({ image: IMAGE, vex: 'a.json\n b.json \n', 'vex-from-image': 'true' }));
    expect(raw['vex-from-image']).toBe(true);
    const options = await resolveGateOptions(
      { ...raw, 'no-sign': true, key: 'k.pub' },
      { env: {}, cwd: tmp },
    );
    expect(options.vexFiles).toEqual([
      { file: path.join(tmp, 'a.json'), name: 'a.json' },
      { file: path.join(tmp, 'b.json'), name: 'b.json' },
    ]);
    const w = fakeWorld(IMAGE);
    w.findings = [finding(CRITICAL, 'critical', '1.0.1'), finding('CVE-2026-0004', 'high', '2.0')];
    const allow = write('allow.yaml', '- id: CVE-2026-0004\n  reason: accepted, SEC-1\n');
    const vex = write('vex/out.json', notAffected(w.descriptor.digest));
    const r = await run(w, { vex: [vex], allowlist: allow });
    const out = io({});
    setOutputs(out, r);
    expect(out.outputs.waivers).toBe(2);
    expect(out.outputs['vex-waivers']).toBe(1);
    expect(gateJson(r).waivers).toEqual([
      expect.objectContaining({ id: CRITICAL, source: 'vex' }),
      expect.objectContaining({ id: 'CVE-2026-0004', source: 'allowlist' }),
    ]);
  });
});

describe('verify --require-gate-pass [--max-age]: options', () => {
  it('reads the age as a duration (days too), and refuses --max-age alone', async () => {
    const o = await resolveGateOptions(
      { image: IMAGE, key: 'cosign.pub', 'require-gate-pass': true, 'max-age': '7d' },
      { env: {}, cwd: tmp },
      { sign: false, scan: false },
    );
    expect(o.requireGatePass).toBe(true);
    expect(o.maxAgeMs).toBe(7 * 86_400_000);
    const e = await resolveGateOptions(
      { image: IMAGE, key: 'cosign.pub', 'max-age': '1h' },
      { env: {}, cwd: tmp },
      { sign: false, scan: false },
    ).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect((e as GateError).code).toBe('CONFIG_CONFLICT');
    const bad = await resolveGateOptions(
      { image: IMAGE, key: 'cosign.pub', 'require-gate-pass': true, 'max-age': 'a week' },
      { env: {}, cwd: tmp },
      { sign: false, scan: false },
    ).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect((bad as GateError).code).toBe('CONFIG_BAD_DURATION');
  });
});
