/**
 * The stages runSteps composes (run.ts). Each takes the run in progress, runs its steps over the
 * roles and adds what they found to the run's facts; none decides the verdict (result.ts does,
 * once the facts are in) and none renders anything.
 */
import type { Redactor, Logger } from '../logger.js';
import type { GateOptions, ReportFormat } from '../config/index.js';
import { evaluate, type Verdict } from '../policy/index.js';
import type { VexStatement } from '../vex/index.js';
import { tagsWritten, type Descriptor } from '../oci/index.js';
import type { PreparedInputs } from './run.js';
import type { ResolvedTrust, Roles } from './roles.js';
import type { RunFacts } from './result.js';
import { checkReportPaths } from './reports.js';
import {
  attestSbomStep,
  attestScanStep,
  elapsed,
  failed,
  harborWarnings,
  preflightStep,
  provenanceStep,
  sbomStep,
  scanStep,
  signStep,
  skipped,
  subjectStep,
  trustedSignatures,
  type Preflight,
  type ScanStep,
} from './steps.js';
import { vexEvaluateInput, vexFromImageStep } from './vex.js';
import { STEP_NAMES, type StepOutcome } from './types.js';

export interface RunContext {
  redactor: Redactor;
  logger: Logger;
  now: () => Date;
  color: boolean;
}

/** A run in progress: its facts so far, and what one stage hands the next. */
export interface Run {
  options: GateOptions;
  roles: Roles;
  prepared: PreparedInputs;
  ctx: RunContext;
  facts: RunFacts;
  /** The report paths that can be written (checked before anything else). */
  paths: [ReportFormat, string][];
  preflight?: Preflight;
  /** The image pushed or resolved. */
  subject?: Descriptor;
  scanning?: Promise<ScanStep>;
  scan?: ScanStep;
  signatureBundle?: unknown;
  /** What the policy needs beyond the scan. */
  signed: boolean;
  sbomAttached: boolean;
  fromImage: VexStatement[];
}

/** Whether a step has stopped the run (a failed step with an error). */
export function stopped(run: Run): boolean {
  return STEP_NAMES.some((n) => run.facts.steps[n].status === 'failed' && run.facts.steps[n].error);
}

/**
 * Everything that can be checked before the registry is written to: the report paths, then
 * Harbor's preflight (it is Harbor, the project exists, a scanner is set, the robot may scan).
 * The inputs, keys and trust were read before the roles were opened (prepareInputs).
 */
export async function checkBeforeWrites(run: Run): Promise<boolean> {
  const t0 = performance.now();
  // --provenance: the statement is built from what the CI set (keyless: the signing token's
  // claims) before anything is pushed, so a missing value is an input error that writes nothing.
  const signer = run.roles.signer;
  if (run.options.provenance && signer) {
    try {
      const p = await signer.prepareProvenance(run.options.provenance.ci);
      const inputs = run.facts.steps.inputs;
      inputs.detail = `${inputs.detail ?? ''}; provenance from the ${p.source === 'oidc-token' ? 'OIDC token' : 'CI variables'}`;
    } catch (e) {
      run.facts.steps.inputs = failed('reading the inputs', e, elapsed(t0));
      return false;
    }
  }
  const usable = await checkReportPaths(run.options);
  run.paths = usable.paths;
  if (usable.error) {
    run.facts.steps.reports = failed('checking the report paths', usable.error, elapsed(t0));
    return false;
  }
  const vulns = run.roles.vulnerabilities;
  const pre = vulns ? await preflightStep(vulns) : undefined;
  // With --on-scan-error warn a Harbor that cannot scan is the scan's warning, as a scan that
  // fails later would be: the run goes on without a scan. Otherwise it stops before any write.
  const scanError = pre?.outcome?.error;
  const scanWarned = run.options.policy.onScanError === 'warn' && scanError !== undefined;
  if (pre?.outcome && scanWarned) {
    run.scan = { outcome: pre.outcome, error: scanError, harborAnswered: false, warnings: [] };
  } else if (pre?.outcome) {
    run.facts.steps.scan = pre.outcome;
    return false;
  }
  // The registry credentials: a push-scoped upload opened and cancelled before the first blob,
  // when the run will write (push, tag, attach, sign or attest).
  if (writes(run)) {
    const t1 = performance.now();
    try {
      await run.roles.target.checkPush(run.options.source);
    } catch (e) {
      run.facts.steps.push = failed('checking push access', e, elapsed(t1));
      return false;
    }
  }
  if (!vulns || scanWarned) return true;
  if (pre?.preflight) run.preflight = pre.preflight;
  // A link only to a Harbor that answered as Harbor: never to a plain registry or a host that failed.
  run.facts.harborUrl = vulns.baseUrl;
  return true;
}

