/**
 * The scan steps: Harbor's preflight, the scan with the project's settings and allowlists, and the
 * warnings about Harbor's own rules that the gate's pass would not survive.
 */
import { cleanText, type HarborAllowlist, type ScanReport, type StepError } from '../core/index.js';
import { toGateError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { GateOptions } from '../config/index.js';
import { harborWouldBlock, versionAtLeast, type ProjectSettings } from '../harbor/index.js';
import type { VulnerabilitySource } from './roles.js';
import type { StepOutcome } from './types.js';
import { elapsed, failed } from './outcome.js';

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
