/**
 * Push against the real docker-registry (no auth and htpasswd), checked with skopeo as an
 * independent client.
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GateError } from '../../src/errors.js';
import { HttpClient } from '../../src/http/client.js';
import { Redactor, silentLogger } from '../../src/logger.js';
import type { CommandContext } from '../../src/cli/command.js';
import { createPushCommand } from '../../src/cli/commands/push.js';
import { staticCredentials } from '../../src/oci/credentials.js';
import { pushImage } from '../../src/oci/push.js';
import { parseReference } from '../../src/oci/reference.js';
import { RegistryClient } from '../../src/oci/registry.js';
import { digestOf } from '../../src/oci/verify.js';
import type { ImageSource } from '../../src/oci/source.js';
import { MediaType, type Descriptor, type ManifestBytes } from '../../src/oci/types.js';
import { startRegistry, type TestRegistry } from '../servers/registry.js';

const run = promisify(execFile);
let tmp: string;

function writeBlob(dir: string, bytes: Buffer, mediaType: string): Descriptor {
  const digest = digestOf(bytes);
  fs.writeFileSync(path.join(dir, 'blobs', 'sha256', digest.slice(7)), bytes);
  return { mediaType, digest, size: bytes.length };
}

/** An OCI layout with one image (or an index of `platforms` images), tagged `v1`. */
function writeLayout(name: string, platforms: string[] | undefined, layerSize = 256 * 1024): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(path.join(dir, 'blobs', 'sha256'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  const image = (arch: string): Descriptor => {
    const layers = [0, 1].map((i) => writeBlob(dir, crypto.randomBytes(layerSize + i), MediaType.OciLayer));
    const shared = writeBlob(dir, Buffer.from(`shared layer ${name}`), MediaType.OciLayer);
    const config = writeBlob(
      dir,
      Buffer.from(
        JSON.stringify({ architecture: arch, os: 'linux', rootfs: { type: 'layers', diff_ids: [] } }),
      ),
      MediaType.OciConfig,
    );
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.OciManifest,
        config,
        layers: [...layers, shared],
      }),
    );
    return {
      ...writeBlob(dir, manifest, MediaType.OciManifest),
      platform: { architecture: arch, os: 'linux' },
    };
  };
  let root: Descriptor;
  if (platforms) {
    const index = Buffer.from(
      JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: platforms.map(image) }),
    );
    root = writeBlob(dir, index, MediaType.OciIndex);
  } else {
    const { platform: _p, ...d } = image('amd64');
    root = d;
  }
  fs.writeFileSync(
    path.join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.OciIndex,
      manifests: [{ ...root, annotations: { 'org.opencontainers.image.ref.name': 'v1' } }],
    }),
  );
  return dir;
}

/** A minimal reader of the layouts above (the real sources are tested in their own suites). */
/** skopeo copies `from` into an OCI layout at `out`, exactly (digests preserved). */
async function copyToLayout(from: string, out: string, auth: boolean, all = false): Promise<void> {
  await run('skopeo', [
    'copy',
    '--preserve-digests',
    '--dest-oci-accept-uncompressed-layers',
    ...(all ? ['--all'] : []),
    '--src-tls-verify=false',
    ...(auth ? ['--src-creds', 'ci:ci-password'] : []),
    from,
    `oci:${out}:x`,
  ]);
}

/** A layout as an ImageSource; `files`: blobs also offered as file ranges (the fast upload path). */
function layoutSource(dir: string, files = false): ImageSource & { streamsOpened: number } {
  const blobPath = (d: string): string => path.join(dir, 'blobs', 'sha256', d.slice(7));
  const read = (d: Descriptor): ManifestBytes => ({
    descriptor: d,
    bytes: fs.readFileSync(blobPath(d.digest)),
  });
  const index = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8'));
  const rootDesc: Descriptor = index.manifests[0];
  const root = read(rootDesc);
  const manifests: ManifestBytes[] = [];
  const blobs = new Map<string, Descriptor>();
  const walk = (m: ManifestBytes): void => {
    const parsed = JSON.parse(m.bytes.toString());
    if (parsed.manifests) for (const c of parsed.manifests) walk(read(c));
    else for (const b of [parsed.config, ...parsed.layers]) blobs.set(b.digest, b);
    manifests.push(m);
  };
  walk(root);
  return {
    name: `oci:${dir}`,
    root,
    manifests,
    blobs: [...blobs.values()],
    referrers: [],
    streamsOpened: 0,
    openBlob(d) {
      this.streamsOpened++;
      return fs.createReadStream(blobPath(d));
    },
    ...(files ? { blobFile: (d: string) => ({ path: blobPath(d), offset: 0 }) } : {}),
    close: () => Promise.resolve(),
  };
}

