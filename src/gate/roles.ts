/**
 * The roles the steps work over: small interfaces, each with one job, as oras-go composes
 * Resolver, Pusher and Tagger into a Target and sigstore-js keeps Signer and Verifier apart.
 * A step takes only the roles it uses. session.ts wires the real ones (classes in
 * registry-roles.ts, sigstore-roles.ts, harbor-source.ts); the unit tests use in-memory fakes.
 */
import type { CiKind, Clock, HarborAllowlist, ScanReport } from '../core/index.js';
import type { Descriptor } from '../oci/index.js';
import type { PushResult } from '../oci/index.js';
import type { Sbom } from '../sbom/index.js';
import type { HarborTarget, ProjectSettings } from '../harbor/index.js';
import type { Logger } from '../logger.js';
import type {
  CandidateResult,
  GateVerdictCheck,
  ProvenanceCheck,
  ProvenanceExpectation,
  ProvenanceFacts,
  ProvenanceRecord,
  ProvenanceSource,
  RequiredPolicy,
  VerdictPredicate,
} from '../sign/index.js';
import type { VexStatement } from '../vex/index.js';

export interface SbomAttached {
  digest: string;
  artifactType: string;
  referrersApi: boolean;
  sbomDigest: string;
}

export interface SignatureWritten {
  subject: string;
  digest: string;
  format: 'bundle' | 'legacy';
  artifactType: string;
  tag?: string;
  referrersApi?: boolean;
  /** Bundle format: the Sigstore bundle JSON. */
  bundle?: unknown;
  /** Not written by this run: a signature by the same key or identity already verified. */
  existing?: boolean;
}

export interface AttestationWritten {
  subject: string;
  digest: string;
  artifactType: string;
  predicateType: string;
  referrersApi: boolean;
  /** Not written by this run: an identical attestation by the same signer already verified. */
  existing?: boolean;
}

/** A provenance attestation written (one per subject and format). */
export type ProvenanceWritten = ProvenanceRecord;

/** This job's provenance, built and ready to sign. */
export interface ProvenancePrepared {
  source: ProvenanceSource;
  facts: ProvenanceFacts;
}

/** A VEX document attached as a signed OpenVEX attestation (attach-vex). */
export interface VexAttestationWritten extends AttestationWritten {
  /** The input was CycloneDX VEX, converted to OpenVEX 0.2.0. */
  converted: boolean;
  statements: number;
  warnings: string[];
}

/** The image's VEX attestations: the statements of those that verify, and the others with why. */
export interface VexAttestations {
  statements: VexStatement[];
  applied: { digest: string; signer: string | null; statements: number }[];
  ignored: { digest: string; reason: string }[];
}

/** A signature judged against the trust in force (as sign/ verifies it). */
export type SignatureCheck = CandidateResult;

/** Finds the manifest a tag or digest names (oras-go's `Resolver`). */
export interface Resolver {
  resolve(reference: string): Promise<Descriptor | undefined>;
}

/** Pushes an image from a local source; the descriptor is the pushed root (oras-go's `Pusher`). */
export interface Pusher {
  push(source: string, tags: string[]): Promise<{ descriptor: Descriptor; result: PushResult }>;
  /**
   * Whether the credentials may push here, asked before anything is written (nothing is left);
   * with the source to push, an `@digest` that is not the source's is refused first.
   */
  checkPush(source?: string): Promise<void>;
}

/** Points more tags at a manifest already in the registry (oras-go's `Tagger`). */
export interface Tagger {
  tag(descriptor: Descriptor, tags: string[]): Promise<void>;
}

/** One repository of the registry: the three composed (oras-go's `Target`), named for messages. */
export interface ImageTarget extends Resolver, Pusher, Tagger {
  /** `host/repository`, for messages. */
  readonly name: string;
}

/** The image's SBOM referrers: attach one, and find those that parse and validate. */
export interface SbomReferrers {
  attachSbom(subject: Descriptor, sbom: Sbom): Promise<SbomAttached>;
  /** SBOM referrers that parse and validate, and those rejected with the reason. */
  validSbom(digest: string): Promise<{ sbom?: { digest: string; format: string }; rejected: string[] }>;
}

/** Judges every signature of a digest against a trust, and reports the SBOM found. */
export interface SignatureVerifier {
  verify(digest: string, trust: ResolvedTrust, opts: { requireSbom: boolean }): Promise<Verification>;
}

