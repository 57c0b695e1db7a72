import type { Severity } from '../core/index.js';
import type { RunOutcome, ScanReport } from '../core/index.js';
import type { EvaluatedFinding, Policy, Verdict } from '../policy/types.js';

export interface StepInfo {
  status: string;
  seconds?: number;
  digest?: string;
  error?: string;
}

/** Everything a report writer needs; every writer is a pure function of it. */
export interface ReportInput {
  image: string;
  digest: string;
  verdict: Verdict;
  report?: ScanReport;
  policy: Policy;
  tool: { name: 'harbor-gate'; version: string; informationUri: string };
  generatedAt: Date;
  harborUrl?: string;
  steps?: Record<string, StepInfo>;
  /** The image's OS (e.g. "debian 12.5"), for the GitLab report; "Unknown" when absent. */
  operatingSystem?: string;
  /** The run's one verdict (pass, fail, error) and the failing step: every report shows it. */
  outcome?: RunOutcome;
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
  return input.verdict.findings.filter((f) => f.status === 'violation');
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

/** The image reference pinned to the digest, for locations. */
export function pinnedImage(input: ReportInput): string {
  const base = input.image.split('@')[0]!;
  return input.digest ? `${base}@${input.digest}` : base;
}

export function verdictLine(input: ReportInput): string {
  const v = input.verdict;
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
