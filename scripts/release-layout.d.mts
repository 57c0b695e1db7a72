/** Writes the npm tarball as an OCI image layout (the tarball is its one layer) into `outDir`. */
export function writeReleaseLayout(
  tarball: string,
  outDir: string,
  version: string,
): { layerDigest: string; manifestDigest: string };
