/** `harbor-gate verify`: verify an image's signature (and SBOM) before deploying it. */
import fs from 'node:fs';
import { describe, inputError } from '../../errors.js';
import { registryClientFromFlags } from '../registry.js';
import { parseReference } from '../../oci/reference.js';
import type { VerifyImageOptions } from '../../sign/image.js';
import { bool, requireStr, str, type Command, type CommandContext } from '../command.js';
import { resolveDigest } from './sign.js';

export const verifyCommand: Command = {
  name: 'verify',
  summary: "verify an image's signature (and SBOM) before deploying it",
  flags: [
    'key',
    'certificate-identity',
    'certificate-identity-regexp',
    'certificate-oidc-issuer',
    'trusted-root',
    'require-sbom',
  ],
  examples: [
    'harbor-gate verify --image harbor.example.com/proj/app:1.2.3 --certificate-identity https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main --certificate-oidc-issuer https://token.actions.githubusercontent.com',
    'harbor-gate verify --image harbor.example.com/proj/app@sha256:… --key cosign.pub --require-sbom --json',
  ],
  async run(ctx: CommandContext) {
    const { verifyImage } = await import('../../sign/image.js');
    const ref = parseReference(requireStr(ctx, 'image'));
    const keyFile = str(ctx, 'key');
    const identity = str(ctx, 'certificate-identity');
    const identityRegexp = str(ctx, 'certificate-identity-regexp');
    const issuer = str(ctx, 'certificate-oidc-issuer');
    const trustedRoot = str(ctx, 'trusted-root');
    if (keyFile !== undefined && (identity ?? identityRegexp ?? issuer) !== undefined) {
      throw inputError(
        'VERIFY_CONFLICTING_FLAGS',
        '--key cannot be combined with --certificate-identity(-regexp) / --certificate-oidc-issuer',
        'Verify either key-based signatures (--key) or keyless ones (identity and issuer).',
      );
    }
    if (identity !== undefined && identityRegexp !== undefined) {
      throw inputError(
        'VERIFY_CONFLICTING_FLAGS',
        '--certificate-identity and --certificate-identity-regexp are mutually exclusive',
        'Give one of them.',
      );
    }
    const opts: VerifyImageOptions = {
      logger: ctx.logger,
      requireSbom: bool(ctx, 'require-sbom'),
      ...(identity !== undefined ? { identity } : {}),
      ...(identityRegexp !== undefined ? { identityRegexp } : {}),
      ...(issuer !== undefined ? { issuer } : {}),
      ...(trustedRoot !== undefined ? { trustedRoot } : {}),
    };
    if (keyFile !== undefined) {
      try {
        opts.key = fs.readFileSync(keyFile, 'utf8');
      } catch (e) {
        throw inputError(
          'VERIFY_KEY_INVALID',
          `cannot read --key ${keyFile}: ${describe(e)}`,
          'Give the path of the PEM public key (cosign.pub).',
          e,
        );
      }
    }
    const client = await registryClientFromFlags(ctx, ref.registry);
    try {
      const repo = client.repository(ref.registry, ref.repository);
      const digest = await resolveDigest(repo, ref);
      const res = await verifyImage(repo, digest, opts);
      const json = {
        subject: res.subject,
        verified: res.verified,
        signatures: res.signatures.map((s) => ({
          digest: s.digest,
          identity: s.identity,
          issuer: s.issuer,
          ok: s.ok,
          reason: s.reason,
          format: s.format,
        })),
        sbom: res.sbom,
        ...(res.reason !== undefined ? { reason: res.reason } : {}),
      };
      const lines = res.signatures.map(
        (s) => `${s.ok ? 'ok      ' : 'rejected'} ${s.format} ${s.digest} ${s.identity ?? ''}: ${s.reason}`,
      );
      lines.push(
        res.verified
          ? `verified ${res.subject}${res.sbom ? ` (SBOM ${res.sbom.digest})` : ''}`
          : `NOT verified ${res.subject}: ${res.reason ?? ''}`,
      );
      if (!res.verified) ctx.logger.error(`verification failed: ${res.reason ?? ''}`);
      return { exitCode: res.verified ? 0 : 1, json, text: lines.join('\n') };
    } finally {
      client.close();
    }
  },
};
