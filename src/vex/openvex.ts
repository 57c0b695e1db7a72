/**
 * OpenVEX 0.2.0 (https://github.com/openvex/spec): document, statements, vulnerability,
 * products with identifiers and subcomponents. Checked by hand against the spec's JSON schema
 * (openvex_json_schema.json, 0.2.0) so every problem names its line; two deliberate differences:
 * a not_affected statement may carry both a justification and an impact statement (the spec
 * text allows it, the schema's oneOf does not), and unknown fields are warnings, not errors.
 */
import {
  OPENVEX_JUSTIFICATIONS,
  VEX_STATUSES,
  type VexComponent,
  type VexDocument,
  type VexProduct,
  type VexStatement,
  type VexStatus,
} from './types.js';
import { Reader, isObject, show, type Path, type ReadContext } from './context.js';

export const OPENVEX_CONTEXT_V020 = 'https://openvex.dev/ns/v0.2.0';
/** The unversioned namespace: cosign's predicate type, and the context of pre-0.2 examples. */
export const OPENVEX_NAMESPACE = 'https://openvex.dev/ns';

/** Contexts read as 0.2.0. */
const CONTEXTS = new Set([
  OPENVEX_CONTEXT_V020,
  `${OPENVEX_CONTEXT_V020}/`,
  OPENVEX_NAMESPACE,
  `${OPENVEX_NAMESPACE}/`,
]);

const DOC_KEYS = [
  '@context',
  '@id',
  'author',
  'role',
  'timestamp',
  'last_updated',
  'version',
  'tooling',
  'statements',
];
const STATEMENT_KEYS = [
  '@id',
  'version',
  'vulnerability',
  'timestamp',
  'last_updated',
  'products',
  'status',
  'supplier',
  'status_notes',
  'justification',
  'impact_statement',
  'action_statement',
  'action_statement_timestamp',
];
const VULN_KEYS = ['@id', 'name', 'description', 'aliases'];
const COMPONENT_KEYS = ['@id', 'identifiers', 'hashes'];

export function isOpenVexContext(v: unknown): boolean {
  return typeof v === 'string' && /^https?:\/\/openvex\.dev\/ns(\/|$)/.test(v);
}

export function parseOpenVex(
  doc: Record<string, unknown>,
  ctx: ReadContext,
  maxStatements: number,
): VexDocument {
  const r = new Reader(ctx);
  const context = doc['@context'];
  if (typeof context !== 'string' || !CONTEXTS.has(context)) {
    throw ctx.fail(
      'VEX_UNSUPPORTED',
      ['@context'],
      `OpenVEX context ${show(context)} is not supported; harbor-gate reads ${OPENVEX_CONTEXT_V020}`,
    );
  }
  r.unknownKeys(doc, DOC_KEYS, []);
  const id = r.string(doc, '@id', [], true);
  const author = r.string(doc, 'author', [], true);
  const timestamp = r.time(doc, 'timestamp', [], true)!;
  const lastUpdated = r.time(doc, 'last_updated', [], false);
  const version = doc.version;
  if (version === undefined) throw ctx.fail('VEX_INVALID', [], '"version" is required');
  if (
    !(Number.isInteger(version) && (version as number) >= 1) &&
    !(typeof version === 'string' && /^[1-9]\d*$/.test(version))
  )
    throw ctx.fail('VEX_INVALID', ['version'], `is ${show(version)}; it must be a whole number, 1 or more`);
  const list = r.array(doc, 'statements', [], true)!;
  if (list.length === 0)
    throw ctx.fail('VEX_INVALID', ['statements'], 'is empty; a VEX document has one statement or more');
  if (list.length > maxStatements)
    throw ctx.fail(
      'VEX_TOO_LARGE',
      ['statements'],
      `has ${list.length} statements, more than ${maxStatements}`,
    );
  const source = {
    document: ctx.name,
    format: 'openvex' as const,
    ...(id ? { id } : {}),
    ...(author ? { author } : {}),
  };
  const docTime = Math.max(timestamp, lastUpdated ?? 0);
  const statements = list.map((raw, i) => statement(raw, ['statements', i], i, r, ctx, docTime, source));
  return {
    name: ctx.name,
    format: 'openvex',
    ...(id ? { id } : {}),
    ...(author ? { author } : {}),
    timestamp,
    statements,
    warnings: ctx.warnings,
  };
}

