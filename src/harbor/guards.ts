/**
 * Small runtime guards for what Harbor sends. Every field is treated as optional unless the
 * gate cannot work without it; a wrong type is an error that names the field and the endpoint.
 */
import { GateError } from '../errors.js';

export type Json = Record<string, unknown>;

export function badResponse(what: string, problem: string, cause?: unknown): GateError {
  return new GateError({
    code: 'HARBOR_BAD_RESPONSE',
    message: `Harbor sent an unexpected ${what}: ${problem}`,
    remedy:
      'Check that --harbor-url points at Harbor (2.x) and that no proxy rewrites its answers; run with --debug for details.',
    kind: 'infra',
    cause,
  });
}

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function asObject(v: unknown, what: string): Json {
  if (!isObject(v)) throw badResponse(what, `expected a JSON object, got ${typeName(v)}`);
  return v;
}

export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v;
}

/** A string field; undefined when absent or null. */
export function optString(o: Json, key: string, what: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw badResponse(what, `"${key}" should be a string, got ${typeName(v)}`);
  return v;
}

export function optNumber(o: Json, key: string, what: string): number | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw badResponse(what, `"${key}" should be a number, got ${typeName(v)}`);
  }
  return v;
}

export function optBoolean(o: Json, key: string, what: string): boolean | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw badResponse(what, `"${key}" should be a boolean, got ${typeName(v)}`);
  return v;
}

export function optObject(o: Json, key: string, what: string): Json | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  return asObject(v, `${what} "${key}"`);
}

export function optArray(o: Json, key: string, what: string): unknown[] | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw badResponse(what, `"${key}" should be an array, got ${typeName(v)}`);
  return v as unknown[];
}

/** Strings of an array, dropping empty entries (Harbor splits stored strings: [""] happens). */
export function stringList(o: Json, key: string, what: string): string[] {
  const arr = optArray(o, key, what) ?? [];
  const out: string[] = [];
  for (const v of arr) {
    if (typeof v !== 'string') throw badResponse(what, `"${key}" should hold strings, got ${typeName(v)}`);
    const t = v.trim();
    if (t !== '') out.push(t);
  }
  return out;
}
