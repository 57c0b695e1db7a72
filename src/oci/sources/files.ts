/**
 * Read-only access to the files of a source, either a directory or an indexed tar archive, so the
 * layout and docker-save readers work the same on both. Paths are relative, '/'-separated.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { isGateError } from '../../errors.js';
import type { FileRange } from '../types.js';
import { indexTar, normalizeEntryName, type TarEntry, type TarIndex } from '../tar.js';
import { readFailed, sourceInput, SOURCE_REMEDY_RECREATE } from './errors.js';

/**
 * Blob reads in 1 MiB chunks rather than Node's 64 KiB default: sixteen times fewer chunks through
 * the hash, the stream hops and the socket writes (measured 20% faster on a 1 GiB push).
 */
const READ_CHUNK = 1024 * 1024;

export interface SourceFiles {
  /** The directory or archive, for messages. */
  readonly label: string;
  /** Size of a regular file, undefined when absent. Links inside archives are refused. */
  stat(rel: string): Promise<{ size: number } | undefined>;
  /** The whole file, refused by size (before reading) when larger than `limit`. */
  read(rel: string, limit: number, what: string): Promise<Buffer>;
  /** Up to `n` first bytes. */
  head(rel: string, n: number): Promise<Buffer>;
  /** A fresh stream of the file; the file must have been found with stat() first. */
  open(rel: string): Readable;
  /** Where the file's bytes are on disk, for uploads that read them directly. */
  range(rel: string): FileRange;
  /** Resolve symlinks inside an archive (docker save links repeated layers); identity for directories. */
  resolveLink(rel: string): string;
  /** The names of all entries, for diagnostics (directories: undefined). */
  list(): string[] | undefined;
}

/** A byte stream (not object mode) over a buffer already in memory: manifests, inline data. */
export function bufferStream(data: Buffer): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent && data.length > 0) this.push(data);
      sent = true;
      this.push(null);
    },
  });
}

export function tooLarge(what: string, size: number, limit: number): Error {
  return sourceInput(
    'SOURCE_TOO_LARGE',
    `${what} is ${size} bytes, more than the ${limit}-byte limit for that kind of file`,
    'Check that the source is an OCI layout or docker-save archive; manifests and index files are small JSON.',
  );
}

function escapes(dir: string, rel: string, what: string): Error {
  // The target is not named and nothing of it is read: its path or content may be a secret.
  return sourceInput(
    'SOURCE_LAYOUT_ESCAPE',
    `${dir}: ${rel} is ${what}; files of an oci: layout must be inside its directory`,
    'Copy the layout with real files (cp -rL, skopeo copy, oras copy) or remove the link; harbor-gate does not follow links out of a layout.',
  );
}

export class DirFiles implements SourceFiles {
  private rootReal: string | undefined;

  constructor(readonly label: string) {}

  /**
   * The file's real path, which must stay inside the directory: a symlink in a layout (to
   * /etc/shadow, to ~/.docker/config.json) would otherwise be read, hashed, quoted in errors and
   * streamed to the registry. An absent file keeps its lexical path (stat reports it missing).
   */
  private abs(rel: string): string {
    const lexical = path.join(this.label, ...rel.split('/'));
    let real: string;
    try {
      this.rootReal ??= fs.realpathSync(this.label);
      real = fs.realpathSync(lexical);
    } catch (e) {
      const errno = (e as NodeJS.ErrnoException).code;
      if (errno === 'ENOENT' || errno === 'ENOTDIR') return lexical;
      if (errno === 'ELOOP') throw escapes(this.label, rel, 'a symlink loop');
      throw readFailed(lexical, e);
    }
    const root = this.rootReal;
    if (real !== root && !real.startsWith(root.endsWith(path.sep) ? root : root + path.sep)) {
      throw escapes(this.label, rel, 'a symlink that leads outside the layout directory');
    }
    return real;
  }

  async stat(rel: string): Promise<{ size: number } | undefined> {
    let st: fs.Stats;
    const file = this.abs(rel);
    try {
      st = await fsp.stat(file);
    } catch (e) {
      const errno = (e as NodeJS.ErrnoException).code;
      if (errno === 'ENOENT' || errno === 'ENOTDIR') return undefined;
      throw readFailed(file, e);
    }
    if (!st.isFile()) {
      throw sourceInput('SOURCE_LAYOUT_INVALID', `${file} is not a regular file`, SOURCE_REMEDY_RECREATE);
    }
    return { size: st.size };
  }

  async read(rel: string, limit: number, what: string): Promise<Buffer> {
    const file = this.abs(rel);
    let handle: fsp.FileHandle | undefined;
    try {
      handle = await fsp.open(file, 'r');
      const { size } = await handle.stat();
      if (size > limit) throw tooLarge(what, size, limit);
      const buf = Buffer.alloc(size);
      const { bytesRead } = await handle.read(buf, 0, size, 0);
      return buf.subarray(0, bytesRead);
    } catch (e) {
      if (isGateError(e)) throw e;
      throw readFailed(file, e);
    } finally {
      await handle?.close();
    }
  }

