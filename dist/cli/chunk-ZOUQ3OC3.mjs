import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  cutJson,
  cutList,
  deepFreeze,
  errorJson,
  renderConsole,
  renderMarkdown,
  renderReports,
  vexNoteJson,
  violationJson,
  waiverJson
} from "./chunk-E4NWHGAY.mjs";
import {
  HarborClient,
  harborTarget,
  harborWouldBlock,
  versionAtLeast
} from "./chunk-HDSIMEN3.mjs";
import {
  DEFAULT_POLICY,
  dedupe,
  evaluate
} from "./chunk-UH3AUMJ6.mjs";
import {
  readVexFiles
} from "./chunk-7ATBZ5R2.mjs";
import {
  loadSbom
} from "./chunk-YTJSBXPN.mjs";
import {
  MANIFEST_ACCEPT,
  checkTargetDigest,
  createProgress,
  createRegistryClient,
  openSource,
  parseReference,
  parseSource,
  pushImage,
  pushSummary,
  tagsWritten
} from "./chunk-7DIQSUN7.mjs";
import {
  Redactor,
  silentLogger
} from "./chunk-IAKPOWWN.mjs";
import {
  GateError,
  STEP_NAMES,
  TOOL_NAME,
  TOOL_URI,
  VERSION,
  cleanText,
  describe,
  emptyCounts,
  inputError,
  shortDigest,
  systemClock,
  toGateError,
  writeFileNoFollow
} from "./chunk-6AKVQXYQ.mjs";

// src/gate/session.ts
import fs from "node:fs/promises";

// src/gate/harbor-source.ts
var HarborSource = class {
  constructor(opts) {
    this.opts = opts;
    this.resolvedUrl = opts.harborUrl;
  }
  opts;
  opening;
  resolvedUrl;
  get baseUrl() {
    return this.resolvedUrl ?? this.opts.registry.baseUrl(this.opts.ref.registry);
  }
  get target() {
    return harborTarget(this.opts.ref, this.baseUrl);
  }
  async preflight() {
    const pre = await (await this.client()).preflight(this.target);
    return {
      warnings: pre.warnings,
      ...pre.harborVersion !== void 0 ? { version: pre.harborVersion } : {}
    };
  }
  async scan(digest, opts) {
    return (await this.client()).scan(this.target, digest, opts);
  }
  async projectSettings() {
    const c = await this.client();
    const settings = await c.getProjectSettings(this.target.project);
    const allowlists = await c.getAllowlists(this.target.project);
    return { settings, allowlists };
  }
  async generateSbom(digest, opts) {
    const res = await (await this.client()).generateSbom(this.target, digest, opts);
    return { sbomDigest: res.sbomDigest, mediaType: res.mediaType };
  }
  /** Opened once: the scan and an SBOM generation may ask at the same time. */
  client() {
    return this.opening ??= this.connect();
  }
  async connect() {
    const { registry, ref, poll } = this.opts;
    if (!this.resolvedUrl) {
      await registry.resolveScheme(ref.registry);
      this.resolvedUrl = registry.baseUrl(ref.registry);
    }
    const target = this.target;
    const host = new URL(target.baseUrl).host;
    const cred = await registry.auth.credentialFor(host);
    const pair = cred && "password" in cred ? cred : void 0;
    return new HarborClient({
      http: registry.http,
      baseUrl: target.baseUrl,
      ...pair ? { username: pair.username, password: pair.password } : {},
      plainHttp: this.opts.plainHttp,
      logger: this.opts.logger,
      ...this.opts.clock ? { clock: this.opts.clock } : {},
      ...poll ? {
        pollMinMs: poll.minMs,
        pollMaxMs: poll.maxMs,
        ...poll.missingGraceMs !== void 0 ? { missingGraceMs: poll.missingGraceMs } : {}
      } : {}
    });
  }
};

// src/gate/registry-roles.ts
var RegistryTarget = class {
  constructor(opts) {
    this.opts = opts;
    this.name = `${opts.repo.registry}/${opts.repo.name}`;
  }
  opts;
  name;
  resolve(reference) {
    return this.opts.repo.resolve(reference);
  }
  async checkPush(sourceSpec) {
    if (sourceSpec !== void 0 && parseReference(this.opts.image).digest !== void 0) {
      const source = await this.open(sourceSpec);
      try {
        checkTargetDigest(source, parseReference(this.opts.image));
      } finally {
        await source.close();
      }
    }
    await this.opts.repo.checkPush();
  }
  open(sourceSpec) {
    const o = this.opts;
    const openOpts = { logger: o.logger, cwd: o.cwd, env: o.env };
    return o.openSource ? o.openSource(sourceSpec, openOpts) : openSource(parseSource(sourceSpec), openOpts);
  }
  async push(sourceSpec, tags) {
    const o = this.opts;
    const source = await this.open(sourceSpec);
    try {
      const result = await pushImage(source, parseReference(o.image), {
        client: o.repo.client,
        tags,
        ...o.mountFrom ? { mountFrom: o.mountFrom } : {},
        logger: o.logger,
        progress: createProgress({
          tty: o.isTTY,
          logger: o.logger,
          write: o.progressWrite,
          clock: o.repo.client.clock
        })
      });
      const root = source.root.descriptor;
      return {
        descriptor: root.digest === result.digest ? root : { ...root, digest: result.digest },
        result
      };
    } finally {
      await source.close();
    }
  }
  async tag(descriptor, tags) {
    if (tags.length === 0) return;
    const repo = this.opts.repo;
    const manifest = await repo.fetchManifest(descriptor.digest, MANIFEST_ACCEPT);
    if (!manifest) {
      throw inputError(
        "IMAGE_NOT_FOUND",
        `${this.name}@${descriptor.digest} is not in the registry`,
        "Push it first, or give --source to have the gate push it."
      );
    }
    for (const tag of tags) await repo.pushManifest(tag, manifest.bytes, manifest.descriptor.mediaType);
  }
};
var ReferrerSboms = class {
  constructor(opts) {
    this.opts = opts;
  }
  opts;
  async attachSbom(subject, sbom) {
    const { attachSbom } = await import("./sbom-T4ODX3HF.mjs");
    const res = await attachSbom(this.opts.repo, subject, sbom);
    return {
      digest: res.digest,
      artifactType: res.artifactType,
      referrersApi: res.referrersApi,
      sbomDigest: res.sbomDigest
    };
  }
  async validSbom(digest) {
    const { findValidSbom } = await import("./sign-YBKW52SQ.mjs");
    const found = await findValidSbom(this.opts.repo, digest);
    return {
      ...found.sbom ? { sbom: { digest: found.sbom.digest, format: found.sbom.format } } : {},
      rejected: found.rejected.map((r) => `${r.digest}: ${r.reason}`)
    };
  }
};

