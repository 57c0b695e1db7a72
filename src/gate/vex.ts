/**
 * The gate's VEX and verdict steps: the VEX files read with the inputs (before anything is
 * written), the image's VEX attestations that verify with the trust in force (--vex-from-image),
 * and the statements handed to the policy.
 */
import { cleanText, shortDigest } from '../core/index.js';
import type { GateOptions } from '../config/index.js';
import type { ImageReference } from '../oci/index.js';
import type { Logger } from '../logger.js';
import { readVexFiles, type VexDocument, type VexImage, type VexStatement } from '../vex/index.js';
import type { AttestationReader, ResolvedTrust, VexAttestations } from './roles.js';

/** The VEX documents of --vex and the policy's `vex:` list, in order. Throws VEX_* (exit 2). */
export async function readVexInputs(options: Pick<GateOptions, 'vexFiles'>): Promise<VexDocument[]> {
  if (options.vexFiles.length === 0) return [];
  return readVexFiles(options.vexFiles.map((v) => ({ path: v.file, name: v.name })));
}

export type { VexRun } from '../report/index.js';

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
