import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  resolveGateOptions
} from "./chunk-URU4WVJZ.mjs";
import {
  runGate
} from "./chunk-ZOUQ3OC3.mjs";
import "./chunk-E4NWHGAY.mjs";
import "./chunk-HDSIMEN3.mjs";
import "./chunk-UH3AUMJ6.mjs";
import "./chunk-7ATBZ5R2.mjs";
import "./chunk-YTJSBXPN.mjs";
import "./chunk-UXF5Q43A.mjs";
import {
  MediaType
} from "./chunk-7DIQSUN7.mjs";
import {
  silentLogger
} from "./chunk-IAKPOWWN.mjs";
import {
  SHA256_DIGEST_PATTERN,
  TAG_PATTERN,
  VERIFIABLE_DIGEST_PATTERN
} from "./chunk-6AKVQXYQ.mjs";
import "./chunk-H6LM4NHK.mjs";

// src/embedded/demo.ts
import crypto10 from "node:crypto";
import fs2 from "node:fs/promises";
import os from "node:os";
import path2 from "node:path";

// src/embedded/harbor/server.ts
import crypto5 from "node:crypto";
import http2 from "node:http";
import https from "node:https";

// src/embedded/harbor/types.ts
import crypto from "node:crypto";
var MIME_GENERIC = "application/vnd.security.vulnerability.report; version=1.1";
var MIME_NATIVE = "application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0";
var SERVICE = "harbor-registry";
var ISSUER = "harbor-token-issuer";
var ZERO_TIME = "0001-01-01T00:00:00.000Z";
var MAX_MANIFEST = 4 * 1024 * 1024;
var MAX_API_BODY = 64 * 1024;
var INDEX_TYPES = /* @__PURE__ */ new Set([
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json"
]);
var IMAGE_CONFIGS = /* @__PURE__ */ new Set([
  "application/vnd.oci.image.config.v1+json",
  "application/vnd.docker.container.image.v1+json"
]);
var SBOM_CONFIG = "application/vnd.goharbor.harbor.sbom.v1";
var GATE_PERMISSIONS = [
  "repository:pull",
  "repository:push",
  "artifact:read",
  "artifact:list",
  "scan:create",
  "scan:stop",
  "scan:read",
  "artifact-addition:read",
  "project:read",
  "scanner:read",
  "accessory:list",
  "sbom:create",
  "sbom:read",
  "sbom:stop"
];
var PUBLIC_PERMISSIONS = [
  "repository:pull",
  "artifact:read",
  "artifact:list",
  "project:read",
  "artifact-addition:read",
  "accessory:list"
];
var HttpError = class extends Error {
  constructor(status, code, message, headers = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
  status;
  code;
  headers;
};
function defaultScanner(init) {
  return {
    uuid: init?.uuid ?? crypto.randomUUID(),
    name: init?.name ?? "Trivy",
    vendor: init?.vendor ?? "Aqua Security",
    version: init?.version ?? "v0.51.2",
    health: init?.health ?? "healthy",
    disabled: init?.disabled ?? false,
    supportSbom: init?.supportSbom ?? true
  };
}
function iso(ms) {
  return new Date(ms).toISOString();
}
function sha256(b) {
  return "sha256:" + crypto.createHash("sha256").update(b).digest("hex");
}

// src/embedded/harbor/http-util.ts
function readBody(req, max) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let total = 0;
    req.on("data", (c) => {
      total += c.length;
      if (total > max) {
        reject(new HttpError(413, "REQUEST_ENTITY_TOO_LARGE", "request body too large"));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => {
      resolve(Buffer.concat(chunks));
    });
    req.on("error", reject);
  });
}
var HOP_HEADERS = /* @__PURE__ */ new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "upgrade",
  "te",
  "trailer",
  "authorization",
  "host"
]);
function sendJson(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    ...headers
  });
  res.end(text);
}
function sendError(res, e) {
  const message = e.status >= 500 ? "internal server error" : e.message;
  const code = e.status >= 500 ? "UNKNOWN" : e.code;
  sendJson(res, e.status, { errors: [{ code, message }] }, e.headers);
}
async function jsonBody(req) {
  const body = await readBody(req, MAX_API_BODY);
  if (body.length === 0) return void 0;
  try {
    const v = JSON.parse(body.toString("utf8"));
    if (typeof v === "object" && v !== null && !Array.isArray(v)) return v;
  } catch {
  }
  throw new HttpError(400, "BAD_REQUEST", 'parsing body body from "" failed: invalid JSON');
}

// src/embedded/harbor/api-artifacts.ts
var ARTIFACT = "/api/v2.0/projects/:project/repositories/:repo/artifacts/:reference";
function artifactRoutes(st, views) {
  const { scanner, hasScanType, now, projectScanner, scannable, scanTargets } = st;
  const { acceptedMimes, itemSeverity, summaryOf, scannerJson, reportsOf, accessoriesOf, accessoryJson } = views;
  async function open(c, perm) {
    const id = st.identify(c.req);
    const projectRef = decodeURIComponent(c.params.project ?? "");
    const repoName = decodeURIComponent(decodeURIComponent(c.params.repo ?? ""));
    const reference = decodeURIComponent(c.params.reference ?? "");
    const fullRepo = `${projectRef}/${repoName}`;
    const body = c.req.method === "POST" ? await jsonBody(c.req) : void 0;
    const kind = hasScanType && body?.scan_type === "sbom" ? "sbom" : "vulnerability";
    const effPerm = kind === "sbom" ? perm.replace(/^scan:/, "sbom:") : perm;
    const p = st.requireProject(id, projectRef, true, effPerm);
    const a = st.findArtifact(fullRepo, reference);
    const notFound = () => new HttpError(
      404,
      "NOT_FOUND",
      reference.includes(":") ? `artifact ${fullRepo}@${reference} not found` : `artifact ${fullRepo}:${reference} not found`
    );
    return { p, a, kind, body, notFound };
  }
  async function getArtifact(c) {
    const { a, notFound } = await open(c, "artifact:read");
    if (!a) throw notFound();
    sendJson(c.res, 200, views.artifactJson(a, c.req, c.url.searchParams));
  }
  async function startScan(c) {
    const { p, a, kind, notFound } = await open(c, "scan:create");
    const { res } = c;
    if (!a) throw notFound();
    const s = projectScanner(p);
    if (!s) throw new HttpError(412, "PRECONDITION", `no available scanner for project: ${String(p.id)}`);
    if (s.disabled) throw new HttpError(412, "PRECONDITION", `scanner ${s.name} is deactivated`);
    const targets = kind === "sbom" ? [a.digest] : scanTargets(a);
    if (!scannable(a) || targets.length === 0 || s.health !== "healthy") {
      throw new HttpError(
        400,
        "BAD_REQUEST",
        `the configured scanner ${s.name} does not support scanning artifact with mime type ${a.mediaType}`
      );
    }
    if (kind === "sbom" && !s.supportSbom)
      throw new HttpError(500, "UNKNOWN", "no mime types to make report placeholders");
    const results = targets.map((d) => scanner.start(d, kind));
    if (results.every((r) => r === "conflict")) {
      throw new HttpError(
        409,
        "CONFLICT",
        kind === "sbom" ? "a previous sbom generate process is running" : "a previous scan process is Running"
      );
    }
    res.writeHead(202, { "Content-Length": "0" });
    res.end();
  }
  async function stopScan(c) {
    const { a, kind, body, notFound } = await open(c, "scan:stop");
    const { res } = c;
    if (hasScanType && body === void 0) {
      throw new HttpError(422, "UNPROCESSABLE_ENTITY", "scanType in body is required");
    }
    if (!a) throw notFound();
    const targets = kind === "sbom" ? [a.digest] : scanTargets(a);
    const stopped = targets.map((d) => scanner.stop(d, kind));
    if (!stopped.some(Boolean))
      throw new HttpError(400, "BAD_REQUEST", `no scan job for artifact digest=${a.digest}`);
    res.writeHead(202, { "Content-Length": "0" });
    res.end();
  }
  async function scanLog(c) {
    const { a, notFound } = await open(c, "scan:read");
    const { res } = c;
    if (!a) throw notFound();
    const reportId = c.params.report ?? "";
    const ids = /^[0-9a-f-]{36}$/.test(reportId) ? [reportId] : Buffer.from(reportId, "base64").toString("utf8").split("|");
    const found = ids.map((i) => scanner.byId(i));
    if (found.some((r) => r === void 0))
      throw new HttpError(404, "NOT_FOUND", `report with uuid ${reportId} does not exist`);
    res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8" });
    res.end(found.map((r) => r ? scanner.logOf(r) : "").join(""));
  }
  async function addition(c) {
    const { p, a, notFound } = await open(c, "artifact-addition:read");
    const { req, res } = c;
    if (!a) throw notFound();
    if (c.params.addition === "vulnerabilities") {
      const s = projectScanner(p);
      if (!s)
        throw new HttpError(
          404,
          "NOT_FOUND",
          `no scanner registration configured for project: ${String(p.id)}`
        );
      if (!scannable(a)) throw new HttpError(404, "NOT_FOUND", `report not found for ${a.repo}@${a.digest}`);
      const reports = reportsOf(a, "vulnerability");
      const done = reports?.filter((r) => scanner.status(r) === "Success" && r.outcome !== "empty") ?? [];
      if (!acceptedMimes(req).includes(MIME_GENERIC) || done.length === 0) {
        sendJson(res, 200, {});
        return;
      }
      const merged = /* @__PURE__ */ new Map();
      for (const r of done) {
        for (const it of r.vulnerabilities) {
          const k = `${it.id}-${it.package}-${it.version}`;
          const prev = merged.get(k);
          if (prev) prev.artifact_digests.push(r.digest);
          else merged.set(k, { ...it, severity: itemSeverity(it.severity), artifact_digests: [r.digest] });
        }
      }
      const items = st.opts.reportArtifactDigests === false ? [...merged.values()].map(({ artifact_digests: _omitted, ...it }) => it) : [...merged.values()];
      sendJson(res, 200, {
        [MIME_GENERIC]: {
          generated_at: iso(Math.max(...done.map((r) => scanner.endTime(r) ?? now()))),
          scanner: scannerJson(s),
          // Scanners leave the report severity empty when nothing was found.
          severity: items.length === 0 ? "" : String(summaryOf(items).severity),
          vulnerabilities: items
        }
      });
      return;
    }
    if (c.params.addition === "sbom") {
      if (!a.sbomDocument) throw new HttpError(404, "NOT_FOUND", `no sbom found for ${a.repo}@${a.digest}`);
      const text = JSON.stringify(a.sbomDocument);
      res.writeHead(200, { "Content-Type": SBOM_CONFIG, "Content-Length": Buffer.byteLength(text) });
      res.end(text);
      return;
    }
    throw new HttpError(404, "NOT_FOUND", `addition ${c.params.addition ?? ""} not found`);
  }
  async function listAccessories(c) {
    const { a, notFound } = await open(c, "accessory:list");
    const { res, url } = c;
    if (!a) throw notFound();
    const type = /^type=(.+)$/.exec(url.searchParams.get("q") ?? "")?.[1];
    const list = accessoriesOf(a).filter((x) => type === void 0 || x.type === type);
    sendJson(res, 200, list.map(accessoryJson), { "X-Total-Count": String(list.length) });
  }
  return [
    { method: "GET", path: ARTIFACT, handler: getArtifact },
    { method: "POST", path: `${ARTIFACT}/scan`, handler: startScan },
    { method: "POST", path: `${ARTIFACT}/scan/stop`, handler: stopScan },
    { method: "GET", path: `${ARTIFACT}/scan/:report/log`, handler: scanLog },
    { method: "GET", path: `${ARTIFACT}/additions/:addition`, handler: addition },
    { method: "GET", path: `${ARTIFACT}/accessories`, handler: listAccessories }
  ];
}

