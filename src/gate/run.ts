/**
 * The gate: the composition of the steps (steps.ts) over the roles (roles.ts). runGate() opens the
 * real roles and runs the steps; runSteps() is the orchestration itself, unit-tested with fakes.
 * Local inputs are read and checked before anything is written to the registry, so bad input leaves
 * no half-written result. The run always ends in a GateResult with one verdict (result.ts); it never
 * sets outputs or exits.
 */
import { emptyCounts, TOOL_NAME, TOOL_URI, VERSION, type Clock } from '../core/index.js';
import { Redactor, silentLogger, type Logger } from '../logger.js';
import type { GateOptions, ReportFormat } from '../config/index.js';
import { parseReference, tagsWritten, type ImageReference } from '../oci/index.js';
import { loadSbom, type Sbom } from '../sbom/index.js';
import { evaluate, type Verdict } from '../policy/index.js';
import { renderConsole, renderMarkdown, type ReportInput } from '../report/index.js';
import { explicitTrust, openSession, type SessionDeps } from './session.js';
import type { ResolvedTrust, Roles } from './roles.js';
import {
  attestSbomStep,
  attestScanStep,
  elapsed,
  failed,
  harborWarnings,
  provenanceStep,
  sbomStep,
  scanStep,
  signStep,
  skipped,
  subjectStep,
  trustedSignatures,
  type ScanStep,
  type Subject,
} from './steps.js';
import { decide } from './result.js';
import { checkReportPaths, writeReports } from './reports.js';
import { attestVerdictStep, readVexInputs, vexEvaluateInput, vexFromImageStep, type VexRun } from './vex.js';
import type { VexDocument, VexStatement } from '../vex/index.js';
import { STEP_NAMES, type GateResult, type StepName, type StepOutcome } from './types.js';

export interface GateDeps extends Partial<SessionDeps> {
  redactor?: Redactor;
  now?: () => Date;
  /** Colour in the console rendering. */
  color?: boolean;
}

/** What the gate reads and checks locally before it writes anything to the registry. */
export interface PreparedInputs {
  ref: ImageReference;
  sbom?: Sbom;
  /** Explicit trust (--key or the identity flags), read. */
  trust?: ResolvedTrust;
  /** The VEX documents of --vex and the policy's `vex:` list, parsed. */
  vex?: VexDocument[];
}

