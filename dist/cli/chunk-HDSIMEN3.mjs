import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  backoffDelay,
  parseJson
} from "./chunk-7DIQSUN7.mjs";
import {
  DEFAULT_SCAN_TIMEOUT_MS,
  GateError,
  SHA256_DIGEST_PATTERN,
  cleanProse,
  cleanText,
  countFindings,
  deadlineError,
  describe,
  formatDuration,
  infraError,
  inputError,
  isCancelled,
  isLoopbackHost,
  shortDigest,
  startDeadline
} from "./chunk-6AKVQXYQ.mjs";

// src/harbor/guards.ts
function badResponse(what, problem, cause) {
  return new GateError({
    code: "HARBOR_BAD_RESPONSE",
    message: `Harbor sent an unexpected ${what}: ${problem}`,
    remedy: "Check that --harbor-url points at Harbor (2.x) and that no proxy rewrites its answers; run with --debug for details.",
    kind: "infra",
    cause
  });
}
function isObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function asObject(v, what) {
  if (!isObject(v)) throw badResponse(what, `expected a JSON object, got ${typeName(v)}`);
  return v;
}
function typeName(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v;
}
function optString(o, key, what) {
  const v = o[key];
  if (v === void 0 || v === null) return void 0;
  if (typeof v !== "string") throw badResponse(what, `"${key}" should be a string, got ${typeName(v)}`);
  return v;
}
function optNumber(o, key, what) {
  const v = o[key];
  if (v === void 0 || v === null) return void 0;
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw badResponse(what, `"${key}" should be a number, got ${typeName(v)}`);
  }
  return v;
}
function optBoolean(o, key, what) {
  const v = o[key];
  if (v === void 0 || v === null) return void 0;
  if (typeof v !== "boolean") throw badResponse(what, `"${key}" should be a boolean, got ${typeName(v)}`);
  return v;
}
function optObject(o, key, what) {
  const v = o[key];
  if (v === void 0 || v === null) return void 0;
  return asObject(v, `${what} "${key}"`);
}
function optArray(o, key, what) {
  const v = o[key];
  if (v === void 0 || v === null) return void 0;
  if (!Array.isArray(v)) throw badResponse(what, `"${key}" should be an array, got ${typeName(v)}`);
  return v;
}
function stringList(o, key, what) {
  const arr = optArray(o, key, what) ?? [];
  const out = [];
  for (const v of arr) {
    if (typeof v !== "string") throw badResponse(what, `"${key}" should hold strings, got ${typeName(v)}`);
    const t = v.trim();
    if (t !== "") out.push(t);
  }
  return out;
}

// src/harbor/report.ts
var MIME_GENERIC = "application/vnd.security.vulnerability.report; version=1.1";
var MIME_NATIVE = "application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0";
var ACCEPT_VULNERABILITIES = `${MIME_GENERIC}, ${MIME_NATIVE}`;
var SEVERITY_MAP = {
  critical: "critical",
  high: "high",
  medium: "medium",
  low: "low",
  negligible: "low",
  none: "low",
  unknown: "unknown"
};
function normaliseSeverity(name) {
  if (!name) return "unknown";
  return SEVERITY_MAP[name.trim().toLowerCase()] ?? "unknown";
}
function parseVulnerabilityAddition(body, digest) {
  const what = "vulnerability report";
  const top = asObject(body, what);
  const keys = Object.keys(top);
  if (keys.length === 0) {
    throw new GateError({
      code: "HARBOR_REPORT_EMPTY",
      message: `Harbor has no vulnerability report data for ${digest} (it answered {}), so the result is unknown, not clean`,
      remedy: "The artifact was not scanned by the project scanner, a scan is still running, or the scanner produces a report type this Harbor does not return. Re-run the scan; check the scanner in the project settings.",
      kind: "infra"
    });
  }
  const mimeType = [MIME_GENERIC, MIME_NATIVE].find((m) => m in top) ?? keys[0] ?? MIME_GENERIC;
  const report = asObject(top[mimeType], what);
  const scannerObj = optObject(report, "scanner", what);
  const items = optArray(report, "vulnerabilities", what);
  if (items === void 0) {
    throw badResponse(what, `the ${mimeType} report has no "vulnerabilities" list`);
  }
  return {
    mimeType,
    generatedAt: optString(report, "generated_at", what),
    scanner: scannerObj ? parseScanner(scannerObj, what) : void 0,
    items: items.map((item, i) => parseItem(item, `${what} item ${String(i)}`))
  };
}
function parseScanner(o, what) {
  return {
    name: cleanText(optString(o, "name", what) ?? "", FIELD_MAX),
    vendor: cleanText(optString(o, "vendor", what) ?? "", FIELD_MAX),
    version: cleanText(optString(o, "version", what) ?? "", FIELD_MAX)
  };
}
var FIELD_MAX = 256;
var LINK_MAX = 2048;
var LIST_MAX = 100;
var NONE = Object.freeze([]);
function cleanList(list, max) {
  if (list.length === 0) return NONE;
  return list.slice(0, LIST_MAX).map((v) => cleanText(v, max).trim()).filter((v) => v !== "");
}
function parseItem(raw, what) {
  const o = asObject(raw, what);
  const id = cleanText(optString(o, "id", what) ?? "", FIELD_MAX).trim();
  if (!id) throw badResponse(what, 'an item has no "id"');
  const fix = cleanText(optString(o, "fix_version", what) ?? "", FIELD_MAX).trim();
  const rawDescription = optString(o, "description", what);
  const description = rawDescription === void 0 ? void 0 : cleanProse(rawDescription);
  const digests = stringList(o, "artifact_digests", what);
  const finding = {
    id,
    package: cleanText(optString(o, "package", what) ?? "", FIELD_MAX),
    version: cleanText(optString(o, "version", what) ?? "", FIELD_MAX),
    severity: normaliseSeverity(optString(o, "severity", what)),
    links: cleanList(stringList(o, "links", what), LINK_MAX),
    cweIds: cleanList(stringList(o, "cwe_ids", what), FIELD_MAX)
  };
  if (fix) finding.fixVersion = fix;
  if (description) finding.description = description;
  const cvss = pickCvss(o, what);
  if (cvss) finding.cvss = cvss;
  return { finding, digests };
}
function positive(n) {
  return n !== void 0 && n > 0 && n <= 10;
}
function pickCvss(o, what) {
  const pref = optObject(o, "preferred_cvss", what);
  const vendor = vendorCvss(o.vendor_attributes);
  const v3 = pref ? optNumber(pref, "score_v3", what) : void 0;
  const v3vec = pref ? optString(pref, "vector_v3", what) : void 0;
  if (positive(v3)) return withVector({ score: v3, version: "3" }, v3vec || vendor.v3?.vector);
  if (vendor.v3) return vendor.v3;
  const v2 = pref ? optNumber(pref, "score_v2", what) : void 0;
  const v2vec = pref ? optString(pref, "vector_v2", what) : void 0;
  if (positive(v2)) return withVector({ score: v2, version: "2" }, v2vec || vendor.v2?.vector);
  return vendor.v2;
}
function withVector(c, vector) {
  return vector ? { ...c, vector: cleanText(vector, FIELD_MAX) } : c;
}
function vendorCvss(attrs) {
  if (!isObject(attrs) || !isObject(attrs.CVSS)) return {};
  const cvss = attrs.CVSS;
  const vendors = Object.keys(cvss).sort((a, b) => a === "nvd" ? -1 : b === "nvd" ? 1 : a.localeCompare(b));
  const out = {};
  for (const name of vendors) {
    const v = cvss[name];
    if (!isObject(v)) continue;
    const s3 = typeof v.V3Score === "number" ? v.V3Score : void 0;
    const s2 = typeof v.V2Score === "number" ? v.V2Score : void 0;
    if (!out.v3 && positive(s3)) {
      out.v3 = withVector(
        { score: s3, version: "3" },
        typeof v.V3Vector === "string" ? v.V3Vector : void 0
      );
    }
    if (!out.v2 && positive(s2)) {
      out.v2 = withVector(
        { score: s2, version: "2" },
        typeof v.V2Vector === "string" ? v.V2Vector : void 0
      );
    }
  }
  return out;
}

