/**
 * The one orchestration of every step: resolve or push the image, attach the SBOM, sign (and
 * attest), scan and wait, evaluate the policy, build and write the reports. run() returns a
 * GateResult; it never sets outputs or exits. Inputs are validated before anything is written to
 * the registry, so bad input leaves no half-written result.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { GateError, inputError, toGateError, type ExitCode } from '../errors.js';
import { VERSION } from '../http/client.js';
import { silentLogger, Redactor, type Logger } from '../logger.js';
import type { GateOptions, ReportFormat } from '../config/gate-options.js';
import { createRegistryClient } from '../oci/index.js';
import { parseReference, type ImageReference } from '../oci/reference.js';
import { RegistryClient, type Repository } from '../oci/registry.js';
import { MANIFEST_ACCEPT, type Descriptor } from '../oci/types.js';
import { openSource, parseSource } from '../oci/sources/index.js';
import { pushImage } from '../oci/push.js';
import { createProgress } from '../oci/progress.js';
import { loadSbom, type Sbom } from '../sbom/index.js';
import { attachSbom } from '../sbom/attach.js';
import {
  HarborClient,
  harborTarget,
  harborWouldBlock,
  versionAtLeast,
  type HarborTarget,
  type ProjectSettings,
} from '../harbor/index.js';
import type { HarborAllowlist, ScanReport } from '../core/index.js';
import { evaluate, type Verdict } from '../policy/index.js';
import { renderReports, renderConsole, renderMarkdown, type ReportInput } from '../report/index.js';
import type { SigningOptions } from '../sign/signer.js';
import { loadSigningKey } from '../sign/keys.js';
import { signImage, attestSbom, attestVulnScan, SBOM_ARTIFACT_TYPES } from '../sign/image.js';
import { Annotation, legacySignatureTag } from '../sign/formats.js';
import { PredicateType, SBOM_PREDICATE_TYPES } from '../sign/statement.js';
import { listReferrers } from '../oci/referrers.js';
import type { GateResult, StepName, StepOutcome } from './types.js';
import { emptyCounts, DEFAULT_SCAN_TIMEOUT_MS } from '../core/index.js';

export interface GateDeps {
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
  redactor?: Redactor;
  now?: () => Date;
  /** Harbor polling overrides (tests). */
  harborPoll?: { minMs: number; maxMs: number; missingGraceMs?: number };
  /** Signing overrides (tests with the offline Sigstore services, e.g. their URLs). */
  signing?: Partial<SigningOptions>;
  /** Progress display on a terminal. */
  isTTY?: boolean;
}

const STEP_NAMES: StepName[] = ['push', 'sbom', 'sign', 'scan', 'policy', 'attestScan', 'reports'];

function skipped(detail?: string): StepOutcome {
  return { status: 'skipped', seconds: 0, ...(detail ? { detail } : {}) };
}

/** A failed step: logged with its code and remedy, and kept in the result. */
function failed(step: string, e: unknown, seconds: number, logger: Logger): StepOutcome {
  const err = toGateError(e);
  logger.warn(`${step} failed: [${err.code}] ${err.message}\n  remedy: ${err.remedy}`);
  return {
    status: 'failed',
    seconds,
    error: { code: err.code, message: err.message, remedy: err.remedy, exitCode: err.exitCode },
  };
}

async function timed<T>(f: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const t0 = performance.now();
  const value = await f();
  return { value, seconds: Math.round(performance.now() - t0) / 1000 };
}

/** What the gate validates and loads before it writes anything to the registry. */
interface Prepared {
  ref: ImageReference;
  sbom?: Sbom;
  signing?: SigningOptions;
}

