/**
 * evaluate(input, policy, now) -> Verdict: pure. Every violation and every waiver is listed, with
 * its reason; findings reported for several platforms of an index are counted once.
 */
import type { Finding, HarborAllowlist, Severity, SeverityCounts } from '../core/index.js';
import { SEVERITIES, cleanText } from '../core/index.js';
import { VexIndex, type VexStatement } from '../vex/index.js';
import { buildFixPlan } from './fixplan.js';
import type {
  AllowlistEntry,
  CompiledEntry,
  EvaluateInput,
  EvaluatedFinding,
  ExpiredEntry,
  FailOn,
  Policy,
  RuleId,
  Verdict,
  VexNote,
  VexStatementInfo,
  Violation,
  Waiver,
} from './types.js';
import { compareVersions, maxVersion, parseRange, satisfies } from './version.js';

const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, unknown: 0 };
const FAIL_RANK: Record<FailOn, number> = { critical: 4, high: 3, medium: 2, low: 1, unknown: 0, none: 99 };
const DAY_MS = 86_400_000;
/** Entries expiring within this many days get a warning. */
export const EXPIRY_WARNING_DAYS = 14;

export function severityRank(s: Severity): number {
  return RANK[s];
}

export function zeroCounts(): SeverityCounts {
  return { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 };
}

/** The instant an entry stops waiving: the end of its expiry day, UTC (00:00 UTC the day after). */
export function expiryInstant(expires: string): number {
  return Date.parse(`${expires}T00:00:00Z`) + DAY_MS;
}

export function compileEntry(entry: AllowlistEntry): CompiledEntry {
  const c: CompiledEntry = { entry };
  if (entry.version !== undefined) c.range = parseRange(entry.version);
  if (entry.expires !== undefined) c.expiresAtMs = expiryInstant(entry.expires);
  return c;
}

function entryMatches(c: CompiledEntry, f: Finding): boolean {
  if (c.entry.id.toUpperCase() !== f.id.toUpperCase()) return false;
  if (c.entry.package !== undefined && c.entry.package !== f.package) return false;
  if (c.range !== undefined && !satisfies(f.version, c.range)) return false;
  return true;
}

export function findingKey(f: Pick<Finding, 'id' | 'package' | 'version'>): string {
  return `${f.id}|${f.package}|${f.version}`;
}

function byKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Merge the same id+package+version across platforms: highest severity and score, all platforms. */
export function dedupe(findings: readonly Finding[]): EvaluatedFinding[] {
  const map = new Map<string, EvaluatedFinding>();
  for (const f of findings) {
    const key = findingKey(f);
    const cur = map.get(key);
    if (!cur) {
      map.set(key, {
        ...f,
        links: [...f.links],
        cweIds: [...f.cweIds],
        key,
        platforms: f.platform ? [f.platform] : [],
        status: 'ok',
        rules: [],
      });
      continue;
    }
    if (RANK[f.severity] > RANK[cur.severity]) cur.severity = f.severity;
    if (f.cvss && (!cur.cvss || f.cvss.score > cur.cvss.score)) cur.cvss = f.cvss;
    if (f.fixVersion !== undefined)
      cur.fixVersion =
        cur.fixVersion === undefined ? f.fixVersion : maxVersion([cur.fixVersion, f.fixVersion]);
    if (cur.description === undefined && f.description !== undefined) cur.description = f.description;
    for (const l of f.links) if (!cur.links.includes(l)) cur.links.push(l);
    for (const c of f.cweIds) if (!cur.cweIds.includes(c)) cur.cweIds.push(c);
    if (f.platform && !cur.platforms.includes(f.platform)) cur.platforms.push(f.platform);
  }
  const out = [...map.values()];
  for (const f of out) f.platforms.sort();
  out.sort(
    (a, b) =>
      RANK[b.severity] - RANK[a.severity] ||
      (b.cvss?.score ?? -1) - (a.cvss?.score ?? -1) ||
      byKey(a.id, b.id) ||
      byKey(a.package, b.package) ||
      compareVersions(a.version, b.version),
  );
  return out;
}

function label(f: Finding): string {
  return `${f.id} in ${f.package} ${f.version}`;
}

/**
 * What reports show of a VEX statement. Its text may come from a registry (an attestation), so
 * every string is neutralised and bounded here, where it enters the verdict.
 */
