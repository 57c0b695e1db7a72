/**
 * Where credentials and tokens go, through the real CLI (and the Action for the summary), against
 * the Harbor-compatible server in front of the real docker-registry (`auth: token`). Each host the
 * gate may talk to sits behind a recording proxy, so the tests assert on the Authorization headers
 * (Basic, and the Basic of bearer token requests) each host actually received:
 *
 * - GitLab CI: HARBOR_USERNAME/HARBOR_PASSWORD only to HARBOR_HOST, CI_REGISTRY_USER/PASSWORD only
 *   to CI_REGISTRY (`scan` and `gate`);
 * - explicit --username + HARBOR_GATE_PASSWORD only to the image's host and the --harbor-url host,
 *   never to a redirect target or a Sigstore URL;
 * - cleartext: --harbor-url http://<not loopback> refused before any request; the registry is
 *   reached over https (CONNECT) only;
 * - identity tokens (--identity-token-file, SIGSTORE_ID_TOKEN) never printed or reported, also when
 *   Fulcio fails and echoes them;
 * - a report path that is a symlink: REPORT_SYMLINK, the target untouched, verdict error;
 * - hostile scanner text: no workflow command line and no ESC byte in any log, console or summary.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, type ActionIO } from '../../src/action/main.js';
import { GATE_PERMISSIONS, startHarborServer, type HarborServer } from '../../src/embedded/harbor/index.js';
import { sampleVulnerabilities } from '../../src/embedded/sample.js';
import { writeOciLayout } from '../fixtures/images.js';
import { runCli } from '../helpers/cli.js';
import { startFaultProxy } from '../servers/fault-proxy.js';
import { startRecordingProxy, type RecordingProxy, type SeenRequest } from '../servers/recording-proxy.js';
import { startRegistry, type TestRegistry } from '../servers/registry.js';
import {
  GITHUB_OIDC_PATH,
  GITHUB_RUNTIME_TOKEN,
  startSigstoreServices,
  type SigstoreServices,
} from '../servers/sigstore.js';
import { capturingLogger } from './faults-helpers.js';

const ROBOT = 'robot$team+ci';
const ROBOT_PASSWORD = 'harbor-Robot-S3cret-501';
const CI_USER = 'gitlab-ci-token';
const CI_PASSWORD = 'ci-Job-Token-S3cret-602';
const EXPLICIT = 'robot$team+explicit';
const EXPLICIT_PASSWORD = 'explicit-S3cret-703';

let harbor: HarborServer;
let registry: TestRegistry;
let sigstore: SigstoreServices;
let tmp: string;

/** The forms a password travels in: itself, and the Basic credentials of its user. */
function forms(user: string, password: string): string[] {
  const pair = `${user}:${password}`;
  return [
    password,
    Buffer.from(pair).toString('base64'),
    Buffer.from(pair).toString('base64').replace(/=+$/, ''),
    Buffer.from(pair).toString('base64url'),
    encodeURIComponent(password),
  ];
}

/** The forms a token travels in: itself, base64 and base64url of it, and JSON-escaped. */
function tokenForms(token: string): string[] {
  return [
    token,
    Buffer.from(token).toString('base64'),
    Buffer.from(token).toString('base64url'),
    JSON.stringify(token).slice(1, -1),
  ];
}

/** Everything a request carried that could hold a credential: every header and the body. */
function wire(r: SeenRequest): string {
  return `${r.method} ${r.path}\n${JSON.stringify(r.headers)}\n${r.body}`;
}

/** The user names of the Basic credentials a host received (token requests included). */
function basicUsers(seen: SeenRequest[]): string[] {
  const users = new Set<string>();
  for (const r of seen) {
    const auth = r.headers.authorization ?? '';
    if (!/^Basic /i.test(auth)) continue;
    users.add(Buffer.from(auth.slice(6), 'base64').toString().split(':')[0] ?? '');
  }
  return [...users].sort();
}

function carries(seen: SeenRequest[], secrets: string[]): string[] {
  const found: string[] = [];
  for (const r of seen) for (const s of secrets) if (wire(r).includes(s)) found.push(`${r.method} ${r.path}`);
  return found;
}

