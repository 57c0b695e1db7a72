/**
 * VEX attestations and the gate verdict attestation against the in-memory registry (referrers
 * API), signed with a cosign key file and keyless with the offline Sigstore services.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/http/client.js';
import { RegistryClient, type Repository } from '../../src/oci/registry.js';
import { pushArtifact } from '../../src/oci/artifact.js';
import { listReferrers } from '../../src/oci/referrers.js';
import { startEmbeddedRegistry, type EmbeddedRegistry } from '../../src/embedded/registry.js';
import {
  BUNDLE_MEDIA_TYPE,
  PredicateType,
  SigningSession,
  VERDICT_PREDICATE_TYPE,
  attestVerdict,
  attestVex,
  policyDigest,
  readVexAttestations,
  verifyGateVerdict,
  type VerdictPredicate,
} from '../../src/sign/index.js';
import { DEFAULT_POLICY, evaluate, type Policy } from '../../src/policy/index.js';
import { predicateOf } from '../helpers/verdict.js';
import { KEYS, pub, testKey, pushImage } from '../helpers/attest.js';
import type { ScanReport } from '../../src/core/index.js';
import { DEFAULT_IDENTITY, startSigstoreServices, type SigstoreServices } from '../servers/sigstore.js';

const otherPub = fs.readFileSync(path.join(KEYS, 'cosign-p384.pub'), 'utf8');
const HOUR = 3_600_000;

let reg: EmbeddedRegistry;
let client: RegistryClient;
let svc: SigstoreServices;

beforeAll(async () => {
  reg = await startEmbeddedRegistry();
  client = new RegistryClient({ http: new HttpClient({ env: {} }) });
  svc = await startSigstoreServices();
});
afterAll(async () => {
  client.close();
  await reg.stop();
  await svc.close();
});

function openvexFor(digest: string, statements?: unknown[]): Record<string, unknown> {
  return {
    '@context': 'https://openvex.dev/ns/v0.2.0',
    '@id': 'https://example.com/vex/app-1',
    author: 'Example Security',
    timestamp: '2026-08-01T10:00:00Z',
    version: 1,
    statements: statements ?? [
      {
        vulnerability: { name: 'CVE-2024-0001' },
        products: [
          {
            '@id': `pkg:oci/app@${encodeURIComponent(digest)}`,
            subcomponents: [{ '@id': 'pkg:deb/debian/openssl' }],
          },
        ],
        status: 'not_affected',
        justification: 'vulnerable_code_not_present',
      },
    ],
  };
}

async function statementOf(repo: Repository, referrer: string): Promise<Record<string, unknown>> {
  const m = JSON.parse((await repo.fetchManifest(referrer))!.bytes.toString('utf8'));
  const bundle = JSON.parse((await repo.fetchBlob(m.layers[0])).toString('utf8'));
  expect(bundle.dsseEnvelope.payloadType).toBe('application/vnd.in-toto+json');
  return JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8')) as Record<
    string,
    unknown
  >;
}

function report(digest: string): ScanReport {
  return {
    digest,
    scanner: { name: 'Trivy', vendor: 'Aqua Security', version: 'v0.50.0' },
    status: 'Success',
    startTime: '2026-08-21T10:00:00Z',
    endTime: '2026-08-21T10:01:00Z',
    findings: [
      {
        id: 'CVE-2024-0001',
        package: 'openssl',
        version: '3.0.1',
        severity: 'critical',
        links: [],
        cweIds: [],
      },
      { id: 'CVE-2024-0002', package: 'curl', version: '8.0.0', severity: 'high', links: [], cweIds: [] },
    ],
    counts: { critical: 1, high: 1, medium: 0, low: 0, unknown: 0 },
    fixable: 0,
  };
}

describe('VEX attestations', () => {
  it('attaches OpenVEX as cosign attest --type openvex does, and applies it only with the right trust', async () => {
    const repo = client.repository(reg.host, 'proj/vex');
    const digest = await pushImage(repo, 'vex', { diffIds: true });
    const doc = openvexFor(digest);
    const res = await attestVex(
      repo,
      digest,
      { document: JSON.stringify(doc), name: 'app.openvex.json' },
      { key: testKey(), env: {} },
    );
    expect(res).toMatchObject({
      predicateType: 'https://openvex.dev/ns',
      artifactType: BUNDLE_MEDIA_TYPE,
      converted: false,
      statements: 1,
      referrersApi: true,
    });
    const referrers = await listReferrers(repo, digest);
    expect(
      referrers.find((r) => r.digest === res.digest)?.annotations?.['dev.sigstore.bundle.predicateType'],
    ).toBe('https://openvex.dev/ns');
    const st = await statementOf(repo, res.digest);
    expect(st).toEqual({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: `${reg.host}/proj/vex`, digest: { sha256: digest.slice(7) } }],
      predicateType: 'https://openvex.dev/ns',
      predicate: doc,
    });

    expect(res.warnings).toEqual([]);
    const elsewhere = await attestVex(
      repo,
      digest,
      {
        document: JSON.stringify(
          openvexFor(digest, [
            {
              vulnerability: { name: 'CVE-2024-0009' },
              products: [{ '@id': `pkg:oci/app@sha256:${'00'.repeat(32)}` }],
              status: 'fixed',
            },
          ]),
          null,
          2,
        ),
        name: 'other.json',
      },
      { key: testKey(), env: {} },
    );
    expect(elsewhere.warnings).toEqual([
      `other.json: 1 statement(s) name no product that is this image (${digest}) (lines 8); they will not apply to it (docs/vex.md, matching rules)`,
    ]);

    const read = await readVexAttestations(repo, digest, { key: pub });
    expect(read.ignored).toEqual([]);
    expect(read.attestations).toHaveLength(2);
    expect(read.statements.find((x) => x.vulnerability.name === 'CVE-2024-0001')).toMatchObject({
      status: 'not_affected',
      source: { document: `attestation ${res.digest}`, signer: expect.stringMatching(/^key:/) },
    });
    const v = evaluate(
      { report: report(digest), vex: { statements: read.statements, image: { digest } } },
      { ...DEFAULT_POLICY, maxCounts: {}, allowlist: [] },
      new Date('2026-09-01T00:00:00Z'),
    );
    expect(v.waivers).toMatchObject([
      {
        source: 'vex',
        finding: { id: 'CVE-2024-0001' },
        vex: { justification: 'vulnerable_code_not_present' },
      },
    ]);

    const wrong = await readVexAttestations(repo, digest, { key: otherPub });
    expect(wrong.statements).toEqual([]);
    const tampered = 'the signature does not match the signed content (tampered or signed by another key)';
    expect(wrong.ignored.map((i) => i.reason)).toEqual([tampered, tampered]);
    expect(wrong.ignored.map((i) => i.digest).sort()).toEqual([res.digest, elsewhere.digest].sort());
  });

  it('reads a cosign-made OpenVEX attestation (in-toto v0.1, statements without products) as about the image', async () => {
    const repo = client.repository(reg.host, 'proj/cosign-vex');
    const digest = await pushImage(repo, 'cosign', { diffIds: true });
    const predicate = {
      '@context': 'https://openvex.dev/ns',
      '@id': 'https://openvex.dev/docs/public/vex-1',
      author: 'cosign user',
      timestamp: '2026-08-01T10:00:00Z',
      version: 1,
      statements: [{ vulnerability: { name: 'CVE-2024-0002' }, status: 'fixed' }],
    };
    // The statement cosign's generateOpenVexStatement builds.
    const statement = {
      _type: 'https://in-toto.io/Statement/v0.1',
      predicateType: 'https://openvex.dev/ns',
      subject: [{ name: `${reg.host}/proj/cosign-vex`, digest: { sha256: digest.slice(7) } }],
      predicate,
    };
    const bundle = await new SigningSession({ key: testKey(), env: {} }).signStatement(
      Buffer.from(JSON.stringify(statement)),
    );
    const m = await repo.fetchManifest(digest);
    const created = new Date('2026-08-01T10:00:00Z');
    await pushArtifact(repo, {
      subject: m!.descriptor,
      artifactType: BUNDLE_MEDIA_TYPE,
      layers: [{ mediaType: BUNDLE_MEDIA_TYPE, data: Buffer.from(JSON.stringify(bundle)) }],
      annotations: {
        'dev.sigstore.bundle.content': 'dsse-envelope',
        'dev.sigstore.bundle.predicateType': 'https://openvex.dev/ns',
      },
      created,
    });
    const read = await readVexAttestations(repo, digest, { key: pub });
    expect(read.statements).toHaveLength(1);
    expect(read.statements[0]!.products).toEqual([{ ids: [digest], subcomponents: [] }]);
    const v = evaluate(
      { report: report(digest), vex: { statements: read.statements, image: { digest } } },
      { ...DEFAULT_POLICY, maxCounts: {}, allowlist: [] },
      new Date('2026-09-01T00:00:00Z'),
    );
    expect(v.waivers.map((w) => [w.finding.id, w.source, w.vex?.status])).toEqual([
      ['CVE-2024-0002', 'vex', 'fixed'],
    ]);
  });

  it('converts CycloneDX VEX to OpenVEX for the attestation, and ignores a signed predicate that is not VEX', async () => {
    const repo = client.repository(reg.host, 'proj/cdx');
    const digest = await pushImage(repo, 'cdx', { diffIds: true });
    const bom = {
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      metadata: { component: { 'bom-ref': 'img', name: 'app', purl: `pkg:oci/app@${digest}` } },
      vulnerabilities: [
        {
          id: 'CVE-2024-0002',
          analysis: { state: 'false_positive', detail: 'curl is not used' },
          affects: [{ ref: 'img' }],
        },
      ],
    };
    const res = await attestVex(
      repo,
      digest,
      { document: JSON.stringify(bom), name: 'app.cdx.json' },
      { key: testKey(), env: {} },
    );
    expect(res.converted).toBe(true);
    const st = await statementOf(repo, res.digest);
    expect(st.predicate).toMatchObject({
      '@context': 'https://openvex.dev/ns/v0.2.0',
      statements: [
        {
          vulnerability: { name: 'CVE-2024-0002' },
          status: 'not_affected',
          impact_statement: 'false positive: curl is not used',
          status_notes: 'CycloneDX state: false_positive',
        },
      ],
    });
    // A signed OpenVEX-typed attestation whose predicate is not VEX: listed, not applied, no crash.
    const { attest } = await import('../../src/sign/index.js');
    const junk = await attest(
      repo,
      digest,
      PredicateType.OpenVex,
      { hello: 'world' },
      { key: testKey(), env: {} },
    );
    const read = await readVexAttestations(repo, digest, { key: pub });
    expect(read.statements.map((s) => s.vulnerability.name)).toEqual(['CVE-2024-0002']);
    expect(read.ignored).toEqual([
      {
        digest: junk.digest,
        reason: expect.stringMatching(
          /^signed, but not valid VEX: attestation sha256:[a-f0-9]{64}:1: not an OpenVEX document/,
        ),
      },
    ]);
  });

  it('refuses a malformed VEX document before signing (exit 2, with the line)', async () => {
    const repo = client.repository(reg.host, 'proj/bad');
    const digest = await pushImage(repo, 'bad', { diffIds: true });
    const text = JSON.stringify(
      openvexFor(digest, [{ vulnerability: { name: 'CVE-1' }, status: 'nope' }]),
      null,
      2,
    );
    await expect(
      attestVex(repo, digest, { document: text, name: 'bad.json' }, { key: testKey(), env: {} }),
    ).rejects.toMatchObject({
      code: 'VEX_INVALID',
      exitCode: 2,
      message: expect.stringMatching(/^bad\.json:\d+: statements\[0\]\.status: is "nope"/),
    });
    expect(await listReferrers(repo, digest)).toEqual([]);
  });
});

describe('gate verdict attestation', () => {
  const policy: Policy = {
    ...DEFAULT_POLICY,
    maxCounts: {},
    allowlist: [{ id: 'CVE-2024-0002', reason: 'accepted', source: 'policy.yaml' }],
  };

  function predicateFor(digest: string, gatedOn: Date, verdictPass = true): VerdictPredicate {
    const v = evaluate(
      { report: report(digest), vex: { statements: [], image: { digest } } },
      verdictPass ? { ...policy, failOn: 'none' } : policy,
      gatedOn,
    );
    return predicateOf({
      verdict: v,
      policy: verdictPass ? { ...policy, failOn: 'none' } : policy,
      digest,
      repository: `${reg.host}/proj/verdict`,
      report: report(digest),
      gatedOn,
    });
  }

  it('writes the documented predicate and the deploy check passes, fails on age, on a newer fail, and on other trust', async () => {
    const repo = client.repository(reg.host, 'proj/verdict');
    const digest = await pushImage(repo, 'verdict', { diffIds: true });
    const gatedOn = new Date('2026-08-21T10:02:00Z');
    const p = predicateFor(digest, gatedOn);
    expect(p).toMatchObject({
      verdict: 'pass',
      gatedOn: '2026-08-21T10:02:00.000Z',
      image: { name: `${reg.host}/proj/verdict`, digest },
      policy: { digest: policyDigest({ ...policy, failOn: 'none' }) },
      counts: { critical: 1, high: 1 },
      countsAfterWaivers: { critical: 1, high: 0 },
      violations: [],
      waivers: [{ id: 'CVE-2024-0002', source: 'allowlist', reason: 'accepted', file: 'policy.yaml' }],
      scanner: { name: 'Trivy', vendor: 'Aqua Security', version: 'v0.50.0' },
      scanFinishedOn: '2026-08-21T10:01:00Z',
      harborGate: { version: expect.any(String) },
    });
    const att = await attestVerdict(repo, digest, p, { key: testKey(), env: {} });
    expect(att.predicateType).toBe(VERDICT_PREDICATE_TYPE);
    expect((await statementOf(repo, att.digest)).predicate).toEqual(JSON.parse(JSON.stringify(p)));

    const now = new Date(gatedOn.getTime() + 2 * HOUR);
    const ok = await verifyGateVerdict(repo, digest, { key: pub }, { now, maxAgeMs: 24 * HOUR });
    expect(ok).toMatchObject({
      ok: true,
      reason: expect.stringMatching(/^the gate passed sha256:[a-f0-9]{64} 2h ago/),
    });
    expect(ok.predicate?.verdict).toBe('pass');

    const old = await verifyGateVerdict(repo, digest, { key: pub }, { now, maxAgeMs: HOUR });
    expect(old).toMatchObject({
      ok: false,
      reason: `the gate passed ${digest} 2h ago, older than --max-age 60m`,
    });

    const other = await verifyGateVerdict(repo, digest, { key: otherPub }, { now });
    expect(other.ok).toBe(false);
    expect(other.reason).toMatch(
      /^no gate verdict attestation for sha256:[a-f0-9]{64} verifies with the given trust; ignored: sha256:[a-f0-9]{64}: the signature does not match/,
    );

    const unrelated = await pushImage(repo, 'unrelated', { diffIds: true });
    expect(await verifyGateVerdict(repo, unrelated, { key: pub }, { now })).toMatchObject({
      ok: false,
      reason: `no gate verdict attestation for ${unrelated} verifies with the given trust`,
    });

    // A later run failed for the same digest: the newer verdict decides.
    await attestVerdict(repo, digest, predicateFor(digest, new Date(gatedOn.getTime() + HOUR), false), {
      key: testKey(),
      env: {},
    });
    const failed = await verifyGateVerdict(repo, digest, { key: pub }, { now });
    expect(failed).toMatchObject({
      ok: false,
      reason: `the latest gate verdict for ${digest} is fail (1 violation, gated 60m ago)`,
    });

    // A verdict that claims to come from the future is not believed.
    await attestVerdict(repo, digest, predicateFor(digest, new Date(now.getTime() + 10 * HOUR)), {
      key: testKey(),
      env: {},
    });
    const future = await verifyGateVerdict(repo, digest, { key: pub }, { now });
    expect(future.ok).toBe(false);
    expect(future.ignored.map((i) => i.reason)).toContain(
      `gatedOn ${new Date(now.getTime() + 10 * HOUR).toISOString()} is in the future`,
    );
  });

  it('keyless: the verdict time is the earlier of gatedOn and the verified log time, and the identity must match', async () => {
    const repo = client.repository(reg.host, 'proj/keyless-verdict');
    const digest = await pushImage(repo, 'keyless', { diffIds: true });
    const signedNear = new Date();
    const p = predicateFor(digest, signedNear);
    await attestVerdict(repo, digest, p, {
      identityToken: svc.token(),
      env: {},
      fulcioUrl: svc.url,
      rekorUrl: svc.url,
      rekorEntryType: 'intoto',
    });
    const trust = {
      trustedRoot: svc.trustedRootPath,
      identity: DEFAULT_IDENTITY.subject,
      issuer: DEFAULT_IDENTITY.issuer,
    };
    const later = new Date(signedNear.getTime() + 3 * HOUR);
    const ok = await verifyGateVerdict(repo, digest, trust, { now: later, maxAgeMs: 24 * HOUR });
    expect(ok).toMatchObject({
      ok: true,
      attestation: { signer: DEFAULT_IDENTITY.subject, issuer: DEFAULT_IDENTITY.issuer },
    });
    // The attestation time is the earlier of gatedOn and the verified log time: within minutes of both.
    expect(Math.abs(Date.parse(ok.attestation!.time) - signedNear.getTime())).toBeLessThan(10 * 60_000);
    expect((await verifyGateVerdict(repo, digest, trust, { now: later, maxAgeMs: HOUR })).ok).toBe(false);

    const wrongId = await verifyGateVerdict(
      repo,
      digest,
      { ...trust, identity: 'https://github.com/evil/app/.github/workflows/x.yml@refs/heads/main' },
      { now: later },
    );
    expect(wrongId.ok).toBe(false);
    expect(wrongId.ignored[0]!.reason).toMatch(
      /^identity https:\/\/github.com\/acme\/app\/.* does not match the expected https:\/\/github.com\/evil/,
    );

    // A gatedOn well after the log's time is rejected (backdating the log is impossible; post-dating the predicate is caught).
    await attestVerdict(repo, digest, predicateFor(digest, new Date(signedNear.getTime() + 2 * HOUR)), {
      identityToken: svc.token(),
      env: {},
      fulcioUrl: svc.url,
      rekorUrl: svc.url,
      rekorEntryType: 'intoto',
    });
    const post = await verifyGateVerdict(repo, digest, trust, { now: later });
    expect(post.ignored.map((i) => i.reason)).toEqual([
      expect.stringMatching(/^gatedOn .* is after the verified signing time/),
    ]);
    expect(post.ok).toBe(true);
  });
});