export function vexInfo(st: VexStatement): VexStatementInfo {
  const src = st.source;
  const opt = (k: keyof VexStatementInfo, v: string | undefined, max = 1000): Partial<VexStatementInfo> =>
    v === undefined ? {} : { [k]: cleanText(v, max) };
  return {
    status: st.status,
    vulnerability: cleanText(st.vulnerability.name, 200),
    document: cleanText(src.document, 300),
    format: src.format,
    ...opt('documentId', src.id, 300),
    ...opt('author', src.author, 300),
    ...opt('signer', src.signer, 300),
    ...opt('justification', st.justification, 100),
    ...opt('sourceJustification', st.sourceJustification, 100),
    ...opt('sourceState', st.sourceState, 100),
    ...opt('impactStatement', st.impactStatement),
    ...opt('actionStatement', st.actionStatement),
    ...opt('statusNotes', st.statusNotes),
    timestamp: new Date(st.timestamp).toISOString(),
    ...(st.line !== undefined ? { line: st.line } : {}),
  };
}

/** "VEX not_affected (vulnerable_code_not_in_execute_path): <impact> [app.openvex.json]" */
function vexReason(v: VexStatementInfo): string {
  const why = v.justification ?? v.sourceState;
  const text = v.impactStatement ?? v.statusNotes;
  return `VEX ${v.status}${why ? ` (${why})` : ''}${text ? `: ${text}` : ''} [${v.document}]`;
}

function harborExpired(h: HarborAllowlist, nowMs: number): boolean {
  return h.expiresAt !== undefined && h.expiresAt !== null && nowMs >= h.expiresAt * 1000;
}

