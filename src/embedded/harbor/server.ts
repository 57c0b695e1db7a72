/**
 * A Harbor-compatible server for the demo and the tests: Harbor core's token service for a real
 * distribution registry (`auth: token`), a `/v2/` front that proxies to a registry backend and adds
 * the OCI referrers API the way Harbor 2.11+ does (from its accessory records), the `/api/v2.0`
 * endpoints the gate uses with Harbor's status codes, error bodies and field shapes, and a
 * scripted scanner. See Harbor's API (goharbor/harbor, api/v2.0/swagger.yaml).
 */
import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { DEFAULT_VULNERABILITIES, defaultSbom, type VulnItem } from './fixtures.js';
import { ScriptedScanner, type JobStatus, type Report, type ScanKind, type ScanScript } from './scanner.js';
import {
  createSigningIdentity,
  parseScope,
  signToken,
  verifyToken,
  type Access,
  type SigningIdentity,
} from './token.js';

export const MIME_GENERIC = 'application/vnd.security.vulnerability.report; version=1.1';
export const MIME_NATIVE = 'application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0';
export const SERVICE = 'harbor-registry';
export const ISSUER = 'harbor-token-issuer';
const ZERO_TIME = '0001-01-01T00:00:00.000Z';
const MAX_MANIFEST = 4 * 1024 * 1024;
const MAX_API_BODY = 64 * 1024;
const INDEX_TYPES = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
]);
const IMAGE_CONFIGS = new Set([
  'application/vnd.oci.image.config.v1+json',
  'application/vnd.docker.container.image.v1+json',
]);
const SBOM_CONFIG = 'application/vnd.goharbor.harbor.sbom.v1';

/** Every project permission a gate robot needs (push, scan, read results, SBOM). */
export const GATE_PERMISSIONS = [
  'repository:pull',
  'repository:push',
  'artifact:read',
  'artifact:list',
  'scan:create',
  'scan:stop',
  'scan:read',
  'artifact-addition:read',
  'project:read',
  'scanner:read',
  'accessory:list',
  'sbom:create',
  'sbom:read',
  'sbom:stop',
];
/** What anonymous users get on a public project. */
const PUBLIC_PERMISSIONS = [
  'repository:pull',
  'artifact:read',
  'artifact:list',
  'project:read',
  'artifact-addition:read',
  'accessory:list',
];

export interface HarborUser {
  username: string;
  password: string;
  /** System admin: every permission, and 404 instead of 403 for missing projects. */
  admin?: boolean;
  /** Project name -> 'resource:action' grants (e.g. GATE_PERMISSIONS). */
  permissions?: Record<string, string[]>;
}

export interface ScannerRegistration {
  uuid: string;
  name: string;
  vendor: string;
  version: string;
  health: 'healthy' | 'unhealthy';
  disabled: boolean;
  supportSbom: boolean;
}

export interface HarborProjectInit {
  name: string;
  public?: boolean;
  /** Harbor's metadata strings: auto_scan, prevent_vul, severity, reuse_sys_cve_allowlist, ... */
  metadata?: Record<string, string>;
  allowlist?: { items: string[]; expiresAt?: number | null };
  /** The project scanner; null: none (and no system default is used); absent: the default. */
  scanner?: Partial<ScannerRegistration> | null;
}

export interface HarborServerOptions {
  /** The registry to proxy /v2/ to; can be set later with setBackend(). */
  backendUrl?: string;
  /** 'token': the backend trusts this server's tokens (distribution `auth: token`); 'none': open. */
  backendAuth?: 'token' | 'none';
  projects?: HarborProjectInit[];
  users?: HarborUser[];
  systemAllowlist?: { items: string[]; expiresAt?: number | null };
  /** harbor_version, e.g. v2.11.0-abc1234 (controls scan_type support: 2.11+). */
  version?: string;
  /** The system default scanner; null: none. */
  defaultScanner?: Partial<ScannerRegistration> | null;
  defaultScript?: ScanScript;
  port?: number;
  /** systeminfo's auth_mode (default db_auth); oidc_auth for a Harbor with OIDC login. */
  authMode?: string;
  /** Serve HTTPS with this certificate and key (PEM), as a Harbor behind its TLS front does. */
  tls?: { cert: string; key: string };
  now?: () => number;
}

interface Project {
  id: number;
  name: string;
  public: boolean;
  metadata: Record<string, string>;
  allowlist: { items: string[]; expiresAt: number | null };
  scanner: ScannerRegistration | null | undefined;
  created: string;
}

interface ChildRef {
  digest: string;
  platform?: Record<string, unknown>;
  annotations?: Record<string, string>;
}

interface Artifact {
  id: number;
  project: Project;
  repo: string;
  repoId: number;
  digest: string;
  mediaType: string;
  size: number;
  configMediaType?: string;
  artifactType?: string;
  annotations: Record<string, string>;
  children: ChildRef[];
  tags: Map<string, string>;
  pushTime: string;
  subject?: string;
  accessoryType?: string;
  sbomDocument?: Record<string, unknown>;
}