// src/harbor/dto.ts
var FINAL = /* @__PURE__ */ new Set(["Success", "Error", "Stopped"]);
var INDEX_TYPES = /* @__PURE__ */ new Set([
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json"
]);
function isFinalStatus(status) {
  return FINAL.has(status);
}
function versionAtLeast(version, major, minor) {
  const m = version ? /^v?(\d+)\.(\d+)/.exec(version) : null;
  if (!m) return true;
  const [maj, min] = [Number(m[1]), Number(m[2])];
  return maj > major || maj === major && min >= minor;
}
function platformText(p, what) {
  if (!p) return void 0;
  const os = optString(p, "os", what) ?? "unknown";
  const arch = optString(p, "architecture", what) ?? "unknown";
  const variant = optString(p, "variant", what);
  return cleanText(`${os}/${arch}${variant ? `/${variant}` : ""}`, 100);
}
function pickByMime(o) {
  if (!o) return void 0;
  const keys = Object.keys(o);
  const key = [MIME_GENERIC, MIME_NATIVE].find((m) => m in o) ?? keys[0];
  return key === void 0 ? void 0 : isObject(o[key]) ? o[key] : void 0;
}
var ZERO_TIME = "0001-01-01";
function time(o, key, what) {
  const t = optString(o, key, what);
  return t === void 0 || t === "" || t.startsWith(ZERO_TIME) ? void 0 : t;
}
function parseScanOverview(raw) {
  const what = "scan overview";
  const o = pickByMime(raw);
  if (!o) return void 0;
  const status = optString(o, "scan_status", what);
  if (!status) return void 0;
  const ov = { status };
  const id = optString(o, "report_id", what);
  const start = time(o, "start_time", what);
  const end = time(o, "end_time", what);
  const pct = optNumber(o, "complete_percent", what);
  const scanner = optObject(o, "scanner", what);
  const summary = optObject(o, "summary", what);
  if (id) ov.reportId = id;
  if (start) ov.startTime = start;
  if (end) ov.endTime = end;
  if (pct !== void 0) ov.completePercent = pct;
  if (scanner) ov.scanner = parseScanner(scanner, what);
  if (summary) {
    const total = optNumber(summary, "total", what);
    const fixable = optNumber(summary, "fixable", what);
    if (total !== void 0) ov.total = total;
    if (fixable !== void 0) ov.fixable = fixable;
  }
  return ov;
}
function parseSbomOverview(o) {
  const what = "SBOM overview";
  if (!o) return void 0;
  const status = optString(o, "scan_status", what);
  if (!status) return void 0;
  const ov = { status };
  const id = optString(o, "report_id", what);
  const d = optString(o, "sbom_digest", what);
  const start = time(o, "start_time", what);
  const end = time(o, "end_time", what);
  if (id) ov.reportId = id;
  if (d) ov.sbomDigest = d;
  if (start) ov.startTime = start;
  if (end) ov.endTime = end;
  return ov;
}
function parseArtifact(body) {
  const what = "artifact";
  const o = asObject(body, what);
  const digest = optString(o, "digest", what);
  if (!digest) throw badResponse(what, 'no "digest"');
  const refs = (optArray(o, "references", what) ?? []).map((r) => {
    const ro = asObject(r, `${what} reference`);
    const child = optString(ro, "child_digest", what);
    if (!child) throw badResponse(what, 'a reference has no "child_digest"');
    const platform = platformText(optObject(ro, "platform", what), what);
    return platform === void 0 ? { childDigest: child } : { childDigest: child, platform };
  });
  const accessories = (optArray(o, "accessories", what) ?? []).map((a) => {
    const ao = asObject(a, `${what} accessory`);
    return { digest: optString(ao, "digest", what) ?? "", type: optString(ao, "type", what) ?? "" };
  });
  const info = { digest, references: refs, accessories };
  const type = optString(o, "type", what);
  const mt = optString(o, "manifest_media_type", what);
  const scan = parseScanOverview(optObject(o, "scan_overview", what));
  const sbom = parseSbomOverview(optObject(o, "sbom_overview", what));
  if (type) info.type = type;
  if (mt) info.manifestMediaType = mt;
  if (scan) info.scan = scan;
  if (sbom) info.sbom = sbom;
  return info;
}

// src/harbor/target.ts
var API_PREFIX = "/api/v2.0";
function harborBaseUrl(value, opts = { plainHttp: true }) {
  let u;
  try {
    u = new URL(value);
  } catch (e) {
    throw inputError(
      "HARBOR_BAD_URL",
      `--harbor-url ${JSON.stringify(value)} is not a URL`,
      "Give a URL like https://harbor.example.com.",
      e
    );
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") {
    throw inputError(
      "HARBOR_BAD_URL",
      `--harbor-url must be http(s), got ${u.protocol}`,
      "Give a URL like https://harbor.example.com."
    );
  }
  const base = `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, "").replace(/\/api\/v2\.0$/, "")}`;
  if (u.protocol === "http:" && opts.plainHttp !== true && !isLoopbackHost(u.hostname)) {
    throw inputError(
      "HARBOR_CLEARTEXT_CREDENTIALS",
      `--harbor-url ${base} is plain HTTP to ${u.hostname}: the credentials would cross the network in clear`,
      "Use https://, or give --plain-http if you accept that risk on a trusted network."
    );
  }
  return base;
}
function harborTarget(ref, harborUrl) {
  const slash = ref.repository.indexOf("/");
  if (slash <= 0 || slash === ref.repository.length - 1) {
    throw inputError(
      "HARBOR_BAD_REFERENCE",
      `${ref.registry}/${ref.repository} has no Harbor project: Harbor repositories are <project>/<repository>`,
      "Give the image as host/project/repository[:tag], e.g. harbor.example.com/library/app:1.0."
    );
  }
  let baseUrl;
  if (harborUrl !== void 0 && harborUrl !== "") {
    baseUrl = harborBaseUrl(harborUrl);
  } else {
    const host = ref.registry.replace(/:\d+$/, "");
    baseUrl = `${isLoopbackHost(host) ? "http" : "https"}://${ref.registry}`;
  }
  const target = {
    baseUrl,
    project: ref.repository.slice(0, slash),
    repository: ref.repository.slice(slash + 1),
    fullName: ref.repository
  };
  if (ref.tag !== void 0) target.tag = ref.tag;
  if (ref.digest !== void 0) target.digest = ref.digest;
  return target;
}
function projectPath(project) {
  return {
    path: `/projects/${encodeURIComponent(project)}`,
    headers: /^\d+$/.test(project) ? { "X-Is-Resource-Name": "true" } : {}
  };
}
function artifactPath(target, reference) {
  return `/projects/${encodeURIComponent(target.project)}/repositories/${encodeURIComponent(encodeURIComponent(target.repository))}/artifacts/${encodeURIComponent(reference)}`;
}

