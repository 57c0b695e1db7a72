/**
 * verify --require-provenance, keyless (review of issue 22): a statement signed by a trusted
 * identity counts only for the source its certificate names. Fulcio writes the token's repository,
 * ref and commit into the certificate (Source Repository URI, Ref and Digest); a statement that
 * claims another source than the job that signed it is not that source's provenance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/http/client.js';
import { RegistryClient, type Repository } from '../../src/oci/registry.js';
import { MediaType } from '../../src/oci/types.js';
import { startEmbeddedRegistry, type EmbeddedRegistry } from '../../src/embedded/registry.js';
import {
  SLSA_PROVENANCE_V1,
  attestStatement,
  buildStatement,
  githubFromClaims,
  sha256Digest,
  verifyProvenance,
} from '../../src/sign/index.js';
import { DEFAULT_IDENTITY, startSigstoreServices, type SigstoreServices } from '../servers/sigstore.js';
import { GITHUB_CLAIMS } from '../fixtures/provenance.js';

let reg: EmbeddedRegistry;
let client: RegistryClient;
let svc: SigstoreServices;

beforeAll(async () => {
  reg = await startEmbeddedRegistry();
  client = new RegistryClient({ http: new HttpClient({ env: {} }) });
  svc = await startSigstoreServices();
});
afterAll(async () => {
  client.close();
  await reg.stop();
  await svc.close();
});

async function pushImage(repo: Repository, seed: string): Promise<string> {
  const l = await repo.pushBlobBytes(Buffer.from(`layer ${seed}`), MediaType.OciLayer);
  const c = await repo.pushBlobBytes(
    Buffer.from(
      JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } }),
    ),
    MediaType.OciConfig,
  );
  const manifest = Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciManifest, config: c, layers: [l] }),
  );
  return (await repo.pushManifest(sha256Digest(manifest), manifest, MediaType.OciManifest)).digest;
}

const BUILDER = 'https://github.com/acme/build/.github/workflows/reusable.yml@refs/tags/v2';
const trust = () => ({
  trustedRoot: svc.trustedRootPath,
  identity: DEFAULT_IDENTITY.subject,
  issuer: DEFAULT_IDENTITY.issuer,
});

/** Sign, keyless with a token of GITHUB_CLAIMS, a provenance built from `claimed` claims. */
async function attestAs(repo: Repository, digest: string, claimed: Record<string, unknown>): Promise<void> {
  const statement = buildStatement({
    digest,
    predicateType: SLSA_PROVENANCE_V1,
    predicate: githubFromClaims(claimed),
  });
  await attestStatement(repo, statement, {
    identityToken: svc.token(DEFAULT_IDENTITY, GITHUB_CLAIMS),
    env: {},
    fulcioUrl: svc.url,
    rekorUrl: svc.url,
  });
}

describe('keyless provenance: the statement against its certificate', () => {
  it('the honest statement (built from the signing token) verifies', async () => {
    const repo = client.repository(reg.host, 'prov/honest');
    const digest = await pushImage(repo, 'honest');
    await attestAs(repo, digest, GITHUB_CLAIMS);
    const res = await verifyProvenance(repo, digest, trust(), {
      builderId: BUILDER,
      sourceRepo: 'https://github.com/acme/app',
      sourceRef: 'refs/heads/main',
    });
    expect(res.ok, res.reason).toBe(true);
  });

  it('a statement naming another repository, ref or commit than its certificate is ignored with the reason', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      [
        'repo',
        {
          ...GITHUB_CLAIMS,
          repository: 'acme/other',
          workflow_ref: 'acme/other/.github/workflows/release.yml@refs/heads/main',
        },
        'source repository https://github.com/acme/other is not the certificate’s https://github.com/acme/app',
      ],
      [
        'ref',
        { ...GITHUB_CLAIMS, ref: 'refs/tags/v9' },
        'source ref refs/tags/v9 is not the certificate’s refs/heads/main',
      ],
      [
        'commit',
        { ...GITHUB_CLAIMS, sha: 'a'.repeat(40) },
        `commit ${'a'.repeat(40)} is not the certificate’s ${GITHUB_CLAIMS.sha}`,
      ],
    ];
    for (const [name, claimed, why] of cases) {
      const repo = client.repository(reg.host, `prov/lie-${name}`);
      const digest = await pushImage(repo, `lie-${name}`);
      await attestAs(repo, digest, claimed);
      const res = await verifyProvenance(repo, digest, trust(), {
        builderId: BUILDER,
        sourceRepo: `https://github.com/${String(claimed.repository)}`,
      });
      expect(res.ok, `${name}: ${res.reason}`).toBe(false);
      expect(res.ignored.map((i) => i.reason)).toContainEqual(`signed, but ${why}`);
    }
  });
});
