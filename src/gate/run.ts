/**
 * The gate: the composition of the stages (stages.ts) over the roles (roles.ts). runGate() opens
 * the real roles and runs the steps; runSteps() is the orchestration itself, unit-tested with fakes.
 * Everything that can be checked is checked before the registry is written to (inputs, keys and
 * trust, report paths, Harbor's preflight), so exit 2 leaves nothing written. The steps collect
 * facts; decide() makes them one immutable run record; every output renders it, and the signed
 * verdict is published last. The run never sets outputs or exits.
 */
import { Redactor, silentLogger, type Logger } from '../logger.js';
import type { GateOptions, ReportFormat } from '../config/index.js';
import { parseReference, type ImageReference } from '../oci/index.js';
import { loadSbom, type Sbom } from '../sbom/index.js';
import { DEFAULT_POLICY } from '../policy/index.js';
import { renderConsole, renderMarkdown, type RunRecord } from '../report/index.js';
import { explicitTrust, openSession, type SessionDeps } from './session.js';
import type { ImageSigner, ResolvedTrust, Roles } from './roles.js';
import { elapsed, failed, skipped, supersedeStep } from './steps.js';
import { decide, type RunFacts } from './result.js';
import { checkReportPaths, writeReports } from './reports.js';
import { publishesVerdict, publishVerdictStep } from './publish.js';
import {
  artifactsStage,
  attestScanStage,
  checkBeforeWrites,
  checksStage,
  evaluateStage,
  scanResultStage,
  subjectStage,
  type Run,
  type RunContext,
} from './stages.js';
import { readVexInputs } from './vex.js';
import type { VexDocument } from '../vex/index.js';
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

/** Open the real roles, run every step, close. Never throws for a step: the record says. */
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
    const facts = initialFacts(options, deps.now?.() ?? new Date());
    facts.steps.inputs = failed('reading the inputs', e, elapsed(t0));
    const ctx = { redactor, logger, now: deps.now ?? (() => new Date()), color: deps.color ?? false };
    return finish(facts, options, ctx, (await checkReportPaths(options)).paths);
  }
  try {
    return await runSteps(options, session.roles, prepared, { ...deps, redactor, logger });
  } finally {
    session.close();
  }
}

/**
 * A run whose configuration was refused (a bad flag or input value, a bad policy, no image) ends
 * like any other: verdict error, failed step `inputs`, the reports whose paths are known written,
 * the renderings made. The adapters set their outputs from it.
 */
export async function configErrorRun(
  error: unknown,
  known: { image?: string; reports: GateOptions['reports'] },
  deps: Pick<GateDeps, 'redactor' | 'logger' | 'now' | 'color'> = {},
): Promise<GateResult> {
  const now = deps.now ?? (() => new Date());
  const facts = initialFacts({ image: known.image ?? '', policy: DEFAULT_POLICY, reportOnly: false }, now());
  facts.steps.inputs = failed('reading the configuration', error, 0);
  const ctx: RunContext = {
    redactor: deps.redactor ?? new Redactor(),
    logger: deps.logger ?? silentLogger,
    now,
    color: deps.color ?? false,
  };
  const { paths } = await checkReportPaths({ reports: known.reports });
  return finish(facts, { attestScan: false }, ctx, paths);
}

function initialSteps(): Record<StepName, StepOutcome> {
  return Object.fromEntries(STEP_NAMES.map((s) => [s, skipped()])) as Record<StepName, StepOutcome>;
}

/** The facts of a run before any step: the image asked for, the policy, every step skipped. */
export function initialFacts(
  options: Pick<GateOptions, 'image' | 'policy' | 'reportOnly'>,
  generatedAt: Date,
): RunFacts {
  let repository = options.image;
  try {
    const ref = parseReference(options.image);
    repository = `${ref.registry}/${ref.repository}`;
  } catch {
    // Not a reference: the record names the image as given.
  }
  return {
    repository,
    policy: options.policy,
    reportOnly: options.reportOnly,
    steps: initialSteps(),
    generatedAt,
    warnings: [],
  };
}

