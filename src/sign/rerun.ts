/**
 * What a re-run on the same digest finds already there, so that a retried job, a nightly re-gate
 * or a promotion pipeline does not grow the referrer list: this signer's signature that already
 * verifies, an identical attestation it already made, and its older scan and verdict
 * attestations, which are superseded (deleted) once the new one is pushed.
 */
import crypto from 'node:crypto';
import { GateError, describe } from '../errors.js';
import { cleanText } from '../core/index.js';
import { silentLogger, type Logger } from '../logger.js';
import { listReferrers, removeFromReferrersIndex, type Repository } from '../oci/index.js';
import { readAttestations, type AttestationTrust, type VerifiedAttestation } from './attestations.js';
import type { SignatureFormat } from './formats.js';
import type { SignerIdentity } from './identity.js';
import { DEFAULT_FULCIO_URL, SigningSession, type SigningOptions } from './signer.js';
import { PredicateType } from './statement.js';
import { canonicalJson } from './verdict.js';
import { verifyImage, type CandidateResult } from './verify-image.js';

/** The attestations a gate re-run supersedes: its own scan result and verdict. */
export const SUPERSEDED_PREDICATE_TYPES: readonly string[] = [
  PredicateType.CosignVuln,
  PredicateType.GateVerdict,
];

/** Kyverno's SigstoreBundle verifier refuses a digest with more referrers than this (docs/admission.md). */
export const KYVERNO_MAX_REFERRERS = 50;
/** From this many referrers on, the gate warns. */
export const REFERRERS_WARN_AT = 40;

function reasonOf(e: unknown): string {
  return cleanText(e instanceof GateError ? `${e.code}: ${e.message}` : describe(e), 500);
}

/**
 * The trust that recognises this signer's own signatures: its public key, or (keyless) the
 * identity Fulcio certifies for the token, checked against `trustedRoot` (else Sigstore's public
 * good root, which only fits the public-good Fulcio). Undefined when they cannot be checked.
 */
export async function ownSigningTrust(
  signing: SigningOptions,
  trustedRoot: string | undefined,
): Promise<{ trust: AttestationTrust; identity?: SignerIdentity } | undefined> {
  if (signing.key) {
    const pem = crypto.createPublicKey(signing.key).export({ format: 'pem', type: 'spki' }).toString();
    return { trust: { key: pem, ...(trustedRoot ? { trustedRoot } : {}) } };
  }
  const privateFulcio = signing.fulcioUrl !== undefined && signing.fulcioUrl !== DEFAULT_FULCIO_URL;
  if (privateFulcio && !trustedRoot) return undefined;
  const identity = await new SigningSession(signing).signerIdentity();
  if (!identity) return undefined;
  return {
    trust: {
      identity: identity.identity,
      issuer: identity.issuer,
      ...(trustedRoot ? { trustedRoot } : {}),
    },
    identity,
  };
}

export interface ExistingSignatures {
  /** The formats in which a signature by this signer already verifies. */
  present: Set<'bundle' | 'legacy'>;
  /** Those signatures. */
  verified: CandidateResult[];
}

/**
 * This signer's signatures of `digest` that already verify, in the formats asked for. Never
 * throws for what the registry holds: a check that cannot be made finds nothing (and the caller
 * signs).
 */
export async function existingSignatures(
  repo: Repository,
  digest: string,
  trust: AttestationTrust,
  format: SignatureFormat,
  logger: Logger = silentLogger,
): Promise<ExistingSignatures> {
  const present = new Set<'bundle' | 'legacy'>();
  try {
    const res = await verifyImage(repo, digest, { ...trust, legacy: format !== 'bundle', logger });
    const verified = res.signatures.filter((s) => s.ok);
    for (const s of verified) present.add(s.format);
    return { present, verified };
  } catch (e) {
    logger.debug(`could not check for an existing signature (signing anyway): ${reasonOf(e)}`);
    return { present, verified: [] };
  }
}

