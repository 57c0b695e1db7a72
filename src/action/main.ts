/**
 * The GitHub Action adapter: inputs -> GateOptions -> runGate() -> outputs, job summary,
 * annotations and the step's result. Outputs are set before the step fails; secrets are masked.
 */
import * as core from '@actions/core';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  cleanLines,
  cleanText,
  colorEnabled,
  listenForCancel,
  runWithDeadline,
  writeFileNoFollow,
  type SignalSource,
} from '../core/index.js';
import {
  resolveGateOptions,
  resolveReportPaths,
  type GateOptions,
  type RawGateInput,
  type ReportFormat,
} from '../config/index.js';
import { FLAGS, GATE_FLAGS, SECRET_ENV_NAMES, parseBoolean, type FlagName } from '../core/index.js';
import { GateError, inputError, toGateError } from '../errors.js';
import { Redactor, closableLogger, redactingLogger, type Logger } from '../logger.js';
import { configErrorRun, headline, runGate, type GateResult } from '../gate/index.js';
import type { RunRecord } from '../report/index.js';

/**
 * The Action's inputs under the CLI's flag names: the gate's flags and the common ones that apply,
 * except those with an input of another name or shape (tags, sign, scan; see readInputs).
 */
const INPUT_FLAGS: FlagName[] = (['image', 'username', 'ca-file', 'plain-http', 'timeout'] as FlagName[])
  .concat(GATE_FLAGS)
  .filter((f) => f !== 'tag' && f !== 'no-sign' && f !== 'no-scan');

/** Inputs passed through as strings. */
export const STRING_INPUTS = INPUT_FLAGS.filter((f) => FLAGS[f].type === 'string');

/** Boolean inputs: only a non-empty input is passed, so an empty one keeps the policy file's value. */
export const BOOLEAN_INPUTS = INPUT_FLAGS.filter((f) => FLAGS[f].type === 'boolean');

/** Repeatable flags as inputs: one value a line (`vex`: one file a line). */
export const MULTI_INPUTS = INPUT_FLAGS.filter((f) => FLAGS[f].type === 'multi');

const REPORT_OUTPUTS: [ReportFormat, string][] = [
  ['sarif', 'sarif-file'],
  ['gitlab', 'gitlab-report-file'],
  ['junit', 'junit-file'],
  ['html', 'html-file'],
  ['json', 'json-report-file'],
];

/** GitHub shows at most 10 annotations of a type per step. */
const MAX_ANNOTATIONS = 10;

export interface ActionIO {
  getInput(name: string): string;
  setOutput(name: string, value: string | number): void;
  setSecret(secret: string): void;
  setFailed(message: string): void;
  writeSummary(markdown: string): Promise<void>;
  annotate(kind: 'error' | 'warning' | 'notice', message: string, title?: string): void;
  /** Our own rendered text (the console verdict, with its colours), not through the cleaning logger. */
  print(text: string): void;
  /** A collapsible section of the log (::group::). */
  startGroup(name: string): void;
  endGroup(): void;
  logger: Logger;
  isDebug(): boolean;
  /** SIGINT/SIGTERM (the process; tests inject an emitter). Absent: the run is not cancellable. */
  signals?: SignalSource;
  /** A second signal ends the process at once with this code. */
  exitNow?: (code: number) => void;
}

