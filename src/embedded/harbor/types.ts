/**
 * The vocabulary of the embedded Harbor: its options, its records (projects, artifacts,
 * accessories, identities), Harbor's constants and the error a handler throws for a status.
 */
import crypto from 'node:crypto';
import type { ScanKind, ScanScript, ScriptedScanner } from './scanner.js';
import type { Access } from './token.js';

export const MIME_GENERIC = 'application/vnd.security.vulnerability.report; version=1.1';
export const MIME_NATIVE = 'application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0';
export const SERVICE = 'harbor-registry';
export const ISSUER = 'harbor-token-issuer';
export const ZERO_TIME = '0001-01-01T00:00:00.000Z';
export const MAX_MANIFEST = 4 * 1024 * 1024;
export const MAX_API_BODY = 64 * 1024;
export const INDEX_TYPES = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
]);
export const IMAGE_CONFIGS = new Set([
  'application/vnd.oci.image.config.v1+json',
  'application/vnd.docker.container.image.v1+json',
]);
export const SBOM_CONFIG = 'application/vnd.goharbor.harbor.sbom.v1';

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
export const PUBLIC_PERMISSIONS = [
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
  /**
   * Whether report items carry `artifact_digests` (default true, as Harbor 2.x sends them). A
   * scanner report without them is smaller: the large-report bench uses that.
   */
  reportArtifactDigests?: boolean;
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

export interface Project {
  id: number;
  name: string;
  public: boolean;
  metadata: Record<string, string>;
  allowlist: { items: string[]; expiresAt: number | null };
  scanner: ScannerRegistration | null | undefined;
  created: string;
}

export interface ChildRef {
  digest: string;
  platform?: Record<string, unknown>;
  annotations?: Record<string, string>;
}

export interface Artifact {
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

export interface Accessory {
  id: number;
  artifact: Artifact;
  subjectRepo: string;
  subjectDigest: string;
  type: string;
}

export interface Identity {
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

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function defaultScanner(init: Partial<ScannerRegistration> | undefined): ScannerRegistration {
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

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function sha256(b: Buffer): string {
  return 'sha256:' + crypto.createHash('sha256').update(b).digest('hex');
}
