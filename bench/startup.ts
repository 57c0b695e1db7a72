/**
 * Start-up benchmark: how much a harbor-gate command costs over a bare `node -e 0`.
 *
 *   npm run bench:startup              # = node --import tsx bench/startup.ts
 *   npx tsx bench/startup.ts --runs 30
 *
 * Builds the CLI the way dist/cli.mjs is built (scripts/build.mjs) into a temporary directory,
 * starts a docker-registry on loopback, pushes a small OCI layout once, then runs in turns (so
 * drift of a shared machine hits all alike): `node -e 0`, `harbor-gate --version`, `--help`, and a
 * warm push of that layout (every blob and the manifest already present). Prints the median wall
 * time of each, the difference to bare node and the ratio. Temporary data is deleted at the end.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCli } from '../scripts/build.mjs';
import { writeOciLayout } from '../test/fixtures/images.js';
import { startRegistry } from '../test/servers/registry.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} needs a positive whole number`);
  return v;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** Wall seconds of one run of `node ...args`; fails on a non-zero exit. */
async function wall(args: string[]): Promise<number> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0) throw new Error(`node ${args.join(' ')} failed (${String(code)}):\n${stderr.slice(-2000)}`);
  return seconds;
}

async function bench(): Promise<void> {
  const runs = arg('runs', 15);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-startup-'));
  const reg = await startRegistry({ dataDir: path.join(tmp, 'registry') });
  try {
    const dist = path.join(tmp, 'dist');
    await buildCli(dist);
    const cli = path.join(dist, 'cli.mjs');
    const layout = path.join(tmp, 'layout');
    await writeOciLayout(layout, { layers: 3, layerSize: 256 * 1024, random: true, seed: 1, refName: 'v1' });
    const push = [cli, 'push', '--source', `oci:${layout}:v1`, '--image', `${reg.host}/bench/startup:1`];
    await wall(push); // cold: uploads everything; every later push is warm

    const cases: [string, string[]][] = [
      ['node -e 0 (bare node)', ['-e', '0']],
      ['harbor-gate --version', [cli, '--version']],
      ['harbor-gate --help', [cli, '--help']],
      ['harbor-gate push (warm)', push],
    ];
    const times = new Map<string, number[]>(cases.map(([name]) => [name, []]));
    for (const [, args] of cases) await wall(args); // fill the page cache
    for (let i = 0; i < runs; i++) {
      for (const [name, args] of cases) times.get(name)?.push(await wall(args));
    }

    const bare = median(times.get(cases[0]?.[0] ?? '') ?? []);
    console.log(`Node ${process.version}, ${String(runs)} runs each, median wall time`);
    console.log('');
    console.log('| command                   | median  | minus bare node | ratio to bare node |');
    console.log('| ------------------------- | ------- | --------------- | ------------------ |');
    for (const [name] of cases) {
      const m = median(times.get(name) ?? []);
      console.log(
        `| ${name.padEnd(25)} | ${m.toFixed(3)} s | ${`+${(m - bare).toFixed(3)} s`.padEnd(15)} | ${`${(m / bare).toFixed(1)}x`.padEnd(18)} |`,
      );
    }
  } finally {
    await reg.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await bench();
