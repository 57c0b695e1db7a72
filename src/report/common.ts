import { SEVERITIES, STEP_NAMES, type Severity, SHA256_DIGEST_PATTERN } from '../core/index.js';
import type { RunVerdict } from '../core/index.js';
import type { EvaluatedFinding, Policy, Waiver } from '../policy/index.js';
import type { ReportInput, StepInfo } from './record.js';

export type { ReportInput, StepInfo } from './record.js';

/**
 * The size limits of every report, in one place. A report details at most `detailedFindings`
 * entries of each list (findings, violations, waivers, VEX notes, findings without a fix), the most
 * severe first; the rest is summarised by a note with how many were cut, by severity. Counts, the
 * fixable number and the verdict always cover every finding. (A 650 000-finding report wrote a
 * 503 MB GitLab report before, and ran out of memory building it.)
 */
export const REPORT_LIMITS = {
  /** Entries detailed one by one per list and report. */
  detailedFindings: 5_000,
  /** Rows in a table people read (HTML, Markdown). */
  tableRows: 20_000,
} as const;

/** A list cut to the limit: what is shown, and how many of each severity were left out. */
export interface Cut<T> {
  shown: T[];
  total: number;
  /** Entries not shown. */
  left: number;
  leftBySeverity: Record<Severity, number>;
}

/** The first `max` entries (callers pass them most severe first) and a count of the rest. */
export function cutList<T>(
  list: readonly T[],
  severityOf: (t: T) => Severity | undefined,
  max: number = REPORT_LIMITS.detailedFindings,
): Cut<T> {
  const leftBySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 };
  for (let i = max; i < list.length; i++) leftBySeverity[severityOf(list[i]!) ?? 'unknown']++;
  return {
    shown: list.length > max ? list.slice(0, max) : [...list],
    total: list.length,
    left: Math.max(0, list.length - max),
    leftBySeverity,
  };
}

/** "1 000 of 650 000 findings detailed; 649 000 cut (critical 12, high 100, …): …". */
export function cutNote(what: string, c: Cut<unknown>): string {
  const by = SEVERITIES.filter((s) => c.leftBySeverity[s] > 0)
    .map((s) => `${s} ${c.leftBySeverity[s]}`)
    .join(', ');
  return `${c.shown.length} of ${c.total} ${what} detailed; ${c.left} more cut${by ? ` (${by})` : ''}: a report details at most ${REPORT_LIMITS.detailedFindings} per list, the most severe first; the counts and the verdict cover all of them`;
}

/** The cut as JSON reports carry it. */
export function cutJson(c: Cut<unknown>): {
  shown: number;
  total: number;
  cut: number;
  cutBySeverity: Record<Severity, number>;
} {
  return { shown: c.shown.length, total: c.total, cut: c.left, cutBySeverity: c.leftBySeverity };
}

export const SEVERITY_LABEL: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  unknown: 'Unknown',
};

/**
 * Removes what no report should carry: C0/C1 control characters other than tab and newline
 * (they break XML and terminals: ANSI escapes), lone surrogates and the BOM.
 */
export function clean(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0d) {
      out += '\n';
      if (text.charCodeAt(i + 1) === 0x0a) i++;
    } else if (c === 0x09 || c === 0x0a) {
      out += text[i]!;
    } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0xfeff || c === 0xfffe || c === 0xffff) {
      continue;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += text.slice(i, i + 2);
        i++;
      } else out += '\uFFFD';
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      out += '\uFFFD';
    } else {
      out += text[i]!;
    }
  }
  return out;
}

/** One line: control characters removed, whitespace runs collapsed. */
/** U+200B ZERO WIDTH SPACE: invisible, and no autolink pattern matches across it. */
const ZWSP = '\u200B';

/**
 * Plain text bound for Markdown, with GFM's and GitLab's autolinks broken: a package name such as
 * `www.evil-login.example`, `https://evil.example/phish` or `user@evil.example` would otherwise
 * render as a live link. A zero-width space goes after `www`, between `:` and `//`, and after `@`
 * (which also defuses `@mentions`); the text reads and copies the same. Apply it to every piece of
 * outside text a Markdown renderer shows (mdEscape does); never to a link target the report builds.
 */
