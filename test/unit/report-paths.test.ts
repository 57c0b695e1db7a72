/**
 * Every report path is checked before the first write, writability included: a report directory
 * the runner may not write to (a non-root GitHub runner, a read-only mount) is found before the
 * verdict is published, not after it (then a signed pass would stand in the registry beside a run
 * that ended in error). The tests run as root, for whom every path is writable, so the access check
 * is injected.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkReportPaths } from '../../src/gate/reports.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-report-paths-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function denied(p: string): Promise<void> {
  return Promise.reject(
    Object.assign(new Error(`EACCES: permission denied, access '${p}'`), { code: 'EACCES' }),
  );
}

describe('checkReportPaths', () => {
  it('accepts a new file in a writable directory and an existing regular file', async () => {
    const existing = path.join(tmp, 'old.sarif');
    fs.writeFileSync(existing, '{}');
    const r = await checkReportPaths({
      reports: { sarif: existing, junit: path.join(tmp, 'new', 'junit.xml') },
    });
    expect(r.error).toBeUndefined();
    expect(r.paths.map(([f]) => f)).toEqual(['sarif', 'junit']);
  });

  it('refuses a path it may not write, naming the report, before anything is written', async () => {
    const asked: string[] = [];
    const file = path.join(tmp, 'ro', 'report.sarif');
    const r = await checkReportPaths({ reports: { sarif: file } }, (p) => {
      asked.push(p);
      return denied(p);
    });
    expect(asked).toEqual([path.dirname(file)]);
    expect(r.paths).toEqual([]);
    expect(r.error?.code).toBe('REPORT_WRITE_FAILED');
    expect(r.error?.message).toContain(`cannot write the sarif report to ${file}`);
    expect(r.error?.exitCode).toBe(2);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('checks the file itself when it is there', async () => {
    const file = path.join(tmp, 'there.json');
    fs.writeFileSync(file, '{}');
    const asked: string[] = [];
    const r = await checkReportPaths({ reports: { json: file } }, (p) => {
      asked.push(p);
      return denied(p);
    });
    expect(asked).toEqual([file]);
    expect(r.error?.code).toBe('REPORT_WRITE_FAILED');
  });
});
