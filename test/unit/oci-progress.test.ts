import { describe, expect, it } from 'vitest';
import type { Logger } from '../../src/logger.js';
import { limit } from '../../src/oci/limit.js';
import { createProgress, formatBytes, pushSummary, rate } from '../../src/oci/progress.js';

const D = 'sha256:0123456789abcdef' + '0'.repeat(48);

function capture(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const push = (m: string): void => {
    lines.push(m);
  };
  return { lines, logger: { debug: push, info: push, warn: push, error: push } };
}

describe('progress', () => {
  it('formats sizes and rates', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(1024 ** 3)).toBe('1.0 GiB');
    expect(rate(50e6, 2)).toBe('25.0 MB/s');
    expect(rate(1, 0)).toBe('-');
  });

  it('logs a line per blob and a total outside a terminal', () => {
    const { logger, lines } = capture();
    const p = createProgress({ tty: false, logger });
    p.start({ blobs: 2, bytes: 3e6 });
    p.bytes(1000);
    p.blob({ digest: D, size: 2e6, outcome: 'uploaded', seconds: 0.5 });
    p.blob({ digest: D, size: 1e6, outcome: 'skipped', seconds: 0.01 });
    p.finish({ ok: true, bytesUploaded: 2e6, seconds: 1 });
    expect(lines).toEqual([
      'pushing 2 blob(s), 2.9 MiB',
      '  [1/2] 0123456789ab 1.9 MiB uploaded in 0.50 s, 4.0 MB/s',
      '  [2/2] 0123456789ab 976.6 KiB skipped in 0.01 s',
      'pushed 1.9 MiB in 1.00 s (2.0 MB/s)',
    ]);
  });

  it('outside a terminal, says every 10 s of the injected clock how far a running transfer is', async () => {
    // A clock whose sleeps end when the test moves time on, as the real one would.
    let t = 0;
    const sleepers: { until: number; resolve: () => void; signal?: AbortSignal }[] = [];
    const clock = {
      now: () => t,
      sleep: (ms: number, signal?: AbortSignal) =>
        new Promise<void>((resolve, reject) => {
          signal?.addEventListener('abort', () => {
            reject(new Error('aborted'));
          });
          sleepers.push({ until: t + ms, resolve, ...(signal ? { signal } : {}) });
        }),
    };
    const advance = async (ms: number): Promise<void> => {
      t += ms;
      for (const s of sleepers.splice(0)) {
        if (s.until <= t && !s.signal?.aborted) s.resolve();
        else if (!s.signal?.aborted) sleepers.push(s);
      }
      // The woken ticker yields once to the event loop before it writes.
      for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
    };
    const { logger, lines } = capture();
    const p = createProgress({ tty: false, logger, clock });
    p.start({ blobs: 2, bytes: 700 * 1024 * 1024 });
    p.bytes(100e6);
    await advance(9_999);
    expect(lines).toEqual(['pushing 2 blob(s), 700.0 MiB']);
    await advance(1);
    // 100 MB in 10 s: 10 MB/s; 700 MiB - 100 MB left at that rate.
    expect(lines.at(-1)).toBe('  95.4 MiB of 700.0 MiB sent, 10.0 MB/s, ETA 1 min 3 s (0/2 blobs done)');
    p.bytes(300e6);
    p.blob({ digest: D, size: 1e6, outcome: 'skipped', seconds: 0.01 });
    await advance(10_000);
    expect(lines.at(-1)).toBe('  381.5 MiB of 699.0 MiB sent, 30.0 MB/s, ETA 17 s (1/2 blobs done)');
    expect(lines).toHaveLength(4);
    p.finish({ ok: true, bytesUploaded: 733e6, seconds: 25 });
    // Finished: the ticker stops, however far the clock moves.
    await advance(60_000);
    expect(lines).toHaveLength(5);
    expect(lines.at(-1)).toBe('pushed 699.0 MiB in 25.00 s (29.3 MB/s)');
    expect(sleepers).toHaveLength(0);
  });

  it('says a re-push uploaded nothing because every blob was present, not "0 B at 0.0 MB/s"', () => {
    const { logger, lines } = capture();
    const p = createProgress({ tty: false, logger });
    p.start({ blobs: 1, bytes: 1e6 });
    p.blob({ digest: D, size: 1e6, outcome: 'skipped', seconds: 0.01 });
    p.finish({ ok: true, bytesUploaded: 0, seconds: 0.31 });
    expect(lines.at(-1)).toBe('all blobs already present, nothing uploaded (0.31 s)');
    expect(pushSummary(0, 2)).not.toContain('MB/s');
    expect(pushSummary(2e6, 1)).toBe('pushed 1.9 MiB in 1.00 s (2.0 MB/s)');
  });

  it('redraws one line on a terminal and ends it', () => {
    const { logger, lines } = capture();
    const out: string[] = [];
    const p = createProgress({ tty: true, logger, write: (t) => out.push(t) });
    expect(lines).toEqual([]);
    p.start({ blobs: 1, bytes: 100 });
    p.bytes(50);
    p.blob({ digest: D, size: 100, outcome: 'uploaded', seconds: 1 });
    p.finish({ ok: true, bytesUploaded: 100, seconds: 1 });
    expect(out.slice(0, -1).every((t) => t.startsWith('\r\x1b[K'))).toBe(true);
    expect(out.at(-2)).toBe('\r\x1b[K');
    expect(out.some((t) => t.includes('1/1 blobs'))).toBe(true);
    expect(out.at(-1)).toContain('pushed 100 B');
  });
});

describe('limit', () => {
  it('runs at most n tasks at once and passes results and errors through', async () => {
    const run = limit(2);
    let active = 0;
    let peak = 0;
    const task = (v: number) => async () => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 5));
      active--;
      if (v === 3) throw new Error('three');
      return v * 2;
    };
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map((v) => run(task(v))));
    expect(peak).toBe(2);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      2,
      4,
      'three',
      8,
      10,
    ]);
    expect(() => limit(0)).toThrow(RangeError);
  });
});
