/**
 * The one flag table: every flag of the command-line contract (README.md, "Flags"). Names are
 * fixed: extend, never rename. Each flag can also come from HARBOR_GATE_<NAME> (dashes to
 * underscores, upper case); a flag given on the command line wins over the variable. The CLI parses
 * argv with it and the GitHub Action derives its inputs from it, so both adapters read the same
 * names and resolve them in config/options.ts.
 */

export type FlagType = 'string' | 'boolean' | 'multi';

/** The step a flag belongs to, for grouped help. */
export type FlagGroup =
  'image' | 'push' | 'sbom' | 'sign' | 'trust' | 'scan' | 'policy' | 'reports' | 'connection' | 'output';

export const FLAG_GROUPS: Record<FlagGroup, string> = {
  image: 'Image',
  push: 'Push',
  sbom: 'SBOM',
  sign: 'Signing',
  trust: 'Trust (whose signatures count)',
  scan: 'Scan',
  policy: 'Policy',
  reports: 'Reports',
  connection: 'Registry and Harbor connection',
  output: 'Output',
};

export interface FlagSpec {
  type: FlagType;
  group: FlagGroup;
  description: string;
  /** Value name shown in help, e.g. REF. */
  value?: string;
  /** Never read from the environment under HARBOR_GATE_* (e.g. --password-stdin). */
  noEnv?: boolean;
}

