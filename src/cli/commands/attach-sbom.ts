/**
 * `harbor-gate attach-sbom --image REF --sbom FILE [--attest] [--json]`: the gate's SBOM step on its
 * own: attach an SBOM as an OCI 1.1 referrer (referrers API or the referrers tag schema), and with
 * --attest also as a signed in-toto attestation. Prints the referrer's digest.
 */
import { bool, requireStr, resolveOptions, sessionDeps, withSession, type Command } from '../command.js';
import { SIGNING_FLAGS } from '../../core/index.js';
import { rethrow } from '../errors.js';

export const attachSbomCommand: Command = {
  name: 'attach-sbom',
  summary: 'attach an SBOM to an image as a referrer (optionally signed)',
  flags: ['sbom', 'attest', ...SIGNING_FLAGS.filter((f) => f !== 'recursive' && f !== 'force-sign')],
  required: ['image', 'sbom'],
  examples: [
    'harbor-gate attach-sbom --image harbor.example.com/proj/app:1.2.3 --sbom sbom.spdx.json',
    'harbor-gate attach-sbom --image harbor.example.com/proj/app@sha256:... --sbom bom.cdx.json --json',
    'harbor-gate attach-sbom --image harbor.example.com/proj/app:1.2.3 --sbom bom.cdx.json --attest --signing-key cosign.key',
  ],
  async run(ctx) {
    requireStr(ctx, 'sbom');
    const attest = bool(ctx, 'attest');
    const options = await resolveOptions(ctx, { sign: attest, scan: false });
    const { prepareInputs, resolveSubject, sbomStep, attestSbomStep } = await import('../../gate/index.js');
    // Read and validate the SBOM before touching the network: bad input fails fast.
    const prepared = await prepareInputs(options, ctx.env);
    const sbom = prepared.sbom!;
    return withSession(options, sessionDeps(ctx), async ({ roles, ref }) => {
      const subject = await resolveSubject(roles.target, ref, 'ATTACH_IMAGE_NOT_FOUND');
      const step = await sbomStep(roles.sboms, subject, sbom, {
        generate: false,
        timeoutMs: 0,
        logger: ctx.logger,
      });
      rethrow(step.outcome);
      const attached = step.attached!;
      ctx.logger.info(`attached ${sbom.format} SBOM to ${subject.digest}: ${attached.digest}`);
      const json: Record<string, unknown> = {
        subject: subject.digest,
        digest: attached.digest,
        artifactType: attached.artifactType,
        referrersApi: attached.referrersApi,
        format: sbom.format,
        sbomDigest: attached.sbomDigest,
      };
      if (attest && roles.signer) {
        const att = await attestSbomStep(roles.signer, subject.digest, sbom, step.outcome);
        rethrow(att.outcome);
        const a = att.attestation!;
        json.attestation = { digest: a.digest, artifactType: a.artifactType, predicateType: a.predicateType };
      }
      return { exitCode: 0, json, text: attached.digest };
    });
  },
};
