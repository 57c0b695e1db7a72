/**
 * Reads an OCI image layout (image-spec `image-layout.md`) from a directory or an archive: picks
 * the image in index.json, walks its DAG (nested indexes, bounded), verifies every manifest's bytes
 * against its descriptor, checks every config and layer blob is present with its declared size,
 * and carries along the untagged referrer manifests whose subject is part of the image.
 */
import { VERIFIABLE_DIGEST_PATTERN } from '../../core/index.js';
import crypto from 'node:crypto';
import type { Logger } from '../../logger.js';
import { isGateError } from '../../errors.js';
import {
  EMPTY_JSON,
  EMPTY_JSON_DIGEST,
  INDEX_MEDIA_TYPES,
  MANIFEST_MEDIA_TYPES,
  MediaType,
  type Descriptor,
  type ManifestBytes,
} from '../types.js';
import { sourceInput, SOURCE_REMEDY_RECREATE } from './errors.js';
import type { SourceFiles } from './files.js';
import { describeRefs, matchesRef } from './refs.js';

export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
export const MAX_INDEX_JSON_BYTES = 16 * 1024 * 1024;
export const MAX_CONFIG_BYTES = 32 * 1024 * 1024;
const MAX_DEPTH = 8;
const MAX_MANIFESTS = 10_000;

/** Only algorithms we can verify, with their exact encoded lengths: nothing else reaches a path. */

const IMAGE_LAYER_TYPES: ReadonlySet<string> = new Set([
  MediaType.OciLayer,
  MediaType.OciLayerGzip,
  MediaType.OciLayerZstd,
  MediaType.DockerLayer,
  MediaType.DockerLayerGzip,
  MediaType.DockerForeignLayerGzip,
]);

const REF_NAME = 'org.opencontainers.image.ref.name';
const CONTAINERD_NAME = 'io.containerd.image.name';

export type BlobLocation = { path: string } | { data: Buffer };

export interface ReadImage {
  root: ManifestBytes;
  manifests: ManifestBytes[];
  blobs: Descriptor[];
  referrers: ManifestBytes[];
  locations: Map<string, BlobLocation>;
}

export interface LayoutReadOptions {
  ref?: string;
  logger: Logger;
  /** docker-archive: check each manifest's layers against its config's diff_ids (Docker 25.0.x bugs). */
  checkDiffIds?: boolean;
}

type Json = Record<string, unknown>;

export function checkDigest(digest: unknown, where: string): string {
  if (typeof digest !== 'string' || !VERIFIABLE_DIGEST_PATTERN.test(digest)) {
    throw sourceInput(
      'SOURCE_BAD_DIGEST',
      `${where}: ${JSON.stringify(digest)} is not a valid sha256 or sha512 digest`,
      'Digests must look like sha256:<64 lowercase hex digits>; export the image again with a standard tool.',
    );
  }
  return digest;
}

export function blobPath(digest: string, where: string): string {
  const [alg, hex] = checkDigest(digest, where).split(':') as [string, string];
  return `blobs/${alg}/${hex}`;
}

export function digestOf(bytes: Buffer, alg = 'sha256'): string {
  return `${alg}:${crypto.createHash(alg).update(bytes).digest('hex')}`;
}

