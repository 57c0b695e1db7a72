import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const root = path.join(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

describe('memoryPacer', () => {
  afterEach(() => {
    Reflect.deleteProperty(globalThis, 'gc');
    vi.resetModules();
  });

  it('runs a minor collection once per `everyBytes` streamed, across calls', async () => {
    const gc = vi.fn();
    (globalThis as { gc?: unknown }).gc = gc;
    const { memoryPacer } = await import('../../src/oci/memory.js');
    const pace = memoryPacer(8);
    for (let i = 0; i < 10; i++) pace(3);
    // 30 bytes in steps of 3: a collection after 9, 18 and 27 bytes.
    expect(gc).toHaveBeenCalledTimes(3);
    expect(gc).toHaveBeenCalledWith({ type: 'minor' });
  });

  it('sets no V8 flag: without a gc offered by the process it paces nothing', async () => {
    const { memoryPacer, canPaceCollections } = await import('../../src/oci/memory.js');
    expect(canPaceCollections()).toBe(false);
    const pace = memoryPacer(1);
    pace(2);
    pace(2);
    // The library did not expose one itself.
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
  });

  it('the entry points expose the collector for the process they own', async () => {
    const { exposeGarbageCollector } = await import('../../src/runtime.js');
    exposeGarbageCollector();
    const { memoryPacer, canPaceCollections } = await import('../../src/oci/memory.js');
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe('function');
    expect(canPaceCollections()).toBe(true);
    // Real minor collections run without throwing.
    const pace = memoryPacer(1);
    expect(() => {
      pace(2);
      pace(2);
    }).not.toThrow();
  });

  it('only src/runtime.ts sets V8 flags, and only the entry points call it', () => {
    const files = sourceFiles(path.join(root, 'src')).map((f) => path.relative(root, f));
    const setting = files.filter((f) =>
      fs.readFileSync(path.join(root, f), 'utf8').includes('setFlagsFromString'),
    );
    expect(setting).toEqual(['src/runtime.ts']);
    const callers = files.filter(
      (f) =>
        f !== 'src/runtime.ts' &&
        fs.readFileSync(path.join(root, f), 'utf8').includes('exposeGarbageCollector'),
    );
    expect(callers.sort()).toEqual(['src/action/bin.ts', 'src/cli/bin.ts']);
  });
});
