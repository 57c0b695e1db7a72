import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GateError } from '../../src/errors.js';
import { openSource, parseSource } from '../../src/oci/sources/index.js';
import { badSourceCases } from '../fixtures/bad/sources.js';

let root: string;
beforeAll(async () => {
  root = await fsp.mkdtemp(path.join(os.tmpdir(), 'hg-bad-sources-'));
});
afterAll(async () => {
  await fsp.rm(root, { recursive: true, force: true });
});

async function attempt(spec: string, tmpDir: string): Promise<unknown> {
  try {
    const source = await openSource(parseSource(spec), { tmpDir });
    await source.close();
    return undefined;
  } catch (e) {
    return e;
  }
}

describe('bad-input corpus for image sources', () => {
  it('has at least 25 cases with distinct names', () => {
    expect(badSourceCases.length).toBeGreaterThanOrEqual(25);
    expect(new Set(badSourceCases.map((c) => c.name)).size).toBe(badSourceCases.length);
  });

  it.each(badSourceCases.map((c, i) => [c.name, i] as const))('%s', async (_name, i) => {
    const c = badSourceCases[i]!;
    const dir = path.join(root, String(i));
    const tmpDir = path.join(dir, 'tmp');
    await fsp.mkdir(tmpDir, { recursive: true });
    const spec = await c.make(dir);
    const started = Date.now();
    const error = await attempt(spec, tmpDir);
    if ('ok' in c.expect) {
      expect(error).toBeUndefined();
    } else {
      expect(error).toBeInstanceOf(GateError);
      const g = error as GateError;
      expect({ code: g.code, kind: g.kind }).toEqual(c.expect);
      expect(g.exitCode).toBe(c.expect.kind === 'input' ? 2 : 3);
      expect(g.message.length).toBeGreaterThan(10);
      expect(g.remedy.length).toBeGreaterThan(10);
    }
    // Nothing is left behind in the temporary directory, whatever happened.
    expect(await fsp.readdir(tmpDir)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('documents every code the corpus produces', async () => {
    const doc = await fsp.readFile(path.join(import.meta.dirname, '../../docs/errors.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Image sources'), doc.indexOf('## Referrers and SBOM'));
    for (const c of badSourceCases) {
      if (!('ok' in c.expect)) expect(section).toContain(`\`${c.expect.code}\``);
    }
  });
});
