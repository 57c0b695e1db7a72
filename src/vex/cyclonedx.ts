/**
 * CycloneDX VEX: the vulnerabilities[] of a CycloneDX 1.4-1.7 JSON BOM, with analysis.state
 * mapped to OpenVEX statuses and affects[].ref resolved to components. The BOM's
 * metadata.component is the product (the image); the affected components are subcomponents
 * (packages). A ref that names metadata.component itself makes the statement about the whole
 * product. The mapping is documented in docs/vex.md.
 */
import type { VexComponent, VexDocument, VexProduct, VexStatement, VexStatus } from './types.js';
import { Reader, isObject, show, type Path, type ReadContext } from './context.js';

export const CYCLONEDX_VERSIONS: readonly string[] = ['1.4', '1.5', '1.6', '1.7'];

/** analysis.state -> OpenVEX status. */
export const CYCLONEDX_STATE_MAP: Readonly<Record<string, VexStatus>> = {
  not_affected: 'not_affected',
  false_positive: 'not_affected',
  resolved: 'fixed',
  resolved_with_pedigree: 'fixed',
  exploitable: 'affected',
  in_triage: 'under_investigation',
};

/** analysis.justification -> OpenVEX justification label. */
export const CYCLONEDX_JUSTIFICATION_MAP: Readonly<Record<string, string>> = {
  code_not_present: 'vulnerable_code_not_present',
  code_not_reachable: 'vulnerable_code_not_in_execute_path',
  requires_configuration: 'vulnerable_code_cannot_be_controlled_by_adversary',
  requires_dependency: 'component_not_present',
  requires_environment: 'vulnerable_code_cannot_be_controlled_by_adversary',
  protected_by_compiler: 'inline_mitigations_already_exist',
  protected_at_runtime: 'inline_mitigations_already_exist',
  protected_at_perimeter: 'inline_mitigations_already_exist',
  protected_by_mitigating_control: 'inline_mitigations_already_exist',
};

const RESPONSES = ['can_not_fix', 'will_not_fix', 'update', 'rollback', 'workaround_available'];

export function isCycloneDx(doc: Record<string, unknown>): boolean {
  return doc.bomFormat === 'CycloneDX';
}

interface Comp {
  ids: string[];
}

/** Every component by bom-ref (metadata.component, components[] recursively). */
function indexComponents(doc: Record<string, unknown>): Map<string, Comp> {
  const map = new Map<string, Comp>();
  const visit = (c: unknown, depth: number): void => {
    if (!isObject(c) || depth > 32 || map.size > 200_000) return;
    const ids: string[] = [];
    if (typeof c.purl === 'string' && c.purl.trim()) ids.push(c.purl.trim());
    if (typeof c['bom-ref'] === 'string' && c['bom-ref'].trim()) ids.push(c['bom-ref'].trim());
    if (typeof c.name === 'string' && c.name.trim()) {
      const name = typeof c.group === 'string' && c.group ? `${c.group}/${c.name}` : c.name;
      ids.push(typeof c.version === 'string' && c.version ? `${name}@${c.version}` : name);
    }
    if (typeof c['bom-ref'] === 'string') map.set(c['bom-ref'], { ids });
    if (Array.isArray(c.components)) for (const k of c.components) visit(k, depth + 1);
  };
  const meta = doc.metadata;
  if (isObject(meta)) visit(meta.component, 0);
  if (Array.isArray(doc.components)) for (const c of doc.components) visit(c, 0);
  return map;
}

function metadataComponent(doc: Record<string, unknown>): Comp | undefined {
  const meta = doc.metadata;
  if (!isObject(meta) || !isObject(meta.component)) return undefined;
  const c = meta.component;
  const ids: string[] = [];
  if (typeof c.purl === 'string' && c.purl.trim()) ids.push(c.purl.trim());
  if (typeof c['bom-ref'] === 'string' && c['bom-ref'].trim()) ids.push(c['bom-ref'].trim());
  if (typeof c.name === 'string' && c.name.trim()) ids.push(c.name.trim());
  return ids.length > 0 ? { ids } : undefined;
}