export function noAutolink(text: string): string {
  return text
    .replace(/:\/\//g, `:${ZWSP}//`)
    .replace(/\b(www)\./gi, `$1${ZWSP}.`)
    .replace(/@/g, `@${ZWSP}`);
}

export function oneLine(text: string): string {
  return clean(text).replace(/\s+/g, ' ').trim();
}

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1))}…`;
}

export function cvssText(f: EvaluatedFinding): string {
  return f.cvss ? f.cvss.score.toFixed(1) : '';
}

/** Findings that break a rule, most severe first (Verdict.findings is already sorted). */
export function violatingFindings(input: ReportInput): EvaluatedFinding[] {
  return input.findings.filter((f) => f.status === 'violation');
}

/** "harbor.example.com/team/app:1.2@sha256:..." -> "team/app" (the repository path). */
export function repositoryPath(image: string): string {
  let ref = image.split('@')[0]!;
  const slash = ref.indexOf('/');
  const first = slash >= 0 ? ref.slice(0, slash) : '';
  if (slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    ref = ref.slice(slash + 1);
  }
  const colon = ref.lastIndexOf(':');
  if (colon > ref.lastIndexOf('/')) ref = ref.slice(0, colon);
  return ref;
}

/** "harbor.example.com:8443/team/app:1.2" -> "harbor.example.com:8443"; "" without a host part. */
export function registryHost(image: string): string {
  const ref = image.split('@')[0]!;
  const slash = ref.indexOf('/');
  if (slash < 0) return '';
  const first = ref.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost' ? first : '';
}

/** The image reference pinned to the digest, for locations. */
export function pinnedImage(input: ReportInput): string {
  const base = input.image.split('@')[0]!;
  return input.digest ? `${base}@${input.digest}` : base;
}

export function verdictLine(input: ReportInput): string {
  const v = input;
  const n = v.violations.length;
  return v.verdict === 'pass'
    ? `PASSED: ${input.image} meets the policy${v.waivers.length ? ` (${v.waivers.length} waived)` : ''}`
    : `FAILED: ${input.image} breaks the policy with ${n} violation${n === 1 ? '' : 's'}`;
}

export function platformsText(f: EvaluatedFinding): string {
  return f.platforms.join(', ');
}

/** An http(s) URL in canonical, percent-encoded form; undefined for anything else (javascript:...). */
export function safeUrl(text: string): string | undefined {
  if (!/^https?:\/\//i.test(text.trim())) return undefined;
  try {
    const u = new URL(text.trim());
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** The first usable link of a finding. */
export function firstUrl(links: readonly string[]): string | undefined {
  for (const l of links) {
    const u = safeUrl(l);
    if (u !== undefined) return u;
  }
  return undefined;
}

/** The steps a report lists, in run order; `reports` is left out (a report cannot know it was written). */
export const STEP_ORDER: readonly string[] = STEP_NAMES.filter((n) => n !== 'reports');

const STEP_LABEL: Record<string, string> = {
  inputs: 'inputs',
  push: 'push',
  sbom: 'SBOM',
  sign: 'signature',
  provenance: 'provenance',
  scan: 'scan',
  policy: 'policy',
  attestScan: 'scan attestation',
};

export function stepLabel(name: string): string {
  return STEP_LABEL[name] ?? name;
}

/** The steps to show, in run order (known names first), without `reports`. */
export function reportSteps(input: ReportInput): [string, StepInfo][] {
  const steps: Readonly<Record<string, StepInfo>> = input.steps;
  const names = Object.keys(steps).filter((n) => n !== 'reports');
  names.sort((a, b) => {
    const ia = STEP_ORDER.indexOf(a);
    const ib = STEP_ORDER.indexOf(b);
    return (ia < 0 ? STEP_ORDER.length : ia) - (ib < 0 ? STEP_ORDER.length : ib) || a.localeCompare(b);
  });
  return names.map((n) => [n, steps[n]!]);
}

/** Seconds rounded to milliseconds, the one rounding every report uses. */
export function roundSeconds(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/** "4.2 s", "850 ms", "2 min 5 s". */
export function durationText(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${(Math.round(seconds * 10) / 10).toFixed(1)} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${Math.round(seconds - m * 60)} s`;
}

/** Signature formats in words: what a user knows them by. */
const SIGNATURE_FORMAT: Record<string, string> = {
  bundle: 'Sigstore bundle (cosign v3)',
  legacy: 'cosign .sig tag (cosign v2)',
};

function formatFact(name: string, format: string): string {
  if (name !== 'sign') return `format ${format}`;
  const words = format.split(', ').map((f) => SIGNATURE_FORMAT[f] ?? f);
  return `format ${words.join(', ')}`;
}

/** What a step did, as a few short facts (each one line, outside text cleaned by the caller). */
export function stepFacts(name: string, s: StepInfo): string[] {
  const facts: string[] = [];
  if (s.tags && s.tags.length > 0) facts.push(`tags ${s.tags.join(', ')}`);
  if (s.format) facts.push(formatFact(name, s.format));
  if (s.scanner) facts.push(`scanner ${s.scanner}`);
  if (s.key) facts.push(`key ${s.key}`);
  if (s.identity) facts.push(`identity ${s.identity}`);
  // The image's digest; for what a step added (the registry's "referrers"), where it is stored.
  if (s.digest) facts.push(`${name === 'push' ? 'digest' : 'stored as'} ${s.digest}`);
  if (s.attestations && s.attestations.length > 0) facts.push(`attestations ${s.attestations.join(', ')}`);
  if (s.detail) facts.push(s.detail);
  if (s.error) facts.push(`error: ${s.code ? `[${s.code}] ` : ''}${s.error}`);
  return facts;
}

