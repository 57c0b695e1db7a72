/**
 * The Markdown job summary: verdict first, counts, a Mermaid pie chart, the violating findings,
 * the waivers and the fix plan. Stays under GitHub's 1 MiB step-summary limit by truncating the
 * long lists, with a note saying so.
 */
import { SEVERITIES } from '../core/index.js';
import {
  firstUrl,
  noAutolink,
  cvssText,
  durationText,
  findingPlatforms,
  harborArtifactUrl,
  multiPlatform,
  oneLine,
  outcomeLine,
  policyFacts,
  reportSteps,
  runVerdict,
  SEVERITY_LABEL,
  stepFacts,
  stepLabel,
  statusLabel,
  truncate,
  violatingFindings,
  WAIVER_LABEL,
  type ReportInput,
} from './common.js';
import type { EvaluatedFinding } from '../policy/index.js';

/** Other findings beyond this many go in a collapsed <details> section. */
const OPEN_ROWS = 10;

/** GitHub refuses step summaries above 1024 KiB; keep a margin for other steps' output. */
export const MARKDOWN_MAX_BYTES = 1_000_000;

export interface MarkdownOptions {
  maxBytes?: number;
}

/** Escapes text for a Markdown paragraph or table cell: no markup, HTML, math, cell breaks or autolinks. */
export function mdEscape(text: string, max = 300): string {
  return noAutolink(truncate(oneLine(text), max).replace(/[\\`*_[\]<>|~&$#!]/g, (c) => `\\${c}`));
}

function link(id: string, links: readonly string[]): string {
  const url = firstUrl(links);
  return url ? `[${mdEscape(id, 100)}](${url.replace(/[()<>\s]/g, encodeURIComponent)})` : mdEscape(id, 100);
}

/** Rows made one at a time, as the budget takes them (not 650 000 rows to keep 3 000). */
function* lazyMap<T>(list: readonly T[], f: (t: T) => string): Generator<string> {
  for (const t of list) yield f(t);
}

class Budget {
  used = 0;
  truncated = false;
  readonly parts: string[] = [];
  constructor(private readonly max: number) {}
  /** Adds a line if it fits (keeping `reserve` bytes back); false when it does not. */
  add(line: string, reserve = 2048): boolean {
    const bytes = Buffer.byteLength(line, 'utf8') + 1;
    if (this.used + bytes > this.max - reserve) {
      this.truncated = true;
      return false;
    }
    this.parts.push(line);
    this.used += bytes;
    return true;
  }
  /** A table or list: the head, then rows while they fit, then a note on what was left out. */
  rows(head: string[], rows: Iterable<string>, total: number, what: string): void {
    if (!head.every((h) => this.add(h))) return;
    let n = 0;
    for (const r of rows) {
      if (!this.add(r)) break;
      n++;
    }
    if (n < total && this.add('', 0)) {
      this.add(
        `_${total - n} more ${what} not shown to stay under the size limit; see the JSON or HTML report._`,
        0,
      );
    }
  }
}

export function renderMarkdown(input: ReportInput, options: MarkdownOptions = {}): string {
  const b = new Budget(options.maxBytes ?? MARKDOWN_MAX_BYTES);
  const v = input;
  const verdict = runVerdict(input);
  const icon =
    verdict === 'error'
      ? '⚠️'
      : input.reportOnly && v.verdict === 'fail'
        ? '🟠'
        : verdict === 'pass'
          ? '✅'
          : '❌';
  b.add(`## ${icon} harbor-gate: ${mdEscape(outcomeLine(input), 1000)}`);
  if (input.verdict === 'error' && input.error) {
    b.add('');
    b.add(`Remedy: ${mdEscape(input.error.remedy, 1000)}`);
  }
  if (input.left) {
    b.add('');
    b.add(mdEscape(input.left, 2000));
  }
  b.add('');
  b.add(
    // The image is named with its digest once: `repo@digest` is not followed by "@ digest" again.
    `Image \`${oneLine(input.image).replace(/`/g, "'")}\`${input.digest && !input.image.endsWith(`@${input.digest}`) ? ` @ \`${oneLine(input.digest).replace(/`/g, "'")}\`` : ''}`,
  );
  const harbor = harborArtifactUrl(input);
  if (harbor) {
    b.add('');
    b.add(`[Open the artifact in Harbor](${harbor.replace(/[()<>\s]/g, encodeURIComponent)})`);
  }
  if (input.report?.scanner) {
    const s = input.report.scanner;
    b.add('');
    b.add(`Scanned by ${mdEscape(`${s.name} ${s.version}`)} (status ${mdEscape(input.report.status)})`);
  }
  const steps = reportSteps(input);
  if (steps.length > 0) {
    b.add('');
    b.add('### Steps');
    b.add('');
    b.add('| step | result | time | details |');
    b.add('| --- | --- | ---: | --- |');
    for (const [name, s] of steps) {
      const time = s.seconds !== undefined && s.status !== 'skipped' ? durationText(s.seconds) : '';
      b.add(
        `| ${mdEscape(stepLabel(name), 60)} | ${mdEscape(s.status, 20)} | ${time} | ${stepFacts(name, s)
          .map((f) => mdEscape(f, 400))
          .join('<br>')} |`,
      );
    }
  }
  b.add('');
  b.add(
    `**Policy**: ${policyFacts(input.policy)
      .map((f) => mdEscape(f, 200))
      .join(' · ')}`,
  );
  b.add('');
  if (!input.report) {
    const scan = input.steps.scan;
    b.add(
      scan.status === 'failed'
        ? `**Not scanned**: the scan failed${scan.error ? ` (${mdEscape(scan.error, 500)})` : ''}.`
        : `**Not scanned**${scan.detail ? ` (${mdEscape(scan.detail, 200)})` : ''}: no vulnerability results.`,
    );
  } else {
    b.add(`| | ${SEVERITIES.map((s) => SEVERITY_LABEL[s]).join(' | ')} |`);
    b.add(`| --- | ${SEVERITIES.map(() => '---:').join(' | ')} |`);
    b.add(`| found | ${SEVERITIES.map((s) => v.counts[s]).join(' | ')} |`);
    b.add(`| after waivers | ${SEVERITIES.map((s) => v.countsAfterWaivers[s]).join(' | ')} |`);
    b.add('');
  }
  const total = SEVERITIES.reduce((n, s) => n + v.counts[s], 0);
  if (!input.report) {
    // nothing to chart
  } else if (total > 0) {
    b.add('```mermaid');
    b.add('pie title Findings by severity');
    for (const s of SEVERITIES) if (v.counts[s] > 0) b.add(`    "${SEVERITY_LABEL[s]}" : ${v.counts[s]}`);
    b.add('```');
  } else {
    b.add('No vulnerabilities found.');
  }
  const other = v.violations.filter((x) => !x.finding);
  if (other.length > 0) {
    b.add('');
    b.add('### Policy violations');
    for (const x of other) b.add(`- **${x.rule}**: ${mdEscape(x.reason, 1000)}`);
  }
  if (v.warnings.length > 0) {
    b.add('');
    b.add('### Warnings');
    for (const w of v.warnings) b.add(`- ${mdEscape(w, 1000)}`);
  }
  const plan = v.fixPlan;
  if (plan.steps.length > 0 || plan.noFix.length > 0) {
    b.add('');
    b.add('### Fix plan');
    b.rows(
      [''],
      plan.steps.map((s) => `- ${mdEscape(s.text, 500)}`),
      plan.steps.length,
      'upgrades',
    );
    if (plan.noFix.length > 0) {
      b.add('');
      b.add(
        `No fix available yet: ${plan.noFix
          .slice(0, 50)
          .map((f) => `${mdEscape(f.id, 80)} (${mdEscape(f.package, 80)})`)
          .join(', ')}${plan.noFix.length > 50 ? `, and ${plan.noFix.length - 50} more` : ''}`,
      );
    }
  }
  const multi = multiPlatform(input);
  const head = (last: string): string[] => [
    '',
    `| id | package | installed | fixed in | severity | CVSS | ${last} |${multi ? ' platforms |' : ''}`,
    `| --- | --- | --- | --- | --- | ---: | --- |${multi ? ' --- |' : ''}`,
  ];
  const row = (f: EvaluatedFinding, last: string): string =>
    `| ${link(f.id, f.links)} | ${mdEscape(f.package, 100)} | ${mdEscape(f.version, 100)} | ${f.fixVersion !== undefined ? mdEscape(f.fixVersion, 100) : 'no fix'} | ${SEVERITY_LABEL[f.severity]} | ${cvssText(f)} | ${last} |${multi ? ` ${mdEscape(findingPlatforms(f), 200)} |` : ''}`;
  const violating = violatingFindings(input);
  if (violating.length > 0) {
    b.add('');
    b.add(`### Violating findings (${violating.length})`);
    b.rows(
      head('rule'),
      lazyMap(violating, (f) => row(f, f.rules.join(', '))),
      violating.length,
      'violating findings',
    );
  }
  const others = v.findings.filter((f) => f.status !== 'violation');
  if (others.length > 0) {
    b.add('');
    b.add(`### Other findings (${others.length}): within the policy`);
    const collapse = others.length > OPEN_ROWS;
    if (collapse) {
      b.add('');
      b.add(`<details><summary>Show ${others.length} findings that do not break the policy</summary>`);
    }
    b.rows(
      head('status'),
      lazyMap(others, (f) => row(f, mdEscape(statusLabel(f, v.waivers), 60))),
      others.length,
      'other findings',
    );
    if (collapse) {
      b.add('', 0);
      b.add('</details>', 0);
    }
  }
  if (v.waivers.length > 0) {
    b.add('');
    b.add(`### Waivers (${v.waivers.length})`);
    b.rows(
      [
        '',
        '| id | package | installed | severity | waived by | reason | expires |',
        '| --- | --- | --- | --- | --- | --- | --- |',
      ],
      lazyMap(
        v.waivers,
        (w) =>
          `| ${mdEscape(w.finding.id, 100)} | ${mdEscape(w.finding.package, 100)} | ${mdEscape(w.finding.version, 100)} | ${SEVERITY_LABEL[w.finding.severity]} | ${WAIVER_LABEL[w.source] ?? w.source} | ${mdEscape(w.reason, 500)} | ${mdEscape(w.expires ?? '', 40)} |`,
      ),
      v.waivers.length,
      'waivers',
    );
  }
  if (v.vexNotes.length > 0) {
    // affected / under_investigation: shown, not waived; the policy judged these findings as usual.
    b.add('');
    b.add(`### VEX statements that do not waive (${v.vexNotes.length})`);
    b.rows(
      [
        '',
        '| id | package | installed | severity | VEX status | statement | document |',
        '| --- | --- | --- | --- | --- | --- | --- |',
      ],
      lazyMap(
        v.vexNotes,
        ({ finding: f, vex: x }) =>
          `| ${mdEscape(f.id, 100)} | ${mdEscape(f.package, 100)} | ${mdEscape(f.version, 100)} | ${SEVERITY_LABEL[f.severity]} | ${mdEscape(x.status, 40)} | ${mdEscape(x.actionStatement ?? x.statusNotes ?? x.impactStatement ?? '', 500)} | ${mdEscape(x.document, 200)} |`,
      ),
      v.vexNotes.length,
      'VEX statements',
    );
  }
  if (input.vex.ignored.length > 0) {
    b.add('');
    b.add(`### VEX attestations ignored (${input.vex.ignored.length})`);
    b.rows(
      [''],
      input.vex.ignored.map((i) => `- ${mdEscape(i.digest, 100)}: ${mdEscape(i.reason, 500)}`),
      input.vex.ignored.length,
      'ignored VEX attestations',
    );
  }
  if (v.expiredEntries.length > 0 || v.staleEntries.length > 0) {
    b.add('');
    b.add('### Allowlist housekeeping');
    for (const e of v.expiredEntries)
      b.add(
        `- expired: ${mdEscape(e.entry.id, 100)} (expired ${mdEscape(e.entry.expires ?? '', 20)}, matches ${e.matched})`,
      );
    for (const e of v.staleEntries)
      b.add(
        `- stale (matches nothing): ${mdEscape(e.id, 100)}${e.package ? ` in ${mdEscape(e.package, 100)}` : ''}`,
      );
  }
  b.add('', 0);
  if (b.truncated) b.add('_This summary was truncated to stay under GitHub’s 1 MiB step-summary limit._', 0);
  b.add(
    `<sub>${mdEscape(input.tool.name)} ${mdEscape(input.tool.version)} · ${input.generatedAt.toISOString()}</sub>`,
    0,
  );
  return `${b.parts.join('\n')}\n`;
}