// src/embedded/harbor/api-projects.ts
function projectRoutes(st, views) {
  const isName = (h) => h === "true";
  return [
    {
      method: "GET",
      path: "/api/v2.0/projects/:project",
      handler: ({ req, res, params }) => {
        const id = st.identify(req);
        const ref = decodeURIComponent(params.project ?? "");
        const p = st.requireProject(id, ref, isName(req.headers["x-is-resource-name"]), "project:read");
        sendJson(res, 200, views.projectJson(p));
      }
    },
    {
      method: "GET",
      path: "/api/v2.0/projects/:project/scanner",
      handler: ({ req, res, params }) => {
        const id = st.identify(req);
        const ref = decodeURIComponent(params.project ?? "");
        const p = st.requireProject(id, ref, isName(req.headers["x-is-resource-name"]), "scanner:read");
        const s = st.projectScanner(p);
        if (!s) {
          res.writeHead(200, { "Content-Type": "application/json" });
          res.end();
          return;
        }
        sendJson(res, 200, views.scannerRegistrationJson(s));
      }
    }
  ];
}

// src/embedded/harbor/api-system.ts
function systemRoutes(st, views) {
  const authenticated = (id) => {
    if (!id.user) throw new HttpError(401, "UNAUTHORIZED", "unauthorized");
  };
  return [
    {
      method: "GET",
      path: "/api/v2.0/ping",
      handler: ({ res }) => {
        res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8" });
        res.end("Pong");
      }
    },
    {
      method: "GET",
      path: "/api/v2.0/systeminfo",
      handler: ({ req, res }) => {
        const id = st.identify(req);
        const info = {
          auth_mode: st.opts.authMode ?? "db_auth",
          primary_auth_mode: false,
          self_registration: false,
          banner_message: "",
          oidc_provider_name: ""
        };
        if (id.user) {
          Object.assign(info, {
            harbor_version: st.version,
            external_url: st.conf.baseUrl,
            registry_url: new URL(st.conf.baseUrl).host,
            read_only: false,
            has_ca_root: false,
            project_creation_restriction: "everyone",
            registry_storage_provider_name: "filesystem",
            notification_enable: true,
            current_time: iso(st.now())
          });
        }
        sendJson(res, 200, info);
      }
    },
    {
      method: "GET",
      path: "/api/v2.0/system/CVEAllowlist",
      handler: ({ req, res }) => {
        authenticated(st.identify(req));
        sendJson(res, 200, views.allowlistJson(0, st.systemAllowlist));
      }
    },
    {
      method: "GET",
      path: "/api/v2.0/users/current/permissions",
      handler: ({ req, res, url }) => {
        const id = st.identify(req);
        authenticated(id);
        const scope = url.searchParams.get("scope") ?? "";
        const relative = url.searchParams.get("relative") === "true";
        const m = /^\/project\/(\d+)$/.exec(scope);
        const p = m ? st.findProject(m[1] ?? "", false) : void 0;
        const list = p ? [...st.grants(id.user, p)] : [];
        sendJson(
          res,
          200,
          list.map((g) => {
            const [resource = "", action = ""] = g.split(":");
            return { resource: relative ? resource : `${scope}/${resource}`, action };
          })
        );
      }
    }
  ];
}