/** A fresh image whose digest is known before the push (so its scan can be scripted). */
async function image(name: string): Promise<{ dir: string; digest: string }> {
  const dir = path.join(tmp, `layout-${name}-${crypto.randomUUID()}`);
  const img = await writeOciLayout(dir, { layers: 1, layerSize: 1024, random: true, seed: `${name}-${dir}` });
  return { dir, digest: img.rootDigest };
}

/** A Harbor host of its own: a recording proxy in front of the one Harbor (token realm included). */
async function withHarborHost<T>(f: (p: RecordingProxy) => Promise<T>): Promise<T> {
  const p = await startRecordingProxy({ target: harbor.url });
  try {
    return await f(p);
  } finally {
    await p.stop();
  }
}

async function cli(
  args: string[],
  env: Record<string, string>,
  cwd = tmp,
): Promise<{ code: number; out: string; err: string }> {
  return runCli(args, { PATH: process.env.PATH ?? '', HOME: tmp, DOCKER_CONFIG: tmp, ...env }, { cwd });
}

/** Push `img` to `host` as the explicit user (setup for `scan`), outside any recording. */
async function pushDirect(img: { dir: string }, ref: string): Promise<void> {
  const r = await cli(['push', '--image', ref, '--source', `oci:${img.dir}`, '--username', EXPLICIT], {
    HARBOR_GATE_PASSWORD: EXPLICIT_PASSWORD,
  });
  expect(r.code, r.err).toBe(0);
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-credscope-'));
  harbor = await startHarborServer({
    projects: [{ name: 'team' }],
    users: [
      { username: ROBOT, password: ROBOT_PASSWORD, permissions: { team: GATE_PERMISSIONS } },
      { username: CI_USER, password: CI_PASSWORD, permissions: { team: GATE_PERMISSIONS } },
      { username: EXPLICIT, password: EXPLICIT_PASSWORD, permissions: { team: GATE_PERMISSIONS } },
    ],
    defaultScript: { durationMs: 20, vulnerabilities: sampleVulnerabilities() },
  });
  const cert = path.join(tmp, 'token.crt');
  fs.writeFileSync(cert, harbor.certPem);
  registry = await startRegistry({ token: { ...harbor.tokenAuth, rootcertbundle: cert } });
  harbor.setBackend(registry.url);
  sigstore = await startSigstoreServices();
}, 60_000);

