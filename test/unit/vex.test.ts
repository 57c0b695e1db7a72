import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GateError } from '../../src/errors.js';
import {
  VexIndex,
  componentMatchesPackage,
  imagePurl,
  lineOfPointer,
  lineOfSyntaxError,
  offsetOfPointer,
  parsePurl,
  parseVexDocument,
  productMatchesImage,
  readVexFiles,
  toOpenVex,
  type VexImage,
} from '../../src/vex/index.js';

const FIX = path.join(import.meta.dirname, '../fixtures/vex');
const DIGEST = `sha256:${'ab'.repeat(32)}`;
const OTHER = `sha256:${'cd'.repeat(32)}`;
const IMAGE: VexImage = {
  digest: DIGEST,
  repository: 'registry.example.com/proj/app',
  reference: 'registry.example.com/proj/app:1.0',
};

function read(name: string): string {
  return fs.readFileSync(path.join(FIX, name), 'utf8');
}

function openvex(statements: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify(
    {
      '@context': 'https://openvex.dev/ns/v0.2.0',
      '@id': 'https://example.com/vex/1',
      author: 'me',
      timestamp: '2026-08-01T10:00:00Z',
      version: 1,
      statements,
      ...extra,
    },
    null,
    2,
  );
}

function fails(fn: () => unknown): GateError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(GateError);
    expect((e as GateError).exitCode).toBe(2);
    return e as GateError;
  }
  throw new Error('expected a GateError');
}

describe('JSON pointer to line', () => {
  const text =
    '{\n  "a": 1,\n  "b": [\n    {"x": "y"},\n    {\n      "x": "z\\"]}"\n    }\n  ],\n  "c": {"d": null}\n}\n';

  it('finds values by pointer, stepping over strings that hold brackets', () => {
    expect(lineOfPointer(text, '')).toBe(1);
    expect(lineOfPointer(text, '/a')).toBe(2);
    expect(lineOfPointer(text, '/b/0')).toBe(4);
    expect(lineOfPointer(text, '/b/1/x')).toBe(6);
    expect(lineOfPointer(text, '/c/d')).toBe(9);
  });

  it('falls back to the nearest parent for a missing key or index', () => {
    expect(offsetOfPointer(text, '/b/7')).toBeUndefined();
    expect(lineOfPointer(text, '/b/7')).toBe(3);
    expect(lineOfPointer(text, '/b/1/missing')).toBe(5);
    expect(lineOfPointer(text, '/nothing/here')).toBe(1);
  });

  it('decodes ~0 and ~1 in pointer tokens', () => {
    expect(lineOfPointer('{\n"a/b":\n{"c~d": 1}}', '/a~1b/c~0d')).toBe(3);
  });

  it('names the line of a JSON syntax error', () => {
    const bad = '{\n  "a": 1,\n  "b": tru\n}';
    let err: unknown;
    try {
      JSON.parse(bad);
    } catch (e) {
      err = e;
    }
    expect(lineOfSyntaxError(bad, err)).toBe(3);
    expect(lineOfSyntaxError('{\n"a": [1,\n2,,\n3]}', new Error('no position'))).toBe(3);
    expect(lineOfSyntaxError('{"a": "x\ty"}', new Error('no position'))).toBe(1);
    expect(lineOfSyntaxError('{"a": 1}', new Error('no position'))).toBeUndefined();
  });
});

describe('purl', () => {
  it('parses type, namespace, name, percent-encoded version and qualifiers', () => {
    expect(
      parsePurl(`pkg:oci/app@sha256%3A${'ab'.repeat(32)}?repository_url=r.example.com/p/app&tag=1`),
    ).toEqual({
      type: 'oci',
      name: 'app',
      version: DIGEST,
      qualifiers: { repository_url: 'r.example.com/p/app', tag: '1' },
    });
    expect(parsePurl('pkg:golang/github.com/foo/bar@v1.2.3#sub')).toMatchObject({
      type: 'golang',
      namespace: 'github.com/foo',
      name: 'bar',
      version: 'v1.2.3',
    });
    expect(parsePurl('not-a-purl')).toBeUndefined();
    expect(parsePurl('pkg:nothing')).toBeUndefined();
  });
});

