/**
 * verify --require-gate-pass against an attacker with push rights and no signing key (review of
 * issues 20 and 21): every verdict here is signed with the trusted key, as the gate's own would be;
 * the attacker only chooses which of them the registry lists, and in what order.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/http/client.js';
import { RegistryClient } from '../../src/oci/registry.js';
import { pushArtifact } from '../../src/oci/artifact.js';
import { startEmbeddedRegistry, type EmbeddedRegistry } from '../../src/embedded/registry.js';
import {
  BUNDLE_MEDIA_TYPE,
  MAX_ATTESTATION_CANDIDATES,
  VERDICT_PREDICATE_TYPE,
  attestVerdict,
  loadSigningKey,
  policyDigest,
  verifyGateVerdict,
} from '../../src/sign/index.js';
import { resolvePolicy } from '../../src/config/index.js';
import {
  KEYS,
  pub,
  testKey,
  pushImage,
  PASS_POLICY,
  FAIL_POLICY,
  criticalPredicate,
  bundleOf,
  pushAsReferrer,
} from '../helpers/attest.js';

const trust = { key: pub };

let reg: EmbeddedRegistry;
let client: RegistryClient;

beforeAll(async () => {
  reg = await startEmbeddedRegistry();
  client = new RegistryClient({ http: new HttpClient({ env: {} }) });
});
afterAll(async () => {
  client.close();
  await reg.stop();
});

describe('newest verdict wins: what the attacker can order', () => {
  it('a pass and a fail with the same signed time: the fail wins whichever the registry lists first', async () => {
    const gatedOn = new Date('2026-09-01T10:00:00Z');
    const now = new Date('2026-09-01T10:05:00Z');
    for (const order of [
      ['pass', 'fail'],
      ['fail', 'pass'],
    ] as const) {
      const name = `proj/tie-${order[0]}`;
      const repo = client.repository(reg.host, name);
      const digest = await pushImage(repo, name, { diffIds: false });
      for (const which of order) {
        const policy = which === 'pass' ? PASS_POLICY : FAIL_POLICY;
        await attestVerdict(repo, digest, criticalPredicate(digest, `${reg.host}/${name}`, gatedOn, policy), {
          key: testKey(),
          env: {},
        });
      }
      const res = await verifyGateVerdict(repo, digest, trust, { now });
      expect(res.ok, `${order.join(' then ')}: ${res.reason}`).toBe(false);
      expect(res.predicate?.verdict).toBe('fail');
    }
  });

  it('a verdict signed about this digest whose predicate names another image does not count', async () => {
    const repo = client.repository(reg.host, 'proj/other-image');
    const digest = await pushImage(repo, 'other-image', { diffIds: false });
    const other = await pushImage(repo, 'other-image-2', { diffIds: false });
    const now = new Date('2026-09-01T10:05:00Z');
    const p = criticalPredicate(
      other,
      `${reg.host}/proj/other-image`,
      new Date('2026-09-01T10:00:00Z'),
      PASS_POLICY,
    );
    // Signed by the trusted key with the in-toto subject `digest`, the predicate about `other`.
    await attestVerdict(repo, digest, p, { key: testKey(), env: {} });
    const res = await verifyGateVerdict(repo, digest, trust, { now });
    expect(res.ok).toBe(false);
    expect(res.ignored.map((i) => i.reason)).toContainEqual(
      `signed, but the predicate is about ${other}, not ${digest}`,
    );
  });
});

describe('our own signed verdicts, re-arranged (held)', () => {
  it('a pass for another digest copied onto this one, another key, a bundle with two signatures: none counts', async () => {
    const name = 'proj/rearranged';
    const repo = client.repository(reg.host, name);
    const digest = await pushImage(repo, name, { diffIds: false });
    const other = await pushImage(repo, `${name}-other`, { diffIds: false });
    const gatedOn = new Date('2026-09-01T10:00:00Z');
    const now = new Date('2026-09-01T10:05:00Z');
    // 1. The gate passed `other`; its bundle is pushed as a referrer of `digest`.
    const passOther = await attestVerdict(
      repo,
      other,
      criticalPredicate(other, `${reg.host}/${name}`, gatedOn, PASS_POLICY),
      { key: testKey(), env: {} },
    );
    const copied = await pushAsReferrer(repo, digest, await bundleOf(repo, passOther.digest));
    // 2. A pass signed with another key.
    const otherKey = loadSigningKey(
      fs.readFileSync(path.join(KEYS, 'cosign-p384.key'), 'utf8'),
      'test-password',
    );
    const wrongKey = await attestVerdict(
      repo,
      digest,
      criticalPredicate(digest, `${reg.host}/${name}`, gatedOn, PASS_POLICY),
      { key: otherKey, env: {} },
    );
    // 3. A bundle whose envelope carries the good signature and a second one.
    const good = await attestVerdict(
      repo,
      digest,
      criticalPredicate(digest, `${reg.host}/${name}`, gatedOn, PASS_POLICY),
      { key: testKey(), env: {} },
    );
    const twice = await bundleOf(repo, good.digest);
    const env = twice.dsseEnvelope as { signatures: { sig: string; keyid: string }[] };
    env.signatures.push({ ...env.signatures[0]!, sig: Buffer.from('x').toString('base64') });
    const doubled = await pushAsReferrer(repo, digest, twice);
    // Only the honest one counts; the others are ignored with their reasons.
    const res = await verifyGateVerdict(repo, digest, trust, { now });
    expect(res.attestation?.digest).toBe(good.digest);
    const why = new Map(res.ignored.map((i) => [i.digest, i.reason]));
    expect(why.get(copied)).toBe(`the statement is about sha256:${other.slice(7)}, not ${digest}`);
    expect(why.get(wrongKey.digest)).toMatch(/signature does not match|signed by another key/);
    expect(why.get(doubled)).toMatch(/^not a valid Sigstore bundle: invalid/);
  });
});

describe('a flood of referrers', () => {
  it('cannot push a newer fail past the candidates read: a verdict list that was cut does not pass', async () => {
    const name = 'proj/flood';
    const repo = client.repository(reg.host, name);
    const digest = await pushImage(repo, name, { diffIds: false });
    const t0 = new Date('2026-09-01T10:00:00Z');
    await attestVerdict(repo, digest, criticalPredicate(digest, `${reg.host}/${name}`, t0, PASS_POLICY), {
      key: testKey(),
      env: {},
    });
    // The attacker's junk: bundle-typed referrers that claim to be verdicts and are not.
    const subject = (await repo.fetchManifest(digest))!.descriptor;
    for (let i = 0; i < MAX_ATTESTATION_CANDIDATES; i++) {
      await pushArtifact(repo, {
        subject,
        artifactType: BUNDLE_MEDIA_TYPE,
        layers: [{ mediaType: BUNDLE_MEDIA_TYPE, data: Buffer.from(`{"junk":${i}}`) }],
        annotations: { 'dev.sigstore.bundle.predicateType': VERDICT_PREDICATE_TYPE },
      });
    }
    // The gate's newer fail comes after them.
    const t1 = new Date(t0.getTime() + 60 * 60_000);
    await attestVerdict(repo, digest, criticalPredicate(digest, `${reg.host}/${name}`, t1, FAIL_POLICY), {
      key: testKey(),
      env: {},
    });
    const res = await verifyGateVerdict(repo, digest, trust, { now: new Date(t1.getTime() + 60_000) });
    expect(res.ok, res.reason).toBe(false);
    expect(res.reason).toContain(`more than ${MAX_ATTESTATION_CANDIDATES} verdict candidates`);
  });
});

describe('verify --policy FILE: the policy digest', () => {
  it('is the same for one policy file named by another path (the allowlist entries remember the name for messages only)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-policy-name-'));
    fs.mkdirSync(path.join(dir, 'ci'));
    fs.writeFileSync(
      path.join(dir, 'ci', 'policy.yaml'),
      'fail-on: high\nallowlist:\n  - id: CVE-2024-0001\n    reason: not reachable\n',
    );
    // The gate ran from the checkout's root; the deploy job verifies from ci/.
    const atRoot = await resolvePolicy({ policy: 'ci/policy.yaml' }, { env: {}, cwd: dir });
    const inCi = await resolvePolicy({ policy: 'policy.yaml' }, { env: {}, cwd: path.join(dir, 'ci') });
    const absolute = await resolvePolicy(
      { policy: path.join(dir, 'ci', 'policy.yaml') },
      { env: {}, cwd: '/' },
    );
    expect(policyDigest(inCi)).toBe(policyDigest(atRoot));
    expect(policyDigest(absolute)).toBe(policyDigest(atRoot));
    // What the entry says still counts.
    const other = structuredClone(atRoot);
    other.allowlist[0]!.reason = 'reachable after all';
    expect(policyDigest(other)).not.toBe(policyDigest(atRoot));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