async function prepare(
  options: GateOptions,
  deps: GateDeps,
  env: NodeJS.ProcessEnv,
  logger: Logger,
): Promise<Prepared> {
  const ref = parseReference(options.image);
  if (options.source) parseSource(options.source);
  const sbom = options.sbomFile ? await loadSbom(options.sbomFile) : undefined;
  let signing: SigningOptions | undefined;
  if (options.sign) {
    let key;
    if (options.sign.keyFile) {
      let text: string;
      try {
        text = await fs.readFile(options.sign.keyFile, 'utf8');
      } catch (e) {
        throw inputError(
          'SIGN_KEY_UNREADABLE',
          `cannot read --signing-key ${options.sign.keyFile}`,
          'Check the path of --signing-key.',
          e,
        );
      }
      key = loadSigningKey(text, options.sign.keyPassword);
    }
    signing = {
      ...(key ? { key } : {}),
      identityToken: options.sign.identityToken,
      env,
      fulcioUrl: options.sign.fulcioUrl,
      rekorUrl: options.sign.rekorUrl,
      tsaUrl: options.sign.tsaUrl,
      tlogUpload: options.sign.tlogUpload,
      logger,
      ...(deps.signing ?? {}),
    };
  }
  return { ref, sbom, signing };
}

export async function runGate(options: GateOptions, deps: GateDeps = {}): Promise<GateResult> {
  const logger = deps.logger ?? silentLogger;
  const env = deps.env ?? process.env;
  const now = deps.now ?? (() => new Date());
  const redactor = deps.redactor ?? new Redactor();
  redactor.add(options.password);
  redactor.add(options.sign?.keyPassword);
  redactor.add(options.sign?.identityToken);

  const prepared = await prepare(options, deps, env, logger);
  const { ref } = prepared;
  // Explicit credentials go to every host here: the registry and Harbor's API (--harbor-url).
  // This also reads and checks --ca-file, before anything is pushed.
  const client = createRegistryClient({
    env,
    logger,
    redactor,
    plainHttp: options.plainHttp,
    ...(options.username !== undefined ? { username: options.username } : {}),
    ...(options.password !== undefined ? { password: options.password } : {}),
    ...(options.caFile !== undefined ? { caFile: options.caFile } : {}),
  });
  const repo = client.repository(ref.registry, ref.repository);
  // Keyless signing on GitHub Actions fetches the runner's OIDC token over HTTP: with this client,
  // so --ca-file and the proxy settings apply to it too.
  const signingOptions: SigningOptions | undefined = prepared.signing
    ? { http: client.http, ...prepared.signing }
    : undefined;
  const steps = Object.fromEntries(STEP_NAMES.map((s) => [s, skipped()])) as Record<StepName, StepOutcome>;
  const warnings: string[] = [];
  try {
    // 1. The image: push it from the source, or resolve it in the registry.
    const pushed = await timed(() => pushOrResolve(options, ref, repo, client, logger, deps));
    const subject = pushed.value.subject;
    steps.push = {
      status: 'ok',
      seconds: pushed.seconds,
      digest: subject.digest,
      detail: pushed.value.detail,
    };
    const imageByDigest = `${ref.registry}/${ref.repository}@${subject.digest}`;
    logger.info(`image ${imageByDigest}`);

    // 2. The scan runs while the SBOM is attached and the image signed.
    const harbor = options.scan ? await harborFor(options, ref, client, logger, deps) : undefined;
    const scanPromise = harbor
      ? runScan(harbor.client, harbor.target, subject.digest, options, logger)
      : undefined;
    let sbomDigest: string | undefined;
    let signatureDigest: string | undefined;
    const attachWork = (async () => {
      const sbomStep = await runSbomStep(options, prepared, repo, subject, harbor, logger);
      steps.sbom = sbomStep.outcome;
      sbomDigest = sbomStep.outcome.digest;
    })();
    const signWork = (async () => {
      if (!signingOptions || !options.sign) {
        steps.sign = skipped('--no-sign');
        return;
      }
      const signing = signingOptions;
      const signOpts = options.sign;
      const t0 = performance.now();
      try {
        const out = await signImage(repo, subject.digest, {
          ...signing,
          format: signOpts.format,
          recursive: signOpts.recursive,
        });
        signatureDigest = out.signatures[0]?.digest;
        steps.sign = {
          status: 'ok',
          seconds: (performance.now() - t0) / 1000,
          ...(signatureDigest ? { digest: signatureDigest } : {}),
          detail: out.signatures.map((s) => `${s.format} ${s.digest}`).join(', '),
        };
      } catch (e) {
        steps.sign = failed('signing', e, (performance.now() - t0) / 1000, logger);
      }
    })();
    await Promise.all([attachWork, signWork]);
    // The policy may require an SBOM or a signature the gate was not asked to add: count what is
    // already attached to the image (presence only; `harbor-gate verify` checks signers).
    if (
      (options.policy.requireSbom && steps.sbom.status === 'skipped') ||
      (options.policy.requireSignature && steps.sign.status === 'skipped')
    ) {
      const existing = await existingReferrers(repo, subject.digest, logger);
      if (options.policy.requireSbom && steps.sbom.status === 'skipped' && existing.sbom) {
        steps.sbom = { status: 'ok', seconds: 0, digest: existing.sbom, detail: 'already attached' };
        sbomDigest = existing.sbom;
      }
      if (options.policy.requireSignature && steps.sign.status === 'skipped' && existing.signature) {
        steps.sign = {
          status: 'ok',
          seconds: 0,
          digest: existing.signature,
          detail: 'already signed (present; run harbor-gate verify to check the signer)',
        };
        signatureDigest = existing.signature;
      }
    }
    if (prepared.sbom && options.attest && signingOptions && steps.sbom.status === 'ok') {
      const t0 = performance.now();
      try {
        const att = await attestSbom(
          repo,
          subject.digest,
          {
            format: prepared.sbom.format.startsWith('cyclonedx') ? 'cyclonedx' : 'spdx',
            document: prepared.sbom.document,
          },
          signingOptions,
        );
        steps.sbom.detail = `${steps.sbom.detail ?? ''}; attestation ${att.digest}`;
      } catch (e) {
        steps.sbom = failed('SBOM attestation', e, (performance.now() - t0) / 1000, logger);
      }
    }
    const scan = scanPromise ? await scanPromise : undefined;
    if (scan) {
      steps.scan = scan.outcome;
      warnings.push(...scan.warnings);
    } else {
      steps.scan = skipped('--no-scan');
    }

    // 3. The policy.
    const policyT0 = performance.now();
    const evaluation: Verdict = evaluate(
      {
        ...(scan?.report ? { report: scan.report } : {}),
        ...(scan?.error ? { scanError: { code: scan.error.code, message: scan.error.message } } : {}),
        signed: steps.sign.status === 'ok',
        sbomAttached: steps.sbom.status === 'ok',
        ...(scan?.allowlists ? { harborAllowlists: scan.allowlists } : {}),
      },
      options.policy,
      now(),
    );
    warnings.push(...evaluation.warnings);
    steps.policy = {
      status: evaluation.verdict === 'pass' ? 'ok' : 'failed',
      seconds: (performance.now() - policyT0) / 1000,
      detail: `${evaluation.violations.length} violation(s), ${evaluation.waivers.length} waiver(s)`,
    };
    if (scan?.report && scan.settings) {
      const block = harborWouldBlock(
        scan.settings,
        scan.report,
        scan.harborLists ?? scan.allowlists ?? [],
        now().getTime(),
      );
      if (block.blocked && evaluation.verdict === 'pass') {
        const msg = `Harbor's project policy would block pulling this image: ${block.reason}`;
        warnings.push(msg);
        logger.warn(msg);
      }
    }
    const trust = contentTrustWarning(scan, options, ref.repository);
    if (trust) {
      warnings.push(trust);
      logger.warn(trust);
    }

    // 4. Optionally the scan result as a signed attestation.
    if (options.attestScan && signingOptions && scan?.report) {
      const t0 = performance.now();
      try {
        const att = await attestVulnScan(repo, subject.digest, scan.report, signingOptions);
        steps.attestScan = { status: 'ok', seconds: (performance.now() - t0) / 1000, digest: att.digest };
      } catch (e) {
        steps.attestScan = failed('scan attestation', e, (performance.now() - t0) / 1000, logger);
      }
    }

    // 5. Exit code: a failed step's own kind first (input 2, infrastructure 3), then the policy.
    let exitCode: 0 | ExitCode = evaluation.verdict === 'pass' ? 0 : 1;
    for (const name of ['sbom', 'sign', 'attestScan'] as const) {
      const err = steps[name].error;
      if (steps[name].status === 'failed' && err) exitCode = Math.max(exitCode, err.exitCode) as ExitCode;
    }
    // A scan that ran and failed, stopped or timed out is the policy's business (fail closed: the
    // gate says no, exit 1); Harbor unreachable (3) or misconfigured (2) keeps its own exit code.
    if (scan?.error && options.policy.onScanError === 'fail' && !SCAN_OUTCOME_CODES.has(scan.error.code)) {
      exitCode = Math.max(exitCode, scan.error.exitCode) as ExitCode;
    }
    const verdict: 'pass' | 'fail' = exitCode === 0 ? 'pass' : 'fail';

    // 6. Reports, written even when the gate fails.
    const reportInput: ReportInput = {
      image: imageByDigest,
      digest: subject.digest,
      verdict: evaluation,
      ...(scan?.report ? { report: scan.report } : {}),
      policy: options.policy,
      tool: {
        name: 'harbor-gate',
        version: VERSION,
        informationUri: 'https://github.com/harbor-gate/harbor-gate',
      },
      generatedAt: now(),
      ...(harbor ? { harborUrl: harbor.target.baseUrl } : {}),
      steps: Object.fromEntries(
        Object.entries(steps).map(([k, v]) => [
          k,
          {
            status: v.status,
            seconds: v.seconds,
            ...(v.digest ? { digest: v.digest } : {}),
            ...(v.error ? { error: v.error.message } : {}),
          },
        ]),
      ),
    };
    const reportsT0 = performance.now();
    const written = await writeReports(options, reportInput, logger, redactor);
    steps.reports = {
      status: 'ok',
      seconds: (performance.now() - reportsT0) / 1000,
      detail: Object.values(written).join(', ') || 'none requested',
    };
    const counts = scan?.report?.counts ?? emptyCounts();
    return {
      verdict,
      exitCode,
      image: imageByDigest,
      digest: subject.digest,
      steps,
      counts,
      fixable: scan?.report?.fixable ?? 0,
      ...(sbomDigest ? { sbomDigest } : {}),
      ...(signatureDigest ? { signatureDigest } : {}),
      reports: written,
      summaryMarkdown: redactor.redact(renderMarkdown(reportInput)),
      consoleText: redactor.redact(renderConsole(reportInput, { color: deps.isTTY ?? false })),
      evaluation,
      ...(scan?.report ? { scanReport: scan.report } : {}),
      warnings,
    };
  } finally {
    client.close();
  }
}

