/**
 * Push benchmark: harbor-gate against skopeo, cold and warm, and peak memory on one big layer.
 *
 *   npx tsx bench/push.ts [--runs 5] [--size-mib 1024] [--layers 8] [--big-mib 2048] [--no-big]
 *                         [--skopeo-preserve-digests] [--registry-storage memory|disk]
 *
 * Generates an image of `--layers` uncompressed tar layers of random data (an OCI layout in a
 * temporary directory), then alternately pushes it cold to a fresh docker-registry with
 * harbor-gate (the CLI built like dist/cli.mjs, run as a child so its RSS is measured alone) and
 * with `skopeo copy oci:DIR docker://...` (which gzips uncompressed layers on the way unless
 * --skopeo-preserve-digests), each under /usr/bin/time for peak RSS. Prints median wall
 * times, the ratio, the in-process push time, the warm push (every blob present) and the peak RSS
 * of one `--big-mib` layer. Temporary data is deleted at the end.
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { writeOciLayout } from '../test/fixtures/images.js';
import { startRegistry, type TestRegistry } from '../test/servers/registry.js';
import { buildCli } from '../scripts/build.mjs';

const execFileP = promisify(execFile);
const MiB = 1024 * 1024;
/** USER_HZ: the unit of /proc/PID/stat times; 100 on every Linux this runs on. */
const CLOCK_TICKS = 100;

