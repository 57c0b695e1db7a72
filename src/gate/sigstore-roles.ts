/**
 * Sigstore's side of the roles: a verifier that judges signatures and reads attestations against
 * a trust, and the signer. Classes over one options object each; sign/ is loaded when first
 * needed, so a plain push never pays for Sigstore.
 */
import crypto from 'node:crypto';
import type { CiKind, ScanReport } from '../core/index.js';
import { GateError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Repository } from '../oci/index.js';
import type { Sbom } from '../sbom/index.js';
import type {
  AttestOptions,
  AttestationTrust,
  GateVerdictCheck,
  ProvenanceCheck,
  ProvenanceExpectation,
  RequiredPolicy,
  SigningOptions,
  VerdictPredicate,
} from '../sign/index.js';
import type {
  AttestationReader,
  AttestationWritten,
  ImageSigner,
  ProvenancePrepared,
  ProvenanceWritten,
  ResolvedTrust,
  SignatureVerifier,
  SignatureWritten,
  Superseded,
  Verification,
  VexAttestations,
  VexAttestationWritten,
} from './roles.js';

export interface SigstoreVerifierOptions {
  repo: Repository;
  logger: Logger;
}

/** Judges the image's signatures and attestations in the repository against the trust in force. */
export class SigstoreVerifier implements SignatureVerifier, AttestationReader {
  constructor(private readonly opts: SigstoreVerifierOptions) {}

  async verify(digest: string, trust: ResolvedTrust, opts: { requireSbom: boolean }): Promise<Verification> {
    const { verifyImage } = await import('../sign/index.js');
    const res = await verifyImage(this.opts.repo, digest, {
      ...this.trust(trust),
      requireSbom: opts.requireSbom,
    });
    return {
      verified: res.verified,
      signatures: res.signatures,
      sbom: res.sbom,
      ...(res.reason !== undefined ? { reason: res.reason } : {}),
    };
  }

  async vexAttestations(digest: string, trust: ResolvedTrust): Promise<VexAttestations> {
    const { readVexAttestations } = await import('../sign/index.js');
    const res = await readVexAttestations(this.opts.repo, digest, this.trust(trust));
    return {
      statements: res.statements,
      applied: res.attestations.map((a) => ({
        digest: a.digest,
        signer: a.signer,
        statements: a.document.statements.length,
      })),
      ignored: res.ignored,
    };
  }

  async gateVerdict(
    digest: string,
    trust: ResolvedTrust,
    opts: { maxAgeMs?: number; now: Date; policy?: RequiredPolicy },
  ): Promise<GateVerdictCheck> {
    const { verifyGateVerdict } = await import('../sign/index.js');
    return verifyGateVerdict(this.opts.repo, digest, this.trust(trust), opts);
  }

  async provenance(
    digest: string,
    trust: ResolvedTrust,
    expect: ProvenanceExpectation,
  ): Promise<ProvenanceCheck> {
    const { verifyProvenance } = await import('../sign/index.js');
    return verifyProvenance(this.opts.repo, digest, this.trust(trust), expect);
  }

  /** The trust in force, as sign/ takes it (signature and attestation verification alike). */
  private trust(trust: ResolvedTrust): AttestationTrust {
    return {
      ...(trust.key !== undefined ? { key: trust.key } : {}),
      ...(trust.identity !== undefined ? { identity: trust.identity } : {}),
      ...(trust.identityRegexp !== undefined ? { identityRegexp: trust.identityRegexp } : {}),
      ...(trust.issuer !== undefined ? { issuer: trust.issuer } : {}),
      ...(trust.trustedRoot !== undefined ? { trustedRoot: trust.trustedRoot } : {}),
      logger: this.opts.logger,
    };
  }
}

export interface SigstoreSignerOptions {
  repo: Repository;
  signing: SigningOptions;
  /** --signature-format: applies to attestations as to signatures (the `.att` tag for legacy). */
  format?: 'bundle' | 'legacy' | 'both';
  /** The trusted root that verifies keyless signatures (--trusted-root), for ownTrust. */
  trustedRoot?: string;
}

/** Signs and attests digests in the repository with a key or keyless (Fulcio, Rekor, TSA). */
export class SigstoreSigner implements ImageSigner {
  private keylessIdentity: { identity: string; issuer: string } | undefined;
  /** The CI whose provenance was prepared (checked before the push). */
  private provenanceCi: CiKind | undefined;
  /** The scan and verdict attestations this run wrote: what supersede() keeps. */
  private readonly written: { digest: string; predicateType: string }[] = [];

  constructor(private readonly opts: SigstoreSignerOptions) {}

