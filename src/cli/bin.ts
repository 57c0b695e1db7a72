import { VERSION } from '../core/index.js';
import { exposeGarbageCollector } from '../runtime.js';

const argv = process.argv.slice(2);
// A reader that goes away (`harbor-gate gate ... | head -1`) must not turn the run's exit code into
// an uncaught EPIPE (exit 1, the policy-breach code): the output is dropped, the verdict stands.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
}
// --version answers before the command table (and the HTTP stack it pulls in) is loaded; the
// bundle keeps main.js in its own chunk for that. Same answer as main()'s.
if (argv[0] === '--version' || argv[0] === '-v' || argv[0] === 'version') {
  process.stdout.write(`${VERSION}\n`);
} else {
  // This process is ours: streamed pushes pace minor collections with V8's gc (oci/memory.ts).
  exposeGarbageCollector();
  import('./main.js')
    .then(({ main }) => main(argv))
    .then(
      (code) => {
        process.exitCode = code;
      },
      (e: unknown) => {
        process.stderr.write(`harbor-gate: ${String(e)}\n`);
        process.exitCode = 3;
      },
    );
}
