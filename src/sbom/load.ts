/**
 * Read an SBOM, detect its format from the content (never the file name) and validate it.
 *
 * - SPDX 2.2 / 2.3 JSON: the SPDX 2.3 JSON schema (2.3 only adds optional fields and relaxes some
 *   requirements, so a valid 2.2 document validates).
 * - CycloneDX 1.4 - 1.7 JSON: the CycloneDX schema of that version; 1.4 with the 1.5 schema (no
 *   1.4 schema is vendored; 1.5 is a superset of 1.4).
 * - SPDX 3 JSON-LD: no JSON schema is vendored, so the structure is checked instead: an SPDX 3
 *   `@context`, a non-empty `@graph` of typed elements, a CreationInfo with an SPDX 3
 *   `specVersion`, exactly one SpdxDocument, and an `spdxId` on every element.
 *
 * The size limit is checked before anything is parsed (stat for files).
 */
import fs from 'node:fs/promises';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { cleanText } from '../core/index.js';
import { GateError, describe, inputError } from '../errors.js';
import cdx15 from './schemas/cyclonedx-bom-1.5.schema.json' with { type: 'json' };
import cdx16 from './schemas/cyclonedx-bom-1.6.schema.json' with { type: 'json' };
import cdx17 from './schemas/cyclonedx-bom-1.7.schema.json' with { type: 'json' };
import cdxSpdx from './schemas/cyclonedx-spdx.schema.json' with { type: 'json' };
import cdxJsf from './schemas/cyclonedx-jsf-0.82.schema.json' with { type: 'json' };
import cdxCrypto from './schemas/cyclonedx-cryptography-defs.schema.json' with { type: 'json' };
import spdx23 from './schemas/spdx-2.3.schema.json' with { type: 'json' };

export type SbomFormat =
  'spdx-2.2' | 'spdx-2.3' | 'spdx-3' | 'cyclonedx-1.4' | 'cyclonedx-1.5' | 'cyclonedx-1.6' | 'cyclonedx-1.7';

export const SBOM_MEDIA_TYPES = {
  spdx: 'application/spdx+json',
  /** IANA-registered for SPDX 3 JSON-LD (it is not compatible with SPDX 2 JSON). */
  spdx3: 'application/spdx3+json',
  cyclonedx: 'application/vnd.cyclonedx+json',
} as const;

export type SbomMediaType = (typeof SBOM_MEDIA_TYPES)[keyof typeof SBOM_MEDIA_TYPES];

/** in-toto predicate types, for attestations. */
export const SBOM_PREDICATE_TYPES = {
  spdx: 'https://spdx.dev/Document',
  cyclonedx: 'https://cyclonedx.org/bom',
} as const;

export interface Sbom {
  format: SbomFormat;
  mediaType: SbomMediaType;
  predicateType: (typeof SBOM_PREDICATE_TYPES)[keyof typeof SBOM_PREDICATE_TYPES];
  /** The parsed document. */
  document: Record<string, unknown>;
  /** The exact bytes read: what is pushed (never re-serialised). */
  bytes: Buffer;
}

export interface LoadSbomOptions {
  /** Byte limit, checked before parsing (default 100 MiB). */
  maxBytes?: number;
  /** How many schema errors a message lists (default 5). */
  maxErrors?: number;
}

export const DEFAULT_SBOM_MAX_BYTES = 100 * 1024 * 1024;

const REMEDY_FORMATS =
  'Give an SPDX 2.2/2.3 JSON, SPDX 3 JSON-LD or CycloneDX 1.4-1.7 JSON document (for example from syft, trivy or cdxgen).';

