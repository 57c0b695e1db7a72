/**
 * docs/vex.md against the code: the admission-controller policies name the predicate type and the
 * fields harbor-gate writes, the predicate example and table list exactly the fields written, and
 * the VEX examples are valid documents that waive what they say.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, evaluate } from '../../src/policy/index.js';
import { PredicateType, VERDICT_FIELDS, VERDICT_PREDICATE_TYPE } from '../../src/sign/index.js';
import { predicateOf } from '../helpers/verdict.js';
import { VexIndex, parseVexDocument } from '../../src/vex/index.js';

const doc = fs.readFileSync(path.join(import.meta.dirname, '../../docs/vex.md'), 'utf8');
const blocks = (lang: string): string[] =>
  [...doc.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
const yamls = blocks('yaml').map((t) => YAML.parse(t) as Record<string, unknown>);
const jsons = blocks('json').map((t) => JSON.parse(t) as Record<string, unknown>);

const DIGEST = 'sha256:4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b';

/** A predicate as the gate writes it. */
function realPredicate(): Record<string, unknown> {
  const policy = { ...DEFAULT_POLICY, maxCounts: {}, allowlist: [] };
  return JSON.parse(
    JSON.stringify(
      predicateOf({
        verdict: evaluate({ report: undefined }, policy, new Date()),
        policy,
        digest: DIGEST,
        repository: 'harbor.example.com/proj/app',
        gatedOn: new Date('2026-08-21T10:02:00Z'),
      }),
    ),
  ) as Record<string, unknown>;
}

/** Identifiers a JMESPath expression reads (not function names, not string literals). */
function jmesFields(expr: string): string[] {
  const inner = [...expr.matchAll(/\{\{(.*?)\}\}/g)].map((m) => m[1]!).join(' ');
  const noStrings = inner.replace(/'[^']*'/g, ' ');
  return [...noStrings.matchAll(/\b([A-Za-z_][A-Za-z0-9_]*)\b(?!\s*\()/g)].map((m) => m[1]!);
}

interface KyvernoCondition {
  key: string;
  operator: string;
  value: string;
}

describe('docs/vex.md admission-controller policies', () => {
  it('Kyverno: the attestation type is ours and the conditions read fields the predicate has', () => {
    const policy = yamls.find((y) => y.kind === 'ClusterPolicy') as {
      spec: {
        rules: {
          verifyImages: {
            type: string;
            attestations: { type: string; conditions: { all: KyvernoCondition[] }[] }[];
          }[];
        }[];
      };
    };
    expect(policy).toBeDefined();
    const vi = policy.spec.rules[0]!.verifyImages[0]!;
    expect(vi.type).toBe('SigstoreBundle');
    const att = vi.attestations[0]!;
    expect(att.type).toBe(VERDICT_PREDICATE_TYPE);
    const conditions = att.conditions.flatMap((c) => c.all);
    const fields = conditions.flatMap((c) => jmesFields(c.key));
    expect(fields.sort()).toEqual(['gatedOn', 'verdict']);
    for (const f of fields) expect(VERDICT_FIELDS).toContain(f);
    const predicate = realPredicate();
    // The conditions hold for what we write: verdict Equals pass, gatedOn is an RFC 3339 time.
    const verdictCond = conditions.find((c) => jmesFields(c.key).includes('verdict'))!;
    expect(verdictCond).toMatchObject({ operator: 'Equals', value: 'pass' });
    expect(predicate.verdict).toBe(verdictCond.value);
    const timeCond = conditions.find((c) => jmesFields(c.key).includes('gatedOn'))!;
    expect(timeCond.operator).toBe('DurationLessThanOrEquals');
    expect(timeCond.key).toMatch(/time_since\('', gatedOn, ''\)/);
    expect(predicate.gatedOn).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  });

  it('policy-controller: the predicate type is ours and the Rego reads fields the predicate has', () => {
    const cip = yamls.find((y) => y.kind === 'ClusterImagePolicy') as {
      spec: {
        authorities: {
          signatureFormat: string;
          attestations: { predicateType: string; policy: { type: string; data: string } }[];
        }[];
      };
    };
    expect(cip).toBeDefined();
    const auth = cip.spec.authorities[0]!;
    expect(auth.signatureFormat).toBe('bundle');
    const att = auth.attestations[0]!;
    expect(att.predicateType).toBe(VERDICT_PREDICATE_TYPE);
    expect(att.policy.type).toBe('rego');
    const rego = att.policy.data;
    expect(rego).toContain(`input.predicateType == "${VERDICT_PREDICATE_TYPE}"`);
    expect(rego).toContain('input.predicate.verdict == "pass"');
    const fields = [...rego.matchAll(/input\.predicate\.([A-Za-z_]+)/g)].map((m) => m[1]!);
    expect(new Set(fields)).toEqual(new Set(['verdict', 'gatedOn']));
    for (const f of fields) expect(VERDICT_FIELDS).toContain(f);
    expect(rego).toContain('time.parse_rfc3339_ns(input.predicate.gatedOn)');
  });
});

describe('docs/vex.md verdict predicate', () => {
  it('the example and the field table list exactly the fields written, in order', () => {
    const example = jsons.find((j) => 'verdict' in j)!;
    expect(Object.keys(example)).toEqual([...VERDICT_FIELDS]);
    expect(Object.keys(realPredicate())).toEqual([...VERDICT_FIELDS]);
    const section = doc.slice(
      doc.indexOf('Predicate fields:'),
      doc.indexOf('```json', doc.indexOf('Predicate fields:')),
    );
    const tableFields = [...section.matchAll(/^\| `([A-Za-z]+)` +\|/gm)].map((m) => m[1]!);
    expect(tableFields).toEqual([...VERDICT_FIELDS]);
    expect(doc).toContain(`**\`${VERDICT_PREDICATE_TYPE}\`**`);
    expect(doc).toContain(`**\`${PredicateType.OpenVex}\`**`);
  });
});

describe('docs/vex.md VEX examples', () => {
  it('are valid OpenVEX and CycloneDX VEX that waive what they say for the example image', () => {
    const vex = blocks('json').filter((t) => t.includes('"@context"') || t.includes('"bomFormat"'));
    expect(vex).toHaveLength(2);
    const image = { digest: DIGEST, repository: 'harbor.example.com/proj/app' };
    const [ov, cdx] = vex.map((t, i) => parseVexDocument(t, `docs-example-${i}.json`));
    expect(ov!.warnings).toEqual([]);
    expect(cdx!.warnings).toEqual([]);
    const idx = new VexIndex([...ov!.statements, ...cdx!.statements], image);
    expect(idx.lookup({ id: 'CVE-2024-0001', package: 'openssl', version: '3.0.1' })?.waives).toBe(true);
    expect(idx.lookup({ id: 'CVE-2024-0003', package: 'zlib1g', version: '1.2.13' })).toMatchObject({
      waives: false,
      statement: { status: 'affected' },
    });
    expect(idx.lookup({ id: 'GHSA-dddd-eeee-ffff', package: 'zlib1g', version: '1.2.13' })?.waives).toBe(
      true,
    );
  });
});
