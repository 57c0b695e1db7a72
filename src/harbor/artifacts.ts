/** Harbor's artifact endpoints: read an artifact, start and stop its scan, read a scan's log. */
import { cleanText, shortDigest } from '../core/index.js';
import { describe, inputError } from '../errors.js';
import { parseArtifact, versionAtLeast, type ArtifactInfo } from './dto.js';
import { ACCEPT_VULNERABILITIES } from './report.js';
import { artifactPath, type HarborTarget } from './target.js';
import type { HarborTransport } from './transport.js';

export type ScanType = 'vulnerability' | 'sbom';

const LOG_LIMIT = 2 * 1024 * 1024;
const LOG_TAIL_LINES = 30;
const LOG_LINE_MAX = 500;

function artifactNotFound(t: HarborTransport, target: HarborTarget, reference: string, detail: string) {
  return inputError(
    'HARBOR_ARTIFACT_NOT_FOUND',
    `Harbor has no artifact ${target.fullName}@${reference} (${detail})`,
    'Check the image reference; push the image first, or check that it went to this Harbor.',
  );
}

export async function getArtifact(
  t: HarborTransport,
  target: HarborTarget,
  reference: string,
  opts: { scan?: boolean; sbom?: boolean; accessories?: boolean; signal?: AbortSignal } = {},
): Promise<ArtifactInfo> {
  // Ask for nothing the gate does not read: Harbor includes the tags unless told not to.
  const q = new URLSearchParams({ with_tag: 'false' });
  if (opts.scan) q.set('with_scan_overview', 'true');
  if (opts.sbom) q.set('with_sbom_overview', 'true');
  if (opts.accessories) q.set('with_accessory', 'true');
  const query = `?${q.toString()}`;
  const res = await t.call('GET', artifactPath(target, reference) + query, {
    headers: { 'X-Accept-Vulnerabilities': ACCEPT_VULNERABILITIES },
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  if (res.status === 404) throw artifactNotFound(t, target, reference, t.errorText(res));
  if (res.status !== 200) throw t.fail(res, `read artifact ${target.fullName}@${reference}`, 'artifact:read');
  return parseArtifact(t.json(res, 'artifact'));
}

/** POST .../scan: 'started', or 'running' when a scan of that type already runs (409). */
export async function triggerScan(
  t: HarborTransport,
  target: HarborTarget,
  digest: string,
  scanType: ScanType,
): Promise<'started' | 'running'> {
  const withBody = versionAtLeast(t.version, 2, 11);
  const res = await t.call(
    'POST',
    `${artifactPath(target, digest)}/scan`,
    withBody ? { json: { scan_type: scanType } } : {},
  );
  const what = scanType === 'sbom' ? 'SBOM generation' : 'scan';
  const perm = scanType === 'sbom' ? 'sbom:create' : 'scan:create';
  switch (res.status) {
    case 202:
      return 'started';
    case 409:
      t.logger.info(
        `a ${what} of ${shortDigest(digest)} is already running (e.g. scan on push): waiting for it`,
      );
      return 'running';
    case 412:
      throw inputError(
        'HARBOR_NO_SCANNER',
        `Harbor cannot start a ${what} of ${target.fullName}: ${t.errorText(res)}`,
        'Configure a scanner for the project (or a system default) and make sure it is enabled.',
      );
    case 400:
    case 422:
      throw inputError(
        'HARBOR_NOT_SCANNABLE',
        `Harbor will not ${scanType === 'sbom' ? 'generate an SBOM for' : 'scan'} ${target.fullName}@${digest}: ${t.errorText(res)}`,
        'The artifact type is not supported by the scanner (only images are scanned), or the scanner adapter is unreachable: check its health in Administration > Interrogation Services.',
      );
    case 404:
      throw artifactNotFound(t, target, digest, t.errorText(res));
    default:
      throw t.fail(res, `start a ${what} of ${target.fullName}`, perm);
  }
}

/** Stop a running scan (Harbor 2.4+); failures are logged, not thrown. */
export async function stopScan(
  t: HarborTransport,
  target: HarborTarget,
  digest: string,
  scanType: ScanType = 'vulnerability',
): Promise<boolean> {
  try {
    const res = await t.call('POST', `${artifactPath(target, digest)}/scan/stop`, {
      json: { scan_type: scanType },
    });
    if (res.status === 202) return true;
    t.logger.warn(
      `could not stop the ${scanType} scan of ${shortDigest(digest)}: HTTP ${String(res.status)} ${t.errorText(res)}`,
    );
  } catch (e) {
    t.logger.warn(`could not stop the ${scanType} scan of ${shortDigest(digest)}: ${cleanText(describe(e))}`);
  }
  return false;
}

/** The last lines of a scan's log, each cleaned, or a note why it is unavailable. */
export async function scanLogTail(
  t: HarborTransport,
  target: HarborTarget,
  digest: string,
  reportId: string,
  lines = LOG_TAIL_LINES,
): Promise<string> {
  try {
    const res = await t.call(
      'GET',
      `${artifactPath(target, digest)}/scan/${encodeURIComponent(reportId)}/log`,
      {
        headers: { Accept: 'text/plain' },
        maxBytes: LOG_LIMIT,
      },
    );
    if (res.status !== 200) return `(scan log unavailable: HTTP ${String(res.status)} ${t.errorText(res)})`;
    const all = res.body.toString('utf8').replace(/\r/g, '').split('\n');
    while (all.length > 0 && all[all.length - 1] === '') all.pop();
    return (
      all
        .slice(-lines)
        .map((l) => cleanText(l, LOG_LINE_MAX))
        .join('\n') || '(the scan log is empty)'
    );
  } catch (e) {
    return `(scan log unavailable: ${cleanText(describe(e))})`;
  }
}
