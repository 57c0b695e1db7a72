/**
 * Before a scan: is this Harbor, who are we, does the project exist with a usable scanner, and may
 * we scan there. Also the project settings and CVE allowlists the policy and the pull-block check
 * read.
 */
import { cleanText, type HarborAllowlist } from '../core/index.js';
import { GateError, infraError, inputError } from '../errors.js';
import { asObject, badResponse, optBoolean, optObject, optString } from './guards.js';
import { versionAtLeast } from './dto.js';
import { parseAllowlist, parseProject, type ProjectSettings } from './settings.js';
import { projectPath, type HarborTarget } from './target.js';
import type { HarborTransport } from './transport.js';

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

/** Permissions the gate needs to scan and read the result; the rest only degrade features. */
const REQUIRED_PERMISSIONS = ['artifact:read', 'scan:create', 'artifact-addition:read'];
const USEFUL_PERMISSIONS = ['scan:stop', 'scan:read'];

export async function preflight(t: HarborTransport, target: HarborTarget): Promise<PreflightResult> {
  const warnings: string[] = [];
  const sys = await t.systemInfo();
  t.authMode = optString(sys, 'auth_mode', 'systeminfo');
  const raw = optString(sys, 'harbor_version', 'systeminfo');
  const version = raw === undefined ? undefined : cleanText(raw, 100);
  if (version === undefined) {
    if (t.username !== undefined) {
      throw new GateError({
        code: 'HARBOR_UNAUTHORIZED',
        message: `Harbor at ${t.baseUrl} did not accept the credentials of ${t.who()} (it treats the request as anonymous)`,
        remedy: t.credentialsRemedy(),
        kind: 'input',
      });
    }
    warnings.push('no credentials given: Harbor hides its version and allows anonymous users very little');
  } else {
    t.version = version;
    t.logger.debug(`Harbor ${version} at ${t.baseUrl}`);
    if (!versionAtLeast(version, 2, 4))
      warnings.push(`Harbor ${version} is older than 2.4: a timed-out scan cannot be stopped`);
  }

  const settings = await getProjectSettings(t, target.project);
  const result: PreflightResult = { projectId: settings.projectId, warnings };
  if (version !== undefined) result.harborVersion = version;

  const scanner = await getScanner(t, target.project);
  if (scanner === 'forbidden') {
    warnings.push(`cannot check the project scanner: ${t.who()} lacks the project permission scanner:read`);
  } else {
    result.scanner = usableScanner(scanner, target.project);
  }

  const perms = await getPermissions(t, settings.projectId);
  if (perms === undefined) {
    warnings.push('Harbor did not list the permissions of the account; continuing without the check');
  } else {
    result.permissions = perms;
    const missing = REQUIRED_PERMISSIONS.filter((p) => !perms.includes(p));
    if (missing.length > 0) {
      throw new GateError({
        code: 'HARBOR_PERMISSION_MISSING',
        message: `${t.who()} lacks the project permission(s) ${missing.join(', ')} in ${target.project}, which the scan needs`,
        remedy: `Edit the robot account and grant ${missing.join(', ')} (the gate needs ${[...REQUIRED_PERMISSIONS, ...USEFUL_PERMISSIONS].join(', ')}).`,
        kind: 'input',
        details: { missing },
      });
    }
    const useful = USEFUL_PERMISSIONS.filter((p) => !perms.includes(p));
    if (useful.length > 0) {
      warnings.push(
        `${t.who()} lacks ${useful.join(', ')}: a timed-out scan cannot be stopped or its log read`,
      );
    }
  }
  // Returned, not logged: the caller shows each warning once, with the run's other warnings.
  return result;
}

