/**
 * The gate's VEX and verdict steps: the VEX files read with the inputs (before anything is
 * written), the image's VEX attestations that verify with the trust in force (--vex-from-image),
 * the statements handed to the policy, and the signed verdict attestation (--attest-scan).
 */
import { cleanText, shortDigest } from '../core/index.js';
import type { GateOptions } from '../config/index.js';
import type { ImageReference } from '../oci/index.js';
import type { Logger } from '../logger.js';
import type { Policy, Verdict } from '../policy/index.js';
import type { ScanReport } from '../core/index.js';
import { readVexFiles, type VexDocument, type VexImage, type VexStatement } from '../vex/index.js';
import type { AttestationReader, ImageSigner, ResolvedTrust, VexAttestations } from './roles.js';
import { elapsed, failed } from './steps.js';
import type { StepOutcome } from './types.js';

/** The VEX documents of --vex and the policy's `vex:` list, in order. Throws VEX_* (exit 2). */
export async function readVexInputs(options: Pick<GateOptions, 'vexFiles'>): Promise<VexDocument[]> {
  if (options.vexFiles.length === 0) return [];
  return readVexFiles(options.vexFiles.map((v) => ({ path: v.file, name: v.name })));
}

/** What the run applied from VEX, for the result, --json and the reports. */
export interface VexRun {
  /** The files read: name, format and statement count. */
  documents: { name: string; format: string; statements: number }[];
  /** The image's attestations applied (--vex-from-image). */
  attestations: VexAttestations['applied'];
  /** The image's attestations not applied, with the reason. */
  ignored: VexAttestations['ignored'];
}

/**
 * --vex-from-image: the image's VEX attestations that verify with the trust in force (explicit,
 * else the gate's own signing key or keyless identity). Others are ignored with the reason; a
 * missing trust is a warning, not an error (config/ refuses the case where none can exist).
 */
export async function vexFromImageStep(
  attestations: AttestationReader,
  digest: string,
  trust: ResolvedTrust | undefined,
  logger: Logger,
): Promise<VexAttestations & { warnings: string[] }> {
  if (!trust) {
    return {
      statements: [],
      applied: [],
      ignored: [],
      warnings: [
        '--vex-from-image: no trust to check VEX attestations with (the gate did not sign, and no --key or identity was given); none applied',
      ],
    };
  }
  const res = await attestations.vexAttestations(digest, trust);
  const warnings = res.ignored.map(
    (i) =>
      `--vex-from-image: VEX attestation ${cleanText(shortDigest(i.digest), 100)} ignored: ${cleanText(i.reason, 500)}`,
  );
  for (const a of res.applied) {
    logger.info(
      `applying VEX attestation ${cleanText(shortDigest(a.digest), 100)} (${a.statements} statement(s), signed by ${cleanText(a.signer ?? 'unknown', 200)})`,
    );
  }
  return { ...res, warnings };
}

/** The evaluate() input for VEX: the files' statements, then the attestations', about this image. */
export function vexEvaluateInput(
  documents: readonly VexDocument[],
  fromImage: readonly VexStatement[],
  image: { ref: ImageReference; digest: string; reference: string },
): { statements: VexStatement[]; image: VexImage } | undefined {
  const statements = [...documents.flatMap((d) => d.statements), ...fromImage];
  if (documents.length === 0 && fromImage.length === 0) return undefined;
  return {
    statements,
    image: {
      digest: image.digest,
      repository: `${image.ref.registry}/${image.ref.repository}`,
      reference: image.reference,
    },
  };
}

/**
 * --attest-scan: after the scan attestation, the gate's decision as a signed verdict attestation.
 * Only a decided run (pass or fail) is attested; the attestScan step's outcome is extended.
 */
export async function attestVerdictStep(
  signer: ImageSigner,
  input: {
    digest: string;
    repository: string;
    verdict: Verdict;
    policy: Policy;
    report?: ScanReport;
    gatedOn: Date;
  },
  outcome: StepOutcome,
): Promise<StepOutcome> {
  const t0 = performance.now();
  try {
    // Loaded when used: the gate without --attest-scan does not pay for Sigstore.
    const { verdictPredicate } = await import('../sign/index.js');
    const predicate = verdictPredicate(input);
    const att = await signer.attestVerdict(input.digest, predicate);
    return {
      ...outcome,
      seconds: outcome.seconds + elapsed(t0),
      detail: `${outcome.detail ? `${outcome.detail}; ` : ''}verdict ${predicate.verdict} signed as ${shortDigest(att.digest)}`,
      attestations: [...(outcome.attestations ?? []), att.predicateType],
    };
  } catch (e) {
    return failed('verdict attestation', e, outcome.seconds + elapsed(t0));
  }
}
