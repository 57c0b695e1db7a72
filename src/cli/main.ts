/**
 * The CLI adapter: argv + HARBOR_GATE_* environment -> a command's options; its result -> stdout,
 * stderr and the exit code. Errors print their code, message and remedy: never a stack trace
 * (unless --debug).
 */
import type { LookupFunction } from 'node:net';
import { parseArgs } from 'node:util';
import { GateError, inputError, toGateError } from '../errors.js';
import { Redactor, closableLogger, redactingLogger, streamLogger } from '../logger.js';
import {
  SECRET_ENV_NAMES,
  VERSION,
  cleanLines,
  listenForCancel,
  parseBoolean,
  runWithDeadline,
  suggest,
  type SignalSource,
} from '../core/index.js';
import type { Command, CommandContext, CommandResult } from './command.js';
import { COMMANDS } from './commands/index.js';
import {
  COMMON_FLAGS,
  FLAG_GROUPS,
  FLAGS,
  envName,
  type FlagGroup,
  type FlagName,
  type FlagSpec,
  type FlagValues,
} from '../core/index.js';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
  isTTY: boolean;
  cwd: string;
  /** Host name resolution (tests map a non-loopback name to a loopback server). */
  lookup?: LookupFunction;
  /** SIGINT/SIGTERM (the process; tests inject an emitter). Absent: the command is not cancellable. */
  signals?: SignalSource;
  /** A second signal ends the process at once with this code (the process's exit; tests record it). */
  exitNow?: (code: number) => void;
}

export function defaultIO(): CliIO {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    isTTY: process.stderr.isTTY,
    cwd: process.cwd(),
    signals: process,
    exitNow: (code) => process.exit(code),
  };
}

/**
 * The flags a command takes, which its help lists: its own, and the common ones it uses (the image
 * and connection flags only for a command that talks to the user's registry).
 */
export function commandFlags(command: Command): FlagName[] {
  const common = COMMON_FLAGS.filter((n) => command.registry !== false || FLAGS[n].group === 'output');
  return [...new Set<FlagName>([...command.flags, ...common])];
}

export function parseFlags(command: Command, argv: string[], env: NodeJS.ProcessEnv): FlagValues {
  const allowed = commandFlags(command);
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = {};
  for (const name of allowed) {
    const spec = FLAGS[name];
    options[name] =
      spec.type === 'boolean' ? { type: 'boolean' } : { type: 'string', multiple: spec.type === 'multi' };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: false });
  } catch (e) {
    throw badFlag(command, allowed, argv, e);
  }
  const values: FlagValues = {};
  for (const name of allowed) {
    const spec: { type: string; noEnv?: boolean } = FLAGS[name];
    const given = parsed.values[name];
    if (given !== undefined) {
      values[name] = given as string | boolean | string[];
      continue;
    }
    if (spec.noEnv) continue;
    const fromEnv = env[envName(name)];
    if (fromEnv === undefined) continue;
    if (spec.type === 'boolean') {
      const v = parseBoolean(fromEnv);
      if (v !== undefined) values[name] = v;
      else {
        throw inputError(
          'CLI_BAD_ENV',
          `${envName(name)}=${JSON.stringify(fromEnv)} is not a boolean`,
          `Set ${envName(name)} to true or false.`,
        );
      }
    } else if (spec.type === 'multi') {
      values[name] = fromEnv
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter(Boolean);
    } else {
      values[name] = fromEnv;
    }
  }
  return values;
}

/** An unknown or misused flag, with "did you mean" when it is a likely typo. */
function badFlag(command: Command, allowed: FlagName[], argv: string[], e: unknown): Error {
  const msg = (e as Error).message.replace(/\. To specify.*$/s, '');
  const unknown = /Unknown option '--?([^']+)'/.exec(msg)?.[1];
  let remedy = `Run 'harbor-gate ${command.name} --help' for the flags it takes.`;
  if (unknown === 'password' || argv.some((a) => a.startsWith('--password='))) {
    return inputError(
      'CLI_BAD_FLAG',
      `${command.name}: there is no --password flag (a password in the command line shows in process lists and shell history)`,
      'Set HARBOR_GATE_PASSWORD, or pipe the password in: echo "$PASSWORD" | harbor-gate ... --password-stdin',
      e,
    );
  }
  if (unknown !== undefined) {
    const hint = suggest(unknown, allowed);
    const elsewhere = hint ? undefined : COMMANDS.find((c) => c.flags.includes(unknown as FlagName));
    if (hint) remedy = `Did you mean --${hint}? ${remedy}`;
    else if (elsewhere) remedy = `--${unknown} belongs to 'harbor-gate ${elsewhere.name}'. ${remedy}`;
  }
  return inputError('CLI_BAD_FLAG', `${command.name}: ${msg}`, remedy, e);
}

