/**
 * Referrers benchmark (issue 20 item 9): `verify --require-sbom` on an image with 50 referrers, 32
 * of them unsigned SBOM artifacts of `--sbom-mib` MiB each (a JSON document that is not a valid
 * SBOM, so each is downloaded and parsed in vain) and 18 attestations of other kinds.
 *
 *   npx tsx bench/referrers.ts [--sbom-mib 63] [--cli FILE]
 *
 * The embedded registry runs in this process; the CLI (built like dist/cli.mjs, or `--cli FILE`
 * built from an older commit for the before figure) runs as a child, its peak RSS sampled from
 * /proc (VmHWM). Prints the seconds, the peak RSS and the exit code.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCli } from '../scripts/build.mjs';
import { startEmbeddedRegistry } from '../src/embedded/registry.js';
import { HttpClient } from '../src/http/client.js';
import { digestOf } from '../src/oci/verify.js';
import { RegistryClient } from '../src/oci/registry.js';
import { MediaType } from '../src/oci/types.js';

const MiB = 1024 * 1024;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
}

/** A JSON document of about `bytes` that claims SPDX but is not valid (no required fields). */
function junkSbom(bytes: number, seed: number): Buffer {
  const pkgs: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes - 200; i++) {
    const p = `{"name":"pkg-${seed}-${i}","versionInfo":"1.${i % 100}.0","SPDXID":"SPDXRef-${i}"}`;
    pkgs.push(p);
    size += p.length + 1;
  }
  return Buffer.from(`{"spdxVersion":"SPDX-2.3","packages":[${pkgs.join(',')}]}`);
}

async function main(): Promise<void> {
  const sbomBytes = Number(arg('sbom-mib', '63')) * MiB;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-bench-referrers-'));
  const registry = await startEmbeddedRegistry({ maxTotalBytes: 40 * sbomBytes + 64 * MiB });
  const http = new HttpClient({ env: {} });
  try {
    const repo = new RegistryClient({ http }).repository(registry.host, 'bench/app');
    const config = await repo.pushBlobBytes(Buffer.from('{"os":"linux"}'), MediaType.OciConfig);
    const layer = await repo.pushBlobBytes(Buffer.from('layer'), MediaType.OciLayer);
    const m = Buffer.from(
      JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciManifest, config, layers: [layer] }),
    );
    const pushed = await repo.pushManifest('1.0.0', m, MediaType.OciManifest);
    const subject = { mediaType: MediaType.OciManifest, digest: pushed.digest, size: m.length };
    const empty = await repo.pushBlobBytes(Buffer.from('{}'), 'application/vnd.oci.empty.v1+json');
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    const referrer = async (
      artifactType: string,
      blob: Buffer,
      i: number,
      extra: Record<string, string> = {},
    ) => {
      const d = await repo.pushBlobBytes(blob, artifactType);
      const bytes = Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: MediaType.OciManifest,
          artifactType,
          config: empty,
          layers: [d],
          subject,
          annotations: {
            'org.opencontainers.image.created': new Date(t0 + i * 1000).toISOString(),
            ...extra,
          },
        }),
      );
      await repo.pushManifest(digestOf(bytes), bytes, MediaType.OciManifest);
    };
    for (let i = 0; i < 32; i++) await referrer('application/spdx+json', junkSbom(sbomBytes, i), i);
    for (let i = 0; i < 18; i++) {
      await referrer('application/vnd.dev.sigstore.bundle.v0.3+json', Buffer.from(`{"junk":${i}}`), i, {
        'dev.sigstore.bundle.predicateType': 'https://cosign.sigstore.dev/attestation/vuln/v1',
      });
    }
    const cliArg = process.argv.indexOf('--cli');
    let cli = path.join(tmp, 'cli.mjs');
    if (cliArg > 0) cli = path.resolve(process.argv[cliArg + 1]!);
    else await buildCli(tmp);
    const key = path.join(tmp, 'key.pub');
    fs.writeFileSync(
      key,
      crypto
        .generateKeyPairSync('ec', { namedCurve: 'P-256' })
        .publicKey.export({ type: 'spki', format: 'pem' }),
    );
    const started = process.hrtime.bigint();
    const child = spawn(
      process.execPath,
      [
        cli,
        'verify',
        '--image',
        `${registry.host}/bench/app:1.0.0`,
        '--key',
        key,
        '--require-sbom',
        '--timeout',
        '30m',
      ],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { PATH: process.env.PATH ?? '', HOME: tmp, DOCKER_CONFIG: tmp },
      },
    );
    let hwm = 0;
    const timer = setInterval(() => {
      try {
        const mm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (mm) hwm = Math.max(hwm, Number(mm[1]));
      } catch {
        // gone
      }
    }, 50);
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearInterval(timer);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const rejected = (stderr.match(/SBOM referrer .* rejected/g) ?? []).length;
    console.log(
      `50 referrers (32 unsigned SBOMs of ${sbomBytes / MiB} MiB, 18 other attestations); CLI ${cli}`,
    );
    console.log(
      `verify --require-sbom: exit ${String(code)}, ${seconds.toFixed(1)} s, peak RSS ${(hwm / 1024).toFixed(0)} MiB, ${rejected} SBOM referrers reported rejected`,
    );
  } finally {
    http.close();
    await registry.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
