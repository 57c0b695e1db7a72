/**
 * `harbor-gate sign` and `harbor-gate verify` through the CLI against the in-memory registry and
 * the offline Sigstore: flags, JSON results (CLI.md) and exit codes.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { HttpClient } from '../../src/http/client.js';
import { RegistryClient } from '../../src/oci/registry.js';
import { MediaType } from '../../src/oci/types.js';
import { startEmbeddedRegistry, type EmbeddedRegistry } from '../../src/embedded/registry.js';
import { sha256Digest } from '../../src/sign/formats.js';
import {
  DEFAULT_IDENTITY,
  GITHUB_OIDC_PATH,
  GITHUB_RUNTIME_TOKEN,
  startSigstoreServices,
  type SigstoreServices,
} from '../servers/sigstore.js';

const KEYS = path.join(import.meta.dirname, '../fixtures/keys');
let svc: SigstoreServices;
let reg: EmbeddedRegistry;
let image: string;
let digest: string;

function run(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; out: string; err: string }> {
  return runCli(argv, env);
}

beforeAll(async () => {
  svc = await startSigstoreServices();
  reg = await startEmbeddedRegistry();
  const client = new RegistryClient({ http: new HttpClient({ env: {} }) });
  const repo = client.repository(reg.host, 'proj/cli');
  const config = await repo.pushBlobBytes(
    Buffer.from('{"architecture":"amd64","os":"linux"}'),
    MediaType.OciConfig,
  );
  const layer = await repo.pushBlobBytes(Buffer.from('layer'), MediaType.OciLayer);
  const manifest = Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciManifest, config, layers: [layer] }),
  );
  await repo.pushManifest('1.0', manifest, MediaType.OciManifest);
  digest = sha256Digest(manifest);
  image = `${reg.host}/proj/cli:1.0`;
  client.close();
});
afterAll(async () => {
  await reg.stop();
  await svc.close();
});

describe('harbor-gate sign / verify', () => {
  it('signs with a cosign key file (password from COSIGN_PASSWORD) and verifies with --key', async () => {
    const s = await run(
      ['sign', '--image', image, '--signing-key', path.join(KEYS, 'cosign-p384.key'), '--json'],
      {
        COSIGN_PASSWORD: 'test-password',
      },
    );
    expect(s.code).toBe(0);
    expect(s.err).toMatch(/^signed sha256:[a-f0-9]{64}: bundle referrer sha256:/);
    const json = JSON.parse(s.out);
    expect(json.subject).toBe(digest);
    expect(json.signatures).toHaveLength(1);
    expect(json.signatures[0]).toMatchObject({
      format: 'bundle',
      artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    });
    expect(json.signatures[0].digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(s.err).not.toContain('test-password');

    const v = await run(['verify', '--image', image, '--key', path.join(KEYS, 'cosign-p384.pub'), '--json']);
    expect(v.code).toBe(0);
    const vj = JSON.parse(v.out);
    expect(vj).toMatchObject({ subject: digest, verified: true, sbom: null });
    expect(vj.signatures[0]).toMatchObject({
      digest: json.signatures[0].digest,
      ok: true,
      reason: 'verified',
      issuer: null,
    });

    const other = await run([
      'verify',
      '--image',
      image,
      '--key',
      path.join(KEYS, 'cosign-p256.pub'),
      '--json',
    ]);
    expect(other.code).toBe(1);
    expect(JSON.parse(other.out).signatures[0].reason).toMatch(/signature does not match/);
  });

  it('a wrong key password exits 2 with a clear message', async () => {
    const s = await run(
      ['sign', '--image', image, '--signing-key', path.join(KEYS, 'cosign-p256.key'), '--json'],
      {
        HARBOR_GATE_KEY_PASSWORD: 'not-the-password',
      },
    );
    expect(s.code).toBe(2);
    expect(s.out).toContain('SIGN_KEY_PASSWORD');
    expect(s.out).toContain('wrong password');
  });

  it('signs keyless with a GitHub Actions OIDC token in both formats and verifies identity and issuer offline', async () => {
    const env = {
      GITHUB_ACTIONS: 'true',
      ACTIONS_ID_TOKEN_REQUEST_URL: `${svc.url}${GITHUB_OIDC_PATH}?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: GITHUB_RUNTIME_TOKEN,
    };
    const s = await run(
      [
        'sign',
        '--image',
        image,
        '--signature-format',
        'both',
        '--fulcio-url',
        svc.url,
        '--rekor-url',
        svc.url,
        '--json',
      ],
      env,
    );
    expect(s.code).toBe(0);
    // The bundle is a DSSE envelope witnessed in Rekor as cosign does it (kind dsse), the legacy
    // signature a hashedrekord entry.
    const formats = (JSON.parse(s.out) as { signatures: { format: string; artifactType: string }[] })
      .signatures;
    expect(formats.map((f) => f.format).sort()).toEqual(['bundle', 'legacy']);
    expect(formats.find((f) => f.format === 'legacy')?.artifactType).toBe(
      'application/vnd.dev.cosign.simplesigning.v1+json',
    );

    const base = ['verify', '--image', image, '--trusted-root', svc.trustedRootPath, '--json'];
    const ok = await run([
      ...base,
      '--certificate-identity',
      DEFAULT_IDENTITY.subject,
      '--certificate-oidc-issuer',
      DEFAULT_IDENTITY.issuer,
    ]);
    expect(ok.code).toBe(0);
    const verified = (JSON.parse(ok.out) as { signatures: { ok: boolean }[] }).signatures.filter((x) => x.ok);
    expect(verified).toHaveLength(2);
    for (const v of verified) {
      expect(v).toMatchObject({
        identity: DEFAULT_IDENTITY.subject,
        issuer: DEFAULT_IDENTITY.issuer,
        reason: 'verified',
      });
    }

    const re = await run([
      ...base,
      '--certificate-identity-regexp',
      'https://github\\.com/acme/.*',
      '--certificate-oidc-issuer',
      DEFAULT_IDENTITY.issuer,
    ]);
    expect(re.code).toBe(0);

    const wrongIssuer = await run([
      ...base,
      '--certificate-identity',
      DEFAULT_IDENTITY.subject,
      '--certificate-oidc-issuer',
      'https://gitlab.com',
    ]);
    expect(wrongIssuer.code).toBe(1);
    const wj = JSON.parse(wrongIssuer.out);
    expect(wj.verified).toBe(false);
    expect(wj.signatures.map((x: { reason: string }) => x.reason)).toContain(
      `issuer ${DEFAULT_IDENTITY.issuer} is not the expected https://gitlab.com`,
    );

    const noSbom = await run([
      ...base,
      '--certificate-identity',
      DEFAULT_IDENTITY.subject,
      '--certificate-oidc-issuer',
      DEFAULT_IDENTITY.issuer,
      '--require-sbom',
    ]);
    expect(noSbom.code).toBe(1);
    expect(JSON.parse(noSbom.out).reason).toBe('no SBOM referrer found (--require-sbom)');
  });

  it('names the missing `id-token: write` permission on GitHub Actions', async () => {
    const s = await run(['sign', '--image', image, '--fulcio-url', svc.url, '--rekor-url', svc.url], {
      GITHUB_ACTIONS: 'true',
    });
    expect(s.code).toBe(2);
    expect(s.err).toContain('SIGN_NO_IDENTITY_TOKEN');
    expect(s.err).toContain('id-token: write');
  });

  it('refuses keyless verification without an identity, and conflicting flags', async () => {
    const a = await run(['verify', '--image', image, '--trusted-root', svc.trustedRootPath]);
    expect(a.code).toBe(2);
    expect(a.err).toContain('VERIFY_NO_IDENTITY');
    const b = await run([
      'verify',
      '--image',
      image,
      '--key',
      path.join(KEYS, 'cosign-p256.pub'),
      '--certificate-oidc-issuer',
      'x',
    ]);
    expect(b.code).toBe(2);
    expect(b.err).toContain('VERIFY_CONFLICTING_FLAGS');
    const c = await run(['sign', '--image', image, '--signature-format', 'v2']);
    expect(c.code).toBe(2);
    expect(c.err).toContain('SIGN_BAD_FORMAT');
  });
});
