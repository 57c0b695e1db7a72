/**
 * Concurrency on the real docker-registry (no referrers API, so every referrer goes through the
 * read-modify-write of the `sha256-<hex>` fallback tag index):
 * - 16 gates in parallel on the same image, each pushing it, attaching its own SBOM and signing
 *   it: at the end every SBOM and signature referrer is listed in the fallback index.
 * - Two pushes of different images to the same tag at once: the tag ends on one of them, whole
 *   (manifest and every blob present, skopeo copies it and the digests match).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { HttpClient } from '../../src/http/client.js';
import { listReferrers } from '../../src/oci/referrers.js';
import { referrersTag } from '../../src/oci/referrers-tag.js';
import { RegistryClient } from '../../src/oci/registry.js';
import { generateCosignKeyPair } from '../../src/sign/keys.js';
import { writeOciLayout, type WrittenImage } from '../fixtures/images.js';
import { startRegistry, type TestRegistry } from '../servers/registry.js';
import { captureIO, skopeoCopy, snapshotRegistry } from './faults-helpers.js';

const GATES = 16;
const KEY_PASSWORD = 'concurrency-key-pw';

let registry: TestRegistry;
let tmp: string;
let keyFile: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-conc-'));
  registry = await startRegistry();
  keyFile = path.join(tmp, 'cosign.key');
  fs.writeFileSync(keyFile, generateCosignKeyPair(KEY_PASSWORD, { N: 32768 }).privateKeyPem);
}, 60_000);

afterAll(async () => {
  await registry.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function sbomFor(i: number): string {
  const file = path.join(tmp, `sbom-${i}.cdx.json`);
  fs.writeFileSync(
    file,
    JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      serialNumber: `urn:uuid:${crypto.randomUUID()}`,
      version: 1,
      metadata: { timestamp: `2025-01-01T00:00:${String(i).padStart(2, '0')}Z` },
      components: [{ type: 'library', name: `component-${i}`, version: '1.0.0' }],
    }),
  );
  return file;
}

interface GateJson {
  verdict: string;
  digest: string;
  sbomDigest: string | null;
  signatureDigest: string | null;
}

async function runGate(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ exit: number; json: GateJson; stderr: string }> {
  const io = captureIO({ cwd: tmp });
  const exit = await main(
    ['gate', ...args, '--json'],
    { PATH: process.env.PATH ?? '', HOME: tmp, DOCKER_CONFIG: tmp, ...env },
    io,
  );
  const stdout = io.out.join('');
  return { exit, json: JSON.parse(stdout || '{}') as GateJson, stderr: io.err.join('') + stdout };
}

describe('16 gates in parallel on one image', () => {
  it('every SBOM and signature referrer ends up in the fallback index', async () => {
    const image = await writeOciLayout(path.join(tmp, 'shared'), {
      layers: 3,
      layerSize: 256 * 1024,
      random: true,
      seed: 'c16',
    });
    const ref = `${registry.host}/conc/app:v1`;
    // Pushed once first: 16 concurrent pushes of the same blobs can make distribution 2.8.2 refuse a
    // manifest PUT (MANIFEST_BLOB_UNKNOWN / DIGEST_INVALID while another upload rewrites the same
    // repository blob link); see docs/reliability.md. The gates then run on the image in place.
    const first = await runGate(['--image', ref, '--source', `oci:${image.dir}`, '--no-sign', '--no-scan']);
    expect(first.exit, first.stderr).toBe(0);
    const runs = await Promise.all(
      Array.from({ length: GATES }, (_, i) =>
        runGate(
          [
            '--image',
            ref,
            '--source',
            `oci:${image.dir}`,
            '--sbom',
            sbomFor(i),
            '--signing-key',
            keyFile,
            '--no-scan',
          ],
          {
            HARBOR_GATE_KEY_PASSWORD: KEY_PASSWORD,
          },
        ),
      ),
    );
    for (const r of runs) {
      expect(r.exit, r.stderr).toBe(0);
      expect(r.json.digest).toBe(image.rootDigest);
    }
    const sboms = runs.map((r) => r.json.sbomDigest);
    const signatures = runs.map((r) => r.json.signatureDigest);
    expect(new Set(sboms).size).toBe(GATES);
    expect(new Set(signatures).size).toBe(GATES);

    const http = new HttpClient({ env: {} });
    try {
      const repo = new RegistryClient({ http }).repository(registry.host, 'conc/app');
      const listed = new Set((await listReferrers(repo, image.rootDigest)).map((d) => d.digest));
      const lost = [...sboms, ...signatures].filter((d) => d === null || !listed.has(d));
      expect(lost, `referrers missing from the index (${listed.size} listed)`).toEqual([]);
      expect(await repo.listTags()).toContain(referrersTag(image.rootDigest));
    } finally {
      http.close();
    }
    const snap = await snapshotRegistry(registry.url);
    expect(snap.missing).toEqual([]);
  }, 240_000);
});

describe('two pushes of different images to the same tag at once', () => {
  it.each([1, 2, 3])(
    'round %i: the tag ends on one of them, whole',
    async (round) => {
      const images: WrittenImage[] = await Promise.all(
        ['a', 'b'].map((n) =>
          writeOciLayout(path.join(tmp, `race-${round}-${n}`), {
            layers: 4,
            layerSize: 512 * 1024,
            random: true,
            seed: `${round}${n}`,
          }),
        ),
      );
      const ref = `${registry.host}/conc/race:latest`;
      const runs = await Promise.all(
        images.map((img) =>
          runGate(['--image', ref, '--source', `oci:${img.dir}`, '--no-sign', '--no-scan']),
        ),
      );
      for (const r of runs) expect(r.exit, r.stderr).toBe(0);

      const http = new HttpClient({ env: {} });
      let winner: WrittenImage | undefined;
      try {
        const repo = new RegistryClient({ http }).repository(registry.host, 'conc/race');
        const desc = await repo.resolve('latest');
        winner = images.find((i) => i.rootDigest === desc?.digest);
      } finally {
        http.close();
      }
      expect(winner, 'the tag points at one of the two images').toBeDefined();
      if (!winner) return;
      const snap = await snapshotRegistry(registry.url);
      expect(snap.missing).toEqual([]);

      const dest = path.join(tmp, `race-copy-${round}`);
      await skopeoCopy(ref, dest);
      const index = JSON.parse(fs.readFileSync(path.join(dest, 'index.json'), 'utf8')) as {
        manifests: { digest: string }[];
      };
      expect(index.manifests.map((m) => m.digest)).toEqual([winner.rootDigest]);
      for (const blob of winner.blobs) {
        const bytes = fs.readFileSync(path.join(dest, 'blobs/sha256', blob.digest.slice(7)));
        expect(`sha256:${crypto.createHash('sha256').update(bytes).digest('hex')}`).toBe(blob.digest);
      }
      fs.rmSync(dest, { recursive: true, force: true });
    },
    120_000,
  );
});
