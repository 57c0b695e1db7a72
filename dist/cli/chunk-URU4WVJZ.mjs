import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  harborBaseUrl
} from "./chunk-HDSIMEN3.mjs";
import {
  DEFAULT_POLICY,
  FAIL_ON_VALUES,
  mergePolicy,
  parseAllowlistFile,
  parsePolicyFile
} from "./chunk-UH3AUMJ6.mjs";
import {
  parseReference
} from "./chunk-7DIQSUN7.mjs";
import {
  DEFAULT_COMMAND_TIMEOUT_MS,
  DEFAULT_SCAN_TIMEOUT_MS,
  GateError,
  TAG_PATTERN,
  detectCi,
  inputError,
  isLoopbackHost,
  parseDuration,
  suggest
} from "./chunk-6AKVQXYQ.mjs";

// src/config/options.ts
import path4 from "node:path";

// src/config/raw.ts
import fs from "node:fs/promises";
import path from "node:path";
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
function oneOf(value, allowed, name, code = "CONFIG_BAD_VALUE") {
  if (value === void 0) return void 0;
  const v = value.toLowerCase();
  if (allowed.includes(v)) return v;
  const hint = suggest(v, allowed);
  throw inputError(
    code,
    `--${name} '${value}' is not one of the allowed values`,
    `${hint ? `Did you mean ${hint}? ` : ""}Use one of: ${allowed.join(", ")}.`
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

// src/config/vex.ts
import path2 from "node:path";
function vexFlagValues(value) {
  const list = Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
  return list.flatMap((v) => v.split(/\r?\n/)).map((v) => v.trim()).filter(Boolean);
}
function displayName(abs, cwd) {
  const rel = path2.relative(cwd, abs);
  return (rel === "" || path2.isAbsolute(rel) ? abs : rel).split(path2.sep).join("/");
}
function resolveVexPaths(fromFile, fromFlags, policyFile, cwd) {
  const policyDir = policyFile ? path2.dirname(path2.resolve(cwd, policyFile)) : cwd;
  return {
    file: (fromFile ?? []).map((p) => displayName(path2.resolve(policyDir, p), cwd)),
    flags: fromFlags.map((p) => displayName(path2.resolve(cwd, p), cwd))
  };
}
function vexFiles(names, cwd) {
  return (names ?? []).map((name) => ({ file: path2.resolve(cwd, name), name }));
}
function resolveGatePass(raw) {
  const requireGatePass = flag(raw, "require-gate-pass") ?? false;
  const maxAge = str(raw, "max-age");
  if (maxAge !== void 0 && !requireGatePass) {
    throw inputError(
      "CONFIG_CONFLICT",
      "--max-age limits the age of the gate verdict, but --require-gate-pass was not given",
      "Add --require-gate-pass, or drop --max-age."
    );
  }
  return {
    requireGatePass,
    ...maxAge !== void 0 ? { maxAgeMs: parseDuration(maxAge, "--max-age") } : {}
  };
}

// src/config/provenance.ts
function resolveProvenance(on, env) {
  if (!on) return void 0;
  const ci = detectCi(env);
  if (ci === void 0) {
    throw inputError(
      "PROVENANCE_NOT_IN_CI",
      '--provenance needs GitHub Actions or GitLab CI (neither GITHUB_ACTIONS nor GITLAB_CI is "true"): build provenance made on a workstation proves nothing',
      "Attach provenance from the CI job that builds the image (docs/provenance.md); drop --provenance for local runs."
    );
  }
  return { ci };
}
function resolveRequireProvenance(raw) {
  const required = flag(raw, "require-provenance") ?? false;
  const builderId = str(raw, "builder-id");
  const sourceRepo = str(raw, "source-repo");
  const sourceRef = str(raw, "source-ref");
  if (!required) {
    const given = [
      ["builder-id", builderId],
      ["source-repo", sourceRepo],
      ["source-ref", sourceRef]
    ].find(([, v]) => v !== void 0);
    if (given) {
      throw inputError(
        "CONFIG_CONFLICT",
        `--${given[0]} says what the provenance must name, but --require-provenance was not given`,
        "Add --require-provenance, or drop the provenance values."
      );
    }
    return void 0;
  }
  for (const [name, v] of [
    ["builder-id", builderId],
    ["source-repo", sourceRepo]
  ]) {
    if (v === void 0) {
      throw inputError(
        "CLI_MISSING_FLAG",
        `--require-provenance needs --${name}: the provenance is checked against exact values`,
        name === "builder-id" ? "Give --builder-id, e.g. https://github.com/OWNER/REPO/.github/workflows/release.yml@refs/heads/main (GitHub) or https://gitlab.example.com/group/project/-/runners/ID (GitLab)." : "Give --source-repo, the repository\u2019s web URL, e.g. https://github.com/OWNER/REPO (on GitLab CI_PROJECT_URL)."
      );
    }
  }
  return {
    builderId,
    sourceRepo,
    ...sourceRef !== void 0 ? { sourceRef } : {}
  };
}

// src/config/signing.ts
import path3 from "node:path";
var SIGNATURE_FORMATS = ["bundle", "legacy", "both"];
async function resolveSign(raw, ctx, step) {
  const format = oneOf(
    str(raw, "signature-format"),
    SIGNATURE_FORMATS,
    "signature-format",
    "SIGN_BAD_FORMAT"
  ) ?? "bundle";
  const signOn = step ?? !flag(raw, "no-sign");
  const token = signOn ? await identityToken(raw, ctx) : void 0;
  const keyFile = str(raw, "signing-key");
  return !signOn ? void 0 : {
    keyFile: keyFile !== void 0 ? path3.resolve(ctx.cwd, keyFile) : void 0,
    keyPassword: ctx.env.HARBOR_GATE_KEY_PASSWORD ?? ctx.env.COSIGN_PASSWORD,
    keyPasswordVariable: ctx.env.HARBOR_GATE_KEY_PASSWORD !== void 0 ? "HARBOR_GATE_KEY_PASSWORD" : ctx.env.COSIGN_PASSWORD !== void 0 ? "COSIGN_PASSWORD" : void 0,
    format,
    identityToken: token,
    fulcioUrl: notCleartext(checkUrl(str(raw, "fulcio-url"), "fulcio-url"), "fulcio-url", raw),
    rekorUrl: notCleartext(checkUrl(str(raw, "rekor-url"), "rekor-url"), "rekor-url", raw),
    tsaUrl: notCleartext(checkUrl(str(raw, "tsa-url"), "tsa-url"), "tsa-url", raw),
    tlogUpload: flag(raw, "tlog-upload") ?? false,
    recursive: flag(raw, "recursive") ?? false,
    force: flag(raw, "force-sign") ?? false
  };
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
async function identityToken(raw, ctx) {
  const given = str(raw, "identity-token");
  const file = str(raw, "identity-token-file");
  if (given !== void 0 && file !== void 0) {
    throw inputError(
      "CONFIG_CONFLICT",
      "--identity-token and --identity-token-file were both given",
      "Give one of them; --identity-token-file (or SIGSTORE_ID_TOKEN) keeps the token out of process lists."
    );
  }
  if (file === void 0) return given;
  let text;
  try {
    text = await readConfigFile(file, "identity-token-file", ctx);
  } catch (e) {
    throw inputError(
      "SIGN_TOKEN_FILE_UNREADABLE",
      `cannot read --identity-token-file ${file}`,
      "Give the path of a file that holds the OIDC token (for example the file your CI writes it to).",
      e
    );
  }
  const token = text.trim();
  if (token === "" || /\s/.test(token)) {
    throw inputError(
      "SIGN_TOKEN_FILE_UNREADABLE",
      `--identity-token-file ${file} does not hold one token`,
      "The file must hold the OIDC token (a JWT) and nothing else."
    );
  }
  return token;
}
function resolveTrust(raw, ctx) {
  const keyFile = str(raw, "key");
  const identity = str(raw, "certificate-identity");
  const identityRegexp = str(raw, "certificate-identity-regexp");
  const issuer = str(raw, "certificate-oidc-issuer");
  const trustedRoot = str(raw, "trusted-root");
  if (keyFile !== void 0 && (identity ?? identityRegexp ?? issuer) !== void 0) {
    throw inputError(
      "VERIFY_CONFLICTING_FLAGS",
      "--key cannot be combined with --certificate-identity(-regexp) / --certificate-oidc-issuer",
      "Trust either key-based signatures (--key) or keyless ones (identity and issuer)."
    );
  }
  if (identity !== void 0 && identityRegexp !== void 0) {
    throw inputError(
      "VERIFY_CONFLICTING_FLAGS",
      "--certificate-identity and --certificate-identity-regexp are mutually exclusive",
      "Give one of them."
    );
  }
  if ((identity ?? identityRegexp) !== void 0 && issuer === void 0) {
    throw inputError(
      "VERIFY_NO_IDENTITY",
      "keyless trust needs the expected OIDC issuer",
      "Give --certificate-oidc-issuer, e.g. https://token.actions.githubusercontent.com."
    );
  }
  if (issuer !== void 0 && (identity ?? identityRegexp) === void 0) {
    throw inputError(
      "VERIFY_NO_IDENTITY",
      "keyless trust needs the expected signer identity",
      "Give --certificate-identity (or --certificate-identity-regexp) with --certificate-oidc-issuer."
    );
  }
  if (identityRegexp !== void 0) {
    try {
      new RegExp(identityRegexp);
    } catch (e) {
      throw inputError(
        "VERIFY_BAD_REGEXP",
        `--certificate-identity-regexp is not a valid regular expression: ${e.message}`,
        "Give a JavaScript regular expression; it is anchored at both ends.",
        e
      );
    }
  }
  if ((keyFile ?? identity ?? identityRegexp ?? issuer ?? trustedRoot) === void 0) return void 0;
  return {
    ...keyFile !== void 0 ? { keyFile: path3.resolve(ctx.cwd, keyFile) } : {},
    ...identity !== void 0 ? { identity } : {},
    ...identityRegexp !== void 0 ? { identityRegexp } : {},
    ...issuer !== void 0 ? { issuer } : {},
    ...trustedRoot !== void 0 ? { trustedRoot: path3.resolve(ctx.cwd, trustedRoot) } : {}
  };
}
function notCleartext(url, name, raw) {
  if (url === void 0 || new URL(url).protocol !== "http:" || flag(raw, "plain-http") === true) return url;
  const host = new URL(url).hostname;
  if (isLoopbackHost(host)) return url;
  throw inputError(
    "CONFIG_CLEARTEXT_URL",
    `--${name} ${url} is plain HTTP to ${host}: the identity token and the signature would cross the network in clear`,
    "Use https://, or give --plain-http if you accept that risk on a trusted network."
  );
}

// src/config/options.ts
function resolveTimeout(raw, command) {
  const text = str(raw, "timeout");
  return text ? parseDuration(text, "--timeout") : DEFAULT_COMMAND_TIMEOUT_MS[command];
}
var REPORT_FLAGS = [
  ["sarif", "sarif"],
  ["gitlab-report", "gitlab"],
  ["junit", "junit"],
  ["html", "html"],
  ["json-report", "json"],
  ["summary", "summary"]
];
function resolveReportPaths(raw, ctx) {
  const reports = {};
  for (const [name, format] of REPORT_FLAGS) {
    const p = str(raw, name);
    if (p) reports[format] = path4.resolve(ctx.cwd, p);
  }
  if (ctx.env.GITLAB_CI === "true" && !reports.gitlab) {
    reports.gitlab = path4.resolve(ctx.cwd, "gl-container-scanning-report.json");
  }
  return reports;
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
  const vex = resolveVexPaths(base.vex, vexFlagValues(raw.vex), policyFile, ctx.cwd);
  if (vex.file.length > 0) base.vex = vex.file;
  if (vex.flags.length > 0) overrides.vex = vex.flags;
  const allowlistFile = str(raw, "allowlist");
  if (allowlistFile) {
    overrides.allowlist = parseAllowlistFile(
      await readConfigFile(allowlistFile, "allowlist", ctx),
      allowlistFile
    );
  }
  return mergePolicy(base, overrides);
}
function optional(key, value) {
  return value === void 0 ? {} : { [key]: value };
}
function resolveTags(value, ref) {
  const entries = (Array.isArray(value) ? value : typeof value === "string" ? [value] : []).flatMap((v) => v.split(/[\n,]/)).map((t) => t.trim()).filter(Boolean);
  const repo = `${ref.registry}/${ref.repository}`.toLowerCase();
  const tags = [];
  for (const entry of entries) {
    let tag;
    if (TAG_PATTERN.test(entry)) tag = entry;
    else if (entry.includes("/")) {
      let other;
      try {
        other = parseReference(entry);
      } catch {
        other = void 0;
      }
      if (other && `${other.registry}/${other.repository}`.toLowerCase() !== repo) {
        throw inputError(
          "CONFIG_BAD_TAG",
          `tag ${entry} names another repository (${other.registry}/${other.repository}), not ${repo}`,
          `Give tags of ${repo} only: a bare tag such as 1.2.3, or ${repo}:1.2.3.`
        );
      }
      if (other && !other.digest && other.tag) tag = other.tag;
    }
    if (tag === void 0) {
      throw inputError(
        "CONFIG_BAD_TAG",
        `'${entry}' is not a tag`,
        "A tag is up to 128 letters, digits, _, . and - (not starting with . or -), or a full reference host/repo:tag of the same repository."
      );
    }
    if (!tags.includes(tag)) tags.push(tag);
  }
  return tags;
}
function hostOf(url) {
  return new URL(url).host.toLowerCase();
}
async function resolveGateOptions(raw, ctx, steps = {}) {
  const provenance = resolveProvenance(
    (flag(raw, "provenance") ?? false) || steps.provenance === true,
    ctx.env
  );
  const image = str(raw, "image");
  if (!image) {
    throw inputError(
      "CLI_MISSING_FLAG",
      "--image is required",
      "Give --image host/project/repo:tag (or HARBOR_GATE_IMAGE)."
    );
  }
  const ref = parseReference(image);
  const tags = resolveTags(raw.tag, ref);
  const reports = resolveReportPaths(raw, ctx);
  const sign = await resolveSign(raw, ctx, steps.sign);
  const scanTimeout = str(raw, "scan-timeout");
  const plainHttp = flag(raw, "plain-http") ?? false;
  const harborUrlText = str(raw, "harbor-url");
  const harborUrl = harborUrlText ? harborBaseUrl(harborUrlText, { plainHttp }) : void 0;
  const scanOn = steps.scan ?? !flag(raw, "no-scan");
  const scan = !scanOn ? void 0 : {
    harborUrl,
    timeoutMs: scanTimeout ? parseDuration(scanTimeout, "--scan-timeout") : DEFAULT_SCAN_TIMEOUT_MS
  };
  const policy = await resolvePolicy(raw, ctx);
  const attestScan = flag(raw, "attest-scan") ?? false;
  const attest = flag(raw, "attest") ?? false;
  const sbomFile = str(raw, "sbom");
  const generateSbom = flag(raw, "generate-sbom") ?? false;
  const conflicts = [
    [
      attestScan && !sign,
      "--attest-scan needs signing, but --no-sign was given",
      "Drop --no-sign, or drop --attest-scan."
    ],
    [
      attestScan && !scan,
      "--attest-scan needs the scan, but --no-scan was given",
      "Drop --no-scan, or drop --attest-scan."
    ],
    [
      attest && !sign,
      "--attest signs the SBOM, but --no-sign was given",
      "Drop --no-sign, or drop --attest."
    ],
    [
      attest && !sbomFile,
      "--attest signs the SBOM file, but no --sbom was given",
      "Give --sbom FILE, or drop --attest."
    ],
    [
      provenance !== void 0 && !sign,
      "--provenance is signed like the signature, but --no-sign was given",
      "Drop --no-sign, or drop --provenance."
    ],
    [
      generateSbom && !scan,
      "--generate-sbom asks Harbor, but --no-scan was given",
      "Drop --no-scan, or give --sbom FILE."
    ]
  ];
  for (const [when, message, remedy] of conflicts) {
    if (when) throw inputError("CONFIG_CONFLICT", message, remedy);
  }
  const credentialHosts = [ref.registry.toLowerCase()];
  if (harborUrl && !credentialHosts.includes(hostOf(harborUrl))) credentialHosts.push(hostOf(harborUrl));
  const trust = resolveTrust(raw, ctx);
  if (policy.requireSignature && !trust && !sign) {
    throw inputError(
      "CONFIG_NO_TRUST",
      "--require-signature needs to know whose signature counts, but the gate does not sign (--no-sign) and no trust was given",
      "Give --key cosign.pub, or --certificate-identity(-regexp) with --certificate-oidc-issuer; or let the gate sign."
    );
  }
  const gatePass = resolveGatePass(raw);
  const policyFile = str(raw, "policy");
  const gatePolicy = gatePass.requireGatePass && policyFile !== void 0 ? { policy: await resolvePolicy({ policy: policyFile }, ctx), file: policyFile } : void 0;
  const vexFromImage = flag(raw, "vex-from-image") ?? false;
  if (vexFromImage && !trust && !sign) {
    throw inputError(
      "CONFIG_NO_TRUST",
      "--vex-from-image needs to know whose VEX attestations count, but the gate does not sign (--no-sign) and no trust was given",
      "Give --key cosign.pub, or --certificate-identity(-regexp) with --certificate-oidc-issuer; or let the gate sign."
    );
  }
  return {
    image,
    credentialHosts,
    source: str(raw, "source"),
    tags,
    mountFrom: str(raw, "mount-from"),
    username: str(raw, "username"),
    password: ctx.password,
    plainHttp,
    caFile: str(raw, "ca-file") ? path4.resolve(ctx.cwd, str(raw, "ca-file") ?? "") : void 0,
    sbomFile: sbomFile ? path4.resolve(ctx.cwd, sbomFile) : void 0,
    generateSbom: generateSbom && !sbomFile,
    attest,
    sign,
    scan,
    attestScan,
    ...trust ? { trust } : {},
    policy,
    reportOnly: flag(raw, "report-only") ?? false,
    reports,
    vexFiles: vexFiles(policy.vex, ctx.cwd),
    vexFromImage,
    ...gatePass,
    ...gatePolicy ? { gatePolicy } : {},
    ...timeoutOption(resolveTimeout(raw, steps.command ?? "gate")),
    ...provenance ? { provenance } : {},
    ...optional("requireProvenance", resolveRequireProvenance(raw))
  };
}
function timeoutOption(ms) {
  return ms === void 0 ? {} : { timeoutMs: ms };
}

export {
  SIGNATURE_FORMATS,
  resolveTimeout,
  resolveReportPaths,
  resolvePolicy,
  resolveTags,
  resolveGateOptions
};
