/**
 * Option resolution, once, for every command and both adapters: each adapter turns its inputs into
 * a RawGateInput keyed by the flag names of config/flags.ts; this module validates it strictly
 * (unknown values are named with the allowed ones) and produces GateOptions. A command that runs
 * fewer steps says which (`steps`), and gets the same resolution for the rest: credentials per host,
 * URL schemes, signing, trust, scan and policy are decided here and nowhere else (signing and
 * trust in signing.ts).
 */
import path from 'node:path';
import { inputError } from '../errors.js';
import {
  DEFAULT_POLICY,
  FAIL_ON_VALUES,
  mergePolicy,
  parseAllowlistFile,
  parsePolicyFile,
} from '../policy/index.js';
import type { FailOn, Policy, PolicyOverrides } from '../policy/index.js';
import {
  DEFAULT_COMMAND_TIMEOUT_MS,
  DEFAULT_SCAN_TIMEOUT_MS,
  parseDuration,
  TAG_PATTERN,
} from '../core/index.js';
import { parseReference, type ImageReference } from '../oci/index.js';
import { harborBaseUrl } from '../harbor/index.js';
import { flag, oneOf, readConfigFile, str, type RawGateInput, type ResolveContext } from './raw.js';
import { resolveGatePass, resolveVexPaths, vexFiles, vexFlagValues, type VexFile } from './vex.js';
import {
  resolveProvenance,
  resolveRequireProvenance,
  type ProvenanceOptions,
  type RequireProvenance,
} from './provenance.js';
import { resolveSign, resolveTrust, type SignOptions, type TrustOptions } from './signing.js';

export type { RawGateInput, ResolveContext } from './raw.js';
export type { VexFile } from './vex.js';
export type { ProvenanceOptions, RequireProvenance } from './provenance.js';
export { SIGNATURE_FORMATS, type SignatureFormat, type SignOptions, type TrustOptions } from './signing.js';

export type ReportFormat = 'sarif' | 'gitlab' | 'junit' | 'html' | 'json' | 'summary';

export interface GateOptions {
  image: string;
  /** The hosts the explicit credentials (--username with the password) may be sent to. */
  credentialHosts: string[];
  source?: string;
  tags: string[];
  mountFrom?: string;
  username?: string;
  password?: string;
  plainHttp: boolean;
  caFile?: string;
  sbomFile?: string;
  generateSbom: boolean;
  attest: boolean;
  /** Absent: do not sign. */
  sign?: SignOptions;
  /** Absent: do not scan. */
  scan?: { harborUrl?: string; timeoutMs: number };
  attestScan: boolean;
  /** Explicit trust (--key or the identity flags); absent: the gate's own signing key or identity. */
  trust?: TrustOptions;
  policy: Policy;
  /** --report-only: a policy breach is reported and warned; the run exits 0. Errors still fail. */
  reportOnly: boolean;
  /** Report file paths by format (absolute). */
  reports: Partial<Record<ReportFormat, string>>;
  /** VEX documents to apply (the policy file's `vex:`, then --vex), read before anything is written. */
  vexFiles: VexFile[];
  /** --vex-from-image: also apply the image's VEX attestations that verify with the trust. */
  vexFromImage: boolean;
  /** verify --require-gate-pass: a verdict attestation that verifies and says pass. */
  requireGatePass: boolean;
  /** verify --max-age: the verdict's greatest age. */
  maxAgeMs?: number;
  /** --timeout: the whole command's deadline (absent: bounded by its steps only). */
  timeoutMs?: number;
  /**
   * verify --require-gate-pass --policy FILE: the verdict must have been decided under this
   * policy, resolved from the file exactly as `gate --policy FILE` resolves it (no other policy
   * flags), so the two canonical digests can be compared.
   */
  gatePolicy?: { policy: Policy; file: string };
  /** --provenance: attach signed SLSA build provenance for this CI job. */
  provenance?: ProvenanceOptions;
  /** verify --require-provenance: what the provenance must name. */
  requireProvenance?: RequireProvenance;
}

