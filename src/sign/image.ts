/**
 * Signing and verifying images in a registry: the cosign v3 bundle referrer, the legacy
 * `sha256-<hex>.sig` tag, SBOM and vulnerability-scan attestations, and verification of every
 * candidate found with the reason each was rejected.
 */
import { GateError, describe, inputError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import { listReferrers, pushArtifact } from '../oci/index.js';
import type { Repository } from '../oci/index.js';
import {
  INDEX_MEDIA_TYPES,
  MediaType,
  type Descriptor,
  type ImageIndex,
  type ImageManifest,
} from '../oci/index.js';
import { cleanText, type ScanReport } from '../core/index.js';
import { MAX_MANIFEST_BYTES } from '../oci/index.js';
import { SBOM_ARTIFACT_TYPES, findValidSbom, layersOf } from './sbom-find.js';
import { loadSbom } from '../sbom/index.js';
import {
  Annotation,
  BUNDLE_MEDIA_TYPE,
  BUNDLE_MEDIA_TYPE_PREFIX,
  SIMPLE_SIGNING_MEDIA_TYPE,
  bundleReferrerAnnotations,
  legacyAnnotationsFromBundle,
  legacyConfig,
  legacySignatureTag,
} from './formats.js';
import { SigningSession, type SigningOptions } from './signer.js';
import { bundleSigner } from './identity.js';
import {
  PredicateType,
  SBOM_PREDICATE_TYPES,
  buildStatement,
  signatureStatement,
  simpleSigningPayload,
  type InTotoStatement,
} from './statement.js';
import { loadTrustedRoot, type TrustedRootSource } from './trust.js';
import { SignatureVerifier, type IdentityPolicy } from './verify.js';
import type crypto from 'node:crypto';

export type SignatureFormat = 'bundle' | 'legacy' | 'both';

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

export interface SignatureRecord {
  /** The manifest digest this signature is about. */
  subject: string;
  /** The referrer manifest digest (bundle) or the `.sig` manifest digest (legacy). */
  digest: string;
  format: 'bundle' | 'legacy';
  artifactType: string;
  /** Bundle: listed by the referrers API (true) or via the tag-schema fallback (false). */
  referrersApi?: boolean;
  /** Legacy: the tag written. */
  tag?: string;
  /** Keyless: the certificate's identity and issuer (whose signature this is). */
  identity?: string;
  issuer?: string;
}

export interface SignImageResult {
  subject: string;
  signatures: SignatureRecord[];
}

async function subjectOf(
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

function parseManifest(bytes: Buffer): (Partial<ImageManifest> & Partial<ImageIndex>) | undefined {
  try {
    const v = JSON.parse(bytes.toString('utf8')) as unknown;
    return typeof v === 'object' && v !== null ? v : undefined;
  } catch {
    return undefined;
  }
}

async function pushBundle(
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
  const config = legacyConfig(layers.map((l) => l.digest));
  const configDesc = await repo.pushBlobBytes(config, MediaType.OciConfig);
  const manifest = {
    schemaVersion: 2,
    mediaType: MediaType.OciManifest,
    config: { mediaType: MediaType.OciConfig, size: configDesc.size, digest: configDesc.digest },
    layers,
  };
  const res = await repo.pushManifest(tag, Buffer.from(JSON.stringify(manifest)), MediaType.OciManifest);
  return { digest: res.digest, tag };
}

/** Sign an image (and with `recursive`, each platform manifest of an index). */
export async function signImage(
  repo: Repository,
  digest: string,
  opts: SignImageOptions,
): Promise<SignImageResult> {
  const logger = opts.logger ?? silentLogger;
  const format = opts.format ?? 'bundle';
  const top = await subjectOf(repo, digest);
  const subjects: Descriptor[] = [top.descriptor];
  if (opts.recursive && INDEX_MEDIA_TYPES.has(top.descriptor.mediaType)) {
    const index = parseManifest(top.bytes);
    for (const m of index?.manifests ?? []) {
      // BuildKit attestation manifests are not platforms.
      if (m.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest') continue;
      subjects.push({ mediaType: m.mediaType, digest: m.digest, size: m.size });
    }
  }
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

export interface AttestationResult {
  subject: string;
  /** The referrer manifest digest. */
  digest: string;
  artifactType: string;
  predicateType: string;
  referrersApi: boolean;
}

export async function attest(
  repo: Repository,
  digest: string,
  predicateType: string,
  predicate: unknown,
  opts: SigningOptions & { created?: Date },
): Promise<AttestationResult> {
  const subject = await subjectOf(repo, digest);
  const statement: InTotoStatement = buildStatement({
    digest,
    predicateType,
    predicate,
    name: `${repo.registry}/${repo.name}`,
  });
  const bundle = await new SigningSession(opts).signStatement(Buffer.from(JSON.stringify(statement)));
  const pushed = await pushBundle(repo, subject.descriptor, bundle, predicateType, opts.created);
  (opts.logger ?? silentLogger).info(`attested ${digest} (${predicateType}): referrer ${pushed.digest}`);
  return {
    subject: digest,
    digest: pushed.digest,
    artifactType: BUNDLE_MEDIA_TYPE,
    predicateType,
    referrersApi: pushed.referrersApi,
  };
}

/**
 * Attach an SBOM as a signed in-toto attestation (cosign attest --type spdxjson|cyclonedx), as a
 * bundle referrer. `document` is the SBOM JSON (object or bytes).
 */
export async function attestSbom(
  repo: Repository,
  digest: string,
  sbom: { format: 'spdx' | 'cyclonedx'; document: unknown },
  opts: SigningOptions & { created?: Date },
): Promise<AttestationResult> {
  let doc = sbom.document;
  if (Buffer.isBuffer(doc) || typeof doc === 'string') {
    try {
      doc = JSON.parse(doc.toString()) as unknown;
    } catch (e) {
      throw inputError(
        'SIGN_SBOM_NOT_JSON',
        'the SBOM to attest is not JSON',
        'Attest SPDX JSON or CycloneDX JSON documents.',
        e,
      );
    }
  }
  const predicateType = sbom.format === 'spdx' ? PredicateType.Spdx : PredicateType.CycloneDx;
  return attest(repo, digest, predicateType, doc, opts);
}

/** cosign's vuln predicate (https://cosign.sigstore.dev/attestation/vuln/v1) for a Harbor scan. */
export function vulnPredicate(
  report: ScanReport,
  opts: { invocationUri?: string } = {},
): Record<string, unknown> {
  const scanner = report.scanner;
  return {
    invocation: { parameters: null, uri: opts.invocationUri ?? '', event_id: '', 'builder.id': '' },
    scanner: {
      uri: scanner ? `${scanner.vendor}/${scanner.name}` : 'harbor',
      version: scanner?.version ?? '',
      db: { uri: '', version: '' },
      result: {
        digest: report.digest,
        status: report.status,
        counts: report.counts,
        fixable: report.fixable,
        ...(report.platforms ? { platforms: report.platforms } : {}),
        vulnerabilities: report.findings.map((f) => ({
          id: f.id,
          package: f.package,
          version: f.version,
          ...(f.fixVersion !== undefined ? { fixVersion: f.fixVersion } : {}),
          severity: f.severity,
          ...(f.cvss ? { cvss: f.cvss } : {}),
          ...(f.artifactDigest ? { artifactDigest: f.artifactDigest } : {}),
        })),
      },
    },
    metadata: {
      scanStartedOn: report.startTime ?? report.endTime ?? new Date().toISOString(),
      scanFinishedOn: report.endTime ?? new Date().toISOString(),
    },
  };
}

/** Attach a Harbor scan result as a signed vuln attestation (cosign attest --type vuln). */
export async function attestVulnScan(
  repo: Repository,
  digest: string,
  report: ScanReport,
  opts: SigningOptions & { created?: Date; invocationUri?: string },
): Promise<AttestationResult> {
  return attest(repo, digest, PredicateType.CosignVuln, vulnPredicate(report, opts), opts);
}

// ----- verify --------------------------------------------------------------------------------

export interface VerifyImageOptions extends IdentityPolicy, TrustedRootSource {
  /** Key-based: the public key (KeyObject or PEM); otherwise keyless with identity and issuer. */
  key?: crypto.KeyObject | string;
  requireSbom?: boolean;
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

/** artifactTypes of unsigned SBOM referrers (oras / attach-sbom / cosign / Harbor's own). */
export { SBOM_ARTIFACT_TYPES };

const MAX_BUNDLE_BYTES = 32 * 1024 * 1024;
const MAX_PAYLOAD_BYTES = 1024 * 1024;

function candidateError(e: unknown): string {
  return e instanceof GateError ? `${e.code}: ${e.message}` : describe(e);
}

/** Signature referrers checked at most; more are reported as not checked (fails closed). */
export const MAX_SIGNATURE_CANDIDATES = 256;

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
    signatures.push({
      digest: `referrers of ${digest}`,
      format: 'bundle',
      identity: null,
      issuer: null,
      ok: false,
      reason: cleanText(`could not list the referrers: ${candidateError(e)}`, 1000),
    });
  }
  logger.debug(`verify: ${referrers.length} referrer(s) of ${digest}`);
  let checked = 0;
  for (const r of referrers) {
    const at = r.artifactType ?? '';
    if (SBOM_ARTIFACT_TYPES.has(at)) {
      sbomReferrers.push(r);
      continue;
    }
    if (!at.startsWith(BUNDLE_MEDIA_TYPE_PREFIX)) continue;
    const cand: CandidateResult = {
      digest: r.digest,
      format: 'bundle',
      identity: null,
      issuer: null,
      ok: false,
      reason: '',
    };
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
      bundleBytes = await repo.fetchBlob(bundles[0]!, MAX_BUNDLE_BYTES);
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
        signatures.push({
          digest: tag,
          format: 'legacy',
          identity: null,
          issuer: null,
          ok: false,
          reason: `the legacy signature manifest is malformed: ${layers}`,
        });
      }
      let legacyChecked = 0;
      for (const l of typeof layers === 'string' ? [] : layers) {
        if (l.mediaType !== SIMPLE_SIGNING_MEDIA_TYPE) continue;
        const cand: CandidateResult = {
          digest: l.digest,
          format: 'legacy',
          identity: null,
          issuer: null,
          ok: false,
          reason: '',
        };
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
      signatures.push({
        digest: tag,
        format: 'legacy',
        identity: null,
        issuer: null,
        ok: false,
        reason: cleanText(`could not read the legacy signature tag: ${candidateError(e)}`, 1000),
      });
    }
  }

  let sbom = signedSbom;
  if (!sbom && sbomReferrers.length > 0) {
    // An unsigned SBOM artifact counts only if it is one: its blob parses and validates.
    const found = await findValidSbom(repo, digest, { referrers: sbomReferrers });
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
