/** Digests as people read them. */

const DIGEST = /^([a-z0-9]+(?:[+._-][a-z0-9]+)*):([a-zA-Z0-9=_-]+)$/;

/** `sha256:` and the first 12 hex digits with an ellipsis, for status lines; anything else as it is. */
export function shortDigest(digest: string): string {
  const m = DIGEST.exec(digest);
  if (!m) return digest;
  return m[2]!.length > 12 ? `${m[1]!}:${m[2]!.slice(0, 12)}…` : digest;
}
