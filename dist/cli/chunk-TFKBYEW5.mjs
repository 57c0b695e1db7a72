import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  GateError,
  describe,
  inputError
} from "./chunk-66ENAOTL.mjs";

// src/core/findings.ts
var SEVERITIES = ["critical", "high", "medium", "low", "unknown"];
function emptyCounts() {
  return { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 };
}

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
function formatDuration(ms) {
  if (!Number.isFinite(ms) || ms < 0) return "0ms";
  if (ms < 1e3) return `${String(Math.round(ms))}ms`;
  if (ms < 6e4) {
    const s2 = Math.round(ms / 100) / 10;
    if (s2 < 60) return `${String(s2)}s`;
  }
  let rest = Math.round(ms / 1e3);
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  const s = rest - m * 60;
  return (h > 0 ? `${String(h)}h` : "") + (m > 0 ? `${String(m)}m` : "") + (s > 0 ? `${String(s)}s` : "");
}

// src/core/text.ts
var ESCAPE_SEQUENCE = (
  // OSC, DCS, SOS, PM, APC strings up to BEL or ST; CSI sequences; other two-byte ESC sequences.
  // eslint-disable-next-line no-control-regex
  /\u001b(?:[\]PX^_][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\[[0-?]*[ -/]*[@-~]?|[@-Z\\-_]|[ -/]*[0-~]?)|\u009b[0-?]*[ -/]*[@-~]?|[\u0090\u0098\u009d\u009e\u009f][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?/g
);
var LINE_BREAKS = /[\r\n\u000b\u000c\u0085\u2028\u2029]+/g;
var CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\t]/g;
var DEFAULT_TEXT_MAX = 1e3;
function cleanText(value, max = DEFAULT_TEXT_MAX) {
  let s = typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" || typeof value === "bigint" ? String(value) : value instanceof Error ? value.message : "";
  if (s.length > max * 4 + 64) s = s.slice(0, max * 4 + 64);
  s = s.replace(ESCAPE_SEQUENCE, "").replace(LINE_BREAKS, " ").replace(CONTROL, (c) => c === "	" ? " " : "").replace(/::/g, ":%3A").replace(/##\[/g, "##%5B").replace(/(section_(?:start|end)):/gi, "$1%3A");
  if (s.length > max) s = s.slice(0, Math.max(0, max - 1)) + "\u2026";
  return s;
}
function isCleanText(value) {
  return cleanText(value, Number.MAX_SAFE_INTEGER) === value;
}
var ANY_LINE_BREAK = /\r\n|[\r\n\u000b\u000c\u0085\u2028\u2029]/;
function cleanLines(value, maxLine = Number.MAX_SAFE_INTEGER) {
  const s = typeof value === "string" ? value : cleanText(value, Number.MAX_SAFE_INTEGER);
  if (!ANY_LINE_BREAK.test(s)) return cleanText(s, maxLine);
  return s.split(ANY_LINE_BREAK).map((line) => cleanText(line, maxLine)).join("\n");
}
var DEFAULT_DESCRIPTION_MAX = 8e3;
var REPORT_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
function cleanProse(value, max = DEFAULT_DESCRIPTION_MAX) {
  let s = typeof value === "string" ? value : cleanText(value, Number.MAX_SAFE_INTEGER);
  if (s.length > max * 4 + 64) s = s.slice(0, max * 4 + 64);
  s = s.replace(ESCAPE_SEQUENCE, "").replace(/\r\n?|[\u0085\u2028\u2029]/g, "\n").replace(REPORT_CONTROL, "");
  if (s.length > max) s = s.slice(0, Math.max(0, max - 1)) + "\u2026";
  return s;
}

// src/core/clock.ts
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.max(0, ms)
    );
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
var systemClock = { now: () => Date.now(), sleep };

// src/core/digest.ts
var DIGEST = /^([a-z0-9]+(?:[+._-][a-z0-9]+)*):([a-zA-Z0-9=_-]+)$/;
function shortDigest(digest) {
  const m = DIGEST.exec(digest);
  if (!m) return digest;
  return m[2].length > 12 ? `${m[1]}:${m[2].slice(0, 12)}\u2026` : digest;
}

// src/core/suggest.ts
function norm(s) {
  return s.replace(/([a-z])([A-Z])/g, "$1-$2").toLowerCase().replace(/[_\s]/g, "-");
}
function distance(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
function suggest(word, candidates) {
  const w = norm(word);
  let best;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(w, norm(c));
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best !== void 0 && bestD <= Math.max(2, Math.floor(w.length / 3)) ? best : void 0;
}

// src/core/color.ts
function colorEnabled(env, isTTY) {
  if ((env.NO_COLOR ?? "") !== "") return false;
  const force = env.FORCE_COLOR;
  if (force !== void 0 && force !== "") return force !== "0" && force.toLowerCase() !== "false";
  return isTTY;
}

// src/core/files.ts
import fs from "node:fs";
var NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
async function writeFileNoFollow(file, content, opts = {}) {
  const flags = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_TRUNC | NOFOLLOW;
  let handle;
  try {
    handle = await fs.promises.open(file, flags, opts.mode ?? 420);
  } catch (e) {
    throw openError(file, e);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) {
      throw new GateError({
        code: "REPORT_NOT_A_FILE",
        message: `${file} is not a regular file; the report was not written`,
        remedy: "Choose a report path that is a regular file (or does not exist yet).",
        kind: "input"
      });
    }
    await handle.writeFile(content);
  } catch (e) {
    if (e instanceof GateError) throw e;
    throw writeError(file, e);
  } finally {
    await handle.close();
  }
}
function openError(file, e) {
  const errno = e.code;
  if (errno === "ELOOP" || errno === "EMLINK") {
    return new GateError({
      code: "REPORT_SYMLINK",
      message: `${file} is a symbolic link; the report was not written through it`,
      remedy: "Remove the link (a checked-out repository can contain one) or choose another report path; harbor-gate never writes through a link.",
      kind: "input",
      cause: e
    });
  }
  if (errno === "EISDIR") {
    return new GateError({
      code: "REPORT_NOT_A_FILE",
      message: `${file} is a directory; the report was not written`,
      remedy: "Give a file path for the report, not a directory.",
      kind: "input",
      cause: e
    });
  }
  return writeError(file, e);
}
function writeError(file, e) {
  return new GateError({
    code: "REPORT_WRITE_FAILED",
    message: `cannot write ${file}: ${describe(e)}`,
    remedy: "Check that the directory exists, is writable by the user running harbor-gate, and has free space.",
    kind: "input",
    cause: e
  });
}

export {
  DEFAULT_TEXT_MAX,
  cleanText,
  isCleanText,
  cleanLines,
  DEFAULT_DESCRIPTION_MAX,
  cleanProse,
  SEVERITIES,
  emptyCounts,
  parseDuration,
  formatDuration,
  systemClock,
  shortDigest,
  suggest,
  colorEnabled,
  writeFileNoFollow
};
