#!/usr/bin/env node
import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  VERSION
} from "./cli/chunk-6AKVQXYQ.mjs";
import "./cli/chunk-H6LM4NHK.mjs";

// src/runtime.ts
import v8 from "node:v8";
import vm from "node:vm";
function exposeGarbageCollector() {
  const g = globalThis;
  if (typeof g.gc === "function") return;
  try {
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc");
    if (typeof gc === "function") g.gc = gc;
  } catch {
  }
}

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
  exposeGarbageCollector();
  import("./cli/main-K7BXLQ64.mjs").then(({ main }) => main(argv)).then(
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
