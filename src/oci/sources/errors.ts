/** The image-source error codes (docs/errors.md, "Image sources") and their constructors. */
import { GateError, describe, type ErrorCode } from '../../errors.js';

export const SOURCE_REMEDY_RECREATE =
  'Export the image again (skopeo copy, oras, docker save or buildx --output type=oci) and check the copy is complete.';

export function sourceInput(code: ErrorCode, message: string, remedy: string, cause?: unknown): GateError {
  return new GateError({ code, message, remedy, kind: 'input', cause });
}

export function sourceInfra(code: ErrorCode, message: string, remedy: string, cause?: unknown): GateError {
  return new GateError({ code, message, remedy, kind: 'infra', cause });
}

/** A file-system error while reading a source: permission and type problems are the user's input. */
export function readFailed(what: string, e: unknown): GateError {
  const errno = (e as NodeJS.ErrnoException | undefined)?.code;
  const userSide = errno === 'EACCES' || errno === 'EPERM' || errno === 'EISDIR' || errno === 'ENOTDIR';
  return new GateError({
    code: 'SOURCE_READ_FAILED',
    message: `cannot read ${what}: ${describe(e)}`,
    remedy: userSide
      ? 'Check the path and that the user running harbor-gate may read it.'
      : 'Check the disk and file system, then run again.',
    kind: userSide ? 'input' : 'infra',
    cause: e,
  });
}