afterAll(async () => {
  await sigstore.close();
  await harbor.stop();
  await registry.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('GitLab CI: each pair of variables goes to its own host only', () => {
  const gitlab = (harborHost: string, ciRegistry: string): Record<string, string> => ({
    GITLAB_CI: 'true',
    HARBOR_HOST: harborHost,
    HARBOR_USERNAME: ROBOT,
    HARBOR_PASSWORD: ROBOT_PASSWORD,
    CI_REGISTRY: ciRegistry,
    CI_REGISTRY_USER: CI_USER,
    CI_REGISTRY_PASSWORD: CI_PASSWORD,
  });
  const gateArgs = (ref: string, dir: string): string[] => [
    'gate',
    '--image',
    ref,
    '--source',
    `oci:${dir}`,
    '--no-sign',
    '--json',
  ];

  it('gate: HARBOR_HOST and CI_REGISTRY name other hosts, so the image host receives neither', async () => {
    const img = await image('gl-none');
    await withHarborHost(async (p) => {
      const r = await cli(
        gateArgs(`${p.host}/team/app:1`, img.dir),
        gitlab('harbor.invalid', 'registry.invalid'),
      );
      // Anonymous: Harbor's preflight refuses, before anything is pushed.
      expect(r.code, r.err).toBe(2);
      expect(p.seen.length).toBeGreaterThan(0);
      expect(basicUsers(p.seen)).toEqual([]);
      expect(carries(p.seen, [...forms(ROBOT, ROBOT_PASSWORD), ...forms(CI_USER, CI_PASSWORD)])).toEqual([]);
      // Every request went to the image host anonymously, and nothing was uploaded.
      expect(p.seen.map((s) => s.headers.authorization ?? 'none')).toEqual(p.seen.map(() => 'none'));
      expect(p.seen.filter((s) => s.method !== 'GET' && s.method !== 'HEAD')).toEqual([]);
    });
  });

  it('gate: HARBOR_HOST is the image host: the Harbor robot pushes and scans, the CI job token stays home', async () => {
    const img = await image('gl-harbor');
    await withHarborHost(async (p) => {
      const r = await cli(gateArgs(`${p.host}/team/app:2`, img.dir), gitlab(p.host, 'registry.invalid'));
      expect(r.code, r.err).toBe(1); // the sample findings breach the default policy
      expect((JSON.parse(r.out) as { steps: { scan: { status: string } } }).steps.scan.status).toBe('ok');
      expect(basicUsers(p.seen)).toEqual([ROBOT]);
      // Basic to the token service (registry) and to Harbor's API (scan).
      expect(p.seen.some((s) => s.path.startsWith('/service/token') && s.headers.authorization)).toBe(true);
      expect(p.seen.some((s) => s.path.startsWith('/api/v2.0/') && s.headers.authorization)).toBe(true);
      expect(carries(p.seen, forms(CI_USER, CI_PASSWORD))).toEqual([]);
    });
  });

  it('gate: CI_REGISTRY is the image host: the CI job token is used, the Harbor robot is not', async () => {
    const img = await image('gl-ci');
    await withHarborHost(async (p) => {
      const r = await cli(gateArgs(`${p.host}/team/app:3`, img.dir), gitlab('harbor.invalid', p.host));
      expect(r.code, r.err).toBe(1);
      expect(basicUsers(p.seen)).toEqual([CI_USER]);
      expect(carries(p.seen, forms(ROBOT, ROBOT_PASSWORD))).toEqual([]);
    });
  });

  it('scan: the same rules for Harbor API calls', async () => {
    const img = await image('gl-scan');
    await withHarborHost(async (p) => {
      const ref = `${p.host}/team/scan@${img.digest}`;
      await pushDirect(img, `${p.host}/team/scan:1`);
      p.seen.length = 0;

      const other = await cli(
        ['scan', '--image', ref, '--json'],
        gitlab('harbor.invalid', 'registry.invalid'),
      );
      expect(other.code, other.err).toBe(2);
      expect(p.seen.length).toBeGreaterThan(0);
      expect(basicUsers(p.seen)).toEqual([]);
      expect(carries(p.seen, [...forms(ROBOT, ROBOT_PASSWORD), ...forms(CI_USER, CI_PASSWORD)])).toEqual([]);

      p.seen.length = 0;
      const own = await cli(['scan', '--image', ref, '--json'], gitlab(p.host, 'registry.invalid'));
      expect(own.code, own.err).toBe(0);
      expect(JSON.parse(own.out)).toMatchObject({ digest: img.digest, status: 'Success' });
      expect(basicUsers(p.seen)).toEqual([ROBOT]);
      expect(carries(p.seen, forms(CI_USER, CI_PASSWORD))).toEqual([]);
    });
  });
});

describe('explicit credentials go to the image host and the --harbor-url host only', () => {
  it('never to a Sigstore URL (Fulcio/Rekor on a third host)', async () => {
    const img = await image('explicit');
    const fulcio = await startRecordingProxy({ status: 500 });
    const api = await startRecordingProxy({ target: harbor.url });
    try {
      await withHarborHost(async (p) => {
        const tokenFile = path.join(tmp, `token-${crypto.randomUUID()}`);
        fs.writeFileSync(tokenFile, sigstore.token());
        const r = await cli(
          [
            'gate',
            '--image',
            `${p.host}/team/explicit:1`,
            '--source',
            `oci:${img.dir}`,
            '--username',
            EXPLICIT,
            '--harbor-url',
            api.url,
            '--identity-token-file',
            tokenFile,
            '--fulcio-url',
            fulcio.url,
            '--rekor-url',
            fulcio.url,
          ],
          { HARBOR_GATE_PASSWORD: EXPLICIT_PASSWORD },
        );
        // Fulcio refused: the signing step failed (infrastructure), the rest ran.
        expect(r.code, r.err).toBe(3);
        expect(basicUsers(p.seen)).toEqual([EXPLICIT]);
        expect(basicUsers(api.seen)).toEqual([EXPLICIT]);
        expect(fulcio.seen.length).toBeGreaterThan(0);
        expect(basicUsers(fulcio.seen)).toEqual([]);
        expect(carries(fulcio.seen, forms(EXPLICIT, EXPLICIT_PASSWORD))).toEqual([]);
        for (const f of forms(EXPLICIT, EXPLICIT_PASSWORD)) expect(r.out + r.err).not.toContain(f);
      });
    } finally {
      await fulcio.stop();
      await api.stop();
    }
  });

  it('never to a redirect target on another origin', async () => {
    const img = await image('redirect');
    const api = await startRecordingProxy({ target: harbor.url });
    // CLI -> fault proxy (redirects every /v2/ GET and HEAD) -> Harbor; the token realm is Harbor's
    // own host, which is the --harbor-url host here. The redirect target answers every request
    // with a Bearer challenge of its own (realm: itself). The run holds a registry token from the
    // push check before its first HEAD, so the challenge comes from the target itself, not from an
    // anonymous request relayed to Harbor.
    const front = await startFaultProxy({
      target: harbor.url,
      rate: 1,
      kinds: ['redirect'],
      redirectChallenge: true,
    });
    try {
      const ref = `${front.host}/team/redirect:1`;
      const r = await cli(
        [
          'gate',
          '--image',
          ref,
          '--source',
          `oci:${img.dir}`,
          '--username',
          EXPLICIT,
          '--harbor-url',
          harbor.url,
          '--no-sign',
          '--no-scan',
        ],
        { HARBOR_GATE_PASSWORD: EXPLICIT_PASSWORD },
      );
      // The redirect target asks for a token of its own: that challenge is not answered (its realm
      // is not the registry's word), so the run stops with a clear error and sends nothing there.
      expect(r.code, r.err).toBe(2);
      expect(r.err).toContain('REGISTRY_REDIRECT_AUTH');
      expect(front.counts().redirect).toBeGreaterThan(0);
      expect(front.redirect.requests).toBeGreaterThan(0);
      expect(front.redirect.credentialsSeen).toEqual([]);
    } finally {
      await front.stop();
      await api.stop();
    }
  });

  it('a redirect target that serves pre-signed URLs gets no credential, and the push goes through', async () => {
    const img = await image('presigned');
    // The target serves what the one-time key in its URL names, with the Authorization the
    // registry kept server-side: it never asks, and a correct client sends it nothing.
    const front = await startFaultProxy({ target: harbor.url, rate: 1, kinds: ['redirect'] });
    try {
      const ref = `${front.host}/team/presigned:1`;
      const r = await cli(
        [
          'gate',
          '--image',
          ref,
          '--source',
          `oci:${img.dir}`,
          '--username',
          EXPLICIT,
          '--harbor-url',
          harbor.url,
          '--no-sign',
          '--no-scan',
        ],
        { HARBOR_GATE_PASSWORD: EXPLICIT_PASSWORD },
      );
      expect(r.code, r.err).toBe(0);
      expect(front.counts().redirect).toBeGreaterThan(0);
      expect(front.redirect.requests).toBe(front.counts().redirect);
      expect(front.redirect.credentialsSeen).toEqual([]);
    } finally {
      await front.stop();
    }
  });
});

/** A forward proxy that records what it is asked and forwards nothing (no request leaves 127.0.0.1). */
async function deadEndProxy(): Promise<{ url: string; seen: string[]; stop(): Promise<void> }> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method ?? ''} ${req.url ?? ''} auth=${req.headers.authorization ?? 'none'}`);
    res.writeHead(403);
    res.end();
  });
  server.on('connect', (req: http.IncomingMessage, socket: import('node:net').Socket) => {
    seen.push(`CONNECT ${req.url ?? ''} auth=${req.headers.authorization ?? 'none'}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    seen,
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => {
          r();
        });
      }),
  };
}

