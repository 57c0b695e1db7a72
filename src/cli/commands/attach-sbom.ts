/**
 * `harbor-gate attach-sbom --image REF --sbom FILE [--attest] [--json]`: attach an SBOM to an image
 * as an OCI 1.1 referrer (referrers API or the referrers tag schema), and with --attest also as a
 * signed in-toto attestation. Prints the referrer's digest; --json prints
 * {"subject","digest","artifactType","referrersApi",...} (README.md, "JSON results").
 */
import fs from 'node:fs/promises';
import { GateError, inputError } from '../../errors.js';
import { registryClientFromFlags } from '../registry.js';
import { parseReference } from '../../oci/reference.js';
import type { Repository } from '../../oci/registry.js';
import type { Descriptor } from '../../oci/types.js';
import type { SigningOptions } from '../../sign/signer.js';
import { bool, requireStr, str, type Command, type CommandContext } from '../command.js';

/** The digest and descriptor of the image: the reference's digest, or its tag resolved. */
export async function resolveSubject(
  repo: Repository,
  ref: { tag?: string; digest?: string },
  shown: string,
): Promise<Descriptor> {
  const reference = ref.digest ?? ref.tag ?? 'latest';
  const desc = await repo.resolve(reference);
  if (!desc) {
    throw new GateError({
      code: 'ATTACH_IMAGE_NOT_FOUND',
      message: `the image ${shown} is not in the registry`,
      remedy: 'Push the image first (harbor-gate push), or fix --image (tag or digest).',
      kind: 'input',
    });
  }
  return desc;
}

async function signingOptions(ctx: CommandContext): Promise<SigningOptions> {
  const keyFile = str(ctx, 'signing-key');
  let key;
  if (keyFile !== undefined) {
    let text: string;
    try {
      text = await fs.readFile(keyFile, 'utf8');
    } catch (e) {
      throw inputError(
        'SIGN_KEY_UNREADABLE',
        `cannot read --signing-key ${keyFile}`,
        'Check the path of --signing-key.',
        e,
      );
    }
    const keyPassword = ctx.env.HARBOR_GATE_KEY_PASSWORD ?? ctx.env.COSIGN_PASSWORD;
    if (keyPassword) ctx.redactor.add(keyPassword);
    const { loadSigningKey } = await import('../../sign/keys.js');
    key = loadSigningKey(text, keyPassword);
  }
  const identityToken = str(ctx, 'identity-token');
  if (identityToken) ctx.redactor.add(identityToken);
  const fulcioUrl = str(ctx, 'fulcio-url');
  const rekorUrl = str(ctx, 'rekor-url');
  const tsaUrl = str(ctx, 'tsa-url');
  return {
    ...(key ? { key } : {}),
    ...(identityToken ? { identityToken } : {}),
    ...(fulcioUrl ? { fulcioUrl } : {}),
    ...(rekorUrl ? { rekorUrl } : {}),
    ...(tsaUrl ? { tsaUrl } : {}),
    tlogUpload: bool(ctx, 'tlog-upload'),
    env: ctx.env,
    logger: ctx.logger,
  };
}

export const attachSbomCommand: Command = {
  name: 'attach-sbom',
  summary: 'attach an SBOM to an image as a referrer (optionally signed)',
  flags: [
    'sbom',
    'attest',
    'signing-key',
    'identity-token',
    'fulcio-url',
    'rekor-url',
    'tsa-url',
    'tlog-upload',
  ],
  examples: [
    'harbor-gate attach-sbom --image harbor.example.com/proj/app:1.2.3 --sbom sbom.spdx.json',
    'harbor-gate attach-sbom --image harbor.example.com/proj/app@sha256:... --sbom bom.cdx.json --json',
    'harbor-gate attach-sbom --image harbor.example.com/proj/app:1.2.3 --sbom bom.cdx.json --attest --signing-key cosign.key',
  ],
  async run(ctx: CommandContext) {
    const { attachSbom, loadSbom } = await import('../../sbom/index.js');
    const { attestSbom } = await import('../../sign/image.js');
    const shown = requireStr(ctx, 'image');
    const ref = parseReference(shown);
    // Read and validate the SBOM before touching the network: bad input fails fast.
    const sbom = await loadSbom(requireStr(ctx, 'sbom'));
    const attest = bool(ctx, 'attest');
    const signing = attest ? await signingOptions(ctx) : undefined;
    const client = await registryClientFromFlags(ctx, ref.registry);
    try {
      const repo = client.repository(ref.registry, ref.repository);
      const subject = await resolveSubject(repo, ref, shown);
      const res = await attachSbom(repo, subject, sbom);
      ctx.logger.info(
        `attached ${sbom.format} SBOM to ${subject.digest}: ${res.digest} (${res.referrersApi ? 'referrers API' : 'referrers tag'})`,
      );
      const json: Record<string, unknown> = {
        subject: subject.digest,
        digest: res.digest,
        artifactType: res.artifactType,
        referrersApi: res.referrersApi,
        format: sbom.format,
        sbomDigest: res.sbomDigest,
      };
      if (signing) {
        const att = await attestSbom(
          repo,
          subject.digest,
          { format: sbom.format.startsWith('cyclonedx') ? 'cyclonedx' : 'spdx', document: sbom.document },
          signing,
        );
        json.attestation = {
          digest: att.digest,
          artifactType: att.artifactType,
          predicateType: att.predicateType,
        };
      }
      return { exitCode: 0, json, text: res.digest };
    } finally {
      client.close();
    }
  },
};
