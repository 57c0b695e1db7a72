import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GateError } from '../../src/errors.js';
import { loadSbom } from '../../src/sbom/index.js';

const FIX = path.join(import.meta.dirname, '..', 'fixtures', 'sbom');
const fixture = (name: string): string => path.join(FIX, name);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-sbom-'));
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function failure(input: string | Buffer, opts?: Parameters<typeof loadSbom>[1]): Promise<GateError> {
  try {
    await loadSbom(input, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(GateError);
    return e as GateError;
  }
  throw new Error('expected loadSbom to fail');
}

describe('loadSbom: detection of valid documents', () => {
  it.each([
    ['spdx-2.2.json', 'spdx-2.2', 'application/spdx+json', 'https://spdx.dev/Document'],
    ['spdx-2.3.json', 'spdx-2.3', 'application/spdx+json', 'https://spdx.dev/Document'],
    ['spdx-3.json', 'spdx-3', 'application/spdx3+json', 'https://spdx.dev/Document'],
    ['cyclonedx-1.4.json', 'cyclonedx-1.4', 'application/vnd.cyclonedx+json', 'https://cyclonedx.org/bom'],
    ['cyclonedx-1.5.json', 'cyclonedx-1.5', 'application/vnd.cyclonedx+json', 'https://cyclonedx.org/bom'],
    ['cyclonedx-1.6.json', 'cyclonedx-1.6', 'application/vnd.cyclonedx+json', 'https://cyclonedx.org/bom'],
    ['cyclonedx-1.7.json', 'cyclonedx-1.7', 'application/vnd.cyclonedx+json', 'https://cyclonedx.org/bom'],
  ])('%s is %s', async (file, format, mediaType, predicateType) => {
    const bytes = fs.readFileSync(fixture(file));
    const sbom = await loadSbom(fixture(file));
    expect(sbom.format).toBe(format);
    expect(sbom.mediaType).toBe(mediaType);
    expect(sbom.predicateType).toBe(predicateType);
    expect(sbom.bytes.equals(bytes)).toBe(true);
    expect(typeof sbom.document).toBe('object');
  });

  it('detects from the content, not the name: a CycloneDX file named .spdx loads as CycloneDX', async () => {
    const p = path.join(tmp, 'misnamed.spdx.json');
    fs.copyFileSync(fixture('cyclonedx-1.6.json'), p);
    expect((await loadSbom(p)).format).toBe('cyclonedx-1.6');
  });

  it('accepts bytes as well as a path, and a UTF-8 byte order mark', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fs.readFileSync(fixture('spdx-2.3.json'))]);
    const sbom = await loadSbom(bytes);
    expect(sbom.format).toBe('spdx-2.3');
    expect(sbom.bytes.equals(bytes)).toBe(true);
  });
});

