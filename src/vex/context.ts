/** The document being read: its text (for line numbers), its name, and its warnings. */
import { cleanText } from '../core/index.js';
import { vexError, type VexErrorCode } from './errors.js';
import { lineOfPointer, toPointer } from './jsonpos.js';
import type { GateError } from '../errors.js';

export type Path = readonly (string | number)[];

export class ReadContext {
  readonly warnings: string[] = [];
  constructor(
    readonly text: string,
    readonly name: string,
  ) {}

  line(path: Path): number {
    return lineOfPointer(this.text, toPointer(path));
  }

  fail(code: VexErrorCode, path: Path, problem: string): GateError {
    return vexError(code, this.name, this.line(path), `${where(path)}${problem}`);
  }

  warn(path: Path, problem: string): void {
    if (this.warnings.length < 50)
      this.warnings.push(`${cleanText(this.name)}:${this.line(path)}: ${where(path)}${problem}`);
  }
}

/** "statements[3].status: " */
export function where(path: Path): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out === '' ? '' : `${out}: `;
}

export function show(v: unknown): string {
  const s =
    typeof v === 'string'
      ? JSON.stringify(cleanText(v, 80))
      : v === undefined
        ? 'missing'
        : JSON.stringify(v);
  return s.length > 90 ? `${s.slice(0, 87)}...` : s;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A timestamp string to epoch ms, or undefined when it does not parse. */
export function parseTime(v: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.test(v))
    return undefined;
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? ms : undefined;
}

export class Reader {
  constructor(private readonly ctx: ReadContext) {}

  string(obj: Record<string, unknown>, key: string, path: Path, required: boolean): string | undefined {
    const v = obj[key];
    if (v === undefined || v === null) {
      if (required) throw this.ctx.fail('VEX_INVALID', path, `"${key}" is required`);
      return undefined;
    }
    if (typeof v !== 'string')
      throw this.ctx.fail('VEX_INVALID', [...path, key], `is ${show(v)}; it must be a string`);
    if (required && v.trim() === '') throw this.ctx.fail('VEX_INVALID', [...path, key], 'is empty');
    return v;
  }

  time(obj: Record<string, unknown>, key: string, path: Path, required: boolean): number | undefined {
    const s = this.string(obj, key, path, required);
    if (s === undefined) return undefined;
    const ms = parseTime(s);
    if (ms === undefined)
      throw this.ctx.fail('VEX_INVALID', [...path, key], `is ${show(s)}; it must be an RFC 3339 date-time`);
    return ms;
  }

  array(obj: Record<string, unknown>, key: string, path: Path, required: boolean): unknown[] | undefined {
    const v = obj[key];
    if (v === undefined || v === null) {
      if (required) throw this.ctx.fail('VEX_INVALID', path, `"${key}" is required`);
      return undefined;
    }
    if (!Array.isArray(v))
      throw this.ctx.fail('VEX_INVALID', [...path, key], `is ${show(v)}; it must be a list`);
    return v as unknown[];
  }

  object(v: unknown, path: Path, what: string): Record<string, unknown> {
    if (!isObject(v)) throw this.ctx.fail('VEX_INVALID', path, `is ${show(v)}; it must be ${what}`);
    return v;
  }

  unknownKeys(obj: Record<string, unknown>, known: readonly string[], path: Path): void {
    for (const k of Object.keys(obj)) {
      if (!known.includes(k)) this.ctx.warn([...path, k], `unknown field, ignored`);
    }
  }
}
