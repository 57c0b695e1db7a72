/**
 * Policy and allowlist files: YAML or JSON, validated against schema/policy.schema.json, with
 * errors that name the key, the bad value and what is allowed.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import YAML from 'yaml';
import policySchema from '../../schema/policy.schema.json' with { type: 'json' };
import { GateError } from '../errors.js';
import { SEVERITIES, cleanText, suggest } from '../core/index.js';
import { FAIL_ON_VALUES as FAIL_ON } from './types.js';
import type { AllowlistEntry, FailOn, OnScanError, Policy, PolicyOverrides } from './types.js';
import { parseRange } from './version.js';

export const DEFAULT_POLICY: Readonly<Policy> = Object.freeze({
  failOn: 'high',
  ignoreUnfixed: false,
  maxCounts: {},
  useHarborAllowlist: false,
  requireSignature: false,
  requireSbom: false,
  onScanError: 'fail',
  allowlist: [],
});

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

let validator: ValidateFunction | undefined;
function validate(doc: unknown): ErrorObject[] {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv, ['date']);
    validator = ajv.compile(policySchema);
  }
  return validator(doc) ? [] : (validator.errors ?? []);
}

const TOP_KEYS = Object.keys(policySchema.properties).filter((k) => k !== '$schema');
const ENTRY_KEYS = Object.keys(policySchema.definitions.entry.properties);

/** "/allowlist/0/id" -> "allowlist[0].id" */
function keyPath(pointer: string): string {
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(part) ? `[${part}]` : out === '' ? part : `.${part}`;
  }
  return out;
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function valueAt(doc: unknown, pointer: string): unknown {
  let cur: unknown = doc;
  for (const raw of pointer.split('/').slice(1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return cur;
}

function describeError(e: ErrorObject, doc: unknown): string {
  const key = keyPath(e.instancePath);
  const value = valueAt(doc, e.instancePath);
  const where = key === '' ? 'the document' : `"${key}"`;
  switch (e.keyword) {
    case 'additionalProperties': {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      const isEntry = /allowlist\[\d+\]$/.test(key);
      const allowed =
        key === ''
          ? TOP_KEYS
          : isEntry
            ? ENTRY_KEYS
            : key === 'max-counts'
              ? [...SEVERITIES]
              : Object.keys(value ?? {});
      const hint = suggest(extra, allowed);
      return `unknown key "${key === '' ? extra : `${key}.${extra}`}"${hint ? `; did you mean "${hint}"?` : ''} (allowed: ${allowed.join(', ')})`;
    }
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String);
      const hint = typeof value === 'string' ? suggest(value, allowed) : undefined;
      return `${where} is ${show(value)}; allowed values: ${allowed.join(', ')}${hint ? `; did you mean "${hint}"?` : ''}`;
    }
    case 'type': {
      const t = (e.params as { type: string }).type;
      const wanted =
        t === 'boolean'
          ? 'true or false'
          : t === 'integer'
            ? 'a whole number'
            : t === 'array'
              ? 'a list'
              : `a ${t}`;
      return `${where} is ${show(value)}; it must be ${wanted}`;
    }
    case 'minimum':
    case 'maximum':
      return `${where} is ${show(value)}; it must be ${key === 'cvss-threshold' ? 'between 0 and 10' : 'zero or more'}`;
    case 'required': {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      return `${where} has no "${missing}"; every allowlist entry needs "id" and "reason" (why it is accepted)`;
    }
    case 'minLength':
      return `${where} is empty`;
    case 'pattern':
    case 'format':
      if (key.endsWith('.id'))
        return `${where} is ${show(value)}; allowed: CVE-YYYY-NNNN, GHSA-xxxx-xxxx-xxxx or another scanner id such as RHSA-2024:1234 (upper-case prefix, dash, rest)`;
      if (key.endsWith('.reason')) return `${where} is empty; say why the finding is accepted`;
      if (key.endsWith('.expires')) return `${where} is ${show(value)}; it must be a real date YYYY-MM-DD`;
      if (key.endsWith('.version'))
        return `${where} is ${show(value)}; allowed: an exact version or comparators such as "<3.0.7" or ">=1.2 <1.3"`;
      return `${where} is ${show(value)}; ${e.message ?? 'invalid'}`;
    default:
      return `${where}: ${e.message ?? 'invalid'}`;
  }
}