describe('OpenVEX 0.2.0', () => {
  it('reads the statements with justification, impact and aliases', () => {
    const doc = parseVexDocument(read('app.openvex.json'), 'app.openvex.json');
    expect(doc).toMatchObject({
      format: 'openvex',
      id: 'https://example.com/vex/app-2026-001',
      author: expect.stringContaining('Example'),
    });
    expect(doc.statements).toHaveLength(3);
    expect(doc.statements[0]).toMatchObject({
      vulnerability: { name: 'CVE-2024-0001', aliases: ['GHSA-aaaa-bbbb-cccc'] },
      status: 'not_affected',
      justification: 'vulnerable_code_not_in_execute_path',
      impactStatement: expect.stringContaining('Unix socket'),
      timestamp: Date.parse('2026-08-01T10:00:00Z'),
      line: 8,
      products: [{ subcomponents: [{ ids: ['pkg:deb/debian/openssl@3.0.1'] }] }],
    });
    expect(doc.warnings).toEqual([]);
  });

  it('rejects a bad status with the file and the line', () => {
    const text = openvex([
      {
        vulnerability: { name: 'CVE-2024-1' },
        products: [{ '@id': DIGEST }],
        status: 'not_affected',
        justification: 'component_not_present',
      },
      { vulnerability: { name: 'CVE-2024-2' }, products: [{ '@id': DIGEST }], status: 'safe' },
    ]);
    const e = fails(() => parseVexDocument(text, 'vex.json'));
    expect(e.code).toBe('VEX_INVALID');
    const line = text.split('\n').findIndex((l) => l.includes('"safe"')) + 1;
    expect(e.message).toBe(
      `vex.json:${line}: statements[1].status: is "safe"; allowed: not_affected, affected, fixed, under_investigation`,
    );
  });

  it('requires a justification or an impact statement for not_affected, and known justification labels', () => {
    const noWhy = openvex([
      { vulnerability: { name: 'CVE-2024-1' }, products: [{ '@id': DIGEST }], status: 'not_affected' },
    ]);
    const first = noWhy.split('\n').findIndex((l) => l.includes('"vulnerability"'));
    // The statement object opens on the line before its first key.
    expect(fails(() => parseVexDocument(noWhy, 'v.json')).message).toBe(
      `v.json:${first}: statements[0]: a not_affected statement needs a "justification" or an "impact_statement"`,
    );
    const badLabel = openvex([
      {
        vulnerability: { name: 'CVE-2024-1' },
        products: [{ '@id': DIGEST }],
        status: 'not_affected',
        justification: 'trust_me',
      },
    ]);
    expect(fails(() => parseVexDocument(badLabel, 'v.json')).message).toMatch(
      /statements\[0\]\.justification: is "trust_me"; allowed: component_not_present/,
    );
  });

  it('rejects missing document fields, a string vulnerability and a product naming nothing', () => {
    const noAuthor = JSON.parse(openvex([{ vulnerability: { name: 'CVE-1' }, status: 'fixed' }])) as Record<
      string,
      unknown
    >;
    delete noAuthor.author;
    expect(fails(() => parseVexDocument(JSON.stringify(noAuthor), 'v.json')).message).toBe(
      'v.json:1: "author" is required',
    );
    expect(
      fails(() => parseVexDocument(openvex([{ vulnerability: 'CVE-1', status: 'fixed' }]), 'v.json')).message,
    ).toMatch(/statements\[0\]\.vulnerability: is "CVE-1"; it must be an object with "name"/);
    expect(
      fails(() =>
        parseVexDocument(
          openvex([{ vulnerability: { name: 'CVE-1' }, products: [{}], status: 'fixed' }]),
          'v.json',
        ),
      ).message,
    ).toMatch(/statements\[0\]\.products\[0\]: names nothing/);
    expect(fails(() => parseVexDocument(openvex([]), 'v.json')).message).toMatch(/statements: is empty/);
    expect(
      fails(() =>
        parseVexDocument(
          openvex([{ vulnerability: { name: 'CVE-1' }, status: 'fixed' }], { timestamp: 'yesterday' }),
          'v.json',
        ),
      ).message,
    ).toMatch(/timestamp: is "yesterday"; it must be an RFC 3339 date-time/);
  });

  it('warns about unknown fields instead of failing', () => {
    const text = openvex([
      { vulnerability: { name: 'CVE-1' }, products: [{ '@id': DIGEST }], status: 'fixed', colour: 'red' },
    ]);
    const doc = parseVexDocument(text, 'v.json');
    const line = text.split('\n').findIndex((l) => l.includes('"colour"')) + 1;
    expect(doc.warnings).toEqual([`v.json:${line}: statements[0].colour: unknown field, ignored`]);
  });

  it('says which documents are unknown or unsupported (exit 2)', () => {
    expect(fails(() => parseVexDocument('{"hello": 1}', 'x.json'))).toMatchObject({
      code: 'VEX_UNSUPPORTED',
    });
    expect(fails(() => parseVexDocument('[1]', 'x.json')).message).toMatch(/a VEX document is a JSON object/);
    const v1 = openvex([{ vulnerability: { name: 'CVE-1' }, status: 'fixed' }]).replace('ns/v0.2.0', 'ns/v9');
    expect(fails(() => parseVexDocument(v1, 'x.json')).message).toMatch(
      /^x\.json:2: @context: OpenVEX context "https:\/\/openvex.dev\/ns\/v9" is not supported/,
    );
    expect(fails(() => parseVexDocument('{"document": {"csaf_version": "2.0"}}', 'c.json')).message).toMatch(
      /CSAF VEX is not supported/,
    );
    const e = fails(() =>
      parseVexDocument('{\n  "@context": "https://openvex.dev/ns/v0.2.0",\n  oops\n}', 'bad.json'),
    );
    expect(e.code).toBe('VEX_PARSE');
    expect(e.message).toMatch(/^bad\.json:3: is not JSON/);
  });

  it('bounds the size and the number of statements', () => {
    expect(fails(() => parseVexDocument(Buffer.alloc(100, 32), 'big.json', { maxBytes: 10 })).code).toBe(
      'VEX_TOO_LARGE',
    );
    const many = openvex([
      { vulnerability: { name: 'CVE-1' }, status: 'fixed' },
      { vulnerability: { name: 'CVE-2' }, status: 'fixed' },
    ]);
    expect(fails(() => parseVexDocument(many, 'm.json', { maxStatements: 1 })).code).toBe('VEX_TOO_LARGE');
  });
});