describe('no credentials in clear text to a host that is not loopback', () => {
  it('--harbor-url http://harbor.invalid without --plain-http: HARBOR_CLEARTEXT_CREDENTIALS, exit 2, no request', async () => {
    const img = await image('cleartext');
    const proxy = await deadEndProxy();
    try {
      await withHarborHost(async (p) => {
        for (const command of ['gate', 'scan']) {
          const r = await cli(
            [
              command,
              '--image',
              command === 'gate' ? `${p.host}/team/clear:1` : `${p.host}/team/clear@${img.digest}`,
              ...(command === 'gate' ? ['--source', `oci:${img.dir}`, '--no-sign'] : []),
              '--username',
              EXPLICIT,
              '--harbor-url',
              'http://harbor.invalid',
            ],
            // Every request to a host that is not loopback would go through the proxy.
            {
              HARBOR_GATE_PASSWORD: EXPLICIT_PASSWORD,
              HTTP_PROXY: proxy.url,
              HTTPS_PROXY: proxy.url,
              NO_PROXY: '127.0.0.1',
            },
          );
          expect(r.code, r.err).toBe(2);
          expect(r.err).toContain('[HARBOR_CLEARTEXT_CREDENTIALS]');
          expect(r.err).toContain('--plain-http');
        }
        // Refused while resolving the options: neither the registry nor Harbor was contacted.
        expect(p.seen).toEqual([]);
        expect(proxy.seen).toEqual([]);
      });
    } finally {
      await proxy.stop();
    }
  });

  it('a registry that is not loopback is reached over https only (a CONNECT tunnel), never plain http', async () => {
    const img = await image('registry-https');
    const proxy = await deadEndProxy();
    try {
      const r = await cli(
        [
          'gate',
          '--image',
          'registry.invalid/team/app:1',
          '--source',
          `oci:${img.dir}`,
          '--username',
          EXPLICIT,
          '--no-sign',
          '--no-scan',
        ],
        {
          HARBOR_GATE_PASSWORD: EXPLICIT_PASSWORD,
          HTTP_PROXY: proxy.url,
          HTTPS_PROXY: proxy.url,
          NO_PROXY: '127.0.0.1',
        },
      );
      // The proxy refused the tunnel (403, which the gate reports as the registry's refusal): the
      // run fails, and the only thing the proxy was ever asked was a TLS tunnel without credentials.
      expect([2, 3], r.err).toContain(r.code);
      expect(proxy.seen.length).toBeGreaterThan(0);
      for (const s of proxy.seen) expect(s).toMatch(/^CONNECT registry\.invalid:443 auth=none$/);
      for (const f of forms(EXPLICIT, EXPLICIT_PASSWORD)) expect(r.out + r.err).not.toContain(f);
    } finally {
      await proxy.stop();
    }
  });
});