// src/harbor/settings.ts
function flag(meta, key, absent, what) {
  const v = meta ? optString(meta, key, what) : void 0;
  if (v === void 0) return absent;
  return v.trim().toLowerCase() === "true";
}
function parseProject(body) {
  const what = "project";
  const o = asObject(body, what);
  const id = optNumber(o, "project_id", what);
  if (id === void 0) throw badResponse(what, 'no "project_id"');
  const meta = optObject(o, "metadata", what);
  const rawSeverity = meta ? optString(meta, "severity", what) : void 0;
  const severity = rawSeverity === void 0 ? void 0 : cleanText(rawSeverity, 32).toLowerCase();
  const list = optObject(o, "cve_allowlist", what);
  const settings = {
    projectId: id,
    name: cleanText(optString(o, "name", what) ?? "", 256),
    public: flag(meta, "public", false, what),
    preventVul: flag(meta, "prevent_vul", false, what),
    autoScan: flag(meta, "auto_scan", false, what),
    autoSbomGeneration: flag(meta, "auto_sbom_generation", false, what),
    contentTrustCosign: flag(meta, "enable_content_trust_cosign", false, what),
    contentTrustNotation: flag(meta, "enable_content_trust", false, what),
    reuseSysCveAllowlist: flag(meta, "reuse_sys_cve_allowlist", true, what),
    projectAllowlist: list ? parseAllowlist(list, "project") : { ids: [], scope: "project", expiresAt: null }
  };
  if (severity) settings.severity = severity;
  return settings;
}
function parseAllowlist(body, scope) {
  const what = `${scope} CVE allowlist`;
  const o = asObject(body, what);
  const items = optArray(o, "items", what) ?? [];
  const ids = [];
  for (const it of items) {
    const id = cleanText(optString(asObject(it, what), "cve_id", what) ?? "", 256).trim();
    if (id) ids.push(id);
  }
  const expires = optNumber(o, "expires_at", what);
  return { ids, scope, expiresAt: expires ?? null };
}
function allowlistActive(list, nowMs) {
  return list.expiresAt === void 0 || list.expiresAt === null || nowMs / 1e3 < list.expiresAt;
}
var CODE = { critical: 5, high: 4, medium: 3, low: 2, unknown: 0 };
var THRESHOLD = {
  none: 0,
  unknown: 0,
  negligible: 1,
  low: 2,
  medium: 3,
  high: 4,
  critical: 5
};
function harborWouldBlock(settings, report, allowlists, nowMs) {
  if (!settings.preventVul) return { blocked: false, reason: "prevent_vul is off for the project" };
  if (report.status !== "Success") {
    return {
      blocked: true,
      reason: `the scan status is ${report.status}; Harbor refuses pulls without a successful scan`
    };
  }
  const waived = /* @__PURE__ */ new Set();
  for (const l of allowlists) if (allowlistActive(l, nowMs)) for (const id of l.ids) waived.add(id);
  const remaining = report.findings.filter((f) => !waived.has(f.id));
  if (remaining.length === 0) return { blocked: false, reason: "no vulnerabilities outside the allowlist" };
  const threshold = THRESHOLD[settings.severity ?? "low"] ?? CODE.low;
  let worst = remaining[0];
  for (const f of remaining) if (worst && CODE[f.severity] > CODE[worst.severity]) worst = f;
  if (worst && CODE[worst.severity] >= threshold) {
    return {
      blocked: true,
      reason: `Harbor's project rule blocks pulls at severity ${settings.severity ?? "low"} or above, and ${worst.id} is ${worst.severity}`
    };
  }
  return {
    blocked: false,
    reason: `every finding is below the project's ${settings.severity ?? "low"} threshold`
  };
}

// src/harbor/artifacts.ts
var LOG_LIMIT = 2 * 1024 * 1024;
var LOG_TAIL_LINES = 30;
var LOG_LINE_MAX = 500;
function artifactNotFound(t, target, reference, detail) {
  return inputError(
    "HARBOR_ARTIFACT_NOT_FOUND",
    `Harbor has no artifact ${target.fullName}@${reference} (${detail})`,
    "Check the image reference; push the image first, or check that it went to this Harbor."
  );
}
async function getArtifact(t, target, reference, opts = {}) {
  const q = new URLSearchParams({ with_tag: "false" });
  if (opts.scan) q.set("with_scan_overview", "true");
  if (opts.sbom) q.set("with_sbom_overview", "true");
  if (opts.accessories) q.set("with_accessory", "true");
  const query = `?${q.toString()}`;
  const res = await t.call("GET", artifactPath(target, reference) + query, {
    headers: { "X-Accept-Vulnerabilities": ACCEPT_VULNERABILITIES },
    ...opts.signal ? { signal: opts.signal } : {}
  });
  if (res.status === 404) throw artifactNotFound(t, target, reference, t.errorText(res));
  if (res.status !== 200) throw t.fail(res, `read artifact ${target.fullName}@${reference}`, "artifact:read");
  return parseArtifact(t.json(res, "artifact"));
}
async function triggerScan(t, target, digest, scanType) {
  const withBody = versionAtLeast(t.version, 2, 11);
  const res = await t.call(
    "POST",
    `${artifactPath(target, digest)}/scan`,
    withBody ? { json: { scan_type: scanType } } : {}
  );
  const what = scanType === "sbom" ? "SBOM generation" : "scan";
  const perm = scanType === "sbom" ? "sbom:create" : "scan:create";
  switch (res.status) {
    case 202:
      return "started";
    case 409:
      t.logger.info(
        `a ${what} of ${shortDigest(digest)} is already running (e.g. scan on push): waiting for it`
      );
      return "running";
    case 412:
      throw inputError(
        "HARBOR_NO_SCANNER",
        `Harbor cannot start a ${what} of ${target.fullName}: ${t.errorText(res)}`,
        "Configure a scanner for the project (or a system default) and make sure it is enabled."
      );
    case 400:
    case 422:
      throw inputError(
        "HARBOR_NOT_SCANNABLE",
        `Harbor will not ${scanType === "sbom" ? "generate an SBOM for" : "scan"} ${target.fullName}@${digest}: ${t.errorText(res)}`,
        "The artifact type is not supported by the scanner (only images are scanned), or the scanner adapter is unreachable: check its health in Administration > Interrogation Services."
      );
    case 404:
      throw artifactNotFound(t, target, digest, t.errorText(res));
    default:
      throw t.fail(res, `start a ${what} of ${target.fullName}`, perm);
  }
}
async function stopScan(t, target, digest, scanType = "vulnerability") {
  try {
    const res = await t.call("POST", `${artifactPath(target, digest)}/scan/stop`, {
      json: { scan_type: scanType }
    });
    if (res.status === 202) return true;
    t.logger.warn(
      `could not stop the ${scanType} scan of ${shortDigest(digest)}: HTTP ${String(res.status)} ${t.errorText(res)}`
    );
  } catch (e) {
    t.logger.warn(`could not stop the ${scanType} scan of ${shortDigest(digest)}: ${cleanText(describe(e))}`);
  }
  return false;
}
async function scanLogTail(t, target, digest, reportId, lines = LOG_TAIL_LINES) {
  try {
    const res = await t.call(
      "GET",
      `${artifactPath(target, digest)}/scan/${encodeURIComponent(reportId)}/log`,
      {
        headers: { Accept: "text/plain" },
        maxBytes: LOG_LIMIT
      }
    );
    if (res.status !== 200) return `(scan log unavailable: HTTP ${String(res.status)} ${t.errorText(res)})`;
    const all = res.body.toString("utf8").replace(/\r/g, "").split("\n");
    while (all.length > 0 && all[all.length - 1] === "") all.pop();
    return all.slice(-lines).map((l) => cleanText(l, LOG_LINE_MAX)).join("\n") || "(the scan log is empty)";
  } catch (e) {
    return `(scan log unavailable: ${cleanText(describe(e))})`;
  }
}

