/**
 * VEX and the signed verdict end to end through the CLI, against the Harbor-compatible server in
 * front of the real docker-registry: gate --vex waives with the statement in every output,
 * attach-vex + gate --vex-from-image apply only the attestations signed with the trusted key, and
 * gate --attest-scan + verify --require-gate-pass check the verdict at deploy time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/http/client.js';
import { RegistryClient } from '../../src/oci/registry.js';
import { SAMPLE_CRITICAL_ID } from '../../src/embedded/sample.js';
import { KEY_PASSWORD, PASSWORD, ROBOT, startGateEnv, type GateEnv } from '../helpers/harbor-env.js';

const KEYS = path.resolve('test/fixtures/keys');
/** Another signer: the fixture key (password test-password), not the one the gate trusts. */
const OTHER_KEY = path.join(KEYS, 'cosign-p256.key');
const OTHER_PUB = path.join(KEYS, 'cosign-p256.pub');
const VERDICT_TYPE = 'https://harbor-gate.dev/attestation/verdict/v1';

let env: GateEnv;

beforeAll(async () => {
  env = await startGateEnv();
});
afterAll(async () => {
  await env.stop();
});

interface GateJson {
  verdict: string;
  digest: string;
  steps: Record<string, { status: string; attestations?: string[]; error?: { code: string } }>;
  violations: { id?: string }[];
  waivers: { id: string; source: string; reason: string; vex?: Record<string, unknown> }[];
  vex: { documents: unknown[]; attestations: { digest: string; signer: string | null }[] };
  vexIgnored: { digest: string; reason: string }[];
  warnings: string[];
}

interface VerifyJson {
  verified: boolean;
  gateVerdict?: { ok: boolean; reason: string; verdict: string | null; ignored: unknown[] };
}

/** OpenVEX 0.2.0 saying the sample's critical CVE does not affect the image `digest`. */
function vexFile(name: string, digest: string, status = 'not_affected'): string {
  const file = path.join(env.tmp, name);
  fs.writeFileSync(
    file,
    JSON.stringify(
      {
        '@context': 'https://openvex.dev/ns/v0.2.0',
        '@id': `https://example.com/vex/${name}`,
        author: 'Example Security',
        timestamp: '2026-11-01T10:00:00Z',
        version: 1,
        statements: [
          {
            vulnerability: { name: SAMPLE_CRITICAL_ID },
            products: [{ '@id': `pkg:oci/app@${encodeURIComponent(digest)}` }],
            status,
            ...(status === 'not_affected'
              ? {
                  justification: 'vulnerable_code_not_in_execute_path',
                  impact_statement: 'inflate is never called on untrusted input',
                }
              : {}),
          },
        ],
      },
      null,
      2,
    ),
  );
  return file;
}

const withKey = { HARBOR_GATE_KEY_PASSWORD: KEY_PASSWORD };
const withOtherKey = { HARBOR_GATE_KEY_PASSWORD: 'test-password' };

