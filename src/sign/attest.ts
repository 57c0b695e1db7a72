/**
 * Attestations: a signed in-toto statement about an image pushed as a bundle referrer (cosign
 * attest), for SBOMs and Harbor vulnerability scans.
 */
import { inputError } from '../errors.js';
import { silentLogger } from '../logger.js';
import type { Repository } from '../oci/index.js';
import type { ScanReport } from '../core/index.js';
import { BUNDLE_MEDIA_TYPE } from './formats.js';
import { pushBundle, subjectOf } from './referrer.js';
import { SigningSession, type SigningOptions } from './signer.js';
import { PredicateType, buildStatement, type InTotoStatement } from './statement.js';

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
