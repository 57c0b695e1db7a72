import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedRegistry, type EmbeddedRegistry } from '../../src/embedded/registry.js';
import { GateError } from '../../src/errors.js';
import { HttpClient } from '../../src/http/client.js';
import { silentLogger, type Logger } from '../../src/logger.js';
import { artifactManifest, pushArtifact } from '../../src/oci/artifact.js';
import { listReferrers } from '../../src/oci/referrers.js';
import { referrersTag } from '../../src/oci/referrers-tag.js';
import { RegistryClient, type Repository } from '../../src/oci/registry.js';
import { digestOf } from '../../src/oci/verify.js';
import { EMPTY_JSON_DIGEST, MediaType, type Descriptor } from '../../src/oci/types.js';
import { attachSbom, loadSbom } from '../../src/sbom/index.js';

const FIX = path.join(import.meta.dirname, '..', 'fixtures', 'sbom');
const fastRetry = { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5, jitter: 0 };

function newRepo(host: string, name = 'demo/app', logger: Logger = silentLogger): Repository {
  const client = new RegistryClient({
    http: new HttpClient({ retry: fastRetry }),
    logger,
    referrersSettleMs: 5,
  });
  return client.repository(host, name);
}

/** Push a small image (config + one layer + manifest by tag) and return its descriptor. */
async function pushImage(repo: Repository, tag = 'v1', seed = 'x'): Promise<Descriptor> {
  const config = await repo.pushBlobBytes(
    Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', seed })),
    MediaType.OciConfig,
  );
  const layer = await repo.pushBlobBytes(Buffer.from(`layer ${seed}`), MediaType.OciLayer);
  const bytes = Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciManifest, config, layers: [layer] }),
  );
  const { digest } = await repo.pushManifest(tag, bytes, MediaType.OciManifest);
  return { mediaType: MediaType.OciManifest, digest, size: bytes.length };
}

function artifact(subject: Descriptor, artifactType: string, text: string, created: Date | null = null) {
  return {
    subject,
    artifactType,
    layers: [{ mediaType: artifactType, data: Buffer.from(text) }],
    created,
  };
}

describe('referrersTag', () => {
  it('is sha256-<hex> for sha256 subjects', () => {
    const d = `sha256:${'a'.repeat(64)}`;
    expect(referrersTag(d)).toBe(`sha256-${'a'.repeat(64)}`);
  });
  it('truncates sha512 to 64 characters and long algorithms to 32, replacing invalid characters', () => {
    expect(referrersTag(`sha512:${'b'.repeat(128)}`)).toBe(`sha512-${'b'.repeat(64)}`);
    expect(referrersTag('test+algorithm+using+algorithm+separators:alsoSome=InTheEncodedSection')).toBe(
      'test-algorithm-using-algorithm-s-alsoSome-InTheEncodedSection',
    );
    expect(() => referrersTag('nodigest')).toThrow(GateError);
  });
});

describe('artifactManifest', () => {
  it('has artifactType, the empty config, the subject and a created annotation', () => {
    const subject = { mediaType: MediaType.OciManifest, digest: `sha256:${'c'.repeat(64)}`, size: 10 };
    const layer = { mediaType: 'application/spdx+json', digest: `sha256:${'d'.repeat(64)}`, size: 5 };
    const { bytes } = artifactManifest({
      subject,
      artifactType: 'application/spdx+json',
      layers: [layer],
      annotations: { a: 'b' },
      created: new Date('2026-01-02T03:04:05Z'),
    });
    const m = JSON.parse(bytes.toString());
    expect(m).toEqual({
      schemaVersion: 2,
      mediaType: MediaType.OciManifest,
      artifactType: 'application/spdx+json',
      config: { mediaType: MediaType.OciEmpty, digest: EMPTY_JSON_DIGEST, size: 2, data: 'e30=' },
      layers: [layer],
      subject,
      annotations: { a: 'b', 'org.opencontainers.image.created': '2026-01-02T03:04:05Z' },
    });
  });
});

