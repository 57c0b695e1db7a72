/** Run the CLI in-process, as the user would, with its output captured. */
import { main, type CliIO } from '../../src/cli/main.js';

import type { LookupFunction } from 'node:net';

export interface CliRunOptions {
  stdin?: string;
  cwd?: string;
  /** Host name resolution for the run's connections (see loopbackLookup). */
  lookup?: LookupFunction;
}

/**
 * Resolves every name ending in `.test` to 127.0.0.1 (and nothing else): a "remote" host, which the
 * client treats as non-loopback (HTTPS, no cleartext credentials), served by a loopback server.
 */
export const loopbackLookup: LookupFunction = (hostname, options, callback) => {
  if (!hostname.endsWith('.test')) {
    callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '', 4);
    return;
  }
  if (options.all)
    (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [
      { address: '127.0.0.1', family: 4 },
    ]);
  else callback(null, '127.0.0.1', 4);
};

/** CLI io that captures everything. */
export function captureIO(opts: CliRunOptions = {}): CliIO & { out: string[]; err: string[] } {
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
    ...(opts.lookup ? { lookup: opts.lookup } : {}),
  };
}

/** `harbor-gate ARGS` with exactly `env` as its environment; never throws. */
export async function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  opts: CliRunOptions = {},
): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO(opts);
  const code = await main(args, env, io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}
