/**
 * Push over HTTPS, as to a production Harbor: the real docker-registry serving TLS with a private
 * certificate, trusted with --ca-file, directly and through a CONNECT proxy (HTTPS_PROXY). Blobs
 * upload from their files, so this covers the reused-buffer upload path over TLS sockets.
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { writeOciArchive, writeOciLayout, type WrittenImage } from '../fixtures/images.js';
import { startConnectProxy, type TestProxy } from '../servers/connect-proxy.js';
import { startRegistry, type TestRegistry } from '../servers/registry.js';
import { makeSelfSignedCert, type TestCert } from '../servers/tls.js';
import { GATE_PERMISSIONS, startHarborServer } from '../../src/embedded/harbor/index.js';
import { sampleSbom, sampleVulnerabilities } from '../../src/embedded/sample.js';
import { generateCosignKeyPair } from '../../src/sign/keys.js';

const run = promisify(execFile);
const MiB = 1024 * 1024;
const ROBOT = 'robot$team+ci';
const PASSWORD = 'Tls-Robot-Password-2231';

let tmp: string;
let cert: TestCert;
let reg: TestRegistry;
let proxy: TestProxy;
let layout: WrittenImage;
let archive: WrittenImage;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-push-tls-'));
  cert = makeSelfSignedCert();
  reg = await startRegistry({ tls: { certFile: cert.certFile, keyFile: cert.keyFile } });
  proxy = await startConnectProxy();
  // Several 1 MiB read chunks per layer and a partial last one.
  const opts = { layers: 3, layerSize: 3 * MiB + 123, random: true };
  layout = await writeOciLayout(path.join(tmp, 'layout'), { ...opts, seed: 'tls-layout' });
  archive = await writeOciArchive(path.join(tmp, 'image.tar'), { ...opts, seed: 'tls-archive' });
});

afterAll(async () => {
  await proxy.stop();
  await reg.stop();
  fs.rmSync(cert.dir, { recursive: true, force: true });
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** `harbor-gate push` of `source` to `ref`, trusting the test certificate. */
function push(source: string, ref: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}) {
  return runCli(['push', '--source', source, '--image', ref, '--ca-file', cert.certFile, ...extra], env);
}

/** skopeo, trusting the same certificate, copies the image and every blob has its digest. */
async function expectIntact(ref: string, image: WrittenImage): Promise<void> {
  const certDir = path.join(tmp, `certs-${crypto.randomUUID()}`);
  fs.mkdirSync(certDir);
  fs.copyFileSync(cert.certFile, path.join(certDir, 'ca.crt'));
  const out = path.join(tmp, `copy-${crypto.randomUUID()}`);
  await run('skopeo', [
    'copy',
    '--preserve-digests',
    '--dest-oci-accept-uncompressed-layers',
    '--src-cert-dir',
    certDir,
    `docker://${ref}`,
    `oci:${out}:x`,
  ]);
  const index = JSON.parse(fs.readFileSync(path.join(out, 'index.json'), 'utf8')) as {
    manifests: { digest: string }[];
  };
  expect(index.manifests[0]?.digest).toBe(image.rootDigest);
  for (const b of image.blobs) {
    const bytes = fs.readFileSync(path.join(out, 'blobs', 'sha256', b.digest.slice(7)));
    expect(`sha256:${crypto.createHash('sha256').update(bytes).digest('hex')}`).toBe(b.digest);
  }
}

