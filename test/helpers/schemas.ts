/** Validators for the published report schemas vendored in test/fixtures/schemas (see its SOURCE). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type AnySchema } from 'ajv';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const SCHEMAS = fileURLToPath(new URL('../fixtures/schemas/', import.meta.url));

function validator(raw: AnySchema): (doc: unknown) => string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const v = ajv.compile(raw);
  return (doc) => (v(doc) ? [] : (v.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
}

/** SARIF 2.1.0. The schema is draft-04: its keywords under Ajv's draft-07 dialect ("id" -> "$id"). */
export function sarifValidator(): (doc: unknown) => string[] {
  const raw = JSON.parse(readFileSync(`${SCHEMAS}sarif-schema-2.1.0.json`, 'utf8')) as Record<
    string,
    unknown
  >;
  raw.$schema = 'http://json-schema.org/draft-07/schema#';
  raw.$id = raw.id;
  delete raw.id;
  return validator(raw);
}

/** GitLab's container-scanning report format 15.2.4. */
export function gitlabValidator(): (doc: unknown) => string[] {
  return validator(
    JSON.parse(readFileSync(`${SCHEMAS}container-scanning-report-format-15.2.4.json`, 'utf8')) as AnySchema,
  );
}

/**
 * An in-toto Statement v1 with a SLSA Provenance v1 predicate, by the rules of the published
 * specifications (the schema is ours, written from them: see SOURCE).
 */
export function slsaProvenanceValidator(): (doc: unknown) => string[] {
  return validator(
    JSON.parse(readFileSync(`${SCHEMAS}slsa-provenance-v1-statement.schema.json`, 'utf8')) as AnySchema,
  );
}