function coreIO(): ActionIO {
  return {
    getInput: (name) => core.getInput(name),
    setOutput: (name, value) => {
      core.setOutput(name, value);
    },
    setSecret: (s) => {
      core.setSecret(s);
    },
    setFailed: (m) => {
      core.setFailed(m);
    },
    writeSummary: async (md) => {
      // The step's summary file as the runner names it now (core.summary keeps the first path it
      // saw for the life of the process).
      const file = process.env.GITHUB_STEP_SUMMARY;
      if (!file) throw new Error('GITHUB_STEP_SUMMARY is not set: the runner offers no job summary');
      await fs.appendFile(file, `${md}\n`, { encoding: 'utf8' });
    },
    annotate: (kind, message, title) => {
      const props = title ? { title } : {};
      if (kind === 'error') core.error(message, props);
      else if (kind === 'warning') core.warning(message, props);
      else core.notice(message, props);
    },
    print: (text) => {
      core.info(text);
    },
    startGroup: (name) => {
      core.startGroup(name);
    },
    endGroup: () => {
      core.endGroup();
    },
    logger: {
      debug: (m) => {
        core.debug(m);
      },
      info: (m) => {
        core.info(m);
      },
      // Plain log lines, not annotations: annotations are kept for the violations.
      warn: (m) => {
        core.info(`warning: ${m}`);
      },
      error: (m) => {
        core.info(`error: ${m}`);
      },
    },
    isDebug: () => core.isDebug(),
    signals: process,
    exitNow: (code) => process.exit(code),
  };
}

function parseBool(name: string, value: string): boolean {
  const v = parseBoolean(value);
  if (v !== undefined) return v;
  throw inputError(
    'CONFIG_BAD_VALUE',
    `input ${name}: '${value}' is not a boolean`,
    `Set ${name} to true or false.`,
  );
}

/** Map the Action's inputs onto the CLI's flag names. */
export function readInputs(io: ActionIO): { raw: RawGateInput; password?: string; jobSummary: boolean } {
  const raw: RawGateInput = {};
  for (const name of STRING_INPUTS) {
    const v = io.getInput(name).trim();
    if (v !== '') raw[name] = v;
  }
  for (const name of BOOLEAN_INPUTS) {
    const v = io.getInput(name);
    if (v.trim() !== '') raw[name] = parseBool(name, v);
  }
  for (const name of MULTI_INPUTS) {
    const v = io.getInput(name).trim();
    if (v !== '') raw[name] = [v];
  }
  // One a line or a comma list, bare tags or full references of the same repository (as
  // docker/metadata-action writes them): config/ resolves them like --tag.
  const tags = io.getInput('tags').trim();
  if (tags !== '') raw.tag = [tags];
  const sign = io.getInput('sign');
  raw['no-sign'] = sign.trim() === '' ? false : !parseBool('sign', sign);
  const scan = io.getInput('scan');
  raw['no-scan'] = scan.trim() === '' ? false : !parseBool('scan', scan);
  const jobSummaryInput = io.getInput('job-summary');
  const jobSummary = jobSummaryInput.trim() === '' ? true : parseBool('job-summary', jobSummaryInput);
  const password = io.getInput('password') || undefined;
  return { raw, password, jobSummary };
}

/** Mask a secret, line by line (GitHub masks single lines only). */
function mask(io: ActionIO, redactor: Redactor, secret: string | undefined): void {
  if (!secret) return;
  for (const line of secret.split(/\r?\n/)) {
    if (line.trim().length >= 4) io.setSecret(line.trim());
  }
  redactor.add(secret);
}

/** Every output is derived from the result's one verdict. */
export function setOutputs(io: ActionIO, result: RunRecord): void {
  io.setOutput('digest', result.digest);
  io.setOutput('image', result.image);
  io.setOutput('verdict', result.verdict);
  io.setOutput('failed-step', result.failedStep ?? '');
  io.setOutput('tags', result.tags.join('\n'));
  io.setOutput('violations', result.violations.length);
  io.setOutput('waivers', result.waivers.length);
  io.setOutput('vex-waivers', result.waived.vex);
  for (const sev of ['critical', 'high', 'medium', 'low', 'unknown'] as const) {
    io.setOutput(sev, result.counts[sev]);
  }
  io.setOutput('fixable', result.fixable);
  io.setOutput('sbom-digest', result.sbomDigest ?? '');
  io.setOutput('signature-digest', result.signatureDigest ?? '');
  io.setOutput('provenance-digest', result.provenanceDigest ?? '');
  for (const [format, output] of REPORT_OUTPUTS) {
    const file = result.reports[format];
    if (file) io.setOutput(output, file);
  }
}

