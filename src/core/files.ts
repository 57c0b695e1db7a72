/**
 * Writing a file without following a symbolic link at its name. A report path such as
 * `gl-container-scanning-report.json` sits in a checked-out work tree, which a pull request
 * controls: committed as a link to `~/.docker/config.json` or `.git/config`, a plain write would
 * overwrite that file instead. O_NOFOLLOW makes the open itself fail on a link (no check-then-open
 * race); the error names the path and never touches the link's target.
 */
import fs from 'node:fs';
import { GateError, describe } from '../errors.js';

export interface WriteNoFollowOptions {
  /** File mode for a new file (default 0o644, less the umask). */
  mode?: number;
}

/** O_NOFOLLOW where the platform has it (not on Windows, where links need privileges). */
const NOFOLLOW = (fs.constants as Partial<typeof fs.constants>).O_NOFOLLOW ?? 0;

export async function writeFileNoFollow(
  file: string,
  content: string | Uint8Array,
  opts: WriteNoFollowOptions = {},
): Promise<void> {
  const flags = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_TRUNC | NOFOLLOW;
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, flags, opts.mode ?? 0o644);
  } catch (e) {
    throw openError(file, e);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) {
      throw new GateError({
        code: 'REPORT_NOT_A_FILE',
        message: `${file} is not a regular file; the report was not written`,
        remedy: 'Choose a report path that is a regular file (or does not exist yet).',
        kind: 'input',
      });
    }
    await handle.writeFile(content);
  } catch (e) {
    if (e instanceof GateError) throw e;
    throw writeError(file, e);
  } finally {
    await handle.close();
  }
}

function openError(file: string, e: unknown): GateError {
  const errno = (e as NodeJS.ErrnoException).code;
  if (errno === 'ELOOP' || errno === 'EMLINK') {
    // ELOOP: Linux and macOS for O_NOFOLLOW on a link; EMLINK: FreeBSD.
    return new GateError({
      code: 'REPORT_SYMLINK',
      message: `${file} is a symbolic link; the report was not written through it`,
      remedy:
        'Remove the link (a checked-out repository can contain one) or choose another report path; harbor-gate never writes through a link.',
      kind: 'input',
      cause: e,
    });
  }
  if (errno === 'EISDIR') {
    return new GateError({
      code: 'REPORT_NOT_A_FILE',
      message: `${file} is a directory; the report was not written`,
      remedy: 'Give a file path for the report, not a directory.',
      kind: 'input',
      cause: e,
    });
  }
  return writeError(file, e);
}

function writeError(file: string, e: unknown): GateError {
  return new GateError({
    code: 'REPORT_WRITE_FAILED',
    message: `cannot write ${file}: ${describe(e)}`,
    remedy:
      'Check that the directory exists, is writable by the user running harbor-gate, and has free space.',
    kind: 'input',
    cause: e,
  });
}