// src/gate/sigstore-roles.ts
import crypto from "node:crypto";
var SigstoreVerifier = class {
  constructor(opts) {
    this.opts = opts;
  }
  opts;
  async verify(digest, trust, opts) {
    const { verifyImage } = await import("./sign-YBKW52SQ.mjs");
    const res = await verifyImage(this.opts.repo, digest, {
      ...this.trust(trust),
      requireSbom: opts.requireSbom
    });
    return {
      verified: res.verified,
      signatures: res.signatures,
      sbom: res.sbom,
      ...res.reason !== void 0 ? { reason: res.reason } : {}
    };
  }
  async vexAttestations(digest, trust) {
    const { readVexAttestations } = await import("./sign-YBKW52SQ.mjs");
    const res = await readVexAttestations(this.opts.repo, digest, this.trust(trust));
    return {
      statements: res.statements,
      applied: res.attestations.map((a) => ({
        digest: a.digest,
        signer: a.signer,
        statements: a.document.statements.length
      })),
      ignored: res.ignored
    };
  }
  async gateVerdict(digest, trust, opts) {
    const { verifyGateVerdict } = await import("./sign-YBKW52SQ.mjs");
    return verifyGateVerdict(this.opts.repo, digest, this.trust(trust), opts);
  }
  async provenance(digest, trust, expect) {
    const { verifyProvenance } = await import("./sign-YBKW52SQ.mjs");
    return verifyProvenance(this.opts.repo, digest, this.trust(trust), expect);
  }
  /** The trust in force, as sign/ takes it (signature and attestation verification alike). */
  trust(trust) {
    return {
      ...trust.key !== void 0 ? { key: trust.key } : {},
      ...trust.identity !== void 0 ? { identity: trust.identity } : {},
      ...trust.identityRegexp !== void 0 ? { identityRegexp: trust.identityRegexp } : {},
      ...trust.issuer !== void 0 ? { issuer: trust.issuer } : {},
      ...trust.trustedRoot !== void 0 ? { trustedRoot: trust.trustedRoot } : {},
      logger: this.opts.logger
    };
  }
};
var SigstoreSigner = class {
  constructor(opts) {
    this.opts = opts;
  }
  opts;
  keylessIdentity;
  /** The CI whose provenance was prepared (checked before the push). */
  provenanceCi;
  /** The scan and verdict attestations this run wrote: what supersede() keeps. */
  written = [];
  /** The signing options for an attestation, in the format asked for. */
  get attesting() {
    return { ...this.opts.signing, format: this.opts.format ?? "bundle" };
  }
  async ownTrust() {
    const key = this.opts.signing.key;
    if (key) {
      const { publicKeyHint } = await import("./sign-YBKW52SQ.mjs");
      const pem = crypto.createPublicKey(key).export({ format: "pem", type: "spki" }).toString();
      return { key: pem, description: `the gate\u2019s signing key (${publicKeyHint(key)})` };
    }
    const id = this.keylessIdentity;
    if (!id) return void 0;
    return {
      identity: id.identity,
      issuer: id.issuer,
      ...this.opts.trustedRoot ? { trustedRoot: this.opts.trustedRoot } : {},
      description: `the gate\u2019s keyless identity ${id.identity} (${id.issuer})`
    };
  }
  async sign(digest, opts) {
    const { signImage } = await import("./sign-YBKW52SQ.mjs");
    let format = opts.format;
    const kept = [];
    if (!opts.force && !opts.recursive) {
      const found = await this.existingSignatures(digest, opts.format);
      const wanted = format === "both" ? ["bundle", "legacy"] : [format];
      for (const f of wanted) {
        const c = found.find((x) => x.format === f);
        if (c) kept.push(c);
      }
      const missing = wanted.filter((f) => !kept.some((k) => k.format === f));
      if (missing.length === 0) return kept;
      format = missing.length === 1 ? missing[0] : format;
    }
    const res = await signImage(this.opts.repo, digest, {
      ...this.opts.signing,
      format,
      recursive: opts.recursive
    });
    for (const s of res.signatures) {
      if (s.identity && s.issuer) this.keylessIdentity ??= { identity: s.identity, issuer: s.issuer };
    }
    return [
      ...res.signatures.map((s) => ({
        subject: s.subject,
        digest: s.digest,
        format: s.format,
        artifactType: s.artifactType,
        ...s.tag !== void 0 ? { tag: s.tag } : {},
        ...s.referrersApi !== void 0 ? { referrersApi: s.referrersApi } : {},
        ...s.bundle !== void 0 ? { bundle: s.bundle } : {}
      })),
      ...kept
    ];
  }
  /** This signer's signatures of `digest` that verify already (none when that cannot be checked). */
  async existingSignatures(digest, format) {
    const { ownSigningTrust, existingSignatures, BUNDLE_MEDIA_TYPE, SIMPLE_SIGNING_MEDIA_TYPE } = await import("./sign-YBKW52SQ.mjs");
    const logger = this.opts.signing.logger;
    let own;
    try {
      own = await ownSigningTrust(this.opts.signing, this.opts.trustedRoot);
    } catch {
      return [];
    }
    if (!own) return [];
    if (own.identity) this.keylessIdentity ??= own.identity;
    const found = await existingSignatures(
      this.opts.repo,
      digest,
      { ...own.trust, ...logger ? { logger } : {} },
      format,
      logger
    );
    return found.verified.map((c) => ({
      subject: digest,
      digest: c.digest,
      format: c.format,
      artifactType: c.format === "bundle" ? BUNDLE_MEDIA_TYPE : SIMPLE_SIGNING_MEDIA_TYPE,
      existing: true
    }));
  }
  /** The trust that verifies this signer's own attestations, when it can be checked. */
  async ownAttestationTrust() {
    const own = await this.ownTrust();
    if (!own) return void 0;
    const { DEFAULT_FULCIO_URL } = await import("./sign-YBKW52SQ.mjs");
    const fulcio = this.opts.signing.fulcioUrl;
    if (!own.key && !own.trustedRoot && fulcio !== void 0 && fulcio !== DEFAULT_FULCIO_URL)
      return void 0;
    const logger = this.opts.signing.logger;
    return {
      ...own.key !== void 0 ? { key: own.key } : {},
      ...own.identity !== void 0 ? { identity: own.identity } : {},
      ...own.issuer !== void 0 ? { issuer: own.issuer } : {},
      ...own.trustedRoot !== void 0 ? { trustedRoot: own.trustedRoot } : {},
      ...logger ? { logger } : {}
    };
  }
  /** Keep the keyless identity an attestation was signed with (whose older ones to supersede). */
  noted(a) {
    if (a.identity && a.issuer) this.keylessIdentity ??= { identity: a.identity, issuer: a.issuer };
    return a;
  }
  async supersede(digest) {
    const { supersedeAttestations, referrerBudget } = await import("./sign-YBKW52SQ.mjs");
    let deleted = [];
    let failed2 = [];
    const trust = this.written.length > 0 ? await this.ownAttestationTrust() : void 0;
    if (trust) {
      ({ deleted, failed: failed2 } = await supersedeAttestations(this.opts.repo, digest, trust, this.written));
    }
    const budget = await referrerBudget(this.opts.repo, digest);
    return {
      deleted,
      failed: failed2,
      referrers: budget.count,
      ...budget.warning !== void 0 ? { warning: budget.warning } : {}
    };
  }
  async attestSbom(digest, sbom) {
    const { attestSbom, identicalAttestation, PredicateType, BUNDLE_MEDIA_TYPE, DSSE_ENVELOPE_MEDIA_TYPE } = await import("./sign-YBKW52SQ.mjs");
    const format = sbom.format.startsWith("cyclonedx") ? "cyclonedx" : "spdx";
    const predicateType = format === "cyclonedx" ? PredicateType.CycloneDx : PredicateType.Spdx;
    const trust = await this.ownAttestationTrust();
    const same = trust ? await identicalAttestation(
      this.opts.repo,
      digest,
      trust,
      predicateType,
      sbom.document,
      this.opts.format ?? "bundle"
    ) : void 0;
    if (same) {
      return {
        subject: digest,
        digest: same.digest,
        artifactType: same.format === "bundle" ? BUNDLE_MEDIA_TYPE : DSSE_ENVELOPE_MEDIA_TYPE,
        predicateType,
        referrersApi: same.format === "bundle",
        existing: true
      };
    }
    return this.noted(
      await attestSbom(this.opts.repo, digest, { format, document: sbom.document }, this.attesting)
    );
  }
  async attestScan(digest, report) {
    const { attestVulnScan } = await import("./sign-YBKW52SQ.mjs");
    const a = this.noted(await attestVulnScan(this.opts.repo, digest, report, this.attesting));
    this.written.push({ digest: a.digest, predicateType: a.predicateType });
    return a;
  }
  async attestVerdict(digest, predicate) {
    const { attestVerdict } = await import("./sign-YBKW52SQ.mjs");
    const a = this.noted(await attestVerdict(this.opts.repo, digest, predicate, this.attesting));
    this.written.push({ digest: a.digest, predicateType: a.predicateType });
    return a;
  }
  async attestVex(digest, vex) {
    const { attestVex } = await import("./sign-YBKW52SQ.mjs");
    const res = await attestVex(this.opts.repo, digest, vex, this.attesting);
    return {
      subject: res.subject,
      digest: res.digest,
      artifactType: res.artifactType,
      predicateType: res.predicateType,
      referrersApi: res.referrersApi,
      converted: res.converted,
      statements: res.statements,
      warnings: res.warnings
    };
  }
  async prepareProvenance(ci) {
    this.provenanceCi = ci;
    const { prepareProvenance } = await import("./sign-YBKW52SQ.mjs");
    const p = await prepareProvenance(ci, this.opts.signing);
    return { source: p.source, facts: p.facts };
  }
  async attestProvenance(digest, opts) {
    const ci = this.provenanceCi;
    if (ci === void 0) {
      throw new GateError({
        code: "INTERNAL",
        message: "provenance attested before it was prepared",
        remedy: "Report this as a bug.",
        kind: "infra"
      });
    }
    const { attestProvenance, prepareProvenance } = await import("./sign-YBKW52SQ.mjs");
    const prepared = await prepareProvenance(ci, this.opts.signing);
    const written = await attestProvenance(this.opts.repo, digest, prepared, {
      ...opts,
      ...this.opts.signing.logger ? { logger: this.opts.signing.logger } : {}
    });
    return { source: prepared.source, facts: prepared.facts, written };
  }
};

