import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageSource } from '../../src/oci/source.js';
import { detectCompression, openSource, parseSource } from '../../src/oci/sources/index.js';
import { MediaType, type ImageManifest } from '../../src/oci/types.js';
import { readAll, readRange, writeDockerArchive, writeTar } from '../fixtures/images.js';

let dir: string;
beforeAll(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'hg-docker-'));
});
afterAll(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

function sha256(b: Buffer | string): string {
  return `sha256:${crypto.createHash('sha256').update(b).digest('hex')}`;
}

async function open(spec: string): Promise<ImageSource> {
  return openSource(parseSource(spec), { tmpDir: dir });
}

function manifestOf(source: ImageSource): ImageManifest {
  return JSON.parse(source.root.bytes.toString()) as ImageManifest;
}

async function expectBlobsVerify(source: ImageSource): Promise<void> {
  let ranges = 0;
  for (const blob of source.blobs) {
    const bytes = await readAll(source.openBlob(blob.digest));
    // Blobs in files are uploaded from their file range: it must hold the same bytes.
    const range = source.blobFile?.(blob.digest);
    if (range) expect(sha256(await readRange(range)), blob.digest).toBe(blob.digest);
    ranges += range ? 1 : 0;
    expect(sha256(bytes), blob.digest).toBe(blob.digest);
    expect(bytes.length).toBe(blob.size);
  }
  expect(ranges, 'blobs with a file range').toBeGreaterThan(0);
}

describe('docker-archive: classic (Docker 1.10-24)', () => {
  it('builds a Docker schema2 manifest: uncompressed layers keep their diffIDs, in order', async () => {
    const file = path.join(dir, 'classic.tar');
    const written = await writeDockerArchive(file, {
      layers: 3,
      format: 'classic',
      repoTags: ['example.com/app:1.0'],
    });
    const source = await open(`docker-archive:${file}`);
    const m = manifestOf(source);
    expect(source.root.descriptor.mediaType).toBe(MediaType.DockerManifest);
    expect(m.mediaType).toBe(MediaType.DockerManifest);
    expect(sha256(source.root.bytes)).toBe(source.root.descriptor.digest);
    expect(m.config.mediaType).toBe(MediaType.DockerConfig);
    const diffIds = Object.values(written.diffIds)[0]!;
    expect(m.layers.map((l) => l.digest)).toEqual(diffIds);
    expect(m.layers.every((l) => l.mediaType === MediaType.DockerLayer)).toBe(true);
    expect(source.manifests).toEqual([source.root]);
    expect(source.blobs.map((b) => b.digest)).toEqual([m.config.digest, ...diffIds]);
    await expectBlobsVerify(source);
    await source.close();
  });

  it('selects among RepoTags by full reference, short name, tag or @N', async () => {
    const file = path.join(dir, 'tags.tar');
    await writeDockerArchive(file, {
      layers: 1,
      format: 'classic',
      repoTags: ['registry.example.com/team/app:2.0', 'app:latest'],
    });
    for (const ref of ['registry.example.com/team/app:2.0', 'app:2.0', '2.0', 'app:latest', 'app', '@0']) {
      const s = await open(`docker-archive:${file}:${ref}`);
      expect(s.blobs).toHaveLength(2);
      await s.close();
    }
    await expect(open(`docker-archive:${file}:app:3.0`)).rejects.toMatchObject({
      code: 'SOURCE_REF_NOT_FOUND',
      message: expect.stringContaining('registry.example.com/team/app:2.0'),
    });
  });

  it('hashes gzip layers while indexing and makes zstd images OCI (no mixed media types)', async () => {
    const tarBytes = Buffer.alloc(2048, 7);
    const gz = zlib.gzipSync(tarBytes);
    const zst = Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), Buffer.alloc(60, 1)]);
    const config = (ids: string[]): string => JSON.stringify({ rootfs: { type: 'layers', diff_ids: ids } });
    const gzFile = path.join(dir, 'gz.tar');
    await writeTar(gzFile, [
      { name: 'c.json', data: config([sha256(tarBytes)]) },
      { name: 'l1/layer.tar', data: gz },
      {
        name: 'manifest.json',
        data: JSON.stringify([{ Config: 'c.json', RepoTags: ['a:1'], Layers: ['l1/layer.tar'] }]),
      },
    ]);
    const s1 = await open(`docker-archive:${gzFile}`);
    expect(manifestOf(s1).layers).toEqual([
      { mediaType: MediaType.DockerLayerGzip, digest: sha256(gz), size: gz.length },
    ]);
    await expectBlobsVerify(s1);
    await s1.close();

    const zFile = path.join(dir, 'zst.tar');
    await writeTar(zFile, [
      { name: 'c.json', data: config([sha256(tarBytes), sha256('other')]) },
      { name: 'l1/layer.tar', data: zst },
      { name: 'l2/layer.tar', data: gz },
      {
        name: 'manifest.json',
        data: JSON.stringify([{ Config: 'c.json', RepoTags: [], Layers: ['l1/layer.tar', 'l2/layer.tar'] }]),
      },
    ]);
    const s2 = await open(`docker-archive:${zFile}`);
    const m2 = manifestOf(s2);
    expect(m2.mediaType).toBe(MediaType.OciManifest);
    expect(m2.config.mediaType).toBe(MediaType.OciConfig);
    expect(m2.layers.map((l) => l.mediaType)).toEqual([MediaType.OciLayerZstd, MediaType.OciLayerGzip]);
    await s2.close();
    expect(detectCompression(Buffer.from('plain tar'))).toBe('none');
  });

  it('follows classic symlinks for repeated layers inside the archive', async () => {
    const layer = Buffer.alloc(1024, 3);
    await writeTar(path.join(dir, 'link.tar'), [
      {
        name: 'c.json',
        data: JSON.stringify({ rootfs: { type: 'layers', diff_ids: [sha256(layer), sha256(layer)] } }),
      },
      { name: 'a/layer.tar', data: layer },
      { name: 'b/layer.tar', type: 'symlink', linkname: '../a/layer.tar' },
      {
        name: 'manifest.json',
        data: JSON.stringify([{ Config: 'c.json', RepoTags: null, Layers: ['a/layer.tar', 'b/layer.tar'] }]),
      },
    ]);
    const s = await open(`docker-archive:${path.join(dir, 'link.tar')}`);
    expect(manifestOf(s).layers.map((l) => l.digest)).toEqual([sha256(layer), sha256(layer)]);
    expect(s.blobs).toHaveLength(2);
    await expectBlobsVerify(s);
    await s.close();
  });
});