export function evaluate(input: EvaluateInput, policy: Policy, now: Date): Verdict {
  const nowMs = now.getTime();
  const violations: Violation[] = [];
  const waivers: Waiver[] = [];
  const warnings: string[] = [];

  // The scan itself: a scan that errored, stopped or never produced a report fails closed.
  const status = input.report?.status;
  let scanProblem: string | undefined;
  if (input.scanError) scanProblem = `${input.scanError.code}: ${input.scanError.message}`;
  else if (input.report && status !== undefined && status.toLowerCase() !== 'success')
    scanProblem = `the scan ended with status ${status}`;
  if (scanProblem !== undefined) {
    if (policy.onScanError === 'fail') {
      violations.push({ rule: 'scan-error', reason: `scan failed (${scanProblem}); on-scan-error is fail` });
    } else {
      warnings.push(`scan failed (${scanProblem}); on-scan-error is warn, so the gate does not fail on it`);
    }
  } else if (!input.report) {
    warnings.push('no scan report: the severity, CVSS and max-counts rules were not evaluated');
  }

  const findings = dedupe(input.report?.findings ?? []);
  const compiled = policy.allowlist.map(compileEntry);
  const matched = new Map<CompiledEntry, number>();
  const harbor = policy.useHarborAllowlist ? (input.harborAllowlists ?? []) : [];
  for (const h of harbor) {
    if (harborExpired(h, nowMs)) {
      warnings.push(
        `Harbor ${h.scope} CVE allowlist expired on ${new Date(h.expiresAt! * 1000).toISOString()}; it waives nothing`,
      );
    }
  }
  const expiredNotes = new Map<string, string>();
  const vexIndex = input.vex ? new VexIndex(input.vex.statements, input.vex.image) : undefined;
  const vexNotes: VexNote[] = [];

  for (const f of findings) {
    let waived = false;
    // VEX first: a not_affected/fixed statement is a claim about the image, stronger than an
    // accepted risk. Allowlist entries are still counted as matched (not stale).
    const vexMatch = vexIndex?.lookup({
      id: f.id,
      package: f.package,
      version: f.version,
      ...(f.artifactDigest !== undefined ? { artifactDigest: f.artifactDigest } : {}),
    });
    if (vexMatch) {
      const info = vexInfo(vexMatch.statement);
      if (vexMatch.waives) {
        waived = true;
        waivers.push({ finding: f, source: 'vex', reason: vexReason(info), vex: info });
      } else {
        vexNotes.push({ finding: f, vex: info });
      }
    }
    for (const c of compiled) {
      if (!entryMatches(c, f)) continue;
      matched.set(c, (matched.get(c) ?? 0) + 1);
      if (c.expiresAtMs !== undefined && nowMs >= c.expiresAtMs) {
        expiredNotes.set(f.key, `allowlist entry for ${c.entry.id} expired on ${c.entry.expires!}`);
        continue;
      }
      if (!waived) {
        waived = true;
        const w: Waiver = { finding: f, source: 'allowlist', reason: c.entry.reason, entry: c.entry };
        if (c.entry.expires !== undefined) w.expires = c.entry.expires;
        waivers.push(w);
      }
    }
    if (!waived) {
      for (const h of harbor) {
        if (harborExpired(h, nowMs) || !h.ids.some((id) => id.toUpperCase() === f.id.toUpperCase())) continue;
        waived = true;
        const w: Waiver = {
          finding: f,
          source: h.scope === 'project' ? 'harbor-project' : 'harbor-system',
          reason: `listed in Harbor's ${h.scope} CVE allowlist`,
          harborAllowlist: h,
        };
        if (h.expiresAt !== undefined && h.expiresAt !== null)
          w.expires = new Date(h.expiresAt * 1000).toISOString();
        waivers.push(w);
        break;
      }
    }
    if (waived) {
      f.status = 'waived';
      continue;
    }
    if (policy.ignoreUnfixed && (f.fixVersion === undefined || f.fixVersion.trim() === '')) {
      f.status = 'ignored-unfixed';
      continue;
    }
    const rules: RuleId[] = [];
    const note = expiredNotes.get(f.key);
    const suffix = note ? `; ${note}` : '';
    if (RANK[f.severity] >= FAIL_RANK[policy.failOn]) {
      rules.push('severity');
      violations.push({
        rule: 'severity',
        finding: f,
        reason: `${label(f)} is ${f.severity}, at or above fail-on ${policy.failOn}${suffix}`,
      });
    }
    if (policy.cvssThreshold !== undefined && f.cvss && f.cvss.score >= policy.cvssThreshold) {
      rules.push('cvss');
      violations.push({
        rule: 'cvss',
        finding: f,
        reason: `${label(f)} has CVSS v${f.cvss.version} ${f.cvss.score}, at or above cvss-threshold ${policy.cvssThreshold}${suffix}`,
      });
    }
    if (rules.length > 0) {
      f.status = 'violation';
      f.rules = rules;
    }
  }

  const counts = zeroCounts();
  const countsAfterWaivers = zeroCounts();
  const counted = zeroCounts();
  for (const f of findings) {
    counts[f.severity]++;
    if (f.status !== 'waived') countsAfterWaivers[f.severity]++;
    if (f.status !== 'waived' && f.status !== 'ignored-unfixed') counted[f.severity]++;
  }
  for (const sev of SEVERITIES) {
    const limit = policy.maxCounts[sev];
    if (limit !== undefined && counted[sev] > limit) {
      violations.push({
        rule: 'max-counts',
        severity: sev,
        count: counted[sev],
        limit,
        reason: `${counted[sev]} ${sev} findings, more than max-counts.${sev} ${limit}`,
      });
    }
  }

  if (policy.requireSignature && input.signed !== true) {
    violations.push({
      rule: 'signature',
      reason: 'the image has no signature and require-signature is true',
    });
  }
  if (policy.requireSbom && input.sbomAttached !== true) {
    violations.push({ rule: 'sbom', reason: 'the image has no SBOM attached and require-sbom is true' });
  }

  const expiredEntries: ExpiredEntry[] = [];
  const staleEntries: AllowlistEntry[] = [];
  for (const c of compiled) {
    const n = matched.get(c) ?? 0;
    if (c.expiresAtMs !== undefined && nowMs >= c.expiresAtMs) {
      expiredEntries.push({ entry: c.entry, matched: n });
    } else if (n === 0) {
      staleEntries.push(c.entry);
    } else if (c.expiresAtMs !== undefined && c.expiresAtMs - nowMs <= EXPIRY_WARNING_DAYS * DAY_MS) {
      const days = Math.ceil((c.expiresAtMs - nowMs) / DAY_MS);
      warnings.push(
        `allowlist entry ${c.entry.id} expires on ${c.entry.expires!} (in ${days} day${days === 1 ? '' : 's'}); it waives ${n} finding${n === 1 ? '' : 's'}`,
      );
    }
  }
  for (const e of expiredEntries) {
    warnings.push(
      `allowlist entry ${e.entry.id}${e.entry.package ? ` (${e.entry.package})` : ''} expired on ${e.entry.expires!} and no longer waives${e.matched > 0 ? ` ${e.matched} finding${e.matched === 1 ? '' : 's'}` : ''}`,
    );
  }

  const violating = findings.filter((f) => f.status === 'violation');
  return {
    verdict: violations.length > 0 ? 'fail' : 'pass',
    violations,
    waivers,
    expiredEntries,
    staleEntries,
    warnings,
    vexNotes,
    counts,
    countsAfterWaivers,
    findings,
    fixPlan: buildFixPlan(violating, violations),
  };
}