// src/harbor/preflight.ts
var REQUIRED_PERMISSIONS = ["artifact:read", "scan:create", "artifact-addition:read"];
var USEFUL_PERMISSIONS = ["scan:stop", "scan:read"];
async function preflight(t, target) {
  const warnings = [];
  const sys = await t.systemInfo();
  t.authMode = optString(sys, "auth_mode", "systeminfo");
  const raw = optString(sys, "harbor_version", "systeminfo");
  const version = raw === void 0 ? void 0 : cleanText(raw, 100);
  if (version === void 0) {
    if (t.username !== void 0) {
      throw new GateError({
        code: "HARBOR_UNAUTHORIZED",
        message: `Harbor at ${t.baseUrl} did not accept the credentials of ${t.who()} (it treats the request as anonymous)`,
        remedy: t.credentialsRemedy(),
        kind: "input"
      });
    }
    warnings.push("no credentials given: Harbor hides its version and allows anonymous users very little");
  } else {
    t.version = version;
    t.logger.debug(`Harbor ${version} at ${t.baseUrl}`);
    if (!versionAtLeast(version, 2, 4))
      warnings.push(`Harbor ${version} is older than 2.4: a timed-out scan cannot be stopped`);
  }
  const settings = await getProjectSettings(t, target.project);
  const result = { projectId: settings.projectId, warnings };
  if (version !== void 0) result.harborVersion = version;
  const scanner = await getScanner(t, target.project);
  if (scanner === "forbidden") {
    warnings.push(`cannot check the project scanner: ${t.who()} lacks the project permission scanner:read`);
  } else {
    result.scanner = usableScanner(scanner, target.project);
  }
  const perms = await getPermissions(t, settings.projectId);
  if (perms === void 0) {
    warnings.push("Harbor did not list the permissions of the account; continuing without the check");
  } else {
    result.permissions = perms;
    const missing = REQUIRED_PERMISSIONS.filter((p) => !perms.includes(p));
    if (missing.length > 0) {
      throw new GateError({
        code: "HARBOR_PERMISSION_MISSING",
        message: `${t.who()} lacks the project permission(s) ${missing.join(", ")} in ${target.project}, which the scan needs`,
        remedy: `Edit the robot account and grant ${missing.join(", ")} (the gate needs ${[...REQUIRED_PERMISSIONS, ...USEFUL_PERMISSIONS].join(", ")}).`,
        kind: "input",
        details: { missing }
      });
    }
    const useful = USEFUL_PERMISSIONS.filter((p) => !perms.includes(p));
    if (useful.length > 0) {
      warnings.push(
        `${t.who()} lacks ${useful.join(", ")}: a timed-out scan cannot be stopped or its log read`
      );
    }
  }
  return result;
}
function usableScanner(scanner, project) {
  if (scanner === void 0) {
    throw inputError(
      "HARBOR_NO_SCANNER",
      `project ${project} has no vulnerability scanner, and Harbor has no default scanner`,
      "Install Harbor with Trivy, or register a scanner (Administration > Interrogation Services) and set it as default or as the project scanner."
    );
  }
  if (scanner.disabled) {
    throw inputError(
      "HARBOR_SCANNER_DISABLED",
      `the scanner ${scanner.name} of project ${project} is deactivated`,
      "Enable the scanner in Administration > Interrogation Services, or choose another one for the project."
    );
  }
  if (scanner.health !== void 0 && scanner.health !== "" && scanner.health !== "healthy") {
    throw infraError(
      "HARBOR_SCANNER_UNHEALTHY",
      `the scanner ${scanner.name} of project ${project} is ${scanner.health}: Harbor cannot reach its adapter`,
      "Check the scanner adapter (e.g. the trivy-adapter container) and its registration URL in Administration > Interrogation Services."
    );
  }
  if (!scanner.supportsVulnerability) {
    throw inputError(
      "HARBOR_SCANNER_NO_VULN",
      `the scanner ${scanner.name} does not scan for vulnerabilities`,
      "Set a vulnerability scanner such as Trivy for the project."
    );
  }
  return scanner;
}
async function getScanner(t, project) {
  const { path, headers } = projectPath(project);
  const res = await t.call("GET", `${path}/scanner`, { headers });
  if (res.status === 403) return "forbidden";
  if (res.status === 404) throw projectNotFound(project);
  if (res.status !== 200) throw t.fail(res, `read the scanner of project ${project}`, "scanner:read");
  const text = res.body.toString("utf8").trim();
  if (text === "" || text === "null") return void 0;
  const what = "project scanner";
  const o = asObject(t.json(res, what), what);
  const caps = optObject(o, "capabilities", what) ?? {};
  const info = {
    name: cleanText(optString(o, "name", what) ?? "(unnamed)", 100),
    disabled: optBoolean(o, "disabled", what) ?? false,
    // Older Harbors list no capabilities: every scanner then scans for vulnerabilities.
    supportsVulnerability: caps.support_vulnerability !== false,
    supportsSbom: caps.support_sbom === true
  };
  const vendor = optString(o, "vendor", what);
  const version = optString(o, "version", what);
  const health = optString(o, "health", what);
  if (vendor !== void 0) info.vendor = cleanText(vendor, 100);
  if (version !== void 0) info.version = cleanText(version, 100);
  if (health !== void 0) info.health = cleanText(health, 100);
  return info;
}
async function getPermissions(t, projectId) {
  const q = new URLSearchParams({ scope: `/project/${String(projectId)}`, relative: "true" });
  const res = await t.call("GET", `/users/current/permissions?${q.toString()}`);
  if (res.status === 401) throw t.fail(res, "list its permissions", "none");
  if (res.status !== 200) return void 0;
  const what = "permission list";
  const body = t.json(res, what);
  if (!Array.isArray(body)) throw badResponse(what, "expected an array");
  return body.map((p) => {
    const o = asObject(p, what);
    return `${optString(o, "resource", what) ?? ""}:${optString(o, "action", what) ?? ""}`;
  });
}
function projectNotFound(project) {
  return inputError(
    "HARBOR_PROJECT_NOT_FOUND",
    `Harbor has no project ${project}`,
    "Check the image reference (host/project/repository) or create the project in Harbor."
  );
}
async function getProjectSettings(t, project) {
  const { path, headers } = projectPath(project);
  const res = await t.call("GET", path, { headers });
  if (res.status === 404) throw projectNotFound(project);
  if (res.status === 403) {
    throw new GateError({
      code: "HARBOR_PROJECT_FORBIDDEN",
      message: `project ${project} does not exist, or ${t.who()} may not read it (HTTP 403)`,
      remedy: "Check the project name in the image reference, and grant the robot account the project permission project:read.",
      kind: "input"
    });
  }
  if (res.status !== 200) throw t.fail(res, `read project ${project}`, "project:read");
  return parseProject(t.json(res, "project"));
}
async function getAllowlists(t, project) {
  const settings = await getProjectSettings(t, project);
  if (!settings.reuseSysCveAllowlist) return [settings.projectAllowlist];
  const res = await t.call("GET", "/system/CVEAllowlist");
  if (res.status !== 200) throw t.fail(res, "read the system CVE allowlist", "none (any authenticated user)");
  return [parseAllowlist(t.json(res, "system CVE allowlist"), "system")];
}