/** One line per step: "scan: ok in 29.3 s (scanner Trivy 0.50; ...)". */
export function stepLine(name: string, s: StepInfo): string {
  const time = s.seconds !== undefined && s.status !== 'skipped' ? ` in ${durationText(s.seconds)}` : '';
  const facts = stepFacts(name, s).map((f) => oneLine(f));
  // A rule set that did not run says so in place of its status ("policy: not evaluated (scan failed)").
  if (s.status === 'skipped' && facts.length === 1 && facts[0]!.startsWith('not evaluated'))
    return `${stepLabel(name)}: ${facts[0]!}`;
  return `${stepLabel(name)}: ${oneLine(s.status)}${time}${facts.length ? ` (${facts.join('; ')})` : ''}`;
}

/** The policy in force, as short "key value" facts with the policy file's key names. */
export function policyFacts(p: Policy): string[] {
  const facts = [`fail-on ${p.failOn}`, `ignore-unfixed ${p.ignoreUnfixed ? 'yes' : 'no'}`];
  facts.push(`cvss-threshold ${p.cvssThreshold ?? 'none'}`);
  const max = SEVERITIES.flatMap((s) => (p.maxCounts[s] !== undefined ? [`${s} ${p.maxCounts[s]}`] : []));
  facts.push(`max-counts ${max.length ? max.join(', ') : 'none'}`);
  facts.push(`require-signature ${p.requireSignature ? 'yes' : 'no'}`);
  facts.push(`require-sbom ${p.requireSbom ? 'yes' : 'no'}`);
  facts.push(`use-harbor-allowlist ${p.useHarborAllowlist ? 'yes' : 'no'}`);
  facts.push(`on-scan-error ${p.onScanError}`);
  facts.push(`allowlist ${p.allowlist.length} entr${p.allowlist.length === 1 ? 'y' : 'ies'}`);
  return facts;
}

/**
 * The artifact's page in Harbor's web UI:
 * `<harborUrl>/harbor/projects/<project>/repositories/<rest, URL-encoded>/artifacts-tab/artifacts/<digest>`.
 * The UI resolves the project by name or id; the repository is the part after the project, with
 * `/` encoded (`a/b` -> `a%2Fb`). Undefined without a Harbor URL, a project or a digest.
 */
export function harborArtifactUrl(input: ReportInput): string | undefined {
  if (!input.harborUrl || !SHA256_DIGEST_PATTERN.test(input.digest)) return undefined;
  const base = safeUrl(input.harborUrl);
  if (base === undefined) return undefined;
  const path = repositoryPath(input.image);
  const slash = path.indexOf('/');
  if (slash <= 0 || slash === path.length - 1) return undefined;
  const project = path.slice(0, slash);
  const rest = path.slice(slash + 1);
  return `${base.replace(/\/+$/, '')}/harbor/projects/${encodeURIComponent(project)}/repositories/${encodeURIComponent(rest)}/artifacts-tab/artifacts/${input.digest}`;
}

/** The run's one verdict. */
export function runVerdict(input: ReportInput): RunVerdict {
  return input.verdict;
}

/**
 * The headline every report shows: PASSED / FAILED (policy) / ERROR (a step could not finish),
 * and "policy breached — reported only" under --report-only.
 */
export function outcomeLine(input: ReportInput): string {
  const o = input;
  if (o.verdict === 'error') {
    const step = o.failedStep ? `the ${stepLabel(o.failedStep)} step` : 'a step';
    const err = o.error ? `: [${o.error.code}] ${o.error.message}` : '';
    return `ERROR: ${step} could not finish${err}`;
  }
  const line = verdictLine(input);
  if (o.reportOnly && input.verdict === 'fail') return `${line} (policy breached — reported only)`;
  return line;
}

/** Whether the image has more than one platform (the platforms column is worth showing). */
export function multiPlatform(input: ReportInput): boolean {
  if ((input.report?.platforms?.length ?? 0) > 1) return true;
  const seen = new Set<string>();
  for (const f of input.findings) {
    for (const p of f.platforms) seen.add(p);
    if (f.platform) seen.add(f.platform);
    if (seen.size > 1) return true;
  }
  return false;
}

/** The platforms of a finding: the deduplicated list, else the finding's own platform. */
export function findingPlatforms(f: EvaluatedFinding): string {
  if (f.platforms.length > 0) return f.platforms.join(', ');
  return f.platform ?? '';
}

export const WAIVER_LABEL: Record<string, string> = {
  allowlist: 'allowlist',
  'harbor-project': 'Harbor project allowlist',
  'harbor-system': 'Harbor system allowlist',
  vex: 'VEX',
};

/** What a finding is under the policy, in words: "violation (severity)", "waived (allowlist)"... */
export function statusLabel(f: EvaluatedFinding, waivers: readonly Waiver[] = []): string {
  switch (f.status) {
    case 'violation':
      return `violation${f.rules.length ? ` (${f.rules.join(', ')})` : ''}`;
    case 'waived': {
      // A string, not the WaiverSource union: sources added later (e.g. 'vex') get a label here too.
      const source: string = waivers.find((x) => x.finding.key === f.key)?.source ?? 'allowlist';
      return `waived (${WAIVER_LABEL[source] ?? source})`;
    }
    case 'ignored-unfixed':
      return 'unfixed (ignored)';
    case 'ok':
      return 'below threshold';
  }
}
