import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  createProgress,
  createRegistryClient,
  openSource,
  parseSource,
  pushImage
} from "./chunk-YXSJGPJQ.mjs";
import "./chunk-GCFQCXGQ.mjs";
import {
  parseReference,
  parseRepositoryName
} from "./chunk-OXVCLDEF.mjs";
import {
  HttpClient,
  Redactor,
  redactingLogger,
  streamLogger
} from "./chunk-4EFK4II4.mjs";
import {
  SEVERITIES,
  parseDuration
} from "./chunk-Y5KQGTIJ.mjs";
import {
  DEFAULT_SCAN_TIMEOUT_MS,
  VERSION
} from "./chunk-FFP633FU.mjs";
import {
  GateError,
  describe,
  inputError,
  toGateError
} from "./chunk-66ENAOTL.mjs";
import "./chunk-H6LM4NHK.mjs";

// src/cli/main.ts
import { parseArgs } from "node:util";

// src/cli/command.ts
function str(ctx, name) {
  const v = ctx.flags[name];
  return typeof v === "string" ? v : void 0;
}
function bool(ctx, name) {
  return ctx.flags[name] === true;
}
function multi(ctx, name) {
  const v = ctx.flags[name];
  if (Array.isArray(v)) return v;
  return typeof v === "string" ? [v] : [];
}
function requireStr(ctx, name) {
  const v = str(ctx, name);
  if (v === void 0 || v === "") {
    throw inputError(
      "CLI_MISSING_FLAG",
      `--${name} is required`,
      `Give --${name} (or set HARBOR_GATE_${name.toUpperCase().replace(/-/g, "_")}).`
    );
  }
  return v;
}
async function password(ctx) {
  let pw;
  if (bool(ctx, "password-stdin")) {
    pw = (await ctx.readStdin()).replace(/\r?\n$/, "");
    if (pw === "") {
      throw inputError(
        "CLI_EMPTY_PASSWORD",
        "--password-stdin was given but standard input was empty",
        'Pipe the password in: echo "$PASSWORD" | harbor-gate ... --password-stdin'
      );
    }
  } else {
    pw = ctx.env.HARBOR_GATE_PASSWORD;
  }
  if (pw) ctx.redactor.add(pw);
  return pw || void 0;
}

// src/cli/registry.ts
async function registryClientFromFlags(ctx, host) {
  const username = str(ctx, "username");
  const pw = await password(ctx);
  const caFile = str(ctx, "ca-file");
  return createRegistryClient({
    env: ctx.env,
    logger: ctx.logger,
    redactor: ctx.redactor,
    host,
    plainHttp: bool(ctx, "plain-http"),
    ...username !== void 0 ? { username } : {},
    ...pw !== void 0 ? { password: pw } : {},
    ...caFile !== void 0 ? { caFile } : {}
  });
}

// src/cli/commands/push.ts
var defaultOpener = (spec, opts) => openSource(parseSource(spec), opts);
function pushJson(r) {
  return {
    image: r.image,
    digest: r.digest,
    tags: r.tags,
    bytesUploaded: r.bytesUploaded,
    blobsSkipped: r.blobsSkipped,
    blobsMounted: r.blobsMounted,
    blobsUploaded: r.blobsUploaded,
    mediaType: r.mediaType,
    seconds: Math.round(r.seconds * 1e3) / 1e3
  };
}
function createPushCommand(opener = defaultOpener) {
  return {
    name: "push",
    summary: "push an image from a local source to a registry",
    flags: ["source", "tag", "mount-from"],
    examples: [
      "harbor-gate push --source oci:./img --image registry.example.com/proj/app:1.2.3",
      "harbor-gate push --source docker-daemon:app:dev --image harbor.example.com/proj/app:1.2.3 --tag latest --json",
      'echo "$TOKEN" | harbor-gate push --source oci-archive:img.tar --image harbor.example.com/proj/app:1 --username "robot$proj+ci" --password-stdin'
    ],
    async run(ctx) {
      const sourceSpec = requireStr(ctx, "source");
      const target = parseReference(requireStr(ctx, "image"));
      const mountFrom = str(ctx, "mount-from");
      if (mountFrom !== void 0) parseRepositoryName(mountFrom);
      const client = await registryClientFromFlags(ctx, target.registry);
      try {
        const source = await opener(sourceSpec, { logger: ctx.logger, cwd: ctx.cwd, env: ctx.env });
        try {
          const progress = createProgress({
            tty: ctx.isTTY && !bool(ctx, "debug"),
            logger: ctx.logger,
            write: ctx.stderr
          });
          const result = await pushImage(source, target, {
            client,
            tags: multi(ctx, "tag"),
            ...mountFrom !== void 0 ? { mountFrom } : {},
            logger: ctx.logger,
            progress
          });
          return { exitCode: 0, json: pushJson(result), text: result.digest };
        } finally {
          await source.close();
        }
      } finally {
        client.close();
      }
    }
  };
}
var pushCommand = createPushCommand();

