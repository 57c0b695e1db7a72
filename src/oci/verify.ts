/**
 * Digest checks: a digest's form and algorithm, and blob content checks while uploading: the digest and size of what is sent must match the
 * descriptor, and a receiver never gets the complete bytes of a wrong blob.
 */
import { isValidDigest } from '../core/index.js';
import crypto from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { GateError, inputError } from '../errors.js';

/** sha256:<hex> of bytes (or sha512 when asked). */
export function digestOf(bytes: Buffer | Uint8Array, algorithm = 'sha256'): string {
  return `${algorithm}:${crypto.createHash(algorithm).update(bytes).digest('hex')}`;
}

/** Throws DIGEST_INVALID unless `d` is a well-formed digest. */
export function checkDigest(d: string): void {
  if (!isValidDigest(d)) {
    throw inputError(
      'DIGEST_INVALID',
      `${JSON.stringify(d)} is not a valid digest`,
      'Digests look like sha256:<64 lower-case hex>.',
    );
  }
}

export function algorithmOf(digest: string): string {
  const alg = digest.slice(0, digest.indexOf(':'));
  if (alg !== 'sha256' && alg !== 'sha512') {
    throw inputError(
      'DIGEST_UNSUPPORTED',
      `the digest algorithm of ${digest} is not supported (sha256 and sha512 are)`,
      'Use sha256 digests.',
    );
  }
  return alg;
}

export function digestMismatch(
  what: string,
  want: string,
  got: string,
  size?: { want: number; got: number },
): GateError {
  const sizeText = size && size.want !== size.got ? `, ${size.got} bytes instead of ${size.want}` : '';
  return new GateError({
    code: 'BLOB_DIGEST_MISMATCH',
    message: `${what}: the content does not match its descriptor (want ${want}, got ${got}${sizeText})`,
    remedy:
      'The image source is corrupt or was changed while pushing: rebuild or re-export the image and push again. Nothing after this blob was written.',
    kind: 'input',
    details: { want, got, ...(size ? { wantSize: size.want, gotSize: size.got } : {}) },
  });
}

/**
 * A pass-through that hashes and counts. The last chunk is held back until the end is reached
 * and verified, so a receiver never gets the complete bytes of a wrong blob.
 */
export class VerifyingStream extends Transform {
  private readonly hash: crypto.Hash;
  private held: Buffer | undefined;
  private count = 0;
  failure: GateError | undefined;

  constructor(
    private readonly expected: { digest: string; size: number },
    private readonly what: string,
    private readonly onBytes?: (n: number) => void,
  ) {
    super();
    this.hash = crypto.createHash(algorithmOf(expected.digest));
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.count += chunk.length;
    if (this.count > this.expected.size) {
      this.failure = digestMismatch(this.what, this.expected.digest, '(more bytes than the size)', {
        want: this.expected.size,
        got: this.count,
      });
      cb(this.failure);
      return;
    }
    this.hash.update(chunk);
    const prev = this.held;
    this.held = chunk;
    if (prev) {
      this.onBytes?.(prev.length);
      cb(null, prev);
    } else cb();
  }

  /** True once stopEarly() ended the stream short: its bytes are no blob, and nothing is checked. */
  stopped = false;

  /** End the stream where it is (a cancelled upload ends its body cleanly, short of the size). */
  stopEarly(): void {
    this.stopped = true;
    this.end();
  }

  override _flush(cb: TransformCallback): void {
    if (this.stopped) {
      if (this.held) this.push(this.held);
      this.held = undefined;
      cb();
      return;
    }
    const got = `${algorithmOf(this.expected.digest)}:${this.hash.digest('hex')}`;
    if (got !== this.expected.digest || this.count !== this.expected.size) {
      this.failure = digestMismatch(this.what, this.expected.digest, got, {
        want: this.expected.size,
        got: this.count,
      });
      cb(this.failure);
      return;
    }
    if (this.held) {
      this.onBytes?.(this.held.length);
      this.push(this.held);
      this.held = undefined;
    }
    cb();
  }
}
