/**
 * Issue 23, items 3, 5 and 6, against the real docker-registry (a plain registry, no Harbor) and
 * the Harbor-compatible server: every push names the tags written and the digest (and says when
 * `latest` was assumed); a key password that is missing is not "wrong"; without a Harbor that
 * answered there is no Harbor link, and a policy whose scan failed is "not evaluated".
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { writeOciLayout } from '../fixtures/images.js';
import { startRegistry, type TestRegistry } from '../servers/registry.js';
import { startGateEnv, type GateEnv } from '../helpers/harbor-env.js';

const KEYS = path.resolve(import.meta.dirname, '../fixtures/keys');
let tmp: string;
let reg: TestRegistry;
let layout: string;
let digest: string;
let world: GateEnv;
const env = (): NodeJS.ProcessEnv => ({ HOME: tmp, DOCKER_CONFIG: tmp });

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-ux-out-'));
  reg = await startRegistry();
  layout = path.join(tmp, 'layout');
  digest = (await writeOciLayout(layout, { layers: 2, refName: 'v1' })).rootDigest;
  world = await startGateEnv();
}, 60_000);

afterAll(async () => {
  await reg.stop();
  await world.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('push names the tags it wrote and the digest', () => {
  it('without a tag in --image: latest, and says it was assumed; stdout stays the digest', async () => {
    const r = await runCli(
      ['push', '--source', `oci:${layout}:v1`, '--image', `${reg.host}/ux/notag`],
      env(),
    );
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${digest}\n`);
    expect(r.err).toContain(
      `pushed ${reg.host}/ux/notag\n  tags    latest (latest assumed: --image names no tag)\n  digest  ${digest}\n`,
    );
    const json = await runCli(
      ['push', '--source', `oci:${layout}:v1`, '--image', `${reg.host}/ux/notag`, '--json'],
      env(),
    );
    expect(JSON.parse(json.out)).toMatchObject({ tags: ['latest'], tagAssumed: true, digest });
    const res = await fetch(`${reg.url}/v2/ux/notag/manifests/latest`, {
      method: 'HEAD',
      headers: { Accept: 'application/vnd.oci.image.manifest.v1+json' },
    });
    expect(res.headers.get('docker-content-digest')).toBe(digest);
  });

  it('with a tag and --tag: every tag written, nothing assumed', async () => {
    const r = await runCli(
      ['push', '--source', `oci:${layout}:v1`, '--image', `${reg.host}/ux/tagged:1.0`, '--tag', 'stable'],
      env(),
    );
    expect(r.code).toBe(0);
    expect(r.err).toContain(`  tags    1.0, stable\n  digest  ${digest}\n`);
    expect(r.err).not.toContain('assumed');
  });

  it('gate: the image line names the tags, and the push step says latest was assumed', async () => {
    const r = await runCli(
      ['gate', '--source', `oci:${layout}:v1`, '--image', `${reg.host}/ux/gated`, '--no-sign', '--no-scan'],
      env(),
    );
    expect(r.code).toBe(0);
    expect(r.err).toContain(
      `image ${reg.host}/ux/gated@${digest}; tags latest (latest assumed: --image names no tag)`,
    );
    expect(r.out).toMatch(/push: ok in .*latest assumed: --image names no tag\)/);
  });
});

describe('key passwords', () => {
  const sign = (extra: NodeJS.ProcessEnv) =>
    runCli(
      ['sign', '--image', `${reg.host}/ux/tagged:1.0`, '--signing-key', path.join(KEYS, 'cosign-p256.key')],
      { ...env(), ...extra },
    );

  it('no password at all: says both variables are unset, not "wrong password"', async () => {
    const r = await sign({});
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      'error [SIGN_KEY_PASSWORD]: the cosign key file is encrypted and no password was given: HARBOR_GATE_KEY_PASSWORD and COSIGN_PASSWORD are both unset',
    );
    expect(r.err).not.toContain('wrong password');
  });

  it('an empty COSIGN_PASSWORD is named as empty; a wrong one as wrong, with its variable', async () => {
    const empty = await sign({ COSIGN_PASSWORD: '' });
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('no password was given: COSIGN_PASSWORD is set but empty');
    const wrong = await sign({ HARBOR_GATE_KEY_PASSWORD: 'not-the-password' });
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain(
      'could not decrypt the cosign key file with the password from HARBOR_GATE_KEY_PASSWORD: wrong password',
    );
  });
});

describe('no Harbor, no Harbor link; no scan, no policy "ok"', () => {
  it('a plain registry: the scan fails, the policy is not evaluated, and no report links to Harbor', async () => {
    const r = await runCli(
      [
        'gate',
        '--source',
        `oci:${layout}:v1`,
        '--image',
        `${reg.host}/ux/plain:1`,
        '--no-sign',
        '--on-scan-error',
        'warn',
        '--summary',
        'summary.md',
        '--html',
        'report.html',
      ],
      env(),
      { cwd: tmp },
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('  policy: not evaluated (scan failed)\n');
    expect(r.out).not.toMatch(/policy: ok/);
    expect(r.out).not.toMatch(/^harbor /m);
    const summary = fs.readFileSync(path.join(tmp, 'summary.md'), 'utf8');
    const html = fs.readFileSync(path.join(tmp, 'report.html'), 'utf8');
    for (const text of [r.out, summary, html]) expect(text).not.toContain('Open the artifact in Harbor');
    expect(html).not.toContain('harbor-link');
    expect(summary).toContain('not evaluated (scan failed)');
  });

  it('--no-scan: the policy is "not evaluated (--no-scan)"; a failed SBOM rule is still a violation', async () => {
    const r = await runCli(
      ['gate', '--source', `oci:${layout}:v1`, '--image', `${reg.host}/ux/plain:2`, '--no-sign', '--no-scan'],
      env(),
    );
    expect(r.out).toContain('  policy: not evaluated (--no-scan)\n');
    const req = await runCli(
      [
        'gate',
        '--source',
        `oci:${layout}:v1`,
        '--image',
        `${reg.host}/ux/plain:3`,
        '--no-sign',
        '--no-scan',
        '--require-sbom',
      ],
      env(),
    );
    expect(req.code).toBe(1);
    expect(req.out).toMatch(
      /policy: failed in .*1 violation\(s\).*vulnerability rules not evaluated \(--no-scan\)/,
    );
  });

  it('a Harbor that answered: the link is there', async () => {
    const img = await world.image('link');
    const r = await world.cli([
      ...world.gateArgs(`${world.harbor.host}/team/app:link`, img.dir),
      '--no-sign',
      '--report-only',
    ]);
    expect(r.stdout).toMatch(
      new RegExp(
        `^harbor ${world.harbor.url}/harbor/projects/team/repositories/app/artifacts-tab/artifacts/sha256:`,
        'm',
      ),
    );
    expect(r.stdout).toMatch(/policy: (ok|failed) in/);
  });
});
