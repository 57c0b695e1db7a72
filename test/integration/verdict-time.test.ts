/**
 * The verdict's age cannot be forged (issue 20, items 1-3): an attacker with push rights and no
 * signing key copies an old `pass` bundle, drops its inclusion promise and sets `integratedTime` to
 * now; or re-submits the old envelope to the log for a fresh, valid entry. The age still comes
 * from the signed `gatedOn` (a verified time may only make it older), and a newer fail still
 * outranks the old pass. Rekor's clock is injected (the verdict is logged "30 days ago"); verify
 * reads the clock given to it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleFromJSON, bundleToJSON } from '@sigstore/bundle';
import { RekorWitness } from '@sigstore/sign';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/http/client.js';
import { RegistryClient } from '../../src/oci/registry.js';
import { startEmbeddedRegistry, type EmbeddedRegistry } from '../../src/embedded/registry.js';
import {
  VERDICT_PREDICATE_TYPE,
  attestVerdict,
  policyDigest,
  readAttestations,
  signImage,
  verdictTime,
  verifyGateVerdict,
  VERDICT_SKEW_MS,
} from '../../src/sign/index.js';
import {
  PUB_FILE,
  pub,
  testKey,
  pushImage,
  PASS_POLICY,
  FAIL_POLICY,
  criticalPredicate,
  bundleOf,
  pushAsReferrer,
} from '../helpers/attest.js';
import { resolvePolicy } from '../../src/config/index.js';
import { runCli } from '../helpers/cli.js';
import { DEFAULT_IDENTITY, startSigstoreServices, type SigstoreServices } from '../servers/sigstore.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let reg: EmbeddedRegistry;
let client: RegistryClient;
let svc: SigstoreServices;
/** Rekor's clock: the tests move it. */
let logNow = Date.now() - 30 * DAY;

beforeAll(async () => {
  reg = await startEmbeddedRegistry();
  client = new RegistryClient({ http: new HttpClient({ env: {} }) });
  svc = await startSigstoreServices({ logClock: () => logNow });
});
afterAll(async () => {
  client.close();
  await reg.stop();
  await svc.close();
});

interface TlogEntryJson {
  integratedTime: string;
  inclusionPromise?: unknown;
  inclusionProof?: unknown;
}

