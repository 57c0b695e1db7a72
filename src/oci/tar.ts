/**
 * A tar indexer for random access: it reads only the headers (ustar, GNU long names, PAX `path`,
 * `linkpath` and `size` records) and records where each entry's data starts, so blobs can be
 * streamed straight from the archive with `fs.createReadStream(file, { start, end })`, several in
 * parallel, without extracting anything to disk. Streaming tar parsers from npm read front to back
 * only, which is why this small one exists.
 */
import fs from 'node:fs/promises';
import { inputError } from '../errors.js';

export type TarEntryType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';

export interface TarEntry {
  /** Normalised path: no `./` prefix, no empty or `.` components, no trailing slash. */
  name: string;
  type: TarEntryType;
  /** Byte offset of the entry's data in the archive. */
  offset: number;
  size: number;
  /** Target of a symlink or hardlink, as stored. */
  linkName: string;
}

export interface TarIndex {
  file: string;
  size: number;
  entries: Map<string, TarEntry>;
}

const BLOCK = 512;
const MAX_META_BYTES = 1024 * 1024;
const MAX_ENTRIES = 500_000;

const TAR_REMEDY =
  'Create the archive again (docker save, skopeo copy, oras or tar) and check the copy is complete.';

function invalid(file: string, why: string): Error {
  return inputError('SOURCE_TAR_INVALID', `${file} is not a valid tar archive: ${why}`, TAR_REMEDY);
}

function unsafe(file: string, why: string): Error {
  return inputError(
    'SOURCE_TAR_UNSAFE',
    `${file} has an unsafe entry: ${why}`,
    'Only use archives made by trusted tools; entries must stay inside the archive (no absolute paths, no "..").',
  );
}

/** Normalise an entry name; undefined for the archive root itself. Throws on escaping names. */
export function normalizeEntryName(file: string, raw: string): string | undefined {
  if (raw.includes('\0')) throw unsafe(file, `name ${JSON.stringify(raw)} contains a NUL byte`);
  if (raw.startsWith('/') || /^[A-Za-z]:[\\/]/.test(raw)) {
    throw unsafe(file, `absolute path ${JSON.stringify(raw)}`);
  }
  const parts = raw.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw unsafe(file, `path ${JSON.stringify(raw)} leaves the archive ("..")`);
  return parts.length === 0 ? undefined : parts.join('/');
}

function readString(buf: Buffer, start: number, length: number): string {
  const field = buf.subarray(start, start + length);
  const nul = field.indexOf(0);
  return field.subarray(0, nul === -1 ? field.length : nul).toString('utf8');
}

/** Octal (NUL/space padded) or GNU base-256 (high bit set) number. */
function readNumber(file: string, buf: Buffer, start: number, length: number, what: string): number {
  const field = buf.subarray(start, start + length);
  const first = field[0] ?? 0;
  if (first & 0x80) {
    if (first & 0x40) throw invalid(file, `negative ${what}`);
    let value = first & 0x3f;
    for (const byte of field.subarray(1)) value = value * 256 + byte;
    if (!Number.isSafeInteger(value)) throw invalid(file, `${what} out of range`);
    return value;
  }
  const text = field
    .toString('latin1')
    .replace(/[\0 ]+$/, '')
    .replace(/^ +/, '');
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw invalid(file, `bad ${what} field ${JSON.stringify(text)}`);
  return parseInt(text, 8);
}

function checksumOk(file: string, header: Buffer): boolean {
  const stored = readNumber(file, header, 148, 8, 'checksum');
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
  return sum === stored;
}

/** PAX extended header records: "<len> <key>=<value>\n". */
function parsePax(file: string, data: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let pos = 0;
  while (pos < data.length) {
    if (data[pos] === 0) break;
    const space = data.indexOf(0x20, pos);
    const len = space === -1 ? NaN : Number(data.subarray(pos, space).toString('latin1'));
    if (!Number.isSafeInteger(len) || len <= 0 || pos + len > data.length || data[pos + len - 1] !== 0x0a) {
      throw invalid(file, 'malformed PAX extended header');
    }
    const record = data.subarray(space + 1, pos + len - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq <= 0) throw invalid(file, 'malformed PAX record');
    records.set(record.slice(0, eq), record.slice(eq + 1));
    pos += len;
  }
  return records;
}

function entryType(flag: string): TarEntryType {
  switch (flag) {
    case '0':
    case '\0':
    case '7':
      return 'file';
    case '5':
      return 'directory';
    case '2':
      return 'symlink';
    case '1':
      return 'hardlink';
    default:
      return 'other';
  }
}

