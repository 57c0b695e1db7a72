/**
 * The gate's options, shared by both adapters: each adapter turns its inputs into a RawGateInput
 * keyed by the CLI flag names (README.md); this module validates it strictly (unknown values
 * are named with the allowed ones) and produces GateOptions.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { inputError, GateError } from '../errors.js';
import {
  DEFAULT_POLICY,
  FAIL_ON_VALUES,
  mergePolicy,
  parseAllowlistFile,
  parsePolicyFile,
} from '../policy/index.js';
import type { FailOn, Policy, PolicyOverrides } from '../policy/index.js';
import { DEFAULT_SCAN_TIMEOUT_MS, parseDuration } from '../core/index.js';

export type SignatureFormat = 'bundle' | 'legacy' | 'both';
export const SIGNATURE_FORMATS: readonly SignatureFormat[] = ['bundle', 'legacy', 'both'];

export type ReportFormat = 'sarif' | 'gitlab' | 'junit' | 'html' | 'json' | 'summary';

/** Raw values keyed by flag name (without dashes in front), as the CLI parses them. */
export type RawGateInput = Partial<Record<string, string | boolean | string[] | undefined>>;

export interface SignOptions {
  keyFile?: string;
  keyPassword?: string;
  format: SignatureFormat;
  identityToken?: string;
  fulcioUrl?: string;
  rekorUrl?: string;
  tsaUrl?: string;
  tlogUpload: boolean;
  recursive: boolean;
}

export interface GateOptions {
  image: string;
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
  policy: Policy;
  /** Report file paths by format (absolute). */
  reports: Partial<Record<ReportFormat, string>>;
}

export interface ResolveContext {
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The registry / Harbor password, already read (HARBOR_GATE_PASSWORD, stdin or the Action input). */
  password?: string;
  /** For tests. */
  readFile?: (file: string) => Promise<string>;
}

const REPORT_FLAGS: [string, ReportFormat][] = [
  ['sarif', 'sarif'],
  ['gitlab-report', 'gitlab'],
  ['junit', 'junit'],
  ['html', 'html'],
  ['json-report', 'json'],
  ['summary', 'summary'],
];

function str(raw: RawGateInput, key: string): string | undefined {
  const v = raw[key];
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}

function flag(raw: RawGateInput, key: string): boolean | undefined {
  const v = raw[key];
  return typeof v === 'boolean' ? v : undefined;
}

function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  name: string,
): T | undefined {
  if (value === undefined) return undefined;
  const v = value.toLowerCase();
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw inputError(
    'CONFIG_BAD_VALUE',
    `--${name} '${value}' is not one of the allowed values`,
    `Use one of: ${allowed.join(', ')}.`,
  );
}

async function readConfigFile(file: string, what: string, ctx: ResolveContext): Promise<string> {
  const full = path.resolve(ctx.cwd, file);
  try {
    if (ctx.readFile) return await ctx.readFile(full);
    const st = await fs.stat(full);
    if (st.size > 16 * 1024 * 1024) {
      throw inputError(
        'CONFIG_FILE_TOO_LARGE',
        `${what} ${file} is ${st.size} bytes`,
        'A policy or allowlist file must be under 16 MiB.',
      );
    }
    return await fs.readFile(full, 'utf8');
  } catch (e) {
    if (e instanceof GateError) throw e;
    throw inputError(
      'CONFIG_FILE_UNREADABLE',
      `cannot read ${what} ${file}: ${(e as Error).message}`,
      `Check the path of --${what}.`,
      e,
    );
  }
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
  const allowlistFile = str(raw, 'allowlist');
  if (allowlistFile) {
    overrides.allowlist = parseAllowlistFile(
      await readConfigFile(allowlistFile, 'allowlist', ctx),
      allowlistFile,
    );
  }
  return mergePolicy(base, overrides);
}

function checkUrl(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  let u: URL;
  try {
    u = new URL(value);
  } catch (e) {
    throw inputError(
      'CONFIG_BAD_URL',
      `--${name} '${value}' is not a URL`,
      `Give a full URL such as https://harbor.example.com.`,
      e,
    );
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    throw inputError(
      'CONFIG_BAD_URL',
      `--${name} must be an http(s) URL, not ${u.protocol}`,
      'Use https://...',
    );
  }
  return value.replace(/\/+$/, '');
}