describe('docker-archive: Docker 25+ and containerd store', () => {
  it('reads a consistent Docker 25 archive as its OCI layout (manifest digest preserved)', async () => {
    const file = path.join(dir, 'd25.tar');
    const written = await writeDockerArchive(file, { layers: 2, format: 'docker25', repoTags: ['app:1.0'] });
    const s = await open(`docker-archive:${file}`);
    expect(s.root.descriptor.digest).toBe(written.rootDigest);
    expect(s.root.descriptor.mediaType).toBe(MediaType.OciManifest);
    await expectBlobsVerify(s);
    await s.close();
    const byTag = await open(`docker-archive:${file}:app:1.0`);
    expect(byTag.root.descriptor.digest).toBe(written.rootDigest);
    await byTag.close();
  });

  it.each(['no-layers', 'wrong-order', 'null-manifests'] as const)(
    'falls back to manifest.json for the Docker 25.0.x bug %s',
    async (bug) => {
      const file = path.join(dir, `bug-${bug}.tar`);
      const written = await writeDockerArchive(file, { layers: 3, format: 'docker25', bug });
      const s = await open(`docker-archive:${file}`);
      expect(s.root.descriptor.mediaType).toBe(MediaType.DockerManifest);
      expect(manifestOf(s).layers.map((l) => l.digest)).toEqual(Object.values(written.diffIds)[0]);
      await expectBlobsVerify(s);
      await s.close();
    },
  );

  it('reads a complete containerd-store multi-platform export as its image index', async () => {
    const file = path.join(dir, 'ctrd.tar');
    const written = await writeDockerArchive(file, {
      layers: 1,
      format: 'containerd',
      platforms: ['linux/amd64', 'linux/arm64'],
    });
    const s = await open(`docker-archive:${file}`);
    expect(s.root.descriptor).toMatchObject({ mediaType: MediaType.OciIndex, digest: written.rootDigest });
    expect(s.manifests).toHaveLength(3);
    expect(s.blobs.filter((b) => b.mediaType === MediaType.OciLayerGzip)).toHaveLength(2);
    await expectBlobsVerify(s);
    await s.close();
  });

  it('names the missing platforms of a partial containerd export and suggests --platform', async () => {
    const file = path.join(dir, 'partial.tar');
    await writeDockerArchive(file, {
      layers: 1,
      format: 'containerd',
      platforms: ['linux/amd64', 'linux/arm64/v8', 'linux/s390x'],
      missingPlatforms: ['linux/arm64/v8', 'linux/s390x'],
    });
    await expect(open(`docker-archive:${file}`)).rejects.toMatchObject({
      code: 'SOURCE_PLATFORMS_MISSING',
      kind: 'input',
      message: expect.stringContaining('linux/arm64/v8, linux/s390x'),
      remedy: expect.stringContaining('docker save --platform'),
    });
  });
});
