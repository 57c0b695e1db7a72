/**
 * Fault injection: the real docker-registry (htpasswd Basic auth) behind the seeded fault proxy.
 *
 * - 20% of requests faulted: a ~200 MB multi-layer push, an SBOM attach and a key-signed bundle
 *   referrer complete; skopeo then copies the image straight from the registry and every digest
 *   matches; the redirect target never received a credential.
 * - 100% faulted: the library gives up with an infra error naming the host and the last status
 *   within its computed retry budget, and no manifest in the registry points at a missing blob.
 *   The same through the CLI (`main([...])`) with the default retry policy: exit 3 within the
 *   default policy's computed maximum, host and last status/error on stderr, no stack trace.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GateError } from '../../src/errors.js';
import { DEFAULT_RETRY, type RetryPolicy } from '../../src/http/retry.js';
import { pushImage } from '../../src/oci/push.js';
import { parseReference } from '../../src/oci/reference.js';
import { pushArtifact } from '../../src/oci/artifact.js';
import { listReferrers } from '../../src/oci/referrers.js';
import { openSource, parseSource } from '../../src/oci/sources/index.js';
import type { Descriptor } from '../../src/oci/types.js';
import { attachSbom } from '../../src/sbom/attach.js';
import { loadSbom } from '../../src/sbom/index.js';
import { BUNDLE_MEDIA_TYPE, bundleReferrerAnnotations } from '../../src/sign/formats.js';
import { loadSigningKey } from '../../src/sign/keys.js';
import { SigningSession } from '../../src/sign/signer.js';
import { PredicateType, signatureStatement } from '../../src/sign/statement.js';
import { writeOciLayout, type WrittenImage } from '../fixtures/images.js';
import { FAULT_KINDS, startFaultProxy, type FaultProxy } from '../servers/fault-proxy.js';
import { startRegistry, type TestRegistry } from '../servers/registry.js';
import {
  basicAuth,
  captureIO,
  skopeoCopy,
  snapshotRegistry,
  testClient,
  type RetryStats,
} from './faults-helpers.js';

const USER = 'fault-user';
const PASSWORD = 'fault-pass-7Qz9';
const AUTH = basicAuth(USER, PASSWORD);
const LAYERS = 5;
const LAYER_SIZE = 40 * 1024 * 1024;
const STALL_MS = 300;

let registry: TestRegistry;
let proxy: FaultProxy;
let tmp: string;
let image: WrittenImage;

/** Figures for docs/reliability.md, printed at the end. */
const figures: Record<string, unknown> = {};

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-faults-'));
  registry = await startRegistry({ htpasswd: { [USER]: PASSWORD } });
  proxy = await startFaultProxy({ target: registry.url, rate: 0, seed: 20240607, stallMs: STALL_MS });
  image = await writeOciLayout(path.join(tmp, 'big'), {
    layers: LAYERS,
    layerSize: LAYER_SIZE,
    random: true,
    seed: 'faults',
  });
}, 120_000);

afterAll(async () => {
  await proxy.stop();
  await registry.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
  console.log(`fault figures: ${JSON.stringify(figures, null, 2)}`);
});

function sbomDocument(): Buffer {
  return Buffer.from(
    JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      serialNumber: `urn:uuid:${crypto.randomUUID()}`,
      version: 1,
      metadata: { timestamp: '2025-01-01T00:00:00Z', component: { type: 'container', name: 'fault-test' } },
      components: [{ type: 'library', name: 'left-pad', version: '1.3.0', purl: 'pkg:npm/left-pad@1.3.0' }],
    }),
  );
}

/** A cosign v3 style bundle referrer signed with a key file, no transparency log. */
async function signReferrer(
  repo: ReturnType<ReturnType<typeof testClient>['client']['repository']>,
  subject: Descriptor,
): Promise<Descriptor> {
  const keyText = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/keys/cosign-p256.key'), 'utf8');
  const session = new SigningSession({ key: loadSigningKey(keyText, 'test-password'), env: {} });
  const bundle = await session.signStatement(Buffer.from(JSON.stringify(signatureStatement(subject.digest))));
  const res = await pushArtifact(repo, {
    subject,
    artifactType: BUNDLE_MEDIA_TYPE,
    layers: [{ mediaType: BUNDLE_MEDIA_TYPE, data: Buffer.from(JSON.stringify(bundle)) }],
    annotations: bundleReferrerAnnotations(PredicateType.CosignSign, new Date()),
  });
  return res.descriptor;
}

