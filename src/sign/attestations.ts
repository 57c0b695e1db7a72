/**
 * Reading attestations of one predicate type back from an image, keeping only those whose
 * signature verifies with the given trust (a public key, or a keyless identity and issuer with
 * a trusted root), exactly as for signatures. Every other candidate is listed with the reason it
 * was ignored. Both stored forms are read with the same rules: bundle referrers (cosign v3) and
 * the layers of the legacy `sha256-<hex>.att` tag (cosign attest without the bundle format).
 */
import type crypto from 'node:crypto';
import { GateError, describe } from '../errors.js';
import { cleanText } from '../core/index.js';
import { silentLogger, type Logger } from '../logger.js';
import { MediaType, listReferrers } from '../oci/index.js';
import type { Repository } from '../oci/index.js';
import {
  Annotation,
  BUNDLE_MEDIA_TYPE_PREFIX,
  DSSE_ENVELOPE_MEDIA_TYPE,
  legacyAttestationTag,
} from './formats.js';
import { MAX_ATTESTATION_LAYER_BYTES } from './legacy-attest.js';
import { layersOf } from './sbom-find.js';
import type { CertificateSource } from './identity.js';
import type { InTotoStatement } from './statement.js';
import { loadTrustedRoot, type TrustedRootSource } from './trust.js';
import { SignatureVerifier, type IdentityPolicy, type SignatureVerdict } from './verify.js';

/** Whose attestations count: the same trust as `verify` and `--require-signature`. */
export interface AttestationTrust extends IdentityPolicy, TrustedRootSource {
  /** Key-based: the public key (KeyObject or PEM); otherwise keyless with identity and issuer. */
  key?: crypto.KeyObject | string;
  logger?: Logger;
}

export interface VerifiedAttestation {
  /** The referrer manifest digest (bundle), or the `.att` layer's digest (legacy). */
  digest: string;
  format: 'bundle' | 'legacy';
  predicateType: string;
  statement: InTotoStatement;
  /** Certificate SAN, or `key:<hint>`. */
  identity: string | null;
  issuer: string | null;
  /**
   * The earliest time @sigstore/verify verified for the signature, epoch ms: a transparency-log
   * time whose signed entry timestamp checked, or an RFC 3161 timestamp from a trusted TSA
   * (keyless, or key-based with a trusted root). It proves the signature existed by then, not when
   * the statement was made. Undefined when nothing checked a time: an `integratedTime` that only an
   * inclusion proof accompanies is covered by no signature and is never read.
   */
  verifiedTime?: number;
  /** Keyless: the source its certificate names (Fulcio's extensions from the signing token). */
  certificateSource?: CertificateSource;
}

export interface IgnoredAttestation {
  digest: string;
  reason: string;
}

export interface ReadAttestationsResult {
  verified: VerifiedAttestation[];
  ignored: IgnoredAttestation[];
  /**
   * Candidates not read because more than MAX_ATTESTATION_CANDIDATES were listed (also among
   * `ignored`): anyone with push rights can list junk first, so a reader that needs every
   * attestation (the newest verdict) cannot decide.
   */
  unread: number;
}

const MAX_BUNDLE_BYTES = 32 * 1024 * 1024;
/** At most this many candidate bundles are fetched per read. */
export const MAX_ATTESTATION_CANDIDATES = 200;

function reasonOf(e: unknown): string {
  return e instanceof GateError ? `${e.code}: ${e.message}` : describe(e);
}

/**
 * One candidate's verdict, bundle or legacy alike: an attestation of another predicate type is
 * passed over, one that does not verify is ignored with the reason, one that verifies is kept with
 * the time @sigstore/verify verified (if any) and its certificate's source.
 */
function sortCandidate(
  v: SignatureVerdict,
  digest: string,
  format: 'bundle' | 'legacy',
  predicateTypes: readonly string[],
  into: { verified: VerifiedAttestation[]; ignored: IgnoredAttestation[] },
  logger: Logger,
): void {
  const pt = v.statement?.predicateType ?? v.predicateType;
  if (pt !== null && !predicateTypes.includes(pt)) return; // another kind of attestation
  if (!v.ok || !v.statement) {
    into.ignored.push({ digest, reason: cleanText(v.reason) });
    logger.debug(
      `${format === 'legacy' ? 'legacy ' : ''}attestation ${digest} ignored: ${cleanText(v.reason)}`,
    );
    return;
  }
  const verifiedTime = v.verifiedTimes?.[0];
  into.verified.push({
    digest,
    format,
    predicateType: v.statement.predicateType,
    statement: v.statement,
    identity: v.identity,
    issuer: v.issuer,
    ...(verifiedTime !== undefined ? { verifiedTime } : {}),
    ...(v.certificateSource ? { certificateSource: v.certificateSource } : {}),
  });
}

/** The verifier for a trust, and whether it can check timestamps (a trusted root is loaded). */
export async function attestationVerifier(
  trust: AttestationTrust,
): Promise<{ verifier: SignatureVerifier; checksTimes: boolean }> {
  const needRoot = trust.key === undefined || trust.trustedRoot !== undefined;
  const trustedRoot = needRoot
    ? await loadTrustedRoot({ ...trust, logger: trust.logger ?? silentLogger })
    : undefined;
  const verifier = new SignatureVerifier({
    ...(trust.key !== undefined ? { key: trust.key } : {}),
    ...(trust.identity !== undefined ? { identity: trust.identity } : {}),
    ...(trust.identityRegexp !== undefined ? { identityRegexp: trust.identityRegexp } : {}),
    ...(trust.issuer !== undefined ? { issuer: trust.issuer } : {}),
    ...(trustedRoot ? { trustedRoot } : {}),
  });
  return { verifier, checksTimes: trustedRoot !== undefined };
}