describe('gate --vex', () => {
  it('waives the critical finding with the statement, in --json, the SARIF and the summary', async () => {
    const img = await env.image('vex-file');
    const vex = vexFile('app.openvex.json', img.digest);
    const sarif = path.join(env.tmp, 'vex.sarif');
    const summary = path.join(env.tmp, 'vex-summary.md');
    const run = await env.cli([
      ...env.gateArgs(`${env.harbor.host}/team/vexfile:1`, img.dir),
      '--no-sign',
      '--vex',
      'app.openvex.json',
      '--sarif',
      sarif,
      '--summary',
      summary,
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as GateJson;
    expect(out.verdict).toBe('pass');
    expect(out.waivers).toEqual([
      expect.objectContaining({
        id: SAMPLE_CRITICAL_ID,
        source: 'vex',
        reason:
          'VEX not_affected (vulnerable_code_not_in_execute_path): inflate is never called on untrusted input [app.openvex.json]',
        vex: expect.objectContaining({ status: 'not_affected', document: 'app.openvex.json' }),
      }),
    ]);
    expect(out.vex.documents).toEqual([{ name: 'app.openvex.json', format: 'openvex', statements: 1 }]);
    expect(vex).toBe(path.join(env.tmp, 'app.openvex.json'));
    const results = (
      JSON.parse(fs.readFileSync(sarif, 'utf8')) as {
        runs: { results: { ruleId: string; suppressions?: { justification: string }[] }[] }[];
      }
    ).runs[0]!.results;
    expect(results.find((r) => r.ruleId === SAMPLE_CRITICAL_ID)?.suppressions?.[0]?.justification).toContain(
      'VEX not_affected (vulnerable_code_not_in_execute_path)',
    );
    expect(fs.readFileSync(summary, 'utf8')).toContain('| VEX |');
  });

  it('a malformed VEX file is exit 2 with the line, and nothing is pushed', async () => {
    const img = await env.image('vex-bad');
    const bad = path.join(env.tmp, 'bad.openvex.json');
    // Cut off in the middle, as a truncated upload would leave it.
    fs.writeFileSync(bad, '{\n  "@context": "https://openvex.dev/ns/v0.2.0",\n  "statements": [\n');
    const run = await env.cli([
      ...env.gateArgs(`${env.harbor.host}/team/vexbad:1`, img.dir),
      '--no-sign',
      '--vex',
      bad,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/error \[VEX_PARSE\]: bad\.openvex\.json:\d+: is not JSON/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const client = new RegistryClient({
      http: new HttpClient({ env: {} }),
      credentials: () => Promise.resolve({ username: ROBOT, password: PASSWORD }),
    });
    try {
      expect(await client.repository(env.harbor.host, 'team/vexbad').resolve('1')).toBeUndefined();
    } finally {
      client.close();
    }
  });
});

describe('attach-vex and gate --vex-from-image', () => {
  it('applies the VEX attestation signed with the trusted key, and ignores one by another key with the reason', async () => {
    const img = await env.image('vex-attest');
    const ref = `${env.harbor.host}/team/vexatt`;
    const push = await env.cli([...env.gateArgs(`${ref}:1`, img.dir), '--no-sign', '--no-scan']);
    expect(push.code, push.stderr).toBe(0);
    const byDigest = `${ref}@${img.digest}`;

    // Without any VEX, the critical finding fails the gate.
    const gate = (extra: string[]) =>
      env.cli([
        'gate',
        '--image',
        byDigest,
        '--username',
        ROBOT,
        '--harbor-url',
        env.harbor.url,
        '--no-sign',
        '--json',
        ...extra,
      ]);

    // Signed by another key: attached, but the gate does not trust it.
    const other = await env.cli(
      [
        'attach-vex',
        '--image',
        byDigest,
        '--username',
        ROBOT,
        '--vex',
        vexFile('other.openvex.json', img.digest),
        '--signing-key',
        OTHER_KEY,
        '--json',
      ],
      withOtherKey,
    );
    expect(other.code, other.stderr).toBe(0);
    const otherAtt = JSON.parse(other.stdout) as { digest: string };
    const untrusted = await gate(['--vex-from-image', '--key', env.pubFile]);
    expect(untrusted.code, untrusted.stderr).toBe(1);
    const u = JSON.parse(untrusted.stdout) as GateJson;
    expect(u.violations.map((v) => v.id)).toEqual([SAMPLE_CRITICAL_ID]);
    expect(u.vexIgnored).toEqual([{ digest: otherAtt.digest, reason: expect.stringMatching(/\S/) }]);
    expect(u.warnings.join('\n')).toContain('--vex-from-image: VEX attestation');

    // Signed with the trusted key: it waives.
    const attach = await env.cli(
      [
        'attach-vex',
        '--image',
        `${ref}:1`,
        '--username',
        ROBOT,
        '--vex',
        vexFile('trusted.openvex.json', img.digest),
        '--signing-key',
        env.keyFile,
        '--json',
      ],
      withKey,
    );
    expect(attach.code, attach.stderr).toBe(0);
    const att = JSON.parse(attach.stdout) as Record<string, unknown>;
    expect(att).toMatchObject({
      subject: img.digest,
      predicateType: 'https://openvex.dev/ns',
      artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      converted: false,
      statements: 1,
    });
    const trusted = await gate(['--vex-from-image', '--key', env.pubFile]);
    expect(trusted.code, trusted.stderr).toBe(0);
    const t = JSON.parse(trusted.stdout) as GateJson;
    expect(t.verdict).toBe('pass');
    expect(t.waivers).toEqual([
      expect.objectContaining({
        id: SAMPLE_CRITICAL_ID,
        source: 'vex',
        vex: expect.objectContaining({ document: `attestation ${String(att.digest)}` }),
      }),
    ]);
    expect(t.vex.attestations.map((a) => a.digest)).toEqual([att.digest]);
    expect(t.vexIgnored.map((i) => i.digest)).toEqual([otherAtt.digest]);
    // With the other key as the trust, it is the other way round.
    const swapped = JSON.parse((await gate(['--vex-from-image', '--key', OTHER_PUB])).stdout) as GateJson;
    expect(swapped.vex.attestations.map((a) => a.digest)).toEqual([otherAtt.digest]);
    expect(swapped.vexIgnored.map((i) => i.digest)).toEqual([att.digest]);
  });

  it('converts CycloneDX VEX to OpenVEX and says when no statement names this image; refuses a bad file before pushing', async () => {
    const img = await env.image('vex-cdx');
    const ref = `${env.harbor.host}/team/vexcdx`;
    expect((await env.cli([...env.gateArgs(`${ref}:1`, img.dir), '--no-sign', '--no-scan'])).code).toBe(0);
    const cdx = await env.cli(
      [
        'attach-vex',
        '--image',
        `${ref}:1`,
        '--username',
        ROBOT,
        '--vex',
        path.resolve('test/fixtures/vex/app.cdx.json'),
        '--signing-key',
        env.keyFile,
        '--json',
      ],
      withKey,
    );
    expect(cdx.code, cdx.stderr).toBe(0);
    const out = JSON.parse(cdx.stdout) as { converted: boolean; warnings: string[] };
    expect(out.converted).toBe(true);
    expect(out.warnings.join('\n')).toMatch(/name no product that is this image/);

    const bad = path.join(env.tmp, 'bad-status.json');
    fs.writeFileSync(
      bad,
      fs.readFileSync(vexFile('good.json', img.digest), 'utf8').replace('not_affected', 'safe'),
    );
    const refused = await env.cli(
      ['attach-vex', '--image', `${ref}:1`, '--username', ROBOT, '--vex', bad, '--signing-key', env.keyFile],
      withKey,
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/error \[VEX_INVALID\]: bad-status\.json:\d+: statements\[0\]\.status/);
    // Only the CycloneDX attestation was attached.
    const gate = JSON.parse(
      (
        await env.cli([
          'gate',
          '--image',
          `${ref}:1`,
          '--username',
          ROBOT,
          '--no-sign',
          '--no-scan',
          '--vex-from-image',
          '--key',
          env.pubFile,
          '--json',
        ])
      ).stdout,
    ) as GateJson;
    expect(gate.vex.attestations).toHaveLength(1);
  });
});

describe('gate --attest-scan and verify --require-gate-pass', () => {
  it('passes a gated image, fails one too old for --max-age, and fails once a later verdict says fail', async () => {
    const img = await env.image('verdict');
    const ref = `${env.harbor.host}/team/verdict`;
    const passed = await env.cli(
      [
        ...env.gateArgs(`${ref}:1`, img.dir),
        '--signing-key',
        env.keyFile,
        '--attest-scan',
        '--vex',
        vexFile('verdict.openvex.json', img.digest),
        '--json',
      ],
      withKey,
    );
    expect(passed.code, passed.stderr).toBe(0);
    const p = JSON.parse(passed.stdout) as GateJson;
    expect(p.steps.attestScan?.attestations).toEqual([
      'https://cosign.sigstore.dev/attestation/vuln/v1',
      VERDICT_TYPE,
    ]);
    const verify = (extra: string[], key = env.pubFile) =>
      env.cli([
        'verify',
        '--image',
        `${ref}@${img.digest}`,
        '--username',
        ROBOT,
        '--key',
        key,
        '--require-gate-pass',
        '--json',
        ...extra,
      ]);
    const ok = await verify(['--max-age', '7d']);
    expect(ok.code, ok.stderr).toBe(0);
    expect((JSON.parse(ok.stdout) as VerifyJson).gateVerdict).toMatchObject({ ok: true, verdict: 'pass' });

    // The verdict was signed before verify started, so it is older than a millisecond.
    const old = await verify(['--max-age', '1ms']);
    expect(old.code).toBe(1);
    expect((JSON.parse(old.stdout) as VerifyJson).gateVerdict?.reason).toMatch(/older than --max-age/);

    // Another key's trust finds no verdict that verifies.
    const stranger = await verify([], OTHER_PUB);
    expect(stranger.code).toBe(1);
    expect((JSON.parse(stranger.stdout) as VerifyJson).gateVerdict?.reason).toMatch(
      /no gate verdict attestation .* verifies with the given trust/,
    );

    // The same digest gated again without the VEX: the critical finding fails it, and that later
    // verdict outranks the earlier pass.
    const failed = await env.cli(
      [
        'gate',
        '--image',
        `${ref}@${img.digest}`,
        '--username',
        ROBOT,
        '--harbor-url',
        env.harbor.url,
        '--signing-key',
        env.keyFile,
        '--attest-scan',
        '--json',
      ],
      withKey,
    );
    expect(failed.code, failed.stderr).toBe(1);
    const after = await verify([]);
    expect(after.code).toBe(1);
    const v = JSON.parse(after.stdout) as VerifyJson;
    expect(v.verified).toBe(true);
    expect(v.gateVerdict).toMatchObject({ ok: false, verdict: 'fail' });
    expect(v.gateVerdict?.reason).toMatch(/the latest gate verdict for sha256:\S+ is fail \(1 violation/);
    expect(after.stderr).toMatch(/--require-gate-pass: the latest gate verdict/);
  });
});
