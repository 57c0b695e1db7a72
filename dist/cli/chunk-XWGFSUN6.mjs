import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  evaluate
} from "./chunk-LUKTZLLD.mjs";
import {
  readVexFiles
} from "./chunk-2O467QHM.mjs";
import {
  loadSbom
} from "./chunk-P3PBNJGX.mjs";
import {
  MANIFEST_ACCEPT,
  backoffDelay,
  createProgress,
  createRegistryClient,
  openSource,
  parseJson,
  parseReference,
  parseSource,
  pushImage,
  pushSummary
} from "./chunk-JJ7PDDUK.mjs";
import {
  Redactor,
  silentLogger
} from "./chunk-FQGJ6PO2.mjs";
import {
  DEFAULT_SCAN_TIMEOUT_MS,
  GateError,
  SEVERITIES,
  STEP_NAMES,
  TOOL_NAME,
  TOOL_URI,
  VERSION,
  cleanProse,
  cleanText,
  describe,
  emptyCounts,
  formatDuration,
  infraError,
  inputError,
  isLoopbackHost,
  shortDigest,
  systemClock,
  toGateError,
  writeFileNoFollow
} from "./chunk-JVUIFQQB.mjs";

// src/report/common.ts
var SEVERITY_LABEL = {
  critical: "Critical",
  high: "High",
  medium: "Medium",
  low: "Low",
  unknown: "Unknown"
};
function clean(text) {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      out += "\n";
      if (text.charCodeAt(i + 1) === 10) i++;
    } else if (c === 9 || c === 10) {
      out += text[i];
    } else if (c < 32 || c >= 127 && c <= 159 || c === 65279 || c === 65534 || c === 65535) {
      continue;
    } else if (c >= 55296 && c <= 56319) {
      const next = text.charCodeAt(i + 1);
      if (next >= 56320 && next <= 57343) {
        out += text.slice(i, i + 2);
        i++;
      } else out += "\uFFFD";
    } else if (c >= 56320 && c <= 57343) {
      out += "\uFFFD";
    } else {
      out += text[i];
    }
  }
  return out;
}
function oneLine(text) {
  return clean(text).replace(/\s+/g, " ").trim();
}
function truncate(text, max) {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1))}\u2026`;
}
function cvssText(f) {
  return f.cvss ? f.cvss.score.toFixed(1) : "";
}
function violatingFindings(input) {
  return input.verdict.findings.filter((f) => f.status === "violation");
}
function repositoryPath(image) {
  let ref = image.split("@")[0];
  const slash = ref.indexOf("/");
  const first = slash >= 0 ? ref.slice(0, slash) : "";
  if (slash >= 0 && (first.includes(".") || first.includes(":") || first === "localhost")) {
    ref = ref.slice(slash + 1);
  }
  const colon = ref.lastIndexOf(":");
  if (colon > ref.lastIndexOf("/")) ref = ref.slice(0, colon);
  return ref;
}
function registryHost(image) {
  const ref = image.split("@")[0];
  const slash = ref.indexOf("/");
  if (slash < 0) return "";
  const first = ref.slice(0, slash);
  return first.includes(".") || first.includes(":") || first === "localhost" ? first : "";
}
function pinnedImage(input) {
  const base = input.image.split("@")[0];
  return input.digest ? `${base}@${input.digest}` : base;
}
function verdictLine(input) {
  const v = input.verdict;
  const n = v.violations.length;
  return v.verdict === "pass" ? `PASSED: ${input.image} meets the policy${v.waivers.length ? ` (${v.waivers.length} waived)` : ""}` : `FAILED: ${input.image} breaks the policy with ${n} violation${n === 1 ? "" : "s"}`;
}
function platformsText(f) {
  return f.platforms.join(", ");
}
function safeUrl(text) {
  if (!/^https?:\/\//i.test(text.trim())) return void 0;
  try {
    const u = new URL(text.trim());
    return u.protocol === "https:" || u.protocol === "http:" ? u.href : void 0;
  } catch {
    return void 0;
  }
}
function firstUrl(links) {
  for (const l of links) {
    const u = safeUrl(l);
    if (u !== void 0) return u;
  }
  return void 0;
}
var STEP_ORDER = STEP_NAMES.filter((n) => n !== "reports");
var STEP_LABEL = {
  inputs: "inputs",
  push: "push",
  sbom: "SBOM",
  sign: "signature",
  scan: "scan",
  policy: "policy",
  attestScan: "scan attestation"
};
function stepLabel(name) {
  return STEP_LABEL[name] ?? name;
}
function reportSteps(input) {
  const steps = input.steps ?? {};
  const names = Object.keys(steps).filter((n) => n !== "reports");
  names.sort((a, b) => {
    const ia = STEP_ORDER.indexOf(a);
    const ib = STEP_ORDER.indexOf(b);
    return (ia < 0 ? STEP_ORDER.length : ia) - (ib < 0 ? STEP_ORDER.length : ib) || a.localeCompare(b);
  });
  return names.map((n) => [n, steps[n]]);
}
function roundSeconds(seconds) {
  return Math.round(seconds * 1e3) / 1e3;
}
function durationText(seconds) {
  if (seconds < 1) return `${Math.round(seconds * 1e3)} ms`;
  if (seconds < 60) return `${(Math.round(seconds * 10) / 10).toFixed(1)} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${Math.round(seconds - m * 60)} s`;
}
function stepFacts(name, s) {
  const facts = [];
  if (s.tags && s.tags.length > 0) facts.push(`tags ${s.tags.join(", ")}`);
  if (s.format) facts.push(`format ${s.format}`);
  if (s.scanner) facts.push(`scanner ${s.scanner}`);
  if (s.key) facts.push(`key ${s.key}`);
  if (s.identity) facts.push(`identity ${s.identity}`);
  if (s.digest) facts.push(`${name === "push" ? "digest" : "referrer"} ${s.digest}`);
  if (s.attestations && s.attestations.length > 0) facts.push(`attestations ${s.attestations.join(", ")}`);
  if (s.detail) facts.push(s.detail);
  if (s.error) facts.push(`error: ${s.code ? `[${s.code}] ` : ""}${s.error}`);
  return facts;
}
function stepLine(name, s) {
  const time2 = s.seconds !== void 0 && s.status !== "skipped" ? ` in ${durationText(s.seconds)}` : "";
  const facts = stepFacts(name, s).map((f) => oneLine(f));
  return `${stepLabel(name)}: ${oneLine(s.status)}${time2}${facts.length ? ` (${facts.join("; ")})` : ""}`;
}
function policyFacts(p) {
  const facts = [`fail-on ${p.failOn}`, `ignore-unfixed ${p.ignoreUnfixed ? "yes" : "no"}`];
  facts.push(`cvss-threshold ${p.cvssThreshold ?? "none"}`);
  const max = SEVERITIES.flatMap((s) => p.maxCounts[s] !== void 0 ? [`${s} ${p.maxCounts[s]}`] : []);
  facts.push(`max-counts ${max.length ? max.join(", ") : "none"}`);
  facts.push(`require-signature ${p.requireSignature ? "yes" : "no"}`);
  facts.push(`require-sbom ${p.requireSbom ? "yes" : "no"}`);
  facts.push(`use-harbor-allowlist ${p.useHarborAllowlist ? "yes" : "no"}`);
  facts.push(`on-scan-error ${p.onScanError}`);
  facts.push(`allowlist ${p.allowlist.length} entr${p.allowlist.length === 1 ? "y" : "ies"}`);
  return facts;
}
function harborArtifactUrl(input) {
  if (!input.harborUrl || !/^sha256:[0-9a-f]{64}$/.test(input.digest)) return void 0;
  const base = safeUrl(input.harborUrl);
  if (base === void 0) return void 0;
  const path2 = repositoryPath(input.image);
  const slash = path2.indexOf("/");
  if (slash <= 0 || slash === path2.length - 1) return void 0;
  const project = path2.slice(0, slash);
  const rest = path2.slice(slash + 1);
  return `${base.replace(/\/+$/, "")}/harbor/projects/${encodeURIComponent(project)}/repositories/${encodeURIComponent(rest)}/artifacts-tab/artifacts/${input.digest}`;
}
function runVerdict(input) {
  return input.outcome?.verdict ?? input.verdict.verdict;
}
function outcomeLine(input) {
  const o = input.outcome;
  if (o?.verdict === "error") {
    const step = o.failedStep ? `the ${stepLabel(o.failedStep)} step` : "a step";
    const err = o.error ? `: [${o.error.code}] ${o.error.message}` : "";
    return `ERROR: ${step} could not finish${err}`;
  }
  const line = verdictLine(input);
  if (o?.reportOnly && input.verdict.verdict === "fail") return `${line} (policy breached \u2014 reported only)`;
  return line;
}
function multiPlatform(input) {
  if ((input.report?.platforms?.length ?? 0) > 1) return true;
  const seen = /* @__PURE__ */ new Set();
  for (const f of input.verdict.findings) {
    for (const p of f.platforms) seen.add(p);
    if (f.platform) seen.add(f.platform);
    if (seen.size > 1) return true;
  }
  return false;
}
function findingPlatforms(f) {
  if (f.platforms.length > 0) return f.platforms.join(", ");
  return f.platform ?? "";
}
var WAIVER_LABEL = {
  allowlist: "allowlist",
  "harbor-project": "Harbor project allowlist",
  "harbor-system": "Harbor system allowlist",
  vex: "VEX"
};
function statusLabel(f, waivers = []) {
  switch (f.status) {
    case "violation":
      return `violation${f.rules.length ? ` (${f.rules.join(", ")})` : ""}`;
    case "waived": {
      const source = waivers.find((x) => x.finding.key === f.key)?.source ?? "allowlist";
      return `waived (${WAIVER_LABEL[source] ?? source})`;
    }
    case "ignored-unfixed":
      return "unfixed (ignored)";
    case "ok":
      return "below threshold";
  }
}

// src/report/console.ts
function notScannedText(input) {
  const scan = input.steps?.scan;
  if (scan?.status === "failed") return `scan failed: ${oneLine2(scan.error ?? "no result")}`;
  return `not scanned${scan?.detail ? ` (${oneLine2(scan.detail)})` : ""}`;
}
var ANSI = {
  critical: "\x1B[1;31m",
  high: "\x1B[31m",
  medium: "\x1B[33m",
  low: "\x1B[36m",
  unknown: "\x1B[37m",
  pass: "\x1B[1;32m",
  fail: "\x1B[1;31m",
  error: "\x1B[1;35m",
  dim: "\x1B[2m"
};
var RESET = "\x1B[0m";
function oneLine2(text) {
  return oneLine(cleanText(text, 4e3));
}
var CELL = 48;
function width(text) {
  return Array.from(text).length;
}
function pad(text, w) {
  return text + " ".repeat(Math.max(0, w - width(text)));
}
function table(header, rows, paint) {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ""))));
  const line = (cells, r) => cells.map((c, i) => {
    const padded = i === cells.length - 1 ? c : pad(c, widths[i]);
    return paint && r >= 0 ? paint(r, i, padded) : padded;
  }).join("  ").trimEnd();
  return [line(header, -1), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map((r, i) => line(r, i))];
}
function renderConsole(input, options = {}) {
  const color = options.color === true;
  const maxRows = options.maxRows ?? 50;
  const c = (code, text) => color ? `${ANSI[code]}${text}${RESET}` : text;
  const v = input.verdict;
  const out = [];
  out.push(c(runVerdict(input), oneLine2(outcomeLine({ ...input, image: oneLine2(input.image) }))));
  if (input.outcome?.verdict === "error" && input.outcome.error)
    out.push(`  remedy: ${oneLine2(input.outcome.error.remedy)}`);
  if (input.digest) out.push(`digest ${oneLine2(input.digest)}`);
  const url = harborArtifactUrl(input);
  if (url) out.push(`harbor ${url}`);
  const steps = reportSteps(input);
  if (steps.length > 0) {
    out.push("", "steps:");
    for (const [name, s] of steps) out.push(`  ${stepLine(name, s)}`);
  }
  out.push("", `policy: ${policyFacts(input.policy).join(", ")}`);
  out.push("");
  if (input.report) {
    out.push(
      ...table(
        ["severity", ...SEVERITIES.map((s) => SEVERITY_LABEL[s])],
        [
          ["found", ...SEVERITIES.map((s) => String(v.counts[s]))],
          ["after waivers", ...SEVERITIES.map((s) => String(v.countsAfterWaivers[s]))]
        ]
      )
    );
  } else {
    out.push(c("dim", `vulnerabilities: ${notScannedText(input)}`));
  }
  const violating = violatingFindings(input);
  if (violating.length > 0) {
    out.push("");
    const shown = violating.slice(0, maxRows);
    const rows = shown.map((f) => [
      truncate(oneLine2(f.id), CELL),
      truncate(oneLine2(f.package), CELL),
      truncate(oneLine2(f.version), CELL),
      truncate(oneLine2(f.fixVersion ?? "-"), CELL),
      SEVERITY_LABEL[f.severity],
      cvssText(f) || "-"
    ]);
    out.push(
      ...table(
        ["id", "package", "installed", "fixed-in", "severity", "cvss"],
        rows,
        (r, col, text) => col === 4 ? c(shown[r].severity, text) : text
      )
    );
    if (violating.length > shown.length) {
      out.push(
        c(
          "dim",
          `... and ${violating.length - shown.length} more violating findings (see the JSON or HTML report)`
        )
      );
    }
  }
  const other = v.violations.filter((x) => !x.finding);
  if (other.length > 0) {
    out.push("");
    for (const x of other) out.push(`${c("fail", `[${x.rule}]`)} ${oneLine2(x.reason)}`);
  }
  if (v.fixPlan.steps.length > 0 || v.fixPlan.noFix.length > 0) {
    out.push("", "fix plan:");
    for (const s of v.fixPlan.steps.slice(0, 20)) out.push(`  ${oneLine2(s.text)}`);
    if (v.fixPlan.steps.length > 20) out.push(`  ... and ${v.fixPlan.steps.length - 20} more upgrades`);
    if (v.fixPlan.noFix.length > 0)
      out.push(`  no fix available yet for ${v.fixPlan.noFix.length} violating finding(s)`);
  }
  if (v.waivers.length > 0) {
    const byVex = v.waivers.filter((w) => w.source === "vex").length;
    out.push(
      "",
      `${v.waivers.length} finding(s) waived${byVex > 0 ? ` (${byVex} by VEX)` : ""} (see the reports for reasons)`
    );
  }
  if (v.vexNotes.length > 0) {
    out.push("", `VEX statements that do not waive (${v.vexNotes.length}):`);
    for (const n of v.vexNotes.slice(0, 20))
      out.push(
        `  ${oneLine2(n.finding.id)} in ${oneLine2(n.finding.package)} ${oneLine2(n.finding.version)}: ${n.vex.status} [${oneLine2(n.vex.document)}]`
      );
    if (v.vexNotes.length > 20) out.push(`  ... and ${v.vexNotes.length - 20} more`);
  }
  for (const w of v.warnings) out.push(c("medium", `warning: ${oneLine2(w)}`));
  return `${out.join("\n")}
