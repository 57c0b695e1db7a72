import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  HarborClient,
  harborTarget
} from "./chunk-LTA7QRD5.mjs";
import {
  createProgress,
  createRegistryClient,
  openSource,
  parseSource,
  pushImage
} from "./chunk-2N3WIKUR.mjs";
import {
  findValidSbom
} from "./chunk-TB5BZZPP.mjs";
import {
  MANIFEST_ACCEPT,
  pushArtifact
} from "./chunk-76HHFUCG.mjs";
import {
  Redactor
} from "./chunk-YDD6LTSF.mjs";
import {
  parseReference
} from "./chunk-SCTZX5IV.mjs";
import {
  systemClock
} from "./chunk-TFKBYEW5.mjs";
import {
  inputError
} from "./chunk-66ENAOTL.mjs";

// src/gate/session.ts
import fs from "node:fs/promises";
import crypto from "node:crypto";

// src/sbom/attach.ts
var ANNOTATION_SBOM_FORMAT = "dev.harbor-gate.sbom.format";
function sbomCreated(sbom) {
  const doc = sbom.document;
  let value;
  if (sbom.format.startsWith("cyclonedx")) {
    const meta = doc.metadata;
    value = typeof meta === "object" && meta !== null ? meta.timestamp : void 0;
  } else if (sbom.format === "spdx-3") {
    const graph = Array.isArray(doc["@graph"]) ? doc["@graph"] : [];
    const info = graph.find(
      (e) => typeof e === "object" && e !== null && e.type === "CreationInfo"
    );
    value = info?.created;
  } else {
    const ci = doc.creationInfo;
    value = typeof ci === "object" && ci !== null ? ci.created : void 0;
  }
  if (typeof value !== "string") return void 0;
  const t = Date.parse(value);
  return Number.isNaN(t) ? void 0 : new Date(t);
}
async function attachSbom(repo, subject, sbom) {
  const res = await pushArtifact(repo, {
    subject,
    artifactType: sbom.mediaType,
    layers: [{ mediaType: sbom.mediaType, data: sbom.bytes }],
    annotations: { [ANNOTATION_SBOM_FORMAT]: sbom.format },
    created: sbomCreated(sbom) ?? null
  });
  const manifest = JSON.parse(res.manifest.toString("utf8"));
  return {
    digest: res.descriptor.digest,
    artifactType: sbom.mediaType,
    referrersApi: res.referrersApi,
    sbomDigest: manifest.layers[0].digest,
    descriptor: res.descriptor
  };
}

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
    ...deps.clock ? { clock: deps.clock } : {}
  });
  try {
    const repo = registry.repository(ref.registry, ref.repository);
    const clock = deps.clock ?? systemClock;
    const signing = options.sign ? await signingOptions(options, registry, deps, redactor) : void 0;
    const roles = {
      target: registryTarget(repo, options, deps),
      ...signing ? { signer: sigstoreSigner(repo, signing, options) } : {},
      clock,
      logger: deps.logger
    };
    if (options.scan) roles.vulnerabilities = harborSource(ref, options, registry, deps);
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
    const { loadSigningKey } = await import("./keys-G6LLIHEY.mjs");
    key = loadSigningKey(text, sign.keyPassword);
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
function registryTarget(repo, options, deps) {
  return {
    name: `${repo.registry}/${repo.name}`,
    resolve: (reference) => repo.resolve(reference),
    async push(sourceSpec, tags) {
      const openOpts = { logger: deps.logger, cwd: deps.cwd ?? process.cwd(), env: deps.env };
      const source = deps.openSource ? await deps.openSource(sourceSpec, openOpts) : await openSource(parseSource(sourceSpec), openOpts);
      try {
        const result = await pushImage(source, parseReference(options.image), {
          client: repo.client,
          tags,
          ...options.mountFrom ? { mountFrom: options.mountFrom } : {},
          logger: deps.logger,
          progress: createProgress({
            tty: deps.isTTY ?? false,
            logger: deps.logger,
            write: deps.progressWrite ?? ((t) => process.stderr.write(t))
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
    },
    async tag(descriptor, tags) {
      if (tags.length === 0) return;
      const manifest = await repo.fetchManifest(descriptor.digest, MANIFEST_ACCEPT);
      if (!manifest) {
        throw inputError(
          "IMAGE_NOT_FOUND",
          `${repo.registry}/${repo.name}@${descriptor.digest} is not in the registry`,
          "Push it first, or give --source to have the gate push it."
        );
      }
      for (const tag of tags) await repo.pushManifest(tag, manifest.bytes, manifest.descriptor.mediaType);
    },
    async attachSbom(subject, sbom) {
      const res = await attachSbom(repo, subject, sbom);
      return {
        digest: res.digest,
        artifactType: res.artifactType,
        referrersApi: res.referrersApi,
        sbomDigest: res.sbomDigest
      };
    },
    async validSbom(digest) {
      const found = await findValidSbom(repo, digest);
      return {
        ...found.sbom ? { sbom: { digest: found.sbom.digest, format: found.sbom.format } } : {},
        rejected: found.rejected.map((r) => `${r.digest}: ${r.reason}`)
      };
    },
    async verify(digest, trust, opts) {
      const { verifyImage } = await import("./image-V4FLMS6G.mjs");
      const res = await verifyImage(repo, digest, {
        logger: deps.logger,
        requireSbom: opts.requireSbom,
        ...trust.key !== void 0 ? { key: trust.key } : {},
        ...trust.identity !== void 0 ? { identity: trust.identity } : {},
        ...trust.identityRegexp !== void 0 ? { identityRegexp: trust.identityRegexp } : {},
        ...trust.issuer !== void 0 ? { issuer: trust.issuer } : {},
        ...trust.trustedRoot !== void 0 ? { trustedRoot: trust.trustedRoot } : {}
      });
      return {
        verified: res.verified,
        signatures: res.signatures.map((s) => ({
          digest: s.digest,
          format: s.format,
          identity: s.identity,
          issuer: s.issuer,
          ok: s.ok,
          reason: s.reason
        })),
        sbom: res.sbom,
        ...res.reason !== void 0 ? { reason: res.reason } : {}
      };
    }
  };
}
function sigstoreSigner(repo, signing, options) {
  let keylessIdentity;
  return {
    ownTrust() {
      if (signing.key) {
        const pem = crypto.createPublicKey(signing.key).export({ format: "pem", type: "spki" }).toString();
        return Promise.resolve({ key: pem, description: "the gate\u2019s signing key" });
      }
      if (!keylessIdentity) return Promise.resolve(void 0);
      return Promise.resolve({
        identity: keylessIdentity.identity,
        issuer: keylessIdentity.issuer,
        ...options.trust?.trustedRoot ? { trustedRoot: options.trust.trustedRoot } : {},
        description: `the gate\u2019s keyless identity ${keylessIdentity.identity} (${keylessIdentity.issuer})`
      });
    },
    async sign(digest, opts) {
      const { signImage } = await import("./image-V4FLMS6G.mjs");
      const res = await signImage(repo, digest, {
        ...signing,
        format: opts.format,
        recursive: opts.recursive
      });
      for (const s of res.signatures) {
        if (s.identity && s.issuer) keylessIdentity ??= { identity: s.identity, issuer: s.issuer };
      }
      return res.signatures.map((s) => ({
        subject: s.subject,
        digest: s.digest,
        format: s.format,
        artifactType: s.artifactType,
        ...s.tag !== void 0 ? { tag: s.tag } : {},
        ...s.referrersApi !== void 0 ? { referrersApi: s.referrersApi } : {}
      }));
    },
    async attestSbom(digest, sbom) {
      const { attestSbom } = await import("./image-V4FLMS6G.mjs");
      return attestSbom(
        repo,
        digest,
        { format: sbom.format.startsWith("cyclonedx") ? "cyclonedx" : "spdx", document: sbom.document },
        signing
      );
    },
    async attestScan(digest, report) {
      const { attestVulnScan } = await import("./image-V4FLMS6G.mjs");
      return attestVulnScan(repo, digest, report, signing);
    }
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
function harborSource(ref, options, registry, deps) {
  let client;
  let baseUrl = options.scan?.harborUrl;
  const open = async () => {
    if (client) return client;
    if (!baseUrl) {
      await registry.resolveScheme(ref.registry);
      baseUrl = registry.baseUrl(ref.registry);
    }
    const target = harborTarget(ref, baseUrl);
    const host = new URL(target.baseUrl).host;
    const cred = await registry.auth.credentialFor(host);
    const pair = cred && "password" in cred ? cred : void 0;
    client = new HarborClient({
      http: registry.http,
      baseUrl: target.baseUrl,
      ...pair ? { username: pair.username, password: pair.password } : {},
      plainHttp: options.plainHttp,
      logger: deps.logger,
      ...deps.clock ? { clock: deps.clock } : {},
      ...deps.harborPoll ? {
        pollMinMs: deps.harborPoll.minMs,
        pollMaxMs: deps.harborPoll.maxMs,
        ...deps.harborPoll.missingGraceMs !== void 0 ? { missingGraceMs: deps.harborPoll.missingGraceMs } : {}
      } : {}
    });
    return client;
  };
  const source = {
    get baseUrl() {
      return baseUrl ?? registry.baseUrl(ref.registry);
    },
    get target() {
      return harborTarget(ref, baseUrl ?? registry.baseUrl(ref.registry));
    },
    async preflight() {
      const c = await open();
      const pre = await c.preflight(source.target);
      return {
        warnings: pre.warnings,
        ...pre.harborVersion !== void 0 ? { version: pre.harborVersion } : {}
      };
    },
    async scan(digest, opts) {
      return (await open()).scan(source.target, digest, opts);
    },
    async projectSettings() {
      const c = await open();
      const settings = await c.getProjectSettings(source.target.project);
      const allowlists = await c.getAllowlists(source.target.project);
      return { settings, allowlists };
    },
    async generateSbom(digest, opts) {
      const res = await (await open()).generateSbom(source.target, digest, opts);
      return { sbomDigest: res.sbomDigest, mediaType: res.mediaType };
    }
  };
  return source;
}

export {
  openSession,
  explicitTrust
};