// src/gate/session.ts
async function openSession(options, deps) {
  const ref = parseReference(options.image);
  const redactor = deps.redactor ?? new Redactor();
  redactor.addCredential(options.username, options.password);
  redactor.add(options.sign?.keyPassword);
  redactor.add(options.sign?.identityToken);
  const registry = createRegistryClient({
    env: deps.env,
    logger: deps.logger,
    redactor,
    plainHttp: options.plainHttp,
    hosts: options.credentialHosts,
    ...options.username !== void 0 ? { username: options.username } : {},
    ...options.password !== void 0 ? { password: options.password } : {},
    ...options.caFile !== void 0 ? { caFile: options.caFile } : {},
    ...deps.clock ? { clock: deps.clock } : {},
    ...deps.lookup ? { lookup: deps.lookup } : {},
    ...deps.signal ? { signal: deps.signal } : {}
  });
  try {
    const repo = registry.repository(ref.registry, ref.repository);
    const clock = deps.clock ?? systemClock;
    const signing = options.sign ? await signingOptions(options, registry, deps, redactor) : void 0;
    const verifier = new SigstoreVerifier({ repo, logger: deps.logger });
    const roles = {
      target: new RegistryTarget({
        repo,
        image: options.image,
        ...options.mountFrom ? { mountFrom: options.mountFrom } : {},
        logger: deps.logger,
        cwd: deps.cwd ?? process.cwd(),
        env: deps.env,
        isTTY: deps.isTTY ?? false,
        progressWrite: deps.progressWrite ?? ((t) => process.stderr.write(t)),
        ...deps.openSource ? { openSource: deps.openSource } : {}
      }),
      sboms: new ReferrerSboms({ repo }),
      verifier,
      attestations: verifier,
      ...signing ? {
        signer: new SigstoreSigner({
          repo,
          signing,
          format: options.sign?.format ?? "bundle",
          ...options.trust?.trustedRoot ? { trustedRoot: options.trust.trustedRoot } : {}
        })
      } : {},
      clock,
      logger: deps.logger
    };
    if (options.scan) {
      roles.vulnerabilities = new HarborSource({
        ref,
        ...options.scan.harborUrl ? { harborUrl: options.scan.harborUrl } : {},
        registry,
        plainHttp: options.plainHttp,
        logger: deps.logger,
        ...deps.clock ? { clock: deps.clock } : {},
        ...deps.harborPoll ? { poll: deps.harborPoll } : {}
      });
    }
    return {
      ref,
      roles,
      registry,
      close: () => {
        registry.close();
      }
    };
  } catch (e) {
    registry.close();
    throw e;
  }
}
async function signingOptions(options, registry, deps, redactor) {
  const sign = options.sign;
  let key;
  if (sign.keyFile) {
    let text;
    try {
      text = await fs.readFile(sign.keyFile, "utf8");
    } catch (e) {
      throw inputError(
        "SIGN_KEY_UNREADABLE",
        `cannot read --signing-key ${sign.keyFile}`,
        "Check the path of --signing-key (a cosign key file or PKCS#8 PEM private key).",
        e
      );
    }
    const { loadSigningKey } = await import("./sign-YBKW52SQ.mjs");
    key = loadSigningKey(text, sign.keyPassword, sign.keyPasswordVariable);
  }
  return {
    // Keyless signing on GitHub Actions fetches the runner's OIDC token over HTTP: with this
    // client, so --ca-file and the proxy settings apply to it too.
    http: registry.http,
    ...key ? { key } : {},
    ...sign.identityToken ? { identityToken: sign.identityToken } : {},
    env: deps.env,
    ...sign.fulcioUrl ? { fulcioUrl: sign.fulcioUrl } : {},
    ...sign.rekorUrl ? { rekorUrl: sign.rekorUrl } : {},
    ...sign.tsaUrl ? { tsaUrl: sign.tsaUrl } : {},
    tlogUpload: sign.tlogUpload,
    logger: deps.logger,
    // Tokens fetched at run time (GitHub OIDC, the request bearer) are never printed.
    onSecret: (secret) => {
      redactor.onSecret(secret);
    },
    ...deps.signing ?? {}
  };
}
async function explicitTrust(options) {
  const t = options.trust;
  if (!t) return void 0;
  let key;
  if (t.keyFile) {
    try {
      key = await fs.readFile(t.keyFile, "utf8");
    } catch (e) {
      throw inputError(
        "VERIFY_KEY_INVALID",
        `cannot read --key ${t.keyFile}`,
        "Give the path of the PEM public key (cosign.pub).",
        e
      );
    }
  }
  const { loadPublicKey, loadTrustedRoot } = await import("./sign-YBKW52SQ.mjs");
  if (key !== void 0) {
    try {
      loadPublicKey(key);
    } catch (e) {
      throw inputError(
        "VERIFY_KEY_INVALID",
        `--key ${t.keyFile ?? ""} is not a public key: ${e instanceof Error ? e.message : String(e)}`,
        "Give the PEM public key (cosign.pub), not the private key file.",
        e
      );
    }
  }
  if (t.trustedRoot !== void 0) await loadTrustedRoot({ trustedRoot: t.trustedRoot });
  const who = key ? `the key ${t.keyFile ?? ""}` : `the identity ${t.identity ?? t.identityRegexp ?? "(any)"} (${t.issuer ?? "any issuer"})`;
  return {
    ...key !== void 0 ? { key } : {},
    ...t.identity !== void 0 ? { identity: t.identity } : {},
    ...t.identityRegexp !== void 0 ? { identityRegexp: t.identityRegexp } : {},
    ...t.issuer !== void 0 ? { issuer: t.issuer } : {},
    ...t.trustedRoot !== void 0 ? { trustedRoot: t.trustedRoot } : {},
    description: who
  };
}

// src/gate/outcome.ts
function skipped(detail) {
  return { status: "skipped", seconds: 0, ...detail ? { detail } : {} };
}
var MAX_CAUSES = 5;
function stepError(e) {
  const err = toGateError(e);
  const causes = [];
  let cause = err.cause;
  for (let depth = 0; cause !== void 0 && cause !== null && depth < MAX_CAUSES; depth++) {
    causes.push(cleanText(describe(cause), 500));
    cause = cause instanceof Error ? cause.cause : void 0;
  }
  return {
    code: err.code,
    message: err.message,
    remedy: err.remedy,
    exitCode: err.exitCode,
    ...causes.length > 0 ? { causes } : {}
  };
}
function failed(step, e, seconds) {
  const error = stepError(e);
  return { status: "failed", seconds, detail: `${step} failed`, error };
}
function elapsed(t0) {
  return Math.round(performance.now() - t0) / 1e3;
}

