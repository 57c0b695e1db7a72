/**
 * Verifying an image's signatures: every candidate found (bundle referrers, the legacy `.sig`
 * tag) judged on its own with the reason it was rejected, and the image's SBOM found.
 */
import type crypto from 'node:crypto';
import { cleanText } from '../core/index.js';
import { GateError, describe } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import {
  MAX_MANIFEST_BYTES,
  MediaType,
  listReferrers,
  type Descriptor,
  type Repository,
} from '../oci/index.js';
import { loadSbom } from '../sbom/index.js';
import {
  Annotation,
  BUNDLE_MEDIA_TYPE_PREFIX,
  SIMPLE_SIGNING_MEDIA_TYPE,
  legacySignatureTag,
} from './formats.js';
import { readLegacyAttestations } from './attestations.js';
import {
  MAX_SBOM_CANDIDATES,
  SBOM_ARTIFACT_TYPES,
  findValidSbom,
  layersOf,
  newestFirst,
  sbomReadBudget,
  spend,
  type SbomReadBudget,
} from './sbom-find.js';
import { PredicateType, SBOM_PREDICATE_TYPES } from './statement.js';
import { loadTrustedRoot, type TrustedRootSource } from './trust.js';
import { SignatureVerifier, type IdentityPolicy } from './verify.js';

export interface VerifyImageOptions extends IdentityPolicy, TrustedRootSource {
  /** Key-based: the public key (KeyObject or PEM); otherwise keyless with identity and issuer. */
  key?: crypto.KeyObject | string;
  requireSbom?: boolean;
  /** The command's SBOM read budget (default: a fresh one per call). */
  sbomBudget?: SbomReadBudget;
  /** Also read the legacy `.sig` tag (default true). */
  legacy?: boolean;
  logger?: Logger;
}

export interface CandidateResult {
  /** Referrer manifest digest (bundle) or simple-signing layer digest (legacy). */
  digest: string;
  format: 'bundle' | 'legacy';
  identity: string | null;
  issuer: string | null;
  ok: boolean;
  reason: string;
}

export interface VerifyImageResult {
  subject: string;
  verified: boolean;
  signatures: CandidateResult[];
  /** The SBOM referrer found: a verified attestation first, else an unsigned SBOM artifact. */
  sbom: { digest: string; signed: boolean; predicateType?: string; artifactType?: string } | null;
  /** Why verification failed as a whole (absent when verified). */
  reason?: string;
}

/** An attestation bundle (an SBOM inside) read at most. */
const MAX_BUNDLE_BYTES = 32 * 1024 * 1024;
/** A signature's bundle read at most: a certificate, a signature and a log entry are a few KiB. */
export const MAX_SIGNATURE_BUNDLE_BYTES = 4 * 1024 * 1024;
/** Signature bundles read at most per command, all together. */
export const SIGNATURE_READ_BUDGET_BYTES = 32 * 1024 * 1024;
const MAX_PAYLOAD_BYTES = 1024 * 1024;

function candidateError(e: unknown): string {
  return e instanceof GateError ? `${e.code}: ${e.message}` : describe(e);
}

/** Signature referrers checked at most; more are reported as not checked (fails closed). */
export const MAX_SIGNATURE_CANDIDATES = 256;

/** A candidate not judged yet, or rejected with `reason`. */
function candidate(digest: string, format: 'bundle' | 'legacy', reason = ''): CandidateResult {
  return { digest, format, identity: null, issuer: null, ok: false, reason };
}

/** A candidate's outcome with every outside string cleaned and bounded. */
function judged(
  cand: CandidateResult,
  v: { ok: boolean; reason: string; identity?: string | null; issuer?: string | null },
): CandidateResult {
  return {
    ...cand,
    identity: v.identity == null ? null : cleanText(v.identity, 500),
    issuer: v.issuer == null ? null : cleanText(v.issuer, 500),
    ok: v.ok,
    reason: cleanText(v.reason, 1000) || (v.ok ? 'verified' : 'rejected'),
  };
}

/**
 * Verify an image's signatures (bundle referrers and the legacy tag) and find its SBOM.
 *
 * Every referrer is judged on its own: a malformed, oversized or forged one is listed with
 * `ok: false` and a reason, and the others are still checked. Only a failure to reach the
 * registry at all (network, authentication) is thrown. `signatures` says which verified, with
 * the identity (`key:<hint>` or the certificate SAN) that signed them: a caller passing its own
 * signing key or keyless identity as the trust learns whether its own signature is there.
 */