// src/harbor/wait.ts
var HEARTBEAT_MS = 3e4;
var SHORT_TIMEOUT_MS = 3e4;
function waitLabel(kind) {
  return kind === "sbom" ? "SBOM generation" : "scan";
}
async function waitFor(t, tuning, target, digest, p) {
  const clock = t.clock;
  const deadline = p.start + p.timeoutMs;
  const backoff = {
    maxRetries: 0,
    baseDelayMs: tuning.pollMinMs,
    maxDelayMs: Math.max(tuning.pollMaxMs, tuning.pollMinMs),
    jitter: 0
  };
  const label = waitLabel(p.kind);
  const short = shortDigest(digest);
  let missingSince;
  let last;
  let lastText = "";
  let lastBeat = p.start;
  for (let round = 1; ; round++) {
    if (p.signal?.aborted) {
      if (isCancelled(p.signal.reason)) throw p.signal.reason;
      throw infraError(
        "SCAN_CANCELLED",
        `the wait for Harbor's ${label} of ${digest} was cancelled`,
        "Run again.",
        p.signal.reason
      );
    }
    const o = await p.read(p.signal);
    const now = clock.now();
    if (o === void 0) {
      missingSince ??= now;
      if (now - missingSince >= tuning.missingGraceMs) {
        throw infraError(
          "SCAN_NOT_STARTED",
          `Harbor shows no ${label} status for ${target.fullName}@${digest} ${formatDuration(now - missingSince)} after the request`,
          "The project scanner may have changed, or the artifact is not scannable (accessories, unsupported media types). Check the artifact in the Harbor UI."
        );
      }
    } else {
      missingSince = void 0;
      last = o;
      const text = cleanText(p.describe(o), 100);
      if (text !== lastText) {
        t.logger.info(`${label} of ${short}: ${text}`);
        lastBeat = now;
      }
      lastText = text;
      if (await p.done(o)) return o;
    }
    if (now >= deadline) return timeout(t, target, digest, p.kind, p.timeoutMs, last);
    if (now - lastBeat >= HEARTBEAT_MS) {
      t.logger.info(
        `${label} of ${short} ${lastText === "" ? "not shown yet" : lastText}, ${formatDuration(now - p.start)} elapsed (timeout ${formatDuration(p.timeoutMs)})`
      );
      lastBeat = now;
    }
    const pause = Math.min(backoffDelay(backoff, round), deadline - now, lastBeat + HEARTBEAT_MS - now);
    await clock.sleep(Math.max(pause, 1), p.signal).catch((e) => {
      if (!p.signal?.aborted) throw e;
    });
  }
}
async function timeout(t, target, digest, kind, timeoutMs, last) {
  const label = waitLabel(kind);
  const stopped = await stopScan(t, target, digest, kind === "sbom" ? "sbom" : "vulnerability");
  const tail = last?.reportId ? await scanLogTail(t, target, digest, last.reportId) : "(no report id: no log)";
  const status = last === void 0 ? "none" : cleanText(last.status, 100);
  const within = formatDuration(timeoutMs);
  const remedy = timeoutMs < SHORT_TIMEOUT_MS ? `The timeout ${within} is very short: even a small image takes Harbor tens of seconds to ${kind === "sbom" ? "generate an SBOM for" : "scan"} (queueing, the scanner's database). Give a longer --scan-timeout, e.g. ${formatDuration(DEFAULT_SCAN_TIMEOUT_MS)} (the default).` : kind === "sbom" ? "SBOM generation stuck in Pending/Running usually means jobservice, Redis or the scanner adapter is unhealthy: check them. A large image may need a longer --scan-timeout." : "Scans stuck in Pending/Running usually mean jobservice, Redis or the scanner adapter is unhealthy: check them. A large image may need a longer --scan-timeout.";
  throw new GateError({
    code: kind === "sbom" ? "SBOM_TIMEOUT" : "SCAN_TIMEOUT",
    message: `Harbor's ${label} of ${target.fullName}@${digest} did not finish within ${within} (last status: ${status}; ${stopped ? "the scan was stopped" : "it could not be stopped"}). Last lines of the scan log:
${tail}`,
    remedy,
    kind: "infra",
    details: { status: last?.status, stopped, log: tail, timeoutMs }
  });
}

// src/harbor/sbom.ts
var SBOM_LIMIT = 64 * 1024 * 1024;
async function generateSbom(t, tuning, target, digest, opts) {
  const start = t.clock.now();
  if (!versionAtLeast(await t.knownVersion(), 2, 11)) {
    throw inputError(
      "HARBOR_SBOM_UNSUPPORTED",
      `Harbor ${cleanText(t.version ?? "", 100)} cannot generate SBOMs (2.11 or later can)`,
      "Upgrade Harbor, or attach an SBOM you generate yourself with --sbom."
    );
  }
  const scanner = await getScanner(t, target.project);
  if (scanner === void 0) {
    throw inputError(
      "HARBOR_NO_SCANNER",
      `project ${target.project} has no scanner to generate an SBOM`,
      "Configure a scanner (e.g. Trivy) for the project or as system default."
    );
  }
  if (scanner !== "forbidden" && !scanner.supportsSbom) {
    throw inputError(
      "HARBOR_SBOM_UNSUPPORTED",
      `the scanner ${scanner.name} of project ${target.project} cannot generate SBOMs`,
      "Use a scanner with SBOM support (Trivy adapter 0.31+), or attach your own SBOM with --sbom."
    );
  }
  const before = await getArtifact(t, target, digest, { sbom: true });
  const prior = before.sbom;
  const triggerTime = t.clock.now();
  const how = await triggerScan(t, target, digest, "sbom");
  const ov = await waitFor(t, tuning, target, digest, {
    kind: "sbom",
    start,
    timeoutMs: opts.timeoutMs,
    ...opts.signal ? { signal: opts.signal } : {},
    read: async (signal) => (await getArtifact(t, target, digest, { sbom: true, ...signal ? { signal } : {} })).sbom,
    done: (o) => {
      if (!isFinalStatus(o.status)) return false;
      if (how === "running" || prior === void 0 || !isFinalStatus(prior.status)) return true;
      if (o.reportId !== prior.reportId || o.sbomDigest !== prior.sbomDigest) return true;
      const started = o.startTime ? Date.parse(o.startTime) : NaN;
      return Number.isFinite(started) && started >= triggerTime;
    },
    describe: (o) => o.status
  });
  if (ov.status !== "Success" || !ov.sbomDigest) {
    const tail = ov.reportId ? await scanLogTail(t, target, digest, ov.reportId) : "(no log)";
    throw new GateError({
      code: "SBOM_FAILED",
      message: `Harbor's SBOM generation for ${target.fullName}@${digest} ended with status ${cleanText(ov.status, 100)}${ov.sbomDigest ? "" : " and no SBOM"}. Last lines of the log:
${tail}`,
      remedy: "Read the log above and check the scanner adapter; or attach your own SBOM with --sbom.",
      kind: "infra",
      details: { status: ov.status, log: tail }
    });
  }
  const sbomDigest = ov.sbomDigest;
  if (!SHA256_DIGEST_PATTERN.test(sbomDigest))
    throw badResponse("SBOM overview", "the sbom_digest is not a sha256 digest");
  const res = await t.call("GET", `${artifactPath(target, sbomDigest)}/additions/sbom`, {
    headers: { Accept: "application/json, application/vnd.goharbor.harbor.sbom.v1" },
    maxBytes: SBOM_LIMIT
  });
  if (res.status !== 200) throw t.fail(res, `read the SBOM ${sbomDigest}`, "artifact-addition:read");
  const document = parseJson(res, "Harbor's SBOM");
  if (!isObject(document)) throw badResponse("SBOM", "expected a JSON document");
  return {
    sbomDigest,
    mediaType: cleanText(res.headers["content-type"] ?? "application/spdx+json", 200),
    document,
    status: ov.status
  };
}

