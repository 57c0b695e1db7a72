/**
 * Large-report benchmark (issue 20 item 8): the gate against the embedded Harbor serving a
 * vulnerability report of `--findings` items (default 650 000, about 59 MiB, under the 64 MiB cap).
 *
 *   npx tsx bench/large-report.ts [--findings 650000] [--heap-mib 1800] [--cli FILE]
 *
 * The embedded Harbor and registry run in a child process of their own (`--serve`), so the gate's
 * peak RSS is measured alone (VmHWM from /proc): the CLI, built like dist/cli.mjs, runs with
 * `--max-old-space-size` as a runner's 1.8 GB heap would be, writing every report format. Prints the
 * gate's exit code, verdict and counts, its peak RSS, each report's size, and the peak RSS of a bare
 * baseline: `JSON.parse` of the same report file in a fresh node. Temporary data is deleted.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { buildCli } from '../scripts/build.mjs';

const MiB = 1024 * 1024;
const SEVERITIES = ['Critical', 'High', 'Medium', 'Low', 'Unknown', 'Negligible'];

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Harbor items of about 90 bytes each, the shape of a large Trivy report (short fields). */
export function largeItems(n: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      id: `CVE-20${10 + (i % 15)}-${String(100000 + (i % 900000))}`,
      package: `pkg${i % 40000}`,
      version: `1.${i % 97}`,
      fix_version: i % 2 === 0 ? '' : `1.${(i % 97) + 1}`,
      severity: SEVERITIES[i % SEVERITIES.length],
    });
  }
  return out;
}

async function serve(n: number): Promise<void> {
  const { startEmbeddedRegistry } = await import('../src/embedded/registry.js');
  const { startHarborServer, GATE_PERMISSIONS } = await import('../src/embedded/harbor/index.js');
  const registry = await startEmbeddedRegistry({ referrersApi: false });
  const harbor = await startHarborServer({
    backendUrl: registry.url,
    backendAuth: 'none',
    reportArtifactDigests: false,
    projects: [{ name: 'bench' }],
    users: [{ username: 'robot$bench+ci', password: 'bench', permissions: { bench: [...GATE_PERMISSIONS] } }],
    defaultScript: { durationMs: 50, vulnerabilities: largeItems(n) as never },
  });
  process.stdout.write(JSON.stringify({ host: harbor.host, url: harbor.url }) + '\n');
  await new Promise<void>((resolve) => process.stdin.once('end', resolve).resume());
  await harbor.stop();
  await registry.stop();
}

/**
 * Run a command; its peak RSS is its VmHWM, sampled from /proc every 50 ms (a process that aborts
 * out of memory leaves /usr/bin/time no report to read).
 */
async function timed(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; wallSeconds: number; maxRssMiB: number; stdout: string; stderr: string }> {
  const t0 = process.hrtime.bigint();
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stdout = '';
  let stderr = '';
  let hwmKiB = 0;
  const sample = (): void => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) hwmKiB = Math.max(hwmKiB, Number(m[1]));
    } catch {
      // gone
    }
  };
  const timer = setInterval(sample, 50);
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => {
    sample();
    stderr += b.toString();
  });
  const code = await new Promise<number>((resolve) =>
    child.on('exit', (c, signal) => {
      clearInterval(timer);
      resolve(signal ? 128 + (signal === 'SIGABRT' ? 6 : signal === 'SIGKILL' ? 9 : 15) : (c ?? -1));
    }),
  );
  return {
    code,
    wallSeconds: Number(process.hrtime.bigint() - t0) / 1e9,
    maxRssMiB: hwmKiB / 1024,
    stdout,
    stderr,
  };
}