describe('referrers against the in-memory registry with the referrers API', () => {
  let reg: EmbeddedRegistry;
  beforeAll(async () => {
    reg = await startEmbeddedRegistry({ referrersPageSize: 2 });
  });
  afterAll(() => reg.stop());

  it('pushes, is found through the API (no fallback tag), paginates and filters', async () => {
    const repo = newRepo(reg.host, 'api/one');
    const subject = await pushImage(repo);
    const pushed: string[] = [];
    for (let i = 0; i < 5; i++) {
      const type = i % 2 === 0 ? 'application/vnd.example.a' : 'application/vnd.example.b';
      const res = await pushArtifact(repo, artifact(subject, type, `payload ${i}`, new Date(0)));
      expect(res.referrersApi).toBe(true);
      pushed.push(res.descriptor.digest);
    }
    expect(reg.handler.store.tags('api/one')).toEqual(['v1']);
    const all = await listReferrers(repo, subject.digest);
    expect(all.map((d) => d.digest)).toEqual(pushed);
    expect(all[0]!.annotations?.['org.opencontainers.image.created']).toBe('1970-01-01T00:00:00Z');
    const onlyA = await listReferrers(repo, subject.digest, { artifactType: 'application/vnd.example.a' });
    expect(onlyA.map((d) => d.digest)).toEqual([pushed[0], pushed[2], pushed[4]]);
    expect(onlyA.every((d) => d.artifactType === 'application/vnd.example.a')).toBe(true);
  });

  it('attaches an SBOM idempotently: the same SBOM twice gives one entry', async () => {
    const repo = newRepo(reg.host, 'api/sbom');
    const subject = await pushImage(repo);
    const sbom = await loadSbom(path.join(FIX, 'cyclonedx-1.6.json'));
    const first = await attachSbom(repo, subject, sbom);
    const second = await attachSbom(newRepo(reg.host, 'api/sbom'), subject, sbom);
    expect(second.digest).toBe(first.digest);
    expect(first).toMatchObject({ artifactType: 'application/vnd.cyclonedx+json', referrersApi: true });
    const list = await listReferrers(repo, subject.digest);
    expect(list).toHaveLength(1);
    expect(list[0]!.annotations?.['org.opencontainers.image.created']).toBe('2026-01-01T00:00:00Z');
    const stored = reg.handler.store.manifest('api/sbom', first.digest)!;
    const m = JSON.parse(stored.toString());
    expect(m.layers[0].digest).toBe(digestOf(fs.readFileSync(path.join(FIX, 'cyclonedx-1.6.json'))));
    expect(m.subject.digest).toBe(subject.digest);
  });

  it('accepts a subject that does not exist (yet)', async () => {
    const repo = newRepo(reg.host, 'api/missing');
    const subject = { mediaType: MediaType.OciManifest, digest: digestOf(Buffer.from('absent')), size: 7 };
    const res = await pushArtifact(repo, artifact(subject, 'application/vnd.example.a', 'x'));
    expect(res.referrersApi).toBe(true);
    expect((await listReferrers(repo, subject.digest)).map((d) => d.digest)).toEqual([res.descriptor.digest]);
  });

  it('lists nothing for a subject without referrers', async () => {
    const repo = newRepo(reg.host, 'api/none');
    const subject = await pushImage(repo);
    expect(await listReferrers(repo, subject.digest)).toEqual([]);
  });

  it('refuses artifacts without layers or with empty layers', async () => {
    const repo = newRepo(reg.host, 'api/bad');
    const subject = await pushImage(repo);
    await expect(
      pushArtifact(repo, { subject, artifactType: 'application/x', layers: [] }),
    ).rejects.toMatchObject({
      code: 'ARTIFACT_INVALID',
    });
    await expect(
      pushArtifact(repo, {
        subject,
        artifactType: 'application/x',
        layers: [{ mediaType: 'application/x', data: Buffer.alloc(0) }],
      }),
    ).rejects.toMatchObject({ code: 'ARTIFACT_INVALID' });
  });
});