// src/embedded/harbor/fixtures.ts
var DEFAULT_VULNERABILITIES = [
  {
    id: "CVE-2023-44487",
    package: "golang.org/x/net",
    version: "0.7.0",
    fix_version: "0.17.0",
    severity: "High",
    status: "fixed",
    description: "HTTP/2 rapid reset can cause excessive work in net/http.",
    links: ["https://avd.aquasec.com/nvd/cve-2023-44487"],
    preferred_cvss: {
      score_v3: 7.5,
      score_v2: null,
      vector_v3: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H",
      vector_v2: ""
    },
    cwe_ids: ["CWE-400"],
    vendor_attributes: {
      CVSS: { nvd: { V3Score: 7.5, V3Vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H" } }
    }
  },
  {
    id: "CVE-2022-37434",
    package: "zlib",
    version: "1.2.12-r1",
    fix_version: "1.2.12-r2",
    severity: "Critical",
    status: "fixed",
    description: "zlib through 1.2.12 has a heap-based buffer over-read or buffer overflow in inflate.",
    links: [""],
    preferred_cvss: { score_v3: 0, score_v2: null, vector_v3: "", vector_v2: "" },
    cwe_ids: ["CWE-787", ""],
    vendor_attributes: {
      CVSS: { nvd: { V3Score: 9.8, V3Vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" } }
    }
  },
  {
    id: "CVE-2019-18276",
    package: "bash",
    version: "5.0-6ubuntu1.1",
    fix_version: "",
    severity: "Low",
    status: "affected",
    description: "An issue was discovered in disable_priv_mode in shell.c in GNU Bash.",
    links: ["https://avd.aquasec.com/nvd/cve-2019-18276"],
    preferred_cvss: {
      score_v3: 7.8,
      score_v2: 7.2,
      vector_v3: "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H",
      vector_v2: "AV:L/AC:L/Au:N/C:C/I:C/A:C"
    },
    cwe_ids: ["CWE-273"],
    vendor_attributes: null
  },
  {
    id: "CVE-2016-2781",
    package: "coreutils",
    version: "8.32-4.1ubuntu1",
    fix_version: "",
    severity: "Negligible",
    description: "chroot in GNU coreutils, when used with --userspec, allows local users to escape.",
    links: [],
    preferred_cvss: { score_v3: 0, score_v2: null, vector_v3: "", vector_v2: "" },
    cwe_ids: [""],
    vendor_attributes: null
  },
  {
    id: "GHSA-xxxx-yyyy-zzzz",
    package: "left-pad",
    version: "1.0.0",
    fix_version: "1.3.0",
    severity: "Unknown",
    description: "",
    links: [""],
    preferred_cvss: { score_v3: null, score_v2: null, vector_v3: "", vector_v2: "" },
    cwe_ids: [],
    vendor_attributes: {}
  }
];
function defaultSbom(digest) {
  return {
    spdxVersion: "SPDX-2.3",
    dataLicense: "CC0-1.0",
    SPDXID: "SPDXRef-DOCUMENT",
    name: `sbom-${digest}`,
    documentNamespace: `https://harbor.local/sbom/${digest}`,
    creationInfo: { created: (/* @__PURE__ */ new Date()).toISOString(), creators: ["Tool: harbor-gate-embedded-scanner"] },
    packages: [
      {
        SPDXID: "SPDXRef-Package-zlib",
        name: "zlib",
        versionInfo: "1.2.12-r1",
        downloadLocation: "NOASSERTION"
      }
    ]
  };
}

// src/embedded/harbor/registry-front.ts
import http from "node:http";
function createRegistryFront(st, tokens) {
  const {
    identify,
    recordManifest,
    forgetManifest,
    scannable,
    projectScanner,
    scanTargets,
    scanner,
    accessories,
    backendAuth,
    conf
  } = st;
  const { tokenFor, allowedActions } = tokens;
  const V2_ROUTE = /^\/v2\/(.+)\/(manifests\/[^/]+|blobs\/uploads\/[^/]*|blobs\/[^/]+|tags\/list|referrers\/[^/]+)$/;
  function challenge(res, id, scope) {
    const header = id.rejected && !id.access ? 'Basic realm="harbor"' : `Bearer realm="${conf.baseUrl}/service/token",service="${SERVICE}"${scope ? `,scope="${scope}"` : ""}`;
    const body = JSON.stringify({
      errors: [{ code: "UNAUTHORIZED", message: "authentication required", detail: null }]
    });
    res.writeHead(401, {
      "WWW-Authenticate": header,
      "Docker-Distribution-Api-Version": "registry/2.0",
      "Content-Type": "application/json; charset=utf-8",
      "Content-Length": Buffer.byteLength(body)
    });
    res.end(body);
  }
  async function v2(req, res, url) {
    const id = identify(req);
    const method = req.method ?? "GET";
    if (url.pathname === "/v2/" || url.pathname === "/v2") {
      if (!id.user && !id.access) {
        challenge(res, id);
        return;
      }
      await forward(req, res, url, [], void 0);
      return;
    }
    const m = V2_ROUTE.exec(url.pathname);
    if (!m) {
      sendJson(res, 404, { errors: [{ code: "NOT_FOUND", message: "not found" }] });
      return;
    }
    const repo = m[1] ?? "";
    const what = m[2] ?? "";
    const wanted = method === "GET" || method === "HEAD" ? ["pull"] : method === "DELETE" ? ["delete"] : ["pull", "push"];
    const actions = allowedActions(id, repo, wanted);
    if (actions.length < wanted.length) {
      if (id.user && !id.rejected && !id.access) {
        sendJson(res, 403, {
          errors: [{ code: "DENIED", message: `requested access to the resource is denied` }]
        });
        return;
      }
      challenge(res, id, `repository:${repo}:${wanted.join(",")}`);
      return;
    }
    if (what.startsWith("referrers/")) {
      referrers2(res, repo, decodeURIComponent(what.slice("referrers/".length)), url);
      return;
    }
    const access = [{ type: "repository", name: repo, actions }];
    const from = url.searchParams.get("from");
    if (from && allowedActions(id, from, ["pull"]).length === 1)
      access.push({ type: "repository", name: from, actions: ["pull"] });
    if (method === "PUT" && what.startsWith("manifests/")) {
      const body = await readBody(req, MAX_MANIFEST);
      await forward(req, res, url, access, body, (status, headers) => {
        if (status !== 201) return;
        const digest = headers["docker-content-digest"] ?? sha256(body);
        const ref = decodeURIComponent(what.slice("manifests/".length));
        const a = recordManifest(repo, ref, body, req.headers["content-type"] ?? "", digest);
        if (a?.subject) headers["OCI-Subject"] = a.subject;
        if (a && a.accessoryType === void 0 && a.project.metadata.auto_scan === "true" && scannable(a)) {
          const s = projectScanner(a.project);
          if (s && !s.disabled && s.health === "healthy")
            for (const d of scanTargets(a)) scanner.start(d, "vulnerability");
        }
      });
      return;
    }
    if (method === "DELETE" && what.startsWith("manifests/")) {
      const ref = decodeURIComponent(what.slice("manifests/".length));
      await forward(req, res, url, access, void 0, (status) => {
        if (status === 202) forgetManifest(repo, ref);
      });
      return;
    }
    await forward(req, res, url, access, void 0);
  }
  function referrers2(res, repo, digest, url) {
    if (!/^[a-z0-9]+:[a-f0-9]{32,}$/.test(digest)) {
      sendJson(res, 400, { errors: [{ code: "BAD_REQUEST", message: `invalid digest ${digest}` }] });
      return;
    }
    const filter = url.searchParams.get("artifactType");
    const list = accessories.filter((x) => x.subjectRepo === repo && x.subjectDigest === digest).map((x) => {
      const a = x.artifact;
      const d = {
        mediaType: a.mediaType,
        digest: a.digest,
        size: a.size,
        artifactType: a.artifactType ?? a.configMediaType ?? ""
      };
      if (Object.keys(a.annotations).length > 0) d.annotations = a.annotations;
      return d;
    }).filter((d) => filter === null || d.artifactType === filter);
    const headers = {
      "X-Total-Count": String(list.length),
      "Docker-Distribution-Api-Version": "registry/2.0"
    };
    if (filter !== null) headers["OCI-Filters-Applied"] = "artifactType";
    const text = JSON.stringify({
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.index.v1+json",
      manifests: list
    });
    res.writeHead(200, {
      ...headers,
      "Content-Type": "application/vnd.oci.image.index.v1+json",
      "Content-Length": Buffer.byteLength(text)
    });
    res.end(text);
  }
  function forward(req, res, url, access, body, onHead) {
    if (!conf.backend) {
      sendJson(res, 503, { errors: [{ code: "UNAVAILABLE", message: "no registry backend configured" }] });
      return Promise.resolve();
    }
    const target = new URL(url.pathname + url.search, conf.backend);
    const headers = {};
    for (const [k, v] of Object.entries(req.headers))
      if (!HOP_HEADERS.has(k) && v !== void 0) headers[k] = v;
    headers.host = req.headers.host ?? new URL(conf.baseUrl).host;
    headers["x-forwarded-proto"] = st.opts.tls ? "https" : "http";
    if (backendAuth === "token") headers.authorization = `Bearer ${tokenFor(identify(req), access)}`;
    if (body) {
      headers["content-length"] = String(body.length);
      delete headers["transfer-encoding"];
    }
    return new Promise((resolve) => {
      const up = http.request(target, { method: req.method, headers, agent: false }, (upRes) => {
        const out = {};
        for (const [k, v] of Object.entries(upRes.headers)) {
          if (v === void 0 || k === "connection" || k === "keep-alive" || k === "transfer-encoding")
            continue;
          out[k] = Array.isArray(v) ? v.join(", ") : v;
        }
        if (out.location?.startsWith(conf.backend ?? "\0"))
          out.location = conf.baseUrl + out.location.slice(new URL(conf.backend ?? conf.baseUrl).origin.length);
        onHead?.(upRes.statusCode ?? 502, out);
        res.writeHead(upRes.statusCode ?? 502, out);
        upRes.pipe(res);
        upRes.on("end", resolve);
        upRes.on("error", () => {
          res.destroy();
          resolve();
        });
      });
      up.on("error", () => {
        if (!res.headersSent)
          sendJson(res, 502, { errors: [{ code: "UNKNOWN", message: "internal server error" }] });
        else res.destroy();
        resolve();
      });
      if (body) up.end(body);
      else req.pipe(up);
    });
  }
  return { v2 };
}

// src/embedded/harbor/router.ts
function match(pattern, path3) {
  const want = pattern.split("/");
  const got = path3.split("/");
  const params = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? "";
    if (w === "**" && i === want.length - 1) return params;
    const g = got[i];
    if (g === void 0) return void 0;
    if (w.startsWith(":")) {
      if (g === "") return void 0;
      params[w.slice(1)] = g;
    } else if (w !== g) {
      return void 0;
    }
  }
  return got.length === want.length ? params : void 0;
}
async function dispatch(routes, c) {
  const method = c.req.method ?? "GET";
  let pathMatched = false;
  for (const r of routes) {
    const params = match(r.path, c.url.pathname);
    if (params === void 0) continue;
    pathMatched = true;
    if (r.method !== "*" && r.method !== method) continue;
    await r.handler({ ...c, params });
    return;
  }
  if (pathMatched)
    throw new HttpError(405, "METHOD_NOT_ALLOWED", `${method} is not allowed on ${c.url.pathname}`);
  throw new HttpError(404, "NOT_FOUND", `no route for ${method} ${c.url.pathname}`);
}

// src/embedded/harbor/scanner.ts
import crypto2 from "node:crypto";
var FINAL = /* @__PURE__ */ new Set(["Success", "Error", "Stopped"]);
function isFinal(s) {
  return FINAL.has(s);
}
var ScriptedScanner = class {
  constructor(now, defaultScript = {}) {
    this.now = now;
    this.defaultScript = defaultScript;
  }
  now;
  scripts = /* @__PURE__ */ new Map();
  reports = /* @__PURE__ */ new Map();
  defaultScript;
  key(digest, kind) {
    return `${kind}|${digest}`;
  }
  /** How long ago the report's scan started. */
  age(r) {
    return this.now() - r.startedAt;
  }
  script(digest) {
    return this.scripts.get(digest) ?? this.defaultScript;
  }
  /** Script the scans of one digest; `previous` creates the old report right away. */
  setScript(digest, script) {
    this.scripts.set(digest, script);
    if (script.previous) {
      const at = this.now() - (script.previous.ageMs ?? 864e5);
      this.reports.set(this.key(digest, "vulnerability"), {
        id: crypto2.randomUUID(),
        digest,
        kind: "vulnerability",
        startedAt: at,
        durationMs: 1e3,
        outcome: "success",
        vulnerabilities: script.previous.vulnerabilities ?? DEFAULT_VULNERABILITIES,
        log: "scan finished (an earlier scan)\n"
      });
    }
  }
  /** The report as a reader sees it now (a stale previous one while staleUntil lasts). */
  get(digest, kind) {
    const r = this.reports.get(this.key(digest, kind));
    if (r?.previous && r.staleUntil !== void 0 && this.now() < r.staleUntil) return r.previous;
    return r;
  }
  /** The current report, never a stale view (for stop and log). */
  current(digest, kind) {
    return this.reports.get(this.key(digest, kind));
  }
  byId(id) {
    for (const r of this.reports.values()) {
      if (r.id === id) return r;
      if (r.previous?.id === id) return r.previous;
    }
    return void 0;
  }
  status(r) {
    if (r.stoppedAt !== void 0) return "Stopped";
    if (r.outcome === "pending") return "Pending";
    const t = this.now();
    if (t < r.startedAt + r.durationMs / 4) return "Pending";
    if (t < r.startedAt + r.durationMs) return "Running";
    return r.outcome === "error" ? "Error" : "Success";
  }
  endTime(r) {
    const s = this.status(r);
    if (s === "Stopped") return r.stoppedAt;
    return isFinal(s) ? r.startedAt + r.durationMs : void 0;
  }
  /** Start a scan: 'conflict' when the previous one is not final (Harbor's 409). */
  start(digest, kind) {
    const existing = this.current(digest, kind);
    if (existing && !isFinal(this.status(existing))) return "conflict";
    const script = this.script(digest);
    const now = this.now();
    const report = {
      id: crypto2.randomUUID(),
      digest,
      kind,
      startedAt: now,
      durationMs: script.durationMs ?? 30,
      outcome: script.outcome ?? "success",
      vulnerabilities: script.vulnerabilities ?? DEFAULT_VULNERABILITIES,
      log: script.log ?? defaultLog(script.outcome ?? "success", digest)
    };
    if (kind === "sbom" && script.sbom) report.sbom = script.sbom;
    if (existing && script.staleReadsMs) {
      report.previous = existing;
      report.staleUntil = now + script.staleReadsMs;
    }
    this.reports.set(this.key(digest, kind), report);
    return "started";
  }
  /** Stop a running scan; false when there is no job (Harbor's 400). */
  stop(digest, kind) {
    const r = this.current(digest, kind);
    if (!r) return false;
    if (!isFinal(this.status(r))) r.stoppedAt = this.now();
    return true;
  }
  logOf(r) {
    const s = this.status(r);
    const head = `${new Date(r.startedAt).toISOString()} [INFO] [${r.kind}] scan job for ${r.digest} queued
`;
    if (s === "Pending") return head + "waiting for a worker\n";
    if (s === "Stopped")
      return head + r.log + `${new Date(r.stoppedAt ?? this.now()).toISOString()} [INFO] the job was stopped
`;
    return head + r.log;
  }
};
function defaultLog(outcome, digest) {
  if (outcome === "error") {
    return `[INFO] scanning ${digest}
[ERROR] scan failed: init error: DB error: failed to download vulnerability DB: connection refused
`;
  }
  return `[INFO] scanning ${digest}
[INFO] report generated
`;
}

// src/embedded/harbor/token.ts
import crypto3 from "node:crypto";
function len(n) {
  if (n < 128) return Buffer.from([n]);
  const bytes = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return Buffer.from([128 | bytes.length, ...bytes]);
}
function tlv(tag, ...content) {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), len(body.length), body]);
}
var seq = (...c) => tlv(48, ...c);
function oid(dotted) {
  const parts = dotted.split(".").map(Number);
  const out = [40 * (parts[0] ?? 0) + (parts[1] ?? 0)];
  for (const p of parts.slice(2)) {
    const groups = [];
    for (let v = p; ; v = Math.floor(v / 128)) {
      groups.unshift(v % 128);
      if (v < 128) break;
    }
    groups.forEach((g, i) => out.push(i < groups.length - 1 ? g | 128 : g));
  }
  return tlv(6, Buffer.from(out));
}
function integer(bytes) {
  const b = (bytes[0] ?? 0) & 128 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes;
  return tlv(2, b);
}
function utcTime(d) {
  const p = (n) => String(n).padStart(2, "0");
  const s = p(d.getUTCFullYear() % 100) + p(d.getUTCMonth() + 1) + p(d.getUTCDate()) + p(d.getUTCHours()) + p(d.getUTCMinutes()) + p(d.getUTCSeconds()) + "Z";
  return tlv(23, Buffer.from(s, "ascii"));
}
function name(cn) {
  return seq(tlv(49, seq(oid("2.5.4.3"), tlv(12, Buffer.from(cn, "utf8")))));
}
var SHA256_WITH_RSA = seq(oid("1.2.840.113549.1.1.11"), Buffer.from([5, 0]));
function createSigningIdentity(commonName = "harbor-token-ca") {
  const { privateKey, publicKey } = crypto3.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const now = Date.now();
  const spki = publicKey.export({ type: "spki", format: "der" });
  const basicConstraints = seq(
    oid("2.5.29.19"),
    tlv(1, Buffer.from([255])),
    tlv(4, seq(tlv(1, Buffer.from([255]))))
  );
  const keyUsage = seq(
    oid("2.5.29.15"),
    tlv(1, Buffer.from([255])),
    tlv(4, tlv(3, Buffer.from([2, 132])))
  );
  const tbs = seq(
    tlv(160, integer(Buffer.from([2]))),
    integer(crypto3.randomBytes(16)),
    SHA256_WITH_RSA,
    name(commonName),
    seq(utcTime(new Date(now - 36e5)), utcTime(new Date(now + 10 * 365 * 864e5))),
    name(commonName),
    spki,
    tlv(163, seq(basicConstraints, keyUsage))
  );
  const signature = crypto3.sign("sha256", tbs, privateKey);
  const certDer = seq(tbs, SHA256_WITH_RSA, tlv(3, Buffer.from([0]), signature));
  const b64 = certDer.toString("base64").replace(/(.{64})/g, "$1\n").replace(/\n$/, "");
  return {
    privateKey,
    publicKey,
    certDer,
    certPem: `-----BEGIN CERTIFICATE-----
${b64}
-----END CERTIFICATE-----
`
  };
}
var b64url = (b) => Buffer.from(b).toString("base64url");
function signToken(id, claims) {
  const header = { typ: "JWT", alg: "RS256", x5c: [id.certDer.toString("base64")] };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const sig = crypto3.sign("sha256", Buffer.from(input), id.privateKey);
  return `${input}.${b64url(sig)}`;
}
function verifyToken(id, token, audience, nowSec) {
  const parts = token.split(".");
  if (parts.length !== 3) return void 0;
  const [h, p, s] = parts;
  try {
    const header = JSON.parse(Buffer.from(h, "base64url").toString("utf8"));
    if (header.alg !== "RS256") return void 0;
    if (!crypto3.verify("sha256", Buffer.from(`${h}.${p}`), id.publicKey, Buffer.from(s, "base64url")))
      return void 0;
    const claims = JSON.parse(Buffer.from(p, "base64url").toString("utf8"));
    if (claims.aud !== audience || typeof claims.exp !== "number" || claims.exp <= nowSec) return void 0;
    if (typeof claims.nbf === "number" && claims.nbf > nowSec + 60) return void 0;
    if (!Array.isArray(claims.access)) return void 0;
    return claims;
  } catch {
    return void 0;
  }
}
function parseScope(scope) {
  const first = scope.indexOf(":");
  const last = scope.lastIndexOf(":");
  if (first <= 0 || last <= first) return void 0;
  const actions = scope.slice(last + 1).split(",").map((a) => a.trim()).filter(Boolean);
  return { type: scope.slice(0, first), name: scope.slice(first + 1, last), actions };
}