/**
 * The orchestration: check everything before the first write; push; the SBOM and the signature
 * alongside the scan; the policy's checks and evaluation; the scan attestation; then finish:
 * decide, publish the verdict last, write the reports.
 */
export async function runSteps(
  options: GateOptions,
  roles: Roles,
  prepared: PreparedInputs,
  deps: GateDeps & { redactor: Redactor; logger: Logger },
): Promise<GateResult> {
  const now = deps.now ?? (() => new Date(roles.clock.now()));
  const ctx: RunContext = { redactor: deps.redactor, logger: deps.logger, now, color: deps.color ?? false };
  const facts: RunFacts = { ...initialFacts(options, now()), vex: vexRun(prepared.vex) };
  const run: Run = {
    options,
    roles,
    prepared,
    ctx,
    facts,
    paths: [],
    signed: false,
    sbomAttached: false,
    fromImage: [],
  };
  facts.steps.inputs = { status: 'ok', seconds: 0, detail: inputsDetail(prepared) };
  facts.warnings.push(...(prepared.vex ?? []).flatMap((d) => d.warnings));
  if ((await checkBeforeWrites(run)) && (await subjectStage(run))) {
    await artifactsStage(run);
    const checksSeconds = await checksStage(run);
    await scanResultStage(run);
    evaluateStage(run, checksSeconds);
    await attestScanStage(run);
  }
  facts.generatedAt = now();
  return finish(run.facts, options, ctx, run.paths, roles.signer, run.signatureBundle);
}

function vexRun(documents: readonly VexDocument[] | undefined): NonNullable<RunFacts['vex']> {
  const docs = (documents ?? []).map((d) => ({
    name: d.name,
    format: d.format,
    statements: d.statements.length,
  }));
  return { documents: docs, attestations: [], ignored: [] };
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

/**
 * Every outcome ends here: the facts decided into the record; the verdict attestation published
 * last (only for a pass or fail, the run's own); the reports written; the renderings made. A
 * publish or a write that fails makes the run's verdict error, decided again from the facts.
 */
async function finish(
  facts: RunFacts,
  options: Pick<GateOptions, 'attestScan' | 'sign'>,
  ctx: RunContext,
  paths: [ReportFormat, string][],
  signer?: ImageSigner,
  signatureBundle?: unknown,
): Promise<GateResult> {
  let record = decide(facts);
  if (signer && publishesVerdict(record, options.attestScan)) {
    facts.steps.attestScan = await publishVerdictStep(signer, record, facts.steps.attestScan);
    record = decide(facts);
  }
  // Once everything this run attaches is pushed (the verdict last): this signer's older scan and
  // verdict attestations are superseded, and the referrer count is checked against Kyverno's limit.
  // A cancelled run writes nothing more to the registry.
  if (signer && options.sign && facts.digest && record.error?.code !== 'CANCELLED') {
    const s = await supersedeStep(signer, facts.digest, facts.steps.attestScan);
    facts.steps.attestScan = s.outcome;
    facts.warnings.push(...s.warnings);
    record = decide(facts);
  }
  const written = await writeOutputs(record, facts, paths, ctx);
  return {
    ...written,
    summaryMarkdown: ctx.redactor.redact(renderMarkdown(written)),
    consoleText: ctx.redactor.redact(renderConsole(written, { color: ctx.color })),
    ...(signatureBundle !== undefined ? { signatureBundle } : {}),
  };
}

/** The reports step: each report written from the record; the record then says what was written. */
async function writeOutputs(
  record: RunRecord,
  facts: RunFacts,
  paths: [ReportFormat, string][],
  ctx: RunContext,
): Promise<RunRecord> {
  const t0 = performance.now();
  try {
    facts.reports = await writeReports(paths, record, ctx);
    // A refused report path keeps its error: the other reports were written with it.
    if (facts.steps.reports.status !== 'failed') {
      facts.steps.reports = {
        status: 'ok',
        seconds: elapsed(t0),
        detail: Object.values(facts.reports).join(', ') || 'none requested',
      };
    }
  } catch (e) {
    facts.steps.reports = failed('writing the reports', e, elapsed(t0));
  }
  return decide(facts);
}
