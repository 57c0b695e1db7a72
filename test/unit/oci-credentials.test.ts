import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GateError } from '../../src/errors.js';
import { Redactor } from '../../src/logger.js';
import {
  defaultCredentials,
  containersAuthCredentials,
  dockerConfigCredentials,
  gitlabCredentials,
  normaliseHost,
  runCredentialHelper,
} from '../../src/oci/credentials.js';

let dir: string;
let binDir: string;
const b64 = (s: string): string => Buffer.from(s).toString('base64');

function envWith(config: unknown, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const cfgDir = fs.mkdtempSync(path.join(dir, 'cfg-'));
  fs.writeFileSync(path.join(cfgDir, 'config.json'), JSON.stringify(config));
  return { PATH: `${binDir}:${process.env.PATH ?? ''}`, DOCKER_CONFIG: cfgDir, HOME: dir, ...extra };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-creds-'));
  binDir = path.join(dir, 'bin');
  fs.mkdirSync(binDir);
  // A helper that answers per server URL read from stdin, the way docker-credential-* do.
  fs.writeFileSync(
    path.join(binDir, 'docker-credential-fake'),
    `#!/bin/sh
[ "$1" = get ] || exit 2
read -r url
case "$url" in
  helper.example.com) echo '{"ServerURL":"helper.example.com","Username":"hu","Secret":"hs"}' ;;
  token.example.com) echo '{"ServerURL":"token.example.com","Username":"<token>","Secret":"refresh-1"}' ;;
  https://index.docker.io/v1/) echo '{"Username":"hubuser","Secret":"hubpass"}' ;;
  slow.example.com) sleep 5 ;;
  *) echo "credentials not found in native keychain"; exit 1 ;;
esac
`,
    { mode: 0o755 },
  );
  fs.writeFileSync(path.join(binDir, 'docker-credential-broken'), '#!/bin/sh\necho boom >&2\nexit 3\n', {
    mode: 0o755,
  });
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('normaliseHost', () => {
  it.each([
    ['https://index.docker.io/v1/', 'index.docker.io'],
    ['Registry.Example.com:5000', 'registry.example.com:5000'],
    ['http://h:1/path/x', 'h:1'],
    ['h', 'h'],
  ])('%s', (a, b) => {
    expect(normaliseHost(a)).toBe(b);
  });
});

describe('Docker config', () => {
  it('reads auths with exact host matching, splitting auth on the first colon', async () => {
    const env = envWith({
      auths: {
        'https://registry.example.com': { auth: b64('user:pa:ss') },
        'registry.example.com.evil.io': { auth: b64('evil:evil') },
        'id.example.com': { identitytoken: 'idt' },
        'rt.example.com': { registrytoken: 'rtok' },
        'https://index.docker.io/v1/': { auth: b64('hub:hubpw') },
      },
    });
    const p = dockerConfigCredentials(env);
    expect(await p('registry.example.com')).toEqual({ username: 'user', password: 'pa:ss' });
    expect(await p('example.com')).toBeUndefined();
    expect(await p('registry.example.com:5000')).toBeUndefined();
    expect(await p('id.example.com')).toEqual({ identityToken: 'idt' });
    expect(await p('rt.example.com')).toEqual({ registryToken: 'rtok' });
    expect(await p('registry-1.docker.io')).toEqual({ username: 'hub', password: 'hubpw' });
  });

  it('prefers credHelpers, then credsStore, then auths', async () => {
    const env = envWith({
      credHelpers: { 'helper.example.com': 'fake', 'token.example.com': 'fake' },
      credsStore: 'fake',
      auths: { 'other.example.com': { auth: b64('o:p') }, 'helper.example.com': { auth: b64('no:no') } },
    });
    const p = dockerConfigCredentials(env);
    expect(await p('helper.example.com')).toEqual({ username: 'hu', password: 'hs' });
    expect(await p('token.example.com')).toEqual({ identityToken: 'refresh-1' });
    expect(await p('registry-1.docker.io')).toEqual({ username: 'hubuser', password: 'hubpass' });
    // the store has nothing for it: auths answers
    expect(await p('other.example.com')).toEqual({ username: 'o', password: 'p' });
    expect(await p('none.example.com')).toBeUndefined();
  });

  it('reports missing, failing and slow helpers and a malformed config', async () => {
    const missing = dockerConfigCredentials(envWith({ credsStore: 'nosuchhelper' }));
    await expect(missing('x.io')).rejects.toMatchObject({ code: 'DOCKER_CREDENTIAL_HELPER_FAILED' });
    const broken = dockerConfigCredentials(envWith({ credHelpers: { 'x.io': 'broken' } }));
    const err = await broken('x.io').catch((e: unknown) => e);
    expect((err as GateError).message).toContain('boom');
    await expect(
      runCredentialHelper('fake', 'slow.example.com', { timeoutMs: 200, env: envWith({}) }),
    ).rejects.toMatchObject({ code: 'DOCKER_CREDENTIAL_HELPER_FAILED' });
    await expect(runCredentialHelper('../evil', 'x', {})).rejects.toBeInstanceOf(GateError);
    const cfgDir = fs.mkdtempSync(path.join(dir, 'bad-'));
    fs.writeFileSync(path.join(cfgDir, 'config.json'), '{not json');
    await expect(dockerConfigCredentials({ DOCKER_CONFIG: cfgDir })('x.io')).rejects.toMatchObject({
      code: 'DOCKER_CONFIG_INVALID',
    });
    expect(await dockerConfigCredentials({ DOCKER_CONFIG: path.join(dir, 'none') })('x.io')).toBeUndefined();
  });
});

describe('podman, buildah and skopeo login files', () => {
  it('reads REGISTRY_AUTH_FILE, then $XDG_RUNTIME_DIR/containers/auth.json, then ~/.config/containers/auth.json, after the Docker config', async () => {
    const home = fs.mkdtempSync(path.join(dir, 'home-'));
    const runtime = fs.mkdtempSync(path.join(dir, 'run-'));
    const write = (file: string, auths: Record<string, string>): void => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(
        file,
        JSON.stringify({
          auths: Object.fromEntries(Object.entries(auths).map(([h, up]) => [h, { auth: b64(up) }])),
        }),
      );
    };
    const explicit = path.join(dir, 'explicit-auth.json');
    write(explicit, { 'a.io': 'file:a' });
    write(path.join(runtime, 'containers', 'auth.json'), { 'a.io': 'runtime:a', 'b.io': 'runtime:b' });
    write(path.join(home, '.config', 'containers', 'auth.json'), { 'b.io': 'home:b', 'c.io': 'home:c' });
    const env = { HOME: home, XDG_RUNTIME_DIR: runtime, REGISTRY_AUTH_FILE: explicit };
    const p = containersAuthCredentials(env);
    expect(await p('a.io')).toEqual({ username: 'file', password: 'a' });
    expect(await p('b.io')).toEqual({ username: 'runtime', password: 'b' });
    expect(await p('c.io')).toEqual({ username: 'home', password: 'c' });
    expect(await p('d.io')).toBeUndefined();
    // In the default chain they come after the Docker config.
    const chain = defaultCredentials({ env: envWith({ auths: { 'a.io': { auth: b64('docker:a') } } }, env) });
    expect(await chain('a.io')).toEqual({ username: 'docker', password: 'a' });
    expect(await chain('c.io')).toEqual({ username: 'home', password: 'c' });
    // A broken login file is an input error naming it, not a silent anonymous push.
    fs.writeFileSync(explicit, '[');
    await expect(containersAuthCredentials(env)('a.io')).rejects.toMatchObject({
      code: 'DOCKER_CONFIG_INVALID',
      message: expect.stringContaining(explicit) as unknown,
    });
  });
});