function annotate(io: ActionIO, result: GateResult): void {
  const violations = result.violations;
  for (const v of violations.slice(0, MAX_ANNOTATIONS)) {
    const f = v.finding;
    const title = f ? `${f.id} in ${f.package} ${f.version}` : `policy: ${v.rule}`;
    io.annotate('error', cleanText(v.reason), cleanText(title, 200));
  }
  if (violations.length > MAX_ANNOTATIONS) {
    io.annotate(
      'notice',
      `${violations.length - MAX_ANNOTATIONS} more violations: see the job summary and the reports.`,
    );
  }
}

/** The Action's input for a CLI flag (`--tag` is `tags`, `--no-sign` is `sign`, ...). */
const INPUT_OF: Record<string, string> = {
  tag: 'tags',
  'no-sign': 'sign',
  'no-scan': 'scan',
  'password-stdin': 'password',
};

/** The error in the Action's words: `fail-on`, not `--fail-on` (the cause kept). */
export function inActionTerms(e: unknown): GateError {
  const err = toGateError(e);
  const rename = (text: string): string =>
    text.replace(/--([a-z][a-z0-9-]*)/g, (all, name: string) =>
      name in FLAGS ? `input ${INPUT_OF[name] ?? name}` : all,
    );
  return new GateError({
    code: err.code,
    message: rename(err.message),
    remedy: rename(err.remedy),
    kind: err.kind,
    cause: err,
  });
}

/** What is known of the run when its configuration is refused: the image, the report paths. */
function knownInputs(io: ActionIO, env: NodeJS.ProcessEnv): Parameters<typeof configErrorRun>[1] {
  const raw: RawGateInput = {};
  for (const name of STRING_INPUTS) {
    const v = io.getInput(name).trim();
    if (v !== '') raw[name] = v;
  }
  const image = io.getInput('image').trim();
  return {
    ...(image ? { image } : {}),
    reports: resolveReportPaths(raw, { env, cwd: env.GITHUB_WORKSPACE ?? process.cwd() }),
  };
}

/** Run the Action; never throws. */
export async function runAction(
  io: ActionIO = coreIO(),
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const redactor = new Redactor();
  // Closed with the run's final word (setFailed or the verdict): no stray line after it.
  const logger = closableLogger(redactingLogger(io.logger, redactor));
  let jobSummary = parseBoolean(io.getInput('job-summary')) !== false;
  let started: { options: GateOptions; runEnv: NodeJS.ProcessEnv };
  try {
    const inputs = readInputs(io);
    jobSummary = inputs.jobSummary;
    mask(io, redactor, inputs.password);
    const keyPassword = io.getInput('key-password') || undefined;
    mask(io, redactor, keyPassword);
    for (const name of SECRET_ENV_NAMES) mask(io, redactor, env[name]);
    const raw = inputs.raw;
    mask(io, redactor, typeof raw['identity-token'] === 'string' ? raw['identity-token'] : undefined);
    if (parseBoolean(io.getInput('debug')) === true || io.isDebug()) raw.debug = true;
    const runEnv = keyPassword ? { ...env, HARBOR_GATE_KEY_PASSWORD: keyPassword } : env;
    const options = await resolveGateOptions(raw, {
      env: runEnv,
      cwd: env.GITHUB_WORKSPACE ?? process.cwd(),
      password: inputs.password ?? env.HARBOR_GATE_PASSWORD,
    });
    started = { options, runEnv };
  } catch (e) {
    // A refused configuration is a run that ended in error at the inputs step: outputs, summary
    // and the reports whose paths are known, as for any other error.
    try {
      const result = await configErrorRun(inActionTerms(e), knownInputs(io, env), {
        redactor,
        logger,
        color: colorEnabled(env, true),
      });
      return await conclude(io, result, { jobSummary, logger, redactor, env });
    } catch (again) {
      return fail(io, logger, redactor, again);
    }
  }
  try {
    const { options, runEnv } = started;
    io.startGroup(`harbor-gate: ${options.image}`);
    let result: GateResult;
    // SIGINT/SIGTERM (a cancelled or timed-out job) cancel the running step; the run still ends
    // with its record, outputs, summary and reports, exit 130/143. A second signal exits at once.
    const cancel = io.signals
      ? listenForCancel(io.signals, (code, sig) => {
          logger.warn(`${sig} again: exiting at once`);
          (io.exitNow ?? ((c: number) => process.exit(c)))(code);
        })
      : undefined;
    cancel?.signal.addEventListener('abort', () => {
      logger.warn(`${cancel.received ?? 'signal'}: cancelling the running step`);
    });
    try {
      // The `timeout` input: the gate's deadline, as --timeout is the CLI's.
      result = await runWithDeadline(options.timeoutMs, 'gate', (deadline) => {
        const signal =
          deadline && cancel ? AbortSignal.any([deadline, cancel.signal]) : (deadline ?? cancel?.signal);
        return runGate(options, {
          logger,
          env: runEnv,
          redactor,
          cwd: env.GITHUB_WORKSPACE ?? process.cwd(),
          // GitHub's log renders ANSI colours; NO_COLOR turns them off.
          color: colorEnabled(env, true),
          ...(signal ? { signal } : {}),
        });
      });
    } finally {
      cancel?.dispose();
      io.endGroup();
    }
    return await conclude(io, result, { jobSummary, logger, redactor, env });
  } catch (e) {
    return fail(io, logger, redactor, e);
  }
}

