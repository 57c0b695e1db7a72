import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);

// src/core/findings.ts
var SEVERITIES = ["critical", "high", "medium", "low", "unknown"];
function emptyCounts() {
  return { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 };
}
function countFindings(findings) {
  const worst = /* @__PURE__ */ new Map();
  for (const f of findings) {
    const key = `${f.id}\0${f.package}\0${f.version}`;
    const cur = worst.get(key);
    const fixable2 = f.fixVersion !== void 0;
    if (!cur) worst.set(key, { severity: f.severity, fixable: fixable2 });
    else {
      if (SEVERITIES.indexOf(f.severity) < SEVERITIES.indexOf(cur.severity)) cur.severity = f.severity;
      cur.fixable ||= fixable2;
    }
  }
  const counts = emptyCounts();
  let fixable = 0;
  for (const { severity, fixable: fix } of worst.values()) {
    counts[severity]++;
    if (fix) fixable++;
  }
  return { counts, fixable };
}

// src/errors.ts
var EXIT_BY_KIND = { input: 2, infra: 3, verify: 1 };
var GateError = class extends Error {
  code;
  remedy;
  kind;
  details;
  constructor(init) {
    super(init.message, init.cause === void 0 ? void 0 : { cause: init.cause });
    this.name = "GateError";
    this.code = init.code;
    this.remedy = init.remedy;
    this.kind = init.kind;
    this.details = init.details ?? {};
  }
  get exitCode() {
    if (this.kind === "cancelled") return this.details.signal === "SIGINT" ? 130 : 143;
    return EXIT_BY_KIND[this.kind];
  }
  toJSON() {
    return { code: this.code, message: this.message, remedy: this.remedy, exitCode: this.exitCode };
  }
};
function inputError(code, message, remedy, cause) {
  return new GateError({ code, message, remedy, kind: "input", cause });
}
function infraError(code, message, remedy, cause) {
  return new GateError({ code, message, remedy, kind: "infra", cause });
}
function isGateError(e) {
  return e instanceof GateError;
}
function describe(e) {
  if (e instanceof Error) {
    const code = e.code;
    return code && !e.message.includes(code) ? `${e.message} (${code})` : e.message;
  }
  return String(e);
}
function toGateError(e) {
  if (isGateError(e)) return e;
  return new GateError({
    code: "INTERNAL",
    message: `unexpected error: ${describe(e)}`,
    remedy: "Run again with --debug and report the output at the project issue tracker.",
    kind: "infra",
    cause: e
  });
}

// src/core/duration.ts
var UNIT_MS = { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5 };
function parseDuration(text, what) {
  const s = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1e3);
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
  let total = 0;
  let matched = 0;
  let m;
  while ((m = re.exec(s)) !== null) {
    total += Number(m[1]) * (UNIT_MS[m[2] ?? "s"] ?? 1e3);
    matched = re.lastIndex;
  }
  if (s === "" || matched !== s.length || total <= 0) {
    throw inputError(
      "CONFIG_BAD_DURATION",
      `${what}: '${text}' is not a duration`,
      `Use a number with a unit, for example 90s, 10m, 1h, 7d or 1m30s.`
    );
  }
  return Math.round(total);
}
function formatDuration(ms) {
  if (!Number.isFinite(ms) || ms < 0) return "0ms";
  if (ms < 1e3) return `${String(Math.round(ms))}ms`;
  if (ms < 6e4) {
    const s2 = Math.round(ms / 100) / 10;
    if (s2 < 60) return `${String(s2)}s`;
  }
  let rest = Math.round(ms / 1e3);
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  const s = rest - m * 60;
  return (h > 0 ? `${String(h)}h` : "") + (m > 0 ? `${String(m)}m` : "") + (s > 0 ? `${String(s)}s` : "");
}

// src/core/defaults.ts
var VERSION = "0.1.0";
var TOOL_NAME = "harbor-gate";
var TOOL_URI = "https://github.com/harbor-gate/harbor-gate";
var DEFAULT_SCAN_TIMEOUT_MS = 10 * 6e4;

