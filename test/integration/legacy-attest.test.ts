/**
 * Legacy attestations (`sha256-<hex>.att`, as `cosign attest` writes them without the bundle
 * format), written and read back with the same trust rules as bundle referrers, against the real
 * docker-registry (distribution 2.8: no referrers API) and the in-memory registry. The layer
 * shape is checked against a layer cosign wrote (test/fixtures/cosign/att-layer-vuln.json).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/http/client.js';
import { RegistryClient, type Repository } from '../../src/oci/registry.js';
import { MediaType } from '../../src/oci/types.js';
import { listReferrers } from '../../src/oci/referrers.js';
import { startEmbeddedRegistry, type EmbeddedRegistry } from '../../src/embedded/registry.js';
import {
  Annotation,
  DSSE_ENVELOPE_MEDIA_TYPE,
  PredicateType,
  VERDICT_PREDICATE_TYPE,
  attestSbom,
  attestVerdict,
  attestVex,
  attestVulnScan,
  legacyAttestationTag,
  loadSigningKey,
  readAttestations,
  readVexAttestations,
  signImage,
  supersedeAttestations,
  verifyImage,
  verifyGateVerdict,
  type VerdictPredicate,
} from '../../src/sign/index.js';
import { predicateOf } from '../helpers/verdict.js';
import { pub, testKey, pushImage } from '../helpers/attest.js';
import { DEFAULT_POLICY, evaluate } from '../../src/policy/index.js';
import type { ScanReport } from '../../src/core/index.js';
import { sampleSbom } from '../../src/embedded/sample.js';
import { startRegistry, type TestRegistry } from '../servers/registry.js';
import { DEFAULT_IDENTITY, startSigstoreServices, type SigstoreServices } from '../servers/sigstore.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures');
const otherKey = () =>
  loadSigningKey(fs.readFileSync(path.join(FIXTURES, 'keys/cosign-p384.key'), 'utf8'), 'test-password');
const cosignLayer = fs.readFileSync(path.join(FIXTURES, 'cosign/att-layer-vuln.json'));

let dist: TestRegistry;
let mem: EmbeddedRegistry;
let client: RegistryClient;
let svc: SigstoreServices;

beforeAll(async () => {
  [dist, mem, svc] = await Promise.all([startRegistry(), startEmbeddedRegistry(), startSigstoreServices()]);
  client = new RegistryClient({ http: new HttpClient({ env: {} }) });
});
afterAll(async () => {
  client.close();
  await Promise.all([dist.stop(), mem.stop(), svc.close()]);
});

function report(digest: string): ScanReport {
  return {
    digest,
    scanner: { name: 'Trivy', vendor: 'Aqua Security', version: 'v0.50.0' },
    status: 'Success',
    startTime: '2026-08-21T10:00:00Z',
    endTime: '2026-08-21T10:01:00Z',
    findings: [],
    counts: { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 },
    fixable: 0,
  };
}

function verdictFor(repo: Repository, digest: string, gatedOn: Date): VerdictPredicate {
  const policy = { ...DEFAULT_POLICY, allowlist: [] };
  return predicateOf({
    verdict: evaluate({ report: report(digest) }, policy, gatedOn),
    policy,
    digest,
    repository: `${repo.registry}/${repo.name}`,
    report: report(digest),
    gatedOn,
  });
}

interface AttManifest {
  mediaType: string;
  config: { mediaType: string; digest: string };
  layers: { mediaType: string; digest: string; size: number; annotations: Record<string, string> }[];
}

async function attManifest(repo: Repository, digest: string): Promise<AttManifest> {
  const m = await repo.fetchManifest(legacyAttestationTag(digest), MediaType.OciManifest);
  expect(m).toBeDefined();
  return JSON.parse(m!.bytes.toString('utf8')) as AttManifest;
}

/** Put a foreign layer (cosign's own sample) into the `.att` tag, as another signer would have. */
async function addForeignLayer(
  repo: Repository,
  digest: string,
  bytes: Buffer,
  annotations: Record<string, string>,
) {
  const tag = legacyAttestationTag(digest);
  const existing = await repo.fetchManifest(tag, MediaType.OciManifest);
  const layers = existing ? (JSON.parse(existing.bytes.toString('utf8')) as AttManifest).layers : [];
  const d = await repo.pushBlobBytes(bytes, DSSE_ENVELOPE_MEDIA_TYPE);
  layers.push({ mediaType: DSSE_ENVELOPE_MEDIA_TYPE, digest: d.digest, size: d.size, annotations });
  const cfg = await repo.pushBlobBytes(Buffer.from('{}'), MediaType.OciConfig);
  await repo.pushManifest(
    tag,
    Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciManifest, config: cfg, layers })),
    MediaType.OciManifest,
  );
  return d.digest;
}

