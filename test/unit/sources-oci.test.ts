import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/logger.js';
import type { ImageSource } from '../../src/oci/source.js';
import { openSource, parseSource } from '../../src/oci/sources/index.js';
import { MediaType } from '../../src/oci/types.js';
import { readAll, readRange, writeOciArchive, writeOciLayout } from '../fixtures/images.js';

let dir: string;
beforeAll(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'hg-oci-'));
});
afterAll(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

function sha256(b: Buffer): string {
  return `sha256:${crypto.createHash('sha256').update(b).digest('hex')}`;
}

async function open(spec: string, logger?: Logger): Promise<ImageSource> {
  return openSource(parseSource(spec), { tmpDir: dir, ...(logger ? { logger } : {}) });
}

/** Every blob and manifest the source offers reads back with its digest and size. */
async function expectConsistent(source: ImageSource): Promise<void> {
  let ranges = 0;
  for (const blob of source.blobs) {
    const bytes = await readAll(source.openBlob(blob.digest));
    // Blobs in files are uploaded from their file range: it must hold the same bytes.
    const range = source.blobFile?.(blob.digest);
    if (range) expect(sha256(await readRange(range)), blob.digest).toBe(blob.digest);
    ranges += range ? 1 : 0;
    expect(bytes.length).toBe(blob.size);
    expect(sha256(bytes)).toBe(blob.digest);
  }
  expect(ranges, 'blobs with a file range').toBeGreaterThan(0);
  for (const m of [...source.manifests, ...source.referrers]) {
    expect(sha256(m.bytes)).toBe(m.descriptor.digest);
    expect(m.bytes.length).toBe(m.descriptor.size);
    expect(await readAll(source.openBlob(m.descriptor.digest))).toEqual(m.bytes);
  }
}

describe('oci: layouts', () => {
  it('reads a single-platform layout: root, blobs, fresh streams per call', async () => {
    const written = await writeOciLayout(path.join(dir, 'single'), {
      layers: 3,
      layerSize: 5000,
      seed: 1,
      random: true,
    });
    const source = await open(`oci:${written.dir}`);
    expect(source.name).toBe(`oci:${written.dir}`);
    expect(source.root.descriptor).toMatchObject({
      mediaType: MediaType.OciManifest,
      digest: written.rootDigest,
    });
    expect(source.manifests.map((m) => m.descriptor.digest)).toEqual(written.manifestDigests);
    expect(source.blobs).toEqual(written.blobs);
    expect(source.referrers).toEqual([]);
    await expectConsistent(source);
    // A second stream of the same blob starts from the beginning (retries).
    const layer = written.blobs[1]!;
    expect((await readAll(source.openBlob(layer.digest))).length).toBe(layer.size);
    expect(() => source.openBlob(sha256(Buffer.from('nope')))).toThrow(
      expect.objectContaining({ code: 'SOURCE_BLOB_UNKNOWN' }),
    );
    await source.close();
    await source.close();
  });

  it('is deterministic for a seed', async () => {
    const a = await writeOciLayout(path.join(dir, 'seed-a'), { layers: 2, seed: 'x', random: true });
    const b = await writeOciLayout(path.join(dir, 'seed-b'), { layers: 2, seed: 'x', random: true });
    const c = await writeOciLayout(path.join(dir, 'seed-c'), { layers: 2, seed: 'y', random: true });
    expect(a.rootDigest).toBe(b.rootDigest);
    expect(a.rootDigest).not.toBe(c.rootDigest);
  });

  it('walks a multi-platform index children first and carries untagged referrers with their blobs', async () => {
    const written = await writeOciLayout(path.join(dir, 'multi'), {
      layers: 2,
      platforms: ['linux/amd64', 'linux/arm64/v8'],
      refName: '1.0',
      referrer: true,
      gzip: true,
    });
    const source = await open(`oci:${written.dir}`);
    expect(source.root.descriptor.digest).toBe(written.rootDigest);
    expect(source.root.descriptor.mediaType).toBe(MediaType.OciIndex);
    const order = source.manifests.map((m) => m.descriptor.digest);
    expect(order).toEqual(written.manifestDigests);
    expect(order.at(-1)).toBe(written.rootDigest);
    expect(source.referrers.map((r) => r.descriptor.digest)).toEqual(written.referrerDigests);
    const referrer = JSON.parse(source.referrers[0]!.bytes.toString()) as { subject: { digest: string } };
    expect(referrer.subject.digest).toBe(written.rootDigest);
    expect(source.blobs.map((b) => b.digest).sort()).toEqual(written.blobs.map((b) => b.digest).sort());
    expect(source.blobs.some((b) => b.mediaType === MediaType.OciLayerGzip)).toBe(true);
    await expectConsistent(source);
    await source.close();
  });

  it('selects by ref.name, containerd name, tag suffix, digest and @N, and explains a miss', async () => {
    const img = path.join(dir, 'refs');
    const a = await writeOciLayout(img, { layers: 1, seed: 'a', random: true });
    const other = await writeOciLayout(path.join(dir, 'refs-b'), { layers: 1, seed: 'b', random: true });
    for (const f of await fsp.readdir(path.join(other.dir, 'blobs', 'sha256'))) {
      await fsp.copyFile(path.join(other.dir, 'blobs', 'sha256', f), path.join(img, 'blobs', 'sha256', f));
    }
    const size = async (d: string): Promise<number> =>
      (await fsp.stat(path.join(img, 'blobs', 'sha256', d.slice(7)))).size;
    await fsp.writeFile(
      path.join(img, 'index.json'),
      JSON.stringify({
        schemaVersion: 2,
        manifests: [
          {
            mediaType: MediaType.OciManifest,
            digest: a.rootDigest,
            size: await size(a.rootDigest),
            annotations: { 'org.opencontainers.image.ref.name': 'v1' },
          },
          {
            mediaType: MediaType.OciManifest,
            digest: other.rootDigest,
            size: await size(other.rootDigest),
            annotations: { 'io.containerd.image.name': 'registry.example.com/team/app:v2' },
          },
        ],
      }),
    );
    for (const [ref, want] of [
      ['v1', a.rootDigest],
      ['v2', other.rootDigest],
      ['app:v2', other.rootDigest],
      ['registry.example.com/team/app:v2', other.rootDigest],
      [other.rootDigest, other.rootDigest],
      ['@0', a.rootDigest],
      ['@1', other.rootDigest],
    ]) {
      const s = await open(`oci:${img}:${ref}`);
      expect(s.root.descriptor.digest, ref).toBe(want);
      await s.close();
    }
    await expect(open(`oci:${img}:v3`)).rejects.toMatchObject({
      code: 'SOURCE_REF_NOT_FOUND',
      message: expect.stringMatching(/v1 @0.*registry\.example\.com\/team\/app:v2 @1/),
    });
    await expect(open(`oci:${img}`)).rejects.toMatchObject({ code: 'SOURCE_REF_AMBIGUOUS' });
  });

  it('picks the image among untagged entries when the others are referrers, logging skipped media types', async () => {
    const written = await writeOciLayout(path.join(dir, 'untagged'), { layers: 1, referrer: true });
    const indexFile = path.join(written.dir, 'index.json');
    const index = JSON.parse(await fsp.readFile(indexFile, 'utf8')) as { manifests: unknown[] };
    index.manifests.push({ mediaType: 'application/vnd.example+json', digest: written.rootDigest, size: 1 });
    await fsp.writeFile(indexFile, JSON.stringify(index));
    const debug: string[] = [];
    const logger: Logger = {
      debug: (m) => debug.push(m),
      info: () => undefined,
      warn: () => undefined,
      error: () => undefined,
    };
    const source = await open(`oci:${written.dir}`, logger);
    expect(source.root.descriptor.digest).toBe(written.rootDigest);
    expect(source.referrers).toHaveLength(1);
    expect(debug.some((m) => m.includes('application/vnd.example+json'))).toBe(true);
    await source.close();
  });

  it('serves a missing empty-JSON config from its well-known bytes', async () => {
    const written = await writeOciLayout(path.join(dir, 'empty-cfg'), { layers: 1, referrer: true });
    await fsp.rm(
      path.join(
        written.dir,
        'blobs',
        'sha256',
        '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
      ),
    );
    const source = await open(`oci:${written.dir}`);
    expect(
      (
        await readAll(
          source.openBlob('sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a'),
        )
      ).toString(),
    ).toBe('{}');
    await source.close();
  });

  it('drops a referrer whose blobs are missing, with a warning, and still opens the image', async () => {
    const written = await writeOciLayout(path.join(dir, 'bad-ref'), { layers: 1, referrer: true });
    const referrer = JSON.parse(
      await fsp.readFile(
        path.join(written.dir, 'blobs', 'sha256', written.referrerDigests[0]!.slice(7)),
        'utf8',
      ),
    ) as { layers: { digest: string }[] };
    await fsp.rm(path.join(written.dir, 'blobs', 'sha256', referrer.layers[0]!.digest.slice(7)));
    const warnings: string[] = [];
    const logger: Logger = {
      debug: () => undefined,
      info: () => undefined,
      warn: (m) => warnings.push(m),
      error: () => undefined,
    };
    const source = await open(`oci:${written.dir}`, logger);
    expect(source.referrers).toEqual([]);
    expect(warnings.join()).toContain(written.referrerDigests[0]!);
    await source.close();
  });
});

describe('oci-archive:', () => {
  it('reads the same image as the layout, streaming blobs from byte ranges of the archive', async () => {
    const opts = {
      layers: 2,
      layerSize: 3000,
      seed: 7,
      random: true,
      refName: 'v1',
      dotSlash: true,
    } as const;
    const layout = await writeOciLayout(path.join(dir, 'cmp'), opts);
    const file = path.join(dir, 'cmp.tar');
    await writeOciArchive(file, opts);
    const source = await open(`oci-archive:${file}:v1`);
    expect(source.root.descriptor.digest).toBe(layout.rootDigest);
    expect(source.blobs).toEqual(layout.blobs);
    const stream = source.openBlob(layout.blobs[1]!.digest);
    expect(stream).toBeInstanceOf(fs.ReadStream);
    expect((stream as unknown as { path: string }).path).toBe(file);
    stream.destroy();
    await expectConsistent(source);
    await source.close();
  });

  it('decompresses a .tar.gz once into tmpDir and deletes it on close', async () => {
    const file = path.join(dir, 'gz.tar.gz');
    const tmpDir = await fsp.mkdtemp(path.join(dir, 'tmp-'));
    const written = await writeOciArchive(file, { layers: 2, gzipArchive: true });
    const infos: string[] = [];
    const source = await openSource(parseSource(`oci-archive:${file}`), {
      tmpDir,
      logger: {
        debug: () => undefined,
        info: (m) => infos.push(m),
        warn: () => undefined,
        error: () => undefined,
      },
    });
    expect(infos.join()).toContain('gzip');
    expect(await fsp.readdir(tmpDir)).toHaveLength(1);
    expect(source.root.descriptor.digest).toBe(written.rootDigest);
    await expectConsistent(source);
    await source.close();
    expect(await fsp.readdir(tmpDir)).toEqual([]);
  });

  it('resolves relative paths against cwd', async () => {
    await writeOciArchive(path.join(dir, 'rel.tar'), { layers: 1 });
    const source = await openSource(parseSource('oci-archive:rel.tar'), { cwd: dir });
    expect(source.blobs).toHaveLength(2);
    await source.close();
  });
});