/**
 * With cosign content trust on, Harbor lets a pull through only when it sees a cosign signature,
 * and before 2.15 it recognises only cosign's legacy signature format, not the bundle referrer.
 */
function contentTrustWarning(
  scan: ScanStep | undefined,
  options: GateOptions,
  repository: string,
): string | undefined {
  if (!scan?.settings?.contentTrustCosign) return undefined;
  const project = repository.slice(0, repository.indexOf('/'));
  if (!options.sign) {
    return `Harbor's project ${project} refuses pulls without a cosign signature (content trust), and this run did not sign`;
  }
  if (options.sign.format === 'bundle' && !versionAtLeast(scan.harborVersion, 2, 15)) {
    return `Harbor's project ${project} refuses pulls without a cosign signature (content trust), and Harbor ${scan.harborVersion ?? ''} recognises only cosign's legacy signature format before 2.15: sign with --signature-format both`;
  }
  return undefined;
}

/** Scan errors that are the scan's outcome rather than a failure to talk to Harbor. */
const SCAN_OUTCOME_CODES: ReadonlySet<string> = new Set([
  'SCAN_FAILED',
  'SCAN_STOPPED',
  'SCAN_TIMEOUT',
  'SCAN_INCOMPLETE',
]);

/** SBOM and signature referrers the image already has (bundle referrers or the legacy tag). */
async function existingReferrers(
  repo: Repository,
  digest: string,
  logger: Logger,
): Promise<{ sbom?: string; signature?: string }> {
  const found: { sbom?: string; signature?: string } = {};
  for (const r of await listReferrers(repo, digest)) {
    const predicate = r.annotations?.[Annotation.BundlePredicateType];
    if (r.artifactType && SBOM_ARTIFACT_TYPES.has(r.artifactType)) found.sbom ??= r.digest;
    else if (predicate && SBOM_PREDICATE_TYPES.has(predicate)) found.sbom ??= r.digest;
    else if (predicate === PredicateType.CosignSign) found.signature ??= r.digest;
  }
  if (!found.signature) {
    const legacy = await repo.resolve(legacySignatureTag(digest));
    if (legacy) found.signature = legacy.digest;
  }
  logger.debug(
    `existing referrers of ${digest}: sbom ${found.sbom ?? 'none'}, signature ${found.signature ?? 'none'}`,
  );
  return found;
}