/** Index every entry of a tar file by reading its headers only. */
export async function indexTar(file: string): Promise<TarIndex> {
  const handle = await fs.open(file, 'r');
  try {
    const { size: fileSize } = await handle.stat();
    if (fileSize === 0) throw invalid(file, 'the file is empty');
    const entries = new Map<string, TarEntry>();
    const header = Buffer.alloc(BLOCK);
    let pos = 0;
    let longName: string | undefined;
    let longLink: string | undefined;
    let pax = new Map<string, string>();

    const readAt = async (buf: Buffer, length: number, at: number): Promise<void> => {
      const { bytesRead } = await handle.read(buf, 0, length, at);
      if (bytesRead !== length) throw invalid(file, `truncated at byte ${at + bytesRead}`);
    };

    for (;;) {
      if (pos + BLOCK > fileSize) {
        throw invalid(file, `truncated at byte ${fileSize} (no end-of-archive marker)`);
      }
      await readAt(header, BLOCK, pos);
      if (header.every((b) => b === 0)) return { file, size: fileSize, entries };
      let headerOk: boolean;
      try {
        headerOk = checksumOk(file, header);
      } catch {
        headerOk = false;
      }
      if (!headerOk) {
        throw invalid(
          file,
          pos === 0 ? 'it does not start with a tar header' : `bad header checksum at byte ${pos}`,
        );
      }
      const flag = String.fromCharCode(header[156]!);
      const type = entryType(flag);
      const hasData = !['1', '2', '3', '4', '6'].includes(flag);
      const paxSize = pax.get('size');
      let size = readNumber(file, header, 124, 12, 'size');
      if (paxSize !== undefined && paxSize !== '') {
        if (!/^\d+$/.test(paxSize) || !Number.isSafeInteger(Number(paxSize))) {
          throw invalid(file, `bad PAX size ${JSON.stringify(paxSize)}`);
        }
        size = Number(paxSize);
      }
      const dataStart = pos + BLOCK;
      const dataSize = hasData ? size : 0;
      if (dataStart + dataSize > fileSize) {
        throw invalid(file, `truncated: an entry's data ends at byte ${dataStart + dataSize} of ${fileSize}`);
      }
      pos = dataStart + Math.ceil(dataSize / BLOCK) * BLOCK;

      if (flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K') {
        if (dataSize > MAX_META_BYTES) throw invalid(file, 'an extended header is larger than 1 MiB');
        const data = Buffer.alloc(dataSize);
        await readAt(data, dataSize, dataStart);
        if (flag === 'x') pax = parsePax(file, data);
        else if (flag === 'L') longName = readString(data, 0, data.length);
        else if (flag === 'K') longLink = readString(data, 0, data.length);
        // 'g' (global PAX) records are parsed for validity but do not name entries.
        else parsePax(file, data);
        continue;
      }

      const magic = header.subarray(257, 263).toString('latin1');
      let rawName = readString(header, 0, 100);
      if (magic === 'ustar\0') {
        const prefix = readString(header, 345, 155);
        if (prefix !== '') rawName = `${prefix}/${rawName}`;
      }
      rawName = pax.get('path') || longName || rawName;
      const linkName = pax.get('linkpath') || longLink || readString(header, 157, 100);
      pax = new Map();
      longName = undefined;
      longLink = undefined;

      const name = normalizeEntryName(file, rawName);
      if (name === undefined) continue;
      if (type === 'hardlink') normalizeEntryName(file, linkName);
      const entry: TarEntry = { name, type, offset: dataStart, size: dataSize, linkName };
      const previous = entries.get(name);
      if (previous) {
        const bothDirs = previous.type === 'directory' && type === 'directory';
        // Content-addressed blobs are verified by digest on upload; same-size copies are harmless.
        const sameBlob =
          name.startsWith('blobs/') && previous.type === 'file' && type === 'file' && previous.size === size;
        if (!bothDirs && !sameBlob) {
          throw inputError(
            'SOURCE_TAR_DUPLICATE',
            `${file} has conflicting duplicate entries for ${JSON.stringify(name)}`,
            'Create the archive again from a clean directory; appending to an archive (tar -r) leaves duplicates.',
          );
        }
        continue;
      }
      if (entries.size >= MAX_ENTRIES) throw invalid(file, `more than ${MAX_ENTRIES} entries`);
      entries.set(name, entry);
    }
  } finally {
    await handle.close();
  }
}
