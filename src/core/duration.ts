import { inputError } from '../errors.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Parse a duration such as `90s`, `10m`, `1h`, `7d`, `1m30s` or `500ms`; a bare number is seconds.
 * `what` names the flag in the error.
 */
export function parseDuration(text: string, what: string): number {
  const s = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    total += Number(m[1]) * (UNIT_MS[m[2] ?? 's'] ?? 1000);
    matched = re.lastIndex;
  }
  if (s === '' || matched !== s.length || total <= 0) {
    throw inputError(
      'CONFIG_BAD_DURATION',
      `${what}: '${text}' is not a duration`,
      `Use a number with a unit, for example 90s, 10m, 1h, 7d or 1m30s.`,
    );
  }
  return Math.round(total);
}

/**
 * A duration for people: `200ms`, `1.5s`, `30s`, `1m30s`, `10m`, `1h5m`. Below a minute it keeps
 * one decimal (dropped when zero); from a minute on it counts whole seconds.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '0ms';
  if (ms < 1000) return `${String(Math.round(ms))}ms`;
  if (ms < 60_000) {
    const s = Math.round(ms / 100) / 10;
    if (s < 60) return `${String(s)}s`;
  }
  let rest = Math.round(ms / 1000);
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  const s = rest - m * 60;
  return (h > 0 ? `${String(h)}h` : '') + (m > 0 ? `${String(m)}m` : '') + (s > 0 ? `${String(s)}s` : '');
}
