import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  findingRef
} from "./chunk-E4NWHGAY.mjs";
import {
  dedupe
} from "./chunk-UH3AUMJ6.mjs";
import "./chunk-7ATBZ5R2.mjs";
import "./chunk-UXF5Q43A.mjs";
import {
  Redactor,
  closableLogger,
  redactingLogger,
  streamLogger
} from "./chunk-IAKPOWWN.mjs";
import {
  COMMON_FLAGS,
  FLAGS,
  FLAG_GROUPS,
  GATE_FLAGS,
  GateError,
  SECRET_ENV_NAMES,
  SEVERITIES,
  SIGNING_FLAGS,
  TRUST_FLAGS,
  VERSION,
  cleanLines,
  cleanText,
  envName,
  inputError,
  listenForCancel,
  parseBoolean,
  runWithDeadline,
  suggest,
  toGateError
} from "./chunk-6AKVQXYQ.mjs";
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
async function resolveOptions(ctx, steps) {
  const { resolveGateOptions } = await import("./config-VUESOURU.mjs");
  return resolveGateOptions(ctx.flags, { env: ctx.env, cwd: ctx.cwd, password: await password(ctx) }, steps);
}
function sessionDeps(ctx, openSource) {
  return {
    logger: ctx.logger,
    env: ctx.env,
    redactor: ctx.redactor,
    cwd: ctx.cwd,
    isTTY: ctx.isTTY && !bool(ctx, "debug"),
    progressWrite: ctx.progress ?? ctx.stderr,
    ...ctx.lookup ? { lookup: ctx.lookup } : {},
    ...ctx.signal ? { signal: ctx.signal } : {},
    ...openSource ? { openSource } : {}
  };
}
async function withSession(options, deps, f) {
  const { openSession } = await import("./gate-UGOYUX3S.mjs");
  const session = await openSession(options, deps);
  try {
    return await f(session);
  } finally {
    session.close();
  }
}

// src/cli/commands/push.ts
function pushJson(r) {
  return {
    image: r.image,
    digest: r.digest,
    tags: r.tags,
    bytesUploaded: r.bytesUploaded,
    blobsSkipped: r.blobsSkipped,
    tagAssumed: r.tagAssumed,
    blobsMounted: r.blobsMounted,
    blobsUploaded: r.blobsUploaded,
    mediaType: r.mediaType,
    seconds: Math.round(r.seconds * 1e3) / 1e3
  };
}
function createPushCommand(opener) {
  return {
    name: "push",
    summary: "push an image from a local source to a registry",
    flags: ["source", "tag", "mount-from"],
    required: ["image", "source"],
    examples: [
      "harbor-gate push --source oci:./img --image registry.example.com/proj/app:1.2.3",
      "harbor-gate push --source docker-daemon:app:dev --image harbor.example.com/proj/app:1.2.3 --tag latest --json",
      `echo "$TOKEN" | harbor-gate push --source oci-archive:img.tar --image harbor.example.com/proj/app:1 --username 'robot$proj+ci' --password-stdin`
    ],
    async run(ctx) {
      requireStr(ctx, "source");
      const options = await resolveOptions(ctx, { sign: false, scan: false });
      const { subjectStep } = await import("./gate-UGOYUX3S.mjs");
      return withSession(options, sessionDeps(ctx, opener), async (session) => {
        const subject = await subjectStep(session.roles.target, options, session.ref);
        const result = subject.push;
        const { tagsWritten } = await import("./oci-PAUMKCNP.mjs");
        ctx.stderr(
          `pushed ${session.ref.registry}/${session.ref.repository}
  tags    ${tagsWritten(result)}
  digest  ${result.digest}
`
        );
        return { exitCode: 0, json: pushJson(result), text: result.digest };
      });
    }
  };
}
var pushCommand = createPushCommand();

// src/cli/errors.ts
var KIND = { 1: "verify", 2: "input", 3: "infra", 130: "cancelled", 143: "cancelled" };
function rethrow(outcome) {
  if (outcome.status !== "failed" || !outcome.error) return;
  const e = outcome.error;
  throw new GateError({
    code: e.code,
    message: e.message,
    remedy: e.remedy,
    kind: KIND[e.exitCode],
    ...e.exitCode === 130 ? { details: { signal: "SIGINT" } } : {}
  });
}