function invalid(
  code: 'POLICY_INVALID' | 'ALLOWLIST_INVALID',
  fileName: string,
  problems: string[],
  cause?: unknown,
): GateError {
  const shown = problems.slice(0, 10);
  const more = problems.length > shown.length ? `\n  (and ${problems.length - shown.length} more)` : '';
  return new GateError({
    code,
    kind: 'input',
    message: `${fileName} is not a valid ${code.startsWith('ALLOWLIST') ? 'allowlist' : 'policy'} file:\n  ${shown.join('\n  ')}${more}`,
    remedy:
      'Fix the keys named above; docs/policy.md lists every key and its values (schema/policy.schema.json helps editors).',
    cause,
    details: { file: fileName, problems },
  });
}

function readDoc(text: string, fileName: string, code: 'POLICY_PARSE' | 'ALLOWLIST_PARSE'): unknown {
  const json = /\.json$/i.test(fileName);
  try {
    if (json) return JSON.parse(text) as unknown;
    const doc = YAML.parseDocument(text, { uniqueKeys: true, prettyErrors: true });
    const first = doc.errors[0];
    if (first) throw first;
    return doc.toJS() as unknown;
  } catch (e) {
    throw new GateError({
      code,
      kind: 'input',
      message: `${fileName} is not valid ${json ? 'JSON' : 'YAML'}: ${e instanceof Error ? e.message : String(e)}`,
      remedy: 'Fix the syntax at the position named; a policy file is a YAML or JSON object.',
      cause: e,
    });
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Checks that the schema cannot express: version ranges that parse. */
function semanticProblems(doc: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const list = doc.allowlist;
  if (!Array.isArray(list)) return problems;
  list.forEach((raw: unknown, i) => {
    if (!isObject(raw) || typeof raw.version !== 'string') return;
    try {
      parseRange(raw.version);
    } catch (e) {
      problems.push(
        `"allowlist[${i}].version" is ${show(raw.version)}: ${e instanceof Error ? e.message : ''}`,
      );
    }
  });
  return problems;
}

function checked(
  doc: unknown,
  fileName: string,
  code: 'POLICY_INVALID' | 'ALLOWLIST_INVALID',
): Record<string, unknown> {
  if (!isObject(doc)) {
    throw invalid(code, fileName, [`the document is ${show(doc)}; it must be a mapping of keys to values`]);
  }
  const problems = validate(doc).map((e) => describeError(e, doc));
  if (problems.length === 0) problems.push(...semanticProblems(doc));
  if (problems.length > 0) throw invalid(code, fileName, [...new Set(problems)]);
  return doc;
}

function toEntries(list: unknown, fileName: string): AllowlistEntry[] {
  if (!Array.isArray(list)) return [];
  return list.map((raw: unknown) => {
    const r = raw as Record<string, string | undefined>;
    const entry: AllowlistEntry = { id: r.id!, reason: r.reason!.trim(), source: fileName };
    if (r.expires !== undefined) entry.expires = r.expires;
    // Findings' package names are cleanText'ed where they enter (src/harbor/report.ts): compare
    // like with like, so a waiver for `Net::SSLeay` still matches.
    if (r.package !== undefined) entry.package = cleanText(r.package, 256);
    if (r.version !== undefined) entry.version = r.version.trim();
    return entry;
  });
}

/** Parses a policy file (YAML, or JSON when the name ends in .json). Throws GateError POLICY_*. */
export function parsePolicyFile(text: string, fileName: string): Policy {
  const raw = readDoc(text, fileName, 'POLICY_PARSE');
  const doc = checked(raw ?? {}, fileName, 'POLICY_INVALID');
  const policy: Policy = { ...DEFAULT_POLICY, maxCounts: {}, allowlist: [] };
  if (doc['fail-on'] !== undefined) policy.failOn = doc['fail-on'] as FailOn;
  if (doc['ignore-unfixed'] !== undefined) policy.ignoreUnfixed = doc['ignore-unfixed'] as boolean;
  if (doc['cvss-threshold'] !== undefined) policy.cvssThreshold = doc['cvss-threshold'] as number;
  if (doc['max-counts'] !== undefined) policy.maxCounts = { ...(doc['max-counts'] as Policy['maxCounts']) };
  if (doc['use-harbor-allowlist'] !== undefined)
    policy.useHarborAllowlist = doc['use-harbor-allowlist'] as boolean;
  if (doc['require-signature'] !== undefined) policy.requireSignature = doc['require-signature'] as boolean;
  if (doc['require-sbom'] !== undefined) policy.requireSbom = doc['require-sbom'] as boolean;
  if (doc['on-scan-error'] !== undefined) policy.onScanError = doc['on-scan-error'] as OnScanError;
  policy.allowlist = toEntries(doc.allowlist, fileName);
  if (doc.vex !== undefined) policy.vex = [...(doc.vex as string[])];
  return policy;
}

/**
 * Parses an allowlist file: either the list alone at the top level, or a document whose only key
 * is `allowlist` (a policy file's allowlist section). Throws GateError ALLOWLIST_*.
 */
export function parseAllowlistFile(text: string, fileName: string): AllowlistEntry[] {
  const raw = readDoc(text, fileName, 'ALLOWLIST_PARSE');
  if (raw === null || raw === undefined) return [];
  const doc = Array.isArray(raw) ? { allowlist: raw } : raw;
  if (isObject(doc)) {
    const other = Object.keys(doc).filter((k) => k !== 'allowlist' && k !== '$schema');
    if (other.length > 0) {
      throw invalid('ALLOWLIST_INVALID', fileName, [
        `unexpected key${other.length > 1 ? 's' : ''} ${other.map((k) => `"${k}"`).join(', ')}: an allowlist file holds only "allowlist" (or the list alone); put other keys in the policy file (--policy)`,
      ]);
    }
  }
  const checkedDoc = checked(doc, fileName, 'ALLOWLIST_INVALID');
  return toEntries(checkedDoc.allowlist, fileName);
}

/**
 * Flags and Action inputs override the file, field by field. max-counts merge per severity;
 * allowlist entries from an --allowlist file are added to the policy file's entries.
 */
export function mergePolicy(file: Policy, overrides: PolicyOverrides): Policy {
  const merged: Policy = {
    ...file,
    maxCounts: { ...file.maxCounts, ...overrides.maxCounts },
    allowlist: [...file.allowlist, ...(overrides.allowlist ?? [])],
  };
  // --vex files are added to the policy file's `vex:` list.
  const vex = [...(file.vex ?? []), ...(overrides.vex ?? [])];
  if (vex.length > 0) merged.vex = [...new Set(vex)];
  if (overrides.failOn !== undefined) merged.failOn = overrides.failOn;
  if (overrides.ignoreUnfixed !== undefined) merged.ignoreUnfixed = overrides.ignoreUnfixed;
  if (overrides.cvssThreshold !== undefined) merged.cvssThreshold = overrides.cvssThreshold;
  if (overrides.useHarborAllowlist !== undefined) merged.useHarborAllowlist = overrides.useHarborAllowlist;
  if (overrides.requireSignature !== undefined) merged.requireSignature = overrides.requireSignature;
  if (overrides.requireSbom !== undefined) merged.requireSbom = overrides.requireSbom;
  if (overrides.onScanError !== undefined) merged.onScanError = overrides.onScanError;
  const problems: string[] = [];
  // Adapters pass strings from flags and inputs: check them as strings.
  const onScanError: string = merged.onScanError;
  if (!(FAIL_ON as readonly string[]).includes(merged.failOn))
    problems.push(`"fail-on" is ${show(merged.failOn)}; allowed values: ${FAIL_ON.join(', ')}`);
  if (onScanError !== 'fail' && onScanError !== 'warn')
    problems.push(`"on-scan-error" is ${show(merged.onScanError)}; allowed values: fail, warn`);
  if (
    merged.cvssThreshold !== undefined &&
    (!Number.isFinite(merged.cvssThreshold) || merged.cvssThreshold < 0 || merged.cvssThreshold > 10)
  )
    problems.push(`"cvss-threshold" is ${show(merged.cvssThreshold)}; it must be between 0 and 10`);
  for (const [sev, n] of Object.entries(merged.maxCounts)) {
    if (!Number.isInteger(n) || n < 0)
      problems.push(`"max-counts.${sev}" is ${show(n)}; it must be a whole number, zero or more`);
  }
  if (problems.length > 0) throw invalid('POLICY_INVALID', 'the flags', problems);
  return merged;
}
