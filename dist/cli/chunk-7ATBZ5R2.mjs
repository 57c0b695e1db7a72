import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  GateError,
  SHA256_DIGEST_PATTERN,
  cleanText,
  describe,
  isGateError
} from "./chunk-6AKVQXYQ.mjs";

// src/vex/errors.ts
var REMEDY = {
  VEX_READ: "Check the path given to --vex (or in the policy file's vex: list) and that the file is readable.",
  VEX_PARSE: "Fix the JSON syntax at the line named; a VEX document is one JSON object.",
  VEX_INVALID: "Fix the field at the line named (docs/vex.md lists the fields harbor-gate reads), or regenerate the document with vexctl or your SBOM tool.",
  VEX_UNSUPPORTED: 'Give an OpenVEX 0.2.0 document ("@context": "https://openvex.dev/ns/v0.2.0") or a CycloneDX 1.4-1.7 BOM with vulnerabilities[].analysis; see docs/vex.md.',
  VEX_TOO_LARGE: "Split the document; harbor-gate reads VEX documents up to 16 MiB and 100,000 statements."
};
function vexError(code, document, line, problem, cause) {
  const where2 = line === void 0 ? cleanText(document) : `${cleanText(document)}:${line}`;
  return new GateError({
    code,
    kind: "input",
    message: `${where2}: ${problem}`,
    remedy: REMEDY[code],
    cause,
    details: { file: document, ...line !== void 0 ? { line } : {} }
  });
}