// src/embedded/harbor/state.ts
function createState(opts) {
  const now = opts.now ?? Date.now;
  const identity = createSigningIdentity();
  const version = opts.version ?? "v2.11.0-embedded";
  const vm = /^v?(\d+)\.(\d+)/.exec(version);
  const hasScanType = !vm || Number(vm[1]) > 2 || Number(vm[1]) === 2 && Number(vm[2]) >= 11;
  const scanner = new ScriptedScanner(now, opts.defaultScript ?? {});
  const projects = /* @__PURE__ */ new Map();
  const users = /* @__PURE__ */ new Map();
  const artifacts = /* @__PURE__ */ new Map();
  const accessories = [];
  const repoIds = /* @__PURE__ */ new Map();
  const sysDefault = opts.defaultScanner === null ? null : defaultScanner(opts.defaultScanner ?? void 0);
  const systemAllowlist = {
    items: opts.systemAllowlist?.items ?? [],
    expiresAt: opts.systemAllowlist?.expiresAt ?? null
  };
  const requests = [];
  const backendAuth = opts.backendAuth ?? "token";
  let nextId = 1;
  const conf = { baseUrl: "", backend: opts.backendUrl };
  function addProject(p) {
    projects.set(p.name, {
      id: nextId++,
      name: p.name,
      public: p.public ?? false,
      metadata: { public: String(p.public ?? false), ...p.metadata ?? {} },
      allowlist: { items: p.allowlist?.items ?? [], expiresAt: p.allowlist?.expiresAt ?? null },
      scanner: p.scanner === null ? null : p.scanner === void 0 ? void 0 : defaultScanner(p.scanner),
      created: iso(now())
    });
  }
  for (const p of opts.projects ?? []) addProject(p);
  for (const u of opts.users ?? []) users.set(u.username, u);
  const projectScanner = (p) => p.scanner === void 0 ? sysDefault : p.scanner;
  function identify(req) {
    const h = req.headers.authorization;
    if (!h) return { rejected: false };
    const [scheme, value = ""] = h.split(" ", 2);
    if (scheme.toLowerCase() === "basic") {
      const decoded = Buffer.from(value, "base64").toString("utf8");
      const i = decoded.indexOf(":");
      const user = users.get(decoded.slice(0, i));
      if (i > 0 && user?.password === decoded.slice(i + 1)) return { user, rejected: false };
      return { rejected: true };
    }
    if (scheme.toLowerCase() === "bearer") {
      const claims = verifyToken(identity, value, SERVICE, Math.floor(now() / 1e3));
      if (!claims) return { rejected: true };
      const user = users.get(claims.sub);
      return user ? { user, access: claims.access, rejected: false } : { access: claims.access, rejected: false };
    }
    return { rejected: true };
  }
  function grants(user, p) {
    const out = new Set(p.public ? PUBLIC_PERMISSIONS : []);
    if (user?.admin) for (const g of GATE_PERMISSIONS) out.add(g);
    for (const g of user?.permissions?.[p.name] ?? []) out.add(g);
    return out;
  }
  function can(id, p, perm) {
    if (!p) return false;
    if (id.user?.admin) return true;
    return grants(id.user, p).has(perm);
  }
  function denied(id) {
    return id.user ? new HttpError(403, "FORBIDDEN", "forbidden") : new HttpError(401, "UNAUTHORIZED", "unauthorized");
  }
  function findProject(nameOrId, isName) {
    if (!isName && /^\d+$/.test(nameOrId)) {
      for (const p of projects.values()) if (p.id === Number(nameOrId)) return p;
      return void 0;
    }
    return projects.get(nameOrId);
  }
  function requireProject(id, nameOrId, isName, perm) {
    const p = findProject(nameOrId, isName);
    if (!p) {
      if (id.user?.admin) throw new HttpError(404, "NOT_FOUND", `project ${nameOrId} not found`);
      throw denied(id);
    }
    if (!can(id, p, perm)) throw denied(id);
    return p;
  }
  const artKey = (repo, digest) => `${repo}@${digest}`;
  function findArtifact(repo, reference) {
    if (reference.includes(":")) return artifacts.get(artKey(repo, reference));
    for (const a of artifacts.values()) if (a.repo === repo && a.tags.has(reference)) return a;
    return void 0;
  }
  function artifactType(a) {
    if (INDEX_TYPES.has(a.mediaType)) return "IMAGE";
    if (a.configMediaType && IMAGE_CONFIGS.has(a.configMediaType)) return "IMAGE";
    return "UNKNOWN";
  }
  function scannable(a) {
    return a.accessoryType === void 0 && artifactType(a) === "IMAGE";
  }
  function scanTargets(a) {
    if (!INDEX_TYPES.has(a.mediaType)) return [a.digest];
    return a.children.map((c) => artifacts.get(artKey(a.repo, c.digest))).filter((c) => c !== void 0 && scannable(c)).map((c) => c.digest);
  }
  function recordManifest(repo, reference, body, contentType, digest) {
    const projectName = repo.split("/")[0] ?? "";
    const project = projects.get(projectName);
    if (!project) return void 0;
    let m;
    try {
      m = JSON.parse(body.toString("utf8"));
    } catch {
      return void 0;
    }
    const mediaType = typeof m.mediaType === "string" ? m.mediaType : contentType;
    const config = m.config;
    const layers = Array.isArray(m.layers) ? m.layers : [];
    const subject = m.subject;
    let a = artifacts.get(artKey(repo, digest));
    if (!a) {
      if (!repoIds.has(repo)) repoIds.set(repo, nextId++);
      a = {
        id: nextId++,
        project,
        repo,
        repoId: repoIds.get(repo) ?? 0,
        digest,
        mediaType,
        size: body.length,
        annotations: m.annotations ?? {},
        children: Array.isArray(m.manifests) ? m.manifests.map((d) => ({
          digest: d.digest,
          ...d.platform ? { platform: d.platform } : {},
          ...d.annotations ? { annotations: d.annotations } : {}
        })) : [],
        tags: /* @__PURE__ */ new Map(),
        pushTime: iso(now())
      };
      if (config?.mediaType) a.configMediaType = config.mediaType;
      if (typeof m.artifactType === "string") a.artifactType = m.artifactType;
      artifacts.set(artKey(repo, digest), a);
    }
    if (!reference.includes(":")) a.tags.set(reference, iso(now()));
    const fromType = a.artifactType ?? a.configMediaType ?? "";
    if (accessories.some((x) => x.artifact === a)) return a;
    if (subject?.digest) {
      a.subject = subject.digest;
      a.accessoryType = accessoryTypeOf(fromType);
      accessories.push({
        id: nextId++,
        artifact: a,
        subjectRepo: repo,
        subjectDigest: subject.digest,
        type: a.accessoryType
      });
    } else {
      const signed = reference.endsWith(".sig") ? reference.slice(0, -4).replace(/^sha256-/, "sha256:") : "";
      if (SHA256_DIGEST_PATTERN.test(signed) && layers.some((l) => l.mediaType === "application/vnd.dev.cosign.simplesigning.v1+json")) {
        a.accessoryType = "signature.cosign";
        accessories.push({
          id: nextId++,
          artifact: a,
          subjectRepo: repo,
          subjectDigest: signed,
          type: a.accessoryType
        });
      }
    }
    return a;
  }
  function forgetManifest(repo, digest) {
    const a = artifacts.get(artKey(repo, digest));
    if (!a) return;
    artifacts.delete(artKey(repo, digest));
    for (let i = accessories.length - 1; i >= 0; i--)
      if (accessories[i].artifact === a) accessories.splice(i, 1);
  }
  function accessoryTypeOf(fromType) {
    switch (fromType) {
      case "application/vnd.cncf.notary.signature":
        return "signature.notation";
      case "application/vnd.dev.cosign.artifact.sig.v1+json":
      case "application/vnd.dev.sigstore.bundle.v0.3+json":
        return "signature.cosign";
      case SBOM_CONFIG:
        return "sbom.harbor";
      default:
        return "subject.accessory";
    }
  }
  return {
    opts,
    now,
    identity,
    version,
    hasScanType,
    scanner,
    projects,
    users,
    artifacts,
    accessories,
    forgetManifest,
    sysDefault,
    systemAllowlist,
    requests,
    backendAuth,
    conf,
    addProject,
    projectScanner,
    identify,
    grants,
    can,
    denied,
    findProject,
    requireProject,
    artKey,
    findArtifact,
    artifactType,
    scannable,
    scanTargets,
    recordManifest
  };
}

// src/embedded/harbor/token-service.ts
import crypto4 from "node:crypto";
function createTokenService(st) {
  const { now, identity, projects, can, identify } = st;
  function tokenFor(id, scopes) {
    const t = Math.floor(now() / 1e3);
    return signToken(identity, {
      iss: ISSUER,
      sub: id.user?.username ?? "",
      aud: SERVICE,
      exp: t + 1800,
      nbf: t - 10,
      iat: t,
      jti: crypto4.randomUUID(),
      access: scopes
    });
  }
  function allowedActions(id, repo, wanted) {
    if (id.access) {
      const granted = new Set(
        id.access.filter((x) => x.type === "repository" && x.name === repo).flatMap((x) => x.actions)
      );
      return wanted.filter((w) => granted.has(w) || granted.has("*"));
    }
    const p = projects.get(repo.split("/")[0] ?? "");
    const out = [];
    for (const w of wanted) {
      if (w === "pull" && can(id, p, "repository:pull") || (w === "push" || w === "*") && can(id, p, "repository:push") || // Harbor maps a manifest DELETE to the artifact delete permission (robot: Artifact / Delete).
      w === "delete" && can(id, p, "artifact:delete"))
        out.push(w);
    }
    return out;
  }
  function serviceToken(req, res, url) {
    const id = identify(req);
    if (id.rejected || id.access) throw new HttpError(401, "UNAUTHORIZED", "authentication failed");
    const service = url.searchParams.get("service");
    if (service !== null && service !== SERVICE)
      throw new HttpError(400, "BAD_REQUEST", `invalid service: ${service}`);
    const access = [];
    for (const raw of url.searchParams.getAll("scope").flatMap((s) => s.split(" "))) {
      const sc = parseScope(raw);
      if (sc?.type !== "repository") continue;
      access.push({ type: "repository", name: sc.name, actions: allowedActions(id, sc.name, sc.actions) });
    }
    const token = tokenFor(id, access);
    sendJson(res, 200, { token, access_token: "", expires_in: 1800, issued_at: iso(now()) });
  }
  return { tokenFor, allowedActions, serviceToken };
}

