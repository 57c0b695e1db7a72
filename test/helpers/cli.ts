/** Run the CLI in-process, as the user would, with its output captured. */
import { main, type CliIO } from '../../src/cli/main.js';

/** CLI io that captures everything. */
export function captureIO(
  opts: { stdin?: string; cwd?: string } = {},
): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readStdin: () => Promise.resolve(opts.stdin ?? ''),
    isTTY: false,
    cwd: opts.cwd ?? process.cwd(),
  };
}

/** `harbor-gate ARGS` with exactly `env` as its environment; never throws. */
export async function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  opts: { stdin?: string; cwd?: string } = {},
): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO(opts);
  const code = await main(args, env, io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}
