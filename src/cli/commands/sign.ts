/** `harbor-gate sign`: sign an image, Cosign-compatible, stored as a referrer (and/or legacy tag). */
import fs from 'node:fs';
import { describe, inputError } from '../../errors.js';
import type { HttpClient } from '../../http/client.js';
import { registryClientFromFlags } from '../registry.js';
import { parseReference, type ImageReference } from '../../oci/reference.js';
import type { Repository } from '../../oci/registry.js';
import type { SignatureFormat } from '../../sign/image.js';
import type { SigningOptions } from '../../sign/signer.js';
import { bool, requireStr, str, type Command, type CommandContext } from '../command.js';
import { SIGNING_FLAGS } from '../flags.js';

/** The image's digest: the one in the reference, else the tag resolved (a signature is per digest). */
export async function resolveDigest(repo: Repository, ref: ImageReference): Promise<string> {
  if (ref.digest) return ref.digest;
  const tag = ref.tag ?? 'latest';
  const d = await repo.resolve(tag);
  if (!d) {
    throw inputError(
      'SIGN_IMAGE_NOT_FOUND',
      `${ref.toString()} does not exist`,
      'Push the image first, or check --image (registry, repository, tag or digest).',
    );
  }
  return d.digest;
}

/** Signing options from the flags shared by sign, attach-sbom --attest and gate. */
export async function signingOptionsFromFlags(
  ctx: CommandContext,
  http: HttpClient,
): Promise<SigningOptions> {
  const keyFile = str(ctx, 'signing-key');
  const token = str(ctx, 'identity-token');
  if (token) ctx.redactor.add(token);
  const opts: SigningOptions = { env: ctx.env, http, logger: ctx.logger };
  if (keyFile !== undefined) {
    let text: string;
    try {
      text = fs.readFileSync(keyFile, 'utf8');
    } catch (e) {
      throw inputError(
        'SIGN_KEY_UNREADABLE',
        `cannot read --signing-key ${keyFile}: ${describe(e)}`,
        'Give the path of a cosign key file or PKCS#8 PEM private key.',
        e,
      );
    }
    const pw = ctx.env.HARBOR_GATE_KEY_PASSWORD ?? ctx.env.COSIGN_PASSWORD;
    if (pw) ctx.redactor.add(pw);
    const { loadSigningKey } = await import('../../sign/keys.js');
    opts.key = loadSigningKey(text, pw);
  } else if (token) {
    opts.identityToken = token;
  }
  const fulcio = str(ctx, 'fulcio-url');
  const rekor = str(ctx, 'rekor-url');
  const tsa = str(ctx, 'tsa-url');
  if (fulcio) opts.fulcioUrl = fulcio;
  if (rekor) opts.rekorUrl = rekor;
  if (tsa) opts.tsaUrl = tsa;
  if (bool(ctx, 'tlog-upload')) opts.tlogUpload = true;
  return opts;
}

export function parseSignatureFormat(v: string | undefined): SignatureFormat {
  if (v === undefined || v === '') return 'bundle';
  if (v === 'bundle' || v === 'legacy' || v === 'both') return v;
  throw inputError(
    'SIGN_BAD_FORMAT',
    `--signature-format ${v} is not one of bundle, legacy, both`,
    'Use bundle (cosign v3, default), legacy (cosign ≤2.5, Harbor <2.15) or both.',
  );
}

export const signCommand: Command = {
  name: 'sign',
  summary: 'sign an image, Cosign-compatible, stored as a referrer',
  flags: SIGNING_FLAGS,
  examples: [
    'harbor-gate sign --image harbor.example.com/proj/app@sha256:…   # keyless (GitHub OIDC / SIGSTORE_ID_TOKEN)',
    'COSIGN_PASSWORD=… harbor-gate sign --image harbor.example.com/proj/app:1.2.3 --signing-key cosign.key --signature-format both',
    'harbor-gate sign --image registry.example.com/proj/app:1 --recursive --json',
  ],
  async run(ctx: CommandContext) {
    const { signImage } = await import('../../sign/image.js');
    const ref = parseReference(requireStr(ctx, 'image'));
    const format = parseSignatureFormat(str(ctx, 'signature-format'));
    const client = await registryClientFromFlags(ctx, ref.registry);
    try {
      const signing = await signingOptionsFromFlags(ctx, client.http);
      const repo = client.repository(ref.registry, ref.repository);
      const digest = await resolveDigest(repo, ref);
      const res = await signImage(repo, digest, { ...signing, format, recursive: bool(ctx, 'recursive') });
      const json = {
        subject: res.subject,
        signatures: res.signatures.map((s) => ({
          digest: s.digest,
          format: s.format,
          artifactType: s.artifactType,
          subject: s.subject,
          ...(s.tag !== undefined ? { tag: s.tag } : {}),
          ...(s.referrersApi !== undefined ? { referrersApi: s.referrersApi } : {}),
        })),
      };
      const text = res.signatures.map((s) => `${s.subject} ${s.format} ${s.digest}`).join('\n');
      return { exitCode: 0, json, text };
    } finally {
      client.close();
    }
  },
};
