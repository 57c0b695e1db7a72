/**
 * The demo's sample: a small but real OCI image layout (tar layers, config, manifest), an SBOM for
 * it, and Harbor scanner findings that breach the default policy by exactly one critical
 * finding, so an allowlist entry with a reason turns the verdict green.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { MediaType, type Descriptor } from '../oci/index.js';
import type { VulnItem } from './harbor/fixtures.js';

const MTIME = Math.floor(Date.parse('2026-01-01T00:00:00Z') / 1000);

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

/** One ustar entry (regular file) with deterministic metadata. */
function tarEntry(name: string, data: Buffer): Buffer {
  const header = Buffer.alloc(512, 0);
  header.write(name, 0, 100, 'utf8');
  header.write(octal(0o644, 8), 100, 'ascii');
  header.write(octal(0, 8), 108, 'ascii');
  header.write(octal(0, 8), 116, 'ascii');
  header.write(octal(data.length, 12), 124, 'ascii');
  header.write(octal(MTIME, 12), 136, 'ascii');
  header.write('        ', 148, 'ascii');
  header.write('0', 156, 'ascii');
  header.write('ustar\0', 257, 'ascii');
  header.write('00', 263, 'ascii');
  header.write('root', 265, 'ascii');
  header.write('root', 297, 'ascii');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(octal(sum, 7) + ' ', 148, 'ascii');
  const pad = Buffer.alloc((512 - (data.length % 512)) % 512, 0);
  return Buffer.concat([header, data, pad]);
}

export function tarOf(files: Record<string, string | Buffer>): Buffer {
  const parts = Object.entries(files).map(([name, data]) =>
    tarEntry(name, typeof data === 'string' ? Buffer.from(data) : data),
  );
  return Buffer.concat([...parts, Buffer.alloc(1024, 0)]);
}

const sha256 = (b: Buffer): string => 'sha256:' + crypto.createHash('sha256').update(b).digest('hex');

export interface SampleImage {
  dir: string;
  /** The digest of the image manifest. */
  digest: string;
  refName: string;
}

export const SAMPLE_PACKAGES = [
  { name: 'musl', version: '1.2.3-r4', purl: 'pkg:apk/alpine/musl@1.2.3-r4' },
  { name: 'busybox', version: '1.36.0-r9', purl: 'pkg:apk/alpine/busybox@1.36.0-r9' },
  { name: 'zlib', version: '1.2.11-r0', purl: 'pkg:apk/alpine/zlib@1.2.11-r0' },
  { name: 'libcrypto3', version: '3.0.8-r0', purl: 'pkg:apk/alpine/libcrypto3@3.0.8-r0' },
];

/** Write the sample image as an OCI layout in `dir` and return its digest. */
export async function writeSampleImage(dir: string, refName = 'demo'): Promise<SampleImage> {
  const layers = [
    tarOf({
      'etc/os-release': 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.17.3\n',
      'lib/apk/db/installed': SAMPLE_PACKAGES.map((p) => `P:${p.name}\nV:${p.version}\n`).join('\n'),
    }),
    tarOf({ 'app/server.js': "console.log('hello from the harbor-gate demo');\n" }),
  ];
  const layerDescs: Descriptor[] = layers.map((l) => ({
    mediaType: MediaType.OciLayer,
    digest: sha256(l),
    size: l.length,
  }));
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      created: '2026-01-01T00:00:00Z',
      config: {
        Cmd: ['node', '/app/server.js'],
        Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      },
      rootfs: { type: 'layers', diff_ids: layerDescs.map((d) => d.digest) },
      history: [{ created: '2026-01-01T00:00:00Z', created_by: 'harbor-gate demo' }],
    }),
  );
  const configDesc: Descriptor = {
    mediaType: MediaType.OciConfig,
    digest: sha256(config),
    size: config.length,
  };
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.OciManifest,
      config: configDesc,
      layers: layerDescs,
      annotations: { 'org.opencontainers.image.title': 'harbor-gate demo' },
    }),
  );
  const digest = sha256(manifest);
  const blobDir = path.join(dir, 'blobs', 'sha256');
  await fs.mkdir(blobDir, { recursive: true });
  for (const blob of [...layers, config, manifest]) {
    await fs.writeFile(path.join(blobDir, sha256(blob).slice('sha256:'.length)), blob);
  }
  await fs.writeFile(path.join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  await fs.writeFile(
    path.join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.OciIndex,
      manifests: [
        {
          mediaType: MediaType.OciManifest,
          digest,
          size: manifest.length,
          annotations: { 'org.opencontainers.image.ref.name': refName },
        },
      ],
    }),
  );
  return { dir, digest, refName };
}

/** A CycloneDX 1.5 SBOM of the sample image. */
export function sampleSbom(): Buffer {
  return Buffer.from(
    JSON.stringify(
      {
        bomFormat: 'CycloneDX',
        specVersion: '1.5',
        serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
        version: 1,
        metadata: {
          timestamp: '2026-01-01T00:00:00Z',
          component: { type: 'container', name: 'harbor-gate-demo', version: '1.0.0' },
        },
        components: SAMPLE_PACKAGES.map((p) => ({
          type: 'library',
          name: p.name,
          version: p.version,
          purl: p.purl,
          'bom-ref': p.purl,
        })),
      },
      null,
      2,
    ),
  );
}

/** The critical finding the demo's allowlist entry waives. */
export const SAMPLE_CRITICAL_ID = 'CVE-2022-37434';

/**
 * The sample's vulnerabilities in Harbor's API item shape (GET .../additions/vulnerabilities), for
 * the scripted scanner: one critical finding with a fix (the one the demo waives), and medium and
 * low ones that the default policy (fail-on high) lets pass.
 */
export function sampleVulnerabilities(): VulnItem[] {
  const vuln = (
    id: string,
    pkg: string,
    version: string,
    fix: string,
    severity: string,
    score: number,
    vector: string,
    description: string,
  ): VulnItem => ({
    id,
    package: pkg,
    version,
    fix_version: fix,
    severity,
    status: fix ? 'fixed' : 'affected',
    description,
    links: [`https://avd.aquasec.com/nvd/${id.toLowerCase()}`],
    cwe_ids: ['CWE-787'],
    preferred_cvss: { score_v3: score, vector_v3: vector, score_v2: null, vector_v2: '' },
    vendor_attributes: { CVSS: { nvd: { V3Score: score, V3Vector: vector } } },
  });
  return [
    vuln(
      SAMPLE_CRITICAL_ID,
      'zlib',
      '1.2.11-r0',
      '1.2.12-r2',
      'Critical',
      9.8,
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      'zlib through 1.2.12 has a heap-based buffer over-read or buffer overflow in inflate in inflate.c via a large gzip header extra field.',
    ),
    vuln(
      'CVE-2023-2650',
      'libcrypto3',
      '3.0.8-r0',
      '3.0.9-r0',
      'Medium',
      6.5,
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
      'Processing some specially crafted ASN.1 object identifiers or data containing them may be very slow.',
    ),
    vuln(
      'CVE-2023-42364',
      'busybox',
      '1.36.0-r9',
      '',
      'Medium',
      5.5,
      'CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H',
      'A use-after-free vulnerability in BusyBox v.1.36.1 allows attackers to cause a denial of service via a crafted awk pattern.',
    ),
    vuln(
      'CVE-2023-5363',
      'libcrypto3',
      '3.0.8-r0',
      '3.0.12-r0',
      'Low',
      3.7,
      'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N',
      'Incorrect cipher key and IV length processing.',
    ),
  ];
}