// src/gate/scan-step.ts
async function preflightStep(source) {
  const t0 = performance.now();
  try {
    return { preflight: await source.preflight() };
  } catch (e) {
    return { outcome: failed("Harbor's preflight", e, elapsed(t0)) };
  }
}
async function scanStep(source, digest, opts) {
  const t0 = performance.now();
  const warnings = [];
  let harborAnswered = false;
  try {
    const pre = opts.preflight ?? await source.preflight();
    harborAnswered = true;
    warnings.push(...pre.warnings);
    const report = await source.scan(digest, { timeoutMs: opts.timeoutMs });
    let settings;
    let allowlists;
    try {
      ({ settings, allowlists } = await source.projectSettings());
    } catch (e) {
      if (opts.needAllowlists) throw e;
      opts.logger.debug(`project settings not readable: ${toGateError(e).message}`);
    }
    const seconds = elapsed(t0);
    const scanner = report.scanner ? cleanText(`${report.scanner.name} ${report.scanner.version}`, 100) : "the scanner";
    opts.logger.info(`scan ${cleanText(report.status, 40)} by ${scanner} in ${seconds.toFixed(1)} s`);
    return {
      outcome: {
        status: "ok",
        seconds,
        detail: `${report.findings.length} finding(s) by ${scanner}`,
        ...report.scanner ? { scanner } : {}
      },
      report,
      ...allowlists ? { allowlists } : {},
      ...settings ? { settings } : {},
      ...pre.version !== void 0 ? { harborVersion: pre.version } : {},
      harborAnswered,
      warnings
    };
  } catch (e) {
    const outcome = failed("scan", e, elapsed(t0));
    return { outcome, ...outcome.error ? { error: outcome.error } : {}, harborAnswered, warnings };
  }
}
function harborWarnings(scan, options, project, policyPassed, nowMs) {
  const out = [];
  if (scan.report && scan.settings && policyPassed) {
    const block = harborWouldBlock(scan.settings, scan.report, scan.allowlists ?? [], nowMs);
    if (block.blocked) out.push(`Harbor's project policy would block pulling this image: ${block.reason}`);
  }
  if (scan.settings?.contentTrustCosign) {
    if (!options.sign) {
      out.push(
        `Harbor's project ${project} refuses pulls without a cosign signature (content trust), and this run did not sign`
      );
    } else if (options.sign.format === "bundle" && !versionAtLeast(scan.harborVersion, 2, 15)) {
      out.push(
        `Harbor's project ${project} refuses pulls without a cosign signature (content trust), and Harbor ${scan.harborVersion ?? ""} recognises only cosign's legacy signature format before 2.15: sign with --signature-format both`
      );
    }
  }
  const format = options.sign?.format ?? "bundle";
  const attestations = options.sign ? [
    ...options.attest && options.sbomFile ? ["the SBOM attestation"] : [],
    ...options.attestScan ? ["the scan and verdict attestations"] : []
  ] : [];
  if (scan.settings?.contentTrustCosign && format !== "legacy" && attestations.length > 0 && versionAtLeast(scan.harborVersion, 2, 15)) {
    out.push(
      `Harbor's project ${project} has cosign content trust on, and Harbor ${scan.harborVersion ?? ""} counts every Sigstore bundle referrer as a signature, ${attestations.join(" and ")} included; it checks that one is present, not valid or whose: enforce signatures at deploy (verify, or an admission policy: docs/admission.md)`
    );
  }
  if (scan.settings?.preventVul && attestations.length > 0) {
    out.push(
      `Harbor's project ${project} prevents pulling vulnerable images, and ${attestations.join(" and ")} stay "Not scanned" in Harbor (harbor#22408): an admission controller reading them through Harbor may be refused; check that your controller can pull them (docs/admission.md)`
    );
  }
  return out;
}

// src/gate/steps.ts
async function subjectStep(target, options, reference) {
  const t0 = performance.now();
  if (options.source) {
    const { descriptor: descriptor2, result } = await target.push(options.source, options.tags);
    return {
      descriptor: descriptor2,
      tags: result.tags,
      push: result,
      outcome: {
        status: "ok",
        seconds: elapsed(t0),
        digest: descriptor2.digest,
        detail: `${pushSummary(result.bytesUploaded, result.seconds)}${result.tagAssumed ? "; latest assumed: --image names no tag" : ""}`,
        tags: result.tags
      }
    };
  }
  const descriptor = await resolveSubject(target, reference);
  await target.tag(descriptor, options.tags);
  const tags = [...reference.tag && !reference.digest ? [reference.tag] : [], ...options.tags];
  return {
    descriptor,
    tags,
    outcome: {
      status: "ok",
      seconds: elapsed(t0),
      digest: descriptor.digest,
      tags,
      detail: `resolved ${reference.digest ? shortDigest(reference.digest) : reference.tag ?? "latest"}${options.tags.length ? `; tagged ${options.tags.join(", ")}` : ""}`
    }
  };
}
async function resolveSubject(target, reference, code = "IMAGE_NOT_FOUND") {
  const ref = reference.digest ?? reference.tag ?? "latest";
  const desc = await target.resolve(ref);
  if (!desc) {
    throw inputError(
      code,
      `${target.name}${reference.digest ? "@" : ":"}${ref} is not in the registry`,
      "Push it first (harbor-gate push, or give --source to have the gate push it), or fix --image (tag or digest)."
    );
  }
  return desc;
}
async function sbomStep(sboms, subject, sbom, opts) {
  const t0 = performance.now();
  try {
    if (sbom) {
      const res = await sboms.attachSbom(subject, sbom);
      return {
        attached: res,
        outcome: {
          status: "ok",
          seconds: elapsed(t0),
          digest: res.digest,
          format: sbom.format,
          detail: `linked to the image as ${res.artifactType} (${res.referrersApi ? "through the registry's referrers API" : `listed in the image's sha256-\u2026 tag: the registry has no referrers API`})`
        }
      };
    }
    if (opts.generate && opts.vulnerabilities) {
      const res = await opts.vulnerabilities.generateSbom(subject.digest, { timeoutMs: opts.timeoutMs });
      return {
        outcome: {
          status: "ok",
          seconds: elapsed(t0),
          digest: res.sbomDigest,
          detail: `generated by Harbor (${cleanText(res.mediaType, 200)})`
        }
      };
    }
    return { outcome: skipped("no --sbom given") };
  } catch (e) {
    return { outcome: failed("SBOM", e, elapsed(t0)) };
  }
}
async function attestSbomStep(signer, digest, sbom, outcome) {
  const t0 = performance.now();
  try {
    const attestation = await signer.attestSbom(digest, sbom);
    return {
      attestation,
      outcome: {
        ...outcome,
        detail: `${outcome.detail ?? ""}; attestation ${shortDigest(attestation.digest)}`
      }
    };
  } catch (e) {
    return { outcome: failed("SBOM attestation", e, outcome.seconds + elapsed(t0)) };
  }
}
async function signStep(signer, digest, opts) {
  const t0 = performance.now();
  try {
    const signatures = await signer.sign(digest, {
      format: opts.format,
      recursive: opts.recursive,
      ...opts.force ? { force: true } : {}
    });
    const existing = signatures.filter((s) => s.existing);
    const first = signatures[0]?.digest;
    const trust = await signer.ownTrust();
    const who = trust?.key ? { key: trust.description } : trust?.identity ? { identity: `${trust.identity} (${trust.issuer ?? ""})` } : {};
    return {
      signatures,
      outcome: {
        status: "ok",
        seconds: elapsed(t0),
        ...first ? { digest: first } : {},
        format: [...new Set(signatures.map((s) => s.format))].join(", "),
        ...who,
        ...existing.length > 0 ? {
          detail: `${existing.length === signatures.length ? "already signed" : "partly signed already"}: ${existing.map((s) => `${s.format} ${shortDigest(s.digest)}`).join(", ")} verif${existing.length === 1 ? "ies" : "y"}; ${existing.length === signatures.length ? "nothing written" : `wrote ${signatures.length - existing.length}`} (--force-sign signs again)`
        } : signatures.length > 1 ? { detail: signatures.map((s) => `${s.format} ${shortDigest(s.digest)}`).join(", ") } : {}
      }
    };
  } catch (e) {
    return { signatures: [], outcome: failed("signing", e, elapsed(t0)) };
  }
}
async function provenanceStep(signer, digest, opts) {
  const t0 = performance.now();
  try {
    const { written, ...prepared } = await signer.attestProvenance(digest, opts);
    const first = written.find((w) => w.subject === digest) ?? written[0];
    return {
      written,
      prepared,
      outcome: {
        status: "ok",
        seconds: elapsed(t0),
        ...first ? { digest: first.digest } : {},
        format: [...new Set(written.map((w) => w.format))].join(", "),
        attestations: ["https://slsa.dev/provenance/v1"],
        detail: `builder ${prepared.facts.builderId}; source ${prepared.facts.sourceRepo}@${prepared.facts.sourceRef}; from the ${prepared.source === "oidc-token" ? "OIDC token" : "CI variables"}${written.length > 1 ? `; ${written.length} attestations` : ""}`
      }
    };
  } catch (e) {
    return { written: [], outcome: failed("provenance", e, elapsed(t0)) };
  }
}
async function trustedSignatures(verifier, digest, trust, logger) {
  const { signatures: checks } = await verifier.verify(digest, trust, { requireSbom: false });
  const verified = checks.filter((c) => c.ok);
  const rejected = checks.filter((c) => !c.ok);
  for (const r of rejected) {
    logger.info(`signature ${shortDigest(r.digest)} does not count: ${cleanText(r.reason)}`);
  }
  return { verified, rejected };
}
async function supersedeStep(signer, digest, outcome) {
  const t0 = performance.now();
  const warnings = [];
  try {
    const res = await signer.supersede(digest);
    if (res.failed.length > 0) {
      warnings.push(
        `could not delete ${res.failed.length} older scan/verdict attestation(s) of this signer (${cleanText(res.failed[0].reason, 300)}): give the robot account the "delete artifact" permission so re-runs supersede them (docs/admission.md)`
      );
    }
    if (res.warning) warnings.push(res.warning);
    const detail = res.deleted.length > 0 ? `; superseded ${res.deleted.length} older` : "";
    return {
      outcome: {
        ...outcome,
        seconds: outcome.seconds + elapsed(t0),
        ...outcome.status === "skipped" ? {} : { detail: `${outcome.detail ?? ""}${detail}` }
      },
      warnings
    };
  } catch (e) {
    warnings.push(`could not supersede older attestations: ${cleanText(stepError(e).message, 500)}`);
    return { outcome, warnings };
  }
}
async function attestScanStep(signer, digest, report) {
  const t0 = performance.now();
  try {
    const att = await signer.attestScan(digest, report);
    return {
      status: "ok",
      seconds: elapsed(t0),
      digest: att.digest,
      // The predicate type is listed once, under attestations; the detail says what was signed.
      detail: "scan result signed",
      attestations: [att.predicateType]
    };
  } catch (e) {
    return failed("scan attestation", e, elapsed(t0));
  }
}

