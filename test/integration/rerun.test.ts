/**
 * A referrer list that does not grow: the gate re-run on the same digest (a retried job, the
 * nightly re-gate without --source) against the Harbor-compatible server in front of the real
 * docker-registry. 60 runs of `gate --attest-scan --sbom --attest --signature-format both` leave
 * one SBOM referrer, one SBOM attestation, one signature, one scan and one verdict attestation of
 * this signer; the legacy `.sig` / `.att` tags hold one layer each. Harbor is polled without
 * asking for what the gate does not read. The admission controller models then judge what the
 * runs left (admission-models.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/http/client.js';
import { RegistryClient, type Repository } from '../../src/oci/registry.js';
import { listReferrers } from '../../src/oci/referrers.js';
import { pushArtifact } from '../../src/oci/artifact.js';
import { MediaType } from '../../src/oci/types.js';
import { sampleSbom, SAMPLE_CRITICAL_ID } from '../../src/embedded/sample.js';
import {
  Annotation,
  BUNDLE_MEDIA_TYPE,
  PredicateType,
  VERDICT_PREDICATE_TYPE,
  legacyAttestationTag,
  legacySignatureTag,
} from '../../src/sign/index.js';
import { resolveGateOptions } from '../../src/config/index.js';
import { runGate, type GateResult } from '../../src/gate/index.js';
import { silentLogger } from '../../src/logger.js';
import { GATE_PERMISSIONS } from '../../src/embedded/harbor/index.js';
import { KEY_PASSWORD, PASSWORD, ROBOT, startGateEnv, type GateEnv } from '../helpers/harbor-env.js';
import {
  KYVERNO_MAX_BUNDLE_BYTES,
  describePolicy,
  judge,
  policyControllerOci11,
  type DescribedPolicy,
} from '../helpers/admission-models.js';
import { startSigstoreServices } from '../servers/sigstore.js';

const RUNS = 60;

let env: GateEnv;
let client: RegistryClient;
let sbomFile: string;
let allowlistFile: string;

beforeAll(async () => {
  env = await startGateEnv([{ name: 'team' }, { name: 'nodelete' }], {
    version: 'v2.15.0-test',
    extraPermissions: ['artifact:delete'],
  });
  sbomFile = path.join(env.tmp, 'sbom.cdx.json');
  fs.writeFileSync(sbomFile, sampleSbom());
  allowlistFile = path.join(env.tmp, 'allow.yaml');
  fs.writeFileSync(allowlistFile, `- id: ${SAMPLE_CRITICAL_ID}\n  reason: not reachable, SEC-42\n`);
  client = new RegistryClient({
    http: new HttpClient({ env: {} }),
    credentials: () => Promise.resolve({ username: ROBOT, password: PASSWORD }),
  });
});

afterAll(async () => {
  client.close();
  await env.stop();
});

/** The flags of every run; the first one pushes (--source), the others re-gate what is there. */
function gateFlags(image: string, user = ROBOT): Record<string, string | boolean> {
  return {
    image,
    username: user,
    'harbor-url': env.harbor.url,
    sbom: sbomFile,
    attest: true,
    'signing-key': env.keyFile,
    'signature-format': 'both',
    'attest-scan': true,
    allowlist: allowlistFile,
  };
}

/**
 * One gate run through the path every adapter takes (option resolution, then runGate), with
 * Harbor polled every 10 ms instead of every 2 s so that 60 runs stay short.
 */
async function gate(raw: Record<string, string | boolean>): Promise<GateResult> {
  const e = { DOCKER_CONFIG: env.tmp, HARBOR_GATE_KEY_PASSWORD: KEY_PASSWORD };
  const options = await resolveGateOptions(raw, { cwd: env.tmp, env: e, password: PASSWORD });
  const res = await runGate(options, { logger: silentLogger, env: e, harborPoll: { minMs: 10, maxMs: 40 } });
  expect(res.exitCode, JSON.stringify(Object.values(res.steps).map((x) => x.error))).toBe(0);
  return res;
}