// src/embedded/harbor/views.ts
function createViews(st) {
  const {
    scanner,
    artifacts,
    accessories,
    sysDefault,
    hasScanType,
    projectScanner,
    scannable,
    scanTargets,
    artKey,
    recordManifest,
    findArtifact,
    artifactType
  } = st;
  function acceptedMimes(req) {
    const h = req.headers["x-accept-vulnerabilities"];
    const raw = Array.isArray(h) ? h.join(",") : h;
    if (raw === void 0 || raw.trim() === "") return [MIME_GENERIC, MIME_NATIVE];
    const parts = raw.split(",").map((s) => s.trim().replace(/\s*;\s*/g, "; "));
    const known = parts.filter((p) => p === MIME_GENERIC || p === MIME_NATIVE);
    return known.length > 0 ? known : [MIME_NATIVE];
  }
  function itemSeverity(s) {
    const t = s.trim().toLowerCase();
    const map = {
      critical: "Critical",
      high: "High",
      medium: "Medium",
      low: "Low",
      negligible: "None",
      none: "None"
    };
    return map[t] ?? "Unknown";
  }
  const SEV_CODE = { None: 0, Unknown: 0, Low: 2, Medium: 3, High: 4, Critical: 5 };
  function summaryOf(items) {
    const counts = {};
    let fixable = 0;
    let worst = "None";
    for (const it of items) {
      const s = itemSeverity(it.severity);
      counts[s] = (counts[s] ?? 0) + 1;
      if (it.fix_version !== "") fixable++;
      if ((SEV_CODE[s] ?? 0) > (SEV_CODE[worst] ?? 0)) worst = s;
    }
    return { severity: worst, summary: { total: items.length, fixable, summary: counts } };
  }
  function scannerJson(s) {
    return { name: s.name, vendor: s.vendor, version: s.version };
  }
  function reportsOf(a, kind) {
    const targets = kind === "sbom" ? [a.digest] : scanTargets(a);
    if (targets.length === 0) return void 0;
    const out = [];
    for (const d of targets) {
      const r = scanner.get(d, kind);
      if (!r) return void 0;
      out.push(r);
    }
    return out;
  }
  function mergedStatus(statuses) {
    for (const s of ["Running", "Success", "Error", "Stopped"]) if (statuses.includes(s)) return s;
    return "Pending";
  }
  function scanOverview(a, req) {
    const s = projectScanner(a.project);
    if (!s || !scannable(a) || !acceptedMimes(req).includes(MIME_GENERIC)) return void 0;
    const reports = reportsOf(a, "vulnerability");
    if (!reports) return void 0;
    const script = scanner.script(a.digest);
    const hidden = script.overviewHiddenMs;
    if (hidden !== void 0 && reports.every((r) => scanner.age(r) < hidden)) return void 0;
    const statuses = reports.map((r) => scanner.status(r));
    const status = mergedStatus(statuses);
    const starts = reports.map((r) => r.startedAt);
    const ends = reports.map((r) => scanner.endTime(r));
    const ov = {
      report_id: reports.length === 1 ? reports[0]?.id : Buffer.from(reports.map((r) => r.id).join("|")).toString("base64"),
      scan_status: status,
      start_time: status === "Pending" ? ZERO_TIME : iso(Math.min(...starts)),
      end_time: ends.every((e) => e !== void 0) ? iso(Math.max(...ends)) : ZERO_TIME
    };
    if (status === "Success") {
      const items = reports.filter((r) => scanner.status(r) === "Success" && r.outcome !== "empty").flatMap((r) => r.vulnerabilities);
      Object.assign(ov, summaryOf(dedupe(items)));
      ov.scanner = scannerJson(s);
      ov.duration = Math.round(reports.reduce((t, r) => t + r.durationMs, 0) / 1e3);
      if (!script.omitCompletePercent) {
        ov.complete_percent = Math.floor(
          statuses.filter((x) => x === "Success").length * 100 / statuses.length
        );
      }
    }
    return { [MIME_GENERIC]: ov };
  }
  function dedupe(items) {
    const seen = /* @__PURE__ */ new Set();
    return items.filter((i) => {
      const k = `${i.id}-${i.package}-${i.version}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }
  function materialiseSbom(a, r) {
    if (r.sbomDigest || scanner.status(r) !== "Success") return;
    const doc = r.sbom ?? defaultSbom(a.digest);
    const blob2 = Buffer.from(JSON.stringify(doc));
    const manifest2 = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        config: { mediaType: SBOM_CONFIG, digest: sha256(Buffer.from("{}")), size: 2 },
        layers: [
          { mediaType: "application/vnd.oci.image.layer.v1.tar", digest: sha256(blob2), size: blob2.length }
        ],
        subject: { mediaType: a.mediaType, digest: a.digest, size: a.size },
        annotations: { "created-by": "Harbor", "org.opencontainers.artifact.description": "SPDX JSON SBOM" }
      })
    );
    const digest = sha256(manifest2);
    const acc = recordManifest(
      a.repo,
      digest,
      manifest2,
      "application/vnd.oci.image.manifest.v1+json",
      digest
    );
    if (acc) acc.sbomDocument = doc;
    r.sbomDigest = digest;
  }
  function sbomOverview(a) {
    const r = scanner.get(a.digest, "sbom");
    if (!r) return void 0;
    materialiseSbom(a, r);
    const status = scanner.status(r);
    const end = scanner.endTime(r);
    const s = projectScanner(a.project);
    const ov = {
      report_id: r.id,
      scan_status: status,
      start_time: status === "Pending" ? ZERO_TIME : iso(r.startedAt),
      end_time: end === void 0 ? ZERO_TIME : iso(end)
    };
    if (status === "Success") {
      ov.sbom_digest = r.sbomDigest;
      ov.duration = Math.round(r.durationMs / 1e3);
      if (s) ov.scanner = scannerJson(s);
    }
    return ov;
  }
  function repoInProject(a) {
    return a.repo.slice(a.project.name.length + 1);
  }
  function artifactJson(a, req, q) {
    const enc = encodeURIComponent(repoInProject(a)).replace(/%2F/g, "%252F");
    const base = `/api/v2.0/projects/${a.project.name}/repositories/${enc}/artifacts/${a.digest}`;
    const links = {};
    if (scannable(a) && projectScanner(a.project))
      links.vulnerabilities = { href: `${base}/additions/vulnerabilities`, absolute: false };
    const out = {
      id: a.id,
      type: artifactType(a),
      media_type: a.configMediaType ?? a.mediaType,
      manifest_media_type: a.mediaType,
      project_id: a.project.id,
      repository_id: a.repoId,
      repository_name: a.repo,
      digest: a.digest,
      size: a.size,
      icon: "",
      push_time: a.pushTime,
      pull_time: ZERO_TIME,
      extra_attrs: {},
      annotations: a.annotations,
      references: a.children.map((c) => ({
        parent_id: a.id,
        child_id: artifacts.get(artKey(a.repo, c.digest))?.id ?? 0,
        child_digest: c.digest,
        ...c.platform ? { platform: c.platform } : {},
        ...c.annotations ? { annotations: c.annotations } : {},
        urls: []
      })),
      tags: (q.get("with_tag") === "false" ? [] : [...a.tags]).map(([name2, t], i) => ({
        id: a.id * 1e3 + i,
        repository_id: a.repoId,
        artifact_id: a.id,
        name: name2,
        push_time: t,
        pull_time: ZERO_TIME,
        immutable: false
      })),
      addition_links: links,
      labels: []
    };
    if (a.artifactType) out.artifact_type = a.artifactType;
    if (q.get("with_scan_overview") === "true") {
      const ov = scanOverview(a, req);
      if (ov) out.scan_overview = ov;
    }
    if (q.get("with_sbom_overview") === "true" && hasScanType) {
      const ov = sbomOverview(a);
      if (ov) {
        out.sbom_overview = ov;
        links.sboms = {
          href: `/api/v2.0/projects/${a.project.name}/repositories/${enc}/artifacts/${typeof ov.sbom_digest === "string" ? ov.sbom_digest : ""}/additions/sbom`,
          absolute: false
        };
      }
    }
    if (q.get("with_accessory") === "true") out.accessories = accessoriesOf(a).map(accessoryJson);
    return out;
  }
  function accessoriesOf(a) {
    return accessories.filter((x) => x.subjectRepo === a.repo && x.subjectDigest === a.digest);
  }
  function accessoryJson(x) {
    return {
      id: x.id,
      artifact_id: x.artifact.id,
      subject_artifact_id: findArtifact(x.subjectRepo, x.subjectDigest)?.id ?? 0,
      subject_artifact_repo: x.subjectRepo,
      subject_artifact_digest: x.subjectDigest,
      size: x.artifact.size,
      digest: x.artifact.digest,
      type: x.type,
      icon: "",
      creation_time: x.artifact.pushTime
    };
  }
  function allowlistJson(projectId, l) {
    return {
      id: projectId + 1,
      project_id: projectId,
      expires_at: l.expiresAt,
      items: l.items.map((cve_id) => ({ cve_id })),
      creation_time: ZERO_TIME,
      update_time: ZERO_TIME
    };
  }
  function projectJson(p) {
    return {
      project_id: p.id,
      owner_id: 1,
      name: p.name,
      registry_id: 0,
      creation_time: p.created,
      update_time: p.created,
      deleted: false,
      owner_name: "admin",
      togglable: true,
      current_user_role_id: 0,
      current_user_role_ids: [],
      repo_count: new Set([...artifacts.values()].filter((a) => a.project === p).map((a) => a.repo)).size,
      metadata: p.metadata,
      cve_allowlist: allowlistJson(p.id, p.allowlist)
    };
  }
  function scannerRegistrationJson(s) {
    return {
      uuid: s.uuid,
      name: s.name,
      description: "The embedded scripted scanner",
      url: "http://scanner.embedded:8080",
      disabled: s.disabled,
      is_default: s === sysDefault,
      auth: "",
      access_credential: "",
      skip_certVerify: false,
      use_internal_addr: true,
      create_time: ZERO_TIME,
      update_time: ZERO_TIME,
      adapter: s.name,
      vendor: s.vendor,
      version: s.version,
      health: s.health,
      capabilities: { support_vulnerability: true, support_sbom: s.supportSbom }
    };
  }
  return {
    acceptedMimes,
    itemSeverity,
    summaryOf,
    scannerJson,
    reportsOf,
    artifactJson,
    accessoriesOf,
    accessoryJson,
    allowlistJson,
    projectJson,
    scannerRegistrationJson
  };
}

// src/embedded/harbor/server.ts
async function startHarborServer(opts = {}) {
  const st = createState(opts);
  const views = createViews(st);
  const tokens = createTokenService(st);
  const front = createRegistryFront(st, tokens);
  const routes = [
    ...systemRoutes(st, views),
    ...projectRoutes(st, views),
    ...artifactRoutes(st, views),
    {
      method: "*",
      path: "/service/token",
      handler: ({ req, res, url }) => {
        tokens.serviceToken(req, res, url);
      }
    },
    { method: "*", path: "/v2", handler: ({ req, res, url }) => front.v2(req, res, url) },
    { method: "*", path: "/v2/**", handler: ({ req, res, url }) => front.v2(req, res, url) }
  ];
  const handler = (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const requestId = crypto5.randomUUID();
    res.setHeader("X-Request-Id", requestId);
    if (url.pathname.startsWith("/api/v2.0/")) {
      res.on("finish", () => {
        st.requests.push({
          method: req.method ?? "GET",
          path: url.pathname + url.search,
          status: res.statusCode
        });
      });
    }
    const isApi = url.pathname.startsWith("/api/v2.0/");
    dispatch(routes, { req, res, url }).catch((e) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (e instanceof HttpError && !isApi && e.status === 404) {
        sendError(res, new HttpError(404, "NOT_FOUND", "not found"));
        return;
      }
      sendError(res, e instanceof HttpError ? e : new HttpError(500, "UNKNOWN", "internal server error"));
    });
  };
  const server = opts.tls ? https.createServer({ cert: opts.tls.cert, key: opts.tls.key }, handler) : http2.createServer(handler);
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", resolve);
  });
  const port = server.address().port;
  const baseUrl = `${opts.tls ? "https" : "http"}://127.0.0.1:${String(port)}`;
  st.conf.baseUrl = baseUrl;
  return {
    url: baseUrl,
    host: `127.0.0.1:${String(port)}`,
    port,
    certPem: st.identity.certPem,
    tokenAuth: { realm: `${baseUrl}/service/token`, service: SERVICE, issuer: ISSUER },
    scanner: st.scanner,
    requests: st.requests,
    setBackend: (u) => {
      st.conf.backend = u.replace(/\/+$/, "");
    },
    addProject: st.addProject,
    addUser: (u) => {
      st.users.set(u.username, u);
    },
    startScan: (digest, kind = "vulnerability") => {
      st.scanner.start(digest, kind);
    },
    stop: () => new Promise((resolve) => {
      server.close(() => {
        resolve();
      });
      server.closeAllConnections();
    })
  };
}

// src/embedded/registry.ts
import http3 from "node:http";

// src/embedded/registry/store.ts
import crypto6 from "node:crypto";
var MANIFEST_TYPES = /* @__PURE__ */ new Set([
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
  "application/vnd.docker.distribution.manifest.list.v2+json"
]);
var INDEX_TYPES2 = /* @__PURE__ */ new Set([
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json"
]);
var OCI_INDEX = "application/vnd.oci.image.index.v1+json";
var NAME_RE = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;
var RegistryError = class extends Error {
  constructor(status, code, message, detail, headers = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.headers = headers;
  }
  status;
  code;
  detail;
  headers;
};
var RegistryStore = class {
  constructor(maxTotalBytes) {
    this.maxTotalBytes = maxTotalBytes;
  }
  maxTotalBytes;
  blobs = /* @__PURE__ */ new Map();
  repos = /* @__PURE__ */ new Map();
  uploads = /* @__PURE__ */ new Map();
  seq = 0;
  get usedBytes() {
    let n = 0;
    for (const b of this.blobs.values()) n += b.length;
    for (const u of this.uploads.values()) n += u.size;
    return n;
  }
  repo(name2, create) {
    let r = this.repos.get(name2);
    if (!r && create) {
      r = { blobs: /* @__PURE__ */ new Set(), manifests: /* @__PURE__ */ new Map(), tags: /* @__PURE__ */ new Map() };
      this.repos.set(name2, r);
    }
    return r;
  }
  nextSeq() {
    return ++this.seq;
  }
  /** Manifest bytes by repository and tag or digest (tests). */
  manifest(name2, reference) {
    const r = this.repos.get(name2);
    if (!r) return void 0;
    const digest = VERIFIABLE_DIGEST_PATTERN.test(reference) ? reference : r.tags.get(reference);
    return digest ? r.manifests.get(digest)?.bytes : void 0;
  }
  tags(name2) {
    return [...this.repos.get(name2)?.tags.keys() ?? []].sort();
  }
};
function digestOf(bytes, algorithm = "sha256") {
  return `${algorithm}:${crypto6.createHash(algorithm).update(bytes).digest("hex")}`;
}
function unsupported(method) {
  return new RegistryError(405, "UNSUPPORTED", `the operation is unsupported: ${method}`);
}
function checkDigest(d, code = "DIGEST_INVALID") {
  if (!VERIFIABLE_DIGEST_PATTERN.test(d)) throw new RegistryError(400, code, "invalid digest", d);
}

// src/embedded/registry/http.ts
function sendError2(req, res, err) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  req.resume();
  const body = Buffer.from(
    JSON.stringify({
      errors: [
        { code: err.code, message: err.message, ...err.detail === void 0 ? {} : { detail: err.detail } }
      ]
    })
  );
  res.writeHead(err.status, {
    ...err.headers,
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": String(body.length),
    "Docker-Distribution-API-Version": "registry/2.0"
  });
  res.end(req.method === "HEAD" ? void 0 : body);
}
function send(req, res, status, headers, body) {
  res.writeHead(status, {
    "Docker-Distribution-API-Version": "registry/2.0",
    ...headers,
    ...body ? { "Content-Length": String(body.length) } : { "Content-Length": "0" }
  });
  res.end(req.method === "HEAD" ? void 0 : body);
}
function sendJson2(req, res, status, value, headers = {}) {
  send(
    req,
    res,
    status,
    { "Content-Type": "application/json", ...headers },
    Buffer.from(JSON.stringify(value))
  );
}
async function readBody2(req, max, tooLarge) {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > max) throw tooLarge();
  const chunks = [];
  let total = 0;
  for await (const c of req) {
    const b = c;
    total += b.length;
    if (total > max) throw tooLarge();
    chunks.push(b);
  }
  return Buffer.concat(chunks, total);
}
async function appendToUpload(req, upload2, store) {
  const room = store.maxTotalBytes - store.usedBytes;
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > room) throw storageFull(store);
  let added = 0;
  for await (const c of req) {
    const b = c;
    added += b.length;
    if (added > room) throw storageFull(store);
    upload2.chunks.push(b);
    upload2.size += b.length;
    upload2.sha256.update(b);
  }
}
function storageFull(store) {
  return new RegistryError(
    413,
    "SIZE_INVALID",
    `the embedded registry's storage limit of ${store.maxTotalBytes} bytes is reached`
  );
}

