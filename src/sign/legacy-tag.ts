/**
 * Writing a cosign legacy tag (`sha256-<hex>.sig` / `.att`): the layers given, under the ggcr
 * config cosign writes, as one OCI manifest pushed to the tag. Shared by image signing and legacy
 * attestations.
 */
import { MediaType, type Descriptor, type Repository } from '../oci/index.js';
import { legacyConfig } from './formats.js';

/** Pushes the config and the manifest of `layers` to `tag`; returns the manifest digest. */
export async function pushLegacyTag(repo: Repository, tag: string, layers: Descriptor[]): Promise<string> {
  const config = legacyConfig(layers.map((l) => l.digest));
  const configDesc = await repo.pushBlobBytes(config, MediaType.OciConfig);
  const manifest = {
    schemaVersion: 2,
    mediaType: MediaType.OciManifest,
    config: { mediaType: MediaType.OciConfig, size: configDesc.size, digest: configDesc.digest },
    layers,
  };
  const res = await repo.pushManifest(tag, Buffer.from(JSON.stringify(manifest)), MediaType.OciManifest);
  return res.digest;
}
