/**
 * Push an OCI 1.1 artifact (an SBOM, a signature, an attestation) with a `subject`, and make it
 * discoverable: through the referrers API when the registry has one, else the referrers tag index.
 */
import { isValidDigest } from '../core/index.js';
import { GateError } from '../errors.js';
import { probeApi } from './referrers.js';
import { addToReferrersIndex, referrersTag } from './referrers-tag.js';
import type { Repository } from './registry.js';
import { EMPTY_JSON, EMPTY_JSON_DIGEST, MediaType, type Descriptor } from './types.js';
import { digestOf } from './verify.js';

export const ANNOTATION_CREATED = 'org.opencontainers.image.created';

export interface ArtifactLayer {
  mediaType: string;
  data: Buffer;
  annotations?: Record<string, string>;
}

export interface PushArtifactOptions {
  subject: Descriptor;
  artifactType: string;
  layers: ArtifactLayer[];
  annotations?: Record<string, string>;
  /** `org.opencontainers.image.created`: a Date, undefined for now, or null to leave it out. */
  created?: Date | null;
}

export interface PushArtifactResult {
  /** The pushed manifest, as it is listed among the referrers (artifactType and annotations). */
  descriptor: Descriptor;
  /** true: the registry's referrers API lists it; false: the referrers tag index was updated. */
  referrersApi: boolean;
  /** The exact manifest bytes pushed. */
  manifest: Buffer;
}

function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.000Z$/, 'Z');
}

/** Build the exact bytes of an artifact manifest (deterministic for the same inputs). */
export function artifactManifest(opts: Omit<PushArtifactOptions, 'layers'> & { layers: Descriptor[] }): {
  bytes: Buffer;
  annotations: Record<string, string>;
} {
  const annotations: Record<string, string> = { ...(opts.annotations ?? {}) };
  if (opts.created !== null) annotations[ANNOTATION_CREATED] = rfc3339(opts.created ?? new Date());
  const manifest = {
    schemaVersion: 2,
    mediaType: MediaType.OciManifest,
    artifactType: opts.artifactType,
    config: {
      mediaType: MediaType.OciEmpty,
      digest: EMPTY_JSON_DIGEST,
      size: EMPTY_JSON.length,
      data: 'e30=',
    },
    layers: opts.layers,
    subject: { mediaType: opts.subject.mediaType, digest: opts.subject.digest, size: opts.subject.size },
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
  };
  return { bytes: Buffer.from(JSON.stringify(manifest)), annotations };
}

const MEDIA_TYPE_RE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$/;

function badArtifact(message: string): GateError {
  return new GateError({
    code: 'ARTIFACT_INVALID',
    message,
    remedy: 'This is a bug in the caller: report it with the command line that led to it.',
    kind: 'input',
  });
}

/**
 * Push an artifact manifest that refers to `subject` (the empty config blob and the layers
 * first, the manifest by digest), then make it discoverable: via the referrers API when the
 * registry has one, else via the referrers tag index.
 */
export async function pushArtifact(repo: Repository, opts: PushArtifactOptions): Promise<PushArtifactResult> {
  if (!isValidDigest(opts.subject.digest))
    throw badArtifact(`the subject digest ${opts.subject.digest} is invalid`);
  if (!MEDIA_TYPE_RE.test(opts.artifactType))
    throw badArtifact(`artifactType ${opts.artifactType} is not a media type`);
  if (opts.layers.length === 0) throw badArtifact('an artifact needs at least one layer');
  for (const l of opts.layers) {
    if (l.data.length === 0) throw badArtifact(`a ${l.mediaType} layer is empty`);
    if (!MEDIA_TYPE_RE.test(l.mediaType)) throw badArtifact(`layer media type ${l.mediaType} is invalid`);
  }
  await repo.pushBlobBytes(EMPTY_JSON, MediaType.OciEmpty);
  const layers: Descriptor[] = [];
  for (const l of opts.layers) {
    const d = await repo.pushBlobBytes(l.data, l.mediaType);
    layers.push({
      mediaType: l.mediaType,
      digest: d.digest,
      size: d.size,
      ...(l.annotations ? { annotations: l.annotations } : {}),
    });
  }
  const { bytes, annotations } = artifactManifest({ ...opts, layers });
  const digest = digestOf(bytes);
  const { headers } = await repo.pushManifest(digest, bytes, MediaType.OciManifest);
  const descriptor: Descriptor = {
    mediaType: MediaType.OciManifest,
    digest,
    size: bytes.length,
    artifactType: opts.artifactType,
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
  };
  const referrersApi = await makeDiscoverable(repo, opts.subject.digest, descriptor, headers);
  repo.client.logger.debug(
    `pushed ${opts.artifactType} ${digest} for ${opts.subject.digest} (${referrersApi ? 'referrers API' : `tag ${referrersTag(opts.subject.digest)}`})`,
  );
  return { descriptor, referrersApi, manifest: bytes };
}

/**
 * After a referrer manifest was pushed: a registry that answered OCI-Subject for its subject (and
 * serves the referrers API) lists it by itself; otherwise add it to the subject's referrers tag
 * index. Returns whether the referrers API covers it.
 */
export async function makeDiscoverable(
  repo: Repository,
  subjectDigest: string,
  descriptor: Descriptor,
  pushHeaders: Record<string, string>,
): Promise<boolean> {
  const subjectHeader = pushHeaders['oci-subject'];
  let referrersApi = false;
  if (subjectHeader === subjectDigest) {
    const known = repo.client.referrersApi(repo.registry);
    referrersApi = known ?? (await probeApi(repo, subjectDigest));
  } else {
    if (subjectHeader) {
      repo.client.logger.debug(
        `${repo.registry}: OCI-Subject ${subjectHeader} does not name the subject ${subjectDigest}`,
      );
    }
    repo.client.setReferrersApi(repo.registry, false);
  }
  if (!referrersApi) await addToReferrersIndex(repo, subjectDigest, descriptor);
  return referrersApi;
}

/**
 * The referrers-index entry for a referrer manifest as stored: its artifactType (or, per the
 * distribution spec, its config's media type) and annotations; undefined without a subject.
 */
export function referrerEntry(
  bytes: Buffer,
  mediaType: string,
): { subject: string; descriptor: Descriptor } | undefined {
  const doc = JSON.parse(bytes.toString('utf8')) as {
    subject?: { digest?: unknown };
    artifactType?: unknown;
    config?: { mediaType?: unknown };
    annotations?: Record<string, string>;
  };
  const subject = doc.subject?.digest;
  if (typeof subject !== 'string') return undefined;
  const artifactType =
    typeof doc.artifactType === 'string'
      ? doc.artifactType
      : typeof doc.config?.mediaType === 'string'
        ? doc.config.mediaType
        : undefined;
  return {
    subject,
    descriptor: {
      mediaType,
      digest: digestOf(bytes),
      size: bytes.length,
      ...(artifactType !== undefined ? { artifactType } : {}),
      ...(doc.annotations && Object.keys(doc.annotations).length > 0 ? { annotations: doc.annotations } : {}),
    },
  };
}
