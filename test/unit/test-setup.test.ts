/**
 * The unit tests run with Node alone: no test under test/unit starts docker-registry, skopeo or
 * Chromium,
 * and only the integration project has the global setup that demands them (and fails, never
 * skips, when one is missing).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../vitest.config.js';

const root = path.join(import.meta.dirname, '../..');

interface Project {
  test?: { name?: string; include?: string[]; globalSetup?: string | string[] };
}

describe('test setup', () => {
  const projects = (config.test?.projects ?? []) as Project[];
  const byName = (name: string): Project['test'] => projects.find((p) => p.test?.name === name)?.test;

  it('demands the integration tools for the integration project only', () => {
    expect(config.test?.globalSetup).toBeUndefined();
    expect(byName('unit')?.include).toEqual(['test/unit/**/*.test.ts']);
    expect(byName('unit')?.globalSetup).toBeUndefined();
    expect(byName('integration')?.include).toEqual(['test/integration/**/*.test.ts']);
    expect(byName('integration')?.globalSetup).toEqual(['test/global-setup.ts']);
    const setup = fs.readFileSync(path.join(root, 'test/global-setup.ts'), 'utf8');
    expect(setup).toContain('/usr/bin/docker-registry');
    expect(setup).toContain('/usr/bin/skopeo');
    expect(setup).toContain('throw new Error(');
  });

  it('no unit test starts an integration tool', () => {
    const dir = path.join(root, 'test/unit');
    const users = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && f !== 'test-setup.test.ts')
      .filter((f) =>
        /servers\/registry\.js|['"`]skopeo['"`]|docker-registry['"`]|playwright|chromium/i.test(
          fs.readFileSync(path.join(dir, f), 'utf8'),
        ),
      );
    expect(users).toEqual([]);
  });
});