/** Every report format into a fresh directory; returns the run and the texts written. */
async function gateWithReports(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; out: string; err: string; files: Record<string, string> }> {
  const dir = fs.mkdtempSync(path.join(tmp, 'reports-'));
  const names = {
    '--json-report': 'r.json',
    '--sarif': 'r.sarif',
    '--junit': 'j.xml',
    '--summary': 's.md',
    '--gitlab-report': 'gl.json',
    '--html': 'r.html',
  };
  const r = await cli(
    ['gate', ...args, ...Object.entries(names).flatMap(([flag, file]) => [flag, path.join(dir, file)])],
    env,
    dir,
  );
  const files: Record<string, string> = {};
  for (const f of fs.readdirSync(dir)) files[f] = fs.readFileSync(path.join(dir, f), 'utf8');
  return { ...r, files };
}

describe('identity tokens stay out of argv, output and reports', () => {
  const base = (ref: string, dir: string): string[] => [
    '--image',
    ref,
    '--source',
    `oci:${dir}`,
    '--username',
    EXPLICIT,
    '--no-scan',
    '--debug',
  ];

  function expectNoToken(token: string, where: Record<string, string>): void {
    for (const [name, text] of Object.entries(where))
      for (const f of tokenForms(token)) expect(text, `${name} carries the token`).not.toContain(f);
  }

  it('--identity-token-file: the token signs, and is in neither argv, output nor any report', async () => {
    const img = await image('token-file');
    const token = sigstore.token();
    const tokenFile = path.join(tmp, `token-${crypto.randomUUID()}`);
    fs.writeFileSync(tokenFile, `${token}\n`);
    const args = [
      ...base(`${harbor.host}/team/token:1`, img.dir),
      '--identity-token-file',
      tokenFile,
      '--fulcio-url',
      sigstore.url,
      '--rekor-url',
      sigstore.url,
    ];
    expect(args.join(' ')).not.toContain(token);
    const before = sigstore.hits.get('/api/v2/signingCert') ?? 0;
    const r = await gateWithReports(args, { HARBOR_GATE_PASSWORD: EXPLICIT_PASSWORD });
    expect(r.code, r.err).toBe(0);
    // Fulcio received the token from the file and issued a certificate.
    expect(sigstore.hits.get('/api/v2/signingCert')).toBe(before + 1);
    expect(Object.keys(r.files).length).toBe(6);
    expectNoToken(token, { stdout: r.out, stderr: r.err, ...r.files });
  });

  for (const via of ['--identity-token-file', 'SIGSTORE_ID_TOKEN'] as const) {
    it(`${via}: a Fulcio that fails and echoes the token back; the token is printed nowhere`, async () => {
      const img = await image('token-echo');
      const token = sigstore.token({ subject: `echo-${via}` });
      const fulcio = await startRecordingProxy({ status: 500 });
      try {
        const tokenFile = path.join(tmp, `token-${crypto.randomUUID()}`);
        fs.writeFileSync(tokenFile, token);
        const r = await gateWithReports(
          [
            ...base(`${harbor.host}/team/token-echo:1`, img.dir),
            ...(via === '--identity-token-file' ? ['--identity-token-file', tokenFile] : []),
            '--fulcio-url',
            fulcio.url,
            '--rekor-url',
            fulcio.url,
          ],
          {
            HARBOR_GATE_PASSWORD: EXPLICIT_PASSWORD,
            ...(via === 'SIGSTORE_ID_TOKEN' ? { SIGSTORE_ID_TOKEN: token } : {}),
          },
        );
        expect(r.code, r.err).toBe(3);
        // Fulcio did get the token, so its error body carried it.
        expect(fulcio.seen.some((s) => wire(s).includes(token))).toBe(true);
        expect(Object.keys(r.files).length).toBe(6);
        expectNoToken(token, { stdout: r.out, stderr: r.err, ...r.files });
        const json = JSON.parse(r.files['r.json'] ?? '{}') as {
          outcome: { verdict: string; failedStep: string };
        };
        expect(json.outcome).toMatchObject({ verdict: 'error', failedStep: 'sign' });
      } finally {
        await fulcio.stop();
      }
    });
  }

  it('a token fetched from GitHub Actions OIDC, and the runtime bearer: a failing, echoing Fulcio prints neither', async () => {
    const img = await image('token-github');
    const fulcio = await startRecordingProxy({ status: 500 });
    try {
      const r = await gateWithReports(
        [
          ...base(`${harbor.host}/team/token-github:1`, img.dir),
          '--fulcio-url',
          fulcio.url,
          '--rekor-url',
          fulcio.url,
        ],
        {
          HARBOR_GATE_PASSWORD: EXPLICIT_PASSWORD,
          GITHUB_ACTIONS: 'true',
          ACTIONS_ID_TOKEN_REQUEST_URL: `${sigstore.url}${GITHUB_OIDC_PATH}?api-version=2.0`,
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: GITHUB_RUNTIME_TOKEN,
        },
      );
      expect(r.code, r.err).toBe(3);
      // The token the gate fetched at run time is the one Fulcio received (and echoed back).
      const fetched = /\beyJ[\w-]+\.[\w-]+\.[\w-]*/.exec(fulcio.seen.map(wire).join('\n'))?.[0];
      expect(fetched).toBeDefined();
      expectNoToken(fetched ?? '', { stdout: r.out, stderr: r.err, ...r.files });
      expectNoToken(GITHUB_RUNTIME_TOKEN, { stdout: r.out, stderr: r.err, ...r.files });
    } finally {
      await fulcio.stop();
    }
  });

  it('an Actions OIDC endpoint that fails and echoes the request bearer: the bearer is printed nowhere', async () => {
    const img = await image('token-oidc-echo');
    const oidc = await startRecordingProxy({ status: 500 });
    try {
      const r = await gateWithReports([...base(`${harbor.host}/team/token-oidc:1`, img.dir)], {
        HARBOR_GATE_PASSWORD: EXPLICIT_PASSWORD,
        GITHUB_ACTIONS: 'true',
        ACTIONS_ID_TOKEN_REQUEST_URL: `${oidc.url}${GITHUB_OIDC_PATH}?api-version=2.0`,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: GITHUB_RUNTIME_TOKEN,
      });
      expect(r.code, r.err).toBe(3);
      expect(r.err).toContain('[SIGN_OIDC_FAILED]');
      expect(oidc.seen.some((s) => wire(s).includes(GITHUB_RUNTIME_TOKEN))).toBe(true);
      expectNoToken(GITHUB_RUNTIME_TOKEN, { stdout: r.out, stderr: r.err, ...r.files });
    } finally {
      await oidc.stop();
    }
  });

  it('the Action with identity-token-file and a failing, echoing Fulcio: not in logs, outputs or the job summary', async () => {
    const img = await image('token-action');
    const token = sigstore.token({ subject: 'action-file' });
    const fulcio = await startRecordingProxy({ status: 500 });
    const tokenFile = path.join(tmp, `token-${crypto.randomUUID()}`);
    fs.writeFileSync(tokenFile, token);
    try {
      const run = await actionRun(
        {
          image: `${harbor.host}/team/token-action:1`,
          source: `oci:${img.dir}`,
          username: EXPLICIT,
          password: EXPLICIT_PASSWORD,
          'identity-token-file': tokenFile,
          'fulcio-url': fulcio.url,
          'rekor-url': fulcio.url,
          scan: 'false',
          debug: 'true',
        },
        {},
      );
      expect(run.exit, run.log).toBe(3);
      expect(fulcio.seen.some((s) => wire(s).includes(token))).toBe(true);
      expect(run.summary).toContain('sign');
      expectNoToken(token, { log: run.log, summary: run.summary, outputs: JSON.stringify(run.outputs) });
    } finally {
      await fulcio.stop();
    }
  });
});

