/**
 * Normalised scan findings: what a vulnerability source (Harbor) produces and what the policy and
 * the report writers consume. Extend these types; do not rename fields (reports and JSON output use
 * them).
 */

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'unknown';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'unknown'];

export interface Cvss {
  /** The score used for thresholds: CVSS v3 when present, else v2. */
  score: number;
  version: '3' | '2' | '4';
  vector?: string;
}

export interface Finding {
  /** CVE-..., GHSA-..., or the scanner's own id. */
  id: string;
  package: string;
  /** Installed version. */
  version: string;
  /** The lowest version that fixes it; undefined when no fix is known. */
  fixVersion?: string;
  severity: Severity;
  cvss?: Cvss;
  description?: string;
  links: string[];
  cweIds: string[];
  /** For an index: the platform of the child the finding is in, e.g. linux/arm64. */
  platform?: string;
  /** The digest of the manifest the finding was reported for. */
  artifactDigest?: string;
}

export type SeverityCounts = Record<Severity, number>;

export function emptyCounts(): SeverityCounts {
  return { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 };
}

/**
 * The one counting rule (the policy's deduplication, policy/evaluate.ts `dedupe`): a vulnerability
 * in a package version counts once, across the platforms of an index, at the highest severity any
 * platform reported; it is fixable when any platform knows a fixed version (the fix versions are
 * merged). One CVE High on amd64 and Critical with a fix on arm64 is one critical, fixable.
 */
export function countFindings(findings: readonly Finding[]): { counts: SeverityCounts; fixable: number } {
  const worst = new Map<string, { severity: Severity; fixable: boolean }>();
  for (const f of findings) {
    const key = `${f.id}\u0000${f.package}\u0000${f.version}`;
    const cur = worst.get(key);
    const fixable = f.fixVersion !== undefined;
    if (!cur) worst.set(key, { severity: f.severity, fixable });
    else {
      if (SEVERITIES.indexOf(f.severity) < SEVERITIES.indexOf(cur.severity)) cur.severity = f.severity;
      cur.fixable ||= fixable;
    }
  }
  const counts = emptyCounts();
  let fixable = 0;
  for (const { severity, fixable: fix } of worst.values()) {
    counts[severity]++;
    if (fix) fixable++;
  }
  return { counts, fixable };
}

export interface Scanner {
  name: string;
  vendor: string;
  version: string;
}

export interface ScanReport {
  /** The scanned digest (the index digest for a multi-arch image). */
  digest: string;
  scanner?: Scanner;
  /** Harbor's scan status: Success, Error, Stopped, Running, Pending... */
  status: string;
  startTime?: string;
  endTime?: string;
  findings: Finding[];
  counts: SeverityCounts;
  /** Findings with a fix available. */
  fixable: number;
  /** Per-platform digests of an index that were scanned. */
  platforms?: { platform: string; digest: string; status: string }[];
}

/** A scanner-side CVE allowlist (Harbor's project or system list), for use-harbor-allowlist. */
export interface HarborAllowlist {
  /** Unix seconds; absent or null: never expires. */
  expiresAt?: number | null;
  ids: string[];
  scope: 'project' | 'system';
}
