import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  createProgress,
  createRegistryClient,
  openSource,
  parseSource,
  pushImage
} from "./chunk-YXSJGPJQ.mjs";
import {
  evaluate
} from "./chunk-3FGXBC4L.mjs";
import {
  attachSbom,
  loadSbom
} from "./chunk-UH24H5YG.mjs";
import {
  HarborClient,
  harborTarget,
  harborWouldBlock,
  versionAtLeast
} from "./chunk-KEMNR6SP.mjs";
import {
  Annotation,
  PredicateType,
  SBOM_ARTIFACT_TYPES,
  SBOM_PREDICATE_TYPES,
  attestSbom,
  attestVulnScan,
  legacySignatureTag,
  signImage
} from "./chunk-PSOTIIUH.mjs";
import {
  listReferrers
} from "./chunk-GCFQCXGQ.mjs";
import {
  MANIFEST_ACCEPT,
  parseReference
} from "./chunk-OXVCLDEF.mjs";
import {
  Redactor,
  silentLogger
} from "./chunk-4EFK4II4.mjs";
import {
  SEVERITIES,
  emptyCounts
} from "./chunk-Y5KQGTIJ.mjs";
import {
  DEFAULT_SCAN_TIMEOUT_MS,
  VERSION
} from "./chunk-FFP633FU.mjs";
import {
  loadSigningKey
} from "./chunk-HUKXFGRT.mjs";
import {
  inputError,
  toGateError
} from "./chunk-66ENAOTL.mjs";

// src/gate/run.ts
import fs from "node:fs/promises";
import path from "node:path";

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

