import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { isGateError } from '../../src/errors.js';
import { parseAllowlistFile, parsePolicyFile } from '../../src/policy/index.js';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const root = fileURLToPath(new URL('../../', import.meta.url));
const schema = JSON.parse(readFileSync(`${root}schema/policy.schema.json`, 'utf8'));
const doc = readFileSync(`${root}docs/policy.md`, 'utf8');

// An editor's view: the published schema on its own, with standard formats.
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const schemaValidate = ajv.compile(schema);

interface Example {
  lang: string;
  invalid: boolean;
  text: string;
  expected?: string;
}

const examples: Example[] = [...doc.matchAll(/```(yaml|json)( invalid)?\n([\s\S]*?)```/g)].map((m) => {
  const text = m[3]!;
  const expected = /^# (".*|unknown key.*)$/m.exec(text)?.[1];
  const e: Example = { lang: m[1]!, invalid: m[2] !== undefined, text };
  if (expected !== undefined) e.expected = expected;
  return e;
});

function parse(e: Example): unknown {
  return e.lang === 'json' ? JSON.parse(e.text) : YAML.parse(e.text);
}

const policies = examples.filter(
  (e) => !e.invalid && !/^\s*\{?\s*"?allowlist"?:|^- id:|^# allowlist/m.test(e.text.split('\n')[0] ?? ''),
);

describe('docs/policy.md examples against schema/policy.schema.json', () => {
  it('has valid and invalid examples', () => {
    expect(examples.filter((e) => e.invalid).length).toBeGreaterThanOrEqual(5);
    expect(policies.length).toBeGreaterThanOrEqual(4);
  });

  it.each(examples.filter((e) => !e.invalid).map((e) => [e.text.split('\n')[0], e] as const))(
    'valid example %j: schema and parser both accept it',
    (_first, e) => {
      const data = parse(e);
      const isAllowlistFile =
        Array.isArray(data) || e.text.startsWith('# allowlist') || e.text.startsWith('{ "allowlist"');
      const asPolicy = Array.isArray(data) ? { allowlist: data } : data;
      const ok = schemaValidate(asPolicy);
      expect(schemaValidate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
      if (isAllowlistFile) {
        expect(
          parseAllowlistFile(e.text, e.lang === 'json' ? 'allow.json' : 'allow.yaml').length,
        ).toBeGreaterThan(0);
      } else {
        expect(() => parsePolicyFile(e.text, e.lang === 'json' ? 'p.json' : 'p.yaml')).not.toThrow();
      }
    },
  );

  it.each(examples.filter((e) => e.invalid).map((e) => [e.expected ?? e.text, e] as const))(
    'invalid example %j: schema and parser both reject it, with that message',
    (_msg, e) => {
      expect(schemaValidate(parse(e))).toBe(false);
      let message = '';
      try {
        parsePolicyFile(e.text, 'p.yaml');
      } catch (err) {
        expect(isGateError(err) && err.code).toBe('POLICY_INVALID');
        message = (err as Error).message;
      }
      expect(e.expected).toBeDefined();
      expect(message).toContain(e.expected!);
    },
  );

  it('the schema names exactly the keys the parser accepts', () => {
    expect(Object.keys(schema.properties).sort()).toEqual(
      [
        '$schema',
        'allowlist',
        'cvss-threshold',
        'fail-on',
        'ignore-unfixed',
        'max-counts',
        'on-scan-error',
        'require-sbom',
        'require-signature',
        'use-harbor-allowlist',
        'vex',
      ].sort(),
    );
  });
});
