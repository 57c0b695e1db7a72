/**
 * The bad-input corpus through the CLI, in process (`main(['gate', ...])`): image sources (the
 * sources corpus in test/fixtures/bad/sources.ts), SBOMs, policies, image references, key files,
 * and malformed Harbor and registry responses from a scripted server on 127.0.0.1.
 *
 * Each must end with exit 2 or 3 and its documented error code (in stderr and in docs/errors.md),
 * a remedy line, no stack trace, and nothing written: the real registry's catalog and tags are
 * unchanged, and the scripted server saw no write.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { badSourceCases } from '../fixtures/bad/sources.js';
import { writeOciLayout, type WrittenImage } from '../fixtures/images.js';
import { startRegistry, type TestRegistry } from '../servers/registry.js';
import { captureIO, snapshotRegistry, type RegistrySnapshot } from './faults-helpers.js';

const BAD = path.join(import.meta.dirname, '../fixtures/bad');
const KEYS = path.join(import.meta.dirname, '../fixtures/keys');
const ERRORS_MD = fs.readFileSync(path.join(import.meta.dirname, '../../docs/errors.md'), 'utf8');

let registry: TestRegistry;
let tmp: string;
let good: WrittenImage;
let baseline: RegistrySnapshot;
/** Inputs tried, for docs/reliability.md. */
const tried: { group: string; name: string; exit: number; code: string }[] = [];

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-bad-'));
  registry = await startRegistry();
  good = await writeOciLayout(path.join(tmp, 'good'), { layers: 2, seed: 'good', random: true });
  // The image is already there: a bad run must add nothing (no new tag, no referrers tag).
  const io = captureIO();
  const code = await main(
    [
      'gate',
      '--image',
      `${registry.host}/bad/app:v1`,
      '--source',
      `oci:${good.dir}`,
      '--no-scan',
      '--no-sign',
    ],
    { PATH: process.env.PATH ?? '' },
    io,
  );
  expect(code, io.err.join('') + io.out.join('')).toBe(0);
  baseline = await snapshotRegistry(registry.url);
}, 60_000);

afterAll(async () => {
  await registry.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
  const byGroup: Record<string, number> = {};
  for (const t of tried) byGroup[t.group] = (byGroup[t.group] ?? 0) + 1;
  console.log(`bad inputs tried: ${tried.length} ${JSON.stringify(byGroup)}`);
  console.log(tried.map((t) => `${t.group} | ${t.name} | ${t.exit} | ${t.code}`).join('\n'));
});

interface RunResult {
  exit: number;
  stdout: string;
  stderr: string;
}

async function gate(args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  const io = captureIO({ cwd: tmp });
  const exit = await main(['gate', ...args], { PATH: process.env.PATH ?? '', ...env }, io);
  return { exit, stdout: io.out.join(''), stderr: io.err.join('') };
}

/** The common contract of every refusal. */
function expectRefusal(group: string, name: string, r: RunResult, code: string, exit: 2 | 3): void {
  const where = `${group}/${name}\nstderr: ${r.stderr}\nstdout: ${r.stdout}`;
  tried.push({ group, name, exit: r.exit, code: /\[([A-Z0-9_]+)\]/.exec(r.stderr)?.[1] ?? '?' });
  expect(r.exit, where).toBe(exit);
  expect(r.stderr, where).toContain(`[${code}]`);
  expect(r.stderr, where).toMatch(/remedy: \S/);
  expect(r.stderr + r.stdout, where).not.toMatch(/^\s+at /m);
  expect(ERRORS_MD, `${code} is documented in docs/errors.md`).toContain(`\`${code}\``);
}

async function expectRegistryUnchanged(): Promise<void> {
  const now = await snapshotRegistry(registry.url);
  expect(now.tags).toEqual(baseline.tags);
  expect(now.missing).toEqual([]);
}

/** A gate run that would push a new tag if the input were accepted. */
function pushArgs(extra: string[]): string[] {
  return [
    '--image',
    `${registry.host}/bad/app:attempt`,
    '--source',
    `oci:${good.dir}`,
    '--no-scan',
    ...extra,
  ];
}