function fail(io: ActionIO, logger: { close(): void }, redactor: Redactor, e: unknown): number {
  logger.close();
  const err = toGateError(e);
  io.setFailed(cleanLines(redactor.redact(`[${err.code}] ${err.message}\nremedy: ${err.remedy}`)));
  return err.exitCode;
}

/** The run's record as the Action shows it: outputs, bundle file, log, job summary, annotations, result. */
async function conclude(
  io: ActionIO,
  result: GateResult,
  ctx: {
    jobSummary: boolean;
    logger: Logger & { close(): void };
    redactor: Redactor;
    env: NodeJS.ProcessEnv;
  },
): Promise<number> {
  const { logger, redactor, env } = ctx;
  setOutputs(io, result);
  // As actions/attest does: the signature's Sigstore bundle as a file, for `cosign verify
  // --bundle` or an upload, named by the image digest in the runner's temporary directory.
  if (result.signatureBundle !== undefined && result.digest) {
    const file = path.join(
      env.RUNNER_TEMP ?? os.tmpdir(),
      `harbor-gate-${result.digest.replace(/^[^:]*:/, '').slice(0, 12)}.sigstore.json`,
    );
    try {
      await writeFileNoFollow(file, JSON.stringify(result.signatureBundle));
      io.setOutput('bundle-path', file);
    } catch (e) {
      logger.warn(`could not write the signature bundle to ${file}: ${toGateError(e).message}`);
    }
  }
  for (const w of result.warnings) logger.warn(w);
  // The renderer cleans every cell of outside text itself; its colours are ours.
  io.print(redactor.redact(result.consoleText));
  if (ctx.jobSummary) {
    try {
      await io.writeSummary(redactor.redact(result.summaryMarkdown));
    } catch (e) {
      logger.warn(`could not write the job summary: ${(e as Error).message}`);
    }
  }
  annotate(io, result);
  const line = `harbor-gate: ${headline(result)}`;
  if (result.exitCode !== 0) {
    io.setFailed(
      cleanLines(
        result.error ? redactor.redact(`${line}\nremedy: ${result.error.remedy}`) : redactor.redact(line),
      ),
    );
  } else if (result.reportOnly && result.verdict === 'fail') {
    io.annotate('warning', cleanLines(redactor.redact(line)), 'harbor-gate (report only)');
  }
  logger.close();
  return result.exitCode;
}
