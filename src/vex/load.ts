/** Reading VEX files from disk: the size is checked before the file is read. */
import fs from 'node:fs/promises';
import { describe, isGateError } from '../errors.js';
import { vexError } from './errors.js';
import { MAX_VEX_BYTES, parseVexDocument, type ParseVexOptions } from './parse.js';
import type { VexDocument } from './types.js';

/**
 * Read and parse VEX files in the order given (later files win ties between statements). A file is
 * a path, or a path with the name messages and reports use. Throws GateError VEX_READ when a file
 * cannot be read, or the VEX_* errors of parseVexDocument.
 */
export async function readVexFiles(
  paths: readonly (string | { path: string; name: string })[],
  opts: ParseVexOptions = {},
): Promise<VexDocument[]> {
  const maxBytes = opts.maxBytes ?? MAX_VEX_BYTES;
  const out: VexDocument[] = [];
  for (const entry of paths) {
    const { path: file, name: p } = typeof entry === 'string' ? { path: entry, name: entry } : entry;
    let bytes: Buffer;
    try {
      const st = await fs.stat(file);
      if (!st.isFile()) throw vexError('VEX_READ', p, undefined, 'is not a file');
      if (st.size > maxBytes)
        throw vexError('VEX_TOO_LARGE', p, undefined, `is ${st.size} bytes, more than ${maxBytes}`);
      bytes = await fs.readFile(file);
    } catch (e) {
      if (isGateError(e)) throw e;
      throw vexError('VEX_READ', p, undefined, `cannot be read: ${describe(e)}`, e);
    }
    out.push(parseVexDocument(bytes, p, opts));
  }
  return out;
}
