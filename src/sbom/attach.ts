/**
 * Attach an SBOM to an image as an OCI 1.1 referrer: an artifact manifest whose artifactType and
 * single layer media type are the SBOM's conventional media type (application/spdx+json,
 * application/spdx3+json, application/vnd.cyclonedx+json), so `oras discover` and Harbor's
 * accessory list show it (Harbor records it as a `subject.accessory`).
 *
 * Idempotent: the manifest bytes depend only on the SBOM bytes and the subject. The
 * `org.opencontainers.image.created` annotation is the SBOM's own creation time (SPDX
 * creationInfo.created, CycloneDX metadata.timestamp, SPDX 3 CreationInfo.created), and is left
 * out when the SBOM has none, so attaching the same SBOM twice yields the same digest and one
 * referrer entry.
 */
import type { Repository } from '../oci/index.js';
import { pushArtifact } from '../oci/index.js';
import type { Descriptor } from '../oci/index.js';
import type { Sbom } from './load.js';

export interface AttachSbomResult {
  /** The referrer (artifact manifest) digest. */
  digest: string;
  artifactType: string;
  referrersApi: boolean;
  /** The SBOM blob's digest. */
  sbomDigest: string;
  descriptor: Descriptor;
}

export const ANNOTATION_SBOM_FORMAT = 'dev.harbor-gate.sbom.format';

/** The SBOM's own creation time, when it states a valid one. */
export function sbomCreated(sbom: Sbom): Date | undefined {
  const doc = sbom.document;
  let value: unknown;
  if (sbom.format.startsWith('cyclonedx')) {
    const meta = doc.metadata;
    value =
      typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>).timestamp : undefined;
  } else if (sbom.format === 'spdx-3') {
    const graph = Array.isArray(doc['@graph']) ? (doc['@graph'] as unknown[]) : [];
    const info = graph.find(
      (e): e is Record<string, unknown> =>
        typeof e === 'object' && e !== null && (e as Record<string, unknown>).type === 'CreationInfo',
    );
    value = info?.created;
  } else {
    const ci = doc.creationInfo;
    value = typeof ci === 'object' && ci !== null ? (ci as Record<string, unknown>).created : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t);
}

export async function attachSbom(
  repo: Repository,
  subject: Descriptor,
  sbom: Sbom,
): Promise<AttachSbomResult> {
  const res = await pushArtifact(repo, {
    subject,
    artifactType: sbom.mediaType,
    layers: [{ mediaType: sbom.mediaType, data: sbom.bytes }],
    annotations: { [ANNOTATION_SBOM_FORMAT]: sbom.format },
    created: sbomCreated(sbom) ?? null,
  });
  const manifest = JSON.parse(res.manifest.toString('utf8')) as { layers: Descriptor[] };
  return {
    digest: res.descriptor.digest,
    artifactType: sbom.mediaType,
    referrersApi: res.referrersApi,
    sbomDigest: manifest.layers[0]!.digest,
    descriptor: res.descriptor,
  };
}
