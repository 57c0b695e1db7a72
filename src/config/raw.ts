/** Reading the raw inputs (flags, variables, Action inputs) the same way for every option. */
import fs from 'node:fs/promises';
import path from 'node:path';
import { inputError, GateError, type ErrorCode } from '../errors.js';
import { suggest } from '../core/index.js';

/** Raw values keyed by flag name (without dashes in front), as the CLI parses them. */
export type RawGateInput = Partial<Record<string, string | boolean | string[] | undefined>>;

export interface ResolveContext {
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The registry / Harbor password, already read (HARBOR_GATE_PASSWORD, stdin or the Action input). */
  password?: string;
  /** For tests. */
  readFile?: (file: string) => Promise<string>;
}

export function str(raw: RawGateInput, key: string): string | undefined {
  const v = raw[key];
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}

export function flag(raw: RawGateInput, key: string): boolean | undefined {
  const v = raw[key];
  return typeof v === 'boolean' ? v : undefined;
}

export function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  name: string,
  code: ErrorCode = 'CONFIG_BAD_VALUE',
): T | undefined {
  if (value === undefined) return undefined;
  const v = value.toLowerCase();
  if ((allowed as readonly string[]).includes(v)) return v as T;
  const hint = suggest(v, allowed);
  throw inputError(
    code,
    `--${name} '${value}' is not one of the allowed values`,
    `${hint ? `Did you mean ${hint}? ` : ''}Use one of: ${allowed.join(', ')}.`,
  );
}

export async function readConfigFile(file: string, what: string, ctx: ResolveContext): Promise<string> {
  const full = path.resolve(ctx.cwd, file);
  try {
    if (ctx.readFile) return await ctx.readFile(full);
    const st = await fs.stat(full);
    if (st.size > 16 * 1024 * 1024) {
      throw inputError(
        'CONFIG_FILE_TOO_LARGE',
        `${what} ${file} is ${st.size} bytes`,
        'A policy or allowlist file must be under 16 MiB.',
      );
    }
    return await fs.readFile(full, 'utf8');
  } catch (e) {
    if (e instanceof GateError) throw e;
    throw inputError(
      'CONFIG_FILE_UNREADABLE',
      `cannot read ${what} ${file}: ${(e as Error).message}`,
      `Check the path of --${what}.`,
      e,
    );
  }
}