export async function verifyImage(
  repo: Repository,
  digest: string,
  opts: VerifyImageOptions,
): Promise<VerifyImageResult> {
  const logger = opts.logger ?? silentLogger;
  const needRoot = opts.key === undefined || opts.trustedRoot !== undefined;
  const trustedRoot = needRoot ? await loadTrustedRoot({ ...opts, logger }) : undefined;
  const verifier = new SignatureVerifier({
    ...(opts.key !== undefined ? { key: opts.key } : {}),
    ...(opts.identity !== undefined ? { identity: opts.identity } : {}),
    ...(opts.identityRegexp !== undefined ? { identityRegexp: opts.identityRegexp } : {}),
    ...(opts.issuer !== undefined ? { issuer: opts.issuer } : {}),
    ...(trustedRoot ? { trustedRoot } : {}),
  });
  const signatures: CandidateResult[] = [];
  let signedSbom: VerifyImageResult['sbom'] = null;
  const sbomReferrers: Descriptor[] = [];

  let referrers: Descriptor[] = [];
  try {
    referrers = await listReferrers(repo, digest);
  } catch (e) {
    // A hostile listing (too many entries, a broken page) is a rejection, not a crash; a registry
    // that cannot be reached or refuses us is still an error of its own.
    if (!(e instanceof GateError) || !/^REFERRERS_|^REGISTRY_BAD_RESPONSE$/.test(e.code)) throw e;
    signatures.push(
      candidate(
        `referrers of ${digest}`,
        'bundle',
        cleanText(`could not list the referrers: ${candidateError(e)}`, 1000),
      ),
    );
  }
  logger.debug(`verify: ${referrers.length} referrer(s) of ${digest}`);
  let checked = 0;
  let signatureBytes = SIGNATURE_READ_BUDGET_BYTES;
  const sbomAttestations: Descriptor[] = [];
  for (const r of referrers) {
    const at = r.artifactType ?? '';
    if (SBOM_ARTIFACT_TYPES.has(at)) {
      sbomReferrers.push(r);
      continue;
    }
    if (!at.startsWith(BUNDLE_MEDIA_TYPE_PREFIX)) continue;
    // Sorted by the predicate type the listing shows, before any download: SBOM attestations are
    // tried after the signatures, under the SBOM budget; other attestations (scan results,
    // verdicts, provenance) are not signatures and are not read here. A forged annotation only
    // hides the forger's own referrer: what is read is verified for what it claims.
    const annotated = r.annotations?.[Annotation.BundlePredicateType];
    if (annotated !== undefined && SBOM_PREDICATE_TYPES.has(annotated)) {
      sbomAttestations.push(r);
      continue;
    }
    if (annotated !== undefined && annotated !== PredicateType.CosignSign) {
      logger.debug(
        `verify: skipping ${r.digest}: attestation of type ${cleanText(annotated, 200)}, not a signature`,
      );
      continue;
    }
    const cand = candidate(r.digest, 'bundle');
    if (checked >= MAX_SIGNATURE_CANDIDATES) {
      signatures.push(
        judged(cand, {
          ok: false,
          reason: `not checked: more than ${MAX_SIGNATURE_CANDIDATES} bundle referrers`,
        }),
      );
      continue;
    }
    checked++;
    let bundleBytes: Buffer;
    try {
      if (r.size > MAX_MANIFEST_BYTES) {
        signatures.push(
          judged(cand, { ok: false, reason: `the referrer manifest is ${r.size} bytes, over the limit` }),
        );
        continue;
      }
      const m = await repo.fetchManifest(r.digest);
      const layers = m ? layersOf(m.bytes) : 'the referrer manifest is gone';
      if (typeof layers === 'string') {
        signatures.push(judged(cand, { ok: false, reason: layers }));
        continue;
      }
      const bundles = layers.filter((l) => l.mediaType.startsWith(BUNDLE_MEDIA_TYPE_PREFIX));
      if (bundles.length !== 1) {
        signatures.push(
          judged(cand, {
            ok: false,
            reason: `the referrer has ${bundles.length} bundle layers, expected exactly one`,
          }),
        );
        continue;
      }
      const layer = bundles[0]!;
      if (layer.size > MAX_SIGNATURE_BUNDLE_BYTES || layer.size > signatureBytes) {
        signatures.push(
          judged(cand, {
            ok: false,
            reason:
              layer.size > MAX_SIGNATURE_BUNDLE_BYTES
                ? `not read: its bundle is ${layer.size} bytes, over the ${MAX_SIGNATURE_BUNDLE_BYTES} byte limit of a signature`
                : `not read: the ${SIGNATURE_READ_BUDGET_BYTES} byte signature read budget of this command is spent`,
          }),
        );
        continue;
      }
      signatureBytes -= layer.size;
      bundleBytes = await repo.fetchBlob(layer, MAX_SIGNATURE_BUNDLE_BYTES);
    } catch (e) {
      signatures.push(
        judged(cand, { ok: false, reason: `could not read the referrer: ${candidateError(e)}` }),
      );
      continue;
    }
    const v = verifier.verifyBundle(bundleBytes, digest);
    const pt = v.predicateType ?? r.annotations?.[Annotation.BundlePredicateType] ?? null;
    if (pt !== null && SBOM_PREDICATE_TYPES.has(pt)) {
      if (!v.ok) {
        logger.warn(`verify: SBOM attestation ${r.digest} rejected: ${cleanText(v.reason)}`);
        continue;
      }
      // Signed is not enough: the predicate must be an SBOM that validates.
      const predicate = v.statement?.predicate;
      const problem = await sbomProblem(predicate);
      if (problem === undefined) signedSbom ??= { digest: r.digest, signed: true, predicateType: pt };
      else logger.warn(`verify: SBOM attestation ${r.digest} is signed but not a valid SBOM: ${problem}`);
      continue;
    }
    if (pt !== null && pt !== PredicateType.CosignSign) {
      logger.debug(
        `verify: skipping ${r.digest}: attestation of type ${cleanText(pt, 200)}, not a signature`,
      );
      continue;
    }
    signatures.push(judged(cand, v));
  }

  if (opts.legacy !== false) {
    const tag = legacySignatureTag(digest);
    try {
      const m = await repo.fetchManifest(tag, `${MediaType.OciManifest}, ${MediaType.DockerManifest}`);
      const layers = m ? layersOf(m.bytes) : [];
      if (typeof layers === 'string') {
        signatures.push(candidate(tag, 'legacy', `the legacy signature manifest is malformed: ${layers}`));
      }
      let legacyChecked = 0;
      for (const l of typeof layers === 'string' ? [] : layers) {
        if (l.mediaType !== SIMPLE_SIGNING_MEDIA_TYPE) continue;
        const cand = candidate(l.digest, 'legacy');
        if (legacyChecked++ >= MAX_SIGNATURE_CANDIDATES) {
          signatures.push(
            judged(cand, {
              ok: false,
              reason: `not checked: more than ${MAX_SIGNATURE_CANDIDATES} legacy signatures`,
            }),
          );
          continue;
        }
        let payload: Buffer;
        try {
          payload = await repo.fetchBlob(l, MAX_PAYLOAD_BYTES);
        } catch (e) {
          signatures.push(
            judged(cand, { ok: false, reason: `could not read the signed payload: ${candidateError(e)}` }),
          );
          continue;
        }
        const v = verifier.verifyLegacy({ payload, annotations: l.annotations ?? {} }, digest);
        signatures.push(judged(cand, v));
      }
    } catch (e) {
      signatures.push(
        candidate(
          tag,
          'legacy',
          cleanText(`could not read the legacy signature tag: ${candidateError(e)}`, 1000),
        ),
      );
    }
  }

  // SBOMs, bounded per command (candidates and bytes, sbom-find.ts): signed attestations that
  // verify with the trust first, newest first; then unsigned SBOM artifacts, newest first.
  const budget = opts.sbomBudget ?? sbomReadBudget();
  signedSbom ??= await signedSbomOf(repo, digest, newestFirst(sbomAttestations), verifier, budget, logger);
  // The legacy `.att` tag (cosign attest without the bundle format), read with the same trust.
  if (!signedSbom && opts.legacy !== false) {
    const legacy = await readLegacyAttestations(repo, digest, verifier, [...SBOM_PREDICATE_TYPES], logger);
    for (const x of legacy.ignored)
      logger.warn(`verify: SBOM attestation ${x.digest} rejected: ${cleanText(x.reason, 500)}`);
    for (const a of legacy.verified) {
      const problem = await sbomProblem(a.statement.predicate);
      if (problem === undefined) {
        signedSbom = { digest: a.digest, signed: true, predicateType: a.predicateType };
        break;
      }
      logger.warn(`verify: SBOM attestation ${a.digest} is signed but not a valid SBOM: ${problem}`);
    }
  }
  let sbom = signedSbom;
  if (!sbom && sbomReferrers.length > 0) {
    // An unsigned SBOM artifact counts only if it is one: its blob parses and validates.
    const found = await findValidSbom(repo, digest, { referrers: sbomReferrers, budget });
    for (const x of found.rejected) logger.warn(`verify: SBOM referrer ${x.digest} rejected: ${x.reason}`);
    if (found.sbom)
      sbom = { digest: found.sbom.digest, signed: false, artifactType: found.sbom.artifactType };
  }
  const anyOk = signatures.some((s) => s.ok);
  let reason: string | undefined;
  if (!anyOk) {
    reason =
      signatures.length === 0 ? 'no signature found' : 'no signature from the expected signer verified';
  } else if (opts.requireSbom && !sbom) {
    reason = 'no SBOM referrer found (--require-sbom)';
  }
  return { subject: digest, verified: reason === undefined, signatures, sbom, ...(reason ? { reason } : {}) };
}

