/**
 * One definition each: the digest and tag patterns, the Harbor URL check, the secret environment
 * names and the reading of a boolean. Each is tested once here, through every adapter that uses
 * it, and a scan of src/ keeps a second copy of a pattern from coming back.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  SECRET_ENV_NAMES,
  SHA256_DIGEST_PATTERN,
  TAG_PATTERN,
  isValidDigest,
  parseBoolean,
  shortDigest,
} from '../../src/core/index.js';
import { harborBaseUrl, harborTarget } from '../../src/harbor/index.js';
import { resolveGateOptions } from '../../src/config/index.js';
import { parseFlags, unknownEnvWarnings } from '../../src/cli/main.js';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { readInputs, type ActionIO } from '../../src/action/main.js';
import { GateError } from '../../src/errors.js';
import { parseReference } from '../../src/oci/index.js';
import { silentLogger } from '../../src/logger.js';

const root = path.join(import.meta.dirname, '../..');
const D = `sha256:${'a'.repeat(64)}`;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

function thrown(f: () => unknown): GateError {
  try {
    f();
  } catch (e) {
    if (e instanceof GateError) return e;
    throw e;
  }
  throw new Error('nothing thrown');
}

function actionIO(inputs: Record<string, string>): ActionIO {
  return {
    getInput: (name) => inputs[name] ?? '',
    setOutput: () => undefined,
    setSecret: () => undefined,
    setFailed: () => undefined,
    writeSummary: () => Promise.resolve(),
    annotate: () => undefined,
    print: () => undefined,
    startGroup: () => undefined,
    endGroup: () => undefined,
    logger: silentLogger,
    isDebug: () => false,
  };
}

describe('digest and tag patterns', () => {
  it('accept and refuse what the OCI specs say', () => {
    expect(isValidDigest(D)).toBe(true);
    expect(isValidDigest(`sha512:${'b'.repeat(128)}`)).toBe(true);
    expect(isValidDigest(`sha256:${'A'.repeat(64)}`)).toBe(false);
    expect(isValidDigest('sha256:abc')).toBe(false);
    expect(isValidDigest('multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8')).toBe(true);
    expect(SHA256_DIGEST_PATTERN.test(`sha512:${'b'.repeat(128)}`)).toBe(false);
    expect(TAG_PATTERN.test('v1.2.3_rc-1')).toBe(true);
    expect(TAG_PATTERN.test('-bad')).toBe(false);
    expect(TAG_PATTERN.test('x'.repeat(129))).toBe(false);
    expect(shortDigest(D)).toBe(`sha256:${'a'.repeat(12)}…`);
    expect(shortDigest('not a digest')).toBe('not a digest');
  });

  it('the reference parser, --tag and the config use the same tag rule', async () => {
    const long = 'x'.repeat(129);
    expect(() => parseReference(`r.io/a/b:${long}`)).toThrow(GateError);
    const o = await resolveGateOptions({ image: 'r.io/a/b', tag: ['ok-1'] }, { env: {}, cwd: os.tmpdir() });
    expect(o.tags).toEqual(['ok-1']);
  });

  it('no second copy of a digest or tag pattern in src/', () => {
    const copies = sourceFiles(path.join(root, 'src'))
      .filter((f) => !f.endsWith(path.join('core', 'digest.ts')))
      .filter((f) => /\[a-f0-9\]\{(64|128)\}|\[0-9a-f\]\{64\}|\{0,127\}\$/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(root, f));
    expect(copies).toEqual([]);
  });
});

describe('the Harbor URL', () => {
  it('is checked and normalised in one place, for the config and the Harbor client alike', async () => {
    expect(harborBaseUrl('https://h.example.com/api/v2.0/')).toBe('https://h.example.com');
    expect(harborBaseUrl('https://h.example.com/harbor//')).toBe('https://h.example.com/harbor');
    expect(thrown(() => harborBaseUrl('ftp://h')).code).toBe('HARBOR_BAD_URL');
    expect(thrown(() => harborBaseUrl('not a url')).code).toBe('HARBOR_BAD_URL');
    expect(thrown(() => harborBaseUrl('http://h.example.com', { plainHttp: false })).code).toBe(
      'HARBOR_CLEARTEXT_CREDENTIALS',
    );
    expect(harborBaseUrl('http://127.0.0.1:8080', { plainHttp: false })).toBe('http://127.0.0.1:8080');

    const ctx = { env: {}, cwd: os.tmpdir() };
    const o = await resolveGateOptions(
      { image: 'r.io/a/b', 'harbor-url': 'https://h.example.com/api/v2.0/' },
      ctx,
    );
    expect(o.scan?.harborUrl).toBe('https://h.example.com');
    expect(harborTarget(parseReference('r.io/a/b'), o.scan?.harborUrl).baseUrl).toBe('https://h.example.com');
    await expect(
      resolveGateOptions({ image: 'r.io/a/b', 'harbor-url': 'http://h.example.com' }, ctx),
    ).rejects.toMatchObject({ code: 'HARBOR_CLEARTEXT_CREDENTIALS' });
  });
});

describe('booleans', () => {
  it('one reading for a HARBOR_GATE_* variable and an Action input', () => {
    const gate = COMMANDS.find((c) => c.name === 'gate')!;
    for (const [text, want] of [
      ['true', true],
      ['YES', true],
      ['on', true],
      ['1', true],
      ['False', false],
      ['no', false],
      ['0', false],
    ] as const) {
      expect(parseBoolean(text)).toBe(want);
      expect(parseFlags(gate, [], { HARBOR_GATE_NO_SIGN: text })['no-sign']).toBe(want);
      expect(readInputs(actionIO({ image: 'r.io/a/b', sign: text })).raw['no-sign']).toBe(!want);
    }
    expect(parseBoolean('maybe')).toBeUndefined();
    expect(thrown(() => parseFlags(gate, [], { HARBOR_GATE_NO_SIGN: 'maybe' })).code).toBe('CLI_BAD_ENV');
    expect(thrown(() => readInputs(actionIO({ image: 'r.io/a/b', sign: 'maybe' }))).code).toBe(
      'CONFIG_BAD_VALUE',
    );
  });
});

describe('secret environment variables', () => {
  it('are one list: the CLI knows the HARBOR_GATE_* ones without a warning', () => {
    const env = Object.fromEntries(SECRET_ENV_NAMES.map((n) => [n, 'secret-value']));
    expect(unknownEnvWarnings(env)).toEqual([]);
    expect(SECRET_ENV_NAMES).toContain('HARBOR_GATE_PASSWORD');
    expect(SECRET_ENV_NAMES).toContain('SIGSTORE_ID_TOKEN');
  });

  it('no adapter keeps its own list', () => {
    for (const f of ['src/cli/main.ts', 'src/action/main.ts']) {
      const text = fs.readFileSync(path.join(root, f), 'utf8');
      expect(text, f).not.toMatch(/'COSIGN_PASSWORD'|'SIGSTORE_ID_TOKEN'|'CI_REGISTRY_PASSWORD'/);
    }
  });
});