// src/vex/jsonpos.ts
function unescapeToken(t) {
  return t.replace(/~1/g, "/").replace(/~0/g, "~");
}
function pointerTokens(pointer) {
  if (pointer === "") return [];
  return pointer.split("/").slice(1).map(unescapeToken);
}
function toPointer(tokens) {
  return tokens.map((t) => `/${String(t).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}
function lineAt(text, offset) {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
var Scanner = class {
  constructor(s) {
    this.s = s;
  }
  s;
  pos = 0;
  ws() {
    while (this.pos < this.s.length) {
      const c = this.s.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.pos++;
      else break;
    }
  }
  peek() {
    return this.s[this.pos] ?? "";
  }
  /** Read a string starting at a quote; returns its decoded value. */
  string() {
    if (this.peek() !== '"') return void 0;
    const start = this.pos;
    this.pos++;
    while (this.pos < this.s.length) {
      const c = this.s[this.pos];
      if (c === "\\") this.pos += 2;
      else if (c === '"') {
        this.pos++;
        try {
          return JSON.parse(this.s.slice(start, this.pos));
        } catch {
          return void 0;
        }
      } else this.pos++;
    }
    return void 0;
  }
  /** Skip any value; false when the text is not JSON here. */
  skip() {
    this.ws();
    const c = this.peek();
    if (c === '"') return this.string() !== void 0;
    if (c === "{" || c === "[") {
      let depth = 0;
      while (this.pos < this.s.length) {
        const ch = this.s[this.pos];
        if (ch === '"') {
          if (this.string() === void 0) return false;
          continue;
        }
        if (ch === "{" || ch === "[") depth++;
        else if (ch === "}" || ch === "]") {
          depth--;
          if (depth === 0) {
            this.pos++;
            return true;
          }
        }
        this.pos++;
      }
      return false;
    }
    const m = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(
      this.s.slice(this.pos, this.pos + 64)
    );
    if (!m) return false;
    this.pos += m[0].length;
    return true;
  }
};
function offsetOfPointer(text, pointer) {
  const sc = new Scanner(text);
  sc.ws();
  if (sc.peek() === "\uFEFF") {
    sc.pos++;
    sc.ws();
  }
  for (const token of pointerTokens(pointer)) {
    sc.ws();
    const open = sc.peek();
    if (open === "{") {
      sc.pos++;
      for (; ; ) {
        sc.ws();
        if (sc.peek() === "}") return void 0;
        const key = sc.string();
        if (key === void 0) return void 0;
        sc.ws();
        if (sc.peek() !== ":") return void 0;
        sc.pos++;
        sc.ws();
        if (key === token) break;
        if (!sc.skip()) return void 0;
        sc.ws();
        if (sc.peek() === ",") sc.pos++;
      }
    } else if (open === "[") {
      if (!/^(0|[1-9]\d*)$/.test(token)) return void 0;
      const want = Number(token);
      sc.pos++;
      for (let i = 0; ; i++) {
        sc.ws();
        if (sc.peek() === "]") return void 0;
        if (i === want) break;
        if (!sc.skip()) return void 0;
        sc.ws();
        if (sc.peek() === ",") sc.pos++;
      }
    } else {
      return void 0;
    }
  }
  sc.ws();
  return sc.pos;
}
function lineOfPointer(text, pointer) {
  const tokens = pointerTokens(pointer);
  for (let n = tokens.length; n >= 0; n--) {
    const off = offsetOfPointer(text, toPointer(tokens.slice(0, n)));
    if (off !== void 0) return lineAt(text, off);
  }
  return 1;
}
function lineOfSyntaxError(text, e) {
  const msg = e instanceof Error ? e.message : String(e);
  const lc2 = /\(line (\d+) column \d+\)/.exec(msg);
  if (lc2) return Number(lc2[1]);
  const p = /at position (\d+)/.exec(msg);
  if (p) return lineAt(text, Number(p[1]));
  if (/Unexpected end of JSON input/i.test(msg)) return lineAt(text, text.length);
  const off = syntaxErrorOffset(text);
  return off === void 0 ? void 0 : lineAt(text, off);
}
function syntaxErrorOffset(text) {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n && (text[i] === " " || text[i] === "	" || text[i] === "\n" || text[i] === "\r")) i++;
  };
  class Bad extends Error {
  }
  const bad = () => {
    throw new Bad();
  };
  const str = () => {
    if (text[i] !== '"') bad();
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 32) bad();
      if (c === 92) {
        const e = text[i + 1] ?? "";
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) bad();
          i += 6;
        } else if ('"\\/bfnrt'.includes(e) && e !== "") i += 2;
        else bad();
      } else i++;
    }
    bad();
  };
  const value = (depth) => {
    if (depth > 512) bad();
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") {
        i++;
        return;
      }
      for (; ; ) {
        ws();
        str();
        ws();
        if (text[i] !== ":") bad();
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") {
          i++;
          return;
        }
        bad();
      }
    }
    if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") {
        i++;
        return;
      }
      for (; ; ) {
        value(depth + 1);
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") {
          i++;
          return;
        }
        bad();
      }
    }
    if (c === '"') {
      str();
      return;
    }
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) bad();
    i += m[0].length;
    if (m[0].length > 0 && /[A-Za-z0-9]/.test(text[i] ?? "")) bad();
  };
  try {
    value(0);
    ws();
    return i < n ? i : void 0;
  } catch (e) {
    if (e instanceof Bad) return Math.min(i, n);
    throw e;
  }
}

// src/vex/context.ts
var ReadContext = class {
  constructor(text, name) {
    this.text = text;
    this.name = name;
  }
  text;
  name;
  warnings = [];
  line(path) {
    return lineOfPointer(this.text, toPointer(path));
  }
  fail(code, path, problem) {
    return vexError(code, this.name, this.line(path), `${where(path)}${problem}`);
  }
  warn(path, problem) {
    if (this.warnings.length < 50)
      this.warnings.push(`${cleanText(this.name)}:${this.line(path)}: ${where(path)}${problem}`);
  }
};
function where(path) {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out === "" ? p : `.${p}`;
  return out === "" ? "" : `${out}: `;
}
function show(v) {
  const s = typeof v === "string" ? JSON.stringify(cleanText(v, 80)) : v === void 0 ? "missing" : JSON.stringify(v);
  return s.length > 90 ? `${s.slice(0, 87)}...` : s;
}
function isObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
function parseTime(v) {
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.test(v))
    return void 0;
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? ms : void 0;
}
var Reader = class {
  constructor(ctx) {
    this.ctx = ctx;
  }
  ctx;
  string(obj, key, path, required) {
    const v = obj[key];
    if (v === void 0 || v === null) {
      if (required) throw this.ctx.fail("VEX_INVALID", path, `"${key}" is required`);
      return void 0;
    }
    if (typeof v !== "string")
      throw this.ctx.fail("VEX_INVALID", [...path, key], `is ${show(v)}; it must be a string`);
    if (required && v.trim() === "") throw this.ctx.fail("VEX_INVALID", [...path, key], "is empty");
    return v;
  }
  time(obj, key, path, required) {
    const s = this.string(obj, key, path, required);
    if (s === void 0) return void 0;
    const ms = parseTime(s);
    if (ms === void 0)
      throw this.ctx.fail("VEX_INVALID", [...path, key], `is ${show(s)}; it must be an RFC 3339 date-time`);
    return ms;
  }
  array(obj, key, path, required) {
    const v = obj[key];
    if (v === void 0 || v === null) {
      if (required) throw this.ctx.fail("VEX_INVALID", path, `"${key}" is required`);
      return void 0;
    }
    if (!Array.isArray(v))
      throw this.ctx.fail("VEX_INVALID", [...path, key], `is ${show(v)}; it must be a list`);
    return v;
  }
  object(v, path, what) {
    if (!isObject(v)) throw this.ctx.fail("VEX_INVALID", path, `is ${show(v)}; it must be ${what}`);
    return v;
  }
  unknownKeys(obj, known, path) {
    for (const k of Object.keys(obj)) {
      if (!known.includes(k)) this.ctx.warn([...path, k], `unknown field, ignored`);
    }
  }
};

// src/vex/types.ts
var VEX_STATUSES = [
  "not_affected",
  "affected",
  "fixed",
  "under_investigation"
];
var WAIVING_STATUSES = /* @__PURE__ */ new Set(["not_affected", "fixed"]);
var OPENVEX_JUSTIFICATIONS = [
  "component_not_present",
  "vulnerable_code_not_present",
  "vulnerable_code_not_in_execute_path",
  "vulnerable_code_cannot_be_controlled_by_adversary",
  "inline_mitigations_already_exist"
];

// src/vex/openvex.ts
var OPENVEX_CONTEXT_V020 = "https://openvex.dev/ns/v0.2.0";
var OPENVEX_NAMESPACE = "https://openvex.dev/ns";
var CONTEXTS = /* @__PURE__ */ new Set([
  OPENVEX_CONTEXT_V020,
  `${OPENVEX_CONTEXT_V020}/`,
  OPENVEX_NAMESPACE,
  `${OPENVEX_NAMESPACE}/`
]);
var DOC_KEYS = [
  "@context",
  "@id",
  "author",
  "role",
  "timestamp",
  "last_updated",
  "version",
  "tooling",
  "statements"
];
var STATEMENT_KEYS = [
  "@id",
  "version",
  "vulnerability",
  "timestamp",
  "last_updated",
  "products",
  "status",
  "supplier",
  "status_notes",
  "justification",
  "impact_statement",
  "action_statement",
  "action_statement_timestamp"
];
var VULN_KEYS = ["@id", "name", "description", "aliases"];
var COMPONENT_KEYS = ["@id", "identifiers", "hashes"];
function isOpenVexContext(v) {
  return typeof v === "string" && /^https?:\/\/openvex\.dev\/ns(\/|$)/.test(v);
}
function parseOpenVex(doc, ctx, maxStatements) {
  const r = new Reader(ctx);
  const context = doc["@context"];
  if (typeof context !== "string" || !CONTEXTS.has(context)) {
    throw ctx.fail(
      "VEX_UNSUPPORTED",
      ["@context"],
      `OpenVEX context ${show(context)} is not supported; harbor-gate reads ${OPENVEX_CONTEXT_V020}`
    );
  }
  r.unknownKeys(doc, DOC_KEYS, []);
  const id = r.string(doc, "@id", [], true);
  const author = r.string(doc, "author", [], true);
  const timestamp = r.time(doc, "timestamp", [], true);
  const lastUpdated = r.time(doc, "last_updated", [], false);
  const version = doc.version;
  if (version === void 0) throw ctx.fail("VEX_INVALID", [], '"version" is required');
  if (!(Number.isInteger(version) && version >= 1) && !(typeof version === "string" && /^[1-9]\d*$/.test(version)))
    throw ctx.fail("VEX_INVALID", ["version"], `is ${show(version)}; it must be a whole number, 1 or more`);
  const list = r.array(doc, "statements", [], true);
  if (list.length === 0)
    throw ctx.fail("VEX_INVALID", ["statements"], "is empty; a VEX document has one statement or more");
  if (list.length > maxStatements)
    throw ctx.fail(
      "VEX_TOO_LARGE",
      ["statements"],
      `has ${list.length} statements, more than ${maxStatements}`
    );
  const source = {
    document: ctx.name,
    format: "openvex",
    ...id ? { id } : {},
    ...author ? { author } : {}
  };
  const docTime = Math.max(timestamp, lastUpdated ?? 0);
  const statements = list.map((raw, i) => statement(raw, ["statements", i], i, r, ctx, docTime, source));
  return {
    name: ctx.name,
    format: "openvex",
    ...id ? { id } : {},
    ...author ? { author } : {},
    timestamp,
    statements,
    warnings: ctx.warnings
  };
}
function statement(raw, path, index, r, ctx, docTime, source) {
  const s = r.object(raw, path, "a statement object");
  r.unknownKeys(s, STATEMENT_KEYS, path);
  if (s.vulnerability === void 0) throw ctx.fail("VEX_INVALID", path, '"vulnerability" is required');
  const vulnerability = vuln(s.vulnerability, [...path, "vulnerability"], r, ctx);
  const statusRaw = r.string(s, "status", path, true);
  if (!VEX_STATUSES.includes(statusRaw))
    throw ctx.fail(
      "VEX_INVALID",
      [...path, "status"],
      `is ${show(statusRaw)}; allowed: ${VEX_STATUSES.join(", ")}`
    );
  const status = statusRaw;
  const justification = r.string(s, "justification", path, false);
  if (justification !== void 0 && !OPENVEX_JUSTIFICATIONS.includes(justification))
    throw ctx.fail(
      "VEX_INVALID",
      [...path, "justification"],
      `is ${show(justification)}; allowed: ${OPENVEX_JUSTIFICATIONS.join(", ")}`
    );
  const impactStatement = r.string(s, "impact_statement", path, false);
  const actionStatement = r.string(s, "action_statement", path, false);
  const statusNotes = r.string(s, "status_notes", path, false);
  r.string(s, "supplier", path, false);
  r.string(s, "@id", path, false);
  if (status === "not_affected" && !justification && !impactStatement?.trim())
    throw ctx.fail(
      "VEX_INVALID",
      path,
      'a not_affected statement needs a "justification" or an "impact_statement"'
    );
  if (status === "affected" && !actionStatement?.trim())
    ctx.warn(path, 'an affected statement should carry an "action_statement"');
  if (s.version !== void 0 && !(Number.isInteger(s.version) && s.version >= 0))
    throw ctx.fail("VEX_INVALID", [...path, "version"], `is ${show(s.version)}; it must be a whole number`);
  const ts = r.time(s, "timestamp", path, false);
  const lu = r.time(s, "last_updated", path, false);
  r.time(s, "action_statement_timestamp", path, false);
  const productsRaw = r.array(s, "products", path, false) ?? [];
  const products = productsRaw.map((p, j) => product(p, [...path, "products", j], r, ctx));
  return {
    vulnerability,
    products,
    status,
    ...justification !== void 0 ? { justification } : {},
    ...impactStatement !== void 0 ? { impactStatement } : {},
    ...actionStatement !== void 0 ? { actionStatement } : {},
    ...statusNotes !== void 0 ? { statusNotes } : {},
    timestamp: ts !== void 0 || lu !== void 0 ? Math.max(ts ?? 0, lu ?? 0) : docTime,
    source,
    index,
    line: ctx.line(path)
  };
}
function vuln(raw, path, r, ctx) {
  const v = r.object(raw, path, 'an object with "name" (OpenVEX 0.2.0)');
  r.unknownKeys(v, VULN_KEYS, path);
  const name = r.string(v, "name", path, true).trim();
  r.string(v, "@id", path, false);
  r.string(v, "description", path, false);
  const aliases = (r.array(v, "aliases", path, false) ?? []).map((a, i) => {
    if (typeof a !== "string")
      throw ctx.fail("VEX_INVALID", [...path, "aliases", i], `is ${show(a)}; it must be a string`);
    return a.trim();
  });
  return { name, aliases: aliases.filter((a) => a !== "") };
}
function component(raw, path, r, ctx, keys) {
  const c = r.object(raw, path, 'a component object ({"@id": ...} or {"identifiers": {"purl": ...}})');
  r.unknownKeys(c, keys, path);
  const ids = [];
  const id = r.string(c, "@id", path, false);
  if (id?.trim()) ids.push(id.trim());
  if (c.identifiers !== void 0) {
    const idf = r.object(c.identifiers, [...path, "identifiers"], "a map of identifiers");
    for (const [k, v] of Object.entries(idf)) {
      if (typeof v !== "string")
        throw ctx.fail("VEX_INVALID", [...path, "identifiers", k], `is ${show(v)}; it must be a string`);
      if (k === "purl" && v.trim()) ids.push(v.trim());
    }
  }
  if (c.hashes !== void 0) r.object(c.hashes, [...path, "hashes"], "a map of hashes");
  if (ids.length === 0 && !isObject(c.hashes))
    throw ctx.fail("VEX_INVALID", path, 'names nothing: give "@id" or "identifiers.purl"');
  return { ids, obj: c };
}
function product(raw, path, r, ctx) {
  const { ids, obj } = component(raw, path, r, ctx, [...COMPONENT_KEYS, "subcomponents"]);
  const subs = (r.array(obj, "subcomponents", path, false) ?? []).map((s, i) => {
    const c = component(s, [...path, "subcomponents", i], r, ctx, COMPONENT_KEYS);
    return { ids: c.ids };
  });
  return { ids, subcomponents: subs };
}

// src/vex/cyclonedx.ts
var CYCLONEDX_VERSIONS = ["1.4", "1.5", "1.6", "1.7"];
var CYCLONEDX_STATE_MAP = {
  not_affected: "not_affected",
  false_positive: "not_affected",
  resolved: "fixed",
  resolved_with_pedigree: "fixed",
  exploitable: "affected",
  in_triage: "under_investigation"
};
var CYCLONEDX_JUSTIFICATION_MAP = {
  code_not_present: "vulnerable_code_not_present",
  code_not_reachable: "vulnerable_code_not_in_execute_path",
  requires_configuration: "vulnerable_code_cannot_be_controlled_by_adversary",
  requires_dependency: "component_not_present",
  requires_environment: "vulnerable_code_cannot_be_controlled_by_adversary",
  protected_by_compiler: "inline_mitigations_already_exist",
  protected_at_runtime: "inline_mitigations_already_exist",
  protected_at_perimeter: "inline_mitigations_already_exist",
  protected_by_mitigating_control: "inline_mitigations_already_exist"
};
var RESPONSES = ["can_not_fix", "will_not_fix", "update", "rollback", "workaround_available"];
function isCycloneDx(doc) {
  return doc.bomFormat === "CycloneDX";
}
function indexComponents(doc) {
  const map = /* @__PURE__ */ new Map();
  const visit = (c, depth) => {
    if (!isObject(c) || depth > 32 || map.size > 2e5) return;
    const ids = [];
    if (typeof c.purl === "string" && c.purl.trim()) ids.push(c.purl.trim());
    if (typeof c["bom-ref"] === "string" && c["bom-ref"].trim()) ids.push(c["bom-ref"].trim());
    if (typeof c.name === "string" && c.name.trim()) {
      const name = typeof c.group === "string" && c.group ? `${c.group}/${c.name}` : c.name;
      ids.push(typeof c.version === "string" && c.version ? `${name}@${c.version}` : name);
    }
    if (typeof c["bom-ref"] === "string") map.set(c["bom-ref"], { ids });
    if (Array.isArray(c.components)) for (const k of c.components) visit(k, depth + 1);
  };
  const meta = doc.metadata;
  if (isObject(meta)) visit(meta.component, 0);
  if (Array.isArray(doc.components)) for (const c of doc.components) visit(c, 0);
  return map;
}
function metadataComponent(doc) {
  const meta = doc.metadata;
  if (!isObject(meta) || !isObject(meta.component)) return void 0;
  const c = meta.component;
  const ids = [];
  if (typeof c.purl === "string" && c.purl.trim()) ids.push(c.purl.trim());
  if (typeof c["bom-ref"] === "string" && c["bom-ref"].trim()) ids.push(c["bom-ref"].trim());
  if (typeof c.name === "string" && c.name.trim()) ids.push(c.name.trim());
  return ids.length > 0 ? { ids } : void 0;
}
function bomLinkRef(ref) {
  const m = /^urn:cdx:[^#]+#(.+)$/.exec(ref);
  if (!m) return void 0;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1];
  }
}
function parseCycloneDxVex(doc, ctx, maxStatements) {
  const r = new Reader(ctx);
  const spec = doc.specVersion;
  if (typeof spec !== "string" || !CYCLONEDX_VERSIONS.includes(spec)) {
    throw ctx.fail(
      "VEX_UNSUPPORTED",
      ["specVersion"],
      `CycloneDX specVersion ${show(spec)} is not supported; harbor-gate reads ${CYCLONEDX_VERSIONS.join(", ")}`
    );
  }
  const list = r.array(doc, "vulnerabilities", [], false);
  if (!list || list.length === 0)
    throw ctx.fail(
      "VEX_UNSUPPORTED",
      [],
      'this CycloneDX BOM has no "vulnerabilities": it is an SBOM, not VEX'
    );
  if (list.length > maxStatements)
    throw ctx.fail(
      "VEX_TOO_LARGE",
      ["vulnerabilities"],
      `has ${list.length} entries, more than ${maxStatements}`
    );
  const serial = typeof doc.serialNumber === "string" ? doc.serialNumber : void 0;
  const meta = isObject(doc.metadata) ? doc.metadata : {};
  const docTime = typeof meta.timestamp === "string" ? r.time(meta, "timestamp", ["metadata"], false) : void 0;
  const author = authorOf(meta);
  const source = {
    document: ctx.name,
    format: "cyclonedx",
    ...serial ? { id: serial } : {},
    ...author ? { author } : {}
  };
  const components = indexComponents(doc);
  const productComp = metadataComponent(doc);
  if (!productComp)
    ctx.warn(
      ["metadata"],
      "no metadata.component: the statements name no product (the image) and match nothing"
    );
  const statements = [];
  list.forEach((raw, i) => {
    const path = ["vulnerabilities", i];
    const v = r.object(raw, path, "a vulnerability object");
    const id = r.string(v, "id", path, true).trim();
    const aliases = [];
    for (const [j, ref] of (r.array(v, "references", path, false) ?? []).entries()) {
      const o = r.object(ref, [...path, "references", j], 'an object with "id"');
      const rid = r.string(o, "id", [...path, "references", j], true).trim();
      if (rid) aliases.push(rid);
    }
    if (v.analysis === void 0) {
      ctx.warn(path, 'no "analysis": a vulnerability listing, not a VEX statement; ignored');
      return;
    }
    const a = r.object(v.analysis, [...path, "analysis"], "an object");
    const state = r.string(a, "state", [...path, "analysis"], false);
    if (state === void 0) {
      ctx.warn([...path, "analysis"], 'no "state": not a VEX statement; ignored');
      return;
    }
    const status = CYCLONEDX_STATE_MAP[state];
    if (!status)
      throw ctx.fail(
        "VEX_INVALID",
        [...path, "analysis", "state"],
        `is ${show(state)}; allowed: ${Object.keys(CYCLONEDX_STATE_MAP).join(", ")}`
      );
    const just = r.string(a, "justification", [...path, "analysis"], false);
    let justification;
    if (just !== void 0) {
      justification = CYCLONEDX_JUSTIFICATION_MAP[just];
      if (!justification)
        throw ctx.fail(
          "VEX_INVALID",
          [...path, "analysis", "justification"],
          `is ${show(just)}; allowed: ${Object.keys(CYCLONEDX_JUSTIFICATION_MAP).join(", ")}`
        );
    }
    const responses = (r.array(a, "response", [...path, "analysis"], false) ?? []).map((x, k) => {
      if (typeof x !== "string" || !RESPONSES.includes(x))
        throw ctx.fail(
          "VEX_INVALID",
          [...path, "analysis", "response", k],
          `is ${show(x)}; allowed: ${RESPONSES.join(", ")}`
        );
      return x;
    });
    const detail = r.string(a, "detail", [...path, "analysis"], false)?.trim();
    const first = r.time(a, "firstIssued", [...path, "analysis"], false);
    const last = r.time(a, "lastUpdated", [...path, "analysis"], false);
    const updated = r.time(v, "updated", path, false);
    const published = r.time(v, "published", path, false);
    const timestamp = last ?? first ?? updated ?? published ?? docTime ?? 0;
    if (status === "not_affected" && !justification && !detail && state !== "false_positive")
      throw ctx.fail(
        "VEX_INVALID",
        [...path, "analysis"],
        'a not_affected analysis needs a "justification" or a "detail" saying why'
      );
    const subs = [];
    let wholeProduct = false;
    for (const [j, af] of (r.array(v, "affects", path, false) ?? []).entries()) {
      const o = r.object(af, [...path, "affects", j], 'an object with "ref"');
      const ref = r.string(o, "ref", [...path, "affects", j], true).trim();
      const local = bomLinkRef(ref) ?? ref;
      if (productComp && (productComp.ids.includes(local) || productComp.ids.includes(ref))) {
        wholeProduct = true;
        continue;
      }
      const comp = components.get(local);
      subs.push({ ids: comp ? comp.ids : [local] });
    }
    const products = productComp ? [{ ids: productComp.ids, subcomponents: wholeProduct ? [] : subs }] : [];
    if (productComp && !wholeProduct && subs.length === 0)
      ctx.warn(path, 'no "affects": the statement is about the whole product');
    let impactStatement;
    let statusNotes;
    let actionStatement;
    if (status === "not_affected") {
      impactStatement = state === "false_positive" ? `false positive${detail ? `: ${detail}` : ""}` : detail || void 0;
    } else if (status === "affected") {
      actionStatement = [responses.length > 0 ? `response: ${responses.join(", ")}` : "", detail ?? ""].filter((x) => x).join("; ") || void 0;
    } else if (detail) {
      statusNotes = detail;
    }
    statements.push({
      vulnerability: { name: id, aliases },
      products,
      status,
      ...justification ? { justification, sourceJustification: just } : {},
      ...impactStatement ? { impactStatement } : {},
      ...actionStatement ? { actionStatement } : {},
      ...statusNotes ? { statusNotes } : status === "fixed" && detail ? { statusNotes: detail } : {},
      ...state !== status ? { sourceState: state } : {},
      timestamp,
      source,
      index: i,
      line: ctx.line(path)
    });
  });
  return {
    name: ctx.name,
    format: "cyclonedx",
    ...serial ? { id: serial } : {},
    ...author ? { author } : {},
    ...docTime !== void 0 ? { timestamp: docTime } : {},
    statements,
    warnings: ctx.warnings
  };
}
function authorOf(meta) {
  const names = [];
  if (Array.isArray(meta.authors)) {
    for (const a of meta.authors) if (isObject(a) && typeof a.name === "string") names.push(a.name);
  }
  if (names.length === 0 && isObject(meta.supplier) && typeof meta.supplier.name === "string")
    names.push(meta.supplier.name);
  if (names.length === 0 && isObject(meta.manufacturer) && typeof meta.manufacturer.name === "string")
    names.push(meta.manufacturer.name);
  return names.length > 0 ? names.join(", ") : void 0;
}

// src/vex/parse.ts
var MAX_VEX_BYTES = 16 * 1024 * 1024;
var MAX_VEX_STATEMENTS = 1e5;
function parseVexDocument(input, name, opts = {}) {
  const maxBytes = opts.maxBytes ?? MAX_VEX_BYTES;
  const size = typeof input === "string" ? Buffer.byteLength(input) : input.length;
  if (size > maxBytes)
    throw vexError("VEX_TOO_LARGE", name, void 0, `is ${size} bytes, more than ${maxBytes}`);
  const text = (typeof input === "string" ? input : input.toString("utf8")).replace(/^\uFEFF/, "");
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const line = lineOfSyntaxError(text, e);
    throw vexError("VEX_PARSE", name, line, `is not JSON (${e instanceof Error ? e.message : String(e)})`, e);
  }
  return parseVexValue(doc, text, name, opts);
}
function parseVexValue(doc, text, name, opts = {}) {
  const maxStatements = opts.maxStatements ?? MAX_VEX_STATEMENTS;
  const ctx = new ReadContext(text, name);
  if (!isObject(doc))
    throw vexError(
      "VEX_UNSUPPORTED",
      name,
      1,
      `the document is ${show(doc)}; a VEX document is a JSON object`
    );
  if (doc["@context"] !== void 0 && isOpenVexContext(doc["@context"]))
    return parseOpenVex(doc, ctx, maxStatements);
  if (isCycloneDx(doc)) return parseCycloneDxVex(doc, ctx, maxStatements);
  if (doc["@context"] !== void 0)
    throw ctx.fail("VEX_UNSUPPORTED", ["@context"], `${show(doc["@context"])} is not an OpenVEX context`);
  if (doc.document !== void 0 && isObject(doc.document) && typeof doc.document.csaf_version === "string")
    throw vexError(
      "VEX_UNSUPPORTED",
      name,
      1,
      "CSAF VEX is not supported; convert it with `vexctl` to OpenVEX"
    );
  throw vexError(
    "VEX_UNSUPPORTED",
    name,
    1,
    'not an OpenVEX document (no "@context": "https://openvex.dev/ns/v0.2.0") nor a CycloneDX BOM (no "bomFormat": "CycloneDX")'
  );
}

// src/vex/purl.ts
function decode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return void 0;
  }
}
function parsePurl(input) {
  if (typeof input !== "string" || input.length > 4096 || !/^pkg:/i.test(input)) return void 0;
  let rest = input.slice(4).replace(/^\/+/, "");
  const hash = rest.indexOf("#");
  if (hash >= 0) rest = rest.slice(0, hash);
  const qualifiers = {};
  const q = rest.indexOf("?");
  if (q >= 0) {
    for (const pair of rest.slice(q + 1).split("&")) {
      if (pair === "") continue;
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const k = pair.slice(0, eq).toLowerCase();
      const v = decode(pair.slice(eq + 1));
      if (v !== void 0 && v !== "") qualifiers[k] = v;
    }
    rest = rest.slice(0, q);
  }
  const slash = rest.indexOf("/");
  if (slash <= 0) return void 0;
  const type = rest.slice(0, slash).toLowerCase();
  if (!/^[a-z.+-][a-z0-9.+-]*$/.test(type)) return void 0;
  let path = rest.slice(slash + 1).replace(/\/+$/, "");
  let version;
  const at = path.lastIndexOf("@");
  if (at >= 0) {
    version = decode(path.slice(at + 1));
    if (version === void 0) return void 0;
    path = path.slice(0, at);
  }
  const segments = path.split("/").filter((s) => s !== "");
  const nameRaw = segments.pop();
  if (nameRaw === void 0) return void 0;
  const name = decode(nameRaw);
  if (name === void 0 || name === "") return void 0;
  const ns = segments.map(decode);
  if (ns.some((s) => s === void 0)) return void 0;
  const out = { type, name, qualifiers };
  if (ns.length > 0) out.namespace = ns.join("/");
  if (version !== void 0 && version !== "") out.version = version;
  return out;
}

// src/vex/match.ts
function lc(s) {
  return s?.toLowerCase();
}
function productMatchesImage(id, image, platformDigest) {
  const digests = /* @__PURE__ */ new Set([image.digest.toLowerCase()]);
  if (platformDigest) digests.add(platformDigest.toLowerCase());
  const purl = parsePurl(id);
  if (purl) {
    if (purl.type !== "oci" && purl.type !== "docker") return false;
    const v = lc(purl.version);
    return v !== void 0 && SHA256_DIGEST_PATTERN.test(v) && digests.has(v);
  }
  const s = id.trim();
  if (digests.has(s.toLowerCase())) return true;
  if (image.reference !== void 0 && s === image.reference) return true;
  const at = s.lastIndexOf("@");
  if (at > 0) {
    const d = s.slice(at + 1).toLowerCase();
    if (!digests.has(d)) return false;
    const repo = s.slice(0, at).toLowerCase();
    if (image.repository === void 0) return false;
    const want = image.repository.toLowerCase();
    return repo === want || repo === `docker.io/${want}` || `docker.io/${repo}` === want;
  }
  return false;
}
function componentMatchesPackage(id, f) {
  const pkg = f.package.toLowerCase();
  const purl = parsePurl(id);
  if (purl) {
    const name = purl.name.toLowerCase();
    const full = purl.namespace ? `${purl.namespace}/${purl.name}`.toLowerCase() : name;
    if (name !== pkg && full !== pkg) return false;
    return purl.version === void 0 || purl.version === f.version;
  }
  const s = id.trim().toLowerCase();
  return s === pkg || s === `${pkg}@${f.version.toLowerCase()}`;
}
function vulnerabilityMatches(st, findingId) {
  const id = findingId.toUpperCase();
  return st.vulnerability.name.toUpperCase() === id || st.vulnerability.aliases.some((a) => a.toUpperCase() === id);
}
function statementApplies(st, f, image) {
  if (!vulnerabilityMatches(st, f.id)) return false;
  return st.products.some((p) => {
    if (!p.ids.some((id) => productMatchesImage(id, image, f.artifactDigest))) return false;
    if (p.subcomponents.length === 0) return true;
    return p.subcomponents.some((c) => c.ids.some((id) => componentMatchesPackage(id, f)));
  });
}
var VexIndex = class {
  constructor(statements, image) {
    this.image = image;
    statements.forEach((st, order) => {
      for (const id of new Set(
        [st.vulnerability.name, ...st.vulnerability.aliases].map((x) => x.toUpperCase())
      )) {
        let list = this.byId.get(id);
        if (!list) this.byId.set(id, list = []);
        list.push({ st, order });
      }
    });
  }
  image;
  byId = /* @__PURE__ */ new Map();
  /** The statement that decides this finding (the latest that applies), if any. */
  lookup(f) {
    let best;
    for (const c of this.byId.get(f.id.toUpperCase()) ?? []) {
      if (!statementApplies(c.st, f, this.image)) continue;
      if (!best || c.st.timestamp > best.st.timestamp || c.st.timestamp === best.st.timestamp && c.order > best.order)
        best = c;
    }
    return best ? { statement: best.st, waives: WAIVING_STATUSES.has(best.st.status) } : void 0;
  }
};

// src/vex/convert.ts
function component2(c) {
  const out = {};
  const purl = c.ids.find((id) => parsePurl(id) !== void 0);
  const first = purl ?? c.ids[0];
  if (first !== void 0) out["@id"] = first;
  if (purl) out.identifiers = { purl };
  return out;
}
function toOpenVex(doc, opts = {}) {
  const ts = doc.timestamp ?? opts.now?.getTime() ?? Date.now();
  const id = doc.id && /^[a-z][a-z0-9+.-]*:/i.test(doc.id) ? doc.id : `https://openvex.dev/docs/public/harbor-gate-${encodeURIComponent(doc.name)}`;
  return {
    "@context": OPENVEX_CONTEXT_V020,
    "@id": id,
    author: opts.author ?? doc.author ?? "unknown",
    timestamp: new Date(ts).toISOString(),
    version: 1,
    tooling: `harbor-gate (converted from ${doc.format === "cyclonedx" ? "CycloneDX VEX" : "OpenVEX"})`,
    statements: doc.statements.map((s) => {
      const notes = [
        s.sourceState ? `CycloneDX state: ${s.sourceState}` : "",
        s.sourceJustification ? `CycloneDX justification: ${s.sourceJustification}` : "",
        s.statusNotes ?? ""
      ].filter((x) => x);
      return {
        vulnerability: {
          name: s.vulnerability.name,
          ...s.vulnerability.aliases.length > 0 ? { aliases: [...new Set(s.vulnerability.aliases)] } : {}
        },
        timestamp: new Date(s.timestamp || ts).toISOString(),
        products: s.products.map((p) => ({
          ...component2(p),
          ...p.subcomponents.length > 0 ? { subcomponents: p.subcomponents.map(component2) } : {}
        })),
        status: s.status,
        ...s.justification ? { justification: s.justification } : {},
        ...s.impactStatement ? { impact_statement: s.impactStatement } : {},
        ...s.actionStatement ? { action_statement: s.actionStatement } : {},
        ...s.status === "affected" && !s.actionStatement ? { action_statement: "see the original CycloneDX analysis" } : {},
        ...notes.length > 0 ? { status_notes: notes.join("; ") } : {}
      };
    })
  };
}

// src/vex/load.ts
import fs from "node:fs/promises";
async function readVexFiles(paths, opts = {}) {
  const maxBytes = opts.maxBytes ?? MAX_VEX_BYTES;
  const out = [];
  for (const entry of paths) {
    const { path: file, name: p } = typeof entry === "string" ? { path: entry, name: entry } : entry;
    let bytes;
    try {
      const st = await fs.stat(file);
      if (!st.isFile()) throw vexError("VEX_READ", p, void 0, "is not a file");
      if (st.size > maxBytes)
        throw vexError("VEX_TOO_LARGE", p, void 0, `is ${st.size} bytes, more than ${maxBytes}`);
      bytes = await fs.readFile(file);
    } catch (e) {
      if (isGateError(e)) throw e;
      throw vexError("VEX_READ", p, void 0, `cannot be read: ${describe(e)}`, e);
    }
    out.push(parseVexDocument(bytes, p, opts));
  }
  return out;
}

export {
  parseVexDocument,
  parseVexValue,
  productMatchesImage,
  VexIndex,
  toOpenVex,
  readVexFiles
};