describe('push over HTTPS with a private CA (docker-registry 2.8.2, TLS)', () => {
  it('pushes an OCI layout with --ca-file; skopeo reads every blob back', async () => {
    const ref = `${reg.host}/tls/app:1`;
    const r = await push(`oci:${layout.dir}`, ref, ['--json']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ digest: layout.rootDigest, blobsUploaded: 4 });
    await expectIntact(ref, layout);
  });

  it('refuses a certificate it cannot verify, says what to do, and writes nothing', async () => {
    const ref = `${reg.host}/tls/untrusted:1`;
    const r = await runCli(['push', '--source', `oci:${layout.dir}`, '--image', ref]);
    // A trust problem to fix in the configuration (exit 2), not a registry outage.
    expect(r.code).toBe(2);
    expect(r.err).toContain(`error [TLS_UNTRUSTED]: the TLS certificate of ${reg.host} is not trusted`);
    expect(r.err).toMatch(/remedy: .*--ca-file/);
    expect(r.err).not.toMatch(/\n\s+at /);
    const check = await push(`oci:${layout.dir}`, ref, ['--json']);
    // Nothing was left behind by the refused run: every blob is uploaded now.
    expect(JSON.parse(check.out)).toMatchObject({ blobsSkipped: 0, blobsUploaded: 4 });
  });

  it('refuses a plain-http upload URL from an https registry (a proxy without X-Forwarded-Proto)', async () => {
    // distribution builds upload URLs from http.host: the misconfiguration a TLS-terminating proxy
    // causes when the registry behind it is not told the original scheme.
    const misconfigured = await startRegistry({
      tls: { certFile: cert.certFile, keyFile: cert.keyFile },
      env: { REGISTRY_HTTP_HOST: 'http://127.0.0.1:1' },
    });
    try {
      const ref = `${misconfigured.host}/tls/app:1`;
      const r = await push(`oci:${layout.dir}`, ref);
      expect(r.code).toBe(2);
      expect(r.err).toContain(
        `error [REGISTRY_INSECURE_UPLOAD]: ${misconfigured.host} is reached over https`,
      );
      expect(r.err).toContain('X-Forwarded-Proto');
      expect(r.err).not.toMatch(/\n\s+at /);
    } finally {
      await misconfigured.stop();
    }
  });

  it('tunnels through HTTPS_PROXY with CONNECT, reading blobs from an oci-archive in place', async () => {
    const ref = `${reg.host}/tls/proxied:1`;
    proxy.seen.length = 0;
    const r = await push(`oci-archive:${archive.dir}`, ref, ['--json'], { HTTPS_PROXY: proxy.url });
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ digest: archive.rootDigest });
    expect(proxy.seen).toContainEqual({ method: 'CONNECT', target: reg.host });
    expect(proxy.seen.every((s) => s.method === 'CONNECT')).toBe(true);
    await expectIntact(ref, archive);
  });
});

describe('the whole gate against a Harbor served over HTTPS on loopback (a port-forward)', () => {
  it('finds TLS by itself, trusts --ca-file, and pushes, attaches, signs and scans through it', async () => {
    const harbor = await startHarborServer({
      tls: { cert: cert.cert, key: cert.key },
      projects: [{ name: 'team' }],
      users: [{ username: ROBOT, password: PASSWORD, permissions: { team: GATE_PERMISSIONS } }],
      defaultScript: { durationMs: 20, vulnerabilities: sampleVulnerabilities() },
    });
    const tokenCert = path.join(tmp, 'token.crt');
    fs.writeFileSync(tokenCert, harbor.certPem);
    const backend = await startRegistry({ token: { ...harbor.tokenAuth, rootcertbundle: tokenCert } });
    harbor.setBackend(backend.url);
    try {
      expect(harbor.url).toMatch(/^https:/);
      const sbom = path.join(tmp, 'sbom.cdx.json');
      fs.writeFileSync(sbom, sampleSbom());
      const keys = generateCosignKeyPair('tls-key-password');
      const keyFile = path.join(tmp, 'cosign.key');
      fs.writeFileSync(keyFile, keys.privateKeyPem);
      const r = await runCli(
        [
          'gate',
          '--image',
          `${harbor.host}/team/app:1`,
          '--source',
          `oci:${layout.dir}`,
          '--username',
          ROBOT,
          '--ca-file',
          cert.certFile,
          '--sbom',
          sbom,
          '--signing-key',
          keyFile,
          '--json',
        ],
        { HARBOR_GATE_PASSWORD: PASSWORD, HARBOR_GATE_KEY_PASSWORD: 'tls-key-password' },
      );
      const out = JSON.parse(r.out) as {
        verdict: string;
        digest: string;
        steps: Record<string, { status: string }>;
      };
      expect(r.code, r.err).toBe(1);
      expect(out).toMatchObject({ verdict: 'fail', digest: layout.rootDigest });
      for (const step of ['push', 'sbom', 'sign', 'scan']) expect(out.steps[step]?.status, step).toBe('ok');
      // Harbor's API was reached on the same https origin, without --harbor-url.
      expect(harbor.requests.some((q) => q.path.includes('/scan'))).toBe(true);
    } finally {
      await backend.stop();
      await harbor.stop();
    }
  });
});