export const FLAGS = {
  image: {
    type: 'string',
    group: 'image',
    value: 'REF',
    description: 'host[:port]/project/repo[:tag][@digest] (required)',
  },
  source: {
    type: 'string',
    group: 'push',
    value: 'SRC',
    description:
      'oci:DIR[:REF], oci-archive:FILE[:REF], docker-archive:FILE[:REF], docker-daemon:NAME:TAG; absent: the image is already in the registry',
  },
  tag: { type: 'multi', group: 'push', value: 'T', description: 'extra tag (repeatable, or a comma list)' },
  'mount-from': {
    type: 'string',
    group: 'push',
    value: 'REPO',
    description: 'try cross-repository blob mounts from REPO',
  },
  username: {
    type: 'string',
    group: 'connection',
    value: 'U',
    description:
      'registry / Harbor user (robot account); password from HARBOR_GATE_PASSWORD or --password-stdin',
  },
  'password-stdin': {
    type: 'boolean',
    group: 'connection',
    description: 'read the password from standard input',
    noEnv: true,
  },
  'plain-http': {
    type: 'boolean',
    group: 'connection',
    description: 'allow HTTP (and credentials over it) for a non-loopback registry or Harbor',
  },
  'ca-file': {
    type: 'string',
    group: 'connection',
    value: 'FILE',
    description: 'extra trusted CA certificates (PEM)',
  },
  timeout: {
    type: 'string',
    group: 'connection',
    value: 'DUR',
    description:
      "the whole command's deadline, e.g. 2m; on expiry exit 3 naming what was still running (default: verify 2m; others are bounded by their steps)",
  },
  sbom: { type: 'string', group: 'sbom', value: 'FILE', description: 'SPDX or CycloneDX JSON' },
  'generate-sbom': {
    type: 'boolean',
    group: 'sbom',
    description: 'have Harbor generate the SBOM (Harbor 2.11+)',
  },
  attest: {
    type: 'boolean',
    group: 'sbom',
    description: 'also attach the SBOM as a signed in-toto attestation',
  },
  'signing-key': {
    type: 'string',
    group: 'sign',
    value: 'FILE',
    description: 'cosign key file or PKCS#8 PEM; absent: keyless',
  },
  'signature-format': {
    type: 'string',
    group: 'sign',
    value: 'F',
    description: 'bundle (default), legacy, both: for signatures and attestations',
  },
  'identity-token': {
    type: 'string',
    group: 'sign',
    value: 'T',
    description:
      'OIDC token for keyless signing (visible in process lists: prefer the file or SIGSTORE_ID_TOKEN)',
  },
  'identity-token-file': {
    type: 'string',
    group: 'sign',
    value: 'FILE',
    description: 'read the OIDC token for keyless signing from FILE',
  },
  'fulcio-url': { type: 'string', group: 'sign', value: 'URL', description: 'private Fulcio' },
  'rekor-url': { type: 'string', group: 'sign', value: 'URL', description: 'private Rekor' },
  'tsa-url': { type: 'string', group: 'sign', value: 'URL', description: 'timestamp authority' },
  'tlog-upload': {
    type: 'boolean',
    group: 'sign',
    description: 'upload key-based signatures to the transparency log',
  },
  recursive: {
    type: 'boolean',
    group: 'sign',
    description: 'also sign each platform manifest of an index',
  },
  'force-sign': {
    type: 'boolean',
    group: 'sign',
    description: 'sign again even when a signature by the same key or identity already verifies',
  },
  key: { type: 'string', group: 'trust', value: 'FILE', description: 'public key (PEM) to verify with' },
  'certificate-identity': {
    type: 'string',
    group: 'trust',
    value: 'ID',
    description: 'expected keyless identity',
  },
  'certificate-identity-regexp': {
    type: 'string',
    group: 'trust',
    value: 'RE',
    description: 'expected identity (anchored regexp)',
  },
  'certificate-oidc-issuer': {
    type: 'string',
    group: 'trust',
    value: 'URL',
    description: 'expected OIDC issuer',
  },
  'trusted-root': {
    type: 'string',
    group: 'trust',
    value: 'FILE',
    description: 'Sigstore trusted root JSON (offline)',
  },
  'require-gate-pass': {
    type: 'boolean',
    group: 'trust',
    description: 'require a gate verdict attestation that verifies with the trust and says pass',
  },
  'max-age': {
    type: 'string',
    group: 'trust',
    value: 'DUR',
    description: 'with --require-gate-pass: the verdict must be younger than this, e.g. 24h, 7d',
  },
  'require-provenance': {
    type: 'boolean',
    group: 'trust',
    description:
      'require a SLSA provenance attestation that verifies with the trust and names --builder-id and --source-repo (and --source-ref)',
  },
  'builder-id': {
    type: 'string',
    group: 'trust',
    value: 'ID',
    description:
      'with --require-provenance: the exact builder id, e.g. https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main',
  },
  'source-repo': {
    type: 'string',
    group: 'trust',
    value: 'URI',
    description: 'with --require-provenance: the exact source repository, e.g. https://github.com/acme/app',
  },
  'source-ref': {
    type: 'string',
    group: 'trust',
    value: 'REF',
    description: 'with --require-provenance: the exact source ref, e.g. refs/heads/main',
  },
  'require-sbom': {
    type: 'boolean',
    group: 'policy',
    description: 'fail unless an SBOM referrer exists that parses and validates',
  },
  'require-signature': {
    type: 'boolean',
    group: 'policy',
    description:
      "fail unless a signature verifies with the gate's trust (its signing key or identity, or the trust flags)",
  },
  'harbor-url': {
    type: 'string',
    group: 'scan',
    value: 'URL',
    description: "Harbor's base URL (default: the image's registry)",
  },
  'scan-timeout': {
    type: 'string',
    group: 'scan',
    value: 'DUR',
    description: 'e.g. 90s, 10m (default 10m)',
  },
  policy: { type: 'string', group: 'policy', value: 'FILE', description: 'policy file (YAML or JSON)' },
  'fail-on': {
    type: 'string',
    group: 'policy',
    value: 'SEV',
    description: 'critical, high (default), medium, low, unknown, none',
  },
  'ignore-unfixed': {
    type: 'boolean',
    group: 'policy',
    description: 'findings without a fixed version do not fail',
  },
  'cvss-threshold': {
    type: 'string',
    group: 'policy',
    value: 'N',
    description: 'fail at or above this CVSS score',
  },
  allowlist: { type: 'string', group: 'policy', value: 'FILE', description: 'allowlist file' },
  'use-harbor-allowlist': {
    type: 'boolean',
    group: 'policy',
    description: "also waive what Harbor's allowlists list",
  },
  vex: {
    type: 'multi',
    group: 'policy',
    value: 'FILE',
    description:
      'a VEX document, OpenVEX 0.2.0 or CycloneDX VEX (gate: repeatable; not_affected/fixed statements waive)',
  },
  'vex-from-image': {
    type: 'boolean',
    group: 'policy',
    description:
      "also apply VEX attestations attached to the image whose signature verifies with the gate's trust",
  },
  'on-scan-error': { type: 'string', group: 'policy', value: 'E', description: 'fail (default) or warn' },
  'report-only': {
    type: 'boolean',
    group: 'policy',
    description: 'a policy breach is reported and warned, exit 0; errors still fail',
  },
  sarif: { type: 'string', group: 'reports', value: 'FILE', description: 'write a SARIF 2.1.0 report' },
  'gitlab-report': {
    type: 'string',
    group: 'reports',
    value: 'FILE',
    description: 'write a GitLab container scanning report',
  },
  junit: { type: 'string', group: 'reports', value: 'FILE', description: 'write a JUnit XML report' },
  html: {
    type: 'string',
    group: 'reports',
    value: 'FILE',
    description: 'write a self-contained HTML report',
  },
  'json-report': {
    type: 'string',
    group: 'reports',
    value: 'FILE',
    description: 'write the whole result as JSON',
  },
  summary: { type: 'string', group: 'reports', value: 'FILE', description: 'write the Markdown summary' },
  'attest-scan': {
    type: 'boolean',
    group: 'sign',
    description: 'attach the scan result and the verdict as signed attestations (vuln, gate verdict)',
  },
  provenance: {
    type: 'boolean',
    group: 'sign',
    description:
      'attach signed SLSA v1 build provenance (only in GitHub Actions or GitLab CI; docs/provenance.md)',
  },
  'no-sign': { type: 'boolean', group: 'sign', description: 'skip signing' },
  'no-scan': { type: 'boolean', group: 'scan', description: 'skip the scan' },
  'out-dir': {
    type: 'string',
    group: 'output',
    value: 'DIR',
    description: 'where the demo writes its reports',
  },
  serve: {
    type: 'boolean',
    group: 'output',
    description: 'keep the demo services running and print where they are',
    noEnv: true,
  },
  json: {
    type: 'boolean',
    group: 'output',
    description: "print the command's result as one JSON object on stdout",
  },
  debug: { type: 'boolean', group: 'output', description: 'verbose logs on stderr (never secrets)' },
  help: { type: 'boolean', group: 'output', description: 'show help', noEnv: true },
} satisfies Record<string, FlagSpec>;