// src/harbor/scan.ts
var REPORT_LIMIT = 64 * 1024 * 1024;
async function scanArtifact(t, tuning, target, digest, opts) {
  const start = t.clock.now();
  const before = await getArtifact(t, target, digest, {
    scan: true,
    ...opts.signal ? { signal: opts.signal } : {}
  });
  const isIndex = before.references.length > 0 || INDEX_TYPES.has(before.manifestMediaType ?? "");
  const prior = before.scan;
  const triggerTime = t.clock.now();
  const how = await triggerScan(t, target, digest, "vulnerability");
  t.logger.info(
    `${how === "started" ? "scan started" : "waiting for the running scan"} of ${target.fullName}@${shortDigest(digest)}`
  );
  const isNew = (ov2) => {
    if (how === "running" || prior === void 0 || !isFinalStatus(prior.status)) return true;
    if (ov2.reportId !== void 0 && ov2.reportId !== prior.reportId) return true;
    const started = ov2.startTime ? Date.parse(ov2.startTime) : NaN;
    return Number.isFinite(started) && started >= triggerTime;
  };
  let children = [];
  const done = async (ov2) => {
    if (!isNew(ov2) || !isFinalStatus(ov2.status)) return false;
    if (!isIndex || ov2.status !== "Success" || ov2.completePercent === 100) return true;
    children = await childScans(t, target, before);
    return ov2.completePercent !== void 0 ? children.every((c) => c.status === void 0 || isFinalStatus(c.status)) : children.every((c) => c.status !== void 0 && isFinalStatus(c.status));
  };
  const unfinished = () => children.filter((c) => c.status === void 0 || !isFinalStatus(c.status));
  const progress = (o) => {
    if (!isIndex) return "";
    if (o.completePercent !== void 0) return ` ${String(o.completePercent)}%`;
    const open = unfinished();
    if (children.length === 0 || open.length === 0) return "";
    return `, ${String(children.length - open.length)} of ${String(children.length)} platforms finished (waiting for ${open.map((c) => cleanText(c.platform, 40)).join(", ")})`;
  };
  let ov;
  try {
    ov = await waitFor(t, tuning, target, digest, {
      kind: "scan",
      start,
      timeoutMs: opts.timeoutMs,
      ...opts.signal ? { signal: opts.signal } : {},
      read: async (signal) => (await getArtifact(t, target, digest, { scan: true, ...signal ? { signal } : {} })).scan,
      done,
      describe: (o) => `${o.status}${progress(o)}`
    });
  } catch (e) {
    const open = unfinished();
    if (!(e instanceof GateError) || e.code !== "SCAN_TIMEOUT" || open.length === 0) throw e;
    const list = open.map((c) => `${cleanText(c.platform, 100)} ${c.digest}: ${cleanText(c.status ?? "no scan", 100)}`).join("; ");
    throw new GateError({
      code: e.code,
      message: `${e.message.replace(/\. Last lines of the scan log:[\s\S]*$/, "")}; still waiting for ${list}`,
      remedy: `${e.remedy} A platform Harbor never scans (an attestation manifest before Harbor 2.11) keeps an index unfinished: build with --provenance=false --sbom=false or upgrade Harbor.`,
      kind: e.kind,
      cause: e,
      details: { ...e.details, unfinished: open }
    });
  }
  const missing = children.filter((c) => c.status !== "Success");
  if (isIndex && ov.status === "Success" && ov.completePercent !== 100 && (ov.completePercent !== void 0 || missing.length > 0)) {
    const percent = ov.completePercent ?? Math.floor((children.length - missing.length) * 100 / Math.max(1, children.length));
    const list = missing.map((c) => `${cleanText(c.platform, 100)} ${c.digest}: ${cleanText(c.status ?? "not scanned", 100)}`).join("; ");
    throw new GateError({
      code: "SCAN_INCOMPLETE",
      message: `Harbor scanned only ${String(percent)}% of the platforms of ${target.fullName}@${digest} (${list || "no child named"}), so its findings are not the whole image's`,
      remedy: "Scan the failed platforms again or remove them from the index; before Harbor 2.11, build attestations (unknown/unknown manifests from docker buildx) cannot be scanned: build with --provenance=false --sbom=false or upgrade Harbor.",
      kind: "infra",
      details: { completePercent: percent, platforms: missing }
    });
  }
  if (ov.status !== "Success") {
    const tail = ov.reportId ? await scanLogTail(t, target, digest, ov.reportId) : "(no report id: no log)";
    const failed = ov.status === "Error";
    throw new GateError({
      code: failed ? "SCAN_FAILED" : "SCAN_STOPPED",
      message: `Harbor's scan of ${target.fullName}@${digest} ended with status ${cleanText(ov.status, 100)}. Last lines of the scan log:
${tail}`,
      remedy: failed ? "Read the scan log above; check the scanner adapter (e.g. Trivy DB download, disk space) and run again." : "Someone (or Harbor) stopped the scan: run again.",
      kind: "infra",
      details: { status: ov.status, log: tail }
    });
  }
  return readReport(t, target, digest, before, ov);
}
async function childScans(t, target, index) {
  const out = [];
  for (const ref of index.references) {
    const child = await getArtifact(t, target, ref.childDigest, { scan: true });
    out.push({
      platform: ref.platform ?? "unknown",
      digest: ref.childDigest,
      ...child.scan?.status !== void 0 ? { status: child.scan.status } : {}
    });
  }
  return out;
}
async function readReport(t, target, digest, art, ov) {
  const res = await t.call("GET", `${artifactPath(target, digest)}/additions/vulnerabilities`, {
    headers: { "X-Accept-Vulnerabilities": ACCEPT_VULNERABILITIES },
    maxBytes: REPORT_LIMIT
  });
  if (res.status === 404) {
    throw infraError(
      "HARBOR_REPORT_NOT_FOUND",
      `Harbor has no vulnerability report for ${target.fullName}@${digest} (${t.errorText(res)})`,
      "Check that the project has a scanner and that the artifact is an image the scanner supports."
    );
  }
  if (res.status !== 200)
    throw t.fail(res, `read the vulnerability report of ${target.fullName}`, "artifact-addition:read");
  const parsed = parseVulnerabilityAddition(t.json(res, "vulnerability report"), digest);
  const platformOf = new Map(art.references.map((r) => [r.childDigest, r.platform ?? "unknown"]));
  const findings = [];
  for (const { finding, digests } of parsed.items) {
    if (platformOf.size === 0) {
      finding.artifactDigest = digests[0] ?? digest;
      findings.push(finding);
      continue;
    }
    const inChildren = digests.filter((d) => platformOf.has(d));
    if (inChildren.length === 0) findings.push({ ...finding, artifactDigest: digests[0] ?? digest });
    for (const d of inChildren)
      findings.push({ ...finding, artifactDigest: d, platform: platformOf.get(d) ?? "unknown" });
  }
  const { counts, fixable } = countFindings(findings);
  const out = { digest, status: ov.status, findings, counts, fixable };
  const scanner = ov.scanner ?? parsed.scanner;
  if (scanner) out.scanner = scanner;
  if (ov.startTime) out.startTime = ov.startTime;
  if (ov.endTime) out.endTime = ov.endTime;
  if (art.references.length > 0) {
    const platforms = [];
    for (const ref of art.references) {
      if (ref.platform === void 0 || ref.platform.startsWith("unknown")) continue;
      const child = await getArtifact(t, target, ref.childDigest, { scan: true });
      platforms.push({
        platform: ref.platform,
        digest: ref.childDigest,
        status: cleanText(child.scan?.status ?? "Not Scanned", 100)
      });
    }
    out.platforms = platforms;
  }
  return out;
}

