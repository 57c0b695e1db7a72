/** `harbor-gate sign`: the gate's signing step on its own: Cosign-compatible, stored as a referrer (and/or legacy tag). */
import { resolveOptions, sessionDeps, withSession, type Command } from '../command.js';
import { SIGNING_FLAGS } from '../../core/index.js';
import { rethrow } from '../errors.js';

export const signCommand: Command = {
  name: 'sign',
  summary: 'sign an image, Cosign-compatible, stored as a referrer',
  flags: SIGNING_FLAGS,
  required: ['image'],
  examples: [
    'harbor-gate sign --image harbor.example.com/proj/app@sha256:…   # keyless (GitHub OIDC / SIGSTORE_ID_TOKEN)',
    'COSIGN_PASSWORD=… harbor-gate sign --image harbor.example.com/proj/app:1.2.3 --signing-key cosign.key --signature-format both',
    'harbor-gate sign --image registry.example.com/proj/app:1 --recursive --json',
  ],
  async run(ctx) {
    const options = await resolveOptions(ctx, { sign: true, scan: false });
    const { resolveSubject, signStep } = await import('../../gate/index.js');
    return withSession(options, sessionDeps(ctx), async ({ roles, ref }) => {
      const subject = await resolveSubject(roles.target, ref, 'SIGN_IMAGE_NOT_FOUND');
      const sign = options.sign!;
      const step = await signStep(roles.signer!, subject.digest, {
        format: sign.format,
        recursive: sign.recursive,
        force: sign.force,
        logger: ctx.logger,
      });
      rethrow(step.outcome);
      const json = {
        subject: subject.digest,
        signatures: step.signatures.map((s) => ({
          digest: s.digest,
          format: s.format,
          artifactType: s.artifactType,
          subject: s.subject,
          ...(s.tag !== undefined ? { tag: s.tag } : {}),
          ...(s.referrersApi !== undefined ? { referrersApi: s.referrersApi } : {}),
          ...(s.existing ? { existing: true } : {}),
        })),
      };
      const text = step.signatures
        .map((s) => `${s.subject} ${s.format} ${s.digest}${s.existing ? ' (already signed)' : ''}`)
        .join('\n');
      return { exitCode: 0, json, text };
    });
  },
};