describe('CycloneDX VEX', () => {
  it('maps states and justifications, and resolves affects refs to components', () => {
    const doc = parseVexDocument(read('app.cdx.json'), 'app.cdx.json');
    expect(doc).toMatchObject({
      format: 'cyclonedx',
      id: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
      author: 'Example Security Team',
    });
    const [a, b, c] = doc.statements;
    expect(a).toMatchObject({
      vulnerability: { name: 'CVE-2024-0004', aliases: ['GHSA-dddd-eeee-ffff'] },
      status: 'not_affected',
      justification: 'vulnerable_code_not_in_execute_path',
      sourceJustification: 'code_not_reachable',
      impactStatement: 'inflate is never called on untrusted input',
      products: [
        {
          ids: [`pkg:oci/app@sha256%3A${'ab'.repeat(32)}`, 'image', 'registry.example.com/proj/app'],
          subcomponents: [
            { ids: ['pkg:deb/debian/zlib1g@1.2.13', 'pkg:deb/debian/zlib1g@1.2.13', 'zlib1g@1.2.13'] },
          ],
        },
      ],
      timestamp: Date.parse('2026-08-02T09:00:00Z'),
    });
    expect(b).toMatchObject({ status: 'fixed', sourceState: 'resolved', products: [{ subcomponents: [] }] });
    expect(c).toMatchObject({ status: 'under_investigation', sourceState: 'in_triage' });
  });

  it('maps every CycloneDX state', () => {
    const states = [
      'resolved',
      'resolved_with_pedigree',
      'exploitable',
      'in_triage',
      'false_positive',
      'not_affected',
    ];
    const bom = {
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      metadata: { component: { name: 'app', purl: `pkg:oci/app@${DIGEST}` } },
      vulnerabilities: states.map((state, i) => ({
        id: `CVE-2024-${1000 + i}`,
        analysis: { state, ...(state === 'not_affected' ? { justification: 'code_not_present' } : {}) },
      })),
    };
    const doc = parseVexDocument(JSON.stringify(bom), 'b.json');
    expect(doc.statements.map((s) => s.status)).toEqual([
      'fixed',
      'fixed',
      'affected',
      'under_investigation',
      'not_affected',
      'not_affected',
    ]);
    expect(doc.statements[4]!.impactStatement).toBe('false positive');
  });

  it('rejects an unknown state with its line, an SBOM without vulnerabilities, and other spec versions', () => {
    const bom = JSON.stringify(
      {
        bomFormat: 'CycloneDX',
        specVersion: '1.6',
        vulnerabilities: [{ id: 'CVE-1', analysis: { state: 'maybe' } }],
      },
      null,
      2,
    );
    const e = fails(() => parseVexDocument(bom, 'b.json'));
    expect(e.message).toBe(
      'b.json:8: vulnerabilities[0].analysis.state: is "maybe"; allowed: not_affected, false_positive, resolved, resolved_with_pedigree, exploitable, in_triage',
    );
    expect(
      fails(() => parseVexDocument('{"bomFormat":"CycloneDX","specVersion":"1.6","components":[]}', 's.json'))
        .message,
    ).toMatch(/it is an SBOM, not VEX/);
    expect(
      fails(() =>
        parseVexDocument('{"bomFormat":"CycloneDX","specVersion":"1.3","vulnerabilities":[]}', 's.json'),
      ).code,
    ).toBe('VEX_UNSUPPORTED');
  });
});