export async function prepareInputs(
  options: GateOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<PreparedInputs> {
  const ref = parseReference(options.image);
  if (options.sign && !options.sign.keyFile) {
    // Keyless signing without a token would fail only after the push and the SBOM: refuse now.
    const { identityTokenSource } = await import('../sign/index.js');
    identityTokenSource(options.sign.identityToken, env);
  }
  if (options.source) {
    const { parseSource } = await import('../oci/index.js');
    parseSource(options.source);
  }
  const sbom = options.sbomFile ? await loadSbom(options.sbomFile) : undefined;
  // A malformed VEX document is an input error (exit 2) naming its line, before anything is pushed.
  const vex = await readVexInputs(options);
  const trust = await explicitTrust(options);
  return {
    ref,
    ...(sbom ? { sbom } : {}),
    ...(trust ? { trust } : {}),
    ...(vex.length > 0 ? { vex } : {}),
  };
}

/** Open the real roles, run every step, close. Never throws for a step: the result says. */
export async function runGate(options: GateOptions, deps: GateDeps = {}): Promise<GateResult> {
  const logger = deps.logger ?? silentLogger;
  const env = deps.env ?? process.env;
  const redactor = deps.redactor ?? new Redactor();
  const t0 = performance.now();
  let prepared: PreparedInputs;
  let session;
  try {
    prepared = await prepareInputs(options, env);
    session = await openSession(options, { ...deps, logger, env, redactor });
  } catch (e) {
    const steps = initialSteps();
    steps.inputs = failed('reading the inputs', e, elapsed(t0));
    return finish(
      options,
      steps,
      { redactor, logger, now: deps.now ?? (() => new Date()), color: deps.color ?? false },
      {},
    );
  }
  try {
    return await runSteps(options, session.roles, prepared, { ...deps, redactor, logger });
  } finally {
    session.close();
  }
}

function initialSteps(): Record<StepName, StepOutcome> {
  return Object.fromEntries(STEP_NAMES.map((s) => [s, skipped()])) as Record<StepName, StepOutcome>;
}

interface RunContext {
  redactor: Redactor;
  logger: Logger;
  now: () => Date;
  color: boolean;
}

/** The orchestration: push, then SBOM and signing alongside the scan, then the policy and reports. */
export async function runSteps(
  options: GateOptions,
  roles: Roles,
  prepared: PreparedInputs,
  deps: GateDeps & { redactor: Redactor; logger: Logger },
): Promise<GateResult> {
  const logger = deps.logger;
  const clock: Clock = roles.clock;
  const ctx: RunContext = {
    redactor: deps.redactor,
    logger,
    now: deps.now ?? (() => new Date(clock.now())),
    color: deps.color ?? false,
  };
  const steps = initialSteps();
  steps.inputs = { status: 'ok', seconds: 0, detail: inputsDetail(prepared) };
  const { ref } = prepared;
  const timeoutMs = options.scan?.timeoutMs ?? 0;

  // --provenance: the statement is built from what the CI set (keyless: the signing token's
  // claims) before anything is pushed, so a missing value is an input error that writes nothing.
  const signer = roles.signer;
  if (options.provenance && signer) {
    const t = performance.now();
    try {
      const p = await signer.prepareProvenance(options.provenance.ci);
      steps.inputs.detail = `${steps.inputs.detail ?? ''}; provenance from the ${p.source === 'oidc-token' ? 'OIDC token' : 'CI variables'}`;
    } catch (e) {
      steps.inputs = failed('reading the inputs', e, elapsed(t));
      return finish(options, steps, ctx, {});
    }
  }

  // 1. The image: push it from the source, or resolve it in the registry.
  let subject: Subject;
  const t0 = performance.now();
  try {
    subject = await subjectStep(roles.target, options, ref);
  } catch (e) {
    steps.push = failed(options.source ? 'push' : 'resolving the image', e, elapsed(t0));
    return finish(options, steps, ctx, {});
  }
  steps.push = subject.outcome;
  const digest = subject.descriptor.digest;
  logger.info(
    `image ${ref.registry}/${ref.repository}@${digest}${subject.push ? `; tags ${tagsWritten(subject.push)}` : ''}`,
  );

  // 2. The scan runs while the SBOM is attached and the image signed.
  const vulns = roles.vulnerabilities;
  const scanning = vulns
    ? scanStep(vulns, digest, {
        timeoutMs,
        needAllowlists: options.policy.useHarborAllowlist,
        logger,
      })
    : undefined;
  const [sbomOut, signOut] = await Promise.all([
    sbomStep(roles.sboms, subject.descriptor, prepared.sbom, {
      generate: options.generateSbom,
      ...(vulns ? { vulnerabilities: vulns } : {}),
      timeoutMs,
      logger,
    }),
    signer && options.sign
      ? signStep(signer, digest, { format: options.sign.format, recursive: options.sign.recursive, logger })
      : Promise.resolve(undefined),
  ]);
  steps.sbom = sbomOut.outcome;
  steps.sign = signOut?.outcome ?? skipped('--no-sign');
  const signatureBundle = signOut?.signatures.find((x) => x.bundle !== undefined)?.bundle;
  if (prepared.sbom && options.attest && signer && steps.sbom.status === 'ok') {
    steps.sbom = (await attestSbomStep(signer, digest, prepared.sbom, steps.sbom)).outcome;
  }
  // The provenance, in the signature's formats, once the signature is written.
  let provenanceDigest: string | undefined;
  if (options.provenance && signer && options.sign && steps.sign.status !== 'failed') {
    const out = await provenanceStep(signer, digest, {
      format: options.sign.format,
      recursive: options.sign.recursive,
    });
    steps.provenance = out.outcome;
    provenanceDigest = out.outcome.digest;
  } else {
    steps.provenance = skipped(options.provenance ? 'not signed' : 'not requested (--provenance)');
  }

  // 3. What the policy needs beyond the scan: a signature that verifies, an SBOM that validates,
  // the image's VEX attestations that verify.
  const warnings: string[] = (prepared.vex ?? []).flatMap((d) => d.warnings);
  let fromImage: VexStatement[] = [];
  const vexRun: VexRun = {
    documents: (prepared.vex ?? []).map((d) => ({
      name: d.name,
      format: d.format,
      statements: d.statements.length,
    })),
    attestations: [],
    ignored: [],
  };
  if (prepared.trust && !options.policy.requireSignature && !options.vexFromImage) {
    warnings.push(
      `${prepared.trust.description} is given as trust, but nothing uses it: add --require-signature (or --vex-from-image), or drop the trust flags`,
    );
  }
  const policyT0 = performance.now();
  let signed = steps.sign.status === 'ok';
  let sbomAttached = steps.sbom.status === 'ok';
  let sbomDigest = steps.sbom.digest;
  let signatureDigest = steps.sign.digest;
  try {
    if (options.policy.requireSignature) {
      const trust = prepared.trust ?? (signer ? await signer.ownTrust() : undefined);
      if (!trust) {
        signed = false;
        warnings.push(
          '--require-signature: no trust to check signatures with (the gate did not sign, and no --key or identity was given)',
        );
      } else {
        const { verified, rejected } = await trustedSignatures(roles.verifier, digest, trust, logger);
        signed = verified.length > 0;
        signatureDigest ??= verified[0]?.digest;
        if (signed && steps.sign.status === 'skipped') {
          steps.sign = {
            status: 'ok',
            seconds: 0,
            ...(signatureDigest ? { digest: signatureDigest } : {}),
            detail: `already signed; ${verified.length} signature(s) verify with ${trust.description}`,
          };
        }
        if (!signed) {
          warnings.push(
            `--require-signature: no signature of ${digest} verifies with ${trust.description}${rejected.length ? ` (${rejected.length} rejected)` : ''}`,
          );
        }
      }
    }
    if (options.vexFromImage) {
      const trust = prepared.trust ?? (signer ? await signer.ownTrust() : undefined);
      const read = await vexFromImageStep(roles.attestations, digest, trust, logger);
      fromImage = read.statements;
      vexRun.attestations = read.applied;
      vexRun.ignored = read.ignored;
      warnings.push(...read.warnings);
    }
    if (options.policy.requireSbom && steps.sbom.status === 'skipped') {
      const found = await roles.sboms.validSbom(digest);
      for (const r of found.rejected) warnings.push(`an SBOM referrer does not count: ${r}`);
      if (found.sbom) {
        sbomAttached = true;
        sbomDigest = found.sbom.digest;
        steps.sbom = {
          status: 'ok',
          seconds: 0,
          digest: found.sbom.digest,
          detail: `already attached (${found.sbom.format}, validated)`,
        };
      }
    }
  } catch (e) {
    steps.policy = failed('checking signatures and SBOMs', e, elapsed(policyT0));
  }

  const checksSeconds = elapsed(policyT0);
  const scan: ScanStep | undefined = scanning ? await scanning : undefined;
  if (scan) {
    steps.scan = scan.outcome;
    warnings.push(...scan.warnings);
    if (scan.error && options.policy.onScanError === 'warn') {
      steps.scan = { ...scan.outcome, status: 'warned' };
    }
  } else {
    steps.scan = skipped('--no-scan');
  }

  // 4. The policy.
  const evalT0 = performance.now();
  const now = ctx.now();
  const vex = vexEvaluateInput(prepared.vex ?? [], fromImage, { ref, digest, reference: options.image });
  // When the checks above could not finish, nothing was evaluated: no violation may claim otherwise.
  const checksFailed = steps.policy.status === 'failed';
  const evaluation: Verdict = checksFailed
    ? notEvaluated(options, now)
    : evaluate(
        {
          ...(scan?.report ? { report: scan.report } : {}),
          // A scan that could not finish is the run's error (exit 3) unless --on-scan-error warn, when
          // the policy notes it as a warning.
          ...(scan?.error && options.policy.onScanError === 'warn'
            ? { scanError: { code: scan.error.code, message: scan.error.message } }
            : {}),
          signed,
          sbomAttached,
          ...(scan?.allowlists && options.policy.useHarborAllowlist
            ? { harborAllowlists: scan.allowlists }
            : {}),
          ...(vex ? { vex } : {}),
        },
        options.policy,
        now,
      );
  warnings.push(...evaluation.warnings);
  if (steps.policy.status !== 'failed') {
    steps.policy = policyOutcome(evaluation, {
      // The checks and the evaluation, not the wait for the scan.
      seconds: checksSeconds + elapsed(evalT0),
      ...(scan?.report ? {} : { noScan: scan ? 'scan failed' : '--no-scan' }),
      checksSignatures: options.policy.requireSignature || options.policy.requireSbom,
    });
  }
  if (scan) {
    const project = ref.repository.slice(0, ref.repository.indexOf('/'));
    warnings.push(...harborWarnings(scan, options, project, evaluation.verdict === 'pass', now.getTime()));
  }

  // 5. Optionally the scan result and the decision as signed attestations. Only a decided run is
  // attested: a run with a failed step has no verdict to sign.
  if (options.attestScan && signer && scan?.report) {
    steps.attestScan = await attestScanStep(signer, digest, scan.report);
    if (decide(steps, evaluation, false).outcome.verdict !== 'error') {
      steps.attestScan = await attestVerdictStep(
        signer,
        {
          digest,
          repository: `${ref.registry}/${ref.repository}`,
          verdict: evaluation,
          policy: options.policy,
          report: scan.report,
          gatedOn: now,
        },
        steps.attestScan,
      );
    }
  }

  return finish(options, steps, ctx, {
    digest,
    tags: subject.tags,
    evaluation,
    ...(scan ? { scan } : {}),
    ...(sbomAttached && sbomDigest ? { sbomDigest } : {}),
    ...(signatureDigest ? { signatureDigest } : {}),
    ...(provenanceDigest ? { provenanceDigest } : {}),
    ...(signatureBundle !== undefined ? { signatureBundle } : {}),
    warnings,
    // A link only to a Harbor that answered as Harbor: never to a plain registry or a host that failed.
    ...(vulns && scan?.harborAnswered ? { harborUrl: vulns.baseUrl } : {}),
    vex: vexRun,
  });
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

function inputsDetail(p: PreparedInputs): string {
  const parts = [`image ${p.ref.registry}/${p.ref.repository}`];
  if (p.sbom) parts.push(`SBOM ${p.sbom.format}`);
  if (p.trust) parts.push(`trust ${p.trust.description}`);
  if (p.vex) {
    const n = p.vex.reduce((k, d) => k + d.statements.length, 0);
    parts.push(`VEX ${p.vex.length} document(s), ${n} statement(s)`);
  }
  return parts.join('; ');
}

interface Reached {
  digest?: string;
  tags?: string[];
  evaluation?: Verdict;
  scan?: ScanStep;
  sbomDigest?: string;
  signatureDigest?: string;
  provenanceDigest?: string;
  signatureBundle?: unknown;
  warnings?: string[];
  harborUrl?: string;
  vex?: VexRun;
}

/** A run that ended before the policy: nothing was evaluated, so nothing is violated or waived. */
function notEvaluated(options: GateOptions, now: Date): Verdict {
  return {
    ...evaluate({ signed: true, sbomAttached: true }, { ...options.policy, allowlist: [] }, now),
    warnings: [],
  };
}

/** The verdict, the reports and the renderings, for every outcome. */
async function finish(
  options: GateOptions,
  steps: Record<StepName, StepOutcome>,
  ctx: RunContext,
  reached: Reached,
): Promise<GateResult> {
  const now = ctx.now();
  const stopped = STEP_NAMES.find((n) => steps[n].status === 'failed' && steps[n].error);
  if (stopped) {
    for (const n of STEP_NAMES) {
      const s = steps[n];
      if (s.status === 'skipped' && !s.detail && n !== 'reports')
        s.detail = `not reached (${stopped} failed)`;
    }
  }
  const evaluation = reached.evaluation ?? notEvaluated(options, now);
  const warnings = [...(reached.warnings ?? [])];
  let { outcome, exitCode } = decide(steps, reached.evaluation, options.reportOnly);
  let ref: ImageReference | undefined;
  try {
    ref = parseReference(options.image);
  } catch {
    ref = undefined;
  }
  const repoName = ref ? `${ref.registry}/${ref.repository}` : options.image;
  const image = reached.digest ? `${repoName}@${reached.digest}` : repoName;
  if (outcome.verdict === 'fail' && outcome.reportOnly) {
    warnings.push('the policy was breached; --report-only: the build is not failed');
  }
  const report = reached.scan?.report;
  const reportInput = (): ReportInput => ({
    image,
    digest: reached.digest ?? '',
    verdict: evaluation,
    ...(report ? { report } : {}),
    policy: options.policy,
    tool: { name: TOOL_NAME, version: VERSION, informationUri: TOOL_URI },
    generatedAt: now,
    ...(reached.harborUrl ? { harborUrl: reached.harborUrl } : {}),
    outcome,
    ...(reached.vex?.ignored.length ? { vexIgnored: reached.vex.ignored } : {}),
    steps: Object.fromEntries(
      Object.entries(steps).map(([k, { error, ...v }]) => [
        k,
        {
          ...v,
          seconds: Math.round(v.seconds * 1000) / 1000,
          ...(error ? { error: error.message, code: error.code } : {}),
        },
      ]),
    ),
  });
  // Every report path is checked before any report is written, so that a refused path (a symlink,
  // a directory) makes the verdict `error` in every report, not only in those written after it.
  const reportsT0 = performance.now();
  let written: Partial<Record<ReportFormat, string>> = {};
  const usable = await checkReportPaths(options);
  if (usable.error) {
    steps.reports = failed('writing the reports', usable.error, elapsed(reportsT0));
    ({ outcome, exitCode } = decide(steps, reached.evaluation, options.reportOnly));
  }
  try {
    written = await writeReports(usable.paths, reportInput(), ctx);
    if (!usable.error) {
      steps.reports = {
        status: 'ok',
        seconds: elapsed(reportsT0),
        detail: Object.values(written).join(', ') || 'none requested',
      };
    }
  } catch (e) {
    steps.reports = failed('writing the reports', e, elapsed(reportsT0));
    ({ outcome, exitCode } = decide(steps, reached.evaluation, options.reportOnly));
  }
  const input = reportInput();
  return {
    outcome,
    verdict: outcome.verdict,
    ...(outcome.failedStep ? { failedStep: outcome.failedStep as StepName } : {}),
    exitCode,
    image,
    digest: reached.digest ?? '',
    tags: reached.tags ?? [],
    steps,
    counts: report?.counts ?? emptyCounts(),
    fixable: report?.fixable ?? 0,
    ...(reached.sbomDigest ? { sbomDigest: reached.sbomDigest } : {}),
    ...(reached.signatureDigest ? { signatureDigest: reached.signatureDigest } : {}),
    ...(reached.provenanceDigest ? { provenanceDigest: reached.provenanceDigest } : {}),
    ...(reached.signatureBundle !== undefined ? { signatureBundle: reached.signatureBundle } : {}),
    reports: written,
    summaryMarkdown: ctx.redactor.redact(renderMarkdown(input)),
    consoleText: ctx.redactor.redact(renderConsole(input, { color: ctx.color })),
    evaluation,
    ...(report ? { scanReport: report } : {}),
    warnings,
    ...(reached.vex ? { vex: reached.vex } : {}),
  };
}
