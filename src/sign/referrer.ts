/** What signing and attesting share: the subject manifest read by digest, and a bundle pushed as its referrer. */
import { inputError } from '../errors.js';
import { pushArtifact, type Descriptor, type Repository } from '../oci/index.js';
import { Annotation, BUNDLE_MEDIA_TYPE, bundleReferrerAnnotations } from './formats.js';

export async function subjectOf(
  repo: Repository,
  digest: string,
): Promise<{ descriptor: Descriptor; bytes: Buffer }> {
  const m = await repo.fetchManifest(digest);
  if (!m) {
    throw inputError(
      'SIGN_IMAGE_NOT_FOUND',
      `${repo.registry}/${repo.name}@${digest} does not exist`,
      'Push the image first, or check --image (registry, repository and digest).',
    );
  }
  return m;
}

export async function pushBundle(
  repo: Repository,
  subject: Descriptor,
  bundleJson: unknown,
  predicateType: string,
  created: Date | undefined,
): Promise<{ digest: string; referrersApi: boolean }> {
  // pushArtifact writes the created annotation itself.
  const annotations = Object.fromEntries(
    Object.entries(bundleReferrerAnnotations(predicateType, created ?? new Date())).filter(
      ([k]) => k !== Annotation.Created,
    ),
  );
  const res = await pushArtifact(repo, {
    subject,
    artifactType: BUNDLE_MEDIA_TYPE,
    layers: [{ mediaType: BUNDLE_MEDIA_TYPE, data: Buffer.from(JSON.stringify(bundleJson)) }],
    annotations,
    created: created ?? new Date(),
  });
  return { digest: res.descriptor.digest, referrersApi: res.referrersApi };
}
