/**
 * Push progress: on a terminal one redrawn status line on stderr; otherwise (CI logs) a line per
 * blob (short digest, size, skipped/mounted/uploaded, MB/s), a line every 10 s while the push runs
 * (bytes sent, rate, ETA), and a total line.
 */
import { systemClock, type Clock } from '../core/index.js';
import type { Logger } from '../logger.js';

/** Outside a terminal, how often a running push says how far it is. */
export const LOG_PROGRESS_INTERVAL_MS = 10_000;

export type BlobOutcome = 'skipped' | 'mounted' | 'uploaded';

export interface PushProgress {
  /** The push knows how many blobs and bytes it may have to send. */
  start(info: { blobs: number; bytes: number }): void;
  /** Bytes sent (negative after a failed attempt is rolled back). */
  bytes(delta: number): void;
  /** One blob is done. */
  blob(info: { digest: string; size: number; outcome: BlobOutcome; seconds: number }): void;
  /** The push is done (or failed: ok false). */
  finish(info: { ok: boolean; bytesUploaded: number; seconds: number }): void;
}

export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${n} B` : `${v.toFixed(1)} ${units[u] ?? ''}`;
}

/** MB/s (10^6 bytes per second), one decimal. */
export function rate(bytes: number, seconds: number): string {
  if (seconds <= 0) return '-';
  return `${(bytes / 1e6 / seconds).toFixed(1)} MB/s`;
}

/**
 * The push's closing line: "pushed 12.3 MB in 4.20 s (2.9 MB/s)", or, when every blob was already
 * in the registry (a re-push), "all blobs already present (0.31 s)" rather than "0 B at 0.0 MB/s".
 */
export function pushSummary(bytesUploaded: number, seconds: number): string {
  if (bytesUploaded === 0) return `all blobs already present, nothing uploaded (${seconds.toFixed(2)} s)`;
  return `pushed ${formatBytes(bytesUploaded)} in ${seconds.toFixed(2)} s (${rate(bytesUploaded, seconds)})`;
}

function short(digest: string): string {
  const colon = digest.indexOf(':');
  return digest.slice(colon + 1, colon + 13);
}

/** "45 s", "3 min 20 s": the ETA in a log line. */
function etaText(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'unknown';
  const s = Math.max(1, Math.round(seconds));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

/**
 * Log lines: one per blob, one every `intervalMs` while the push runs (on the injected clock: bytes
 * sent of those to send, the rate since the last line, the ETA at the average rate), and a total.
 */
export function logProgress(
  logger: Logger,
  clock: Clock = systemClock,
  intervalMs = LOG_PROGRESS_INTERVAL_MS,
): PushProgress {
  let total = 0;
  let blobs = 0;
  let totalBytes = 0;
  let notSent = 0;
  let sent = 0;
  let started = 0;
  let lastAt = 0;
  let lastSent = 0;
  const ticker = new AbortController();
  const line = (): void => {
    const t = clock.now();
    const toSend = Math.max(totalBytes - notSent, sent);
    const avg = sent / Math.max((t - started) / 1000, 0.001);
    const eta = avg > 0 ? etaText((toSend - sent) / avg) : 'unknown';
    logger.info(
      `  ${formatBytes(sent)} of ${formatBytes(toSend)} sent, ${rate(sent - lastSent, (t - lastAt) / 1000)}, ETA ${eta} (${blobs}/${total} blobs done)`,
    );
    lastAt = t;
    lastSent = sent;
  };
  const tick = async (): Promise<void> => {
    try {
      for (;;) {
        await clock.sleep(intervalMs, ticker.signal);
        // A test clock whose sleep returns at once must not starve the push it reports on.
        await new Promise((resolve) => setImmediate(resolve));
        if (ticker.signal.aborted) return;
        line();
      }
    } catch {
      // Stopped by finish().
    }
  };
  return {
    start(info) {
      total = info.blobs;
      totalBytes = info.bytes;
      started = clock.now();
      lastAt = started;
      logger.info(`pushing ${info.blobs} blob(s), ${formatBytes(info.bytes)}`);
      void tick();
    },
    bytes(delta) {
      sent += delta;
    },
    blob(info) {
      blobs++;
      if (info.outcome !== 'uploaded') notSent += info.size;
      const speed = info.outcome === 'uploaded' ? `, ${rate(info.size, info.seconds)}` : '';
      logger.info(
        `  [${blobs}/${total}] ${short(info.digest)} ${formatBytes(info.size)} ${info.outcome} in ${info.seconds.toFixed(2)} s${speed}`,
      );
    },
    finish(info) {
      ticker.abort();
      if (!info.ok) return;
      logger.info(pushSummary(info.bytesUploaded, info.seconds));
    },
  };
}

/** A single status line redrawn at most every `intervalMs` on a terminal. */
export function ttyProgress(write: (text: string) => void, intervalMs = 100, now = Date.now): PushProgress {
  let totalBlobs = 0;
  let totalBytes = 0;
  let doneBlobs = 0;
  let sent = 0;
  let skipped = 0;
  let started = now();
  let last = 0;
  const draw = (force: boolean): void => {
    const t = now();
    if (!force && t - last < intervalMs) return;
    last = t;
    const secs = (t - started) / 1000;
    write(
      `\r\x1b[Kpushing: ${doneBlobs}/${totalBlobs} blobs, ${formatBytes(sent)} of ${formatBytes(totalBytes - skipped)} sent, ${rate(sent, secs)}`,
    );
  };
  return {
    start(info) {
      totalBlobs = info.blobs;
      totalBytes = info.bytes;
      started = now();
      draw(true);
    },
    bytes(delta) {
      sent += delta;
      draw(false);
    },
    blob(info) {
      doneBlobs++;
      if (info.outcome !== 'uploaded') skipped += info.size;
      draw(true);
    },
    finish(info) {
      write('\r\x1b[K');
      if (info.ok) {
        write(`${pushSummary(info.bytesUploaded, info.seconds)}\n`);
      }
    },
  };
}

export function createProgress(opts: {
  tty: boolean;
  logger: Logger;
  write?: (text: string) => void;
  /** The time source of the periodic log line (tests inject a fake one). */
  clock?: Clock;
}): PushProgress {
  const write = opts.write;
  return opts.tty && write ? ttyProgress(write) : logProgress(opts.logger, opts.clock);
}