// src/embedded/registry/auth.ts
import crypto7 from "node:crypto";
async function authorize(req, opts, repository, actions) {
  const auth = opts.auth;
  if (!auth) return;
  const header = req.headers.authorization ?? "";
  if (auth.type === "basic") {
    const m2 = /^Basic\s+(\S+)$/i.exec(header);
    if (m2?.[1]) {
      const decoded = Buffer.from(m2[1], "base64").toString("utf8");
      const i = decoded.indexOf(":");
      const user = decoded.slice(0, i);
      const pass = decoded.slice(i + 1);
      const expected = Object.hasOwn(auth.users, user) ? auth.users[user] : void 0;
      if (i > 0 && expected !== void 0 && safeEqual(expected, pass)) return;
    }
    throw new RegistryError(401, "UNAUTHORIZED", "authentication required", void 0, {
      "WWW-Authenticate": `Basic realm="${auth.realm ?? "harbor-gate-embedded"}"`
    });
  }
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (m?.[1] && await auth.validate(m[1], { repository, actions })) return;
  const scope = repository ? `,scope="repository:${repository}:${actions.join(",")}"` : "";
  throw new RegistryError(
    401,
    "UNAUTHORIZED",
    "authentication required",
    repository ? [{ Type: "repository", Name: repository, Action: actions.join(",") }] : void 0,
    { "WWW-Authenticate": `Bearer realm="${auth.realm}",service="${auth.service}"${scope}` }
  );
}
function safeEqual(a, b) {
  const ha = crypto7.createHash("sha256").update(a).digest();
  const hb = crypto7.createHash("sha256").update(b).digest();
  return crypto7.timingSafeEqual(ha, hb);
}

// src/embedded/registry/blobs.ts
import crypto8 from "node:crypto";
async function blob(a) {
  const { req, res, store, opts, name: name2, ref: digest } = a;
  const method = req.method ?? "GET";
  if (method === "DELETE") {
    await authorize(req, opts, name2, ["delete"]);
    if (opts.deleteEnabled === false) throw unsupported(method);
    checkDigest(digest);
    const r2 = store.repo(name2, false);
    if (!r2?.blobs.delete(digest))
      throw new RegistryError(404, "BLOB_UNKNOWN", "blob unknown to registry", digest);
    send(req, res, 202, {});
    return;
  }
  if (method !== "GET" && method !== "HEAD") throw unsupported(method);
  await authorize(req, opts, name2, ["pull"]);
  checkDigest(digest);
  const r = store.repo(name2, false);
  const bytes = r?.blobs.has(digest) ? store.blobs.get(digest) : void 0;
  if (!bytes) throw new RegistryError(404, "BLOB_UNKNOWN", "blob unknown to registry", digest);
  const headers = {
    "Content-Type": "application/octet-stream",
    "Docker-Content-Digest": digest,
    ETag: `"${digest}"`,
    "Accept-Ranges": "bytes"
  };
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? "");
  if (range && method === "GET" && (range[1] || range[2])) {
    let start;
    let end;
    if (range[1] === "") {
      start = Math.max(0, bytes.length - Number(range[2]));
      end = bytes.length - 1;
    } else {
      start = Number(range[1]);
      end = range[2] ? Math.min(Number(range[2]), bytes.length - 1) : bytes.length - 1;
    }
    if (start > end || start >= bytes.length) {
      send(req, res, 416, { "Content-Range": `bytes */${bytes.length}` });
      return;
    }
    send(
      req,
      res,
      206,
      { ...headers, "Content-Range": `bytes ${start}-${end}/${bytes.length}` },
      bytes.subarray(start, end + 1)
    );
    return;
  }
  if (method === "HEAD") {
    res.writeHead(200, {
      ...headers,
      "Content-Length": String(bytes.length),
      "Docker-Distribution-API-Version": "registry/2.0"
    });
    res.end();
    return;
  }
  send(req, res, 200, headers, bytes);
}
function newUpload(store, name2) {
  const uuid = crypto8.randomUUID();
  const upload2 = { repo: name2, chunks: [], size: 0, sha256: crypto8.createHash("sha256") };
  store.uploads.set(uuid, upload2);
  return { uuid, upload: upload2 };
}
function uploadHeaders(name2, uuid, upload2) {
  return {
    // A query parameter the client must keep, like distribution's _state.
    Location: `/v2/${name2}/blobs/uploads/${uuid}?_state=${uuid.slice(0, 8)}`,
    "Docker-Upload-UUID": uuid,
    Range: `0-${Math.max(0, upload2.size - 1)}`
  };
}
function commitUpload(store, uuid, upload2, digest) {
  checkDigest(digest);
  const bytes = Buffer.concat(upload2.chunks, upload2.size);
  const actual = digest.startsWith("sha512:") ? digestOf(bytes, "sha512") : `sha256:${upload2.sha256.copy().digest("hex")}`;
  store.uploads.delete(uuid);
  if (actual !== digest) {
    throw new RegistryError(400, "DIGEST_INVALID", "provided digest did not match uploaded content", {
      expected: digest,
      actual
    });
  }
  if (!store.blobs.has(digest)) store.blobs.set(digest, bytes);
  store.repo(upload2.repo, true).blobs.add(digest);
  return bytes;
}
async function uploads(a) {
  const { req, res, store, opts, name: name2, url } = a;
  if (req.method !== "POST") throw unsupported(req.method ?? "");
  const mount = url.searchParams.get("mount");
  const from = url.searchParams.get("from");
  await authorize(req, opts, name2, ["pull", "push"]);
  if (mount) {
    checkDigest(mount);
    const source = from ? store.repo(from, false) : void 0;
    const canMount = from ? source?.blobs.has(mount) === true : store.blobs.has(mount);
    if (from) await authorize(req, opts, from, ["pull"]);
    if (canMount && store.blobs.has(mount)) {
      req.resume();
      store.repo(name2, true).blobs.add(mount);
      send(req, res, 201, { Location: `/v2/${name2}/blobs/${mount}`, "Docker-Content-Digest": mount });
      return;
    }
  }
  const { uuid, upload: upload2 } = newUpload(store, name2);
  const digest = url.searchParams.get("digest");
  if (digest && !mount) {
    await appendToUpload(req, upload2, store);
    commitUpload(store, uuid, upload2, digest);
    send(req, res, 201, { Location: `/v2/${name2}/blobs/${digest}`, "Docker-Content-Digest": digest });
    return;
  }
  req.resume();
  send(req, res, 202, uploadHeaders(name2, uuid, upload2));
}
async function upload(a) {
  const { req, res, store, opts, name: name2, ref: uuid, url } = a;
  const method = req.method ?? "GET";
  await authorize(req, opts, name2, method === "GET" ? ["pull"] : ["pull", "push"]);
  const up = store.uploads.get(uuid);
  if (up?.repo !== name2)
    throw new RegistryError(404, "BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry", uuid);
  switch (method) {
    case "GET":
      send(req, res, 204, uploadHeaders(name2, uuid, up));
      return;
    case "DELETE":
      store.uploads.delete(uuid);
      send(req, res, 204, {});
      return;
    case "PATCH":
    case "PUT": {
      const contentRange = req.headers["content-range"];
      if (contentRange !== void 0) {
        const m = /^(?:bytes )?(\d+)-(\d+)$/.exec(contentRange);
        const start = m ? Number(m[1]) : NaN;
        const end = m ? Number(m[2]) : NaN;
        const len2 = Number(req.headers["content-length"]);
        if (!m || start !== up.size || end < start || Number.isFinite(len2) && len2 !== end - start + 1) {
          req.resume();
          send(req, res, 416, uploadHeaders(name2, uuid, up));
          return;
        }
      }
      await appendToUpload(req, up, store);
      if (method === "PATCH") {
        send(req, res, 202, uploadHeaders(name2, uuid, up));
        return;
      }
      const digest = url.searchParams.get("digest");
      if (!digest) throw new RegistryError(400, "DIGEST_INVALID", "the digest query parameter is required");
      commitUpload(store, uuid, up, digest);
      send(req, res, 201, { Location: `/v2/${name2}/blobs/${digest}`, "Docker-Content-Digest": digest });
      return;
    }
    default:
      throw unsupported(method);
  }
}

