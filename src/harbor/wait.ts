/**
 * Waiting for Harbor: poll an artifact's scan (or SBOM) status with backoff on the injected clock,
 * log a heartbeat at least every 30 s, and on timeout stop the job and show its log tail.
 */
import {
  DEFAULT_SCAN_TIMEOUT_MS,
  cleanText,
  formatDuration,
  isCancelled,
  shortDigest,
} from '../core/index.js';
import { GateError, infraError } from '../errors.js';
import { backoffDelay, type RetryPolicy } from '../http/index.js';
import { scanLogTail, stopScan } from './artifacts.js';
import type { HarborTarget } from './target.js';
import type { HarborTransport } from './transport.js';

export interface WaitTuning {
  /** First poll interval, doubled up to pollMaxMs. */
  pollMinMs: number;
  pollMaxMs: number;
  /** How long a missing status counts as pending. */
  missingGraceMs: number;
}

/** A heartbeat line at least this often while waiting (and a status line counts as one). */
export const HEARTBEAT_MS = 30_000;
/** Below this, a timeout is too short for any Harbor scan: the message says so. */
export const SHORT_TIMEOUT_MS = 30_000;

export interface Waited {
  status: string;
  reportId?: string;
}

export interface WaitSpec<T extends Waited> {
  kind: 'scan' | 'sbom';
  /** When the wait started (the clock's time): the timeout counts from here. */
  start: number;
  timeoutMs: number;
  signal?: AbortSignal;
  read: (signal?: AbortSignal) => Promise<T | undefined>;
  done: (o: T) => boolean | Promise<boolean>;
  /** The status as a status line shows it (cleaned before it is logged). */
  describe: (o: T) => string;
}

export function waitLabel(kind: 'scan' | 'sbom'): string {
  return kind === 'sbom' ? 'SBOM generation' : 'scan';
}

/** Poll until `done`, the timeout (SCAN_TIMEOUT / SBOM_TIMEOUT) or a missing status too long. */
export async function waitFor<T extends Waited>(
  t: HarborTransport,
  tuning: WaitTuning,
  target: HarborTarget,
  digest: string,
  p: WaitSpec<T>,
): Promise<T> {
  const clock = t.clock;
  const deadline = p.start + p.timeoutMs;
  const backoff: RetryPolicy = {
    maxRetries: 0,
    baseDelayMs: tuning.pollMinMs,
    maxDelayMs: Math.max(tuning.pollMaxMs, tuning.pollMinMs),
    jitter: 0,
  };
  const label = waitLabel(p.kind);
  const short = shortDigest(digest);
  let missingSince: number | undefined;
  let last: T | undefined;
  let lastText = '';
  let lastBeat = p.start;
  for (let round = 1; ; round++) {
    if (p.signal?.aborted) {
      if (isCancelled(p.signal.reason)) throw p.signal.reason;
      throw infraError(
        'SCAN_CANCELLED',
        `the wait for Harbor's ${label} of ${digest} was cancelled`,
        'Run again.',
        p.signal.reason,
      );
    }
    const o = await p.read(p.signal);
    const now = clock.now();
    if (o === undefined) {
      missingSince ??= now;
      if (now - missingSince >= tuning.missingGraceMs) {
        throw infraError(
          'SCAN_NOT_STARTED',
          `Harbor shows no ${label} status for ${target.fullName}@${digest} ${formatDuration(now - missingSince)} after the request`,
          'The project scanner may have changed, or the artifact is not scannable (accessories, unsupported media types). Check the artifact in the Harbor UI.',
        );
      }
    } else {
      missingSince = undefined;
      last = o;
      const text = cleanText(p.describe(o), 100);
      if (text !== lastText) {
        t.logger.info(`${label} of ${short}: ${text}`);
        lastBeat = now;
      }
      lastText = text;
      if (await p.done(o)) return o;
    }
    if (now >= deadline) return timeout(t, target, digest, p.kind, p.timeoutMs, last);
    if (now - lastBeat >= HEARTBEAT_MS) {
      t.logger.info(
        `${label} of ${short} ${lastText === '' ? 'not shown yet' : lastText}, ` +
          `${formatDuration(now - p.start)} elapsed (timeout ${formatDuration(p.timeoutMs)})`,
      );
      lastBeat = now;
    }
    const pause = Math.min(backoffDelay(backoff, round), deadline - now, lastBeat + HEARTBEAT_MS - now);
    await clock.sleep(Math.max(pause, 1), p.signal).catch((e: unknown) => {
      if (!p.signal?.aborted) throw e;
    });
  }
}

async function timeout(
  t: HarborTransport,
  target: HarborTarget,
  digest: string,
  kind: 'scan' | 'sbom',
  timeoutMs: number,
  last: Waited | undefined,
): Promise<never> {
  const label = waitLabel(kind);
  const stopped = await stopScan(t, target, digest, kind === 'sbom' ? 'sbom' : 'vulnerability');
  const tail = last?.reportId
    ? await scanLogTail(t, target, digest, last.reportId)
    : '(no report id: no log)';
  const status = last === undefined ? 'none' : cleanText(last.status, 100);
  const within = formatDuration(timeoutMs);
  const remedy =
    timeoutMs < SHORT_TIMEOUT_MS
      ? `The timeout ${within} is very short: even a small image takes Harbor tens of seconds to ${kind === 'sbom' ? 'generate an SBOM for' : 'scan'} (queueing, the scanner's database). Give a longer --scan-timeout, e.g. ${formatDuration(DEFAULT_SCAN_TIMEOUT_MS)} (the default).`
      : kind === 'sbom'
        ? 'SBOM generation stuck in Pending/Running usually means jobservice, Redis or the scanner adapter is unhealthy: check them. A large image may need a longer --scan-timeout.'
        : 'Scans stuck in Pending/Running usually mean jobservice, Redis or the scanner adapter is unhealthy: check them. A large image may need a longer --scan-timeout.';
  throw new GateError({
    code: kind === 'sbom' ? 'SBOM_TIMEOUT' : 'SCAN_TIMEOUT',
    message:
      `Harbor's ${label} of ${target.fullName}@${digest} did not finish within ${within} ` +
      `(last status: ${status}; ${stopped ? 'the scan was stopped' : 'it could not be stopped'}). ` +
      `Last lines of the scan log:\n${tail}`,
    remedy,
    kind: 'infra',
    details: { status: last?.status, stopped, log: tail, timeoutMs },
  });
}
