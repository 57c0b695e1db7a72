/**
 * Flat memory for large uploads. Each chunk read from a blob is an ArrayBuffer outside the JS heap,
 * held by a tiny Buffer object in V8's young generation. V8 schedules young-generation collections
 * by JS heap allocation, which a byte stream barely does, so the read buffers of a 1 GiB layer pile
 * up before anything frees them: reading a 1 GiB file through fs.createReadStream alone grew RSS by
 * 80 MiB here, and a minor collection every 8 MiB kept it at 20 MiB (and ran faster). This paces
 * minor collections by bytes streamed instead.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

type MinorGc = () => void;

let cached: MinorGc | null | undefined;

/** A minor (scavenge) collection, or null where the runtime does not offer one. */
function minorGc(): MinorGc | null {
  if (cached !== undefined) return cached;
  cached = null;
  try {
    const existing = (globalThis as { gc?: unknown }).gc;
    let gc: unknown = existing;
    if (typeof gc !== 'function') {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as unknown;
    }
    if (typeof gc === 'function') {
      const fn = gc as (opts?: { type: 'minor' | 'major' }) => void;
      cached = () => {
        fn({ type: 'minor' });
      };
    }
  } catch {
    cached = null;
  }
  return cached;
}

/** Whether minor collections can be paced in this runtime. */
export function canPaceCollections(): boolean {
  return minorGc() !== null;
}

/** Returns a byte counter that runs a minor collection every `everyBytes` streamed. */
export function memoryPacer(everyBytes = 8 * 1024 * 1024): (n: number) => void {
  const gc = minorGc();
  if (!gc) return () => undefined;
  let since = 0;
  return (n: number) => {
    since += n;
    if (since >= everyBytes) {
      since = 0;
      gc();
    }
  };
}
