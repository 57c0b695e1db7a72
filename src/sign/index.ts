/** Sigstore signing and verification, cosign-compatible: the public face of src/sign. */
export {
  signImage,
  signingSubjects,
  writeLegacySignature,
  type SignImageOptions,
  type SignImageResult,
  type SignatureFormat,
  type ReferrerWritten,
  type SignatureRecord,
} from './image.js';
export {
  attest,
  attestSbom,
  attestStatement,
  attestVulnScan,
  vulnPredicate,
  type AttestOptions,
  type AttestationResult,
} from './attest.js';
export {
  MAX_REPLACE_CHECKS,
  dssePae,
  ownedBy,
  writeLegacyAttestation,
  type LayerOwner,
  type LegacyAttestationWritten,
} from './legacy-attest.js';
export {
  verifyImage,
  type CandidateResult,
  type VerifyImageOptions,
  type VerifyImageResult,
} from './verify-image.js';
export {
  decryptCosignKey,
  encryptCosignKey,
  generateCosignKeyPair,
  keyAlgorithm,
  loadPublicKey,
  loadSigningKey,
  publicKeyHint,
  type KeyAlgorithm,
} from './keys.js';
export {
  DEFAULT_FULCIO_URL,
  DEFAULT_REKOR_URL,
  KeySigner,
  SigningSession,
  TokenProvider,
  identityTokenSource,
  type SigningOptions,
} from './signer.js';
export { SignatureVerifier, type IdentityPolicy, type SignatureVerdict } from './verify.js';
export { loadTrustedRoot, type TrustedRootSource } from './trust.js';
export * from './statement.js';
export * from './formats.js';
export {
  readAttestations,
  attestationVerifier,
  MAX_ATTESTATION_CANDIDATES,
  type AttestationTrust,
  type IgnoredAttestation,
  type ReadAttestationsResult,
  type VerifiedAttestation,
} from './attestations.js';
export {
  attestVex,
  readVexAttestations,
  type AttestVexResult,
  type ReadVexResult,
  type VexAttestation,
} from './vex.js';
export {
  attestVerdict,
  canonicalJson,
  policyDigest,
  verifyGateVerdict,
  verdictTime,
  VERDICT_FIELDS,
  VERDICT_PREDICATE_TYPE,
  VERDICT_SKEW_MS,
  type GateVerdictCheck,
  type RequiredPolicy,
  type VerdictPredicate,
  type VerdictViolation,
  type VerdictWaiver,
} from './verdict.js';
export * from './sbom-find.js';
export {
  GITHUB_WORKFLOW_BUILD_TYPE,
  GITLAB_BUILD_TYPE,
  SLSA_PROVENANCE_V1,
  githubFromClaims,
  githubFromEnv,
  githubServerOfIssuer,
  gitlabFromClaims,
  gitlabFromEnv,
  provenanceFacts,
  provenancePredicate,
  tokenClaims,
  type ProvenanceFacts,
  type ProvenanceSource,
  type SlsaProvenance,
} from './provenance.js';
export {
  attestProvenance,
  prepareProvenance,
  verifyProvenance,
  type PreparedProvenance,
  type ProvenanceCheck,
  type ProvenanceExpectation,
  type ProvenanceRecord,
} from './provenance-attest.js';
export {
  KYVERNO_MAX_REFERRERS,
  REFERRERS_WARN_AT,
  SUPERSEDED_PREDICATE_TYPES,
  existingSignatures,
  identicalAttestation,
  ownSigningTrust,
  referrerBudget,
  supersedeAttestations,
  type ExistingSignatures,
  type SupersedeResult,
} from './rerun.js';
