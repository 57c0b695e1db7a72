/**
 * Secrets: known credentials (registry password, Harbor password, bearer tokens from a token
 * server, the signing-key password, an identity token) go through the success path and each
 * failure path with --debug on; none may appear in stdout, stderr, a report file, an error
 * message, or the Action's outputs, and the Action masks them. Credentials never follow a redirect
 * to another origin, never go over plain HTTP to a non-loopback host, and bearer realms are checked.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, type ActionIO } from '../../src/action/main.js';
import { main } from '../../src/cli/main.js';
import { GateError } from '../../src/errors.js';
import { HttpClient } from '../../src/http/client.js';
import { validateRealm } from '../../src/oci/auth.js';
import { RegistryClient } from '../../src/oci/registry.js';
import { generateCosignKeyPair } from '../../src/sign/keys.js';
import { writeOciLayout, type WrittenImage } from '../fixtures/images.js';
import { startFaultProxy } from '../servers/fault-proxy.js';
import { startRegistry, type TestRegistry } from '../servers/registry.js';
import { captureIO, capturingLogger } from './faults-helpers.js';

const USER = 'robot$proj+ci';
const HARBOR_USER = 'robot$harbor+ci';
const REG_PASSWORD = 'reg-S3cret-pw-91a';
const WRONG_PASSWORD = 'wrong-S3cret-pw-22b';
const KEY_PASSWORD = 'key-S3cret-pw-33c';
const HARBOR_PASSWORD = 'harbor-S3cret-pw-44d';
const BEARER = 'tok-Bearer-S3cret-55e';
const ID_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzZWNyZXQtNjZmIn0.c2lnLXNlY3JldC02NmY';

const SECRETS = [REG_PASSWORD, WRONG_PASSWORD, KEY_PASSWORD, HARBOR_PASSWORD, BEARER, ID_TOKEN];
/** The encoded forms a careless log line would carry. */
const ENCODED = [
  Buffer.from(`${USER}:${REG_PASSWORD}`).toString('base64'),
  Buffer.from(`${USER}:${WRONG_PASSWORD}`).toString('base64'),
  Buffer.from(`${HARBOR_USER}:${HARBOR_PASSWORD}`).toString('base64'),
];

let registry: TestRegistry;
let tmp: string;
let image: WrittenImage;
let keyFile: string;
let sbomFile: string;
let paths = 0;

function expectNoSecret(where: string, text: string): void {
  for (const s of [...SECRETS, ...ENCODED]) expect(text, `${where} leaks ${s.slice(0, 8)}…`).not.toContain(s);
}

function reportFiles(dir: string): string[] {
  return ['report.json', 'report.sarif', 'junit.xml', 'summary.md', 'gl.json', 'report.html']
    .map((f) => path.join(dir, f))
    .filter((f) => fs.existsSync(f));
}

interface RunOutput {
  exit: number;
  stdout: string;
  stderr: string;
  /** Report files written, with their content. */
  reports: Record<string, string>;
}

/** Every place a secret showed up in a run's outputs, e.g. `stderr: reg-S3cr…`. */
function leaks(r: RunOutput): string[] {
  const found: string[] = [];
  const places: [string, string][] = [
    ['stdout', r.stdout],
    ['stderr', r.stderr],
    ...Object.entries(r.reports).map(([f, c]): [string, string] => [f, c]),
  ];
  for (const [where, text] of places) {
    for (const s of [...SECRETS, ...ENCODED]) if (text.includes(s)) found.push(`${where}: ${s.slice(0, 8)}…`);
  }
  return found;
}

