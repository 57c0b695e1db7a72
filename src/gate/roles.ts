/**
 * The roles the steps work over: small interfaces, in the spirit of oras-go's Target and
 * sigstore-js's Signer/IdentityProvider. session.ts wires the real ones (the registry client,
 * Harbor, Sigstore); the orchestration's unit tests use in-memory fakes.
 */
import type { Clock, HarborAllowlist, ScanReport } from '../core/index.js';
import type { Descriptor } from '../oci/index.js';
import type { PushResult } from '../oci/index.js';
import type { Sbom } from '../sbom/index.js';
import type { HarborTarget, ProjectSettings } from '../harbor/index.js';
import type { Logger } from '../logger.js';
import type { CandidateResult, GateVerdictCheck, VerdictPredicate } from '../sign/index.js';
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
}

export interface AttestationWritten {
  subject: string;
  digest: string;
  artifactType: string;
  predicateType: string;
  referrersApi: boolean;
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

/** The registry target: resolve, push, tag, referrers. Everything is about one repository. */
export interface ImageTarget {
  /** `host/repository`, for messages. */
  readonly name: string;
  resolve(reference: string): Promise<Descriptor | undefined>;
  /** Push the image from a local source; the descriptor is the pushed root. */
  push(source: string, tags: string[]): Promise<{ descriptor: Descriptor; result: PushResult }>;
  /** Point more tags at a manifest already in the registry. */
  tag(descriptor: Descriptor, tags: string[]): Promise<void>;
  attachSbom(subject: Descriptor, sbom: Sbom): Promise<SbomAttached>;
  /** SBOM referrers that parse and validate, and those rejected with the reason. */
  validSbom(digest: string): Promise<{ sbom?: { digest: string; format: string }; rejected: string[] }>;
  /** Every signature of the digest judged against `trust`, and the SBOM found. */
  verify(digest: string, trust: ResolvedTrust, opts: { requireSbom: boolean }): Promise<Verification>;
  /** The OpenVEX attestations of the digest whose signature verifies with `trust` (--vex-from-image). */
  vexAttestations(digest: string, trust: ResolvedTrust): Promise<VexAttestations>;
  /** The latest gate verdict attestation that verifies with `trust`, judged (--require-gate-pass). */
  gateVerdict(
    digest: string,
    trust: ResolvedTrust,
    opts: { maxAgeMs?: number; now: Date },
  ): Promise<GateVerdictCheck>;
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
  sign(
    digest: string,
    opts: { format: 'bundle' | 'legacy' | 'both'; recursive: boolean },
  ): Promise<SignatureWritten[]>;
  attestSbom(digest: string, sbom: Sbom): Promise<AttestationWritten>;
  attestScan(digest: string, report: ScanReport): Promise<AttestationWritten>;
  /** The gate's decision as a signed verdict attestation (--attest-scan). */
  attestVerdict(digest: string, predicate: VerdictPredicate): Promise<AttestationWritten>;
  /** A VEX document as a signed OpenVEX attestation (attach-vex); throws VEX_* for a bad document. */
  attestVex(digest: string, vex: { document: Buffer; name: string }): Promise<VexAttestationWritten>;
}

/** Everything a run works with; the steps take what they need. */
export interface Roles {
  target: ImageTarget;
  vulnerabilities?: VulnerabilitySource;
  signer?: ImageSigner;
  clock: Clock;
  logger: Logger;
}