describe('loadSbom: refusals', () => {
  it.each([
    ['not-json.spdx', 'SBOM_NOT_JSON', /is not JSON/],
    ['truncated-cyclonedx.json', 'SBOM_NOT_JSON', /is not JSON/],
    ['package.json', 'SBOM_UNKNOWN_FORMAT', /not an SBOM.*package manifest/],
    ['cyclonedx-wrong-specversion.json', 'SBOM_UNSUPPORTED_VERSION', /specVersion "1\.2" is not supported/],
    [
      'cyclonedx-1.6-invalid.json',
      'SBOM_INVALID',
      /not a valid cyclonedx-1\.6 document: \/components\/0\/type/,
    ],
    [
      'spdx-2.3-invalid.json',
      'SBOM_INVALID',
      /not a valid spdx-2\.3 document: \/relationships\/0\/relationshipType: must be equal to one of the allowed values/,
    ],
    ['spdx-3-no-document.json', 'SBOM_INVALID', /exactly one SpdxDocument/],
  ])('%s gives %s', async (file, code, message) => {
    const err = await failure(fixture(file));
    expect(err.code).toBe(code);
    expect(err.exitCode).toBe(2);
    expect(err.message).toMatch(message);
    expect(err.remedy.length).toBeGreaterThan(10);
  });

  it('names a Trivy or Grype vulnerability report given as the SBOM, and how to make an SBOM instead', async () => {
    const trivy = await failure(
      Buffer.from(
        JSON.stringify({
          SchemaVersion: 2,
          ArtifactName: 'alpine:3.18',
          ArtifactType: 'container_image',
          Results: [{ Target: 'alpine', Vulnerabilities: [{ VulnerabilityID: 'CVE-2024-1' }] }],
        }),
      ),
    );
    expect(trivy.code).toBe('SBOM_UNKNOWN_FORMAT');
    expect(trivy.exitCode).toBe(2);
    expect(trivy.message).toMatch(/this is a Trivy vulnerability report/);
    expect(trivy.remedy).toContain(
      'This is a Trivy report; generate an SBOM with `trivy image --format cyclonedx --output sbom.cdx.json IMAGE`',
    );
    const grype = await failure(
      Buffer.from(
        JSON.stringify({
          matches: [{ vulnerability: { id: 'CVE-2024-1' } }],
          source: { type: 'image' },
          descriptor: { name: 'grype', version: '0.80.0' },
        }),
      ),
    );
    expect(grype.message).toMatch(/this is a Grype vulnerability report/);
    expect(grype.remedy).toContain('syft IMAGE -o cyclonedx-json=sbom.cdx.json');
    const sarif = await failure(
      Buffer.from(
        JSON.stringify({
          version: '2.1.0',
          $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
          runs: [{ tool: { driver: { name: 'Trivy' } }, results: [] }],
        }),
      ),
    );
    expect(sarif.message).toMatch(/Trivy vulnerability report/);
  });

  it('refuses a JSON array and a JSON string as not an SBOM', async () => {
    expect((await failure(Buffer.from('[1,2]'))).code).toBe('SBOM_UNKNOWN_FORMAT');
    expect((await failure(Buffer.from('"x"'))).code).toBe('SBOM_UNKNOWN_FORMAT');
  });

  it('refuses an SPDX version it does not support, and an SPDX 2 context mislabelled as 3', async () => {
    const spdx21 = Buffer.from(JSON.stringify({ spdxVersion: 'SPDX-2.1', SPDXID: 'SPDXRef-DOCUMENT' }));
    expect((await failure(spdx21)).code).toBe('SBOM_UNSUPPORTED_VERSION');
    const ctx2 = Buffer.from(
      JSON.stringify({ '@context': 'https://spdx.org/rdf/2.3/spdx-context.jsonld', '@graph': [] }),
    );
    expect((await failure(ctx2)).code).toBe('SBOM_UNSUPPORTED_VERSION');
  });

  it('lists at most maxErrors schema errors with their JSON paths', async () => {
    const doc = JSON.parse(fs.readFileSync(fixture('cyclonedx-1.5.json'), 'utf8'));
    doc.components = [1, 2, 3, 4, 5, 6, 7].map((i) => ({ type: 'bogus', name: `c${i}` }));
    const err = await failure(Buffer.from(JSON.stringify(doc)), { maxErrors: 2 });
    expect(err.code).toBe('SBOM_INVALID');
    expect(err.message).toMatch(/\/components\/0/);
    expect((err.details.errors as string[]).length).toBeLessThanOrEqual(2);
  });

  it('refuses a huge file by its size before reading it', async () => {
    const p = path.join(tmp, 'huge.json');
    const fd = fs.openSync(p, 'w');
    fs.ftruncateSync(fd, 100 * 1024 * 1024 + 1); // sparse: no disk or memory used
    fs.closeSync(fd);
    const err = await failure(p);
    expect(err.code).toBe('SBOM_TOO_LARGE');
    expect(err.message).toMatch(/104857601 bytes, more than the 104857600 byte limit/);
  });

  it('applies the limit to bytes too', async () => {
    const err = await failure(fs.readFileSync(fixture('spdx-2.3.json')), { maxBytes: 100 });
    expect(err.code).toBe('SBOM_TOO_LARGE');
  });

  it('reports a missing file and a directory as unreadable', async () => {
    expect((await failure(path.join(tmp, 'nope.json'))).code).toBe('SBOM_UNREADABLE');
    expect((await failure(tmp)).code).toBe('SBOM_UNREADABLE');
  });
});