// src/gate/result.ts
function stoppedAt(steps) {
  for (const step of STEP_NAMES) {
    const s = steps[step];
    if (s.status === "failed" && s.error) return { step, error: s.error };
  }
  return void 0;
}
function stepInfos(steps, stopped2) {
  const out = {};
  for (const name of STEP_NAMES) {
    const { error, ...s } = steps[name];
    const notReached = stopped2 && s.status === "skipped" && !s.detail && name !== "reports";
    out[name] = {
      ...s,
      seconds: Math.round(s.seconds * 1e3) / 1e3,
      ...notReached ? { detail: `not reached (${stopped2} failed)` } : {},
      ...error ? {
        error: error.message,
        code: error.code,
        remedy: error.remedy,
        exitCode: error.exitCode,
        ...error.causes?.length ? { causes: error.causes } : {}
      } : {}
    };
  }
  return out;
}
function leftBehind(facts) {
  const s = facts.steps;
  const left = [];
  if (s.push.status === "ok" && facts.digest && (facts.pushed || (facts.tags?.length ?? 0) > 0)) {
    left.push(
      `${facts.pushed ? "the image" : "the tags of"} ${facts.digest}${facts.tags?.length ? ` (tags ${facts.tags.join(", ")})` : ""}`
    );
  }
  if (s.sbom.status === "ok" && s.sbom.digest) left.push(`the SBOM ${s.sbom.digest}`);
  if (s.sign.status === "ok" && s.sign.digest && !s.sign.detail?.startsWith("already signed"))
    left.push(`the signature ${s.sign.digest}`);
  if (s.provenance.status === "ok" && s.provenance.digest) left.push(`the provenance ${s.provenance.digest}`);
  if (s.attestScan.status === "ok" && s.attestScan.digest)
    left.push(`the attestation(s) ${s.attestScan.attestations?.join(", ") ?? s.attestScan.digest}`);
  if (left.length > 0) return `left in the registry: ${left.join("; ")}`;
  const stop = stoppedAt(s);
  if (stop?.error.code !== "CANCELLED") return void 0;
  return facts.pushed && stop.step === "push" ? `left in the registry: no manifest and no tag in ${facts.repository} (the push was cancelled; its open upload sessions were cancelled, blobs already uploaded wait for the registry's garbage collection)` : `left in the registry: nothing (cancelled before anything was written to ${facts.repository})`;
}
function countsOf(findings) {
  const counts = emptyCounts();
  for (const f of findings) counts[f.severity]++;
  return counts;
}
var NO_PLAN = { steps: [], noFix: [], totalViolations: 0 };
function decide(facts) {
  const stop = stoppedAt(facts.steps);
  const ev = facts.evaluation;
  const verdict = stop ? "error" : ev?.verdict === "fail" ? "fail" : "pass";
  const left = stop ? leftBehind(facts) : void 0;
  const exitCode = stop ? stop.error.exitCode === 2 && left ? 3 : stop.error.exitCode : verdict === "fail" && !facts.reportOnly ? 1 : 0;
  const deduped = ev?.findings ?? (facts.scan ? dedupe(facts.scan.findings) : []);
  const counts = countsOf(deduped);
  const warnings = [...facts.warnings, ...ev?.warnings ?? []];
  if (verdict === "fail" && facts.reportOnly)
    warnings.push("the policy was breached; --report-only: the build is not failed");
  const waivers = ev?.waivers ?? [];
  return deepFreeze({
    tool: { name: TOOL_NAME, version: VERSION, informationUri: TOOL_URI },
    generatedAt: facts.generatedAt,
    image: facts.digest ? `${facts.repository}@${facts.digest}` : facts.repository,
    digest: facts.digest ?? "",
    tags: [...facts.tags ?? []],
    ...facts.harborUrl ? { harborUrl: facts.harborUrl } : {},
    verdict,
    ...stop ? { failedStep: stop.step, error: { ...stop.error } } : {},
    reportOnly: facts.reportOnly,
    exitCode,
    policyVerdict: stop ? null : ev?.verdict ?? null,
    evaluated: ev !== void 0,
    policy: structuredClone(facts.policy),
    counts,
    countsAfterWaivers: ev?.countsAfterWaivers ?? counts,
    fixable: deduped.filter((f) => f.fixVersion !== void 0).length,
    violations: ev?.violations ?? [],
    waivers,
    waived: {
      allowlist: waivers.filter((w) => w.source !== "vex").length,
      vex: waivers.filter((w) => w.source === "vex").length
    },
    vexNotes: ev?.vexNotes ?? [],
    expiredEntries: ev?.expiredEntries ?? [],
    staleEntries: ev?.staleEntries ?? [],
    findings: ev?.findings ?? [],
    fixPlan: ev?.fixPlan ?? NO_PLAN,
    warnings,
    steps: stepInfos(facts.steps, stop?.step),
    // The scan report itself, frozen in place: a copy would hold every finding a second time (650 000
    // findings are some 300 MiB more at the peak, once per decide() of the run).
    ...facts.scan ? { report: facts.scan } : {},
    vex: facts.vex ?? { documents: [], attestations: [], ignored: [] },
    ...facts.sbomDigest ? { sbomDigest: facts.sbomDigest } : {},
    ...facts.signatureDigest ? { signatureDigest: facts.signatureDigest } : {},
    ...facts.provenanceDigest ? { provenanceDigest: facts.provenanceDigest } : {},
    reports: { ...facts.reports ?? {} },
    ...left ? { left } : {}
  });
}
function headline(record) {
  if (record.verdict === "error") {
    return `the ${record.failedStep ?? "run"} step could not finish: [${record.error?.code ?? "ERROR"}] ${record.error?.message ?? ""}${record.left ? `; ${record.left}` : ""}`;
  }
  const n = record.violations.length;
  if (record.verdict === "fail") {
    return `the policy was breached (${n} violation${n === 1 ? "" : "s"})${record.reportOnly ? "; reported only (--report-only), not failing the build" : ""}`;
  }
  return "the policy passed";
}
function gateJson(record) {
  const violations = cutList(record.violations, (v) => v.severity ?? v.finding?.severity);
  const waivers = cutList(record.waivers, (w) => w.finding.severity);
  const vexNotes = cutList(record.vexNotes, (n) => n.finding.severity);
  return {
    verdict: record.verdict,
    ...record.failedStep ? { failedStep: record.failedStep } : {},
    ...record.error ? { error: errorJson(record.error) } : {},
    ...record.left ? { left: record.left } : {},
    reportOnly: record.reportOnly,
    exitCode: record.exitCode,
    policyVerdict: record.policyVerdict,
    image: record.image,
    digest: record.digest,
    tags: record.tags,
    // A failed step's error as an object, as `--json` has always shown it.
    steps: Object.fromEntries(
      Object.entries(record.steps).map(([name, { error, code, remedy, exitCode, causes, ...s }]) => [
        name,
        error === void 0 ? s : { ...s, error: { code, message: error, remedy, exitCode, causes: causes ?? [] } }
      ])
    ),
    counts: record.counts,
    countsAfterWaivers: record.countsAfterWaivers,
    fixable: record.fixable,
    sbomDigest: record.sbomDigest ?? null,
    signatureDigest: record.signatureDigest ?? null,
    provenanceDigest: record.provenanceDigest ?? null,
    detail: { violations: cutJson(violations), waivers: cutJson(waivers), vexNotes: cutJson(vexNotes) },
    violations: violations.shown.map(violationJson),
    waivers: waivers.shown.map(waiverJson),
    vexNotes: vexNotes.shown.map(vexNoteJson),
    vex: { documents: record.vex.documents, attestations: record.vex.attestations },
    vexIgnored: record.vex.ignored,
    expiredEntries: record.expiredEntries.map((e) => ({ id: e.entry.id, expires: e.entry.expires ?? null })),
    staleEntries: record.staleEntries.map((e) => ({ id: e.id, package: e.package ?? null })),
    warnings: record.warnings,
    reports: record.reports
  };
}

