/** The Sigstore trusted root: from a file or object (offline), else Sigstore's TUF repository. */
import fs from 'node:fs';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { getTrustedRoot } from '@sigstore/tuf';
import { describe, infraError, inputError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';

export type { TrustedRoot };

export interface TrustedRootSource {
  /** A trusted_root.json path, or its parsed JSON / protobuf object. */
  trustedRoot?: string | object;
  /** TUF cache directory (default: @sigstore/tuf's, under XDG_DATA_HOME). */
  tufCachePath?: string;
  /** TUF mirror (default: Sigstore public good). */
  tufMirrorUrl?: string;
  logger?: Logger;
}

const BAD_ROOT_REMEDY =
  'Give a Sigstore trusted_root.json (e.g. from `cosign trusted-root create` or the TUF target trusted_root.json).';

function fromJSON(json: unknown, where: string): TrustedRoot {
  const j = json as { mediaType?: unknown } | null;
  if (
    !j ||
    typeof j !== 'object' ||
    typeof j.mediaType !== 'string' ||
    !j.mediaType.includes('trustedroot')
  ) {
    throw inputError(
      'VERIFY_TRUSTED_ROOT_INVALID',
      `${where} is not a Sigstore trusted root`,
      BAD_ROOT_REMEDY,
    );
  }
  try {
    return TrustedRoot.fromJSON(json);
  } catch (e) {
    throw inputError(
      'VERIFY_TRUSTED_ROOT_INVALID',
      `${where} could not be read: ${describe(e)}`,
      BAD_ROOT_REMEDY,
      e,
    );
  }
}

export async function loadTrustedRoot(src: TrustedRootSource): Promise<TrustedRoot> {
  const logger = src.logger ?? silentLogger;
  const root = src.trustedRoot;
  if (typeof root === 'string') {
    let text: string;
    try {
      text = await fs.promises.readFile(root, 'utf8');
    } catch (e) {
      throw inputError(
        'VERIFY_TRUSTED_ROOT_INVALID',
        `cannot read the trusted root ${root}: ${describe(e)}`,
        BAD_ROOT_REMEDY,
        e,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw inputError(
        'VERIFY_TRUSTED_ROOT_INVALID',
        `the trusted root ${root} is not JSON`,
        BAD_ROOT_REMEDY,
        e,
      );
    }
    logger.debug(`verify: trusted root from ${root}`);
    return fromJSON(json, root);
  }
  if (root !== undefined) {
    // An already-decoded protobuf object has Buffers; JSON has base64 strings.
    const r = root as {
      certificateAuthorities?: { certChain?: { certificates?: { rawBytes?: unknown }[] } }[];
    };
    const raw = r.certificateAuthorities?.[0]?.certChain?.certificates?.[0]?.rawBytes;
    if (Buffer.isBuffer(raw) || raw instanceof Uint8Array) return root as TrustedRoot;
    return fromJSON(root, 'the trusted root');
  }
  logger.debug('verify: trusted root from Sigstore TUF');
  try {
    return await getTrustedRoot({
      ...(src.tufCachePath ? { cachePath: src.tufCachePath } : {}),
      ...(src.tufMirrorUrl ? { mirrorURL: src.tufMirrorUrl } : {}),
    });
  } catch (e) {
    throw infraError(
      'VERIFY_TUF_FAILED',
      `could not fetch Sigstore's trusted root over TUF: ${describe(e)}`,
      'Check access to tuf-repo-cdn.sigstore.dev (HTTPS_PROXY), or verify offline with --trusted-root FILE.',
      e,
    );
  }
}