// src/cli/commands/demo.ts
import path from "node:path";
var demoCommand = {
  name: "demo",
  summary: "the whole gate on this machine against embedded test services",
  flags: ["out-dir", "serve"],
  examples: ["harbor-gate demo", "harbor-gate demo --out-dir /tmp/demo-reports --json"],
  async run(ctx) {
    const { runDemo, startDemoServices, DEMO_PASSWORD, DEMO_USER } = await import("./demo-TUKST2X4.mjs");
    if (ctx.flags.serve === true) {
      const services = await startDemoServices();
      ctx.stdout(
        JSON.stringify({
          registry: services.harbor.host,
          harborUrl: services.harbor.url,
          layout: services.layout,
          sbom: services.sbomFile,
          username: DEMO_USER,
          password: DEMO_PASSWORD
        }) + "\n"
      );
      await new Promise((resolve) => {
        process.once("SIGTERM", resolve);
        process.once("SIGINT", resolve);
      });
      await services.stop();
      return { exitCode: 0, json: { stopped: true }, text: "" };
    }
    const outDir = path.resolve(ctx.cwd, str(ctx, "out-dir") ?? "harbor-gate-demo");
    const t0 = performance.now();
    const demo = await runDemo({ outDir, logger: ctx.logger });
    const seconds = (performance.now() - t0) / 1e3;
    const line = (label, r) => `${label}: ${r.verdict.toUpperCase()} (exit ${r.exitCode}) ${r.evaluation.violations.length} violation(s), ${r.evaluation.waivers.length} waiver(s)`;
    const text = [
      demo.before.consoleText,
      "",
      line("without the allowlist", demo.before),
      line("with the allowlist   ", demo.after),
      "",
      `image      ${demo.before.image}`,
      `signature  ${demo.before.signatureDigest ?? "-"}`,
      `sbom       ${demo.before.sbomDigest ?? "-"}`,
      `reports    ${outDir}`,
      `allowlist  ${demo.allowlistFile}`,
      `took ${seconds.toFixed(1)} s`
    ].join("\n");
    return {
      exitCode: demo.ok ? 0 : 3,
      json: {
        ok: demo.ok,
        seconds,
        outDir,
        before: {
          verdict: demo.before.verdict,
          exitCode: demo.before.exitCode,
          digest: demo.before.digest,
          reports: demo.before.reports
        },
        after: { verdict: demo.after.verdict, exitCode: demo.after.exitCode, reports: demo.after.reports }
      },
      text
    };
  }
};

