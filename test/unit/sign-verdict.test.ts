import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type Policy } from '../../src/policy/index.js';
import { canonicalJson, policyDigest } from '../../src/sign/index.js';

describe('policy digest', () => {
  it('is the sha256 of canonical JSON: key order and undefined fields do not change it', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 'x', c: null }], e: undefined })).toBe(
      '{"a":[{"c":null,"d":"x"}],"b":1}',
    );
    const a: Policy = { ...DEFAULT_POLICY, maxCounts: { high: 2, critical: 0 }, allowlist: [] };
    // The same policy built in another key order, with an undefined field.
    const b = JSON.parse(
      '{"allowlist":[],"maxCounts":{"critical":0,"high":2},"onScanError":"fail","requireSbom":false,"requireSignature":false,"useHarborAllowlist":false,"ignoreUnfixed":false,"failOn":"high"}',
    ) as Policy;
    b.cvssThreshold = undefined;
    expect(policyDigest(a)).toBe(policyDigest(b));
    expect(policyDigest(a)).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(policyDigest({ ...a, failOn: 'critical' })).not.toBe(policyDigest(a));
    expect(policyDigest({ ...a, vex: ['vex/app.json'] })).not.toBe(policyDigest(a));
  });
});
