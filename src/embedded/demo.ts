/**
 * The demo: the whole gate on this machine with no external service. An in-memory OCI registry
 * behind the Harbor-compatible server (token auth, referrers API, scripted scanner), a sample
 * image with an SBOM, an ephemeral signing key (keyless needs a real identity, and no test double
 * of Sigstore ships in the product), then the gate twice: first it fails on the sample's critical
 * finding, then an allowlist entry with a reason turns it green.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { resolveGateOptions, type RawGateInput } from '../config/index.js';
import { runGate } from '../gate/index.js';
import type { GateResult } from '../gate/index.js';
import { silentLogger, type Logger } from '../logger.js';
import { GATE_PERMISSIONS, startHarborServer, type HarborServer } from './harbor/index.js';
import { startEmbeddedRegistry, type EmbeddedRegistry } from './registry.js';
import { SAMPLE_CRITICAL_ID, sampleSbom, sampleVulnerabilities, writeSampleImage } from './sample.js';

export const DEMO_USER = 'robot$demo+ci';
export const DEMO_PASSWORD = 'demo-robot-secret';
export const DEMO_PROJECT = 'demo';

export interface DemoServices {
  harbor: HarborServer;
  registry: EmbeddedRegistry;
  /** The sample image's OCI layout directory. */
  layout: string;
  sbomFile: string;
  keyFile: string;
  workDir: string;
  stop(): Promise<void>;
}

/** Start the embedded services and write the sample image, SBOM and an ephemeral key. */
export async function startDemoServices(opts: { scanDurationMs?: number } = {}): Promise<DemoServices> {
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'harbor-gate-demo-'));
  const registry = await startEmbeddedRegistry({ referrersApi: false });
  const harbor = await startHarborServer({
    backendUrl: registry.url,
    backendAuth: 'none',
    projects: [{ name: DEMO_PROJECT }],
    users: [
      {
        username: DEMO_USER,
        password: DEMO_PASSWORD,
        permissions: { [DEMO_PROJECT]: [...GATE_PERMISSIONS] },
      },
    ],
    defaultScript: { durationMs: opts.scanDurationMs ?? 400, vulnerabilities: sampleVulnerabilities() },
  });
  const layout = path.join(workDir, 'image');
  await writeSampleImage(layout, '1.0.0');
  const sbomFile = path.join(workDir, 'sbom.cdx.json');
  await fs.writeFile(sbomFile, sampleSbom());
  const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const keyFile = path.join(workDir, 'ephemeral-key.pem');
  await fs.writeFile(keyFile, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  return {
    harbor,
    registry,
    layout,
    sbomFile,
    keyFile,
    workDir,
    stop: async () => {
      await harbor.stop();
      await registry.stop();
      await fs.rm(workDir, { recursive: true, force: true });
    },
  };
}

export interface DemoResult {
  before: GateResult;
  after: GateResult;
  outDir: string;
  allowlistFile: string;
  /** The demo behaved as designed: the first gate failed, the second passed. */
  ok: boolean;
}

const REPORTS = ['sarif', 'gitlab-report', 'junit', 'html', 'json-report', 'summary'] as const;
const FILE_NAMES: Record<(typeof REPORTS)[number], string> = {
  sarif: 'harbor-gate.sarif',
  'gitlab-report': 'gl-container-scanning-report.json',
  junit: 'harbor-gate-junit.xml',
  html: 'harbor-gate.html',
  'json-report': 'harbor-gate.json',
  summary: 'harbor-gate-summary.md',
};

function reportFlags(dir: string): RawGateInput {
  return Object.fromEntries(REPORTS.map((r) => [r, path.join(dir, FILE_NAMES[r])]));
}

export async function runDemo(opts: {
  outDir: string;
  logger?: Logger;
  scanDurationMs?: number;
}): Promise<DemoResult> {
  const logger = opts.logger ?? silentLogger;
  const services = await startDemoServices(
    opts.scanDurationMs !== undefined ? { scanDurationMs: opts.scanDurationMs } : {},
  );
  try {
    const env: NodeJS.ProcessEnv = { HOME: os.homedir(), DOCKER_CONFIG: services.workDir };
    const image = `${services.harbor.host}/${DEMO_PROJECT}/app:1.0.0`;
    await fs.mkdir(opts.outDir, { recursive: true });
    logger.info(`1/2 gate: push ${image}, attach the SBOM, sign, scan, evaluate the default policy`);
    const first = await resolveGateOptions(
      {
        image,
        source: `oci:${services.layout}:1.0.0`,
        username: DEMO_USER,
        sbom: services.sbomFile,
        'signing-key': services.keyFile,
        'harbor-url': services.harbor.url,
        ...reportFlags(opts.outDir),
      },
      { env, cwd: opts.outDir, password: DEMO_PASSWORD },
    );
    const poll = { minMs: 100, maxMs: 400 };
    const before = await runGate(first, { logger, env, harborPoll: poll });

    const allowlistFile = path.join(opts.outDir, 'allowlist.yaml');
    await fs.writeFile(
      allowlistFile,
      [
        '# Written by the demo: a waiver needs a reason, and can expire.',
        'allowlist:',
        `  - id: ${SAMPLE_CRITICAL_ID}`,
        '    package: zlib',
        '    reason: "demo: the inflate path is not reachable in this image; upgrade tracked in SEC-42"',
        `    expires: ${new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)}`,
        '',
      ].join('\n'),
    );
    logger.info(`2/2 gate: the same image by digest, with ${path.basename(allowlistFile)}`);
    const afterDir = path.join(opts.outDir, 'with-allowlist');
    const second = await resolveGateOptions(
      {
        image: `${services.harbor.host}/${DEMO_PROJECT}/app@${before.digest}`,
        username: DEMO_USER,
        'no-sign': true,
        'harbor-url': services.harbor.url,
        allowlist: allowlistFile,
        ...reportFlags(afterDir),
      },
      { env, cwd: opts.outDir, password: DEMO_PASSWORD },
    );
    const after = await runGate(second, { logger, env, harborPoll: poll });
    return {
      before,
      after,
      outDir: opts.outDir,
      allowlistFile,
      ok: before.verdict === 'fail' && before.exitCode === 1 && after.verdict === 'pass',
    };
  } finally {
    await services.stop();
  }
}
