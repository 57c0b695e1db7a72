/**
 * The Harbor API client: preflight, scan trigger, wait, report, project settings and SBOM
 * generation. See Harbor's API description (goharbor/harbor, api/v2.0/swagger.yaml) for the behaviour it relies on. All HTTP goes
 * through the injected HttpClient (no cookies: Harbor's CSRF check fires on a session cookie).
 */
import { setTimeout as delay } from 'node:timers/promises';
import { GateError, describe, infraError, inputError } from '../errors.js';
import type { HttpClient, HttpResponse } from '../http/client.js';
import { isLoopbackHost, parseJson } from '../http/client.js';
import type { Logger } from '../logger.js';
import {
  asObject,
  badResponse,
  isObject,
  optArray,
  optBoolean,
  optNumber,
  optObject,
  optString,
  type Json,
} from './guards.js';
import {
  ACCEPT_VULNERABILITIES,
  MIME_GENERIC,
  MIME_NATIVE,
  countFindings,
  parseScanner,
  parseVulnerabilityAddition,
} from './report.js';
import { parseAllowlist, parseProject, type ProjectSettings } from './settings.js';
import type { Finding, HarborAllowlist, ScanReport, Scanner } from '../core/index.js';

/** The parts of an image reference the client needs (structurally the OCI ImageReference). */
export interface ImageRef {
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
}

export interface HarborTarget {
  /** Harbor's base URL without /api/v2.0, e.g. https://harbor.example.com */
  baseUrl: string;
  project: string;
  /** The repository inside the project (may contain '/'). */
  repository: string;
  /** project/repository, as in the image reference. */
  fullName: string;
  tag?: string;
  digest?: string;
}

export const API_PREFIX = '/api/v2.0';

/** Harbor's base URL and project/repository from an image reference (or an explicit URL). */
/** One child of an index and its scan status (undefined: Harbor shows none). */
interface ChildScan {
  platform: string;
  digest: string;
  status?: string;
}

export function harborTarget(ref: ImageRef, harborUrl?: string): HarborTarget {
  const slash = ref.repository.indexOf('/');
  if (slash <= 0 || slash === ref.repository.length - 1) {
    throw inputError(
      'HARBOR_BAD_REFERENCE',
      `${ref.registry}/${ref.repository} has no Harbor project: Harbor repositories are <project>/<repository>`,
      'Give the image as host/project/repository[:tag], e.g. harbor.example.com/library/app:1.0.',
    );
  }
  let baseUrl: string;
  if (harborUrl !== undefined && harborUrl !== '') {
    let u: URL;
    try {
      u = new URL(harborUrl);
    } catch (e) {
      throw inputError(
        'HARBOR_BAD_URL',
        `--harbor-url ${JSON.stringify(harborUrl)} is not a URL`,
        'Give a URL like https://harbor.example.com.',
        e,
      );
    }
    if (u.protocol !== 'https:' && u.protocol !== 'http:') {
      throw inputError(
        'HARBOR_BAD_URL',
        `--harbor-url must be http(s), got ${u.protocol}`,
        'Give a URL like https://harbor.example.com.',
      );
    }
    baseUrl = `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '').replace(/\/api\/v2\.0$/, '')}`;
  } else {
    const host = ref.registry.replace(/:\d+$/, '');
    // Loopback registries (the demo, tests, port-forwards) speak plain HTTP; everything else HTTPS.
    baseUrl = `${isLoopbackHost(host) ? 'http' : 'https'}://${ref.registry}`;
  }
  const target: HarborTarget = {
    baseUrl,
    project: ref.repository.slice(0, slash),
    repository: ref.repository.slice(slash + 1),
    fullName: ref.repository,
  };
  if (ref.tag !== undefined) target.tag = ref.tag;
  if (ref.digest !== undefined) target.digest = ref.digest;
  return target;
}

export interface HarborClientOptions {
  http: HttpClient;
  baseUrl: string;
  username?: string;
  password?: string;
  logger: Logger;
  /** First poll interval (default 2 s), doubled up to pollMaxMs (default 15 s). */
  pollMinMs?: number;
  pollMaxMs?: number;
  /** How long a missing scan overview counts as pending (default 60 s). */
  missingGraceMs?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface ScannerInfo {
  name: string;
  vendor?: string;
  version?: string;
  health?: string;
  disabled: boolean;
  supportsVulnerability: boolean;
  supportsSbom: boolean;
}

export interface PreflightResult {
  /** e.g. v2.11.0-70255684; absent when Harbor does not show it. */
  harborVersion?: string;
  projectId: number;
  scanner?: ScannerInfo;
  /** resource:action pairs granted in the project, when Harbor lists them. */
  permissions?: string[];
  warnings: string[];
}

export interface ScanOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface SbomResult {
  /** The digest of the SBOM accessory Harbor pushed. */
  sbomDigest: string;
  mediaType: string;
  /** The SBOM document (SPDX JSON for Trivy). */
  document: unknown;
  status: string;
}

/** The scan overview Harbor shows on the artifact (one MIME type's NativeReportSummary). */
export interface ScanOverview {
  reportId?: string;
  status: string;
  startTime?: string;
  endTime?: string;
  completePercent?: number;
  scanner?: Scanner;
  total?: number;
  fixable?: number;
}

export interface SbomOverview {
  reportId?: string;
  status: string;
  sbomDigest?: string;
  startTime?: string;
  endTime?: string;
}

export interface ArtifactInfo {
  digest: string;
  type?: string;
  manifestMediaType?: string;
  references: { childDigest: string; platform?: string }[];
  scan?: ScanOverview;
  sbom?: SbomOverview;
  accessories: { digest: string; type: string }[];
}

const FINAL = new Set(['Success', 'Error', 'Stopped']);
const INDEX_TYPES = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
]);
/** Permissions the gate needs to scan and read the result; the rest only degrade features. */
const REQUIRED_PERMISSIONS = ['artifact:read', 'scan:create', 'artifact-addition:read'];
const USEFUL_PERMISSIONS = ['scan:stop', 'scan:read'];
const JSON_LIMIT = 4 * 1024 * 1024;
const REPORT_LIMIT = 64 * 1024 * 1024;
const LOG_LIMIT = 2 * 1024 * 1024;
const LOG_TAIL_LINES = 30;

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return delay(ms, undefined, signal ? { signal } : undefined);
}

