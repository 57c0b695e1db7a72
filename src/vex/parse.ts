/**
 * Reading a VEX document: size limits, JSON with the line of a syntax error, the format by its
 * markers (OpenVEX "@context", CycloneDX "bomFormat"), and the format's reader.
 */
import { ReadContext, isObject, show } from './context.js';
import { vexError } from './errors.js';
import { lineOfSyntaxError } from './jsonpos.js';
import { isOpenVexContext, parseOpenVex } from './openvex.js';
import { isCycloneDx, parseCycloneDxVex } from './cyclonedx.js';
import type { VexDocument } from './types.js';

export const MAX_VEX_BYTES = 16 * 1024 * 1024;
export const MAX_VEX_STATEMENTS = 100_000;

export interface ParseVexOptions {
  maxBytes?: number;
  maxStatements?: number;
}

/**
 * Parse one VEX document (OpenVEX 0.2.0 JSON or CycloneDX 1.4-1.7 JSON with vulnerabilities).
 * `name` is the file name (or another label) used in messages. Throws GateError VEX_PARSE,
 * VEX_INVALID, VEX_UNSUPPORTED or VEX_TOO_LARGE (all exit 2) naming the file and the line.
 */
export function parseVexDocument(
  input: string | Buffer,
  name: string,
  opts: ParseVexOptions = {},
): VexDocument {
  const maxBytes = opts.maxBytes ?? MAX_VEX_BYTES;
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
  if (size > maxBytes)
    throw vexError('VEX_TOO_LARGE', name, undefined, `is ${size} bytes, more than ${maxBytes}`);
  const text = (typeof input === 'string' ? input : input.toString('utf8')).replace(/^\uFEFF/, '');
  let doc: unknown;
  try {
    doc = JSON.parse(text) as unknown;
  } catch (e) {
    const line = lineOfSyntaxError(text, e);
    throw vexError('VEX_PARSE', name, line, `is not JSON (${e instanceof Error ? e.message : String(e)})`, e);
  }
  return parseVexValue(doc, text, name, opts);
}

/** Parse an already-parsed document; `text` is its source (for line numbers). */
export function parseVexValue(
  doc: unknown,
  text: string,
  name: string,
  opts: ParseVexOptions = {},
): VexDocument {
  const maxStatements = opts.maxStatements ?? MAX_VEX_STATEMENTS;
  const ctx = new ReadContext(text, name);
  if (!isObject(doc))
    throw vexError(
      'VEX_UNSUPPORTED',
      name,
      1,
      `the document is ${show(doc)}; a VEX document is a JSON object`,
    );
  if (doc['@context'] !== undefined && isOpenVexContext(doc['@context']))
    return parseOpenVex(doc, ctx, maxStatements);
  if (isCycloneDx(doc)) return parseCycloneDxVex(doc, ctx, maxStatements);
  if (doc['@context'] !== undefined)
    throw ctx.fail('VEX_UNSUPPORTED', ['@context'], `${show(doc['@context'])} is not an OpenVEX context`);
  if (doc.document !== undefined && isObject(doc.document) && typeof doc.document.csaf_version === 'string')
    throw vexError(
      'VEX_UNSUPPORTED',
      name,
      1,
      'CSAF VEX is not supported; convert it with `vexctl` to OpenVEX',
    );
  throw vexError(
    'VEX_UNSUPPORTED',
    name,
    1,
    'not an OpenVEX document (no "@context": "https://openvex.dev/ns/v0.2.0") nor a CycloneDX BOM (no "bomFormat": "CycloneDX")',
  );
}