/** Reads the image's signed attestations; only those whose signature verifies with `trust` count. */
export interface AttestationReader {
  /** The OpenVEX attestations (--vex-from-image). */
  vexAttestations(digest: string, trust: ResolvedTrust): Promise<VexAttestations>;
  /** The latest gate verdict attestation, judged (--require-gate-pass). */
  gateVerdict(
    digest: string,
    trust: ResolvedTrust,
    opts: { maxAgeMs?: number; now: Date; policy?: RequiredPolicy },
  ): Promise<GateVerdictCheck>;
  /** The SLSA provenance that verifies with `trust`, judged against `expect` (--require-provenance). */
  provenance(digest: string, trust: ResolvedTrust, expect: ProvenanceExpectation): Promise<ProvenanceCheck>;
}

export interface Verification {
  verified: boolean;
  signatures: SignatureCheck[];
  sbom: { digest: string; signed: boolean; predicateType?: string; artifactType?: string } | null;
  /** Why verification failed as a whole. */
  reason?: string;
}

/** Whose signatures count: a public key, or a keyless identity and issuer. */
export interface ResolvedTrust {
  /** PEM public key. */
  key?: string;
  identity?: string;
  identityRegexp?: string;
  issuer?: string;
  trustedRoot?: string;
  /** For messages: "the key cosign.pub", "the identity …". */
  description: string;
}

/** A vulnerability source: Harbor implements it. */
export interface VulnerabilitySource {
  /** The UI/API base, for links in reports. */
  readonly baseUrl: string;
  readonly target: HarborTarget;
  preflight(): Promise<{ warnings: string[]; version?: string }>;
  scan(digest: string, opts: { timeoutMs: number }): Promise<ScanReport>;
  projectSettings(): Promise<{ settings: ProjectSettings; allowlists: HarborAllowlist[] }>;
  generateSbom(
    digest: string,
    opts: { timeoutMs: number },
  ): Promise<{ sbomDigest: string; mediaType: string }>;
}

/** A signer: signs and attests digests in the target repository. */
export interface ImageSigner {
  /** The trust that recognises this signer's own signatures (its public key, or "keyless"). */
  ownTrust(): Promise<ResolvedTrust | undefined>;
  /**
   * Sign `digest`, unless (without `force`) a signature by the same key or identity already
   * verifies in that format: then it is returned with `existing: true` and nothing is written.
   */
  sign(
    digest: string,
    opts: { format: 'bundle' | 'legacy' | 'both'; recursive: boolean; force?: boolean },
  ): Promise<SignatureWritten[]>;
  attestSbom(digest: string, sbom: Sbom): Promise<AttestationWritten>;
  attestScan(digest: string, report: ScanReport): Promise<AttestationWritten>;
  /** The gate's decision as a signed verdict attestation (--attest-scan). */
  attestVerdict(digest: string, predicate: VerdictPredicate): Promise<AttestationWritten>;
  /** A VEX document as a signed OpenVEX attestation (attach-vex); throws VEX_* for a bad document. */
  attestVex(digest: string, vex: { document: Buffer; name: string }): Promise<VexAttestationWritten>;
  /**
   * --provenance: build this job's statement now, before anything is pushed (keyless: from the
   * claims of the token this signer signs with). Throws PROVENANCE_* (exit 2) for a missing value.
   */
  prepareProvenance(ci: CiKind): Promise<ProvenancePrepared>;
  /**
   * Attach this job's provenance to `digest` (and each platform manifest with `recursive`), built
   * again in the session that signs it; what it said and what was written.
   */
  attestProvenance(
    digest: string,
    opts: { format: 'bundle' | 'legacy' | 'both'; recursive: boolean },
  ): Promise<ProvenancePrepared & { written: ProvenanceWritten[] }>;
  /**
   * After this run's scan and verdict attestations: delete this signer's older ones of the same
   * predicate types about `digest` (where the credentials allow), and count the referrers.
   */
  supersede(digest: string): Promise<Superseded>;
}

/** What supersede() did: older attestations deleted, those it could not delete, the referrer count. */
export interface Superseded {
  deleted: string[];
  failed: { digest: string; reason: string }[];
  referrers: number;
  /** Near or over Kyverno's 50-referrer limit: what to do. */
  warning?: string;
}

/** Everything a run works with; the steps take what they need. */
export interface Roles {
  target: ImageTarget;
  sboms: SbomReferrers;
  verifier: SignatureVerifier;
  attestations: AttestationReader;
  vulnerabilities?: VulnerabilitySource;
  signer?: ImageSigner;
  clock: Clock;
  logger: Logger;
}
