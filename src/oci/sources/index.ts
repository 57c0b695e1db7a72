/**
 * Image sources, named as skopeo names them: `oci:DIR[:REF]`, `oci-archive:FILE[:REF]`,
 * `docker-archive:FILE[:REF]`, `docker-daemon:NAME:TAG`.
 *
 * Archives are indexed once and read in place (byte ranges), never extracted. A gzip-compressed
 * archive (`.tar.gz`) is decompressed once into a temporary file in `tmpDir`, deleted on close(),
 * because compressed data cannot be read at an offset.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { isGateError } from '../../errors.js';
import { silentLogger, type Logger } from '../../logger.js';
import type { ImageSource, SourceKind, SourceSpec } from '../source.js';
import type { FileRange, ManifestBytes } from '../types.js';
import { saveFromDaemon } from './daemon.js';
import { readDockerArchive } from './docker.js';
import { readFailed, sourceInput } from './errors.js';
import { bufferStream, DirFiles, TarFiles, type SourceFiles } from './files.js';
import { readOciLayout, type ReadImage } from './layout.js';

export { detectCompression } from './docker.js';
export { normalizeDockerRef, matchesRef } from './refs.js';

export interface OpenSourceOptions {
  logger?: Logger;
  /** Relative paths are resolved against this (default: process.cwd()). */
  cwd?: string;
  /** The docker CLI for docker-daemon: (default 'docker'). */
  dockerCommand?: string;
  /** Where temporary files go (docker-daemon exports, decompressed .tar.gz); default os.tmpdir(). */
  tmpDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Bounds on decompressing a `.tar.gz` source (defaults: DEFAULT_GUNZIP_LIMITS). */
  gunzip?: Partial<GunzipLimits>;
}

/**
 * A `.tar.gz` is decompressed to a temporary file (never into memory: entries read into memory,
 * such as manifests, index.json and configs, have their own small caps in layout.ts). The output
 * is bounded in bytes, and in ratio to the compressed size, so a gzip bomb fails fast with
 * SOURCE_DECOMPRESSED_TOO_LARGE instead of filling the disk.
 */
export interface GunzipLimits {
  /** Decompressed bytes at most. */
  maxBytes: number;
  /** Decompressed bytes per compressed byte at most, once past `ratioFloorBytes`. */
  maxRatio: number;
  /** Output below this size is never refused for its ratio (small, very compressible archives). */
  ratioFloorBytes: number;
}

export const DEFAULT_GUNZIP_LIMITS: Readonly<GunzipLimits> = Object.freeze({
  maxBytes: 64 * 1024 ** 3,
  // Image tarballs hold mostly compressed layers (ratio ~1); uncompressed layers rarely beat 20:1.
  // gzip itself cannot exceed about 1032:1.
  maxRatio: 200,
  ratioFloorBytes: 1024 ** 3,
});

const KINDS: readonly SourceKind[] = ['oci', 'oci-archive', 'docker-archive', 'docker-daemon'];

const SPEC_REMEDY =
  'Use oci:DIR[:REF], oci-archive:FILE[:REF], docker-archive:FILE[:REF] or docker-daemon:NAME:TAG ' +
  '(e.g. oci:./build/image:1.0 or docker-daemon:myapp:latest).';

function invalidSpec(spec: string, why: string): Error {
  return sourceInput('SOURCE_INVALID', `invalid source ${JSON.stringify(spec)}: ${why}`, SPEC_REMEDY);
}