// src/gate/reports.ts
import path from "node:path";
import fs2 from "node:fs/promises";
import { constants as fsConstants } from "node:fs";
async function checkReportPaths(options, access = fs2.access) {
  const paths = [];
  let error;
  for (const [format, file] of Object.entries(options.reports)) {
    try {
      await fs2.mkdir(path.dirname(file), { recursive: true });
      const st = await fs2.lstat(file).catch((e) => {
        if (e.code === "ENOENT") return void 0;
        throw e;
      });
      if (st?.isSymbolicLink()) {
        throw inputError(
          "REPORT_SYMLINK",
          `the ${format} report path ${file} is a symbolic link: nothing is written through it`,
          "Remove the link or choose another report path."
        );
      }
      if (st && !st.isFile()) {
        throw inputError(
          "REPORT_NOT_A_FILE",
          `the ${format} report path ${file} is not a regular file`,
          "Give a file path for the report."
        );
      }
      await access(st ? file : path.dirname(file), fsConstants.W_OK);
      paths.push([format, file]);
    } catch (e) {
      error ??= e instanceof GateError ? e : inputError(
        "REPORT_WRITE_FAILED",
        `cannot write the ${format} report to ${file}`,
        "Check that the directory is writable.",
        e
      );
    }
  }
  return { paths, ...error ? { error } : {} };
}
async function writeReports(wanted, input, ctx) {
  if (wanted.length === 0) return {};
  const rendered = new Map(
    renderReports(
      input,
      wanted.map(([format]) => format)
    ).map((r) => [r.format, r.content])
  );
  const written = {};
  for (const [format, file] of wanted) {
    const content = rendered.get(format);
    if (content === void 0) continue;
    try {
      await writeFileNoFollow(file, ctx.redactor.redact(content));
      written[format] = file;
      ctx.logger.info(`wrote ${format} report ${file}`);
    } catch (e) {
      if (e instanceof GateError) throw e;
      throw inputError(
        "REPORT_WRITE_FAILED",
        `cannot write the ${format} report to ${file}`,
        "Check that the directory is writable.",
        e
      );
    }
  }
  return written;
}

// src/gate/publish.ts
function verdictPredicate(record, policyDigest) {
  const report = record.report;
  const violations = cutList(record.violations, (v) => v.severity ?? v.finding?.severity);
  const waivers = cutList(record.waivers, (w) => w.finding.severity);
  return {
    verdict: record.verdict,
    gatedOn: record.generatedAt.toISOString(),
    image: { name: record.image.split("@")[0], digest: record.digest },
    policy: { digest: policyDigest },
    counts: { ...record.counts },
    countsAfterWaivers: { ...record.countsAfterWaivers },
    violations: violations.shown.map((v) => violationJson(v)),
    waivers: waivers.shown.map((w) => waiverJson(w)),
    ...violations.left > 0 || waivers.left > 0 ? { detail: { violations: cutJson(violations), waivers: cutJson(waivers) } } : {},
    scanner: report?.scanner ? { ...report.scanner } : null,
    scanFinishedOn: report?.endTime ?? null,
    harborGate: { version: VERSION }
  };
}
function publishesVerdict(record, asked) {
  return asked && record.verdict !== "error" && record.steps.attestScan.status === "ok";
}
async function publishVerdictStep(signer, record, outcome) {
  const t0 = performance.now();
  try {
    if (record.verdict === "error") throw new Error("an errored run has no verdict to sign");
    const { policyDigest } = await import("./sign-YBKW52SQ.mjs");
    const predicate = verdictPredicate({ ...record, verdict: record.verdict }, policyDigest(record.policy));
    const att = await signer.attestVerdict(record.digest, predicate);
    return {
      ...outcome,
      seconds: outcome.seconds + elapsed(t0),
      detail: `${outcome.detail ? `${outcome.detail}; ` : ""}verdict ${predicate.verdict} signed as ${shortDigest(att.digest)}`,
      attestations: [...outcome.attestations ?? [], att.predicateType]
    };
  } catch (e) {
    return failed("verdict attestation", e, outcome.seconds + elapsed(t0));
  }
}

// src/gate/vex.ts
async function readVexInputs(options) {
  if (options.vexFiles.length === 0) return [];
  return readVexFiles(options.vexFiles.map((v) => ({ path: v.file, name: v.name })));
}
async function vexFromImageStep(attestations, digest, trust, logger) {
  if (!trust) {
    return {
      statements: [],
      applied: [],
      ignored: [],
      warnings: [
        "--vex-from-image: no trust to check VEX attestations with (the gate did not sign, and no --key or identity was given); none applied"
      ]
    };
  }
  const res = await attestations.vexAttestations(digest, trust);
  const warnings = res.ignored.map(
    (i) => `--vex-from-image: VEX attestation ${cleanText(shortDigest(i.digest), 100)} ignored: ${cleanText(i.reason, 500)}`
  );
  for (const a of res.applied) {
    logger.info(
      `applying VEX attestation ${cleanText(shortDigest(a.digest), 100)} (${a.statements} statement(s), signed by ${cleanText(a.signer ?? "unknown", 200)})`
    );
  }
  return { ...res, warnings };
}
function vexEvaluateInput(documents, fromImage, image) {
  const statements = [...documents.flatMap((d) => d.statements), ...fromImage];
  if (documents.length === 0 && fromImage.length === 0) return void 0;
  return {
    statements,
    image: {
      digest: image.digest,
      repository: `${image.ref.registry}/${image.ref.repository}`,
      reference: image.reference
    }
  };
}