export async function resolveGateOptions(raw: RawGateInput, ctx: ResolveContext): Promise<GateOptions> {
  const image = str(raw, 'image');
  if (!image) {
    throw inputError(
      'CLI_MISSING_FLAG',
      '--image is required',
      'Give --image host/project/repo:tag (or HARBOR_GATE_IMAGE).',
    );
  }
  const tagValue = raw.tag;
  const tags = (
    Array.isArray(tagValue) ? tagValue : typeof tagValue === 'string' ? tagValue.split(/[\n,]/) : []
  )
    .map((t) => t.trim())
    .filter(Boolean);
  const reports: Partial<Record<ReportFormat, string>> = {};
  for (const [name, format] of REPORT_FLAGS) {
    const p = str(raw, name);
    if (p) reports[format] = path.resolve(ctx.cwd, p);
  }
  if (ctx.env.GITLAB_CI === 'true' && !reports.gitlab) {
    reports.gitlab = path.resolve(ctx.cwd, 'gl-container-scanning-report.json');
  }
  const format =
    oneOf<SignatureFormat>(str(raw, 'signature-format'), SIGNATURE_FORMATS, 'signature-format') ?? 'bundle';
  const sign: SignOptions | undefined = flag(raw, 'no-sign')
    ? undefined
    : {
        keyFile: str(raw, 'signing-key'),
        keyPassword: ctx.env.HARBOR_GATE_KEY_PASSWORD ?? ctx.env.COSIGN_PASSWORD,
        format,
        identityToken: str(raw, 'identity-token'),
        fulcioUrl: checkUrl(str(raw, 'fulcio-url'), 'fulcio-url'),
        rekorUrl: checkUrl(str(raw, 'rekor-url'), 'rekor-url'),
        tsaUrl: checkUrl(str(raw, 'tsa-url'), 'tsa-url'),
        tlogUpload: flag(raw, 'tlog-upload') ?? false,
        recursive: flag(raw, 'recursive') ?? false,
      };
  const scanTimeout = str(raw, 'scan-timeout');
  const scan = flag(raw, 'no-scan')
    ? undefined
    : {
        harborUrl: checkUrl(str(raw, 'harbor-url'), 'harbor-url'),
        timeoutMs: scanTimeout ? parseDuration(scanTimeout, '--scan-timeout') : DEFAULT_SCAN_TIMEOUT_MS,
      };
  const policy = await resolvePolicy(raw, ctx);
  const attestScan = flag(raw, 'attest-scan') ?? false;
  if (attestScan && !sign) {
    throw inputError(
      'CONFIG_CONFLICT',
      '--attest-scan needs signing, but --no-sign was given',
      'Drop --no-sign, or drop --attest-scan.',
    );
  }
  if (attestScan && !scan) {
    throw inputError(
      'CONFIG_CONFLICT',
      '--attest-scan needs the scan, but --no-scan was given',
      'Drop --no-scan, or drop --attest-scan.',
    );
  }
  const attest = flag(raw, 'attest') ?? false;
  if (attest && !sign) {
    throw inputError(
      'CONFIG_CONFLICT',
      '--attest signs the SBOM, but --no-sign was given',
      'Drop --no-sign, or drop --attest.',
    );
  }
  const sbomFile = str(raw, 'sbom');
  if (attest && !sbomFile) {
    throw inputError(
      'CONFIG_CONFLICT',
      '--attest signs the SBOM file, but no --sbom was given',
      'Give --sbom FILE, or drop --attest.',
    );
  }
  const generateSbom = flag(raw, 'generate-sbom') ?? false;
  if (generateSbom && !scan) {
    throw inputError(
      'CONFIG_CONFLICT',
      '--generate-sbom asks Harbor, but --no-scan was given',
      'Drop --no-scan, or give --sbom FILE.',
    );
  }
  return {
    image,
    source: str(raw, 'source'),
    tags,
    mountFrom: str(raw, 'mount-from'),
    username: str(raw, 'username'),
    password: ctx.password,
    plainHttp: flag(raw, 'plain-http') ?? false,
    caFile: str(raw, 'ca-file') ? path.resolve(ctx.cwd, str(raw, 'ca-file') ?? '') : undefined,
    sbomFile: sbomFile ? path.resolve(ctx.cwd, sbomFile) : undefined,
    generateSbom: generateSbom && !sbomFile,
    attest,
    sign,
    scan,
    attestScan,
    policy,
    reports,
  };
}