  async head(rel: string, n: number): Promise<Buffer> {
    const file = this.abs(rel);
    try {
      const handle = await fsp.open(file, 'r');
      try {
        const buf = Buffer.alloc(n);
        const { bytesRead } = await handle.read(buf, 0, n, 0);
        return buf.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    } catch (e) {
      throw readFailed(file, e);
    }
  }

  open(rel: string): Readable {
    return fs.createReadStream(this.abs(rel), { highWaterMark: READ_CHUNK });
  }

  range(rel: string): FileRange {
    return { path: this.abs(rel), offset: 0 };
  }

  resolveLink(rel: string): string {
    return rel;
  }

  list(): undefined {
    return undefined;
  }
}

const MAX_LINK_HOPS = 8;

export class TarFiles implements SourceFiles {
  private constructor(
    readonly label: string,
    private readonly index: TarIndex,
  ) {}

  static async open(file: string): Promise<TarFiles> {
    let index: TarIndex;
    try {
      index = await indexTar(file);
    } catch (e) {
      if (isGateError(e)) throw e;
      throw readFailed(file, e);
    }
    return new TarFiles(file, index);
  }

  private entry(rel: string): TarEntry | undefined {
    const entry = this.index.entries.get(rel);
    if (!entry) return undefined;
    if (entry.type === 'symlink' || entry.type === 'hardlink') {
      throw sourceInput(
        'SOURCE_TAR_UNSAFE',
        `${this.label}: ${rel} is a ${entry.type} (to ${JSON.stringify(entry.linkName)}), not a file`,
        'Blobs, manifests and index files in an archive must be regular files; create the archive again without links.',
      );
    }
    if (entry.type !== 'file') {
      throw sourceInput(
        'SOURCE_LAYOUT_INVALID',
        `${this.label}: ${rel} is not a regular file`,
        SOURCE_REMEDY_RECREATE,
      );
    }
    return entry;
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- async so a refused link rejects, not throws
  async stat(rel: string): Promise<{ size: number } | undefined> {
    const entry = this.entry(rel);
    return entry ? { size: entry.size } : undefined;
  }

  private async readRange(entry: TarEntry, n: number): Promise<Buffer> {
    try {
      const handle = await fsp.open(this.label, 'r');
      try {
        const buf = Buffer.alloc(n);
        const { bytesRead } = await handle.read(buf, 0, n, entry.offset);
        return buf.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    } catch (e) {
      throw readFailed(this.label, e);
    }
  }

  async read(rel: string, limit: number, what: string): Promise<Buffer> {
    const entry = this.entry(rel);
    if (!entry) throw readFailed(`${this.label}: ${rel}`, new Error('no such entry'));
    if (entry.size > limit) throw tooLarge(what, entry.size, limit);
    return this.readRange(entry, entry.size);
  }

  async head(rel: string, n: number): Promise<Buffer> {
    const entry = this.entry(rel);
    if (!entry) throw readFailed(`${this.label}: ${rel}`, new Error('no such entry'));
    return this.readRange(entry, Math.min(n, entry.size));
  }

  open(rel: string): Readable {
    const entry = this.entry(rel);
    if (!entry) throw readFailed(`${this.label}: ${rel}`, new Error('no such entry'));
    if (entry.size === 0) return bufferStream(Buffer.alloc(0));
    return fs.createReadStream(this.label, {
      start: entry.offset,
      end: entry.offset + entry.size - 1,
      highWaterMark: READ_CHUNK,
    });
  }

  range(rel: string): FileRange {
    const entry = this.entry(rel);
    if (!entry) throw readFailed(`${this.label}: ${rel}`, new Error('no such entry'));
    return { path: this.label, offset: entry.offset, size: entry.size };
  }

  /**
   * Classic `docker save` writes a repeated layer once and links the others to it
   * (`<id>/layer.tar -> ../<other>/layer.tar`). Follow such links when they stay inside the archive.
   */
  resolveLink(rel: string): string {
    let current = rel;
    for (let hop = 0; hop < MAX_LINK_HOPS; hop++) {
      const entry = this.index.entries.get(current);
      if (!entry || (entry.type !== 'symlink' && entry.type !== 'hardlink')) return current;
      const base = entry.type === 'symlink' ? path.posix.dirname(current) : '';
      const joined = entry.linkName.startsWith('/') ? entry.linkName : path.posix.join(base, entry.linkName);
      const target = path.posix.normalize(joined);
      if (target.startsWith('/') || target === '..' || target.startsWith('../')) {
        throw sourceInput(
          'SOURCE_TAR_UNSAFE',
          `${this.label}: link ${rel} points outside the archive (${JSON.stringify(entry.linkName)})`,
          'Only use archives made by trusted tools; links must stay inside the archive.',
        );
      }
      const next = normalizeEntryName(this.label, target);
      if (next === undefined) return current;
      current = next;
    }
    throw sourceInput(
      'SOURCE_TAR_UNSAFE',
      `${this.label}: ${rel} is a chain of more than ${MAX_LINK_HOPS} links`,
      'Create the archive again without link loops.',
    );
  }

  list(): string[] {
    return [...this.index.entries.keys()];
  }
}