  /** The signing options for an attestation, in the format asked for. */
  private get attesting(): AttestOptions {
    return { ...this.opts.signing, format: this.opts.format ?? 'bundle' };
  }

  async ownTrust(): Promise<ResolvedTrust | undefined> {
    const key = this.opts.signing.key;
    if (key) {
      const { publicKeyHint } = await import('../sign/index.js');
      const pem = crypto.createPublicKey(key).export({ format: 'pem', type: 'spki' }).toString();
      return { key: pem, description: `the gate’s signing key (${publicKeyHint(key)})` };
    }
    const id = this.keylessIdentity;
    if (!id) return undefined;
    return {
      identity: id.identity,
      issuer: id.issuer,
      ...(this.opts.trustedRoot ? { trustedRoot: this.opts.trustedRoot } : {}),
      description: `the gate’s keyless identity ${id.identity} (${id.issuer})`,
    };
  }

  async sign(
    digest: string,
    opts: { format: 'bundle' | 'legacy' | 'both'; recursive: boolean; force?: boolean },
  ): Promise<SignatureWritten[]> {
    const { signImage } = await import('../sign/index.js');
    let format = opts.format;
    const kept: SignatureWritten[] = [];
    // A re-run adds no signature when one by the same key or identity already verifies.
    if (!opts.force && !opts.recursive) {
      const found = await this.existingSignatures(digest, opts.format);
      const wanted: ('bundle' | 'legacy')[] = format === 'both' ? ['bundle', 'legacy'] : [format];
      for (const f of wanted) {
        const c = found.find((x) => x.format === f);
        if (c) kept.push(c);
      }
      const missing = wanted.filter((f) => !kept.some((k) => k.format === f));
      if (missing.length === 0) return kept;
      format = missing.length === 1 ? missing[0]! : format;
    }
    const res = await signImage(this.opts.repo, digest, {
      ...this.opts.signing,
      format,
      recursive: opts.recursive,
    });
    for (const s of res.signatures) {
      if (s.identity && s.issuer) this.keylessIdentity ??= { identity: s.identity, issuer: s.issuer };
    }
    return [
      ...res.signatures.map((s) => ({
        subject: s.subject,
        digest: s.digest,
        format: s.format,
        artifactType: s.artifactType,
        ...(s.tag !== undefined ? { tag: s.tag } : {}),
        ...(s.referrersApi !== undefined ? { referrersApi: s.referrersApi } : {}),
        ...(s.bundle !== undefined ? { bundle: s.bundle } : {}),
      })),
      ...kept,
    ];
  }

  /** This signer's signatures of `digest` that verify already (none when that cannot be checked). */
  private async existingSignatures(
    digest: string,
    format: 'bundle' | 'legacy' | 'both',
  ): Promise<SignatureWritten[]> {
    const { ownSigningTrust, existingSignatures, BUNDLE_MEDIA_TYPE, SIMPLE_SIGNING_MEDIA_TYPE } =
      await import('../sign/index.js');
    const logger = this.opts.signing.logger;
    let own;
    try {
      own = await ownSigningTrust(this.opts.signing, this.opts.trustedRoot);
    } catch {
      // Fulcio refused: signing will say why.
      return [];
    }
    if (!own) return [];
    if (own.identity) this.keylessIdentity ??= own.identity;
    const found = await existingSignatures(
      this.opts.repo,
      digest,
      { ...own.trust, ...(logger ? { logger } : {}) },
      format,
      logger,
    );
    return found.verified.map((c) => ({
      subject: digest,
      digest: c.digest,
      format: c.format,
      artifactType: c.format === 'bundle' ? BUNDLE_MEDIA_TYPE : SIMPLE_SIGNING_MEDIA_TYPE,
      existing: true,
    }));
  }

  /** The trust that verifies this signer's own attestations, when it can be checked. */
  private async ownAttestationTrust(): Promise<AttestationTrust | undefined> {
    const own = await this.ownTrust();
    if (!own) return undefined;
    const { DEFAULT_FULCIO_URL } = await import('../sign/index.js');
    const fulcio = this.opts.signing.fulcioUrl;
    if (!own.key && !own.trustedRoot && fulcio !== undefined && fulcio !== DEFAULT_FULCIO_URL)
      return undefined;
    const logger = this.opts.signing.logger;
    return {
      ...(own.key !== undefined ? { key: own.key } : {}),
      ...(own.identity !== undefined ? { identity: own.identity } : {}),
      ...(own.issuer !== undefined ? { issuer: own.issuer } : {}),
      ...(own.trustedRoot !== undefined ? { trustedRoot: own.trustedRoot } : {}),
      ...(logger ? { logger } : {}),
    };
  }