/** runAction with a capturing ActionIO: every log line, annotation, failure, output and summary. */
async function actionRun(
  inputs: Record<string, string>,
  env: Record<string, string>,
): Promise<{ exit: number; log: string; lines: string[]; summary: string; outputs: Record<string, string> }> {
  const outputs: Record<string, string> = {};
  const logger = capturingLogger();
  const summaries: string[] = [];
  const extra: string[] = [];
  const io: ActionIO = {
    getInput: (n) => inputs[n] ?? '',
    setOutput: (n, v) => {
      outputs[n] = String(v);
    },
    setSecret: () => undefined,
    setFailed: (m) => extra.push(m),
    writeSummary: (md) => {
      summaries.push(md);
      return Promise.resolve();
    },
    annotate: (_k, m, t) => extra.push(`${t ?? ''}: ${m}`),
    print: (text) => extra.push(text),
    startGroup: (name) => extra.push(`::group::${name}`),
    endGroup: () => undefined,
    logger,
    isDebug: () => inputs.debug === 'true',
  };
  const exit = await runAction(io, { PATH: process.env.PATH ?? '', HOME: tmp, DOCKER_CONFIG: tmp, ...env });
  const lines = [...logger.lines, ...extra].flatMap((l) => l.split(/\r?\n/));
  return { exit, log: lines.join('\n'), lines, summary: summaries.join('\n'), outputs };
}