// src/gate/stages.ts
function stopped(run) {
  return STEP_NAMES.some((n) => run.facts.steps[n].status === "failed" && run.facts.steps[n].error);
}
async function checkBeforeWrites(run) {
  const t0 = performance.now();
  const signer = run.roles.signer;
  if (run.options.provenance && signer) {
    try {
      const p = await signer.prepareProvenance(run.options.provenance.ci);
      const inputs = run.facts.steps.inputs;
      inputs.detail = `${inputs.detail ?? ""}; provenance from the ${p.source === "oidc-token" ? "OIDC token" : "CI variables"}`;
    } catch (e) {
      run.facts.steps.inputs = failed("reading the inputs", e, elapsed(t0));
      return false;
    }
  }
  const usable = await checkReportPaths(run.options);
  run.paths = usable.paths;
  if (usable.error) {
    run.facts.steps.reports = failed("checking the report paths", usable.error, elapsed(t0));
    return false;
  }
  const vulns = run.roles.vulnerabilities;
  const pre = vulns ? await preflightStep(vulns) : void 0;
  const scanError = pre?.outcome?.error;
  const scanWarned = run.options.policy.onScanError === "warn" && scanError !== void 0;
  if (pre?.outcome && scanWarned) {
    run.scan = { outcome: pre.outcome, error: scanError, harborAnswered: false, warnings: [] };
  } else if (pre?.outcome) {
    run.facts.steps.scan = pre.outcome;
    return false;
  }
  if (writes(run)) {
    const t1 = performance.now();
    try {
      await run.roles.target.checkPush(run.options.source);
    } catch (e) {
      run.facts.steps.push = failed("checking push access", e, elapsed(t1));
      return false;
    }
  }
  if (!vulns || scanWarned) return true;
  if (pre?.preflight) run.preflight = pre.preflight;
  run.facts.harborUrl = vulns.baseUrl;
  return true;
}
function writes(run) {
  const o = run.options;
  return o.source !== void 0 || o.tags.length > 0 || o.sign !== void 0 || run.prepared.sbom !== void 0 || o.attestScan || o.provenance !== void 0;
}
async function subjectStage(run) {
  const { options, facts } = run;
  const t0 = performance.now();
  facts.pushed = options.source !== void 0;
  try {
    const subject = await subjectStep(run.roles.target, options, run.prepared.ref);
    facts.steps.push = subject.outcome;
    run.subject = subject.descriptor;
    facts.digest = subject.descriptor.digest;
    facts.tags = subject.tags;
    const ref = run.prepared.ref;
    run.ctx.logger.info(
      `image ${ref.registry}/${ref.repository}@${subject.descriptor.digest}${subject.push ? `; tags ${tagsWritten(subject.push)}` : ""}`
    );
    const vulns = run.roles.vulnerabilities;
    if (vulns && !run.scan) {
      run.scanning = scanStep(vulns, subject.descriptor.digest, {
        timeoutMs: options.scan?.timeoutMs ?? 0,
        needAllowlists: options.policy.useHarborAllowlist,
        logger: run.ctx.logger,
        ...run.preflight ? { preflight: run.preflight } : {}
      });
    }
    return true;
  } catch (e) {
    facts.steps.push = failed(options.source ? "push" : "resolving the image", e, elapsed(t0));
    return false;
  }
}
async function artifactsStage(run) {
  const { options, roles, facts, prepared } = run;
  const digest = facts.digest;
  const signer = roles.signer;
  const subject = run.subject;
  const [sbomOut, signOut] = await Promise.all([
    sbomStep(roles.sboms, subject, prepared.sbom, {
      generate: options.generateSbom,
      ...roles.vulnerabilities ? { vulnerabilities: roles.vulnerabilities } : {},
      timeoutMs: options.scan?.timeoutMs ?? 0,
      logger: run.ctx.logger
    }),
    signer && options.sign ? signStep(signer, digest, {
      format: options.sign.format,
      recursive: options.sign.recursive,
      force: options.sign.force,
      logger: run.ctx.logger
    }) : Promise.resolve(void 0)
  ]);
  facts.steps.sbom = sbomOut.outcome;
  facts.steps.sign = signOut?.outcome ?? skipped("--no-sign");
  run.signatureBundle = signOut?.signatures.find((x) => x.bundle !== void 0)?.bundle;
  if (prepared.sbom && options.attest && signer && facts.steps.sbom.status === "ok") {
    facts.steps.sbom = (await attestSbomStep(signer, digest, prepared.sbom, facts.steps.sbom)).outcome;
  }
  if (options.provenance && signer && options.sign && facts.steps.sign.status !== "failed") {
    const out = await provenanceStep(signer, digest, {
      format: options.sign.format,
      recursive: options.sign.recursive
    });
    facts.steps.provenance = out.outcome;
    if (out.outcome.digest) facts.provenanceDigest = out.outcome.digest;
  } else {
    facts.steps.provenance = skipped(options.provenance ? "not signed" : "not requested (--provenance)");
  }
  run.signed = facts.steps.sign.status === "ok";
  run.sbomAttached = facts.steps.sbom.status === "ok";
  if (run.sbomAttached && facts.steps.sbom.digest) facts.sbomDigest = facts.steps.sbom.digest;
  if (facts.steps.sign.digest) facts.signatureDigest = facts.steps.sign.digest;
}
async function trustInForce(run) {
  return run.prepared.trust ?? (run.roles.signer ? await run.roles.signer.ownTrust() : void 0);
}
async function signatureCheck(run) {
  const { facts } = run;
  const digest = facts.digest;
  const trust = await trustInForce(run);
  if (!trust) {
    run.signed = false;
    facts.warnings.push(
      "--require-signature: no trust to check signatures with (the gate did not sign, and no --key or identity was given)"
    );
    return;
  }
  const { verified, rejected } = await trustedSignatures(run.roles.verifier, digest, trust, run.ctx.logger);
  run.signed = verified.length > 0;
  facts.signatureDigest ??= verified[0]?.digest;
  if (run.signed && facts.steps.sign.status === "skipped") {
    facts.steps.sign = {
      status: "ok",
      seconds: 0,
      ...facts.signatureDigest ? { digest: facts.signatureDigest } : {},
      detail: `already signed; ${verified.length} signature(s) verify with ${trust.description}`
    };
  }
  if (!run.signed) {
    facts.warnings.push(
      `--require-signature: no signature of ${digest} verifies with ${trust.description}${rejected.length ? ` (${rejected.length} rejected)` : ""}`
    );
  }
}
async function sbomCheck(run) {
  const { facts } = run;
  const found = await run.roles.sboms.validSbom(facts.digest);
  for (const r of found.rejected) facts.warnings.push(`an SBOM referrer does not count: ${r}`);
  if (!found.sbom) return;
  run.sbomAttached = true;
  facts.sbomDigest = found.sbom.digest;
  facts.steps.sbom = {
    status: "ok",
    seconds: 0,
    digest: found.sbom.digest,
    detail: `already attached (${found.sbom.format}, validated)`
  };
}
async function checksStage(run) {
  const { options, facts } = run;
  const t0 = performance.now();
  if (run.prepared.trust && !options.policy.requireSignature && !options.vexFromImage) {
    facts.warnings.push(
      `${run.prepared.trust.description} is given as trust, but nothing uses it: add --require-signature (or --vex-from-image), or drop the trust flags`
    );
  }
  try {
    if (options.policy.requireSignature) await signatureCheck(run);
    if (options.vexFromImage) {
      const read = await vexFromImageStep(
        run.roles.attestations,
        facts.digest,
        await trustInForce(run),
        run.ctx.logger
      );
      run.fromImage = read.statements;
      facts.vex = { ...facts.vex, attestations: read.applied, ignored: read.ignored };
      facts.warnings.push(...read.warnings);
    }
    if (options.policy.requireSbom && facts.steps.sbom.status === "skipped") await sbomCheck(run);
  } catch (e) {
    facts.steps.policy = failed("checking signatures and SBOMs", e, elapsed(t0));
  }
  return elapsed(t0);
}
async function scanResultStage(run) {
  const { facts, options } = run;
  const scan = run.scanning ? await run.scanning : run.scan;
  if (!scan) {
    facts.steps.scan = skipped("--no-scan");
    return;
  }
  run.scan = scan;
  facts.steps.scan = scan.error && options.policy.onScanError === "warn" ? { ...scan.outcome, status: "warned" } : scan.outcome;
  if (scan.report) facts.scan = scan.report;
  facts.warnings.push(...scan.warnings);
}
function evaluateStage(run, checksSeconds) {
  const { facts, options, prepared } = run;
  if (stopped(run)) return;
  const t0 = performance.now();
  const now = run.ctx.now();
  const scan = run.scan;
  const vex = vexEvaluateInput(prepared.vex ?? [], run.fromImage, {
    ref: prepared.ref,
    digest: facts.digest,
    reference: options.image
  });
  const evaluation = evaluate(
    {
      ...scan?.report ? { report: scan.report } : {},
      // A scan that could not finish stops the run (exit 3) unless --on-scan-error warn, when the
      // policy notes it as a warning.
      ...scan?.error ? { scanError: { code: scan.error.code, message: scan.error.message } } : {},
      signed: run.signed,
      sbomAttached: run.sbomAttached,
      ...scan?.allowlists && options.policy.useHarborAllowlist ? { harborAllowlists: scan.allowlists } : {},
      ...vex ? { vex } : {}
    },
    options.policy,
    now
  );
  facts.evaluation = evaluation;
  facts.steps.policy = policyOutcome(evaluation, {
    // The checks and the evaluation, not the wait for the scan.
    seconds: checksSeconds + elapsed(t0),
    ...scan?.report ? {} : { noScan: scan ? "scan failed" : "--no-scan" },
    checksSignatures: options.policy.requireSignature || options.policy.requireSbom
  });
  if (scan) {
    const ref = prepared.ref;
    const project = ref.repository.slice(0, ref.repository.indexOf("/"));
    facts.warnings.push(
      ...harborWarnings(scan, options, project, evaluation.verdict === "pass", now.getTime())
    );
  }
}
async function attestScanStage(run) {
  const { facts, options, roles } = run;
  const report = run.scan?.report;
  if (!options.attestScan || !roles.signer || !report || stopped(run)) return;
  facts.steps.attestScan = await attestScanStep(roles.signer, facts.digest, report);
}
function policyOutcome(evaluation, o) {
  const n = evaluation.violations.length;
  const counts = `${n} violation(s), ${evaluation.waivers.length} waiver(s)`;
  if (o.noScan === void 0) {
    return { status: evaluation.verdict === "pass" ? "ok" : "failed", seconds: o.seconds, detail: counts };
  }
  if (n === 0 && !o.checksSignatures) {
    return { status: "skipped", seconds: o.seconds, detail: `not evaluated (${o.noScan})` };
  }
  return {
    status: evaluation.verdict === "pass" ? "ok" : "failed",
    seconds: o.seconds,
    detail: `${counts}; vulnerability rules not evaluated (${o.noScan})`
  };
}

