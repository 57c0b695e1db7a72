import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  DEFAULT_POLICY,
  FAIL_ON_VALUES,
  mergePolicy,
  parseAllowlistFile,
  parsePolicyFile
} from "./chunk-3FGXBC4L.mjs";
import {
  parseDuration
} from "./chunk-Y5KQGTIJ.mjs";
import {
  DEFAULT_SCAN_TIMEOUT_MS
} from "./chunk-FFP633FU.mjs";
import {
  GateError,
  inputError
} from "./chunk-66ENAOTL.mjs";

// src/config/gate-options.ts
import fs from "node:fs/promises";
import path from "node:path";
var SIGNATURE_FORMATS = ["bundle", "legacy", "both"];
var REPORT_FLAGS = [
  ["sarif", "sarif"],
  ["gitlab-report", "gitlab"],
  ["junit", "junit"],
  ["html", "html"],
  ["json-report", "json"],
  ["summary", "summary"]
];
function str(raw, key) {
  const v = raw[key];
  if (typeof v !== "string") return void 0;
  const t = v.trim();
  return t === "" ? void 0 : t;
}
function flag(raw, key) {
  const v = raw[key];
  return typeof v === "boolean" ? v : void 0;
}
function oneOf(value, allowed, name) {
  if (value === void 0) return void 0;
  const v = value.toLowerCase();
  if (allowed.includes(v)) return v;
  throw inputError(
    "CONFIG_BAD_VALUE",
    `--${name} '${value}' is not one of the allowed values`,
    `Use one of: ${allowed.join(", ")}.`
  );
}
async function readConfigFile(file, what, ctx) {
  const full = path.resolve(ctx.cwd, file);
  try {
    if (ctx.readFile) return await ctx.readFile(full);
    const st = await fs.stat(full);
    if (st.size > 16 * 1024 * 1024) {
      throw inputError(
        "CONFIG_FILE_TOO_LARGE",
        `${what} ${file} is ${st.size} bytes`,
        "A policy or allowlist file must be under 16 MiB."
      );
    }
    return await fs.readFile(full, "utf8");
  } catch (e) {
    if (e instanceof GateError) throw e;
    throw inputError(
      "CONFIG_FILE_UNREADABLE",
      `cannot read ${what} ${file}: ${e.message}`,
      `Check the path of --${what}.`,
      e
    );
  }
}
function parseCvss(text) {
  if (text === void 0) return void 0;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0 || n > 10) {
    throw inputError(
      "CONFIG_BAD_VALUE",
      `--cvss-threshold '${text}' is not a score from 0 to 10`,
      "Give a number such as 7.0 or 9.0."
    );
  }
  return n;
}
async function resolvePolicy(raw, ctx) {
  const policyFile = str(raw, "policy");
  const base = policyFile ? parsePolicyFile(await readConfigFile(policyFile, "policy", ctx), policyFile) : { ...DEFAULT_POLICY, maxCounts: {}, allowlist: [] };
  const overrides = {};
  const failOn = oneOf(str(raw, "fail-on"), FAIL_ON_VALUES, "fail-on");
  if (failOn) overrides.failOn = failOn;
  const onScanError = oneOf(str(raw, "on-scan-error"), ["fail", "warn"], "on-scan-error");
  if (onScanError) overrides.onScanError = onScanError;
  const cvss = parseCvss(str(raw, "cvss-threshold"));
  if (cvss !== void 0) overrides.cvssThreshold = cvss;
  overrides.ignoreUnfixed = flag(raw, "ignore-unfixed");
  overrides.useHarborAllowlist = flag(raw, "use-harbor-allowlist");
  overrides.requireSbom = flag(raw, "require-sbom");
  overrides.requireSignature = flag(raw, "require-signature");
  const allowlistFile = str(raw, "allowlist");
  if (allowlistFile) {
    overrides.allowlist = parseAllowlistFile(
      await readConfigFile(allowlistFile, "allowlist", ctx),
      allowlistFile
    );
  }
  return mergePolicy(base, overrides);
}
function checkUrl(value, name) {
  if (value === void 0) return void 0;
  let u;
  try {
    u = new URL(value);
  } catch (e) {
    throw inputError(
      "CONFIG_BAD_URL",
      `--${name} '${value}' is not a URL`,
      `Give a full URL such as https://harbor.example.com.`,
      e
    );
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") {
    throw inputError(
      "CONFIG_BAD_URL",
      `--${name} must be an http(s) URL, not ${u.protocol}`,
      "Use https://..."
    );
  }
  return value.replace(/\/+$/, "");
}
async function resolveGateOptions(raw, ctx) {
  const image = str(raw, "image");
  if (!image) {
    throw inputError(
      "CLI_MISSING_FLAG",
      "--image is required",
      "Give --image host/project/repo:tag (or HARBOR_GATE_IMAGE)."
    );
  }
  const tagValue = raw.tag;
  const tags = (Array.isArray(tagValue) ? tagValue : typeof tagValue === "string" ? tagValue.split(/[\n,]/) : []).map((t) => t.trim()).filter(Boolean);
  const reports = {};
  for (const [name, format2] of REPORT_FLAGS) {
    const p = str(raw, name);
    if (p) reports[format2] = path.resolve(ctx.cwd, p);
  }
  if (ctx.env.GITLAB_CI === "true" && !reports.gitlab) {
    reports.gitlab = path.resolve(ctx.cwd, "gl-container-scanning-report.json");
  }
  const format = oneOf(str(raw, "signature-format"), SIGNATURE_FORMATS, "signature-format") ?? "bundle";
  const sign = flag(raw, "no-sign") ? void 0 : {
    keyFile: str(raw, "signing-key"),
    keyPassword: ctx.env.HARBOR_GATE_KEY_PASSWORD ?? ctx.env.COSIGN_PASSWORD,
    format,
    identityToken: str(raw, "identity-token"),
    fulcioUrl: checkUrl(str(raw, "fulcio-url"), "fulcio-url"),
    rekorUrl: checkUrl(str(raw, "rekor-url"), "rekor-url"),
    tsaUrl: checkUrl(str(raw, "tsa-url"), "tsa-url"),
    tlogUpload: flag(raw, "tlog-upload") ?? false,
    recursive: flag(raw, "recursive") ?? false
  };
  const scanTimeout = str(raw, "scan-timeout");
  const scan = flag(raw, "no-scan") ? void 0 : {
    harborUrl: checkUrl(str(raw, "harbor-url"), "harbor-url"),
    timeoutMs: scanTimeout ? parseDuration(scanTimeout, "--scan-timeout") : DEFAULT_SCAN_TIMEOUT_MS
  };
  const policy = await resolvePolicy(raw, ctx);
  const attestScan = flag(raw, "attest-scan") ?? false;
  if (attestScan && !sign) {
    throw inputError(
      "CONFIG_CONFLICT",
      "--attest-scan needs signing, but --no-sign was given",
      "Drop --no-sign, or drop --attest-scan."
    );
  }
  if (attestScan && !scan) {
    throw inputError(
      "CONFIG_CONFLICT",
      "--attest-scan needs the scan, but --no-scan was given",
      "Drop --no-scan, or drop --attest-scan."
    );
  }
  const attest = flag(raw, "attest") ?? false;
  if (attest && !sign) {
    throw inputError(
      "CONFIG_CONFLICT",
      "--attest signs the SBOM, but --no-sign was given",
      "Drop --no-sign, or drop --attest."
    );
  }
  const sbomFile = str(raw, "sbom");
  if (attest && !sbomFile) {
    throw inputError(
      "CONFIG_CONFLICT",
      "--attest signs the SBOM file, but no --sbom was given",
      "Give --sbom FILE, or drop --attest."
    );
  }
  const generateSbom = flag(raw, "generate-sbom") ?? false;
  if (generateSbom && !scan) {
    throw inputError(
      "CONFIG_CONFLICT",
      "--generate-sbom asks Harbor, but --no-scan was given",
      "Drop --no-scan, or give --sbom FILE."
    );
  }
  return {
    image,
    source: str(raw, "source"),
    tags,
    mountFrom: str(raw, "mount-from"),
    username: str(raw, "username"),
    password: ctx.password,
    plainHttp: flag(raw, "plain-http") ?? false,
    caFile: str(raw, "ca-file") ? path.resolve(ctx.cwd, str(raw, "ca-file") ?? "") : void 0,
    sbomFile: sbomFile ? path.resolve(ctx.cwd, sbomFile) : void 0,
    generateSbom: generateSbom && !sbomFile,
    attest,
    sign,
    scan,
    attestScan,
    policy,
    reports
  };
}

export {
  SIGNATURE_FORMATS,
  resolvePolicy,
  resolveGateOptions
};