/** Whether the run will write to the registry at all. */
function writes(run: Run): boolean {
  const o = run.options;
  return (
    o.source !== undefined ||
    o.tags.length > 0 ||
    o.sign !== undefined ||
    run.prepared.sbom !== undefined ||
    o.attestScan ||
    o.provenance !== undefined
  );
}

/** The image: push it from the source, or resolve it in the registry (and tag it). */
export async function subjectStage(run: Run): Promise<boolean> {
  const { options, facts } = run;
  const t0 = performance.now();
  // Known before the push ends: a push cut short (cancelled) still says what it left.
  facts.pushed = options.source !== undefined;
  try {
    const subject = await subjectStep(run.roles.target, options, run.prepared.ref);
    facts.steps.push = subject.outcome;
    run.subject = subject.descriptor;
    facts.digest = subject.descriptor.digest;
    facts.tags = subject.tags;
    const ref = run.prepared.ref;
    run.ctx.logger.info(
      `image ${ref.registry}/${ref.repository}@${subject.descriptor.digest}${subject.push ? `; tags ${tagsWritten(subject.push)}` : ''}`,
    );
    // The scan starts now and runs while the SBOM is attached and the image signed.
    const vulns = run.roles.vulnerabilities;
    if (vulns && !run.scan) {
      run.scanning = scanStep(vulns, subject.descriptor.digest, {
        timeoutMs: options.scan?.timeoutMs ?? 0,
        needAllowlists: options.policy.useHarborAllowlist,
        logger: run.ctx.logger,
        ...(run.preflight ? { preflight: run.preflight } : {}),
      });
    }
    return true;
  } catch (e) {
    facts.steps.push = failed(options.source ? 'push' : 'resolving the image', e, elapsed(t0));
    return false;
  }
}

/** The SBOM attached (or generated) and the image signed, side by side; then the SBOM attestation. */
export async function artifactsStage(run: Run): Promise<void> {
  const { options, roles, facts, prepared } = run;
  const digest = facts.digest!;
  const signer = roles.signer;
  const subject = run.subject!;
  const [sbomOut, signOut] = await Promise.all([
    sbomStep(roles.sboms, subject, prepared.sbom, {
      generate: options.generateSbom,
      ...(roles.vulnerabilities ? { vulnerabilities: roles.vulnerabilities } : {}),
      timeoutMs: options.scan?.timeoutMs ?? 0,
      logger: run.ctx.logger,
    }),
    signer && options.sign
      ? signStep(signer, digest, {
          format: options.sign.format,
          recursive: options.sign.recursive,
          force: options.sign.force,
          logger: run.ctx.logger,
        })
      : Promise.resolve(undefined),
  ]);
  facts.steps.sbom = sbomOut.outcome;
  facts.steps.sign = signOut?.outcome ?? skipped('--no-sign');
  run.signatureBundle = signOut?.signatures.find((x) => x.bundle !== undefined)?.bundle;
  if (prepared.sbom && options.attest && signer && facts.steps.sbom.status === 'ok') {
    facts.steps.sbom = (await attestSbomStep(signer, digest, prepared.sbom, facts.steps.sbom)).outcome;
  }
  // The provenance, in the signature's formats, once the signature is written.
  if (options.provenance && signer && options.sign && facts.steps.sign.status !== 'failed') {
    const out = await provenanceStep(signer, digest, {
      format: options.sign.format,
      recursive: options.sign.recursive,
    });
    facts.steps.provenance = out.outcome;
    if (out.outcome.digest) facts.provenanceDigest = out.outcome.digest;
  } else {
    facts.steps.provenance = skipped(options.provenance ? 'not signed' : 'not requested (--provenance)');
  }
  run.signed = facts.steps.sign.status === 'ok';
  run.sbomAttached = facts.steps.sbom.status === 'ok';
  if (run.sbomAttached && facts.steps.sbom.digest) facts.sbomDigest = facts.steps.sbom.digest;
  if (facts.steps.sign.digest) facts.signatureDigest = facts.steps.sign.digest;
}

