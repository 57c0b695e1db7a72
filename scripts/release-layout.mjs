// The npm tarball as an OCI image layout, so that harbor-gate can push and sign its own release:
// the tarball (a gzipped tar) is the image's one layer, its SHA-256 is the layer digest, and the
// keyless signature on the image vouches for exactly that file.
//
//   node scripts/release-layout.mjs harbor-gate-0.1.0.tgz release-layout
//   harbor-gate push --source oci:release-layout:0.1.0 --image ghcr.io/OWNER/harbor-gate/npm:0.1.0
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { Buffer } from 'node:buffer';

const sha256 = (bytes) => `sha256:${crypto.createHash('sha256').update(bytes).digest('hex')}`;

/** Writes the layout; returns the layer's digest (the tarball's SHA-256) and the manifest's. */
export function writeReleaseLayout(tarball, outDir, version) {
  const layer = fs.readFileSync(tarball);
  const blobs = path.join(outDir, 'blobs', 'sha256');
  fs.mkdirSync(blobs, { recursive: true });
  const put = (bytes) => {
    const digest = sha256(bytes);
    fs.writeFileSync(path.join(blobs, digest.slice('sha256:'.length)), bytes);
    return { digest, size: bytes.length };
  };
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: [sha256(zlib.gunzipSync(layer))] },
    }),
  );
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...put(config) },
      layers: [
        {
          mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
          ...put(layer),
          annotations: { 'org.opencontainers.image.title': path.basename(tarball) },
        },
      ],
      annotations: { 'org.opencontainers.image.version': version },
    }),
  );
  const root = put(manifest);
  fs.writeFileSync(path.join(outDir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  fs.writeFileSync(
    path.join(outDir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          ...root,
          annotations: { 'org.opencontainers.image.ref.name': version },
        },
      ],
    }),
  );
  return { layerDigest: sha256(layer), manifestDigest: root.digest };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [tarball, outDir] = process.argv.slice(2);
  if (!tarball || !outDir) {
    process.stderr.write('usage: node scripts/release-layout.mjs TARBALL OUTDIR\n');
    process.exit(2);
  }
  const version = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
  process.stdout.write(JSON.stringify(writeReleaseLayout(tarball, outDir, version)) + '\n');
}
