/** The reports step: every report path checked first, then each report rendered and written. */
import path from 'node:path';
import fs from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import { writeFileNoFollow } from '../core/index.js';
import { GateError, inputError } from '../errors.js';
import type { Logger, Redactor } from '../logger.js';
import type { GateOptions, ReportFormat } from '../config/index.js';
import { renderReports, type ReportInput } from '../report/index.js';

/**
 * The report paths that can be written: each directory made, each path either absent or a regular
 * file (a symlink or a directory is refused, REPORT_SYMLINK / REPORT_NOT_A_FILE), and writable by
 * this process (the file, or its directory when the file is not there yet: a read-only directory on
 * a runner that is not root is found here, before the verdict is published, not after). The first
 * refusal is returned; the other paths are still written, with the verdict that refusal makes.
 */
export async function checkReportPaths(
  options: Pick<GateOptions, 'reports'>,
  access: (p: string, mode: number) => Promise<void> = fs.access,
): Promise<{ paths: [ReportFormat, string][]; error?: GateError }> {
  const paths: [ReportFormat, string][] = [];
  let error: GateError | undefined;
  for (const [format, file] of Object.entries(options.reports) as [ReportFormat, string][]) {
    try {
      await fs.mkdir(path.dirname(file), { recursive: true });
      const st = await fs.lstat(file).catch((e: unknown) => {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw e;
      });
      if (st?.isSymbolicLink()) {
        throw inputError(
          'REPORT_SYMLINK',
          `the ${format} report path ${file} is a symbolic link: nothing is written through it`,
          'Remove the link or choose another report path.',
        );
      }
      if (st && !st.isFile()) {
        throw inputError(
          'REPORT_NOT_A_FILE',
          `the ${format} report path ${file} is not a regular file`,
          'Give a file path for the report.',
        );
      }
      await access(st ? file : path.dirname(file), fsConstants.W_OK);
      paths.push([format, file]);
    } catch (e) {
      error ??=
        e instanceof GateError
          ? e
          : inputError(
              'REPORT_WRITE_FAILED',
              `cannot write the ${format} report to ${file}`,
              'Check that the directory is writable.',
              e,
            );
    }
  }
  return { paths, ...(error ? { error } : {}) };
}

export async function writeReports(
  wanted: [ReportFormat, string][],
  input: ReportInput,
  ctx: { redactor: Redactor; logger: Logger },
): Promise<Partial<Record<ReportFormat, string>>> {
  if (wanted.length === 0) return {};
  const rendered = new Map(
    renderReports(
      input,
      wanted.map(([format]) => format),
    ).map((r) => [r.format, r.content]),
  );
  const written: Partial<Record<ReportFormat, string>> = {};
  for (const [format, file] of wanted) {
    const content = rendered.get(format);
    if (content === undefined) continue;
    try {
      // A step's error can quote a remote's answer, which may echo a credential. A report path
      // that became a symbolic link since the check is still refused, not followed (O_NOFOLLOW).
      await writeFileNoFollow(file, ctx.redactor.redact(content));
      written[format] = file;
      ctx.logger.info(`wrote ${format} report ${file}`);
    } catch (e) {
      if (e instanceof GateError) throw e;
      throw inputError(
        'REPORT_WRITE_FAILED',
        `cannot write the ${format} report to ${file}`,
        'Check that the directory is writable.',
        e,
      );
    }
  }
  return written;
}
