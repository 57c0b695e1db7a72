/**
 * What an entry point sets up for the process it owns (cli/bin.ts, action/bin.ts, nothing else).
 * Library code never changes the runtime: it uses what the process offers, so embedding the push
 * in another program, or importing it in a test, leaves V8's flags as that program set them.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * Offer V8's collector as `globalThis.gc`, as `node --expose-gc` does: oci/memory.ts paces minor
 * collections by bytes streamed when it is there (the Action's runner starts node without flags).
 */
export function exposeGarbageCollector(): void {
  const g = globalThis as { gc?: unknown };
  if (typeof g.gc === 'function') return;
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    if (typeof gc === 'function') g.gc = gc;
  } catch {
    // A runtime without it pushes unpaced: more memory, the same bytes.
  }
}