// src/core/text.ts
var ESCAPE_SEQUENCE = (
  // OSC, DCS, SOS, PM, APC strings up to BEL or ST; CSI sequences; other two-byte ESC sequences.
  // eslint-disable-next-line no-control-regex
  /\u001b(?:[\]PX^_][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\[[0-?]*[ -/]*[@-~]?|[@-Z\\-_]|[ -/]*[0-~]?)|\u009b[0-?]*[ -/]*[@-~]?|[\u0090\u0098\u009d\u009e\u009f][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?/g
);
var LINE_BREAKS = /[\r\n\u000b\u000c\u0085\u2028\u2029]+/g;
var CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\t]/g;
var DEFAULT_TEXT_MAX = 1e3;
function cleanText(value, max = DEFAULT_TEXT_MAX) {
  let s = typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" || typeof value === "bigint" ? String(value) : value instanceof Error ? value.message : "";
  if (s.length > max * 4 + 64) s = s.slice(0, max * 4 + 64);
  s = s.replace(ESCAPE_SEQUENCE, "").replace(LINE_BREAKS, " ").replace(CONTROL, (c) => c === "	" ? " " : "").replace(/::/g, ":%3A").replace(/##\[/g, "##%5B").replace(/(section_(?:start|end)):/gi, "$1%3A");
  if (s.length > max) s = s.slice(0, Math.max(0, max - 1)) + "\u2026";
  return s;
}
function isCleanText(value) {
  return cleanText(value, Number.MAX_SAFE_INTEGER) === value;
}
var ANY_LINE_BREAK = /\r\n|[\r\n\u000b\u000c\u0085\u2028\u2029]/;
function cleanLines(value, maxLine = Number.MAX_SAFE_INTEGER) {
  const s = typeof value === "string" ? value : cleanText(value, Number.MAX_SAFE_INTEGER);
  if (!ANY_LINE_BREAK.test(s)) return cleanText(s, maxLine);
  return s.split(ANY_LINE_BREAK).map((line) => cleanText(line, maxLine)).join("\n");
}
var DEFAULT_DESCRIPTION_MAX = 8e3;
var REPORT_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
function cleanProse(value, max = DEFAULT_DESCRIPTION_MAX) {
  let s = typeof value === "string" ? value : cleanText(value, Number.MAX_SAFE_INTEGER);
  if (s.length > max * 4 + 64) s = s.slice(0, max * 4 + 64);
  s = s.replace(ESCAPE_SEQUENCE, "").replace(/\r\n?|[\u0085\u2028\u2029]/g, "\n").replace(REPORT_CONTROL, "");
  if (s.length > max) s = s.slice(0, Math.max(0, max - 1)) + "\u2026";
  return s;
}

// src/core/clock.ts
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.max(0, ms)
    );
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
var systemClock = { now: () => Date.now(), sleep };

// src/core/run.ts
var STEP_NAMES = [
  "inputs",
  "push",
  "sbom",
  "sign",
  "provenance",
  "scan",
  "policy",
  "attestScan",
  "reports"
];

// src/core/digest.ts
var DIGEST_PATTERN = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
var SHA256_DIGEST_PATTERN = /^sha256:[a-f0-9]{64}$/;
var VERIFIABLE_DIGEST_PATTERN = /^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;
var TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
function isValidDigest(d) {
  if (!DIGEST_PATTERN.test(d)) return false;
  const alg = d.slice(0, d.indexOf(":"));
  return alg === "sha256" || alg === "sha512" ? VERIFIABLE_DIGEST_PATTERN.test(d) : true;
}
function shortDigest(digest) {
  if (!DIGEST_PATTERN.test(digest)) return digest;
  const at = digest.indexOf(":");
  const encoded = digest.slice(at + 1);
  return encoded.length > 12 ? `${digest.slice(0, at)}:${encoded.slice(0, 12)}\u2026` : digest;
}

// src/core/suggest.ts
function norm(s) {
  return s.replace(/([a-z])([A-Z])/g, "$1-$2").toLowerCase().replace(/[_\s]/g, "-");
}
function distance(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
function suggest(word, candidates) {
  const w = norm(word);
  let best;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(w, norm(c));
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best !== void 0 && bestD <= Math.max(2, Math.floor(w.length / 3)) ? best : void 0;
}

// src/core/color.ts
function colorEnabled(env, isTTY) {
  if ((env.NO_COLOR ?? "") !== "") return false;
  const force = env.FORCE_COLOR;
  if (force !== void 0 && force !== "") return force !== "0" && force.toLowerCase() !== "false";
  return isTTY;
}

// src/core/files.ts
import fs from "node:fs";
var NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
async function writeFileNoFollow(file, content, opts = {}) {
  const flags = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_TRUNC | NOFOLLOW;
  let handle;
  try {
    handle = await fs.promises.open(file, flags, opts.mode ?? 420);
  } catch (e) {
    throw openError(file, e);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) {
      throw new GateError({
        code: "REPORT_NOT_A_FILE",
        message: `${file} is not a regular file; the report was not written`,
        remedy: "Choose a report path that is a regular file (or does not exist yet).",
        kind: "input"
      });
    }
    await handle.writeFile(content);
  } catch (e) {
    if (e instanceof GateError) throw e;
    throw writeError(file, e);
  } finally {
    await handle.close();
  }
}
function openError(file, e) {
  const errno = e.code;
  if (errno === "ELOOP" || errno === "EMLINK") {
    return new GateError({
      code: "REPORT_SYMLINK",
      message: `${file} is a symbolic link; the report was not written through it`,
      remedy: "Remove the link (a checked-out repository can contain one) or choose another report path; harbor-gate never writes through a link.",
      kind: "input",
      cause: e
    });
  }
  if (errno === "EISDIR") {
    return new GateError({
      code: "REPORT_NOT_A_FILE",
      message: `${file} is a directory; the report was not written`,
      remedy: "Give a file path for the report, not a directory.",
      kind: "input",
      cause: e
    });
  }
  return writeError(file, e);
}
function writeError(file, e) {
  return new GateError({
    code: "REPORT_WRITE_FAILED",
    message: `cannot write ${file}: ${describe(e)}`,
    remedy: "Check that the directory exists, is writable by the user running harbor-gate, and has free space.",
    kind: "input",
    cause: e
  });
}

// src/core/flags.ts
var FLAG_GROUPS = {
  image: "Image",
  push: "Push",
  sbom: "SBOM",
  sign: "Signing",
  trust: "Trust (whose signatures count)",
  scan: "Scan",
  policy: "Policy",
  reports: "Reports",
  connection: "Registry and Harbor connection",
  output: "Output"
};
var FLAGS = {
  image: {
    type: "string",
    group: "image",
    value: "REF",
    description: "host[:port]/project/repo[:tag][@digest] (required)"
  },
  source: {
    type: "string",
    group: "push",
    value: "SRC",
    description: "oci:DIR[:REF], oci-archive:FILE[:REF], docker-archive:FILE[:REF], docker-daemon:NAME:TAG; absent: the image is already in the registry"
  },
  tag: { type: "multi", group: "push", value: "T", description: "extra tag (repeatable, or a comma list)" },
  "mount-from": {
    type: "string",
    group: "push",
    value: "REPO",
    description: "try cross-repository blob mounts from REPO"
  },
  username: {
    type: "string",
    group: "connection",
    value: "U",
    description: "registry / Harbor user (robot account); password from HARBOR_GATE_PASSWORD or --password-stdin"
  },
  "password-stdin": {
    type: "boolean",
    group: "connection",
    description: "read the password from standard input",
    noEnv: true
  },
  "plain-http": {
    type: "boolean",
    group: "connection",
    description: "allow HTTP (and credentials over it) for a non-loopback registry or Harbor"
  },
  "ca-file": {
    type: "string",
    group: "connection",
    value: "FILE",
    description: "extra trusted CA certificates (PEM)"
  },
  timeout: {
    type: "string",
    group: "connection",
    value: "DUR",
    description: "the whole command's deadline, e.g. 2m; on expiry exit 3 naming what was still running (default: verify 2m; others are bounded by their steps)"
  },
  sbom: { type: "string", group: "sbom", value: "FILE", description: "SPDX or CycloneDX JSON" },
  "generate-sbom": {
    type: "boolean",
    group: "sbom",
    description: "have Harbor generate the SBOM (Harbor 2.11+)"
  },
  attest: {
    type: "boolean",
    group: "sbom",
    description: "also attach the SBOM as a signed in-toto attestation"
  },
  "signing-key": {
    type: "string",
    group: "sign",
    value: "FILE",
    description: "cosign key file or PKCS#8 PEM; absent: keyless"
  },
  "signature-format": {
    type: "string",
    group: "sign",
    value: "F",
    description: "bundle (default), legacy, both: for signatures and attestations"
  },
  "identity-token": {
    type: "string",
    group: "sign",
    value: "T",
    description: "OIDC token for keyless signing (visible in process lists: prefer the file or SIGSTORE_ID_TOKEN)"
  },
  "identity-token-file": {
    type: "string",
    group: "sign",
    value: "FILE",
    description: "read the OIDC token for keyless signing from FILE"
  },
  "fulcio-url": { type: "string", group: "sign", value: "URL", description: "private Fulcio" },
  "rekor-url": { type: "string", group: "sign", value: "URL", description: "private Rekor" },
  "tsa-url": { type: "string", group: "sign", value: "URL", description: "timestamp authority" },
  "tlog-upload": {
    type: "boolean",
    group: "sign",
    description: "upload key-based signatures to the transparency log"
  },
  recursive: {
    type: "boolean",
    group: "sign",
    description: "also sign each platform manifest of an index"
  },
  "force-sign": {
    type: "boolean",
    group: "sign",
    description: "sign again even when a signature by the same key or identity already verifies"
  },
  key: { type: "string", group: "trust", value: "FILE", description: "public key (PEM) to verify with" },
  "certificate-identity": {
    type: "string",
    group: "trust",
    value: "ID",
    description: "expected keyless identity"
  },
  "certificate-identity-regexp": {
    type: "string",
    group: "trust",
    value: "RE",
    description: "expected identity (anchored regexp)"
  },
  "certificate-oidc-issuer": {
    type: "string",
    group: "trust",
    value: "URL",
    description: "expected OIDC issuer"
  },
  "trusted-root": {
    type: "string",
    group: "trust",
    value: "FILE",
    description: "Sigstore trusted root JSON (offline)"
  },
  "require-gate-pass": {
    type: "boolean",
    group: "trust",
    description: "require a gate verdict attestation that verifies with the trust and says pass"
  },
  "max-age": {
    type: "string",
    group: "trust",
    value: "DUR",
    description: "with --require-gate-pass: the verdict must be younger than this, e.g. 24h, 7d"
  },
  "require-provenance": {
    type: "boolean",
    group: "trust",
    description: "require a SLSA provenance attestation that verifies with the trust and names --builder-id and --source-repo (and --source-ref)"
  },
  "builder-id": {
    type: "string",
    group: "trust",
    value: "ID",
    description: "with --require-provenance: the exact builder id, e.g. https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main"
  },
  "source-repo": {
    type: "string",
    group: "trust",
    value: "URI",
    description: "with --require-provenance: the exact source repository, e.g. https://github.com/acme/app"
  },
  "source-ref": {
    type: "string",
    group: "trust",
    value: "REF",
    description: "with --require-provenance: the exact source ref, e.g. refs/heads/main"
  },
  "require-sbom": {
    type: "boolean",
    group: "policy",
    description: "fail unless an SBOM referrer exists that parses and validates"
  },
  "require-signature": {
    type: "boolean",
    group: "policy",
    description: "fail unless a signature verifies with the gate's trust (its signing key or identity, or the trust flags)"
  },
  "harbor-url": {
    type: "string",
    group: "scan",
    value: "URL",
    description: "Harbor's base URL (default: the image's registry)"
  },
  "scan-timeout": {
    type: "string",
    group: "scan",
    value: "DUR",
    description: "e.g. 90s, 10m (default 10m)"
  },
  policy: { type: "string", group: "policy", value: "FILE", description: "policy file (YAML or JSON)" },
  "fail-on": {
    type: "string",
    group: "policy",
    value: "SEV",
    description: "critical, high (default), medium, low, unknown, none"
  },
  "ignore-unfixed": {
    type: "boolean",
    group: "policy",
    description: "findings without a fixed version do not fail"
  },
  "cvss-threshold": {
    type: "string",
    group: "policy",
    value: "N",
    description: "fail at or above this CVSS score"
  },
  allowlist: { type: "string", group: "policy", value: "FILE", description: "allowlist file" },
  "use-harbor-allowlist": {
    type: "boolean",
    group: "policy",
    description: "also waive what Harbor's allowlists list"
  },
  vex: {
    type: "multi",
    group: "policy",
    value: "FILE",
    description: "a VEX document, OpenVEX 0.2.0 or CycloneDX VEX (gate: repeatable; not_affected/fixed statements waive)"
  },
  "vex-from-image": {
    type: "boolean",
    group: "policy",
    description: "also apply VEX attestations attached to the image whose signature verifies with the gate's trust"
  },
  "on-scan-error": { type: "string", group: "policy", value: "E", description: "fail (default) or warn" },
  "report-only": {
    type: "boolean",
    group: "policy",
    description: "a policy breach is reported and warned, exit 0; errors still fail"
  },
  sarif: { type: "string", group: "reports", value: "FILE", description: "write a SARIF 2.1.0 report" },
  "gitlab-report": {
    type: "string",
    group: "reports",
    value: "FILE",
    description: "write a GitLab container scanning report"
  },
  junit: { type: "string", group: "reports", value: "FILE", description: "write a JUnit XML report" },
  html: {
    type: "string",
    group: "reports",
    value: "FILE",
    description: "write a self-contained HTML report"
  },
  "json-report": {
    type: "string",
    group: "reports",
    value: "FILE",
    description: "write the whole result as JSON"
  },
  summary: { type: "string", group: "reports", value: "FILE", description: "write the Markdown summary" },
  "attest-scan": {
    type: "boolean",
    group: "sign",
    description: "attach the scan result and the verdict as signed attestations (vuln, gate verdict)"
  },
  provenance: {
    type: "boolean",
    group: "sign",
    description: "attach signed SLSA v1 build provenance (only in GitHub Actions or GitLab CI; docs/provenance.md)"
  },
  "no-sign": { type: "boolean", group: "sign", description: "skip signing" },
  "no-scan": { type: "boolean", group: "scan", description: "skip the scan" },
  "out-dir": {
    type: "string",
    group: "output",
    value: "DIR",
    description: "where the demo writes its reports"
  },
  serve: {
    type: "boolean",
    group: "output",
    description: "keep the demo services running and print where they are",
    noEnv: true
  },
  json: {
    type: "boolean",
    group: "output",
    description: "print the command's result as one JSON object on stdout"
  },
  debug: { type: "boolean", group: "output", description: "verbose logs on stderr (never secrets)" },
  help: { type: "boolean", group: "output", description: "show help", noEnv: true }
};
var COMMON_FLAGS = [
  "image",
  "username",
  "password-stdin",
  "plain-http",
  "ca-file",
  "timeout",
  "json",
  "debug",
  "help"
];
var SIGNING_FLAGS = [
  "signing-key",
  "signature-format",
  "identity-token",
  "identity-token-file",
  "fulcio-url",
  "rekor-url",
  "tsa-url",
  "tlog-upload",
  "recursive",
  "force-sign"
];
var TRUST_FLAGS = [
  "key",
  "certificate-identity",
  "certificate-identity-regexp",
  "certificate-oidc-issuer",
  "trusted-root"
];
var GATE_FLAGS = [
  "source",
  "tag",
  "mount-from",
  "sbom",
  "generate-sbom",
  "attest",
  ...SIGNING_FLAGS,
  ...TRUST_FLAGS,
  "require-sbom",
  "require-signature",
  "harbor-url",
  "scan-timeout",
  "policy",
  "fail-on",
  "ignore-unfixed",
  "cvss-threshold",
  "allowlist",
  "use-harbor-allowlist",
  "vex",
  "vex-from-image",
  "on-scan-error",
  "report-only",
  "attest-scan",
  "provenance",
  "sarif",
  "gitlab-report",
  "junit",
  "html",
  "json-report",
  "summary",
  "no-sign",
  "no-scan"
];
function parseBoolean(text) {
  const v = text.trim().toLowerCase();
  if (BOOLEAN_TRUE.has(v)) return true;
  if (BOOLEAN_FALSE.has(v)) return false;
  return void 0;
}
var BOOLEAN_TRUE = /* @__PURE__ */ new Set(["1", "true", "yes", "on"]);
var BOOLEAN_FALSE = /* @__PURE__ */ new Set(["0", "false", "no", "off", ""]);
var SECRET_ENV_NAMES = [
  "HARBOR_GATE_PASSWORD",
  "HARBOR_GATE_KEY_PASSWORD",
  "HARBOR_GATE_IDENTITY_TOKEN",
  "CI_REGISTRY_PASSWORD",
  "HARBOR_PASSWORD",
  "COSIGN_PASSWORD",
  "SIGSTORE_ID_TOKEN"
];
function envName(flag) {
  return "HARBOR_GATE_" + flag.toUpperCase().replace(/-/g, "_");
}

// src/core/host.ts
function bare(hostname) {
  return hostname.replace(/^\[|\]$/g, "").toLowerCase().replace(/\.$/, "");
}
function isLoopbackAddress(address) {
  const a = bare(address).replace(/^::ffff:(?=\d+\.)/, "");
  if (/^127(\.\d{1,3}){3}$/.test(a)) return a.split(".").every((o) => Number(o) <= 255);
  return a === "::1" || a === "0:0:0:0:0:0:0:1" || a === "::ffff:7f00:1";
}
function isLoopbackName(hostname) {
  const h = bare(hostname);
  return h === "localhost" || h.endsWith(".localhost");
}
function isLoopbackHost(hostname) {
  return isLoopbackAddress(hostname) || isLoopbackName(hostname);
}

// src/core/error-codes.ts
var ERROR_CODES = {
  /** General */
  general: [
    "INTERNAL",
    "CLI_UNKNOWN_COMMAND",
    "CLI_BAD_FLAG",
    "CLI_BAD_ENV",
    "CLI_MISSING_FLAG",
    "CLI_EMPTY_PASSWORD"
  ],
  /** HTTP */
  http: [
    "HTTP_NETWORK",
    "HTTP_BODY_TOO_LARGE",
    "HTTP_BAD_JSON",
    "HTTP_INSECURE_REDIRECT",
    "COMMAND_TIMEOUT",
    "CANCELLED",
    "HTTP_STALLED",
    "HTTP_REDIRECT_LOOP",
    "TLS_UNTRUSTED",
    "HTTP_PLAIN_HTTP",
    "HTTP_NOT_LOOPBACK"
  ],
  /** Registry and push */
  registry: [
    "REF_INVALID",
    "TAG_INVALID",
    "DIGEST_INVALID",
    "DIGEST_UNSUPPORTED",
    "PUSH_DIGEST_MISMATCH",
    "PUSH_NO_MEDIA_TYPE",
    "PUSH_BAD_MANIFEST",
    "BLOB_DIGEST_MISMATCH",
    "BLOB_READ_FAILED",
    "BLOB_NOT_FOUND",
    "BLOB_TOO_LARGE",
    "MANIFEST_TOO_LARGE",
    "MANIFEST_INVALID",
    "REGISTRY_UNAUTHORIZED",
    "REGISTRY_DENIED",
    "REGISTRY_REDIRECT_AUTH",
    "REGISTRY_NAME_UNKNOWN",
    "REGISTRY_REJECTED",
    "REGISTRY_NOT_OCI",
    "REGISTRY_UNAVAILABLE",
    "REGISTRY_BAD_RESPONSE",
    "REGISTRY_INSECURE_UPLOAD",
    "AUTH_FAILED",
    "AUTH_TOKEN_FAILED",
    "AUTH_BAD_REALM",
    "AUTH_PASSWORD_MISSING",
    "DOCKER_CONFIG_UNREADABLE",
    "DOCKER_CONFIG_INVALID",
    "DOCKER_CREDENTIAL_HELPER_FAILED",
    "CA_FILE_UNREADABLE"
  ],
  /** Image sources */
  sources: [
    "SOURCE_INVALID",
    "SOURCE_NOT_FOUND",
    "SOURCE_READ_FAILED",
    "SOURCE_LAYOUT_INVALID",
    "SOURCE_LAYOUT_VERSION",
    "SOURCE_BAD_JSON",
    "SOURCE_TOO_LARGE",
    "SOURCE_BAD_DIGEST",
    "SOURCE_MANIFEST_INVALID",
    "SOURCE_UNSUPPORTED_MEDIA_TYPE",
    "SOURCE_DIGEST_MISMATCH",
    "SOURCE_SIZE_MISMATCH",
    "SOURCE_BLOB_MISSING",
    "SOURCE_PLATFORMS_MISSING",
    "SOURCE_INDEX_LOOP",
    "SOURCE_INDEX_TOO_DEEP",
    "SOURCE_REF_NOT_FOUND",
    "SOURCE_REF_AMBIGUOUS",
    "SOURCE_TAR_INVALID",
    "SOURCE_TAR_UNSAFE",
    "SOURCE_LAYOUT_ESCAPE",
    "SOURCE_DECOMPRESSED_TOO_LARGE",
    "SOURCE_TAR_DUPLICATE",
    "SOURCE_DOCKER_MANIFEST_INVALID",
    "SOURCE_DOCKER_INCONSISTENT",
    "SOURCE_DOCKER_NOT_INSTALLED",
    "SOURCE_DOCKER_DAEMON_UNREACHABLE",
    "SOURCE_DOCKER_IMAGE_NOT_FOUND",
    "SOURCE_DOCKER_SAVE_FAILED",
    "SOURCE_BLOB_UNKNOWN"
  ],
  /** Referrers and SBOM */
  referrers: [
    "SBOM_UNREADABLE",
    "SBOM_TOO_LARGE",
    "SBOM_NOT_JSON",
    "SBOM_UNKNOWN_FORMAT",
    "SBOM_UNSUPPORTED_VERSION",
    "SBOM_INVALID",
    "ATTACH_IMAGE_NOT_FOUND",
    "ARTIFACT_INVALID",
    "REFERRERS_INDEX_INVALID",
    "REFERRERS_UPDATE_FAILED",
    "REFERRERS_BAD_RESPONSE"
  ],
  /** Signing and verification */
  signing: [
    "SIGN_KEY_UNREADABLE",
    "SIGN_TOKEN_FILE_UNREADABLE",
    "SIGN_KEY_INVALID",
    "SIGN_KEY_PASSWORD",
    "SIGN_KEY_UNSUPPORTED",
    "SIGN_BAD_FORMAT",
    "SIGN_NO_IDENTITY_TOKEN",
    "SIGN_BAD_IDENTITY_TOKEN",
    "SIGN_OIDC_FAILED",
    "SIGN_FULCIO_FAILED",
    "SIGN_REKOR_FAILED",
    "SIGN_TSA_FAILED",
    "SIGN_FAILED",
    "SIGN_IMAGE_NOT_FOUND",
    "SIGN_SBOM_NOT_JSON",
    "VERIFY_KEY_INVALID",
    "VERIFY_NO_IDENTITY",
    "VERIFY_BAD_REGEXP",
    "VERIFY_CONFLICTING_FLAGS",
    "VERIFY_TRUSTED_ROOT_INVALID",
    "VERIFY_TUF_FAILED"
  ],
  /** Harbor and scanning */
  /** Build provenance */
  provenance: [
    "PROVENANCE_NOT_IN_CI",
    "PROVENANCE_MISSING_CI_VALUE",
    "PROVENANCE_MISSING_CLAIM",
    "PROVENANCE_BAD_CI_VALUE",
    "PROVENANCE_BAD_TOKEN"
  ],
  harbor: [
    "HARBOR_BAD_REFERENCE",
    "HARBOR_BAD_URL",
    "HARBOR_UNREACHABLE",
    "HARBOR_NOT_HARBOR",
    "HARBOR_NOT_FOUND",
    "HARBOR_CLEARTEXT_CREDENTIALS",
    "HARBOR_BAD_RESPONSE",
    "HARBOR_UNAUTHORIZED",
    "HARBOR_FORBIDDEN",
    "HARBOR_PERMISSION_MISSING",
    "HARBOR_PROJECT_NOT_FOUND",
    "HARBOR_PROJECT_FORBIDDEN",
    "HARBOR_NO_SCANNER",
    "HARBOR_SCANNER_DISABLED",
    "HARBOR_SCANNER_UNHEALTHY",
    "HARBOR_SCANNER_NO_VULN",
    "HARBOR_ARTIFACT_NOT_FOUND",
    "HARBOR_NOT_SCANNABLE",
    "HARBOR_REPORT_EMPTY",
    "HARBOR_REPORT_NOT_FOUND",
    "HARBOR_SERVER_ERROR",
    "HARBOR_UNEXPECTED_STATUS",
    "HARBOR_SBOM_UNSUPPORTED",
    "SCAN_TIMEOUT",
    "SCAN_FAILED",
    "SCAN_STOPPED",
    "SCAN_INCOMPLETE",
    "SCAN_NOT_STARTED",
    "SCAN_CANCELLED",
    "SBOM_TIMEOUT",
    "SBOM_FAILED"
  ],
  /** Policy and reports */
  policy: ["POLICY_PARSE", "POLICY_INVALID", "ALLOWLIST_PARSE", "ALLOWLIST_INVALID"],
  /** VEX */
  vex: ["VEX_READ", "VEX_PARSE", "VEX_INVALID", "VEX_UNSUPPORTED", "VEX_TOO_LARGE"],
  /** Gate, Action and demo */
  gate: [
    "CONFIG_BAD_VALUE",
    "CONFIG_BAD_DURATION",
    "CONFIG_BAD_URL",
    "CONFIG_CLEARTEXT_URL",
    "CONFIG_CONFLICT",
    "CONFIG_BAD_TAG",
    "CONFIG_NO_TRUST",
    "CONFIG_FILE_UNREADABLE",
    "CONFIG_FILE_TOO_LARGE",
    "IMAGE_NOT_FOUND",
    "REPORT_WRITE_FAILED",
    "REPORT_SYMLINK",
    "REPORT_NOT_A_FILE"
  ],
  /** Internal codes */
  internal: ["BODY_TRUNCATED", "BLOB_UPLOAD_RETRY"]
};
var ERROR_SECTIONS = {
  general: "General",
  http: "HTTP",
  registry: "Registry and push",
  sources: "Image sources",
  referrers: "Referrers and SBOM",
  signing: "Signing and verification",
  provenance: "Build provenance",
  harbor: "Harbor and scanning",
  policy: "Policy and reports",
  vex: "VEX",
  gate: "Gate, Action and demo",
  internal: "Internal codes"
};

// src/core/deadline.ts
var DEFAULT_COMMAND_TIMEOUT_MS = { verify: 2 * 6e4 };
var DEADLINE_GRACE_MS = 5e3;
function deadlineError(code, message, remedy) {
  return new GateError({ code, message, remedy, kind: "infra", details: { deadline: true } });
}
function isDeadlineError(e) {
  return e instanceof GateError && e.details.deadline === true;
}
function withRunning(e, running) {
  return new GateError({
    code: e.code,
    message: `${e.message}; still running: ${running}`,
    remedy: e.remedy,
    kind: e.kind,
    details: { ...e.details, running }
  });
}
function startDeadline(ms, expire) {
  const ac = new AbortController();
  const timer = setTimeout(() => {
    ac.abort(expire());
  }, ms);
  timer.unref();
  return {
    signal: ac.signal,
    cancel: () => {
      clearTimeout(timer);
    }
  };
}
function commandTimeoutError(command, ms) {
  return deadlineError(
    "COMMAND_TIMEOUT",
    `${command} did not finish within ${formatDuration(ms)} (its --timeout)`,
    "A registry, Harbor or Sigstore service answered too slowly or stalled (see what was still running). Check that service; give a longer --timeout if the work is legitimately slow."
  );
}
async function runWithDeadline(ms, command, f, graceMs = DEADLINE_GRACE_MS) {
  if (ms === void 0) return f(void 0);
  const d = startDeadline(ms, () => commandTimeoutError(command, ms));
  let graceTimer;
  const late = new Promise((_resolve, reject) => {
    d.signal.addEventListener(
      "abort",
      () => {
        graceTimer = setTimeout(() => {
          reject(d.signal.reason);
        }, graceMs);
        graceTimer.unref();
      },
      { once: true }
    );
  });
  try {
    return await Promise.race([f(d.signal), late]);
  } finally {
    d.cancel();
    if (graceTimer) clearTimeout(graceTimer);
  }
}

// src/core/cancel.ts
var STOP_SIGNALS = ["SIGINT", "SIGTERM"];
var SIGNAL_EXIT_CODE = { SIGINT: 130, SIGTERM: 143 };
function cancelledError(signal) {
  return new GateError({
    code: "CANCELLED",
    kind: "cancelled",
    message: `cancelled (${signal})`,
    remedy: signal === "SIGTERM" ? "The run was stopped (a cancelled or timed-out CI job sends SIGTERM); run it again. What it left in the registry is said above." : "The run was interrupted (Ctrl-C); run it again. What it left in the registry is said above.",
    details: { signal }
  });
}
function isCancelled(e) {
  return e instanceof GateError && e.kind === "cancelled";
}
function listenForCancel(source, exitNow) {
  const ac = new AbortController();
  let received;
  const listeners = STOP_SIGNALS.map((sig) => {
    const listener = () => {
      if (received === void 0) {
        received = sig;
        ac.abort(cancelledError(sig));
      } else {
        exitNow(SIGNAL_EXIT_CODE[sig], sig);
      }
    };
    source.on(sig, listener);
    return { sig, listener };
  });
  return {
    signal: ac.signal,
    get received() {
      return received;
    },
    dispose() {
      for (const { sig, listener } of listeners) source.off(sig, listener);
    }
  };
}

// src/core/ci.ts
function detectCi(env) {
  if (env.GITHUB_ACTIONS === "true") return "github";
  if (env.GITLAB_CI === "true") return "gitlab";
  return void 0;
}

export {
  SEVERITIES,
  emptyCounts,
  countFindings,
  GateError,
  inputError,
  infraError,
  isGateError,
  describe,
  toGateError,
  parseDuration,
  formatDuration,
  VERSION,
  TOOL_NAME,
  TOOL_URI,
  DEFAULT_SCAN_TIMEOUT_MS,
  DEFAULT_TEXT_MAX,
  cleanText,
  isCleanText,
  cleanLines,
  DEFAULT_DESCRIPTION_MAX,
  cleanProse,
  systemClock,
  STEP_NAMES,
  DIGEST_PATTERN,
  SHA256_DIGEST_PATTERN,
  VERIFIABLE_DIGEST_PATTERN,
  TAG_PATTERN,
  isValidDigest,
  shortDigest,
  suggest,
  colorEnabled,
  writeFileNoFollow,
  FLAG_GROUPS,
  FLAGS,
  COMMON_FLAGS,
  SIGNING_FLAGS,
  TRUST_FLAGS,
  GATE_FLAGS,
  parseBoolean,
  SECRET_ENV_NAMES,
  envName,
  isLoopbackAddress,
  isLoopbackName,
  isLoopbackHost,
  ERROR_CODES,
  ERROR_SECTIONS,
  DEFAULT_COMMAND_TIMEOUT_MS,
  DEADLINE_GRACE_MS,
  deadlineError,
  isDeadlineError,
  withRunning,
  startDeadline,
  commandTimeoutError,
  runWithDeadline,
  STOP_SIGNALS,
  SIGNAL_EXIT_CODE,
  cancelledError,
  isCancelled,
  listenForCancel,
  detectCi
};
