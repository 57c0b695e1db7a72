/**
 * Attestations: a signed in-toto statement about an image pushed as a bundle referrer (cosign
 * attest), for SBOMs and Harbor vulnerability scans.
 */
import { SHA256_DIGEST_PATTERN } from '../core/index.js';
import crypto from 'node:crypto';
import { bundleFromJSON } from '@sigstore/bundle';
import { inputError } from '../errors.js';
import { silentLogger } from '../logger.js';
import type { Repository } from '../oci/index.js';
import type { ScanReport } from '../core/index.js';
import {
  BUNDLE_MEDIA_TYPE,
  DSSE_ENVELOPE_MEDIA_TYPE,
  legacyAttestationLayer,
  type SignatureFormat,
} from './formats.js';
import { bundleSigner } from './identity.js';
import { writeLegacyAttestation, type LegacyAttestationWritten } from './legacy-attest.js';
import { pushBundle, subjectOf } from './referrer.js';
import { SigningSession, type SigningOptions } from './signer.js';
import { PredicateType, buildStatement, type InTotoStatement } from './statement.js';

export interface AttestationResult {
  subject: string;
  /** The referrer manifest digest (bundle), or the `.att` manifest digest when only legacy. */
  digest: string;
  artifactType: string;
  predicateType: string;
  referrersApi: boolean;
  /** The legacy `.att` layer written (--signature-format legacy|both). */
  legacy?: LegacyAttestationWritten;
  /** Keyless: the certificate's identity and issuer. */
  identity?: string;
  issuer?: string;
}

export interface AttestOptions extends SigningOptions {
  /** The referrer's created annotation (default now). */
  created?: Date;
  /** 'bundle' (default): a cosign v3 referrer; 'legacy': a layer of the `.att` tag; 'both'. */
  format?: SignatureFormat;
  /** PEM intermediates + root for the legacy chain annotation (optional for cosign). */
  certificateChainPem?: string;
  /**
   * Sign in this session (and so with its OIDC token) rather than a new one: provenance is built
   * from the claims of the very token that signs it.
   */
  session?: SigningSession;
}

/** The sha256 digest a statement is about (its first subject's). */
function statementDigest(statement: InTotoStatement): string {
  const digest = `sha256:${statement.subject[0]?.digest.sha256 ?? ''}`;
  if (!SHA256_DIGEST_PATTERN.test(digest)) throw new TypeError('the statement has no sha256 subject');
  return digest;
}

/**
 * Sign any in-toto statement about an image and store it the way `cosign attest` does, in the
 * format asked for: a bundle referrer, a layer of the legacy `sha256-<hex>.att` tag (replacing
 * this signer's earlier layer of the same predicate type), or both. One signature serves both.
 */
export async function attestStatement(
  repo: Repository,
  statement: InTotoStatement,
  opts: AttestOptions,
): Promise<AttestationResult> {
  const logger = opts.logger ?? silentLogger;
  const digest = statementDigest(statement);
  const predicateType = statement.predicateType;
  const format = opts.format ?? 'bundle';
  const subject = await subjectOf(repo, digest);
  const bundle = await (opts.session ?? new SigningSession(opts)).signStatement(
    Buffer.from(JSON.stringify(statement)),
  );
  const who = bundleSigner(bundle);
  const signer = who ? { identity: who.identity, issuer: who.issuer } : {};
  let pushed: { digest: string; referrersApi: boolean } | undefined;
  if (format === 'bundle' || format === 'both') {
    pushed = await pushBundle(repo, subject.descriptor, bundle, predicateType, opts.created);
    logger.info(`attested ${digest} (${predicateType}): referrer ${pushed.digest}`);
  }
  let legacy: LegacyAttestationWritten | undefined;
  if (format === 'legacy' || format === 'both') {
    const layer = legacyAttestationLayer(bundleFromJSON(bundle), predicateType, opts.certificateChainPem);
    legacy = await writeLegacyAttestation(repo, digest, layer, {
      owner: who ? { identity: who } : opts.key ? { publicKey: crypto.createPublicKey(opts.key) } : {},
      logger,
    });
    logger.info(
      `attested ${digest} (${predicateType}): legacy ${legacy.tag}${legacy.replaced ? ` (replaced ${legacy.replaced} older layer(s) of this signer)` : ''}`,
    );
  }
  return {
    subject: digest,
    digest: pushed?.digest ?? legacy!.digest,
    artifactType: pushed ? BUNDLE_MEDIA_TYPE : DSSE_ENVELOPE_MEDIA_TYPE,
    predicateType,
    referrersApi: pushed?.referrersApi ?? false,
    ...(legacy ? { legacy } : {}),
    ...signer,
  };
}

export async function attest(
  repo: Repository,
  digest: string,
  predicateType: string,
  predicate: unknown,
  opts: AttestOptions,
): Promise<AttestationResult> {
  const statement: InTotoStatement = buildStatement({
    digest,
    predicateType,
    predicate,
    name: `${repo.registry}/${repo.name}`,
  });
  return attestStatement(repo, statement, opts);
}

/**
 * Attach an SBOM as a signed in-toto attestation (cosign attest --type spdxjson|cyclonedx), as a
 * bundle referrer. `document` is the SBOM JSON (object or bytes).
 */
export async function attestSbom(
  repo: Repository,
  digest: string,
  sbom: { format: 'spdx' | 'cyclonedx'; document: unknown },
  opts: AttestOptions,
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
  opts: AttestOptions & { invocationUri?: string },
): Promise<AttestationResult> {
  return attest(repo, digest, PredicateType.CosignVuln, vulnPredicate(report, opts), opts);
}
