/**
 * VEX files and the verdict check's options. A `--vex` path is relative to the working directory;
 * a policy file's `vex:` path is relative to the policy file's directory (so a policy checked in
 * with its VEX documents works from any directory). Both are kept in the policy as paths relative
 * to the working directory, with '/' separators: the same checkout gives the same policy digest.
 */
import path from 'node:path';
import { inputError } from '../errors.js';
import { parseDuration } from '../core/index.js';
import { flag, str, type RawGateInput } from './raw.js';

/** A VEX document to read: its absolute path and the name reports show. */
export interface VexFile {
  file: string;
  name: string;
}

/** The --vex values: repeatable, and one file a line (the Action's multi-line input). */
export function vexFlagValues(value: RawGateInput[string]): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  return list
    .flatMap((v) => v.split(/\r?\n/))
    .map((v) => v.trim())
    .filter(Boolean);
}

function displayName(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return (rel === '' || path.isAbsolute(rel) ? abs : rel).split(path.sep).join('/');
}

/**
 * The policy file's `vex:` list (relative to the policy file's directory) and the --vex flags
 * (relative to the working directory), as names relative to the working directory.
 */
export function resolveVexPaths(
  fromFile: readonly string[] | undefined,
  fromFlags: readonly string[],
  policyFile: string | undefined,
  cwd: string,
): { file: string[]; flags: string[] } {
  const policyDir = policyFile ? path.dirname(path.resolve(cwd, policyFile)) : cwd;
  return {
    file: (fromFile ?? []).map((p) => displayName(path.resolve(policyDir, p), cwd)),
    flags: fromFlags.map((p) => displayName(path.resolve(cwd, p), cwd)),
  };
}

/** The VEX files to read, in order (the policy file's, then the flags'), with absolute paths. */
export function vexFiles(names: readonly string[] | undefined, cwd: string): VexFile[] {
  return (names ?? []).map((name) => ({ file: path.resolve(cwd, name), name }));
}

/** verify --require-gate-pass [--max-age DUR]. */
export function resolveGatePass(raw: RawGateInput): { requireGatePass: boolean; maxAgeMs?: number } {
  const requireGatePass = flag(raw, 'require-gate-pass') ?? false;
  const maxAge = str(raw, 'max-age');
  if (maxAge !== undefined && !requireGatePass) {
    throw inputError(
      'CONFIG_CONFLICT',
      '--max-age limits the age of the gate verdict, but --require-gate-pass was not given',
      'Add --require-gate-pass, or drop --max-age.',
    );
  }
  return {
    requireGatePass,
    ...(maxAge !== undefined ? { maxAgeMs: parseDuration(maxAge, '--max-age') } : {}),
  };
}
