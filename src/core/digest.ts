/**
 * Digests and tags: the one definition of each pattern, and digests as people read them.
 */

/** The OCI digest grammar, `algorithm:encoded` (image-spec descriptor.md). */
export const DIGEST_PATTERN = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

/** A sha256 digest: `sha256:` and 64 lower-case hex digits. */
export const SHA256_DIGEST_PATTERN = /^sha256:[a-f0-9]{64}$/;

/** The digests this tool computes and verifies: sha256 or sha512, lower-case hex of full length. */
export const VERIFIABLE_DIGEST_PATTERN = /^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

/** A tag (distribution-spec): up to 128 characters, not starting with `.` or `-`. */
export const TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

/** A digest by the OCI grammar; sha256 and sha512 must be lower-case hex of their full length. */
export function isValidDigest(d: string): boolean {
  if (!DIGEST_PATTERN.test(d)) return false;
  const alg = d.slice(0, d.indexOf(':'));
  return alg === 'sha256' || alg === 'sha512' ? VERIFIABLE_DIGEST_PATTERN.test(d) : true;
}

/** `sha256:` and the first 12 hex digits with an ellipsis, for status lines; anything else as it is. */
export function shortDigest(digest: string): string {
  if (!DIGEST_PATTERN.test(digest)) return digest;
  const at = digest.indexOf(':');
  const encoded = digest.slice(at + 1);
  return encoded.length > 12 ? `${digest.slice(0, at)}:${encoded.slice(0, 12)}…` : digest;
}
