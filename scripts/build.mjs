// Bundles the two entry points into committed CommonJS files. Deterministic: same sources and
// lockfile, same bytes, so CI can fail on drift.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  // import.meta.url is used by ESM deps; map it to the CommonJS equivalent.
  define: { 'import.meta.url': '__import_meta_url' },
  banner: { js: "const __import_meta_url = require('url').pathToFileURL(__filename).href;" },
};

await build({
  ...common,
  entryPoints: ['src/cli/bin.ts'],
  outfile: 'dist/cli.cjs',
  banner: { js: '#!/usr/bin/env node\n' + common.banner.js },
});
await build({ ...common, entryPoints: ['src/action/bin.ts'], outfile: 'dist/action.cjs' });