/** Parse skopeo-style source syntax. The path ends at the first ':' after the transport. */
export function parseSource(spec: string): SourceSpec {
  const colon = spec.indexOf(':');
  const kind = colon === -1 ? '' : spec.slice(0, colon);
  if (!KINDS.includes(kind as SourceKind)) {
    const hint = spec.startsWith('docker://') ? ' (docker:// is a registry; push reads local images)' : '';
    throw invalidSpec(spec, `unknown or missing transport "${kind || spec}"${hint}`);
  }
  const rest = spec.slice(colon + 1);
  if (rest === '') throw invalidSpec(spec, 'nothing after the transport');
  if (/[\s\0]/.test(rest)) throw invalidSpec(spec, 'it contains white space');
  if (kind === 'docker-daemon') {
    const lastPart = rest.slice(rest.lastIndexOf('/') + 1);
    if (!lastPart.includes(':') && !rest.includes('@')) {
      throw invalidSpec(spec, 'docker-daemon: needs NAME:TAG or NAME@DIGEST');
    }
    if (rest.endsWith(':') || rest.startsWith(':') || rest.startsWith('/')) {
      throw invalidSpec(spec, 'docker-daemon: needs NAME:TAG or NAME@DIGEST');
    }
    return { kind: 'docker-daemon', path: rest };
  }
  // Windows drive letters (C:\img) belong to the path.
  const skip = process.platform === 'win32' && /^[A-Za-z]:[\\/]/.test(rest) ? 2 : 0;
  const sep = rest.indexOf(':', skip);
  const file = sep === -1 ? rest : rest.slice(0, sep);
  const ref = sep === -1 ? undefined : rest.slice(sep + 1);
  if (file === '') throw invalidSpec(spec, 'the path is empty');
  if (ref === '') throw invalidSpec(spec, 'the REF after the path is empty');
  return ref === undefined
    ? { kind: kind as SourceKind, path: file }
    : { kind: kind as SourceKind, path: file, ref };
}

export function formatSource(spec: SourceSpec): string {
  return `${spec.kind}:${spec.path}${spec.ref === undefined ? '' : `:${spec.ref}`}`;
}

async function statPath(file: string, spec: SourceSpec): Promise<fs.Stats> {
  try {
    return await fsp.stat(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw sourceInput(
        'SOURCE_NOT_FOUND',
        `${formatSource(spec)}: ${file} does not exist`,
        'Check the path (relative paths are resolved from the working directory).',
        e,
      );
    }
    throw readFailed(file, e);
  }
}

/** Decompress a gzip archive into tmpDir when needed; returns the file to index. */
async function plainTar(
  file: string,
  tmpDir: string,
  logger: Logger,
  limits: GunzipLimits = DEFAULT_GUNZIP_LIMITS,
): Promise<{ file: string; cleanup: () => Promise<void> }> {
  const head = Buffer.alloc(2);
  try {
    const handle = await fsp.open(file, 'r');
    try {
      await handle.read(head, 0, 2, 0);
    } finally {
      await handle.close();
    }
  } catch (e) {
    throw readFailed(file, e);
  }
  if (head[0] !== 0x1f || head[1] !== 0x8b) return { file, cleanup: () => Promise.resolve() };
  const dir = await fsp.mkdtemp(path.join(tmpDir, 'harbor-gate-gunzip-'));
  const cleanup = (): Promise<void> => fsp.rm(dir, { recursive: true, force: true });
  const out = path.join(dir, 'archive.tar');
  logger.info(`${file} is gzip-compressed: decompressing it to a temporary file for random access`);
  try {
    const compressed = (await fsp.stat(file)).size;
    await pipeline(
      fs.createReadStream(file),
      zlib.createGunzip(),
      boundedOutput(file, compressed, limits),
      fs.createWriteStream(out),
    );
  } catch (e) {
    await cleanup();
    if (isGateError(e)) throw e;
    if ((e as NodeJS.ErrnoException).code?.startsWith('Z_')) {
      throw sourceInput(
        'SOURCE_TAR_INVALID',
        `${file} is gzip-compressed but its data is corrupt or truncated: ${String(e)}`,
        'Create the archive again and check the copy is complete (gzip -t FILE).',
        e,
      );
    }
    throw readFailed(file, e);
  }
  return { file: out, cleanup };
}

