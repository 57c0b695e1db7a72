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
  FindingStatus,
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

/** Shared empty lists (frozen: nothing may push into them). */
const NONE = Object.freeze([]) as unknown as string[];
const NO_RULES = Object.freeze([]) as unknown as RuleId[];

/** `a` with what `b` adds, a new array only when it adds something. */
function union(a: string[], b: readonly string[]): string[] {
  const extra = b.filter((x) => !a.includes(x));
  return extra.length === 0 ? a : [...a, ...extra];
}

/** Merge the same id+package+version across platforms: highest severity and score, all platforms. */
export function dedupe(findings: readonly Finding[]): EvaluatedFinding[] {
  const map = new Map<string, EvaluatedFinding>();
  for (const f of findings) {
    const key = findingKey(f);
    const cur = map.get(key);
    if (!cur) {
      // The finding's own lists are shared, not copied (a merge below makes new ones): 650 000
      // findings are 2.6 million arrays otherwise.
      map.set(key, {
        ...f,
        key,
        platforms: f.platform ? [f.platform] : NONE,
        status: 'ok',
        rules: NO_RULES,
      });
      continue;
    }
    if (RANK[f.severity] > RANK[cur.severity]) cur.severity = f.severity;
    if (f.cvss && (!cur.cvss || f.cvss.score > cur.cvss.score)) cur.cvss = f.cvss;
    if (f.fixVersion !== undefined)
      cur.fixVersion =
        cur.fixVersion === undefined ? f.fixVersion : maxVersion([cur.fixVersion, f.fixVersion]);
    if (cur.description === undefined && f.description !== undefined) cur.description = f.description;
    cur.links = union(cur.links, f.links);
    cur.cweIds = union(cur.cweIds, f.cweIds);
    if (f.platform) cur.platforms = union(cur.platforms, [f.platform]);
  }
  const out = [...map.values()];
  for (const f of out) if (f.platforms.length > 1) f.platforms.sort();
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

/**
 * The policy over one scan: small pure stages, composed. The scan's own state; each finding's
 * waiver (VEX, then the allowlist, then Harbor's allowlists) and then its rules; the counts; the
 * image rules; a review of the allowlist. Violations and warnings keep that order.
 */
export function evaluate(input: EvaluateInput, policy: Policy, now: Date): Verdict {
  const nowMs = now.getTime();
  const scan = scanStage(input, policy);
  const waivers = waiverSources(input, policy);
  const findings = dedupe(input.report?.findings ?? []);
  const waiving = findings.map((f) => waiveFinding(f, waivers, nowMs));
  const judged = findings.map((f, i) => judgeFinding(f, waiving[i]!, policy));
  findings.forEach((f, i) => {
    f.status = judged[i]!.status;
    if (judged[i]!.status === 'violation') f.rules = judged[i]!.rules;
  });
  const tally = countFindings(findings);
  const review = reviewAllowlist(waivers.allowlist, waiving, nowMs);
  const violations = [
    ...scan.violations,
    ...judged.flatMap((j) => j.violations),
    ...maxCountViolations(tally.counted, policy),
    ...imageViolations(input, policy),
  ];
  return {
    verdict: violations.length > 0 ? 'fail' : 'pass',
    violations,
    waivers: waiving.flatMap((w) => (w.waiver ? [w.waiver] : [])),
    expiredEntries: review.expiredEntries,
    staleEntries: review.staleEntries,
    warnings: [...scan.warnings, ...harborExpiryWarnings(waivers.harbor, nowMs), ...review.warnings],
    vexNotes: waiving.flatMap((w) => (w.vexNote ? [w.vexNote] : [])),
    counts: tally.counts,
    countsAfterWaivers: tally.countsAfterWaivers,
    findings,
    fixPlan: buildFixPlan(
      findings.filter((f) => f.status === 'violation'),
      violations,
    ),
  };
}

interface Findings {
  violations: Violation[];
  warnings: string[];
}

/** The scan itself: a scan that errored, stopped or never produced a report fails closed. */
function scanStage(input: EvaluateInput, policy: Policy): Findings {
  const status = input.report?.status;
  let problem: string | undefined;
  if (input.scanError) problem = `${input.scanError.code}: ${input.scanError.message}`;
  else if (input.report && status !== undefined && status.toLowerCase() !== 'success')
    problem = `the scan ended with status ${status}`;
  if (problem !== undefined) {
    return policy.onScanError === 'fail'
      ? {
          violations: [{ rule: 'scan-error', reason: `scan failed (${problem}); on-scan-error is fail` }],
          warnings: [],
        }
      : {
          violations: [],
          warnings: [`scan failed (${problem}); on-scan-error is warn, so the gate does not fail on it`],
        };
  }
  if (!input.report) {
    return {
      violations: [],
      warnings: ['no scan report: the severity, CVSS and max-counts rules were not evaluated'],
    };
  }
  return { violations: [], warnings: [] };
}

/** What can waive a finding: VEX statements, the policy's allowlist, Harbor's allowlists. */
interface WaiverSources {
  vex: VexIndex | undefined;
  allowlist: CompiledEntry[];
  harbor: HarborAllowlist[];
}

function waiverSources(input: EvaluateInput, policy: Policy): WaiverSources {
  return {
    vex: input.vex ? new VexIndex(input.vex.statements, input.vex.image) : undefined,
    allowlist: policy.allowlist.map(compileEntry),
    harbor: policy.useHarborAllowlist ? (input.harborAllowlists ?? []) : [],
  };
}

function harborExpiryWarnings(harbor: readonly HarborAllowlist[], nowMs: number): string[] {
  return harbor
    .filter((h) => harborExpired(h, nowMs))
    .map(
      (h) =>
        `Harbor ${h.scope} CVE allowlist expired on ${new Date(h.expiresAt! * 1000).toISOString()}; it waives nothing`,
    );
}

/** How one finding is waived (at most once), and which allowlist entries matched it. */
interface Waiving {
  waiver?: Waiver;
  /** A VEX statement about it that does not waive it (affected, under investigation). */
  vexNote?: VexNote;
  /** Every allowlist entry that matches it, expired or not (so none is reported stale). */
  matched: CompiledEntry[];
  /** Why an entry that would have waived it no longer does. */
  expiredNote?: string;
}

function isExpired(c: CompiledEntry, nowMs: number): boolean {
  return c.expiresAtMs !== undefined && nowMs >= c.expiresAtMs;
}

/**
 * VEX first: a not_affected/fixed statement is a claim about the image, stronger than an accepted
 * risk. Then the first live allowlist entry, then Harbor's allowlists.
 */
function waiveFinding(f: EvaluatedFinding, sources: WaiverSources, nowMs: number): Waiving {
  const matched =
    sources.allowlist.length === 0 ? NO_MATCH : sources.allowlist.filter((c) => entryMatches(c, f));
  const expired = matched.filter((c) => isExpired(c, nowMs)).at(-1);
  const out: Waiving = {
    matched,
    ...(expired
      ? { expiredNote: `allowlist entry for ${expired.entry.id} expired on ${expired.entry.expires!}` }
      : {}),
  };
  const vex = vexWaiver(f, sources.vex);
  if (vex.note) out.vexNote = vex.note;
  const waiver =
    vex.waiver ??
    allowlistWaiver(
      f,
      matched.find((c) => !isExpired(c, nowMs)),
    ) ??
    harborWaiver(f, sources.harbor, nowMs);
  if (waiver) out.waiver = waiver;
  return out;
}

function vexWaiver(f: EvaluatedFinding, index: VexIndex | undefined): { waiver?: Waiver; note?: VexNote } {
  const match = index?.lookup({
    id: f.id,
    package: f.package,
    version: f.version,
    ...(f.artifactDigest !== undefined ? { artifactDigest: f.artifactDigest } : {}),
  });
  if (!match) return {};
  const info = vexInfo(match.statement);
  return match.waives
    ? { waiver: { finding: f, source: 'vex', reason: vexReason(info), vex: info } }
    : { note: { finding: f, vex: info } };
}

function allowlistWaiver(f: EvaluatedFinding, c: CompiledEntry | undefined): Waiver | undefined {
  if (!c) return undefined;
  return {
    finding: f,
    source: 'allowlist',
    reason: c.entry.reason,
    entry: c.entry,
    ...(c.entry.expires !== undefined ? { expires: c.entry.expires } : {}),
  };
}

function harborWaiver(
  f: EvaluatedFinding,
  harbor: readonly HarborAllowlist[],
  nowMs: number,
): Waiver | undefined {
  const h = harbor.find(
    (h) => !harborExpired(h, nowMs) && h.ids.some((id) => id.toUpperCase() === f.id.toUpperCase()),
  );
  if (!h) return undefined;
  return {
    finding: f,
    source: h.scope === 'project' ? 'harbor-project' : 'harbor-system',
    reason: `listed in Harbor's ${h.scope} CVE allowlist`,
    harborAllowlist: h,
    ...(h.expiresAt !== undefined && h.expiresAt !== null
      ? { expires: new Date(h.expiresAt * 1000).toISOString() }
      : {}),
  };
}

/** A finding that is not waived (or ignored as unfixed) against the severity and CVSS rules. */
/** The judgements without a violation, shared (one object per finding otherwise). */
const JUDGED_WAIVED = Object.freeze({
  status: 'waived' as const,
  rules: NO_RULES,
  violations: [] as Violation[],
});
const JUDGED_UNFIXED = Object.freeze({
  status: 'ignored-unfixed' as const,
  rules: NO_RULES,
  violations: [] as Violation[],
});
const JUDGED_OK = Object.freeze({ status: 'ok' as const, rules: NO_RULES, violations: [] as Violation[] });
const NO_MATCH = Object.freeze([]) as unknown as CompiledEntry[];

function judgeFinding(
  f: EvaluatedFinding,
  w: Waiving,
  policy: Policy,
): { status: FindingStatus; rules: RuleId[]; violations: Violation[] } {
  if (w.waiver) return JUDGED_WAIVED;
  if (policy.ignoreUnfixed && (f.fixVersion === undefined || f.fixVersion.trim() === '')) {
    return JUDGED_UNFIXED;
  }
  const suffix = w.expiredNote ? `; ${w.expiredNote}` : '';
  const violations: Violation[] = [];
  if (RANK[f.severity] >= FAIL_RANK[policy.failOn]) {
    violations.push({
      rule: 'severity',
      finding: f,
      reason: `${label(f)} is ${f.severity}, at or above fail-on ${policy.failOn}${suffix}`,
    });
  }
  if (policy.cvssThreshold !== undefined && f.cvss && f.cvss.score >= policy.cvssThreshold) {
    violations.push({
      rule: 'cvss',
      finding: f,
      reason: `${label(f)} has CVSS v${f.cvss.version} ${f.cvss.score}, at or above cvss-threshold ${policy.cvssThreshold}${suffix}`,
    });
  }
  if (violations.length === 0) return JUDGED_OK;
  return { status: 'violation', rules: violations.map((v) => v.rule), violations };
}

/** All findings; those not waived; those the max-counts rule counts (neither waived nor ignored). */
function countFindings(findings: readonly EvaluatedFinding[]): {
  counts: SeverityCounts;
  countsAfterWaivers: SeverityCounts;
  counted: SeverityCounts;
} {
  const counts = zeroCounts();
  const countsAfterWaivers = zeroCounts();
  const counted = zeroCounts();
  for (const f of findings) {
    counts[f.severity]++;
    if (f.status !== 'waived') countsAfterWaivers[f.severity]++;
    if (f.status !== 'waived' && f.status !== 'ignored-unfixed') counted[f.severity]++;
  }
  return { counts, countsAfterWaivers, counted };
}

function maxCountViolations(counted: SeverityCounts, policy: Policy): Violation[] {
  return SEVERITIES.flatMap((sev): Violation[] => {
    const limit = policy.maxCounts[sev];
    if (limit === undefined || counted[sev] <= limit) return [];
    return [
      {
        rule: 'max-counts',
        severity: sev,
        count: counted[sev],
        limit,
        reason: `${counted[sev]} ${sev} findings, more than max-counts.${sev} ${limit}`,
      },
    ];
  });
}

/** The rules about the image rather than its findings: a signature, an SBOM. */
function imageViolations(input: EvaluateInput, policy: Policy): Violation[] {
  const out: Violation[] = [];
  if (policy.requireSignature && input.signed !== true) {
    out.push({ rule: 'signature', reason: 'the image has no signature and require-signature is true' });
  }
  if (policy.requireSbom && input.sbomAttached !== true) {
    out.push({ rule: 'sbom', reason: 'the image has no SBOM attached and require-sbom is true' });
  }
  return out;
}

/** Entries that expired, entries that matched nothing (stale), entries about to expire. */
function reviewAllowlist(
  allowlist: readonly CompiledEntry[],
  waiving: readonly Waiving[],
  nowMs: number,
): { expiredEntries: ExpiredEntry[]; staleEntries: AllowlistEntry[]; warnings: string[] } {
  const matched = new Map<CompiledEntry, number>();
  for (const w of waiving) for (const c of w.matched) matched.set(c, (matched.get(c) ?? 0) + 1);
  const expiredEntries: ExpiredEntry[] = [];
  const staleEntries: AllowlistEntry[] = [];
  const warnings: string[] = [];
  for (const c of allowlist) {
    const n = matched.get(c) ?? 0;
    if (isExpired(c, nowMs)) {
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
  return { expiredEntries, staleEntries, warnings };
}
