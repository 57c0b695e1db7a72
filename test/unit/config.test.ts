import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/core/index.js';
import { resolveGateOptions, resolvePolicy } from '../../src/config/options.js';
import { GateError } from '../../src/errors.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-config-'));
const write = (name: string, text: string): string => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
};
const ctx = { env: {}, cwd: dir };

async function inputErr(p: Promise<unknown>): Promise<GateError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(GateError);
  expect((e as GateError).exitCode).toBe(2);
  return e as GateError;
}

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['10m', 600_000],
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    ['500ms', 500],
    ['45', 45_000],
    ['1.5m', 90_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text, '--scan-timeout')).toBe(ms);
  });

  it.each(['', 'ten minutes', '10x', 'm10', '0s', '-5s', '10m junk'])('refuses %j', (text) => {
    expect(() => parseDuration(text, '--scan-timeout')).toThrow(/not a duration/);
  });
});

describe('resolveGateOptions', () => {
  it('applies defaults: bundle signatures, 10 minute scan, fail-on high', async () => {
    const o = await resolveGateOptions({ image: 'harbor.example.com/p/app:1' }, ctx);
    expect(o.sign?.format).toBe('bundle');
    expect(o.scan?.timeoutMs).toBe(600_000);
    expect(o.policy.failOn).toBe('high');
    expect(o.policy.onScanError).toBe('fail');
    expect(o.tags).toEqual([]);
    expect(o.reports).toEqual({});
  });

  it('requires --image', async () => {
    const e = await inputErr(resolveGateOptions({}, ctx));
    expect(e.code).toBe('CLI_MISSING_FLAG');
  });

  it('names the allowed values for a bad enum', async () => {
    const e = await inputErr(resolveGateOptions({ image: 'r.io/a/b', 'signature-format': 'pgp' }, ctx));
    // One resolution for sign and gate: the signing flags keep their documented code.
    expect(e.code).toBe('SIGN_BAD_FORMAT');
    expect(e.remedy).toContain('bundle, legacy, both');
    const f = await inputErr(resolveGateOptions({ image: 'r.io/a/b', 'fail-on': 'severe' }, ctx));
    expect(f.remedy).toContain('critical');
    expect(f.remedy).not.toContain('Did you mean');
    const g = await inputErr(resolveGateOptions({ image: 'r.io/a/b', 'fail-on': 'hihg' }, ctx));
    expect(g.remedy).toMatch(/^Did you mean high\?/);
  });

  it('takes tags as lists and as references of the same repository, and refuses others', async () => {
    const o = await resolveGateOptions(
      {
        image: 'ghcr.io/acme/app:1.2.3',
        tag: ['latest, 1.2', 'ghcr.io/acme/app:1\nghcr.io/acme/app:sha-abc', 'latest'],
      },
      ctx,
    );
    expect(o.tags).toEqual(['latest', '1.2', '1', 'sha-abc']);
    const other = await inputErr(
      resolveGateOptions({ image: 'ghcr.io/acme/app:1', tag: ['ghcr.io/acme/other:1'] }, ctx),
    );
    expect(other.code).toBe('CONFIG_BAD_TAG');
    expect(other.message).toContain('ghcr.io/acme/other');
    expect((await inputErr(resolveGateOptions({ image: 'r.io/a/b', tag: ['-bad'] }, ctx))).code).toBe(
      'CONFIG_BAD_TAG',
    );
  });

  it('sends explicit credentials only to the image registry and the Harbor named', async () => {
    const a = await resolveGateOptions({ image: 'registry.example.com:5000/a/b:1' }, ctx);
    expect(a.credentialHosts).toEqual(['registry.example.com:5000']);
    const b = await resolveGateOptions(
      { image: 'registry.example.com/a/b:1', 'harbor-url': 'https://harbor.example.com' },
      ctx,
    );
    expect(b.credentialHosts).toEqual(['registry.example.com', 'harbor.example.com']);
  });

  it('refuses a plain-HTTP Harbor on another host unless --plain-http', async () => {
    const e = await inputErr(
      resolveGateOptions({ image: 'h.example.com/a/b', 'harbor-url': 'http://h.example.com' }, ctx),
    );
    expect(e.code).toBe('HARBOR_CLEARTEXT_CREDENTIALS');
    const ok = await resolveGateOptions(
      { image: 'h.example.com/a/b', 'harbor-url': 'http://h.example.com', 'plain-http': true },
      ctx,
    );
    expect(ok.scan?.harborUrl).toBe('http://h.example.com');
    const loop = await resolveGateOptions(
      { image: '127.0.0.1:5000/a/b', 'harbor-url': 'http://127.0.0.1:8080' },
      ctx,
    );
    expect(loop.scan?.harborUrl).toBe('http://127.0.0.1:8080');
  });

  it('refuses a Sigstore service over plain HTTP on another machine unless --plain-http', async () => {
    for (const name of ['fulcio-url', 'rekor-url', 'tsa-url']) {
      const e = await inputErr(
        resolveGateOptions({ image: 'r.io/a/b', [name]: 'http://sigstore.example.com' }, ctx),
      );
      expect(e.code).toBe('CONFIG_CLEARTEXT_URL');
      expect(e.message).toContain(`--${name}`);
    }
    const ok = await resolveGateOptions(
      { image: 'r.io/a/b', 'fulcio-url': 'http://sigstore.example.com', 'plain-http': true },
      ctx,
    );
    expect(ok.sign?.fulcioUrl).toBe('http://sigstore.example.com');
    const loop = await resolveGateOptions({ image: 'r.io/a/b', 'rekor-url': 'http://127.0.0.1:3000' }, ctx);
    expect(loop.sign?.rekorUrl).toBe('http://127.0.0.1:3000');
  });

  it('refuses half a keyless identity before anything runs', async () => {
    const noIssuer = await inputErr(
      resolveGateOptions(
        { image: 'r.io/a/b', 'no-sign': true, 'require-signature': true, 'certificate-identity': 'me' },
        ctx,
      ),
    );
    expect(noIssuer.code).toBe('VERIFY_NO_IDENTITY');
    expect(noIssuer.remedy).toContain('--certificate-oidc-issuer');
    const noIdentity = await inputErr(
      resolveGateOptions({ image: 'r.io/a/b', 'certificate-oidc-issuer': 'https://issuer.example.com' }, ctx),
    );
    expect(noIdentity.code).toBe('VERIFY_NO_IDENTITY');
  });

  it('reads the identity token from a file, and refuses both forms at once', async () => {
    const file = write('token', 'eyJhbGciOi.eyJzdWIi.sig\n');
    const o = await resolveGateOptions({ image: 'r.io/a/b', 'identity-token-file': file }, ctx);
    expect(o.sign?.identityToken).toBe('eyJhbGciOi.eyJzdWIi.sig');
    const both = await inputErr(
      resolveGateOptions({ image: 'r.io/a/b', 'identity-token-file': file, 'identity-token': 'x' }, ctx),
    );
    expect(both.code).toBe('CONFIG_CONFLICT');
    const missing = await inputErr(
      resolveGateOptions({ image: 'r.io/a/b', 'identity-token-file': path.join(dir, 'nope') }, ctx),
    );
    expect(missing.code).toBe('SIGN_TOKEN_FILE_UNREADABLE');
    const two = await inputErr(
      resolveGateOptions({ image: 'r.io/a/b', 'identity-token-file': write('two', 'a b') }, ctx),
    );
    expect(two.code).toBe('SIGN_TOKEN_FILE_UNREADABLE');
  });

  it('needs trust for --require-signature when the gate does not sign', async () => {
    const e = await inputErr(
      resolveGateOptions({ image: 'r.io/a/b', 'no-sign': true, 'require-signature': true }, ctx),
    );
    expect(e.code).toBe('CONFIG_NO_TRUST');
    const o = await resolveGateOptions(
      { image: 'r.io/a/b', 'no-sign': true, 'require-signature': true, key: 'cosign.pub' },
      ctx,
    );
    expect(o.trust?.keyFile).toBe(path.join(dir, 'cosign.pub'));
    const conflict = await inputErr(
      resolveGateOptions({ image: 'r.io/a/b', key: 'k.pub', 'certificate-oidc-issuer': 'https://x' }, ctx),
    );
    expect(conflict.code).toBe('VERIFY_CONFLICTING_FLAGS');
    // A command that does not sign or scan gets neither, whatever the flags say.
    const v = await resolveGateOptions({ image: 'r.io/a/b' }, ctx, { sign: false, scan: false });
    expect(v.sign).toBeUndefined();
    expect(v.scan).toBeUndefined();
  });

  it('refuses a CVSS threshold outside 0-10 and a non-http Harbor URL', async () => {
    expect(
      (await inputErr(resolveGateOptions({ image: 'r.io/a/b', 'cvss-threshold': '11' }, ctx))).code,
    ).toBe('CONFIG_BAD_VALUE');
    expect(
      (await inputErr(resolveGateOptions({ image: 'r.io/a/b', 'harbor-url': 'ftp://h' }, ctx))).code,
    ).toBe('HARBOR_BAD_URL');
  });

  it('refuses contradictory options', async () => {
    for (const raw of [
      { 'attest-scan': true, 'no-sign': true },
      { 'attest-scan': true, 'no-scan': true },
      { attest: true, 'no-sign': true },
      { 'generate-sbom': true, 'no-scan': true },
    ]) {
      const e = await inputErr(resolveGateOptions({ image: 'r.io/a/b', ...raw }, ctx));
      expect(e.code).toBe('CONFIG_CONFLICT');
    }
  });

  it('writes the GitLab report by default in GitLab CI', async () => {
    const o = await resolveGateOptions({ image: 'r.io/a/b' }, { env: { GITLAB_CI: 'true' }, cwd: dir });
    expect(o.reports.gitlab).toBe(path.join(dir, 'gl-container-scanning-report.json'));
    const p = await resolveGateOptions(
      { image: 'r.io/a/b', 'gitlab-report': 'out/gl.json' },
      { env: { GITLAB_CI: 'true' }, cwd: dir },
    );
    expect(p.reports.gitlab).toBe(path.join(dir, 'out/gl.json'));
  });

  it('reads the key password from HARBOR_GATE_KEY_PASSWORD, then COSIGN_PASSWORD', async () => {
    const a = await resolveGateOptions(
      { image: 'r.io/a/b' },
      { env: { COSIGN_PASSWORD: 'c', HARBOR_GATE_KEY_PASSWORD: 'h' }, cwd: dir },
    );
    expect(a.sign?.keyPassword).toBe('h');
    const b = await resolveGateOptions({ image: 'r.io/a/b' }, { env: { COSIGN_PASSWORD: 'c' }, cwd: dir });
    expect(b.sign?.keyPassword).toBe('c');
  });

  it('splits tags given as one string (environment variable form)', async () => {
    const o = await resolveGateOptions({ image: 'r.io/a/b', tag: 'latest, 1.2\n1' }, ctx);
    expect(o.tags).toEqual(['latest', '1.2', '1']);
  });
});

