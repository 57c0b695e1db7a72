/**
 * Every flag of the command-line contract (README.md). Names are fixed: extend, never
 * rename. Each flag can also come from HARBOR_GATE_<NAME> (dashes to underscores, upper case); a
 * flag given on the command line wins over the variable.
 */

export type FlagType = 'string' | 'boolean' | 'multi';

export interface FlagSpec {
  type: FlagType;
  description: string;
  /** Value name shown in help, e.g. REF. */
  value?: string;
  /** Never read from the environment under HARBOR_GATE_* (e.g. --password-stdin). */
  noEnv?: boolean;
}

export const FLAGS = {
  image: { type: 'string', value: 'REF', description: 'host[:port]/project/repo[:tag][@digest]' },
  source: {
    type: 'string',
    value: 'SRC',
    description: 'oci:DIR[:REF], oci-archive:FILE[:REF], docker-archive:FILE[:REF], docker-daemon:NAME:TAG',
  },
  tag: { type: 'multi', value: 'T', description: 'extra tag (repeatable)' },
  'mount-from': { type: 'string', value: 'REPO', description: 'try cross-repository blob mounts from REPO' },
  username: { type: 'string', value: 'U', description: 'registry / Harbor user (robot account)' },
  'password-stdin': { type: 'boolean', description: 'read the password from standard input', noEnv: true },
  'plain-http': { type: 'boolean', description: 'allow HTTP for a non-loopback registry' },
  'ca-file': { type: 'string', value: 'FILE', description: 'extra trusted CA certificates (PEM)' },
  sbom: { type: 'string', value: 'FILE', description: 'SPDX or CycloneDX JSON' },
  attest: { type: 'boolean', description: 'also attach the SBOM as a signed in-toto attestation' },
  'signing-key': {
    type: 'string',
    value: 'FILE',
    description: 'cosign key file or PKCS#8 PEM; absent: keyless',
  },
  'signature-format': { type: 'string', value: 'F', description: 'bundle (default), legacy, both' },
  'identity-token': { type: 'string', value: 'T', description: 'OIDC token for keyless signing' },
  'fulcio-url': { type: 'string', value: 'URL', description: 'private Fulcio' },
  'rekor-url': { type: 'string', value: 'URL', description: 'private Rekor' },
  'tsa-url': { type: 'string', value: 'URL', description: 'timestamp authority' },
  'tlog-upload': { type: 'boolean', description: 'upload key-based signatures to the transparency log' },
  recursive: { type: 'boolean', description: 'also sign each platform manifest of an index' },
  key: { type: 'string', value: 'FILE', description: 'public key (PEM) to verify with' },
  'certificate-identity': { type: 'string', value: 'ID', description: 'expected keyless identity' },
  'certificate-identity-regexp': {
    type: 'string',
    value: 'RE',
    description: 'expected identity (anchored regexp)',
  },
  'certificate-oidc-issuer': { type: 'string', value: 'URL', description: 'expected OIDC issuer' },
  'trusted-root': { type: 'string', value: 'FILE', description: 'Sigstore trusted root JSON (offline)' },
  'require-sbom': { type: 'boolean', description: 'fail when no SBOM referrer exists' },
  'require-signature': { type: 'boolean', description: 'fail when the image is not signed' },
  'harbor-url': {
    type: 'string',
    value: 'URL',
    description: "Harbor's base URL (default: the image's registry)",
  },
  'scan-timeout': { type: 'string', value: 'DUR', description: 'e.g. 90s, 10m (default 10m)' },
  'generate-sbom': { type: 'boolean', description: 'have Harbor generate the SBOM (Harbor 2.11+)' },
  policy: { type: 'string', value: 'FILE', description: 'policy file (YAML or JSON)' },
  'fail-on': { type: 'string', value: 'SEV', description: 'critical, high (default), medium, low, none' },
  'ignore-unfixed': { type: 'boolean', description: 'findings without a fixed version do not fail' },
  'cvss-threshold': { type: 'string', value: 'N', description: 'fail at or above this CVSS score' },
  allowlist: { type: 'string', value: 'FILE', description: 'allowlist file' },
  'use-harbor-allowlist': { type: 'boolean', description: "also waive what Harbor's allowlists list" },
  'on-scan-error': { type: 'string', value: 'E', description: 'fail (default) or warn' },
  sarif: { type: 'string', value: 'FILE', description: 'write a SARIF 2.1.0 report' },
  'gitlab-report': { type: 'string', value: 'FILE', description: 'write a GitLab container scanning report' },
  junit: { type: 'string', value: 'FILE', description: 'write a JUnit XML report' },
  html: { type: 'string', value: 'FILE', description: 'write a self-contained HTML report' },
  'json-report': { type: 'string', value: 'FILE', description: 'write the whole result as JSON' },
  summary: { type: 'string', value: 'FILE', description: 'write the Markdown summary' },
  'attest-scan': { type: 'boolean', description: 'attach the scan result as a signed vuln attestation' },
  'no-sign': { type: 'boolean', description: 'skip signing' },
  'no-scan': { type: 'boolean', description: 'skip the scan' },
  'out-dir': { type: 'string', value: 'DIR', description: 'where the demo writes its reports' },
  serve: {
    type: 'boolean',
    description: 'keep the demo services running and print where they are',
    noEnv: true,
  },
  json: { type: 'boolean', description: "print the command's result as one JSON object on stdout" },
  debug: { type: 'boolean', description: 'verbose logs on stderr (never secrets)' },
  help: { type: 'boolean', description: 'show help', noEnv: true },
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
  'json',
  'debug',
  'help',
];

/** The signing flags: `sign` takes these, and `gate` takes them among its own. */
export const SIGNING_FLAGS: FlagName[] = [
  'signing-key',
  'signature-format',
  'identity-token',
  'fulcio-url',
  'rekor-url',
  'tsa-url',
  'tlog-upload',
  'recursive',
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
  'on-scan-error',
  'attest-scan',
  'sarif',
  'gitlab-report',
  'junit',
  'html',
  'json-report',
  'summary',
  'no-sign',
  'no-scan',
];

export function envName(flag: string): string {
  return 'HARBOR_GATE_' + flag.toUpperCase().replace(/-/g, '_');
}
