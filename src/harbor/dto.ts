/**
 * What the client reads from Harbor's artifact API, parsed defensively: scan and SBOM overviews,
 * artifacts with their references and accessories, and the status and version vocabulary.
 */
import { cleanText, type Scanner } from '../core/index.js';
import {
  asObject,
  badResponse,
  isObject,
  optArray,
  optNumber,
  optObject,
  optString,
  type Json,
} from './guards.js';
import { MIME_GENERIC, MIME_NATIVE, parseScanner } from './report.js';

/** The scan overview Harbor shows on the artifact (one MIME type's NativeReportSummary). */
export interface ScanOverview {
  reportId?: string;
  status: string;
  startTime?: string;
  endTime?: string;
  completePercent?: number;
  scanner?: Scanner;
  total?: number;
  fixable?: number;
}

export interface SbomOverview {
  reportId?: string;
  status: string;
  sbomDigest?: string;
  startTime?: string;
  endTime?: string;
}

export interface ArtifactInfo {
  digest: string;
  type?: string;
  manifestMediaType?: string;
  references: { childDigest: string; platform?: string }[];
  scan?: ScanOverview;
  sbom?: SbomOverview;
  accessories: { digest: string; type: string }[];
}

const FINAL = new Set(['Success', 'Error', 'Stopped']);

export const INDEX_TYPES = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
]);

export function isFinalStatus(status: string): boolean {
  return FINAL.has(status);
}

/** Whether a Harbor version is at least major.minor; an unknown version counts as current. */
export function versionAtLeast(version: string | undefined, major: number, minor: number): boolean {
  const m = version ? /^v?(\d+)\.(\d+)/.exec(version) : null;
  if (!m) return true; // unknown: assume a current Harbor (older ones ignore the extra body)
  const [maj, min] = [Number(m[1]), Number(m[2])];
  return maj > major || (maj === major && min >= minor);
}

function platformText(p: Json | undefined, what: string): string | undefined {
  if (!p) return undefined;
  const os = optString(p, 'os', what) ?? 'unknown';
  const arch = optString(p, 'architecture', what) ?? 'unknown';
  const variant = optString(p, 'variant', what);
  return cleanText(`${os}/${arch}${variant ? `/${variant}` : ''}`, 100);
}

function pickByMime(o: Json | undefined): Json | undefined {
  if (!o) return undefined;
  const keys = Object.keys(o);
  const key = [MIME_GENERIC, MIME_NATIVE].find((m) => m in o) ?? keys[0];
  return key === undefined ? undefined : isObject(o[key]) ? o[key] : undefined;
}

const ZERO_TIME = '0001-01-01';

function time(o: Json, key: string, what: string): string | undefined {
  const t = optString(o, key, what);
  return t === undefined || t === '' || t.startsWith(ZERO_TIME) ? undefined : t;
}

export function parseScanOverview(raw: Json | undefined): ScanOverview | undefined {
  const what = 'scan overview';
  const o = pickByMime(raw);
  if (!o) return undefined;
  const status = optString(o, 'scan_status', what);
  if (!status) return undefined;
  const ov: ScanOverview = { status };
  const id = optString(o, 'report_id', what);
  const start = time(o, 'start_time', what);
  const end = time(o, 'end_time', what);
  const pct = optNumber(o, 'complete_percent', what);
  const scanner = optObject(o, 'scanner', what);
  const summary = optObject(o, 'summary', what);
  if (id) ov.reportId = id;
  if (start) ov.startTime = start;
  if (end) ov.endTime = end;
  if (pct !== undefined) ov.completePercent = pct;
  if (scanner) ov.scanner = parseScanner(scanner, what);
  if (summary) {
    const total = optNumber(summary, 'total', what);
    const fixable = optNumber(summary, 'fixable', what);
    if (total !== undefined) ov.total = total;
    if (fixable !== undefined) ov.fixable = fixable;
  }
  return ov;
}

export function parseSbomOverview(o: Json | undefined): SbomOverview | undefined {
  const what = 'SBOM overview';
  if (!o) return undefined;
  const status = optString(o, 'scan_status', what);
  if (!status) return undefined;
  const ov: SbomOverview = { status };
  const id = optString(o, 'report_id', what);
  const d = optString(o, 'sbom_digest', what);
  const start = time(o, 'start_time', what);
  const end = time(o, 'end_time', what);
  if (id) ov.reportId = id;
  if (d) ov.sbomDigest = d;
  if (start) ov.startTime = start;
  if (end) ov.endTime = end;
  return ov;
}

export function parseArtifact(body: unknown): ArtifactInfo {
  const what = 'artifact';
  const o = asObject(body, what);
  const digest = optString(o, 'digest', what);
  if (!digest) throw badResponse(what, 'no "digest"');
  const refs = (optArray(o, 'references', what) ?? []).map((r) => {
    const ro = asObject(r, `${what} reference`);
    const child = optString(ro, 'child_digest', what);
    if (!child) throw badResponse(what, 'a reference has no "child_digest"');
    const platform = platformText(optObject(ro, 'platform', what), what);
    return platform === undefined ? { childDigest: child } : { childDigest: child, platform };
  });
  const accessories = (optArray(o, 'accessories', what) ?? []).map((a) => {
    const ao = asObject(a, `${what} accessory`);
    return { digest: optString(ao, 'digest', what) ?? '', type: optString(ao, 'type', what) ?? '' };
  });
  const info: ArtifactInfo = { digest, references: refs, accessories };
  const type = optString(o, 'type', what);
  const mt = optString(o, 'manifest_media_type', what);
  const scan = parseScanOverview(optObject(o, 'scan_overview', what));
  const sbom = parseSbomOverview(optObject(o, 'sbom_overview', what));
  if (type) info.type = type;
  if (mt) info.manifestMediaType = mt;
  if (scan) info.scan = scan;
  if (sbom) info.sbom = sbom;
  return info;
}