describe('resolvePolicy: file, allowlist file, then flags', () => {
  const policyFile = write(
    'policy.yaml',
    [
      'fail-on: critical',
      'ignore-unfixed: true',
      'require-sbom: true',
      'allowlist:',
      '  - id: CVE-2024-0001',
      '    reason: in the policy file',
    ].join('\n'),
  );
  const allowFile = write(
    'allow.yaml',
    ['- id: CVE-2024-0002', '  reason: in the allowlist file'].join('\n'),
  );

  it('keeps file values that no flag overrides', async () => {
    const p = await resolvePolicy({ policy: policyFile }, ctx);
    expect(p.failOn).toBe('critical');
    expect(p.ignoreUnfixed).toBe(true);
    expect(p.requireSbom).toBe(true);
  });

  it('lets flags win, including an explicit false', async () => {
    const p = await resolvePolicy(
      { policy: policyFile, 'fail-on': 'medium', 'ignore-unfixed': false, 'cvss-threshold': '7.5' },
      ctx,
    );
    expect(p.failOn).toBe('medium');
    expect(p.ignoreUnfixed).toBe(false);
    expect(p.cvssThreshold).toBe(7.5);
    expect(p.requireSbom).toBe(true);
  });

  it('adds the allowlist file entries to the policy file entries', async () => {
    const p = await resolvePolicy({ policy: policyFile, allowlist: allowFile }, ctx);
    expect(p.allowlist.map((e) => e.id)).toEqual(['CVE-2024-0001', 'CVE-2024-0002']);
  });

  it('reports an unreadable policy file as an input error', async () => {
    const e = await inputErr(resolvePolicy({ policy: 'missing.yaml' }, ctx));
    expect(e.code).toBe('CONFIG_FILE_UNREADABLE');
  });
});