/** Counts decompressed bytes and stops the pipeline past the limits. */
function boundedOutput(file: string, compressed: number, limits: GunzipLimits): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      total += chunk.length;
      const ratioCap = Math.max(limits.ratioFloorBytes, compressed * limits.maxRatio);
      if (total > limits.maxBytes || total > ratioCap) {
        const byRatio = total <= limits.maxBytes;
        done(
          sourceInput(
            'SOURCE_DECOMPRESSED_TOO_LARGE',
            byRatio
              ? `${file} decompresses to more than ${limits.maxRatio} times its ${compressed}-byte size (over ${total} bytes so far): refused as a likely gzip bomb`
              : `${file} decompresses to more than ${limits.maxBytes} bytes: refused`,
            'Check the archive comes from a trusted build; decompress it yourself (gunzip) and use the .tar, or raise the limit if the image really is that large.',
          ),
        );
        return;
      }
      done(null, chunk);
    },
  });
}

function makeSource(
  name: string,
  files: SourceFiles,
  image: ReadImage,
  cleanup: () => Promise<void>,
): ImageSource {
  const manifestBytes = new Map<string, ManifestBytes>();
  for (const m of [...image.manifests, ...image.referrers]) manifestBytes.set(m.descriptor.digest, m);
  let closed = false;
  return {
    name,
    root: image.root,
    manifests: image.manifests,
    blobs: image.blobs,
    referrers: image.referrers,
    openBlob(digest: string): Readable {
      const loc = image.locations.get(digest);
      if (loc) return 'data' in loc ? bufferStream(loc.data) : files.open(loc.path);
      const manifest = manifestBytes.get(digest);
      if (manifest) return bufferStream(manifest.bytes);
      throw sourceInput(
        'SOURCE_BLOB_UNKNOWN',
        `${name} has no blob ${digest}`,
        'Only blobs listed in the source can be read; report this as a bug if harbor-gate asked for it.',
      );
    },
    blobFile(digest: string): FileRange | undefined {
      const loc = image.locations.get(digest);
      return loc && 'path' in loc ? files.range(loc.path) : undefined;
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await cleanup();
    },
  };
}

/** Open a source: everything is checked here, so a returned source is complete and consistent. */
export async function openSource(spec: SourceSpec, opts: OpenSourceOptions = {}): Promise<ImageSource> {
  const logger = opts.logger ?? silentLogger;
  const tmpDir = opts.tmpDir ?? os.tmpdir();
  const name = formatSource(spec);
  let cleanup = (): Promise<void> => Promise.resolve();
  try {
    let archive: string;
    let ref = spec.ref;
    if (spec.kind === 'docker-daemon') {
      const saved = await saveFromDaemon(spec.path, {
        dockerCommand: opts.dockerCommand ?? 'docker',
        tmpDir,
        env: opts.env ?? process.env,
        logger,
      });
      cleanup = saved.cleanup;
      archive = saved.file;
      ref = undefined;
    } else {
      const target = path.resolve(opts.cwd ?? process.cwd(), spec.path);
      const st = await statPath(target, spec);
      if (spec.kind === 'oci') {
        if (!st.isDirectory()) {
          throw invalidSpec(
            name,
            `${target} is not a directory (for an OCI tarball use oci-archive:${spec.path})`,
          );
        }
        const files = new DirFiles(target);
        const image = await readOciLayout(files, { ref, logger });
        return makeSource(name, files, image, cleanup);
      }
      if (!st.isFile()) {
        throw invalidSpec(name, `${target} is not a file (for a layout directory use oci:${spec.path})`);
      }
      const plain = await plainTar(target, tmpDir, logger, { ...DEFAULT_GUNZIP_LIMITS, ...opts.gunzip });
      cleanup = plain.cleanup;
      archive = plain.file;
    }
    const files = await TarFiles.open(archive);
    const image =
      spec.kind === 'oci-archive'
        ? await readOciLayout(files, { ref, logger })
        : await readDockerArchive(files, { ref, logger });
    logger.debug(
      `${name}: root ${image.root.descriptor.digest}, ${image.manifests.length} manifests, ${image.blobs.length} blobs, ${image.referrers.length} referrers`,
    );
    return makeSource(name, files, image, cleanup);
  } catch (e) {
    await cleanup();
    if (isGateError(e)) throw e;
    throw readFailed(name, e);
  }
}