interface Measured {
  wallSeconds: number;
  maxRssMiB: number;
  /** User + system CPU of the client. */
  cpuSeconds: number;
  /** CPU the registry spent during the push. */
  registryCpuSeconds?: number;
  /** harbor-gate only: the push itself, without process start-up. */
  pushSeconds?: number;
  bytesUploaded?: number;
  blobsSkipped?: number;
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} needs a positive number`);
  return v;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** Run a command under /usr/bin/time -v; wall time measured here, peak RSS from time's report. */
async function timed(
  cmd: string,
  args: string[],
): Promise<{ wallSeconds: number; maxRssMiB: number; cpuSeconds: number; stdout: string }> {
  const started = process.hrtime.bigint();
  const child = spawn('/usr/bin/time', ['-v', cmd, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0)
    throw new Error(`${cmd} ${args.join(' ')} failed (${String(code)}):\n${stderr.slice(-4000)}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(stderr);
  return {
    wallSeconds,
    maxRssMiB: rss ? Number(rss[1]) / 1024 : NaN,
    cpuSeconds: Number(user?.[1] ?? NaN) + Number(sys?.[1] ?? NaN),
    stdout,
  };
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuOf(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

/** Measure `fn` and add the CPU the registry spent meanwhile. */
async function withRegistryCpu(reg: TestRegistry, fn: () => Promise<Measured>): Promise<Measured> {
  const before = cpuOf(reg.pid);
  const m = await fn();
  return { ...m, registryCpuSeconds: cpuOf(reg.pid) - before };
}

/** The CLI built the way dist/cli.mjs is (scripts/build.mjs), into the temp dir. */
let cliBundle = '';
async function bundleCli(dir: string): Promise<void> {
  await buildCli(dir);
  cliBundle = path.join(dir, 'cli.mjs');
}

async function harborGate(source: string, image: string): Promise<Measured> {
  const r = await timed(process.execPath, [
    cliBundle,
    'push',
    '--source',
    source,
    '--image',
    image,
    '--json',
  ]);
  const json = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as {
    seconds: number;
    bytesUploaded: number;
    blobsSkipped: number;
  };
  return {
    wallSeconds: r.wallSeconds,
    maxRssMiB: r.maxRssMiB,
    cpuSeconds: r.cpuSeconds,
    pushSeconds: json.seconds,
    bytesUploaded: json.bytesUploaded,
    blobsSkipped: json.blobsSkipped,
  };
}

async function skopeo(layout: string, image: string): Promise<Measured> {
  const r = await timed('/usr/bin/skopeo', [
    'copy',
    '--quiet',
    '--dest-tls-verify=false',
    ...(process.argv.includes('--skopeo-preserve-digests') ? ['--preserve-digests'] : []),
    `oci:${layout}:bench`,
    `docker://${image}`,
  ]);
  return { wallSeconds: r.wallSeconds, maxRssMiB: r.maxRssMiB, cpuSeconds: r.cpuSeconds };
}

function cpuText(m: Measured): string {
  return `CPU ${m.cpuSeconds.toFixed(2)} s (registry ${(m.registryCpuSeconds ?? NaN).toFixed(2)} s)`;
}

async function withRegistry<T>(dataRoot: string, fn: (reg: TestRegistry) => Promise<T>): Promise<T> {
  const dataDir = fs.mkdtempSync(path.join(dataRoot, 'registry-'));
  const reg = await startRegistry({ dataDir });
  try {
    return await fn(reg);
  } finally {
    await reg.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function bench(): Promise<void> {
  const runs = arg('runs', 5);
  const sizeMiB = arg('size-mib', 1024);
  const layers = arg('layers', 8);
  const bigMiB = arg('big-mib', 2048);
  const withBig = !process.argv.includes('--no-big');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-bench-'));
  // The registry's storage: in memory (tmpfs) by default, so the figures compare the two clients
  // rather than this machine's disk, which caps both at the same write speed (about 128 MB/s here,
  // where a plain Node upload and harbor-gate take the same time). --registry-storage disk measures
  // against the disk instead.
  const onDisk =
    process.argv.includes('--registry-storage') &&
    process.argv[process.argv.indexOf('--registry-storage') + 1] === 'disk';
  const registryRoot =
    !onDisk && fs.existsSync('/dev/shm') ? fs.mkdtempSync('/dev/shm/hg-bench-registry-') : root;
  const cleanup = (): void => {
    fs.rmSync(root, { recursive: true, force: true });
    if (registryRoot !== root) fs.rmSync(registryRoot, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  try {
    const { stdout: skopeoVersion } = await execFileP('/usr/bin/skopeo', ['--version']);
    console.log(`node ${process.version}, ${skopeoVersion.trim()}, ${os.cpus().length} CPU(s)`);
    console.log(`registry storage: ${registryRoot === root ? 'disk' : 'memory (tmpfs)'}`);
    await bundleCli(root);
    const layout = path.join(root, 'image');
    let t = Date.now();
    const image = await writeOciLayout(layout, {
      layers,
      layerSize: Math.floor((sizeMiB * MiB) / layers),
      random: true,
      refName: 'bench',
    });
    console.log(
      `generated ${layers} layers, ${(image.blobs.reduce((n, b) => n + b.size, 0) / MiB).toFixed(0)} MiB in ${((Date.now() - t) / 1000).toFixed(1)} s`,
    );
    const ours: Measured[] = [];
    const theirs: Measured[] = [];
    const warm: Measured[] = [];
    for (let i = 0; i < runs; i++) {
      const order = i % 2 === 0 ? (['hg', 'skopeo'] as const) : (['skopeo', 'hg'] as const);
      for (const who of order) {
        await withRegistry(registryRoot, async (reg) => {
          const target = `${reg.host}/bench/app:${who}`;
          if (who === 'hg') {
            const m = await withRegistryCpu(reg, () => harborGate(`oci:${layout}:bench`, target));
            ours.push(m);
            const w = await harborGate(`oci:${layout}:bench`, target);
            warm.push(w);
            console.log(
              `run ${i + 1} harbor-gate: cold ${m.wallSeconds.toFixed(2)} s wall (push ${m.pushSeconds?.toFixed(2)} s), ${cpuText(m)}, ${m.maxRssMiB.toFixed(0)} MiB RSS; warm push ${w.pushSeconds?.toFixed(3)} s (${w.blobsSkipped} skipped, ${w.wallSeconds.toFixed(2)} s wall)`,
            );
          } else {
            const m = await withRegistryCpu(reg, () => skopeo(layout, target));
            theirs.push(m);
            console.log(
              `run ${i + 1} skopeo:      cold ${m.wallSeconds.toFixed(2)} s wall, ${cpuText(m)}, ${m.maxRssMiB.toFixed(0)} MiB RSS`,
            );
          }
        });
      }
    }
    const hgWall = median(ours.map((m) => m.wallSeconds));
    const skWall = median(theirs.map((m) => m.wallSeconds));
    console.log('');
    console.log(`cold push, median of ${runs}:`);
    console.log(
      `  harbor-gate ${hgWall.toFixed(2)} s wall (push itself ${median(ours.map((m) => m.pushSeconds ?? 0)).toFixed(2)} s), peak RSS ${Math.max(...ours.map((m) => m.maxRssMiB)).toFixed(0)} MiB`,
    );
    console.log(
      `  skopeo      ${skWall.toFixed(2)} s wall, peak RSS ${Math.max(...theirs.map((m) => m.maxRssMiB)).toFixed(0)} MiB`,
    );
    console.log(`  ratio harbor-gate / skopeo: ${(hgWall / skWall).toFixed(2)} (target <= 0.5)`);
    console.log(
      `  CPU, median: harbor-gate ${median(ours.map((m) => m.cpuSeconds)).toFixed(2)} s + registry ${median(ours.map((m) => m.registryCpuSeconds ?? NaN)).toFixed(2)} s; skopeo ${median(theirs.map((m) => m.cpuSeconds)).toFixed(2)} s + registry ${median(theirs.map((m) => m.registryCpuSeconds ?? NaN)).toFixed(2)} s`,
    );
    console.log(
      `warm push (all blobs present), median: ${median(warm.map((m) => m.pushSeconds ?? 0)).toFixed(3)} s in-process (target < 0.3 s), ${median(warm.map((m) => m.wallSeconds)).toFixed(2)} s wall with Node start-up`,
    );
    fs.rmSync(layout, { recursive: true, force: true });

    if (withBig) {
      const bigLayout = path.join(root, 'big');
      t = Date.now();
      await writeOciLayout(bigLayout, { layers: 1, layerSize: bigMiB * MiB, random: true, refName: 'bench' });
      console.log(`generated one ${bigMiB} MiB layer in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      await withRegistry(registryRoot, async (reg) => {
        const m = await harborGate(`oci:${bigLayout}:bench`, `${reg.host}/bench/big:1`);
        console.log(
          `single ${bigMiB} MiB layer: harbor-gate ${m.wallSeconds.toFixed(2)} s, peak RSS ${m.maxRssMiB.toFixed(0)} MiB (target < 150 MiB)`,
        );
      });
      await withRegistry(registryRoot, async (reg) => {
        const m = await skopeo(bigLayout, `${reg.host}/bench/big:1`);
        console.log(
          `single ${bigMiB} MiB layer: skopeo ${m.wallSeconds.toFixed(2)} s, peak RSS ${m.maxRssMiB.toFixed(0)} MiB`,
        );
      });
    }
  } finally {
    cleanup();
  }
}

await bench();
