import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GateError } from '../../src/errors.js';
import { TarFiles } from '../../src/oci/sources/files.js';
import { indexTar, normalizeEntryName } from '../../src/oci/tar.js';
import { readAll, writeTar } from '../fixtures/images.js';

let dir: string;
beforeAll(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'hg-tar-'));
});
afterAll(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

/** A raw header block, for formats tar-stream does not write (GNU long names, base-256 sizes). */
function header(name: string, size: number | Buffer, type: string, magic = 'ustar\u000000'): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write('0000644\0', 100, 'latin1');
  h.write('0000000\0', 108, 'latin1');
  h.write('0000000\0', 116, 'latin1');
  if (Buffer.isBuffer(size)) size.copy(h, 124);
  else h.write(size.toString(8).padStart(11, '0') + '\0', 124, 'latin1');
  h.write('00000000000\0', 136, 'latin1');
  h.write(type, 156, 'latin1');
  h.write(magic, 257, 'latin1');
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
  return h;
}

function padded(data: Buffer): Buffer {
  return Buffer.concat([data, Buffer.alloc((512 - (data.length % 512)) % 512)]);
}

describe('normalizeEntryName', () => {
  it.each([
    ['./blobs/sha256/ab', 'blobs/sha256/ab'],
    ['blobs//sha256/./ab', 'blobs/sha256/ab'],
    ['dir/', 'dir'],
    ['./', undefined],
  ])('%s -> %s', (raw, want) => {
    expect(normalizeEntryName('t.tar', raw)).toBe(want);
  });

  it.each(['../x', 'a/../../x', 'a/..', '/etc/passwd', 'C:\\x', 'a\0b'])('refuses %s', (raw) => {
    expect(() => normalizeEntryName('t.tar', raw)).toThrow(
      expect.objectContaining({ code: 'SOURCE_TAR_UNSAFE', kind: 'input' }),
    );
  });
});

describe('indexTar', () => {
  it('records data offsets so entries can be read in place, with PAX and ustar-prefix long names', async () => {
    const file = path.join(dir, 'a.tar');
    const longFlat = 'n'.repeat(150);
    const longNested = `${'d'.repeat(90)}/${'e'.repeat(90)}`;
    await writeTar(file, [
      { name: './dir/', type: 'directory' },
      { name: './dir/a.txt', data: 'hello' },
      { name: longFlat, data: 'flat' },
      { name: longNested, data: 'nested' },
      { name: 'empty', data: '' },
      { name: 'link', type: 'symlink', linkname: 'dir/a.txt' },
    ]);
    const index = await indexTar(file);
    expect([...index.entries.keys()]).toEqual(['dir', 'dir/a.txt', longFlat, longNested, 'empty', 'link']);
    const content = await fsp.readFile(file);
    for (const [name, want] of [
      ['dir/a.txt', 'hello'],
      [longFlat, 'flat'],
      [longNested, 'nested'],
      ['empty', ''],
    ] as const) {
      const e = index.entries.get(name)!;
      expect(e.type).toBe('file');
      expect(content.subarray(e.offset, e.offset + e.size).toString()).toBe(want);
    }
    expect(index.entries.get('link')).toMatchObject({ type: 'symlink', linkName: 'dir/a.txt', size: 0 });
  });

  it('reads GNU long names (type L) and base-256 sizes', async () => {
    const file = path.join(dir, 'gnu.tar');
    const longName = Buffer.from(`${'g'.repeat(200)}\0`);
    const data = Buffer.from('gnu data');
    const size256 = Buffer.alloc(12);
    size256[0] = 0x80;
    size256.writeUInt32BE(data.length, 8);
    await fsp.writeFile(
      file,
      Buffer.concat([
        header('././@LongLink', longName.length, 'L', 'ustar  \0'),
        padded(longName),
        header('truncated-name', size256, '0', 'ustar  \0'),
        padded(data),
        Buffer.alloc(1024),
      ]),
    );
    const index = await indexTar(file);
    const e = index.entries.get('g'.repeat(200))!;
    expect(e.size).toBe(data.length);
    expect((await fsp.readFile(file)).subarray(e.offset, e.offset + e.size)).toEqual(data);
  });

  it('refuses a bad checksum in the middle, naming the offset', async () => {
    const file = path.join(dir, 'bad.tar');
    const good = header('a', 1, '0');
    const bad = header('b', 1, '0');
    bad[0] = 'c'.charCodeAt(0);
    await fsp.writeFile(
      file,
      Buffer.concat([good, padded(Buffer.from('x')), bad, padded(Buffer.from('y')), Buffer.alloc(1024)]),
    );
    await expect(indexTar(file)).rejects.toMatchObject({
      code: 'SOURCE_TAR_INVALID',
      message: expect.stringContaining('1024'),
    });
  });

  it('refuses a malformed PAX record', async () => {
    const file = path.join(dir, 'pax.tar');
    const pax = Buffer.from('99 path=x\n');
    await fsp.writeFile(
      file,
      Buffer.concat([header('pax', pax.length, 'x'), padded(pax), header('a', 0, '0'), Buffer.alloc(1024)]),
    );
    await expect(indexTar(file)).rejects.toMatchObject({ code: 'SOURCE_TAR_INVALID' });
  });

  it('opens blobs as file-range streams (flat memory, parallel reads), not buffers', async () => {
    const file = path.join(dir, 'big.tar');
    const src = path.join(dir, 'big.bin');
    const size = 48 * 1024 * 1024;
    const out = fs.createWriteStream(src);
    const chunk = crypto.randomBytes(1024 * 1024);
    for (let i = 0; i < size / chunk.length; i++) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    await new Promise((r) => out.end(r));
    await writeTar(file, [
      { name: 'blobs/sha256/big', path: src },
      { name: 'small', data: 'abc' },
    ]);
    const files = await TarFiles.open(file);
    const stream = files.open('blobs/sha256/big');
    expect(stream).toBeInstanceOf(fs.ReadStream);
    const rs = stream as unknown as { start: number; end: number };
    expect(rs.end - rs.start + 1).toBe(size);
    const before = process.memoryUsage().rss;
    const hash = crypto.createHash('sha256');
    for await (const c of stream) hash.update(c as Buffer);
    const growth = process.memoryUsage().rss - before;
    const want = crypto.createHash('sha256');
    for await (const c of fs.createReadStream(src)) want.update(c as Buffer);
    expect(hash.digest('hex')).toBe(want.digest('hex'));
    expect(growth).toBeLessThan(32 * 1024 * 1024);
    // Two streams of the same entry at once are independent.
    const [a, b] = await Promise.all([readAll(files.open('small')), readAll(files.open('small'))]);
    expect([a.toString(), b.toString()]).toEqual(['abc', 'abc']);
  });

  it('reports non-GateErrors from the file system as SOURCE_READ_FAILED', async () => {
    await expect(TarFiles.open(path.join(dir, 'missing.tar'))).rejects.toBeInstanceOf(GateError);
    await expect(TarFiles.open(path.join(dir, 'missing.tar'))).rejects.toMatchObject({
      code: 'SOURCE_READ_FAILED',
    });
  });
});
