/**
 * The steps every command composes: each is a function over the roles (roles.ts) and returns a
 * StepOutcome with what it produced. A step never exits or writes outputs; a failure is an outcome
 * with the error, so the run can still report. Commands that run one step (sign, scan, ...) call the
 * same function the gate calls.
 */
import {
  cleanText,
  shortDigest,
  type HarborAllowlist,
  type ScanReport,
  type StepError,
} from '../core/index.js';
import { describe, inputError, toGateError, type ErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import type { GateOptions } from '../config/index.js';
import { pushSummary, type Descriptor, type PushResult } from '../oci/index.js';
import type { Sbom } from '../sbom/index.js';
import { harborWouldBlock, versionAtLeast, type ProjectSettings } from '../harbor/index.js';
import type {
  AttestationWritten,
  ImageSigner,
  ImageTarget,
  ProvenancePrepared,
  ProvenanceWritten,
  ResolvedTrust,
  Resolver,
  SbomAttached,
  SbomReferrers,
  SignatureCheck,
  SignatureVerifier,
  SignatureWritten,
  VulnerabilitySource,
} from './roles.js';
import type { StepOutcome } from './types.js';

export function skipped(detail?: string): StepOutcome {
  return { status: 'skipped', seconds: 0, ...(detail ? { detail } : {}) };
}

/** How deep a cause chain is followed. */
const MAX_CAUSES = 5;

/**
 * A step's error as the record keeps it: code, message, remedy, exit code and the cause chain
 * (one line each, outermost first), so --debug and the reports can show what lay under it.
 */
export function stepError(e: unknown): StepError {
  const err = toGateError(e);
  const causes: string[] = [];
  let cause: unknown = err.cause;
  for (let depth = 0; cause !== undefined && cause !== null && depth < MAX_CAUSES; depth++) {
    causes.push(cleanText(describe(cause), 500));
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return {
    code: err.code,
    message: err.message,
    remedy: err.remedy,
    exitCode: err.exitCode,
    ...(causes.length > 0 ? { causes } : {}),
  };
}

/**
 * A failed step, kept in the result with its code and remedy. It is not logged here: the outcome
 * is shown once, by whatever renders the result (console, reports, --json, the Action).
 */
export function failed(step: string, e: unknown, seconds: number): StepOutcome {
  const error = stepError(e);
  return { status: 'failed', seconds, detail: `${step} failed`, error };
}

export function elapsed(t0: number): number {
  return Math.round(performance.now() - t0) / 1000;
}

// ---------------------------------------------------------------------------------------------
// The subject: push it, or resolve it in the registry.

export interface Subject {
  descriptor: Descriptor;
  tags: string[];
  push?: PushResult;
  outcome: StepOutcome;
}

/** Push the image from --source, or resolve the reference; then point the extra tags at it. */
export async function subjectStep(
  target: ImageTarget,
  options: Pick<GateOptions, 'source' | 'tags'>,
  reference: { tag?: string; digest?: string },
): Promise<Subject> {
  const t0 = performance.now();
  if (options.source) {
    const { descriptor, result } = await target.push(options.source, options.tags);
    return {
      descriptor,
      tags: result.tags,
      push: result,
      outcome: {
        status: 'ok',
        seconds: elapsed(t0),
        digest: descriptor.digest,
        detail: `${pushSummary(result.bytesUploaded, result.seconds)}${result.tagAssumed ? '; latest assumed: --image names no tag' : ''}`,
        tags: result.tags,
      },
    };
  }
  const descriptor = await resolveSubject(target, reference);
  await target.tag(descriptor, options.tags);
  const tags = [...(reference.tag && !reference.digest ? [reference.tag] : []), ...options.tags];
  return {
    descriptor,
    tags,
    outcome: {
      status: 'ok',
      seconds: elapsed(t0),
      digest: descriptor.digest,
      tags,
      detail: `resolved ${reference.digest ? shortDigest(reference.digest) : (reference.tag ?? 'latest')}${options.tags.length ? `; tagged ${options.tags.join(', ')}` : ''}`,
    },
  };
}

/** The image's descriptor: the reference's digest, or its tag resolved. One place for every command. */
export async function resolveSubject(
  target: Resolver & { readonly name: string },
  reference: { tag?: string; digest?: string },
  /** The documented code of the command asking (sign and attach-sbom keep their own). */
  code: ErrorCode = 'IMAGE_NOT_FOUND',
): Promise<Descriptor> {
  const ref = reference.digest ?? reference.tag ?? 'latest';
  const desc = await target.resolve(ref);
  if (!desc) {
    throw inputError(
      code,
      `${target.name}${reference.digest ? '@' : ':'}${ref} is not in the registry`,
      'Push it first (harbor-gate push, or give --source to have the gate push it), or fix --image (tag or digest).',
    );
  }
  return desc;
}

// ---------------------------------------------------------------------------------------------
// The SBOM.

export interface SbomStep {
  outcome: StepOutcome;
  /** The referrer attached (absent when generated by Harbor or skipped). */
  attached?: SbomAttached;
}

export async function sbomStep(
  sboms: SbomReferrers,
  subject: Descriptor,
  sbom: Sbom | undefined,
  opts: {
    generate: boolean;
    vulnerabilities?: VulnerabilitySource;
    timeoutMs: number;
    logger: Logger;
  },
): Promise<SbomStep> {
  const t0 = performance.now();
  try {
    if (sbom) {
      const res = await sboms.attachSbom(subject, sbom);
      return {
        attached: res,
        outcome: {
          status: 'ok',
          seconds: elapsed(t0),
          digest: res.digest,
          format: sbom.format,
          detail: `linked to the image as ${res.artifactType} (${res.referrersApi ? "through the registry's referrers API" : `listed in the image's sha256-… tag: the registry has no referrers API`})`,
        },
      };
    }
    if (opts.generate && opts.vulnerabilities) {
      const res = await opts.vulnerabilities.generateSbom(subject.digest, { timeoutMs: opts.timeoutMs });
      return {
        outcome: {
          status: 'ok',
          seconds: elapsed(t0),
          digest: res.sbomDigest,
          detail: `generated by Harbor (${cleanText(res.mediaType, 200)})`,
        },
      };
    }
    return { outcome: skipped('no --sbom given') };
  } catch (e) {
    return { outcome: failed('SBOM', e, elapsed(t0)) };
  }
}

/** The SBOM as a signed in-toto attestation (--attest); the SBOM step's outcome is extended. */
export async function attestSbomStep(
  signer: ImageSigner,
  digest: string,
  sbom: Sbom,
  outcome: StepOutcome,
): Promise<{ outcome: StepOutcome; attestation?: AttestationWritten }> {
  const t0 = performance.now();
  try {
    const attestation = await signer.attestSbom(digest, sbom);
    return {
      attestation,
      outcome: {
        ...outcome,
        detail: `${outcome.detail ?? ''}; attestation ${shortDigest(attestation.digest)}`,
      },
    };
  } catch (e) {
    return { outcome: failed('SBOM attestation', e, outcome.seconds + elapsed(t0)) };
  }
}

// ---------------------------------------------------------------------------------------------
// Signing.

export interface SignStep {
  outcome: StepOutcome;
  signatures: SignatureWritten[];
}

export async function signStep(
  signer: ImageSigner,
  digest: string,
  opts: { format: 'bundle' | 'legacy' | 'both'; recursive: boolean; force?: boolean; logger: Logger },
): Promise<SignStep> {
  const t0 = performance.now();
  try {
    const signatures = await signer.sign(digest, {
      format: opts.format,
      recursive: opts.recursive,
      ...(opts.force ? { force: true } : {}),
    });
    const existing = signatures.filter((s) => s.existing);
    const first = signatures[0]?.digest;
    const trust = await signer.ownTrust();
    const who = trust?.key
      ? { key: trust.description }
      : trust?.identity
        ? { identity: `${trust.identity} (${trust.issuer ?? ''})` }
        : {};
    return {
      signatures,
      outcome: {
        status: 'ok',
        seconds: elapsed(t0),
        ...(first ? { digest: first } : {}),
        format: [...new Set(signatures.map((s) => s.format))].join(', '),
        ...who,
        ...(existing.length > 0
          ? {
              detail: `${existing.length === signatures.length ? 'already signed' : 'partly signed already'}: ${existing.map((s) => `${s.format} ${shortDigest(s.digest)}`).join(', ')} verif${existing.length === 1 ? 'ies' : 'y'}; ${existing.length === signatures.length ? 'nothing written' : `wrote ${signatures.length - existing.length}`} (--force-sign signs again)`,
            }
          : signatures.length > 1
            ? { detail: signatures.map((s) => `${s.format} ${shortDigest(s.digest)}`).join(', ') }
            : {}),
      },
    };
  } catch (e) {
    return { signatures: [], outcome: failed('signing', e, elapsed(t0)) };
  }
}

/**
 * --provenance: the prepared SLSA provenance attached to the image (and each platform manifest
 * with --recursive) in the signature's formats. Runs whatever the policy decides (--report-only
 * included): it says how the image was built, not whether it passed.
 */
export async function provenanceStep(
  signer: ImageSigner,
  digest: string,
  opts: { format: 'bundle' | 'legacy' | 'both'; recursive: boolean },
): Promise<{ outcome: StepOutcome; written: ProvenanceWritten[]; prepared?: ProvenancePrepared }> {
  const t0 = performance.now();
  try {
    const { written, ...prepared } = await signer.attestProvenance(digest, opts);
    const first = written.find((w) => w.subject === digest) ?? written[0];
    return {
      written,
      prepared,
      outcome: {
        status: 'ok',
        seconds: elapsed(t0),
        ...(first ? { digest: first.digest } : {}),
        format: [...new Set(written.map((w) => w.format))].join(', '),
        attestations: ['https://slsa.dev/provenance/v1'],
        detail: `builder ${prepared.facts.builderId}; source ${prepared.facts.sourceRepo}@${prepared.facts.sourceRef}; from the ${prepared.source === 'oidc-token' ? 'OIDC token' : 'CI variables'}${written.length > 1 ? `; ${written.length} attestations` : ''}`,
      },
    };
  } catch (e) {
    return { written: [], outcome: failed('provenance', e, elapsed(t0)) };
  }
}

/**
 * --require-signature: a signature counts only when it verifies with the trust in force (the
 * explicit --key / identity flags, else the gate's own signing key or keyless identity).
 */
export async function trustedSignatures(
  verifier: SignatureVerifier,
  digest: string,
  trust: ResolvedTrust,
  logger: Logger,
): Promise<{ verified: SignatureCheck[]; rejected: SignatureCheck[] }> {
  const { signatures: checks } = await verifier.verify(digest, trust, { requireSbom: false });
  const verified = checks.filter((c) => c.ok);
  const rejected = checks.filter((c) => !c.ok);
  for (const r of rejected) {
    logger.info(`signature ${shortDigest(r.digest)} does not count: ${cleanText(r.reason)}`);
  }
  return { verified, rejected };
}

// ---------------------------------------------------------------------------------------------
// The scan.

export interface ScanStep {
  outcome: StepOutcome;
  report?: ScanReport;
  error?: StepError;
  /** Harbor's allowlists (for the policy only with --use-harbor-allowlist). */
  allowlists?: HarborAllowlist[];
  settings?: ProjectSettings;
  harborVersion?: string;
  /** Harbor answered its preflight as Harbor (so a link to its UI leads somewhere). */
  harborAnswered: boolean;
  warnings: string[];
}

export type Preflight = Awaited<ReturnType<VulnerabilitySource['preflight']>>;

/**
 * Harbor's preflight on its own (it is Harbor, the project exists, a scanner is set, the robot may
 * scan): the gate runs it before anything is written, and hands the result to scanStep.
 */
export async function preflightStep(
  source: VulnerabilitySource,
): Promise<{ preflight?: Preflight; outcome?: StepOutcome }> {
  const t0 = performance.now();
  try {
    return { preflight: await source.preflight() };
  } catch (e) {
    return { outcome: failed("Harbor's preflight", e, elapsed(t0)) };
  }
}

export async function scanStep(
  source: VulnerabilitySource,
  digest: string,
  opts: { timeoutMs: number; needAllowlists: boolean; logger: Logger; preflight?: Preflight },
): Promise<ScanStep> {
  const t0 = performance.now();
  const warnings: string[] = [];
  let harborAnswered = false;
  try {
    const pre = opts.preflight ?? (await source.preflight());
    harborAnswered = true;
    warnings.push(...pre.warnings);
    const report = await source.scan(digest, { timeoutMs: opts.timeoutMs });
    // Project settings serve the Harbor allowlists and the "Harbor would block pulls" warning; a
    // robot that may not read them only loses the warning, unless the policy needs the lists.
    let settings: ProjectSettings | undefined;
    let allowlists: HarborAllowlist[] | undefined;
    try {
      ({ settings, allowlists } = await source.projectSettings());
    } catch (e) {
      if (opts.needAllowlists) throw e;
      opts.logger.debug(`project settings not readable: ${toGateError(e).message}`);
    }
    const seconds = elapsed(t0);
    const scanner = report.scanner
      ? cleanText(`${report.scanner.name} ${report.scanner.version}`, 100)
      : 'the scanner';
    opts.logger.info(`scan ${cleanText(report.status, 40)} by ${scanner} in ${seconds.toFixed(1)} s`);
    return {
      outcome: {
        status: 'ok',
        seconds,
        detail: `${report.findings.length} finding(s) by ${scanner}`,
        ...(report.scanner ? { scanner } : {}),
      },
      report,
      ...(allowlists ? { allowlists } : {}),
      ...(settings ? { settings } : {}),
      ...(pre.version !== undefined ? { harborVersion: pre.version } : {}),
      harborAnswered,
      warnings,
    };
  } catch (e) {
    const outcome = failed('scan', e, elapsed(t0));
    return { outcome, ...(outcome.error ? { error: outcome.error } : {}), harborAnswered, warnings };
  }
}

/** Warnings about Harbor's own rules that the gate's pass would not survive. */
export function harborWarnings(
  scan: ScanStep,
  options: Pick<GateOptions, 'sign'> & Partial<Pick<GateOptions, 'attest' | 'attestScan' | 'sbomFile'>>,
  project: string,
  policyPassed: boolean,
  nowMs: number,
): string[] {
  const out: string[] = [];
  if (scan.report && scan.settings && policyPassed) {
    const block = harborWouldBlock(scan.settings, scan.report, scan.allowlists ?? [], nowMs);
    if (block.blocked) out.push(`Harbor's project policy would block pulling this image: ${block.reason}`);
  }
  // With cosign content trust on, Harbor lets a pull through only when it sees a cosign signature,
  // and before 2.15 it recognises only cosign's legacy signature format, not the bundle referrer.
  if (scan.settings?.contentTrustCosign) {
    if (!options.sign) {
      out.push(
        `Harbor's project ${project} refuses pulls without a cosign signature (content trust), and this run did not sign`,
      );
    } else if (options.sign.format === 'bundle' && !versionAtLeast(scan.harborVersion, 2, 15)) {
      out.push(
        `Harbor's project ${project} refuses pulls without a cosign signature (content trust), and Harbor ${scan.harborVersion ?? ''} recognises only cosign's legacy signature format before 2.15: sign with --signature-format both`,
      );
    }
  }
  // What the run attaches as Sigstore bundles, and as attestations at all.
  const format = options.sign?.format ?? 'bundle';
  const attestations = options.sign
    ? [
        ...(options.attest && options.sbomFile ? ['the SBOM attestation'] : []),
        ...(options.attestScan ? ['the scan and verdict attestations'] : []),
      ]
    : [];
  // Harbor 2.15 classes every v0.3 bundle referrer as a cosign signature, and content trust checks
  // presence only: an attestation alone, or any bundle anyone pushed, makes the image "signed".
  if (
    scan.settings?.contentTrustCosign &&
    format !== 'legacy' &&
    attestations.length > 0 &&
    versionAtLeast(scan.harborVersion, 2, 15)
  ) {
    out.push(
      `Harbor's project ${project} has cosign content trust on, and Harbor ${scan.harborVersion ?? ''} counts every Sigstore bundle referrer as a signature, ${attestations.join(' and ')} included; it checks that one is present, not valid or whose: enforce signatures at deploy (verify, or an admission policy: docs/admission.md)`,
    );
  }
  // Attestation manifests are never scanned (harbor#22408): with "prevent vulnerable images" on,
  // Harbor may refuse to serve them to an admission controller pulling them through it.
  if (scan.settings?.preventVul && attestations.length > 0) {
    out.push(
      `Harbor's project ${project} prevents pulling vulnerable images, and ${attestations.join(' and ')} stay "Not scanned" in Harbor (harbor#22408): an admission controller reading them through Harbor may be refused; check that your controller can pull them (docs/admission.md)`,
    );
  }
  return out;
}

/**
 * After the run's attestations: this signer's older scan and verdict attestations about the
 * digest are deleted (superseded; the credentials may not allow it: a warning says which
 * permission), and the referrer count is checked against Kyverno's limit.
 */
export async function supersedeStep(
  signer: ImageSigner,
  digest: string,
  outcome: StepOutcome,
): Promise<{ outcome: StepOutcome; warnings: string[] }> {
  const t0 = performance.now();
  const warnings: string[] = [];
  try {
    const res = await signer.supersede(digest);
    if (res.failed.length > 0) {
      warnings.push(
        `could not delete ${res.failed.length} older scan/verdict attestation(s) of this signer (${cleanText(res.failed[0]!.reason, 300)}): give the robot account the "delete artifact" permission so re-runs supersede them (docs/admission.md)`,
      );
    }
    if (res.warning) warnings.push(res.warning);
    const detail = res.deleted.length > 0 ? `; superseded ${res.deleted.length} older` : '';
    return {
      outcome: {
        ...outcome,
        seconds: outcome.seconds + elapsed(t0),
        ...(outcome.status === 'skipped' ? {} : { detail: `${outcome.detail ?? ''}${detail}` }),
      },
      warnings,
    };
  } catch (e) {
    // The new attestations are pushed: an older one left behind is worth a warning, not an error.
    warnings.push(`could not supersede older attestations: ${cleanText(stepError(e).message, 500)}`);
    return { outcome, warnings };
  }
}

/** The scan result as a signed attestation (--attest-scan). */
export async function attestScanStep(
  signer: ImageSigner,
  digest: string,
  report: ScanReport,
): Promise<StepOutcome> {
  const t0 = performance.now();
  try {
    const att = await signer.attestScan(digest, report);
    return {
      status: 'ok',
      seconds: elapsed(t0),
      digest: att.digest,
      // The predicate type is listed once, under attestations; the detail says what was signed.
      detail: 'scan result signed',
      attestations: [att.predicateType],
    };
  } catch (e) {
    return failed('scan attestation', e, elapsed(t0));
  }
}