`;
}

// src/report/gitlab.ts
import { createHash } from "node:crypto";
var GITLAB_SCHEMA_VERSION = "15.2.4";
var SCHEMA_URL = `https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v${GITLAB_SCHEMA_VERSION}/dist/container-scanning-report-format.json`;
var NAMESPACE = Buffer.from("6f1c2b7e9a3d4e5f8a1b2c3d4e5f6a7b", "hex");
function stableUuid(name) {
  const h = createHash("sha1").update(NAMESPACE).update(name, "utf8").digest();
  h[6] = h[6] & 15 | 80;
  h[8] = h[8] & 63 | 128;
  const x = h.subarray(0, 16).toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}
function gitlabTime(d) {
  return d.toISOString().slice(0, 19);
}
function parseTime(s, fallback) {
  if (s === void 0) return fallback;
  const t = Date.parse(s);
  return Number.isNaN(t) ? fallback : new Date(t);
}
var CVSS3 = /^CVSS:3\.[01]\/AV:[NALP]\/AC:[LH]\/PR:[NLH]\/UI:[NR]\/S:[UC]\/C:[NLH]\/I:[NLH]\/A:[NLH]$/;
var CVSS2 = /^AV:[LAN]\/AC:[HML]\/Au:[MSN]\/C:[NPC]\/I:[NPC]\/A:[NPC]$/;
function identifierType(id) {
  if (/^CVE-/i.test(id)) return "cve";
  if (/^GHSA-/i.test(id)) return "ghsa";
  const prefix = /^([A-Za-z][A-Za-z0-9]*)-/.exec(id);
  return prefix ? prefix[1].toLowerCase() : "scanner";
}
function identifierUrl(id, links) {
  if (/^CVE-\d{4}-\d+$/.test(id)) return `https://nvd.nist.gov/vuln/detail/${id}`;
  if (/^GHSA(-[a-z0-9]{4}){3}$/.test(id)) return `https://github.com/advisories/${id}`;
  return firstUrl(links);
}
var GITLAB_SEVERITY = SEVERITY_LABEL;
function vulnerability(f, repo, image, os) {
  const id = oneLine(f.id) || "unknown";
  const primary = { type: identifierType(id), name: id, value: id };
  const url = identifierUrl(id, f.links);
  if (url) primary.url = url;
  const identifiers = [primary];
  for (const cwe of f.cweIds) {
    const m = /^CWE-(\d+)$/i.exec(cwe.trim());
    if (m)
      identifiers.push({
        type: "cwe",
        name: `CWE-${m[1]}`,
        value: m[1],
        url: `https://cwe.mitre.org/data/definitions/${m[1]}.html`
      });
  }
  const pkg = oneLine(f.package) || "unknown";
  const v = {
    id: stableUuid(`${f.id}\0${f.package}\0${f.version}\0${repo}`),
    name: truncate(`${id} in ${pkg}`, 255),
    description: truncate(clean(f.description ?? `${id} in ${pkg} ${oneLine(f.version)}`), 1e5) || id,
    severity: GITLAB_SEVERITY[f.severity],
    solution: truncate(
      f.fixVersion ? `Upgrade ${pkg} from ${oneLine(f.version)} to ${oneLine(f.fixVersion)}.` : "No fixed version is known yet.",
      7e3
    ),
    identifiers,
    location: {
      dependency: { package: { name: pkg }, version: oneLine(f.version) },
      operating_system: os,
      image
    }
  };
  const links = [...new Set(f.links.map(safeUrl).filter((l) => l !== void 0))].map((url2) => ({ url: url2 }));
  if (links.length > 0) v.links = links;
  const vector = f.cvss?.vector;
  if (vector !== void 0 && (CVSS3.test(vector) || CVSS2.test(vector))) {
    v.cvss_vectors = [{ vendor: "NVD", vector }];
  }
  const details = {};
  if (f.platforms.length > 0) {
    details.platforms = {
      type: "list",
      name: "Platforms",
      items: f.platforms.map((p) => ({ type: "text", value: oneLine(p) || "-" }))
    };
  }
  if (f.status === "violation") {
    details.gate = { type: "text", name: "harbor-gate", value: `violates ${f.rules.join(", ")}` };
  }
  if (Object.keys(details).length > 0) v.details = details;
  return v;
}
function buildGitlabReport(input) {
  const v = input.verdict;
  const repo = repositoryPath(input.image) || "image";
  const image = oneLine(pinnedImage(input)) || "image";
  const os = oneLine(input.operatingSystem ?? "") || "Unknown";
  const scanner = input.report?.scanner;
  const start = parseTime(input.report?.startTime, input.generatedAt);
  const end = parseTime(input.report?.endTime, input.generatedAt);
  const failed2 = !input.report || input.verdict.violations.some((x) => x.rule === "scan-error") || input.outcome?.verdict === "error";
  const messages = [];
  if (input.outcome?.verdict === "error")
    messages.push({ level: "fatal", value: oneLine(outcomeLine(input)) || "error" });
  const waived = v.findings.filter((f) => f.status === "waived").length;
  if (waived > 0)
    messages.push({
      level: "info",
      value: `${waived} finding(s) waived by the harbor-gate policy are not listed`
    });
  for (const w of v.warnings) messages.push({ level: "warn", value: oneLine(w) || "warning" });
  const scan = {
    analyzer: {
      id: "harbor-gate",
      name: "harbor-gate",
      version: input.tool.version,
      vendor: { name: "harbor-gate" },
      .../^https?:\/\//.test(input.tool.informationUri) ? { url: input.tool.informationUri } : {}
    },
    scanner: {
      id: oneLine(scanner?.name ?? "harbor").toLowerCase().replace(/[^a-z0-9_-]+/g, "-") || "harbor",
      name: oneLine(scanner?.name ?? "Harbor") || "Harbor",
      version: oneLine(scanner?.version ?? "unknown") || "unknown",
      vendor: { name: oneLine(scanner?.vendor ?? "Harbor") || "Harbor" }
    },
    type: "container_scanning",
    start_time: gitlabTime(start),
    end_time: gitlabTime(end),
    status: failed2 ? "failure" : "success"
  };
  if (messages.length > 0) scan.messages = messages;
  return {
    version: GITLAB_SCHEMA_VERSION,
    schema: SCHEMA_URL,
    scan,
    vulnerabilities: v.findings.filter((f) => f.status !== "waived").map((f) => vulnerability(f, repo, image, os)),
    remediations: []
  };
}
function renderGitlabReport(input) {
  return `${JSON.stringify(buildGitlabReport(input), null, 2)}
`;
}