describe('GitLab variables', () => {
  const env = {
    GITLAB_CI: 'true',
    CI_REGISTRY: 'gitlab.example.com:5050',
    CI_REGISTRY_USER: 'gitlab-ci-token',
    CI_REGISTRY_PASSWORD: 'jobtoken',
    HARBOR_HOST: 'https://harbor.example.com/',
    HARBOR_USERNAME: 'robot$proj+ci',
    HARBOR_PASSWORD: 'robotpw',
  };
  it('maps CI_REGISTRY and HARBOR_HOST (a URL) to their credentials, hosts compared exactly', async () => {
    const p = gitlabCredentials(env);
    expect(await p('gitlab.example.com:5050')).toEqual({ username: 'gitlab-ci-token', password: 'jobtoken' });
    expect(await p('gitlab.example.com')).toBeUndefined();
    expect(await p('harbor.example.com')).toEqual({ username: 'robot$proj+ci', password: 'robotpw' });
    expect(await p('harbor.example.com.evil')).toBeUndefined();
    expect(await gitlabCredentials({ ...env, GITLAB_CI: 'false' })('harbor.example.com')).toBeUndefined();
  });

  it('is overridden by explicit credentials; the Docker config comes last', async () => {
    const base = envWith(
      { auths: { 'harbor.example.com': { auth: b64('cfg:cfg') }, 'd.io': { auth: b64('d:d') } } },
      env,
    );
    const redactor = new Redactor();
    const explicit = defaultCredentials({
      env: base,
      username: 'me',
      password: 'mine',
      hosts: ['harbor.example.com'],
      redactor,
    });
    expect(await explicit('harbor.example.com')).toEqual({ username: 'me', password: 'mine' });
    expect(redactor.redact('x mine x')).toBe('x *** x');
    const fromEnv = defaultCredentials({
      env: { ...base, HARBOR_GATE_USERNAME: 'eu', HARBOR_GATE_PASSWORD: 'ep' },
    });
    expect(await fromEnv('anything.io')).toEqual({ username: 'eu', password: 'ep' });
    const implicit = defaultCredentials({ env: base });
    expect(await implicit('harbor.example.com')).toEqual({ username: 'robot$proj+ci', password: 'robotpw' });
    expect(await implicit('d.io')).toEqual({ username: 'd', password: 'd' });
    expect(() => defaultCredentials({ env: {}, username: 'only-user' })).toThrow(GateError);
  });
});