interface Accessory {
  id: number;
  artifact: Artifact;
  subjectRepo: string;
  subjectDigest: string;
  type: string;
}

interface Identity {
  user?: HarborUser;
  /** Bearer token access (when authenticated with a token). */
  access?: Access[];
  /** Credentials were sent but rejected. */
  rejected: boolean;
}

export interface HarborServer {
  url: string;
  host: string;
  port: number;
  /** The token signing certificate: the registry's auth.token.rootcertbundle. */
  certPem: string;
  /** The `auth.token` block for a distribution registry behind this server. */
  tokenAuth: { realm: string; service: string; issuer: string };
  scanner: ScriptedScanner;
  setBackend(url: string): void;
  addProject(p: HarborProjectInit): void;
  addUser(u: HarborUser): void;
  /** Start a scan out of band (like auto-scan or "scan all"): later triggers get 409. */
  startScan(digest: string, kind?: ScanKind): void;
  /** Every /api/v2.0 request seen, for assertions. */
  requests: { method: string; path: string; status: number }[];
  stop(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function defaultScanner(init: Partial<ScannerRegistration> | undefined): ScannerRegistration {
  return {
    uuid: init?.uuid ?? crypto.randomUUID(),
    name: init?.name ?? 'Trivy',
    vendor: init?.vendor ?? 'Aqua Security',
    version: init?.version ?? 'v0.51.2',
    health: init?.health ?? 'healthy',
    disabled: init?.disabled ?? false,
    supportSbom: init?.supportSbom ?? true,
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function readBody(req: http.IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    req.on('data', (c: Buffer) => {
      total += c.length;
      if (total > max) {
        reject(new HttpError(413, 'REQUEST_ENTITY_TOO_LARGE', 'request body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

const HOP_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'authorization',
  'host',
]);

export async function startHarborServer(opts: HarborServerOptions = {}): Promise<HarborServer> {
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
  let backend = opts.backendUrl;
  const backendAuth = opts.backendAuth ?? 'token';
  let nextId = 1;
  let baseUrl = '';

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
      const legacy = /^sha256-([0-9a-f]{64})\.sig$/.exec(reference);
      if (legacy && layers.some((l) => l.mediaType === 'application/vnd.dev.cosign.simplesigning.v1+json')) {
        a.accessoryType = 'signature.cosign';
        accessories.push({
          id: nextId++,
          artifact: a,
          subjectRepo: repo,
          subjectDigest: `sha256:${legacy[1] ?? ''}`,
          type: a.accessoryType,
        });
      }
    }
    return a;
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

  // ------------------------------------------------------------ scan overviews

  function acceptedMimes(req: http.IncomingMessage): string[] {
    const h = req.headers['x-accept-vulnerabilities'];
    const raw = Array.isArray(h) ? h.join(',') : h;
    if (raw === undefined || raw.trim() === '') return [MIME_GENERIC, MIME_NATIVE];
    const parts = raw.split(',').map((s) => s.trim().replace(/\s*;\s*/g, '; '));
    const known = parts.filter((p) => p === MIME_GENERIC || p === MIME_NATIVE);
    return known.length > 0 ? known : [MIME_NATIVE];
  }

  /** Harbor's normalisation of item severities (ParseSeverityVersion3). */
  function itemSeverity(s: string): string {
    const t = s.trim().toLowerCase();
    const map: Record<string, string> = {
      critical: 'Critical',
      high: 'High',
      medium: 'Medium',
      low: 'Low',
      negligible: 'None',
      none: 'None',
    };
    return map[t] ?? 'Unknown';
  }
  const SEV_CODE: Record<string, number> = { None: 0, Unknown: 0, Low: 2, Medium: 3, High: 4, Critical: 5 };

  function summaryOf(items: VulnItem[]): Record<string, unknown> {
    const counts: Record<string, number> = {};
    let fixable = 0;
    let worst = 'None';
    for (const it of items) {
      const s = itemSeverity(it.severity);
      counts[s] = (counts[s] ?? 0) + 1;
      if (it.fix_version !== '') fixable++;
      if ((SEV_CODE[s] ?? 0) > (SEV_CODE[worst] ?? 0)) worst = s;
    }
    return { severity: worst, summary: { total: items.length, fixable, summary: counts } };
  }

  function scannerJson(s: ScannerRegistration): Record<string, string> {
    return { name: s.name, vendor: s.vendor, version: s.version };
  }

  /** The reports of a scan of `a` (one per target); undefined if any target has none. */
  function reportsOf(a: Artifact, kind: ScanKind): Report[] | undefined {
    const targets = kind === 'sbom' ? [a.digest] : scanTargets(a);
    if (targets.length === 0) return undefined;
    const out: Report[] = [];
    for (const d of targets) {
      const r = scanner.get(d, kind);
      if (!r) return undefined;
      out.push(r);
    }
    return out;
  }

  /** Harbor's MergeScanStatus: Running if any runs, else Stopped, else Success if any succeeded. */
  /**
   * An index's status as Harbor merges its children's (pkg/scan/vuln MergeScanStatus): Running if
   * one runs, else Success if one succeeded, so a Pending or failed child hides behind Success with
   * complete_percent below 100 ("limited success").
   */
  function mergedStatus(statuses: JobStatus[]): JobStatus {
    for (const s of ['Running', 'Success', 'Error', 'Stopped'] as const) if (statuses.includes(s)) return s;
    return 'Pending';
  }

  function scanOverview(a: Artifact, req: http.IncomingMessage): Record<string, unknown> | undefined {
    const s = projectScanner(a.project);
    if (!s || !scannable(a) || !acceptedMimes(req).includes(MIME_GENERIC)) return undefined;
    const reports = reportsOf(a, 'vulnerability');
    if (!reports) return undefined;
    const statuses = reports.map((r) => scanner.status(r));
    const status = mergedStatus(statuses);
    const starts = reports.map((r) => r.startedAt);
    const ends = reports.map((r) => scanner.endTime(r));
    const ov: Record<string, unknown> = {
      report_id:
        reports.length === 1
          ? reports[0]?.id
          : Buffer.from(reports.map((r) => r.id).join('|')).toString('base64'),
      scan_status: status,
      start_time: status === 'Pending' ? ZERO_TIME : iso(Math.min(...starts)),
      end_time: ends.every((e) => e !== undefined) ? iso(Math.max(...ends)) : ZERO_TIME,
    };
    if (status === 'Success') {
      const items = reports
        .filter((r) => scanner.status(r) === 'Success' && r.outcome !== 'empty')
        .flatMap((r) => r.vulnerabilities);
      Object.assign(ov, summaryOf(dedupe(items)));
      ov.scanner = scannerJson(s);
      ov.duration = Math.round(reports.reduce((t, r) => t + r.durationMs, 0) / 1000);
      ov.complete_percent = Math.floor(
        (statuses.filter((x) => x === 'Success').length * 100) / statuses.length,
      );
    }
    return { [MIME_GENERIC]: ov };
  }

  function dedupe(items: VulnItem[]): VulnItem[] {
    const seen = new Set<string>();
    return items.filter((i) => {
      const k = `${i.id}-${i.package}-${i.version}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }

  /** Once an SBOM scan succeeds, Harbor has pushed the SBOM accessory: record it. */
  function materialiseSbom(a: Artifact, r: Report): void {
    if (r.sbomDigest || scanner.status(r) !== 'Success') return;
    const doc = r.sbom ?? defaultSbom(a.digest);
    const blob = Buffer.from(JSON.stringify(doc));
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: SBOM_CONFIG, digest: sha256(Buffer.from('{}')), size: 2 },
        layers: [
          { mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: sha256(blob), size: blob.length },
        ],
        subject: { mediaType: a.mediaType, digest: a.digest, size: a.size },
        annotations: { 'created-by': 'Harbor', 'org.opencontainers.artifact.description': 'SPDX JSON SBOM' },
      }),
    );
    const digest = sha256(manifest);
    const acc = recordManifest(
      a.repo,
      digest,
      manifest,
      'application/vnd.oci.image.manifest.v1+json',
      digest,
    );
    if (acc) acc.sbomDocument = doc;
    r.sbomDigest = digest;
  }

  function sbomOverview(a: Artifact): Record<string, unknown> | undefined {
    const r = scanner.get(a.digest, 'sbom');
    if (!r) return undefined;
    materialiseSbom(a, r);
    const status = scanner.status(r);
    const end = scanner.endTime(r);
    const s = projectScanner(a.project);
    const ov: Record<string, unknown> = {
      report_id: r.id,
      scan_status: status,
      start_time: status === 'Pending' ? ZERO_TIME : iso(r.startedAt),
      end_time: end === undefined ? ZERO_TIME : iso(end),
    };
    if (status === 'Success') {
      ov.sbom_digest = r.sbomDigest;
      ov.duration = Math.round(r.durationMs / 1000);
      if (s) ov.scanner = scannerJson(s);
    }
    return ov;
  }

  function repoInProject(a: Artifact): string {
    return a.repo.slice(a.project.name.length + 1);
  }

  function artifactJson(a: Artifact, req: http.IncomingMessage, q: URLSearchParams): Record<string, unknown> {
    const enc = encodeURIComponent(repoInProject(a)).replace(/%2F/g, '%252F');
    const base = `/api/v2.0/projects/${a.project.name}/repositories/${enc}/artifacts/${a.digest}`;
    const links: Record<string, unknown> = {};
    if (scannable(a) && projectScanner(a.project))
      links.vulnerabilities = { href: `${base}/additions/vulnerabilities`, absolute: false };
    const out: Record<string, unknown> = {
      id: a.id,
      type: artifactType(a),
      media_type: a.configMediaType ?? a.mediaType,
      manifest_media_type: a.mediaType,
      project_id: a.project.id,
      repository_id: a.repoId,
      repository_name: a.repo,
      digest: a.digest,
      size: a.size,
      icon: '',
      push_time: a.pushTime,
      pull_time: ZERO_TIME,
      extra_attrs: {},
      annotations: a.annotations,
      references: a.children.map((c) => ({
        parent_id: a.id,
        child_id: artifacts.get(artKey(a.repo, c.digest))?.id ?? 0,
        child_digest: c.digest,
        ...(c.platform ? { platform: c.platform } : {}),
        ...(c.annotations ? { annotations: c.annotations } : {}),
        urls: [],
      })),
      tags: [...a.tags].map(([name, t], i) => ({
        id: a.id * 1000 + i,
        repository_id: a.repoId,
        artifact_id: a.id,
        name,
        push_time: t,
        pull_time: ZERO_TIME,
        immutable: false,
      })),
      addition_links: links,
      labels: [],
    };
    if (a.artifactType) out.artifact_type = a.artifactType;
    if (q.get('with_scan_overview') === 'true') {
      const ov = scanOverview(a, req);
      if (ov) out.scan_overview = ov;
    }
    if (q.get('with_sbom_overview') === 'true' && hasScanType) {
      const ov = sbomOverview(a);
      if (ov) {
        out.sbom_overview = ov;
        links.sboms = {
          href: `/api/v2.0/projects/${a.project.name}/repositories/${enc}/artifacts/${typeof ov.sbom_digest === 'string' ? ov.sbom_digest : ''}/additions/sbom`,
          absolute: false,
        };
      }
    }
    if (q.get('with_accessory') === 'true') out.accessories = accessoriesOf(a).map(accessoryJson);
    return out;
  }

  function accessoriesOf(a: Artifact): Accessory[] {
    return accessories.filter((x) => x.subjectRepo === a.repo && x.subjectDigest === a.digest);
  }

  function accessoryJson(x: Accessory): Record<string, unknown> {
    return {
      id: x.id,
      artifact_id: x.artifact.id,
      subject_artifact_id: findArtifact(x.subjectRepo, x.subjectDigest)?.id ?? 0,
      subject_artifact_repo: x.subjectRepo,
      subject_artifact_digest: x.subjectDigest,
      size: x.artifact.size,
      digest: x.artifact.digest,
      type: x.type,
      icon: '',
      creation_time: x.artifact.pushTime,
    };
  }

  // ------------------------------------------------------------ /api/v2.0

  function sendJson(
    res: http.ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  }

  function sendError(res: http.ServerResponse, e: HttpError): void {
    // Harbor replaces every 5xx body with this.
    const message = e.status >= 500 ? 'internal server error' : e.message;
    const code = e.status >= 500 ? 'UNKNOWN' : e.code;
    sendJson(res, e.status, { errors: [{ code, message }] }, e.headers);
  }

  async function jsonBody(req: http.IncomingMessage): Promise<Record<string, unknown> | undefined> {
    const body = await readBody(req, MAX_API_BODY);
    if (body.length === 0) return undefined;
    try {
      const v = JSON.parse(body.toString('utf8')) as unknown;
      if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch {
      // fall through
    }
    throw new HttpError(400, 'BAD_REQUEST', 'parsing body body from "" failed: invalid JSON');
  }

  async function api(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const id = identify(req);
    const method = req.method ?? 'GET';
    // Segments are split on the raw path: the router decodes each once, and Harbor decodes the
    // repository name a second time (so names with '/' arrive as a%252Fb).
    const seg = url.pathname.split('/').slice(3);
    const dec = (s: string | undefined): string => decodeURIComponent(s ?? '');
    const route = seg.map((s, i) => (i % 2 === 1 && seg[i - 1] !== undefined ? '*' : s)).join('/');
    const isName = req.headers['x-is-resource-name'] === 'true';
    const authenticated = (): void => {
      if (!id.user) throw new HttpError(401, 'UNAUTHORIZED', 'unauthorized');
    };

    if (method === 'GET' && route === 'ping') {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Pong');
      return;
    }
    if (method === 'GET' && seg.join('/') === 'systeminfo') {
      const info: Record<string, unknown> = {
        auth_mode: opts.authMode ?? 'db_auth',
        primary_auth_mode: false,
        self_registration: false,
        banner_message: '',
        oidc_provider_name: '',
      };
      if (id.user) {
        Object.assign(info, {
          harbor_version: version,
          external_url: baseUrl,
          registry_url: new URL(baseUrl).host,
          read_only: false,
          has_ca_root: false,
          project_creation_restriction: 'everyone',
          registry_storage_provider_name: 'filesystem',
          notification_enable: true,
          current_time: iso(now()),
        });
      }
      sendJson(res, 200, info);
      return;
    }
    if (method === 'GET' && seg.join('/') === 'system/CVEAllowlist') {
      authenticated();
      sendJson(res, 200, allowlistJson(0, systemAllowlist));
      return;
    }
    if (method === 'GET' && seg.join('/') === 'users/current/permissions') {
      authenticated();
      const scope = url.searchParams.get('scope') ?? '';
      const relative = url.searchParams.get('relative') === 'true';
      const m = /^\/project\/(\d+)$/.exec(scope);
      const p = m ? findProject(m[1] ?? '', false) : undefined;
      const list = p ? [...grants(id.user, p)] : [];
      sendJson(
        res,
        200,
        list.map((g) => {
          const [resource = '', action = ''] = g.split(':');
          return { resource: relative ? resource : `${scope}/${resource}`, action };
        }),
      );
      return;
    }
    if (seg[0] !== 'projects' || seg[1] === undefined)
      throw new HttpError(404, 'NOT_FOUND', `no route for ${method} ${url.pathname}`);
    const projectRef = dec(seg[1]);
    if (seg.length === 2 && method === 'GET') {
      const p = requireProject(id, projectRef, isName, 'project:read');
      sendJson(res, 200, projectJson(p));
      return;
    }
    if (seg.length === 3 && seg[2] === 'scanner' && method === 'GET') {
      const p = requireProject(id, projectRef, isName, 'scanner:read');
      const s = projectScanner(p);
      if (!s) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end();
        return;
      }
      sendJson(res, 200, scannerRegistrationJson(s));
      return;
    }
    if (seg[2] !== 'repositories' || seg[4] !== 'artifacts' || seg[5] === undefined) {
      throw new HttpError(404, 'NOT_FOUND', `no route for ${method} ${url.pathname}`);
    }
    const repoName = decodeURIComponent(dec(seg[3]));
    const reference = dec(seg[5]);
    const rest = seg.slice(6);
    const fullRepo = `${projectRef}/${repoName}`;
    const perm =
      rest.length === 0 && method === 'GET'
        ? 'artifact:read'
        : rest[0] === 'scan' && rest.length === 1
          ? 'scan:create'
          : rest[0] === 'scan' && rest[1] === 'stop'
            ? 'scan:stop'
            : rest[0] === 'scan'
              ? 'scan:read'
              : rest[0] === 'additions'
                ? 'artifact-addition:read'
                : rest[0] === 'accessories'
                  ? 'accessory:list'
                  : 'artifact:read';
    // The scan type decides the permission of scan and stop (sbom:create / sbom:stop).
    const body = method === 'POST' ? await jsonBody(req) : undefined;
    const kind: ScanKind = hasScanType && body?.scan_type === 'sbom' ? 'sbom' : 'vulnerability';
    const effPerm = kind === 'sbom' ? perm.replace(/^scan:/, 'sbom:') : perm;
    const p = requireProject(id, projectRef, true, effPerm);
    const a = findArtifact(fullRepo, reference);
    const notFound = (): HttpError =>
      new HttpError(
        404,
        'NOT_FOUND',
        reference.includes(':')
          ? `artifact ${fullRepo}@${reference} not found`
          : `artifact ${fullRepo}:${reference} not found`,
      );

    if (rest.length === 0 && method === 'GET') {
      if (!a) throw notFound();
      sendJson(res, 200, artifactJson(a, req, url.searchParams));
      return;
    }
    if (rest.length === 1 && rest[0] === 'scan' && method === 'POST') {
      if (!a) throw notFound();
      const s = projectScanner(p);
      if (!s) throw new HttpError(412, 'PRECONDITION', `no available scanner for project: ${String(p.id)}`);
      if (s.disabled) throw new HttpError(412, 'PRECONDITION', `scanner ${s.name} is deactivated`);
      const targets = kind === 'sbom' ? [a.digest] : scanTargets(a);
      if (!scannable(a) || targets.length === 0 || s.health !== 'healthy') {
        throw new HttpError(
          400,
          'BAD_REQUEST',
          `the configured scanner ${s.name} does not support scanning artifact with mime type ${a.mediaType}`,
        );
      }
      if (kind === 'sbom' && !s.supportSbom)
        throw new HttpError(500, 'UNKNOWN', 'no mime types to make report placeholders');
      const results = targets.map((d) => scanner.start(d, kind));
      if (results.every((r) => r === 'conflict')) {
        throw new HttpError(
          409,
          'CONFLICT',
          kind === 'sbom'
            ? 'a previous sbom generate process is running'
            : 'a previous scan process is Running',
        );
      }
      res.writeHead(202, { 'Content-Length': '0' });
      res.end();
      return;
    }
    if (rest.length === 2 && rest[0] === 'scan' && rest[1] === 'stop' && method === 'POST') {
      if (hasScanType && body === undefined) {
        throw new HttpError(422, 'UNPROCESSABLE_ENTITY', 'scanType in body is required');
      }
      if (!a) throw notFound();
      const targets = kind === 'sbom' ? [a.digest] : scanTargets(a);
      const stopped = targets.map((d) => scanner.stop(d, kind));
      if (!stopped.some(Boolean))
        throw new HttpError(400, 'BAD_REQUEST', `no scan job for artifact digest=${a.digest}`);
      res.writeHead(202, { 'Content-Length': '0' });
      res.end();
      return;
    }
    if (rest.length === 3 && rest[0] === 'scan' && rest[2] === 'log' && method === 'GET') {
      if (!a) throw notFound();
      const reportId = rest[1] ?? '';
      const ids = /^[0-9a-f-]{36}$/.test(reportId)
        ? [reportId]
        : Buffer.from(reportId, 'base64').toString('utf8').split('|');
      const found = ids.map((i) => scanner.byId(i));
      if (found.some((r) => r === undefined))
        throw new HttpError(404, 'NOT_FOUND', `report with uuid ${reportId} does not exist`);
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(found.map((r) => (r ? scanner.logOf(r) : '')).join(''));
      return;
    }
    if (rest.length === 2 && rest[0] === 'additions' && method === 'GET') {
      if (!a) throw notFound();
      if (rest[1] === 'vulnerabilities') {
        const s = projectScanner(p);
        if (!s)
          throw new HttpError(
            404,
            'NOT_FOUND',
            `no scanner registration configured for project: ${String(p.id)}`,
          );
        if (!scannable(a))
          throw new HttpError(404, 'NOT_FOUND', `report not found for ${a.repo}@${a.digest}`);
        const reports = reportsOf(a, 'vulnerability');
        const done = reports?.filter((r) => scanner.status(r) === 'Success' && r.outcome !== 'empty') ?? [];
        if (!acceptedMimes(req).includes(MIME_GENERIC) || done.length === 0) {
          sendJson(res, 200, {});
          return;
        }
        const merged = new Map<string, VulnItem & { artifact_digests: string[] }>();
        for (const r of done) {
          for (const it of r.vulnerabilities) {
            const k = `${it.id}-${it.package}-${it.version}`;
            const prev = merged.get(k);
            if (prev) prev.artifact_digests.push(r.digest);
            else merged.set(k, { ...it, severity: itemSeverity(it.severity), artifact_digests: [r.digest] });
          }
        }
        const items = [...merged.values()];
        sendJson(res, 200, {
          [MIME_GENERIC]: {
            generated_at: iso(Math.max(...done.map((r) => scanner.endTime(r) ?? now()))),
            scanner: scannerJson(s),
            // Scanners leave the report severity empty when nothing was found.
            severity: items.length === 0 ? '' : String(summaryOf(items).severity),
            vulnerabilities: items,
          },
        });
        return;
      }
      if (rest[1] === 'sbom') {
        if (!a.sbomDocument) throw new HttpError(404, 'NOT_FOUND', `no sbom found for ${a.repo}@${a.digest}`);
        const text = JSON.stringify(a.sbomDocument);
        res.writeHead(200, { 'Content-Type': SBOM_CONFIG, 'Content-Length': Buffer.byteLength(text) });
        res.end(text);
        return;
      }
      throw new HttpError(404, 'NOT_FOUND', `addition ${rest[1] ?? ''} not found`);
    }
    if (rest.length === 1 && rest[0] === 'accessories' && method === 'GET') {
      if (!a) throw notFound();
      const type = /^type=(.+)$/.exec(url.searchParams.get('q') ?? '')?.[1];
      const list = accessoriesOf(a).filter((x) => type === undefined || x.type === type);
      sendJson(res, 200, list.map(accessoryJson), { 'X-Total-Count': String(list.length) });
      return;
    }
    throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${url.pathname}`);
  }

  function allowlistJson(
    projectId: number,
    l: { items: string[]; expiresAt: number | null },
  ): Record<string, unknown> {
    return {
      id: projectId + 1,
      project_id: projectId,
      expires_at: l.expiresAt,
      items: l.items.map((cve_id) => ({ cve_id })),
      creation_time: ZERO_TIME,
      update_time: ZERO_TIME,
    };
  }

  function projectJson(p: Project): Record<string, unknown> {
    return {
      project_id: p.id,
      owner_id: 1,
      name: p.name,
      registry_id: 0,
      creation_time: p.created,
      update_time: p.created,
      deleted: false,
      owner_name: 'admin',
      togglable: true,
      current_user_role_id: 0,
      current_user_role_ids: [],
      repo_count: new Set([...artifacts.values()].filter((a) => a.project === p).map((a) => a.repo)).size,
      metadata: p.metadata,
      cve_allowlist: allowlistJson(p.id, p.allowlist),
    };
  }

  function scannerRegistrationJson(s: ScannerRegistration): Record<string, unknown> {
    return {
      uuid: s.uuid,
      name: s.name,
      description: 'The embedded scripted scanner',
      url: 'http://scanner.embedded:8080',
      disabled: s.disabled,
      is_default: s === sysDefault,
      auth: '',
      access_credential: '',
      skip_certVerify: false,
      use_internal_addr: true,
      create_time: ZERO_TIME,
      update_time: ZERO_TIME,
      adapter: s.name,
      vendor: s.vendor,
      version: s.version,
      health: s.health,
      capabilities: { support_vulnerability: true, support_sbom: s.supportSbom },
    };
  }

  // ------------------------------------------------------------ /service/token

  function tokenFor(id: Identity, scopes: Access[]): string {
    const t = Math.floor(now() / 1000);
    return signToken(identity, {
      iss: ISSUER,
      sub: id.user?.username ?? '',
      aud: SERVICE,
      exp: t + 1800,
      nbf: t - 10,
      iat: t,
      jti: crypto.randomUUID(),
      access: scopes,
    });
  }

  /** A scope intersected with what the identity may do. */
  function allowedActions(id: Identity, repo: string, wanted: string[]): string[] {
    if (id.access) {
      const granted = new Set(
        id.access.filter((x) => x.type === 'repository' && x.name === repo).flatMap((x) => x.actions),
      );
      return wanted.filter((w) => granted.has(w) || granted.has('*'));
    }
    const p = projects.get(repo.split('/')[0] ?? '');
    const out: string[] = [];
    for (const w of wanted) {
      if (
        (w === 'pull' && can(id, p, 'repository:pull')) ||
        ((w === 'push' || w === 'delete' || w === '*') && can(id, p, 'repository:push'))
      )
        out.push(w);
    }
    return out;
  }

  function serviceToken(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    const id = identify(req);
    if (id.rejected || id.access) throw new HttpError(401, 'UNAUTHORIZED', 'authentication failed');
    const service = url.searchParams.get('service');
    if (service !== null && service !== SERVICE)
      throw new HttpError(400, 'BAD_REQUEST', `invalid service: ${service}`);
    const access: Access[] = [];
    for (const raw of url.searchParams.getAll('scope').flatMap((s) => s.split(' '))) {
      const sc = parseScope(raw);
      if (sc?.type !== 'repository') continue;
      access.push({ type: 'repository', name: sc.name, actions: allowedActions(id, sc.name, sc.actions) });
    }
    const token = tokenFor(id, access);
    sendJson(res, 200, { token, access_token: '', expires_in: 1800, issued_at: iso(now()) });
  }

  // ------------------------------------------------------------ /v2/ front

  const V2_ROUTE =
    /^\/v2\/(.+)\/(manifests\/[^/]+|blobs\/uploads\/[^/]*|blobs\/[^/]+|tags\/list|referrers\/[^/]+)$/;

  function challenge(res: http.ServerResponse, id: Identity, scope?: string): void {
    const header =
      id.rejected && !id.access
        ? 'Basic realm="harbor"'
        : `Bearer realm="${baseUrl}/service/token",service="${SERVICE}"${scope ? `,scope="${scope}"` : ''}`;
    const body = JSON.stringify({
      errors: [{ code: 'UNAUTHORIZED', message: 'authentication required', detail: null }],
    });
    res.writeHead(401, {
      'WWW-Authenticate': header,
      'Docker-Distribution-Api-Version': 'registry/2.0',
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
    });
    res.end(body);
  }

  async function v2(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const id = identify(req);
    const method = req.method ?? 'GET';
    if (url.pathname === '/v2/' || url.pathname === '/v2') {
      if (!id.user && !id.access) {
        challenge(res, id);
        return;
      }
      await forward(req, res, url, [], undefined);
      return;
    }
    const m = V2_ROUTE.exec(url.pathname);
    if (!m) {
      sendJson(res, 404, { errors: [{ code: 'NOT_FOUND', message: 'not found' }] });
      return;
    }
    const repo = m[1] ?? '';
    const what = m[2] ?? '';
    const wanted =
      method === 'GET' || method === 'HEAD' ? ['pull'] : method === 'DELETE' ? ['delete'] : ['pull', 'push'];
    const actions = allowedActions(id, repo, wanted);
    if (actions.length < wanted.length) {
      if (id.user && !id.rejected && !id.access) {
        sendJson(res, 403, {
          errors: [{ code: 'DENIED', message: `requested access to the resource is denied` }],
        });
        return;
      }
      challenge(res, id, `repository:${repo}:${wanted.join(',')}`);
      return;
    }
    if (what.startsWith('referrers/')) {
      referrers(res, repo, decodeURIComponent(what.slice('referrers/'.length)), url);
      return;
    }
    const access: Access[] = [{ type: 'repository', name: repo, actions }];
    const from = url.searchParams.get('from');
    if (from && allowedActions(id, from, ['pull']).length === 1)
      access.push({ type: 'repository', name: from, actions: ['pull'] });
    if (method === 'PUT' && what.startsWith('manifests/')) {
      const body = await readBody(req, MAX_MANIFEST);
      await forward(req, res, url, access, body, (status, headers) => {
        if (status !== 201) return;
        const digest = headers['docker-content-digest'] ?? sha256(body);
        const ref = decodeURIComponent(what.slice('manifests/'.length));
        const a = recordManifest(repo, ref, body, req.headers['content-type'] ?? '', digest);
        if (a?.subject) headers['OCI-Subject'] = a.subject;
        if (a && a.accessoryType === undefined && a.project.metadata.auto_scan === 'true' && scannable(a)) {
          const s = projectScanner(a.project);
          if (s && !s.disabled && s.health === 'healthy')
            for (const d of scanTargets(a)) scanner.start(d, 'vulnerability');
        }
      });
      return;
    }
    await forward(req, res, url, access, undefined);
  }

  function referrers(res: http.ServerResponse, repo: string, digest: string, url: URL): void {
    if (!/^[a-z0-9]+:[a-f0-9]{32,}$/.test(digest)) {
      sendJson(res, 400, { errors: [{ code: 'BAD_REQUEST', message: `invalid digest ${digest}` }] });
      return;
    }
    const filter = url.searchParams.get('artifactType');
    const list = accessories
      .filter((x) => x.subjectRepo === repo && x.subjectDigest === digest)
      .map((x) => {
        const a = x.artifact;
        const d: Record<string, unknown> = {
          mediaType: a.mediaType,
          digest: a.digest,
          size: a.size,
          artifactType: a.artifactType ?? a.configMediaType ?? '',
        };
        if (Object.keys(a.annotations).length > 0) d.annotations = a.annotations;
        return d;
      })
      .filter((d) => filter === null || d.artifactType === filter);
    const headers: Record<string, string> = {
      'X-Total-Count': String(list.length),
      'Docker-Distribution-Api-Version': 'registry/2.0',
    };
    if (filter !== null) headers['OCI-Filters-Applied'] = 'artifactType';
    const text = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: list,
    });
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'application/vnd.oci.image.index.v1+json',
      'Content-Length': Buffer.byteLength(text),
    });
    res.end(text);
  }

  /** Proxy to the backend, streaming both ways, with a token minted for exactly `access`. */
  function forward(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    access: Access[],
    body: Buffer | undefined,
    onHead?: (status: number, headers: Record<string, string>) => void,
  ): Promise<void> {
    if (!backend) {
      sendJson(res, 503, { errors: [{ code: 'UNAVAILABLE', message: 'no registry backend configured' }] });
      return Promise.resolve();
    }
    const target = new URL(url.pathname + url.search, backend);
    const headers: http.OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(req.headers))
      if (!HOP_HEADERS.has(k) && v !== undefined) headers[k] = v;
    // The backend builds upload URLs from the Host it sees: keep ours so clients come back here.
    headers.host = req.headers.host ?? new URL(baseUrl).host;
    headers['x-forwarded-proto'] = opts.tls ? 'https' : 'http';
    if (backendAuth === 'token') headers.authorization = `Bearer ${tokenFor(identify(req), access)}`;
    if (body) {
      headers['content-length'] = String(body.length);
      delete headers['transfer-encoding'];
    }
    return new Promise((resolve) => {
      const up = http.request(target, { method: req.method, headers, agent: false }, (upRes) => {
        const out: Record<string, string> = {};
        for (const [k, v] of Object.entries(upRes.headers)) {
          if (v === undefined || k === 'connection' || k === 'keep-alive' || k === 'transfer-encoding')
            continue;
          out[k] = Array.isArray(v) ? v.join(', ') : v;
        }
        if (out.location?.startsWith(backend ?? '\u0000'))
          out.location = baseUrl + out.location.slice(new URL(backend ?? baseUrl).origin.length);
        onHead?.(upRes.statusCode ?? 502, out);
        res.writeHead(upRes.statusCode ?? 502, out);
        upRes.pipe(res);
        upRes.on('end', resolve);
        upRes.on('error', () => {
          res.destroy();
          resolve();
        });
      });
      up.on('error', () => {
        if (!res.headersSent)
          sendJson(res, 502, { errors: [{ code: 'UNKNOWN', message: 'internal server error' }] });
        else res.destroy();
        resolve();
      });
      if (body) up.end(body);
      else req.pipe(up);
    });
  }

  // ------------------------------------------------------------ the server

  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const requestId = crypto.randomUUID();
    res.setHeader('X-Request-Id', requestId);
    const handle = async (): Promise<void> => {
      if (url.pathname.startsWith('/api/v2.0/')) {
        res.on('finish', () => {
          requests.push({
            method: req.method ?? 'GET',
            path: url.pathname + url.search,
            status: res.statusCode,
          });
        });
        await api(req, res, url);
      } else if (url.pathname === '/service/token') {
        serviceToken(req, res, url);
      } else if (url.pathname === '/v2' || url.pathname.startsWith('/v2/')) {
        await v2(req, res, url);
      } else {
        throw new HttpError(404, 'NOT_FOUND', 'not found');
      }
    };
    handle().catch((e: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendError(res, e instanceof HttpError ? e : new HttpError(500, 'UNKNOWN', 'internal server error'));
    });
  };
  const server = opts.tls
    ? https.createServer({ cert: opts.tls.cert, key: opts.tls.key }, handler)
    : http.createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${String(port)}`;

  return {
    url: baseUrl,
    host: `127.0.0.1:${String(port)}`,
    port,
    certPem: identity.certPem,
    tokenAuth: { realm: `${baseUrl}/service/token`, service: SERVICE, issuer: ISSUER },
    scanner,
    requests,
    setBackend: (u) => {
      backend = u.replace(/\/+$/, '');
    },
    addProject,
    addUser: (u) => {
      users.set(u.username, u);
    },
    startScan: (digest, kind = 'vulnerability') => {
      scanner.start(digest, kind);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

function sha256(b: Buffer): string {
  return 'sha256:' + crypto.createHash('sha256').update(b).digest('hex');
}

export { DEFAULT_VULNERABILITIES };
export type { ScanScript, VulnItem };
