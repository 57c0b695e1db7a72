/**
 * A VEX document as OpenVEX 0.2.0 JSON: what attach-vex attaches when given CycloneDX VEX. The
 * CycloneDX states and justifications are mapped (docs/vex.md); the original state and
 * justification stay in status_notes so nothing is lost.
 */
import { parsePurl } from './purl.js';
import { OPENVEX_CONTEXT_V020 } from './openvex.js';
import type { VexComponent, VexDocument } from './types.js';

function component(c: VexComponent): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const purl = c.ids.find((id) => parsePurl(id) !== undefined);
  const first = purl ?? c.ids[0];
  if (first !== undefined) out['@id'] = first;
  if (purl) out.identifiers = { purl };
  return out;
}

export function toOpenVex(
  doc: VexDocument,
  opts: { author?: string; now?: Date } = {},
): Record<string, unknown> {
  const ts = doc.timestamp ?? opts.now?.getTime() ?? Date.now();
  const id =
    doc.id && /^[a-z][a-z0-9+.-]*:/i.test(doc.id)
      ? doc.id
      : `https://openvex.dev/docs/public/harbor-gate-${encodeURIComponent(doc.name)}`;
  return {
    '@context': OPENVEX_CONTEXT_V020,
    '@id': id,
    author: opts.author ?? doc.author ?? 'unknown',
    timestamp: new Date(ts).toISOString(),
    version: 1,
    tooling: `harbor-gate (converted from ${doc.format === 'cyclonedx' ? 'CycloneDX VEX' : 'OpenVEX'})`,
    statements: doc.statements.map((s) => {
      const notes = [
        s.sourceState ? `CycloneDX state: ${s.sourceState}` : '',
        s.sourceJustification ? `CycloneDX justification: ${s.sourceJustification}` : '',
        s.statusNotes ?? '',
      ].filter((x) => x);
      return {
        vulnerability: {
          name: s.vulnerability.name,
          ...(s.vulnerability.aliases.length > 0 ? { aliases: [...new Set(s.vulnerability.aliases)] } : {}),
        },
        timestamp: new Date(s.timestamp || ts).toISOString(),
        products: s.products.map((p) => ({
          ...component(p),
          ...(p.subcomponents.length > 0 ? { subcomponents: p.subcomponents.map(component) } : {}),
        })),
        status: s.status,
        ...(s.justification ? { justification: s.justification } : {}),
        ...(s.impactStatement ? { impact_statement: s.impactStatement } : {}),
        ...(s.actionStatement ? { action_statement: s.actionStatement } : {}),
        ...(s.status === 'affected' && !s.actionStatement
          ? { action_statement: 'see the original CycloneDX analysis' }
          : {}),
        ...(notes.length > 0 ? { status_notes: notes.join('; ') } : {}),
      };
    }),
  };
}
