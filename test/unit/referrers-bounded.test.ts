/**
 * Issue 20 item 9: hostile SBOM referrers cannot make `verify` read without bound. Before, 32 unsigned
 * SBOM referrers of 63 MiB each were all downloaded and parsed (244 s, 2.6 GB). Referrers are now
 * filtered by artifact type and by the sizes their descriptors claim before any download, tried
 * newest first, and bounded per command (MAX_SBOM_CANDIDATES examined, SBOM_READ_BUDGET_BYTES
 * read). The test counts the blob downloads the embedded registry serves and the bytes the budget
 * records; the referrers claim 63 MiB in their manifests (the blob behind is small), which is what
 * the client sees before it downloads.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedRegistry, type EmbeddedRegistry } from '../../src/embedded/registry.js';
import { HttpClient } from '../../src/http/client.js';
import { RegistryClient, type Repository } from '../../src/oci/registry.js';
import { digestOf } from '../../src/oci/verify.js';
import { MediaType, type Descriptor } from '../../src/oci/types.js';
import { MAX_SBOM_CANDIDATES, SBOM_READ_BUDGET_BYTES, sbomReadBudget } from '../../src/sign/sbom-find.js';
import { verifyImage } from '../../src/sign/verify-image.js';

const MiB = 1024 * 1024;
let reg: EmbeddedRegistry;
let http: HttpClient;
let repo: Repository;
const blobGets: string[] = [];
const manifestGets: string[] = [];

beforeAll(async () => {
  reg = await startEmbeddedRegistry({
    intercept: (req) => {
      if (req.method === 'GET' && req.url?.includes('/blobs/')) blobGets.push(req.url);
      if (req.method === 'GET' && req.url?.includes('/manifests/sha256:')) manifestGets.push(req.url);
      return false;
    },
  });
  http = new HttpClient({ env: {} });
  repo = new RegistryClient({ http }).repository(reg.host, 'bounded/app');
});
afterAll(async () => {
  http.close();
  await reg.stop();
});

async function newImage(n: string): Promise<Descriptor> {
  const config = await repo.pushBlobBytes(Buffer.from(`{"os":"linux","n":"${n}"}`), MediaType.OciConfig);
  const layer = await repo.pushBlobBytes(Buffer.from(`layer ${n}`), MediaType.OciLayer);
  const bytes = Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciManifest, config, layers: [layer] }),
  );
  const res = await repo.pushManifest(n, bytes, MediaType.OciManifest);
  return { mediaType: MediaType.OciManifest, digest: res.digest, size: bytes.length };
}

/** A referrer of `subject` whose one layer claims `claimedSize` bytes (its real blob is small). */
async function referrer(
  subject: Descriptor,
  artifactType: string,
  layerType: string,
  claimedSize: number,
  created: Date,
  annotations: Record<string, string> = {},
): Promise<string> {
  const empty = await repo.pushBlobBytes(Buffer.from('{}'), 'application/vnd.oci.empty.v1+json');
  const blob = await repo.pushBlobBytes(Buffer.from(`{"junk":"${crypto.randomUUID()}"}`), layerType);
  const bytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.OciManifest,
      artifactType,
      config: empty,
      layers: [{ ...blob, size: claimedSize }],
      subject,
      annotations: { 'org.opencontainers.image.created': created.toISOString(), ...annotations },
    }),
  );
  const digest = digestOf(bytes);
  await repo.pushManifest(digest, bytes, MediaType.OciManifest);
  return digest;
}

describe('verify on an image with 50 hostile referrers (item 9)', () => {
  it('32 unsigned SBOMs claiming 63 MiB: at most the budget is downloaded, newest first; the rest is not examined', async () => {
    const subject = await newImage('fifty');
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    const sboms: string[] = [];
    for (let i = 0; i < 32; i++) {
      sboms.push(
        await referrer(
          subject,
          'application/spdx+json',
          'application/spdx+json',
          63 * MiB,
          new Date(t0 + i * 1000),
        ),
      );
    }
    // 18 attestations of other kinds (scan results, verdicts): not signatures, not SBOMs.
    for (let i = 0; i < 18; i++) {
      await referrer(
        subject,
        'application/vnd.dev.sigstore.bundle.v0.3+json',
        'application/vnd.dev.sigstore.bundle.v0.3+json',
        20 * MiB,
        new Date(t0 + i * 1000),
        { 'dev.sigstore.bundle.predicateType': 'https://cosign.sigstore.dev/attestation/vuln/v1' },
      );
    }
    blobGets.length = 0;
    manifestGets.length = 0;
    const budget = sbomReadBudget();
    const key = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    const res = await verifyImage(repo, subject.digest, {
      key,
      requireSbom: true,
      legacy: false,
      sbomBudget: budget,
    });
    expect(res.verified).toBe(false);
    expect(res.sbom).toBeNull();
    // One 63 MiB SBOM fits the 64 MiB budget; nothing else is downloaded (the attestations of
    // other types are skipped on their listed predicate type, before any read).
    expect(Math.floor(SBOM_READ_BUDGET_BYTES / (63 * MiB))).toBe(1);
    expect(budget.downloads).toBe(1);
    expect(budget.bytesRead).toBe(63 * MiB);
    expect(blobGets).toHaveLength(1);
    // Newest first: the manifests read are the newest SBOM referrers, in order.
    expect(manifestGets.slice(0, 2).map((u) => u.replace(/^.*\/manifests\//, ''))).toEqual([
      sboms[31],
      sboms[30],
    ]);
    // Examined at most MAX_SBOM_CANDIDATES manifests; the 18 other attestations none.
    expect(budget.examined).toBe(MAX_SBOM_CANDIDATES);
    expect(manifestGets).toHaveLength(MAX_SBOM_CANDIDATES);
  });

  it('an SBOM whose descriptor claims more than the per-SBOM cap is refused before its download', async () => {
    const subject = await newImage('huge');
    await referrer(subject, 'application/spdx+json', 'application/spdx+json', 65 * MiB, new Date());
    blobGets.length = 0;
    const budget = sbomReadBudget();
    const key = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    const res = await verifyImage(repo, subject.digest, {
      key,
      requireSbom: true,
      legacy: false,
      sbomBudget: budget,
    });
    expect(res.sbom).toBeNull();
    expect(blobGets).toHaveLength(0);
    expect(budget.downloads).toBe(0);
  });
});
