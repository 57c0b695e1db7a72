/**
 * A vulnerability scan: trigger it, wait for a report that is new (not the one from before the
 * trigger), check that an index's children were all scanned, and read the report normalised.
 */
import { cleanText, countFindings, shortDigest, type Finding, type ScanReport } from '../core/index.js';
import { GateError, infraError } from '../errors.js';
import { getArtifact, scanLogTail, triggerScan } from './artifacts.js';
import { INDEX_TYPES, isFinalStatus, type ArtifactInfo, type ScanOverview } from './dto.js';
import { ACCEPT_VULNERABILITIES, parseVulnerabilityAddition } from './report.js';
import { artifactPath, type HarborTarget } from './target.js';
import type { HarborTransport } from './transport.js';
import { waitFor, type WaitTuning } from './wait.js';

export interface ScanOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

/** One child of an index and its scan status (undefined: Harbor shows none). */
interface ChildScan {
  platform: string;
  digest: string;
  status?: string;
}

const REPORT_LIMIT = 64 * 1024 * 1024;

/** Trigger a vulnerability scan of digest, wait for the new report and return it normalised. */
export async function scanArtifact(
  t: HarborTransport,
  tuning: WaitTuning,
  target: HarborTarget,
  digest: string,
  opts: ScanOptions,
): Promise<ScanReport> {
  const start = t.clock.now();
  const before = await getArtifact(t, target, digest, {
    scan: true,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const isIndex = before.references.length > 0 || INDEX_TYPES.has(before.manifestMediaType ?? '');
  const prior = before.scan;
  const triggerTime = t.clock.now();
  const how = await triggerScan(t, target, digest, 'vulnerability');
  t.logger.info(
    `${how === 'started' ? 'scan started' : 'waiting for the running scan'} of ${target.fullName}@${shortDigest(digest)}`,
  );

  const isNew = (ov: ScanOverview): boolean => {
    if (how === 'running' || prior === undefined || !isFinalStatus(prior.status)) return true;
    if (ov.reportId !== undefined && ov.reportId !== prior.reportId) return true;
    const started = ov.startTime ? Date.parse(ov.startTime) : NaN;
    return Number.isFinite(started) && started >= triggerTime;
  };
  // An index's status is merged from its children: Running while one runs, else Success when one
  // succeeded, so a Pending child shows as Success below 100 %, and so does a child that failed
  // ("limited success"). Below 100 % the children decide whether anything is still to come. With
  // complete_percent Harbor has counted every child, so a child without a status once the others
  // are final is not coming (SCAN_INCOMPLETE below). Without it nothing says so: a child without a
  // finished scan is not finished, and the wait goes on (SCAN_TIMEOUT if it never finishes).
  let children: ChildScan[] = [];
  const done = async (ov: ScanOverview): Promise<boolean> => {
    if (!isNew(ov) || !isFinalStatus(ov.status)) return false;
    if (!isIndex || ov.status !== 'Success' || ov.completePercent === 100) return true;
    children = await childScans(t, target, before);
    return ov.completePercent !== undefined
      ? children.every((c) => c.status === undefined || isFinalStatus(c.status))
      : children.every((c) => c.status !== undefined && isFinalStatus(c.status));
  };
  const unfinished = (): ChildScan[] =>
    children.filter((c) => c.status === undefined || !isFinalStatus(c.status));
  const progress = (o: ScanOverview): string => {
    if (!isIndex) return '';
    if (o.completePercent !== undefined) return ` ${String(o.completePercent)}%`;
    const open = unfinished();
    if (children.length === 0 || open.length === 0) return '';
    return `, ${String(children.length - open.length)} of ${String(children.length)} platforms finished (waiting for ${open.map((c) => cleanText(c.platform, 40)).join(', ')})`;
  };

  let ov: ScanOverview;
  try {
    ov = await waitFor(t, tuning, target, digest, {
      kind: 'scan',
      start,
      timeoutMs: opts.timeoutMs,
      ...(opts.signal ? { signal: opts.signal } : {}),
      read: async (signal) =>
        (await getArtifact(t, target, digest, { scan: true, ...(signal ? { signal } : {}) })).scan,
      done,
      describe: (o) => `${o.status}${progress(o)}`,
    });
  } catch (e) {
    const open = unfinished();
    if (!(e instanceof GateError) || e.code !== 'SCAN_TIMEOUT' || open.length === 0) throw e;
    // The index said Success; the platforms it had not finished are what the wait was for.
    const list = open
      .map((c) => `${cleanText(c.platform, 100)} ${c.digest}: ${cleanText(c.status ?? 'no scan', 100)}`)
      .join('; ');
    throw new GateError({
      code: e.code,
      message: `${e.message.replace(/\. Last lines of the scan log:[\s\S]*$/, '')}; still waiting for ${list}`,
      remedy: `${e.remedy} A platform Harbor never scans (an attestation manifest before Harbor 2.11) keeps an index unfinished: build with --provenance=false --sbom=false or upgrade Harbor.`,
      kind: e.kind,
      cause: e,
      details: { ...e.details, unfinished: open },
    });
  }
  const missing = children.filter((c) => c.status !== 'Success');
  if (
    isIndex &&
    ov.status === 'Success' &&
    ov.completePercent !== 100 &&
    (ov.completePercent !== undefined || missing.length > 0)
  ) {
    const percent =
      ov.completePercent ??
      Math.floor(((children.length - missing.length) * 100) / Math.max(1, children.length));
    const list = missing
      .map((c) => `${cleanText(c.platform, 100)} ${c.digest}: ${cleanText(c.status ?? 'not scanned', 100)}`)
      .join('; ');
    throw new GateError({
      code: 'SCAN_INCOMPLETE',
      message: `Harbor scanned only ${String(percent)}% of the platforms of ${target.fullName}@${digest} (${list || 'no child named'}), so its findings are not the whole image's`,
      remedy:
        'Scan the failed platforms again or remove them from the index; before Harbor 2.11, build attestations (unknown/unknown manifests from docker buildx) cannot be scanned: build with --provenance=false --sbom=false or upgrade Harbor.',
      kind: 'infra',
      details: { completePercent: percent, platforms: missing },
    });
  }
  if (ov.status !== 'Success') {
    const tail = ov.reportId ? await scanLogTail(t, target, digest, ov.reportId) : '(no report id: no log)';
    const failed = ov.status === 'Error';
    throw new GateError({
      code: failed ? 'SCAN_FAILED' : 'SCAN_STOPPED',
      message: `Harbor's scan of ${target.fullName}@${digest} ended with status ${cleanText(ov.status, 100)}. Last lines of the scan log:\n${tail}`,
      remedy: failed
        ? 'Read the scan log above; check the scanner adapter (e.g. Trivy DB download, disk space) and run again.'
        : 'Someone (or Harbor) stopped the scan: run again.',
      kind: 'infra',
      details: { status: ov.status, log: tail },
    });
  }
  return readReport(t, target, digest, before, ov);
}

/** The scan status of each child of an index (attestation children included, as Harbor counts them). */
async function childScans(
  t: HarborTransport,
  target: HarborTarget,
  index: ArtifactInfo,
): Promise<ChildScan[]> {
  const out: ChildScan[] = [];
  for (const ref of index.references) {
    const child = await getArtifact(t, target, ref.childDigest, { scan: true });
    out.push({
      platform: ref.platform ?? 'unknown',
      digest: ref.childDigest,
      ...(child.scan?.status !== undefined ? { status: child.scan.status } : {}),
    });
  }
  return out;
}

/** The vulnerability report of a finished scan, findings attributed to the index's platforms. */
async function readReport(
  t: HarborTransport,
  target: HarborTarget,
  digest: string,
  art: ArtifactInfo,
  ov: ScanOverview,
): Promise<ScanReport> {
  const res = await t.call('GET', `${artifactPath(target, digest)}/additions/vulnerabilities`, {
    headers: { 'X-Accept-Vulnerabilities': ACCEPT_VULNERABILITIES },
    maxBytes: REPORT_LIMIT,
  });
  if (res.status === 404) {
    throw infraError(
      'HARBOR_REPORT_NOT_FOUND',
      `Harbor has no vulnerability report for ${target.fullName}@${digest} (${t.errorText(res)})`,
      'Check that the project has a scanner and that the artifact is an image the scanner supports.',
    );
  }
  if (res.status !== 200)
    throw t.fail(res, `read the vulnerability report of ${target.fullName}`, 'artifact-addition:read');
  const parsed = parseVulnerabilityAddition(t.json(res, 'vulnerability report'), digest);
  const platformOf = new Map(art.references.map((r) => [r.childDigest, r.platform ?? 'unknown']));
  const findings: Finding[] = [];
  for (const { finding, digests } of parsed.items) {
    if (platformOf.size === 0) {
      // The parsed finding is ours alone: completed in place, not copied (650 000 of them).
      finding.artifactDigest = digests[0] ?? digest;
      findings.push(finding);
      continue;
    }
    const inChildren = digests.filter((d) => platformOf.has(d));
    if (inChildren.length === 0) findings.push({ ...finding, artifactDigest: digests[0] ?? digest });
    for (const d of inChildren)
      findings.push({ ...finding, artifactDigest: d, platform: platformOf.get(d) ?? 'unknown' });
  }
  const { counts, fixable } = countFindings(findings);
  const out: ScanReport = { digest, status: ov.status, findings, counts, fixable };
  const scanner = ov.scanner ?? parsed.scanner;
  if (scanner) out.scanner = scanner;
  if (ov.startTime) out.startTime = ov.startTime;
  if (ov.endTime) out.endTime = ov.endTime;
  if (art.references.length > 0) {
    const platforms: NonNullable<ScanReport['platforms']> = [];
    for (const ref of art.references) {
      if (ref.platform === undefined || ref.platform.startsWith('unknown')) continue; // attestations
      const child = await getArtifact(t, target, ref.childDigest, { scan: true });
      platforms.push({
        platform: ref.platform,
        digest: ref.childDigest,
        status: cleanText(child.scan?.status ?? 'Not Scanned', 100),
      });
    }
    out.platforms = platforms;
  }
  return out;
}
