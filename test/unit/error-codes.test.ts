/**
 * The error codes are a typed union (src/core/error-codes.ts): a code that is not in it does not
 * compile. This test keeps the union and docs/errors.md equal, section by section, and checks that
 * every code is raised somewhere in src/ (no documented code is dead).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERROR_SECTIONS, type ErrorCode } from '../../src/core/index.js';
import { GateError } from '../../src/errors.js';

const root = path.join(import.meta.dirname, '../..');
/** Node's own errno codes the internal table documents (they are never a GateError's code). */
const NODE_ERRNO = new Set(['EISDIR']);

function documented(): Map<string, string[]> {
  const doc = fs.readFileSync(path.join(root, 'docs/errors.md'), 'utf8');
  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of doc.split('\n')) {
    const heading = /^## (.+)$/.exec(line);
    if (heading) {
      current = [];
      sections.set(heading[1]!, current);
      continue;
    }
    const row = /^\| `([A-Z][A-Z0-9_]+)`/.exec(line);
    if (row && current && !NODE_ERRNO.has(row[1]!)) current.push(row[1]!);
  }
  return sections;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && e.name !== 'error-codes.ts' ? [p] : [];
  });
}

describe('error codes', () => {
  const sections = documented();

  it('each group of the union is the table of its section in docs/errors.md, in order', () => {
    for (const [key, heading] of Object.entries(ERROR_SECTIONS)) {
      expect(sections.get(heading), heading).toEqual([...ERROR_CODES[key as keyof typeof ERROR_CODES]]);
    }
    // Every section with a table of codes is a group of the union.
    const withCodes = [...sections].filter(([, codes]) => codes.length > 0).map(([h]) => h);
    expect(withCodes.sort()).toEqual(Object.values(ERROR_SECTIONS).sort());
  });

  it('no code is documented twice', () => {
    const all = Object.values(ERROR_CODES).flat();
    expect(all.length).toBeGreaterThan(100);
    expect(new Set(all).size).toBe(all.length);
  });

  it('every code is raised somewhere in src/', () => {
    const text = sourceFiles(path.join(root, 'src'))
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n');
    const dead = Object.values(ERROR_CODES)
      .flat()
      .filter((c) => !new RegExp(`['"\`]${c}['"\`]`).test(text));
    expect(dead).toEqual([]);
  });

  it('a GateError carries a code of the union', () => {
    const code: ErrorCode = 'HTTP_NETWORK';
    const e = new GateError({ code, message: 'm', remedy: 'r', kind: 'infra' });
    expect(e.toJSON()).toEqual({ code: 'HTTP_NETWORK', message: 'm', remedy: 'r', exitCode: 3 });
    // @ts-expect-error: a code that is not documented does not compile.
    expect(new GateError({ code: 'NOT_A_CODE', message: 'm', remedy: 'r', kind: 'input' }).code).toBe(
      'NOT_A_CODE',
    );
  });
});
