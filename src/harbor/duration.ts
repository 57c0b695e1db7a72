/** Durations on the command line: 90s, 10m, 1h, 1m30s, 1h5m10s; a bare number is seconds. */
import { inputError } from '../errors.js';

const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 };
const MAX_MS = 24 * 3_600_000;

export function parseDuration(text: string, flag = '--scan-timeout'): number {
  const t = text.trim().toLowerCase();
  const remedy = `Give ${flag} as a number with a unit, e.g. 90s, 10m, 1h or 1m30s (at most 24h).`;
  if (/^\d+$/.test(t)) return check(Number(t) * 1000, text, flag, remedy);
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let total = 0;
  let consumed = 0;
  let lastRank = -1;
  const rank: Record<string, number> = { h: 0, m: 1, s: 2, ms: 3 };
  for (const m of t.matchAll(re)) {
    if (m.index !== consumed) break;
    const unit = m[2] ?? 's';
    const r = rank[unit] ?? 0;
    if (r <= lastRank) {
      throw inputError(
        'CLI_BAD_DURATION',
        `${flag} ${JSON.stringify(text)}: units out of order or repeated`,
        remedy,
      );
    }
    lastRank = r;
    total += Number(m[1]) * (UNIT_MS[unit] ?? 1000);
    consumed += m[0].length;
  }
  if (t === '' || consumed !== t.length) {
    throw inputError('CLI_BAD_DURATION', `${flag} ${JSON.stringify(text)} is not a duration`, remedy);
  }
  return check(Math.round(total), text, flag, remedy);
}

function check(ms: number, text: string, flag: string, remedy: string): number {
  if (ms <= 0 || ms > MAX_MS) {
    throw inputError('CLI_BAD_DURATION', `${flag} ${JSON.stringify(text)} is out of range`, remedy);
  }
  return ms;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${String(ms)}ms`;
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return [
    h ? `${String(h)}h` : '',
    m ? `${String(m)}m` : '',
    sec || (!h && !m) ? `${String(sec)}s` : '',
  ].join('');
}