export function parseJson(bytes: Buffer, what: string): Json {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw sourceInput(
      'SOURCE_BAD_JSON',
      `${what} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
      SOURCE_REMEDY_RECREATE,
      e,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw sourceInput('SOURCE_BAD_JSON', `${what} is not a JSON object`, SOURCE_REMEDY_RECREATE);
  }
  return value as Json;
}

function invalid(message: string): Error {
  return sourceInput('SOURCE_LAYOUT_INVALID', message, SOURCE_REMEDY_RECREATE);
}

function manifestInvalid(message: string): Error {
  return sourceInput('SOURCE_MANIFEST_INVALID', message, SOURCE_REMEDY_RECREATE);
}

export function checkDescriptor(value: unknown, where: string): Descriptor {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw manifestInvalid(`${where} is not a descriptor object`);
  }
  const d = value as Json;
  if (typeof d.mediaType !== 'string' || d.mediaType === '') {
    throw manifestInvalid(`${where} has no mediaType`);
  }
  checkDigest(d.digest, where);
  if (typeof d.size !== 'number' || !Number.isSafeInteger(d.size) || d.size < 0) {
    throw manifestInvalid(`${where} has an invalid size ${JSON.stringify(d.size)}`);
  }
  return d as unknown as Descriptor;
}

function annotations(d: Descriptor): Record<string, string> {
  return d.annotations ?? {};
}

function platformName(d: Descriptor): string {
  const p = d.platform;
  if (!p) {
    const ref = annotations(d)['vnd.docker.reference.digest'];
    return ref ? `attestation for ${ref}` : d.digest;
  }
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

export function sizeMismatch(where: string, declared: number, actual: number): Error {
  return sourceInput(
    'SOURCE_SIZE_MISMATCH',
    `${where} is ${actual} bytes but its descriptor says ${declared}`,
    SOURCE_REMEDY_RECREATE,
  );
}

export function blobMissing(digest: string, where: string, label: string): Error {
  return sourceInput(
    'SOURCE_BLOB_MISSING',
    `${label}: blob ${digest} (${where}) is missing`,
    'The layout is incomplete. Export the whole image again; harbor-gate never pushes a partial image.',
  );
}

/** Walks one manifest DAG and collects what it needs, failing on the first problem. */
class Walker {
  readonly manifests: ManifestBytes[] = [];
  readonly byDigest = new Map<string, ManifestBytes>();
  readonly blobs = new Map<string, Descriptor>();
  readonly locations = new Map<string, BlobLocation>();

  constructor(
    private readonly files: SourceFiles,
    private readonly opts: LayoutReadOptions,
  ) {}

  async readManifest(desc: Descriptor, where: string): Promise<{ bytes: Buffer; doc: Json } | undefined> {
    const rel = blobPath(desc.digest, where);
    if (desc.size > MAX_MANIFEST_BYTES) {
      throw sourceInput(
        'SOURCE_TOO_LARGE',
        `${where}: manifest ${desc.digest} declares ${desc.size} bytes, more than the 4 MiB registries accept`,
        'Check the descriptor; manifests and indexes are small JSON documents.',
      );
    }
    const st = await this.files.stat(rel);
    if (!st) return undefined;
    if (st.size !== desc.size) throw sizeMismatch(`manifest ${desc.digest}`, desc.size, st.size);
    const bytes = await this.files.read(rel, MAX_MANIFEST_BYTES, `manifest ${desc.digest}`);
    const alg = desc.digest.slice(0, desc.digest.indexOf(':'));
    const actual = digestOf(bytes, alg);
    if (actual !== desc.digest) {
      throw sourceInput(
        'SOURCE_DIGEST_MISMATCH',
        `${this.files.label}: the bytes of manifest ${desc.digest} hash to ${actual}`,
        'The layout was modified or corrupted after it was written; export the image again.',
      );
    }
    return { bytes, doc: parseJson(bytes, `manifest ${desc.digest}`) };
  }

  async visit(desc: Descriptor, depth: number, stack: string[]): Promise<void> {
    if (stack.includes(desc.digest)) {
      throw sourceInput(
        'SOURCE_INDEX_LOOP',
        `${this.files.label}: the image index refers back to itself: ${[...stack, desc.digest].join(' -> ')}`,
        'An index cannot contain itself; export the image again with a standard tool.',
      );
    }
    if (this.byDigest.has(desc.digest)) return;
    if (depth > MAX_DEPTH) {
      throw sourceInput(
        'SOURCE_INDEX_TOO_DEEP',
        `${this.files.label}: indexes are nested more than ${MAX_DEPTH} levels deep at ${desc.digest}`,
        'Flatten the image index; real multi-platform images nest one or two levels.',
      );
    }
    if (this.byDigest.size >= MAX_MANIFESTS) {
      throw invalid(`${this.files.label}: more than ${MAX_MANIFESTS} manifests`);
    }
    const where = stack.length === 0 ? 'index.json' : `index ${stack[stack.length - 1]!}`;
    const read = await this.readManifest(desc, where);
    if (!read) throw blobMissing(desc.digest, `manifest listed in ${where}`, this.files.label);
    const { bytes, doc } = read;
    if (doc.schemaVersion !== 2) {
      throw manifestInvalid(
        `manifest ${desc.digest} has schemaVersion ${JSON.stringify(doc.schemaVersion)}, not 2`,
      );
    }
    if (typeof doc.mediaType === 'string' && doc.mediaType !== desc.mediaType) {
      throw manifestInvalid(
        `manifest ${desc.digest} says it is ${doc.mediaType} but its descriptor says ${desc.mediaType}`,
      );
    }
    if (INDEX_MEDIA_TYPES.has(desc.mediaType)) {
      await this.visitIndex(desc, doc, depth, stack);
    } else {
      await this.visitManifest(desc, doc);
    }
    const mb: ManifestBytes = { descriptor: desc, bytes };
    this.byDigest.set(desc.digest, mb);
    this.manifests.push(mb);
  }

  private async visitIndex(desc: Descriptor, doc: Json, depth: number, stack: string[]): Promise<void> {
    if (!Array.isArray(doc.manifests)) throw manifestInvalid(`index ${desc.digest} has no manifests list`);
    const children = doc.manifests.map((c, i) => checkDescriptor(c, `index ${desc.digest} manifests[${i}]`));
    for (const child of children) {
      if (!INDEX_MEDIA_TYPES.has(child.mediaType) && !MANIFEST_MEDIA_TYPES.has(child.mediaType)) {
        throw unsupported(child.mediaType, `a child of index ${desc.digest}`);
      }
    }
    const missing: Descriptor[] = [];
    for (const child of children) {
      if (!(await this.files.stat(blobPath(child.digest, `index ${desc.digest}`)))) missing.push(child);
    }
    if (missing.length > 0) {
      const names = missing.map(platformName).join(', ');
      const present = children.length - missing.length;
      throw sourceInput(
        'SOURCE_PLATFORMS_MISSING',
        `${this.files.label}: image index ${desc.digest} lists ${children.length} manifests but ${missing.length} ` +
          `are not in the source (${present} present); missing: ${names}`,
        'The export holds only some platforms of a multi-platform image (docker save with the containerd ' +
          'image store exports only what was pulled). Either pull every platform first (docker pull --all-platforms ' +
          'or docker pull --platform for each) and save again, or push one platform: docker save --platform ' +
          'linux/amd64, or select the platform manifest of an OCI layout by its ref.',
      );
    }
    for (const child of children) await this.visit(child, depth + 1, [...stack, desc.digest]);
  }

  private async visitManifest(desc: Descriptor, doc: Json): Promise<void> {
    const config = checkDescriptor(doc.config, `manifest ${desc.digest} config`);
    if (!Array.isArray(doc.layers)) throw manifestInvalid(`manifest ${desc.digest} has no layers list`);
    const layers = doc.layers.map((l, i) => checkDescriptor(l, `manifest ${desc.digest} layers[${i}]`));
    await this.addBlob(config, `config of ${desc.digest}`);
    for (const [i, layer] of layers.entries()) await this.addBlob(layer, `layer ${i} of ${desc.digest}`);
    if (this.opts.checkDiffIds) await this.checkDiffIds(desc, config, layers);
  }

  private async addBlob(d: Descriptor, where: string): Promise<void> {
    if (this.locations.has(d.digest)) {
      const known = this.blobs.get(d.digest);
      if (known && known.size !== d.size) throw sizeMismatch(`${where} ${d.digest}`, d.size, known.size);
      return;
    }
    const rel = blobPath(d.digest, where);
    const st = await this.files.stat(rel);
    if (st) {
      if (st.size !== d.size) throw sizeMismatch(`${where} ${d.digest}`, d.size, st.size);
      this.locations.set(d.digest, { path: rel });
      this.blobs.set(d.digest, { mediaType: d.mediaType, digest: d.digest, size: d.size });
      return;
    }
    const inline = inlineData(d);
    if (inline) {
      this.locations.set(d.digest, { data: inline });
      this.blobs.set(d.digest, { mediaType: d.mediaType, digest: d.digest, size: d.size });
      return;
    }
    if (d.urls?.length && /foreign|nondistributable/.test(d.mediaType)) {
      this.opts.logger.debug(
        `${where} ${d.digest} is a foreign layer served from ${d.urls.join(', ')}: not pushed`,
      );
      return;
    }
    throw blobMissing(d.digest, where, this.files.label);
  }

  private async checkDiffIds(desc: Descriptor, config: Descriptor, layers: Descriptor[]): Promise<void> {
    if (config.mediaType !== MediaType.OciConfig && config.mediaType !== MediaType.DockerConfig) return;
    // Attestation and other artifact manifests carry no filesystem layers: nothing to compare.
    if (!layers.every((l) => IMAGE_LAYER_TYPES.has(l.mediaType))) return;
    const loc = this.locations.get(config.digest);
    if (!loc) return;
    const bytes =
      'data' in loc ? loc.data : await this.files.read(loc.path, MAX_CONFIG_BYTES, `config ${config.digest}`);
    const rootfs = parseJson(bytes, `config ${config.digest}`).rootfs as Json | undefined;
    const diffIds = rootfs?.diff_ids;
    const inconsistent = (why: string): Error =>
      sourceInput(
        'SOURCE_DOCKER_INCONSISTENT',
        `${this.files.label}: manifest ${desc.digest} does not match its config: ${why}`,
        'This is a known Docker 25.0.x save bug; upgrade Docker and save again, or keep manifest.json in the archive.',
      );
    if (!Array.isArray(diffIds)) throw inconsistent('the config has no rootfs.diff_ids');
    if (diffIds.length !== layers.length) {
      throw inconsistent(`${layers.length} layers but ${diffIds.length} diff_ids`);
    }
    layers.forEach((layer, i) => {
      const uncompressed =
        layer.mediaType === MediaType.OciLayer || layer.mediaType === MediaType.DockerLayer;
      if (uncompressed && layer.digest !== diffIds[i]) {
        throw inconsistent(`layer ${i} is ${layer.digest} but diff_ids[${i}] is ${String(diffIds[i])}`);
      }
    });
  }
}

function inlineData(d: Descriptor): Buffer | undefined {
  if (d.digest === EMPTY_JSON_DIGEST && d.size === EMPTY_JSON.length) return EMPTY_JSON;
  if (typeof d.data !== 'string') return undefined;
  const data = Buffer.from(d.data, 'base64');
  const alg = d.digest.slice(0, d.digest.indexOf(':'));
  return data.length === d.size && digestOf(data, alg) === d.digest ? data : undefined;
}

function unsupported(mediaType: string, what: string): Error {
  return sourceInput(
    'SOURCE_UNSUPPORTED_MEDIA_TYPE',
    `${what} has media type ${JSON.stringify(mediaType)}, which is not an image manifest or index`,
    `Select an image: harbor-gate pushes ${[...MANIFEST_MEDIA_TYPES, ...INDEX_MEDIA_TYPES].join(', ')}.`,
  );
}

function isKnown(d: Descriptor): boolean {
  return INDEX_MEDIA_TYPES.has(d.mediaType) || MANIFEST_MEDIA_TYPES.has(d.mediaType);
}

export interface IndexEntry {
  position: number;
  descriptor: Descriptor;
  names: string[];
}

function entryNames(d: Descriptor): string[] {
  const a = annotations(d);
  return [a[REF_NAME], a[CONTAINERD_NAME]].filter((n): n is string => typeof n === 'string' && n !== '');
}

export async function readIndexJson(files: SourceFiles): Promise<IndexEntry[]> {
  const layoutFile = await files.stat('oci-layout');
  if (!layoutFile) {
    throw invalid(
      `${files.label} has no oci-layout file, so it is not an OCI image layout` +
        (files.list()?.includes('manifest.json')
          ? ' (it looks like a docker save archive: use docker-archive:)'
          : ''),
    );
  }
  const header = parseJson(await files.read('oci-layout', 64 * 1024, 'oci-layout'), 'oci-layout');
  const version = header.imageLayoutVersion;
  if (typeof version !== 'string' || !/^1\.\d+\.\d+$/.test(version)) {
    throw sourceInput(
      'SOURCE_LAYOUT_VERSION',
      `${files.label}: unsupported imageLayoutVersion ${JSON.stringify(version)} (supported: 1.x.y)`,
      'Export the image with a tool that writes OCI image layout 1.0.0.',
    );
  }
  if (!(await files.stat('index.json'))) throw invalid(`${files.label} has no index.json`);
  const index = parseJson(await files.read('index.json', MAX_INDEX_JSON_BYTES, 'index.json'), 'index.json');
  if (index.schemaVersion !== 2) {
    throw invalid(
      `${files.label}: index.json has schemaVersion ${JSON.stringify(index.schemaVersion)}, not 2`,
    );
  }
  if (!Array.isArray(index.manifests)) {
    throw invalid(`${files.label}: index.json has no manifests list (${JSON.stringify(index.manifests)})`);
  }
  return index.manifests.map((m, i) => {
    const descriptor = checkDescriptor(m, `index.json manifests[${i}]`);
    return { position: i, descriptor, names: entryNames(descriptor) };
  });
}

function selectRoot(
  label: string,
  entries: IndexEntry[],
  ref: string | undefined,
  logger: Logger,
): IndexEntry[] {
  const known = entries.filter((e) => {
    if (isKnown(e.descriptor)) return true;
    logger.debug(
      `${label}: skipping index.json entry ${e.descriptor.digest} of type ${e.descriptor.mediaType}`,
    );
    return false;
  });
  if (ref !== undefined) {
    const position = /^@(\d+)$/.exec(ref)?.[1];
    const matched =
      position === undefined
        ? entries.filter((e) => e.descriptor.digest === ref || e.names.some((n) => matchesRef(n, ref)))
        : entries.filter((e) => e.position === Number(position));
    const digests = new Set(matched.map((e) => e.descriptor.digest));
    if (digests.size === 0) {
      throw sourceInput(
        'SOURCE_REF_NOT_FOUND',
        `${label} has no image ${JSON.stringify(ref)}; it has: ${describeRefs(entries)}`,
        'Name one of the images listed, as oci:DIR:REF (a tag, a full reference, a digest or @N for the N-th entry).',
      );
    }
    if (digests.size > 1) throw ambiguous(label, ref, matched);
    const chosen = matched[0]!;
    if (!isKnown(chosen.descriptor))
      throw unsupported(chosen.descriptor.mediaType, `image ${JSON.stringify(ref)}`);
    return [chosen];
  }
  if (known.length === 0) {
    if (entries.length > 0) {
      throw unsupported(entries[0]!.descriptor.mediaType, `${label}: every index.json entry`);
    }
    throw invalid(`${label}: index.json lists no images`);
  }
  const tagged = known.filter((e) => e.names.length > 0);
  const pool = tagged.length > 0 ? tagged : known;
  if (new Set(pool.map((e) => e.descriptor.digest)).size === 1) return [pool[0]!];
  if (tagged.length > 0) throw ambiguous(label, undefined, tagged);
  // Several untagged entries: the caller drops referrer manifests (those with a subject) and retries.
  return pool;
}

function ambiguous(label: string, ref: string | undefined, matched: IndexEntry[]): Error {
  return sourceInput(
    'SOURCE_REF_AMBIGUOUS',
    `${label} holds several images${ref === undefined ? '' : ` matching ${JSON.stringify(ref)}`}: ${describeRefs(matched)}`,
    'Say which one to push: oci:DIR:REF, oci-archive:FILE:REF or docker-archive:FILE:REF with a tag, full reference, digest or @N.',
  );
}

/** Read the image selected by `ref` (or the only one) from an OCI layout. */
export async function readOciLayout(files: SourceFiles, opts: LayoutReadOptions): Promise<ReadImage> {
  const entries = await readIndexJson(files);
  let candidates = selectRoot(files.label, entries, opts.ref, opts.logger);
  if (candidates.length > 1) {
    const probe = new Walker(files, opts);
    const roots: IndexEntry[] = [];
    for (const c of candidates) {
      const read = await probe.readManifest(c.descriptor, 'index.json').catch(() => undefined);
      if (!read || typeof read.doc.subject !== 'object') roots.push(c);
    }
    if (new Set(roots.map((e) => e.descriptor.digest)).size !== 1)
      throw ambiguous(files.label, undefined, candidates);
    candidates = roots;
  }
  const chosen = candidates[0]!;
  const walker = new Walker(files, opts);
  await walker.visit(chosen.descriptor, 0, []);
  const root = walker.byDigest.get(chosen.descriptor.digest)!;
  const referrers = await collectReferrers(files, opts, entries, walker);
  return {
    root,
    manifests: walker.manifests,
    blobs: [...walker.blobs.values()],
    referrers: referrers.manifests,
    locations: new Map([...walker.locations, ...referrers.locations]),
  };
}

/** Untagged index.json entries whose subject is a pushed manifest (oras-go's OCI store keeps them so). */
async function collectReferrers(
  files: SourceFiles,
  opts: LayoutReadOptions,
  entries: IndexEntry[],
  image: Walker,
): Promise<{ manifests: ManifestBytes[]; locations: Map<string, BlobLocation> }> {
  const targets = new Set(image.byDigest.keys());
  const manifests: ManifestBytes[] = [];
  const locations = new Map<string, BlobLocation>();
  let pending = entries.filter((e) => isKnown(e.descriptor) && !targets.has(e.descriptor.digest));
  const probe = new Walker(files, opts);
  for (let found = true; found && pending.length > 0;) {
    found = false;
    const rest: IndexEntry[] = [];
    for (const entry of pending) {
      const d = entry.descriptor;
      let subject: string | undefined;
      try {
        const read = await probe.readManifest(d, 'index.json');
        const s = read?.doc.subject as Json | undefined;
        subject = typeof s?.digest === 'string' ? s.digest : undefined;
      } catch (e) {
        opts.logger.debug(`${files.label}: index.json entry ${d.digest} is not readable: ${String(e)}`);
        continue;
      }
      if (subject === undefined || targets.has(d.digest)) continue;
      if (!targets.has(subject)) {
        rest.push(entry);
        continue;
      }
      const walker = new Walker(files, { ...opts, checkDiffIds: false });
      try {
        await walker.visit(d, 0, []);
      } catch (e) {
        if (!isGateError(e)) throw e;
        opts.logger.warn(`${files.label}: not carrying referrer ${d.digest} of ${subject}: ${e.message}`);
        continue;
      }
      for (const m of walker.manifests) {
        if (!targets.has(m.descriptor.digest)) {
          targets.add(m.descriptor.digest);
          manifests.push(m);
        }
      }
      for (const [digest, loc] of walker.locations) {
        locations.set(digest, loc);
        const desc = walker.blobs.get(digest);
        if (desc && !image.blobs.has(digest)) image.blobs.set(digest, desc);
      }
      found = true;
    }
    pending = rest;
  }
  return { manifests, locations };
}