function ctxFor(flags: CommandContext['flags'], out: string[]): CommandContext {
  return {
    flags,
    env: {},
    logger: silentLogger,
    redactor: new Redactor(),
    readStdin: () => Promise.resolve(''),
    stdout: (t) => out.push(t),
    stderr: () => undefined,
    isTTY: false,
    cwd: tmp,
  };
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-push-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe.each([
  { mode: 'no auth', auth: false },
  { mode: 'htpasswd', auth: true },
])('push to docker-registry 2.8.2 ($mode)', ({ auth }) => {
  let reg: TestRegistry;
  let client: RegistryClient;
  const creds = auth ? ['--creds', 'ci:ci-password'] : [];
  beforeAll(async () => {
    reg = await startRegistry(auth ? { htpasswd: { ci: 'ci-password' } } : {});
    client = new RegistryClient({
      http: new HttpClient({ retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5, jitter: 0 } }),
      ...(auth ? { credentials: staticCredentials('ci', 'ci-password') } : {}),
    });
  });
  afterAll(async () => {
    client.close();
    await reg.stop();
  });

  it('pushes a single image that skopeo can inspect and copy with the same digest', async () => {
    const dir = writeLayout(`single-${auth}`, undefined);
    const source = layoutSource(dir);
    const r = await pushImage(source, parseReference(`${reg.host}/proj/app:1.0`), {
      client,
      tags: ['latest', '1'],
    });
    expect(r.digest).toBe(source.root.descriptor.digest);
    expect(r.tags).toEqual(['1.0', 'latest', '1']);
    expect(r.blobsUploaded).toBe(4);
    expect(r.bytesUploaded).toBe(source.blobs.reduce((n, b) => n + b.size, 0));
    const { stdout } = await run('skopeo', [
      'inspect',
      '--tls-verify=false',
      ...creds,
      `docker://${reg.host}/proj/app:latest`,
    ]);
    expect(JSON.parse(stdout).Digest).toBe(r.digest);
    const out = path.join(tmp, `copy-single-${auth}`);
    await copyToLayout(`docker://${reg.host}/proj/app:1`, out, auth);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'index.json'), 'utf8')).manifests[0].digest).toBe(
      r.digest,
    );

    // Pushed twice: every blob skipped, nothing uploaded.
    const again = await pushImage(source, parseReference(`${reg.host}/proj/app:1.0`), { client });
    expect(again).toMatchObject({ digest: r.digest, blobsSkipped: 4, bytesUploaded: 0, blobsUploaded: 0 });

    // Another repository with --mount-from: every blob mounted.
    const mounted = await pushImage(source, parseReference(`${reg.host}/proj/other:1.0`), {
      client,
      mountFrom: 'proj/app',
    });
    expect(mounted).toMatchObject({ digest: r.digest, blobsMounted: 4, bytesUploaded: 0 });

    // By digest only, and a mismatching digest is refused.
    const byDigest = await pushImage(source, parseReference(`${reg.host}/proj/bydigest@${r.digest}`), {
      client,
    });
    expect(byDigest.tags).toEqual([]);
    expect(await client.repository(reg.host, 'proj/bydigest').resolve(r.digest)).toMatchObject({
      digest: r.digest,
    });
    const wrong = 'sha256:' + '0'.repeat(64);
    await expect(
      pushImage(source, parseReference(`${reg.host}/proj/app:1.0@${wrong}`), { client }),
    ).rejects.toMatchObject({ code: 'PUSH_DIGEST_MISMATCH' });
  });

  it('pushes an index with two platforms, children first; skopeo copies all of it', async () => {
    const dir = writeLayout(`index-${auth}`, ['amd64', 'arm64']);
    const source = layoutSource(dir);
    const r = await pushImage(source, parseReference(`${reg.host}/proj/multi:2`), { client, concurrency: 3 });
    expect(r.mediaType).toBe(MediaType.OciIndex);
    expect(r.manifestsPushed).toBe(3);
    // the shared layer of each platform is the same blob: uploaded once
    expect(r.blobsUploaded).toBe(source.blobs.length);
    const { stdout } = await run('skopeo', [
      'inspect',
      '--raw',
      '--tls-verify=false',
      ...creds,
      `docker://${reg.host}/proj/multi:2`,
    ]);
    expect(digestOf(Buffer.from(stdout))).toBe(r.digest);
    const out = path.join(tmp, `copy-index-${auth}`);
    await copyToLayout(`docker://${reg.host}/proj/multi:2`, out, auth, true);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'index.json'), 'utf8')).manifests[0].digest).toBe(
      r.digest,
    );
  });

  it('stops at a corrupt blob: no manifest is written', async () => {
    const dir = writeLayout(`corrupt-${auth}`, undefined);
    const source = layoutSource(dir);
    const victim = source.blobs.find((b) => b.size > 1000)!;
    const file = path.join(dir, 'blobs', 'sha256', victim.digest.slice(7));
    const bytes = fs.readFileSync(file);
    bytes[10] = (bytes[10] ?? 0) ^ 1;
    fs.writeFileSync(file, bytes);
    const err = await pushImage(source, parseReference(`${reg.host}/proj/corrupt:1`), { client }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(GateError);
    expect((err as GateError).code).toBe('BLOB_DIGEST_MISMATCH');
    expect((err as GateError).exitCode).toBe(2);
    const repo = client.repository(reg.host, 'proj/corrupt');
    expect(await repo.fetchManifest('1')).toBeUndefined();
    expect(await repo.fetchManifest(source.root.descriptor.digest)).toBeUndefined();
    expect(await repo.blobExists(victim.digest)).toBeUndefined();
  });

  it('uploads blobs offered as files from the files, and stops at a corrupt one the same way', async () => {
    const dir = writeLayout(`files-${auth}`, undefined, 3 * 1024 * 1024 + 17);
    const source = layoutSource(dir, true);
    const r = await pushImage(source, parseReference(`${reg.host}/proj/files:1`), { client });
    expect(r).toMatchObject({ digest: source.root.descriptor.digest, blobsUploaded: 4 });
    expect(source.streamsOpened).toBe(0);
    const out = path.join(tmp, `copy-files-${auth}`);
    await copyToLayout(`docker://${reg.host}/proj/files:1`, out, auth);
    for (const b of source.blobs) {
      const copied = fs.readFileSync(path.join(out, 'blobs', 'sha256', b.digest.slice(7)));
      expect(digestOf(copied)).toBe(b.digest);
    }

    const victim = source.blobs.find((b) => b.size > 2 * 1024 * 1024)!;
    const file = path.join(dir, 'blobs', 'sha256', victim.digest.slice(7));
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 5] = (bytes[bytes.length - 5] ?? 0) ^ 1;
    fs.writeFileSync(file, bytes);
    const err = await pushImage(source, parseReference(`${reg.host}/proj/files-corrupt:1`), {
      client,
    }).catch((e: unknown) => e);
    expect((err as GateError).code).toBe('BLOB_DIGEST_MISMATCH');
    const repo = client.repository(reg.host, 'proj/files-corrupt');
    expect(await repo.fetchManifest('1')).toBeUndefined();
    expect(await repo.blobExists(victim.digest)).toBeUndefined();
  });

  it('runs as the push command and prints the digest or the JSON result', async () => {
    const dir = writeLayout(`cli-${auth}`, undefined);
    const cmd = createPushCommand((spec) => Promise.resolve(layoutSource(spec.replace(/^oci:/, ''))));
    const out: string[] = [];
    const ctx = ctxFor(
      { source: `oci:${dir}`, image: `${reg.host}/proj/cli:3`, tag: ['x'], json: true },
      out,
    );
    if (auth) {
      ctx.env = { HARBOR_GATE_PASSWORD: 'ci-password' };
      ctx.flags.username = 'ci';
    }
    const res = await cmd.run(ctx);
    expect(res.exitCode).toBe(0);
    const json = res.json as Record<string, unknown>;
    expect(Object.keys(json).slice(0, 5)).toEqual([
      'image',
      'digest',
      'tags',
      'bytesUploaded',
      'blobsSkipped',
    ]);
    expect(json).toMatchObject({ image: `${reg.host}/proj/cli:3`, tags: ['3', 'x'], blobsSkipped: 0 });
    expect(res.text).toBe(json.digest);
  });
});