/**
 * The first SBOM attestation (in the order given) whose bundle verifies with the trust and whose
 * predicate is a valid SBOM, within the budget; null when none.
 */
async function signedSbomOf(
  repo: Repository,
  digest: string,
  candidates: readonly Descriptor[],
  verifier: SignatureVerifier,
  budget: SbomReadBudget,
  logger: Logger,
): Promise<VerifyImageResult['sbom']> {
  for (const r of candidates) {
    const reject = (why: string): void => {
      logger.warn(`verify: SBOM attestation ${r.digest} rejected: ${cleanText(why, 500)}`);
    };
    if (budget.candidates <= 0) {
      reject(`not examined: at most ${MAX_SBOM_CANDIDATES} SBOM referrers are examined per command`);
      continue;
    }
    if (r.size > MAX_MANIFEST_BYTES) {
      reject(`the referrer manifest is ${r.size} bytes, over the limit`);
      continue;
    }
    budget.candidates--;
    budget.examined++;
    let bundleBytes: Buffer;
    try {
      const m = await repo.fetchManifest(r.digest);
      const layers = m ? layersOf(m.bytes) : 'the referrer manifest is gone';
      if (typeof layers === 'string') {
        reject(layers);
        continue;
      }
      const bundles = layers.filter((l) => l.mediaType.startsWith(BUNDLE_MEDIA_TYPE_PREFIX));
      if (bundles.length !== 1) {
        reject(`the referrer has ${bundles.length} bundle layers, expected exactly one`);
        continue;
      }
      const layer = bundles[0]!;
      if (layer.size > MAX_BUNDLE_BYTES) {
        reject(`its bundle is ${layer.size} bytes, over the ${MAX_BUNDLE_BYTES} byte limit`);
        continue;
      }
      const over = spend(budget, layer.size);
      if (over !== undefined) {
        reject(over);
        continue;
      }
      bundleBytes = await repo.fetchBlob(layer, MAX_BUNDLE_BYTES);
    } catch (e) {
      reject(`could not read the referrer: ${candidateError(e)}`);
      continue;
    }
    const v = verifier.verifyBundle(bundleBytes, digest);
    const pt = v.predicateType ?? null;
    if (!v.ok) {
      reject(v.reason);
      continue;
    }
    if (pt === null || !SBOM_PREDICATE_TYPES.has(pt)) {
      reject(`it is signed, but its predicate type is ${cleanText(pt ?? '(none)', 200)}, not an SBOM`);
      continue;
    }
    // Signed is not enough: the predicate must be an SBOM that validates.
    const problem = await sbomProblem(v.statement?.predicate);
    if (problem === undefined) return { digest: r.digest, signed: true, predicateType: pt };
    reject(`it is signed but not a valid SBOM: ${problem}`);
  }
  return null;
}

/** Why an attestation's predicate is not a valid SBOM, or undefined when it is one. */
async function sbomProblem(predicate: unknown): Promise<string | undefined> {
  if (typeof predicate !== 'object' || predicate === null) return 'the predicate is not an object';
  try {
    await loadSbom(Buffer.from(JSON.stringify(predicate)), { maxErrors: 3 });
    return undefined;
  } catch (e) {
    return cleanText(candidateError(e), 500);
  }
}