/** What the registry lists for the digest, by kind. */
async function inventory(repo: Repository, digest: string) {
  const referrers = await listReferrers(repo, digest);
  const kind = (r: (typeof referrers)[number]): string =>
    r.artifactType === BUNDLE_MEDIA_TYPE
      ? `bundle ${r.annotations?.[Annotation.BundlePredicateType] ?? '?'}`
      : (r.artifactType ?? '?');
  const counts: Record<string, number> = {};
  for (const r of referrers) counts[kind(r)] = (counts[kind(r)] ?? 0) + 1;
  const layersOf = async (tag: string) => {
    const m = await repo.fetchManifest(tag, MediaType.OciManifest);
    return m
      ? (JSON.parse(m.bytes.toString('utf8')) as { layers: { annotations?: Record<string, string> }[] })
          .layers
      : [];
  };
  return {
    referrers,
    counts,
    sig: await layersOf(legacySignatureTag(digest)),
    att: (await layersOf(legacyAttestationTag(digest))).map((l) => l.annotations?.[Annotation.PredicateType]),
  };
}

/** What the 60 runs left, for the controller models below. */
const state: { digest?: string; inventory?: Awaited<ReturnType<typeof inventory>> } = {};

describe('gate re-runs on one digest', () => {
  it(
    `${RUNS} runs of gate --attest-scan leave one SBOM, one signature, one scan and one verdict attestation`,
    { timeout: 600_000 },
    async () => {
      const img = await env.image('rerun');
      const first = await gate({ ...gateFlags(`${env.harbor.host}/team/app:1`), source: `oci:${img.dir}` });
      expect(first.verdict).toBe('pass');
      const digest = first.digest;
      const repo = client.repository(env.harbor.host, 'team/app');
      const after1 = await inventory(repo, digest);
      env.harbor.requests.length = 0;

      let last = first;
      for (let i = 2; i <= RUNS; i++) {
        // The nightly re-gate: no --source, the image is already in the registry.
        last = await gate(gateFlags(`${env.harbor.host}/team/app@${digest}`));
        expect(last.verdict).toBe('pass');
      }
      expect(last.steps.sign.detail).toMatch(
        /^already signed: bundle sha256:\w+.*, legacy .* verify; nothing written/,
      );
      expect(last.steps.sbom.detail).toMatch(/; attestation sha256:/);
      expect(last.steps.attestScan.detail).toMatch(/superseded 2 older$/);
      expect(last.warnings.filter((w) => w.includes('referrers'))).toEqual([]);

      const inv = await inventory(repo, digest);
      state.digest = digest;
      state.inventory = inv;
      expect(inv.counts).toEqual({
        'application/vnd.cyclonedx+json': 1,
        // The legacy `.sig` manifest: Harbor lists cosign's legacy signature as an accessory.
        'application/vnd.oci.image.config.v1+json': 1,
        [`bundle ${PredicateType.CosignSign}`]: 1,
        [`bundle ${PredicateType.CycloneDx}`]: 1,
        [`bundle ${PredicateType.CosignVuln}`]: 1,
        [`bundle ${VERDICT_PREDICATE_TYPE}`]: 1,
      });
      // The same as after the first run, but for the scan and verdict attestations (superseded).
      expect(inv.counts).toEqual(after1.counts);
      expect(inv.sig).toHaveLength(1);
      expect(inv.att.sort()).toEqual(
        [PredicateType.CycloneDx, PredicateType.CosignVuln, VERDICT_PREDICATE_TYPE].sort(),
      );

      // Harbor was asked for nothing the gate does not read: no tags, no SBOM overview.
      const reads = env.harbor.requests.filter(
        (r) => r.method === 'GET' && /\/artifacts\/sha256(:|%3A)[0-9a-f]{64}(\?|$)/i.test(r.path),
      );
      expect(reads.length).toBeGreaterThanOrEqual(2 * (RUNS - 1));
      for (const r of reads) {
        expect(r.path).toContain('with_tag=false');
        expect(r.path).not.toContain('with_sbom_overview');
        expect(r.path).not.toContain('with_accessory');
      }

      // verify --require-gate-pass reads the newest verdict that verifies.
      const verify = await env.cli([
        'verify',
        '--image',
        `${env.harbor.host}/team/app@${digest}`,
        '--username',
        ROBOT,
        '--key',
        env.pubFile,
        '--require-gate-pass',
        '--max-age',
        '1h',
        '--json',
      ]);
      expect(verify.code, verify.stderr).toBe(0);
    },
  );

  it('without the delete permission the older attestations stay, and the gate says which permission is missing', async () => {
    const img = await env.image('nodelete');
    const first = await gate({ ...gateFlags(`${env.harbor.host}/nodelete/app:1`), source: `oci:${img.dir}` });
    // A robot created with the documented minimum: no "delete artifact".
    const minimal = 'robot$nodelete+ci';
    env.harbor.addUser({
      username: minimal,
      password: PASSWORD,
      permissions: { nodelete: GATE_PERMISSIONS },
    });
    const second = await gate(gateFlags(`${env.harbor.host}/nodelete/app@${first.digest}`, minimal));
    expect(second.warnings).toContainEqual(
      expect.stringMatching(
        /^could not delete 2 older scan\/verdict attestation\(s\) of this signer \(REGISTRY_DENIED.*\): give the robot account the "delete artifact" permission/,
      ),
    );
    const repo = client.repository(env.harbor.host, 'nodelete/app');
    const inv = await inventory(repo, first.digest);
    expect(inv.counts[`bundle ${VERDICT_PREDICATE_TYPE}`]).toBe(2);
  });
});

