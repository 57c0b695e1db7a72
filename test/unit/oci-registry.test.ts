import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/http/client.js';
import { GateError } from '../../src/errors.js';
import { staticCredentials } from '../../src/oci/credentials.js';
import { RegistryClient, digestOf, nextLink } from '../../src/oci/registry.js';
import { MediaType, type Descriptor } from '../../src/oci/types.js';
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
