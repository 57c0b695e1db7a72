import type { LookupFunction } from 'node:net';
import type { Logger, Redactor } from '../logger.js';
import { inputError } from '../errors.js';
import type { FlagName, FlagValues, RunExitCode } from '../core/index.js';
import type { CommandSteps, GateOptions } from '../config/index.js';
import type { Session, SessionDeps } from '../gate/index.js';
import type { ImageSource } from '../oci/index.js';

export interface CommandContext {
  flags: FlagValues;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** Register every secret the command learns (passwords, tokens) so no output carries it. */
  redactor: Redactor;
  /** Standard input as text (for --password-stdin). */
  readStdin: () => Promise<string>;
  /** Human output (when not --json). */
  stdout: (text: string) => void;
  /** Lines for people on stderr, each cleaned of control characters. */
  stderr: (text: string) => void;
  /** Our own progress display on stderr (it may redraw a line); never outside text. */
  progress?: (text: string) => void;
  /** stderr is a terminal: progress displays and colours allowed. */
  isTTY: boolean;
  cwd: string;
  /** Host name resolution (tests map a non-loopback name to a loopback server). */
  lookup?: LookupFunction;
  /** The command's deadline (--timeout): aborts with the error to report. */
  signal?: AbortSignal;
}

export interface CommandResult {
  exitCode: RunExitCode;
  /** What --json prints. */
  json: unknown;
  /** What a person reads on stdout. */
  text: string;
}

export interface Command {
  name: string;
  summary: string;
  /** Flags this command accepts besides COMMON_FLAGS. */
  flags: FlagName[];
  /**
   * false: the command talks to no registry of the user's (the demo), so it takes none of the
   * image and connection flags of COMMON_FLAGS, only the output ones.
   */
  registry?: false;
  /** Flags it cannot run without: checked before it runs, listed first in its help. */
  required?: FlagName[];
  examples: string[];
  /** What a user must know beyond the flags (limits of a promise, say): printed before the examples. */
  notes?: string[];
  run(ctx: CommandContext): Promise<CommandResult>;
  /**
   * A refused configuration (a required flag missing, checked before `run`) ends as a run of this
   * command would: the gate writes the reports whose paths are known, verdict error at `inputs`.
   * The error is told afterwards as every CLI error is.
   */
  configError?(ctx: CommandContext, error: unknown): Promise<void>;
}

export function str(ctx: CommandContext, name: FlagName): string | undefined {
  const v = ctx.flags[name];
  return typeof v === 'string' ? v : undefined;
}

export function bool(ctx: CommandContext, name: FlagName): boolean {
  return ctx.flags[name] === true;
}

export function multi(ctx: CommandContext, name: FlagName): string[] {
  const v = ctx.flags[name];
  if (Array.isArray(v)) return v;
  return typeof v === 'string' ? [v] : [];
}

export function requireStr(ctx: CommandContext, name: FlagName): string {
  const v = str(ctx, name);
  if (v === undefined || v === '') {
    throw inputError(
      'CLI_MISSING_FLAG',
      `--${name} is required`,
      `Give --${name} (or set HARBOR_GATE_${name.toUpperCase().replace(/-/g, '_')}).`,
    );
  }
  return v;
}

/**
 * The password: HARBOR_GATE_PASSWORD or --password-stdin (never a flag value, which would show in
 * process lists and shell history).
 */
export async function password(ctx: CommandContext): Promise<string | undefined> {
  let pw: string | undefined;
  if (bool(ctx, 'password-stdin')) {
    pw = (await ctx.readStdin()).replace(/\r?\n$/, '');
    if (pw === '') {
      throw inputError(
        'CLI_EMPTY_PASSWORD',
        '--password-stdin was given but standard input was empty',
        'Pipe the password in: echo "$PASSWORD" | harbor-gate ... --password-stdin',
      );
    }
  } else {
    pw = ctx.env.HARBOR_GATE_PASSWORD;
  }
  if (pw) ctx.redactor.add(pw);
  return pw || undefined;
}

/** Opens local image sources (replaceable in tests). */
export type SourceOpener = NonNullable<SessionDeps['openSource']>;

/**
 * The one way a command gets its options and roles: the flags resolved by config/ (the same
 * resolution the gate and the Action use), then a session with the registry, Harbor and the signer.
 */
export async function resolveOptions(ctx: CommandContext, steps: CommandSteps): Promise<GateOptions> {
  const { resolveGateOptions } = await import('../config/index.js');
  return resolveGateOptions(ctx.flags, { env: ctx.env, cwd: ctx.cwd, password: await password(ctx) }, steps);
}

export function sessionDeps(ctx: CommandContext, openSource?: SourceOpener): SessionDeps {
  return {
    logger: ctx.logger,
    env: ctx.env,
    redactor: ctx.redactor,
    cwd: ctx.cwd,
    isTTY: ctx.isTTY && !bool(ctx, 'debug'),
    progressWrite: ctx.progress ?? ctx.stderr,
    ...(ctx.lookup ? { lookup: ctx.lookup } : {}),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    ...(openSource ? { openSource } : {}),
  };
}

export async function withSession<T>(
  options: GateOptions,
  deps: SessionDeps,
  f: (session: Session) => Promise<T>,
): Promise<T> {
  const { openSession } = await import('../gate/index.js');
  const session = await openSession(options, deps);
  try {
    return await f(session);
  } finally {
    session.close();
  }
}

export type { ImageSource };