/** HARBOR_GATE_* variables that name no flag: a typo is said, not silently ignored. */
export function unknownEnvWarnings(env: NodeJS.ProcessEnv): string[] {
  const known = new Set(Object.keys(FLAGS).map(envName));
  // Read by the adapters themselves, not flags.
  for (const extra of SECRET_ENV_NAMES) known.add(extra);
  const out: string[] = [];
  for (const name of Object.keys(env)) {
    if (!name.startsWith('HARBOR_GATE_') || known.has(name)) continue;
    const hint = suggest(name, [...known]);
    out.push(
      `${name} is set but harbor-gate reads no such variable${hint ? `: did you mean ${hint}?` : ' (it is ignored)'}`,
    );
  }
  return out;
}

function valueName(n: FlagName): string {
  const spec: FlagSpec = FLAGS[n];
  return spec.value ?? '';
}

/** A command's flags, required ones first, then grouped by the step they belong to. */
function flagHelp(command: Command): string[] {
  const names = commandFlags(command);
  const required = command.required ?? [];
  const line = (n: FlagName, mark = ''): string => {
    const spec: { value?: string; description: string } = FLAGS[n];
    const left = `--${n}${spec.value ? ' ' + spec.value : ''}`;
    return `  ${left.padEnd(34)} ${mark}${spec.description.replace(/ \(required\)$/, '')}`;
  };
  const out: string[] = [];
  if (required.length > 0) out.push('Required:', ...required.map((n) => line(n)), '');
  const groups = Object.keys(FLAG_GROUPS) as FlagGroup[];
  for (const g of groups) {
    const inGroup = names.filter((n) => FLAGS[n].group === g && !required.includes(n));
    if (inGroup.length === 0) continue;
    out.push(`${FLAG_GROUPS[g]}:`, ...inGroup.map((n) => line(n)), '');
  }
  return out;
}