/** The largest total a policy can sleep between attempts (jitter at its top). */
function maxBackoffMs(policy: RetryPolicy, retryAfterMs: number): number {
  let total = 0;
  for (let attempt = 1; attempt <= policy.maxRetries; attempt++) {
    const exp = Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
    total += Math.max(exp * (1 + policy.jitter), Math.min(retryAfterMs, policy.maxDelayMs));
  }
  return total;
}

/**
 * The longest a push can take to give up when every request fails: the HEAD of a blob with all its
 * attempts, then (when a HEAD got through) the blob's one upload budget: maxRetries + 1 failed
 * attempts over its session POSTs and PUTs, the POSTs that got through, and the backoffs between.
 * Each attempt may stall STALL_MS.
 */
function worstCaseMs(policy: RetryPolicy): number {
  const perRequest = (policy.maxRetries + 1) * STALL_MS + maxBackoffMs(policy, 1000);
  return 2 * perRequest + (policy.maxRetries + 1) * STALL_MS;
}

/** Every kind that makes a request fail (a redirect is served by the other origin, so it is left out). */
const FAILING_KINDS = FAULT_KINDS.filter((k) => k !== 'redirect');

function summarize(stats: RetryStats, p: FaultProxy = proxy): Record<string, unknown> {
  return {
    requests: p.requests(),
    requestsByMethod: p.requestsByMethod(),
    faultsInjected: p.faulted(),
    faultsByKind: Object.fromEntries(Object.entries(p.counts()).filter(([, n]) => n > 0)),
    redirectTargetRequests: p.redirect.requests,
    clientRetries: stats.retries,
    uploadRestarts: stats.uploadRestarts,
  };
}

describe('20% of requests faulted', () => {
  it('pushes ~200 MB in 5 layers, attaches an SBOM and a signed referrer; skopeo copies it intact', async () => {
    proxy.resetCounters();
    proxy.setRate(0.2);
    const { client, stats } = testClient({ username: USER, password: PASSWORD });
    const target = parseReference(`${proxy.host}/faults/big:v1`);
    const repo = client.repository(target.registry, target.repository);
    try {
      const source = await openSource(parseSource(`oci:${image.dir}`));
      let pushed;
      try {
        pushed = await pushImage(source, target, { client });
      } finally {
        await source.close();
      }
      expect(pushed.digest).toBe(image.rootDigest);
      const subject: Descriptor = {
        mediaType: image.rootMediaType,
        digest: image.rootDigest,
        size: fs.statSync(path.join(image.dir, 'blobs/sha256', image.rootDigest.slice(7))).size,
      };
      const sbom = await loadSbom(sbomDocument());
      const attached = await attachSbom(repo, subject, sbom);
      expect(attached.referrersApi).toBe(false);
      const signature = await signReferrer(repo, subject);

      figures.twentyPercent = summarize(stats);
      // The seeded run must really have been faulted (each kind alone is covered below).
      expect(proxy.faulted()).toBeGreaterThan(proxy.requests() * 0.1);
      expect(Object.values(proxy.counts()).filter((n) => n > 0).length).toBeGreaterThanOrEqual(4);
      expect(stats.retries + stats.uploadRestarts).toBeGreaterThan(0);
      expect(proxy.redirect.requests).toBeGreaterThan(0);
      expect(proxy.redirect.credentialsSeen).toEqual([]);

      // Both referrers are listed in the fallback index, read directly from the registry.
      proxy.setRate(0);
      const listed = await listReferrers(repo, image.rootDigest);
      const digests = listed.map((d) => d.digest);
      expect(digests).toContain(attached.digest);
      expect(digests).toContain(signature.digest);
    } finally {
      proxy.setRate(0);
      client.close();
    }

    // Straight from the registry: skopeo copies it, and every digest matches.
    const dest = path.join(tmp, 'copy');
    await skopeoCopy(`${registry.host}/faults/big:v1`, dest, { username: USER, password: PASSWORD });
    const index = JSON.parse(fs.readFileSync(path.join(dest, 'index.json'), 'utf8')) as {
      manifests: Descriptor[];
    };
    expect(index.manifests.map((m) => m.digest)).toEqual([image.rootDigest]);
    for (const blob of image.blobs) {
      const file = path.join(dest, 'blobs/sha256', blob.digest.slice(7));
      const hash = crypto.createHash('sha256');
      for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
      expect(`sha256:${hash.digest('hex')}`).toBe(blob.digest);
      expect(fs.statSync(file).size).toBe(blob.size);
    }
    fs.rmSync(dest, { recursive: true, force: true });

    const snap = await snapshotRegistry(registry.url, AUTH);
    expect(snap.missing).toEqual([]);
    expect(snap.tags['faults/big']).toContain('v1');
  }, 300_000);
});