describe('a report path that is a symlink', () => {
  for (const [flag, file, env] of [
    ['--json-report', 'out.json', {}],
    // In GitLab CI the GitLab report is written by default, to a path the repository may hold.
    [undefined, 'gl-container-scanning-report.json', { GITLAB_CI: 'true' }],
  ] as const) {
    it(`${flag ?? 'the default GitLab report'} -> ../secret: REPORT_SYMLINK, the target untouched, verdict error`, async () => {
      const img = await image('symlink');
      const root = fs.mkdtempSync(path.join(tmp, 'checkout-'));
      const work = path.join(root, 'work');
      fs.mkdirSync(work);
      const secret = path.join(root, 'secret');
      fs.writeFileSync(secret, 'SECRET-CONTENT\n', { mode: 0o600 });
      fs.symlinkSync('../secret', path.join(work, file));
      const r = await cli(
        [
          'gate',
          '--image',
          `${harbor.host}/team/symlink:1`,
          '--source',
          `oci:${img.dir}`,
          '--username',
          EXPLICIT,
          '--no-sign',
          '--no-scan',
          '--json',
          ...(flag ? [flag, file] : []),
        ],
        { HARBOR_GATE_PASSWORD: EXPLICIT_PASSWORD, ...env },
        work,
      );
      expect(r.code, r.err).toBe(2);
      expect(r.err).toContain('[REPORT_SYMLINK]');
      expect(JSON.parse(r.out)).toMatchObject({ verdict: 'error', failedStep: 'reports', exitCode: 2 });
      expect(fs.readFileSync(secret, 'utf8')).toBe('SECRET-CONTENT\n');
      expect(fs.lstatSync(path.join(work, file)).isSymbolicLink()).toBe(true);
      expect(r.out + r.err).not.toContain('SECRET-CONTENT');
    });
  }
});

