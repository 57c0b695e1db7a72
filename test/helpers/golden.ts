/**
 * Golden files: the exact bytes a renderer must produce, kept in test/golden/ (named .golden so
 * formatters leave them alone). A missing golden fails the test: it is never written silently,
 * or a renderer that lost its file would pass by writing whatever it now produces.
 * UPDATE_GOLDEN=1 rewrites them on purpose; review the diff before committing.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const GOLDEN_DIR = fileURLToPath(new URL('../golden/', import.meta.url));

export function expectGolden(
  name: string,
  actual: string,
  opts: { dir?: string; update?: boolean } = {},
): void {
  const path = `${opts.dir ?? GOLDEN_DIR}${name}.golden`;
  if (opts.update ?? process.env.UPDATE_GOLDEN === '1') writeFileSync(path, actual);
  if (!existsSync(path)) {
    throw new Error(
      `the golden file ${path} is missing: run the test with UPDATE_GOLDEN=1 to write it, review it, and commit it`,
    );
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