// src/report/html.ts
import { createHash as createHash2 } from "node:crypto";
var HTML_MAX_ROWS = 2e4;
function htmlEscape(text) {
  return clean(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
var COLOR = {
  critical: "#b91c1c",
  high: "#ea580c",
  medium: "#ca8a04",
  low: "#2563eb",
  unknown: "#6b7280"
};
var CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#111827;background:#f9fafb}
main{max-width:1200px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 8px}h2{font-size:17px;margin:28px 0 8px}
.ref{overflow-wrap:anywhere}
.verdict{padding:12px 16px;border-radius:6px;font-weight:600;margin:12px 0;overflow-wrap:anywhere}
.pass{background:#dcfce7;color:#14532d}.fail{background:#fee2e2;color:#7f1d1d}.error{background:#fef3c7;color:#78350f}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace}
.nowrap{white-space:nowrap}
.scroll{overflow-x:auto}
td.desc{min-width:16em}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #e5e7eb;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f3f4f6}
td.num,th.num{text-align:right}
.sev{font-weight:600}.sev-critical{color:#b91c1c}.sev-high{color:#ea580c}.sev-medium{color:#a16207}.sev-low{color:#2563eb}.sev-unknown{color:#6b7280}
.controls{display:flex;gap:8px;align-items:center;margin:8px 0;flex-wrap:wrap}
.controls input{padding:4px 8px;min-width:260px}
.muted{color:#6b7280}
ul{padding-left:20px}
`.trim();
var JS = `
(function(){
var q=document.getElementById('filter'),s=document.getElementById('severity'),st=document.getElementById('status'),n=document.getElementById('shown');
var rows=Array.prototype.slice.call(document.querySelectorAll('#findings tbody tr'));
var texts=rows.map(function(r){return r.textContent.toLowerCase();});
function apply(){var t=q.value.trim().toLowerCase(),sv=s.value,sv2=st.value,c=0;
rows.forEach(function(r,i){var ok=(!t||texts[i].indexOf(t)>=0)&&(!sv||r.getAttribute('data-severity')===sv)&&(!sv2||r.getAttribute('data-status')===sv2);r.hidden=!ok;if(ok)c++;});
n.textContent=String(c);}
q.addEventListener('input',apply);s.addEventListener('change',apply);st.addEventListener('change',apply);apply();
})();
`.trim();
function sha256(text) {
  return createHash2("sha256").update(text, "utf8").digest("base64");
}
function chart(input) {
  const counts = input.verdict.counts;
  const max = Math.max(1, ...SEVERITIES.map((s) => counts[s]));
  const rowH = 26;
  const width2 = 520;
  const barMax = 360;
  const bars = SEVERITIES.map((s, i) => {
    const y = i * rowH + 4;
    const w = counts[s] === 0 ? 0 : Math.max(2, Math.round(counts[s] / max * barMax));
    return `<text x="0" y="${y + 15}" font-size="13" fill="#374151">${SEVERITY_LABEL[s]}</text><rect x="80" y="${y}" width="${w}" height="18" rx="3" fill="${COLOR[s]}"/><text x="${86 + w}" y="${y + 15}" font-size="13" fill="#111827">${counts[s]}</text>`;
  }).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Findings by severity" width="${width2}" height="${SEVERITIES.length * rowH + 8}" viewBox="0 0 ${width2} ${SEVERITIES.length * rowH + 8}">${bars}</svg>`;
}
function link(id, links) {
  const url = firstUrl(links);
  return url ? `<a href="${htmlEscape(url)}" rel="noreferrer noopener">${htmlEscape(id)}</a>` : htmlEscape(id);
}
function renderHtml(input) {
  const v = input.verdict;
  const title = `harbor-gate report: ${oneLine(input.image)}`;
  const verdict = runVerdict(input);
  const parts = [];
  parts.push(
    `<h1 id="title">harbor-gate report: <span class="ref">${htmlEscape(oneLine(input.image))}</span></h1>`
  );
  parts.push(
    `<p class="muted">digest <code class="ref">${htmlEscape(input.digest)}</code> \xB7 generated ${htmlEscape(input.generatedAt.toISOString())} by ${htmlEscape(`${input.tool.name} ${input.tool.version}`)}${input.report?.scanner ? ` \xB7 scanner ${htmlEscape(`${input.report.scanner.name} ${input.report.scanner.version}`)}` : ""}</p>`
  );
  parts.push(
    `<div id="verdict" class="verdict ${verdict}" data-verdict="${verdict}">${htmlEscape(oneLine(outcomeLine(input)))}${input.outcome?.verdict === "error" && input.outcome.error ? `<br><span class="muted">remedy: ${htmlEscape(oneLine(input.outcome.error.remedy))}</span>` : ""}</div>`
  );
  const harbor = harborArtifactUrl(input);
  if (harbor)
    parts.push(
      `<p><a id="harbor-link" class="ref" href="${htmlEscape(harbor)}" rel="noreferrer noopener">Open the artifact in Harbor</a></p>`
    );
  const steps = reportSteps(input);
  if (steps.length > 0) {
    parts.push(
      '<h2>Steps</h2><div class="scroll"><table id="steps"><thead><tr><th>step</th><th>result</th><th class="num">time</th><th>details</th></tr></thead><tbody>'
    );
    for (const [name, st] of steps) {
      const time2 = st.seconds !== void 0 && st.status !== "skipped" ? durationText(st.seconds) : "";
      parts.push(
        `<tr data-step="${htmlEscape(name)}"><td class="nowrap">${htmlEscape(stepLabel(name))}</td><td>${htmlEscape(st.status)}</td><td class="num nowrap">${time2}</td><td class="ref">${stepFacts(
          name,
          st
        ).map((f) => htmlEscape(oneLine(f))).join("<br>")}</td></tr>`
      );
    }
    parts.push("</tbody></table></div>");
  }
  parts.push(
    `<h2>Policy</h2><ul id="policy">${policyFacts(input.policy).map((f) => `<li>${htmlEscape(f)}</li>`).join("")}</ul>`
  );
  parts.push("<h2>Findings by severity</h2>");
  if (!input.report) {
    const scan = input.steps?.scan;
    parts.push(
      `<p id="not-scanned">${scan?.status === "failed" ? `Not scanned: the scan failed${scan.error ? ` (${htmlEscape(oneLine(scan.error))})` : ""}.` : `Not scanned${scan?.detail ? ` (${htmlEscape(oneLine(scan.detail))})` : ""}: no vulnerability results.`}</p>`
    );
  } else parts.push(chart(input));
  parts.push(
    `<table id="counts"><thead><tr><th></th>${SEVERITIES.map((s) => `<th class="num">${SEVERITY_LABEL[s]}</th>`).join("")}</tr></thead><tbody><tr><th>found</th>${SEVERITIES.map((s) => `<td class="num" id="count-${s}">${v.counts[s]}</td>`).join("")}</tr><tr><th>after waivers</th>${SEVERITIES.map((s) => `<td class="num" id="after-${s}">${v.countsAfterWaivers[s]}</td>`).join("")}</tr></tbody></table>`
  );
  if (v.violations.length > 0) {
    parts.push(`<h2>Violations (${v.violations.length})</h2><ul id="violations">`);
    for (const x of v.violations.slice(0, HTML_MAX_ROWS))
      parts.push(`<li><strong>${htmlEscape(x.rule)}</strong>: ${htmlEscape(oneLine(x.reason))}</li>`);
    parts.push("</ul>");
    if (v.violations.length > HTML_MAX_ROWS)
      parts.push(`<p class="muted">${v.violations.length - HTML_MAX_ROWS} more violations not shown.</p>`);
  }
  if (v.warnings.length > 0) {
    parts.push("<h2>Warnings</h2><ul>");
    for (const w of v.warnings) parts.push(`<li>${htmlEscape(oneLine(w))}</li>`);
    parts.push("</ul>");
  }
  const plan = v.fixPlan;
  if (plan.steps.length > 0 || plan.noFix.length > 0) {
    parts.push('<h2>Fix plan</h2><ol id="fixplan">');
    for (const s of plan.steps)
      parts.push(
        `<li>${htmlEscape(s.text)} <span class="muted">(${htmlEscape(s.ids.join(", "))})</span></li>`
      );
    parts.push("</ol>");
    if (plan.noFix.length > 0) {
      parts.push(
        `<p>No fix available yet: ${plan.noFix.map((f) => `${htmlEscape(f.id)} (${htmlEscape(f.package)})`).join(", ")}</p>`
      );
    }
  }
  const rows = v.findings.slice(0, HTML_MAX_ROWS);
  parts.push(`<h2>Findings (${v.findings.length})</h2>`);
  parts.push(
    `<div class="controls"><label>Filter <input id="filter" type="search" placeholder="id, package, version\u2026" autocomplete="off"></label><label>Severity <select id="severity"><option value="">all</option>${SEVERITIES.map((s) => `<option value="${s}">${SEVERITY_LABEL[s]}</option>`).join("")}</select></label><label>Status <select id="status"><option value="">all</option><option value="violation">violation</option><option value="waived">waived</option><option value="ignored-unfixed">unfixed (ignored)</option><option value="ok">below threshold</option></select></label><span><span id="shown">${rows.length}</span> of ${rows.length} shown</span></div>`
  );
  const multi = multiPlatform(input);
  parts.push(
    `<div class="scroll"><table id="findings"><thead><tr><th>id</th><th>package</th><th>installed</th><th>fixed in</th><th>severity</th><th class="num">CVSS</th><th>status</th>${multi ? "<th>platforms</th>" : ""}<th>description</th></tr></thead><tbody>`
  );
  for (const f of rows) {
    parts.push(
      `<tr data-severity="${f.severity}" data-status="${f.status}"><td class="nowrap">${link(f.id, f.links)}</td><td>${htmlEscape(f.package)}</td><td class="nowrap"><code>${htmlEscape(f.version)}</code></td><td class="nowrap">${f.fixVersion !== void 0 ? `<code>${htmlEscape(f.fixVersion)}</code>` : '<span class="muted">no fix</span>'}</td><td class="sev sev-${f.severity}">${SEVERITY_LABEL[f.severity]}</td><td class="num">${cvssText(f)}</td><td>${htmlEscape(statusLabel(f, v.waivers))}</td>${multi ? `<td>${htmlEscape(findingPlatforms(f))}</td>` : ""}<td class="desc">${htmlEscape(truncate(oneLine(f.description ?? ""), 300))}</td></tr>`
    );
  }
  parts.push("</tbody></table></div>");
  if (v.findings.length > rows.length)
    parts.push(
      `<p class="muted">${v.findings.length - rows.length} more findings not shown; see the JSON report.</p>`
    );
  if (v.waivers.length > 0) {
    parts.push(
      `<h2>Waivers (${v.waivers.length})</h2><table id="waivers"><thead><tr><th>id</th><th>package</th><th>installed</th><th>waived by</th><th>reason</th><th>expires</th></tr></thead><tbody>`
    );
    for (const w of v.waivers.slice(0, HTML_MAX_ROWS)) {
      parts.push(
        `<tr><td>${htmlEscape(w.finding.id)}</td><td>${htmlEscape(w.finding.package)}</td><td><code>${htmlEscape(w.finding.version)}</code></td><td>${htmlEscape(WAIVER_LABEL[w.source] ?? w.source)}</td><td>${htmlEscape(oneLine(w.reason))}</td><td>${htmlEscape(w.expires ?? "")}</td></tr>`
      );
    }
    parts.push("</tbody></table>");
  }
  if (v.vexNotes.length > 0) {
    parts.push(
      `<h2>VEX statements that do not waive (${v.vexNotes.length})</h2><table id="vex-notes"><thead><tr><th>id</th><th>package</th><th>installed</th><th>VEX status</th><th>statement</th><th>document</th></tr></thead><tbody>`
    );
    for (const { finding: f, vex: x } of v.vexNotes.slice(0, HTML_MAX_ROWS)) {
      parts.push(
        `<tr><td>${htmlEscape(f.id)}</td><td>${htmlEscape(f.package)}</td><td><code>${htmlEscape(f.version)}</code></td><td>${htmlEscape(x.status)}</td><td>${htmlEscape(oneLine(x.actionStatement ?? x.statusNotes ?? x.impactStatement ?? ""))}</td><td>${htmlEscape(x.document)}</td></tr>`
      );
    }
    parts.push("</tbody></table>");
  }
  if (v.expiredEntries.length > 0 || v.staleEntries.length > 0) {
    parts.push("<h2>Allowlist housekeeping</h2><ul>");
    for (const e of v.expiredEntries)
      parts.push(
        `<li>expired: ${htmlEscape(e.entry.id)} (on ${htmlEscape(e.entry.expires ?? "")}, matches ${e.matched})</li>`
      );
    for (const e of v.staleEntries)
      parts.push(
        `<li>stale (matches nothing): ${htmlEscape(e.id)}${e.package ? ` in ${htmlEscape(e.package)}` : ""}</li>`
      );
    parts.push("</ul>");
  }
  const csp = `default-src 'none'; style-src 'sha256-${sha256(CSS)}'; script-src 'sha256-${sha256(JS)}'; img-src data:; base-uri 'none'; form-action 'none'`;
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${htmlEscape(title)}</title>`,
    `<style>${CSS}</style>`,
    "</head>",
    "<body><main>",
    ...parts,
    "</main>",
    `<script>${JS}</script>`,
    "</body>",
    "</html>",
    ""
  ].join("\n");
}

// src/report/json.ts
var JSON_REPORT_SCHEMA_VERSION = 1;
function findingRef(f) {
  return {
    id: f.id,
    package: f.package,
    version: f.version,
    fixVersion: f.fixVersion ?? null,
    severity: f.severity,
    cvss: f.cvss?.score ?? null,
    platforms: f.platforms
  };
}
function vexJson(v) {
  return {
    status: v.status,
    justification: v.justification ?? null,
    impactStatement: v.impactStatement ?? null,
    actionStatement: v.actionStatement ?? null,
    statusNotes: v.statusNotes ?? null,
    document: v.document,
    format: v.format,
    vulnerability: v.vulnerability,
    timestamp: v.timestamp,
    ...v.sourceState !== void 0 ? { sourceState: v.sourceState } : {},
    ...v.sourceJustification !== void 0 ? { sourceJustification: v.sourceJustification } : {},
    ...v.signer !== void 0 ? { signer: v.signer } : {},
    ...v.line !== void 0 ? { line: v.line } : {}
  };
}
function full(f) {
  return {
    ...findingRef(f),
    cvssVersion: f.cvss?.version ?? null,
    cvssVector: f.cvss?.vector ?? null,
    status: f.status,
    rules: f.rules,
    description: f.description ?? null,
    links: f.links,
    cweIds: f.cweIds,
    artifactDigest: f.artifactDigest ?? null
  };
}
function entry(e) {
  return {
    id: e.id,
    reason: e.reason,
    expires: e.expires ?? null,
    package: e.package ?? null,
    version: e.version ?? null,
    source: e.source ?? null
  };
}
function policyJson(p) {
  return {
    "fail-on": p.failOn,
    "ignore-unfixed": p.ignoreUnfixed,
    "cvss-threshold": p.cvssThreshold ?? null,
    "max-counts": p.maxCounts,
    "use-harbor-allowlist": p.useHarborAllowlist,
    "require-signature": p.requireSignature,
    "require-sbom": p.requireSbom,
    "on-scan-error": p.onScanError,
    allowlist: p.allowlist.map(entry),
    vex: p.vex ?? []
  };
}
function buildJsonReport(input) {
  const v = input.verdict;
  const r = input.report;
  return {
    schemaVersion: JSON_REPORT_SCHEMA_VERSION,
    tool: input.tool,
    generatedAt: input.generatedAt.toISOString(),
    image: input.image,
    digest: input.digest,
    harborUrl: input.harborUrl ?? null,
    harborArtifactUrl: harborArtifactUrl(input) ?? null,
    verdict: runVerdict(input),
    policyVerdict: v.verdict,
    outcome: {
      verdict: runVerdict(input),
      failedStep: input.outcome?.failedStep ?? null,
      error: input.outcome?.error ?? null,
      reportOnly: input.outcome?.reportOnly ?? false
    },
    counts: v.counts,
    countsAfterWaivers: v.countsAfterWaivers,
    fixable: v.findings.filter((f) => f.fixVersion !== void 0).length,
    scan: r ? {
      digest: r.digest,
      scanner: r.scanner ?? null,
      status: r.status,
      startTime: r.startTime ?? null,
      endTime: r.endTime ?? null,
      platforms: r.platforms ?? []
    } : null,
    // The report-writing step is left out: a report cannot say how its own writing ended.
    steps: Object.fromEntries(
      reportSteps(input).map(([name, st]) => [
        name,
        st.seconds !== void 0 ? { ...st, seconds: roundSeconds(st.seconds) } : st
      ])
    ),
    policy: policyJson(input.policy),
    violations: v.violations.map((x) => ({
      rule: x.rule,
      reason: x.reason,
      finding: x.finding ? findingRef(x.finding) : null,
      severity: x.severity ?? null,
      count: x.count ?? null,
      limit: x.limit ?? null
    })),
    waivers: v.waivers.map((w) => ({
      finding: findingRef(w.finding),
      source: w.source,
      reason: w.reason,
      expires: w.expires ?? null,
      entry: w.entry ? entry(w.entry) : null,
      vex: w.vex ? vexJson(w.vex) : null
    })),
    vexNotes: v.vexNotes.map((n) => ({ finding: findingRef(n.finding), vex: vexJson(n.vex) })),
    vexIgnored: input.vexIgnored ?? [],
    expiredEntries: v.expiredEntries.map((e) => ({ ...entry(e.entry), matched: e.matched })),
    staleEntries: v.staleEntries.map(entry),
    warnings: v.warnings,
    fixPlan: {
      totalViolations: v.fixPlan.totalViolations,
      steps: v.fixPlan.steps,
      noFix: v.fixPlan.noFix.map(findingRef)
    },
    findings: v.findings.map(full)
  };
}
function renderJsonReport(input) {
  return `${JSON.stringify(buildJsonReport(input), null, 2)}
`;
}

// src/report/junit.ts
function xmlEscape(text) {
  return clean(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;").replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");
}
function xmlText(text) {
  return xmlEscape(text).replace(/&#10;/g, "\n").replace(/&#9;/g, "	");
}
function renderJunit(input) {
  const v = input.verdict;
  const suite = `harbor-gate ${oneLine(input.image)}`;
  const cases = [];
  for (const x of v.violations) {
    const f = x.finding;
    const name = f ? `${x.rule}: ${f.id} in ${f.package} ${f.version}` : `${x.rule}: ${x.reason}`;
    const body = f ? [
      x.reason,
      `Package: ${f.package}`,
      `Installed: ${f.version}`,
      `Fixed in: ${f.fixVersion ?? "no fix yet"}`,
      `Severity: ${SEVERITY_LABEL[f.severity]}`,
      f.cvss ? `CVSS: ${f.cvss.score} (v${f.cvss.version})` : "",
      f.platforms.length > 0 ? `Platforms: ${f.platforms.join(", ")}` : "",
      f.links[0] ? `More: ${f.links[0]}` : ""
    ].filter((l) => l !== "").join("\n") : x.reason;
    cases.push(
      `    <testcase classname="${xmlEscape(`harbor-gate.${x.rule}`)}" name="${xmlEscape(oneLine(name))}" time="0">
      <failure message="${xmlEscape(oneLine(x.reason))}" type="${xmlEscape(x.rule)}">${xmlText(body)}</failure>
    </testcase>`
    );
  }
  const outcome = input.outcome;
  let errors = 0;
  if (outcome?.verdict === "error") {
    errors = 1;
    const step = outcome.failedStep ?? "run";
    const body = outcome.error ? `[${outcome.error.code}] ${outcome.error.message}
Remedy: ${outcome.error.remedy}` : outcomeLine(input);
    cases.push(
      `    <testcase classname="${xmlEscape(`harbor-gate.step.${step}`)}" name="${xmlEscape(oneLine(outcomeLine(input)))}" time="0">
      <error message="${xmlEscape(oneLine(outcomeLine(input)))}" type="${xmlEscape(outcome.error?.code ?? "error")}">${xmlText(body)}</error>
    </testcase>`
    );
  }
  if (v.violations.length === 0 && errors === 0) {
    const found = v.findings.length;
    cases.push(
      `    <testcase classname="harbor-gate.policy" name="${xmlEscape(`policy passed (${found} finding${found === 1 ? "" : "s"}, ${v.waivers.length} waived)`)}" time="0"/>`
    );
  }
  const props = [
    ["image", input.image],
    ["digest", input.digest],
    ["verdict", runVerdict(input)],
    ...outcome?.reportOnly ? [["reportOnly", "true"]] : [],
    ["generatedAt", input.generatedAt.toISOString()],
    ["tool", `${input.tool.name} ${input.tool.version}`]
  ].map(([k, val]) => `      <property name="${xmlEscape(k)}" value="${xmlEscape(val)}"/>`).join("\n");
  const tests = cases.length;
  const failures = v.violations.length;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="harbor-gate" tests="${tests}" failures="${failures}" errors="${errors}" time="0">`,
    `  <testsuite name="${xmlEscape(suite)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="0" time="0" timestamp="${input.generatedAt.toISOString().slice(0, 19)}">`,
    "    <properties>",
    props,
    "    </properties>",
    ...cases,
    "  </testsuite>",
    "</testsuites>"
  ];
  return `${out.join("\n")}
`;
}

// src/report/markdown.ts
var OPEN_ROWS = 10;
var MARKDOWN_MAX_BYTES = 1e6;
function mdEscape(text, max = 300) {
  return truncate(oneLine(text), max).replace(/[\\`*_[\]<>|~&$#!]/g, (c) => `\\${c}`);
}
function link2(id, links) {
  const url = firstUrl(links);
  return url ? `[${mdEscape(id, 100)}](${url.replace(/[()<>\s]/g, encodeURIComponent)})` : mdEscape(id, 100);
}
var Budget = class {
  constructor(max) {
    this.max = max;
  }
  max;
  used = 0;
  truncated = false;
  parts = [];
  /** Adds a line if it fits (keeping `reserve` bytes back); false when it does not. */
  add(line, reserve = 2048) {
    const bytes = Buffer.byteLength(line, "utf8") + 1;
    if (this.used + bytes > this.max - reserve) {
      this.truncated = true;
      return false;
    }
    this.parts.push(line);
    this.used += bytes;
    return true;
  }
  /** A table or list: the head, then rows while they fit, then a note on what was left out. */
  rows(head, rows, total, what) {
    if (!head.every((h) => this.add(h))) return;
    let n = 0;
    for (const r of rows) {
      if (!this.add(r)) break;
      n++;
    }
    if (n < total && this.add("", 0)) {
      this.add(
        `_${total - n} more ${what} not shown to stay under the size limit; see the JSON or HTML report._`,
        0
      );
    }
  }
};
function renderMarkdown(input, options = {}) {
  const b = new Budget(options.maxBytes ?? MARKDOWN_MAX_BYTES);
  const v = input.verdict;
  const verdict = runVerdict(input);
  const icon = verdict === "error" ? "\u26A0\uFE0F" : input.outcome?.reportOnly && v.verdict === "fail" ? "\u{1F7E0}" : verdict === "pass" ? "\u2705" : "\u274C";
  b.add(`## ${icon} harbor-gate: ${mdEscape(outcomeLine(input), 1e3)}`);
  if (input.outcome?.verdict === "error" && input.outcome.error) {
    b.add("");
    b.add(`Remedy: ${mdEscape(input.outcome.error.remedy, 1e3)}`);
  }
  b.add("");
  b.add(
    `Image \`${oneLine(input.image).replace(/`/g, "'")}\`${input.digest ? ` @ \`${oneLine(input.digest).replace(/`/g, "'")}\`` : ""}`
  );
  const harbor = harborArtifactUrl(input);
  if (harbor) {
    b.add("");
    b.add(`[Open the artifact in Harbor](${harbor.replace(/[()<>\s]/g, encodeURIComponent)})`);
  }
  if (input.report?.scanner) {
    const s = input.report.scanner;
    b.add("");
    b.add(`Scanned by ${mdEscape(`${s.name} ${s.version}`)} (status ${mdEscape(input.report.status)})`);
  }
  const steps = reportSteps(input);
  if (steps.length > 0) {
    b.add("");
    b.add("### Steps");
    b.add("");
    b.add("| step | result | time | details |");
    b.add("| --- | --- | ---: | --- |");
    for (const [name, s] of steps) {
      const time2 = s.seconds !== void 0 && s.status !== "skipped" ? durationText(s.seconds) : "";
      b.add(
        `| ${mdEscape(stepLabel(name), 60)} | ${mdEscape(s.status, 20)} | ${time2} | ${stepFacts(name, s).map((f) => mdEscape(f, 400)).join("<br>")} |`
      );
    }
  }
  b.add("");
  b.add(
    `**Policy**: ${policyFacts(input.policy).map((f) => mdEscape(f, 200)).join(" \xB7 ")}`
  );
  b.add("");
  if (!input.report) {
    const scan = input.steps?.scan;
    b.add(
      scan?.status === "failed" ? `**Not scanned**: the scan failed${scan.error ? ` (${mdEscape(scan.error, 500)})` : ""}.` : `**Not scanned**${scan?.detail ? ` (${mdEscape(scan.detail, 200)})` : ""}: no vulnerability results.`
    );
  } else {
    b.add(`| | ${SEVERITIES.map((s) => SEVERITY_LABEL[s]).join(" | ")} |`);
    b.add(`| --- | ${SEVERITIES.map(() => "---:").join(" | ")} |`);
    b.add(`| found | ${SEVERITIES.map((s) => v.counts[s]).join(" | ")} |`);
    b.add(`| after waivers | ${SEVERITIES.map((s) => v.countsAfterWaivers[s]).join(" | ")} |`);
    b.add("");
  }
  const total = SEVERITIES.reduce((n, s) => n + v.counts[s], 0);
  if (!input.report) {
  } else if (total > 0) {
    b.add("```mermaid");
    b.add("pie title Findings by severity");
    for (const s of SEVERITIES) if (v.counts[s] > 0) b.add(`    "${SEVERITY_LABEL[s]}" : ${v.counts[s]}`);
    b.add("```");
  } else {
    b.add("No vulnerabilities found.");
  }
  const other = v.violations.filter((x) => !x.finding);
  if (other.length > 0) {
    b.add("");
    b.add("### Policy violations");
    for (const x of other) b.add(`- **${x.rule}**: ${mdEscape(x.reason, 1e3)}`);
  }
  if (v.warnings.length > 0) {
    b.add("");
    b.add("### Warnings");
    for (const w of v.warnings) b.add(`- ${mdEscape(w, 1e3)}`);
  }
  const plan = v.fixPlan;
  if (plan.steps.length > 0 || plan.noFix.length > 0) {
    b.add("");
    b.add("### Fix plan");
    b.rows(
      [""],
      plan.steps.map((s) => `- ${mdEscape(s.text, 500)}`),
      plan.steps.length,
      "upgrades"
    );
    if (plan.noFix.length > 0) {
      b.add("");
      b.add(
        `No fix available yet: ${plan.noFix.slice(0, 50).map((f) => `${mdEscape(f.id, 80)} (${mdEscape(f.package, 80)})`).join(", ")}${plan.noFix.length > 50 ? `, and ${plan.noFix.length - 50} more` : ""}`
      );
    }
  }
  const multi = multiPlatform(input);
  const head = (last) => [
    "",
    `| id | package | installed | fixed in | severity | CVSS | ${last} |${multi ? " platforms |" : ""}`,
    `| --- | --- | --- | --- | --- | ---: | --- |${multi ? " --- |" : ""}`
  ];
  const row = (f, last) => `| ${link2(f.id, f.links)} | ${mdEscape(f.package, 100)} | ${mdEscape(f.version, 100)} | ${f.fixVersion !== void 0 ? mdEscape(f.fixVersion, 100) : "no fix"} | ${SEVERITY_LABEL[f.severity]} | ${cvssText(f)} | ${last} |${multi ? ` ${mdEscape(findingPlatforms(f), 200)} |` : ""}`;
  const violating = violatingFindings(input);
  if (violating.length > 0) {
    b.add("");
    b.add(`### Violating findings (${violating.length})`);
    b.rows(
      head("rule"),
      violating.map((f) => row(f, f.rules.join(", "))),
      violating.length,
      "violating findings"
    );
  }
  const others = v.findings.filter((f) => f.status !== "violation");
  if (others.length > 0) {
    b.add("");
    b.add(`### Other findings (${others.length}): within the policy`);
    const collapse = others.length > OPEN_ROWS;
    if (collapse) {
      b.add("");
      b.add(`<details><summary>Show ${others.length} findings that do not break the policy</summary>`);
    }
    b.rows(
      head("status"),
      others.map((f) => row(f, mdEscape(statusLabel(f, v.waivers), 60))),
      others.length,
      "other findings"
    );
    if (collapse) {
      b.add("", 0);
      b.add("</details>", 0);
    }
  }
  if (v.waivers.length > 0) {
    b.add("");
    b.add(`### Waivers (${v.waivers.length})`);
    b.rows(
      [
        "",
        "| id | package | installed | severity | waived by | reason | expires |",
        "| --- | --- | --- | --- | --- | --- | --- |"
      ],
      v.waivers.map(
        (w) => `| ${mdEscape(w.finding.id, 100)} | ${mdEscape(w.finding.package, 100)} | ${mdEscape(w.finding.version, 100)} | ${SEVERITY_LABEL[w.finding.severity]} | ${WAIVER_LABEL[w.source] ?? w.source} | ${mdEscape(w.reason, 500)} | ${mdEscape(w.expires ?? "", 40)} |`
      ),
      v.waivers.length,
      "waivers"
    );
  }
  if (v.vexNotes.length > 0) {
    b.add("");
    b.add(`### VEX statements that do not waive (${v.vexNotes.length})`);
    b.rows(
      [
        "",
        "| id | package | installed | severity | VEX status | statement | document |",
        "| --- | --- | --- | --- | --- | --- | --- |"
      ],
      v.vexNotes.map(
        ({ finding: f, vex: x }) => `| ${mdEscape(f.id, 100)} | ${mdEscape(f.package, 100)} | ${mdEscape(f.version, 100)} | ${SEVERITY_LABEL[f.severity]} | ${mdEscape(x.status, 40)} | ${mdEscape(x.actionStatement ?? x.statusNotes ?? x.impactStatement ?? "", 500)} | ${mdEscape(x.document, 200)} |`
      ),
      v.vexNotes.length,
      "VEX statements"
    );
  }
  if (input.vexIgnored && input.vexIgnored.length > 0) {
    b.add("");
    b.add(`### VEX attestations ignored (${input.vexIgnored.length})`);
    b.rows(
      [""],
      input.vexIgnored.map((i) => `- ${mdEscape(i.digest, 100)}: ${mdEscape(i.reason, 500)}`),
      input.vexIgnored.length,
      "ignored VEX attestations"
    );
  }
  if (v.expiredEntries.length > 0 || v.staleEntries.length > 0) {
    b.add("");
    b.add("### Allowlist housekeeping");
    for (const e of v.expiredEntries)
      b.add(
        `- expired: ${mdEscape(e.entry.id, 100)} (expired ${mdEscape(e.entry.expires ?? "", 20)}, matches ${e.matched})`
      );
    for (const e of v.staleEntries)
      b.add(
        `- stale (matches nothing): ${mdEscape(e.id, 100)}${e.package ? ` in ${mdEscape(e.package, 100)}` : ""}`
      );
  }
  b.add("", 0);
  if (b.truncated) b.add("_This summary was truncated to stay under GitHub\u2019s 1 MiB step-summary limit._", 0);
  b.add(
    `<sub>${mdEscape(input.tool.name)} ${mdEscape(input.tool.version)} \xB7 ${input.generatedAt.toISOString()}</sub>`,
    0
  );
  return `${b.parts.join("\n")}
`;
}