/** Load and validate an SBOM from a file path or from bytes. */
export async function loadSbom(input: string | Buffer, opts: LoadSbomOptions = {}): Promise<Sbom> {
  const max = opts.maxBytes ?? DEFAULT_SBOM_MAX_BYTES;
  const name = typeof input === 'string' ? input : 'the SBOM';
  let bytes: Buffer;
  if (typeof input === 'string') {
    let size: number;
    try {
      const st = await fs.stat(input);
      if (!st.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EISDIR' });
      size = st.size;
    } catch (e) {
      throw inputError(
        'SBOM_UNREADABLE',
        `cannot read the SBOM file ${input}: ${describe(e)}`,
        'Check the --sbom path and its permissions.',
        e,
      );
    }
    if (size > max) throw tooLarge(name, size, max);
    try {
      bytes = await fs.readFile(input);
    } catch (e) {
      throw inputError(
        'SBOM_UNREADABLE',
        `cannot read the SBOM file ${input}: ${describe(e)}`,
        'Check the --sbom path and its permissions.',
        e,
      );
    }
    if (bytes.length > max) throw tooLarge(name, bytes.length, max);
  } else {
    if (input.length > max) throw tooLarge(name, input.length, max);
    bytes = input;
  }
  return parseSbom(bytes, name, opts.maxErrors ?? 5);
}

function tooLarge(name: string, size: number, max: number): GateError {
  return inputError(
    'SBOM_TOO_LARGE',
    `${name} is ${size} bytes, more than the ${max} byte limit`,
    'Check that this is the SBOM of one image; split or trim it (e.g. drop file-level entries) if it really is that large.',
  );
}

function parseSbom(bytes: Buffer, name: string, maxErrors: number): Sbom {
  let parsed: unknown;
  try {
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    parsed = JSON.parse(text);
  } catch (e) {
    throw inputError(
      'SBOM_NOT_JSON',
      `${name} is not JSON: ${describe(e)}`,
      `${REMEDY_FORMATS} XML, tag-value and protobuf SBOMs are not supported; convert them to JSON.`,
      e,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw notAnSbom(name, 'the top level is not a JSON object');
  }
  const doc = parsed as Record<string, unknown>;
  const detected = detect(doc, name);
  if (detected.format === 'spdx-3') {
    checkSpdx3(doc, name);
  } else {
    const validate = validator(detected.schema);
    // 1.4 is validated with the 1.5 schema, whose $schema enum names only 1.5: check it here.
    let subject: Record<string, unknown> = doc;
    if (detected.format === 'cyclonedx-1.4' && doc.$schema !== undefined) {
      if (doc.$schema !== 'http://cyclonedx.org/schema/bom-1.4.schema.json') {
        throw invalid(name, detected.format, [], maxErrors, [
          '/$schema: must be "http://cyclonedx.org/schema/bom-1.4.schema.json"',
        ]);
      }
      subject = { ...doc };
      delete subject.$schema;
    }
    if (!validate(subject)) {
      throw invalid(name, detected.format, validate.errors ?? [], maxErrors);
    }
  }
  const family = detected.format.startsWith('cyclonedx') ? 'cyclonedx' : 'spdx';
  return {
    format: detected.format,
    mediaType:
      detected.format === 'spdx-3'
        ? SBOM_MEDIA_TYPES.spdx3
        : family === 'spdx'
          ? SBOM_MEDIA_TYPES.spdx
          : SBOM_MEDIA_TYPES.cyclonedx,
    predicateType: SBOM_PREDICATE_TYPES[family],
    document: doc,
    bytes,
  };
}

type SchemaKey = 'spdx-2.3' | 'cyclonedx-1.5' | 'cyclonedx-1.6' | 'cyclonedx-1.7';

function detect(
  doc: Record<string, unknown>,
  name: string,
): { format: Exclude<SbomFormat, 'spdx-3'>; schema: SchemaKey } | { format: 'spdx-3' } {
  if (
    doc.bomFormat === 'CycloneDX' ||
    (doc.bomFormat === undefined && typeof doc.specVersion === 'string' && isCdxSchemaRef(doc.$schema))
  ) {
    const v = doc.specVersion;
    if (typeof v !== 'string') {
      throw invalidVersion(name, 'CycloneDX', 'specVersion is missing');
    }
    switch (v) {
      case '1.4':
        return { format: 'cyclonedx-1.4', schema: 'cyclonedx-1.5' };
      case '1.5':
        return { format: 'cyclonedx-1.5', schema: 'cyclonedx-1.5' };
      case '1.6':
        return { format: 'cyclonedx-1.6', schema: 'cyclonedx-1.6' };
      case '1.7':
        return { format: 'cyclonedx-1.7', schema: 'cyclonedx-1.7' };
      default:
        throw invalidVersion(name, 'CycloneDX', `specVersion ${JSON.stringify(v)} is not supported`);
    }
  }
  if ('spdxVersion' in doc) {
    const v = doc.spdxVersion;
    if (v === 'SPDX-2.2') return { format: 'spdx-2.2', schema: 'spdx-2.3' };
    if (v === 'SPDX-2.3') return { format: 'spdx-2.3', schema: 'spdx-2.3' };
    throw invalidVersion(name, 'SPDX', `spdxVersion ${JSON.stringify(v)} is not supported`);
  }
  if ('@context' in doc && contextMentionsSpdx(doc['@context'])) return { format: 'spdx-3' };
  const scanner = vulnerabilityReport(doc);
  if (scanner) {
    throw inputError(
      'SBOM_UNKNOWN_FORMAT',
      `${name} is not an SBOM: this is a ${scanner.tool} vulnerability report (a list of findings, not of the image's packages)`,
      `This is a ${scanner.tool} report; generate an SBOM with \`${scanner.command}\` and pass that file to --sbom (Harbor scans the image itself).`,
    );
  }
  const hint =
    typeof doc.name === 'string' && ('dependencies' in doc || 'version' in doc)
      ? ' (it looks like a package manifest such as package.json, not an SBOM)'
      : '';
  throw notAnSbom(
    name,
    `it has neither "bomFormat": "CycloneDX", "spdxVersion" nor an SPDX 3 "@context"${hint}`,
  );
}

/** A Trivy or Grype JSON (or SARIF) vulnerability report, given where an SBOM belongs: who wrote it. */
function vulnerabilityReport(doc: Record<string, unknown>): { tool: string; command: string } | undefined {
  const trivy = { tool: 'Trivy', command: 'trivy image --format cyclonedx --output sbom.cdx.json IMAGE' };
  const grype = { tool: 'Grype', command: 'syft IMAGE -o cyclonedx-json=sbom.cdx.json' };
  if ('SchemaVersion' in doc && ('ArtifactName' in doc || 'Results' in doc)) return trivy;
  const descriptor = doc.descriptor as { name?: unknown } | undefined;
  if (Array.isArray(doc.matches) && (descriptor?.name === 'grype' || 'source' in doc)) return grype;
  const schema = typeof doc.$schema === 'string' ? doc.$schema : '';
  if (Array.isArray(doc.runs) && typeof doc.version === 'string' && schema.includes('sarif')) {
    const names = (doc.runs as { tool?: { driver?: { name?: unknown } } }[]).map((r) => {
      const n = r.tool?.driver?.name;
      return typeof n === 'string' ? n.toLowerCase() : '';
    });
    if (names.includes('trivy')) return trivy;
    if (names.includes('grype')) return grype;
  }
  return undefined;
}

function isCdxSchemaRef(v: unknown): boolean {
  return typeof v === 'string' && v.includes('cyclonedx.org/schema/bom-');
}

function contextMentionsSpdx(ctx: unknown): boolean {
  const items = Array.isArray(ctx) ? (ctx as unknown[]) : [ctx];
  return items.some((c) => typeof c === 'string' && c.includes('spdx.org/rdf/'));
}

const SPDX3_CONTEXT_RE = /^https:\/\/spdx\.org\/rdf\/3\.\d+(?:\.\d+)?\/spdx-context\.jsonld$/;

/** Structural check of SPDX 3 JSON-LD (no JSON schema is vendored for it). */
function checkSpdx3(doc: Record<string, unknown>, name: string): void {
  const problems: string[] = [];
  const ctx = doc['@context'];
  const contexts = (Array.isArray(ctx) ? (ctx as unknown[]) : [ctx]).filter((c) => typeof c === 'string');
  if (!contexts.some((c) => SPDX3_CONTEXT_RE.test(c))) {
    const other = contexts.find((c) => c.includes('spdx.org/rdf/'));
    throw invalidVersion(
      name,
      'SPDX',
      `the @context ${JSON.stringify(other ?? ctx)} is not an SPDX 3 context`,
    );
  }
  const graph = doc['@graph'];
  if (!Array.isArray(graph) || graph.length === 0) {
    throw invalid(name, 'spdx-3', [], 5, ['/@graph: must be a non-empty array of elements']);
  }
  let documents = 0;
  let creationInfos = 0;
  graph.forEach((el: unknown, i) => {
    const at = `/@graph/${i}`;
    if (typeof el !== 'object' || el === null || Array.isArray(el)) {
      problems.push(`${at}: must be an object`);
      return;
    }
    const e = el as Record<string, unknown>;
    const type = e.type ?? e['@type'];
    if (typeof type !== 'string' || type === '') {
      problems.push(`${at}: must have a "type"`);
      return;
    }
    if (type === 'CreationInfo') {
      creationInfos++;
      const sv = e.specVersion;
      if (typeof sv !== 'string' || !/^3\.\d+(?:\.\d+)?$/.test(sv)) {
        problems.push(`${at}/specVersion: must be an SPDX 3 version such as "3.0.1"`);
      }
      if (typeof e['@id'] !== 'string' && typeof e.spdxId !== 'string')
        problems.push(`${at}: must have an "@id"`);
      return;
    }
    if (typeof e.spdxId !== 'string' && typeof e['@id'] !== 'string')
      problems.push(`${at}: must have an "spdxId"`);
    if (type === 'SpdxDocument') documents++;
  });
  if (creationInfos === 0) problems.push('/@graph: must contain a CreationInfo element');
  if (documents !== 1)
    problems.push(`/@graph: must contain exactly one SpdxDocument element (found ${documents})`);
  if (problems.length > 0) throw invalid(name, 'spdx-3', [], 5, problems);
}

function notAnSbom(name: string, why: string): GateError {
  return inputError(
    'SBOM_UNKNOWN_FORMAT',
    `${name} is JSON but not an SBOM: ${cleanText(why, 500)}`,
    REMEDY_FORMATS,
  );
}

function invalidVersion(name: string, family: string, why: string): GateError {
  return inputError(
    'SBOM_UNSUPPORTED_VERSION',
    // `why` quotes the document's own values: cleaned, it may come from an image or a referrer.
    `${name} is a ${family} document, but ${cleanText(why, 500)}`,
    `${REMEDY_FORMATS} Regenerate it with a current tool version.`,
  );
}

function invalid(
  name: string,
  format: SbomFormat,
  errors: ErrorObject[],
  maxErrors: number,
  extra: string[] = [],
): GateError {
  const lines = [
    ...extra,
    ...errors.map((e) => `${e.instancePath || '/'}: ${e.message ?? e.keyword}${paramsHint(e)}`),
  ];
  const shown = [...new Set(lines)].slice(0, maxErrors).map((l) => cleanText(l, 300));
  const more = new Set(lines).size - shown.length;
  return new GateError({
    code: 'SBOM_INVALID',
    message: `${name} is not a valid ${format} document: ${shown.join('; ')}${more > 0 ? ` (and ${more} more)` : ''}`,
    remedy: 'Fix the SBOM generator or its options so it writes a schema-valid document, then run again.',
    kind: 'input',
    details: { format, errors: shown },
  });
}

function paramsHint(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties' && typeof p.additionalProperty === 'string') {
    return ` (${p.additionalProperty})`;
  }
  if (e.keyword === 'enum' && Array.isArray(p.allowedValues)) {
    return ` (${(p.allowedValues as unknown[])
      .slice(0, 5)
      .map((v) => JSON.stringify(v))
      .join(', ')})`;
  }
  return '';
}

let ajv: Ajv | undefined;
const validators = new Map<SchemaKey, ValidateFunction>();

function validator(key: SchemaKey): ValidateFunction {
  const cached = validators.get(key);
  if (cached) return cached;
  if (!ajv) {
    // strict off: the vendored schemas use keywords Ajv does not know (e.g. deprecated).
    ajv = new Ajv({ strict: false, allErrors: false, validateFormats: true });
    const addFormats = addFormatsModule as unknown as (a: Ajv) => Ajv;
    addFormats(ajv);
    // Formats the CycloneDX schemas use that ajv-formats lacks: checked loosely (no whitespace).
    ajv.addFormat('iri-reference', /^\S*$/u);
    ajv.addFormat('idn-email', /^[^\s@]+@[^\s@]+$/u);
    ajv.addSchema(cdxSpdx);
    ajv.addSchema(cdxJsf);
    ajv.addSchema(cdxCrypto);
  }
  const schema = {
    'spdx-2.3': spdx23,
    'cyclonedx-1.5': cdx15,
    'cyclonedx-1.6': cdx16,
    'cyclonedx-1.7': cdx17,
  }[key];
  const fn = ajv.compile(schema as object);
  validators.set(key, fn);
  return fn;
}