/**
 * An attestation of `predicateType` by this signer about `digest` whose predicate equals
 * `predicate` (canonical JSON), in every format asked for; undefined when one is missing.
 */
export async function identicalAttestation(
  repo: Repository,
  digest: string,
  trust: AttestationTrust,
  predicateType: string,
  predicate: unknown,
  format: SignatureFormat,
): Promise<VerifiedAttestation | undefined> {
  let verified: VerifiedAttestation[];
  try {
    ({ verified } = await readAttestations(repo, digest, trust, [predicateType]));
  } catch (e) {
    (trust.logger ?? silentLogger).debug(`could not read the existing attestations: ${reasonOf(e)}`);
    return undefined;
  }
  const want = canonicalJson(predicate);
  const same = verified.filter((v) => canonicalJson(v.statement.predicate) === want);
  const has = (f: 'bundle' | 'legacy'): VerifiedAttestation | undefined => same.find((v) => v.format === f);
  if (format === 'bundle') return has('bundle');
  if (format === 'legacy') return has('legacy');
  return has('bundle') && has('legacy') ? has('bundle') : undefined;
}

export interface SupersedeResult {
  /** Older attestations deleted (referrer manifest digests). */
  deleted: string[];
  /** Older attestations that could not be deleted, with the reason. */
  failed: { digest: string; reason: string }[];
}

/**
 * After new attestations were pushed: this signer's older bundle attestations of the same
 * predicate types about `digest` (those that verify with `trust`, other than `keep`) are deleted,
 * and dropped from the referrers tag index on registries without the referrers API. Legacy
 * `.att` layers need nothing here: the writer already replaced them. A refused delete (the
 * credentials lack the permission) is reported, not thrown.
 */
export async function supersedeAttestations(
  repo: Repository,
  digest: string,
  trust: AttestationTrust,
  keep: readonly { digest: string; predicateType: string }[],
): Promise<SupersedeResult> {
  const types = [...new Set(keep.map((k) => k.predicateType))];
  const out: SupersedeResult = { deleted: [], failed: [] };
  if (types.length === 0) return out;
  const kept = new Set(keep.map((k) => k.digest));
  const { verified } = await readAttestations(repo, digest, trust, types);
  const older = verified.filter((v) => v.format === 'bundle' && !kept.has(v.digest));
  for (const v of older) {
    try {
      await repo.deleteManifest(v.digest);
      out.deleted.push(v.digest);
    } catch (e) {
      out.failed.push({ digest: v.digest, reason: reasonOf(e) });
    }
  }
  if (out.deleted.length > 0) {
    try {
      await removeFromReferrersIndex(repo, digest, out.deleted);
    } catch (e) {
      (trust.logger ?? silentLogger).warn(
        `deleted ${out.deleted.length} older attestation(s), but the referrers tag index could not be updated: ${reasonOf(e)}`,
      );
    }
  }
  return out;
}

/**
 * The number of referrers of `digest`, and a warning when it nears Kyverno's limit (more than 50
 * referrers of any type make its SigstoreBundle verification fail).
 */
export async function referrerBudget(
  repo: Repository,
  digest: string,
): Promise<{ count: number; warning?: string }> {
  const count = (await listReferrers(repo, digest)).length;
  if (count < REFERRERS_WARN_AT) return { count };
  const over = count > KYVERNO_MAX_REFERRERS;
  return {
    count,
    warning: `${digest} has ${count} referrers${over ? `, over the ${KYVERNO_MAX_REFERRERS}` : `, near the ${KYVERNO_MAX_REFERRERS}`} at which Kyverno's SigstoreBundle verification refuses the image: delete old signatures and attestations (\`oras discover\` lists them; give the robot account "delete artifact" so the gate supersedes its own), and stop other tools attaching to this digest on every run (docs/admission.md)`,
  };
}
