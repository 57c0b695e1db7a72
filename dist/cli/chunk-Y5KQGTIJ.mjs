import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  inputError
} from "./chunk-66ENAOTL.mjs";

// src/core/duration.ts
var UNIT_MS = { ms: 1, s: 1e3, m: 6e4, h: 36e5 };
function parseDuration(text, what) {
  const s = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1e3);
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let matched = 0;
  let m;
  while ((m = re.exec(s)) !== null) {
    total += Number(m[1]) * (UNIT_MS[m[2] ?? "s"] ?? 1e3);
    matched = re.lastIndex;
  }
  if (s === "" || matched !== s.length || total <= 0) {
    throw inputError(
      "CONFIG_BAD_DURATION",
      `${what}: '${text}' is not a duration`,
      `Use a number with a unit, for example 90s, 10m, 1h or 1m30s.`
    );
  }
  return Math.round(total);
}

// src/core/findings.ts
var SEVERITIES = ["critical", "high", "medium", "low", "unknown"];
function emptyCounts() {
  return { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 };
}

export {
  SEVERITIES,
  emptyCounts,
  parseDuration
};