/** The documented policies (docs/admission.md), read as the controllers would. */
const documented = [
  ...fs
    .readFileSync(path.join(import.meta.dirname, '../../docs/admission.md'), 'utf8')
    .matchAll(/```yaml\n([\s\S]*?)```/g),
]
  .map((m) => YAML.parse(m[1]!) as Record<string, unknown>)
  .filter((y) => y.kind === 'ClusterPolicy' || y.kind === 'ClusterImagePolicy')
  .map(describePolicy);
const policy = (name: string): DescribedPolicy => documented.find((p) => p.name === name)!;

describe('the admission controllers, modelled, on what the gate runs left', () => {
  it('key-based, --signature-format both, 60 runs: Kyverno SigstoreBundle 1.19 and Cosign, policy-controller legacy admit; Kyverno 1.18 refuses the key', async () => {
    expect(state.digest, 'the 60-run test ran first').toBeDefined();
    const repo = client.repository(env.harbor.host, 'team/app');
    const ctx = {
      repo,
      digest: state.digest!,
      now: new Date(),
      publicKeyPem: fs.readFileSync(env.pubFile, 'utf8'),
      kyvernoVersion: [1, 19] as [number, number],
    };
    const asKey = (p: DescribedPolicy): DescribedPolicy => ({ ...p, keyless: undefined, key: 'cosign.pub' });
    const verdicts = {
      'kyverno SigstoreBundle key 1.19': await judge(policy('harbor-gate-sigstorebundle-key'), ctx),
      'kyverno SigstoreBundle key 1.18': await judge(policy('harbor-gate-sigstorebundle-key'), {
        ...ctx,
        kyvernoVersion: [1, 18],
      }),
      'kyverno Cosign key (legacy tags)': await judge(asKey(policy('harbor-gate-cosign-legacy')), ctx),
      'policy-controller key (legacy tags)': await judge(policy('harbor-gate-key-legacy'), ctx),
      'policy-controller bundle with a key authority': await judge(
        asKey(policy('harbor-gate-keyless-bundle')),
        ctx,
      ),
      'policy-controller enable-oci11': await policyControllerOci11(ctx),
    };
    if (process.env.HARBOR_GATE_PRINT_MODELS)
      console.log(JSON.stringify({ inventory: state.inventory, verdicts }, null, 2));
    expect(verdicts['kyverno SigstoreBundle key 1.19']).toEqual({
      admit: true,
      reasons: ['admitted'],
      read: { referrers: 6, bundles: 4 },
    });
    expect(verdicts['kyverno SigstoreBundle key 1.18'].reasons).toEqual([
      'key-signed bundles are verified only from Kyverno 1.19',
    ]);
    expect(verdicts['kyverno Cosign key (legacy tags)']).toEqual({
      admit: true,
      reasons: ['admitted'],
      read: { sigLayers: 1, attLayers: 3 },
    });
    expect(verdicts['policy-controller key (legacy tags)'].admit).toBe(true);
    expect(verdicts['policy-controller bundle with a key authority'].reasons).toEqual([
      'with signatureFormat: bundle the authority must be keyless',
    ]);
    expect(verdicts['policy-controller enable-oci11'].reasons[0]).toMatch(/^finds no attestation/);
    // Every bundle layer the gate left is under Kyverno's 10 MB cap.
    for (const r of state.inventory!.referrers.filter((x) => x.artifactType === BUNDLE_MEDIA_TYPE)) {
      const m = JSON.parse((await repo.fetchManifest(r.digest))!.bytes.toString('utf8')) as {
        layers: { size: number }[];
      };
      expect(m.layers[0]!.size).toBeLessThan(KYVERNO_MAX_BUNDLE_BYTES);
    }
  });

  it('keyless, --signature-format both, 3 runs: Kyverno SigstoreBundle and Cosign, policy-controller bundle admit', async () => {
    const svc = await startSigstoreServices();
    try {
      const img = await env.image('keyless');
      const keyless = (image: string) => ({
        ...gateFlags(image),
        'signing-key': '',
        'fulcio-url': svc.url,
        'rekor-url': svc.url,
        'identity-token': svc.token(),
        'trusted-root': svc.trustedRootPath,
      });
      const first = await gate({ ...keyless(`${env.harbor.host}/team/kl:1`), source: `oci:${img.dir}` });
      let last = first;
      for (let i = 0; i < 2; i++) last = await gate(keyless(`${env.harbor.host}/team/kl@${first.digest}`));
      expect(last.steps.sign.detail).toMatch(/^already signed/);
      const repo = client.repository(env.harbor.host, 'team/kl');
      const inv = await inventory(repo, first.digest);
      expect(Object.values(inv.counts).reduce((a, b) => a + b, 0)).toBe(6);
      const ctx = { repo, digest: first.digest, now: new Date(), trustedRoot: svc.trustedRootPath };
      const verdicts = {
        'kyverno SigstoreBundle keyless': await judge(policy('harbor-gate-sigstorebundle-keyless'), ctx),
        'kyverno Cosign keyless (legacy tags)': await judge(policy('harbor-gate-cosign-legacy'), ctx),
        'policy-controller keyless bundle': await judge(policy('harbor-gate-keyless-bundle'), ctx),
      };
      if (process.env.HARBOR_GATE_PRINT_MODELS)
        console.log(JSON.stringify({ keyless: inv.counts, verdicts }, null, 2));
      for (const [name, v] of Object.entries(verdicts)) expect(v.reasons, name).toEqual(['admitted']);
      // Another identity is refused by every model.
      const other = {
        ...policy('harbor-gate-keyless-bundle'),
        keyless: {
          subject: 'https://github.com/evil/app/.github/workflows/x.yml@refs/heads/main',
          issuer: 'https://token.actions.githubusercontent.com',
        },
      };
      expect((await judge(other, ctx)).admit).toBe(false);
    } finally {
      await svc.close();
    }
  });

  it('near the 50-referrer limit the gate warns with the count; over it Kyverno SigstoreBundle refuses the image', async () => {
    const repo = client.repository(env.harbor.host, 'team/app');
    const digest = state.digest!;
    const subject = (await repo.fetchManifest(digest))!.descriptor;
    // Other tools attaching on every run: 45 more referrers.
    for (let i = 0; i < 45; i++) {
      await pushArtifact(repo, {
        subject,
        artifactType: 'application/vnd.example.note.v1+json',
        layers: [{ mediaType: 'application/vnd.example.note.v1+json', data: Buffer.from(`{"n":${i}}`) }],
        created: null,
      });
    }
    const run = await gate(gateFlags(`${env.harbor.host}/team/app@${digest}`));
    expect(run.warnings).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^${digest} has 51 referrers, over the 50 at which Kyverno's SigstoreBundle verification refuses the image: delete old signatures and attestations`,
        ),
      ),
    );
    const v = await judge(policy('harbor-gate-sigstorebundle-key'), {
      repo,
      digest,
      now: new Date(),
      publicKeyPem: fs.readFileSync(env.pubFile, 'utf8'),
    });
    expect(v).toMatchObject({ admit: false, reasons: ['more than 50 referrers (51)'] });
    // The legacy tags do not count: Kyverno's Cosign type still admits.
    expect(
      (
        await judge(
          { ...policy('harbor-gate-cosign-legacy'), keyless: undefined, key: 'cosign.pub' },
          {
            repo,
            digest,
            now: new Date(),
            publicKeyPem: fs.readFileSync(env.pubFile, 'utf8'),
          },
        )
      ).admit,
    ).toBe(true);
  });
});
