/**
 * Publish last: the signed verdict attestation (--attest-scan) is a rendering of the final run
 * record, pushed after everything else, and only when the record's verdict is pass or fail (an
 * errored run has no verdict to sign).
 */
import { shortDigest, VERSION } from '../core/index.js';
import { cutJson, cutList, violationJson, waiverJson, type RunRecord } from '../report/index.js';
import type { VerdictPredicate, VerdictViolation, VerdictWaiver } from '../sign/index.js';
import type { ImageSigner } from './roles.js';
import { elapsed, failed } from './steps.js';
import type { StepOutcome } from './types.js';

/**
 * The verdict predicate: the record's verdict, counts, violations and waivers (docs/vex.md), with
 * the digest of its policy (sign's policyDigest). A pure rendering of the record. The lists are cut
 * as every report cuts them (REPORT_LIMITS, the most severe first, `detail` counting the rest), so a
 * scan with hundreds of thousands of findings still signs a predicate far under the 10 MB a
 * Kyverno bundle layer may hold; the counts and the verdict cover everything.
 */
export function verdictPredicate(
  record: RunRecord & { verdict: 'pass' | 'fail' },
  policyDigest: string,
): VerdictPredicate {
  const report = record.report;
  const violations = cutList(record.violations, (v) => v.severity ?? v.finding?.severity);
  const waivers = cutList(record.waivers, (w) => w.finding.severity);
  return {
    verdict: record.verdict,
    gatedOn: record.generatedAt.toISOString(),
    image: { name: record.image.split('@')[0]!, digest: record.digest },
    policy: { digest: policyDigest },
    counts: { ...record.counts },
    countsAfterWaivers: { ...record.countsAfterWaivers },
    violations: violations.shown.map((v) => violationJson(v) as unknown as VerdictViolation),
    waivers: waivers.shown.map((w) => waiverJson(w) as unknown as VerdictWaiver),
    ...(violations.left > 0 || waivers.left > 0
      ? { detail: { violations: cutJson(violations), waivers: cutJson(waivers) } }
      : {}),
    scanner: report?.scanner ? { ...report.scanner } : null,
    scanFinishedOn: report?.endTime ?? null,
    harborGate: { version: VERSION },
  };
}

/** Whether this run publishes a verdict: asked (--attest-scan), and the record has one to sign. */
export function publishesVerdict(record: RunRecord, asked: boolean): boolean {
  return asked && record.verdict !== 'error' && record.steps.attestScan.status === 'ok';
}

/**
 * Push the verdict attestation of the final record; the attestScan step's outcome is extended
 * with it, or failed (then the run ends in error and no verdict was published).
 */
export async function publishVerdictStep(
  signer: ImageSigner,
  record: RunRecord,
  outcome: StepOutcome,
): Promise<StepOutcome> {
  const t0 = performance.now();
  try {
    if (record.verdict === 'error') throw new Error('an errored run has no verdict to sign');
    // Loaded when used: the gate without --attest-scan does not pay for Sigstore.
    const { policyDigest } = await import('../sign/index.js');
    const predicate = verdictPredicate({ ...record, verdict: record.verdict }, policyDigest(record.policy));
    const att = await signer.attestVerdict(record.digest, predicate);
    return {
      ...outcome,
      seconds: outcome.seconds + elapsed(t0),
      detail: `${outcome.detail ? `${outcome.detail}; ` : ''}verdict ${predicate.verdict} signed as ${shortDigest(att.digest)}`,
      attestations: [...(outcome.attestations ?? []), att.predicateType],
    };
  } catch (e) {
    return failed('verdict attestation', e, outcome.seconds + elapsed(t0));
  }
}