/** The steps a command runs; `false` turns a step off whatever the flags say. */
export interface CommandSteps {
  sign?: boolean;
  scan?: boolean;
  /** The command, for its default deadline (verify: 2m); default `gate`. */
  command?: string;
  /** The provenance command always attaches provenance. */
  provenance?: boolean;
}

/** --timeout, or the command's default deadline (DEFAULT_COMMAND_TIMEOUT_MS), or none. */
export function resolveTimeout(raw: RawGateInput, command: string): number | undefined {
  const text = str(raw, 'timeout');
  return text ? parseDuration(text, '--timeout') : DEFAULT_COMMAND_TIMEOUT_MS[command];
}

const REPORT_FLAGS: [string, ReportFormat][] = [
  ['sarif', 'sarif'],
  ['gitlab-report', 'gitlab'],
  ['junit', 'junit'],
  ['html', 'html'],
  ['json-report', 'json'],
  ['summary', 'summary'],
];

/**
 * The report files asked for, as absolute paths (GitLab CI: the GitLab report by default). Read on
 * their own too, so an adapter can still write the reports of a run whose configuration was refused.
 */
export function resolveReportPaths(
  raw: RawGateInput,
  ctx: Pick<ResolveContext, 'env' | 'cwd'>,
): Partial<Record<ReportFormat, string>> {
  const reports: Partial<Record<ReportFormat, string>> = {};
  for (const [name, format] of REPORT_FLAGS) {
    const p = str(raw, name);
    if (p) reports[format] = path.resolve(ctx.cwd, p);
  }
  if (ctx.env.GITLAB_CI === 'true' && !reports.gitlab) {
    reports.gitlab = path.resolve(ctx.cwd, 'gl-container-scanning-report.json');
  }
  return reports;
}

function parseCvss(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0 || n > 10) {
    throw inputError(
      'CONFIG_BAD_VALUE',
      `--cvss-threshold '${text}' is not a score from 0 to 10`,
      'Give a number such as 7.0 or 9.0.',
    );
  }
  return n;
}

