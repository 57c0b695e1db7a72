import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllowlistFile } from '../../src/policy/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const schema = JSON.parse(readFileSync(`${root}schema/policy.schema.json`, 'utf8')) as {
  $defs?: Record<string, unknown>;
};

/** Every "pattern" of the schema, wherever it is. */
function patterns(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const v of node) patterns(v, out);
  else if (typeof node === 'object' && node !== null) {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'pattern' && typeof v === 'string') out.push(v);
      else patterns(v, out);
    }
  }
  return out;
}

const versionPattern = new RegExp(
  patterns(schema).find((p) => p.includes('<=|>=|==')) ?? 'missing version pattern',
  'u',
);

// Inputs that made the old pattern `((op)?\s*tok[\s,]*(\|\|\s*)?)+$` backtrack exponentially: a
// long run that almost matches and then fails on the last character.
const HOSTILE: [string, string][] = [
  ['one long token, then a bad character', '1'.repeat(10_000) + '!'],
  ['alternating token and space', '1 '.repeat(5_000) + '!'],
  ['operators glued to tokens', '=1'.repeat(5_000) + '!'],
  ['comparators with commas', '<1,'.repeat(3_400) + '!'],
  ['alternatives', '1||'.repeat(3_400) + '|'],
  ['spaces after a token', '1' + ' '.repeat(10_000) + '!'],
  ['the 25-character case from the issue', 'a'.repeat(25) + '!'],
];

describe('the policy schema has no catastrophic backtracking', () => {
  it.each(HOSTILE)(
    'version pattern rejects %s (10k characters) at once',
    (_name, input) => {
      expect(input.length).toBeGreaterThan(20);
      expect(versionPattern.test(input)).toBe(false);
      // The same input made valid is accepted: the pattern was not just made stricter.
      const valid = input.replace(/[!|]+$/, '').replace(/[\s,|]+$/, '');
      if (/[0-9A-Za-z]$/.test(valid)) expect(versionPattern.test(valid)).toBe(true);
    },
    20_000,
  );

  it('keeps accepting every form the docs allow', () => {
    for (const ok of [
      '1.2.3',
      '<3.0.7',
      '>=1.2 <1.3',
      '>=1.2, <1.3',
      '<1 || >=2',
      '1:3.0.11-1~deb12u2',
      '>= 1.2',
      '1>=0',
      '|| 1',
      '1 ||',
    ]) {
      expect(versionPattern.test(ok), ok).toBe(true);
    }
    for (const bad of ['', ' ', '<', '1 || || 2', 'a b !', '=>1']) {
      expect(versionPattern.test(bad), bad).toBe(false);
    }
  });

  it('the allowlist parser answers a 10k-character hostile version with a policy error', () => {
    const version = '1 '.repeat(5_000) + '!';
    expect(() =>
      parseAllowlistFile(`- id: CVE-2024-1\n  version: "${version}"\n  reason: x\n`, 'allow.yaml'),
    ).toThrow(/version/);
  }, 20_000);
});
