import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  attestVex,
  readVexAttestations
} from "./chunk-3J6J6DPC.mjs";
import "./chunk-2KY6CEFS.mjs";
import {
  VERDICT_FIELDS,
  VERDICT_PREDICATE_TYPE,
  VERDICT_SKEW_MS,
  attestVerdict,
  canonicalJson,
  policyDigest,
  verdictPredicate,
  verifyGateVerdict
} from "./chunk-RJNSXWG3.mjs";
import {
  Annotation,
  BUNDLE_MEDIA_TYPE,
  BUNDLE_MEDIA_TYPE_PREFIX,
  DEFAULT_REFERRER_SBOM_MAX_BYTES,
  INTOTO_PAYLOAD_TYPE,
  INTOTO_STATEMENT_V01,
  INTOTO_STATEMENT_V1,
  KeySigner,
  MAX_ATTESTATION_CANDIDATES,
  MAX_SBOM_CANDIDATES,
  OCI_CONFIG_MEDIA_TYPE,
  OCI_MANIFEST_MEDIA_TYPE,
  OPENVEX_PREDICATE_TYPES,
  PredicateType,
  SBOM_ARTIFACT_TYPES,
  SBOM_PREDICATE_TYPES,
  SIMPLE_SIGNING_MEDIA_TYPE,
  SIMPLE_SIGNING_TYPE,
  SignatureVerifier,
  SigningSession,
  TokenProvider,
  attest,
  attestSbom,
  attestVulnScan,
  attestationVerifier,
  buildStatement,
  bundleFromLegacyLayer,
  bundleReferrerAnnotations,
  checkSbomReferrer,
  checkSimpleSigning,
  checkStatement,
  decryptCosignKey,
  encryptCosignKey,
  findValidSbom,
  generateCosignKeyPair,
  identityTokenSource,
  import_sign,
  keyAlgorithm,
  layersOf,
  legacyAnnotationsFromBundle,
  legacyConfig,
  legacySignatureTag,
  loadPublicKey,
  loadSigningKey,
  loadTrustedRoot,
  looksLikeSbom,
  publicKeyHint,
  readAttestations,
  sha256Digest,
  signImage,
  signatureStatement,
  simpleSigningPayload,
  vulnPredicate,
  writeLegacySignature
} from "./chunk-FCAQMY7Y.mjs";
import {
  loadSbom
} from "./chunk-2VYQ6YHU.mjs";
import "./chunk-UXF5Q43A.mjs";
import {
  MAX_MANIFEST_BYTES,
  MediaType,
  listReferrers
} from "./chunk-36FN6LP2.mjs";
import {
  silentLogger
} from "./chunk-PETVGITA.mjs";
import {
  GateError,
  cleanText,
  describe
} from "./chunk-673FP5QF.mjs";
import "./chunk-H6LM4NHK.mjs";

