/**
 * docs/vex.md against the code: the predicate example and table list exactly the fields written,
 * and the VEX examples are valid documents that waive what they say (the admission policies are
 * checked by admission-docs.test.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, evaluate } from '../../src/policy/index.js';
import { PredicateType, VERDICT_FIELDS, VERDICT_PREDICATE_TYPE } from '../../src/sign/index.js';
import { predicateOf } from '../helpers/verdict.js';
import { VexIndex, parseVexDocument } from '../../src/vex/index.js';

const doc = fs.readFileSync(path.join(import.meta.dirname, '../../docs/vex.md'), 'utf8');
const blocks = (lang: string): string[] =>
  [...doc.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
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
