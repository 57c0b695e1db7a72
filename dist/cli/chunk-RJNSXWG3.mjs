import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  PredicateType,
  attest,
  readAttestations
} from "./chunk-FCAQMY7Y.mjs";
import {
  VERSION,
  cleanText
} from "./chunk-673FP5QF.mjs";

// src/sign/verdict.ts
import crypto from "node:crypto";
var VERDICT_PREDICATE_TYPE = PredicateType.GateVerdict;
var VERDICT_FIELDS = [
  "verdict",
  "gatedOn",
  "image",
  "policy",
  "counts",
  "countsAfterWaivers",
  "violations",
  "waivers",
  "scanner",
  "scanFinishedOn",
  "harborGate"
];
function canonicalJson(value) {
  if (value === null || typeof value !== "object")
    return value === void 0 ? "null" : JSON.stringify(value);
  if (Array.isArray(value))
    return `[${value.map((v) => canonicalJson(v === void 0 ? null : v)).join(",")}]`;
  const entries = Object.entries(value).filter(([, v]) => v !== void 0).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}
function policyDigest(policy) {
  return `sha256:${crypto.createHash("sha256").update(canonicalJson(policy)).digest("hex")}`;
}
function verdictPredicate(input) {
  const { verdict: v, report } = input;
  return {
    verdict: v.verdict,
    gatedOn: input.gatedOn.toISOString(),
    image: { name: input.repository, digest: input.digest },
    policy: { digest: policyDigest(input.policy) },
    counts: { ...v.counts },
    countsAfterWaivers: { ...v.countsAfterWaivers },
    violations: v.violations.map((x) => ({
      rule: x.rule,
      reason: x.reason,
      ...x.finding ? {
        id: x.finding.id,
        package: x.finding.package,
        version: x.finding.version,
        severity: x.finding.severity
      } : {},
      ...x.severity && !x.finding ? { severity: x.severity } : {}
    })),
    waivers: v.waivers.map((w) => ({
      id: w.finding.id,
      package: w.finding.package,
      version: w.finding.version,
      source: w.source,
      reason: w.reason,
      ...w.vex ? {
        document: w.vex.document,
        status: w.vex.status,
        ...w.vex.justification !== void 0 ? { justification: w.vex.justification } : {}
      } : {},
      ...w.entry?.source !== void 0 ? { file: w.entry.source } : {},
      ...w.expires !== void 0 ? { expires: w.expires } : {}
    })),
    scanner: report?.scanner ? { ...report.scanner } : null,
    scanFinishedOn: report?.endTime ?? null,
    harborGate: { version: VERSION }
  };
}
async function attestVerdict(repo, digest, predicate, opts) {
  return attest(repo, digest, VERDICT_PREDICATE_TYPE, predicate, opts);
}
var VERDICT_SKEW_MS = 5 * 6e4;
var TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
function shape(p) {
  const o = p;
  if (!o || typeof o !== "object") return "the predicate is not an object";
  if (o.verdict !== "pass" && o.verdict !== "fail") return "the predicate has no verdict pass or fail";
  if (typeof o.gatedOn !== "string" || !TIME_RE.test(o.gatedOn) || !Number.isFinite(Date.parse(o.gatedOn)))
    return "the predicate has no valid gatedOn time";
  return void 0;
}
function ago(ms) {
  const s = Math.max(0, Math.round(ms / 1e3));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.round(s / 60)}m`;
  if (s < 172800) return `${Math.round(s / 3600)}h`;
  return `${Math.round(s / 86400)}d`;
}
async function verifyGateVerdict(repo, digest, trust, opts) {
  const nowMs = opts.now.getTime();
  const { verified, ignored } = await readAttestations(repo, digest, trust, [VERDICT_PREDICATE_TYPE]);
  const out = [...ignored];
  let best;
  for (const a2 of verified) {
    const bad = shape(a2.statement.predicate);
    if (bad) {
      out.push({ digest: a2.digest, reason: `signed, but ${bad}` });
      continue;
    }
    const p2 = a2.statement.predicate;
    const gated = Date.parse(p2.gatedOn);
    if (a2.signedAt !== void 0 && gated > a2.signedAt + VERDICT_SKEW_MS) {
      out.push({
        digest: a2.digest,
        reason: `gatedOn ${cleanText(p2.gatedOn)} is after the transparency log time ${new Date(a2.signedAt).toISOString()}`
      });
      continue;
    }
    const time2 = a2.signedAt ?? gated;
    if (time2 > nowMs + VERDICT_SKEW_MS) {
      out.push({ digest: a2.digest, reason: `gatedOn ${cleanText(p2.gatedOn)} is in the future` });
      continue;
    }
    if (!best || time2 > best.time) best = { p: p2, time: time2, a: a2 };
  }
  if (!best) {
    const why = out.length > 0 ? `; ignored: ${out.map((i) => `${i.digest}: ${i.reason}`).join("; ")}` : "";
    return {
      ok: false,
      reason: `no gate verdict attestation for ${digest} verifies with the given trust${why}`,
      ignored: out
    };
  }
  const { p, time, a } = best;
  const attestation = {
    digest: a.digest,
    signer: a.identity,
    issuer: a.issuer,
    time: new Date(time).toISOString()
  };
  const base = { predicate: p, attestation, ignored: out };
  const age = nowMs - time;
  if (p.verdict !== "pass") {
    const n = Array.isArray(p.violations) ? p.violations.length : 0;
    return {
      ...base,
      ok: false,
      reason: `the latest gate verdict for ${digest} is fail (${n} violation${n === 1 ? "" : "s"}, gated ${ago(age)} ago)`
    };
  }
  if (opts.maxAgeMs !== void 0 && age > opts.maxAgeMs) {
    return {
      ...base,
      ok: false,
      reason: `the gate passed ${digest} ${ago(age)} ago, older than --max-age ${ago(opts.maxAgeMs)}`
    };
  }
  return {
    ...base,
    ok: true,
    reason: `the gate passed ${digest} ${ago(age)} ago (signed by ${a.identity ?? "unknown"})`
  };
}

export {
  VERDICT_PREDICATE_TYPE,
  VERDICT_FIELDS,
  canonicalJson,
  policyDigest,
  verdictPredicate,
  attestVerdict,
  VERDICT_SKEW_MS,
  verifyGateVerdict
};