describe('legacy attestations (.att)', () => {
  it('writes the layer cosign writes, keeps other layers, replaces this signer\u2019s older one of the same type, and reads it back', async () => {
    const repo = client.repository(dist.host, 'proj/legacy');
    const digest = await pushImage(repo, 'legacy', { diffIds: true });
    const t0 = new Date();
    const first = await attestVerdict(repo, digest, verdictFor(repo, digest, t0), {
      key: testKey(),
      env: {},
      format: 'legacy',
    });
    expect(first).toMatchObject({ artifactType: DSSE_ENVELOPE_MEDIA_TYPE, referrersApi: false });
    expect(first.legacy).toMatchObject({ tag: legacyAttestationTag(digest), replaced: 0 });
    // No referrer: the legacy form is only the tag.
    expect(await listReferrers(repo, digest)).toEqual([]);

    let att = await attManifest(repo, digest);
    expect(att.mediaType).toBe(MediaType.OciManifest);
    expect(att.layers).toHaveLength(1);
    expect(att.layers[0]!.mediaType).toBe('application/vnd.dsse.envelope.v1+json');
    expect(att.layers[0]!.annotations).toEqual({
      predicateType: VERDICT_PREDICATE_TYPE,
      'dev.cosignproject.cosign/signature': '',
    });
    // The same envelope shape as cosign's own layer: the keys, their order and the payload type.
    const ours = JSON.parse((await repo.fetchBlob(att.layers[0]!)).toString('utf8')) as Record<
      string,
      unknown
    >;
    const theirs = JSON.parse(cosignLayer.toString('utf8')) as Record<string, unknown>;
    expect(Object.keys(ours)).toEqual(Object.keys(theirs));
    expect(ours.payloadType).toBe(theirs.payloadType);
    expect(Object.keys((ours.signatures as object[])[0]!)).toEqual(
      Object.keys((theirs.signatures as object[])[0]!),
    );

    // Another signer's layer (cosign's sample) and our VEX and scan attestations are kept.
    const foreign = await addForeignLayer(repo, digest, cosignLayer, {
      predicateType: PredicateType.CosignVuln,
    });
    await attestVulnScan(repo, digest, report(digest), { key: testKey(), env: {}, format: 'legacy' });
    await attestVex(
      repo,
      digest,
      {
        document: JSON.stringify({
          '@context': 'https://openvex.dev/ns/v0.2.0',
          '@id': 'https://example.com/vex/1',
          author: 'Example',
          timestamp: '2026-08-01T10:00:00Z',
          version: 1,
          statements: [
            {
              vulnerability: { name: 'CVE-2024-0001' },
              status: 'not_affected',
              justification: 'component_not_present',
            },
          ],
        }),
        name: 'app.openvex.json',
      },
      { key: testKey(), env: {}, format: 'legacy' },
    );
    // A verdict by another key is kept too; only ours is replaced.
    await attestVerdict(repo, digest, verdictFor(repo, digest, t0), {
      key: otherKey(),
      env: {},
      format: 'legacy',
    });
    const second = await attestVerdict(
      repo,
      digest,
      verdictFor(repo, digest, new Date(t0.getTime() + 1000)),
      {
        key: testKey(),
        env: {},
        format: 'legacy',
      },
    );
    expect(second.legacy?.replaced).toBe(1);
    att = await attManifest(repo, digest);
    expect(att.layers.map((l) => l.annotations.predicateType)).toEqual([
      PredicateType.CosignVuln,
      PredicateType.CosignVuln,
      PredicateType.OpenVex,
      VERDICT_PREDICATE_TYPE,
      VERDICT_PREDICATE_TYPE,
    ]);
    expect(att.layers.map((l) => l.digest)).toContain(foreign);
    expect(att.layers.map((l) => l.digest)).not.toContain(first.legacy!.layer);

    // Read back with the same trust rules: ours verifies, the other key's and cosign's do not.
    const verdict = await verifyGateVerdict(
      repo,
      digest,
      { key: pub },
      { now: new Date(t0.getTime() + 5000) },
    );
    expect(verdict).toMatchObject({ ok: true, attestation: { digest: second.legacy!.layer } });
    expect(verdict.ignored.map((i) => i.reason)).toEqual([
      'the signature does not match the signed content (tampered or signed by another key)',
    ]);
    const vex = await readVexAttestations(repo, digest, { key: pub });
    expect(vex.statements.map((s) => s.vulnerability.name)).toEqual(['CVE-2024-0001']);
    const vuln = await readAttestations(repo, digest, { key: pub }, [PredicateType.CosignVuln]);
    expect(vuln.verified.map((v) => v.format)).toEqual(['legacy']);
    // cosign's sample is about another image, signed by another key: ignored with the reason.
    expect(vuln.ignored).toEqual([
      { digest: foreign, reason: expect.stringMatching(/signature does not match/) },
    ]);
  });

  it('keyless with --signature-format both: one signature, a bundle referrer and a .att layer with the certificate and Rekor bundle, both read', async () => {
    const repo = client.repository(mem.host, 'proj/legacy-keyless');
    const digest = await pushImage(repo, 'keyless', { diffIds: true });
    const signing = {
      identityToken: svc.token(),
      env: {},
      fulcioUrl: svc.url,
      rekorUrl: svc.url,
      rekorEntryType: 'intoto' as const,
      format: 'both' as const,
    };
    const res = await attestVerdict(repo, digest, verdictFor(repo, digest, new Date()), signing);
    expect(res.identity).toBe(DEFAULT_IDENTITY.subject);
    expect((await listReferrers(repo, digest)).map((r) => r.digest)).toEqual([res.digest]);
    const att = await attManifest(repo, digest);
    expect(Object.keys(att.layers[0]!.annotations).sort()).toEqual(
      [Annotation.PredicateType, Annotation.Signature, Annotation.Certificate, Annotation.RekorBundle].sort(),
    );
    expect(att.layers[0]!.annotations[Annotation.Certificate]).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const rekor = JSON.parse(att.layers[0]!.annotations[Annotation.RekorBundle]!) as {
      SignedEntryTimestamp: string;
      Payload: { body: string; integratedTime: number; logIndex: number; logID: string };
    };
    expect(rekor.Payload.integratedTime).toBeGreaterThan(0);
    expect(rekor.Payload.logID).toMatch(/^[0-9a-f]{64}$/);

    const trust = {
      trustedRoot: svc.trustedRootPath,
      ...{ identity: DEFAULT_IDENTITY.subject, issuer: DEFAULT_IDENTITY.issuer },
    };
    const read = await readAttestations(repo, digest, trust, [VERDICT_PREDICATE_TYPE]);
    expect(read.ignored).toEqual([]);
    expect(read.verified.map((v) => [v.format, v.identity])).toEqual([
      ['bundle', DEFAULT_IDENTITY.subject],
      ['legacy', DEFAULT_IDENTITY.subject],
    ]);
    // The legacy layer's time is the checked log time, as the bundle's.
    expect(read.verified[1]!.verifiedTime).toBeDefined();
    expect(read.verified[1]!.verifiedTime).toBe(read.verified[0]!.verifiedTime);

    // Another identity's keyless layer is not "ours": a second run by it keeps our layer.
    await attestVerdict(repo, digest, verdictFor(repo, digest, new Date()), {
      ...signing,
      identityToken: svc.token({
        subject: 'https://github.com/other/app/.github/workflows/x.yml@refs/heads/main',
      }),
    });
    expect((await attManifest(repo, digest)).layers).toHaveLength(2);
    await attestVerdict(repo, digest, verdictFor(repo, digest, new Date()), signing);
    expect((await attManifest(repo, digest)).layers).toHaveLength(2);
  });

  it('reads a hostile .att tag without failing: malformed layers are ignored with the reason', async () => {
    const repo = client.repository(mem.host, 'proj/legacy-hostile');
    const digest = await pushImage(repo, 'hostile', { diffIds: true });
    await attestVerdict(repo, digest, verdictFor(repo, digest, new Date()), {
      key: testKey(),
      env: {},
      format: 'legacy',
    });
    const pt = { predicateType: VERDICT_PREDICATE_TYPE };
    const notJson = await addForeignLayer(repo, digest, Buffer.from('not json'), pt);
    const noSigs = await addForeignLayer(
      repo,
      digest,
      Buffer.from('{"payloadType":"x","payload":"","signatures":[]}'),
      pt,
    );
    const badRekor = await addForeignLayer(repo, digest, cosignLayer, {
      ...pt,
      [Annotation.RekorBundle]: '{"Payload":',
    });
    const read = await readAttestations(repo, digest, { key: pub }, [VERDICT_PREDICATE_TYPE]);
    expect(read.verified).toHaveLength(1);
    expect(Object.fromEntries(read.ignored.map((i) => [i.digest, i.reason]))).toEqual({
      [notJson]: 'the attestation layer is not JSON',
      [noSigs]: 'the DSSE envelope has no signatures',
      [badRekor]: expect.stringMatching(/^the legacy attestation layer is malformed/),
    });

    // A tag whose layer list is malformed is one ignored entry, not a crash.
    const cfg = await repo.pushBlobBytes(Buffer.from('{}'), MediaType.OciConfig);
    await repo.pushManifest(
      legacyAttestationTag(digest),
      Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: MediaType.OciManifest,
          config: cfg,
          layers: [{ mediaType: DSSE_ENVELOPE_MEDIA_TYPE, digest: cfg.digest, size: -1 }],
        }),
      ),
      MediaType.OciManifest,
    );
    const broken = await readAttestations(repo, digest, { key: pub }, [VERDICT_PREDICATE_TYPE]);
    expect(broken.verified).toEqual([]);
    expect(broken.ignored).toEqual([
      {
        digest: legacyAttestationTag(digest),
        reason: expect.stringMatching(/malformed: a layer of the referrer manifest has an invalid size/),
      },
    ]);
  });

  it('verify finds an SBOM attested only in the legacy form, with the same trust', async () => {
    const repo = client.repository(dist.host, 'proj/legacy-sbom');
    const digest = await pushImage(repo, 'legacy-sbom', { diffIds: true });
    await signImage(repo, digest, { key: testKey(), env: {}, format: 'legacy' });
    const sbom = JSON.parse(sampleSbom().toString('utf8')) as unknown;
    await attestSbom(
      repo,
      digest,
      { format: 'cyclonedx', document: sbom },
      { key: testKey(), env: {}, format: 'legacy' },
    );
    const ok = await verifyImage(repo, digest, { key: pub, requireSbom: true });
    expect(ok).toMatchObject({
      verified: true,
      sbom: { signed: true, predicateType: PredicateType.CycloneDx },
    });
    const other = await verifyImage(repo, digest, {
      key: fs.readFileSync(path.join(FIXTURES, 'keys/cosign-p384.pub'), 'utf8'),
      requireSbom: true,
    });
    expect(other.verified).toBe(false);
    expect(other.sbom).toBeNull();
  });

  it('on a registry without the referrers API, superseding drops the older attestations from the referrers tag index', async () => {
    const repo = client.repository(dist.host, 'proj/fallback');
    const digest = await pushImage(repo, 'fallback', { diffIds: true });
    const kept: string[] = [];
    for (let i = 0; i < 5; i++) {
      const a = await attestVerdict(repo, digest, verdictFor(repo, digest, new Date(Date.now() + i)), {
        key: testKey(),
        env: {},
      });
      expect(a.referrersApi).toBe(false);
      const res = await supersedeAttestations(repo, digest, { key: pub }, [a]);
      expect(res.failed).toEqual([]);
      expect(res.deleted).toEqual(kept.slice(-1));
      kept.push(a.digest);
    }
    const referrers = await listReferrers(repo, digest);
    expect(referrers.map((r) => r.digest)).toEqual([kept.at(-1)]);
    // The deleted manifests are gone from the registry too.
    expect(await repo.resolve(kept[0]!)).toBeUndefined();
    const verdict = await verifyGateVerdict(
      repo,
      digest,
      { key: pub },
      { now: new Date(Date.now() + 60_000) },
    );
    expect(verdict).toMatchObject({ ok: true, attestation: { digest: kept.at(-1) } });
  });
});
