/**
 * Signing and verifying images stored in a registry: the in-memory registry (referrers API) and
 * the real docker-registry (distribution 2.8, tag-schema fallback), with the offline Sigstore.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBundleLatest, bundleFromJSON } from '@sigstore/bundle';
import { HttpClient } from '../../src/http/client.js';
import { RegistryClient, type Repository } from '../../src/oci/registry.js';
import { MediaType } from '../../src/oci/types.js';
import { startEmbeddedRegistry } from '../../src/embedded/registry.js';
import { attestSbom, attestVulnScan } from '../../src/sign/attest.js';
import { signImage } from '../../src/sign/image.js';
import { verifyImage } from '../../src/sign/verify-image.js';
import { loadSigningKey } from '../../src/sign/keys.js';
import { legacySignatureTag, sha256Digest } from '../../src/sign/formats.js';
import type { ScanReport } from '../../src/core/index.js';
import { startRegistry } from '../servers/registry.js';
import { DEFAULT_IDENTITY, startSigstoreServices, type SigstoreServices } from '../servers/sigstore.js';

const KEYS = path.join(import.meta.dirname, '../fixtures/keys');
let svc: SigstoreServices;

beforeAll(async () => {
  svc = await startSigstoreServices();
});
afterAll(async () => {
  await svc.close();
});

async function pushImage(
  repo: Repository,
  seed: string,
): Promise<{ digest: string; size: number; mediaType: string }> {
  const layer = Buffer.from(`layer ${seed}`);
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: [sha256Digest(layer)] },
    }),
  );
  const l = await repo.pushBlobBytes(layer, MediaType.OciLayer);
  const c = await repo.pushBlobBytes(config, MediaType.OciConfig);
  const manifest = Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciManifest, config: c, layers: [l] }),
  );
  const { digest } = await repo.pushManifest(sha256Digest(manifest), manifest, MediaType.OciManifest);
  return { digest, size: manifest.length, mediaType: MediaType.OciManifest };
}

async function pushIndex(repo: Repository): Promise<{ index: string; children: string[] }> {
  const a = await pushImage(repo, 'amd64');
  const b = await pushImage(repo, 'arm64');
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.OciIndex,
      manifests: [
        { ...a, platform: { architecture: 'amd64', os: 'linux' } },
        { ...b, platform: { architecture: 'arm64', os: 'linux' } },
      ],
    }),
  );
  const { digest } = await repo.pushManifest('v1', index, MediaType.OciIndex);
  return { index: digest, children: [a.digest, b.digest] };
}

const keylessOpts = () => ({
  identityToken: svc.token(),
  env: {},
  fulcioUrl: svc.url,
  rekorUrl: svc.url,
});

const verifyKeyless = () => ({
  trustedRoot: svc.trustedRootPath,
  identity: DEFAULT_IDENTITY.subject,
  issuer: DEFAULT_IDENTITY.issuer,
});

function suite(
  name: string,
  start: () => Promise<{ host: string; stop: () => Promise<void> }>,
  referrersApi: boolean,
): void {
  describe(name, () => {
    let stop: () => Promise<void>;
    let client: RegistryClient;
    let host: string;

    beforeAll(async () => {
      const r = await start();
      stop = r.stop;
      host = r.host;
      client = new RegistryClient({ http: new HttpClient({ env: {} }) });
    });
    afterAll(async () => {
      client.close();
      await stop();
    });

    it('signs keyless in the bundle format (cosign v3 referrer) and verifies', async () => {
      const repo = client.repository(host, 'proj/keyless');
      const img = await pushImage(repo, 'one');
      const res = await signImage(repo, img.digest, {
        ...keylessOpts(),
        created: new Date('2026-08-21T10:00:00Z'),
      });
      expect(res.signatures).toHaveLength(1);
      const sig = res.signatures[0]!;
      expect(sig).toMatchObject({
        format: 'bundle',
        artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
        referrersApi,
      });

      // The referrer manifest, field by field against notes/sigstore.md 1(c).
      const m = await repo.fetchManifest(sig.digest);
      const manifest = JSON.parse(m!.bytes.toString('utf8'));
      expect(manifest.artifactType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
      expect(manifest.config.mediaType).toBe('application/vnd.oci.empty.v1+json');
      expect(manifest.config.digest).toBe(
        'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
      );
      expect(manifest.layers).toHaveLength(1);
      expect(manifest.layers[0].mediaType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
      expect(manifest.annotations).toEqual({
        'dev.sigstore.bundle.content': 'dsse-envelope',
        'dev.sigstore.bundle.predicateType': 'https://sigstore.dev/cosign/sign/v1',
        'org.opencontainers.image.created': '2026-08-21T10:00:00Z',
      });
      expect(manifest.subject).toEqual({ mediaType: img.mediaType, digest: img.digest, size: img.size });
      const layer = await repo.fetchBlob(manifest.layers[0]);
      expect(() => {
        assertBundleLatest(bundleFromJSON(JSON.parse(layer.toString('utf8'))));
      }).not.toThrow();

      const v = await verifyImage(repo, img.digest, verifyKeyless());
      expect(v).toMatchObject({ subject: img.digest, verified: true, sbom: null });
      expect(v.signatures).toEqual([
        {
          digest: sig.digest,
          format: 'bundle',
          identity: DEFAULT_IDENTITY.subject,
          issuer: DEFAULT_IDENTITY.issuer,
          ok: true,
          reason: 'verified',
        },
      ]);

      const wrong = await verifyImage(repo, img.digest, {
        ...verifyKeyless(),
        identity: 'someone@example.com',
      });
      expect(wrong.verified).toBe(false);
      expect(wrong.signatures[0]!.reason).toMatch(/does not match the expected someone@example\.com/);
      expect(wrong.reason).toBe('no signature from the expected signer verified');
    });

    it('writes the legacy .sig layout field by field, appends a second signature, and verifies both formats', async () => {
      const repo = client.repository(host, 'proj/legacy');
      const img = await pushImage(repo, 'two');
      const res = await signImage(repo, img.digest, { ...keylessOpts(), format: 'both', tsaUrl: svc.url });
      expect(res.signatures.map((s) => s.format)).toEqual(['bundle', 'legacy']);
      const tag = legacySignatureTag(img.digest);
      expect(tag).toBe(`sha256-${img.digest.slice(7)}.sig`);
      expect(res.signatures[1]!.tag).toBe(tag);

      const m = await repo.fetchManifest(tag);
      const manifest = JSON.parse(m!.bytes.toString('utf8'));
      expect(manifest.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
      expect(manifest.config.mediaType).toBe('application/vnd.oci.image.config.v1+json');
      expect(manifest.subject).toBeUndefined();
      expect(manifest.layers).toHaveLength(1);
      const l = manifest.layers[0];
      expect(l.mediaType).toBe('application/vnd.dev.cosign.simplesigning.v1+json');
      const payload = await repo.fetchBlob(l);
      expect(JSON.parse(payload.toString('utf8'))).toEqual({
        critical: {
          identity: { 'docker-reference': `${host}/proj/legacy` },
          image: { 'docker-manifest-digest': img.digest },
          type: 'cosign container image signature',
        },
        optional: null,
      });
      // Key order as cosign marshals it.
      expect(payload.toString('utf8')).toMatch(
        /^\{"critical":\{"identity":\{"docker-reference":".*"\},"image":\{"docker-manifest-digest":"sha256:[a-f0-9]{64}"\},"type":"cosign container image signature"\},"optional":null\}$/,
      );
      const a = l.annotations;
      expect(Object.keys(a).sort()).toEqual([
        'dev.cosignproject.cosign/signature',
        'dev.sigstore.cosign/bundle',
        'dev.sigstore.cosign/certificate',
        'dev.sigstore.cosign/rfc3161timestamp',
      ]);
      expect(a['dev.cosignproject.cosign/signature']).toMatch(/^[A-Za-z0-9+/]+=*$/);
      expect(a['dev.sigstore.cosign/certificate']).toMatch(
        /^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/,
      );
      const rekor = JSON.parse(a['dev.sigstore.cosign/bundle']);
      expect(Object.keys(rekor)).toEqual(['SignedEntryTimestamp', 'Payload']);
      expect(Object.keys(rekor.Payload)).toEqual(['body', 'integratedTime', 'logIndex', 'logID']);
      expect(typeof rekor.Payload.integratedTime).toBe('number');
      expect(typeof rekor.Payload.logIndex).toBe('number');
      expect(rekor.Payload.logID).toMatch(/^[a-f0-9]{64}$/);
      const body = JSON.parse(Buffer.from(rekor.Payload.body, 'base64').toString('utf8'));
      expect(body).toMatchObject({ apiVersion: '0.0.1', kind: 'hashedrekord' });
      expect(body.spec.data.hash).toEqual({
        algorithm: 'sha256',
        value: crypto.createHash('sha256').update(payload).digest('hex'),
      });
      expect(body.spec.signature.content).toBe(a['dev.cosignproject.cosign/signature']);
      expect(Object.keys(JSON.parse(a['dev.sigstore.cosign/rfc3161timestamp']))).toEqual([
        'SignedRFC3161Timestamp',
      ]);
      const config = JSON.parse((await repo.fetchBlob(manifest.config)).toString('utf8'));
      expect(config.rootfs).toEqual({ type: 'layers', diff_ids: [l.digest] });

      // A second signature is appended to the same tag.
      const key = loadSigningKey(
        fs.readFileSync(path.join(KEYS, 'cosign-p256.key'), 'utf8'),
        'test-password',
      );
      await signImage(repo, img.digest, { key, env: {}, format: 'legacy' });
      const m2 = JSON.parse((await repo.fetchManifest(tag))!.bytes.toString('utf8'));
      expect(m2.layers).toHaveLength(2);
      expect(m2.layers[0]).toEqual(l);

      const v = await verifyImage(repo, img.digest, verifyKeyless());
      expect(v.verified).toBe(true);
      expect(v.signatures.map((s) => [s.format, s.ok, s.reason])).toEqual([
        ['bundle', true, 'verified'],
        ['legacy', true, 'verified'],
        ['legacy', false, 'signed with a key, but keyless verification (identity and issuer) was asked for'],
      ]);

      const byKey = await verifyImage(repo, img.digest, {
        key: fs.readFileSync(path.join(KEYS, 'cosign-p256.pub'), 'utf8'),
      });
      expect(byKey.verified).toBe(true);
      expect(byKey.signatures.filter((s) => s.ok).map((s) => s.format)).toEqual(['legacy']);
    });

    it('signs an index, and with recursive each platform manifest; a signature for another digest does not count', async () => {
      const repo = client.repository(host, 'proj/multi');
      const { index, children } = await pushIndex(repo);
      const key = loadSigningKey(fs.readFileSync(path.join(KEYS, 'cosign-rsa.key'), 'utf8'), 'test-password');
      const pub = fs.readFileSync(path.join(KEYS, 'cosign-rsa.pub'), 'utf8');
      const top = await signImage(repo, index, { key, env: {} });
      expect(top.signatures.map((s) => s.subject)).toEqual([index]);
      expect((await verifyImage(repo, children[0]!, { key: pub })).verified).toBe(false);
      const rec = await signImage(repo, index, { key, env: {}, recursive: true });
      expect(rec.signatures.map((s) => s.subject)).toEqual([index, ...children]);
      for (const d of [index, ...children]) {
        const v = await verifyImage(repo, d, { key: pub });
        expect(v.verified).toBe(true);
      }
      const none = await verifyImage(repo, (await pushImage(repo, 'unsigned')).digest, { key: pub });
      expect(none).toMatchObject({ verified: false, signatures: [], reason: 'no signature found' });
    });

    it('attests an SBOM and a scan result; --require-sbom passes only with the SBOM', async () => {
      const repo = client.repository(host, 'proj/sbom');
      const img = await pushImage(repo, 'three');
      await signImage(repo, img.digest, keylessOpts());
      const noSbom = await verifyImage(repo, img.digest, { ...verifyKeyless(), requireSbom: true });
      expect(noSbom).toMatchObject({
        verified: false,
        sbom: null,
        reason: 'no SBOM referrer found (--require-sbom)',
      });

      // A signed attestation whose predicate is not a schema-valid SBOM does not count.
      const junk = { spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT', name: 'app', packages: [] };
      await attestSbom(
        repo,
        img.digest,
        { format: 'spdx', document: Buffer.from(JSON.stringify(junk)) },
        keylessOpts(),
      );
      expect(await verifyImage(repo, img.digest, { ...verifyKeyless(), requireSbom: true })).toMatchObject({
        verified: false,
        sbom: null,
      });
      const spdx = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/sbom/spdx-2.3.json'));
      const att = await attestSbom(repo, img.digest, { format: 'spdx', document: spdx }, keylessOpts());
      expect(att.predicateType).toBe('https://spdx.dev/Document');
      const report: ScanReport = {
        digest: img.digest,
        scanner: { name: 'Trivy', vendor: 'Aqua Security', version: 'v0.50.0' },
        status: 'Success',
        startTime: '2026-08-21T10:00:00Z',
        endTime: '2026-08-21T10:01:00Z',
        findings: [
          {
            id: 'CVE-2024-0001',
            package: 'openssl',
            version: '3.0.1',
            fixVersion: '3.0.2',
            severity: 'high',
            links: [],
            cweIds: [],
          },
        ],
        counts: { critical: 0, high: 1, medium: 0, low: 0, unknown: 0 },
        fixable: 1,
      };
      const vuln = await attestVulnScan(repo, img.digest, report, keylessOpts());
      expect(vuln.predicateType).toBe('https://cosign.sigstore.dev/attestation/vuln/v1');
      const vm = JSON.parse((await repo.fetchManifest(vuln.digest))!.bytes.toString('utf8'));
      const vb = JSON.parse((await repo.fetchBlob(vm.layers[0])).toString('utf8'));
      const st = JSON.parse(Buffer.from(vb.dsseEnvelope.payload, 'base64').toString('utf8'));
      expect(st.predicate.scanner.result.vulnerabilities[0]).toMatchObject({
        id: 'CVE-2024-0001',
        fixVersion: '3.0.2',
      });
      expect(st.predicate.metadata).toEqual({
        scanStartedOn: '2026-08-21T10:00:00Z',
        scanFinishedOn: '2026-08-21T10:01:00Z',
      });
      expect(st.subject[0]).toEqual({ name: `${host}/proj/sbom`, digest: { sha256: img.digest.slice(7) } });

      const v = await verifyImage(repo, img.digest, { ...verifyKeyless(), requireSbom: true });
      expect(v).toMatchObject({
        verified: true,
        sbom: { digest: att.digest, signed: true, predicateType: 'https://spdx.dev/Document' },
      });
      // The attestations are not listed as image signatures.
      expect(v.signatures).toHaveLength(1);
    });
  });
}

suite(
  'in-memory registry (referrers API)',
  async () => {
    const r = await startEmbeddedRegistry();
    return { host: r.host, stop: () => r.stop() };
  },
  true,
);

suite(
  'docker-registry 2.8 (referrers tag fallback)',
  async () => {
    const r = await startRegistry();
    return { host: r.host, stop: () => r.stop() };
  },
  false,
);