export type FlagName = keyof typeof FLAGS;

export type FlagValues = Partial<Record<FlagName, string | boolean | string[]>>;

/** Flags every command accepts. */
export const COMMON_FLAGS: FlagName[] = [
  'image',
  'username',
  'password-stdin',
  'plain-http',
  'ca-file',
  'timeout',
  'json',
  'debug',
  'help',
];

/** The signing flags: `sign` takes these, and `gate` takes them among its own. */
export const SIGNING_FLAGS: FlagName[] = [
  'signing-key',
  'signature-format',
  'identity-token',
  'identity-token-file',
  'fulcio-url',
  'rekor-url',
  'tsa-url',
  'tlog-upload',
  'recursive',
  'force-sign',
];

/** Whose signatures count: `verify` takes these, and `gate` for --require-signature. */
export const TRUST_FLAGS: FlagName[] = [
  'key',
  'certificate-identity',
  'certificate-identity-regexp',
  'certificate-oidc-issuer',
  'trusted-root',
];

/** The gate command's own flags; the GitHub Action's inputs are derived from them (action/main.ts). */
export const GATE_FLAGS: FlagName[] = [
  'source',
  'tag',
  'mount-from',
  'sbom',
  'generate-sbom',
  'attest',
  ...SIGNING_FLAGS,
  ...TRUST_FLAGS,
  'require-sbom',
  'require-signature',
  'harbor-url',
  'scan-timeout',
  'policy',
  'fail-on',
  'ignore-unfixed',
  'cvss-threshold',
  'allowlist',
  'use-harbor-allowlist',
  'vex',
  'vex-from-image',
  'on-scan-error',
  'report-only',
  'attest-scan',
  'provenance',
  'sarif',
  'gitlab-report',
  'junit',
  'html',
  'json-report',
  'summary',
  'no-sign',
  'no-scan',
];

/**
 * The one reading of a boolean written as text (a HARBOR_GATE_* variable, an Action input):
 * true/false, yes/no, on/off, 1/0, any case; empty is false. Anything else is undefined, for
 * the caller to refuse with its own code and the name the user wrote.
 */
export function parseBoolean(text: string): boolean | undefined {
  const v = text.trim().toLowerCase();
  if (BOOLEAN_TRUE.has(v)) return true;
  if (BOOLEAN_FALSE.has(v)) return false;
  return undefined;
}

const BOOLEAN_TRUE: ReadonlySet<string> = new Set(['1', 'true', 'yes', 'on']);
const BOOLEAN_FALSE: ReadonlySet<string> = new Set(['0', 'false', 'no', 'off', '']);

/**
 * The environment variables that hold secrets: the CLI redacts their values from every line, the
 * Action masks them too. Those named HARBOR_GATE_* are read by the adapters, not through a flag.
 */
export const SECRET_ENV_NAMES: readonly string[] = [
  'HARBOR_GATE_PASSWORD',
  'HARBOR_GATE_KEY_PASSWORD',
  'HARBOR_GATE_IDENTITY_TOKEN',
  'CI_REGISTRY_PASSWORD',
  'HARBOR_PASSWORD',
  'COSIGN_PASSWORD',
  'SIGSTORE_ID_TOKEN',
];

export function envName(flag: string): string {
  return 'HARBOR_GATE_' + flag.toUpperCase().replace(/-/g, '_');
}