export function helpText(command?: Command): string {
  if (!command) {
    const lines = [
      `harbor-gate ${VERSION}: push, sign, attach SBOMs, scan with Harbor and gate container images`,
      '',
      'Usage: harbor-gate <command> [flags]',
      '',
      'Commands:',
      ...COMMANDS.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`),
      '',
      "Run 'harbor-gate <command> --help' for a command's flags and examples.",
      'Every flag --some-flag can also be set as HARBOR_GATE_SOME_FLAG; the password comes from',
      'HARBOR_GATE_PASSWORD or --password-stdin.',
      '',
      'Exit codes: 0 passed, 1 policy breached / verification failed, 2 bad input, 3 infrastructure error.',
    ];
    return lines.join('\n') + '\n';
  }
  const usage = (command.required ?? []).map((n) => `--${n} ${valueName(n)}`.trim()).join(' ');
  return (
    [
      `harbor-gate ${command.name}: ${command.summary}`,
      '',
      `Usage: harbor-gate ${command.name} ${usage ? usage + ' ' : ''}[flags]`,
      '',
      ...flagHelp(command),
      ...(command.notes ? ['Notes:', ...command.notes.map((n) => `  ${n}`), ''] : []),
      'Examples:',
      ...command.examples.map((e) => `  ${e}`),
    ].join('\n') + '\n'
  );
}

/** Run the CLI; returns the exit code. Never throws. */
export async function main(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  io: CliIO = defaultIO(),
): Promise<number> {
  const redactor = new Redactor();
  for (const name of SECRET_ENV_NAMES) redactor.add(env[name]);
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(helpText());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  const wantsJson = rest.includes('--json') || parseBoolean(env.HARBOR_GATE_JSON ?? '') === true;
  const wantsDebug = rest.includes('--debug') || parseBoolean(env.HARBOR_GATE_DEBUG ?? '') === true;
  // Closed once the result or the final error is out: nothing is logged after it.
  const logger = closableLogger(
    redactingLogger(
      streamLogger({
        debug: wantsDebug,
        write: (line) => {
          io.stderr(line + '\n');
        },
      }),
      redactor,
    ),
  );
  try {
    if (!command) {
      const hint = suggest(
        name,
        COMMANDS.map((c) => c.name),
      );
      throw inputError(
        'CLI_UNKNOWN_COMMAND',
        `unknown command '${name}'`,
        `${hint ? `Did you mean '${hint}'? ` : ''}Use one of: ${COMMANDS.map((c) => c.name).join(', ')}. Run 'harbor-gate --help'.`,
      );
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(helpText(command));
      return 0;
    }
    const flags = parseFlags(command, rest, env);
    for (const w of unknownEnvWarnings(env)) logger.warn(w);
    // The command's deadline (--timeout, default per command): every request through the session's
    // client is cut when it passes, naming itself; the command then has a short grace to finish.
    const { resolveTimeout } = await import('../config/index.js');
    const timeoutMs = resolveTimeout(flags, command.name);
    const ctx: CommandContext = {
      flags,
      env,
      logger,
      redactor,
      readStdin: io.readStdin,
      stdout: (t) => {
        io.stdout(redactor.redact(t));
      },
      stderr: (t) => {
        io.stderr(cleanLines(redactor.redact(t)));
      },
      progress: (t) => {
        io.stderr(redactor.redact(t));
      },
      isTTY: io.isTTY,
      cwd: io.cwd,
      ...(io.lookup ? { lookup: io.lookup } : {}),
    };
    // A missing required flag is a refused configuration like any other: the command may end it
    // as a run (the gate writes the reports whose paths are known) before it is told.
    for (const req of command.required ?? []) {
      const v = flags[req];
      if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) {
        const missing = inputError(
          'CLI_MISSING_FLAG',
          `${command.name}: --${req} is required`,
          `Give --${req} ${valueName(req)} (or set ${envName(req)}). Run 'harbor-gate ${command.name} --help'.`.replace(
            '  ',
            ' ',
          ),
        );
        await command.configError?.(ctx, missing);
        throw missing;
      }
    }
    // SIGINT/SIGTERM cancel the running step through the same signal as the deadline: requests are
    // cut, open uploads cancelled, and the command ends as it would on an error (the gate writes
    // its reports), with exit 130/143. A second signal exits at once.
    const cancel = io.signals
      ? listenForCancel(io.signals, (code, sig) => {
          io.stderr(`harbor-gate: ${sig} again: exiting at once\n`);
          (io.exitNow ?? ((c: number) => process.exit(c)))(code);
        })
      : undefined;
    cancel?.signal.addEventListener('abort', () => {
      io.stderr(
        `harbor-gate: ${cancel.received ?? 'signal'}: cancelling the running step (again to exit at once)\n`,
      );
    });
    let result: CommandResult;
    try {
      result = await runWithDeadline(timeoutMs, command.name, (deadline) => {
        const signal =
          deadline && cancel ? AbortSignal.any([deadline, cancel.signal]) : (deadline ?? cancel?.signal);
        return command.run(signal ? { ...ctx, signal } : ctx);
      });
    } finally {
      cancel?.dispose();
    }
    logger.close();
    if (wantsJson) io.stdout(redactor.redact(JSON.stringify(result.json)) + '\n');
    else if (result.text)
      io.stdout(redactor.redact(result.text.endsWith('\n') ? result.text : result.text + '\n'));
    return result.exitCode;
  } catch (e) {
    logger.close();
    const err: GateError = toGateError(e);
    // An error's message can quote a remote (a scan log tail, an error body): each line cleaned.
    const message = cleanLines(redactor.redact(err.message));
    const remedy = cleanLines(redactor.redact(err.remedy));
    io.stderr(`error [${err.code}]: ${message}\n  remedy: ${remedy}\n`);
    if (wantsDebug) {
      let cause: unknown = err.cause ?? (err.code === 'INTERNAL' ? err : undefined);
      for (let depth = 0; cause !== undefined && depth < 5; depth++) {
        io.stderr(
          cleanLines(
            redactor.redact(
              `  cause: ${cause instanceof Error ? (cause.stack ?? cause.message) : JSON.stringify(cause)}`,
            ),
          ) + '\n',
        );
        cause = cause instanceof Error ? cause.cause : undefined;
      }
    }
    if (wantsJson) {
      io.stdout(
        JSON.stringify({ error: { code: err.code, message, remedy, exitCode: err.exitCode } }) + '\n',
      );
    }
    return err.exitCode;
  }
}
