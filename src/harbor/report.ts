/**
 * Normalising Harbor's vulnerability report (GET .../additions/vulnerabilities) into Findings.
 *
 * Severity mapping (Harbor -> ours): Critical, High, Medium and Low map to themselves.
 * None and Negligible map to `low`: Harbor still lists such an item as a vulnerability, and `low`
 * is the lowest rating we have, so `--fail-on low` catches it while `unknown` stays reserved for
 * items the scanner could not rate. Unknown, empty and unrecognised names map to `unknown`.
 *
 * CVSS: the v3 score from `preferred_cvss`, else from `vendor_attributes.CVSS` (NVD first, then any
 * vendor), else the v2 score the same way. Harbor writes 0 when it has no score, so 0 without a
 * vector counts as missing.
 */
import { GateError } from '../errors.js';
import {
  cleanProse,
  cleanText,
  type Cvss,
  type Finding,
  type Scanner,
  type Severity,
} from '../core/index.js';
import {
  asObject,
  badResponse,
  isObject,
  optArray,
  optNumber,
  optObject,
  optString,
  stringList,
  type Json,
} from './guards.js';

export const MIME_GENERIC = 'application/vnd.security.vulnerability.report; version=1.1';
export const MIME_NATIVE = 'application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0';
/** Both report types, the generic one first: the portal sends exactly this. */
export const ACCEPT_VULNERABILITIES = `${MIME_GENERIC}, ${MIME_NATIVE}`;

const SEVERITY_MAP: Record<string, Severity> = {
  critical: 'critical',
  high: 'high',
  medium: 'medium',
  low: 'low',
  negligible: 'low',
  none: 'low',
  unknown: 'unknown',
};

export function normaliseSeverity(name: string | undefined): Severity {
  if (!name) return 'unknown';
  return SEVERITY_MAP[name.trim().toLowerCase()] ?? 'unknown';
}

export interface ParsedReport {
  mimeType: string;
  generatedAt?: string;
  scanner?: Scanner;
  /** Each item with the digests Harbor says it was found in (the children of an index). */
  items: { finding: Finding; digests: string[] }[];
}

/** Pick the report out of the additions object; `{}` means "no report", never "clean". */
export function parseVulnerabilityAddition(body: unknown, digest: string): ParsedReport {
  const what = 'vulnerability report';
  const top = asObject(body, what);
  const keys = Object.keys(top);
  if (keys.length === 0) {
    throw new GateError({
      code: 'HARBOR_REPORT_EMPTY',
      message: `Harbor has no vulnerability report data for ${digest} (it answered {}), so the result is unknown, not clean`,
      remedy:
        'The artifact was not scanned by the project scanner, a scan is still running, or the scanner produces a report type this Harbor does not return. Re-run the scan; check the scanner in the project settings.',
      kind: 'infra',
    });
  }
  const mimeType = [MIME_GENERIC, MIME_NATIVE].find((m) => m in top) ?? keys[0] ?? MIME_GENERIC;
  const report = asObject(top[mimeType], what);
  const scannerObj = optObject(report, 'scanner', what);
  const items = optArray(report, 'vulnerabilities', what);
  if (items === undefined) {
    throw badResponse(what, `the ${mimeType} report has no "vulnerabilities" list`);
  }
  return {
    mimeType,
    generatedAt: optString(report, 'generated_at', what),
    scanner: scannerObj ? parseScanner(scannerObj, what) : undefined,
    items: items.map((item, i) => parseItem(item, `${what} item ${String(i)}`)),
  };
}

export function parseScanner(o: Json, what: string): Scanner {
  return {
    name: cleanText(optString(o, 'name', what) ?? '', FIELD_MAX),
    vendor: cleanText(optString(o, 'vendor', what) ?? '', FIELD_MAX),
    version: cleanText(optString(o, 'version', what) ?? '', FIELD_MAX),
  };
}

/**
 * Every string of a finding is written by the scanner from the image's contents (package names,
 * versions, descriptions): an attacker's text. One-line fields are cleanText'ed here, where the
 * data enters; the description keeps its lines for the reports (cleanProse) and must go through
 * cleanText/cleanLines before any log.
 */
