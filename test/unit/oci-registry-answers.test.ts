import { afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedRegistry, type EmbeddedRegistry } from '../../src/embedded/registry.js';
import { HttpClient } from '../../src/http/client.js';
import { RegistryClient } from '../../src/oci/registry.js';
import { GateError } from '../../src/errors.js';

const MT = 'application/vnd.oci.image.manifest.v1+json';
let registry: EmbeddedRegistry | undefined;

afterEach(async () => {
  await registry?.stop();
  registry = undefined;
});

/** A registry whose first `failures` manifest PUTs answer 400 MANIFEST_BLOB_UNKNOWN. */
async function flaky(
  failures: number,
): Promise<{ client: RegistryClient; puts: () => number; sleeps: number[] }> {
  let puts = 0;
  registry = await startEmbeddedRegistry({
    intercept: (req, res) => {
      if (req.method !== 'PUT' || !req.url?.includes('/manifests/')) return false;
      puts++;
      if (puts > failures) return false;
      req.resume();
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end('{"errors":[{"code":"MANIFEST_BLOB_UNKNOWN","message":"blob unknown to registry"}]}');
      return true;
    },
  });
  const sleeps: number[] = [];
  const client = new RegistryClient({
    http: new HttpClient({ env: {} }),
    clock: {
      now: () => Date.now(),
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
    },
  });
  return { client, puts: () => puts, sleeps };
}

async function manifestFor(client: RegistryClient): Promise<Buffer> {
  const repo = client.repository(registry!.host, 'race/app');
  const config = await repo.pushBlobBytes(
    Buffer.from('{"architecture":"amd64","os":"linux"}'),
    'application/vnd.oci.image.config.v1+json',
  );
  const layer = await repo.pushBlobBytes(
    Buffer.from('layer bytes'),
    'application/vnd.oci.image.layer.v1.tar',
  );
  return Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MT, config, layers: [layer] }));
}

describe('pushManifest and MANIFEST_BLOB_UNKNOWN', () => {
  it('asks again when a concurrent link made the registry miss a blob that is there', async () => {
    const { client, puts, sleeps } = await flaky(2);
    const bytes = await manifestFor(client);
    const res = await client.repository(registry!.host, 'race/app').pushManifest('v1', bytes, MT);
    expect(res.digest).toMatch(/^sha256:/);
    expect(puts()).toBe(3);
    expect(sleeps).toEqual([250, 1000]);
    client.close();
  });

  it('still fails, with the registry error, when the blob stays unknown', async () => {
    const { client, puts } = await flaky(10);
    const bytes = await manifestFor(client);
    const err = await client
      .repository(registry!.host, 'race/app')
      .pushManifest('v1', bytes, MT)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GateError);
    expect((err as GateError).message).toContain('MANIFEST_BLOB_UNKNOWN');
    expect(puts()).toBe(3);
    client.close();
  });
});

describe('registry answers the client checks', () => {
  it('refuses a manifest over 4 MiB before sending it', async () => {
    let puts = 0;
    registry = await startEmbeddedRegistry({
      intercept: (req) => {
        if (req.method === 'PUT') puts++;
        return false;
      },
    });
    const client = new RegistryClient({ http: new HttpClient({ env: {} }) });
    const huge = Buffer.from(
      JSON.stringify({ schemaVersion: 2, mediaType: MT, padding: 'x'.repeat(4 * 1024 * 1024) }),
    );
    const err = await client
      .repository(registry.host, 'limits/app')
      .pushManifest('v1', huge, MT)
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'MANIFEST_TOO_LARGE', exitCode: 2 });
    expect(puts).toBe(0);
    client.close();
  });

  it('refuses a blob the registry stored under another digest (Docker-Content-Digest)', async () => {
    registry = await startEmbeddedRegistry({
      intercept: (req, res) => {
        if (req.method !== 'PUT' || !req.url?.includes('/blobs/uploads/')) return false;
        req.resume();
        req.on('end', () => {
          res.writeHead(201, { 'docker-content-digest': `sha256:${'0'.repeat(64)}`, 'content-length': '0' });
          res.end();
        });
        return true;
      },
    });
    const client = new RegistryClient({ http: new HttpClient({ env: {} }) });
    const err = await client
      .repository(registry.host, 'limits/app')
      .pushBlobBytes(Buffer.from('some layer'), 'application/vnd.oci.image.layer.v1.tar')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GateError);
    expect(err).toMatchObject({ code: 'REGISTRY_BAD_RESPONSE', exitCode: 3 });
    expect((err as GateError).message).toContain(`under the digest sha256:${'0'.repeat(64)}`);
    client.close();
  });
});
