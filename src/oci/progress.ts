/**
 * Push progress: on a terminal one redrawn status line on stderr; otherwise (CI logs) a line per
 * blob (short digest, size, skipped/mounted/uploaded, MB/s) and a total line.
 */
import type { Logger } from '../logger.js';

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

/** Log lines: one per blob and a total. */
export function logProgress(logger: Logger): PushProgress {
  let total = 0;
  let blobs = 0;
  return {
    start(info) {
      total = info.blobs;
      logger.info(`pushing ${info.blobs} blob(s), ${formatBytes(info.bytes)}`);
    },
    bytes() {
      // Per-blob lines only; a CI log is no place for a byte counter.
    },
    blob(info) {
      blobs++;
      const speed = info.outcome === 'uploaded' ? `, ${rate(info.size, info.seconds)}` : '';
      logger.info(
        `  [${blobs}/${total}] ${short(info.digest)} ${formatBytes(info.size)} ${info.outcome} in ${info.seconds.toFixed(2)} s${speed}`,
      );
    },
    finish(info) {
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
}): PushProgress {
  const write = opts.write;
  return opts.tty && write ? ttyProgress(write) : logProgress(opts.logger);
}
