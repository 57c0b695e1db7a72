/**
 * `harbor-gate provenance`: attach signed SLSA v1 build provenance to an image already pushed, from
 * the CI job (GitHub Actions or GitLab CI; refused elsewhere). The same step the gate runs with
 * --provenance: the statement is built before anything is written, then signed like the signature.
 */
import { resolveOptions, sessionDeps, withSession, type Command } from '../command.js';
import { SIGNING_FLAGS } from '../../core/index.js';
import { rethrow } from '../errors.js';

export const provenanceCommand: Command = {
  name: 'provenance',
  summary: 'attach SLSA v1 build provenance to an image already pushed (in CI only)',
  // Not --provenance: the command is the provenance step, it reads no switch for it.
  flags: [...SIGNING_FLAGS],
  required: ['image'],
  examples: [
    'harbor-gate provenance --image harbor.example.com/proj/app@sha256:…   # GitHub Actions, keyless (id-token: write)',
    'harbor-gate provenance --image harbor.example.com/proj/app:1.2.3 --signing-key cosign.key --signature-format both --recursive --json',
  ],
  async run(ctx) {
    const options = await resolveOptions(ctx, { sign: true, scan: false, provenance: true });
    const { provenanceStep, resolveSubject } = await import('../../gate/index.js');
    return withSession(options, sessionDeps(ctx), async ({ roles, ref }) => {
      const signer = roles.signer!;
      const ci = options.provenance!.ci;
      // A CI value that is missing fails here, before the registry is written to.
      const prepared = await signer.prepareProvenance(ci);
      const subject = await resolveSubject(roles.target, ref, 'IMAGE_NOT_FOUND');
      const sign = options.sign!;
      const step = await provenanceStep(signer, subject.digest, {
        format: sign.format,
        recursive: sign.recursive,
      });
      rethrow(step.outcome);
      // What was signed: built again from the signing session's own token (keyless).
      const signed = step.prepared ?? prepared;
      const f = signed.facts;
      const json = {
        subject: subject.digest,
        digest: step.outcome.digest ?? null,
        predicateType: 'https://slsa.dev/provenance/v1',
        source: signed.source,
        builderId: f.builderId,
        sourceRepo: f.sourceRepo,
        sourceRef: f.sourceRef,
        commit: f.commit,
        invocationId: f.invocationId,
        attestations: step.written.map((w) => ({
          subject: w.subject,
          digest: w.digest,
          format: w.format,
          artifactType: w.artifactType,
          ...(w.tag !== undefined ? { tag: w.tag } : {}),
          ...(w.referrersApi !== undefined ? { referrersApi: w.referrersApi } : {}),
        })),
      };
      const text = step.written.map((w) => `${w.subject} ${w.format} ${w.digest}`).join('\n');
      return { exitCode: 0, json, text };
    });
  },
};
