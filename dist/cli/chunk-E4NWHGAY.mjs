import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  SEVERITIES,
  SHA256_DIGEST_PATTERN,
  STEP_NAMES,
  cleanText
} from "./chunk-6AKVQXYQ.mjs";

// src/report/common.ts
var REPORT_LIMITS = {
  /** Entries detailed one by one per list and report. */
  detailedFindings: 5e3,
  /** Rows in a table people read (HTML, Markdown). */
  tableRows: 2e4
};
function cutList(list, severityOf, max = REPORT_LIMITS.detailedFindings) {
  const leftBySeverity = { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 };
  for (let i = max; i < list.length; i++) leftBySeverity[severityOf(list[i]) ?? "unknown"]++;
  return {
    shown: list.length > max ? list.slice(0, max) : [...list],
    total: list.length,
    left: Math.max(0, list.length - max),
    leftBySeverity
  };
}
function cutNote(what, c) {
  const by = SEVERITIES.filter((s) => c.leftBySeverity[s] > 0).map((s) => `${s} ${c.leftBySeverity[s]}`).join(", ");
  return `${c.shown.length} of ${c.total} ${what} detailed; ${c.left} more cut${by ? ` (${by})` : ""}: a report details at most ${REPORT_LIMITS.detailedFindings} per list, the most severe first; the counts and the verdict cover all of them`;
}
function cutJson(c) {
  return { shown: c.shown.length, total: c.total, cut: c.left, cutBySeverity: c.leftBySeverity };
}
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
var ZWSP = "\u200B";
function noAutolink(text) {
  return text.replace(/:\/\//g, `:${ZWSP}//`).replace(/\b(www)\./gi, `$1${ZWSP}.`).replace(/@/g, `@${ZWSP}`);
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
  return input.findings.filter((f) => f.status === "violation");
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
  const v = input;
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
  provenance: "provenance",
  scan: "scan",
  policy: "policy",
  attestScan: "scan attestation"
};
function stepLabel(name) {
  return STEP_LABEL[name] ?? name;
}
function reportSteps(input) {
  const steps = input.steps;
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
var SIGNATURE_FORMAT = {
  bundle: "Sigstore bundle (cosign v3)",
  legacy: "cosign .sig tag (cosign v2)"
};
function formatFact(name, format) {
  if (name !== "sign") return `format ${format}`;
  const words = format.split(", ").map((f) => SIGNATURE_FORMAT[f] ?? f);
  return `format ${words.join(", ")}`;
}
function stepFacts(name, s) {
  const facts = [];
  if (s.tags && s.tags.length > 0) facts.push(`tags ${s.tags.join(", ")}`);
  if (s.format) facts.push(formatFact(name, s.format));
  if (s.scanner) facts.push(`scanner ${s.scanner}`);
  if (s.key) facts.push(`key ${s.key}`);
  if (s.identity) facts.push(`identity ${s.identity}`);
  if (s.digest) facts.push(`${name === "push" ? "digest" : "stored as"} ${s.digest}`);
  if (s.attestations && s.attestations.length > 0) facts.push(`attestations ${s.attestations.join(", ")}`);
  if (s.detail) facts.push(s.detail);
  if (s.error) facts.push(`error: ${s.code ? `[${s.code}] ` : ""}${s.error}`);
  return facts;
}
function stepLine(name, s) {
  const time = s.seconds !== void 0 && s.status !== "skipped" ? ` in ${durationText(s.seconds)}` : "";
  const facts = stepFacts(name, s).map((f) => oneLine(f));
  if (s.status === "skipped" && facts.length === 1 && facts[0].startsWith("not evaluated"))
    return `${stepLabel(name)}: ${facts[0]}`;
  return `${stepLabel(name)}: ${oneLine(s.status)}${time}${facts.length ? ` (${facts.join("; ")})` : ""}`;
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
  if (!input.harborUrl || !SHA256_DIGEST_PATTERN.test(input.digest)) return void 0;
  const base = safeUrl(input.harborUrl);
  if (base === void 0) return void 0;
  const path = repositoryPath(input.image);
  const slash = path.indexOf("/");
  if (slash <= 0 || slash === path.length - 1) return void 0;
  const project = path.slice(0, slash);
  const rest = path.slice(slash + 1);
  return `${base.replace(/\/+$/, "")}/harbor/projects/${encodeURIComponent(project)}/repositories/${encodeURIComponent(rest)}/artifacts-tab/artifacts/${input.digest}`;
}
function runVerdict(input) {
  return input.verdict;
}
function outcomeLine(input) {
  const o = input;
  if (o.verdict === "error") {
    const step = o.failedStep ? `the ${stepLabel(o.failedStep)} step` : "a step";
    const err = o.error ? `: [${o.error.code}] ${o.error.message}` : "";
    return `ERROR: ${step} could not finish${err}`;
  }
  const line = verdictLine(input);
  if (o.reportOnly && input.verdict === "fail") return `${line} (policy breached \u2014 reported only)`;
  return line;
}
function multiPlatform(input) {
  if ((input.report?.platforms?.length ?? 0) > 1) return true;
  const seen = /* @__PURE__ */ new Set();
  for (const f of input.findings) {
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
  const scan = input.steps.scan;
  if (scan.status === "failed") return `scan failed: ${oneLine2(scan.error ?? "no result")}`;
  return `not scanned${scan.detail ? ` (${oneLine2(scan.detail)})` : ""}`;
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
  const v = input;
  const out = [];
  out.push(c(runVerdict(input), oneLine2(outcomeLine({ ...input, image: oneLine2(input.image) }))));
  if (input.verdict === "error" && input.error) out.push(`  remedy: ${oneLine2(input.error.remedy)}`);
  if (input.left) out.push(`  ${oneLine2(input.left)}`);
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

// src/report/json.ts
var JSON_REPORT_SCHEMA_VERSION = 2;
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
function findingJson(f) {
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
function violationJson(x) {
  return {
    rule: x.rule,
    reason: x.reason,
    id: x.finding?.id ?? null,
    package: x.finding?.package ?? null,
    version: x.finding?.version ?? null,
    fixVersion: x.finding?.fixVersion ?? null,
    severity: x.finding?.severity ?? x.severity ?? null,
    cvss: x.finding?.cvss?.score ?? null,
    platforms: x.finding?.platforms ?? [],
    count: x.count ?? null,
    limit: x.limit ?? null
  };
}
function waiverJson(w) {
  return {
    ...findingRef(w.finding),
    source: w.source,
    reason: w.reason,
    expires: w.expires ?? null,
    /** The allowlist file the entry came from. */
    file: w.entry?.source ?? null,
    entry: w.entry ? entry(w.entry) : null,
    vex: w.vex ? vexJson(w.vex) : null
  };
}
function vexNoteJson(n) {
  return { ...findingRef(n.finding), vex: vexJson(n.vex) };
}
function errorJson(e) {
  return {
    code: e.code,
    message: e.message,
    remedy: e.remedy,
    exitCode: e.exitCode,
    causes: e.causes ?? []
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
  const r = input.report;
  const findings = cutList(input.findings, (f) => f.severity);
  const violations = cutList(input.violations, (x) => x.severity ?? x.finding?.severity);
  const waivers = cutList(input.waivers, (w) => w.finding.severity);
  const vexNotes = cutList(input.vexNotes, (n) => n.finding.severity);
  const noFix = cutList(input.fixPlan.noFix, (f) => f.severity);
  return {
    schemaVersion: JSON_REPORT_SCHEMA_VERSION,
    tool: input.tool,
    generatedAt: input.generatedAt.toISOString(),
    image: input.image,
    digest: input.digest,
    harborUrl: input.harborUrl ?? null,
    harborArtifactUrl: harborArtifactUrl(input) ?? null,
    verdict: input.verdict,
    failedStep: input.failedStep ?? null,
    policyVerdict: input.policyVerdict,
    outcome: {
      verdict: input.verdict,
      failedStep: input.failedStep ?? null,
      error: input.error ? errorJson(input.error) : null,
      reportOnly: input.reportOnly,
      exitCode: input.exitCode,
      left: input.left ?? null
    },
    counts: input.counts,
    countsAfterWaivers: input.countsAfterWaivers,
    fixable: input.fixable,
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
    // Each list detailed up to REPORT_LIMITS, the most severe first; what was cut is counted here.
    detail: {
      limit: REPORT_LIMITS.detailedFindings,
      findings: cutJson(findings),
      violations: cutJson(violations),
      waivers: cutJson(waivers),
      vexNotes: cutJson(vexNotes),
      noFix: cutJson(noFix)
    },
    violations: violations.shown.map(violationJson),
    waivers: waivers.shown.map(waiverJson),
    vexNotes: vexNotes.shown.map(vexNoteJson),
    vexIgnored: input.vex.ignored,
    expiredEntries: input.expiredEntries.map((e) => ({ ...entry(e.entry), matched: e.matched })),
    staleEntries: input.staleEntries.map(entry),
    warnings: input.warnings,
    fixPlan: {
      totalViolations: input.fixPlan.totalViolations,
      steps: input.fixPlan.steps,
      noFix: noFix.shown.map(findingRef)
    },
    findings: findings.shown.map(findingJson)
  };
}
function renderJsonReport(input) {
  return `${JSON.stringify(buildJsonReport(input), null, 2)}
`;
}

// src/report/markdown.ts
var OPEN_ROWS = 10;
var MARKDOWN_MAX_BYTES = 1e6;
function mdEscape(text, max = 300) {
  return noAutolink(truncate(oneLine(text), max).replace(/[\\`*_[\]<>|~&$#!]/g, (c) => `\\${c}`));
}
function link(id, links) {
  const url = firstUrl(links);
  return url ? `[${mdEscape(id, 100)}](${url.replace(/[()<>\s]/g, encodeURIComponent)})` : mdEscape(id, 100);
}
function* lazyMap(list, f) {
  for (const t of list) yield f(t);
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
  const v = input;
  const verdict = runVerdict(input);
  const icon = verdict === "error" ? "\u26A0\uFE0F" : input.reportOnly && v.verdict === "fail" ? "\u{1F7E0}" : verdict === "pass" ? "\u2705" : "\u274C";
  b.add(`## ${icon} harbor-gate: ${mdEscape(outcomeLine(input), 1e3)}`);
  if (input.verdict === "error" && input.error) {
    b.add("");
    b.add(`Remedy: ${mdEscape(input.error.remedy, 1e3)}`);
  }
  if (input.left) {
    b.add("");
    b.add(mdEscape(input.left, 2e3));
  }
  b.add("");
  b.add(
    // The image is named with its digest once: `repo@digest` is not followed by "@ digest" again.
    `Image \`${oneLine(input.image).replace(/`/g, "'")}\`${input.digest && !input.image.endsWith(`@${input.digest}`) ? ` @ \`${oneLine(input.digest).replace(/`/g, "'")}\`` : ""}`
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
      const time = s.seconds !== void 0 && s.status !== "skipped" ? durationText(s.seconds) : "";
      b.add(
        `| ${mdEscape(stepLabel(name), 60)} | ${mdEscape(s.status, 20)} | ${time} | ${stepFacts(name, s).map((f) => mdEscape(f, 400)).join("<br>")} |`
      );
    }
  }
  b.add("");
  b.add(
    `**Policy**: ${policyFacts(input.policy).map((f) => mdEscape(f, 200)).join(" \xB7 ")}`
  );
  b.add("");
  if (!input.report) {
    const scan = input.steps.scan;
    b.add(
      scan.status === "failed" ? `**Not scanned**: the scan failed${scan.error ? ` (${mdEscape(scan.error, 500)})` : ""}.` : `**Not scanned**${scan.detail ? ` (${mdEscape(scan.detail, 200)})` : ""}: no vulnerability results.`
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
  const row = (f, last) => `| ${link(f.id, f.links)} | ${mdEscape(f.package, 100)} | ${mdEscape(f.version, 100)} | ${f.fixVersion !== void 0 ? mdEscape(f.fixVersion, 100) : "no fix"} | ${SEVERITY_LABEL[f.severity]} | ${cvssText(f)} | ${last} |${multi ? ` ${mdEscape(findingPlatforms(f), 200)} |` : ""}`;
  const violating = violatingFindings(input);
  if (violating.length > 0) {
    b.add("");
    b.add(`### Violating findings (${violating.length})`);
    b.rows(
      head("rule"),
      lazyMap(violating, (f) => row(f, f.rules.join(", "))),
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
      lazyMap(others, (f) => row(f, mdEscape(statusLabel(f, v.waivers), 60))),
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
      lazyMap(
        v.waivers,
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
      lazyMap(
        v.vexNotes,
        ({ finding: f, vex: x }) => `| ${mdEscape(f.id, 100)} | ${mdEscape(f.package, 100)} | ${mdEscape(f.version, 100)} | ${SEVERITY_LABEL[f.severity]} | ${mdEscape(x.status, 40)} | ${mdEscape(x.actionStatement ?? x.statusNotes ?? x.impactStatement ?? "", 500)} | ${mdEscape(x.document, 200)} |`
      ),
      v.vexNotes.length,
      "VEX statements"
    );
  }
  if (input.vex.ignored.length > 0) {
    b.add("");
    b.add(`### VEX attestations ignored (${input.vex.ignored.length})`);
    b.rows(
      [""],
      input.vex.ignored.map((i) => `- ${mdEscape(i.digest, 100)}: ${mdEscape(i.reason, 500)}`),
      input.vex.ignored.length,
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

// src/report/record.ts
function deepFreeze(value) {
  if (value === null || typeof value !== "object" || Object.isFrozen(value) || value instanceof Date)
    return value;
  for (const v of Object.values(value)) deepFreeze(v);
  return Object.freeze(value);
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
    // GitLab renders description and solution as Markdown: outside text must not become a link.
    description: noAutolink(truncate(clean(f.description ?? `${id} in ${pkg} ${oneLine(f.version)}`), 1e5)) || id,
    severity: GITLAB_SEVERITY[f.severity],
    solution: noAutolink(
      truncate(
        f.fixVersion ? `Upgrade ${pkg} from ${oneLine(f.version)} to ${oneLine(f.fixVersion)}.` : "No fixed version is known yet.",
        7e3
      )
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
  const v = input;
  const repo = repositoryPath(input.image) || "image";
  const image = oneLine(pinnedImage(input)) || "image";
  const os = oneLine(input.operatingSystem ?? "") || "Unknown";
  const scanner = input.report?.scanner;
  const start = parseTime(input.report?.startTime, input.generatedAt);
  const end = parseTime(input.report?.endTime, input.generatedAt);
  const failed = !input.report || input.violations.some((x) => x.rule === "scan-error") || input.verdict === "error";
  const messages = [];
  if (input.verdict === "error")
    messages.push({ level: "fatal", value: oneLine(outcomeLine(input)) || "error" });
  if (input.left) messages.push({ level: "info", value: oneLine(input.left) });
  const waived = v.findings.filter((f) => f.status === "waived").length;
  if (waived > 0)
    messages.push({
      level: "info",
      value: `${waived} finding(s) waived by the harbor-gate policy are not listed`
    });
  for (const w of v.warnings) messages.push({ level: "warn", value: oneLine(w) || "warning" });
  const listed = cutList(
    v.findings.filter((f) => f.status !== "waived"),
    (f) => f.severity
  );
  if (listed.left > 0) messages.push({ level: "info", value: cutNote("findings", listed) });
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
    status: failed ? "failure" : "success"
  };
  if (messages.length > 0) scan.messages = messages;
  return {
    version: GITLAB_SCHEMA_VERSION,
    schema: SCHEMA_URL,
    scan,
    vulnerabilities: listed.shown.map((f) => vulnerability(f, repo, image, os)),
    remediations: []
  };
}
function renderGitlabReport(input) {
  return `${JSON.stringify(buildGitlabReport(input), null, 2)}
`;
}

// src/report/html.ts
import { createHash as createHash2 } from "node:crypto";
var HTML_MAX_ROWS = REPORT_LIMITS.tableRows;
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
#counts th,#counts td{padding:4px 6px}
svg{max-width:100%;height:auto}
@media (max-width:640px){
main{padding:12px}
h1{font-size:18px}
#steps,#steps tbody{display:block}
#steps thead{display:none}
#steps tr{display:grid;grid-template-columns:1fr auto auto;border:1px solid #e5e7eb;border-bottom:0;background:#fff}
#steps tr:last-child{border-bottom:1px solid #e5e7eb}
#steps td{border:0}
#steps td:first-child{font-weight:600}
#steps td:nth-child(4){grid-column:1/-1;padding-top:0}
#counts{font-size:13px}
#counts th,#counts td{padding:4px 4px}
.controls input{min-width:0;width:100%}
}
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
  const counts = input.counts;
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
function link2(id, links) {
  const url = firstUrl(links);
  return url ? `<a href="${htmlEscape(url)}" rel="noreferrer noopener">${htmlEscape(id)}</a>` : htmlEscape(id);
}
function renderHtml(input) {
  const v = input;
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
    `<div id="verdict" class="verdict ${verdict}" data-verdict="${verdict}">${htmlEscape(oneLine(outcomeLine(input)))}${input.verdict === "error" && input.error ? `<br><span class="muted">remedy: ${htmlEscape(oneLine(input.error.remedy))}</span>` : ""}${input.left ? `<br><span class="muted">${htmlEscape(oneLine(input.left))}</span>` : ""}</div>`
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
      const time = st.seconds !== void 0 && st.status !== "skipped" ? durationText(st.seconds) : "";
      parts.push(
        `<tr data-step="${htmlEscape(name)}"><td class="nowrap">${htmlEscape(stepLabel(name))}</td><td>${htmlEscape(st.status)}</td><td class="num nowrap">${time}</td><td class="ref">${stepFacts(
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
    const scan = input.steps.scan;
    parts.push(
      `<p id="not-scanned">${scan.status === "failed" ? `Not scanned: the scan failed${scan.error ? ` (${htmlEscape(oneLine(scan.error))})` : ""}.` : `Not scanned${scan.detail ? ` (${htmlEscape(oneLine(scan.detail))})` : ""}: no vulnerability results.`}</p>`
    );
  } else parts.push(chart(input));
  parts.push(
    `<div class="scroll"><table id="counts"><thead><tr><th></th>${SEVERITIES.map((s) => `<th class="num">${SEVERITY_LABEL[s]}</th>`).join("")}</tr></thead><tbody><tr><th>found</th>${SEVERITIES.map((s) => `<td class="num" id="count-${s}">${v.counts[s]}</td>`).join("")}</tr><tr><th>after waivers</th>${SEVERITIES.map((s) => `<td class="num" id="after-${s}">${v.countsAfterWaivers[s]}</td>`).join("")}</tr></tbody></table></div>`
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
      `<tr data-severity="${f.severity}" data-status="${f.status}"><td class="nowrap">${link2(f.id, f.links)}</td><td>${htmlEscape(f.package)}</td><td class="nowrap"><code>${htmlEscape(f.version)}</code></td><td class="nowrap">${f.fixVersion !== void 0 ? `<code>${htmlEscape(f.fixVersion)}</code>` : '<span class="muted">no fix</span>'}</td><td class="sev sev-${f.severity}">${SEVERITY_LABEL[f.severity]}</td><td class="num">${cvssText(f)}</td><td>${htmlEscape(statusLabel(f, v.waivers))}</td>${multi ? `<td>${htmlEscape(findingPlatforms(f))}</td>` : ""}<td class="desc">${htmlEscape(truncate(oneLine(f.description ?? ""), 300))}</td></tr>`
    );
  }
  parts.push("</tbody></table></div>");
  if (v.findings.length > rows.length)
    parts.push(
      `<p class="muted">${v.findings.length - rows.length} more findings not shown; see the JSON report.</p>`
    );
  if (v.waivers.length > 0) {
    parts.push(
      `<h2>Waivers (${v.waivers.length})</h2><div class="scroll"><table id="waivers"><thead><tr><th>id</th><th>package</th><th>installed</th><th>waived by</th><th>reason</th><th>expires</th></tr></thead><tbody>`
    );
    for (const w of v.waivers.slice(0, HTML_MAX_ROWS)) {
      parts.push(
        `<tr><td>${htmlEscape(w.finding.id)}</td><td>${htmlEscape(w.finding.package)}</td><td><code>${htmlEscape(w.finding.version)}</code></td><td>${htmlEscape(WAIVER_LABEL[w.source] ?? w.source)}</td><td>${htmlEscape(oneLine(w.reason))}</td><td>${htmlEscape(w.expires ?? "")}</td></tr>`
      );
    }
    parts.push("</tbody></table></div>");
  }
  if (v.vexNotes.length > 0) {
    parts.push(
      `<h2>VEX statements that do not waive (${v.vexNotes.length})</h2><div class="scroll"><table id="vex-notes"><thead><tr><th>id</th><th>package</th><th>installed</th><th>VEX status</th><th>statement</th><th>document</th></tr></thead><tbody>`
    );
    for (const { finding: f, vex: x } of v.vexNotes.slice(0, HTML_MAX_ROWS)) {
      parts.push(
        `<tr><td>${htmlEscape(f.id)}</td><td>${htmlEscape(f.package)}</td><td><code>${htmlEscape(f.version)}</code></td><td>${htmlEscape(x.status)}</td><td>${htmlEscape(oneLine(x.actionStatement ?? x.statusNotes ?? x.impactStatement ?? ""))}</td><td>${htmlEscape(x.document)}</td></tr>`
      );
    }
    parts.push("</tbody></table></div>");
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

// src/report/junit.ts
function xmlEscape(text) {
  return clean(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;").replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");
}
function xmlText(text) {
  return xmlEscape(text).replace(/&#10;/g, "\n").replace(/&#9;/g, "	");
}
function renderJunit(input) {
  const v = input;
  const suite = `harbor-gate ${oneLine(input.image)}`;
  const cases = [];
  const violations = cutList(v.violations, (x) => x.severity ?? x.finding?.severity);
  for (const x of violations.shown) {
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
  if (violations.left > 0) {
    const note = cutNote("violations", violations);
    cases.push(
      `    <testcase classname="harbor-gate.policy" name="${xmlEscape(`${violations.left} more violations`)}" time="0">
      <failure message="${xmlEscape(note)}" type="cut">${xmlText(note)}</failure>
    </testcase>`
    );
  }
  const outcome = input;
  let errors = 0;
  if (outcome.verdict === "error") {
    errors = 1;
    const step = outcome.failedStep ?? "run";
    const body = [
      outcome.error ? `[${outcome.error.code}] ${outcome.error.message}
Remedy: ${outcome.error.remedy}` : outcomeLine(input),
      ...(outcome.error?.causes ?? []).map((c) => `Cause: ${c}`),
      ...input.left ? [input.left] : []
    ].join("\n");
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
    ...violations.left > 0 ? [["violations", String(violations.total)]] : [],
    ...outcome.reportOnly ? [["reportOnly", "true"]] : [],
    ...SEVERITIES.map((s) => [s, String(input.counts[s])]),
    ["fixable", String(input.fixable)],
    ["generatedAt", input.generatedAt.toISOString()],
    ["tool", `${input.tool.name} ${input.tool.version}`]
  ].map(([k, val]) => `      <property name="${xmlEscape(k)}" value="${xmlEscape(val)}"/>`).join("\n");
  const tests = cases.length;
  const failures = violations.shown.length + (violations.left > 0 ? 1 : 0);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="harbor-gate" tests="${tests}" failures="${failures}" errors="${errors}" time="0">`,
    `  <testsuite name="${xmlEscape(suite)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="0" time="0" timestamp="${input.generatedAt.toISOString().slice(0, 19)}">`,
    "    <properties>",
    props,
    "    </properties>",
    ...cases,
    // The run's warnings, where JUnit viewers show a suite's output.
    ...v.warnings.length > 0 ? [
      `    <system-out>${xmlText(v.warnings.map((w) => `warning: ${oneLine(w)}`).join("\n"))}</system-out>`
    ] : [],
    "  </testsuite>",
    "</testsuites>"
  ];
  return `${out.join("\n")}
`;
}

// src/report/sarif.ts
import { createHash as createHash3 } from "node:crypto";
var SARIF_MAX_RESULTS = REPORT_LIMITS.detailedFindings;
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
  const v = input;
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
    notifications.push({
      level: "error",
      message: { text: oneLine(`${outcomeLine(input)}${input.left ? `; ${input.left}` : ""}`) }
    });
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
          policyVerdict: input.policyVerdict,
          counts: { ...input.counts },
          fixable: input.fixable,
          ...input.reportOnly ? { reportOnly: true } : {},
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

export {
  cutList,
  cutJson,
  renderConsole,
  findingRef,
  violationJson,
  waiverJson,
  vexNoteJson,
  errorJson,
  renderMarkdown,
  deepFreeze,
  renderReports
};
