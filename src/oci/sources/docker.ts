/**
 * `docker save` archives, read the robust way (reference/notes/oci.md §3.2): when the archive is
 * also a complete, self-consistent OCI layout (Docker 25+, the containerd image store) it is read
 * as one; otherwise (classic archives, the Docker 25.0.x bugs) from manifest.json and the config,
 * producing a Docker schema2 manifest whose layers keep their bytes exactly as stored.
 */
import { SHA256_DIGEST_PATTERN } from '../../core/index.js';
import crypto from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { isGateError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { normalizeEntryName } from '../tar.js';
import { MediaType, type Descriptor, type ManifestBytes } from '../types.js';
import { readFailed, sourceInput, SOURCE_REMEDY_RECREATE } from './errors.js';
import type { SourceFiles } from './files.js';
import {
  blobMissing,
  digestOf,
  MAX_CONFIG_BYTES,
  MAX_INDEX_JSON_BYTES,
  parseJson,
  readOciLayout,
  type BlobLocation,
  type ReadImage,
} from './layout.js';
import { matchesRef } from './refs.js';

interface ManifestItem {
  Config: string;
  RepoTags: string[];
  Layers: string[];
}

export type Compression = 'gzip' | 'zstd' | 'none';

export function detectCompression(head: Buffer): Compression {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head.readUInt32BE(0) === 0x28b52ffd) return 'zstd';
  return 'none';
}

function manifestInvalid(label: string, why: string): Error {
  return sourceInput(
    'SOURCE_DOCKER_MANIFEST_INVALID',
    `${label}: manifest.json ${why}`,
    'Save the image again with docker save (or skopeo copy ... docker-archive:FILE) and check the copy is complete.',
  );
}

/** Read a docker-archive: the OCI layout inside it when complete and consistent, else manifest.json. */
export async function readDockerArchive(
  files: SourceFiles,
  opts: { ref?: string; logger: Logger },
): Promise<ReadImage> {
  const hasManifestJson = (await files.stat('manifest.json')) !== undefined;
  if ((await files.stat('index.json')) && (await files.stat('oci-layout'))) {
    try {
      return await readOciLayout(files, { ...opts, checkDiffIds: true });
    } catch (e) {
      if (!isGateError(e) || !hasManifestJson || e.code === 'SOURCE_PLATFORMS_MISSING') throw e;
      opts.logger.info(
        `${files.label}: reading manifest.json instead of its OCI layout (${e.code}: ${e.message})`,
      );
    }
  }
  if (!hasManifestJson) {
    throw sourceInput(
      'SOURCE_DOCKER_MANIFEST_INVALID',
      `${files.label} has neither manifest.json nor an OCI layout (index.json + oci-layout)`,
      'Check that the file was written by docker save; for an OCI archive use oci-archive:FILE.',
    );
  }
  return readClassic(files, opts);
}

function parseManifestJson(label: string, bytes: Buffer): ManifestItem[] {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw sourceInput(
      'SOURCE_BAD_JSON',
      `${label}: manifest.json is not valid JSON`,
      SOURCE_REMEDY_RECREATE,
      e,
    );
  }
  if (!Array.isArray(value)) throw manifestInvalid(label, 'is not a list');
  return value.map((raw: unknown, i) => {
    const item = raw as Partial<Record<keyof ManifestItem, unknown>> | null;
    if (typeof item !== 'object' || item === null)
      throw manifestInvalid(label, `entry ${i} is not an object`);
    if (typeof item.Config !== 'string' || item.Config === '') {
      throw manifestInvalid(label, `entry ${i} has no Config`);
    }
    const tags = item.RepoTags ?? [];
    if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) {
      throw manifestInvalid(label, `entry ${i} has invalid RepoTags`);
    }
    if (!Array.isArray(item.Layers) || !item.Layers.every((l) => typeof l === 'string')) {
      throw manifestInvalid(label, `entry ${i} has no Layers list`);
    }
    return { Config: item.Config, RepoTags: tags, Layers: item.Layers };
  });
}

function describeItems(items: ManifestItem[]): string {
  return items
    .map((it, i) => `${it.RepoTags.length > 0 ? `${it.RepoTags.join(' / ')} ` : ''}@${i}`)
    .join(', ');
}

function selectItem(label: string, items: ManifestItem[], ref: string | undefined): ManifestItem {
  if (items.length === 0) throw manifestInvalid(label, 'lists no images');
  if (ref === undefined) {
    if (items.length === 1) return items[0]!;
    throw sourceInput(
      'SOURCE_REF_AMBIGUOUS',
      `${label} holds ${items.length} images: ${describeItems(items)}`,
      'Say which one to push: docker-archive:FILE:REPO:TAG or docker-archive:FILE:@N.',
    );
  }
  const position = /^@(\d+)$/.exec(ref)?.[1];
  const matched =
    position === undefined
      ? items.filter((it) => it.RepoTags.some((t) => matchesRef(t, ref)))
      : items.filter((_, i) => i === Number(position));
  if (matched.length === 0) {
    throw sourceInput(
      'SOURCE_REF_NOT_FOUND',
      `${label} has no image ${JSON.stringify(ref)}; it has: ${describeItems(items)}`,
      'Name one of the images listed: docker-archive:FILE:REPO:TAG or docker-archive:FILE:@N.',
    );
  }
  if (new Set(matched.map((m) => m.Config)).size > 1) {
    throw sourceInput(
      'SOURCE_REF_AMBIGUOUS',
      `${label} holds several images matching ${JSON.stringify(ref)}: ${describeItems(matched)}`,
      'Give the full REPO:TAG or @N.',
    );
  }
  return matched[0]!;
}