describe('the verdict age comes from the signed gatedOn', () => {
  it('a copied old pass with its inclusion promise deleted and integratedTime set to now does not pass --max-age 1h (item 1), nor outrank a newer fail', async () => {
    const repo = client.repository(reg.host, 'proj/forged-age');
    const digest = await pushImage(repo, 'forged-age', { diffIds: false });
    const trust = { key: pub, trustedRoot: svc.trustedRootPath };
    // Gated and logged 30 days ago, signed with the key and uploaded to the log (--tlog-upload).
    const gatedOn = new Date(logNow);
    const honest = await attestVerdict(
      repo,
      digest,
      criticalPredicate(digest, `${reg.host}/proj/forged-age`, gatedOn, PASS_POLICY),
      { key: testKey(), env: {}, tlogUpload: true, rekorUrl: svc.url },
    );
    const now = new Date(gatedOn.getTime() + 30 * DAY);
    const old = await verifyGateVerdict(repo, digest, trust, { now, maxAgeMs: HOUR });
    expect(old).toMatchObject({
      ok: false,
      reason: `the gate passed ${digest} 30d ago, older than --max-age 60m`,
    });

    // The attack: the same bundle, inclusion promise deleted, integratedTime two seconds ago.
    const forged = await bundleOf(repo, honest.digest);
    const entry = (forged.verificationMaterial as { tlogEntries: TlogEntryJson[] }).tlogEntries[0]!;
    expect(entry.inclusionPromise).toBeDefined();
    expect(entry.inclusionProof).toBeDefined();
    delete entry.inclusionPromise;
    entry.integratedTime = String(Math.floor((now.getTime() - 2000) / 1000));
    const forgedDigest = await pushAsReferrer(repo, digest, forged);

    const attacked = await verifyGateVerdict(repo, digest, trust, { now, maxAgeMs: HOUR });
    expect(attacked.ok).toBe(false);
    expect(attacked.reason).toBe(`the gate passed ${digest} 30d ago, older than --max-age 60m`);

    // The forged bundle still verifies (the inclusion proof does not cover integratedTime) ...
    const read = await readAttestations(repo, digest, trust, [VERDICT_PREDICATE_TYPE]);
    const forgedRead = read.verified.find((a) => a.digest === forgedDigest);
    expect(forgedRead).toBeDefined();
    // ... but its time is not a verified one; the honest bundle's SET-checked time is.
    expect(forgedRead!.verifiedTime).toBeUndefined();
    expect(read.verified.find((a) => a.digest === honest.digest)!.verifiedTime).toBe(
      Math.floor(gatedOn.getTime() / 1000) * 1000,
    );

    // A fail gated an hour ago outranks the old pass however its copy's integratedTime reads.
    logNow = now.getTime() - HOUR;
    await attestVerdict(
      repo,
      digest,
      criticalPredicate(digest, `${reg.host}/proj/forged-age`, new Date(logNow), FAIL_POLICY),
      { key: testKey(), env: {}, tlogUpload: true, rekorUrl: svc.url },
    );
    const newest = await verifyGateVerdict(repo, digest, trust, { now });
    expect(newest).toMatchObject({
      ok: false,
      reason: `the latest gate verdict for ${digest} is fail (1 violation, gated 60m ago)`,
    });
  });

  it('through the CLI: verify --key --trusted-root --require-gate-pass --max-age 1h exits 1 on the forged copy', async () => {
    const repo = client.repository(reg.host, 'proj/forged-cli');
    const digest = await pushImage(repo, 'forged-cli', { diffIds: false });
    await signImage(repo, digest, { key: testKey(), env: {} });
    // The CLI reads the real clock: Rekor's is set 30 days back.
    logNow = Date.now() - 30 * DAY;
    const honest = await attestVerdict(
      repo,
      digest,
      criticalPredicate(digest, `${reg.host}/proj/forged-cli`, new Date(logNow), PASS_POLICY),
      { key: testKey(), env: {}, tlogUpload: true, rekorUrl: svc.url },
    );
    const forged = await bundleOf(repo, honest.digest);
    const entry = (forged.verificationMaterial as { tlogEntries: TlogEntryJson[] }).tlogEntries[0]!;
    delete entry.inclusionPromise;
    entry.integratedTime = String(Math.floor(Date.now() / 1000) - 2);
    await pushAsReferrer(repo, digest, forged);

    const res = await runCli([
      'verify',
      '--image',
      `${reg.host}/proj/forged-cli@${digest}`,
      '--key',
      PUB_FILE,
      '--trusted-root',
      svc.trustedRootPath,
      '--require-gate-pass',
      '--max-age',
      '1h',
      '--json',
    ]);
    expect(res.code, res.err).toBe(1);
    const json = JSON.parse(res.out) as { verified: boolean; gateVerdict: { ok: boolean; reason: string } };
    expect(json.verified).toBe(true);
    expect(json.gateVerdict).toMatchObject({
      ok: false,
      reason: `the gate passed ${digest} 30d ago, older than --max-age 60m`,
    });
  });

  it('re-submitting the old envelope to the log gives a fresh, valid entry; the age still comes from gatedOn (item 2)', async () => {
    const repo = client.repository(reg.host, 'proj/relogged');
    const digest = await pushImage(repo, 'relogged', { diffIds: false });
    const trust = { key: pub, trustedRoot: svc.trustedRootPath };
    logNow = Date.now() - 30 * DAY;
    const gatedOn = new Date(logNow);
    const honest = await attestVerdict(
      repo,
      digest,
      criticalPredicate(digest, `${reg.host}/proj/relogged`, gatedOn, PASS_POLICY),
      { key: testKey(), env: {}, tlogUpload: true, rekorUrl: svc.url },
    );
    // Thirty days later, the same envelope goes to the log again.
    logNow = gatedOn.getTime() + 30 * DAY;
    const bundle = bundleFromJSON(await bundleOf(repo, honest.digest));
    const witness = new RekorWitness({ rekorBaseURL: svc.url, entryType: 'dsse', majorApiVersion: 1 });
    const fresh = await witness.testify(bundle.content, pub);
    bundle.verificationMaterial.tlogEntries = fresh.tlogEntries;
    const relogged = await pushAsReferrer(repo, digest, bundleToJSON(bundle));

    const now = new Date(logNow + 5000);
    const res = await verifyGateVerdict(repo, digest, trust, { now, maxAgeMs: HOUR });
    expect(res).toMatchObject({
      ok: false,
      reason: `the gate passed ${digest} 30d ago, older than --max-age 60m`,
    });
    expect(res.attestation?.time).toBe(gatedOn.toISOString());
    const read = await readAttestations(repo, digest, trust, [VERDICT_PREDICATE_TYPE]);
    // A fully valid entry: its SET checks, and its time is the fresh one.
    expect(read.verified.find((a) => a.digest === relogged)!.verifiedTime).toBe(
      Math.floor(logNow / 1000) * 1000,
    );
  });

  it('keyless with a TSA timestamp: the same rule, age from gatedOn when the verified times are later', async () => {
    const repo = client.repository(reg.host, 'proj/keyless-tsa');
    const digest = await pushImage(repo, 'keyless-tsa', { diffIds: false });
    logNow = Date.now();
    const gatedOn = new Date(Date.now() - 3 * HOUR);
    const att = await attestVerdict(
      repo,
      digest,
      criticalPredicate(digest, `${reg.host}/proj/keyless-tsa`, gatedOn, PASS_POLICY),
      {
        identityToken: svc.token(),
        env: {},
        fulcioUrl: svc.url,
        rekorUrl: svc.url,
        tsaUrl: svc.url,
        rekorEntryType: 'intoto',
      },
    );
    const b = await bundleOf(repo, att.digest);
    expect(
      (b.verificationMaterial as { timestampVerificationData?: { rfc3161Timestamps?: unknown[] } })
        .timestampVerificationData?.rfc3161Timestamps,
    ).toHaveLength(1);
    const trust = {
      trustedRoot: svc.trustedRootPath,
      identity: DEFAULT_IDENTITY.subject,
      issuer: DEFAULT_IDENTITY.issuer,
    };
    const now = new Date();
    const read = await readAttestations(repo, digest, trust, [VERDICT_PREDICATE_TYPE]);
    // The TSA time and the log time are both verified; the earliest is kept.
    expect(read.verified[0]!.verifiedTime).toBeGreaterThan(gatedOn.getTime());
    const res = await verifyGateVerdict(repo, digest, trust, { now, maxAgeMs: HOUR });
    expect(res).toMatchObject({
      ok: false,
      reason: `the gate passed ${digest} 3h ago, older than --max-age 60m`,
    });
    expect(res.attestation?.time).toBe(gatedOn.toISOString());
  });
});

