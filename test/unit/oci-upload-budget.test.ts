/**
 * One retry budget per blob: the session POSTs (retried by the HTTP client) and the fresh sessions
 * after a failed PUT draw on the same maxRetries, so a registry refusing uploads is given up on
 * after maxRetries + 1 failed attempts, not (maxRetries + 1)^2.
 */
import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedRegistry, type EmbeddedRegistry } from '../../src/embedded/registry.js';
import { GateError } from '../../src/errors.js';
import { HttpClient } from '../../src/http/client.js';
import { RegistryClient } from '../../src/oci/registry.js';
import { digestOf } from '../../src/oci/verify.js';
import { MediaType, type Descriptor } from '../../src/oci/types.js';

let registry: EmbeddedRegistry | undefined;

afterEach(async () => {
  await registry?.stop();
  registry = undefined;
});

interface Script {
  /** How many upload-session POSTs answer 503 before they are served. */
  postFailures: number;
  /** How many upload PUTs answer 503 before they are served. */
  putFailures: number;
}

async function scripted(
  script: Script,
  maxRetries: number,
): Promise<{ client: RegistryClient; counts: { posts: number; puts: number }; sleeps: number[] }> {
  const counts = { posts: 0, puts: 0 };
  registry = await startEmbeddedRegistry({
    intercept: (req, res) => {
      const upload = req.url?.includes('/blobs/uploads/') ?? false;
      let fail = false;
      if (upload && req.method === 'POST') fail = ++counts.posts <= script.postFailures;
      if (upload && req.method === 'PUT') fail = ++counts.puts <= script.putFailures;
      if (!fail) return false;
      req.resume();
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end('{"errors":[{"code":"UNAVAILABLE","message":"try later"}]}');
      return true;
    },
  });
  const sleeps: number[] = [];
  // One clock for the HTTP client's retries and the upload restarts (the registry client uses
  // its HTTP client's clock).
  const clock = {
    now: () => Date.now(),
    sleep: (ms: number): Promise<void> => {
      sleeps.push(ms);
      return Promise.resolve();
    },
  };
  const client = new RegistryClient({
    http: new HttpClient({
      env: {},
      retry: { maxRetries, baseDelayMs: 10, maxDelayMs: 100, jitter: 0 },
      clock,
    }),
  });
  return { client, counts, sleeps };
}

function blob(): { desc: Descriptor; open: () => Readable } {
  const bytes = crypto.randomBytes(4096);
  return {
    desc: { mediaType: MediaType.OciLayer, digest: digestOf(bytes), size: bytes.length },
    open: () => Readable.from([bytes]),
  };
}

describe('pushBlob retry budget', () => {
  it('gives up after maxRetries + 1 session POSTs when every one fails', async () => {
    const { client, counts } = await scripted({ postFailures: 1000, putFailures: 0 }, 5);
    const { desc, open } = blob();
    const err = await client
      .repository(registry!.host, 'budget/app')
      .pushBlob(desc, open)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GateError);
    expect((err as GateError).exitCode).toBe(3);
    expect((err as GateError).message).toContain('503');
    expect(counts).toEqual({ posts: 6, puts: 0 });
    client.close();
  });

  it('gives up after maxRetries + 1 sessions when every PUT fails', async () => {
    const { client, counts, sleeps } = await scripted({ postFailures: 0, putFailures: 1000 }, 3);
    const { desc, open } = blob();
    const err = await client
      .repository(registry!.host, 'budget/app')
      .pushBlob(desc, open)
      .catch((e: unknown) => e);
    expect((err as GateError).exitCode).toBe(3);
    expect(counts).toEqual({ posts: 4, puts: 4 });
    expect(sleeps).toEqual([10, 20, 40]);
    client.close();
  });

  it('charges POST retries and failed sessions to one budget', async () => {
    // 2 POST retries, then 2 failed PUTs: 4 retries, within 5; the third session succeeds.
    const ok = await scripted({ postFailures: 2, putFailures: 2 }, 5);
    const first = blob();
    expect(await ok.client.repository(registry!.host, 'budget/app').pushBlob(first.desc, first.open)).toEqual(
      {
        uploaded: true,
        mounted: false,
      },
    );
    expect(ok.counts).toEqual({ posts: 5, puts: 3 });
    ok.client.close();
    await registry?.stop();

    // The same faults with a budget of 3: the second failed PUT ends it.
    const short = await scripted({ postFailures: 2, putFailures: 2 }, 3);
    const second = blob();
    const err = await short.client
      .repository(registry!.host, 'budget/app')
      .pushBlob(second.desc, second.open)
      .catch((e: unknown) => e);
    expect((err as GateError).exitCode).toBe(3);
    expect(short.counts).toEqual({ posts: 4, puts: 2 });
    short.client.close();
  });

  it.each([
    [401, "Harbor's answer for a source project it will not show"],
    [400, "Docker Hub's"],
  ])('a mount answered %i (%s) falls back to a plain upload', async (status) => {
    const counts = { mounts: 0, posts: 0 };
    registry = await startEmbeddedRegistry({
      intercept: (req, res) => {
        if (req.method !== 'POST' || !req.url?.includes('/blobs/uploads/')) return false;
        if (!req.url.includes('mount=')) {
          counts.posts++;
          return false;
        }
        counts.mounts++;
        req.resume();
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end('{"errors":[{"code":"DENIED","message":"no"}]}');
        return true;
      },
    });
    const client = new RegistryClient({ http: new HttpClient({ env: {} }) });
    const { desc, open } = blob();
    const r = await client
      .repository(registry.host, 'budget/app')
      .pushBlob(desc, open, { mountFrom: 'other/project' });
    expect(r).toEqual({ uploaded: true, mounted: false });
    expect(counts).toEqual({ mounts: 1, posts: 1 });
    client.close();
  });
});
