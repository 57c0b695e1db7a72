/**
 * `harbor-gate push` end to end through the CLI adapter with the real image sources, against the
 * real docker-registry, checked with skopeo.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import {
  writeDockerArchive,
  writeOciArchive,
  writeOciLayout,
  type WrittenImage,
} from '../fixtures/images.js';
import { startRegistry, type TestRegistry } from '../servers/registry.js';
import { HttpClient } from '../../src/http/client.js';
import { staticCredentials } from '../../src/oci/credentials.js';
import { listReferrers } from '../../src/oci/referrers.js';
import { RegistryClient } from '../../src/oci/registry.js';

const run = promisify(execFile);
let tmp: string;
let reg: TestRegistry;

function cli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; out: string; err: string }> {
  return runCli(args, env, { stdin: 'ci-password\n', cwd: tmp });
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-push-src-'));
  reg = await startRegistry({ htpasswd: { ci: 'ci-password' } });
});
afterAll(async () => {
  await reg.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('harbor-gate push with each source kind (htpasswd registry)', () => {
  const kinds: [string, (p: string) => Promise<WrittenImage>, string][] = [
    [
      'oci',
      (p) => writeOciLayout(p, { layers: 2, platforms: ['linux/amd64', 'linux/arm64'], refName: 'v1' }),
      'oci:DIR:v1',
    ],
    [
      'oci-archive',
      (p) => writeOciArchive(p, { layers: 2, refName: 'v1', dotSlash: true }),
      'oci-archive:DIR',
    ],
    [
      'docker-archive classic',
      (p) => writeDockerArchive(p, { layers: 2, format: 'classic' }),
      'docker-archive:DIR',
    ],
    [
      'docker-archive docker25',
      (p) => writeDockerArchive(p, { layers: 2, format: 'docker25' }),
      'docker-archive:DIR',
    ],
  ];
  it.each(kinds)('%s', async (name, write, spec) => {
    const file = path.join(tmp, name.replace(/\W+/g, '-'));
    await write(file);
    const image = `${reg.host}/proj/${name.replace(/\W+/g, '-')}:1`;
    const r = await cli([
      'push',
      '--source',
      spec.replace('DIR', file),
      '--image',
      image,
      '--tag',
      'extra',
      '--username',
      'ci',
      '--password-stdin',
      '--json',
    ]);
    expect(r.err).not.toContain('ci-password');
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ image, tags: ['1', 'extra'], blobsSkipped: 0 });
    const { stdout } = await run('skopeo', [
      'inspect',
      '--tls-verify=false',
      '--creds',
      'ci:ci-password',
      `docker://${reg.host}/proj/${name.replace(/\W+/g, '-')}:extra`,
    ]);
    expect(JSON.parse(stdout).Digest).toBe(json.digest);
    const again = await cli(['push', '--source', spec.replace('DIR', file), '--image', image], {
      HARBOR_GATE_USERNAME: 'ci',
      HARBOR_GATE_PASSWORD: 'ci-password',
    });
    expect(again.code, again.err).toBe(0);
    expect(again.out.trim()).toBe(json.digest);
    expect(again.err).toMatch(/skipped/);
  });

  it("carries a layout's referrer (an oras-made SBOM) and makes it findable without the referrers API", async () => {
    const dir = path.join(tmp, 'with-referrer');
    const written = await writeOciLayout(dir, { layers: 1, refName: 'v1', referrer: true });
    const image = `${reg.host}/proj/with-referrer:1`;
    const r = await cli([
      'push',
      '--source',
      `oci:${dir}:v1`,
      '--image',
      image,
      '--username',
      'ci',
      '--password-stdin',
    ]);
    expect(r.code, r.err).toBe(0);
    // distribution 2.8.2 has no referrers API: the SBOM is listed through the subject's tag index.
    const client = new RegistryClient({
      http: new HttpClient({ env: {} }),
      credentials: staticCredentials('ci', 'ci-password'),
    });
    try {
      const repo = client.repository(reg.host, 'proj/with-referrer');
      const listed = await listReferrers(repo, written.rootDigest);
      expect(listed.map((d) => [d.digest, d.artifactType])).toEqual([
        [written.referrerDigests[0], 'application/spdx+json'],
      ]);
    } finally {
      client.close();
    }
  });

  it('exits 2 with REGISTRY_UNAUTHORIZED on a wrong password, without printing it', async () => {
    const dir = path.join(tmp, 'wrongpw');
    await writeOciLayout(dir, { layers: 1 });
    const r = await cli(['push', '--source', `oci:${dir}`, '--image', `${reg.host}/proj/x:1`, '--json'], {
      HARBOR_GATE_USERNAME: 'ci',
      HARBOR_GATE_PASSWORD: 'wrong-password-123',
    });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).error.code).toBe('REGISTRY_UNAUTHORIZED');
    expect(r.out + r.err).not.toContain('wrong-password-123');
  });

  it('exits 2 on a bad reference and 3 when the registry is unreachable', async () => {
    const dir = path.join(tmp, 'refs');
    await writeOciLayout(dir, { layers: 1 });
    const bad = await cli(['push', '--source', `oci:${dir}`, '--image', 'Bad/Ref']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('REF_INVALID');
    const down = await cli(['push', '--source', `oci:${dir}`, '--image', '127.0.0.1:1/proj/x:1'], {
      HARBOR_GATE_DEBUG: 'false',
    });
    expect(down.code).toBe(3);
    expect(down.err).toContain('HTTP_NETWORK');
  });
});