// src/cli/commands/provenance.ts
var provenanceCommand = {
  name: "provenance",
  summary: "attach SLSA v1 build provenance to an image already pushed (in CI only)",
  // Not --provenance: the command is the provenance step, it reads no switch for it.
  flags: [...SIGNING_FLAGS],
  required: ["image"],
  examples: [
    "harbor-gate provenance --image harbor.example.com/proj/app@sha256:\u2026   # GitHub Actions, keyless (id-token: write)",
    "harbor-gate provenance --image harbor.example.com/proj/app:1.2.3 --signing-key cosign.key --signature-format both --recursive --json"
  ],
  async run(ctx) {
    const options = await resolveOptions(ctx, { sign: true, scan: false, provenance: true });
    const { provenanceStep, resolveSubject } = await import("./gate-UGOYUX3S.mjs");
    return withSession(options, sessionDeps(ctx), async ({ roles, ref }) => {
      const signer = roles.signer;
      const ci = options.provenance.ci;
      const prepared = await signer.prepareProvenance(ci);
      const subject = await resolveSubject(roles.target, ref, "IMAGE_NOT_FOUND");
      const sign = options.sign;
      const step = await provenanceStep(signer, subject.digest, {
        format: sign.format,
        recursive: sign.recursive
      });
      rethrow(step.outcome);
      const signed = step.prepared ?? prepared;
      const f = signed.facts;
      const json = {
        subject: subject.digest,
        digest: step.outcome.digest ?? null,
        predicateType: "https://slsa.dev/provenance/v1",
        source: signed.source,
        builderId: f.builderId,
        sourceRepo: f.sourceRepo,
        sourceRef: f.sourceRef,
        commit: f.commit,
        invocationId: f.invocationId,
        attestations: step.written.map((w) => ({
          subject: w.subject,
          digest: w.digest,
          format: w.format,
          artifactType: w.artifactType,
          ...w.tag !== void 0 ? { tag: w.tag } : {},
          ...w.referrersApi !== void 0 ? { referrersApi: w.referrersApi } : {}
        }))
      };
      const text = step.written.map((w) => `${w.subject} ${w.format} ${w.digest}`).join("\n");
      return { exitCode: 0, json, text };
    });
  }
};

