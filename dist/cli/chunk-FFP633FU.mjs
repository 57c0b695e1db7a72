import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);

// src/core/defaults.ts
var VERSION = "0.1.0";
var DEFAULT_SCAN_TIMEOUT_MS = 10 * 6e4;

export {
  VERSION,
  DEFAULT_SCAN_TIMEOUT_MS
};