describe('verdictTime', () => {
  const now = Date.parse('2026-09-01T12:00:00Z');
  it('takes the earlier of gatedOn and the verified time, and rejects a verified time well before gatedOn', () => {
    expect(verdictTime('2026-09-01T10:00:00Z', undefined, now)).toEqual({
      time: Date.parse('2026-09-01T10:00:00Z'),
    });
    expect(verdictTime('2026-09-01T10:00:00Z', now - MINUTE, now)).toEqual({
      time: Date.parse('2026-09-01T10:00:00Z'),
    });
    const early = Date.parse('2026-09-01T09:59:00Z');
    expect(verdictTime('2026-09-01T10:00:00Z', early, now)).toEqual({ time: early });
    const r = verdictTime(
      '2026-09-01T10:00:00Z',
      Date.parse('2026-09-01T10:00:00Z') - VERDICT_SKEW_MS - 1,
      now,
    );
    expect(r).toEqual({
      reason: expect.stringMatching(/^gatedOn 2026-09-01T10:00:00Z is after the verified signing time/),
    });
    expect(verdictTime('2026-09-01T13:00:00Z', undefined, now)).toEqual({
      reason: 'gatedOn 2026-09-01T13:00:00Z is in the future',
    });
  });
});

describe('verify --require-gate-pass --policy FILE (item 3)', () => {
  it('passes only a verdict decided under the file policy, and names both digests otherwise', async () => {
    const repo = client.repository(reg.host, 'proj/policy');
    const digest = await pushImage(repo, 'policy', { diffIds: false });
    await signImage(repo, digest, { key: testKey(), env: {} });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-verdict-policy-'));
    const ours = path.join(dir, 'ours.yaml');
    fs.writeFileSync(ours, 'fail-on: critical\nignore-unfixed: true\n');
    const theirs = path.join(dir, 'theirs.yaml');
    fs.writeFileSync(theirs, 'fail-on: none\n');
    // Another pipeline passed the image under --fail-on none (the gate signs a pass for that too),
    // with the policy resolved as `gate --policy theirs.yaml` resolves it.
    const ctx = { env: {}, cwd: dir };
    const lax = await resolvePolicy({ policy: theirs }, ctx);
    const laxPredicate = criticalPredicate(digest, `${reg.host}/proj/policy`, new Date(), lax);
    await attestVerdict(repo, digest, laxPredicate, { key: testKey(), env: {} });
    const verify = (policyFile: string) =>
      runCli([
        'verify',
        '--image',
        `${reg.host}/proj/policy@${digest}`,
        '--key',
        PUB_FILE,
        '--require-gate-pass',
        '--policy',
        policyFile,
        '--json',
      ]);
    const bad = await verify(ours);
    expect(bad.code, bad.err).toBe(1);
    const want = policyDigest(await resolvePolicy({ policy: ours }, ctx));
    const json = JSON.parse(bad.out) as {
      gateVerdict: { ok: boolean; reason: string; policyDigest: string };
    };
    expect(json.gateVerdict).toMatchObject({
      ok: false,
      policyDigest: laxPredicate.policy.digest,
      reason: `the gate passed ${digest} under policy ${laxPredicate.policy.digest}, not under --policy ${ours} (${want})`,
    });
    const good = await verify(theirs);
    expect(good.code, good.err).toBe(0);
    // Without --require-gate-pass the policy is not checked: said, not an error.
    const alone = await runCli([
      'verify',
      '--image',
      `${reg.host}/proj/policy@${digest}`,
      '--key',
      PUB_FILE,
      '--policy',
      ours,
    ]);
    expect(alone.code, alone.err).toBe(0);
    expect(alone.err).toContain('is checked by verify only with --require-gate-pass');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('verify --help (item 4)', () => {
  it('says what the newest-verdict rule cannot promise and that --max-age is the defence', async () => {
    const res = await runCli(['verify', '--help']);
    expect(res.code).toBe(0);
    const text = res.out.replace(/\s+/g, ' ');
    expect(text).toContain(
      'on a registry without the referrers API, anyone with push rights can rewrite the fallback index and hide a newer fail. --max-age is the defence',
    );
    expect(text).toContain('--policy FILE: the verdict must have been decided under this policy');
  });
});
