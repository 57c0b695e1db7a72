/**
 * Re-runs that add nothing (issue 21), against an attacker with push rights and no signing key
 * (review): what the registry holds is judged by signatures that verify with the gate's own trust,
 * never by what a referrer looks like. A forged or foreign signature does not make the gate skip
 * signing, a look-alike SBOM attestation does not make it skip attesting, and superseding deletes
 * only the gate's own older attestations about this digest.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/http/client.js';
import { RegistryClient } from '../../src/oci/registry.js';
import { listReferrers } from '../../src/oci/referrers.js';
import { startEmbeddedRegistry, type EmbeddedRegistry } from '../../src/embedded/registry.js';
import {
  PredicateType,
  attest,
  attestSbom,
  existingSignatures,
  identicalAttestation,
  loadSigningKey,
  signImage,
  supersedeAttestations,
} from '../../src/sign/index.js';
import { KEYS, bundleOf, pub, pushAsReferrer, pushImage, testKey } from '../helpers/attest.js';

const ours = testKey;
const theirs = () =>
  loadSigningKey(fs.readFileSync(path.join(KEYS, 'cosign-p384.key'), 'utf8'), 'test-password');
const trust = { key: pub };

let reg: EmbeddedRegistry;
let client: RegistryClient;

beforeAll(async () => {
  reg = await startEmbeddedRegistry();
  client = new RegistryClient({ http: new HttpClient({ env: {} }) });
});
afterAll(async () => {
  client.close();
  await reg.stop();
});

const SBOM = { bomFormat: 'CycloneDX', specVersion: '1.5', version: 1, components: [] };

describe('re-run checks against forged and foreign artifacts (held)', () => {
  it('a signature by another key, or ours for another digest, does not make the gate skip signing', async () => {
    const repo = client.repository(reg.host, 'rerun/sign');
    const digest = await pushImage(repo, 'sign', { diffIds: false });
    const other = await pushImage(repo, 'sign-other', { diffIds: false });
    await signImage(repo, digest, { key: theirs(), env: {} });
    const ourOther = await signImage(repo, other, { key: ours(), env: {} });
    const copied = ourOther.signatures.find((s) => s.format === 'bundle')!.digest;
    await pushAsReferrer(repo, digest, await bundleOf(repo, copied), PredicateType.CosignSign);
    const found = await existingSignatures(repo, digest, trust, 'both');
    expect([...found.present]).toEqual([]);
    // The control: our own signature of this digest is found.
    await signImage(repo, digest, { key: ours(), env: {} });
    expect([...(await existingSignatures(repo, digest, trust, 'both')).present]).toEqual(['bundle']);
  });

  it('the same SBOM attested by another key does not count as ours', async () => {
    const repo = client.repository(reg.host, 'rerun/sbom');
    const digest = await pushImage(repo, 'sbom', { diffIds: false });
    await attestSbom(repo, digest, { format: 'cyclonedx', document: SBOM }, { key: theirs(), env: {} });
    expect(
      await identicalAttestation(repo, digest, trust, PredicateType.CycloneDx, SBOM, 'bundle'),
    ).toBeUndefined();
    // Ours, with one value changed, is not the same either.
    await attestSbom(
      repo,
      digest,
      { format: 'cyclonedx', document: { ...SBOM, version: 2 } },
      { key: ours(), env: {} },
    );
    expect(
      await identicalAttestation(repo, digest, trust, PredicateType.CycloneDx, SBOM, 'bundle'),
    ).toBeUndefined();
  });

  it('superseding deletes only our own older attestations about this digest', async () => {
    const repo = client.repository(reg.host, 'rerun/supersede');
    const digest = await pushImage(repo, 'supersede', { diffIds: false });
    const other = await pushImage(repo, 'supersede-other', { diffIds: false });
    const scan = { scanner: { uri: 'x', version: '1' }, metadata: {} };
    const foreign = await attest(repo, digest, PredicateType.CosignVuln, scan, { key: theirs(), env: {} });
    const older = await attest(repo, digest, PredicateType.CosignVuln, scan, { key: ours(), env: {} });
    const onOther = await attest(repo, other, PredicateType.CosignVuln, scan, { key: ours(), env: {} });
    // Ours about `other`, copied under `digest` by the attacker.
    const copied = await pushAsReferrer(
      repo,
      digest,
      await bundleOf(repo, onOther.digest),
      PredicateType.CosignVuln,
    );
    const sbom = await attestSbom(
      repo,
      digest,
      { format: 'cyclonedx', document: SBOM },
      { key: ours(), env: {} },
    );
    const fresh = await attest(
      repo,
      digest,
      PredicateType.CosignVuln,
      { ...scan, n: 2 },
      { key: ours(), env: {} },
    );
    const res = await supersedeAttestations(repo, digest, trust, [
      { digest: fresh.digest, predicateType: PredicateType.CosignVuln },
    ]);
    expect(res.deleted).toEqual([older.digest]);
    const left = new Set((await listReferrers(repo, digest)).map((r) => r.digest));
    for (const d of [foreign.digest, copied, sbom.digest, fresh.digest]) expect(left.has(d), d).toBe(true);
    expect((await listReferrers(repo, other)).map((r) => r.digest)).toContain(onOther.digest);
  });
});
