import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/http/client.js';
import { GateError } from '../../src/errors.js';
import { staticCredentials } from '../../src/oci/credentials.js';
import { nextLink } from '../../src/oci/manifests.js';
import { RegistryClient } from '../../src/oci/registry.js';
import { digestOf } from '../../src/oci/verify.js';
import { MediaType, type Descriptor, type FileRange } from '../../src/oci/types.js';
import { FileUploadBody } from '../../src/oci/upload.js';
import { startRegistry, type TestRegistry } from '../servers/registry.js';

function blob(n: number): { bytes: Buffer; desc: Descriptor } {
  const bytes = crypto.randomBytes(n);
  return { bytes, desc: { mediaType: MediaType.OciLayer, digest: digestOf(bytes), size: n } };
}

function chunked(bytes: Buffer, size = 64 * 1024): () => Readable {
  return () => {
    const parts: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
    return Readable.from(parts);
  };
}

function imageManifest(config: Descriptor, layers: Descriptor[]): Buffer {
  return Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciManifest, config, layers }, null, 2),
  );
}

/** The stream a file-backed push must not open: the file path is the whole point. */
const notStreamed = (): Readable => {
  throw new Error('the file-backed upload opened the source stream');
};

const fastRetry = { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5, jitter: 0 };

describe.each([
  { mode: 'no auth', opts: {} },
  { mode: 'htpasswd', opts: { htpasswd: { alice: 's3cret-pass' } } },
])('RegistryClient against docker-registry 2.8.2 ($mode)', ({ opts }) => {
  let reg: TestRegistry;
  let client: RegistryClient;
  beforeAll(async () => {
    reg = await startRegistry(opts);
    client = new RegistryClient({
      http: new HttpClient({ retry: fastRetry }),
      credentials: staticCredentials('alice', 's3cret-pass'),
    });
  });
  afterAll(async () => {
    client.close();
    await reg.stop();
  });

  it('pushes, checks and fetches blobs with progress', async () => {
    const repo = client.repository(reg.host, 'team/app');
    const { bytes, desc } = blob(300 * 1024 + 7);
    expect(await repo.blobExists(desc.digest)).toBeUndefined();
    let progress = 0;
    const r = await repo.pushBlob(desc, chunked(bytes), { onProgress: (n) => (progress += n) });
    expect(r).toEqual({ uploaded: true, mounted: false });
    expect(progress).toBe(desc.size);
    const head = await repo.blobExists(desc.digest);
    expect(head?.size).toBe(desc.size);
    expect((await repo.fetchBlob(desc)).equals(bytes)).toBe(true);
    const chunks: Buffer[] = [];
    for await (const c of await repo.openBlob(desc)) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
  });

  it('refuses a blob whose bytes do not match its digest and leaves nothing behind', async () => {
    const repo = client.repository(reg.host, 'team/bad');
    const { bytes, desc } = blob(200 * 1024);
    const corrupt = Buffer.from(bytes);
    corrupt[1000] = (corrupt[1000] ?? 0) ^ 0xff;
    const err = await repo.pushBlob(desc, chunked(corrupt)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GateError);
    expect((err as GateError).code).toBe('BLOB_DIGEST_MISMATCH');
    expect((err as GateError).exitCode).toBe(2);
    expect(await repo.blobExists(desc.digest)).toBeUndefined();
    const short = await repo.pushBlob(desc, chunked(bytes.subarray(0, 1000))).catch((e: unknown) => e);
    expect((short as GateError).code).toBe('BLOB_DIGEST_MISMATCH');
    const long = await repo
      .pushBlob(desc, chunked(Buffer.concat([bytes, Buffer.from('x')])))
      .catch((e: unknown) => e);
    expect((long as GateError).code).toBe('BLOB_DIGEST_MISMATCH');
  });

  it('uploads blobs from files with reused buffers: whole files, tar-like ranges, empty blobs', async () => {
    const repo = client.repository(reg.host, 'team/files');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-upload-'));
    try {
      // Several read chunks (1 MiB) and a partial last one, inside a file with bytes around it.
      const { bytes, desc } = blob(3 * 1024 * 1024 + 4321);
      const archive = path.join(dir, 'archive.tar');
      fs.writeFileSync(archive, Buffer.concat([Buffer.alloc(1536, 1), bytes, Buffer.alloc(700, 2)]));
      let progress = 0;
      const r = await repo.pushBlob(desc, notStreamed, {
        file: { path: archive, offset: 1536, size: desc.size },
        onProgress: (n) => (progress += n),
      });
      expect(r).toEqual({ uploaded: true, mounted: false });
      expect(progress).toBe(desc.size);
      expect((await repo.fetchBlob(desc)).equals(bytes)).toBe(true);

      const whole = blob(1024 * 1024);
      const file = path.join(dir, 'blob');
      fs.writeFileSync(file, whole.bytes);
      await repo.pushBlob(whole.desc, notStreamed, { file: { path: file, offset: 0 } });
      expect((await repo.fetchBlob(whole.desc)).equals(whole.bytes)).toBe(true);

      const empty = blob(0);
      fs.writeFileSync(path.join(dir, 'empty'), '');
      await repo.pushBlob(empty.desc, notStreamed, { file: { path: path.join(dir, 'empty'), offset: 0 } });
      expect((await repo.blobExists(empty.desc.digest))?.size).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a file whose bytes do not match, or that cannot be read, and leaves nothing behind', async () => {
    const repo = client.repository(reg.host, 'team/badfiles');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-upload-'));
    const push = (desc: Descriptor, file: FileRange): Promise<GateError> =>
      repo.pushBlob(desc, notStreamed, { file }).then(
        () => {
          throw new Error('pushed a bad blob');
        },
        (e: unknown) => e as GateError,
      );
    try {
      const { bytes, desc } = blob(2 * 1024 * 1024 + 10);
      const corrupt = Buffer.from(bytes);
      corrupt[corrupt.length - 1] = (corrupt[corrupt.length - 1] ?? 0) ^ 0xff;
      const f = path.join(dir, 'blob');
      fs.writeFileSync(f, corrupt);
      const wrong = await push(desc, { path: f, offset: 0 });
      expect(wrong.code).toBe('BLOB_DIGEST_MISMATCH');
      expect(wrong.exitCode).toBe(2);
      expect(wrong.message).toContain(`want ${desc.digest}, got ${digestOf(corrupt)}`);

      fs.writeFileSync(f, bytes.subarray(0, 1000));
      expect((await push(desc, { path: f, offset: 0 })).message).toContain('1000 bytes instead of');
      // A range listed at its full size whose file was cut short afterwards.
      expect((await push(desc, { path: f, offset: 0, size: desc.size })).code).toBe('BLOB_DIGEST_MISMATCH');
      fs.writeFileSync(f, Buffer.concat([bytes, Buffer.from('x')]));
      expect((await push(desc, { path: f, offset: 0 })).message).toContain('more bytes than the size');
      expect(await repo.blobExists(desc.digest)).toBeUndefined();

      const missing = await push(desc, { path: path.join(dir, 'nope'), offset: 0 });
      expect(missing.code).toBe('BLOB_READ_FAILED');
      expect(missing.message).toContain('ENOENT');
      expect((await push(desc, { path: dir, offset: 0 })).code).toBe('BLOB_READ_FAILED');
      expect(await repo.blobExists(desc.digest)).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('mounts across repositories and falls back to upload when the mount cannot happen', async () => {
    const a = client.repository(reg.host, 'team/src');
    const b = client.repository(reg.host, 'team/dst');
    const { bytes, desc } = blob(1024);
    await a.pushBlob(desc, chunked(bytes));
    expect(await b.pushBlob(desc, chunked(bytes), { mountFrom: 'team/src' })).toEqual({
      uploaded: false,
      mounted: true,
    });
    const other = blob(2048);
    expect(await b.pushBlob(other.desc, chunked(other.bytes), { mountFrom: 'team/nope' })).toEqual({
      uploaded: true,
      mounted: false,
    });
  });

  it('pushes, resolves, fetches, tags, lists and deletes manifests', async () => {
    const repo = client.repository(reg.host, 'team/img');
    const config = await repo.pushBlobBytes(
      Buffer.from('{"architecture":"amd64","os":"linux"}'),
      MediaType.OciConfig,
    );
    const { bytes, desc } = blob(4096);
    await repo.pushBlob(desc, chunked(bytes));
    const manifest = imageManifest(config, [desc]);
    const pushed = await repo.pushManifest('v1', manifest, MediaType.OciManifest);
    expect(pushed.digest).toBe(digestOf(manifest));
    expect(pushed.headers['docker-content-digest']).toBe(pushed.digest);
    await repo.pushManifest('v2', manifest, MediaType.OciManifest);
    const resolved = await repo.resolve('v1');
    expect(resolved).toEqual({
      mediaType: MediaType.OciManifest,
      digest: pushed.digest,
      size: manifest.length,
    });
    expect(await repo.resolve(pushed.digest)).toEqual(resolved);
    const fetched = await repo.fetchManifest(pushed.digest);
    expect(fetched?.bytes.equals(manifest)).toBe(true);
    expect(await repo.fetchManifest('missing')).toBeUndefined();
    expect(await repo.resolve('missing')).toBeUndefined();
    expect((await repo.listTags()).sort()).toEqual(['v1', 'v2']);
    expect(await repo.deleteManifest(pushed.digest)).toBe(true);
    expect(await repo.fetchManifest(pushed.digest)).toBeUndefined();
    expect(await repo.deleteManifest(pushed.digest)).toBe(false);
  });

  it('rejects a manifest whose blobs are missing, with the registry code in the message', async () => {
    const repo = client.repository(reg.host, 'team/broken');
    const { desc } = blob(10);
    const err = await repo
      .pushManifest('v1', imageManifest(desc, [desc]), MediaType.OciManifest)
      .catch((e: unknown) => e);
    expect((err as GateError).code).toBe('REGISTRY_REJECTED');
    expect((err as GateError).message).toContain('MANIFEST_BLOB_UNKNOWN');
  });

  it('lists no tags for an unknown repository and offers a raw authenticated request', async () => {
    const repo = client.repository(reg.host, 'team/none');
    expect(await repo.listTags()).toEqual([]);
    const res = await repo.request({ method: 'GET', path: 'referrers/' + digestOf(Buffer.from('x')) });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('text/plain');
  });
});

describe('RegistryClient auth failures', () => {
  let reg: TestRegistry;
  beforeAll(async () => {
    reg = await startRegistry({ htpasswd: { alice: 's3cret-pass' } });
  });
  afterAll(async () => {
    await reg.stop();
  });

  it('reports 401 as REGISTRY_UNAUTHORIZED (exit 2) without and with wrong credentials', async () => {
    for (const credentials of [undefined, staticCredentials('alice', 'wrong')]) {
      const client = new RegistryClient({
        http: new HttpClient({ retry: fastRetry }),
        ...(credentials ? { credentials } : {}),
      });
      const err = await client
        .repository(reg.host, 'team/app')
        .listTags()
        .catch((e: unknown) => e);
      expect((err as GateError).code).toBe('REGISTRY_UNAUTHORIZED');
      expect((err as GateError).exitCode).toBe(2);
      expect((err as GateError).message).not.toContain('wrong');
      // Without credentials: say none were found; with wrong ones: say they were not accepted.
      expect((err as GateError).message).toContain(
        credentials
          ? `the registry did not accept the credentials given for ${reg.host}`
          : `not authenticated, no credentials were found for ${reg.host}`,
      );
      client.close();
    }
  });
});

describe('nextLink', () => {
  it.each([
    ['</v2/a/tags/list?n=2&last=b>; rel="next"', '/v2/a/tags/list?n=2&last=b'],
    ['<https://x/y>; rel="prev", <https://x/z>; rel=next', 'https://x/z'],
    ['<https://x/y>; rel="prev"', undefined],
    [undefined, undefined],
  ])('%s', (link, want) => {
    expect(nextLink(link)).toBe(want);
  });
});

describe('FileUploadBody', () => {
  it('refuses to be read as a plain stream, so a change in how axios sends bodies fails loudly', async () => {
    const body = new FileUploadBody(
      { path: '/dev/null', offset: 0 },
      { digest: digestOf(Buffer.alloc(0)), size: 0 },
      'x',
    );
    const err = await new Promise<Error>((resolve) => {
      body.once('error', resolve);
      body.resume();
    });
    expect(err.message).toContain('must be piped into an HTTP request');
    expect(body.piped).toBe(false);
  });
});