interface Resolved {
  subject: Descriptor;
  detail: string;
}

async function pushOrResolve(
  options: GateOptions,
  ref: ImageReference,
  repo: Repository,
  client: RegistryClient,
  logger: Logger,
  deps: GateDeps,
): Promise<Resolved> {
  if (options.source) {
    const source = await openSource(parseSource(options.source), { logger, cwd: process.cwd() });
    try {
      const res = await pushImage(source, ref, {
        client,
        tags: options.tags,
        ...(options.mountFrom ? { mountFrom: options.mountFrom } : {}),
        logger,
        progress: createProgress({
          tty: deps.isTTY ?? false,
          logger,
          write: (t) => process.stderr.write(t),
        }),
      });
      return {
        subject:
          source.root.descriptor.digest === res.digest
            ? source.root.descriptor
            : { ...source.root.descriptor, digest: res.digest },
        detail: `pushed ${res.bytesUploaded} bytes, ${res.blobsSkipped} blob(s) already present`,
      };
    } finally {
      await source.close();
    }
  }
  const reference = ref.digest ?? ref.tag ?? 'latest';
  const manifest = await repo.fetchManifest(reference, MANIFEST_ACCEPT);
  if (!manifest) {
    throw inputError(
      'IMAGE_NOT_FOUND',
      `${ref.registry}/${ref.repository}:${reference} is not in the registry`,
      'Push it first, or give --source to have the gate push it.',
    );
  }
  for (const tag of options.tags) {
    await repo.pushManifest(tag, manifest.bytes, manifest.descriptor.mediaType);
  }
  return { subject: manifest.descriptor, detail: `resolved ${reference}` };
}

