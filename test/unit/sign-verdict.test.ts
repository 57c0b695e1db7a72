import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, parsePolicyFile, type Policy } from '../../src/policy/index.js';
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

  it('is the same for YAML and JSON, for defaults left out or written out, and differs for any value (review)', () => {
    const entry = 'allowlist:\n  - id: CVE-2024-0001\n    reason: r\n    expires: 2026-12-31\n';
    const yaml = parsePolicyFile(entry, 'a.yaml');
    const json = parsePolicyFile(
      '{"allowlist":[{"reason":"r","expires":"2026-12-31","id":"CVE-2024-0001"}]}',
      'b.json',
    );
    const written = parsePolicyFile(
      `fail-on: high\nignore-unfixed: false\nuse-harbor-allowlist: false\nrequire-signature: false\nrequire-sbom: false\non-scan-error: fail\n${entry}`,
      'c.yaml',
    );
    expect(policyDigest(json)).toBe(policyDigest(yaml));
    expect(policyDigest(written)).toBe(policyDigest(yaml));
    // An unquoted YAML date stays the string it was written as: another date, another digest.
    const later = parsePolicyFile(entry.replace('2026', '2027'), 'a.yaml');
    expect(policyDigest(later)).not.toBe(policyDigest(yaml));
    expect(policyDigest(parsePolicyFile(`ignore-unfixed: true\n${entry}`, 'a.yaml'))).not.toBe(
      policyDigest(yaml),
    );
  });
});