describe('hostile scanner text through the whole gate', () => {
  const ESC = '\u001b';
  const hostile = (): ReturnType<typeof sampleVulnerabilities> => {
    const [first] = sampleVulnerabilities();
    if (!first) throw new Error('no sample vulnerability');
    return [
      {
        ...first,
        id: 'CVE-2099-0001',
        severity: 'Critical',
        package: 'evilpkg\n::error title=Injected::x',
        version: `1.0${ESC}[2J${ESC}[H`,
        description: `clear${ESC}[2J${ESC}[Hscreen ${ESC}]8;;https://evil.example/${ESC}\\click${ESC}]8;;${ESC}\\\n::warning::forged\n##[error]forged too`,
      },
    ];
  };

  function expectClean(where: string, text: string): void {
    expect(text, `${where} has an ESC byte`).not.toContain(ESC);
    expect(text, `${where} has a C1 CSI`).not.toContain('\u009b');
    const commands = text.split(/\r?\n/).filter((l) => /^\s*(::|##\[)/.test(l));
    expect(commands, `${where} has workflow command lines`).toEqual([]);
  }

  it('CLI: stdout, stderr (--debug) and the Markdown summary carry no command line and no ESC', async () => {
    const img = await image('hostile-cli');
    harbor.scanner.setScript(img.digest, { durationMs: 20, vulnerabilities: hostile() });
    const dir = fs.mkdtempSync(path.join(tmp, 'hostile-'));
    const r = await cli(
      [
        'gate',
        '--image',
        `${harbor.host}/team/hostile:1`,
        '--source',
        `oci:${img.dir}`,
        '--username',
        EXPLICIT,
        '--no-sign',
        '--debug',
        '--summary',
        path.join(dir, 'summary.md'),
      ],
      { HARBOR_GATE_PASSWORD: EXPLICIT_PASSWORD },
      dir,
    );
    expect(r.code, r.err).toBe(1);
    // The finding is there, neutralised.
    expect(r.out).toContain('evilpkg');
    expect(r.out).toContain('CVE-2099-0001');
    const summary = fs.readFileSync(path.join(dir, 'summary.md'), 'utf8');
    expect(summary).toContain('CVE-2099-0001');
    expectClean('stdout', r.out);
    expectClean('stderr', r.err);
    expectClean('summary', summary);
  });

  it('Action: log lines, annotations, failure message and the job summary carry no command line and no ESC', async () => {
    const img = await image('hostile-action');
    harbor.scanner.setScript(img.digest, { durationMs: 20, vulnerabilities: hostile() });
    const run = await actionRun(
      {
        image: `${harbor.host}/team/hostile-action:1`,
        source: `oci:${img.dir}`,
        username: EXPLICIT,
        password: EXPLICIT_PASSWORD,
        sign: 'false',
        debug: 'true',
      },
      {},
    );
    expect(run.exit, run.log).toBe(1);
    expect(run.log).toContain('evilpkg');
    expect(run.summary).toContain('CVE-2099-0001');
    // The ::group:: lines are the capturing IO's own markers for startGroup, not outside text; the
    // verdict the Action prints is coloured on purpose (GitHub renders SGR colours), so only SGR
    // sequences may carry an ESC, and none came from the scanner (no clear screen, no OSC 8).
    const log = run.lines.filter((l) => !l.startsWith('::group::')).join('\n');
    expect(log).not.toMatch(new RegExp(`${ESC}\\[[0-9;]*[A-HJKSTf]|${ESC}\\]`));
    expectClean('action log', log.replace(new RegExp(`${ESC}\\[[0-9;]*m`, 'g'), ''));
    expectClean('job summary', run.summary);
  });
});