describe('each fault kind alone, on half of the requests', () => {
  const perKind: Record<string, unknown> = {};
  afterAll(() => {
    figures.perKind = perKind;
  });
  it.each(FAULT_KINDS.map((k) => [k]))(
    '%s: push, then read every manifest and blob back, verified',
    async (kind) => {
      const kp = await startFaultProxy({
        target: registry.url,
        rate: 0.5,
        seed: 99,
        kinds: [kind],
        // Transient faults: every request gets through within the client's retry budget, so the
        // test checks recovery from each kind, not the odds of 9 faults in a row.
        maxConsecutive: 3,
        stallMs: 100,
        retryAfter: '0',
      });
      const { client, stats } = testClient({ username: USER, password: PASSWORD });
      const img = await writeOciLayout(path.join(tmp, `kind-${kind}`), {
        layers: 4,
        layerSize: 256 * 1024,
        random: true,
        seed: kind,
      });
      const target = parseReference(`${kp.host}/kinds/${kind}:v1`);
      try {
        const source = await openSource(parseSource(`oci:${img.dir}`));
        try {
          // One blob at a time: the blobs' session POSTs share one path, and only in sequence does
          // maxConsecutive bound the faults one blob's POST meets (its retries are its budget).
          const pushed = await pushImage(source, target, { client, concurrency: 1 });
          expect(pushed.digest).toBe(img.rootDigest);
        } finally {
          await source.close();
        }
        const repo = client.repository(target.registry, target.repository);
        for (let i = 0; i < 6; i++) {
          const m = await repo.fetchManifest(i % 2 === 0 ? 'v1' : img.rootDigest);
          expect(m?.descriptor.digest).toBe(img.rootDigest);
        }
        expect(await repo.listTags()).toEqual(['v1']);
        // A blob GET announcing more bytes than its descriptor is refused before reading (below).
        if (kind !== 'bad-length') {
          for (const b of img.blobs) {
            const bytes = await repo.fetchBlob(b);
            expect(bytes.length).toBe(b.size);
          }
        }
        expect(kp.counts()[kind], `${kind} injected`).toBeGreaterThan(0);
        expect(kp.redirect.credentialsSeen).toEqual([]);
        perKind[kind] = {
          requests: kp.requests(),
          injected: kp.counts()[kind],
          retries: stats.retries,
          uploadRestarts: stats.uploadRestarts,
        };
      } finally {
        client.close();
        await kp.stop();
      }
      const snap = await snapshotRegistry(registry.url, AUTH);
      expect(snap.missing).toEqual([]);
    },
    60_000,
  );
});

describe('a wrong Content-Length on a blob read', () => {
  it('is refused before the body is read: HTTP_BODY_TOO_LARGE, exit 3, naming the host', async () => {
    const kp = await startFaultProxy({ target: registry.url, rate: 1, kinds: ['bad-length'] });
    const { client } = testClient({ username: USER, password: PASSWORD });
    try {
      const repo = client.repository(kp.host, 'kinds/status-500');
      // The config blob of an image pushed above, found straight from the registry.
      const m = await client.repository(registry.host, 'kinds/status-500').fetchManifest('v1');
      const config = (JSON.parse(m?.bytes.toString('utf8') ?? '{}') as { config: Descriptor }).config;
      const err = await repo.fetchBlob(config).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(GateError);
      expect((err as GateError).code).toBe('HTTP_BODY_TOO_LARGE');
      expect((err as GateError).exitCode).toBe(3);
      expect((err as GateError).message).toContain(kp.host);
    } finally {
      client.close();
      await kp.stop();
    }
  });
});

