/**
 * Drip benchmark (issue 20 item 6): how long `verify` and `gate --scan-timeout 30s` run against a
 * server that answers at once and then sends one byte every `--every` seconds (default 20), which
 * never trips a 60 s idle timeout.
 *
 *   npx tsx bench/drip.ts [--every 20] [--cap 600] [--cli FILE]
 *
 * The embedded registry (with an image) and the embedded Harbor run in this process; a dripping
 * proxy sits in front of each: the registry's referrers listing drips (verify), Harbor's artifact
 * GET with the scan overview drips (gate). The CLI, built like dist/cli.mjs (or `--cli FILE`, e.g.
 * one built from an older commit), runs as a child; a run still going at `--cap` seconds is killed
 * and reported as such. Prints each command's seconds, exit code and error line.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCli } from '../scripts/build.mjs';
import { startEmbeddedRegistry } from '../src/embedded/registry.js';
import { GATE_PERMISSIONS, startHarborServer } from '../src/embedded/harbor/index.js';
import { writeSampleImage } from '../src/embedded/sample.js';
import { startDripProxy } from '../test/servers/drip-proxy.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
}

async function run(
  cli: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  capSeconds: number,
): Promise<{ seconds: number; code: string; error: string }> {
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  child.stdout.resume();
  const state = { capped: false };
  const timer = setTimeout(() => {
    state.capped = true;
    child.kill('SIGKILL');
  }, capSeconds * 1000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const error = /error \[[A-Z_]+\][^\n]*/.exec(stderr)?.[0] ?? '';
  return { seconds, code: state.capped ? `still running at ${capSeconds} s (killed)` : String(code), error };
}

async function main(): Promise<void> {
  const every = Number(arg('every', '20')) * 1000;
  const cap = Number(arg('cap', '600'));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-bench-drip-'));
  const registry = await startEmbeddedRegistry({ referrersApi: true });
  const harbor = await startHarborServer({
    backendUrl: registry.url,
    backendAuth: 'none',
    projects: [{ name: 'bench' }],
    users: [{ username: 'robot$bench+ci', password: 'bench', permissions: { bench: [...GATE_PERMISSIONS] } }],
    defaultScript: { durationMs: 50 },
  });
  const regDrip = await startDripProxy({
    target: harbor.url,
    drip: (_m, p) => p.includes('/referrers/'),
    everyMs: every,
  });
  const harborDrip = await startDripProxy({
    target: harbor.url,
    drip: (m, p) => m === 'GET' && /\/artifacts\/sha256(:|%3A)[^/?]*\?.*with_scan_overview=true/i.test(p),
    everyMs: every,
  });
  try {
    const cliArg = process.argv.indexOf('--cli');
    let cli = path.join(tmp, 'cli.mjs');
    if (cliArg > 0) cli = path.resolve(process.argv[cliArg + 1]!);
    else await buildCli(tmp);
    const layout = path.join(tmp, 'image');
    await writeSampleImage(layout, '1.0.0');
    const key = path.join(tmp, 'key.pub');
    const crypto = await import('node:crypto');
    fs.writeFileSync(
      key,
      crypto
        .generateKeyPairSync('ec', { namedCurve: 'P-256' })
        .publicKey.export({ type: 'spki', format: 'pem' }),
    );
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: tmp,
      DOCKER_CONFIG: tmp,
      HARBOR_GATE_PASSWORD: 'bench',
    };
    // Push the image (no drip on pushes), then verify through the dripping registry proxy.
    const push = await run(
      cli,
      [
        'push',
        '--image',
        `${harbor.host}/bench/app:1.0.0`,
        '--source',
        `oci:${layout}`,
        '--username',
        'robot$bench+ci',
      ],
      env,
      120,
    );
    if (push.code !== '0') throw new Error(`push failed: ${push.code} ${push.error}`);
    console.log(`drip: one byte every ${every / 1000} s; cap ${cap} s; CLI ${cli}`);
    const [verify, gate] = await Promise.all([
      run(
        cli,
        [
          'verify',
          '--image',
          `${regDrip.host}/bench/app:1.0.0`,
          '--key',
          key,
          '--username',
          'robot$bench+ci',
        ],
        env,
        cap,
      ),
      run(
        cli,
        [
          'gate',
          '--image',
          `${harbor.host}/bench/app:1.0.0`,
          '--username',
          'robot$bench+ci',
          '--harbor-url',
          harborDrip.url,
          '--no-sign',
          '--scan-timeout',
          '30s',
        ],
        env,
        cap,
      ),
    ]);
    console.log(
      `verify (dripped referrers listing): ${verify.seconds.toFixed(1)} s, exit ${verify.code} ${verify.error}`,
    );
    console.log(
      `gate --scan-timeout 30s (dripped artifact GET): ${gate.seconds.toFixed(1)} s, exit ${gate.code} ${gate.error}`,
    );
  } finally {
    await regDrip.stop();
    await harborDrip.stop();
    await harbor.stop();
    await registry.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
