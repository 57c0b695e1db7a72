/** Project settings that matter to a gate, and Harbor's own pull-prevention rule replayed. */
import { cleanText, type HarborAllowlist, type ScanReport, type Severity } from '../core/index.js';
import { asObject, badResponse, optArray, optNumber, optObject, optString, type Json } from './guards.js';

export interface ProjectSettings {
  projectId: number;
  name: string;
  public: boolean;
  /** `prevent_vul`: Harbor refuses pulls of images at or above `severity`. */
  preventVul: boolean;
  /** `severity` threshold for prevent_vul, lower case: none, low, medium, high, critical. */
  severity?: string;
  autoScan: boolean;
  autoSbomGeneration: boolean;
  /** Pulls need a cosign signature accessory. */
  contentTrustCosign: boolean;
  /** Pulls need a Notation signature (Harbor 2.9+). */
  contentTrustNotation: boolean;
  /** Absent in Harbor means true. */
  reuseSysCveAllowlist: boolean;
  /** The project's own list (used only when reuseSysCveAllowlist is false). */
  projectAllowlist: HarborAllowlist;
}

function flag(meta: Json | undefined, key: string, absent: boolean, what: string): boolean {
  const v = meta ? optString(meta, key, what) : undefined;
  if (v === undefined) return absent;
  return v.trim().toLowerCase() === 'true';
}

export function parseProject(body: unknown): ProjectSettings {
  const what = 'project';
  const o = asObject(body, what);
  const id = optNumber(o, 'project_id', what);
  if (id === undefined) throw badResponse(what, 'no "project_id"');
  const meta = optObject(o, 'metadata', what);
  const rawSeverity = meta ? optString(meta, 'severity', what) : undefined;
  const severity = rawSeverity === undefined ? undefined : cleanText(rawSeverity, 32).toLowerCase();
  const list = optObject(o, 'cve_allowlist', what);
  const settings: ProjectSettings = {
    projectId: id,
    name: cleanText(optString(o, 'name', what) ?? '', 256),
    public: flag(meta, 'public', false, what),
    preventVul: flag(meta, 'prevent_vul', false, what),
    autoScan: flag(meta, 'auto_scan', false, what),
    autoSbomGeneration: flag(meta, 'auto_sbom_generation', false, what),
    contentTrustCosign: flag(meta, 'enable_content_trust_cosign', false, what),
    contentTrustNotation: flag(meta, 'enable_content_trust', false, what),
    reuseSysCveAllowlist: flag(meta, 'reuse_sys_cve_allowlist', true, what),
    projectAllowlist: list ? parseAllowlist(list, 'project') : { ids: [], scope: 'project', expiresAt: null },
  };
  if (severity) settings.severity = severity;
  return settings;
}

export function parseAllowlist(body: unknown, scope: 'project' | 'system'): HarborAllowlist {
  const what = `${scope} CVE allowlist`;
  const o = asObject(body, what);
  const items = optArray(o, 'items', what) ?? [];
  const ids: string[] = [];
  for (const it of items) {
    const id = cleanText(optString(asObject(it, what), 'cve_id', what) ?? '', 256).trim();
    if (id) ids.push(id);
  }
  const expires = optNumber(o, 'expires_at', what);
  return { ids, scope, expiresAt: expires ?? null };
}

/** Harbor: expired when now >= expires_at (Unix seconds); an expired list is ignored entirely. */
export function allowlistActive(list: HarborAllowlist, nowMs: number): boolean {
  return list.expiresAt === undefined || list.expiresAt === null || nowMs / 1000 < list.expiresAt;
}

const CODE: Record<Severity, number> = { critical: 5, high: 4, medium: 3, low: 2, unknown: 0 };
const THRESHOLD: Record<string, number> = {
  none: 0,
  unknown: 0,
  negligible: 1,
  low: 2,
  medium: 3,
  high: 4,
  critical: 5,
};

export interface PullVerdict {
  blocked: boolean;
  reason: string;
}

/**
 * Would Harbor's prevent_vul rule refuse to pull this image? Mirrors Harbor's middleware: only a
 * Success report passes; allowlisted ids (from lists that have not expired) are dropped; blocked
 * when the highest remaining severity is at or above the project threshold. An index itself is
 * not checked by Harbor (its children are, when pulled by digest), so the children's findings
 * decide here too.
 */
export function harborWouldBlock(
  settings: ProjectSettings,
  report: Pick<ScanReport, 'status' | 'findings'>,
  allowlists: readonly HarborAllowlist[],
  nowMs: number,
): PullVerdict {
  if (!settings.preventVul) return { blocked: false, reason: 'prevent_vul is off for the project' };
  if (report.status !== 'Success') {
    return {
      blocked: true,
      reason: `the scan status is ${report.status}; Harbor refuses pulls without a successful scan`,
    };
  }
  const waived = new Set<string>();
  for (const l of allowlists) if (allowlistActive(l, nowMs)) for (const id of l.ids) waived.add(id);
  const remaining = report.findings.filter((f) => !waived.has(f.id));
  if (remaining.length === 0) return { blocked: false, reason: 'no vulnerabilities outside the allowlist' };
  const threshold = THRESHOLD[settings.severity ?? 'low'] ?? CODE.low;
  let worst = remaining[0];
  for (const f of remaining) if (worst && CODE[f.severity] > CODE[worst.severity]) worst = f;
  if (worst && CODE[worst.severity] >= threshold) {
    return {
      blocked: true,
      reason: `Harbor's project rule blocks pulls at severity ${settings.severity ?? 'low'} or above, and ${worst.id} is ${worst.severity}`,
    };
  }
  return {
    blocked: false,
    reason: `every finding is below the project's ${settings.severity ?? 'low'} threshold`,
  };
}
