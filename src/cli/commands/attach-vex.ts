/**
 * `harbor-gate attach-vex --image REF --vex FILE [--json]`: attach a VEX document to an image as a
 * signed in-toto attestation, as `cosign attest --type openvex` does (predicate type
 * https://openvex.dev/ns, a Sigstore-bundle referrer). CycloneDX VEX is converted to OpenVEX 0.2.0
 * first. The document is validated before anything is signed or pushed.
 */
import fs from 'node:fs/promises';
import { inputError } from '../../errors.js';
import { resolveOptions, sessionDeps, withSession, type Command } from '../command.js';
import { SIGNING_FLAGS } from '../../core/index.js';

export const attachVexCommand: Command = {
  name: 'attach-vex',
  summary: 'attach a VEX document to an image as a signed attestation',
  flags: ['vex', ...SIGNING_FLAGS.filter((f) => f !== 'recursive' && f !== 'force-sign')],
  required: ['image', 'vex'],
  examples: [
    'harbor-gate attach-vex --image harbor.example.com/proj/app:1.2.3 --vex app.openvex.json --signing-key cosign.key',
    'harbor-gate attach-vex --image harbor.example.com/proj/app@sha256:... --vex bom.vex.cdx.json --json',
  ],
  async run(ctx) {
    const options = await resolveOptions(ctx, { sign: true, scan: false });
    const files = options.vexFiles;
    if (files.length !== 1) {
      throw inputError(
        files.length === 0 ? 'CLI_MISSING_FLAG' : 'CONFIG_CONFLICT',
        files.length === 0
          ? '--vex is required'
          : `attach-vex attaches one VEX document, but --vex was given ${files.length} times`,
        'Give one --vex FILE; run attach-vex once per document.',
      );
    }
    const vexFile = files[0]!;
    // Read and validate the document before touching the network: a bad file pushes nothing.
    const { readVexInputs, resolveSubject } = await import('../../gate/index.js');
    await readVexInputs(options);
    const document = await fs.readFile(vexFile.file);
    return withSession(options, sessionDeps(ctx), async ({ roles, ref }) => {
      const subject = await resolveSubject(roles.target, ref, 'ATTACH_IMAGE_NOT_FOUND');
      const signer = roles.signer!;
      const att = await signer.attestVex(subject.digest, { document, name: vexFile.name });
      for (const w of att.warnings) ctx.logger.warn(w);
      ctx.logger.info(
        `attached ${att.statements} VEX statement(s) to ${subject.digest}: ${att.digest} (${att.predicateType})`,
      );
      return {
        exitCode: 0,
        json: {
          subject: subject.digest,
          digest: att.digest,
          artifactType: att.artifactType,
          predicateType: att.predicateType,
          referrersApi: att.referrersApi,
          converted: att.converted,
          statements: att.statements,
          warnings: att.warnings,
        },
        text: att.digest,
      };
    });
  },
};