interface HarborContext {
  client: HarborClient;
  target: HarborTarget;
}

async function harborFor(
  options: GateOptions,
  ref: ImageReference,
  registry: RegistryClient,
  logger: Logger,
  deps: GateDeps,
): Promise<HarborContext> {
  // Without --harbor-url, Harbor's API is on the registry's host, with the scheme the pushes used.
  let harborUrl = options.scan?.harborUrl;
  if (!harborUrl) {
    await registry.resolveScheme(ref.registry);
    harborUrl = registry.baseUrl(ref.registry);
  }
  const target = harborTarget(ref, harborUrl);
  let username = options.username;
  let password = options.password;
  if (!username || !password) {
    const cred = await registry.auth.credentialFor(new URL(target.baseUrl).host);
    if (cred && 'password' in cred) {
      username = cred.username;
      password = cred.password;
    }
  }
  const client = new HarborClient({
    http: registry.http,
    baseUrl: target.baseUrl,
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
    logger,
    ...(deps.harborPoll
      ? {
          pollMinMs: deps.harborPoll.minMs,
          pollMaxMs: deps.harborPoll.maxMs,
          ...(deps.harborPoll.missingGraceMs !== undefined
            ? { missingGraceMs: deps.harborPoll.missingGraceMs }
            : {}),
        }
      : {}),
  });
  return { client, target };
}

interface ScanStep {
  outcome: StepOutcome;
  report?: ScanReport;
  error?: GateError;
  allowlists?: HarborAllowlist[];
  settings?: ProjectSettings;
  /** Harbor's allowlists, read for the pull-block warning even when the policy does not use them. */
  harborLists?: HarborAllowlist[];
  /** harbor_version from the preflight, when Harbor shows it. */
  harborVersion?: string;
  warnings: string[];
}

