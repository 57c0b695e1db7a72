// Bundles the two entry points into committed files. Deterministic: same sources and lockfile,
// same bytes (chunk names are content hashes), so CI can fail on drift.
//
// dist/cli.mjs (the `harbor-gate` bin) is ESM with code splitting: the entry holds only the
// argument parsing and the command table; each command's heavy parts (Sigstore, the schema
// validators, YAML, the embedded servers) sit in chunks under dist/cli/ that are loaded by the
// command's dynamic import() when it runs. `--version` and `--help` parse a few kB instead of
// the whole bundle.
//
// dist/action.cjs stays one CommonJS file: the Action runs it from the git repository.
//
//   node scripts/build.mjs            # builds into dist/
//   node scripts/build.mjs OUTDIR     # builds into OUTDIR (tests and benchmarks)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  absWorkingDir: ROOT,
  // Paths in the bundle's comments stay node_modules/... when node_modules is a symlink.
  preserveSymlinks: true,
};

/** The CLI: dist/cli.mjs plus its chunks in dist/cli/. Removes the outputs of earlier builds. */
export async function buildCli(outdir = path.join(ROOT, 'dist')) {
  for (const stale of ['cli', 'cli.mjs', 'cli.cjs'])
    fs.rmSync(path.join(outdir, stale), { recursive: true, force: true });
  await build({
    ...common,
    entryPoints: { cli: path.join(ROOT, 'src/cli/bin.ts') },
    outdir,
    format: 'esm',
    splitting: true,
    outExtension: { '.js': '.mjs' },
    entryNames: '[name]',
    chunkNames: 'cli/[name]-[hash]',
    // CommonJS dependencies call require() for Node's built-ins; give every ESM chunk one.
    banner: {
      js: "import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);",
    },
  });
  // The bin needs the shebang on its first line; the chunks must not have one.
  const entry = path.join(outdir, 'cli.mjs');
  fs.writeFileSync(entry, '#!/usr/bin/env node\n' + fs.readFileSync(entry, 'utf8'));
  fs.chmodSync(entry, 0o755);
}

/** The GitHub Action: one CommonJS file. */
export async function buildAction(outdir = path.join(ROOT, 'dist')) {
  await build({
    ...common,
    entryPoints: [path.join(ROOT, 'src/action/bin.ts')],
    outfile: path.join(outdir, 'action.cjs'),
    format: 'cjs',
    // import.meta.url is used by ESM deps; map it to the CommonJS equivalent.
    define: { 'import.meta.url': '__import_meta_url' },
    banner: { js: "const __import_meta_url = require('url').pathToFileURL(__filename).href;" },
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outdir = process.argv[2] ? path.resolve(process.argv[2]) : path.join(ROOT, 'dist');
  await buildCli(outdir);
  await buildAction(outdir);
}