// src/sign/verify-image.ts
var MAX_BUNDLE_BYTES = 32 * 1024 * 1024;
var MAX_PAYLOAD_BYTES = 1024 * 1024;
function candidateError(e) {
  return e instanceof GateError ? `${e.code}: ${e.message}` : describe(e);
}
var MAX_SIGNATURE_CANDIDATES = 256;
function candidate(digest, format, reason = "") {
  return { digest, format, identity: null, issuer: null, ok: false, reason };
}
function judged(cand, v) {
  return {
    ...cand,
    identity: v.identity == null ? null : cleanText(v.identity, 500),
    issuer: v.issuer == null ? null : cleanText(v.issuer, 500),
    ok: v.ok,
    reason: cleanText(v.reason, 1e3) || (v.ok ? "verified" : "rejected")
  };
}
async function verifyImage(repo, digest, opts) {
  const logger = opts.logger ?? silentLogger;
  const needRoot = opts.key === void 0 || opts.trustedRoot !== void 0;
  const trustedRoot = needRoot ? await loadTrustedRoot({ ...opts, logger }) : void 0;
  const verifier = new SignatureVerifier({
    ...opts.key !== void 0 ? { key: opts.key } : {},
    ...opts.identity !== void 0 ? { identity: opts.identity } : {},
    ...opts.identityRegexp !== void 0 ? { identityRegexp: opts.identityRegexp } : {},
    ...opts.issuer !== void 0 ? { issuer: opts.issuer } : {},
    ...trustedRoot ? { trustedRoot } : {}
  });
  const signatures = [];
  let signedSbom = null;
  const sbomReferrers = [];
  let referrers = [];
  try {
    referrers = await listReferrers(repo, digest);
  } catch (e) {
    if (!(e instanceof GateError) || !/^REFERRERS_|^REGISTRY_BAD_RESPONSE$/.test(e.code)) throw e;
    signatures.push(
      candidate(
        `referrers of ${digest}`,
        "bundle",
        cleanText(`could not list the referrers: ${candidateError(e)}`, 1e3)
      )
    );
  }
  logger.debug(`verify: ${referrers.length} referrer(s) of ${digest}`);
  let checked = 0;
  for (const r of referrers) {
    const at = r.artifactType ?? "";
    if (SBOM_ARTIFACT_TYPES.has(at)) {
      sbomReferrers.push(r);
      continue;
    }
    if (!at.startsWith(BUNDLE_MEDIA_TYPE_PREFIX)) continue;
    const cand = candidate(r.digest, "bundle");
    if (checked >= MAX_SIGNATURE_CANDIDATES) {
      signatures.push(
        judged(cand, {
          ok: false,
          reason: `not checked: more than ${MAX_SIGNATURE_CANDIDATES} bundle referrers`
        })
      );
      continue;
    }
    checked++;
    let bundleBytes;
    try {
      if (r.size > MAX_MANIFEST_BYTES) {
        signatures.push(
          judged(cand, { ok: false, reason: `the referrer manifest is ${r.size} bytes, over the limit` })
        );
        continue;
      }
      const m = await repo.fetchManifest(r.digest);
      const layers = m ? layersOf(m.bytes) : "the referrer manifest is gone";
      if (typeof layers === "string") {
        signatures.push(judged(cand, { ok: false, reason: layers }));
        continue;
      }
      const bundles = layers.filter((l) => l.mediaType.startsWith(BUNDLE_MEDIA_TYPE_PREFIX));
      if (bundles.length !== 1) {
        signatures.push(
          judged(cand, {
            ok: false,
            reason: `the referrer has ${bundles.length} bundle layers, expected exactly one`
          })
        );
        continue;
      }
      bundleBytes = await repo.fetchBlob(bundles[0], MAX_BUNDLE_BYTES);
    } catch (e) {
      signatures.push(
        judged(cand, { ok: false, reason: `could not read the referrer: ${candidateError(e)}` })
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
      const predicate = v.statement?.predicate;
      const problem = await sbomProblem(predicate);
      if (problem === void 0) signedSbom ??= { digest: r.digest, signed: true, predicateType: pt };
      else logger.warn(`verify: SBOM attestation ${r.digest} is signed but not a valid SBOM: ${problem}`);
      continue;
    }
    if (pt !== null && pt !== PredicateType.CosignSign) {
      logger.debug(
        `verify: skipping ${r.digest}: attestation of type ${cleanText(pt, 200)}, not a signature`
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
      if (typeof layers === "string") {
        signatures.push(candidate(tag, "legacy", `the legacy signature manifest is malformed: ${layers}`));
      }
      let legacyChecked = 0;
      for (const l of typeof layers === "string" ? [] : layers) {
        if (l.mediaType !== SIMPLE_SIGNING_MEDIA_TYPE) continue;
        const cand = candidate(l.digest, "legacy");
        if (legacyChecked++ >= MAX_SIGNATURE_CANDIDATES) {
          signatures.push(
            judged(cand, {
              ok: false,
              reason: `not checked: more than ${MAX_SIGNATURE_CANDIDATES} legacy signatures`
            })
          );
          continue;
        }
        let payload;
        try {
          payload = await repo.fetchBlob(l, MAX_PAYLOAD_BYTES);
        } catch (e) {
          signatures.push(
            judged(cand, { ok: false, reason: `could not read the signed payload: ${candidateError(e)}` })
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
          "legacy",
          cleanText(`could not read the legacy signature tag: ${candidateError(e)}`, 1e3)
        )
      );
    }
  }
  let sbom = signedSbom;
  if (!sbom && sbomReferrers.length > 0) {
    const found = await findValidSbom(repo, digest, { referrers: sbomReferrers });
    for (const x of found.rejected) logger.warn(`verify: SBOM referrer ${x.digest} rejected: ${x.reason}`);
    if (found.sbom)
      sbom = { digest: found.sbom.digest, signed: false, artifactType: found.sbom.artifactType };
  }
  const anyOk = signatures.some((s) => s.ok);
  let reason;
  if (!anyOk) {
    reason = signatures.length === 0 ? "no signature found" : "no signature from the expected signer verified";
  } else if (opts.requireSbom && !sbom) {
    reason = "no SBOM referrer found (--require-sbom)";
  }
  return { subject: digest, verified: reason === void 0, signatures, sbom, ...reason ? { reason } : {} };
}
async function sbomProblem(predicate) {
  if (typeof predicate !== "object" || predicate === null) return "the predicate is not an object";
  try {
    await loadSbom(Buffer.from(JSON.stringify(predicate)), { maxErrors: 3 });
    return void 0;
  } catch (e) {
    return cleanText(candidateError(e), 500);
  }
}
var export_DEFAULT_FULCIO_URL = import_sign.DEFAULT_FULCIO_URL;
var export_DEFAULT_REKOR_URL = import_sign.DEFAULT_REKOR_URL;
export {
  Annotation,
  BUNDLE_MEDIA_TYPE,
  BUNDLE_MEDIA_TYPE_PREFIX,
  export_DEFAULT_FULCIO_URL as DEFAULT_FULCIO_URL,
  DEFAULT_REFERRER_SBOM_MAX_BYTES,
  export_DEFAULT_REKOR_URL as DEFAULT_REKOR_URL,
  INTOTO_PAYLOAD_TYPE,
  INTOTO_STATEMENT_V01,
  INTOTO_STATEMENT_V1,
  KeySigner,
  MAX_ATTESTATION_CANDIDATES,
  MAX_SBOM_CANDIDATES,
  OCI_CONFIG_MEDIA_TYPE,
  OCI_MANIFEST_MEDIA_TYPE,
  OPENVEX_PREDICATE_TYPES,
  PredicateType,
  SBOM_ARTIFACT_TYPES,
  SBOM_PREDICATE_TYPES,
  SIMPLE_SIGNING_MEDIA_TYPE,
  SIMPLE_SIGNING_TYPE,
  SignatureVerifier,
  SigningSession,
  TokenProvider,
  VERDICT_FIELDS,
  VERDICT_PREDICATE_TYPE,
  VERDICT_SKEW_MS,
  attest,
  attestSbom,
  attestVerdict,
  attestVex,
  attestVulnScan,
  attestationVerifier,
  buildStatement,
  bundleFromLegacyLayer,
  bundleReferrerAnnotations,
  canonicalJson,
  checkSbomReferrer,
  checkSimpleSigning,
  checkStatement,
  decryptCosignKey,
  encryptCosignKey,
  findValidSbom,
  generateCosignKeyPair,
  identityTokenSource,
  keyAlgorithm,
  layersOf,
  legacyAnnotationsFromBundle,
  legacyConfig,
  legacySignatureTag,
  loadPublicKey,
  loadSigningKey,
  loadTrustedRoot,
  looksLikeSbom,
  policyDigest,
  publicKeyHint,
  readAttestations,
  readVexAttestations,
  sha256Digest,
  signImage,
  signatureStatement,
  simpleSigningPayload,
  verdictPredicate,
  verifyGateVerdict,
  verifyImage,
  vulnPredicate,
  writeLegacySignature
};