const FIELD_MAX = 256;
const LINK_MAX = 2048;
const LIST_MAX = 100;

/** The empty list every finding without links or CWE ids shares (frozen). */
const NONE = Object.freeze([]) as unknown as string[];

function cleanList(list: string[], max: number): string[] {
  if (list.length === 0) return NONE;
  return list
    .slice(0, LIST_MAX)
    .map((v) => cleanText(v, max).trim())
    .filter((v) => v !== '');
}

function parseItem(raw: unknown, what: string): { finding: Finding; digests: string[] } {
  const o = asObject(raw, what);
  const id = cleanText(optString(o, 'id', what) ?? '', FIELD_MAX).trim();
  if (!id) throw badResponse(what, 'an item has no "id"');
  const fix = cleanText(optString(o, 'fix_version', what) ?? '', FIELD_MAX).trim();
  const rawDescription = optString(o, 'description', what);
  const description = rawDescription === undefined ? undefined : cleanProse(rawDescription);
  const digests = stringList(o, 'artifact_digests', what);
  const finding: Finding = {
    id,
    package: cleanText(optString(o, 'package', what) ?? '', FIELD_MAX),
    version: cleanText(optString(o, 'version', what) ?? '', FIELD_MAX),
    severity: normaliseSeverity(optString(o, 'severity', what)),
    links: cleanList(stringList(o, 'links', what), LINK_MAX),
    cweIds: cleanList(stringList(o, 'cwe_ids', what), FIELD_MAX),
  };
  if (fix) finding.fixVersion = fix;
  if (description) finding.description = description;
  const cvss = pickCvss(o, what);
  if (cvss) finding.cvss = cvss;
  return { finding, digests };
}

function positive(n: number | undefined): n is number {
  return n !== undefined && n > 0 && n <= 10;
}

function pickCvss(o: Json, what: string): Cvss | undefined {
  const pref = optObject(o, 'preferred_cvss', what);
  const vendor = vendorCvss(o.vendor_attributes);
  const v3 = pref ? optNumber(pref, 'score_v3', what) : undefined;
  const v3vec = pref ? optString(pref, 'vector_v3', what) : undefined;
  if (positive(v3)) return withVector({ score: v3, version: '3' }, v3vec || vendor.v3?.vector);
  if (vendor.v3) return vendor.v3;
  const v2 = pref ? optNumber(pref, 'score_v2', what) : undefined;
  const v2vec = pref ? optString(pref, 'vector_v2', what) : undefined;
  if (positive(v2)) return withVector({ score: v2, version: '2' }, v2vec || vendor.v2?.vector);
  return vendor.v2;
}

function withVector(c: Cvss, vector: string | undefined): Cvss {
  return vector ? { ...c, vector: cleanText(vector, FIELD_MAX) } : c;
}

/** vendor_attributes.CVSS.{nvd,redhat,...}.{V3Score,V3Vector,V2Score,V2Vector}; NVD first. */
function vendorCvss(attrs: unknown): { v3?: Cvss; v2?: Cvss } {
  if (!isObject(attrs) || !isObject(attrs.CVSS)) return {};
  const cvss = attrs.CVSS;
  const vendors = Object.keys(cvss).sort((a, b) => (a === 'nvd' ? -1 : b === 'nvd' ? 1 : a.localeCompare(b)));
  const out: { v3?: Cvss; v2?: Cvss } = {};
  for (const name of vendors) {
    const v = cvss[name];
    if (!isObject(v)) continue;
    const s3 = typeof v.V3Score === 'number' ? v.V3Score : undefined;
    const s2 = typeof v.V2Score === 'number' ? v.V2Score : undefined;
    if (!out.v3 && positive(s3)) {
      out.v3 = withVector(
        { score: s3, version: '3' },
        typeof v.V3Vector === 'string' ? v.V3Vector : undefined,
      );
    }
    if (!out.v2 && positive(s2)) {
      out.v2 = withVector(
        { score: s2, version: '2' },
        typeof v.V2Vector === 'string' ? v.V2Vector : undefined,
      );
    }
  }
  return out;
}
