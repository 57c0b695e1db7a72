/**
 * The Harbor API client: one facade over the parts in this folder (transport, preflight and
 * settings, artifacts, the scan and SBOM waits). The behaviour it relies on is described in
 * docs/reliability.md and Harbor's API reference (goharbor/harbor, api/v2.0/swagger.yaml).
 */
import { deadlineError, formatDuration, startDeadline } from '../core/index.js';
import type { Clock, HarborAllowlist, ScanReport } from '../core/index.js';
import type { HttpClient } from '../http/index.js';
import type { Logger } from '../logger.js';
import { getArtifact, scanLogTail, stopScan, type ScanType } from './artifacts.js';
import type { ArtifactInfo } from './dto.js';
import {
  getAllowlists,
  getProjectSettings,
  getScanner,
  preflight,
  type PreflightResult,
  type ScannerInfo,
} from './preflight.js';
import { generateSbom, type SbomResult } from './sbom.js';
import { scanArtifact, type ScanOptions } from './scan.js';
import type { ProjectSettings } from './settings.js';
import { artifactPath, type HarborTarget } from './target.js';
import { HarborTransport } from './transport.js';
import type { WaitTuning } from './wait.js';

export { API_PREFIX, harborBaseUrl, harborTarget, type HarborTarget, type ImageRef } from './target.js';
export {
  isFinalStatus,
  parseArtifact,
  parseScanOverview,
  versionAtLeast,
  type ArtifactInfo,
  type SbomOverview,
  type ScanOverview,
} from './dto.js';
export type { PreflightResult, ScannerInfo } from './preflight.js';
export type { ScanOptions } from './scan.js';
export type { SbomResult } from './sbom.js';
export { HEARTBEAT_MS, SHORT_TIMEOUT_MS } from './wait.js';

export interface HarborClientOptions {
  http: HttpClient;
  baseUrl: string;
  username?: string;
  password?: string;
  logger: Logger;
  /** First poll interval (default 2 s), doubled up to pollMaxMs (default 15 s). */
  pollMinMs?: number;
  pollMaxMs?: number;
  /** How long a missing scan overview counts as pending (default 60 s). */
  missingGraceMs?: number;
  /** The time source of every wait (default: the HTTP client's clock). */
  clock?: Clock;
  /** Send credentials over plain HTTP to a host that is not loopback (default: refused). */
  plainHttp?: boolean;
}

export class HarborClient {
  private readonly t: HarborTransport;
  private readonly tuning: WaitTuning;

  constructor(opts: HarborClientOptions) {
    this.t = new HarborTransport({
      http: opts.http,
      baseUrl: opts.baseUrl,
      ...(opts.username !== undefined ? { username: opts.username } : {}),
      ...(opts.password !== undefined ? { password: opts.password } : {}),
      logger: opts.logger,
      clock: opts.clock ?? opts.http.clock,
      ...(opts.plainHttp !== undefined ? { plainHttp: opts.plainHttp } : {}),
    });
    const pollMinMs = opts.pollMinMs ?? 2_000;
    this.tuning = {
      pollMinMs,
      pollMaxMs: Math.max(opts.pollMaxMs ?? 15_000, pollMinMs),
      missingGraceMs: opts.missingGraceMs ?? 60_000,
    };
  }

  /** .../artifacts/{reference}; the repository name is URL-encoded twice (Harbor decodes twice). */
  artifactPath(target: HarborTarget, reference: string): string {
    return artifactPath(target, reference);
  }

  /** Is it Harbor, are the credentials good, is there a usable scanner, may we scan. */
  preflight(target: HarborTarget): Promise<PreflightResult> {
    return preflight(this.t, target);
  }

  /** The project's scanner (else the system default); undefined when none; 'forbidden' on 403. */
  getScanner(project: string): Promise<ScannerInfo | undefined | 'forbidden'> {
    return getScanner(this.t, project);
  }

  getProjectSettings(project: string): Promise<ProjectSettings> {
    return getProjectSettings(this.t, project);
  }

  /** The CVE allowlist Harbor applies to the project (the system's or the project's own). */
  getAllowlists(project: string): Promise<HarborAllowlist[]> {
    return getAllowlists(this.t, project);
  }

  getArtifact(
    target: HarborTarget,
    reference: string,
    opts: { scan?: boolean; sbom?: boolean; accessories?: boolean; signal?: AbortSignal } = {},
  ): Promise<ArtifactInfo> {
    return getArtifact(this.t, target, reference, opts);
  }

  /** Stop a running scan (Harbor 2.4+); failures are logged, not thrown. */
  stopScan(target: HarborTarget, digest: string, scanType: ScanType = 'vulnerability'): Promise<boolean> {
    return stopScan(this.t, target, digest, scanType);
  }

  /** The last lines of a scan's log, or a note why it is unavailable. */
  scanLogTail(target: HarborTarget, digest: string, reportId: string, lines?: number): Promise<string> {
    return scanLogTail(this.t, target, digest, reportId, lines);
  }

  /** Trigger a vulnerability scan of digest, wait for the new report and return it normalised. */
  scan(target: HarborTarget, digest: string, opts: ScanOptions): Promise<ScanReport> {
    return bounded(this.t, 'scan', target, digest, opts, (t) =>
      scanArtifact(t, this.tuning, target, digest, opts),
    );
  }

  /** Have Harbor's scanner generate an SBOM for digest, wait for it and return the document. */
  generateSbom(target: HarborTarget, digest: string, opts: ScanOptions): Promise<SbomResult> {
    return bounded(this.t, 'sbom', target, digest, opts, (t) =>
      generateSbom(t, this.tuning, target, digest, opts),
    );
  }
}

/**
 * Time Harbor's own wait is given, past the timeout, to stop the scan and read its log tail before
 * the hard deadline cuts whatever request is still running (at most half the timeout).
 */
export const SCAN_STOP_GRACE_MS = 15_000;

/**
 * --scan-timeout bounds the whole wait, requests included: the polling stops itself at the timeout
 * (stopping the scan, showing its log); a request that stalls (a server dripping bytes) is cut by a
 * hard deadline a grace later (SCAN_STOP_GRACE_MS, at most half the timeout), with SCAN_TIMEOUT /
 * SBOM_TIMEOUT naming it.
 */
async function bounded<T>(
  t: HarborTransport,
  kind: 'scan' | 'sbom',
  target: HarborTarget,
  digest: string,
  opts: ScanOptions,
  f: (t: HarborTransport) => Promise<T>,
): Promise<T> {
  if (!(opts.timeoutMs > 0)) return f(t);
  const label = kind === 'sbom' ? 'SBOM generation' : 'scan';
  const d = startDeadline(opts.timeoutMs + Math.min(SCAN_STOP_GRACE_MS, opts.timeoutMs / 2), () =>
    deadlineError(
      kind === 'sbom' ? 'SBOM_TIMEOUT' : 'SCAN_TIMEOUT',
      `Harbor's ${label} of ${target.fullName}@${digest} did not finish within ${formatDuration(opts.timeoutMs)} (--scan-timeout, requests included): Harbor stalled`,
      'Harbor (or a proxy in front of it) accepted a request but answered too slowly or not at all: check Harbor core, its database and the network path, then run again.',
    ),
  );
  // The run's own signal (a cancellation) ends the wait too, not only its next request.
  const run = t.http.signal;
  try {
    return await f(t.bound(run ? AbortSignal.any([d.signal, run]) : d.signal));
  } finally {
    d.cancel();
  }
}
