/**
 * Which VEX statement applies to a finding. A statement applies when
 *  - its vulnerability name or one of its aliases equals the finding's id (case-insensitive), and
 *  - one of its products is the image: a `pkg:oci/…@sha256:…` (or `pkg:docker/…@sha256:…`) purl
 *    whose digest is the image's (or the platform manifest's the finding came from), with any
 *    qualifiers; or the digest itself; or `repository@digest`; or the reference as given, and
 *  - when that product lists subcomponents, one of them is the finding's package: a purl whose
 *    name (or namespace/name) is the package and whose version, when given, is the installed
 *    version; or the plain package name, or `name@version`.
 * Of the statements that apply, the latest (statement timestamp, else its document's) wins;
 * on a tie the one read last.
 */
import { SHA256_DIGEST_PATTERN } from '../core/index.js';
import { parsePurl } from './purl.js';
import { WAIVING_STATUSES, type VexImage, type VexMatch, type VexStatement } from './types.js';

export interface VexFinding {
  id: string;
  package: string;
  version: string;
  /** The platform manifest the finding was reported for (multi-arch images). */
  artifactDigest?: string;
}

function lc(s: string | undefined): string | undefined {
  return s?.toLowerCase();
}

/** Does this product identifier name the image (or the platform manifest `platformDigest`)? */
export function productMatchesImage(id: string, image: VexImage, platformDigest?: string): boolean {
  const digests = new Set([image.digest.toLowerCase()]);
  if (platformDigest) digests.add(platformDigest.toLowerCase());
  const purl = parsePurl(id);
  if (purl) {
    if (purl.type !== 'oci' && purl.type !== 'docker') return false;
    const v = lc(purl.version);
    return v !== undefined && SHA256_DIGEST_PATTERN.test(v) && digests.has(v);
  }
  const s = id.trim();
  if (digests.has(s.toLowerCase())) return true;
  if (image.reference !== undefined && s === image.reference) return true;
  const at = s.lastIndexOf('@');
  if (at > 0) {
    const d = s.slice(at + 1).toLowerCase();
    if (!digests.has(d)) return false;
    const repo = s.slice(0, at).toLowerCase();
    if (image.repository === undefined) return false;
    const want = image.repository.toLowerCase();
    return repo === want || repo === `docker.io/${want}` || `docker.io/${repo}` === want;
  }
  return false;
}

/** Does this subcomponent identifier name the finding's package? */
export function componentMatchesPackage(id: string, f: Pick<VexFinding, 'package' | 'version'>): boolean {
  const pkg = f.package.toLowerCase();
  const purl = parsePurl(id);
  if (purl) {
    const name = purl.name.toLowerCase();
    const full = purl.namespace ? `${purl.namespace}/${purl.name}`.toLowerCase() : name;
    if (name !== pkg && full !== pkg) return false;
    return purl.version === undefined || purl.version === f.version;
  }
  const s = id.trim().toLowerCase();
  return s === pkg || s === `${pkg}@${f.version.toLowerCase()}`;
}

export function vulnerabilityMatches(st: VexStatement, findingId: string): boolean {
  const id = findingId.toUpperCase();
  return (
    st.vulnerability.name.toUpperCase() === id || st.vulnerability.aliases.some((a) => a.toUpperCase() === id)
  );
}

export function statementApplies(st: VexStatement, f: VexFinding, image: VexImage): boolean {
  if (!vulnerabilityMatches(st, f.id)) return false;
  return st.products.some((p) => {
    if (!p.ids.some((id) => productMatchesImage(id, image, f.artifactDigest))) return false;
    if (p.subcomponents.length === 0) return true;
    return p.subcomponents.some((c) => c.ids.some((id) => componentMatchesPackage(id, f)));
  });
}

/** Statements indexed by vulnerability id, for matching many findings. */
export class VexIndex {
  private readonly byId = new Map<string, { st: VexStatement; order: number }[]>();

  constructor(
    statements: readonly VexStatement[],
    readonly image: VexImage,
  ) {
    statements.forEach((st, order) => {
      for (const id of new Set(
        [st.vulnerability.name, ...st.vulnerability.aliases].map((x) => x.toUpperCase()),
      )) {
        let list = this.byId.get(id);
        if (!list) this.byId.set(id, (list = []));
        list.push({ st, order });
      }
    });
  }

  /** The statement that decides this finding (the latest that applies), if any. */
  lookup(f: VexFinding): VexMatch | undefined {
    let best: { st: VexStatement; order: number } | undefined;
    for (const c of this.byId.get(f.id.toUpperCase()) ?? []) {
      if (!statementApplies(c.st, f, this.image)) continue;
      if (
        !best ||
        c.st.timestamp > best.st.timestamp ||
        (c.st.timestamp === best.st.timestamp && c.order > best.order)
      )
        best = c;
    }
    return best ? { statement: best.st, waives: WAIVING_STATUSES.has(best.st.status) } : undefined;
  }
}

/** The purl harbor-gate uses for an image: pkg:oci/<name>@<digest>?repository_url=<host/repo>. */
export function imagePurl(image: VexImage): string {
  const repo = image.repository ?? '';
  const name = (repo.split('/').pop() ?? '').toLowerCase() || 'image';
  const q = repo ? `?repository_url=${encodeURIComponent(repo).replace(/%2F/g, '/')}` : '';
  return `pkg:oci/${encodeURIComponent(name)}@${encodeURIComponent(image.digest)}${q}`;
}