describe('image sources (the sources corpus) through the CLI', () => {
  const failing = badSourceCases.filter(
    (c): c is typeof c & { expect: { code: string; kind: 'input' | 'infra' } } => 'code' in c.expect,
  );
  it('has at least 25 failing cases', () => {
    expect(failing.length).toBeGreaterThanOrEqual(25);
  });
  it.each(failing.map((c) => [c.name, c]))(
    '%s',
    async (_name, c) => {
      const dir = fs.mkdtempSync(path.join(tmp, 'src-'));
      try {
        const source = await c.make(dir);
        const r = await gate([
          '--image',
          `${registry.host}/bad/app:attempt`,
          '--source',
          source,
          '--no-scan',
          '--no-sign',
        ]);
        expectRefusal('source', c.name, r, c.expect.code, c.expect.kind === 'input' ? 2 : 3);
        await expectRegistryUnchanged();
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});

describe('SBOMs', () => {
  const cases: [string, string, string][] = [
    ['tag-value SPDX, not JSON', 'sboms/tag-value.spdx', 'SBOM_NOT_JSON'],
    ['a package.json', 'sboms/package.json', 'SBOM_UNKNOWN_FORMAT'],
    ['truncated CycloneDX', 'sboms/truncated-cyclonedx.json', 'SBOM_NOT_JSON'],
    ['CycloneDX specVersion 1.1', 'sboms/cyclonedx-spec-1.1.json', 'SBOM_UNSUPPORTED_VERSION'],
    ['CycloneDX with wrong types', 'sboms/cyclonedx-wrong-types.json', 'SBOM_INVALID'],
    ['SPDX without required fields', 'sboms/spdx-missing-fields.json', 'SBOM_INVALID'],
    ['a JSON array', 'sboms/json-array.json', 'SBOM_UNKNOWN_FORMAT'],
    ['an empty file', 'sboms/empty.json', 'SBOM_NOT_JSON'],
    ['a missing file', 'sboms/does-not-exist.json', 'SBOM_UNREADABLE'],
  ];
  it.each(cases)('%s', async (name, file, code) => {
    const r = await gate(pushArgs(['--no-sign', '--sbom', path.join(BAD, file)]));
    expectRefusal('sbom', name, r, code, 2);
    await expectRegistryUnchanged();
  });

  it('an SBOM over the 100 MiB limit is refused before it is parsed', async () => {
    const file = path.join(tmp, 'huge.cdx.json');
    const fd = fs.openSync(file, 'w');
    fs.writeSync(fd, '{"bomFormat":"CycloneDX","specVersion":"1.6","components":[');
    // A sparse file: 101 MiB on paper, nearly nothing on disk.
    fs.ftruncateSync(fd, 101 * 1024 * 1024);
    fs.closeSync(fd);
    const r = await gate(pushArgs(['--no-sign', '--sbom', file]));
    expectRefusal('sbom', 'over the size limit', r, 'SBOM_TOO_LARGE', 2);
    await expectRegistryUnchanged();
  });
});

describe('policies', () => {
  const cases: [string, string, string][] = [
    ['unknown key', 'policies/unknown-key.yaml', 'POLICY_INVALID'],
    ['wrong types', 'policies/wrong-types.yaml', 'POLICY_INVALID'],
    ['impossible expiry date', 'policies/bad-date.yaml', 'POLICY_INVALID'],
    ['unknown fail-on', 'policies/bad-fail-on.yaml', 'POLICY_INVALID'],
    ['allowlist entry without reason', 'policies/missing-reason.yaml', 'POLICY_INVALID'],
    ['not YAML', 'policies/not-yaml.yaml', 'POLICY_PARSE'],
    ['cvss-threshold over 10', 'policies/cvss-out-of-range.yaml', 'POLICY_INVALID'],
    ['negative and non-numeric max-counts', 'policies/bad-max-counts.yaml', 'POLICY_INVALID'],
    ['allowlist id that is no CVE/GHSA', 'policies/bad-allowlist-id.yaml', 'POLICY_INVALID'],
    ['allowlist that is not a list', 'policies/allowlist-not-list.json', 'POLICY_INVALID'],
  ];
  it.each(cases)('%s', async (name, file, code) => {
    const r = await gate(pushArgs(['--no-sign', '--policy', path.join(BAD, file)]));
    expectRefusal('policy', name, r, code, 2);
    await expectRegistryUnchanged();
  });
});

describe('image references', () => {
  const cases = JSON.parse(fs.readFileSync(path.join(BAD, 'references/cases.json'), 'utf8')) as {
    name: string;
    ref: string;
  }[];
  it('has the cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });
  it.each(cases.map((c) => [c.name, c.ref]))('%s', async (name, ref) => {
    const r = await gate(['--image', ref, '--source', `oci:${good.dir}`, '--no-scan', '--no-sign']);
    // An empty --image is a missing flag; everything else is a bad reference.
    // An empty --image is a missing flag. `@md5:...` is a well-formed digest by the OCI grammar, so it
    // is refused as not being the source's digest.
    const code =
      ref === '' ? 'CLI_MISSING_FLAG' : ref.includes('@md5:') ? 'PUSH_DIGEST_MISMATCH' : 'REF_INVALID';
    expectRefusal('reference', name, r, code, 2);
    await expectRegistryUnchanged();
  });
});

describe('signing keys', () => {
  const cases: [string, string, string, string][] = [
    ['wrong password', path.join(KEYS, 'cosign-p256.key'), 'not-the-password', 'SIGN_KEY_PASSWORD'],
    ['ed25519 (unsupported)', path.join(BAD, 'keys/ed25519.pem'), '', 'SIGN_KEY_UNSUPPORTED'],
    ['DSA (unsupported)', path.join(BAD, 'keys/dsa.pem'), '', 'SIGN_KEY_UNSUPPORTED'],
    ['EC secp256k1 (unsupported curve)', path.join(BAD, 'keys/ec-secp256k1.pem'), '', 'SIGN_KEY_UNSUPPORTED'],
    ['garbage PEM', path.join(BAD, 'keys/garbage.pem'), '', 'SIGN_KEY_INVALID'],
    ['not a key at all', path.join(BAD, 'keys/not-a-key.txt'), '', 'SIGN_KEY_INVALID'],
    [
      'truncated cosign key',
      path.join(BAD, 'keys/cosign-truncated.key'),
      'test-password',
      'SIGN_KEY_INVALID',
    ],
    ['a public key', path.join(BAD, 'keys/public-key-only.pem'), '', 'SIGN_KEY_INVALID'],
    ['a missing key file', path.join(BAD, 'keys/nope.key'), '', 'SIGN_KEY_UNREADABLE'],
  ];
  it.each(cases)('%s', async (name, file, pw, code) => {
    const r = await gate(pushArgs(['--signing-key', file]), pw ? { HARBOR_GATE_KEY_PASSWORD: pw } : {});
    expectRefusal('key', name, r, code, 2);
    expect(r.stderr + r.stdout).not.toContain('not-the-password');
    await expectRegistryUnchanged();
  });
});

// ---- scripted Harbor / registry ----------------------------------------------------------------

interface Scripted {
  url: string;
  host: string;
  writes: string[];
  requests: string[];
  stop(): Promise<void>;
}

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

const MANIFEST = Buffer.from(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: `sha256:${'a'.repeat(64)}`,
      size: 2,
    },
    layers: [],
  }),
);

async function startScripted(route: (method: string, path: string) => Answer | undefined): Promise<Scripted> {
  const writes: string[] = [];
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const method = req.method ?? 'GET';
    const p = (req.url ?? '/').replace(/\?.*$/, '');
    requests.push(`${method} ${p}`);
    if (['PUT', 'POST', 'PATCH', 'DELETE'].includes(method) && p.startsWith('/v2/'))
      writes.push(`${method} ${p}`);
    req.resume();
    const a = route(method, p) ?? {
      status: 404,
      body: '{"errors":[{"code":"NOT_FOUND","message":"scripted"}]}',
    };
    const body = typeof a.body === 'string' ? Buffer.from(a.body) : (a.body ?? Buffer.alloc(0));
    res.writeHead(a.status, { 'content-length': String(body.length), ...a.headers });
    res.end(method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    writes,
    requests,
    stop: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => {
          r();
        });
      }),
  };
}

