/**
 * SARIF 2.1.0 for GitHub code scanning: one rule per vulnerability id, one result per finding,
 * located in the image's repository path (as trivy does; code scanning needs a location), with
 * `security-severity` for GitHub's severity column. Within GitHub's limits: at most
 * SARIF_MAX_RESULTS results (violations first), with a notification saying what was left out.
 */
import { createHash } from 'node:crypto';
import type { Severity } from '../core/index.js';
import {
  REPORT_LIMITS,
  firstUrl,
  clean,
  oneLine,
  outcomeLine,
  pinnedImage,
  platformsText,
  registryHost,
  repositoryPath,
  runVerdict,
  SEVERITY_LABEL,
  truncate,
  type ReportInput,
} from './common.js';

/** GitHub keeps the top 5,000 results of a run (of at most 25,000 accepted). */
export const SARIF_MAX_RESULTS: number = REPORT_LIMITS.detailedFindings;

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  unknown: 'note',
};

/** GitHub maps security-severity: >= 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '2.0',
  unknown: '0.0',
};

const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, unknown: 0 };

export interface SarifOptions {
  maxResults?: number;
}

export function buildSarif(input: ReportInput, options: SarifOptions = {}): Record<string, unknown> {
  const max = options.maxResults ?? SARIF_MAX_RESULTS;
  const v = input;
  const repo = repositoryPath(input.image) || 'image';
  const pinned = oneLine(pinnedImage(input));
  // Violations first, then by severity: what GitHub keeps when it truncates is what matters.
  const ordered = [...v.findings].sort(
    (a, b) =>
      Number(b.status === 'violation') - Number(a.status === 'violation') ||
      RANK[b.severity] - RANK[a.severity],
  );
  const kept = ordered.slice(0, max);
  const waiverOf = new Map(v.waivers.map((w) => [w.finding.key, w]));

  const rules: Record<string, unknown>[] = [];
  const ruleIndex = new Map<string, number>();
  const ruleSeverity = new Map<string, Severity>();
  for (const f of kept) {
    const prev = ruleSeverity.get(f.id);
    if (prev === undefined || RANK[f.severity] > RANK[prev]) ruleSeverity.set(f.id, f.severity);
  }
  for (const f of kept) {
    if (ruleIndex.has(f.id)) continue;
    const sev = ruleSeverity.get(f.id)!;
    const description = truncate(oneLine(f.description ?? f.id), 1000);
    const rule: Record<string, unknown> = {
      id: f.id,
      name: 'OsPackageVulnerability',
      shortDescription: { text: truncate(`${oneLine(f.id)} in ${oneLine(f.package)}`, 200) },
      fullDescription: { text: description },
      defaultConfiguration: { level: LEVEL[sev] },
      help: {
        text: `Vulnerability ${oneLine(f.id)}\nSeverity: ${SEVERITY_LABEL[sev]}\n${truncate(clean(f.description ?? ''), 4000)}`,
      },
      properties: {
        'security-severity': SECURITY_SEVERITY[sev],
        precision: 'very-high',
        tags: ['vulnerability', 'security', sev],
      },
    };
    const uri = firstUrl(f.links);
    if (uri) rule.helpUri = uri;
    ruleIndex.set(f.id, rules.length);
    rules.push(rule);
  }

  const results = kept.map((f) => {
    const lines = [
      `Package: ${oneLine(f.package)}`,
      `Installed Version: ${oneLine(f.version)}`,
      `Vulnerability: ${oneLine(f.id)}`,
      `Severity: ${SEVERITY_LABEL[f.severity]}`,
      `Fixed Version: ${oneLine(f.fixVersion ?? 'none')}`,
    ];
    if (f.cvss) lines.push(`CVSS: ${f.cvss.score.toFixed(1)} (v${f.cvss.version})`);
    if (f.platforms.length > 0) lines.push(`Platforms: ${oneLine(platformsText(f))}`);
    if (f.status === 'violation') lines.push(`Gate: violates ${f.rules.join(', ')}`);
    const result: Record<string, unknown> = {
      ruleId: f.id,
      ruleIndex: ruleIndex.get(f.id),
      level: LEVEL[f.severity],
      message: { text: lines.join('\n') },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: repo, uriBaseId: 'ROOTPATH' },
            region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
          },
          message: { text: `${pinned}: ${oneLine(f.package)}@${oneLine(f.version)}` },
        },
      ],
      partialFingerprints: {
        'harborGateFinding/v1': createHash('sha256').update(`${repo}\u0000${f.key}`).digest('hex'),
      },
      properties: { status: f.status, rules: f.rules, platforms: f.platforms },
    };
    const waiver = waiverOf.get(f.key);
    if (f.status === 'waived' && waiver !== undefined) {
      // A VEX waiver's justification is the statement: status, justification, impact, document.
      const vex = waiver.vex;
      result.suppressions = [
        {
          kind: 'external',
          status: 'accepted',
          justification: truncate(oneLine(waiver.reason), 1000),
          properties: {
            source: waiver.source,
            ...(vex
              ? {
                  vexStatus: vex.status,
                  ...(vex.justification !== undefined ? { vexJustification: vex.justification } : {}),
                  vexDocument: vex.document,
                }
              : {}),
          },
        },
      ];
    }
    return result;
  });

  const notifications: Record<string, unknown>[] = [];
  if (ordered.length > kept.length) {
    notifications.push({
      level: 'warning',
      message: {
        text: `${ordered.length - kept.length} of ${ordered.length} findings left out: GitHub code scanning keeps at most ${max} results per run (violations and the most severe are kept).`,
      },
    });
  }
  for (const w of v.warnings) notifications.push({ level: 'warning', message: { text: oneLine(w) } });
  const verdict = runVerdict(input);
  if (verdict === 'error')
    notifications.push({
      level: 'error',
      message: { text: oneLine(`${outcomeLine(input)}${input.left ? `; ${input.left}` : ''}`) },
    });
  // GitHub takes the part before the last "/" as the analysis category: one per image, so two
  // gates in one repository (two images) keep their own alerts instead of replacing each other's.
  const host = registryHost(input.image);
  const category = `harbor-gate/${host ? `${oneLine(host)}/` : ''}${oneLine(repo)}`;

  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: input.tool.name,
            version: input.tool.version,
            semanticVersion: input.tool.version,
            informationUri: input.tool.informationUri,
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: verdict !== 'error',
            endTimeUtc: input.generatedAt.toISOString(),
            toolExecutionNotifications: notifications,
          },
        ],
        originalUriBaseIds: { ROOTPATH: { uri: 'file:///' } },
        automationDetails: { id: `${category}/` },
        results,
        columnKind: 'utf16CodeUnits',
        properties: {
          image: pinned,
          verdict,
          policyVerdict: input.policyVerdict,
          counts: { ...input.counts },
          fixable: input.fixable,
          ...(input.reportOnly ? { reportOnly: true } : {}),
          findings: ordered.length,
          resultsIncluded: kept.length,
        },
      },
    ],
  };
}

export function renderSarif(input: ReportInput, options: SarifOptions = {}): string {
  return `${JSON.stringify(buildSarif(input, options), null, 2)}\n`;
}