describe('100% of requests faulted', () => {
  let dead: FaultProxy;
  beforeAll(async () => {
    dead = await startFaultProxy({
      target: registry.url,
      rate: 1,
      seed: 7,
      stallMs: STALL_MS,
      kinds: FAILING_KINDS,
    });
  });
  afterAll(async () => {
    await dead.stop();
  });

  it('the library gives up within its retry budget with an infra error naming the host and last status', async () => {
    const before = await snapshotRegistry(registry.url, AUTH);
    const policy: RetryPolicy = { maxRetries: 4, baseDelayMs: 20, maxDelayMs: 200, jitter: 0.25 };
    const { client, stats } = testClient({ username: USER, password: PASSWORD, retry: policy });
    const small = await writeOciLayout(path.join(tmp, 'small'), {
      layers: 3,
      layerSize: 64 * 1024,
      seed: 3,
      random: true,
    });
    const target = parseReference(`${dead.host}/faults/dead:v1`);
    const t0 = performance.now();
    let error: unknown;
    try {
      const source = await openSource(parseSource(`oci:${small.dir}`));
      try {
        await pushImage(source, target, { client });
      } finally {
        await source.close();
      }
    } catch (e) {
      error = e;
    } finally {
      client.close();
    }
    const seconds = (performance.now() - t0) / 1000;
    const budget = worstCaseMs(policy) / 1000 + 10;
    figures.hundredPercentLibrary = { ...summarize(stats, dead), seconds, budgetSeconds: budget };
    expect(error).toBeInstanceOf(GateError);
    const err = error as GateError;
    expect(err.exitCode).toBe(3);
    expect(err.message).toContain(dead.host);
    expect(err.message).toMatch(/HTTP (5\d\d|429)|ECONNRESET|socket hang up|aborted|truncated|premature/i);
    expect(seconds).toBeLessThan(budget);
    const after = await snapshotRegistry(registry.url, AUTH);
    expect(after.missing).toEqual([]);
    expect(after.tags['faults/dead']).toBeUndefined();
    expect(after.tags).toEqual(before.tags);
  }, 120_000);

  it('the CLI with the default retry policy exits 3 within the computed budget, naming host and last status', async () => {
    const before = await snapshotRegistry(registry.url, AUTH);
    const small = await writeOciLayout(path.join(tmp, 'small-cli'), {
      layers: 2,
      layerSize: 32 * 1024,
      seed: 4,
      random: true,
    });
    // Imported here: the CLI pulls in every command (the gate's modules are still landing).
    const { main } = await import('../../src/cli/main.js');
    const io = captureIO();
    const t0 = performance.now();
    let code: number;
    try {
      code = await main(
        [
          'gate',
          '--source',
          `oci:${small.dir}`,
          '--image',
          `${dead.host}/faults/cli:v1`,
          '--username',
          USER,
          '--no-sign',
          '--no-scan',
        ],
        { HARBOR_GATE_PASSWORD: PASSWORD, PATH: process.env.PATH ?? '' },
        io,
      );
    } finally {
      // main() never throws; nothing to undo.
    }
    const seconds = (performance.now() - t0) / 1000;
    const budget = worstCaseMs(DEFAULT_RETRY) / 1000 + 10;
    const stderr = io.err.join('');
    figures.hundredPercentCli = {
      requests: dead.requests(),
      faultsByKind: Object.fromEntries(Object.entries(dead.counts()).filter(([, n]) => n > 0)),
      seconds,
      budgetSeconds: budget,
      stderr: stderr.trim(),
    };
    expect(code, stderr).toBe(3);
    expect(stderr).toContain(dead.host);
    expect(stderr).toMatch(/HTTP (5\d\d|429)|ECONNRESET|socket hang up|aborted|truncated|premature/i);
    expect(stderr).toMatch(/remedy: \S/);
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stderr).not.toContain(PASSWORD);
    expect(io.out.join('')).not.toContain(PASSWORD);
    expect(seconds).toBeLessThan(budget);
    const after = await snapshotRegistry(registry.url, AUTH);
    expect(after.missing).toEqual([]);
    expect(after.tags).toEqual(before.tags);
  }, 240_000);
});