const file = (name: string): string => fs.readFileSync(path.join(BAD, 'responses', name), 'utf8');
const HTML = { 'content-type': 'text/html' };
const JSONH = { 'content-type': 'application/json' };

/** A registry front that resolves proj/app:v1, and a Harbor API that answers `harbor` for its first calls. */
function harborScript(harbor: (p: string) => Answer | undefined) {
  return (_method: string, p: string): Answer | undefined => {
    if (p === '/v2/') return { status: 200, headers: JSONH, body: '{}' };
    if (p === '/v2/proj/app/manifests/v1' || p.startsWith('/v2/proj/app/manifests/sha256:')) {
      return {
        status: 200,
        headers: {
          'content-type': 'application/vnd.oci.image.manifest.v1+json',
          'docker-content-digest': `sha256:${require256(MANIFEST)}`,
        },
        body: MANIFEST,
      };
    }
    if (p.startsWith('/api/v2.0/')) return harbor(p.slice('/api/v2.0'.length));
    return undefined;
  };
}

function require256(b: Buffer): string {
  return crypto.createHash('sha256').update(b).digest('hex');
}

const SYSTEMINFO_OK: Answer = { status: 200, headers: JSONH, body: '{"harbor_version":"v2.11.0-abc"}' };

describe('Harbor and registry responses', () => {
  const cases: {
    name: string;
    route: (m: string, p: string) => Answer | undefined;
    code: string;
    exit: 2 | 3;
    scan: boolean;
  }[] = [
    {
      name: 'Harbor systeminfo: cut-off JSON',
      route: harborScript((p) =>
        p === '/systeminfo'
          ? { status: 200, headers: JSONH, body: file('systeminfo-malformed.json') }
          : undefined,
      ),
      code: 'HTTP_BAD_JSON',
      exit: 3,
      scan: true,
    },
    {
      name: 'Harbor systeminfo: the UI login page (HTML, 200)',
      route: harborScript((p) =>
        p === '/systeminfo'
          ? { status: 200, headers: HTML, body: file('harbor-login-page.html') }
          : undefined,
      ),
      code: 'HARBOR_NOT_HARBOR',
      exit: 2,
      scan: true,
    },
    {
      name: 'Harbor systeminfo: wrong types',
      route: harborScript((p) =>
        p === '/systeminfo'
          ? { status: 200, headers: JSONH, body: file('systeminfo-wrong-types.json') }
          : undefined,
      ),
      code: 'HARBOR_BAD_RESPONSE',
      exit: 3,
      scan: true,
    },
    {
      name: 'Harbor systeminfo: a 16 MiB body',
      route: harborScript((p) =>
        p === '/systeminfo'
          ? { status: 200, headers: JSONH, body: `{"harbor_version":"${'x'.repeat(16 * 1024 * 1024)}"}` }
          : undefined,
      ),
      code: 'HTTP_BODY_TOO_LARGE',
      exit: 3,
      scan: true,
    },
    {
      name: 'Harbor project: missing project_id',
      route: harborScript((p) =>
        p === '/systeminfo'
          ? SYSTEMINFO_OK
          : p === '/projects/proj'
            ? { status: 200, headers: JSONH, body: file('project-missing-fields.json') }
            : undefined,
      ),
      code: 'HARBOR_BAD_RESPONSE',
      exit: 3,
      scan: true,
    },
    {
      name: 'Harbor project: wrong types',
      route: harborScript((p) =>
        p === '/systeminfo'
          ? SYSTEMINFO_OK
          : p === '/projects/proj'
            ? { status: 200, headers: JSONH, body: file('project-wrong-types.json') }
            : undefined,
      ),
      code: 'HARBOR_BAD_RESPONSE',
      exit: 3,
      scan: true,
    },
    {
      name: 'Harbor behind a load balancer answering an HTML 502 page',
      route: harborScript((p) =>
        p === '/systeminfo' ? { status: 502, headers: HTML, body: file('nginx-502.html') } : undefined,
      ),
      code: 'HARBOR_SERVER_ERROR',
      exit: 3,
      scan: true,
    },
    {
      name: 'registry manifest: not JSON',
      route: (_m, p) =>
        p === '/v2/'
          ? { status: 200, body: '{}' }
          : p === '/v2/proj/app/manifests/v1'
            ? {
                status: 200,
                headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
                body: file('manifest-malformed.json'),
              }
            : undefined,
      code: 'MANIFEST_INVALID',
      exit: 3,
      scan: false,
    },
    {
      name: 'registry manifest: a 6 MiB body',
      route: (_m, p) =>
        p === '/v2/proj/app/manifests/v1'
          ? {
              status: 200,
              headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
              body: Buffer.alloc(6 * 1024 * 1024, 0x20),
            }
          : undefined,
      code: 'HTTP_BODY_TOO_LARGE',
      exit: 3,
      scan: false,
    },
    {
      name: 'registry: an HTML 401 page without a challenge',
      route: (_m, p) =>
        p.startsWith('/v2/')
          ? { status: 401, headers: HTML, body: file('harbor-login-page.html') }
          : undefined,
      code: 'REGISTRY_UNAUTHORIZED',
      exit: 2,
      scan: false,
    },
    {
      name: 'registry: a 400 with a body that is not the error JSON',
      route: (_m, p) =>
        p.startsWith('/v2/proj/') ? { status: 400, body: file('registry-error-not-json.txt') } : undefined,
      code: 'REGISTRY_REJECTED',
      exit: 2,
      scan: false,
    },
  ];
  it.each(cases.map((c) => [c.name, c]))(
    '%s',
    async (_name, c) => {
      const srv = await startScripted(c.route);
      try {
        const args = ['--image', `${srv.host}/proj/app:v1`, '--no-sign'];
        if (c.scan) args.push('--harbor-url', srv.url, '--scan-timeout', '20s');
        else args.push('--no-scan');
        if (!c.scan) {
          const r = await gate(args);
          expectRefusal('response', c.name, r, c.code, c.exit);
        } else {
          // A failed scan is a failed gate step: the run ends with a result (verdict error), not a
          // thrown error.
          // The human line on stderr carries code and message; the remedy is in the --json result.
          const r = await gate([...args, '--json']);
          const where = `${c.name}\nstderr: ${r.stderr}\nstdout: ${r.stdout}`;
          tried.push({
            group: 'response',
            name: c.name,
            exit: r.exit,
            code: /\[([A-Z0-9_]+)\]/.exec(r.stderr)?.[1] ?? '?',
          });
          expect(r.exit, where).toBe(c.exit);
          expect(r.stderr, where).toContain(`[${c.code}]`);
          expect(r.stderr + r.stdout, where).not.toMatch(/^\s+at /m);
          expect(ERRORS_MD, `${c.code} is documented in docs/errors.md`).toContain(`\`${c.code}\``);
          const json = JSON.parse(r.stdout) as {
            verdict: string;
            failedStep?: string;
            steps: { scan: { status: string; error?: { code: string; remedy: string } } };
          };
          expect(json.verdict).toBe('error');
          expect(json.failedStep).toBe('scan');
          expect(json.steps.scan.status).toBe('failed');
          expect(json.steps.scan.error?.code).toBe(c.code);
          expect(json.steps.scan.error?.remedy, where).toMatch(/\S/);
        }
        expect(srv.writes).toEqual([]);
      } finally {
        await srv.stop();
      }
    },
    60_000,
  );
});
