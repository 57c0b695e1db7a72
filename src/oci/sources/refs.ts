/** Matching a user's REF against the names an export stores (ref.name, containerd names, RepoTags). */

/** Docker's normalisation: `foo` -> `docker.io/library/foo:latest`, `me/foo:1` -> `docker.io/me/foo:1`. */
export function normalizeDockerRef(ref: string): string {
  let name = ref;
  const slash = name.indexOf('/');
  const first = slash === -1 ? '' : name.slice(0, slash);
  if (slash === -1) name = `docker.io/library/${name}`;
  else if (!first.includes('.') && !first.includes(':') && first !== 'localhost') name = `docker.io/${name}`;
  if (name.startsWith('docker.io/') && name.split('/').length === 2) {
    name = `docker.io/library/${name.slice('docker.io/'.length)}`;
  }
  const lastPart = name.slice(name.lastIndexOf('/') + 1);
  if (!lastPart.includes(':') && !name.includes('@')) name = `${name}:latest`;
  return name;
}

/**
 * A stored name matches when it is the REF, ends with `:REF` (a tag of a full reference) or
 * `/REF` (a shorter reference), or both normalise to the same Docker reference.
 */
export function matchesRef(stored: string, ref: string): boolean {
  if (stored === ref || stored.endsWith(`:${ref}`) || stored.endsWith(`/${ref}`)) return true;
  return normalizeDockerRef(stored) === normalizeDockerRef(ref);
}

export function describeRefs(
  entries: { position: number; names: string[]; descriptor: { digest: string } }[],
): string {
  if (entries.length === 0) return 'no images';
  return entries
    .map((e) => {
      const names = e.names.length > 0 ? `${e.names.join(' / ')} ` : '';
      return `${names}@${e.position} (${e.descriptor.digest.slice(0, 19)}…)`;
    })
    .join(', ');
}