/** The policy: the policy file (or the defaults), then the allowlist file, then the flags. */
export async function resolvePolicy(raw: RawGateInput, ctx: ResolveContext): Promise<Policy> {
  const policyFile = str(raw, 'policy');
  const base: Policy = policyFile
    ? parsePolicyFile(await readConfigFile(policyFile, 'policy', ctx), policyFile)
    : { ...DEFAULT_POLICY, maxCounts: {}, allowlist: [] };
  const overrides: PolicyOverrides = {};
  const failOn = oneOf<FailOn>(str(raw, 'fail-on'), FAIL_ON_VALUES, 'fail-on');
  if (failOn) overrides.failOn = failOn;
  const onScanError = oneOf(str(raw, 'on-scan-error'), ['fail', 'warn'] as const, 'on-scan-error');
  if (onScanError) overrides.onScanError = onScanError;
  const cvss = parseCvss(str(raw, 'cvss-threshold'));
  if (cvss !== undefined) overrides.cvssThreshold = cvss;
  // A boolean overrides the file only when it was given (a flag, HARBOR_GATE_X=true/false, or a
  // non-empty Action input); an absent one keeps the file's value.
  overrides.ignoreUnfixed = flag(raw, 'ignore-unfixed');
  overrides.useHarborAllowlist = flag(raw, 'use-harbor-allowlist');
  overrides.requireSbom = flag(raw, 'require-sbom');
  overrides.requireSignature = flag(raw, 'require-signature');
  // VEX paths: the file's relative to its directory, the flags' to the working directory.
  const vex = resolveVexPaths(base.vex, vexFlagValues(raw.vex), policyFile, ctx.cwd);
  if (vex.file.length > 0) base.vex = vex.file;
  if (vex.flags.length > 0) overrides.vex = vex.flags;
  const allowlistFile = str(raw, 'allowlist');
  if (allowlistFile) {
    overrides.allowlist = parseAllowlistFile(
      await readConfigFile(allowlistFile, 'allowlist', ctx),
      allowlistFile,
    );
  }
  return mergePolicy(base, overrides);
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/**
 * Extra tags: repeatable, each a comma or newline list; an entry may also be a full reference to the
 * same repository, as docker/metadata-action writes its `tags` output (`ghcr.io/o/app:1.2.3`).
 */
export function resolveTags(value: string | boolean | string[] | undefined, ref: ImageReference): string[] {
  const entries = (Array.isArray(value) ? value : typeof value === 'string' ? [value] : [])
    .flatMap((v) => v.split(/[\n,]/))
    .map((t) => t.trim())
    .filter(Boolean);
  const repo = `${ref.registry}/${ref.repository}`.toLowerCase();
  const tags: string[] = [];
  for (const entry of entries) {
    let tag: string | undefined;
    if (TAG_PATTERN.test(entry)) tag = entry;
    else if (entry.includes('/')) {
      let other: ImageReference | undefined;
      try {
        other = parseReference(entry);
      } catch {
        other = undefined;
      }
      if (other && `${other.registry}/${other.repository}`.toLowerCase() !== repo) {
        throw inputError(
          'CONFIG_BAD_TAG',
          `tag ${entry} names another repository (${other.registry}/${other.repository}), not ${repo}`,
          `Give tags of ${repo} only: a bare tag such as 1.2.3, or ${repo}:1.2.3.`,
        );
      }
      if (other && !other.digest && other.tag) tag = other.tag;
    }
    if (tag === undefined) {
      throw inputError(
        'CONFIG_BAD_TAG',
        `'${entry}' is not a tag`,
        'A tag is up to 128 letters, digits, _, . and - (not starting with . or -), or a full reference host/repo:tag of the same repository.',
      );
    }
    if (!tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

/** The host[:port] of a URL, lower case, as credentials are keyed. */
function hostOf(url: string): string {
  return new URL(url).host.toLowerCase();
}

/**
 * The one resolution of options for every command. `steps` turns off what a command does not run
 * (verify neither signs nor scans); the gate runs everything its flags ask for.
 */
export async function resolveGateOptions(
  raw: RawGateInput,
  ctx: ResolveContext,
  steps: CommandSteps = {},
): Promise<GateOptions> {
  // Refused first outside CI, whatever the other flags say (--report-only included).
  // The provenance command attaches it whatever --provenance says (the flag is accepted there too).
  const provenance = resolveProvenance(
    (flag(raw, 'provenance') ?? false) || steps.provenance === true,
    ctx.env,
  );
  const image = str(raw, 'image');
  if (!image) {
    throw inputError(
      'CLI_MISSING_FLAG',
      '--image is required',
      'Give --image host/project/repo:tag (or HARBOR_GATE_IMAGE).',
    );
  }
  const ref = parseReference(image);
  const tags = resolveTags(raw.tag, ref);
  const reports = resolveReportPaths(raw, ctx);
  const sign = await resolveSign(raw, ctx, steps.sign);
  const scanTimeout = str(raw, 'scan-timeout');
  const plainHttp = flag(raw, 'plain-http') ?? false;
  const harborUrlText = str(raw, 'harbor-url');
  const harborUrl = harborUrlText ? harborBaseUrl(harborUrlText, { plainHttp }) : undefined;
  const scanOn = steps.scan ?? !flag(raw, 'no-scan');
  const scan = !scanOn
    ? undefined
    : {
        harborUrl,
        timeoutMs: scanTimeout ? parseDuration(scanTimeout, '--scan-timeout') : DEFAULT_SCAN_TIMEOUT_MS,
      };
  const policy = await resolvePolicy(raw, ctx);
  const attestScan = flag(raw, 'attest-scan') ?? false;
  const attest = flag(raw, 'attest') ?? false;
  const sbomFile = str(raw, 'sbom');
  const generateSbom = flag(raw, 'generate-sbom') ?? false;
  // Options that contradict each other, refused before anything runs.
  const conflicts: [boolean, string, string][] = [
    [
      attestScan && !sign,
      '--attest-scan needs signing, but --no-sign was given',
      'Drop --no-sign, or drop --attest-scan.',
    ],
    [
      attestScan && !scan,
      '--attest-scan needs the scan, but --no-scan was given',
      'Drop --no-scan, or drop --attest-scan.',
    ],
    [
      attest && !sign,
      '--attest signs the SBOM, but --no-sign was given',
      'Drop --no-sign, or drop --attest.',
    ],
    [
      attest && !sbomFile,
      '--attest signs the SBOM file, but no --sbom was given',
      'Give --sbom FILE, or drop --attest.',
    ],
    [
      provenance !== undefined && !sign,
      '--provenance is signed like the signature, but --no-sign was given',
      'Drop --no-sign, or drop --provenance.',
    ],
    [
      generateSbom && !scan,
      '--generate-sbom asks Harbor, but --no-scan was given',
      'Drop --no-scan, or give --sbom FILE.',
    ],
  ];
  for (const [when, message, remedy] of conflicts) {
    if (when) throw inputError('CONFIG_CONFLICT', message, remedy);
  }
  // Explicit credentials go to the image's registry and to the Harbor the user named: no further.
  const credentialHosts = [ref.registry.toLowerCase()];
  if (harborUrl && !credentialHosts.includes(hostOf(harborUrl))) credentialHosts.push(hostOf(harborUrl));
  const trust = resolveTrust(raw, ctx);
  if (policy.requireSignature && !trust && !sign) {
    throw inputError(
      'CONFIG_NO_TRUST',
      '--require-signature needs to know whose signature counts, but the gate does not sign (--no-sign) and no trust was given',
      'Give --key cosign.pub, or --certificate-identity(-regexp) with --certificate-oidc-issuer; or let the gate sign.',
    );
  }
  const gatePass = resolveGatePass(raw);
  const policyFile = str(raw, 'policy');
  const gatePolicy =
    gatePass.requireGatePass && policyFile !== undefined
      ? { policy: await resolvePolicy({ policy: policyFile }, ctx), file: policyFile }
      : undefined;
  const vexFromImage = flag(raw, 'vex-from-image') ?? false;
  if (vexFromImage && !trust && !sign) {
    throw inputError(
      'CONFIG_NO_TRUST',
      '--vex-from-image needs to know whose VEX attestations count, but the gate does not sign (--no-sign) and no trust was given',
      'Give --key cosign.pub, or --certificate-identity(-regexp) with --certificate-oidc-issuer; or let the gate sign.',
    );
  }
  return {
    image,
    credentialHosts,
    source: str(raw, 'source'),
    tags,
    mountFrom: str(raw, 'mount-from'),
    username: str(raw, 'username'),
    password: ctx.password,
    plainHttp,
    caFile: str(raw, 'ca-file') ? path.resolve(ctx.cwd, str(raw, 'ca-file') ?? '') : undefined,
    sbomFile: sbomFile ? path.resolve(ctx.cwd, sbomFile) : undefined,
    generateSbom: generateSbom && !sbomFile,
    attest,
    sign,
    scan,
    attestScan,
    ...(trust ? { trust } : {}),
    policy,
    reportOnly: flag(raw, 'report-only') ?? false,
    reports,
    vexFiles: vexFiles(policy.vex, ctx.cwd),
    vexFromImage,
    ...gatePass,
    ...(gatePolicy ? { gatePolicy } : {}),
    ...timeoutOption(resolveTimeout(raw, steps.command ?? 'gate')),
    ...(provenance ? { provenance } : {}),
    ...optional('requireProvenance', resolveRequireProvenance(raw)),
  };
}

function timeoutOption(ms: number | undefined): { timeoutMs?: number } {
  return ms === undefined ? {} : { timeoutMs: ms };
}