/** `urn:cdx:<serial>/<version>#<bom-ref>` -> the bom-ref (percent-decoded). */
function bomLinkRef(ref: string): string | undefined {
  const m = /^urn:cdx:[^#]+#(.+)$/.exec(ref);
  if (!m) return undefined;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return m[1];
  }
}

export function parseCycloneDxVex(
  doc: Record<string, unknown>,
  ctx: ReadContext,
  maxStatements: number,
): VexDocument {
  const r = new Reader(ctx);
  const spec = doc.specVersion;
  if (typeof spec !== 'string' || !CYCLONEDX_VERSIONS.includes(spec)) {
    throw ctx.fail(
      'VEX_UNSUPPORTED',
      ['specVersion'],
      `CycloneDX specVersion ${show(spec)} is not supported; harbor-gate reads ${CYCLONEDX_VERSIONS.join(', ')}`,
    );
  }
  const list = r.array(doc, 'vulnerabilities', [], false);
  if (!list || list.length === 0)
    throw ctx.fail(
      'VEX_UNSUPPORTED',
      [],
      'this CycloneDX BOM has no "vulnerabilities": it is an SBOM, not VEX',
    );
  if (list.length > maxStatements)
    throw ctx.fail(
      'VEX_TOO_LARGE',
      ['vulnerabilities'],
      `has ${list.length} entries, more than ${maxStatements}`,
    );
  const serial = typeof doc.serialNumber === 'string' ? doc.serialNumber : undefined;
  const meta = isObject(doc.metadata) ? doc.metadata : {};
  const docTime =
    typeof meta.timestamp === 'string' ? r.time(meta, 'timestamp', ['metadata'], false) : undefined;
  const author = authorOf(meta);
  const source = {
    document: ctx.name,
    format: 'cyclonedx' as const,
    ...(serial ? { id: serial } : {}),
    ...(author ? { author } : {}),
  };
  const components = indexComponents(doc);
  const productComp = metadataComponent(doc);
  if (!productComp)
    ctx.warn(
      ['metadata'],
      'no metadata.component: the statements name no product (the image) and match nothing',
    );
  const statements: VexStatement[] = [];
  list.forEach((raw, i) => {
    const path: Path = ['vulnerabilities', i];
    const v = r.object(raw, path, 'a vulnerability object');
    const id = r.string(v, 'id', path, true)!.trim();
    const aliases: string[] = [];
    for (const [j, ref] of (r.array(v, 'references', path, false) ?? []).entries()) {
      const o = r.object(ref, [...path, 'references', j], 'an object with "id"');
      const rid = r.string(o, 'id', [...path, 'references', j], true)!.trim();
      if (rid) aliases.push(rid);
    }
    if (v.analysis === undefined) {
      ctx.warn(path, 'no "analysis": a vulnerability listing, not a VEX statement; ignored');
      return;
    }
    const a = r.object(v.analysis, [...path, 'analysis'], 'an object');
    const state = r.string(a, 'state', [...path, 'analysis'], false);
    if (state === undefined) {
      ctx.warn([...path, 'analysis'], 'no "state": not a VEX statement; ignored');
      return;
    }
    const status = CYCLONEDX_STATE_MAP[state];
    if (!status)
      throw ctx.fail(
        'VEX_INVALID',
        [...path, 'analysis', 'state'],
        `is ${show(state)}; allowed: ${Object.keys(CYCLONEDX_STATE_MAP).join(', ')}`,
      );
    const just = r.string(a, 'justification', [...path, 'analysis'], false);
    let justification: string | undefined;
    if (just !== undefined) {
      justification = CYCLONEDX_JUSTIFICATION_MAP[just];
      if (!justification)
        throw ctx.fail(
          'VEX_INVALID',
          [...path, 'analysis', 'justification'],
          `is ${show(just)}; allowed: ${Object.keys(CYCLONEDX_JUSTIFICATION_MAP).join(', ')}`,
        );
    }
    const responses = (r.array(a, 'response', [...path, 'analysis'], false) ?? []).map((x, k) => {
      if (typeof x !== 'string' || !RESPONSES.includes(x))
        throw ctx.fail(
          'VEX_INVALID',
          [...path, 'analysis', 'response', k],
          `is ${show(x)}; allowed: ${RESPONSES.join(', ')}`,
        );
      return x;
    });
    const detail = r.string(a, 'detail', [...path, 'analysis'], false)?.trim();
    const first = r.time(a, 'firstIssued', [...path, 'analysis'], false);
    const last = r.time(a, 'lastUpdated', [...path, 'analysis'], false);
    const updated = r.time(v, 'updated', path, false);
    const published = r.time(v, 'published', path, false);
    const timestamp = last ?? first ?? updated ?? published ?? docTime ?? 0;
    if (status === 'not_affected' && !justification && !detail && state !== 'false_positive')
      throw ctx.fail(
        'VEX_INVALID',
        [...path, 'analysis'],
        'a not_affected analysis needs a "justification" or a "detail" saying why',
      );

    // Products: the BOM's subject, with the affected components as subcomponents.
    const subs: VexComponent[] = [];
    let wholeProduct = false;
    for (const [j, af] of (r.array(v, 'affects', path, false) ?? []).entries()) {
      const o = r.object(af, [...path, 'affects', j], 'an object with "ref"');
      const ref = r.string(o, 'ref', [...path, 'affects', j], true)!.trim();
      const local = bomLinkRef(ref) ?? ref;
      if (productComp && (productComp.ids.includes(local) || productComp.ids.includes(ref))) {
        wholeProduct = true;
        continue;
      }
      const comp = components.get(local);
      subs.push({ ids: comp ? comp.ids : [local] });
    }
    const products: VexProduct[] = productComp
      ? [{ ids: productComp.ids, subcomponents: wholeProduct ? [] : subs }]
      : [];
    if (productComp && !wholeProduct && subs.length === 0)
      ctx.warn(path, 'no "affects": the statement is about the whole product');

    let impactStatement: string | undefined;
    let statusNotes: string | undefined;
    let actionStatement: string | undefined;
    if (status === 'not_affected') {
      impactStatement =
        state === 'false_positive' ? `false positive${detail ? `: ${detail}` : ''}` : detail || undefined;
    } else if (status === 'affected') {
      actionStatement =
        [responses.length > 0 ? `response: ${responses.join(', ')}` : '', detail ?? '']
          .filter((x) => x)
          .join('; ') || undefined;
    } else if (detail) {
      statusNotes = detail;
    }
    statements.push({
      vulnerability: { name: id, aliases },
      products,
      status,
      ...(justification ? { justification, sourceJustification: just } : {}),
      ...(impactStatement ? { impactStatement } : {}),
      ...(actionStatement ? { actionStatement } : {}),
      ...(statusNotes ? { statusNotes } : status === 'fixed' && detail ? { statusNotes: detail } : {}),
      ...(state !== status ? { sourceState: state } : {}),
      timestamp,
      source,
      index: i,
      line: ctx.line(path),
    });
  });
  return {
    name: ctx.name,
    format: 'cyclonedx',
    ...(serial ? { id: serial } : {}),
    ...(author ? { author } : {}),
    ...(docTime !== undefined ? { timestamp: docTime } : {}),
    statements,
    warnings: ctx.warnings,
  };
}

function authorOf(meta: Record<string, unknown>): string | undefined {
  const names: string[] = [];
  if (Array.isArray(meta.authors))
    for (const a of meta.authors) if (isObject(a) && typeof a.name === 'string') names.push(a.name);
  if (names.length === 0 && isObject(meta.supplier) && typeof meta.supplier.name === 'string')
    names.push(meta.supplier.name);
  if (names.length === 0 && isObject(meta.manufacturer) && typeof meta.manufacturer.name === 'string')
    names.push(meta.manufacturer.name);
  return names.length > 0 ? names.join(', ') : undefined;
}