// src/harbor/transport.ts
var JSON_LIMIT = 4 * 1024 * 1024;
var HarborTransport = class {
  http;
  baseUrl;
  username;
  logger;
  clock;
  auth;
  cleartext;
  /** harbor_version once known (preflight or /systeminfo). */
  version;
  versionRead;
  /** systeminfo's auth_mode (db_auth, ldap_auth, oidc_auth, ...), anonymous-readable. */
  authMode;
  /** A deadline every call of this transport carries (see bound()). */
  signal;
  constructor(opts) {
    this.http = opts.http;
    this.baseUrl = opts.baseUrl.replace(/\/+$/, "").replace(/\/api\/v2\.0$/, "");
    this.username = opts.username;
    this.auth = opts.username !== void 0 && opts.password !== void 0 ? "Basic " + Buffer.from(`${opts.username}:${opts.password}`).toString("base64") : void 0;
    this.logger = opts.logger;
    this.clock = opts.clock;
    let url;
    try {
      url = new URL(this.baseUrl);
    } catch {
      url = void 0;
    }
    this.cleartext = this.auth !== void 0 && opts.plainHttp !== true && url?.protocol === "http:" && !isLoopbackHost(url.hostname);
  }
  /**
   * This transport with a deadline on every call it makes (a scan's --scan-timeout): the same
   * state (credentials, version), reached through the prototype.
   */
  bound(signal) {
    const b = Object.create(this);
    Object.defineProperty(b, "signal", { value: signal });
    return b;
  }
  async call(method, path, opts = {}) {
    if (this.cleartext) {
      throw inputError(
        "HARBOR_CLEARTEXT_CREDENTIALS",
        `refusing to send the credentials of ${this.who()} to ${this.baseUrl} over plain HTTP, where anyone on the network path can read them`,
        "Use an https:// Harbor URL (--harbor-url), or pass --plain-http if you accept that risk."
      );
    }
    const headers = { Accept: "application/json", ...opts.headers ?? {} };
    if (this.auth) headers.Authorization = this.auth;
    let body;
    if (opts.json !== void 0) {
      body = JSON.stringify(opts.json);
      headers["Content-Type"] = "application/json";
    }
    try {
      return await this.http.request({
        method,
        url: `${this.baseUrl}${API_PREFIX}${path}`,
        headers,
        ...body !== void 0 ? { body } : {},
        maxBytes: opts.maxBytes ?? JSON_LIMIT,
        maxRedirects: 0,
        ...opts.signal || this.signal ? { signal: anySignal(opts.signal, this.signal) } : {}
      });
    } catch (e) {
      if (e instanceof GateError && e.code === "HTTP_PLAIN_HTTP") {
        const host = new URL(this.baseUrl).host;
        throw new GateError({
          code: "HTTP_PLAIN_HTTP",
          message: `Harbor at ${host} answers plain HTTP, not HTTPS: use --plain-http (Action: plain-http: true) and --harbor-url http://${host} if that is intended`,
          remedy: `If Harbor at ${host} is meant to speak plain HTTP, pass --plain-http and --harbor-url http://${host}; if it should speak HTTPS, check the port and Harbor's TLS setup.`,
          kind: "input",
          cause: e
        });
      }
      if (e instanceof GateError && e.code === "HTTP_NETWORK") {
        throw new GateError({
          code: "HARBOR_UNREACHABLE",
          message: `Harbor at ${this.baseUrl} could not be reached: ${e.message}`,
          remedy: "Check --harbor-url (default: the image registry over HTTPS), DNS, firewall and proxy settings, and that Harbor is up.",
          kind: "infra",
          cause: e
        });
      }
      throw e;
    }
  }
  json(res, what) {
    const type = res.headers["content-type"] ?? "";
    if (/text\/html/i.test(type) || /^\s*</.test(res.body.subarray(0, 64).toString("utf8"))) {
      throw new GateError({
        code: "HARBOR_NOT_HARBOR",
        message: `${this.baseUrl} answered the ${what} request with an HTML page (HTTP ${String(res.status)}), not Harbor's JSON API`,
        remedy: "Point --harbor-url at Harbor itself (not a login portal or proxy page), e.g. https://harbor.example.com.",
        kind: "input"
      });
    }
    return parseJson(res, `Harbor's ${what}`);
  }
  /** Harbor's error text from {"errors":[{code,message}]}, bounded and cleaned; never echoes request data. */
  errorText(res) {
    try {
      const body = JSON.parse(res.body.subarray(0, 64 * 1024).toString("utf8"));
      if (isObject(body) && Array.isArray(body.errors)) {
        const parts = body.errors.filter(isObject).map((e) => [e.code, e.message].filter((x) => typeof x === "string").join(": ")).filter((s) => s !== "");
        if (parts.length > 0) return cleanText(parts.join("; "), 400);
      }
    } catch {
    }
    if (/text\/html/i.test(res.headers["content-type"] ?? "")) return "an HTML page";
    const text = cleanText(res.body.subarray(0, 4096).toString("utf8").trim(), 200);
    return text === "" ? "no details" : text.replace(/\s+/g, " ");
  }
  /** What to check when Harbor refuses the given credentials. */
  credentialsRemedy() {
    const robot = "Robot accounts are named robot$<project>+<name> (escape the '$' in shells and CI YAML); disabled or expired robots are refused.";
    if (this.authMode === "oidc_auth" && !this.username?.startsWith("robot$")) {
      return `This Harbor logs users in with OIDC: a user's CLI secret works for docker push but not for Harbor's API (scans, artifacts). Use a robot account. ${robot}`;
    }
    return `Check the username and password. ${robot}`;
  }
  who() {
    return this.username === void 0 ? "anonymous access" : `user ${cleanText(this.username, 200)}`;
  }
  /** Map the statuses every endpoint shares (401, 403, 5xx, anything unexpected) to errors. */
  fail(res, action, permission) {
    const detail = this.errorText(res);
    if (res.status === 401) {
      return new GateError({
        code: "HARBOR_UNAUTHORIZED",
        message: `Harbor refused ${this.who()} to ${action} (HTTP 401: ${detail})`,
        remedy: this.username === void 0 ? "Give --username and the password (HARBOR_GATE_PASSWORD or --password-stdin); a robot account is best." : this.credentialsRemedy(),
        kind: "input",
        details: { status: 401 }
      });
    }
    if (res.status === 403) {
      return new GateError({
        code: "HARBOR_FORBIDDEN",
        message: `Harbor did not allow ${this.who()} to ${action} (HTTP 403: ${detail})`,
        remedy: `Grant the robot account the project permission ${permission} (Harbor 2.10+: Projects > Robot Accounts > Edit), or check that the project exists.`,
        kind: "input",
        details: { status: 403, permission }
      });
    }
    if (res.status >= 500) {
      const header = res.headers["x-request-id"];
      const requestId = header ? cleanText(header, 100) : void 0;
      return infraError(
        "HARBOR_SERVER_ERROR",
        `Harbor failed to ${action} (HTTP ${String(res.status)}: ${detail}${requestId ? `; X-Request-Id ${requestId}` : ""})`,
        requestId ? `Harbor hides 5xx details: search its core and jobservice logs for ${requestId}, then run again.` : "Harbor hides 5xx details: check Harbor's core and jobservice logs, then run again."
      );
    }
    return infraError(
      "HARBOR_UNEXPECTED_STATUS",
      `Harbor answered HTTP ${String(res.status)} when asked to ${action} (${detail})`,
      "Check that --harbor-url points at Harbor 2.x; run with --debug for details."
    );
  }
  /** The URL answers, but not as Harbor: a plain registry, or another service. */
  notHarbor(why) {
    return inputError(
      "HARBOR_NOT_FOUND",
      `there is no Harbor API at ${this.baseUrl}: ${why}. It looks like a plain registry or another service, not Harbor`,
      "Point --harbor-url at your Harbor (its API is under /api/v2.0), or pass --no-scan to push, attach and sign without a Harbor scan."
    );
  }
  /** GET /systeminfo, checked to be Harbor's (a plain registry answers 404). */
  async systemInfo() {
    const res = await this.call("GET", "/systeminfo");
    if (res.status === 404) throw this.notHarbor(`GET ${API_PREFIX}/systeminfo answered HTTP 404`);
    if (res.status !== 200) throw this.fail(res, "read /systeminfo", "none");
    const body = this.json(res, "systeminfo");
    if (!isObject(body) || !("auth_mode" in body || "harbor_version" in body)) {
      throw this.notHarbor(`GET ${API_PREFIX}/systeminfo answered with JSON that is not Harbor's`);
    }
    return body;
  }
  /** harbor_version, from the preflight or else from /systeminfo (asked once); undefined if hidden. */
  async knownVersion() {
    if (this.version !== void 0) return this.version;
    this.versionRead ??= (async () => {
      const info = await this.call("GET", "/systeminfo");
      if (info.status === 404) throw this.notHarbor(`GET ${API_PREFIX}/systeminfo answered HTTP 404`);
      if (info.status !== 200) return void 0;
      return optString(asObject(this.json(info, "systeminfo"), "systeminfo"), "harbor_version", "systeminfo");
    })();
    this.version ??= await this.versionRead;
    return this.version;
  }
};
function anySignal(a, b) {
  return a && b ? AbortSignal.any([a, b]) : a ?? b;
}