/** Whether a Harbor version is at least major.minor; an unknown version counts as current. */
export function versionAtLeast(version: string | undefined, major: number, minor: number): boolean {
  const m = version ? /^v?(\d+)\.(\d+)/.exec(version) : null;
  if (!m) return true; // unknown: assume a current Harbor (older ones ignore the extra body)
  const [maj, min] = [Number(m[1]), Number(m[2])];
  return maj > major || (maj === major && min >= minor);
}

export function isFinalStatus(status: string): boolean {
  return FINAL.has(status);
}

export class HarborClient {
  private readonly http: HttpClient;
  private readonly baseUrl: string;
  private readonly username: string | undefined;
  private readonly auth: string | undefined;
  private readonly logger: Logger;
  private readonly pollMinMs: number;
  private readonly pollMaxMs: number;
  private readonly missingGraceMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private version: string | undefined;
  private versionRead: Promise<string | undefined> | undefined;
  /** systeminfo's auth_mode (db_auth, ldap_auth, oidc_auth, ...), anonymous-readable. */
  private authMode: string | undefined;

  constructor(opts: HarborClientOptions) {
    this.http = opts.http;
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '').replace(/\/api\/v2\.0$/, '');
    this.username = opts.username;
    this.auth =
      opts.username !== undefined && opts.password !== undefined
        ? 'Basic ' + Buffer.from(`${opts.username}:${opts.password}`).toString('base64')
        : undefined;
    this.logger = opts.logger;
    this.pollMinMs = opts.pollMinMs ?? 2_000;
    this.pollMaxMs = Math.max(opts.pollMaxMs ?? 15_000, this.pollMinMs);
    this.missingGraceMs = opts.missingGraceMs ?? 60_000;
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? defaultSleep;
  }

  // ---------------------------------------------------------------- HTTP plumbing

  private async call(
    method: 'GET' | 'POST',
    path: string,
    opts: { headers?: Record<string, string>; json?: unknown; maxBytes?: number; signal?: AbortSignal } = {},
  ): Promise<HttpResponse> {
    const headers: Record<string, string> = { Accept: 'application/json', ...(opts.headers ?? {}) };
    if (this.auth) headers.Authorization = this.auth;
    let body: string | undefined;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers['Content-Type'] = 'application/json';
    }
    try {
      return await this.http.request({
        method,
        url: `${this.baseUrl}${API_PREFIX}${path}`,
        headers,
        ...(body !== undefined ? { body } : {}),
        maxBytes: opts.maxBytes ?? JSON_LIMIT,
        maxRedirects: 0,
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
    } catch (e) {
      if (e instanceof GateError && e.code === 'HTTP_NETWORK') {
        throw new GateError({
          code: 'HARBOR_UNREACHABLE',
          message: `Harbor at ${this.baseUrl} could not be reached: ${e.message}`,
          remedy:
            'Check --harbor-url (default: the image registry over HTTPS), DNS, firewall and proxy settings, and that Harbor is up.',
          kind: 'infra',
          cause: e,
        });
      }
      throw e;
    }
  }

  private json(res: HttpResponse, what: string): unknown {
    const type = res.headers['content-type'] ?? '';
    if (/text\/html/i.test(type) || /^\s*</.test(res.body.subarray(0, 64).toString('utf8'))) {
      throw new GateError({
        code: 'HARBOR_NOT_HARBOR',
        message: `${this.baseUrl} answered the ${what} request with an HTML page (HTTP ${String(res.status)}), not Harbor's JSON API`,
        remedy:
          'Point --harbor-url at Harbor itself (not a login portal or proxy page), e.g. https://harbor.example.com.',
        kind: 'input',
      });
    }
    return parseJson(res, `Harbor's ${what}`);
  }

  /** Harbor's error text from {"errors":[{code,message}]}, bounded; never echoes request data. */
  private errorText(res: HttpResponse): string {
    try {
      const body = JSON.parse(res.body.subarray(0, 64 * 1024).toString('utf8')) as unknown;
      if (isObject(body) && Array.isArray(body.errors)) {
        const parts = body.errors
          .filter(isObject)
          .map((e) => [e.code, e.message].filter((x) => typeof x === 'string').join(': '))
          .filter((s) => s !== '');
        if (parts.length > 0) return parts.join('; ').slice(0, 400);
      }
    } catch {
      // not JSON: fall through
    }
    if (/text\/html/i.test(res.headers['content-type'] ?? '')) return 'an HTML page';
    const text = res.body.toString('utf8').trim().slice(0, 200);
    return text === '' ? 'no details' : text.replace(/\s+/g, ' ');
  }

  /** What to check when Harbor refuses the given credentials. */
  private credentialsRemedy(): string {
    const robot =
      "Robot accounts are named robot$<project>+<name> (escape the '$' in shells and CI YAML); disabled or expired robots are refused.";
    if (this.authMode === 'oidc_auth' && !this.username?.startsWith('robot$')) {
      return `This Harbor logs users in with OIDC: a user's CLI secret works for docker push but not for Harbor's API (scans, artifacts). Use a robot account. ${robot}`;
    }
    return `Check the username and password. ${robot}`;
  }

  private who(): string {
    return this.username === undefined ? 'anonymous access' : `user ${this.username}`;
  }

  /** Map the statuses every endpoint shares (401, 403, 5xx, anything unexpected) to errors. */
  private fail(res: HttpResponse, action: string, permission: string): GateError {
    const detail = this.errorText(res);
    if (res.status === 401) {
      return new GateError({
        code: 'HARBOR_UNAUTHORIZED',
        message: `Harbor refused ${this.who()} to ${action} (HTTP 401: ${detail})`,
        remedy:
          this.username === undefined
            ? 'Give --username and the password (HARBOR_GATE_PASSWORD or --password-stdin); a robot account is best.'
            : this.credentialsRemedy(),
        kind: 'input',
        details: { status: 401 },
      });
    }
    if (res.status === 403) {
      return new GateError({
        code: 'HARBOR_FORBIDDEN',
        message: `Harbor did not allow ${this.who()} to ${action} (HTTP 403: ${detail})`,
        remedy: `Grant the robot account the project permission ${permission} (Harbor 2.10+: Projects > Robot Accounts > Edit), or check that the project exists.`,
        kind: 'input',
        details: { status: 403, permission },
      });
    }
    if (res.status >= 500) {
      // Harbor logs the cause under the request's id; an admin finds it with that.
      const requestId = res.headers['x-request-id'];
      return infraError(
        'HARBOR_SERVER_ERROR',
        `Harbor failed to ${action} (HTTP ${String(res.status)}: ${detail}${requestId ? `; X-Request-Id ${requestId}` : ''})`,
        requestId
          ? `Harbor hides 5xx details: search its core and jobservice logs for ${requestId}, then run again.`
          : "Harbor hides 5xx details: check Harbor's core and jobservice logs, then run again.",
      );
    }
    return infraError(
      'HARBOR_UNEXPECTED_STATUS',
      `Harbor answered HTTP ${String(res.status)} when asked to ${action} (${detail})`,
      'Check that --harbor-url points at Harbor 2.x; run with --debug for details.',
    );
  }

  private projectPath(project: string): { path: string; headers: Record<string, string> } {
    return {
      path: `/projects/${encodeURIComponent(project)}`,
      // All-digit names would be read as project ids.
      headers: /^\d+$/.test(project) ? { 'X-Is-Resource-Name': 'true' } : {},
    };
  }

  /** .../artifacts/{reference}; the repository name is URL-encoded twice (Harbor decodes twice). */
  artifactPath(target: HarborTarget, reference: string): string {
    return (
      `/projects/${encodeURIComponent(target.project)}` +
      `/repositories/${encodeURIComponent(encodeURIComponent(target.repository))}` +
      `/artifacts/${encodeURIComponent(reference)}`
    );
  }

  // ---------------------------------------------------------------- preflight

  /** harbor_version, from the preflight or else from /systeminfo (asked once); undefined if hidden. */
  private async knownVersion(): Promise<string | undefined> {
    if (this.version !== undefined) return this.version;
    this.versionRead ??= (async () => {
      const info = await this.call('GET', '/systeminfo');
      if (info.status !== 200) return undefined;
      return optString(asObject(this.json(info, 'systeminfo'), 'systeminfo'), 'harbor_version', 'systeminfo');
    })();
    this.version ??= await this.versionRead;
    return this.version;
  }

  async preflight(target: HarborTarget): Promise<PreflightResult> {
    const warnings: string[] = [];
    const info = await this.call('GET', '/systeminfo');
    if (info.status !== 200) throw this.fail(info, 'read /systeminfo', 'none');
    const sys = asObject(this.json(info, 'systeminfo'), 'systeminfo');
    this.authMode = optString(sys, 'auth_mode', 'systeminfo');
    const version = optString(sys, 'harbor_version', 'systeminfo');
    if (version === undefined) {
      if (this.username !== undefined) {
        throw new GateError({
          code: 'HARBOR_UNAUTHORIZED',
          message: `Harbor at ${this.baseUrl} did not accept the credentials of ${this.who()} (it treats the request as anonymous)`,
          remedy: this.credentialsRemedy(),
          kind: 'input',
        });
      }
      warnings.push('no credentials given: Harbor hides its version and allows anonymous users very little');
    } else {
      this.version = version;
      this.logger.debug(`Harbor ${version} at ${this.baseUrl}`);
      if (!versionAtLeast(version, 2, 4))
        warnings.push(`Harbor ${version} is older than 2.4: a timed-out scan cannot be stopped`);
    }

    const settings = await this.getProjectSettings(target.project);
    const result: PreflightResult = { projectId: settings.projectId, warnings };
    if (version !== undefined) result.harborVersion = version;

    const scanner = await this.getScanner(target.project);
    if (scanner === 'forbidden') {
      warnings.push(
        `cannot check the project scanner: ${this.who()} lacks the project permission scanner:read`,
      );
    } else {
      if (scanner === undefined) {
        throw inputError(
          'HARBOR_NO_SCANNER',
          `project ${target.project} has no vulnerability scanner, and Harbor has no default scanner`,
          'Install Harbor with Trivy, or register a scanner (Administration > Interrogation Services) and set it as default or as the project scanner.',
        );
      }
      if (scanner.disabled) {
        throw inputError(
          'HARBOR_SCANNER_DISABLED',
          `the scanner ${scanner.name} of project ${target.project} is deactivated`,
          'Enable the scanner in Administration > Interrogation Services, or choose another one for the project.',
        );
      }
      if (scanner.health !== undefined && scanner.health !== '' && scanner.health !== 'healthy') {
        throw infraError(
          'HARBOR_SCANNER_UNHEALTHY',
          `the scanner ${scanner.name} of project ${target.project} is ${scanner.health}: Harbor cannot reach its adapter`,
          'Check the scanner adapter (e.g. the trivy-adapter container) and its registration URL in Administration > Interrogation Services.',
        );
      }
      if (!scanner.supportsVulnerability) {
        throw inputError(
          'HARBOR_SCANNER_NO_VULN',
          `the scanner ${scanner.name} does not scan for vulnerabilities`,
          'Set a vulnerability scanner such as Trivy for the project.',
        );
      }
      result.scanner = scanner;
    }

    const perms = await this.getPermissions(settings.projectId);
    if (perms === undefined) {
      warnings.push('Harbor did not list the permissions of the account; continuing without the check');
    } else {
      result.permissions = perms;
      const missing = REQUIRED_PERMISSIONS.filter((p) => !perms.includes(p));
      if (missing.length > 0) {
        throw new GateError({
          code: 'HARBOR_PERMISSION_MISSING',
          message: `${this.who()} lacks the project permission(s) ${missing.join(', ')} in ${target.project}, which the scan needs`,
          remedy: `Edit the robot account and grant ${missing.join(', ')} (the gate needs ${[...REQUIRED_PERMISSIONS, ...USEFUL_PERMISSIONS].join(', ')}).`,
          kind: 'input',
          details: { missing },
        });
      }
      const useful = USEFUL_PERMISSIONS.filter((p) => !perms.includes(p));
      if (useful.length > 0) {
        warnings.push(
          `${this.who()} lacks ${useful.join(', ')}: a timed-out scan cannot be stopped or its log read`,
        );
      }
    }
    for (const w of warnings) this.logger.warn(w);
    return result;
  }

  /** The project's scanner (else the system default); undefined when none; 'forbidden' on 403. */
  async getScanner(project: string): Promise<ScannerInfo | undefined | 'forbidden'> {
    const { path, headers } = this.projectPath(project);
    const res = await this.call('GET', `${path}/scanner`, { headers });
    if (res.status === 403) return 'forbidden';
    if (res.status === 404) throw this.projectNotFound(project);
    if (res.status !== 200) throw this.fail(res, `read the scanner of project ${project}`, 'scanner:read');
    if (res.body.toString('utf8').trim() === '' || res.body.toString('utf8').trim() === 'null')
      return undefined;
    const what = 'project scanner';
    const o = asObject(this.json(res, what), what);
    const caps = optObject(o, 'capabilities', what) ?? {};
    const info: ScannerInfo = {
      name: optString(o, 'name', what) ?? '(unnamed)',
      disabled: optBoolean(o, 'disabled', what) ?? false,
      // Older Harbors list no capabilities: every scanner then scans for vulnerabilities.
      supportsVulnerability: caps.support_vulnerability !== false,
      supportsSbom: caps.support_sbom === true,
    };
    const vendor = optString(o, 'vendor', what);
    const version = optString(o, 'version', what);
    const health = optString(o, 'health', what);
    if (vendor !== undefined) info.vendor = vendor;
    if (version !== undefined) info.version = version;
    if (health !== undefined) info.health = health;
    return info;
  }

  private async getPermissions(projectId: number): Promise<string[] | undefined> {
    const q = new URLSearchParams({ scope: `/project/${String(projectId)}`, relative: 'true' });
    const res = await this.call('GET', `/users/current/permissions?${q.toString()}`);
    if (res.status === 401) throw this.fail(res, 'list its permissions', 'none');
    if (res.status !== 200) return undefined;
    const what = 'permission list';
    const body = this.json(res, what);
    if (!Array.isArray(body)) throw badResponse(what, 'expected an array');
    return body.map((p) => {
      const o = asObject(p, what);
      return `${optString(o, 'resource', what) ?? ''}:${optString(o, 'action', what) ?? ''}`;
    });
  }

  private projectNotFound(project: string): GateError {
    return inputError(
      'HARBOR_PROJECT_NOT_FOUND',
      `Harbor has no project ${project}`,
      'Check the image reference (host/project/repository) or create the project in Harbor.',
    );
  }

  // ---------------------------------------------------------------- project settings

  async getProjectSettings(project: string): Promise<ProjectSettings> {
    const { path, headers } = this.projectPath(project);
    const res = await this.call('GET', path, { headers });
    if (res.status === 404) throw this.projectNotFound(project);
    if (res.status === 403) {
      throw new GateError({
        code: 'HARBOR_PROJECT_FORBIDDEN',
        message: `project ${project} does not exist, or ${this.who()} may not read it (HTTP 403)`,
        remedy:
          'Check the project name in the image reference, and grant the robot account the project permission project:read.',
        kind: 'input',
      });
    }
    if (res.status !== 200) throw this.fail(res, `read project ${project}`, 'project:read');
    return parseProject(this.json(res, 'project'));
  }

  /**
   * The CVE allowlist Harbor applies to the project: the system list when the project reuses it
   * (the default), else the project's own. Expiry is kept in expiresAt for the policy to apply.
   */
  async getAllowlists(project: string): Promise<HarborAllowlist[]> {
    const settings = await this.getProjectSettings(project);
    if (!settings.reuseSysCveAllowlist) return [settings.projectAllowlist];
    const res = await this.call('GET', '/system/CVEAllowlist');
    if (res.status !== 200)
      throw this.fail(res, 'read the system CVE allowlist', 'none (any authenticated user)');
    return [parseAllowlist(this.json(res, 'system CVE allowlist'), 'system')];
  }

  // ---------------------------------------------------------------- artifacts

  async getArtifact(
    target: HarborTarget,
    reference: string,
    opts: { scan?: boolean; sbom?: boolean; accessories?: boolean; signal?: AbortSignal } = {},
  ): Promise<ArtifactInfo> {
    const q = new URLSearchParams();
    if (opts.scan) q.set('with_scan_overview', 'true');
    if (opts.sbom) q.set('with_sbom_overview', 'true');
    if (opts.accessories) q.set('with_accessory', 'true');
    const query = q.size > 0 ? `?${q.toString()}` : '';
    const res = await this.call('GET', this.artifactPath(target, reference) + query, {
      headers: { 'X-Accept-Vulnerabilities': ACCEPT_VULNERABILITIES },
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    if (res.status === 404) {
      throw inputError(
        'HARBOR_ARTIFACT_NOT_FOUND',
        `Harbor has no artifact ${target.fullName}@${reference} (${this.errorText(res)})`,
        'Check the image reference; push the image first, or check that it went to this Harbor.',
      );
    }
    if (res.status !== 200)
      throw this.fail(res, `read artifact ${target.fullName}@${reference}`, 'artifact:read');
    return parseArtifact(this.json(res, 'artifact'));
  }

  // ---------------------------------------------------------------- scanning

  private async trigger(
    target: HarborTarget,
    digest: string,
    scanType: 'vulnerability' | 'sbom',
  ): Promise<'started' | 'running'> {
    const withBody = versionAtLeast(this.version, 2, 11);
    const res = await this.call(
      'POST',
      `${this.artifactPath(target, digest)}/scan`,
      withBody ? { json: { scan_type: scanType } } : {},
    );
    const what = scanType === 'sbom' ? 'SBOM generation' : 'scan';
    const perm = scanType === 'sbom' ? 'sbom:create' : 'scan:create';
    switch (res.status) {
      case 202:
        return 'started';
      case 409:
        this.logger.info(`a ${what} of ${digest} is already running (e.g. scan on push): waiting for it`);
        return 'running';
      case 412:
        throw inputError(
          'HARBOR_NO_SCANNER',
          `Harbor cannot start a ${what} of ${target.fullName}: ${this.errorText(res)}`,
          'Configure a scanner for the project (or a system default) and make sure it is enabled.',
        );
      case 400:
      case 422:
        throw inputError(
          'HARBOR_NOT_SCANNABLE',
          `Harbor will not ${scanType === 'sbom' ? 'generate an SBOM for' : 'scan'} ${target.fullName}@${digest}: ${this.errorText(res)}`,
          'The artifact type is not supported by the scanner (only images are scanned), or the scanner adapter is unreachable: check its health in Administration > Interrogation Services.',
        );
      case 404:
        throw inputError(
          'HARBOR_ARTIFACT_NOT_FOUND',
          `Harbor has no artifact ${target.fullName}@${digest} (${this.errorText(res)})`,
          'Check the image reference; push the image first, or check that it went to this Harbor.',
        );
      default:
        throw this.fail(res, `start a ${what} of ${target.fullName}`, perm);
    }
  }

  /** Stop a running scan (Harbor 2.4+); failures are logged, not thrown. */
  async stopScan(
    target: HarborTarget,
    digest: string,
    scanType: 'vulnerability' | 'sbom' = 'vulnerability',
  ): Promise<boolean> {
    try {
      const res = await this.call('POST', `${this.artifactPath(target, digest)}/scan/stop`, {
        json: { scan_type: scanType },
      });
      if (res.status === 202) return true;
      this.logger.warn(
        `could not stop the ${scanType} scan of ${digest}: HTTP ${String(res.status)} ${this.errorText(res)}`,
      );
    } catch (e) {
      this.logger.warn(`could not stop the ${scanType} scan of ${digest}: ${describe(e)}`);
    }
    return false;
  }

  /** The last lines of a scan's log, or a note why it is unavailable. */
  async scanLogTail(
    target: HarborTarget,
    digest: string,
    reportId: string,
    lines = LOG_TAIL_LINES,
  ): Promise<string> {
    try {
      const res = await this.call(
        'GET',
        `${this.artifactPath(target, digest)}/scan/${encodeURIComponent(reportId)}/log`,
        {
          headers: { Accept: 'text/plain' },
          maxBytes: LOG_LIMIT,
        },
      );
      if (res.status !== 200)
        return `(scan log unavailable: HTTP ${String(res.status)} ${this.errorText(res)})`;
      const all = res.body.toString('utf8').replace(/\r/g, '').split('\n');
      while (all.length > 0 && all[all.length - 1] === '') all.pop();
      return all.slice(-lines).join('\n') || '(the scan log is empty)';
    } catch (e) {
      return `(scan log unavailable: ${describe(e)})`;
    }
  }

  /** Trigger a vulnerability scan of digest, wait for the new report and return it normalised. */
  async scan(target: HarborTarget, digest: string, opts: ScanOptions): Promise<ScanReport> {
    const start = this.now();
    const before = await this.getArtifact(target, digest, {
      scan: true,
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    const isIndex = before.references.length > 0 || INDEX_TYPES.has(before.manifestMediaType ?? '');
    const prior = before.scan;
    const triggerTime = this.now();
    const how = await this.trigger(target, digest, 'vulnerability');
    this.logger.info(
      `${how === 'started' ? 'scan started' : 'waiting for the running scan'} of ${target.fullName}@${digest}`,
    );

    const isNew = (ov: ScanOverview): boolean => {
      if (how === 'running' || prior === undefined || !isFinalStatus(prior.status)) return true;
      if (ov.reportId !== undefined && ov.reportId !== prior.reportId) return true;
      const started = ov.startTime ? Date.parse(ov.startTime) : NaN;
      return Number.isFinite(started) && started >= triggerTime;
    };
    // An index's status is merged from its children: Running while one runs, else Success when one
    // succeeded, so a Pending child shows as Success below 100 %, and so does a child that failed
    // ("limited success"). Below 100 % the children decide whether anything is still to come.
    let children: ChildScan[] = [];
    const done = async (ov: ScanOverview): Promise<boolean> => {
      if (!isNew(ov) || !isFinalStatus(ov.status)) return false;
      if (!isIndex || ov.status !== 'Success' || ov.completePercent === 100) return true;
      children = await this.childScans(target, before);
      return children.every((c) => c.status === undefined || isFinalStatus(c.status));
    };

    const ov = await this.poll(target, digest, {
      kind: 'scan',
      start,
      timeoutMs: opts.timeoutMs,
      ...(opts.signal ? { signal: opts.signal } : {}),
      read: async (signal) =>
        (await this.getArtifact(target, digest, { scan: true, ...(signal ? { signal } : {}) })).scan,
      done,
      describe: (o) =>
        `${o.status}${o.completePercent !== undefined && isIndex ? ` ${String(o.completePercent)}%` : ''}`,
    });
    if (isIndex && ov.status === 'Success' && ov.completePercent !== undefined && ov.completePercent < 100) {
      const missing = children.filter((c) => c.status !== 'Success');
      const list = missing.map((c) => `${c.platform} ${c.digest}: ${c.status ?? 'not scanned'}`).join('; ');
      throw new GateError({
        code: 'SCAN_INCOMPLETE',
        message: `Harbor scanned only ${String(ov.completePercent)}% of the platforms of ${target.fullName}@${digest} (${list || 'no child named'}), so its findings are not the whole image's`,
        remedy:
          'Scan the failed platforms again or remove them from the index; before Harbor 2.11, build attestations (unknown/unknown manifests from docker buildx) cannot be scanned: build with --provenance=false --sbom=false or upgrade Harbor.',
        kind: 'infra',
        details: { completePercent: ov.completePercent, platforms: missing },
      });
    }
    if (ov.status !== 'Success') {
      const tail = ov.reportId
        ? await this.scanLogTail(target, digest, ov.reportId)
        : '(no report id: no log)';
      const failed = ov.status === 'Error';
      throw new GateError({
        code: failed ? 'SCAN_FAILED' : 'SCAN_STOPPED',
        message: `Harbor's scan of ${target.fullName}@${digest} ended with status ${ov.status}. Last lines of the scan log:\n${tail}`,
        remedy: failed
          ? 'Read the scan log above; check the scanner adapter (e.g. Trivy DB download, disk space) and run again.'
          : 'Someone (or Harbor) stopped the scan: run again.',
        kind: 'infra',
        details: { status: ov.status, log: tail },
      });
    }
    return this.report(target, digest, before, ov);
  }

  private async poll<T extends { status: string; reportId?: string }>(
    target: HarborTarget,
    digest: string,
    p: {
      kind: 'scan' | 'sbom';
      start: number;
      timeoutMs: number;
      signal?: AbortSignal;
      read: (signal?: AbortSignal) => Promise<T | undefined>;
      done: (o: T) => boolean | Promise<boolean>;
      describe: (o: T) => string;
    },
  ): Promise<T> {
    const deadline = p.start + p.timeoutMs;
    let wait = this.pollMinMs;
    let missingSince: number | undefined;
    let last: T | undefined;
    let lastText = '';
    const label = p.kind === 'sbom' ? 'SBOM generation' : 'scan';
    for (;;) {
      if (p.signal?.aborted) {
        throw infraError(
          'SCAN_CANCELLED',
          `the wait for Harbor's ${label} of ${digest} was cancelled`,
          'Run again.',
          p.signal.reason,
        );
      }
      const o = await p.read(p.signal);
      const now = this.now();
      if (o === undefined) {
        missingSince ??= now;
        if (now - missingSince >= this.missingGraceMs) {
          throw infraError(
            'SCAN_NOT_STARTED',
            `Harbor shows no ${label} status for ${target.fullName}@${digest} ${String(Math.round((now - missingSince) / 1000))} s after the request`,
            'The project scanner may have changed, or the artifact is not scannable (accessories, unsupported media types). Check the artifact in the Harbor UI.',
          );
        }
      } else {
        missingSince = undefined;
        last = o;
        const text = p.describe(o);
        if (text !== lastText) this.logger.info(`${label} of ${digest}: ${text}`);
        lastText = text;
        if (await p.done(o)) return o;
      }
      if (now >= deadline) return this.timeout(target, digest, p.kind, p.timeoutMs, last);
      await this.sleep(Math.min(wait, Math.max(deadline - now, 1)), p.signal).catch((e: unknown) => {
        if (!p.signal?.aborted) throw e;
      });
      wait = Math.min(wait * 2, this.pollMaxMs);
    }
  }

  private async timeout(
    target: HarborTarget,
    digest: string,
    kind: 'scan' | 'sbom',
    timeoutMs: number,
    last: { status: string; reportId?: string } | undefined,
  ): Promise<never> {
    const label = kind === 'sbom' ? 'SBOM generation' : 'scan';
    const stopped = await this.stopScan(target, digest, kind === 'sbom' ? 'sbom' : 'vulnerability');
    const tail = last?.reportId
      ? await this.scanLogTail(target, digest, last.reportId)
      : '(no report id: no log)';
    const secs = Math.round(timeoutMs / 1000);
    throw new GateError({
      code: kind === 'sbom' ? 'SBOM_TIMEOUT' : 'SCAN_TIMEOUT',
      message:
        `Harbor's ${label} of ${target.fullName}@${digest} did not finish within ${String(secs)} s ` +
        `(last status: ${last?.status ?? 'none'}; ${stopped ? 'the scan was stopped' : 'it could not be stopped'}). ` +
        `Last lines of the scan log:\n${tail}`,
      remedy:
        'Scans stuck in Pending/Running usually mean jobservice, Redis or the scanner adapter is unhealthy: check them. A large image may need a longer --scan-timeout.',
      kind: 'infra',
      details: { status: last?.status, stopped, log: tail },
    });
  }

  /** The scan status of each child of an index (attestation children included, as Harbor counts them). */
  private async childScans(target: HarborTarget, index: ArtifactInfo): Promise<ChildScan[]> {
    const out: ChildScan[] = [];
    for (const ref of index.references) {
      const child = await this.getArtifact(target, ref.childDigest, { scan: true });
      out.push({
        platform: ref.platform ?? 'unknown',
        digest: ref.childDigest,
        ...(child.scan?.status !== undefined ? { status: child.scan.status } : {}),
      });
    }
    return out;
  }

  private async report(
    target: HarborTarget,
    digest: string,
    art: ArtifactInfo,
    ov: ScanOverview,
  ): Promise<ScanReport> {
    const res = await this.call('GET', `${this.artifactPath(target, digest)}/additions/vulnerabilities`, {
      headers: { 'X-Accept-Vulnerabilities': ACCEPT_VULNERABILITIES },
      maxBytes: REPORT_LIMIT,
    });
    if (res.status === 404) {
      throw infraError(
        'HARBOR_REPORT_NOT_FOUND',
        `Harbor has no vulnerability report for ${target.fullName}@${digest} (${this.errorText(res)})`,
        'Check that the project has a scanner and that the artifact is an image the scanner supports.',
      );
    }
    if (res.status !== 200)
      throw this.fail(res, `read the vulnerability report of ${target.fullName}`, 'artifact-addition:read');
    const parsed = parseVulnerabilityAddition(this.json(res, 'vulnerability report'), digest);
    const platformOf = new Map(art.references.map((r) => [r.childDigest, r.platform ?? 'unknown']));
    const findings: Finding[] = [];
    for (const { finding, digests } of parsed.items) {
      if (platformOf.size === 0) {
        findings.push({ ...finding, artifactDigest: digests[0] ?? digest });
        continue;
      }
      const inChildren = digests.filter((d) => platformOf.has(d));
      if (inChildren.length === 0) findings.push({ ...finding, artifactDigest: digests[0] ?? digest });
      for (const d of inChildren)
        findings.push({ ...finding, artifactDigest: d, platform: platformOf.get(d) ?? 'unknown' });
    }
    const { counts, fixable } = countFindings(findings);
    const out: ScanReport = { digest, status: ov.status, findings, counts, fixable };
    const scanner = ov.scanner ?? parsed.scanner;
    if (scanner) out.scanner = scanner;
    if (ov.startTime) out.startTime = ov.startTime;
    if (ov.endTime) out.endTime = ov.endTime;
    if (art.references.length > 0) {
      const platforms: NonNullable<ScanReport['platforms']> = [];
      for (const ref of art.references) {
        if (ref.platform === undefined || ref.platform.startsWith('unknown')) continue; // attestations
        const child = await this.getArtifact(target, ref.childDigest, { scan: true });
        platforms.push({
          platform: ref.platform,
          digest: ref.childDigest,
          status: child.scan?.status ?? 'Not Scanned',
        });
      }
      out.platforms = platforms;
    }
    return out;
  }

  // ---------------------------------------------------------------- SBOM generation (2.11+)

  /** Have Harbor's scanner generate an SBOM for digest, wait for it and return the document. */
  async generateSbom(target: HarborTarget, digest: string, opts: ScanOptions): Promise<SbomResult> {
    const start = this.now();
    // The gate asks for the SBOM while the preflight runs: learn the version here if need be, as
    // Harbor before 2.11 ignores scan_type and would start a vulnerability scan instead.
    if (!versionAtLeast(await this.knownVersion(), 2, 11)) {
      throw inputError(
        'HARBOR_SBOM_UNSUPPORTED',
        `Harbor ${this.version ?? ''} cannot generate SBOMs (2.11 or later can)`,
        'Upgrade Harbor, or attach an SBOM you generate yourself with --sbom.',
      );
    }
    const scanner = await this.getScanner(target.project);
    if (scanner === undefined) {
      throw inputError(
        'HARBOR_NO_SCANNER',
        `project ${target.project} has no scanner to generate an SBOM`,
        'Configure a scanner (e.g. Trivy) for the project or as system default.',
      );
    }
    if (scanner !== 'forbidden' && !scanner.supportsSbom) {
      throw inputError(
        'HARBOR_SBOM_UNSUPPORTED',
        `the scanner ${scanner.name} of project ${target.project} cannot generate SBOMs`,
        'Use a scanner with SBOM support (Trivy adapter 0.31+), or attach your own SBOM with --sbom.',
      );
    }
    const before = await this.getArtifact(target, digest, { sbom: true });
    const prior = before.sbom;
    const triggerTime = this.now();
    const how = await this.trigger(target, digest, 'sbom');
    const ov = await this.poll(target, digest, {
      kind: 'sbom',
      start,
      timeoutMs: opts.timeoutMs,
      ...(opts.signal ? { signal: opts.signal } : {}),
      read: async (signal) =>
        (await this.getArtifact(target, digest, { sbom: true, ...(signal ? { signal } : {}) })).sbom,
      done: (o) => {
        if (!isFinalStatus(o.status)) return false;
        if (how === 'running' || prior === undefined || !isFinalStatus(prior.status)) return true;
        if (o.reportId !== prior.reportId || o.sbomDigest !== prior.sbomDigest) return true;
        const t = o.startTime ? Date.parse(o.startTime) : NaN;
        return Number.isFinite(t) && t >= triggerTime;
      },
      describe: (o) => o.status,
    });
    if (ov.status !== 'Success' || !ov.sbomDigest) {
      const tail = ov.reportId ? await this.scanLogTail(target, digest, ov.reportId) : '(no log)';
      throw new GateError({
        code: 'SBOM_FAILED',
        message: `Harbor's SBOM generation for ${target.fullName}@${digest} ended with status ${ov.status}${ov.sbomDigest ? '' : ' and no SBOM'}. Last lines of the log:\n${tail}`,
        remedy: 'Read the log above and check the scanner adapter; or attach your own SBOM with --sbom.',
        kind: 'infra',
        details: { status: ov.status, log: tail },
      });
    }
    const res = await this.call('GET', `${this.artifactPath(target, ov.sbomDigest)}/additions/sbom`, {
      headers: { Accept: 'application/json, application/vnd.goharbor.harbor.sbom.v1' },
      maxBytes: REPORT_LIMIT,
    });
    if (res.status !== 200) throw this.fail(res, `read the SBOM ${ov.sbomDigest}`, 'artifact-addition:read');
    const document = parseJson(res, "Harbor's SBOM");
    if (!isObject(document)) throw badResponse('SBOM', 'expected a JSON document');
    return {
      sbomDigest: ov.sbomDigest,
      mediaType: res.headers['content-type'] ?? 'application/spdx+json',
      document,
      status: ov.status,
    };
  }
}

// -------------------------------------------------------------------- parsing

function platformText(p: Json | undefined, what: string): string | undefined {
  if (!p) return undefined;
  const os = optString(p, 'os', what) ?? 'unknown';
  const arch = optString(p, 'architecture', what) ?? 'unknown';
  const variant = optString(p, 'variant', what);
  return `${os}/${arch}${variant ? `/${variant}` : ''}`;
}

function pickByMime(o: Json | undefined): Json | undefined {
  if (!o) return undefined;
  const keys = Object.keys(o);
  const key = [MIME_GENERIC, MIME_NATIVE].find((m) => m in o) ?? keys[0];
  return key === undefined ? undefined : isObject(o[key]) ? o[key] : undefined;
}

const ZERO_TIME = '0001-01-01';

function time(o: Json, key: string, what: string): string | undefined {
  const t = optString(o, key, what);
  return t === undefined || t === '' || t.startsWith(ZERO_TIME) ? undefined : t;
}

export function parseScanOverview(raw: Json | undefined): ScanOverview | undefined {
  const what = 'scan overview';
  const o = pickByMime(raw);
  if (!o) return undefined;
  const status = optString(o, 'scan_status', what);
  if (!status) return undefined;
  const ov: ScanOverview = { status };
  const id = optString(o, 'report_id', what);
  const start = time(o, 'start_time', what);
  const end = time(o, 'end_time', what);
  const pct = optNumber(o, 'complete_percent', what);
  const scanner = optObject(o, 'scanner', what);
  const summary = optObject(o, 'summary', what);
  if (id) ov.reportId = id;
  if (start) ov.startTime = start;
  if (end) ov.endTime = end;
  if (pct !== undefined) ov.completePercent = pct;
  if (scanner) ov.scanner = parseScanner(scanner, what);
  if (summary) {
    const total = optNumber(summary, 'total', what);
    const fixable = optNumber(summary, 'fixable', what);
    if (total !== undefined) ov.total = total;
    if (fixable !== undefined) ov.fixable = fixable;
  }
  return ov;
}

function parseSbomOverview(o: Json | undefined): SbomOverview | undefined {
  const what = 'SBOM overview';
  if (!o) return undefined;
  const status = optString(o, 'scan_status', what);
  if (!status) return undefined;
  const ov: SbomOverview = { status };
  const id = optString(o, 'report_id', what);
  const d = optString(o, 'sbom_digest', what);
  const start = time(o, 'start_time', what);
  const end = time(o, 'end_time', what);
  if (id) ov.reportId = id;
  if (d) ov.sbomDigest = d;
  if (start) ov.startTime = start;
  if (end) ov.endTime = end;
  return ov;
}

export function parseArtifact(body: unknown): ArtifactInfo {
  const what = 'artifact';
  const o = asObject(body, what);
  const digest = optString(o, 'digest', what);
  if (!digest) throw badResponse(what, 'no "digest"');
  const refs = (optArray(o, 'references', what) ?? []).map((r) => {
    const ro = asObject(r, `${what} reference`);
    const child = optString(ro, 'child_digest', what);
    if (!child) throw badResponse(what, 'a reference has no "child_digest"');
    const platform = platformText(optObject(ro, 'platform', what), what);
    return platform === undefined ? { childDigest: child } : { childDigest: child, platform };
  });
  const accessories = (optArray(o, 'accessories', what) ?? []).map((a) => {
    const ao = asObject(a, `${what} accessory`);
    return { digest: optString(ao, 'digest', what) ?? '', type: optString(ao, 'type', what) ?? '' };
  });
  const info: ArtifactInfo = { digest, references: refs, accessories };
  const type = optString(o, 'type', what);
  const mt = optString(o, 'manifest_media_type', what);
  const scan = parseScanOverview(optObject(o, 'scan_overview', what));
  const sbom = parseSbomOverview(optObject(o, 'sbom_overview', what));
  if (type) info.type = type;
  if (mt) info.manifestMediaType = mt;
  if (scan) info.scan = scan;
  if (sbom) info.sbom = sbom;
  return info;
}
