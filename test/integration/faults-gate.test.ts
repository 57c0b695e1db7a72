/**
 * The whole gate through the CLI with the default retry policy, with 20% of requests faulted
 * between harbor-gate and the Harbor-compatible server (its /v2/ front proxies to the real
 * docker-registry with `auth: token`, so bearer tokens come from its token service, through the
 * proxy too): push, SBOM attach, key signing, Harbor scan and the policy all complete, and the
 * redirect origin never sees a credential.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { GATE_PERMISSIONS, startHarborServer, type HarborServer } from '../../src/embedded/harbor/index.js';
import { sampleSbom, sampleVulnerabilities } from '../../src/embedded/sample.js';
import { HttpClient } from '../../src/http/client.js';
import { staticCredentials } from '../../src/oci/credentials.js';
import { listReferrers } from '../../src/oci/referrers.js';
import { RegistryClient } from '../../src/oci/registry.js';
import { generateCosignKeyPair } from '../../src/sign/keys.js';
import { writeOciLayout } from '../fixtures/images.js';
import { startFaultProxy, type FaultProxy } from '../servers/fault-proxy.js';
import { startRegistry, type TestRegistry } from '../servers/registry.js';
import { captureIO } from './faults-helpers.js';

const ROBOT = 'robot$team+ci';
const PASSWORD = 'faults-Robot-Password-8812';
const KEY_PASSWORD = 'faults-key-Password-2290';

let harbor: HarborServer;
let registry: TestRegistry;
let proxy: FaultProxy;
let tmp: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-faults-gate-'));
  harbor = await startHarborServer({
    version: 'v2.11.0-test',
    projects: [{ name: 'team' }],
    users: [{ username: ROBOT, password: PASSWORD, permissions: { team: GATE_PERMISSIONS } }],
    defaultScript: { durationMs: 200, vulnerabilities: sampleVulnerabilities() },
  });
  const cert = path.join(tmp, 'token.crt');
  fs.writeFileSync(cert, harbor.certPem);
  registry = await startRegistry({ token: { ...harbor.tokenAuth, rootcertbundle: cert } });
  harbor.setBackend(registry.url);
  // At most 4 faults in a row per request: the default policy's 6 attempts always suffice, so the
  // three runs test recovery rather than the 1-in-15,000 odds of 6 faults in a row.
  proxy = await startFaultProxy({
    target: harbor.url,
    rate: 0.2,
    seed: 424242,
    stallMs: 300,
    maxConsecutive: 4,
  });
}, 60_000);

afterAll(async () => {
  await proxy.stop();
  await harbor.stop();
  await registry.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the gate through a proxy that faults 20% of requests', () => {
  it.each([1, 2, 3])(
    'run %i: pushes, attaches, signs, scans and decides; no credential reaches the redirect origin',
    async (run) => {
      proxy.resetCounters();
      const img = await writeOciLayout(path.join(tmp, `img-${run}`), {
        layers: 4,
        layerSize: 2 * 1024 * 1024,
        random: true,
        seed: `gate-${crypto.randomUUID()}`,
      });
      const sbom = path.join(tmp, 'sbom.cdx.json');
      fs.writeFileSync(sbom, sampleSbom());
      const key = path.join(tmp, 'cosign.key');
      fs.writeFileSync(key, generateCosignKeyPair(KEY_PASSWORD, { N: 32768 }).privateKeyPem);
      const report = path.join(tmp, 'report.json');
      const io = captureIO({ cwd: tmp });
      const code = await main(
        [
          'gate',
          '--image',
          `${proxy.host}/team/app:${run}.0`,
          '--source',
          `oci:${img.dir}`,
          '--username',
          ROBOT,
          '--sbom',
          sbom,
          '--signing-key',
          key,
          '--harbor-url',
          proxy.url,
          '--fail-on',
          'none',
          '--json-report',
          report,
          '--json',
        ],
        {
          PATH: process.env.PATH ?? '',
          HOME: tmp,
          DOCKER_CONFIG: tmp,
          HARBOR_GATE_PASSWORD: PASSWORD,
          HARBOR_GATE_KEY_PASSWORD: KEY_PASSWORD,
        },
        io,
      );
      const stdout = io.out.join('');
      const stderr = io.err.join('');
      const figures = {
        requests: proxy.requests(),
        requestsByMethod: proxy.requestsByMethod(),
        faultsInjected: proxy.faulted(),
        faultsByKind: Object.fromEntries(Object.entries(proxy.counts()).filter(([, n]) => n > 0)),
        redirectTargetRequests: proxy.redirect.requests,
        redirected: proxy
          .log()
          .filter((f) => f.kind === 'redirect')
          .map((f) => `${f.method} ${f.path}`),
      };
      console.log(`gate through faults, run ${run}: ${JSON.stringify(figures)}`);
      expect(code, `${stderr}\n${stdout}`).toBe(0);
      const out = JSON.parse(stdout) as {
        verdict: string;
        digest: string;
        sbomDigest: string | null;
        signatureDigest: string | null;
        steps: Record<string, { status: string }>;
        counts: Record<string, number>;
      };
      expect(out.verdict).toBe('pass');
      expect(out.digest).toBe(img.rootDigest);
      for (const step of ['push', 'sbom', 'sign', 'scan', 'policy'])
        expect(out.steps[step]?.status, step).toBe('ok');
      expect(out.counts.critical).toBe(1);
      expect(proxy.faulted()).toBeGreaterThan(proxy.requests() * 0.1);
      expect(proxy.redirect.credentialsSeen).toEqual([]);
      for (const text of [stdout, stderr, fs.readFileSync(report, 'utf8')]) {
        expect(text).not.toContain(PASSWORD);
        expect(text).not.toContain(KEY_PASSWORD);
      }

      // Read back without the proxy: both referrers are listed for the image.
      const http = new HttpClient({ env: {} });
      try {
        const client = new RegistryClient({ http, credentials: staticCredentials(ROBOT, PASSWORD) });
        const listed = (await listReferrers(client.repository(harbor.host, 'team/app'), img.rootDigest)).map(
          (d) => d.digest,
        );
        expect(listed).toContain(out.sbomDigest);
        expect(listed).toContain(out.signatureDigest);
      } finally {
        http.close();
      }
    },
    240_000,
  );
});