// src/report/sarif.ts
import { createHash as createHash3 } from "node:crypto";
var SARIF_MAX_RESULTS = 5e3;
var LEVEL = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
  unknown: "note"
};
var SECURITY_SEVERITY = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "2.0",
  unknown: "0.0"
};
var RANK = { critical: 4, high: 3, medium: 2, low: 1, unknown: 0 };
function buildSarif(input, options = {}) {
  const max = options.maxResults ?? SARIF_MAX_RESULTS;
  const v = input.verdict;
  const repo = repositoryPath(input.image) || "image";
  const pinned = oneLine(pinnedImage(input));
  const ordered = [...v.findings].sort(
    (a, b) => Number(b.status === "violation") - Number(a.status === "violation") || RANK[b.severity] - RANK[a.severity]
  );
  const kept = ordered.slice(0, max);
  const waiverOf = new Map(v.waivers.map((w) => [w.finding.key, w]));
  const rules = [];
  const ruleIndex = /* @__PURE__ */ new Map();
  const ruleSeverity = /* @__PURE__ */ new Map();
  for (const f of kept) {
    const prev = ruleSeverity.get(f.id);
    if (prev === void 0 || RANK[f.severity] > RANK[prev]) ruleSeverity.set(f.id, f.severity);
  }
  for (const f of kept) {
    if (ruleIndex.has(f.id)) continue;
    const sev = ruleSeverity.get(f.id);
    const description = truncate(oneLine(f.description ?? f.id), 1e3);
    const rule = {
      id: f.id,
      name: "OsPackageVulnerability",
      shortDescription: { text: truncate(`${oneLine(f.id)} in ${oneLine(f.package)}`, 200) },
      fullDescription: { text: description },
      defaultConfiguration: { level: LEVEL[sev] },
      help: {
        text: `Vulnerability ${oneLine(f.id)}
Severity: ${SEVERITY_LABEL[sev]}
${truncate(clean(f.description ?? ""), 4e3)}`
      },
      properties: {
        "security-severity": SECURITY_SEVERITY[sev],
        precision: "very-high",
        tags: ["vulnerability", "security", sev]
      }
    };
    const uri = firstUrl(f.links);
    if (uri) rule.helpUri = uri;
    ruleIndex.set(f.id, rules.length);
    rules.push(rule);
  }
  const results = kept.map((f) => {
    const lines = [
      `Package: ${oneLine(f.package)}`,
      `Installed Version: ${oneLine(f.version)}`,
      `Vulnerability: ${oneLine(f.id)}`,
      `Severity: ${SEVERITY_LABEL[f.severity]}`,
      `Fixed Version: ${oneLine(f.fixVersion ?? "none")}`
    ];
    if (f.cvss) lines.push(`CVSS: ${f.cvss.score.toFixed(1)} (v${f.cvss.version})`);
    if (f.platforms.length > 0) lines.push(`Platforms: ${oneLine(platformsText(f))}`);
    if (f.status === "violation") lines.push(`Gate: violates ${f.rules.join(", ")}`);
    const result = {
      ruleId: f.id,
      ruleIndex: ruleIndex.get(f.id),
      level: LEVEL[f.severity],
      message: { text: lines.join("\n") },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: repo, uriBaseId: "ROOTPATH" },
            region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 }
          },
          message: { text: `${pinned}: ${oneLine(f.package)}@${oneLine(f.version)}` }
        }
      ],
      partialFingerprints: {
        "harborGateFinding/v1": createHash3("sha256").update(`${repo}\0${f.key}`).digest("hex")
      },
      properties: { status: f.status, rules: f.rules, platforms: f.platforms }
    };
    const waiver = waiverOf.get(f.key);
    if (f.status === "waived" && waiver !== void 0) {
      const vex = waiver.vex;
      result.suppressions = [
        {
          kind: "external",
          status: "accepted",
          justification: truncate(oneLine(waiver.reason), 1e3),
          properties: {
            source: waiver.source,
            ...vex ? {
              vexStatus: vex.status,
              ...vex.justification !== void 0 ? { vexJustification: vex.justification } : {},
              vexDocument: vex.document
            } : {}
          }
        }
      ];
    }
    return result;
  });
  const notifications = [];
  if (ordered.length > kept.length) {
    notifications.push({
      level: "warning",
      message: {
        text: `${ordered.length - kept.length} of ${ordered.length} findings left out: GitHub code scanning keeps at most ${max} results per run (violations and the most severe are kept).`
      }
    });
  }
  for (const w of v.warnings) notifications.push({ level: "warning", message: { text: oneLine(w) } });
  const verdict = runVerdict(input);
  if (verdict === "error")
    notifications.push({ level: "error", message: { text: oneLine(outcomeLine(input)) } });
  const host = registryHost(input.image);
  const category = `harbor-gate/${host ? `${oneLine(host)}/` : ""}${oneLine(repo)}`;
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: input.tool.name,
            version: input.tool.version,
            semanticVersion: input.tool.version,
            informationUri: input.tool.informationUri,
            rules
          }
        },
        invocations: [
          {
            executionSuccessful: verdict !== "error",
            endTimeUtc: input.generatedAt.toISOString(),
            toolExecutionNotifications: notifications
          }
        ],
        originalUriBaseIds: { ROOTPATH: { uri: "file:///" } },
        automationDetails: { id: `${category}/` },
        results,
        columnKind: "utf16CodeUnits",
        properties: {
          image: pinned,
          verdict,
          policyVerdict: v.verdict,
          ...input.outcome?.reportOnly ? { reportOnly: true } : {},
          findings: ordered.length,
          resultsIncluded: kept.length
        }
      }
    ]
  };
}
function renderSarif(input, options = {}) {
  return `${JSON.stringify(buildSarif(input, options), null, 2)}
`;
}