/** Run the gate with --debug and every report format; stack traces only as --debug causes. */
async function gate(name: string, args: string[], env: Record<string, string>): Promise<RunOutput> {
  const dir = fs.mkdtempSync(path.join(tmp, 'run-'));
  const io = captureIO({ cwd: dir });
  const exit = await main(
    [
      'gate',
      ...args,
      '--debug',
      '--json-report',
      path.join(dir, 'report.json'),
      '--sarif',
      path.join(dir, 'report.sarif'),
      '--junit',
      path.join(dir, 'junit.xml'),
      '--summary',
      path.join(dir, 'summary.md'),
      '--gitlab-report',
      path.join(dir, 'gl.json'),
    ],
    { PATH: process.env.PATH ?? '', HOME: tmp, DOCKER_CONFIG: tmp, ...env },
    io,
  );
  const reports: Record<string, string> = {};
  for (const f of reportFiles(dir)) reports[path.basename(f)] = fs.readFileSync(f, 'utf8');
  const stderr = io.err.join('');
  // With --debug the causes follow the error (CLI.md); outside them, no stack frames.
  expect(stderr.split(/^ {2}cause: /m)[0], name).not.toMatch(/^\s+at /m);
  paths++;
  return { exit, stdout: io.out.join(''), stderr, reports };
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-secrets-'));
  registry = await startRegistry({ htpasswd: { [USER]: REG_PASSWORD, [HARBOR_USER]: HARBOR_PASSWORD } });
  image = await writeOciLayout(path.join(tmp, 'img'), { layers: 2, seed: 'secrets', random: true });
  keyFile = path.join(tmp, 'cosign.key');
  fs.writeFileSync(keyFile, generateCosignKeyPair(KEY_PASSWORD, { N: 32768 }).privateKeyPem);
  sbomFile = path.join(tmp, 'sbom.cdx.json');
  fs.writeFileSync(
    sbomFile,
    JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      version: 1,
      metadata: { timestamp: '2025-01-01T00:00:00Z' },
      components: [{ type: 'library', name: 'left-pad', version: '1.3.0' }],
    }),
  );
}, 60_000);

afterAll(async () => {
  await registry.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
  console.log(`secret paths checked: ${paths}`);
});