async function runScan(
  client: HarborClient,
  target: HarborTarget,
  digest: string,
  options: GateOptions,
  logger: Logger,
): Promise<ScanStep> {
  const t0 = performance.now();
  const warnings: string[] = [];
  try {
    const pre = await client.preflight(target);
    warnings.push(...pre.warnings);
    const report = await client.scan(target, digest, { timeoutMs: options.scan?.timeoutMs ?? DEFAULT_SCAN_TIMEOUT_MS });
    // Project settings serve the Harbor allowlists and the "Harbor would block pulls" warning; a
    // robot that may not read them only loses the warning, unless the policy needs the lists.
    let settings: ProjectSettings | undefined;
    let allowlists: HarborAllowlist[] | undefined;
    try {
      settings = await client.getProjectSettings(target.project);
      allowlists = await client.getAllowlists(target.project);
    } catch (e) {
      if (options.policy.useHarborAllowlist) throw e;
      logger.debug(`project settings not readable: ${toGateError(e).message}`);
    }
    const seconds = (performance.now() - t0) / 1000;
    logger.info(
      `scan ${report.status} by ${report.scanner?.name ?? 'the scanner'} in ${seconds.toFixed(1)} s`,
    );
    return {
      outcome: { status: 'ok', seconds, detail: `${report.findings.length} finding(s)` },
      report,
      ...(allowlists && options.policy.useHarborAllowlist ? { allowlists } : {}),
      ...(settings ? { settings } : {}),
      ...(allowlists && !options.policy.useHarborAllowlist ? { harborLists: allowlists } : {}),
      ...(pre.harborVersion !== undefined ? { harborVersion: pre.harborVersion } : {}),
      warnings,
    };
  } catch (e) {
    const err = toGateError(e);
    return {
      outcome: failed('scan', err, (performance.now() - t0) / 1000, logger),
      error: err,
      warnings,
    };
  }
}

async function runSbomStep(
  options: GateOptions,
  prepared: Prepared,
  repo: Repository,
  subject: Descriptor,
  harbor: HarborContext | undefined,
  logger: Logger,
): Promise<{ outcome: StepOutcome }> {
  const t0 = performance.now();
  try {
    if (prepared.sbom) {
      const res = await attachSbom(repo, subject, prepared.sbom);
      return {
        outcome: {
          status: 'ok',
          seconds: (performance.now() - t0) / 1000,
          digest: res.digest,
          detail: `${prepared.sbom.format} as ${res.artifactType} (${res.referrersApi ? 'referrers API' : 'referrers tag'})`,
        },
      };
    }
    if (options.generateSbom && harbor) {
      const res = await harbor.client.generateSbom(harbor.target, subject.digest, {
        timeoutMs: options.scan?.timeoutMs ?? DEFAULT_SCAN_TIMEOUT_MS,
      });
      return {
        outcome: {
          status: 'ok',
          seconds: (performance.now() - t0) / 1000,
          digest: res.sbomDigest,
          detail: `generated by Harbor (${res.mediaType})`,
        },
      };
    }
    return { outcome: skipped('no --sbom given') };
  } catch (e) {
    return { outcome: failed('SBOM', e, (performance.now() - t0) / 1000, logger) };
  }
}

async function writeReports(
  options: GateOptions,
  input: ReportInput,
  logger: Logger,
  redactor: Redactor,
): Promise<Partial<Record<ReportFormat, string>>> {
  const wanted = Object.entries(options.reports) as [ReportFormat, string][];
  if (wanted.length === 0) return {};
  const rendered = new Map(
    renderReports(
      input,
      wanted.map(([format]) => format),
    ).map((r) => [r.format, r.content]),
  );
  const written: Partial<Record<ReportFormat, string>> = {};
  for (const [format, file] of wanted) {
    const content = rendered.get(format);
    if (content === undefined) continue;
    try {
      await fs.mkdir(path.dirname(file), { recursive: true });
      // A step's error can quote a remote's answer, which may echo a credential.
      await fs.writeFile(file, redactor.redact(content));
      written[format] = file;
      logger.info(`wrote ${format} report ${file}`);
    } catch (e) {
      throw inputError(
        'REPORT_WRITE_FAILED',
        `cannot write the ${format} report to ${file}`,
        'Check that the directory is writable.',
        e,
      );
    }
  }
  return written;
}
