import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, shortDigest } from '../../src/core/index.js';

describe('formatDuration', () => {
  it.each([
    [0, '0ms'],
    [200, '200ms'],
    [999, '999ms'],
    [1000, '1s'],
    [1500, '1.5s'],
    [30_000, '30s'],
    [59_990, '1m'],
    [90_000, '1m30s'],
    [600_000, '10m'],
    [3_600_000, '1h'],
    [3_690_000, '1h1m30s'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('reads back what parseDuration parses', () => {
    for (const s of ['200ms', '1.5s', '1m30s', '10m', '1h'])
      expect(formatDuration(parseDuration(s, 'x'))).toBe(s);
  });

  it('parses days (for --max-age)', () => {
    expect(parseDuration('7d', 'x')).toBe(7 * 86_400_000);
    expect(parseDuration('1d12h', 'x')).toBe(36 * 3_600_000);
  });
});

describe('shortDigest', () => {
  it('keeps the algorithm and 12 hex digits; leaves anything else alone', () => {
    expect(shortDigest(`sha256:${'ab'.repeat(32)}`)).toBe('sha256:abababababab…');
    expect(shortDigest('sha256:d')).toBe('sha256:d');
    expect(shortDigest('latest')).toBe('latest');
  });
});
