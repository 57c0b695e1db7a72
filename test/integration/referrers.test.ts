/**
 * Referrers against the real CNCF distribution 2.8.2 (no referrers API: the tag-schema fallback),
 * read back with skopeo as an independent client.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/http/client.js';
import { pushArtifact } from '../../src/oci/artifact.js';
import { listReferrers } from '../../src/oci/referrers.js';
import { referrersTag } from '../../src/oci/referrers-tag.js';
import { RegistryClient, type Repository } from '../../src/oci/registry.js';
import { digestOf } from '../../src/oci/verify.js';
import { MediaType, type Descriptor } from '../../src/oci/types.js';
import { attachSbom, loadSbom } from '../../src/sbom/index.js';
import { startRegistry, type TestRegistry } from '../servers/registry.js';

const run = promisify(execFile);
const FIX = path.join(import.meta.dirname, '..', 'fixtures', 'sbom');

function newRepo(host: string, name: string): Repository {
  const client = new RegistryClient({
    http: new HttpClient({ retry: { maxRetries: 2, baseDelayMs: 5, maxDelayMs: 50, jitter: 0.2 } }),
  });
  return client.repository(host, name);
}

async function pushImage(repo: Repository, tag = 'v1'): Promise<Descriptor> {
  const config = await repo.pushBlobBytes(
    Buffer.from('{"architecture":"amd64","os":"linux"}'),
    MediaType.OciConfig,
  );
  const layer = await repo.pushBlobBytes(Buffer.from(`layer of ${repo.name}`), MediaType.OciLayer);
  const bytes = Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciManifest, config, layers: [layer] }),
  );
  const { digest } = await repo.pushManifest(tag, bytes, MediaType.OciManifest);
  return { mediaType: MediaType.OciManifest, digest, size: bytes.length };
}

async function skopeoRaw(ref: string): Promise<unknown> {
  const { stdout } = await run('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${ref}`], {
    timeout: 60_000,
  });
  return JSON.parse(stdout);
}

describe('referrers against docker-registry 2.8.2 (tag-schema fallback)', () => {
  let reg: TestRegistry;
  beforeAll(async () => {
    reg = await startRegistry();
  });
  afterAll(() => reg.stop());

  it('attaches an SBOM, lists it, is idempotent, and skopeo reads the referrers tag', async () => {
    const repo = newRepo(reg.host, 'fallback/sbom');
    const subject = await pushImage(repo);
    const sbom = await loadSbom(path.join(FIX, 'spdx-2.3.json'));
    const first = await attachSbom(repo, subject, sbom);
    expect(first.referrersApi).toBe(false);
    expect(first.artifactType).toBe('application/spdx+json');
    const again = await attachSbom(newRepo(reg.host, 'fallback/sbom'), subject, sbom);
    expect(again.digest).toBe(first.digest);

    const listed = await listReferrers(repo, subject.digest, { artifactType: 'application/spdx+json' });
    expect(listed).toEqual([
      {
        mediaType: MediaType.OciManifest,
        digest: first.digest,
        size: first.descriptor.size,
        artifactType: 'application/spdx+json',
        annotations: {
          'dev.harbor-gate.sbom.format': 'spdx-2.3',
          'org.opencontainers.image.created': '2026-01-01T00:00:00Z',
        },
      },
    ]);
    expect(
      await listReferrers(repo, subject.digest, { artifactType: 'application/vnd.cyclonedx+json' }),
    ).toEqual([]);

    const tag = referrersTag(subject.digest);
    expect(await repo.listTags()).toEqual(expect.arrayContaining(['v1', tag]));
    const index = (await skopeoRaw(`${reg.host}/fallback/sbom:${tag}`)) as {
      mediaType: string;
      manifests: Descriptor[];
    };
    expect(index.mediaType).toBe(MediaType.OciIndex);
    expect(index.manifests.map((m) => m.digest)).toEqual([first.digest]);
    const manifest = (await skopeoRaw(`${reg.host}/fallback/sbom@${first.digest}`)) as {
      artifactType: string;
      subject: Descriptor;
      layers: Descriptor[];
    };
    expect(manifest.artifactType).toBe('application/spdx+json');
    expect(manifest.subject.digest).toBe(subject.digest);
    expect(manifest.layers[0]!.digest).toBe(digestOf(sbom.bytes));
  });

  it('keeps all 8 entries when 8 separate clients attach at the same time', async () => {
    const subject = await pushImage(newRepo(reg.host, 'fallback/race'));
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        pushArtifact(newRepo(reg.host, 'fallback/race'), {
          subject,
          artifactType: 'application/vnd.example.race',
          layers: [{ mediaType: 'application/vnd.example.race', data: Buffer.from(`attacher ${i}`) }],
        }),
      ),
    );
    expect(results.every((r) => !r.referrersApi)).toBe(true);
    const listed = await listReferrers(newRepo(reg.host, 'fallback/race'), subject.digest);
    expect(listed.map((d) => d.digest).sort()).toEqual(results.map((r) => r.descriptor.digest).sort());
  });

  it('attaches to a subject that is not in the registry (allowed by the spec)', async () => {
    const repo = newRepo(reg.host, 'fallback/nosubject');
    await pushImage(repo);
    const subject = {
      mediaType: MediaType.OciManifest,
      digest: digestOf(Buffer.from('not pushed')),
      size: 10,
    };
    const sbom = await loadSbom(path.join(FIX, 'cyclonedx-1.5.json'));
    const res = await attachSbom(repo, subject, sbom);
    expect(res.referrersApi).toBe(false);
    expect((await listReferrers(repo, subject.digest)).map((d) => d.digest)).toEqual([res.digest]);
  });

  it('lists nothing when the subject has no referrers tag', async () => {
    const repo = newRepo(reg.host, 'fallback/empty');
    const subject = await pushImage(repo);
    expect(await listReferrers(repo, subject.digest)).toEqual([]);
  });
});
