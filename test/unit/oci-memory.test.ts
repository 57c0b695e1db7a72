import { afterEach, describe, expect, it, vi } from 'vitest';

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

  it('exposes V8 gc itself when the process was started without --expose-gc', async () => {
    const { memoryPacer, canPaceCollections } = await import('../../src/oci/memory.js');
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
    expect(canPaceCollections()).toBe(true);
    // Real minor collections run without throwing.
    const pace = memoryPacer(1);
    expect(() => {
      pace(2);
      pace(2);
    }).not.toThrow();
  });
});