/** The trust in force: explicit, else the gate's own signing key or keyless identity. */
async function trustInForce(run: Run): Promise<ResolvedTrust | undefined> {
  return run.prepared.trust ?? (run.roles.signer ? await run.roles.signer.ownTrust() : undefined);
}

/** --require-signature: a signature that verifies with the trust in force. */
async function signatureCheck(run: Run): Promise<void> {
  const { facts } = run;
  const digest = facts.digest!;
  const trust = await trustInForce(run);
  if (!trust) {
    run.signed = false;
    facts.warnings.push(
      '--require-signature: no trust to check signatures with (the gate did not sign, and no --key or identity was given)',
    );
    return;
  }
  const { verified, rejected } = await trustedSignatures(run.roles.verifier, digest, trust, run.ctx.logger);
  run.signed = verified.length > 0;
  facts.signatureDigest ??= verified[0]?.digest;
  if (run.signed && facts.steps.sign.status === 'skipped') {
    facts.steps.sign = {
      status: 'ok',
      seconds: 0,
      ...(facts.signatureDigest ? { digest: facts.signatureDigest } : {}),
      detail: `already signed; ${verified.length} signature(s) verify with ${trust.description}`,
    };
  }
  if (!run.signed) {
    facts.warnings.push(
      `--require-signature: no signature of ${digest} verifies with ${trust.description}${rejected.length ? ` (${rejected.length} rejected)` : ''}`,
    );
  }
}

/** --require-sbom with no SBOM attached by this run: one already there that validates. */
async function sbomCheck(run: Run): Promise<void> {
  const { facts } = run;
  const found = await run.roles.sboms.validSbom(facts.digest!);
  for (const r of found.rejected) facts.warnings.push(`an SBOM referrer does not count: ${r}`);
  if (!found.sbom) return;
  run.sbomAttached = true;
  facts.sbomDigest = found.sbom.digest;
  facts.steps.sbom = {
    status: 'ok',
    seconds: 0,
    digest: found.sbom.digest,
    detail: `already attached (${found.sbom.format}, validated)`,
  };
}

/**
 * What the policy needs beyond the scan: a signature that verifies, an SBOM that validates, the
 * image's VEX attestations that verify. Returns the seconds spent (the policy step's time).
 */
export async function checksStage(run: Run): Promise<number> {
  const { options, facts } = run;
  const t0 = performance.now();
  if (run.prepared.trust && !options.policy.requireSignature && !options.vexFromImage) {
    facts.warnings.push(
      `${run.prepared.trust.description} is given as trust, but nothing uses it: add --require-signature (or --vex-from-image), or drop the trust flags`,
    );
  }
  try {
    if (options.policy.requireSignature) await signatureCheck(run);
    if (options.vexFromImage) {
      const read = await vexFromImageStep(
        run.roles.attestations,
        facts.digest!,
        await trustInForce(run),
        run.ctx.logger,
      );
      run.fromImage = read.statements;
      facts.vex = { ...facts.vex!, attestations: read.applied, ignored: read.ignored };
      facts.warnings.push(...read.warnings);
    }
    if (options.policy.requireSbom && facts.steps.sbom.status === 'skipped') await sbomCheck(run);
  } catch (e) {
    facts.steps.policy = failed('checking signatures and SBOMs', e, elapsed(t0));
  }
  return elapsed(t0);
}

