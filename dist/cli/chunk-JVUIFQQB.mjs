import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);

// src/core/findings.ts
var SEVERITIES = ["critical", "high", "medium", "low", "unknown"];
function emptyCounts() {
  return { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 };
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
  "scan",
  "policy",
  "attestScan",
  "reports"
];

// src/core/digest.ts
var DIGEST = /^([a-z0-9]+(?:[+._-][a-z0-9]+)*):([a-zA-Z0-9=_-]+)$/;
function shortDigest(digest) {
  const m = DIGEST.exec(digest);
  if (!m) return digest;
  return m[2].length > 12 ? `${m[1]}:${m[2].slice(0, 12)}\u2026` : digest;
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
    description: "bundle (default), legacy, both"
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
  "recursive"
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
  "sarif",
  "gitlab-report",
  "junit",
  "html",
  "json-report",
  "summary",
  "no-sign",
  "no-scan"
];
function envName(flag) {
  return "HARBOR_GATE_" + flag.toUpperCase().replace(/-/g, "_");
}

// src/core/host.ts
function isLoopbackHost(hostname) {
  const h = hostname.replace(/^\[|\]$/g, "").toLowerCase().replace(/\.$/, "");
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h) || h.endsWith(".localhost");
}

export {
  SEVERITIES,
  emptyCounts,
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
  envName,
  isLoopbackHost
};