describe('registries without a working referrers API (in-memory)', () => {
  it('a registry without the API: the tag index, idempotent, with all annotations', async () => {
    const reg = await startEmbeddedRegistry({ referrersApi: false });
    try {
      const repo = newRepo(reg.host, 'noapi/app');
      const subject = await pushImage(repo);
      const a = await pushArtifact(repo, {
        ...artifact(subject, 'application/vnd.example.a', 'one', new Date(1000)),
        annotations: { 'org.example.k': 'v' },
      });
      expect(a.referrersApi).toBe(false);
      await pushArtifact(newRepo(reg.host, 'noapi/app'), {
        ...artifact(subject, 'application/vnd.example.a', 'one', new Date(1000)),
        annotations: { 'org.example.k': 'v' },
      });
      const tag = referrersTag(subject.digest);
      expect(reg.handler.store.tags('noapi/app')).toEqual([tag, 'v1']);
      const index = JSON.parse(reg.handler.store.manifest('noapi/app', tag)!.toString());
      expect(index.mediaType).toBe(MediaType.OciIndex);
      expect(index.manifests).toEqual([
        {
          mediaType: MediaType.OciManifest,
          digest: a.descriptor.digest,
          size: a.descriptor.size,
          artifactType: 'application/vnd.example.a',
          annotations: { 'org.example.k': 'v', 'org.opencontainers.image.created': '1970-01-01T00:00:01Z' },
        },
      ]);
      const listed = await listReferrers(repo, subject.digest, { artifactType: 'application/vnd.example.a' });
      expect(listed.map((d) => d.digest)).toEqual([a.descriptor.digest]);
      expect(await listReferrers(repo, subject.digest, { artifactType: 'application/other' })).toEqual([]);
      expect(await listReferrers(repo, digestOf(Buffer.from('nothing')))).toEqual([]);
    } finally {
      await reg.stop();
    }
  });

  it('a registry that sends OCI-Subject but 404s /referrers gets the tag index', async () => {
    const reg = await startEmbeddedRegistry({ lieAboutReferrers: true });
    try {
      const repo = newRepo(reg.host, 'liar/app');
      const subject = await pushImage(repo);
      const res = await pushArtifact(repo, artifact(subject, 'application/vnd.example.a', 'x'));
      expect(res.referrersApi).toBe(false);
      expect(reg.handler.store.tags('liar/app')).toContain(referrersTag(subject.digest));
      const listed = await listReferrers(newRepo(reg.host, 'liar/app'), subject.digest);
      expect(listed.map((d) => d.digest)).toEqual([res.descriptor.digest]);
    } finally {
      await reg.stop();
    }
  });

  it.each([
    ['a redirect to an HTML login page', 302],
    ['an HTML 200 page', 200],
    ['405', 405],
    ['400', 400],
    ['403', 403],
  ])('treats %s on /referrers as unsupported', async (_what, status) => {
    const reg = await startEmbeddedRegistry({
      intercept: (req, res) => {
        if (!req.url?.includes('/referrers/')) return false;
        req.resume();
        if (status === 302) res.writeHead(302, { Location: 'https://login.example.invalid/' }).end();
        else res.writeHead(status, { 'Content-Type': 'text/html' }).end('<html>login</html>');
        return true;
      },
    });
    try {
      const repo = newRepo(reg.host, 'odd/app');
      const subject = await pushImage(repo);
      const res = await pushArtifact(repo, artifact(subject, 'application/vnd.example.a', 'x'));
      expect(res.referrersApi).toBe(false);
      expect((await listReferrers(repo, subject.digest)).map((d) => d.digest)).toEqual([
        res.descriptor.digest,
      ]);
    } finally {
      await reg.stop();
    }
  });

  it('retries 503 on the probe, uses the tag for that push without caching, then the API', async () => {
    let failures = 100;
    const reg = await startEmbeddedRegistry({
      intercept: (req, res) => {
        if (!req.url?.includes('/referrers/') || failures <= 0) return false;
        failures--;
        req.resume();
        res.writeHead(503, { 'Content-Type': 'application/json' }).end('{"errors":[]}');
        return true;
      },
    });
    try {
      const repo = newRepo(reg.host, 'flaky/app');
      const subject = await pushImage(repo);
      const first = await pushArtifact(repo, artifact(subject, 'application/vnd.example.a', 'one'));
      expect(first.referrersApi).toBe(false);
      expect(failures).toBe(97); // 1 attempt + 2 retries
      failures = 0;
      const second = await pushArtifact(repo, artifact(subject, 'application/vnd.example.a', 'two'));
      expect(second.referrersApi).toBe(true);
      const listed = await listReferrers(repo, subject.digest);
      expect(listed.map((d) => d.digest).sort()).toEqual(
        [first.descriptor.digest, second.descriptor.digest].sort(),
      );
    } finally {
      await reg.stop();
    }
  });

  it('keeps what it learnt of the referrers API on the client: one probe per client, none shared', async () => {
    let probes = 0;
    const reg = await startEmbeddedRegistry({
      intercept: (req) => {
        if (req.url?.includes('/referrers/')) probes++;
        return false;
      },
    });
    try {
      const repo = newRepo(reg.host, 'cap/app');
      const subject = await pushImage(repo);
      expect(repo.client.referrersApi(reg.host)).toBeUndefined();
      await pushArtifact(repo, artifact(subject, 'application/vnd.example.a', 'one'));
      expect(repo.client.referrersApi(reg.host)).toBe(true);
      const afterFirst = probes;
      expect(afterFirst).toBeGreaterThan(0);
      // The same client, another repository object of it: no new probe.
      await pushArtifact(
        repo.client.repository(reg.host, 'cap/app'),
        artifact(subject, 'application/vnd.example.a', 'two'),
      );
      expect(probes).toBe(afterFirst);
      // A new client knows nothing yet: no module-level cache carries over.
      const other = newRepo(reg.host, 'cap/app');
      expect(other.client.referrersApi(reg.host)).toBeUndefined();
      await pushArtifact(other, artifact(subject, 'application/vnd.example.a', 'three'));
      expect(probes).toBe(afterFirst * 2);
    } finally {
      await reg.stop();
    }
  });

  it('refuses to append to a referrers tag that holds something else', async () => {
    const reg = await startEmbeddedRegistry({ referrersApi: false });
    try {
      const repo = newRepo(reg.host, 'clash/app');
      const subject = await pushImage(repo);
      await pushImage(repo, referrersTag(subject.digest), 'other');
      await expect(
        pushArtifact(repo, artifact(subject, 'application/vnd.example.a', 'x')),
      ).rejects.toMatchObject({
        code: 'REFERRERS_INDEX_INVALID',
      });
      expect(await listReferrers(repo, subject.digest)).toEqual([]);
    } finally {
      await reg.stop();
    }
  });

  it('drops index entries whose manifests were deleted instead of failing', async () => {
    const reg = await startEmbeddedRegistry({ referrersApi: false });
    try {
      const repo = newRepo(reg.host, 'gc/app');
      const subject = await pushImage(repo);
      const old = await pushArtifact(repo, artifact(subject, 'application/vnd.example.a', 'old'));
      expect(await repo.deleteManifest(old.descriptor.digest)).toBe(true);
      const fresh = await pushArtifact(repo, artifact(subject, 'application/vnd.example.a', 'new'));
      expect((await listReferrers(repo, subject.digest)).map((d) => d.digest)).toEqual([
        fresh.descriptor.digest,
      ]);
    } finally {
      await reg.stop();
    }
  });

  it('keeps every entry with 8 concurrent attachers (separate clients)', async () => {
    const reg = await startEmbeddedRegistry({ referrersApi: false });
    try {
      const subject = await pushImage(newRepo(reg.host, 'race/app'));
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          pushArtifact(
            newRepo(reg.host, 'race/app'),
            artifact(subject, 'application/vnd.example.a', `n${i}`),
          ),
        ),
      );
      const listed = await listReferrers(newRepo(reg.host, 'race/app'), subject.digest);
      expect(listed.map((d) => d.digest).sort()).toEqual(results.map((r) => r.descriptor.digest).sort());
    } finally {
      await reg.stop();
    }
  });
});