/**
 * The attestations of `predicateTypes` about `digest` that verify with `trust`, and every other
 * candidate with the reason it was ignored.
 */
export async function readAttestations(
  repo: Repository,
  digest: string,
  trust: AttestationTrust,
  predicateTypes: readonly string[],
): Promise<ReadAttestationsResult> {
  const logger = trust.logger ?? silentLogger;
  const { verifier } = await attestationVerifier(trust);
  const verified: VerifiedAttestation[] = [];
  const ignored: IgnoredAttestation[] = [];
  const referrers = await listReferrers(repo, digest);
  let fetched = 0;
  let unread = 0;
  for (const r of referrers) {
    const at = r.artifactType ?? '';
    if (!at.startsWith(BUNDLE_MEDIA_TYPE_PREFIX)) continue;
    // The annotation is only a hint to skip other attestations early; the signed statement's
    // predicate type is what counts.
    const hinted = r.annotations?.[Annotation.BundlePredicateType];
    if (hinted !== undefined && !predicateTypes.includes(hinted)) continue;
    if (fetched >= MAX_ATTESTATION_CANDIDATES) {
      unread++;
      ignored.push({
        digest: r.digest,
        reason: `more than ${MAX_ATTESTATION_CANDIDATES} candidates; not read`,
      });
      continue;
    }
    fetched++;
    let bytes: Buffer;
    try {
      const m = await repo.fetchManifest(r.digest);
      const manifest = m ? (JSON.parse(m.bytes.toString('utf8')) as { layers?: unknown }) : undefined;
      const layers = Array.isArray(manifest?.layers)
        ? (manifest.layers as { mediaType?: unknown; digest?: unknown; size?: unknown }[]).filter(
            (l) => typeof l.mediaType === 'string' && l.mediaType.startsWith(BUNDLE_MEDIA_TYPE_PREFIX),
          )
        : [];
      if (layers.length !== 1) {
        ignored.push({
          digest: r.digest,
          reason: `the referrer has ${layers.length} bundle layers, expected exactly one`,
        });
        continue;
      }
      const l = layers[0]!;
      bytes = await repo.fetchBlob(
        { mediaType: String(l.mediaType), digest: String(l.digest), size: Number(l.size) },
        MAX_BUNDLE_BYTES,
      );
    } catch (e) {
      ignored.push({ digest: r.digest, reason: `could not read the referrer: ${cleanText(reasonOf(e))}` });
      continue;
    }
    const v = verifier.verifyBundle(bytes, digest);
    sortCandidate(v, r.digest, 'bundle', predicateTypes, { verified, ignored }, logger);
  }
  const legacy = await readLegacyAttestations(repo, digest, verifier, predicateTypes, logger);
  return {
    verified: [...verified, ...legacy.verified],
    ignored: [...ignored, ...legacy.ignored],
    unread: unread + legacy.unread,
  };
}

/**
 * The layers of the legacy `.att` tag of `predicateTypes` that verify. The tag is anyone's: a
 * malformed manifest or layer is listed as ignored with the reason, never thrown.
 */
export async function readLegacyAttestations(
  repo: Repository,
  digest: string,
  verifier: SignatureVerifier,
  predicateTypes: readonly string[],
  logger: Logger,
): Promise<ReadAttestationsResult> {
  const verified: VerifiedAttestation[] = [];
  const ignored: IgnoredAttestation[] = [];
  const tag = legacyAttestationTag(digest);
  let unread = 0;
  let layers;
  try {
    const m = await repo.fetchManifest(tag, `${MediaType.OciManifest}, ${MediaType.DockerManifest}`);
    if (!m) return { verified, ignored, unread };
    layers = layersOf(m.bytes);
  } catch (e) {
    ignored.push({
      digest: tag,
      reason: `could not read the legacy attestations: ${cleanText(reasonOf(e))}`,
    });
    return { verified, ignored, unread };
  }
  if (typeof layers === 'string') {
    ignored.push({ digest: tag, reason: `the legacy attestation manifest is malformed: ${layers}` });
    return { verified, ignored, unread };
  }
  let fetched = 0;
  for (const l of layers) {
    if (l.mediaType !== DSSE_ENVELOPE_MEDIA_TYPE) continue;
    const hinted = l.annotations?.[Annotation.PredicateType];
    if (hinted !== undefined && !predicateTypes.includes(hinted)) continue;
    if (fetched++ >= MAX_ATTESTATION_CANDIDATES) {
      unread++;
      ignored.push({
        digest: l.digest,
        reason: `more than ${MAX_ATTESTATION_CANDIDATES} candidates; not read`,
      });
      continue;
    }
    let payload: Buffer;
    try {
      payload = await repo.fetchBlob(l, MAX_ATTESTATION_LAYER_BYTES);
    } catch (e) {
      ignored.push({ digest: l.digest, reason: `could not read the layer: ${cleanText(reasonOf(e))}` });
      continue;
    }
    const layer = { payload, annotations: l.annotations ?? {} };
    // The Rekor bundle annotation becomes the entry's inclusion promise: its integratedTime is
    // verified (or not) by @sigstore/verify exactly as a bundle's.
    const v = verifier.verifyLegacyAttestation(layer, digest);
    sortCandidate(v, l.digest, 'legacy', predicateTypes, { verified, ignored }, logger);
  }
  return { verified, ignored, unread };
}
