#!/usr/bin/env node
import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  VERSION
} from "./cli/chunk-JVUIFQQB.mjs";
import "./cli/chunk-H6LM4NHK.mjs";

// src/cli/bin.ts
var argv = process.argv.slice(2);
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e) => {
    if (e.code !== "EPIPE") throw e;
  });
}
if (argv[0] === "--version" || argv[0] === "-v" || argv[0] === "version") {
  process.stdout.write(`${VERSION}
`);
} else {
  import("./cli/main-Q66KRAIE.mjs").then(({ main }) => main(argv)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`harbor-gate: ${String(e)}
`);
      process.exitCode = 3;
    }
  );
}
