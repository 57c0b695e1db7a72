/**
 * `harbor-gate scan --image REF [--harbor-url URL] [--scan-timeout 10m] [--username U] [--json]`:
 * trigger Harbor's vulnerability scan of the image, wait for the new report and print it. --json
 * prints {"digest","scanner","status","counts","fixable","vulnerabilities":[...]} (README.md, "JSON results").
 */
import fs from 'node:fs';
import { inputError } from '../../errors.js';
import { HttpClient } from '../../http/client.js';
import { DEFAULT_SCAN_TIMEOUT_MS, parseDuration } from '../../core/index.js';
import { SEVERITIES, type ScanReport } from '../../core/index.js';
import { parseReference } from '../../oci/reference.js';
import { bool, password, requireStr, str, type Command, type CommandContext } from '../command.js';

const MAX_LISTED = 50;

export interface ScanJson {
  digest: string;
  scanner: string | null;
  status: string;
  counts: ScanReport['counts'];
  fixable: number;
  vulnerabilities: {
    id: string;
    package: string;
    version: string;
    fixVersion: string | null;
    severity: string;
    cvss: number | null;
    platform?: string;
  }[];
}

export function scanJson(r: ScanReport): ScanJson {
  return {
    digest: r.digest,
    scanner: r.scanner ? `${r.scanner.name} ${r.scanner.version}`.trim() : null,
    status: r.status,
    counts: r.counts,
    fixable: r.fixable,
    vulnerabilities: r.findings.map((f) => ({
      id: f.id,
      package: f.package,
      version: f.version,
      fixVersion: f.fixVersion ?? null,
      severity: f.severity,
      cvss: f.cvss?.score ?? null,
      ...(f.platform ? { platform: f.platform } : {}),
    })),
  };
}

/** The human summary: counts, then the findings worst first (at most 50). */
export function scanText(r: ScanReport, image: string): string {
  const rank = (s: string): number => SEVERITIES.indexOf(s as (typeof SEVERITIES)[number]);
  const sorted = [...r.findings].sort(
    (a, b) => rank(a.severity) - rank(b.severity) || (b.cvss?.score ?? 0) - (a.cvss?.score ?? 0),
  );
  const lines = [
    `${image}@${r.digest}`,
    `scan: ${r.status}${r.scanner ? ` (${r.scanner.name} ${r.scanner.version})` : ''}`,
    `vulnerabilities: ${SEVERITIES.map((s) => `${String(r.counts[s])} ${s}`).join(', ')}; ${String(r.fixable)} fixable`,
  ];
  for (const p of r.platforms ?? []) lines.push(`  platform ${p.platform}: ${p.status} (${p.digest})`);
  if (sorted.length > 0) lines.push('');
  for (const f of sorted.slice(0, MAX_LISTED)) {
    const fix = f.fixVersion ? `fixed in ${f.fixVersion}` : 'no fix';
    const cvss = f.cvss ? ` CVSS ${f.cvss.score.toFixed(1)}` : '';
    lines.push(
      `  ${f.severity.toUpperCase().padEnd(8)} ${f.id} ${f.package} ${f.version} (${fix})${cvss}${f.platform ? ` [${f.platform}]` : ''}`,
    );
  }
  if (sorted.length > MAX_LISTED)
    lines.push(`  ... and ${String(sorted.length - MAX_LISTED)} more (use --json for all)`);
  return lines.join('\n') + '\n';
}

function caPem(ctx: CommandContext): string | undefined {
  const file = str(ctx, 'ca-file');
  if (file === undefined) return undefined;
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw inputError(
      'CA_FILE_UNREADABLE',
      `cannot read --ca-file ${file}`,
      'Check the path of --ca-file (a PEM file).',
      e,
    );
  }
}

export const scanCommand: Command = {
  name: 'scan',
  summary: "trigger Harbor's scan, wait, print the findings",
  flags: ['harbor-url', 'scan-timeout'],
  examples: [
    'harbor-gate scan --image harbor.example.com/library/app:1.0 --username "robot\\$library+ci" --password-stdin',
    'HARBOR_GATE_PASSWORD=... harbor-gate scan --image harbor.example.com/library/app@sha256:... --scan-timeout 15m --json',
  ],
  async run(ctx) {
    const imageText = requireStr(ctx, 'image');
    const ref = parseReference(imageText);
    const timeoutText = str(ctx, 'scan-timeout');
    const timeoutMs =
      timeoutText === undefined ? DEFAULT_SCAN_TIMEOUT_MS : parseDuration(timeoutText, '--scan-timeout');
    const { HarborClient, harborTarget } = await import('../../harbor/client.js');
    const ca = caPem(ctx);
    const http = new HttpClient({ logger: ctx.logger, env: ctx.env, ...(ca ? { caPem: ca } : {}) });
    let harborUrl = str(ctx, 'harbor-url');
    if (!harborUrl && !bool(ctx, 'plain-http')) {
      // Harbor's API on the image's host, with the scheme the registry client would use there.
      const { registryScheme } = await import('../../oci/registry.js');
      harborUrl = `${await registryScheme(http, ref.registry, ctx.logger)}://${ref.registry}`;
    }
    const target = harborTarget(ref, harborUrl);
    const username =
      str(ctx, 'username') ?? (ctx.env.GITLAB_CI === 'true' ? ctx.env.HARBOR_USERNAME : undefined);
    let pw = await password(ctx);
    if (pw === undefined && ctx.env.GITLAB_CI === 'true' && ctx.env.HARBOR_PASSWORD) {
      pw = ctx.env.HARBOR_PASSWORD;
      ctx.redactor.add(pw);
    }
    try {
      const client = new HarborClient({
        http,
        baseUrl: target.baseUrl,
        logger: ctx.logger,
        ...(username !== undefined ? { username } : {}),
        ...(pw !== undefined ? { password: pw } : {}),
      });
      await client.preflight(target);
      const digest = target.digest ?? (await client.getArtifact(target, target.tag ?? 'latest')).digest;
      const report = await client.scan(target, digest, { timeoutMs });
      return {
        exitCode: 0,
        json: scanJson(report),
        text: scanText(report, `${ref.displayRegistry}/${ref.repository}`),
      };
    } finally {
      http.close();
    }
  },
};