// src/embedded/registry/manifests.ts
function accepts(req, mediaType) {
  const accept = req.headers.accept;
  if (!accept) return true;
  const types = accept.split(",").map((t) => t.split(";")[0].trim().toLowerCase());
  return types.includes(mediaType) || types.includes("*/*");
}
async function manifest(a) {
  const { req, res, store, opts, name: name2, ref: reference } = a;
  const method = req.method ?? "GET";
  const isDigest = reference.includes(":");
  if (isDigest) checkDigest(reference);
  else if (!TAG_PATTERN.test(reference))
    throw new RegistryError(400, "TAG_INVALID", "manifest tag did not match URI", reference);
  switch (method) {
    case "GET":
    case "HEAD": {
      await authorize(req, opts, name2, ["pull"]);
      const r = store.repo(name2, false);
      if (!r) throw new RegistryError(404, "NAME_UNKNOWN", "repository name not known to registry", name2);
      const digest = isDigest ? reference : r.tags.get(reference);
      const m = digest ? r.manifests.get(digest) : void 0;
      if (!m || !digest) throw new RegistryError(404, "MANIFEST_UNKNOWN", "manifest unknown", reference);
      if (!accepts(req, m.mediaType)) {
        throw new RegistryError(
          404,
          "MANIFEST_UNKNOWN",
          `manifest of type ${m.mediaType} found, but the Accept header does not allow it`,
          reference
        );
      }
      const headers = { "Content-Type": m.mediaType, "Docker-Content-Digest": digest, ETag: `"${digest}"` };
      if (req.headers["if-none-match"] === `"${digest}"`) {
        send(req, res, 304, headers);
        return;
      }
      if (method === "HEAD") {
        res.writeHead(200, {
          ...headers,
          "Content-Length": String(m.bytes.length),
          "Docker-Distribution-API-Version": "registry/2.0"
        });
        res.end();
        return;
      }
      send(req, res, 200, headers, m.bytes);
      return;
    }
    case "PUT":
      await authorize(req, opts, name2, ["pull", "push"]);
      return putManifest(a, isDigest);
    case "DELETE": {
      await authorize(req, opts, name2, ["delete"]);
      if (opts.deleteEnabled === false) throw unsupported(method);
      const r = store.repo(name2, false);
      if (!r) throw new RegistryError(404, "NAME_UNKNOWN", "repository name not known to registry", name2);
      if (!isDigest) {
        if (!r.tags.delete(reference))
          throw new RegistryError(404, "MANIFEST_UNKNOWN", "manifest unknown", reference);
      } else {
        if (!r.manifests.delete(reference))
          throw new RegistryError(404, "MANIFEST_UNKNOWN", "manifest unknown", reference);
        for (const [t, d] of r.tags) if (d === reference) r.tags.delete(t);
      }
      send(req, res, 202, {});
      return;
    }
    default:
      throw unsupported(method);
  }
}
async function putManifest(a, isDigest) {
  const { req, res, store, opts, name: name2, ref: reference } = a;
  const max = opts.maxManifestBytes ?? 4 * 1024 * 1024;
  const contentType = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (!MANIFEST_TYPES.has(contentType)) {
    throw new RegistryError(
      400,
      "MANIFEST_INVALID",
      `unsupported manifest media type: ${contentType || "(none)"}`
    );
  }
  const bytes = await readBody2(
    req,
    max,
    () => new RegistryError(413, "SIZE_INVALID", `manifest is larger than the ${max} byte limit`)
  );
  let doc;
  try {
    const parsed = JSON.parse(bytes.toString("utf8"));
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      throw new Error("not an object");
    doc = parsed;
  } catch (e) {
    throw new RegistryError(
      400,
      "MANIFEST_INVALID",
      `manifest invalid: ${e instanceof Error ? e.message : String(e)}`
    );
  }
  if (doc.schemaVersion !== 2)
    throw new RegistryError(400, "MANIFEST_INVALID", "manifest invalid: schemaVersion must be 2");
  if (doc.mediaType !== void 0 && doc.mediaType !== contentType) {
    throw new RegistryError(
      400,
      "MANIFEST_INVALID",
      "manifest invalid: mediaType does not match Content-Type"
    );
  }
  const algorithm = isDigest && reference.startsWith("sha512:") ? "sha512" : "sha256";
  const digest = digestOf(bytes, algorithm);
  if (isDigest && digest !== reference) {
    throw new RegistryError(400, "DIGEST_INVALID", "provided digest did not match uploaded content", {
      expected: reference,
      actual: digest
    });
  }
  const r = store.repo(name2, true);
  const isIndex = INDEX_TYPES2.has(contentType);
  const refs = isIndex ? (Array.isArray(doc.manifests) ? doc.manifests : []).map((d) => d.digest) : [doc.config?.digest, ...(Array.isArray(doc.layers) ? doc.layers : []).map((d) => d.digest)];
  if (!isIndex && (typeof doc.config !== "object" || !Array.isArray(doc.layers))) {
    throw new RegistryError(400, "MANIFEST_INVALID", "manifest invalid: config and layers are required");
  }
  if (isIndex && !Array.isArray(doc.manifests)) {
    throw new RegistryError(400, "MANIFEST_INVALID", "manifest invalid: manifests is required");
  }
  for (const d of refs) {
    if (typeof d !== "string" || !VERIFIABLE_DIGEST_PATTERN.test(d))
      throw new RegistryError(400, "MANIFEST_INVALID", "manifest invalid: bad descriptor digest", d);
    const known = isIndex ? r.manifests.has(d) : r.blobs.has(d) && store.blobs.has(d);
    if (!known) throw new RegistryError(400, "MANIFEST_BLOB_UNKNOWN", "blob unknown to registry", d);
  }
  const subject = typeof doc.subject?.digest === "string" ? doc.subject.digest : void 0;
  if (doc.subject !== void 0 && (subject === void 0 || !VERIFIABLE_DIGEST_PATTERN.test(subject))) {
    throw new RegistryError(400, "MANIFEST_INVALID", "manifest invalid: bad subject descriptor");
  }
  const artifactType = typeof doc.artifactType === "string" ? doc.artifactType : !isIndex && typeof doc.config?.mediaType === "string" ? doc.config.mediaType : void 0;
  const annotations = typeof doc.annotations === "object" && doc.annotations !== null ? doc.annotations : void 0;
  const existing = r.manifests.get(digest);
  r.manifests.set(digest, {
    bytes,
    mediaType: contentType,
    subject,
    artifactType,
    annotations,
    seq: existing?.seq ?? store.nextSeq()
  });
  if (!isDigest) r.tags.set(reference, digest);
  const headers = {
    Location: `/v2/${name2}/manifests/${digest}`,
    "Docker-Content-Digest": digest
  };
  if (subject && (opts.referrersApi !== false || opts.lieAboutReferrers)) headers["OCI-Subject"] = subject;
  send(req, res, 201, headers);
}
async function tags(a) {
  const { req, res, store, opts, name: name2, url } = a;
  if (req.method !== "GET") throw unsupported(req.method ?? "");
  await authorize(req, opts, name2, ["pull"]);
  const r = store.repo(name2, false);
  if (!r) throw new RegistryError(404, "NAME_UNKNOWN", "repository name not known to registry", name2);
  const pageMax = opts.tagsPageSize ?? 1e3;
  const nParam = url.searchParams.get("n");
  const n = nParam === null ? pageMax : Number(nParam);
  if (!Number.isInteger(n) || n < 0)
    throw new RegistryError(400, "PAGINATION_NUMBER_INVALID", "invalid number of results requested", nParam);
  const last = url.searchParams.get("last");
  const all = [...r.tags.keys()].sort();
  const after = last === null ? all : all.filter((t) => t > last);
  const page = after.slice(0, Math.min(n, pageMax));
  const headers = {};
  if (page.length > 0 && after.length > page.length) {
    const next = new URLSearchParams({ n: String(Math.min(n, pageMax)), last: page[page.length - 1] });
    headers.Link = `</v2/${name2}/tags/list?${next.toString()}>; rel="next"`;
  }
  sendJson2(req, res, 200, { name: name2, tags: page }, headers);
}

// src/embedded/registry/referrers.ts
async function referrers(a) {
  const { req, res, store, opts, name: name2, ref: digest, url } = a;
  if (opts.referrersApi === false || opts.lieAboutReferrers) {
    req.resume();
    send(req, res, 404, { "Content-Type": "text/plain; charset=utf-8" }, Buffer.from("404 page not found\n"));
    return;
  }
  if (req.method !== "GET" && req.method !== "HEAD") throw unsupported(req.method ?? "");
  await authorize(req, opts, name2, ["pull"]);
  checkDigest(digest);
  const r = store.repo(name2, false);
  const filter = url.searchParams.get("artifactType");
  const entries = [...r?.manifests.entries() ?? []].filter(([, m]) => m.subject === digest && (filter === null || m.artifactType === filter)).sort(([, a2], [, b]) => a2.seq - b.seq);
  const pageSize = opts.referrersPageSize ?? 100;
  const last = url.searchParams.get("last");
  let start = 0;
  if (last !== null) {
    const i = entries.findIndex(([d]) => d === last);
    start = i < 0 ? entries.length : i + 1;
  }
  const page = entries.slice(start, start + pageSize);
  const headers = { "Content-Type": OCI_INDEX };
  if (filter !== null) headers["OCI-Filters-Applied"] = "artifactType";
  if (start + pageSize < entries.length && page.length > 0) {
    const next = new URLSearchParams({ last: page[page.length - 1][0] });
    if (filter !== null) next.set("artifactType", filter);
    headers.Link = `</v2/${name2}/referrers/${digest}?${next.toString()}>; rel="next"`;
  }
  const body = {
    schemaVersion: 2,
    mediaType: OCI_INDEX,
    manifests: page.map(([d, m]) => ({
      mediaType: m.mediaType,
      digest: d,
      size: m.bytes.length,
      ...m.artifactType ? { artifactType: m.artifactType } : {},
      ...m.annotations ? { annotations: m.annotations } : {}
    }))
  };
  send(req, res, 200, headers, Buffer.from(JSON.stringify(body)));
}

// src/embedded/registry/routes.ts
var ROUTES = [
  { re: /^\/v2\/(.+)\/blobs\/uploads\/?$/, handle: uploads },
  { re: /^\/v2\/(.+)\/blobs\/uploads\/([A-Za-z0-9-]+)$/, handle: upload },
  { re: /^\/v2\/(.+)\/blobs\/([^/]+)$/, handle: blob },
  { re: /^\/v2\/(.+)\/manifests\/([^/]+)$/, handle: manifest },
  { re: /^\/v2\/(.+)\/tags\/list$/, handle: tags },
  { re: /^\/v2\/(.+)\/referrers\/([^/]+)$/, handle: referrers }
];
async function route(req, res, store, opts) {
  const url = new URL(req.url ?? "/", "http://registry.invalid");
  const method = req.method ?? "GET";
  const path3 = url.pathname;
  if (path3 === "/v2" || path3 === "/v2/") {
    await authorize(req, opts, void 0, []);
    if (method !== "GET" && method !== "HEAD") throw unsupported(method);
    sendJson2(req, res, 200, {});
    return;
  }
  for (const r of ROUTES) {
    const m = r.re.exec(path3);
    if (!m) continue;
    const name2 = decodeURIComponent(m[1] ?? "");
    const ref = decodeURIComponent(m[2] ?? "");
    if (!NAME_RE.test(name2) || name2.length > 255) {
      throw new RegistryError(400, "NAME_INVALID", "invalid repository name", name2);
    }
    return r.handle({ req, res, store, opts, name: name2, ref, url });
  }
  req.resume();
  send(req, res, 404, { "Content-Type": "text/plain; charset=utf-8" }, Buffer.from("404 page not found\n"));
}