// src/cli/flags.ts
var FLAGS = {
  image: { type: "string", value: "REF", description: "host[:port]/project/repo[:tag][@digest]" },
  source: {
    type: "string",
    value: "SRC",
    description: "oci:DIR[:REF], oci-archive:FILE[:REF], docker-archive:FILE[:REF], docker-daemon:NAME:TAG"
  },
  tag: { type: "multi", value: "T", description: "extra tag (repeatable)" },
  "mount-from": { type: "string", value: "REPO", description: "try cross-repository blob mounts from REPO" },
  username: { type: "string", value: "U", description: "registry / Harbor user (robot account)" },
  "password-stdin": { type: "boolean", description: "read the password from standard input", noEnv: true },
  "plain-http": { type: "boolean", description: "allow HTTP for a non-loopback registry" },
  "ca-file": { type: "string", value: "FILE", description: "extra trusted CA certificates (PEM)" },
  sbom: { type: "string", value: "FILE", description: "SPDX or CycloneDX JSON" },
  attest: { type: "boolean", description: "also attach the SBOM as a signed in-toto attestation" },
  "signing-key": {
    type: "string",
    value: "FILE",
    description: "cosign key file or PKCS#8 PEM; absent: keyless"
  },
  "signature-format": { type: "string", value: "F", description: "bundle (default), legacy, both" },
  "identity-token": { type: "string", value: "T", description: "OIDC token for keyless signing" },
  "fulcio-url": { type: "string", value: "URL", description: "private Fulcio" },
  "rekor-url": { type: "string", value: "URL", description: "private Rekor" },
  "tsa-url": { type: "string", value: "URL", description: "timestamp authority" },
  "tlog-upload": { type: "boolean", description: "upload key-based signatures to the transparency log" },
  recursive: { type: "boolean", description: "also sign each platform manifest of an index" },
  key: { type: "string", value: "FILE", description: "public key (PEM) to verify with" },
  "certificate-identity": { type: "string", value: "ID", description: "expected keyless identity" },
  "certificate-identity-regexp": {
    type: "string",
    value: "RE",
    description: "expected identity (anchored regexp)"
  },
  "certificate-oidc-issuer": { type: "string", value: "URL", description: "expected OIDC issuer" },
  "trusted-root": { type: "string", value: "FILE", description: "Sigstore trusted root JSON (offline)" },
  "require-sbom": { type: "boolean", description: "fail when no SBOM referrer exists" },
  "require-signature": { type: "boolean", description: "fail when the image is not signed" },
  "harbor-url": {
    type: "string",
    value: "URL",
    description: "Harbor's base URL (default: the image's registry)"
  },
  "scan-timeout": { type: "string", value: "DUR", description: "e.g. 90s, 10m (default 10m)" },
  "generate-sbom": { type: "boolean", description: "have Harbor generate the SBOM (Harbor 2.11+)" },
  policy: { type: "string", value: "FILE", description: "policy file (YAML or JSON)" },
  "fail-on": { type: "string", value: "SEV", description: "critical, high (default), medium, low, none" },
  "ignore-unfixed": { type: "boolean", description: "findings without a fixed version do not fail" },
  "cvss-threshold": { type: "string", value: "N", description: "fail at or above this CVSS score" },
  allowlist: { type: "string", value: "FILE", description: "allowlist file" },
  "use-harbor-allowlist": { type: "boolean", description: "also waive what Harbor's allowlists list" },
  "on-scan-error": { type: "string", value: "E", description: "fail (default) or warn" },
  sarif: { type: "string", value: "FILE", description: "write a SARIF 2.1.0 report" },
  "gitlab-report": { type: "string", value: "FILE", description: "write a GitLab container scanning report" },
  junit: { type: "string", value: "FILE", description: "write a JUnit XML report" },
  html: { type: "string", value: "FILE", description: "write a self-contained HTML report" },
  "json-report": { type: "string", value: "FILE", description: "write the whole result as JSON" },
  summary: { type: "string", value: "FILE", description: "write the Markdown summary" },
  "attest-scan": { type: "boolean", description: "attach the scan result as a signed vuln attestation" },
  "no-sign": { type: "boolean", description: "skip signing" },
  "no-scan": { type: "boolean", description: "skip the scan" },
  "out-dir": { type: "string", value: "DIR", description: "where the demo writes its reports" },
  serve: {
    type: "boolean",
    description: "keep the demo services running and print where they are",
    noEnv: true
  },
  json: { type: "boolean", description: "print the command's result as one JSON object on stdout" },
  debug: { type: "boolean", description: "verbose logs on stderr (never secrets)" },
  help: { type: "boolean", description: "show help", noEnv: true }
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
  "fulcio-url",
  "rekor-url",
  "tsa-url",
  "tlog-upload",
  "recursive"
];
var GATE_FLAGS = [
  "source",
  "tag",
  "mount-from",
  "sbom",
  "generate-sbom",
  "attest",
  ...SIGNING_FLAGS,
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
  "on-scan-error",
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

// src/cli/commands/gate.ts
var gateCommand = {
  name: "gate",
  summary: "push, attach the SBOM, sign, scan and gate on the policy: the pipeline step",
  flags: GATE_FLAGS,
  examples: [
    "harbor-gate gate --image harbor.example.com/team/app:1.2.3 --source oci:./image --username 'robot$team+ci' --sbom sbom.cdx.json",
    "harbor-gate gate --image harbor.example.com/team/app:1.2.3 --policy harbor-gate.yaml --sarif results.sarif --junit junit.xml",
    "harbor-gate gate --image harbor.example.com/team/app@sha256:... --no-sign --fail-on critical --ignore-unfixed"
  ],
  async run(ctx) {
    const { resolveGateOptions } = await import("./gate-options-XHTXJBBK.mjs");
    const { runGate, gateJson } = await import("./gate-RYFPBZM6.mjs");
    const options = await resolveGateOptions(ctx.flags, {
      env: ctx.env,
      cwd: ctx.cwd,
      password: await password(ctx)
    });
    const result = await runGate(options, {
      logger: ctx.logger,
      env: ctx.env,
      redactor: ctx.redactor,
      isTTY: ctx.isTTY
    });
    for (const w of result.warnings) ctx.logger.warn(w);
    return { exitCode: result.exitCode, json: gateJson(result), text: result.consoleText };
  }
};

// src/cli/commands/attach-sbom.ts
import fs from "node:fs/promises";
async function resolveSubject(repo, ref, shown) {
  const reference = ref.digest ?? ref.tag ?? "latest";
  const desc = await repo.resolve(reference);
  if (!desc) {
    throw new GateError({
      code: "ATTACH_IMAGE_NOT_FOUND",
      message: `the image ${shown} is not in the registry`,
      remedy: "Push the image first (harbor-gate push), or fix --image (tag or digest).",
      kind: "input"
    });
  }
  return desc;
}
async function signingOptions(ctx) {
  const keyFile = str(ctx, "signing-key");
  let key;
  if (keyFile !== void 0) {
    let text;
    try {
      text = await fs.readFile(keyFile, "utf8");
    } catch (e) {
      throw inputError(
        "SIGN_KEY_UNREADABLE",
        `cannot read --signing-key ${keyFile}`,
        "Check the path of --signing-key.",
        e
      );
    }
    const keyPassword = ctx.env.HARBOR_GATE_KEY_PASSWORD ?? ctx.env.COSIGN_PASSWORD;
    if (keyPassword) ctx.redactor.add(keyPassword);
    const { loadSigningKey } = await import("./keys-G6LLIHEY.mjs");
    key = loadSigningKey(text, keyPassword);
  }
  const identityToken = str(ctx, "identity-token");
  if (identityToken) ctx.redactor.add(identityToken);
  const fulcioUrl = str(ctx, "fulcio-url");
  const rekorUrl = str(ctx, "rekor-url");
  const tsaUrl = str(ctx, "tsa-url");
  return {
    ...key ? { key } : {},
    ...identityToken ? { identityToken } : {},
    ...fulcioUrl ? { fulcioUrl } : {},
    ...rekorUrl ? { rekorUrl } : {},
    ...tsaUrl ? { tsaUrl } : {},
    tlogUpload: bool(ctx, "tlog-upload"),
    env: ctx.env,
    logger: ctx.logger
  };
}
var attachSbomCommand = {
  name: "attach-sbom",
  summary: "attach an SBOM to an image as a referrer (optionally signed)",
  flags: [
    "sbom",
    "attest",
    "signing-key",
    "identity-token",
    "fulcio-url",
    "rekor-url",
    "tsa-url",
    "tlog-upload"
  ],
  examples: [
    "harbor-gate attach-sbom --image harbor.example.com/proj/app:1.2.3 --sbom sbom.spdx.json",
    "harbor-gate attach-sbom --image harbor.example.com/proj/app@sha256:... --sbom bom.cdx.json --json",
    "harbor-gate attach-sbom --image harbor.example.com/proj/app:1.2.3 --sbom bom.cdx.json --attest --signing-key cosign.key"
  ],
  async run(ctx) {
    const { attachSbom, loadSbom } = await import("./sbom-GWSFJ25I.mjs");
    const { attestSbom } = await import("./image-36YJKTSI.mjs");
    const shown = requireStr(ctx, "image");
    const ref = parseReference(shown);
    const sbom = await loadSbom(requireStr(ctx, "sbom"));
    const attest = bool(ctx, "attest");
    const signing = attest ? await signingOptions(ctx) : void 0;
    const client = await registryClientFromFlags(ctx, ref.registry);
    try {
      const repo = client.repository(ref.registry, ref.repository);
      const subject = await resolveSubject(repo, ref, shown);
      const res = await attachSbom(repo, subject, sbom);
      ctx.logger.info(
        `attached ${sbom.format} SBOM to ${subject.digest}: ${res.digest} (${res.referrersApi ? "referrers API" : "referrers tag"})`
      );
      const json = {
        subject: subject.digest,
        digest: res.digest,
        artifactType: res.artifactType,
        referrersApi: res.referrersApi,
        format: sbom.format,
        sbomDigest: res.sbomDigest
      };
      if (signing) {
        const att = await attestSbom(
          repo,
          subject.digest,
          { format: sbom.format.startsWith("cyclonedx") ? "cyclonedx" : "spdx", document: sbom.document },
          signing
        );
        json.attestation = {
          digest: att.digest,
          artifactType: att.artifactType,
          predicateType: att.predicateType
        };
      }
      return { exitCode: 0, json, text: res.digest };
    } finally {
      client.close();
    }
  }
};

// src/cli/commands/scan.ts
import fs2 from "node:fs";
var MAX_LISTED = 50;
function scanJson(r) {
  return {
    digest: r.digest,
    scanner: r.scanner ? `${r.scanner.name} ${r.scanner.version}`.trim() : null,
    status: r.status,
    counts: r.counts,
    fixable: r.fixable,
    vulnerabilities: r.findings.map((f) => ({
      id: f.id,
      package: f.package,
      version: f.version,
      fixVersion: f.fixVersion ?? null,
      severity: f.severity,
      cvss: f.cvss?.score ?? null,
      ...f.platform ? { platform: f.platform } : {}
    }))
  };
}
function scanText(r, image) {
  const rank = (s) => SEVERITIES.indexOf(s);
  const sorted = [...r.findings].sort(
    (a, b) => rank(a.severity) - rank(b.severity) || (b.cvss?.score ?? 0) - (a.cvss?.score ?? 0)
  );
  const lines = [
    `${image}@${r.digest}`,
    `scan: ${r.status}${r.scanner ? ` (${r.scanner.name} ${r.scanner.version})` : ""}`,
    `vulnerabilities: ${SEVERITIES.map((s) => `${String(r.counts[s])} ${s}`).join(", ")}; ${String(r.fixable)} fixable`
  ];
  for (const p of r.platforms ?? []) lines.push(`  platform ${p.platform}: ${p.status} (${p.digest})`);
  if (sorted.length > 0) lines.push("");
  for (const f of sorted.slice(0, MAX_LISTED)) {
    const fix = f.fixVersion ? `fixed in ${f.fixVersion}` : "no fix";
    const cvss = f.cvss ? ` CVSS ${f.cvss.score.toFixed(1)}` : "";
    lines.push(
      `  ${f.severity.toUpperCase().padEnd(8)} ${f.id} ${f.package} ${f.version} (${fix})${cvss}${f.platform ? ` [${f.platform}]` : ""}`
    );
  }
  if (sorted.length > MAX_LISTED)
    lines.push(`  ... and ${String(sorted.length - MAX_LISTED)} more (use --json for all)`);
  return lines.join("\n") + "\n";
}
function caPem(ctx) {
  const file = str(ctx, "ca-file");
  if (file === void 0) return void 0;
  try {
    return fs2.readFileSync(file, "utf8");
  } catch (e) {
    throw inputError(
      "CA_FILE_UNREADABLE",
      `cannot read --ca-file ${file}`,
      "Check the path of --ca-file (a PEM file).",
      e
    );
  }
}
var scanCommand = {
  name: "scan",
  summary: "trigger Harbor's scan, wait, print the findings",
  flags: ["harbor-url", "scan-timeout"],
  examples: [
    'harbor-gate scan --image harbor.example.com/library/app:1.0 --username "robot\\$library+ci" --password-stdin',
    "HARBOR_GATE_PASSWORD=... harbor-gate scan --image harbor.example.com/library/app@sha256:... --scan-timeout 15m --json"
  ],
  async run(ctx) {
    const imageText = requireStr(ctx, "image");
    const ref = parseReference(imageText);
    const timeoutText = str(ctx, "scan-timeout");
    const timeoutMs = timeoutText === void 0 ? DEFAULT_SCAN_TIMEOUT_MS : parseDuration(timeoutText, "--scan-timeout");
    const { HarborClient, harborTarget } = await import("./client-IYWNNCJV.mjs");
    const ca = caPem(ctx);
    const http = new HttpClient({ logger: ctx.logger, env: ctx.env, ...ca ? { caPem: ca } : {} });
    let harborUrl = str(ctx, "harbor-url");
    if (!harborUrl && !bool(ctx, "plain-http")) {
      const { registryScheme } = await import("./registry-QCZHH7U6.mjs");
      harborUrl = `${await registryScheme(http, ref.registry, ctx.logger)}://${ref.registry}`;
    }
    const target = harborTarget(ref, harborUrl);
    const username = str(ctx, "username") ?? (ctx.env.GITLAB_CI === "true" ? ctx.env.HARBOR_USERNAME : void 0);
    let pw = await password(ctx);
    if (pw === void 0 && ctx.env.GITLAB_CI === "true" && ctx.env.HARBOR_PASSWORD) {
      pw = ctx.env.HARBOR_PASSWORD;
      ctx.redactor.add(pw);
    }
    try {
      const client = new HarborClient({
        http,
        baseUrl: target.baseUrl,
        logger: ctx.logger,
        ...username !== void 0 ? { username } : {},
        ...pw !== void 0 ? { password: pw } : {}
      });
      await client.preflight(target);
      const digest = target.digest ?? (await client.getArtifact(target, target.tag ?? "latest")).digest;
      const report = await client.scan(target, digest, { timeoutMs });
      return {
        exitCode: 0,
        json: scanJson(report),
        text: scanText(report, `${ref.displayRegistry}/${ref.repository}`)
      };
    } finally {
      http.close();
    }
  }
};

// src/cli/commands/sign.ts
import fs3 from "node:fs";
async function resolveDigest(repo, ref) {
  if (ref.digest) return ref.digest;
  const tag = ref.tag ?? "latest";
  const d = await repo.resolve(tag);
  if (!d) {
    throw inputError(
      "SIGN_IMAGE_NOT_FOUND",
      `${ref.toString()} does not exist`,
      "Push the image first, or check --image (registry, repository, tag or digest)."
    );
  }
  return d.digest;
}
async function signingOptionsFromFlags(ctx, http) {
  const keyFile = str(ctx, "signing-key");
  const token = str(ctx, "identity-token");
  if (token) ctx.redactor.add(token);
  const opts = { env: ctx.env, http, logger: ctx.logger };
  if (keyFile !== void 0) {
    let text;
    try {
      text = fs3.readFileSync(keyFile, "utf8");
    } catch (e) {
      throw inputError(
        "SIGN_KEY_UNREADABLE",
        `cannot read --signing-key ${keyFile}: ${describe(e)}`,
        "Give the path of a cosign key file or PKCS#8 PEM private key.",
        e
      );
    }
    const pw = ctx.env.HARBOR_GATE_KEY_PASSWORD ?? ctx.env.COSIGN_PASSWORD;
    if (pw) ctx.redactor.add(pw);
    const { loadSigningKey } = await import("./keys-G6LLIHEY.mjs");
    opts.key = loadSigningKey(text, pw);
  } else if (token) {
    opts.identityToken = token;
  }
  const fulcio = str(ctx, "fulcio-url");
  const rekor = str(ctx, "rekor-url");
  const tsa = str(ctx, "tsa-url");
  if (fulcio) opts.fulcioUrl = fulcio;
  if (rekor) opts.rekorUrl = rekor;
  if (tsa) opts.tsaUrl = tsa;
  if (bool(ctx, "tlog-upload")) opts.tlogUpload = true;
  return opts;
}
function parseSignatureFormat(v) {
  if (v === void 0 || v === "") return "bundle";
  if (v === "bundle" || v === "legacy" || v === "both") return v;
  throw inputError(
    "SIGN_BAD_FORMAT",
    `--signature-format ${v} is not one of bundle, legacy, both`,
    "Use bundle (cosign v3, default), legacy (cosign \u22642.5, Harbor <2.15) or both."
  );
}
var signCommand = {
  name: "sign",
  summary: "sign an image, Cosign-compatible, stored as a referrer",
  flags: SIGNING_FLAGS,
  examples: [
    "harbor-gate sign --image harbor.example.com/proj/app@sha256:\u2026   # keyless (GitHub OIDC / SIGSTORE_ID_TOKEN)",
    "COSIGN_PASSWORD=\u2026 harbor-gate sign --image harbor.example.com/proj/app:1.2.3 --signing-key cosign.key --signature-format both",
    "harbor-gate sign --image registry.example.com/proj/app:1 --recursive --json"
  ],
  async run(ctx) {
    const { signImage } = await import("./image-36YJKTSI.mjs");
    const ref = parseReference(requireStr(ctx, "image"));
    const format = parseSignatureFormat(str(ctx, "signature-format"));
    const client = await registryClientFromFlags(ctx, ref.registry);
    try {
      const signing = await signingOptionsFromFlags(ctx, client.http);
      const repo = client.repository(ref.registry, ref.repository);
      const digest = await resolveDigest(repo, ref);
      const res = await signImage(repo, digest, { ...signing, format, recursive: bool(ctx, "recursive") });
      const json = {
        subject: res.subject,
        signatures: res.signatures.map((s) => ({
          digest: s.digest,
          format: s.format,
          artifactType: s.artifactType,
          subject: s.subject,
          ...s.tag !== void 0 ? { tag: s.tag } : {},
          ...s.referrersApi !== void 0 ? { referrersApi: s.referrersApi } : {}
        }))
      };
      const text = res.signatures.map((s) => `${s.subject} ${s.format} ${s.digest}`).join("\n");
      return { exitCode: 0, json, text };
    } finally {
      client.close();
    }
  }
};

// src/cli/commands/verify.ts
import fs4 from "node:fs";
var verifyCommand = {
  name: "verify",
  summary: "verify an image's signature (and SBOM) before deploying it",
  flags: [
    "key",
    "certificate-identity",
    "certificate-identity-regexp",
    "certificate-oidc-issuer",
    "trusted-root",
    "require-sbom"
  ],
  examples: [
    "harbor-gate verify --image harbor.example.com/proj/app:1.2.3 --certificate-identity https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main --certificate-oidc-issuer https://token.actions.githubusercontent.com",
    "harbor-gate verify --image harbor.example.com/proj/app@sha256:\u2026 --key cosign.pub --require-sbom --json"
  ],
  async run(ctx) {
    const { verifyImage } = await import("./image-36YJKTSI.mjs");
    const ref = parseReference(requireStr(ctx, "image"));
    const keyFile = str(ctx, "key");
    const identity = str(ctx, "certificate-identity");
    const identityRegexp = str(ctx, "certificate-identity-regexp");
    const issuer = str(ctx, "certificate-oidc-issuer");
    const trustedRoot = str(ctx, "trusted-root");
    if (keyFile !== void 0 && (identity ?? identityRegexp ?? issuer) !== void 0) {
      throw inputError(
        "VERIFY_CONFLICTING_FLAGS",
        "--key cannot be combined with --certificate-identity(-regexp) / --certificate-oidc-issuer",
        "Verify either key-based signatures (--key) or keyless ones (identity and issuer)."
      );
    }
    if (identity !== void 0 && identityRegexp !== void 0) {
      throw inputError(
        "VERIFY_CONFLICTING_FLAGS",
        "--certificate-identity and --certificate-identity-regexp are mutually exclusive",
        "Give one of them."
      );
    }
    const opts = {
      logger: ctx.logger,
      requireSbom: bool(ctx, "require-sbom"),
      ...identity !== void 0 ? { identity } : {},
      ...identityRegexp !== void 0 ? { identityRegexp } : {},
      ...issuer !== void 0 ? { issuer } : {},
      ...trustedRoot !== void 0 ? { trustedRoot } : {}
    };
    if (keyFile !== void 0) {
      try {
        opts.key = fs4.readFileSync(keyFile, "utf8");
      } catch (e) {
        throw inputError(
          "VERIFY_KEY_INVALID",
          `cannot read --key ${keyFile}: ${describe(e)}`,
          "Give the path of the PEM public key (cosign.pub).",
          e
        );
      }
    }
    const client = await registryClientFromFlags(ctx, ref.registry);
    try {
      const repo = client.repository(ref.registry, ref.repository);
      const digest = await resolveDigest(repo, ref);
      const res = await verifyImage(repo, digest, opts);
      const json = {
        subject: res.subject,
        verified: res.verified,
        signatures: res.signatures.map((s) => ({
          digest: s.digest,
          identity: s.identity,
          issuer: s.issuer,
          ok: s.ok,
          reason: s.reason,
          format: s.format
        })),
        sbom: res.sbom,
        ...res.reason !== void 0 ? { reason: res.reason } : {}
      };
      const lines = res.signatures.map(
        (s) => `${s.ok ? "ok      " : "rejected"} ${s.format} ${s.digest} ${s.identity ?? ""}: ${s.reason}`
      );
      lines.push(
        res.verified ? `verified ${res.subject}${res.sbom ? ` (SBOM ${res.sbom.digest})` : ""}` : `NOT verified ${res.subject}: ${res.reason ?? ""}`
      );
      if (!res.verified) ctx.logger.error(`verification failed: ${res.reason ?? ""}`);
      return { exitCode: res.verified ? 0 : 1, json, text: lines.join("\n") };
    } finally {
      client.close();
    }
  }
};

// src/cli/commands/index.ts
var COMMANDS = [
  pushCommand,
  attachSbomCommand,
  signCommand,
  verifyCommand,
  scanCommand,
  gateCommand,
  demoCommand
];

// src/cli/main.ts
function defaultIO() {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readStdin: async () => {
      const chunks = [];
      for await (const c of process.stdin) chunks.push(c);
      return Buffer.concat(chunks).toString("utf8");
    },
    isTTY: process.stderr.isTTY,
    cwd: process.cwd()
  };
}
var BOOL_TRUE = /* @__PURE__ */ new Set(["1", "true", "yes", "on"]);
var BOOL_FALSE = /* @__PURE__ */ new Set(["0", "false", "no", "off", ""]);
function parseFlags(command, argv, env) {
  const allowed = [.../* @__PURE__ */ new Set([...COMMON_FLAGS, ...command.flags])];
  const options = {};
  for (const name of allowed) {
    const spec = FLAGS[name];
    options[name] = spec.type === "boolean" ? { type: "boolean" } : { type: "string", multiple: spec.type === "multi" };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: false });
  } catch (e) {
    const msg = e.message.replace(/\. To specify.*$/s, "");
    throw inputError(
      "CLI_BAD_FLAG",
      `${command.name}: ${msg}`,
      `Run 'harbor-gate ${command.name} --help' for the flags it takes.`,
      e
    );
  }
  const values = {};
  for (const name of allowed) {
    const spec = FLAGS[name];
    const given = parsed.values[name];
    if (given !== void 0) {
      values[name] = given;
      continue;
    }
    if (spec.noEnv) continue;
    const fromEnv = env[envName(name)];
    if (fromEnv === void 0) continue;
    if (spec.type === "boolean") {
      const v = fromEnv.trim().toLowerCase();
      if (BOOL_TRUE.has(v)) values[name] = true;
      else if (BOOL_FALSE.has(v)) values[name] = false;
      else {
        throw inputError(
          "CLI_BAD_ENV",
          `${envName(name)}=${JSON.stringify(fromEnv)} is not a boolean`,
          `Set ${envName(name)} to true or false.`
        );
      }
    } else if (spec.type === "multi") {
      values[name] = fromEnv.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
    } else {
      values[name] = fromEnv;
    }
  }
  return values;
}
function helpText(command) {
  if (!command) {
    const lines = [
      `harbor-gate ${VERSION}: push, sign, attach SBOMs, scan with Harbor and gate container images`,
      "",
      "Usage: harbor-gate <command> [flags]",
      "",
      "Commands:",
      ...COMMANDS.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`),
      "",
      "Run 'harbor-gate <command> --help' for a command's flags and examples.",
      "Every flag --some-flag can also be set as HARBOR_GATE_SOME_FLAG; the password comes from",
      "HARBOR_GATE_PASSWORD or --password-stdin.",
      "",
      "Exit codes: 0 passed, 1 policy breached / verification failed, 2 bad input, 3 infrastructure error."
    ];
    return lines.join("\n") + "\n";
  }
  const names = [.../* @__PURE__ */ new Set([...command.flags, ...COMMON_FLAGS])];
  const flagLines = names.map((n) => {
    const spec = FLAGS[n];
    const left = `--${n}${spec.value ? " " + spec.value : ""}`;
    return `  ${left.padEnd(34)} ${spec.description}`;
  });
  return [
    `harbor-gate ${command.name}: ${command.summary}`,
    "",
    `Usage: harbor-gate ${command.name} [flags]`,
    "",
    "Flags:",
    ...flagLines,
    "",
    "Examples:",
    ...command.examples.map((e) => `  ${e}`)
  ].join("\n") + "\n";
}
async function main(argv, env = process.env, io = defaultIO()) {
  const redactor = new Redactor();
  for (const name2 of [
    "HARBOR_GATE_PASSWORD",
    "CI_REGISTRY_PASSWORD",
    "HARBOR_PASSWORD",
    "HARBOR_GATE_KEY_PASSWORD",
    "COSIGN_PASSWORD",
    "SIGSTORE_ID_TOKEN",
    "HARBOR_GATE_IDENTITY_TOKEN"
  ]) {
    redactor.add(env[name2]);
  }
  const [name, ...rest] = argv;
  if (name === void 0 || name === "--help" || name === "-h" || name === "help") {
    io.stdout(helpText());
    return name === void 0 ? 2 : 0;
  }
  if (name === "--version" || name === "-v" || name === "version") {
    io.stdout(`${VERSION}
`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  const wantsJson = rest.includes("--json") || BOOL_TRUE.has((env.HARBOR_GATE_JSON ?? "").toLowerCase());
  const wantsDebug = rest.includes("--debug") || BOOL_TRUE.has((env.HARBOR_GATE_DEBUG ?? "").toLowerCase());
  const logger = redactingLogger(
    streamLogger({
      debug: wantsDebug,
      write: (line) => {
        io.stderr(line + "\n");
      }
    }),
    redactor
  );
  try {
    if (!command) {
      throw inputError(
        "CLI_UNKNOWN_COMMAND",
        `unknown command '${name}'`,
        `Use one of: ${COMMANDS.map((c) => c.name).join(", ")}. Run 'harbor-gate --help'.`
      );
    }
    if (rest.includes("--help") || rest.includes("-h")) {
      io.stdout(helpText(command));
      return 0;
    }
    const flags = parseFlags(command, rest, env);
    const ctx = {
      flags,
      env,
      logger,
      redactor,
      readStdin: io.readStdin,
      stdout: (t) => {
        io.stdout(redactor.redact(t));
      },
      stderr: (t) => {
        io.stderr(redactor.redact(t));
      },
      isTTY: io.isTTY,
      cwd: io.cwd
    };
    const result = await command.run(ctx);
    if (wantsJson) io.stdout(redactor.redact(JSON.stringify(result.json)) + "\n");
    else if (result.text)
      io.stdout(redactor.redact(result.text.endsWith("\n") ? result.text : result.text + "\n"));
    return result.exitCode;
  } catch (e) {
    const err = toGateError(e);
    const message = redactor.redact(err.message);
    const remedy = redactor.redact(err.remedy);
    io.stderr(`error [${err.code}]: ${message}
  remedy: ${remedy}
`);
    if (wantsDebug) {
      let cause = err.cause ?? (err.code === "INTERNAL" ? err : void 0);
      for (let depth = 0; cause !== void 0 && depth < 5; depth++) {
        io.stderr(
          redactor.redact(
            `  cause: ${cause instanceof Error ? cause.stack ?? cause.message : JSON.stringify(cause)}`
          ) + "\n"
        );
        cause = cause instanceof Error ? cause.cause : void 0;
      }
    }
    if (wantsJson) {
      io.stdout(
        JSON.stringify({ error: { code: err.code, message, remedy, exitCode: err.exitCode } }) + "\n"
      );
    }
    return err.exitCode;
  }
}
export {
  defaultIO,
  helpText,
  main,
  parseFlags
};