/** The project's scanner, or the error that says why it cannot scan for vulnerabilities. */
function usableScanner(scanner: ScannerInfo | undefined, project: string): ScannerInfo {
  if (scanner === undefined) {
    throw inputError(
      'HARBOR_NO_SCANNER',
      `project ${project} has no vulnerability scanner, and Harbor has no default scanner`,
      'Install Harbor with Trivy, or register a scanner (Administration > Interrogation Services) and set it as default or as the project scanner.',
    );
  }
  if (scanner.disabled) {
    throw inputError(
      'HARBOR_SCANNER_DISABLED',
      `the scanner ${scanner.name} of project ${project} is deactivated`,
      'Enable the scanner in Administration > Interrogation Services, or choose another one for the project.',
    );
  }
  if (scanner.health !== undefined && scanner.health !== '' && scanner.health !== 'healthy') {
    throw infraError(
      'HARBOR_SCANNER_UNHEALTHY',
      `the scanner ${scanner.name} of project ${project} is ${scanner.health}: Harbor cannot reach its adapter`,
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
  return scanner;
}

/** The project's scanner (else the system default); undefined when none; 'forbidden' on 403. */
export async function getScanner(
  t: HarborTransport,
  project: string,
): Promise<ScannerInfo | undefined | 'forbidden'> {
  const { path, headers } = projectPath(project);
  const res = await t.call('GET', `${path}/scanner`, { headers });
  if (res.status === 403) return 'forbidden';
  if (res.status === 404) throw projectNotFound(project);
  if (res.status !== 200) throw t.fail(res, `read the scanner of project ${project}`, 'scanner:read');
  const text = res.body.toString('utf8').trim();
  if (text === '' || text === 'null') return undefined;
  const what = 'project scanner';
  const o = asObject(t.json(res, what), what);
  const caps = optObject(o, 'capabilities', what) ?? {};
  const info: ScannerInfo = {
    name: cleanText(optString(o, 'name', what) ?? '(unnamed)', 100),
    disabled: optBoolean(o, 'disabled', what) ?? false,
    // Older Harbors list no capabilities: every scanner then scans for vulnerabilities.
    supportsVulnerability: caps.support_vulnerability !== false,
    supportsSbom: caps.support_sbom === true,
  };
  const vendor = optString(o, 'vendor', what);
  const version = optString(o, 'version', what);
  const health = optString(o, 'health', what);
  if (vendor !== undefined) info.vendor = cleanText(vendor, 100);
  if (version !== undefined) info.version = cleanText(version, 100);
  if (health !== undefined) info.health = cleanText(health, 100);
  return info;
}

async function getPermissions(t: HarborTransport, projectId: number): Promise<string[] | undefined> {
  const q = new URLSearchParams({ scope: `/project/${String(projectId)}`, relative: 'true' });
  const res = await t.call('GET', `/users/current/permissions?${q.toString()}`);
  if (res.status === 401) throw t.fail(res, 'list its permissions', 'none');
  if (res.status !== 200) return undefined;
  const what = 'permission list';
  const body = t.json(res, what);
  if (!Array.isArray(body)) throw badResponse(what, 'expected an array');
  return body.map((p) => {
    const o = asObject(p, what);
    return `${optString(o, 'resource', what) ?? ''}:${optString(o, 'action', what) ?? ''}`;
  });
}

function projectNotFound(project: string): GateError {
  return inputError(
    'HARBOR_PROJECT_NOT_FOUND',
    `Harbor has no project ${project}`,
    'Check the image reference (host/project/repository) or create the project in Harbor.',
  );
}

export async function getProjectSettings(t: HarborTransport, project: string): Promise<ProjectSettings> {
  const { path, headers } = projectPath(project);
  const res = await t.call('GET', path, { headers });
  if (res.status === 404) throw projectNotFound(project);
  if (res.status === 403) {
    throw new GateError({
      code: 'HARBOR_PROJECT_FORBIDDEN',
      message: `project ${project} does not exist, or ${t.who()} may not read it (HTTP 403)`,
      remedy:
        'Check the project name in the image reference, and grant the robot account the project permission project:read.',
      kind: 'input',
    });
  }
  if (res.status !== 200) throw t.fail(res, `read project ${project}`, 'project:read');
  return parseProject(t.json(res, 'project'));
}

/**
 * The CVE allowlist Harbor applies to the project: the system list when the project reuses it
 * (the default), else the project's own. Expiry is kept in expiresAt for the policy to apply.
 */
export async function getAllowlists(t: HarborTransport, project: string): Promise<HarborAllowlist[]> {
  const settings = await getProjectSettings(t, project);
  if (!settings.reuseSysCveAllowlist) return [settings.projectAllowlist];
  const res = await t.call('GET', '/system/CVEAllowlist');
  if (res.status !== 200) throw t.fail(res, 'read the system CVE allowlist', 'none (any authenticated user)');
  return [parseAllowlist(t.json(res, 'system CVE allowlist'), 'system')];
}
