import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  findingRef,
  runGate
} from "./chunk-YHHMU74H.mjs";
import "./chunk-YXSJGPJQ.mjs";
import "./chunk-3FGXBC4L.mjs";
import "./chunk-UH24H5YG.mjs";
import "./chunk-UXF5Q43A.mjs";
import "./chunk-KEMNR6SP.mjs";
import "./chunk-PSOTIIUH.mjs";
import "./chunk-GCFQCXGQ.mjs";
import "./chunk-OXVCLDEF.mjs";
import "./chunk-4EFK4II4.mjs";
import "./chunk-Y5KQGTIJ.mjs";
import "./chunk-FFP633FU.mjs";
import "./chunk-HUKXFGRT.mjs";
import "./chunk-66ENAOTL.mjs";
import "./chunk-H6LM4NHK.mjs";

// src/gate/json.ts
function gateJson(result) {
  const ev = result.evaluation;
  return {
    verdict: result.verdict,
    exitCode: result.exitCode,
    image: result.image,
    digest: result.digest,
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
      expires: w.expires ?? null
    })),
    expiredEntries: ev.expiredEntries.map((e) => ({ id: e.entry.id, expires: e.entry.expires ?? null })),
    staleEntries: ev.staleEntries.map((e) => ({ id: e.id, package: e.package ?? null })),
    warnings: result.warnings,
    reports: result.reports
  };
}
export {
  gateJson,
  runGate
};