// src/embedded/registry.ts
function createRegistryHandler(opts = {}) {
  const store = new RegistryStore(opts.maxTotalBytes ?? 512 * 1024 * 1024);
  const logger = opts.logger ?? silentLogger;
  const handler = (req, res) => {
    if (opts.intercept?.(req, res)) return;
    route(req, res, store, opts).catch((e) => {
      const err = e instanceof RegistryError ? e : new RegistryError(500, "UNKNOWN", e instanceof Error ? e.message : String(e));
      if (err.status >= 500)
        logger.warn(`embedded registry: ${req.method ?? ""} ${req.url ?? ""}: ${err.message}`);
      else
        logger.debug(`embedded registry: ${req.method ?? ""} ${req.url ?? ""} -> ${err.status} ${err.code}`);
      sendError2(req, res, err);
    });
  };
  return Object.assign(handler, { store });
}
async function startEmbeddedRegistry(opts = {}) {
  const handler = createRegistryHandler(opts);
  const server = http3.createServer(handler);
  server.keepAliveTimeout = 5e3;
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      resolve();
    });
  });
  const port = server.address().port;
  const host = `127.0.0.1:${port}`;
  return {
    url: `http://${host}`,
    host,
    handler,
    stop: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => {
        resolve();
      });
    })
  };
}

// src/embedded/sample.ts
import crypto9 from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
var MTIME = Math.floor(Date.parse("2026-01-01T00:00:00Z") / 1e3);
function octal(value, width) {
  return value.toString(8).padStart(width - 1, "0") + "\0";
}
function tarEntry(name2, data) {
  const header = Buffer.alloc(512, 0);
  header.write(name2, 0, 100, "utf8");
  header.write(octal(420, 8), 100, "ascii");
  header.write(octal(0, 8), 108, "ascii");
  header.write(octal(0, 8), 116, "ascii");
  header.write(octal(data.length, 12), 124, "ascii");
  header.write(octal(MTIME, 12), 136, "ascii");
  header.write("        ", 148, "ascii");
  header.write("0", 156, "ascii");
  header.write("ustar\0", 257, "ascii");
  header.write("00", 263, "ascii");
  header.write("root", 265, "ascii");
  header.write("root", 297, "ascii");
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(octal(sum, 7) + " ", 148, "ascii");
  const pad = Buffer.alloc((512 - data.length % 512) % 512, 0);
  return Buffer.concat([header, data, pad]);
}
function tarOf(files) {
  const parts = Object.entries(files).map(
    ([name2, data]) => tarEntry(name2, typeof data === "string" ? Buffer.from(data) : data)
  );
  return Buffer.concat([...parts, Buffer.alloc(1024, 0)]);
}
var sha2562 = (b) => "sha256:" + crypto9.createHash("sha256").update(b).digest("hex");
var SAMPLE_PACKAGES = [
  { name: "musl", version: "1.2.3-r4", purl: "pkg:apk/alpine/musl@1.2.3-r4" },
  { name: "busybox", version: "1.36.0-r9", purl: "pkg:apk/alpine/busybox@1.36.0-r9" },
  { name: "zlib", version: "1.2.11-r0", purl: "pkg:apk/alpine/zlib@1.2.11-r0" },
  { name: "libcrypto3", version: "3.0.8-r0", purl: "pkg:apk/alpine/libcrypto3@3.0.8-r0" }
];
async function writeSampleImage(dir, refName = "demo") {
  const layers = [
    tarOf({
      "etc/os-release": 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.17.3\n',
      "lib/apk/db/installed": SAMPLE_PACKAGES.map((p) => `P:${p.name}
V:${p.version}
`).join("\n")
    }),
    tarOf({ "app/server.js": "console.log('hello from the harbor-gate demo');\n" })
  ];
  const layerDescs = layers.map((l) => ({
    mediaType: MediaType.OciLayer,
    digest: sha2562(l),
    size: l.length
  }));
  const config = Buffer.from(
    JSON.stringify({
      architecture: "amd64",
      os: "linux",
      created: "2026-01-01T00:00:00Z",
      config: {
        Cmd: ["node", "/app/server.js"],
        Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]
      },
      rootfs: { type: "layers", diff_ids: layerDescs.map((d) => d.digest) },
      history: [{ created: "2026-01-01T00:00:00Z", created_by: "harbor-gate demo" }]
    })
  );
  const configDesc = {
    mediaType: MediaType.OciConfig,
    digest: sha2562(config),
    size: config.length
  };
  const manifest2 = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.OciManifest,
      config: configDesc,
      layers: layerDescs,
      annotations: { "org.opencontainers.image.title": "harbor-gate demo" }
    })
  );
  const digest = sha2562(manifest2);
  const blobDir = path.join(dir, "blobs", "sha256");
  await fs.mkdir(blobDir, { recursive: true });
  for (const blob2 of [...layers, config, manifest2]) {
    await fs.writeFile(path.join(blobDir, sha2562(blob2).slice("sha256:".length)), blob2);
  }
  await fs.writeFile(path.join(dir, "oci-layout"), JSON.stringify({ imageLayoutVersion: "1.0.0" }));
  await fs.writeFile(
    path.join(dir, "index.json"),
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.OciIndex,
      manifests: [
        {
          mediaType: MediaType.OciManifest,
          digest,
          size: manifest2.length,
          annotations: { "org.opencontainers.image.ref.name": refName }
        }
      ]
    })
  );
  return { dir, digest, refName };
}
function sampleSbom() {
  return Buffer.from(
    JSON.stringify(
      {
        bomFormat: "CycloneDX",
        specVersion: "1.5",
        serialNumber: "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
        version: 1,
        metadata: {
          timestamp: "2026-01-01T00:00:00Z",
          component: { type: "container", name: "harbor-gate-demo", version: "1.0.0" }
        },
        components: SAMPLE_PACKAGES.map((p) => ({
          type: "library",
          name: p.name,
          version: p.version,
          purl: p.purl,
          "bom-ref": p.purl
        }))
      },
      null,
      2
    )
  );
}
var SAMPLE_CRITICAL_ID = "CVE-2022-37434";
function sampleVulnerabilities() {
  const vuln = (id, pkg, version, fix, severity, score, vector, description) => ({
    id,
    package: pkg,
    version,
    fix_version: fix,
    severity,
    status: fix ? "fixed" : "affected",
    description,
    links: [`https://avd.aquasec.com/nvd/${id.toLowerCase()}`],
    cwe_ids: ["CWE-787"],
    preferred_cvss: { score_v3: score, vector_v3: vector, score_v2: null, vector_v2: "" },
    vendor_attributes: { CVSS: { nvd: { V3Score: score, V3Vector: vector } } }
  });
  return [
    vuln(
      SAMPLE_CRITICAL_ID,
      "zlib",
      "1.2.11-r0",
      "1.2.12-r2",
      "Critical",
      9.8,
      "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
      "zlib through 1.2.12 has a heap-based buffer over-read or buffer overflow in inflate in inflate.c via a large gzip header extra field."
    ),
    vuln(
      "CVE-2023-2650",
      "libcrypto3",
      "3.0.8-r0",
      "3.0.9-r0",
      "Medium",
      6.5,
      "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H",
      "Processing some specially crafted ASN.1 object identifiers or data containing them may be very slow."
    ),
    vuln(
      "CVE-2023-42364",
      "busybox",
      "1.36.0-r9",
      "",
      "Medium",
      5.5,
      "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H",
      "A use-after-free vulnerability in BusyBox v.1.36.1 allows attackers to cause a denial of service via a crafted awk pattern."
    ),
    vuln(
      "CVE-2023-5363",
      "libcrypto3",
      "3.0.8-r0",
      "3.0.12-r0",
      "Low",
      3.7,
      "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N",
      "Incorrect cipher key and IV length processing."
    )
  ];
}

// src/embedded/demo.ts
var DEMO_USER = "robot$demo+ci";
var DEMO_PASSWORD = "demo-robot-secret";
var DEMO_PROJECT = "demo";
async function startDemoServices(opts = {}) {
  const workDir = await fs2.mkdtemp(path2.join(os.tmpdir(), "harbor-gate-demo-"));
  const registry = await startEmbeddedRegistry({ referrersApi: false });
  const harbor = await startHarborServer({
    backendUrl: registry.url,
    backendAuth: "none",
    projects: [{ name: DEMO_PROJECT }],
    users: [
      {
        username: DEMO_USER,
        password: DEMO_PASSWORD,
        permissions: { [DEMO_PROJECT]: [...GATE_PERMISSIONS] }
      }
    ],
    defaultScript: { durationMs: opts.scanDurationMs ?? 400, vulnerabilities: sampleVulnerabilities() }
  });
  const layout = path2.join(workDir, "image");
  await writeSampleImage(layout, "1.0.0");
  const sbomFile = path2.join(workDir, "sbom.cdx.json");
  await fs2.writeFile(sbomFile, sampleSbom());
  const { privateKey } = crypto10.generateKeyPairSync("ec", { namedCurve: "P-256" });
  const keyFile = path2.join(workDir, "ephemeral-key.pem");
  await fs2.writeFile(keyFile, privateKey.export({ format: "pem", type: "pkcs8" }), { mode: 384 });
  return {
    harbor,
    registry,
    layout,
    sbomFile,
    keyFile,
    workDir,
    stop: async () => {
      await harbor.stop();
      await registry.stop();
      await fs2.rm(workDir, { recursive: true, force: true });
    }
  };
}
var REPORTS = ["sarif", "gitlab-report", "junit", "html", "json-report", "summary"];
var FILE_NAMES = {
  sarif: "harbor-gate.sarif",
  "gitlab-report": "gl-container-scanning-report.json",
  junit: "harbor-gate-junit.xml",
  html: "harbor-gate.html",
  "json-report": "harbor-gate.json",
  summary: "harbor-gate-summary.md"
};
function reportFlags(dir) {
  return Object.fromEntries(REPORTS.map((r) => [r, path2.join(dir, FILE_NAMES[r])]));
}
async function runDemo(opts) {
  const logger = opts.logger ?? silentLogger;
  const services = await startDemoServices(
    opts.scanDurationMs !== void 0 ? { scanDurationMs: opts.scanDurationMs } : {}
  );
  try {
    const env = { HOME: os.homedir(), DOCKER_CONFIG: services.workDir };
    const image = `${services.harbor.host}/${DEMO_PROJECT}/app:1.0.0`;
    await fs2.mkdir(opts.outDir, { recursive: true });
    logger.info(`1/2 gate: push ${image}, attach the SBOM, sign, scan, evaluate the default policy`);
    const first = await resolveGateOptions(
      {
        image,
        source: `oci:${services.layout}:1.0.0`,
        username: DEMO_USER,
        sbom: services.sbomFile,
        "signing-key": services.keyFile,
        "harbor-url": services.harbor.url,
        ...reportFlags(opts.outDir)
      },
      { env, cwd: opts.outDir, password: DEMO_PASSWORD }
    );
    const poll = { minMs: 100, maxMs: 400 };
    const before = await runGate(first, { logger, env, harborPoll: poll });
    const allowlistFile = path2.join(opts.outDir, "allowlist.yaml");
    await fs2.writeFile(
      allowlistFile,
      [
        "# Written by the demo: a waiver needs a reason, and can expire.",
        "allowlist:",
        `  - id: ${SAMPLE_CRITICAL_ID}`,
        "    package: zlib",
        '    reason: "demo: the inflate path is not reachable in this image; upgrade tracked in SEC-42"',
        `    expires: ${new Date(Date.now() + 30 * 864e5).toISOString().slice(0, 10)}`,
        ""
      ].join("\n")
    );
    logger.info(`2/2 gate: the same image by digest, with ${path2.basename(allowlistFile)}`);
    const afterDir = path2.join(opts.outDir, "with-allowlist");
    const second = await resolveGateOptions(
      {
        image: `${services.harbor.host}/${DEMO_PROJECT}/app@${before.digest}`,
        username: DEMO_USER,
        "no-sign": true,
        "harbor-url": services.harbor.url,
        allowlist: allowlistFile,
        ...reportFlags(afterDir)
      },
      { env, cwd: opts.outDir, password: DEMO_PASSWORD }
    );
    const after = await runGate(second, { logger, env, harborPoll: poll });
    return {
      before,
      after,
      outDir: opts.outDir,
      allowlistFile,
      ok: before.verdict === "fail" && before.exitCode === 1 && after.verdict === "pass"
    };
  } finally {
    await services.stop();
  }
}
export {
  DEMO_PASSWORD,
  DEMO_PROJECT,
  DEMO_USER,
  runDemo,
  startDemoServices
};
