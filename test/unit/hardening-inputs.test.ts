import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileNoFollow } from '../../src/core/index.js';
import { GateError } from '../../src/errors.js';
import { openSource, parseSource, type GunzipLimits } from '../../src/oci/sources/index.js';
import { readAll, writeOciArchive, writeOciLayout } from '../fixtures/images.js';

const SECRET = 'SECRET-CONTENT-do-not-leak-1234567890';

let dir: string;
let outside: string;
beforeAll(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'hg-harden-'));
  outside = path.join(dir, 'outside-secret.txt');
  await fsp.writeFile(outside, SECRET);
});
afterAll(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

async function openError(spec: string, gunzip?: Partial<GunzipLimits>): Promise<GateError> {
  const tmpDir = await fsp.mkdtemp(path.join(dir, 'tmp-'));
  try {
    const src = await openSource(parseSource(spec), { tmpDir, ...(gunzip ? { gunzip } : {}) });
    await src.close();
  } catch (e) {
    expect(e).toBeInstanceOf(GateError);
    // Nothing left behind (a decompressed archive is deleted).
    expect(await fsp.readdir(tmpDir)).toEqual([]);
    return e as GateError;
  }
  throw new Error(`${spec} opened`);
}

function blobFile(layout: string, digest: string): string {
  const [alg, hex] = digest.split(':') as [string, string];
  return path.join(layout, 'blobs', alg, hex);
}

describe('oci: layouts cannot reach outside their directory', () => {
  it('a layer blob that is a symlink to a file outside: refused, nothing of it read or named', async () => {
    const layout = path.join(dir, 'layer-link');
    const img = await writeOciLayout(layout, { layers: 1 });
    const layer = img.blobs.find((b) => b.mediaType.includes('layer'))!;
    await fsp.rm(blobFile(layout, layer.digest));
    await fsp.symlink(outside, blobFile(layout, layer.digest));
    const e = await openError(`oci:${layout}`);
    expect(e.code).toBe('SOURCE_LAYOUT_ESCAPE');
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain(`blobs/sha256/${layer.digest.slice(7)}`);
    expect(e.message).not.toContain(SECRET.slice(0, 6));
    expect(e.message).not.toContain(outside);
  });

  it('index.json linked to a file outside: refused before it is parsed (no JSON error quoting it)', async () => {
    const layout = path.join(dir, 'index-link');
    await writeOciLayout(layout, { layers: 1 });
    await fsp.rm(path.join(layout, 'index.json'));
    await fsp.symlink(outside, path.join(layout, 'index.json'));
    const e = await openError(`oci:${layout}`);
    expect(e.code).toBe('SOURCE_LAYOUT_ESCAPE');
    expect(e.message).not.toMatch(/SECRET|SECRE|"S/);
  });

  it('a relative link climbing out with ../ is refused too; a link loop is refused', async () => {
    const layout = path.join(dir, 'dotdot');
    const img = await writeOciLayout(layout, { layers: 1 });
    const cfg = img.blobs.find((b) => b.mediaType.includes('config'))!;
    await fsp.rm(blobFile(layout, cfg.digest));
    await fsp.symlink('../../../outside-secret.txt', blobFile(layout, cfg.digest));
    expect((await openError(`oci:${layout}`)).code).toBe('SOURCE_LAYOUT_ESCAPE');

    const loop = path.join(dir, 'loop');
    const img2 = await writeOciLayout(loop, { layers: 1 });
    const cfg2 = img2.blobs.find((b) => b.mediaType.includes('config'))!;
    const f = blobFile(loop, cfg2.digest);
    await fsp.rm(f);
    await fsp.symlink(f, f);
    expect((await openError(`oci:${loop}`)).code).toBe('SOURCE_LAYOUT_ESCAPE');
  });

  it('a link that stays inside the layout is still followed (deduplicated blobs)', async () => {
    const layout = path.join(dir, 'inside-link');
    const img = await writeOciLayout(layout, { layers: 1 });
    const layer = img.blobs.find((b) => b.mediaType.includes('layer'))!;
    const file = blobFile(layout, layer.digest);
    const copy = path.join(layout, 'blobs', 'layer-copy');
    await fsp.rename(file, copy);
    await fsp.symlink('../layer-copy', file);
    const src = await openSource(parseSource(`oci:${layout}`), { tmpDir: dir });
    try {
      const bytes = await readAll(src.openBlob(layer.digest));
      expect(bytes.length).toBe(layer.size);
    } finally {
      await src.close();
    }
  });

  it('the layout directory itself may be a link', async () => {
    const layout = path.join(dir, 'real-layout');
    await writeOciLayout(layout, { layers: 1 });
    const link = path.join(dir, 'layout-link');
    await fsp.symlink(layout, link);
    const src = await openSource(parseSource(`oci:${link}`), { tmpDir: dir });
    expect(src.blobs.length).toBeGreaterThan(0);
    await src.close();
  });
});

describe('.tar.gz sources decompress within bounds', () => {
  it('a gzip bomb is refused by ratio with SOURCE_DECOMPRESSED_TOO_LARGE, its temporary file removed', async () => {
    const bomb = path.join(dir, 'bomb.tar.gz');
    // 64 MiB of zeros compress to about 64 KiB (ratio ~1000).
    await fsp.writeFile(bomb, zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 }));
    const e = await openError(`oci-archive:${bomb}`, { ratioFloorBytes: 1024 * 1024 });
    expect(e.code).toBe('SOURCE_DECOMPRESSED_TOO_LARGE');
    expect(e.exitCode).toBe(2);
    expect(e.message).toMatch(/200 times/);
  });

  it('an archive over the byte cap is refused', async () => {
    const file = path.join(dir, 'img.tar');
    await writeOciArchive(file, { layers: 2, layerSize: 256 * 1024, random: true, seed: 1 });
    const gz = path.join(dir, 'img.tar.gz');
    await fsp.writeFile(gz, zlib.gzipSync(await fsp.readFile(file)));
    const e = await openError(`oci-archive:${gz}`, { maxBytes: 64 * 1024 });
    expect(e.code).toBe('SOURCE_DECOMPRESSED_TOO_LARGE');
    expect(e.message).toMatch(/more than 65536 bytes/);
    // Within the default bounds the same archive opens.
    const src = await openSource(parseSource(`oci-archive:${gz}`), { tmpDir: dir });
    expect(src.blobs.length).toBeGreaterThan(0);
    await src.close();
  });
});