function statement(
  raw: unknown,
  path: Path,
  index: number,
  r: Reader,
  ctx: ReadContext,
  docTime: number,
  source: VexStatement['source'],
): VexStatement {
  const s = r.object(raw, path, 'a statement object');
  r.unknownKeys(s, STATEMENT_KEYS, path);
  if (s.vulnerability === undefined) throw ctx.fail('VEX_INVALID', path, '"vulnerability" is required');
  const vulnerability = vuln(s.vulnerability, [...path, 'vulnerability'], r, ctx);
  const statusRaw = r.string(s, 'status', path, true)!;
  if (!(VEX_STATUSES as readonly string[]).includes(statusRaw))
    throw ctx.fail(
      'VEX_INVALID',
      [...path, 'status'],
      `is ${show(statusRaw)}; allowed: ${VEX_STATUSES.join(', ')}`,
    );
  const status = statusRaw as VexStatus;
  const justification = r.string(s, 'justification', path, false);
  if (justification !== undefined && !(OPENVEX_JUSTIFICATIONS as readonly string[]).includes(justification))
    throw ctx.fail(
      'VEX_INVALID',
      [...path, 'justification'],
      `is ${show(justification)}; allowed: ${OPENVEX_JUSTIFICATIONS.join(', ')}`,
    );
  const impactStatement = r.string(s, 'impact_statement', path, false);
  const actionStatement = r.string(s, 'action_statement', path, false);
  const statusNotes = r.string(s, 'status_notes', path, false);
  r.string(s, 'supplier', path, false);
  r.string(s, '@id', path, false);
  if (status === 'not_affected' && !justification && !impactStatement?.trim())
    throw ctx.fail(
      'VEX_INVALID',
      path,
      'a not_affected statement needs a "justification" or an "impact_statement"',
    );
  if (status === 'affected' && !actionStatement?.trim())
    ctx.warn(path, 'an affected statement should carry an "action_statement"');
  if (s.version !== undefined && !(Number.isInteger(s.version) && (s.version as number) >= 0))
    throw ctx.fail('VEX_INVALID', [...path, 'version'], `is ${show(s.version)}; it must be a whole number`);
  const ts = r.time(s, 'timestamp', path, false);
  const lu = r.time(s, 'last_updated', path, false);
  r.time(s, 'action_statement_timestamp', path, false);
  const productsRaw = r.array(s, 'products', path, false) ?? [];
  const products = productsRaw.map((p, j) => product(p, [...path, 'products', j], r, ctx));
  return {
    vulnerability,
    products,
    status,
    ...(justification !== undefined ? { justification } : {}),
    ...(impactStatement !== undefined ? { impactStatement } : {}),
    ...(actionStatement !== undefined ? { actionStatement } : {}),
    ...(statusNotes !== undefined ? { statusNotes } : {}),
    timestamp: ts !== undefined || lu !== undefined ? Math.max(ts ?? 0, lu ?? 0) : docTime,
    source,
    index,
    line: ctx.line(path),
  };
}

function vuln(raw: unknown, path: Path, r: Reader, ctx: ReadContext): VexStatement['vulnerability'] {
  const v = r.object(raw, path, 'an object with "name" (OpenVEX 0.2.0)');
  r.unknownKeys(v, VULN_KEYS, path);
  const name = r.string(v, 'name', path, true)!.trim();
  r.string(v, '@id', path, false);
  r.string(v, 'description', path, false);
  const aliases = (r.array(v, 'aliases', path, false) ?? []).map((a, i) => {
    if (typeof a !== 'string')
      throw ctx.fail('VEX_INVALID', [...path, 'aliases', i], `is ${show(a)}; it must be a string`);
    return a.trim();
  });
  return { name, aliases: aliases.filter((a) => a !== '') };
}

function component(
  raw: unknown,
  path: Path,
  r: Reader,
  ctx: ReadContext,
  keys: readonly string[],
): VexComponent & { obj: Record<string, unknown> } {
  const c = r.object(raw, path, 'a component object ({"@id": ...} or {"identifiers": {"purl": ...}})');
  r.unknownKeys(c, keys, path);
  const ids: string[] = [];
  const id = r.string(c, '@id', path, false);
  if (id?.trim()) ids.push(id.trim());
  if (c.identifiers !== undefined) {
    const idf = r.object(c.identifiers, [...path, 'identifiers'], 'a map of identifiers');
    for (const [k, v] of Object.entries(idf)) {
      if (typeof v !== 'string')
        throw ctx.fail('VEX_INVALID', [...path, 'identifiers', k], `is ${show(v)}; it must be a string`);
      if (k === 'purl' && v.trim()) ids.push(v.trim());
    }
  }
  if (c.hashes !== undefined) r.object(c.hashes, [...path, 'hashes'], 'a map of hashes');
  if (ids.length === 0 && !isObject(c.hashes))
    throw ctx.fail('VEX_INVALID', path, 'names nothing: give "@id" or "identifiers.purl"');
  return { ids, obj: c };
}

function product(raw: unknown, path: Path, r: Reader, ctx: ReadContext): VexProduct {
  const { ids, obj } = component(raw, path, r, ctx, [...COMPONENT_KEYS, 'subcomponents']);
  const subs = (r.array(obj, 'subcomponents', path, false) ?? []).map((s, i) => {
    const c = component(s, [...path, 'subcomponents', i], r, ctx, COMPONENT_KEYS);
    return { ids: c.ids };
  });
  return { ids, subcomponents: subs };
}