// src/cli/commands/demo.ts
import path from "node:path";
var demoCommand = {
  name: "demo",
  summary: "the whole gate on this machine against embedded test services",
  flags: ["out-dir", "serve"],
  registry: false,
  examples: ["harbor-gate demo", "harbor-gate demo --out-dir /tmp/demo-reports --json"],
  async run(ctx) {
    const { runDemo, startDemoServices, DEMO_PASSWORD, DEMO_USER } = await import("./embedded-7H56T52D.mjs");
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
    const line = (label, r) => `${label}: ${r.verdict.toUpperCase()} (exit ${r.exitCode}) ${r.violations.length} violation(s), ${r.waivers.length} waiver(s)`;
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

// src/cli/commands/gate.ts
var gateCommand = {
  name: "gate",
  summary: "push, attach the SBOM, sign, scan and gate on the policy: the pipeline step",
  flags: GATE_FLAGS,
  required: ["image"],
  examples: [
    "harbor-gate gate --image harbor.example.com/team/app:1.2.3 --source oci:./image --username 'robot$team+ci' --sbom sbom.cdx.json",
    "harbor-gate gate --image harbor.example.com/team/app:1.2.3 --policy harbor-gate.yaml --sarif results.sarif --junit junit.xml",
    "harbor-gate gate --image harbor.example.com/team/app@sha256:... --no-sign --fail-on critical --ignore-unfixed"
  ],
  configError: writeConfigErrorReports,
  async run(ctx) {
    const { runGate, gateJson } = await import("./gate-UGOYUX3S.mjs");
    let options;
    try {
      options = await resolveOptions(ctx, {});
    } catch (e) {
      await writeConfigErrorReports(ctx, e);
      throw e;
    }
    const { colorEnabled } = await import("./core-DZW6A6XK.mjs");
    const result = await runGate(options, {
      ...sessionDeps(ctx),
      color: colorEnabled(ctx.env, ctx.isTTY)
    });
    for (const w of result.warnings) ctx.logger.warn(w);
    const err = result.error;
    if (err) {
      ctx.stderr(`error [${err.code}]: ${err.message}
  remedy: ${err.remedy}
`);
      for (const cause of err.causes ?? []) ctx.logger.debug(`  cause: ${cause}`);
    }
    if (result.left) ctx.stderr(`${result.left}
`);
    return { exitCode: result.exitCode, json: gateJson(result), text: result.consoleText };
  }
};
async function writeConfigErrorReports(ctx, e) {
  const { resolveReportPaths } = await import("./config-VUESOURU.mjs");
  const reports = resolveReportPaths(ctx.flags, ctx);
  if (Object.keys(reports).length === 0) return;
  const { configErrorRun } = await import("./gate-UGOYUX3S.mjs");
  const image = typeof ctx.flags.image === "string" && ctx.flags.image !== "" ? ctx.flags.image : void 0;
  await configErrorRun(
    e,
    { ...image ? { image } : {}, reports },
    { redactor: ctx.redactor, logger: ctx.logger }
  );
}

// src/cli/commands/attach-sbom.ts
var attachSbomCommand = {
  name: "attach-sbom",
  summary: "attach an SBOM to an image as a referrer (optionally signed)",
  flags: ["sbom", "attest", ...SIGNING_FLAGS.filter((f) => f !== "recursive" && f !== "force-sign")],
  required: ["image", "sbom"],
  examples: [
    "harbor-gate attach-sbom --image harbor.example.com/proj/app:1.2.3 --sbom sbom.spdx.json",
    "harbor-gate attach-sbom --image harbor.example.com/proj/app@sha256:... --sbom bom.cdx.json --json",
    "harbor-gate attach-sbom --image harbor.example.com/proj/app:1.2.3 --sbom bom.cdx.json --attest --signing-key cosign.key"
  ],
  async run(ctx) {
    requireStr(ctx, "sbom");
    const attest = bool(ctx, "attest");
    const options = await resolveOptions(ctx, { sign: attest, scan: false });
    const { prepareInputs, resolveSubject, sbomStep, attestSbomStep } = await import("./gate-UGOYUX3S.mjs");
    const prepared = await prepareInputs(options, ctx.env);
    const sbom = prepared.sbom;
    return withSession(options, sessionDeps(ctx), async ({ roles, ref }) => {
      const subject = await resolveSubject(roles.target, ref, "ATTACH_IMAGE_NOT_FOUND");
      const step = await sbomStep(roles.sboms, subject, sbom, {
        generate: false,
        timeoutMs: 0,
        logger: ctx.logger
      });
      rethrow(step.outcome);
      const attached = step.attached;
      ctx.logger.info(`attached ${sbom.format} SBOM to ${subject.digest}: ${attached.digest}`);
      const json = {
        subject: subject.digest,
        digest: attached.digest,
        artifactType: attached.artifactType,
        referrersApi: attached.referrersApi,
        format: sbom.format,
        sbomDigest: attached.sbomDigest
      };
      if (attest && roles.signer) {
        const att = await attestSbomStep(roles.signer, subject.digest, sbom, step.outcome);
        rethrow(att.outcome);
        const a = att.attestation;
        json.attestation = { digest: a.digest, artifactType: a.artifactType, predicateType: a.predicateType };
      }
      return { exitCode: 0, json, text: attached.digest };
    });
  }
};

// src/cli/commands/attach-vex.ts
import fs from "node:fs/promises";
var attachVexCommand = {
  name: "attach-vex",
  summary: "attach a VEX document to an image as a signed attestation",
  flags: ["vex", ...SIGNING_FLAGS.filter((f) => f !== "recursive" && f !== "force-sign")],
  required: ["image", "vex"],
  examples: [
    "harbor-gate attach-vex --image harbor.example.com/proj/app:1.2.3 --vex app.openvex.json --signing-key cosign.key",
    "harbor-gate attach-vex --image harbor.example.com/proj/app@sha256:... --vex bom.vex.cdx.json --json"
  ],
  async run(ctx) {
    const options = await resolveOptions(ctx, { sign: true, scan: false });
    const files = options.vexFiles;
    if (files.length !== 1) {
      throw inputError(
        files.length === 0 ? "CLI_MISSING_FLAG" : "CONFIG_CONFLICT",
        files.length === 0 ? "--vex is required" : `attach-vex attaches one VEX document, but --vex was given ${files.length} times`,
        "Give one --vex FILE; run attach-vex once per document."
      );
    }
    const vexFile = files[0];
    const { readVexInputs, resolveSubject } = await import("./gate-UGOYUX3S.mjs");
    await readVexInputs(options);
    const document = await fs.readFile(vexFile.file);
    return withSession(options, sessionDeps(ctx), async ({ roles, ref }) => {
      const subject = await resolveSubject(roles.target, ref, "ATTACH_IMAGE_NOT_FOUND");
      const signer = roles.signer;
      const att = await signer.attestVex(subject.digest, { document, name: vexFile.name });
      for (const w of att.warnings) ctx.logger.warn(w);
      ctx.logger.info(
        `attached ${att.statements} VEX statement(s) to ${subject.digest}: ${att.digest} (${att.predicateType})`
      );
      return {
        exitCode: 0,
        json: {
          subject: subject.digest,
          digest: att.digest,
          artifactType: att.artifactType,
          predicateType: att.predicateType,
          referrersApi: att.referrersApi,
          converted: att.converted,
          statements: att.statements,
          warnings: att.warnings
        },
        text: att.digest
      };
    });
  }
};

// src/cli/commands/scan.ts
var MAX_LISTED = 50;
function scanJson(r) {
  return {
    digest: r.digest,
    scanner: r.scanner ? `${r.scanner.name} ${r.scanner.version}`.trim() : null,
    status: r.status,
    counts: r.counts,
    fixable: r.fixable,
    vulnerabilities: dedupe(r.findings).map(findingRef)
  };
}
function scanText(r, image) {
  const rank = (s) => SEVERITIES.indexOf(s);
  const sorted = dedupe(r.findings).sort(
    (a, b) => rank(a.severity) - rank(b.severity) || (b.cvss?.score ?? 0) - (a.cvss?.score ?? 0)
  );
  const lines = [
    `${image}@${r.digest}`,
    `scan: ${cleanText(r.status, 40)}${r.scanner ? ` (${cleanText(`${r.scanner.name} ${r.scanner.version}`, 100)})` : ""}`,
    `vulnerabilities: ${SEVERITIES.map((s) => `${String(r.counts[s])} ${s}`).join(", ")}; ${String(r.fixable)} fixable`
  ];
  for (const p of r.platforms ?? [])
    lines.push(
      `  platform ${cleanText(p.platform, 60)}: ${cleanText(p.status, 40)} (${cleanText(p.digest, 80)})`
    );
  if (sorted.length > 0) lines.push("");
  for (const f of sorted.slice(0, MAX_LISTED)) {
    const fix = f.fixVersion ? `fixed in ${f.fixVersion}` : "no fix";
    const cvss = f.cvss ? ` CVSS ${f.cvss.score.toFixed(1)}` : "";
    lines.push(
      `  ${f.severity.toUpperCase().padEnd(8)} ${cleanText(f.id, 80)} ${cleanText(f.package, 200)} ${cleanText(f.version, 100)} (${cleanText(fix, 120)})${cvss}${f.platforms.length ? ` [${cleanText(f.platforms.join(", "), 200)}]` : ""}`
    );
  }
  if (sorted.length > MAX_LISTED)
    lines.push(`  ... and ${String(sorted.length - MAX_LISTED)} more (use --json for all)`);
  return lines.join("\n") + "\n";
}
var scanCommand = {
  name: "scan",
  summary: "trigger Harbor's scan, wait, print the findings",
  flags: ["harbor-url", "scan-timeout"],
  required: ["image"],
  examples: [
    "harbor-gate scan --image harbor.example.com/library/app:1.0 --username 'robot$library+ci' --password-stdin",
    "HARBOR_GATE_PASSWORD=... harbor-gate scan --image harbor.example.com/library/app@sha256:... --scan-timeout 15m --json"
  ],
  async run(ctx) {
    const options = await resolveOptions(ctx, { sign: false, scan: true });
    const { resolveSubject, scanStep } = await import("./gate-UGOYUX3S.mjs");
    return withSession(options, sessionDeps(ctx), async ({ roles, ref }) => {
      const digest = ref.digest ?? (await resolveSubject(roles.target, ref)).digest;
      const step = await scanStep(roles.vulnerabilities, digest, {
        timeoutMs: options.scan.timeoutMs,
        needAllowlists: false,
        logger: ctx.logger
      });
      for (const w of step.warnings) ctx.logger.warn(w);
      rethrow(step.outcome);
      const report = step.report;
      return {
        exitCode: 0,
        json: scanJson(report),
        text: scanText(report, `${ref.displayRegistry}/${ref.repository}`)
      };
    });
  }
};

// src/cli/commands/sign.ts
var signCommand = {
  name: "sign",
  summary: "sign an image, Cosign-compatible, stored as a referrer",
  flags: SIGNING_FLAGS,
  required: ["image"],
  examples: [
    "harbor-gate sign --image harbor.example.com/proj/app@sha256:\u2026   # keyless (GitHub OIDC / SIGSTORE_ID_TOKEN)",
    "COSIGN_PASSWORD=\u2026 harbor-gate sign --image harbor.example.com/proj/app:1.2.3 --signing-key cosign.key --signature-format both",
    "harbor-gate sign --image registry.example.com/proj/app:1 --recursive --json"
  ],
  async run(ctx) {
    const options = await resolveOptions(ctx, { sign: true, scan: false });
    const { resolveSubject, signStep } = await import("./gate-UGOYUX3S.mjs");
    return withSession(options, sessionDeps(ctx), async ({ roles, ref }) => {
      const subject = await resolveSubject(roles.target, ref, "SIGN_IMAGE_NOT_FOUND");
      const sign = options.sign;
      const step = await signStep(roles.signer, subject.digest, {
        format: sign.format,
        recursive: sign.recursive,
        force: sign.force,
        logger: ctx.logger
      });
      rethrow(step.outcome);
      const json = {
        subject: subject.digest,
        signatures: step.signatures.map((s) => ({
          digest: s.digest,
          format: s.format,
          artifactType: s.artifactType,
          subject: s.subject,
          ...s.tag !== void 0 ? { tag: s.tag } : {},
          ...s.referrersApi !== void 0 ? { referrersApi: s.referrersApi } : {},
          ...s.existing ? { existing: true } : {}
        }))
      };
      const text = step.signatures.map((s) => `${s.subject} ${s.format} ${s.digest}${s.existing ? " (already signed)" : ""}`).join("\n");
      return { exitCode: 0, json, text };
    });
  }
};

// src/cli/commands/verify.ts
var verifyCommand = {
  name: "verify",
  summary: "verify an image's signature (and SBOM) before deploying it",
  flags: [
    ...TRUST_FLAGS,
    "require-sbom",
    "require-gate-pass",
    "max-age",
    "policy",
    "require-provenance",
    "builder-id",
    "source-repo",
    "source-ref"
  ],
  required: ["image"],
  notes: [
    "--require-gate-pass takes the newest verdict that verifies, by its signed gatedOn (a log or TSA",
    "time that Sigstore verified can only make it older). Newest among those the registry lists: on",
    "a registry without the referrers API, anyone with push rights can rewrite the fallback index",
    "and hide a newer fail. --max-age is the defence: an old pass cannot be made younger.",
    "--policy FILE: the verdict must have been decided under this policy (same canonical digest)."
  ],
  examples: [
    "harbor-gate verify --image harbor.example.com/proj/app:1.2.3 --certificate-identity https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main --certificate-oidc-issuer https://token.actions.githubusercontent.com",
    "harbor-gate verify --image harbor.example.com/proj/app@sha256:\u2026 --key cosign.pub --require-sbom --json",
    "harbor-gate verify --image harbor.example.com/proj/app:1.2.3 --key cosign.pub --require-gate-pass --max-age 7d --policy policy.yaml",
    "harbor-gate verify --image harbor.example.com/proj/app:1.2.3 --certificate-identity https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main --certificate-oidc-issuer https://token.actions.githubusercontent.com --require-provenance --builder-id https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main --source-repo https://github.com/acme/app --source-ref refs/heads/main"
  ],
  async run(ctx) {
    const options = await resolveOptions(ctx, { sign: false, scan: false });
    if (str(ctx, "policy") !== void 0 && !options.requireGatePass) {
      ctx.logger.warn(
        "--policy (or HARBOR_GATE_POLICY) is checked by verify only with --require-gate-pass: the verdict must have been decided under it. Ignored."
      );
    }
    const { explicitTrust, resolveSubject } = await import("./gate-UGOYUX3S.mjs");
    const trust = await explicitTrust(options);
    if (!trust || trust.key === void 0 && trust.identity === void 0 && trust.identityRegexp === void 0) {
      throw inputError(
        "VERIFY_NO_IDENTITY",
        "verify needs to know whose signature counts",
        "Give --key cosign.pub, or --certificate-identity (or --certificate-identity-regexp) with --certificate-oidc-issuer."
      );
    }
    return withSession(options, sessionDeps(ctx), async ({ roles, ref }) => {
      const subject = await resolveSubject(roles.target, ref, "SIGN_IMAGE_NOT_FOUND");
      const res = await roles.verifier.verify(subject.digest, trust, {
        requireSbom: bool(ctx, "require-sbom")
      });
      const gate = options.requireGatePass ? await roles.attestations.gateVerdict(subject.digest, trust, {
        ...options.maxAgeMs !== void 0 ? { maxAgeMs: options.maxAgeMs } : {},
        ...options.gatePolicy ? { policy: options.gatePolicy } : {},
        now: new Date(roles.clock.now())
      }) : void 0;
      const prov = options.requireProvenance ? await roles.attestations.provenance(subject.digest, trust, options.requireProvenance) : void 0;
      const json = {
        subject: subject.digest,
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
        ...res.reason !== void 0 ? { reason: res.reason } : {},
        ...gate ? {
          gateVerdict: {
            ok: gate.ok,
            reason: gate.reason,
            verdict: gate.predicate?.verdict ?? null,
            gatedOn: gate.predicate?.gatedOn ?? null,
            policyDigest: gate.predicate?.policy.digest ?? null,
            attestation: gate.attestation ?? null,
            ignored: gate.ignored
          }
        } : {},
        ...prov ? {
          provenance: {
            ok: prov.ok,
            reason: prov.reason,
            builderId: prov.facts?.builderId ?? null,
            sourceRepo: prov.facts?.sourceRepo ?? null,
            sourceRef: prov.facts?.sourceRef ?? null,
            commit: prov.facts?.commit ?? null,
            invocationId: prov.facts?.invocationId ?? null,
            attestation: prov.attestation ?? null,
            ignored: prov.ignored
          }
        } : {}
      };
      const lines = res.signatures.map(
        (s) => `${s.ok ? "ok      " : "rejected"} ${s.format} ${s.digest} ${cleanText(s.identity ?? "")}: ${cleanText(s.reason)}`
      );
      lines.push(
        res.verified ? `verified ${subject.digest}${res.sbom ? ` (SBOM ${res.sbom.digest})` : ""}` : `NOT verified ${subject.digest}: ${cleanText(res.reason ?? "")}`
      );
      if (!res.verified) ctx.logger.error(`verification failed: ${cleanText(res.reason ?? "")}`);
      if (gate) {
        for (const i of gate.ignored)
          lines.push(`ignored  verdict ${cleanText(i.digest, 100)}: ${cleanText(i.reason)}`);
        lines.push(`${gate.ok ? "gate pass" : "NO gate pass"}: ${cleanText(gate.reason)}`);
        if (!gate.ok) ctx.logger.error(`--require-gate-pass: ${cleanText(gate.reason)}`);
      }
      if (prov) {
        for (const i of prov.ignored)
          lines.push(`ignored  provenance ${cleanText(i.digest, 100)}: ${cleanText(i.reason)}`);
        if (prov.facts) {
          const f = prov.facts;
          lines.push(
            `provenance: builder ${cleanText(f.builderId, 300)}; source ${cleanText(f.sourceRepo, 300)}@${cleanText(f.sourceRef, 200)} commit ${cleanText(f.commit, 80)}; run ${cleanText(f.invocationId, 300)}`
          );
        }
        lines.push(`${prov.ok ? "provenance ok" : "NO provenance match"}: ${cleanText(prov.reason)}`);
        if (!prov.ok) ctx.logger.error(`--require-provenance: ${cleanText(prov.reason)}`);
      }
      const ok = res.verified && (gate?.ok ?? true) && (prov?.ok ?? true);
      return { exitCode: ok ? 0 : 1, json, text: lines.join("\n") };
    });
  }
};

// src/cli/commands/index.ts
var COMMANDS = [
  pushCommand,
  attachSbomCommand,
  attachVexCommand,
  signCommand,
  provenanceCommand,
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
    cwd: process.cwd(),
    signals: process,
    exitNow: (code) => process.exit(code)
  };
}
function commandFlags(command) {
  const common = COMMON_FLAGS.filter((n) => command.registry !== false || FLAGS[n].group === "output");
  return [.../* @__PURE__ */ new Set([...command.flags, ...common])];
}
function parseFlags(command, argv, env) {
  const allowed = commandFlags(command);
  const options = {};
  for (const name of allowed) {
    const spec = FLAGS[name];
    options[name] = spec.type === "boolean" ? { type: "boolean" } : { type: "string", multiple: spec.type === "multi" };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: false });
  } catch (e) {
    throw badFlag(command, allowed, argv, e);
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
      const v = parseBoolean(fromEnv);
      if (v !== void 0) values[name] = v;
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
function badFlag(command, allowed, argv, e) {
  const msg = e.message.replace(/\. To specify.*$/s, "");
  const unknown = /Unknown option '--?([^']+)'/.exec(msg)?.[1];
  let remedy = `Run 'harbor-gate ${command.name} --help' for the flags it takes.`;
  if (unknown === "password" || argv.some((a) => a.startsWith("--password="))) {
    return inputError(
      "CLI_BAD_FLAG",
      `${command.name}: there is no --password flag (a password in the command line shows in process lists and shell history)`,
      'Set HARBOR_GATE_PASSWORD, or pipe the password in: echo "$PASSWORD" | harbor-gate ... --password-stdin',
      e
    );
  }
  if (unknown !== void 0) {
    const hint = suggest(unknown, allowed);
    const elsewhere = hint ? void 0 : COMMANDS.find((c) => c.flags.includes(unknown));
    if (hint) remedy = `Did you mean --${hint}? ${remedy}`;
    else if (elsewhere) remedy = `--${unknown} belongs to 'harbor-gate ${elsewhere.name}'. ${remedy}`;
  }
  return inputError("CLI_BAD_FLAG", `${command.name}: ${msg}`, remedy, e);
}
function unknownEnvWarnings(env) {
  const known = new Set(Object.keys(FLAGS).map(envName));
  for (const extra of SECRET_ENV_NAMES) known.add(extra);
  const out = [];
  for (const name of Object.keys(env)) {
    if (!name.startsWith("HARBOR_GATE_") || known.has(name)) continue;
    const hint = suggest(name, [...known]);
    out.push(
      `${name} is set but harbor-gate reads no such variable${hint ? `: did you mean ${hint}?` : " (it is ignored)"}`
    );
  }
  return out;
}
function valueName(n) {
  const spec = FLAGS[n];
  return spec.value ?? "";
}
function flagHelp(command) {
  const names = commandFlags(command);
  const required = command.required ?? [];
  const line = (n, mark = "") => {
    const spec = FLAGS[n];
    const left = `--${n}${spec.value ? " " + spec.value : ""}`;
    return `  ${left.padEnd(34)} ${mark}${spec.description.replace(/ \(required\)$/, "")}`;
  };
  const out = [];
  if (required.length > 0) out.push("Required:", ...required.map((n) => line(n)), "");
  const groups = Object.keys(FLAG_GROUPS);
  for (const g of groups) {
    const inGroup = names.filter((n) => FLAGS[n].group === g && !required.includes(n));
    if (inGroup.length === 0) continue;
    out.push(`${FLAG_GROUPS[g]}:`, ...inGroup.map((n) => line(n)), "");
  }
  return out;
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
  const usage = (command.required ?? []).map((n) => `--${n} ${valueName(n)}`.trim()).join(" ");
  return [
    `harbor-gate ${command.name}: ${command.summary}`,
    "",
    `Usage: harbor-gate ${command.name} ${usage ? usage + " " : ""}[flags]`,
    "",
    ...flagHelp(command),
    ...command.notes ? ["Notes:", ...command.notes.map((n) => `  ${n}`), ""] : [],
    "Examples:",
    ...command.examples.map((e) => `  ${e}`)
  ].join("\n") + "\n";
}
async function main(argv, env = process.env, io = defaultIO()) {
  const redactor = new Redactor();
  for (const name2 of SECRET_ENV_NAMES) redactor.add(env[name2]);
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
  const wantsJson = rest.includes("--json") || parseBoolean(env.HARBOR_GATE_JSON ?? "") === true;
  const wantsDebug = rest.includes("--debug") || parseBoolean(env.HARBOR_GATE_DEBUG ?? "") === true;
  const logger = closableLogger(
    redactingLogger(
      streamLogger({
        debug: wantsDebug,
        write: (line) => {
          io.stderr(line + "\n");
        }
      }),
      redactor
    )
  );
  try {
    if (!command) {
      const hint = suggest(
        name,
        COMMANDS.map((c) => c.name)
      );
      throw inputError(
        "CLI_UNKNOWN_COMMAND",
        `unknown command '${name}'`,
        `${hint ? `Did you mean '${hint}'? ` : ""}Use one of: ${COMMANDS.map((c) => c.name).join(", ")}. Run 'harbor-gate --help'.`
      );
    }
    if (rest.includes("--help") || rest.includes("-h")) {
      io.stdout(helpText(command));
      return 0;
    }
    const flags = parseFlags(command, rest, env);
    for (const w of unknownEnvWarnings(env)) logger.warn(w);
    const { resolveTimeout } = await import("./config-VUESOURU.mjs");
    const timeoutMs = resolveTimeout(flags, command.name);
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
        io.stderr(cleanLines(redactor.redact(t)));
      },
      progress: (t) => {
        io.stderr(redactor.redact(t));
      },
      isTTY: io.isTTY,
      cwd: io.cwd,
      ...io.lookup ? { lookup: io.lookup } : {}
    };
    for (const req of command.required ?? []) {
      const v = flags[req];
      if (v === void 0 || v === "" || Array.isArray(v) && v.length === 0) {
        const missing = inputError(
          "CLI_MISSING_FLAG",
          `${command.name}: --${req} is required`,
          `Give --${req} ${valueName(req)} (or set ${envName(req)}). Run 'harbor-gate ${command.name} --help'.`.replace(
            "  ",
            " "
          )
        );
        await command.configError?.(ctx, missing);
        throw missing;
      }
    }
    const cancel = io.signals ? listenForCancel(io.signals, (code, sig) => {
      io.stderr(`harbor-gate: ${sig} again: exiting at once
`);
      (io.exitNow ?? ((c) => process.exit(c)))(code);
    }) : void 0;
    cancel?.signal.addEventListener("abort", () => {
      io.stderr(
        `harbor-gate: ${cancel.received ?? "signal"}: cancelling the running step (again to exit at once)
`
      );
    });
    let result;
    try {
      result = await runWithDeadline(timeoutMs, command.name, (deadline) => {
        const signal = deadline && cancel ? AbortSignal.any([deadline, cancel.signal]) : deadline ?? cancel?.signal;
        return command.run(signal ? { ...ctx, signal } : ctx);
      });
    } finally {
      cancel?.dispose();
    }
    logger.close();
    if (wantsJson) io.stdout(redactor.redact(JSON.stringify(result.json)) + "\n");
    else if (result.text)
      io.stdout(redactor.redact(result.text.endsWith("\n") ? result.text : result.text + "\n"));
    return result.exitCode;
  } catch (e) {
    logger.close();
    const err = toGateError(e);
    const message = cleanLines(redactor.redact(err.message));
    const remedy = cleanLines(redactor.redact(err.remedy));
    io.stderr(`error [${err.code}]: ${message}
  remedy: ${remedy}
`);
    if (wantsDebug) {
      let cause = err.cause ?? (err.code === "INTERNAL" ? err : void 0);
      for (let depth = 0; cause !== void 0 && depth < 5; depth++) {
        io.stderr(
          cleanLines(
            redactor.redact(
              `  cause: ${cause instanceof Error ? cause.stack ?? cause.message : JSON.stringify(cause)}`
            )
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
  commandFlags,
  defaultIO,
  helpText,
  main,
  parseFlags,
  unknownEnvWarnings
};