  /** Keep the keyless identity an attestation was signed with (whose older ones to supersede). */
  private noted<T extends AttestationWritten & { identity?: string; issuer?: string }>(a: T): T {
    if (a.identity && a.issuer) this.keylessIdentity ??= { identity: a.identity, issuer: a.issuer };
    return a;
  }

  async supersede(digest: string): Promise<Superseded> {
    const { supersedeAttestations, referrerBudget } = await import('../sign/index.js');
    let deleted: string[] = [];
    let failed: Superseded['failed'] = [];
    const trust = this.written.length > 0 ? await this.ownAttestationTrust() : undefined;
    if (trust) {
      ({ deleted, failed } = await supersedeAttestations(this.opts.repo, digest, trust, this.written));
    }
    const budget = await referrerBudget(this.opts.repo, digest);
    return {
      deleted,
      failed,
      referrers: budget.count,
      ...(budget.warning !== undefined ? { warning: budget.warning } : {}),
    };
  }

  async attestSbom(digest: string, sbom: Sbom): Promise<AttestationWritten> {
    const { attestSbom, identicalAttestation, PredicateType, BUNDLE_MEDIA_TYPE, DSSE_ENVELOPE_MEDIA_TYPE } =
      await import('../sign/index.js');
    const format = sbom.format.startsWith('cyclonedx') ? 'cyclonedx' : 'spdx';
    const predicateType = format === 'cyclonedx' ? PredicateType.CycloneDx : PredicateType.Spdx;
    // The same SBOM attested again by the same signer adds nothing.
    const trust = await this.ownAttestationTrust();
    const same = trust
      ? await identicalAttestation(
          this.opts.repo,
          digest,
          trust,
          predicateType,
          sbom.document,
          this.opts.format ?? 'bundle',
        )
      : undefined;
    if (same) {
      return {
        subject: digest,
        digest: same.digest,
        artifactType: same.format === 'bundle' ? BUNDLE_MEDIA_TYPE : DSSE_ENVELOPE_MEDIA_TYPE,
        predicateType,
        referrersApi: same.format === 'bundle',
        existing: true,
      };
    }
    return this.noted(
      await attestSbom(this.opts.repo, digest, { format, document: sbom.document }, this.attesting),
    );
  }

  async attestScan(digest: string, report: ScanReport): Promise<AttestationWritten> {
    const { attestVulnScan } = await import('../sign/index.js');
    const a = this.noted(await attestVulnScan(this.opts.repo, digest, report, this.attesting));
    this.written.push({ digest: a.digest, predicateType: a.predicateType });
    return a;
  }

  async attestVerdict(digest: string, predicate: VerdictPredicate): Promise<AttestationWritten> {
    const { attestVerdict } = await import('../sign/index.js');
    const a = this.noted(await attestVerdict(this.opts.repo, digest, predicate, this.attesting));
    this.written.push({ digest: a.digest, predicateType: a.predicateType });
    return a;
  }

  async attestVex(digest: string, vex: { document: Buffer; name: string }): Promise<VexAttestationWritten> {
    const { attestVex } = await import('../sign/index.js');
    const res = await attestVex(this.opts.repo, digest, vex, this.attesting);
    return {
      subject: res.subject,
      digest: res.digest,
      artifactType: res.artifactType,
      predicateType: res.predicateType,
      referrersApi: res.referrersApi,
      converted: res.converted,
      statements: res.statements,
      warnings: res.warnings,
    };
  }

  async prepareProvenance(ci: CiKind): Promise<ProvenancePrepared> {
    this.provenanceCi = ci;
    const { prepareProvenance } = await import('../sign/index.js');
    const p = await prepareProvenance(ci, this.opts.signing);
    return { source: p.source, facts: p.facts };
  }

  async attestProvenance(
    digest: string,
    opts: { format: 'bundle' | 'legacy' | 'both'; recursive: boolean },
  ): Promise<ProvenancePrepared & { written: ProvenanceWritten[] }> {
    const ci = this.provenanceCi;
    if (ci === undefined) {
      throw new GateError({
        code: 'INTERNAL',
        message: 'provenance attested before it was prepared',
        remedy: 'Report this as a bug.',
        kind: 'infra',
      });
    }
    // Built again in the session that signs it: keyless, from the claims of a token fetched now
    // (the one checked before the push may have expired during a long push), so the statement is
    // always made of the signing token's own claims.
    const { attestProvenance, prepareProvenance } = await import('../sign/index.js');
    const prepared = await prepareProvenance(ci, this.opts.signing);
    const written = await attestProvenance(this.opts.repo, digest, prepared, {
      ...opts,
      ...(this.opts.signing.logger ? { logger: this.opts.signing.logger } : {}),
    });
    return { source: prepared.source, facts: prepared.facts, written };
  }
}