// src/report/console.ts
var ANSI = {
  critical: "\x1B[1;31m",
  high: "\x1B[31m",
  medium: "\x1B[33m",
  low: "\x1B[36m",
  unknown: "\x1B[37m",
  pass: "\x1B[1;32m",
  fail: "\x1B[1;31m",
  dim: "\x1B[2m"
};
var RESET = "\x1B[0m";
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
  out.push(c(v.verdict, verdictLine({ ...input, image: oneLine(input.image) })));
  if (input.digest) out.push(`digest ${oneLine(input.digest)}`);
  out.push("");
  out.push(
    ...table(
      ["severity", ...SEVERITIES.map((s) => SEVERITY_LABEL[s])],
      [
        ["found", ...SEVERITIES.map((s) => String(v.counts[s]))],
        ["after waivers", ...SEVERITIES.map((s) => String(v.countsAfterWaivers[s]))]
      ]
    )
  );
  const violating = violatingFindings(input);
  if (violating.length > 0) {
    out.push("");
    const shown = violating.slice(0, maxRows);
    const rows = shown.map((f) => [
      truncate(oneLine(f.id), CELL),
      truncate(oneLine(f.package), CELL),
      truncate(oneLine(f.version), CELL),
      truncate(oneLine(f.fixVersion ?? "-"), CELL),
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
    for (const x of other) out.push(`${c("fail", `[${x.rule}]`)} ${oneLine(x.reason)}`);
  }
  if (v.fixPlan.steps.length > 0 || v.fixPlan.noFix.length > 0) {
    out.push("", "fix plan:");
    for (const s of v.fixPlan.steps.slice(0, 20)) out.push(`  ${oneLine(s.text)}`);
    if (v.fixPlan.steps.length > 20) out.push(`  ... and ${v.fixPlan.steps.length - 20} more upgrades`);
    if (v.fixPlan.noFix.length > 0)
      out.push(`  no fix available yet for ${v.fixPlan.noFix.length} violating finding(s)`);
  }
  if (v.waivers.length > 0)
    out.push("", `${v.waivers.length} finding(s) waived (see the reports for reasons)`);
  for (const w of v.warnings) out.push(c("medium", `warning: ${oneLine(w)}`));
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
  const failed2 = !input.report || input.verdict.violations.some((x) => x.rule === "scan-error");
  const messages = [];
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
.verdict{padding:12px 16px;border-radius:6px;font-weight:600;margin:12px 0}
.pass{background:#dcfce7;color:#14532d}.fail{background:#fee2e2;color:#7f1d1d}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;word-break:break-all}
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
  const parts = [];
  parts.push(`<h1>${htmlEscape(title)}</h1>`);
  parts.push(
    `<p class="muted">digest <code>${htmlEscape(input.digest)}</code> \xB7 generated ${htmlEscape(input.generatedAt.toISOString())} by ${htmlEscape(`${input.tool.name} ${input.tool.version}`)}${input.report?.scanner ? ` \xB7 scanner ${htmlEscape(`${input.report.scanner.name} ${input.report.scanner.version}`)}` : ""}</p>`
  );
  parts.push(
    `<div id="verdict" class="verdict ${v.verdict}" data-verdict="${v.verdict}">${htmlEscape(verdictLine(input))}</div>`
  );
  parts.push("<h2>Findings by severity</h2>");
  parts.push(chart(input));
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
    `<div class="controls"><label>Filter <input id="filter" type="search" placeholder="id, package, version\u2026" autocomplete="off"></label><label>Severity <select id="severity"><option value="">all</option>${SEVERITIES.map((s) => `<option value="${s}">${SEVERITY_LABEL[s]}</option>`).join("")}</select></label><label>Status <select id="status"><option value="">all</option><option value="violation">violation</option><option value="waived">waived</option><option value="ignored-unfixed">ignored (unfixed)</option><option value="ok">ok</option></select></label><span><span id="shown">${rows.length}</span> of ${rows.length} shown</span></div>`
  );
  parts.push(
    '<table id="findings"><thead><tr><th>id</th><th>package</th><th>installed</th><th>fixed in</th><th>severity</th><th class="num">CVSS</th><th>status</th><th>platforms</th><th>description</th></tr></thead><tbody>'
  );
  for (const f of rows) {
    parts.push(
      `<tr data-severity="${f.severity}" data-status="${f.status}"><td>${link(f.id, f.links)}</td><td>${htmlEscape(f.package)}</td><td><code>${htmlEscape(f.version)}</code></td><td><code>${htmlEscape(f.fixVersion ?? "")}</code></td><td class="sev sev-${f.severity}">${SEVERITY_LABEL[f.severity]}</td><td class="num">${cvssText(f)}</td><td>${f.status}${f.rules.length ? ` (${f.rules.join(", ")})` : ""}</td><td>${htmlEscape(platformsText(f))}</td><td>${htmlEscape(truncate(oneLine(f.description ?? ""), 300))}</td></tr>`
    );
  }
  parts.push("</tbody></table>");
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
        `<tr><td>${htmlEscape(w.finding.id)}</td><td>${htmlEscape(w.finding.package)}</td><td><code>${htmlEscape(w.finding.version)}</code></td><td>${w.source}</td><td>${htmlEscape(oneLine(w.reason))}</td><td>${htmlEscape(w.expires ?? "")}</td></tr>`
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
    allowlist: p.allowlist.map(entry)
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
    verdict: v.verdict,
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
    steps: input.steps ?? {},
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
      entry: w.entry ? entry(w.entry) : null
    })),
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
  if (v.violations.length === 0) {
    const found = v.findings.length;
    cases.push(
      `    <testcase classname="harbor-gate.policy" name="${xmlEscape(`policy passed (${found} finding${found === 1 ? "" : "s"}, ${v.waivers.length} waived)`)}" time="0"/>`
    );
  }
  const props = [
    ["image", input.image],
    ["digest", input.digest],
    ["verdict", v.verdict],
    ["generatedAt", input.generatedAt.toISOString()],
    ["tool", `${input.tool.name} ${input.tool.version}`]
  ].map(([k, val]) => `      <property name="${xmlEscape(k)}" value="${xmlEscape(val)}"/>`).join("\n");
  const tests = cases.length;
  const failures = v.violations.length;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="harbor-gate" tests="${tests}" failures="${failures}" errors="0" time="0">`,
    `  <testsuite name="${xmlEscape(suite)}" tests="${tests}" failures="${failures}" errors="0" skipped="0" time="0" timestamp="${input.generatedAt.toISOString().slice(0, 19)}">`,
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
  const icon = v.verdict === "pass" ? "\u2705" : "\u274C";
  b.add(`## ${icon} harbor-gate: ${mdEscape(verdictLine(input), 1e3)}`);
  b.add("");
  b.add(
    `Image \`${oneLine(input.image).replace(/`/g, "'")}\`${input.digest ? ` @ \`${oneLine(input.digest).replace(/`/g, "'")}\`` : ""}`
  );
  if (input.report?.scanner) {
    const s = input.report.scanner;
    b.add("");
    b.add(`Scanned by ${mdEscape(`${s.name} ${s.version}`)} (status ${mdEscape(input.report.status)})`);
  }
  b.add("");
  b.add(`| | ${SEVERITIES.map((s) => SEVERITY_LABEL[s]).join(" | ")} |`);
  b.add(`| --- | ${SEVERITIES.map(() => "---:").join(" | ")} |`);
  b.add(`| found | ${SEVERITIES.map((s) => v.counts[s]).join(" | ")} |`);
  b.add(`| after waivers | ${SEVERITIES.map((s) => v.countsAfterWaivers[s]).join(" | ")} |`);
  b.add("");
  const total = SEVERITIES.reduce((n, s) => n + v.counts[s], 0);
  if (total > 0) {
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
  const violating = violatingFindings(input);
  if (violating.length > 0) {
    b.add("");
    b.add(`### Violating findings (${violating.length})`);
    b.rows(
      [
        "",
        "| id | package | installed | fixed in | severity | CVSS | rule | platforms |",
        "| --- | --- | --- | --- | --- | ---: | --- | --- |"
      ],
      violating.map(
        (f) => `| ${link2(f.id, f.links)} | ${mdEscape(f.package, 100)} | ${mdEscape(f.version, 100)} | ${mdEscape(f.fixVersion ?? "", 100)} | ${SEVERITY_LABEL[f.severity]} | ${cvssText(f)} | ${f.rules.join(", ")} | ${mdEscape(platformsText(f), 200)} |`
      ),
      violating.length,
      "violating findings"
    );
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
        (w) => `| ${mdEscape(w.finding.id, 100)} | ${mdEscape(w.finding.package, 100)} | ${mdEscape(w.finding.version, 100)} | ${SEVERITY_LABEL[w.finding.severity]} | ${w.source} | ${mdEscape(w.reason, 500)} | ${mdEscape(w.expires ?? "", 40)} |`
      ),
      v.waivers.length,
      "waivers"
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
  const waiverReason = new Map(v.waivers.map((w) => [w.finding.key, w.reason]));
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
    const reason = waiverReason.get(f.key);
    if (f.status === "waived" && reason !== void 0) {
      result.suppressions = [
        { kind: "external", status: "accepted", justification: truncate(oneLine(reason), 1e3) }
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
            executionSuccessful: true,
            endTimeUtc: input.generatedAt.toISOString(),
            toolExecutionNotifications: notifications
          }
        ],
        originalUriBaseIds: { ROOTPATH: { uri: "file:///" } },
        automationDetails: { id: `harbor-gate/${repo}/` },
        results,
        columnKind: "utf16CodeUnits",
        properties: {
          image: pinned,
          verdict: v.verdict,
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

// src/gate/run.ts
var STEP_NAMES = ["push", "sbom", "sign", "scan", "policy", "attestScan", "reports"];
function skipped(detail) {
  return { status: "skipped", seconds: 0, ...detail ? { detail } : {} };
}
function failed(step, e, seconds, logger) {
  const err = toGateError(e);
  logger.warn(`${step} failed: [${err.code}] ${err.message}
  remedy: ${err.remedy}`);
  return {
    status: "failed",
    seconds,
    error: { code: err.code, message: err.message, remedy: err.remedy, exitCode: err.exitCode }
  };
}
async function timed(f) {
  const t0 = performance.now();
  const value = await f();
  return { value, seconds: Math.round(performance.now() - t0) / 1e3 };
}
async function prepare(options, deps, env, logger) {
  const ref = parseReference(options.image);
  if (options.source) parseSource(options.source);
  const sbom = options.sbomFile ? await loadSbom(options.sbomFile) : void 0;
  let signing;
  if (options.sign) {
    let key;
    if (options.sign.keyFile) {
      let text;
      try {
        text = await fs.readFile(options.sign.keyFile, "utf8");
      } catch (e) {
        throw inputError(
          "SIGN_KEY_UNREADABLE",
          `cannot read --signing-key ${options.sign.keyFile}`,
          "Check the path of --signing-key.",
          e
        );
      }
      key = loadSigningKey(text, options.sign.keyPassword);
    }
    signing = {
      ...key ? { key } : {},
      identityToken: options.sign.identityToken,
      env,
      fulcioUrl: options.sign.fulcioUrl,
      rekorUrl: options.sign.rekorUrl,
      tsaUrl: options.sign.tsaUrl,
      tlogUpload: options.sign.tlogUpload,
      logger,
      ...deps.signing ?? {}
    };
  }
  return { ref, sbom, signing };
}
async function runGate(options, deps = {}) {
  const logger = deps.logger ?? silentLogger;
  const env = deps.env ?? process.env;
  const now = deps.now ?? (() => /* @__PURE__ */ new Date());
  const redactor = deps.redactor ?? new Redactor();
  redactor.add(options.password);
  redactor.add(options.sign?.keyPassword);
  redactor.add(options.sign?.identityToken);
  const prepared = await prepare(options, deps, env, logger);
  const { ref } = prepared;
  const client = createRegistryClient({
    env,
    logger,
    redactor,
    plainHttp: options.plainHttp,
    ...options.username !== void 0 ? { username: options.username } : {},
    ...options.password !== void 0 ? { password: options.password } : {},
    ...options.caFile !== void 0 ? { caFile: options.caFile } : {}
  });
  const repo = client.repository(ref.registry, ref.repository);
  const signingOptions = prepared.signing ? { http: client.http, ...prepared.signing } : void 0;
  const steps = Object.fromEntries(STEP_NAMES.map((s) => [s, skipped()]));
  const warnings = [];
  try {
    const pushed = await timed(() => pushOrResolve(options, ref, repo, client, logger, deps));
    const subject = pushed.value.subject;
    steps.push = {
      status: "ok",
      seconds: pushed.seconds,
      digest: subject.digest,
      detail: pushed.value.detail
    };
    const imageByDigest = `${ref.registry}/${ref.repository}@${subject.digest}`;
    logger.info(`image ${imageByDigest}`);
    const harbor = options.scan ? await harborFor(options, ref, client, logger, deps) : void 0;
    const scanPromise = harbor ? runScan(harbor.client, harbor.target, subject.digest, options, logger) : void 0;
    let sbomDigest;
    let signatureDigest;
    const attachWork = (async () => {
      const sbomStep = await runSbomStep(options, prepared, repo, subject, harbor, logger);
      steps.sbom = sbomStep.outcome;
      sbomDigest = sbomStep.outcome.digest;
    })();
    const signWork = (async () => {
      if (!signingOptions || !options.sign) {
        steps.sign = skipped("--no-sign");
        return;
      }
      const signing = signingOptions;
      const signOpts = options.sign;
      const t0 = performance.now();
      try {
        const out = await signImage(repo, subject.digest, {
          ...signing,
          format: signOpts.format,
          recursive: signOpts.recursive
        });
        signatureDigest = out.signatures[0]?.digest;
        steps.sign = {
          status: "ok",
          seconds: (performance.now() - t0) / 1e3,
          ...signatureDigest ? { digest: signatureDigest } : {},
          detail: out.signatures.map((s) => `${s.format} ${s.digest}`).join(", ")
        };
      } catch (e) {
        steps.sign = failed("signing", e, (performance.now() - t0) / 1e3, logger);
      }
    })();
    await Promise.all([attachWork, signWork]);
    if (options.policy.requireSbom && steps.sbom.status === "skipped" || options.policy.requireSignature && steps.sign.status === "skipped") {
      const existing = await existingReferrers(repo, subject.digest, logger);
      if (options.policy.requireSbom && steps.sbom.status === "skipped" && existing.sbom) {
        steps.sbom = { status: "ok", seconds: 0, digest: existing.sbom, detail: "already attached" };
        sbomDigest = existing.sbom;
      }
      if (options.policy.requireSignature && steps.sign.status === "skipped" && existing.signature) {
        steps.sign = {
          status: "ok",
          seconds: 0,
          digest: existing.signature,
          detail: "already signed (present; run harbor-gate verify to check the signer)"
        };
        signatureDigest = existing.signature;
      }
    }
    if (prepared.sbom && options.attest && signingOptions && steps.sbom.status === "ok") {
      const t0 = performance.now();
      try {
        const att = await attestSbom(
          repo,
          subject.digest,
          {
            format: prepared.sbom.format.startsWith("cyclonedx") ? "cyclonedx" : "spdx",
            document: prepared.sbom.document
          },
          signingOptions
        );
        steps.sbom.detail = `${steps.sbom.detail ?? ""}; attestation ${att.digest}`;
      } catch (e) {
        steps.sbom = failed("SBOM attestation", e, (performance.now() - t0) / 1e3, logger);
      }
    }
    const scan = scanPromise ? await scanPromise : void 0;
    if (scan) {
      steps.scan = scan.outcome;
      warnings.push(...scan.warnings);
    } else {
      steps.scan = skipped("--no-scan");
    }
    const policyT0 = performance.now();
    const evaluation = evaluate(
      {
        ...scan?.report ? { report: scan.report } : {},
        ...scan?.error ? { scanError: { code: scan.error.code, message: scan.error.message } } : {},
        signed: steps.sign.status === "ok",
        sbomAttached: steps.sbom.status === "ok",
        ...scan?.allowlists ? { harborAllowlists: scan.allowlists } : {}
      },
      options.policy,
      now()
    );
    warnings.push(...evaluation.warnings);
    steps.policy = {
      status: evaluation.verdict === "pass" ? "ok" : "failed",
      seconds: (performance.now() - policyT0) / 1e3,
      detail: `${evaluation.violations.length} violation(s), ${evaluation.waivers.length} waiver(s)`
    };
    if (scan?.report && scan.settings) {
      const block = harborWouldBlock(
        scan.settings,
        scan.report,
        scan.harborLists ?? scan.allowlists ?? [],
        now().getTime()
      );
      if (block.blocked && evaluation.verdict === "pass") {
        const msg = `Harbor's project policy would block pulling this image: ${block.reason}`;
        warnings.push(msg);
        logger.warn(msg);
      }
    }
    const trust = contentTrustWarning(scan, options, ref.repository);
    if (trust) {
      warnings.push(trust);
      logger.warn(trust);
    }
    if (options.attestScan && signingOptions && scan?.report) {
      const t0 = performance.now();
      try {
        const att = await attestVulnScan(repo, subject.digest, scan.report, signingOptions);
        steps.attestScan = { status: "ok", seconds: (performance.now() - t0) / 1e3, digest: att.digest };
      } catch (e) {
        steps.attestScan = failed("scan attestation", e, (performance.now() - t0) / 1e3, logger);
      }
    }
    let exitCode = evaluation.verdict === "pass" ? 0 : 1;
    for (const name of ["sbom", "sign", "attestScan"]) {
      const err = steps[name].error;
      if (steps[name].status === "failed" && err) exitCode = Math.max(exitCode, err.exitCode);
    }
    if (scan?.error && options.policy.onScanError === "fail" && !SCAN_OUTCOME_CODES.has(scan.error.code)) {
      exitCode = Math.max(exitCode, scan.error.exitCode);
    }
    const verdict = exitCode === 0 ? "pass" : "fail";
    const reportInput = {
      image: imageByDigest,
      digest: subject.digest,
      verdict: evaluation,
      ...scan?.report ? { report: scan.report } : {},
      policy: options.policy,
      tool: {
        name: "harbor-gate",
        version: VERSION,
        informationUri: "https://github.com/harbor-gate/harbor-gate"
      },
      generatedAt: now(),
      ...harbor ? { harborUrl: harbor.target.baseUrl } : {},
      steps: Object.fromEntries(
        Object.entries(steps).map(([k, v]) => [
          k,
          {
            status: v.status,
            seconds: v.seconds,
            ...v.digest ? { digest: v.digest } : {},
            ...v.error ? { error: v.error.message } : {}
          }
        ])
      )
    };
    const reportsT0 = performance.now();
    const written = await writeReports(options, reportInput, logger, redactor);
    steps.reports = {
      status: "ok",
      seconds: (performance.now() - reportsT0) / 1e3,
      detail: Object.values(written).join(", ") || "none requested"
    };
    const counts = scan?.report?.counts ?? emptyCounts();
    return {
      verdict,
      exitCode,
      image: imageByDigest,
      digest: subject.digest,
      steps,
      counts,
      fixable: scan?.report?.fixable ?? 0,
      ...sbomDigest ? { sbomDigest } : {},
      ...signatureDigest ? { signatureDigest } : {},
      reports: written,
      summaryMarkdown: redactor.redact(renderMarkdown(reportInput)),
      consoleText: redactor.redact(renderConsole(reportInput, { color: deps.isTTY ?? false })),
      evaluation,
      ...scan?.report ? { scanReport: scan.report } : {},
      warnings
    };
  } finally {
    client.close();
  }
}
function contentTrustWarning(scan, options, repository) {
  if (!scan?.settings?.contentTrustCosign) return void 0;
  const project = repository.slice(0, repository.indexOf("/"));
  if (!options.sign) {
    return `Harbor's project ${project} refuses pulls without a cosign signature (content trust), and this run did not sign`;
  }
  if (options.sign.format === "bundle" && !versionAtLeast(scan.harborVersion, 2, 15)) {
    return `Harbor's project ${project} refuses pulls without a cosign signature (content trust), and Harbor ${scan.harborVersion ?? ""} recognises only cosign's legacy signature format before 2.15: sign with --signature-format both`;
  }
  return void 0;
}
var SCAN_OUTCOME_CODES = /* @__PURE__ */ new Set([
  "SCAN_FAILED",
  "SCAN_STOPPED",
  "SCAN_TIMEOUT",
  "SCAN_INCOMPLETE"
]);
async function existingReferrers(repo, digest, logger) {
  const found = {};
  for (const r of await listReferrers(repo, digest)) {
    const predicate = r.annotations?.[Annotation.BundlePredicateType];
    if (r.artifactType && SBOM_ARTIFACT_TYPES.has(r.artifactType)) found.sbom ??= r.digest;
    else if (predicate && SBOM_PREDICATE_TYPES.has(predicate)) found.sbom ??= r.digest;
    else if (predicate === PredicateType.CosignSign) found.signature ??= r.digest;
  }
  if (!found.signature) {
    const legacy = await repo.resolve(legacySignatureTag(digest));
    if (legacy) found.signature = legacy.digest;
  }
  logger.debug(
    `existing referrers of ${digest}: sbom ${found.sbom ?? "none"}, signature ${found.signature ?? "none"}`
  );
  return found;
}
async function pushOrResolve(options, ref, repo, client, logger, deps) {
  if (options.source) {
    const source = await openSource(parseSource(options.source), { logger, cwd: process.cwd() });
    try {
      const res = await pushImage(source, ref, {
        client,
        tags: options.tags,
        ...options.mountFrom ? { mountFrom: options.mountFrom } : {},
        logger,
        progress: createProgress({
          tty: deps.isTTY ?? false,
          logger,
          write: (t) => process.stderr.write(t)
        })
      });
      return {
        subject: source.root.descriptor.digest === res.digest ? source.root.descriptor : { ...source.root.descriptor, digest: res.digest },
        detail: `pushed ${res.bytesUploaded} bytes, ${res.blobsSkipped} blob(s) already present`
      };
    } finally {
      await source.close();
    }
  }
  const reference = ref.digest ?? ref.tag ?? "latest";
  const manifest = await repo.fetchManifest(reference, MANIFEST_ACCEPT);
  if (!manifest) {
    throw inputError(
      "IMAGE_NOT_FOUND",
      `${ref.registry}/${ref.repository}:${reference} is not in the registry`,
      "Push it first, or give --source to have the gate push it."
    );
  }
  for (const tag of options.tags) {
    await repo.pushManifest(tag, manifest.bytes, manifest.descriptor.mediaType);
  }
  return { subject: manifest.descriptor, detail: `resolved ${reference}` };
}
async function harborFor(options, ref, registry, logger, deps) {
  let harborUrl = options.scan?.harborUrl;
  if (!harborUrl) {
    await registry.resolveScheme(ref.registry);
    harborUrl = registry.baseUrl(ref.registry);
  }
  const target = harborTarget(ref, harborUrl);
  let username = options.username;
  let password = options.password;
  if (!username || !password) {
    const cred = await registry.auth.credentialFor(new URL(target.baseUrl).host);
    if (cred && "password" in cred) {
      username = cred.username;
      password = cred.password;
    }
  }
  const client = new HarborClient({
    http: registry.http,
    baseUrl: target.baseUrl,
    ...username ? { username } : {},
    ...password ? { password } : {},
    logger,
    ...deps.harborPoll ? {
      pollMinMs: deps.harborPoll.minMs,
      pollMaxMs: deps.harborPoll.maxMs,
      ...deps.harborPoll.missingGraceMs !== void 0 ? { missingGraceMs: deps.harborPoll.missingGraceMs } : {}
    } : {}
  });
  return { client, target };
}
async function runScan(client, target, digest, options, logger) {
  const t0 = performance.now();
  const warnings = [];
  try {
    const pre = await client.preflight(target);
    warnings.push(...pre.warnings);
    const report = await client.scan(target, digest, { timeoutMs: options.scan?.timeoutMs ?? DEFAULT_SCAN_TIMEOUT_MS });
    let settings;
    let allowlists;
    try {
      settings = await client.getProjectSettings(target.project);
      allowlists = await client.getAllowlists(target.project);
    } catch (e) {
      if (options.policy.useHarborAllowlist) throw e;
      logger.debug(`project settings not readable: ${toGateError(e).message}`);
    }
    const seconds = (performance.now() - t0) / 1e3;
    logger.info(
      `scan ${report.status} by ${report.scanner?.name ?? "the scanner"} in ${seconds.toFixed(1)} s`
    );
    return {
      outcome: { status: "ok", seconds, detail: `${report.findings.length} finding(s)` },
      report,
      ...allowlists && options.policy.useHarborAllowlist ? { allowlists } : {},
      ...settings ? { settings } : {},
      ...allowlists && !options.policy.useHarborAllowlist ? { harborLists: allowlists } : {},
      ...pre.harborVersion !== void 0 ? { harborVersion: pre.harborVersion } : {},
      warnings
    };
  } catch (e) {
    const err = toGateError(e);
    return {
      outcome: failed("scan", err, (performance.now() - t0) / 1e3, logger),
      error: err,
      warnings
    };
  }
}
async function runSbomStep(options, prepared, repo, subject, harbor, logger) {
  const t0 = performance.now();
  try {
    if (prepared.sbom) {
      const res = await attachSbom(repo, subject, prepared.sbom);
      return {
        outcome: {
          status: "ok",
          seconds: (performance.now() - t0) / 1e3,
          digest: res.digest,
          detail: `${prepared.sbom.format} as ${res.artifactType} (${res.referrersApi ? "referrers API" : "referrers tag"})`
        }
      };
    }
    if (options.generateSbom && harbor) {
      const res = await harbor.client.generateSbom(harbor.target, subject.digest, {
        timeoutMs: options.scan?.timeoutMs ?? DEFAULT_SCAN_TIMEOUT_MS
      });
      return {
        outcome: {
          status: "ok",
          seconds: (performance.now() - t0) / 1e3,
          digest: res.sbomDigest,
          detail: `generated by Harbor (${res.mediaType})`
        }
      };
    }
    return { outcome: skipped("no --sbom given") };
  } catch (e) {
    return { outcome: failed("SBOM", e, (performance.now() - t0) / 1e3, logger) };
  }
}
async function writeReports(options, input, logger, redactor) {
  const wanted = Object.entries(options.reports);
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
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, redactor.redact(content));
      written[format] = file;
      logger.info(`wrote ${format} report ${file}`);
    } catch (e) {
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

export {
  findingRef,
  runGate
};