// src/gate/run.ts
async function prepareInputs(options, env = process.env) {
  const ref = parseReference(options.image);
  if (options.sign && !options.sign.keyFile) {
    const { identityTokenSource } = await import("./sign-YBKW52SQ.mjs");
    identityTokenSource(options.sign.identityToken, env);
  }
  if (options.source) {
    const { parseSource: parseSource2 } = await import("./oci-PAUMKCNP.mjs");
    parseSource2(options.source);
  }
  const sbom = options.sbomFile ? await loadSbom(options.sbomFile) : void 0;
  const vex = await readVexInputs(options);
  const trust = await explicitTrust(options);
  return {
    ref,
    ...sbom ? { sbom } : {},
    ...trust ? { trust } : {},
    ...vex.length > 0 ? { vex } : {}
  };
}
async function runGate(options, deps = {}) {
  const logger = deps.logger ?? silentLogger;
  const env = deps.env ?? process.env;
  const redactor = deps.redactor ?? new Redactor();
  const t0 = performance.now();
  let prepared;
  let session;
  try {
    prepared = await prepareInputs(options, env);
    session = await openSession(options, { ...deps, logger, env, redactor });
  } catch (e) {
    const facts = initialFacts(options, deps.now?.() ?? /* @__PURE__ */ new Date());
    facts.steps.inputs = failed("reading the inputs", e, elapsed(t0));
    const ctx = { redactor, logger, now: deps.now ?? (() => /* @__PURE__ */ new Date()), color: deps.color ?? false };
    return finish(facts, options, ctx, (await checkReportPaths(options)).paths);
  }
  try {
    return await runSteps(options, session.roles, prepared, { ...deps, redactor, logger });
  } finally {
    session.close();
  }
}
async function configErrorRun(error, known, deps = {}) {
  const now = deps.now ?? (() => /* @__PURE__ */ new Date());
  const facts = initialFacts({ image: known.image ?? "", policy: DEFAULT_POLICY, reportOnly: false }, now());
  facts.steps.inputs = failed("reading the configuration", error, 0);
  const ctx = {
    redactor: deps.redactor ?? new Redactor(),
    logger: deps.logger ?? silentLogger,
    now,
    color: deps.color ?? false
  };
  const { paths } = await checkReportPaths({ reports: known.reports });
  return finish(facts, { attestScan: false }, ctx, paths);
}
function initialSteps() {
  return Object.fromEntries(STEP_NAMES.map((s) => [s, skipped()]));
}
function initialFacts(options, generatedAt) {
  let repository = options.image;
  try {
    const ref = parseReference(options.image);
    repository = `${ref.registry}/${ref.repository}`;
  } catch {
  }
  return {
    repository,
    policy: options.policy,
    reportOnly: options.reportOnly,
    steps: initialSteps(),
    generatedAt,
    warnings: []
  };
}
async function runSteps(options, roles, prepared, deps) {
  const now = deps.now ?? (() => new Date(roles.clock.now()));
  const ctx = { redactor: deps.redactor, logger: deps.logger, now, color: deps.color ?? false };
  const facts = { ...initialFacts(options, now()), vex: vexRun(prepared.vex) };
  const run = {
    options,
    roles,
    prepared,
    ctx,
    facts,
    paths: [],
    signed: false,
    sbomAttached: false,
    fromImage: []
  };
  facts.steps.inputs = { status: "ok", seconds: 0, detail: inputsDetail(prepared) };
  facts.warnings.push(...(prepared.vex ?? []).flatMap((d) => d.warnings));
  if (await checkBeforeWrites(run) && await subjectStage(run)) {
    await artifactsStage(run);
    const checksSeconds = await checksStage(run);
    await scanResultStage(run);
    evaluateStage(run, checksSeconds);
    await attestScanStage(run);
  }
  facts.generatedAt = now();
  return finish(run.facts, options, ctx, run.paths, roles.signer, run.signatureBundle);
}
function vexRun(documents) {
  const docs = (documents ?? []).map((d) => ({
    name: d.name,
    format: d.format,
    statements: d.statements.length
  }));
  return { documents: docs, attestations: [], ignored: [] };
}
function inputsDetail(p) {
  const parts = [`image ${p.ref.registry}/${p.ref.repository}`];
  if (p.sbom) parts.push(`SBOM ${p.sbom.format}`);
  if (p.trust) parts.push(`trust ${p.trust.description}`);
  if (p.vex) {
    const n = p.vex.reduce((k, d) => k + d.statements.length, 0);
    parts.push(`VEX ${p.vex.length} document(s), ${n} statement(s)`);
  }
  return parts.join("; ");
}
async function finish(facts, options, ctx, paths, signer, signatureBundle) {
  let record = decide(facts);
  if (signer && publishesVerdict(record, options.attestScan)) {
    facts.steps.attestScan = await publishVerdictStep(signer, record, facts.steps.attestScan);
    record = decide(facts);
  }
  if (signer && options.sign && facts.digest && record.error?.code !== "CANCELLED") {
    const s = await supersedeStep(signer, facts.digest, facts.steps.attestScan);
    facts.steps.attestScan = s.outcome;
    facts.warnings.push(...s.warnings);
    record = decide(facts);
  }
  const written = await writeOutputs(record, facts, paths, ctx);
  return {
    ...written,
    summaryMarkdown: ctx.redactor.redact(renderMarkdown(written)),
    consoleText: ctx.redactor.redact(renderConsole(written, { color: ctx.color })),
    ...signatureBundle !== void 0 ? { signatureBundle } : {}
  };
}
async function writeOutputs(record, facts, paths, ctx) {
  const t0 = performance.now();
  try {
    facts.reports = await writeReports(paths, record, ctx);
    if (facts.steps.reports.status !== "failed") {
      facts.steps.reports = {
        status: "ok",
        seconds: elapsed(t0),
        detail: Object.values(facts.reports).join(", ") || "none requested"
      };
    }
  } catch (e) {
    facts.steps.reports = failed("writing the reports", e, elapsed(t0));
  }
  return decide(facts);
}

export {
  openSession,
  explicitTrust,
  skipped,
  stepError,
  failed,
  elapsed,
  preflightStep,
  scanStep,
  harborWarnings,
  subjectStep,
  resolveSubject,
  sbomStep,
  attestSbomStep,
  signStep,
  provenanceStep,
  trustedSignatures,
  supersedeStep,
  attestScanStep,
  decide,
  headline,
  gateJson,
  verdictPredicate,
  readVexInputs,
  vexFromImageStep,
  vexEvaluateInput,
  prepareInputs,
  runGate,
  configErrorRun,
  initialFacts,
  runSteps
};
