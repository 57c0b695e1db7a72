/**
 * The embedded Harbor's data: projects, users, artifacts and accessories as pushes record them,
 * and who may do what (Harbor's project permissions and RequireProjectAccess).
 */
import { SHA256_DIGEST_PATTERN } from '../../core/index.js';
import type http from 'node:http';
import { ScriptedScanner } from './scanner.js';
import { createSigningIdentity, verifyToken, type SigningIdentity } from './token.js';
import {
  GATE_PERMISSIONS,
  HttpError,
  IMAGE_CONFIGS,
  INDEX_TYPES,
  PUBLIC_PERMISSIONS,
  SBOM_CONFIG,
  SERVICE,
  defaultScanner,
  iso,
  type Accessory,
  type Artifact,
  type HarborProjectInit,
  type HarborServer,
  type HarborServerOptions,
  type HarborUser,
  type Identity,
  type Project,
  type ScannerRegistration,
} from './types.js';

export type HarborState = ReturnType<typeof createState>;

export function createState(opts: HarborServerOptions) {
  const now = opts.now ?? Date.now;
  const identity: SigningIdentity = createSigningIdentity();
  const version = opts.version ?? 'v2.11.0-embedded';
  const vm = /^v?(\d+)\.(\d+)/.exec(version);
  const hasScanType = !vm || Number(vm[1]) > 2 || (Number(vm[1]) === 2 && Number(vm[2]) >= 11);
  const scanner = new ScriptedScanner(now, opts.defaultScript ?? {});
  const projects = new Map<string, Project>();
  const users = new Map<string, HarborUser>();
  const artifacts = new Map<string, Artifact>();
  const accessories: Accessory[] = [];
  const repoIds = new Map<string, number>();
  const sysDefault: ScannerRegistration | null =
    opts.defaultScanner === null ? null : defaultScanner(opts.defaultScanner ?? undefined);
  const systemAllowlist = {
    items: opts.systemAllowlist?.items ?? [],
    expiresAt: opts.systemAllowlist?.expiresAt ?? null,
  };
  const requests: HarborServer['requests'] = [];
  const backendAuth = opts.backendAuth ?? 'token';
  let nextId = 1;
  /** Set once the server listens (baseUrl) and by setBackend (backend). */
  const conf: { baseUrl: string; backend: string | undefined } = { baseUrl: '', backend: opts.backendUrl };

  function addProject(p: HarborProjectInit): void {
    projects.set(p.name, {
      id: nextId++,
      name: p.name,
      public: p.public ?? false,
      metadata: { public: String(p.public ?? false), ...(p.metadata ?? {}) },
      allowlist: { items: p.allowlist?.items ?? [], expiresAt: p.allowlist?.expiresAt ?? null },
      scanner: p.scanner === null ? null : p.scanner === undefined ? undefined : defaultScanner(p.scanner),
      created: iso(now()),
    });
  }
  for (const p of opts.projects ?? []) addProject(p);
  for (const u of opts.users ?? []) users.set(u.username, u);

  const projectScanner = (p: Project): ScannerRegistration | null =>
    p.scanner === undefined ? sysDefault : p.scanner;

  // ------------------------------------------------------------ identities and permissions

  function identify(req: http.IncomingMessage): Identity {
    const h = req.headers.authorization;
    if (!h) return { rejected: false };
    const [scheme, value = ''] = h.split(' ', 2) as [string, string | undefined];
    if (scheme.toLowerCase() === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      const user = users.get(decoded.slice(0, i));
      if (i > 0 && user?.password === decoded.slice(i + 1)) return { user, rejected: false };
      return { rejected: true };
    }
    if (scheme.toLowerCase() === 'bearer') {
      const claims = verifyToken(identity, value, SERVICE, Math.floor(now() / 1000));
      if (!claims) return { rejected: true };
      const user = users.get(claims.sub);
      return user
        ? { user, access: claims.access, rejected: false }
        : { access: claims.access, rejected: false };
    }
    return { rejected: true };
  }

  function grants(user: HarborUser | undefined, p: Project): Set<string> {
    const out = new Set<string>(p.public ? PUBLIC_PERMISSIONS : []);
    if (user?.admin) for (const g of GATE_PERMISSIONS) out.add(g);
    for (const g of user?.permissions?.[p.name] ?? []) out.add(g);
    return out;
  }

  function can(id: Identity, p: Project | undefined, perm: string): boolean {
    if (!p) return false;
    if (id.user?.admin) return true;
    return grants(id.user, p).has(perm);
  }

  function denied(id: Identity): HttpError {
    return id.user
      ? new HttpError(403, 'FORBIDDEN', 'forbidden')
      : new HttpError(401, 'UNAUTHORIZED', 'unauthorized');
  }

  function findProject(nameOrId: string, isName: boolean): Project | undefined {
    if (!isName && /^\d+$/.test(nameOrId)) {
      for (const p of projects.values()) if (p.id === Number(nameOrId)) return p;
      return undefined;
    }
    return projects.get(nameOrId);
  }

  /** Harbor's RequireProjectAccess: unknown projects are denied like forbidden ones, except for admins. */
  function requireProject(id: Identity, nameOrId: string, isName: boolean, perm: string): Project {
    const p = findProject(nameOrId, isName);
    if (!p) {
      if (id.user?.admin) throw new HttpError(404, 'NOT_FOUND', `project ${nameOrId} not found`);
      throw denied(id);
    }
    if (!can(id, p, perm)) throw denied(id);
    return p;
  }

  // ------------------------------------------------------------ artifacts

  const artKey = (repo: string, digest: string): string => `${repo}@${digest}`;

  function findArtifact(repo: string, reference: string): Artifact | undefined {
    if (reference.includes(':')) return artifacts.get(artKey(repo, reference));
    for (const a of artifacts.values()) if (a.repo === repo && a.tags.has(reference)) return a;
    return undefined;
  }

  function artifactType(a: Artifact): string {
    if (INDEX_TYPES.has(a.mediaType)) return 'IMAGE';
    if (a.configMediaType && IMAGE_CONFIGS.has(a.configMediaType)) return 'IMAGE';
    return 'UNKNOWN';
  }

  function scannable(a: Artifact): boolean {
    return a.accessoryType === undefined && artifactType(a) === 'IMAGE';
  }

  /** The digests a scan of `a` covers: the image itself, or an index's image children. */
  function scanTargets(a: Artifact): string[] {
    if (!INDEX_TYPES.has(a.mediaType)) return [a.digest];
    return a.children
      .map((c) => artifacts.get(artKey(a.repo, c.digest)))
      .filter((c): c is Artifact => c !== undefined && scannable(c))
      .map((c) => c.digest);
  }

  function recordManifest(
    repo: string,
    reference: string,
    body: Buffer,
    contentType: string,
    digest: string,
  ): Artifact | undefined {
    const projectName = repo.split('/')[0] ?? '';
    const project = projects.get(projectName);
    if (!project) return undefined;
    let m: Record<string, unknown>;
    try {
      m = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    } catch {
      return undefined;
    }
    const mediaType = typeof m.mediaType === 'string' ? m.mediaType : contentType;
    const config = m.config as { mediaType?: string } | undefined;
    const layers = Array.isArray(m.layers) ? (m.layers as { mediaType?: string }[]) : [];
    const subject = m.subject as { digest?: string } | undefined;
    let a = artifacts.get(artKey(repo, digest));
    if (!a) {
      if (!repoIds.has(repo)) repoIds.set(repo, nextId++);
      a = {
        id: nextId++,
        project,
        repo,
        repoId: repoIds.get(repo) ?? 0,
        digest,
        mediaType,
        size: body.length,
        annotations: (m.annotations as Record<string, string> | undefined) ?? {},
        children: Array.isArray(m.manifests)
          ? (
              m.manifests as {
                digest: string;
                platform?: Record<string, unknown>;
                annotations?: Record<string, string>;
              }[]
            ).map((d) => ({
              digest: d.digest,
              ...(d.platform ? { platform: d.platform } : {}),
              ...(d.annotations ? { annotations: d.annotations } : {}),
            }))
          : [],
        tags: new Map(),
        pushTime: iso(now()),
      };
      if (config?.mediaType) a.configMediaType = config.mediaType;
      if (typeof m.artifactType === 'string') a.artifactType = m.artifactType;
      artifacts.set(artKey(repo, digest), a);
    }
    if (!reference.includes(':')) a.tags.set(reference, iso(now()));
    const fromType = a.artifactType ?? a.configMediaType ?? '';
    // The same manifest pushed again is the same accessory (Harbor keys it by artifact).
    if (accessories.some((x) => x.artifact === a)) return a;
    if (subject?.digest) {
      a.subject = subject.digest;
      a.accessoryType = accessoryTypeOf(fromType);
      accessories.push({
        id: nextId++,
        artifact: a,
        subjectRepo: repo,
        subjectDigest: subject.digest,
        type: a.accessoryType,
      });
    } else {
      // cosign's legacy signature tag: sha256-<hex>.sig
      const signed = reference.endsWith('.sig') ? reference.slice(0, -4).replace(/^sha256-/, 'sha256:') : '';
      if (
        SHA256_DIGEST_PATTERN.test(signed) &&
        layers.some((l) => l.mediaType === 'application/vnd.dev.cosign.simplesigning.v1+json')
      ) {
        a.accessoryType = 'signature.cosign';
        accessories.push({
          id: nextId++,
          artifact: a,
          subjectRepo: repo,
          subjectDigest: signed,
          type: a.accessoryType,
        });
      }
    }
    return a;
  }

  /** A manifest deleted through the registry API: its artifact and accessory records go too. */
  function forgetManifest(repo: string, digest: string): void {
    const a = artifacts.get(artKey(repo, digest));
    if (!a) return;
    artifacts.delete(artKey(repo, digest));
    for (let i = accessories.length - 1; i >= 0; i--)
      if (accessories[i]!.artifact === a) accessories.splice(i, 1);
  }

  function accessoryTypeOf(fromType: string): string {
    switch (fromType) {
      case 'application/vnd.cncf.notary.signature':
        return 'signature.notation';
      case 'application/vnd.dev.cosign.artifact.sig.v1+json':
      case 'application/vnd.dev.sigstore.bundle.v0.3+json':
        return 'signature.cosign';
      case SBOM_CONFIG:
        return 'sbom.harbor';
      default:
        return 'subject.accessory';
    }
  }

  return {
    opts,
    now,
    identity,
    version,
    hasScanType,
    scanner,
    projects,
    users,
    artifacts,
    accessories,
    forgetManifest,
    sysDefault,
    systemAllowlist,
    requests,
    backendAuth,
    conf,
    addProject,
    projectScanner,
    identify,
    grants,
    can,
    denied,
    findProject,
    requireProject,
    artKey,
    findArtifact,
    artifactType,
    scannable,
    scanTargets,
    recordManifest,
  };
}