async function main(): Promise<void> {
  const n = arg('findings', 650_000);
  const heapMiB = arg('heap-mib', 1800);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-bench-report-'));
  const server = spawn(
    process.execPath,
    ['--import', 'tsx', import.meta.filename, '--serve', '--findings', String(n)],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  try {
    const first = await new Promise<string>((resolve) => {
      readline.createInterface({ input: server.stdout }).once('line', resolve);
    });
    const { host, url } = JSON.parse(first) as { host: string; url: string };
    // --cli FILE: a CLI built elsewhere (e.g. from an older commit, for a before/after figure).
    const cliArg = process.argv.indexOf('--cli');
    let cli = path.join(tmp, 'cli.mjs');
    if (cliArg > 0) cli = path.resolve(process.argv[cliArg + 1]!);
    else await buildCli(tmp);
    const { writeSampleImage } = await import('../src/embedded/sample.js');
    const layout = path.join(tmp, 'image');
    await writeSampleImage(layout, '1.0.0');
    const out = path.join(tmp, 'out');
    fs.mkdirSync(out);
    const files = {
      gitlab: path.join(out, 'gl-container-scanning-report.json'),
      sarif: path.join(out, 'harbor-gate.sarif'),
      junit: path.join(out, 'junit.xml'),
      html: path.join(out, 'report.html'),
      json: path.join(out, 'report.json'),
      summary: path.join(out, 'summary.md'),
    };
    // The additions report as Harbor serves it, for the bare baseline.
    const reportFile = path.join(tmp, 'harbor-report.json');
    fs.writeFileSync(
      reportFile,
      JSON.stringify({
        'application/vnd.security.vulnerability.report; version=1.1': {
          generated_at: new Date().toISOString(),
          scanner: { name: 'Trivy', vendor: 'Aqua Security', version: 'v0.51.2' },
          severity: 'Critical',
          vulnerabilities: largeItems(n),
        },
      }),
    );
    const reportMiB = fs.statSync(reportFile).size / MiB;
    const gate = await timed(
      process.execPath,
      [
        `--max-old-space-size=${heapMiB}`,
        cli,
        'gate',
        '--image',
        `${host}/bench/app:1.0.0`,
        '--source',
        `oci:${layout}`,
        '--username',
        'robot$bench+ci',
        '--harbor-url',
        url,
        '--no-sign',
        '--fail-on',
        'critical',
        '--gitlab-report',
        files.gitlab,
        '--sarif',
        files.sarif,
        '--junit',
        files.junit,
        '--html',
        files.html,
        '--json-report',
        files.json,
        '--summary',
        files.summary,
        '--json',
      ],
      { PATH: process.env.PATH ?? '', HOME: tmp, DOCKER_CONFIG: tmp, HARBOR_GATE_PASSWORD: 'bench' },
    );
    const baseline = await timed(
      process.execPath,
      ['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(reportFile)}, 'utf8'))`],
      { PATH: process.env.PATH ?? '' },
    );
    let verdict = '(no JSON)';
    try {
      const j = JSON.parse(gate.stdout) as { verdict: string; counts: Record<string, number> };
      verdict = `${j.verdict} ${JSON.stringify(j.counts)}`;
    } catch {
      verdict = `(stdout not JSON; stderr tail: ${gate.stderr.slice(-600)})`;
    }
    if (gate.code !== 0 && gate.code !== 1) {
      const fatal = /FATAL ERROR[^\n]*/.exec(gate.stderr);
      console.log(`gate failed: ${fatal ? fatal[0] : gate.stderr.slice(-800)}`);
    }
    console.log(`findings: ${n}; Harbor report ${reportMiB.toFixed(1)} MiB; heap limit ${heapMiB} MiB`);
    console.log(
      `gate: exit ${gate.code}, ${gate.wallSeconds.toFixed(1)} s, peak RSS ${gate.maxRssMiB.toFixed(0)} MiB; verdict ${verdict}`,
    );
    console.log(
      `baseline JSON.parse of the report: peak RSS ${baseline.maxRssMiB.toFixed(0)} MiB (ratio ${(gate.maxRssMiB / baseline.maxRssMiB).toFixed(2)})`,
    );
    for (const [name, f] of Object.entries(files)) {
      const size = fs.existsSync(f) ? fs.statSync(f).size : NaN;
      console.log(`  ${name.padEnd(8)} ${(size / MiB).toFixed(2)} MiB`);
    }
  } finally {
    server.stdin.end();
    await new Promise((r) => server.once('close', r));
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv.includes('--serve')) await serve(arg('findings', 650_000));
else await main();