/** The scan's result, awaited: its report, warnings, or error (a warning with --on-scan-error warn). */
export async function scanResultStage(run: Run): Promise<void> {
  const { facts, options } = run;
  // The scan started with the push, or the preflight's failure kept as the scan's (warn).
  const scan = run.scanning ? await run.scanning : run.scan;
  if (!scan) {
    facts.steps.scan = skipped('--no-scan');
    return;
  }
  run.scan = scan;
  facts.steps.scan =
    scan.error && options.policy.onScanError === 'warn'
      ? { ...scan.outcome, status: 'warned' }
      : scan.outcome;
  if (scan.report) facts.scan = scan.report;
  facts.warnings.push(...scan.warnings);
}

/**
 * The policy, evaluated only when every step before it finished: a run that stopped has nothing
 * evaluated, so no violation, waiver or pass may claim otherwise.
 */
export function evaluateStage(run: Run, checksSeconds: number): void {
  const { facts, options, prepared } = run;
  if (stopped(run)) return;
  const t0 = performance.now();
  const now = run.ctx.now();
  const scan = run.scan;
  const vex = vexEvaluateInput(prepared.vex ?? [], run.fromImage, {
    ref: prepared.ref,
    digest: facts.digest!,
    reference: options.image,
  });
  const evaluation = evaluate(
    {
      ...(scan?.report ? { report: scan.report } : {}),
      // A scan that could not finish stops the run (exit 3) unless --on-scan-error warn, when the
      // policy notes it as a warning.
      ...(scan?.error ? { scanError: { code: scan.error.code, message: scan.error.message } } : {}),
      signed: run.signed,
      sbomAttached: run.sbomAttached,
      ...(scan?.allowlists && options.policy.useHarborAllowlist ? { harborAllowlists: scan.allowlists } : {}),
      ...(vex ? { vex } : {}),
    },
    options.policy,
    now,
  );
  facts.evaluation = evaluation;
  facts.steps.policy = policyOutcome(evaluation, {
    // The checks and the evaluation, not the wait for the scan.
    seconds: checksSeconds + elapsed(t0),
    ...(scan?.report ? {} : { noScan: scan ? 'scan failed' : '--no-scan' }),
    checksSignatures: options.policy.requireSignature || options.policy.requireSbom,
  });
  if (scan) {
    const ref = prepared.ref;
    const project = ref.repository.slice(0, ref.repository.indexOf('/'));
    facts.warnings.push(
      ...harborWarnings(scan, options, project, evaluation.verdict === 'pass', now.getTime()),
    );
  }
}

/** --attest-scan: the scan result as a signed attestation, for a run that reached its verdict. */
export async function attestScanStage(run: Run): Promise<void> {
  const { facts, options, roles } = run;
  const report = run.scan?.report;
  if (!options.attestScan || !roles.signer || !report || stopped(run)) return;
  facts.steps.attestScan = await attestScanStep(roles.signer, facts.digest!, report);
}

/**
 * The policy step in words. Without a scan report the vulnerability rules were not evaluated, and
 * it never reads "ok (0 violations)": "not evaluated (scan failed)", or the signature and SBOM
 * rules' result with that said.
 */
function policyOutcome(
  evaluation: Verdict,
  o: { seconds: number; noScan?: string; checksSignatures: boolean },
): StepOutcome {
  const n = evaluation.violations.length;
  const counts = `${n} violation(s), ${evaluation.waivers.length} waiver(s)`;
  if (o.noScan === undefined) {
    return { status: evaluation.verdict === 'pass' ? 'ok' : 'failed', seconds: o.seconds, detail: counts };
  }
  if (n === 0 && !o.checksSignatures) {
    return { status: 'skipped', seconds: o.seconds, detail: `not evaluated (${o.noScan})` };
  }
  return {
    status: evaluation.verdict === 'pass' ? 'ok' : 'failed',
    seconds: o.seconds,
    detail: `${counts}; vulnerability rules not evaluated (${o.noScan})`,
  };
}