describe('listReferrers API details', () => {
  it('filters client-side when the registry ignores artifactType and follows Link pages', async () => {
    const subject = `sha256:${'e'.repeat(64)}`;
    const entry = (n: number, type: string) => ({
      mediaType: MediaType.OciManifest,
      digest: digestOf(Buffer.from(`m${n}`)),
      size: 10,
      artifactType: type,
    });
    const pages = [
      [entry(1, 'application/a'), entry(2, 'application/b')],
      [entry(3, 'application/a'), { bogus: true }],
    ];
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(req.url ?? '');
      const page = req.url?.includes('page=2') ? 1 : 0;
      const headers: Record<string, string> = { 'Content-Type': MediaType.OciIndex };
      if (page === 0) headers.Link = `</v2/x/y/referrers/${subject}?page=2>; rel="next"`;
      res
        .writeHead(200, headers)
        .end(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: pages[page] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as { port: number }).port;
      const repo = newRepo(`127.0.0.1:${port}`, 'x/y');
      const got = await listReferrers(repo, subject, { artifactType: 'application/a' });
      expect(got.map((d) => d.digest)).toEqual([entry(1, '').digest, entry(3, '').digest]);
      expect(seen).toHaveLength(2);
      expect(seen[0]).toContain('artifactType=application%2Fa');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('refuses a referrers API that pages forever', async () => {
    const subject = `sha256:${'f'.repeat(64)}`;
    let n = 0;
    const server = http.createServer((_req, res) => {
      n++;
      res
        .writeHead(200, {
          'Content-Type': MediaType.OciIndex,
          Link: `</v2/x/y/referrers/${subject}?p=${n}>; rel="next"`,
        })
        .end(JSON.stringify({ schemaVersion: 2, manifests: [] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as { port: number }).port;
      await expect(listReferrers(newRepo(`127.0.0.1:${port}`, 'x/y'), subject)).rejects.toMatchObject({
        code: 'REFERRERS_BAD_RESPONSE',
      });
      expect(n).toBe(50);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