describe('matching', () => {
  const finding = { id: 'CVE-2024-0001', package: 'openssl', version: '3.0.1' };

  it('matches the image by oci purl digest (any qualifiers), digest, repo@digest or the reference', () => {
    expect(productMatchesImage(`pkg:oci/app@sha256%3A${'ab'.repeat(32)}?repository_url=x/y`, IMAGE)).toBe(
      true,
    );
    expect(productMatchesImage(`pkg:oci/other-name@${DIGEST}`, IMAGE)).toBe(true);
    expect(productMatchesImage(`pkg:oci/app@${OTHER}`, IMAGE)).toBe(false);
    expect(productMatchesImage(`pkg:oci/app@${OTHER}`, IMAGE, OTHER)).toBe(true);
    expect(productMatchesImage('pkg:oci/app', IMAGE)).toBe(false);
    expect(productMatchesImage(`pkg:deb/debian/app@${DIGEST}`, IMAGE)).toBe(false);
    expect(productMatchesImage(DIGEST, IMAGE)).toBe(true);
    expect(productMatchesImage(`registry.example.com/proj/app@${DIGEST}`, IMAGE)).toBe(true);
    expect(productMatchesImage(`registry.example.com/proj/evil@${DIGEST}`, IMAGE)).toBe(false);
    expect(productMatchesImage('registry.example.com/proj/app:1.0', IMAGE)).toBe(true);
    expect(productMatchesImage('registry.example.com/proj/app:2.0', IMAGE)).toBe(false);
  });

  it('matches the package by purl name (and version when given) or plain name', () => {
    expect(componentMatchesPackage('pkg:deb/debian/openssl@3.0.1?arch=amd64', finding)).toBe(true);
    expect(componentMatchesPackage('pkg:deb/debian/openssl', finding)).toBe(true);
    expect(componentMatchesPackage('pkg:deb/debian/openssl@3.0.2', finding)).toBe(false);
    expect(
      componentMatchesPackage('pkg:golang/github.com/foo/bar@v1', {
        package: 'github.com/foo/bar',
        version: 'v1',
      }),
    ).toBe(true);
    expect(componentMatchesPackage('OpenSSL', finding)).toBe(true);
    expect(componentMatchesPackage('openssl@3.0.1', finding)).toBe(true);
    expect(componentMatchesPackage('libssl3', finding)).toBe(false);
  });

  it('applies statements by id or alias, image and package; the latest wins', () => {
    const doc = parseVexDocument(read('app.openvex.json'), 'app.openvex.json');
    const idx = new VexIndex(doc.statements, IMAGE);
    expect(idx.lookup(finding)).toMatchObject({ waives: true, statement: { status: 'not_affected' } });
    expect(idx.lookup({ ...finding, id: 'ghsa-aaaa-bbbb-cccc' })?.waives).toBe(true);
    expect(idx.lookup({ ...finding, package: 'libssl3' })).toBeUndefined();
    expect(idx.lookup({ ...finding, version: '3.0.2' })).toBeUndefined();
    expect(new VexIndex(doc.statements, { digest: OTHER }).lookup(finding)).toBeUndefined();
    expect(idx.lookup({ id: 'CVE-2024-0002', package: 'x', version: '1' })).toMatchObject({
      waives: false,
      statement: { status: 'under_investigation' },
    });

    const later = parseVexDocument(
      openvex([
        {
          vulnerability: { name: 'CVE-2024-0001' },
          products: [{ '@id': DIGEST }],
          status: 'affected',
          action_statement: 'upgrade',
          timestamp: '2026-09-01T00:00:00Z',
        },
      ]),
      'later.json',
    );
    const earlier = parseVexDocument(
      openvex([
        {
          vulnerability: { name: 'CVE-2024-0001' },
          products: [{ '@id': DIGEST }],
          status: 'fixed',
          timestamp: '2026-07-01T00:00:00Z',
        },
      ]),
      'earlier.json',
    );
    const both = new VexIndex([...doc.statements, ...later.statements, ...earlier.statements], IMAGE);
    expect(both.lookup(finding)).toMatchObject({
      waives: false,
      statement: { status: 'affected', source: { document: 'later.json' } },
    });
  });

  it('builds the image purl harbor-gate documents', () => {
    expect(imagePurl(IMAGE)).toBe(
      `pkg:oci/app@sha256%3A${'ab'.repeat(32)}?repository_url=registry.example.com/proj/app`,
    );
    expect(productMatchesImage(imagePurl(IMAGE), IMAGE)).toBe(true);
  });
});

