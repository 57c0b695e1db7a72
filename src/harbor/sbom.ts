/** SBOM generation by Harbor's scanner (Harbor 2.11+): trigger, wait, read the SBOM accessory. */
import { cleanText, SHA256_DIGEST_PATTERN } from '../core/index.js';
import { GateError, inputError } from '../errors.js';
import { parseJson } from '../http/index.js';
import { getArtifact, scanLogTail, triggerScan } from './artifacts.js';
import { isFinalStatus, versionAtLeast } from './dto.js';
import { badResponse, isObject } from './guards.js';
import { getScanner } from './preflight.js';
import type { ScanOptions } from './scan.js';
import { artifactPath, type HarborTarget } from './target.js';
import type { HarborTransport } from './transport.js';
import { waitFor, type WaitTuning } from './wait.js';

export interface SbomResult {
  /** The digest of the SBOM accessory Harbor pushed. */
  sbomDigest: string;
  mediaType: string;
  /** The SBOM document (SPDX JSON for Trivy). */
  document: unknown;
  status: string;
}

const SBOM_LIMIT = 64 * 1024 * 1024;

/** Have Harbor's scanner generate an SBOM for digest, wait for it and return the document. */
export async function generateSbom(
  t: HarborTransport,
  tuning: WaitTuning,
  target: HarborTarget,
  digest: string,
  opts: ScanOptions,
): Promise<SbomResult> {
  const start = t.clock.now();
  // The gate asks for the SBOM while the preflight runs: learn the version here if need be, as
  // Harbor before 2.11 ignores scan_type and would start a vulnerability scan instead.
  if (!versionAtLeast(await t.knownVersion(), 2, 11)) {
    throw inputError(
      'HARBOR_SBOM_UNSUPPORTED',
      `Harbor ${cleanText(t.version ?? '', 100)} cannot generate SBOMs (2.11 or later can)`,
      'Upgrade Harbor, or attach an SBOM you generate yourself with --sbom.',
    );
  }
  const scanner = await getScanner(t, target.project);
  if (scanner === undefined) {
    throw inputError(
      'HARBOR_NO_SCANNER',
      `project ${target.project} has no scanner to generate an SBOM`,
      'Configure a scanner (e.g. Trivy) for the project or as system default.',
    );
  }
  if (scanner !== 'forbidden' && !scanner.supportsSbom) {
    throw inputError(
      'HARBOR_SBOM_UNSUPPORTED',
      `the scanner ${scanner.name} of project ${target.project} cannot generate SBOMs`,
      'Use a scanner with SBOM support (Trivy adapter 0.31+), or attach your own SBOM with --sbom.',
    );
  }
  const before = await getArtifact(t, target, digest, { sbom: true });
  const prior = before.sbom;
  const triggerTime = t.clock.now();
  const how = await triggerScan(t, target, digest, 'sbom');
  const ov = await waitFor(t, tuning, target, digest, {
    kind: 'sbom',
    start,
    timeoutMs: opts.timeoutMs,
    ...(opts.signal ? { signal: opts.signal } : {}),
    read: async (signal) =>
      (await getArtifact(t, target, digest, { sbom: true, ...(signal ? { signal } : {}) })).sbom,
    done: (o) => {
      if (!isFinalStatus(o.status)) return false;
      if (how === 'running' || prior === undefined || !isFinalStatus(prior.status)) return true;
      if (o.reportId !== prior.reportId || o.sbomDigest !== prior.sbomDigest) return true;
      const started = o.startTime ? Date.parse(o.startTime) : NaN;
      return Number.isFinite(started) && started >= triggerTime;
    },
    describe: (o) => o.status,
  });
  if (ov.status !== 'Success' || !ov.sbomDigest) {
    const tail = ov.reportId ? await scanLogTail(t, target, digest, ov.reportId) : '(no log)';
    throw new GateError({
      code: 'SBOM_FAILED',
      message: `Harbor's SBOM generation for ${target.fullName}@${digest} ended with status ${cleanText(ov.status, 100)}${ov.sbomDigest ? '' : ' and no SBOM'}. Last lines of the log:\n${tail}`,
      remedy: 'Read the log above and check the scanner adapter; or attach your own SBOM with --sbom.',
      kind: 'infra',
      details: { status: ov.status, log: tail },
    });
  }
  const sbomDigest = ov.sbomDigest;
  if (!SHA256_DIGEST_PATTERN.test(sbomDigest))
    throw badResponse('SBOM overview', 'the sbom_digest is not a sha256 digest');
  const res = await t.call('GET', `${artifactPath(target, sbomDigest)}/additions/sbom`, {
    headers: { Accept: 'application/json, application/vnd.goharbor.harbor.sbom.v1' },
    maxBytes: SBOM_LIMIT,
  });
  if (res.status !== 200) throw t.fail(res, `read the SBOM ${sbomDigest}`, 'artifact-addition:read');
  const document = parseJson(res, "Harbor's SBOM");
  if (!isObject(document)) throw badResponse('SBOM', 'expected a JSON document');
  return {
    sbomDigest,
    mediaType: cleanText(res.headers['content-type'] ?? 'application/spdx+json', 200),
    document,
    status: ov.status,
  };
}