// src/harbor/client.ts
var HarborClient = class {
  t;
  tuning;
  constructor(opts) {
    this.t = new HarborTransport({
      http: opts.http,
      baseUrl: opts.baseUrl,
      ...opts.username !== void 0 ? { username: opts.username } : {},
      ...opts.password !== void 0 ? { password: opts.password } : {},
      logger: opts.logger,
      clock: opts.clock ?? opts.http.clock,
      ...opts.plainHttp !== void 0 ? { plainHttp: opts.plainHttp } : {}
    });
    const pollMinMs = opts.pollMinMs ?? 2e3;
    this.tuning = {
      pollMinMs,
      pollMaxMs: Math.max(opts.pollMaxMs ?? 15e3, pollMinMs),
      missingGraceMs: opts.missingGraceMs ?? 6e4
    };
  }
  /** .../artifacts/{reference}; the repository name is URL-encoded twice (Harbor decodes twice). */
  artifactPath(target, reference) {
    return artifactPath(target, reference);
  }
  /** Is it Harbor, are the credentials good, is there a usable scanner, may we scan. */
  preflight(target) {
    return preflight(this.t, target);
  }
  /** The project's scanner (else the system default); undefined when none; 'forbidden' on 403. */
  getScanner(project) {
    return getScanner(this.t, project);
  }
  getProjectSettings(project) {
    return getProjectSettings(this.t, project);
  }
  /** The CVE allowlist Harbor applies to the project (the system's or the project's own). */
  getAllowlists(project) {
    return getAllowlists(this.t, project);
  }
  getArtifact(target, reference, opts = {}) {
    return getArtifact(this.t, target, reference, opts);
  }
  /** Stop a running scan (Harbor 2.4+); failures are logged, not thrown. */
  stopScan(target, digest, scanType = "vulnerability") {
    return stopScan(this.t, target, digest, scanType);
  }
  /** The last lines of a scan's log, or a note why it is unavailable. */
  scanLogTail(target, digest, reportId, lines) {
    return scanLogTail(this.t, target, digest, reportId, lines);
  }
  /** Trigger a vulnerability scan of digest, wait for the new report and return it normalised. */
  scan(target, digest, opts) {
    return bounded(
      this.t,
      "scan",
      target,
      digest,
      opts,
      (t) => scanArtifact(t, this.tuning, target, digest, opts)
    );
  }
  /** Have Harbor's scanner generate an SBOM for digest, wait for it and return the document. */
  generateSbom(target, digest, opts) {
    return bounded(
      this.t,
      "sbom",
      target,
      digest,
      opts,
      (t) => generateSbom(t, this.tuning, target, digest, opts)
    );
  }
};
var SCAN_STOP_GRACE_MS = 15e3;
async function bounded(t, kind, target, digest, opts, f) {
  if (!(opts.timeoutMs > 0)) return f(t);
  const label = kind === "sbom" ? "SBOM generation" : "scan";
  const d = startDeadline(
    opts.timeoutMs + Math.min(SCAN_STOP_GRACE_MS, opts.timeoutMs / 2),
    () => deadlineError(
      kind === "sbom" ? "SBOM_TIMEOUT" : "SCAN_TIMEOUT",
      `Harbor's ${label} of ${target.fullName}@${digest} did not finish within ${formatDuration(opts.timeoutMs)} (--scan-timeout, requests included): Harbor stalled`,
      "Harbor (or a proxy in front of it) accepted a request but answered too slowly or not at all: check Harbor core, its database and the network path, then run again."
    )
  );
  const run = t.http.signal;
  try {
    return await f(t.bound(run ? AbortSignal.any([d.signal, run]) : d.signal));
  } finally {
    d.cancel();
  }
}

export {
  versionAtLeast,
  harborBaseUrl,
  harborTarget,
  harborWouldBlock,
  HarborClient
};
