/**
 * Harbor's view of the gate's referrers: the warnings when a project's content trust or "prevent
 * vulnerable images" would treat the attestations surprisingly (docs/admission.md).
 */
import { describe, expect, it } from 'vitest';
import { harborWarnings, type ScanStep } from '../../src/gate/index.js';
import type { ProjectSettings } from '../../src/harbor/index.js';

function settings(over: Partial<ProjectSettings>): ProjectSettings {
  return {
    projectId: 1,
    name: 'proj',
    public: false,
    preventVul: false,
    autoScan: false,
    autoSbomGeneration: false,
    contentTrustCosign: false,
    contentTrustNotation: false,
    reuseSysCveAllowlist: true,
    projectAllowlist: { ids: [], scope: 'project' },
    ...over,
  };
}

function scan(over: Partial<ProjectSettings>, version = '2.15.1'): ScanStep {
  return {
    outcome: { status: 'ok', seconds: 0 },
    settings: settings(over),
    harborVersion: version,
    harborAnswered: true,
    warnings: [],
  };
}

const sign = (format: 'bundle' | 'legacy' | 'both') => ({
  format,
  recursive: false,
  tlogUpload: false,
  force: false,
});

describe("Harbor's view of the gate's referrers", () => {
  it('content trust on Harbor 2.15 counts the attestations as signatures: warned, naming them', () => {
    const w = harborWarnings(
      scan({ contentTrustCosign: true }),
      { sign: sign('bundle'), attest: true, sbomFile: 'sbom.json', attestScan: true },
      'proj',
      true,
      Date.now(),
    );
    expect(w).toEqual([
      expect.stringMatching(
        /^Harbor's project proj has cosign content trust on, and Harbor 2\.15\.1 counts every Sigstore bundle referrer as a signature, the SBOM attestation and the scan and verdict attestations included; it checks that one is present, not valid or whose/,
      ),
    ]);
  });

  it('is quiet when nothing is attested as a bundle, or before 2.15', () => {
    const opts = { sign: sign('legacy' as const), attestScan: true };
    expect(harborWarnings(scan({ contentTrustCosign: true }), opts, 'proj', true, Date.now())).toEqual([]);
    expect(
      harborWarnings(scan({ contentTrustCosign: true }), { sign: sign('both') }, 'proj', true, Date.now()),
    ).toEqual([]);
    // Before 2.15 the existing warning (legacy signatures only) is the one that applies.
    expect(
      harborWarnings(
        scan({ contentTrustCosign: true }, '2.14.0'),
        { sign: sign('both'), attestScan: true },
        'proj',
        true,
        Date.now(),
      ),
    ).toEqual([]);
  });

  it('prevent-vulnerable-images: the attestations stay "Not scanned", which Harbor may refuse to serve', () => {
    const w = harborWarnings(
      scan({ preventVul: true, severity: 'critical' }),
      { sign: sign('legacy'), attestScan: true },
      'proj',
      false,
      Date.now(),
    );
    expect(w).toEqual([
      expect.stringMatching(
        /^Harbor's project proj prevents pulling vulnerable images, and the scan and verdict attestations stay "Not scanned" in Harbor \(harbor#22408\)/,
      ),
    ]);
    expect(
      harborWarnings(scan({ preventVul: true }), { sign: sign('bundle') }, 'proj', false, Date.now()),
    ).toEqual([]);
  });
});
