/**
 * The gate's integration world, shared by the integration tests that run the CLI end to end: the
 * Harbor-compatible server in front of the real docker-registry with `auth: token` (Harbor's own
 * architecture), a robot account, a temporary directory as the working directory, a cosign key
 * pair, and fresh OCI layouts to push.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from './cli.js';
import {
  GATE_PERMISSIONS,
  startHarborServer,
  type HarborServer,
  type HarborServerOptions,
} from '../../src/embedded/harbor/index.js';
import { sampleVulnerabilities } from '../../src/embedded/sample.js';
import { startRegistry, type TestRegistry } from '../servers/registry.js';
import { writeOciLayout } from '../fixtures/images.js';

export const ROBOT = 'robot$team+ci';
export const PASSWORD = 'S3cret-Robot-Password-7781';
export const KEY_PASSWORD = 'key-Password-4411';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export interface GateEnv {
  harbor: HarborServer;
  registry: TestRegistry;
  /** The working directory of every CLI run (and DOCKER_CONFIG). */
  tmp: string;
  /** An encrypted cosign key file (password KEY_PASSWORD) and its public key next to it. */
  keyFile: string;
  pubFile: string;
  /** `harbor-gate ARGS` as the robot (HARBOR_GATE_PASSWORD), in `tmp`. */
  cli(args: string[], env?: NodeJS.ProcessEnv): Promise<Run>;
  /** `gate` pushing `dir` to `image` through the Harbor-compatible server as the robot. */
  gateArgs(image: string, dir: string): string[];
  /** A fresh image (unique digest, so each test can script its own scan). */
  image(name: string): Promise<{ dir: string; digest: string }>;
  stop(): Promise<void>;
}

/**
 * Starts Harbor (projects given, the robot may push and scan in each) and the registry behind it.
 * `permissions` replaces the robot's GATE_PERMISSIONS (e.g. pull only).
 */
export async function startGateEnv(
  projects: NonNullable<HarborServerOptions['projects']> = [{ name: 'team' }],
  opts: { version?: string; extraPermissions?: string[]; permissions?: string[] } = {},
): Promise<GateEnv> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-gate-'));
  const harbor = await startHarborServer({
    version: opts.version ?? 'v2.11.0-test',
    projects,
    users: [
      {
        username: ROBOT,
        password: PASSWORD,
        permissions: Object.fromEntries(
          projects.map((p) => [
            p.name,
            [...(opts.permissions ?? GATE_PERMISSIONS), ...(opts.extraPermissions ?? [])],
          ]),
        ),
      },
    ],
    defaultScript: { durationMs: 50, vulnerabilities: sampleVulnerabilities() },
  });
  const cert = path.join(tmp, 'token.crt');
  fs.writeFileSync(cert, harbor.certPem);
  const registry = await startRegistry({ token: { ...harbor.tokenAuth, rootcertbundle: cert } });
  harbor.setBackend(registry.url);
  // An encrypted cosign key file, made with the cosign-compatible writer.
  const { generateCosignKeyPair } = await import('../../src/sign/keys.js');
  const pair = generateCosignKeyPair(KEY_PASSWORD);
  const keyFile = path.join(tmp, 'cosign.key');
  const pubFile = path.join(tmp, 'cosign.pub');
  fs.writeFileSync(keyFile, pair.privateKeyPem);
  fs.writeFileSync(pubFile, pair.publicKeyPem);
  return {
    harbor,
    registry,
    tmp,
    keyFile,
    pubFile,
    async cli(args, env = {}) {
      const r = await runCli(
        args,
        { HARBOR_GATE_PASSWORD: PASSWORD, DOCKER_CONFIG: tmp, ...env },
        { cwd: tmp },
      );
      return { code: r.code, stdout: r.out, stderr: r.err };
    },
    gateArgs(image, dir) {
      return [
        'gate',
        '--image',
        image,
        '--source',
        `oci:${dir}`,
        '--username',
        ROBOT,
        '--harbor-url',
        harbor.url,
      ];
    },
    async image(name) {
      const dir = path.join(tmp, `layout-${name}`);
      const img = await writeOciLayout(dir, {
        layers: 2,
        layerSize: 2048,
        random: true,
        seed: `${name}-${crypto.randomUUID()}`,
      });
      return { dir, digest: img.rootDigest };
    },
    async stop() {
      await harbor.stop();
      await registry.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}