describe('CycloneDX to OpenVEX', () => {
  it('converts to a valid OpenVEX 0.2.0 document that reads back to the same statements', () => {
    const cdx = parseVexDocument(read('app.cdx.json'), 'app.cdx.json');
    const ov = toOpenVex(cdx);
    expect(ov['@context']).toBe('https://openvex.dev/ns/v0.2.0');
    const back = parseVexDocument(JSON.stringify(ov, null, 2), 'converted.json');
    expect(back.statements.map((s) => [s.vulnerability.name, s.status, s.justification])).toEqual(
      cdx.statements.map((s) => [s.vulnerability.name, s.status, s.justification]),
    );
    const idx = new VexIndex(back.statements, IMAGE);
    expect(idx.lookup({ id: 'CVE-2024-0004', package: 'zlib1g', version: '1.2.13' })?.waives).toBe(true);
    expect(back.statements[1]!.statusNotes).toMatch(/CycloneDX state: resolved/);
  });
});

describe('readVexFiles', () => {
  it('reads files in order and names a missing file, a folder and an oversized file (exit 2)', async () => {
    const docs = await readVexFiles([path.join(FIX, 'app.openvex.json'), path.join(FIX, 'app.cdx.json')]);
    expect(docs.map((d) => d.format)).toEqual(['openvex', 'cyclonedx']);
    const missing = path.join(FIX, 'nope.json');
    await expect(readVexFiles([missing])).rejects.toMatchObject({
      code: 'VEX_READ',
      exitCode: 2,
      message: expect.stringMatching(/nope\.json: cannot be read: .*ENOENT/),
    });
    await expect(readVexFiles([FIX])).rejects.toMatchObject({
      code: 'VEX_READ',
      message: expect.stringMatching(/is not a file$/),
    });
    await expect(readVexFiles([path.join(FIX, 'app.cdx.json')], { maxBytes: 100 })).rejects.toMatchObject({
      code: 'VEX_TOO_LARGE',
    });
  });
});