describe('writeFileNoFollow', () => {
  it('creates and truncates regular files', async () => {
    const f = path.join(dir, 'report.json');
    await writeFileNoFollow(f, 'a much longer first content');
    await writeFileNoFollow(f, 'short');
    expect(await fsp.readFile(f, 'utf8')).toBe('short');
  });

  it('refuses to write through a symlink: the target is untouched', async () => {
    const target = path.join(dir, 'precious.txt');
    await fsp.writeFile(target, 'precious');
    const link = path.join(dir, 'gl-container-scanning-report.json');
    await fsp.symlink(target, link);
    const e = await writeFileNoFollow(link, 'report').then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(GateError);
    expect((e as GateError).code).toBe('REPORT_SYMLINK');
    expect((e as GateError).exitCode).toBe(2);
    expect(await fsp.readFile(target, 'utf8')).toBe('precious');
  });

  it('refuses a dangling symlink (it would create the target)', async () => {
    const target = path.join(dir, 'not-yet.txt');
    const link = path.join(dir, 'dangling.json');
    await fsp.symlink(target, link);
    await expect(writeFileNoFollow(link, 'x')).rejects.toMatchObject({ code: 'REPORT_SYMLINK' });
    expect(fs.existsSync(target)).toBe(false);
  });

  it('a directory or a missing parent is a clear error', async () => {
    await expect(writeFileNoFollow(dir, 'x')).rejects.toMatchObject({ code: 'REPORT_NOT_A_FILE' });
    await expect(writeFileNoFollow(path.join(dir, 'no/such/dir/r.json'), 'x')).rejects.toMatchObject({
      code: 'REPORT_WRITE_FAILED',
      kind: 'input',
    });
  });

  it('every new code is documented', async () => {
    const doc = await fsp.readFile(path.join(import.meta.dirname, '../../docs/errors.md'), 'utf8');
    for (const code of [
      'REPORT_SYMLINK',
      'REPORT_NOT_A_FILE',
      'SOURCE_LAYOUT_ESCAPE',
      'SOURCE_DECOMPRESSED_TOO_LARGE',
    ]) {
      expect(doc).toContain(`\`${code}\``);
    }
  });
});