function entryPath(files: SourceFiles, raw: string): string {
  const name = normalizeEntryName(files.label, raw);
  if (name === undefined) throw manifestInvalid(files.label, `names the archive root as a file`);
  return files.resolveLink(name);
}

async function hashFile(files: SourceFiles, rel: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  try {
    await pipeline(files.open(rel), hash);
  } catch (e) {
    throw readFailed(`${files.label}: ${rel}`, e);
  }
  return `sha256:${hash.digest('hex')}`;
}

async function readClassic(files: SourceFiles, opts: { ref?: string; logger: Logger }): Promise<ReadImage> {
  const label = files.label;
  const items = parseManifestJson(
    label,
    await files.read('manifest.json', MAX_INDEX_JSON_BYTES, 'manifest.json'),
  );
  const item = selectItem(label, items, opts.ref);

  const configPath = entryPath(files, item.Config);
  const configStat = await files.stat(configPath);
  if (!configStat) throw blobMissing(item.Config, 'the image config named by manifest.json', label);
  const configBytes = await files.read(configPath, MAX_CONFIG_BYTES, `config ${item.Config}`);
  const configDigest = digestOf(configBytes);
  const config = parseJson(configBytes, `config ${item.Config}`);
  const diffIds = (config.rootfs as { diff_ids?: unknown } | undefined)?.diff_ids;
  if (
    !Array.isArray(diffIds) ||
    !diffIds.every((d): d is string => typeof d === 'string' && SHA256_DIGEST_PATTERN.test(d))
  ) {
    throw manifestInvalid(label, `points at config ${item.Config}, which has no valid rootfs.diff_ids`);
  }
  if (diffIds.length !== item.Layers.length) {
    throw manifestInvalid(
      label,
      `lists ${item.Layers.length} layers but the config has ${diffIds.length} diff_ids`,
    );
  }

  const locations = new Map<string, BlobLocation>([[configDigest, { path: configPath }]]);
  const layers: { digest: string; size: number; compression: Compression }[] = [];
  const byPath = new Map<string, { digest: string; size: number; compression: Compression }>();
  for (const [i, raw] of item.Layers.entries()) {
    const rel = entryPath(files, raw);
    let layer = byPath.get(rel);
    if (!layer) {
      const st = await files.stat(rel);
      if (!st) throw blobMissing(diffIds[i]!, `layer ${i} (${raw})`, label);
      const compression = detectCompression(await files.head(rel, 4));
      // Uncompressed layers are their diffID (the pusher verifies it on the way); compressed ones are hashed here.
      const digest = compression === 'none' ? diffIds[i]! : await hashFile(files, rel);
      layer = { digest, size: st.size, compression };
      byPath.set(rel, layer);
      opts.logger.debug(`${label}: layer ${i} ${raw}: ${compression}, ${st.size} bytes, ${digest}`);
    }
    const known = locations.get(layer.digest);
    if (known && 'path' in known && known.path !== rel) {
      opts.logger.debug(`${label}: layer ${raw} repeats ${known.path}`);
    }
    if (!known) locations.set(layer.digest, { path: rel });
    layers.push(layer);
  }

  // Docker schema2 has no zstd layer type and media types must not be mixed: zstd makes it OCI.
  const oci = layers.some((l) => l.compression === 'zstd');
  const layerType = (c: Compression): string => {
    if (oci)
      return c === 'zstd'
        ? MediaType.OciLayerZstd
        : c === 'gzip'
          ? MediaType.OciLayerGzip
          : MediaType.OciLayer;
    return c === 'gzip' ? MediaType.DockerLayerGzip : MediaType.DockerLayer;
  };
  const configDesc: Descriptor = {
    mediaType: oci ? MediaType.OciConfig : MediaType.DockerConfig,
    digest: configDigest,
    size: configBytes.length,
  };
  const layerDescs: Descriptor[] = layers.map((l) => ({
    mediaType: layerType(l.compression),
    digest: l.digest,
    size: l.size,
  }));
  const mediaType = oci ? MediaType.OciManifest : MediaType.DockerManifest;
  const bytes = Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType, config: configDesc, layers: layerDescs }),
    'utf8',
  );
  const root: ManifestBytes = {
    descriptor: { mediaType, digest: digestOf(bytes), size: bytes.length },
    bytes,
  };
  const blobs = new Map<string, Descriptor>();
  for (const d of [configDesc, ...layerDescs]) if (!blobs.has(d.digest)) blobs.set(d.digest, d);
  return { root, manifests: [root], blobs: [...blobs.values()], referrers: [], locations };
}
