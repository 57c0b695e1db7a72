/**
 * Signing images in a registry: the cosign v3 bundle referrer and the legacy `sha256-<hex>.sig`
 * tag. Attestations are in attest.ts, verification in verify-image.ts.
 */
import { silentLogger } from '../logger.js';
import {
  INDEX_MEDIA_TYPES,
  MediaType,
  type Descriptor,
  type ImageIndex,
  type ImageManifest,
  type Repository,
} from '../oci/index.js';
import {
  Annotation,
  BUNDLE_MEDIA_TYPE,
  SIMPLE_SIGNING_MEDIA_TYPE,
  legacyAnnotationsFromBundle,
  legacySignatureTag,
  type SignatureFormat,
} from './formats.js';
import { bundleSigner } from './identity.js';
import { pushBundle, subjectOf } from './referrer.js';
import { pushLegacyTag } from './legacy-tag.js';
import { layersOf } from './sbom-find.js';
import type { SerializedBundle } from '@sigstore/bundle';
import { SigningSession, type SigningOptions } from './signer.js';
import { PredicateType, signatureStatement, simpleSigningPayload } from './statement.js';

export type { SignatureFormat } from './formats.js';

export interface SignImageOptions extends SigningOptions {
  /** 'bundle' (default): cosign v3 referrer; 'legacy': `.sig` tag; 'both'. */
  format?: SignatureFormat;
  /** For an index: also sign each platform manifest. */
  recursive?: boolean;
  /** `critical.identity.docker-reference` of the legacy payload (default registry/repository). */
  dockerReference?: string;
  /** PEM intermediates + root for the legacy chain annotation (optional for cosign). */
  certificateChainPem?: string;
  /** The referrer's created annotation (default now). */
  created?: Date;
}

/** A signature or attestation written for a subject, in one format. */
export interface ReferrerWritten {
  /** The manifest digest the signature or statement is about. */
  subject: string;
  /** The referrer manifest digest (bundle) or the `.sig` / `.att` manifest digest (legacy). */
  digest: string;
  format: 'bundle' | 'legacy';
  artifactType: string;
  /** Bundle: listed by the referrers API (true) or via the tag-schema fallback (false). */
  referrersApi?: boolean;
  /** Legacy: the tag written. */
  tag?: string;
}

export interface SignatureRecord extends ReferrerWritten {
  /** Keyless: the certificate's identity and issuer (whose signature this is). */
  identity?: string;
  issuer?: string;
  /** Bundle format: the Sigstore bundle itself (the referrer's layer), for `cosign verify --bundle`. */
  bundle?: SerializedBundle;
}

export interface SignImageResult {
  subject: string;
  signatures: SignatureRecord[];
}

function parseManifest(bytes: Buffer): (Partial<ImageManifest> & Partial<ImageIndex>) | undefined {
  try {
    const v = JSON.parse(bytes.toString('utf8')) as unknown;
    return typeof v === 'object' && v !== null ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Append one simple-signing layer to the `sha256-<hex>.sig` manifest (created when absent), as
 * cosign does: the same payload signed again replaces nothing, identical layers are not repeated.
 */
export async function writeLegacySignature(
  repo: Repository,
  digest: string,
  layer: { payload: Buffer; annotations: Record<string, string> },
): Promise<{ digest: string; tag: string }> {
  const tag = legacySignatureTag(digest);
  const existing = await repo.fetchManifest(tag, `${MediaType.OciManifest}, ${MediaType.DockerManifest}`);
  // The existing `.sig` manifest may be anyone's: keep its layers only when they are well formed.
  const kept = existing ? layersOf(existing.bytes) : [];
  const previous = typeof kept === 'string' ? [] : kept;
  const payloadDesc = await repo.pushBlobBytes(layer.payload, SIMPLE_SIGNING_MEDIA_TYPE);
  const sig = layer.annotations[Annotation.Signature];
  const layers: Descriptor[] = previous.filter(
    (l) => !(l.digest === payloadDesc.digest && l.annotations?.[Annotation.Signature] === sig),
  );
  layers.push({
    mediaType: SIMPLE_SIGNING_MEDIA_TYPE,
    size: payloadDesc.size,
    digest: payloadDesc.digest,
    annotations: layer.annotations,
  });
  return { digest: await pushLegacyTag(repo, tag, layers), tag };
}

/**
 * What a signature or attestation is about: the image, and with `recursive` each platform
 * manifest of an index (BuildKit's attestation manifests are not platforms).
 */
export async function signingSubjects(
  repo: Repository,
  digest: string,
  recursive: boolean,
): Promise<Descriptor[]> {
  const top = await subjectOf(repo, digest);
  const subjects: Descriptor[] = [top.descriptor];
  if (recursive && INDEX_MEDIA_TYPES.has(top.descriptor.mediaType)) {
    const index = parseManifest(top.bytes);
    for (const m of index?.manifests ?? []) {
      if (m.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest') continue;
      subjects.push({ mediaType: m.mediaType, digest: m.digest, size: m.size });
    }
  }
  return subjects;
}

/** Sign an image (and with `recursive`, each platform manifest of an index). */
export async function signImage(
  repo: Repository,
  digest: string,
  opts: SignImageOptions,
): Promise<SignImageResult> {
  const logger = opts.logger ?? silentLogger;
  const format = opts.format ?? 'bundle';
  const subjects = await signingSubjects(repo, digest, opts.recursive ?? false);
  const session = new SigningSession(opts);
  const signatures: SignatureRecord[] = [];
  for (const subject of subjects) {
    if (format === 'bundle' || format === 'both') {
      const bundle = await session.signStatement(
        Buffer.from(JSON.stringify(signatureStatement(subject.digest))),
      );
      const pushed = await pushBundle(repo, subject, bundle, PredicateType.CosignSign, opts.created);
      logger.info(`signed ${subject.digest}: bundle referrer ${pushed.digest}`);
      const who = bundleSigner(bundle);
      signatures.push({
        subject: subject.digest,
        digest: pushed.digest,
        format: 'bundle',
        artifactType: BUNDLE_MEDIA_TYPE,
        referrersApi: pushed.referrersApi,
        ...(who ? { identity: who.identity, issuer: who.issuer } : {}),
        bundle,
      });
    }
    if (format === 'legacy' || format === 'both') {
      const payload = simpleSigningPayload(
        opts.dockerReference ?? `${repo.registry}/${repo.name}`,
        subject.digest,
      );
      const bundle = await session.signMessage(payload);
      const annotations = legacyAnnotationsFromBundle(bundle, opts.certificateChainPem);
      const written = await writeLegacySignature(repo, subject.digest, { payload, annotations });
      logger.info(`signed ${subject.digest}: legacy signature ${written.tag}`);
      signatures.push({
        subject: subject.digest,
        digest: written.digest,
        format: 'legacy',
        artifactType: SIMPLE_SIGNING_MEDIA_TYPE,
        tag: written.tag,
      });
    }
  }
  return { subject: digest, signatures };
}
