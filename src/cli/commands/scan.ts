/**
 * `harbor-gate scan --image REF [--harbor-url URL] [--scan-timeout 10m] [--username U] [--json]`:
 * the gate's scan step on its own: trigger Harbor's vulnerability scan of the image, wait for the
 * new report and print it. --json prints {"digest","scanner","status","counts","fixable",
 * "vulnerabilities":[...]} (README.md, "JSON results").
 */
import { cleanText, SEVERITIES, type ScanReport } from '../../core/index.js';
import { dedupe } from '../../policy/index.js';
import { findingRef } from '../../report/index.js';
import { resolveOptions, sessionDeps, withSession, type Command } from '../command.js';
import { rethrow } from '../errors.js';

const MAX_LISTED = 50;

export interface ScanJson {
  digest: string;
  scanner: string | null;
  status: string;
  counts: ScanReport['counts'];
  fixable: number;
  /** Each vulnerability once (merged across platforms), as a finding reference (docs/formats.md). */
  vulnerabilities: Record<string, unknown>[];
}

/** The scan as JSON: counts by the one rule, and the findings in the one shape every JSON output uses. */
export function scanJson(r: ScanReport): ScanJson {
  return {
    digest: r.digest,
    scanner: r.scanner ? `${r.scanner.name} ${r.scanner.version}`.trim() : null,
    status: r.status,
    counts: r.counts,
    fixable: r.fixable,
    vulnerabilities: dedupe(r.findings).map(findingRef),
  };
}

/** The human summary: counts, then the findings worst first (at most 50). */
export function scanText(r: ScanReport, image: string): string {
  const rank = (s: string): number => SEVERITIES.indexOf(s as (typeof SEVERITIES)[number]);
  const sorted = dedupe(r.findings).sort(
    (a, b) => rank(a.severity) - rank(b.severity) || (b.cvss?.score ?? 0) - (a.cvss?.score ?? 0),
  );
  const lines = [
    `${image}@${r.digest}`,
    `scan: ${cleanText(r.status, 40)}${r.scanner ? ` (${cleanText(`${r.scanner.name} ${r.scanner.version}`, 100)})` : ''}`,
    `vulnerabilities: ${SEVERITIES.map((s) => `${String(r.counts[s])} ${s}`).join(', ')}; ${String(r.fixable)} fixable`,
  ];
  for (const p of r.platforms ?? [])
    lines.push(
      `  platform ${cleanText(p.platform, 60)}: ${cleanText(p.status, 40)} (${cleanText(p.digest, 80)})`,
    );
  if (sorted.length > 0) lines.push('');
  for (const f of sorted.slice(0, MAX_LISTED)) {
    const fix = f.fixVersion ? `fixed in ${f.fixVersion}` : 'no fix';
    const cvss = f.cvss ? ` CVSS ${f.cvss.score.toFixed(1)}` : '';
    lines.push(
      `  ${f.severity.toUpperCase().padEnd(8)} ${cleanText(f.id, 80)} ${cleanText(f.package, 200)} ${cleanText(f.version, 100)} (${cleanText(fix, 120)})${cvss}${f.platforms.length ? ` [${cleanText(f.platforms.join(', '), 200)}]` : ''}`,
    );
  }
  if (sorted.length > MAX_LISTED)
    lines.push(`  ... and ${String(sorted.length - MAX_LISTED)} more (use --json for all)`);
  return lines.join('\n') + '\n';
}

export const scanCommand: Command = {
  name: 'scan',
  summary: "trigger Harbor's scan, wait, print the findings",
  flags: ['harbor-url', 'scan-timeout'],
  required: ['image'],
  examples: [
    "harbor-gate scan --image harbor.example.com/library/app:1.0 --username 'robot$library+ci' --password-stdin",
    'HARBOR_GATE_PASSWORD=... harbor-gate scan --image harbor.example.com/library/app@sha256:... --scan-timeout 15m --json',
  ],
  async run(ctx) {
    const options = await resolveOptions(ctx, { sign: false, scan: true });
    const { resolveSubject, scanStep } = await import('../../gate/index.js');
    return withSession(options, sessionDeps(ctx), async ({ roles, ref }) => {
      // A scan needs only the digest: by digest, no registry round trip; by tag, the one resolution.
      const digest = ref.digest ?? (await resolveSubject(roles.target, ref)).digest;
      const step = await scanStep(roles.vulnerabilities!, digest, {
        timeoutMs: options.scan!.timeoutMs,
        needAllowlists: false,
        logger: ctx.logger,
      });
      for (const w of step.warnings) ctx.logger.warn(w);
      rethrow(step.outcome);
      const report = step.report!;
      return {
        exitCode: 0,
        json: scanJson(report),
        text: scanText(report, `${ref.displayRegistry}/${ref.repository}`),
      };
    });
  },
};
