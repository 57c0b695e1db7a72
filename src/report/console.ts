/** The console table: severity counts, then the violating findings. Colours only on request. */
import { SEVERITIES, cleanText, type Severity } from '../core/index.js';
import {
  cvssText,
  harborArtifactUrl,
  oneLine as reportLine,
  outcomeLine,
  policyFacts,
  reportSteps,
  runVerdict,
  SEVERITY_LABEL,
  stepLine,
  truncate,
  violatingFindings,
  type ReportInput,
} from './common.js';

/** Why there are no scan results: the scan step's reason, else "not scanned". */
function notScannedText(input: ReportInput): string {
  const scan = input.steps.scan;
  if (scan.status === 'failed') return `scan failed: ${oneLine(scan.error ?? 'no result')}`;
  return `not scanned${scan.detail ? ` (${oneLine(scan.detail)})` : ''}`;
}

export interface ConsoleOptions {
  /** ANSI colours (a terminal); false for logs and files. */
  color?: boolean;
  /** The most violating findings to list (default 50). */
  maxRows?: number;
}

const ANSI: Record<Severity | 'pass' | 'fail' | 'error' | 'dim', string> = {
  critical: '\u001b[1;31m',
  high: '\u001b[31m',
  medium: '\u001b[33m',
  low: '\u001b[36m',
  unknown: '\u001b[37m',
  pass: '\u001b[1;32m',
  fail: '\u001b[1;31m',
  error: '\u001b[1;35m',
  dim: '\u001b[2m',
};
const RESET = '\u001b[0m';

/** The console goes to a terminal or a CI log: every piece of text is cleanText'ed, one line. */
function oneLine(text: string): string {
  return reportLine(cleanText(text, 4000));
}
const CELL = 48;

/** Display width in code points (table cells are one line, without control characters). */
function width(text: string): number {
  return Array.from(text).length;
}

function pad(text: string, w: number): string {
  return text + ' '.repeat(Math.max(0, w - width(text)));
}

function table(
  header: string[],
  rows: string[][],
  paint?: (row: number, col: number, text: string) => string,
): string[] {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[], r: number): string =>
    cells
      .map((c, i) => {
        const padded = i === cells.length - 1 ? c : pad(c, widths[i]!);
        return paint && r >= 0 ? paint(r, i, padded) : padded;
      })
      .join('  ')
      .trimEnd();
  return [line(header, -1), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map((r, i) => line(r, i))];
}

export function renderConsole(input: ReportInput, options: ConsoleOptions = {}): string {
  const color = options.color === true;
  const maxRows = options.maxRows ?? 50;
  const c = (code: keyof typeof ANSI, text: string): string =>
    color ? `${ANSI[code]}${text}${RESET}` : text;
  const v = input;
  const out: string[] = [];
  out.push(c(runVerdict(input), oneLine(outcomeLine({ ...input, image: oneLine(input.image) }))));
  if (input.verdict === 'error' && input.error) out.push(`  remedy: ${oneLine(input.error.remedy)}`);
  if (input.left) out.push(`  ${oneLine(input.left)}`);
  if (input.digest) out.push(`digest ${oneLine(input.digest)}`);
  const url = harborArtifactUrl(input);
  if (url) out.push(`harbor ${url}`);
  const steps = reportSteps(input);
  if (steps.length > 0) {
    out.push('', 'steps:');
    for (const [name, s] of steps) out.push(`  ${stepLine(name, s)}`);
  }
  out.push('', `policy: ${policyFacts(input.policy).join(', ')}`);
  out.push('');
  if (input.report) {
    out.push(
      ...table(
        ['severity', ...SEVERITIES.map((s) => SEVERITY_LABEL[s])],
        [
          ['found', ...SEVERITIES.map((s) => String(v.counts[s]))],
          ['after waivers', ...SEVERITIES.map((s) => String(v.countsAfterWaivers[s]))],
        ],
      ),
    );
  } else {
    out.push(c('dim', `vulnerabilities: ${notScannedText(input)}`));
  }
  const violating = violatingFindings(input);
  if (violating.length > 0) {
    out.push('');
    const shown = violating.slice(0, maxRows);
    const rows = shown.map((f) => [
      truncate(oneLine(f.id), CELL),
      truncate(oneLine(f.package), CELL),
      truncate(oneLine(f.version), CELL),
      truncate(oneLine(f.fixVersion ?? '-'), CELL),
      SEVERITY_LABEL[f.severity],
      cvssText(f) || '-',
    ]);
    out.push(
      ...table(['id', 'package', 'installed', 'fixed-in', 'severity', 'cvss'], rows, (r, col, text) =>
        col === 4 ? c(shown[r]!.severity, text) : text,
      ),
    );
    if (violating.length > shown.length) {
      out.push(
        c(
          'dim',
          `... and ${violating.length - shown.length} more violating findings (see the JSON or HTML report)`,
        ),
      );
    }
  }
  const other = v.violations.filter((x) => !x.finding);
  if (other.length > 0) {
    out.push('');
    for (const x of other) out.push(`${c('fail', `[${x.rule}]`)} ${oneLine(x.reason)}`);
  }
  if (v.fixPlan.steps.length > 0 || v.fixPlan.noFix.length > 0) {
    out.push('', 'fix plan:');
    for (const s of v.fixPlan.steps.slice(0, 20)) out.push(`  ${oneLine(s.text)}`);
    if (v.fixPlan.steps.length > 20) out.push(`  ... and ${v.fixPlan.steps.length - 20} more upgrades`);
    if (v.fixPlan.noFix.length > 0)
      out.push(`  no fix available yet for ${v.fixPlan.noFix.length} violating finding(s)`);
  }
  if (v.waivers.length > 0) {
    const byVex = v.waivers.filter((w) => w.source === 'vex').length;
    out.push(
      '',
      `${v.waivers.length} finding(s) waived${byVex > 0 ? ` (${byVex} by VEX)` : ''} (see the reports for reasons)`,
    );
  }
  if (v.vexNotes.length > 0) {
    out.push('', `VEX statements that do not waive (${v.vexNotes.length}):`);
    for (const n of v.vexNotes.slice(0, 20))
      out.push(
        `  ${oneLine(n.finding.id)} in ${oneLine(n.finding.package)} ${oneLine(n.finding.version)}: ${n.vex.status} [${oneLine(n.vex.document)}]`,
      );
    if (v.vexNotes.length > 20) out.push(`  ... and ${v.vexNotes.length - 20} more`);
  }
  for (const w of v.warnings) out.push(c('medium', `warning: ${oneLine(w)}`));
  return `${out.join('\n')}\n`;
}
