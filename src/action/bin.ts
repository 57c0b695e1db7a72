import { exposeGarbageCollector } from '../runtime.js';
import { runAction } from './main.js';

// This process is ours (the runner starts node without flags): streamed pushes pace minor
// collections with V8's gc (oci/memory.ts).
exposeGarbageCollector();

void runAction().then((code) => {
  process.exitCode = code;
});