// src/report/index.ts
var WRITERS = {
  sarif: (i) => renderSarif(i),
  gitlab: renderGitlabReport,
  junit: renderJunit,
  html: renderHtml,
  json: renderJsonReport,
  summary: (i) => renderMarkdown(i),
  console: (i) => renderConsole(i, { color: false })
};
function renderReports(input, formats) {
  return [...new Set(formats)].map((format) => ({ format, content: WRITERS[format](input) }));
}

// src/gate/session.ts
import fs from "node:fs/promises";
import crypto from "node:crypto";

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
function cleanList(list, max) {
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
function countFindings(findings) {
  const counts = emptyCounts();
  let fixable = 0;
  const seen = /* @__PURE__ */ new Set();
  for (const f of findings) {
    const key = `${f.id}\0${f.package}\0${f.version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    counts[f.severity]++;
    if (f.fixVersion) fixable++;
  }
  return { counts, fixable };
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
    let u;
    try {
      u = new URL(harborUrl);
    } catch (e) {
      throw inputError(
        "HARBOR_BAD_URL",
        `--harbor-url ${JSON.stringify(harborUrl)} is not a URL`,
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
    baseUrl = `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, "").replace(/\/api\/v2\.0$/, "")}`;
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
  const q = new URLSearchParams();
  if (opts.scan) q.set("with_scan_overview", "true");
  if (opts.sbom) q.set("with_sbom_overview", "true");
  if (opts.accessories) q.set("with_accessory", "true");
  const query = q.size > 0 ? `?${q.toString()}` : "";
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
  const { path: path2, headers } = projectPath(project);
  const res = await t.call("GET", `${path2}/scanner`, { headers });
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
  const { path: path2, headers } = projectPath(project);
  const res = await t.call("GET", path2, { headers });
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
  if (!/^sha256:[a-f0-9]{64}$/.test(sbomDigest))
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
    return children.every((c) => c.status === void 0 || isFinalStatus(c.status));
  };
  const ov = await waitFor(t, tuning, target, digest, {
    kind: "scan",
    start,
    timeoutMs: opts.timeoutMs,
    ...opts.signal ? { signal: opts.signal } : {},
    read: async (signal) => (await getArtifact(t, target, digest, { scan: true, ...signal ? { signal } : {} })).scan,
    done,
    describe: (o) => `${o.status}${o.completePercent !== void 0 && isIndex ? ` ${String(o.completePercent)}%` : ""}`
  });
  if (isIndex && ov.status === "Success" && ov.completePercent !== void 0 && ov.completePercent < 100) {
    const missing = children.filter((c) => c.status !== "Success");
    const list = missing.map((c) => `${cleanText(c.platform, 100)} ${c.digest}: ${cleanText(c.status ?? "not scanned", 100)}`).join("; ");
    throw new GateError({
      code: "SCAN_INCOMPLETE",
      message: `Harbor scanned only ${String(ov.completePercent)}% of the platforms of ${target.fullName}@${digest} (${list || "no child named"}), so its findings are not the whole image's`,
      remedy: "Scan the failed platforms again or remove them from the index; before Harbor 2.11, build attestations (unknown/unknown manifests from docker buildx) cannot be scanned: build with --provenance=false --sbom=false or upgrade Harbor.",
      kind: "infra",
      details: { completePercent: ov.completePercent, platforms: missing }
    });
  }
  if (ov.status !== "Success") {
    const tail = ov.reportId ? await scanLogTail(t, target, digest, ov.reportId) : "(no report id: no log)";
    const failed2 = ov.status === "Error";
    throw new GateError({
      code: failed2 ? "SCAN_FAILED" : "SCAN_STOPPED",
      message: `Harbor's scan of ${target.fullName}@${digest} ended with status ${cleanText(ov.status, 100)}. Last lines of the scan log:
${tail}`,
      remedy: failed2 ? "Read the scan log above; check the scanner adapter (e.g. Trivy DB download, disk space) and run again." : "Someone (or Harbor) stopped the scan: run again.",
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
      findings.push({ ...finding, artifactDigest: digests[0] ?? digest });
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
  async call(method, path2, opts = {}) {
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
        url: `${this.baseUrl}${API_PREFIX}${path2}`,
        headers,
        ...body !== void 0 ? { body } : {},
        maxBytes: opts.maxBytes ?? JSON_LIMIT,
        maxRedirects: 0,
        ...opts.signal ? { signal: opts.signal } : {}
      });
    } catch (e) {
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
    return scanArtifact(this.t, this.tuning, target, digest, opts);
  }
  /** Have Harbor's scanner generate an SBOM for digest, wait for it and return the document. */
  generateSbom(target, digest, opts) {
    return generateSbom(this.t, this.tuning, target, digest, opts);
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
    const { loadSigningKey } = await import("./sign-GDB6ZGAP.mjs");
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
      const { attachSbom } = await import("./sbom-J74VUHAB.mjs");
      const res = await attachSbom(repo, subject, sbom);
      return {
        digest: res.digest,
        artifactType: res.artifactType,
        referrersApi: res.referrersApi,
        sbomDigest: res.sbomDigest
      };
    },
    async validSbom(digest) {
      const { findValidSbom } = await import("./sign-GDB6ZGAP.mjs");
      const found = await findValidSbom(repo, digest);
      return {
        ...found.sbom ? { sbom: { digest: found.sbom.digest, format: found.sbom.format } } : {},
        rejected: found.rejected.map((r) => `${r.digest}: ${r.reason}`)
      };
    },
    async verify(digest, trust, opts) {
      const { verifyImage } = await import("./sign-GDB6ZGAP.mjs");
      const res = await verifyImage(repo, digest, {
        ...attestationTrust(trust, deps.logger),
        requireSbom: opts.requireSbom
      });
      return {
        verified: res.verified,
        signatures: res.signatures,
        sbom: res.sbom,
        ...res.reason !== void 0 ? { reason: res.reason } : {}
      };
    },
    async vexAttestations(digest, trust) {
      const { readVexAttestations } = await import("./sign-GDB6ZGAP.mjs");
      const res = await readVexAttestations(repo, digest, attestationTrust(trust, deps.logger));
      return {
        statements: res.statements,
        applied: res.attestations.map((a) => ({
          digest: a.digest,
          signer: a.signer,
          statements: a.document.statements.length
        })),
        ignored: res.ignored
      };
    },
    async gateVerdict(digest, trust, opts) {
      const { verifyGateVerdict } = await import("./sign-GDB6ZGAP.mjs");
      return verifyGateVerdict(repo, digest, attestationTrust(trust, deps.logger), opts);
    }
  };
}
function attestationTrust(trust, logger) {
  return {
    ...trust.key !== void 0 ? { key: trust.key } : {},
    ...trust.identity !== void 0 ? { identity: trust.identity } : {},
    ...trust.identityRegexp !== void 0 ? { identityRegexp: trust.identityRegexp } : {},
    ...trust.issuer !== void 0 ? { issuer: trust.issuer } : {},
    ...trust.trustedRoot !== void 0 ? { trustedRoot: trust.trustedRoot } : {},
    logger
  };
}
function sigstoreSigner(repo, signing, options) {
  let keylessIdentity;
  return {
    async ownTrust() {
      if (signing.key) {
        const { publicKeyHint } = await import("./sign-GDB6ZGAP.mjs");
        const pem = crypto.createPublicKey(signing.key).export({ format: "pem", type: "spki" }).toString();
        return { key: pem, description: `the gate\u2019s signing key (${publicKeyHint(signing.key)})` };
      }
      if (!keylessIdentity) return void 0;
      return {
        identity: keylessIdentity.identity,
        issuer: keylessIdentity.issuer,
        ...options.trust?.trustedRoot ? { trustedRoot: options.trust.trustedRoot } : {},
        description: `the gate\u2019s keyless identity ${keylessIdentity.identity} (${keylessIdentity.issuer})`
      };
    },
    async sign(digest, opts) {
      const { signImage } = await import("./sign-GDB6ZGAP.mjs");
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
        ...s.referrersApi !== void 0 ? { referrersApi: s.referrersApi } : {},
        ...s.bundle !== void 0 ? { bundle: s.bundle } : {}
      }));
    },
    async attestSbom(digest, sbom) {
      const { attestSbom } = await import("./sign-GDB6ZGAP.mjs");
      return attestSbom(
        repo,
        digest,
        { format: sbom.format.startsWith("cyclonedx") ? "cyclonedx" : "spdx", document: sbom.document },
        signing
      );
    },
    async attestScan(digest, report) {
      const { attestVulnScan } = await import("./sign-GDB6ZGAP.mjs");
      return attestVulnScan(repo, digest, report, signing);
    },
    async attestVerdict(digest, predicate) {
      const { attestVerdict } = await import("./sign-GDB6ZGAP.mjs");
      return attestVerdict(repo, digest, predicate, signing);
    },
    async attestVex(digest, vex) {
      const { attestVex } = await import("./sign-GDB6ZGAP.mjs");
      const res = await attestVex(repo, digest, vex, signing);
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
  const { loadPublicKey, loadTrustedRoot } = await import("./sign-GDB6ZGAP.mjs");
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
function harborSource(ref, options, registry, deps) {
  let opening;
  let baseUrl = options.scan?.harborUrl;
  const open = () => opening ??= connect();
  const connect = async () => {
    if (!baseUrl) {
      await registry.resolveScheme(ref.registry);
      baseUrl = registry.baseUrl(ref.registry);
    }
    const target = harborTarget(ref, baseUrl);
    const host = new URL(target.baseUrl).host;
    const cred = await registry.auth.credentialFor(host);
    const pair = cred && "password" in cred ? cred : void 0;
    return new HarborClient({
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

// src/gate/steps.ts
function skipped(detail) {
  return { status: "skipped", seconds: 0, ...detail ? { detail } : {} };
}
function stepError(e) {
  const err = toGateError(e);
  return { code: err.code, message: err.message, remedy: err.remedy, exitCode: err.exitCode };
}
function failed(step, e, seconds) {
  const error = stepError(e);
  return { status: "failed", seconds, detail: `${step} failed`, error };
}
function elapsed(t0) {
  return Math.round(performance.now() - t0) / 1e3;
}
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
        detail: pushSummary(result.bytesUploaded, result.seconds),
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
async function sbomStep(target, subject, sbom, opts) {
  const t0 = performance.now();
  try {
    if (sbom) {
      const res = await target.attachSbom(subject, sbom);
      return {
        attached: res,
        outcome: {
          status: "ok",
          seconds: elapsed(t0),
          digest: res.digest,
          format: sbom.format,
          detail: `as ${res.artifactType} (${res.referrersApi ? "referrers API" : "referrers tag"})`
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
    const signatures = await signer.sign(digest, { format: opts.format, recursive: opts.recursive });
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
        ...signatures.length > 1 ? { detail: signatures.map((s) => `${s.format} ${shortDigest(s.digest)}`).join(", ") } : {}
      }
    };
  } catch (e) {
    return { signatures: [], outcome: failed("signing", e, elapsed(t0)) };
  }
}
async function trustedSignatures(target, digest, trust, logger) {
  const { signatures: checks } = await target.verify(digest, trust, { requireSbom: false });
  const verified = checks.filter((c) => c.ok);
  const rejected = checks.filter((c) => !c.ok);
  for (const r of rejected) {
    logger.info(`signature ${shortDigest(r.digest)} does not count: ${cleanText(r.reason)}`);
  }
  return { verified, rejected };
}
async function scanStep(source, digest, opts) {
  const t0 = performance.now();
  const warnings = [];
  try {
    const pre = await source.preflight();
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
      warnings
    };
  } catch (e) {
    const outcome = failed("scan", e, elapsed(t0));
    return { outcome, ...outcome.error ? { error: outcome.error } : {}, warnings };
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
  return out;
}
async function attestScanStep(signer, digest, report) {
  const t0 = performance.now();
  try {
    const att = await signer.attestScan(digest, report);
    return {
      status: "ok",
      seconds: elapsed(t0),
      digest: att.digest,
      detail: att.predicateType,
      attestations: [att.predicateType]
    };
  } catch (e) {
    return failed("scan attestation", e, elapsed(t0));
  }
}

// src/gate/result.ts
function decide(steps, evaluation, reportOnly) {
  for (const name of STEP_NAMES) {
    const s = steps[name];
    if (s.status !== "failed" || !s.error) continue;
    return {
      outcome: { verdict: "error", failedStep: name, error: s.error, ...reportOnly ? { reportOnly } : {} },
      exitCode: s.error.exitCode
    };
  }
  if (evaluation?.verdict === "fail") {
    return {
      outcome: { verdict: "fail", ...reportOnly ? { reportOnly } : {} },
      exitCode: reportOnly ? 0 : 1
    };
  }
  return { outcome: { verdict: "pass", ...reportOnly ? { reportOnly } : {} }, exitCode: 0 };
}
function headline(result) {
  const o = result.outcome;
  if (o.verdict === "error") {
    return `the ${o.failedStep ?? "run"} step could not finish: [${o.error?.code ?? "ERROR"}] ${o.error?.message ?? ""}`;
  }
  const n = result.evaluation.violations.length;
  if (o.verdict === "fail") {
    return `the policy was breached (${n} violation${n === 1 ? "" : "s"})${o.reportOnly ? "; reported only (--report-only), not failing the build" : ""}`;
  }
  return "the policy passed";
}
function gateJson(result) {
  const ev = result.evaluation;
  return {
    verdict: result.verdict,
    ...result.failedStep ? { failedStep: result.failedStep } : {},
    ...result.outcome.error ? { error: result.outcome.error } : {},
    reportOnly: result.outcome.reportOnly ?? false,
    exitCode: result.exitCode,
    image: result.image,
    digest: result.digest,
    tags: result.tags,
    steps: result.steps,
    counts: result.counts,
    fixable: result.fixable,
    sbomDigest: result.sbomDigest ?? null,
    signatureDigest: result.signatureDigest ?? null,
    violations: ev.violations.map((v) => ({
      rule: v.rule,
      reason: v.reason,
      ...v.finding ? findingRef(v.finding) : {},
      ...v.severity ? { severity: v.severity, count: v.count, limit: v.limit } : {}
    })),
    waivers: ev.waivers.map((w) => ({
      id: w.finding.id,
      package: w.finding.package,
      version: w.finding.version,
      source: w.source,
      reason: w.reason,
      expires: w.expires ?? null,
      ...w.vex ? { vex: vexJson(w.vex) } : {}
    })),
    vexNotes: ev.vexNotes.map((n) => ({
      id: n.finding.id,
      package: n.finding.package,
      version: n.finding.version,
      severity: n.finding.severity,
      vex: vexJson(n.vex)
    })),
    vex: {
      documents: result.vex?.documents ?? [],
      attestations: result.vex?.attestations ?? []
    },
    vexIgnored: result.vex?.ignored ?? [],
    expiredEntries: ev.expiredEntries.map((e) => ({ id: e.entry.id, expires: e.entry.expires ?? null })),
    staleEntries: ev.staleEntries.map((e) => ({ id: e.id, package: e.package ?? null })),
    warnings: result.warnings,
    reports: result.reports
  };
}

// src/gate/reports.ts
import path from "node:path";
import fs2 from "node:fs/promises";
async function checkReportPaths(options) {
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

// src/gate/vex.ts
async function readVexInputs(options) {
  if (options.vexFiles.length === 0) return [];
  return readVexFiles(options.vexFiles.map((v) => ({ path: v.file, name: v.name })));
}
async function vexFromImageStep(target, digest, trust, logger) {
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
  const res = await target.vexAttestations(digest, trust);
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
async function attestVerdictStep(signer, input, outcome) {
  const t0 = performance.now();
  try {
    const { verdictPredicate } = await import("./sign-GDB6ZGAP.mjs");
    const predicate = verdictPredicate(input);
    const att = await signer.attestVerdict(input.digest, predicate);
    return {
      ...outcome,
      seconds: outcome.seconds + elapsed(t0),
      detail: `${outcome.detail ?? ""}; verdict ${predicate.verdict} ${shortDigest(att.digest)}`,
      attestations: [...outcome.attestations ?? [], att.predicateType]
    };
  } catch (e) {
    return failed("verdict attestation", e, outcome.seconds + elapsed(t0));
  }
}

// src/gate/run.ts
async function prepareInputs(options, env = process.env) {
  const ref = parseReference(options.image);
  if (options.sign && !options.sign.keyFile) {
    const { identityTokenSource } = await import("./sign-GDB6ZGAP.mjs");
    identityTokenSource(options.sign.identityToken, env);
  }
  if (options.source) {
    const { parseSource: parseSource2 } = await import("./oci-IRXRV5UG.mjs");
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
    const steps = initialSteps();
    steps.inputs = failed("reading the inputs", e, elapsed(t0));
    return finish(
      options,
      steps,
      { redactor, logger, now: deps.now ?? (() => /* @__PURE__ */ new Date()), color: deps.color ?? false },
      {}
    );
  }
  try {
    return await runSteps(options, session.roles, prepared, { ...deps, redactor, logger });
  } finally {
    session.close();
  }
}
function initialSteps() {
  return Object.fromEntries(STEP_NAMES.map((s) => [s, skipped()]));
}
async function runSteps(options, roles, prepared, deps) {
  const logger = deps.logger;
  const clock = roles.clock;
  const ctx = {
    redactor: deps.redactor,
    logger,
    now: deps.now ?? (() => new Date(clock.now())),
    color: deps.color ?? false
  };
  const steps = initialSteps();
  steps.inputs = { status: "ok", seconds: 0, detail: inputsDetail(prepared) };
  const { ref } = prepared;
  const timeoutMs = options.scan?.timeoutMs ?? 0;
  let subject;
  const t0 = performance.now();
  try {
    subject = await subjectStep(roles.target, options, ref);
  } catch (e) {
    steps.push = failed(options.source ? "push" : "resolving the image", e, elapsed(t0));
    return finish(options, steps, ctx, {});
  }
  steps.push = subject.outcome;
  const digest = subject.descriptor.digest;
  logger.info(`image ${ref.registry}/${ref.repository}@${digest}`);
  const vulns = roles.vulnerabilities;
  const scanning = vulns ? scanStep(vulns, digest, {
    timeoutMs,
    needAllowlists: options.policy.useHarborAllowlist,
    logger
  }) : void 0;
  const signer = roles.signer;
  const [sbomOut, signOut] = await Promise.all([
    sbomStep(roles.target, subject.descriptor, prepared.sbom, {
      generate: options.generateSbom,
      ...vulns ? { vulnerabilities: vulns } : {},
      timeoutMs,
      logger
    }),
    signer && options.sign ? signStep(signer, digest, { format: options.sign.format, recursive: options.sign.recursive, logger }) : Promise.resolve(void 0)
  ]);
  steps.sbom = sbomOut.outcome;
  steps.sign = signOut?.outcome ?? skipped("--no-sign");
  const signatureBundle = signOut?.signatures.find((x) => x.bundle !== void 0)?.bundle;
  if (prepared.sbom && options.attest && signer && steps.sbom.status === "ok") {
    steps.sbom = (await attestSbomStep(signer, digest, prepared.sbom, steps.sbom)).outcome;
  }
  const warnings = (prepared.vex ?? []).flatMap((d) => d.warnings);
  let fromImage = [];
  const vexRun = {
    documents: (prepared.vex ?? []).map((d) => ({
      name: d.name,
      format: d.format,
      statements: d.statements.length
    })),
    attestations: [],
    ignored: []
  };
  if (prepared.trust && !options.policy.requireSignature && !options.vexFromImage) {
    warnings.push(
      `${prepared.trust.description} is given as trust, but nothing uses it: add --require-signature (or --vex-from-image), or drop the trust flags`
    );
  }
  const policyT0 = performance.now();
  let signed = steps.sign.status === "ok";
  let sbomAttached = steps.sbom.status === "ok";
  let sbomDigest = steps.sbom.digest;
  let signatureDigest = steps.sign.digest;
  try {
    if (options.policy.requireSignature) {
      const trust = prepared.trust ?? (signer ? await signer.ownTrust() : void 0);
      if (!trust) {
        signed = false;
        warnings.push(
          "--require-signature: no trust to check signatures with (the gate did not sign, and no --key or identity was given)"
        );
      } else {
        const { verified, rejected } = await trustedSignatures(roles.target, digest, trust, logger);
        signed = verified.length > 0;
        signatureDigest ??= verified[0]?.digest;
        if (signed && steps.sign.status === "skipped") {
          steps.sign = {
            status: "ok",
            seconds: 0,
            ...signatureDigest ? { digest: signatureDigest } : {},
            detail: `already signed; ${verified.length} signature(s) verify with ${trust.description}`
          };
        }
        if (!signed) {
          warnings.push(
            `--require-signature: no signature of ${digest} verifies with ${trust.description}${rejected.length ? ` (${rejected.length} rejected)` : ""}`
          );
        }
      }
    }
    if (options.vexFromImage) {
      const trust = prepared.trust ?? (signer ? await signer.ownTrust() : void 0);
      const read = await vexFromImageStep(roles.target, digest, trust, logger);
      fromImage = read.statements;
      vexRun.attestations = read.applied;
      vexRun.ignored = read.ignored;
      warnings.push(...read.warnings);
    }
    if (options.policy.requireSbom && steps.sbom.status === "skipped") {
      const found = await roles.target.validSbom(digest);
      for (const r of found.rejected) warnings.push(`an SBOM referrer does not count: ${r}`);
      if (found.sbom) {
        sbomAttached = true;
        sbomDigest = found.sbom.digest;
        steps.sbom = {
          status: "ok",
          seconds: 0,
          digest: found.sbom.digest,
          detail: `already attached (${found.sbom.format}, validated)`
        };
      }
    }
  } catch (e) {
    steps.policy = failed("checking signatures and SBOMs", e, elapsed(policyT0));
  }
  const checksSeconds = elapsed(policyT0);
  const scan = scanning ? await scanning : void 0;
  if (scan) {
    steps.scan = scan.outcome;
    warnings.push(...scan.warnings);
    if (scan.error && options.policy.onScanError === "warn") {
      steps.scan = { ...scan.outcome, status: "warned" };
    }
  } else {
    steps.scan = skipped("--no-scan");
  }
  const evalT0 = performance.now();
  const now = ctx.now();
  const vex = vexEvaluateInput(prepared.vex ?? [], fromImage, { ref, digest, reference: options.image });
  const checksFailed = steps.policy.status === "failed";
  const evaluation = checksFailed ? notEvaluated(options, now) : evaluate(
    {
      ...scan?.report ? { report: scan.report } : {},
      // A scan that could not finish is the run's error (exit 3) unless --on-scan-error warn, when
      // the policy notes it as a warning.
      ...scan?.error && options.policy.onScanError === "warn" ? { scanError: { code: scan.error.code, message: scan.error.message } } : {},
      signed,
      sbomAttached,
      ...scan?.allowlists && options.policy.useHarborAllowlist ? { harborAllowlists: scan.allowlists } : {},
      ...vex ? { vex } : {}
    },
    options.policy,
    now
  );
  warnings.push(...evaluation.warnings);
  if (steps.policy.status !== "failed") {
    steps.policy = {
      status: evaluation.verdict === "pass" ? "ok" : "failed",
      // The checks and the evaluation, not the wait for the scan.
      seconds: checksSeconds + elapsed(evalT0),
      detail: `${evaluation.violations.length} violation(s), ${evaluation.waivers.length} waiver(s)`
    };
  }
  if (scan) {
    const project = ref.repository.slice(0, ref.repository.indexOf("/"));
    warnings.push(...harborWarnings(scan, options, project, evaluation.verdict === "pass", now.getTime()));
  }
  if (options.attestScan && signer && scan?.report) {
    steps.attestScan = await attestScanStep(signer, digest, scan.report);
    if (decide(steps, evaluation, false).outcome.verdict !== "error") {
      steps.attestScan = await attestVerdictStep(
        signer,
        {
          digest,
          repository: `${ref.registry}/${ref.repository}`,
          verdict: evaluation,
          policy: options.policy,
          report: scan.report,
          gatedOn: now
        },
        steps.attestScan
      );
    }
  }
  return finish(options, steps, ctx, {
    digest,
    tags: subject.tags,
    evaluation,
    ...scan ? { scan } : {},
    ...sbomAttached && sbomDigest ? { sbomDigest } : {},
    ...signatureDigest ? { signatureDigest } : {},
    ...signatureBundle !== void 0 ? { signatureBundle } : {},
    warnings,
    ...vulns ? { harborUrl: vulns.baseUrl } : {},
    vex: vexRun
  });
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
function notEvaluated(options, now) {
  return {
    ...evaluate({ signed: true, sbomAttached: true }, { ...options.policy, allowlist: [] }, now),
    warnings: []
  };
}
async function finish(options, steps, ctx, reached) {
  const now = ctx.now();
  const stopped = STEP_NAMES.find((n) => steps[n].status === "failed" && steps[n].error);
  if (stopped) {
    for (const n of STEP_NAMES) {
      const s = steps[n];
      if (s.status === "skipped" && !s.detail && n !== "reports")
        s.detail = `not reached (${stopped} failed)`;
    }
  }
  const evaluation = reached.evaluation ?? notEvaluated(options, now);
  const warnings = [...reached.warnings ?? []];
  let { outcome, exitCode } = decide(steps, reached.evaluation, options.reportOnly);
  let ref;
  try {
    ref = parseReference(options.image);
  } catch {
    ref = void 0;
  }
  const repoName = ref ? `${ref.registry}/${ref.repository}` : options.image;
  const image = reached.digest ? `${repoName}@${reached.digest}` : repoName;
  if (outcome.verdict === "fail" && outcome.reportOnly) {
    warnings.push("the policy was breached; --report-only: the build is not failed");
  }
  const report = reached.scan?.report;
  const reportInput = () => ({
    image,
    digest: reached.digest ?? "",
    verdict: evaluation,
    ...report ? { report } : {},
    policy: options.policy,
    tool: { name: TOOL_NAME, version: VERSION, informationUri: TOOL_URI },
    generatedAt: now,
    ...reached.harborUrl ? { harborUrl: reached.harborUrl } : {},
    outcome,
    ...reached.vex?.ignored.length ? { vexIgnored: reached.vex.ignored } : {},
    steps: Object.fromEntries(
      Object.entries(steps).map(([k, { error, ...v }]) => [
        k,
        {
          ...v,
          seconds: Math.round(v.seconds * 1e3) / 1e3,
          ...error ? { error: error.message, code: error.code } : {}
        }
      ])
    )
  });
  const reportsT0 = performance.now();
  let written = {};
  const usable = await checkReportPaths(options);
  if (usable.error) {
    steps.reports = failed("writing the reports", usable.error, elapsed(reportsT0));
    ({ outcome, exitCode } = decide(steps, reached.evaluation, options.reportOnly));
  }
  try {
    written = await writeReports(usable.paths, reportInput(), ctx);
    if (!usable.error) {
      steps.reports = {
        status: "ok",
        seconds: elapsed(reportsT0),
        detail: Object.values(written).join(", ") || "none requested"
      };
    }
  } catch (e) {
    steps.reports = failed("writing the reports", e, elapsed(reportsT0));
    ({ outcome, exitCode } = decide(steps, reached.evaluation, options.reportOnly));
  }
  const input = reportInput();
  return {
    outcome,
    verdict: outcome.verdict,
    ...outcome.failedStep ? { failedStep: outcome.failedStep } : {},
    exitCode,
    image,
    digest: reached.digest ?? "",
    tags: reached.tags ?? [],
    steps,
    counts: report?.counts ?? emptyCounts(),
    fixable: report?.fixable ?? 0,
    ...reached.sbomDigest ? { sbomDigest: reached.sbomDigest } : {},
    ...reached.signatureDigest ? { signatureDigest: reached.signatureDigest } : {},
    ...reached.signatureBundle !== void 0 ? { signatureBundle: reached.signatureBundle } : {},
    reports: written,
    summaryMarkdown: ctx.redactor.redact(renderMarkdown(input)),
    consoleText: ctx.redactor.redact(renderConsole(input, { color: ctx.color })),
    evaluation,
    ...report ? { scanReport: report } : {},
    warnings,
    ...reached.vex ? { vex: reached.vex } : {}
  };
}

export {
  openSession,
  explicitTrust,
  skipped,
  stepError,
  failed,
  elapsed,
  subjectStep,
  resolveSubject,
  sbomStep,
  attestSbomStep,
  signStep,
  trustedSignatures,
  scanStep,
  harborWarnings,
  attestScanStep,
  decide,
  headline,
  gateJson,
  readVexInputs,
  vexFromImageStep,
  vexEvaluateInput,
  attestVerdictStep,
  prepareInputs,
  runGate,
  runSteps
};
