/**
 * GitLab container scanning report, schema 15.2.4: a `scan` object, one vulnerability per
 * unwaived finding with a stable id, identifiers, location (dependency, operating_system, image)
 * and a solution naming the fixed version.
 */
import { createHash } from 'node:crypto';
import type { Severity } from '../core/index.js';
import type { EvaluatedFinding } from '../policy/index.js';
import {
  noAutolink,
  safeUrl,
  cutList,
  cutNote,
  firstUrl,
  clean,
  oneLine,
  outcomeLine,
  pinnedImage,
  repositoryPath,
  SEVERITY_LABEL,
  truncate,
  type ReportInput,
} from './common.js';

export const GITLAB_SCHEMA_VERSION = '15.2.4';
const SCHEMA_URL = `https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v${GITLAB_SCHEMA_VERSION}/dist/container-scanning-report-format.json`;

/** Namespace of the name-based (v5-style) ids: fixed, so ids are the same run after run. */
const NAMESPACE = Buffer.from('6f1c2b7e9a3d4e5f8a1b2c3d4e5f6a7b', 'hex');

/** A UUID v5-style id (SHA-1 of namespace + name): deterministic. */
export function stableUuid(name: string): string {
  const h = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** GitLab wants UTC without zone or fraction: 2020-01-28T03:26:02. */
export function gitlabTime(d: Date): string {
  return d.toISOString().slice(0, 19);
}

function parseTime(s: string | undefined, fallback: Date): Date {
  if (s === undefined) return fallback;
  const t = Date.parse(s);
  return Number.isNaN(t) ? fallback : new Date(t);
}

const CVSS3 = /^CVSS:3\.[01]\/AV:[NALP]\/AC:[LH]\/PR:[NLH]\/UI:[NR]\/S:[UC]\/C:[NLH]\/I:[NLH]\/A:[NLH]$/;
const CVSS2 = /^AV:[LAN]\/AC:[HML]\/Au:[MSN]\/C:[NPC]\/I:[NPC]\/A:[NPC]$/;

function identifierType(id: string): string {
  if (/^CVE-/i.test(id)) return 'cve';
  if (/^GHSA-/i.test(id)) return 'ghsa';
  const prefix = /^([A-Za-z][A-Za-z0-9]*)-/.exec(id);
  return prefix ? prefix[1]!.toLowerCase() : 'scanner';
}

function identifierUrl(id: string, links: readonly string[]): string | undefined {
  if (/^CVE-\d{4}-\d+$/.test(id)) return `https://nvd.nist.gov/vuln/detail/${id}`;
  if (/^GHSA(-[a-z0-9]{4}){3}$/.test(id)) return `https://github.com/advisories/${id}`;
  return firstUrl(links);
}

const GITLAB_SEVERITY: Record<Severity, string> = SEVERITY_LABEL;

function vulnerability(
  f: EvaluatedFinding,
  repo: string,
  image: string,
  os: string,
): Record<string, unknown> {
  const id = oneLine(f.id) || 'unknown';
  const primary: Record<string, unknown> = { type: identifierType(id), name: id, value: id };
  const url = identifierUrl(id, f.links);
  if (url) primary.url = url;
  const identifiers = [primary];
  for (const cwe of f.cweIds) {
    const m = /^CWE-(\d+)$/i.exec(cwe.trim());
    if (m)
      identifiers.push({
        type: 'cwe',
        name: `CWE-${m[1]!}`,
        value: m[1]!,
        url: `https://cwe.mitre.org/data/definitions/${m[1]!}.html`,
      });
  }
  const pkg = oneLine(f.package) || 'unknown';
  const v: Record<string, unknown> = {
    id: stableUuid(`${f.id}\u0000${f.package}\u0000${f.version}\u0000${repo}`),
    name: truncate(`${id} in ${pkg}`, 255),
    // GitLab renders description and solution as Markdown: outside text must not become a link.
    description:
      noAutolink(truncate(clean(f.description ?? `${id} in ${pkg} ${oneLine(f.version)}`), 100_000)) || id,
    severity: GITLAB_SEVERITY[f.severity],
    solution: noAutolink(
      truncate(
        f.fixVersion
          ? `Upgrade ${pkg} from ${oneLine(f.version)} to ${oneLine(f.fixVersion)}.`
          : 'No fixed version is known yet.',
        7000,
      ),
    ),
    identifiers,
    location: {
      dependency: { package: { name: pkg }, version: oneLine(f.version) },
      operating_system: os,
      image,
    },
  };
  const links = [...new Set(f.links.map(safeUrl).filter((l) => l !== undefined))].map((url) => ({ url }));
  if (links.length > 0) v.links = links;
  const vector = f.cvss?.vector;
  if (vector !== undefined && (CVSS3.test(vector) || CVSS2.test(vector))) {
    v.cvss_vectors = [{ vendor: 'NVD', vector }];
  }
  const details: Record<string, unknown> = {};
  if (f.platforms.length > 0) {
    details.platforms = {
      type: 'list',
      name: 'Platforms',
      items: f.platforms.map((p) => ({ type: 'text', value: oneLine(p) || '-' })),
    };
  }
  if (f.status === 'violation') {
    details.gate = { type: 'text', name: 'harbor-gate', value: `violates ${f.rules.join(', ')}` };
  }
  if (Object.keys(details).length > 0) v.details = details;
  return v;
}

export function buildGitlabReport(input: ReportInput): Record<string, unknown> {
  const v = input;
  const repo = repositoryPath(input.image) || 'image';
  const image = oneLine(pinnedImage(input)) || 'image';
  const os = oneLine(input.operatingSystem ?? '') || 'Unknown';
  const scanner = input.report?.scanner;
  const start = parseTime(input.report?.startTime, input.generatedAt);
  const end = parseTime(input.report?.endTime, input.generatedAt);
  const failed =
    !input.report || input.violations.some((x) => x.rule === 'scan-error') || input.verdict === 'error';
  const messages: Record<string, unknown>[] = [];
  if (input.verdict === 'error')
    messages.push({ level: 'fatal', value: oneLine(outcomeLine(input)) || 'error' });
  if (input.left) messages.push({ level: 'info', value: oneLine(input.left) });
  const waived = v.findings.filter((f) => f.status === 'waived').length;
  if (waived > 0)
    messages.push({
      level: 'info',
      value: `${waived} finding(s) waived by the harbor-gate policy are not listed`,
    });
  for (const w of v.warnings) messages.push({ level: 'warn', value: oneLine(w) || 'warning' });
  const listed = cutList(
    v.findings.filter((f) => f.status !== 'waived'),
    (f) => f.severity,
  );
  if (listed.left > 0) messages.push({ level: 'info', value: cutNote('findings', listed) });
  const scan: Record<string, unknown> = {
    analyzer: {
      id: 'harbor-gate',
      name: 'harbor-gate',
      version: input.tool.version,
      vendor: { name: 'harbor-gate' },
      ...(/^https?:\/\//.test(input.tool.informationUri) ? { url: input.tool.informationUri } : {}),
    },
    scanner: {
      id:
        oneLine(scanner?.name ?? 'harbor')
          .toLowerCase()
          .replace(/[^a-z0-9_-]+/g, '-') || 'harbor',
      name: oneLine(scanner?.name ?? 'Harbor') || 'Harbor',
      version: oneLine(scanner?.version ?? 'unknown') || 'unknown',
      vendor: { name: oneLine(scanner?.vendor ?? 'Harbor') || 'Harbor' },
    },
    type: 'container_scanning',
    start_time: gitlabTime(start),
    end_time: gitlabTime(end),
    status: failed ? 'failure' : 'success',
  };
  if (messages.length > 0) scan.messages = messages;
  return {
    version: GITLAB_SCHEMA_VERSION,
    schema: SCHEMA_URL,
    scan,
    vulnerabilities: listed.shown.map((f) => vulnerability(f, repo, image, os)),
    remediations: [],
  };
}

export function renderGitlabReport(input: ReportInput): string {
  return `${JSON.stringify(buildGitlabReport(input), null, 2)}\n`;
}
