/**
 * Shared setup for the attestation and verdict integration tests: the cosign key fixtures, a
 * one-layer image pushed to a repository, the scan report and policies the verdict tests gate on,
 * and reading or forging a bundle referrer as an attacker with push rights would.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ScanReport } from '../../src/core/index.js';
import { pushArtifact } from '../../src/oci/artifact.js';
import type { Repository } from '../../src/oci/registry.js';
import { MediaType } from '../../src/oci/types.js';
import { DEFAULT_POLICY, evaluate, type Policy } from '../../src/policy/index.js';
import {
  BUNDLE_MEDIA_TYPE,
  VERDICT_PREDICATE_TYPE,
  loadSigningKey,
  sha256Digest,
  type VerdictPredicate,
} from '../../src/sign/index.js';
import { predicateOf } from './verdict.js';

export const KEYS = path.join(import.meta.dirname, '../fixtures/keys');
export const PUB_FILE = path.join(KEYS, 'cosign-p256.pub');
/** The public half of `testKey()`. */
export const pub = fs.readFileSync(PUB_FILE, 'utf8');

/** The P-256 cosign key fixture (a fresh handle each call). */
export function testKey(): ReturnType<typeof loadSigningKey> {
  return loadSigningKey(fs.readFileSync(path.join(KEYS, 'cosign-p256.key'), 'utf8'), 'test-password');
}

/**
 * Pushes a one-layer image whose layer depends on `seed`; returns its digest. `diffIds`: whether
 * the config lists the layer's diff_id (the digests differ, so each test keeps its own choice).
 */
export async function pushImage(repo: Repository, seed: string, opts: { diffIds: boolean }): Promise<string> {
  const layer = Buffer.from(`layer ${seed}`);
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: opts.diffIds ? [sha256Digest(layer)] : [] },
    }),
  );
  const l = await repo.pushBlobBytes(layer, MediaType.OciLayer);
  const c = await repo.pushBlobBytes(config, MediaType.OciConfig);
  const manifest = Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciManifest, config: c, layers: [l] }),
  );
  return (await repo.pushManifest(sha256Digest(manifest), manifest, MediaType.OciManifest)).digest;
}

/** A Trivy report of `digest` with one critical, unfixable finding. */
export function criticalReport(digest: string): ScanReport {
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
    ],
    counts: { critical: 1, high: 0, medium: 0, low: 0, unknown: 0 },
    fixable: 0,
  };
}

/** Passes `criticalReport`. */
export const PASS_POLICY: Policy = { ...DEFAULT_POLICY, maxCounts: {}, allowlist: [], failOn: 'none' };
/** Fails `criticalReport`. */
export const FAIL_POLICY: Policy = { ...DEFAULT_POLICY, maxCounts: {}, allowlist: [] };

/** The verdict predicate the gate writes for `criticalReport(digest)` under `policy`. */
export function criticalPredicate(
  digest: string,
  repository: string,
  gatedOn: Date,
  policy: Policy,
): VerdictPredicate {
  const report = criticalReport(digest);
  const v = evaluate({ report, vex: { statements: [], image: { digest } } }, policy, gatedOn);
  return predicateOf({ verdict: v, policy, digest, repository, report: criticalReport(digest), gatedOn });
}

/** The bundle JSON of a referrer (its one layer). */
export async function bundleOf(repo: Repository, referrer: string): Promise<Record<string, unknown>> {
  const m = JSON.parse((await repo.fetchManifest(referrer))!.bytes.toString('utf8'));
  return JSON.parse((await repo.fetchBlob(m.layers[0])).toString('utf8')) as Record<string, unknown>;
}

/**
 * What an attacker with push rights can do: push any bundle as a new referrer of the digest,
 * annotated with any predicate type (default: the gate verdict's).
 */
export async function pushAsReferrer(
  repo: Repository,
  digest: string,
  bundle: unknown,
  predicateType: string = VERDICT_PREDICATE_TYPE,
): Promise<string> {
  const subject = (await repo.fetchManifest(digest))!.descriptor;
  const res = await pushArtifact(repo, {
    subject,
    artifactType: BUNDLE_MEDIA_TYPE,
    layers: [{ mediaType: BUNDLE_MEDIA_TYPE, data: Buffer.from(JSON.stringify(bundle)) }],
    annotations: { 'dev.sigstore.bundle.predicateType': predicateType },
  });
  return res.descriptor.digest;
}