describe('CLI paths with --debug', () => {
  it('success: push, SBOM, key signing; reports written', async () => {
    const r = await gate(
      'success',
      [
        '--image',
        `${registry.host}/proj/app:v1`,
        '--source',
        `oci:${image.dir}`,
        '--username',
        USER,
        '--sbom',
        sbomFile,
        '--signing-key',
        keyFile,
        '--identity-token',
        ID_TOKEN,
        '--no-scan',
      ],
      { HARBOR_GATE_PASSWORD: REG_PASSWORD, HARBOR_GATE_KEY_PASSWORD: KEY_PASSWORD },
    );
    expect(r.exit, r.stderr + r.stdout).toBe(0);
    expect(leaks(r)).toEqual([]);
    expect(Object.keys(r.reports).length).toBeGreaterThanOrEqual(4);
    expect(r.stderr).toContain('debug:');
  });

  it('bad registry password', async () => {
    const r = await gate(
      'bad password',
      [
        '--image',
        `${registry.host}/proj/app:v2`,
        '--source',
        `oci:${image.dir}`,
        '--username',
        USER,
        '--no-sign',
        '--no-scan',
      ],
      { HARBOR_GATE_PASSWORD: WRONG_PASSWORD },
    );
    expect(r.exit, r.stderr).toBe(2);
    expect(leaks(r)).toEqual([]);
    expect(r.stderr).toMatch(/\[(REGISTRY_UNAUTHORIZED|AUTH_FAILED)\]/);
  });

  it('password from --password-stdin, wrong', async () => {
    const io = captureIO({ stdin: `${WRONG_PASSWORD}\n`, cwd: tmp });
    const exit = await main(
      [
        'gate',
        '--image',
        `${registry.host}/proj/app:v3`,
        '--username',
        USER,
        '--password-stdin',
        '--no-sign',
        '--no-scan',
        '--debug',
      ],
      { PATH: process.env.PATH ?? '', HOME: tmp, DOCKER_CONFIG: tmp },
      io,
    );
    expect(exit).toBe(2);
    expectNoSecret('stdin: stderr', io.err.join(''));
    expectNoSecret('stdin: stdout', io.out.join(''));
    paths++;
  });

  it('GitLab CI: the Harbor robot from HARBOR_USERNAME/HARBOR_PASSWORD pushes', async () => {
    const r = await gate(
      'gitlab harbor password',
      ['--image', `${registry.host}/proj/app:v5`, '--source', `oci:${image.dir}`, '--no-sign', '--no-scan'],
      {
        GITLAB_CI: 'true',
        HARBOR_HOST: registry.host,
        HARBOR_USERNAME: HARBOR_USER,
        HARBOR_PASSWORD,
        CI_REGISTRY: 'gitlab.example.com',
        CI_REGISTRY_USER: 'gitlab-ci-token',
        CI_REGISTRY_PASSWORD: WRONG_PASSWORD,
      },
    );
    // Only HARBOR_HOST's credentials can push here: exit 0 proves they were used.
    expect(r.exit, r.stderr).toBe(0);
    expect(leaks(r)).toEqual([]);
  });

  it('unreachable host', async () => {
    const r = await gate(
      'unreachable',
      ['--image', '127.0.0.1:9/proj/app:v1', '--username', USER, '--no-sign', '--no-scan'],
      { HARBOR_GATE_PASSWORD: REG_PASSWORD },
    );
    expect(r.exit, r.stderr).toBe(3);
    expect(leaks(r)).toEqual([]);
    expect(r.stderr).toContain('127.0.0.1:9');
  }, 60_000);

  it('bad key password', async () => {
    const r = await gate(
      'bad key password',
      [
        '--image',
        `${registry.host}/proj/app:v4`,
        '--source',
        `oci:${image.dir}`,
        '--username',
        USER,
        '--signing-key',
        keyFile,
        '--no-scan',
      ],
      { HARBOR_GATE_PASSWORD: REG_PASSWORD, HARBOR_GATE_KEY_PASSWORD: WRONG_PASSWORD },
    );
    expect(r.exit, r.stderr).toBe(2);
    expect(leaks(r)).toEqual([]);
    expect(r.stderr).toContain('[SIGN_KEY_PASSWORD]');
  });

  it('keyless signing with an identity token against an unreachable Fulcio', async () => {
    const r = await gate(
      'identity token',
      [
        '--image',
        `${registry.host}/proj/app:v1`,
        '--username',
        USER,
        '--identity-token',
        ID_TOKEN,
        '--fulcio-url',
        'http://127.0.0.1:9',
        '--rekor-url',
        'http://127.0.0.1:9',
        '--no-scan',
      ],
      { HARBOR_GATE_PASSWORD: REG_PASSWORD },
    );
    expect([2, 3]).toContain(r.exit);
    expect(leaks(r)).toEqual([]);
  }, 90_000);

  /** A Harbor that answers 500 and echoes the decoded Basic credentials in its error body. */
  async function echoingHarborRun(): Promise<{ r: RunOutput; sawBasic: boolean }> {
    const seen: string[] = [];
    const harbor = http.createServer((req, res) => {
      seen.push(req.headers.authorization ?? '');
      req.resume();
      const auth = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
      const body = JSON.stringify({ errors: [{ code: 'UNKNOWN', message: `internal error for ${auth}` }] });
      res.writeHead(500, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
    await new Promise<void>((r) => harbor.listen(0, '127.0.0.1', r));
    const port = (harbor.address() as { port: number }).port;
    try {
      const r = await gate(
        'scan error',
        [
          '--image',
          `${registry.host}/proj/app:v1`,
          '--username',
          USER,
          '--harbor-url',
          `http://127.0.0.1:${port}`,
          '--no-sign',
          '--scan-timeout',
          '20s',
        ],
        { HARBOR_GATE_PASSWORD: REG_PASSWORD },
      );
      return { r, sawBasic: seen.some((h) => h.startsWith('Basic ')) };
    } finally {
      harbor.closeAllConnections();
      await new Promise((r) => harbor.close(r));
    }
  }

  it('scan error from a Harbor that echoes the credentials: exit 3, nothing on stdout/stderr', async () => {
    const { r, sawBasic } = await echoingHarborRun();
    expect(r.exit, r.stderr + r.stdout).toBe(3);
    // The server did get the credentials, so its error body carried the password.
    expect(sawBasic).toBe(true);
    expect(leaks({ ...r, reports: {} })).toEqual([]);
  }, 90_000);

  // Found by this suite: report files were written without the redactor, so a secret echoed in a
  // step's error message landed in report.json/SARIF/JUnit/summary. Fixed in runGate.
  it('the same run keeps the echoed password out of every report file', async () => {
    const { r } = await echoingHarborRun();
    expect(Object.keys(r.reports).length).toBeGreaterThan(0);
    expect(leaks({ ...r, stdout: '', stderr: '' })).toEqual([]);
  }, 90_000);
});

describe('bearer tokens from a token server', () => {
  /** A registry front with its own token server; `deny` answers 403 (echoing the token) after auth. */
  async function withBearerRegistry(deny: boolean, f: (host: string) => Promise<void>): Promise<number> {
    const manifest = fs.readFileSync(path.join(image.dir, 'blobs/sha256', image.rootDigest.slice(7)));
    let tokenRequests = 0;
    const srv = http.createServer((req, res) => {
      req.resume();
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/token') {
        tokenRequests++;
        const ok =
          req.headers.authorization === `Basic ${Buffer.from(`${USER}:${REG_PASSWORD}`).toString('base64')}`;
        res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
        res.end(ok ? JSON.stringify({ token: BEARER, expires_in: 300 }) : '{}');
        return;
      }
      if (req.headers.authorization !== `Bearer ${BEARER}`) {
        const port = (srv.address() as { port: number }).port;
        res.writeHead(401, {
          'www-authenticate': `Bearer realm="http://127.0.0.1:${port}/token",service="test"`,
          'content-type': 'application/json',
        });
        res.end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}');
        return;
      }
      if (deny) {
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end(`{"errors":[{"code":"DENIED","message":"token ${BEARER} lacks pull"}]}`);
        return;
      }
      res.writeHead(200, {
        'content-type': image.rootMediaType,
        'docker-content-digest': image.rootDigest,
        'content-length': String(manifest.length),
      });
      res.end(req.method === 'HEAD' ? undefined : manifest);
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    try {
      await f(`127.0.0.1:${(srv.address() as { port: number }).port}`);
    } finally {
      srv.closeAllConnections();
      await new Promise((r) => srv.close(r));
    }
    return tokenRequests;
  }

  const args = (host: string): string[] => [
    '--image',
    `${host}/proj/app:v1`,
    '--username',
    USER,
    '--no-sign',
    '--no-scan',
  ];

  it('the issued token is used but never printed (success, --debug)', async () => {
    const tokens = await withBearerRegistry(false, async (host) => {
      const r = await gate('bearer success', args(host), { HARBOR_GATE_PASSWORD: REG_PASSWORD });
      expect(r.exit, r.stderr).toBe(0);
      expect(leaks(r)).toEqual([]);
    });
    expect(tokens).toBeGreaterThan(0);
  });

  it('a 403 after the token: exit 2, REGISTRY_DENIED', async () => {
    await withBearerRegistry(true, async (host) => {
      const r = await gate('bearer denied', args(host), { HARBOR_GATE_PASSWORD: REG_PASSWORD });
      expect(r.exit, r.stderr).toBe(2);
      expect(r.stderr).toContain('[REGISTRY_DENIED]');
      expect(r.stderr).not.toContain(REG_PASSWORD);
    });
  });

  // Found by this suite: tokens issued at run time were not registered with the redactor, so a
  // registry error body that echoed the token was printed. The Authenticator now registers them.
  it('a registry error echoing the issued token does not print it', async () => {
    await withBearerRegistry(true, async (host) => {
      const r = await gate('bearer denied', args(host), { HARBOR_GATE_PASSWORD: REG_PASSWORD });
      expect(leaks(r)).toEqual([]);
    });
  });
});

describe('the GitHub Action adapter', () => {
  it('masks every secret with setSecret and keeps them out of outputs, logs and the summary', async () => {
    const inputs: Record<string, string> = {
      image: `${registry.host}/proj/action:v1`,
      source: `oci:${image.dir}`,
      username: USER,
      password: REG_PASSWORD,
      'key-password': KEY_PASSWORD,
      'signing-key': keyFile,
      sbom: sbomFile,
      scan: 'false',
      'job-summary': 'true',
      debug: 'true',
      'json-report': path.join(tmp, 'action-report.json'),
    };
    const masked: string[] = [];
    const outputs: Record<string, string> = {};
    const logger = capturingLogger();
    const summaries: string[] = [];
    const failures: string[] = [];
    const annotations: string[] = [];
    const io: ActionIO = {
      getInput: (n) => inputs[n] ?? '',
      setOutput: (n, v) => {
        outputs[n] = String(v);
      },
      setSecret: (s) => masked.push(s),
      setFailed: (m) => failures.push(m),
      writeSummary: (md) => {
        summaries.push(md);
        return Promise.resolve();
      },
      annotate: (_k, m, t) => annotations.push(`${t ?? ''} ${m}`),
      print: (text) => {
        logger.info(text);
      },
      startGroup: (name) => {
        logger.info(`group ${name}`);
      },
      endGroup: () => undefined,
      logger,
      isDebug: () => true,
    };
    const exit = await runAction(io, {
      PATH: process.env.PATH ?? '',
      HOME: tmp,
      DOCKER_CONFIG: tmp,
      SIGSTORE_ID_TOKEN: ID_TOKEN,
    });
    expect(exit, [...logger.lines, ...failures].join('\n')).toBe(0);
    expect(masked).toEqual(expect.arrayContaining([REG_PASSWORD, KEY_PASSWORD, ID_TOKEN]));
    expect(outputs.digest).toBe(image.rootDigest);
    const all = [
      JSON.stringify(outputs),
      logger.lines.join('\n'),
      summaries.join('\n'),
      failures.join('\n'),
      annotations.join('\n'),
      fs.readFileSync(path.join(tmp, 'action-report.json'), 'utf8'),
    ].join('\n');
    expectNoSecret('action', all);
    paths++;
  });
});

describe('transport rules', () => {
  it('credentials never follow a redirect to another origin', async () => {
    const proxy = await startFaultProxy({ target: registry.url, rate: 1, kinds: ['redirect'] });
    try {
      const r = await gate(
        'redirect',
        ['--image', `${proxy.host}/proj/app:v1`, '--username', USER, '--no-sign', '--no-scan'],
        { HARBOR_GATE_PASSWORD: REG_PASSWORD },
      );
      expect(r.exit, r.stderr).toBe(0);
      expect(leaks(r)).toEqual([]);
      expect(proxy.counts().redirect).toBeGreaterThan(0);
      expect(proxy.redirect.requests).toBeGreaterThan(0);
      expect(proxy.redirect.credentialsSeen).toEqual([]);
    } finally {
      await proxy.stop();
    }
  });

  it('a non-loopback registry is reached over https unless --plain-http', () => {
    const http1 = new HttpClient({ env: {} });
    try {
      expect(new RegistryClient({ http: http1 }).baseUrl('registry.example.com')).toBe(
        'https://registry.example.com',
      );
      expect(new RegistryClient({ http: http1 }).baseUrl('10.0.0.5:5000')).toBe('https://10.0.0.5:5000');
      expect(
        new RegistryClient({ http: http1 }).repository('harbor.example.com', 'p/a').url('manifests/v1'),
      ).toMatch(/^https:\/\/harbor\.example\.com\/v2\/p\/a\//);
      expect(new RegistryClient({ http: http1, plainHttp: true }).baseUrl('registry.example.com')).toBe(
        'http://registry.example.com',
      );
      expect(new RegistryClient({ http: http1 }).baseUrl('127.0.0.1:5000')).toBe('http://127.0.0.1:5000');
    } finally {
      http1.close();
    }
  });

  it('bearer realms: plain http to a non-loopback host and odd schemes are refused; another https host is warned', () => {
    const refused = (realm: string): GateError => {
      try {
        validateRealm('registry.example.com', realm);
      } catch (e) {
        return e as GateError;
      }
      throw new Error(`realm ${realm} was accepted`);
    };
    for (const realm of [
      'http://registry.example.com/token',
      'http://auth.example.com/token',
      'ftp://x/token',
      'file:///etc/passwd',
      'not a url',
    ]) {
      const e = refused(realm);
      expect(e).toBeInstanceOf(GateError);
      expect(e.code).toBe('AUTH_BAD_REALM');
    }
    const logger = capturingLogger();
    const warned = new Set<string>();
    expect(validateRealm('registry.example.com', 'https://auth.example.com/token', logger, warned).host).toBe(
      'auth.example.com',
    );
    expect(logger.lines.some((l) => l.startsWith('warning:') && l.includes('auth.example.com'))).toBe(true);
    // Once per host.
    validateRealm('registry.example.com', 'https://auth.example.com/token', logger, warned);
    expect(logger.lines.filter((l) => l.includes('auth.example.com'))).toHaveLength(1);
    // Same host over https, and loopback over http: accepted without a warning.
    const quiet = capturingLogger();
    validateRealm('registry.example.com', 'https://registry.example.com/service/token', quiet);
    validateRealm('127.0.0.1:5000', 'http://127.0.0.1:5000/token', quiet);
    expect(quiet.lines).toEqual([]);
  });
});
