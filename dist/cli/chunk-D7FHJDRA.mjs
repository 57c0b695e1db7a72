import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);

// src/core/defaults.ts
var VERSION = "0.1.0";
var TOOL_NAME = "harbor-gate";
var TOOL_URI = "https://github.com/harbor-gate/harbor-gate";
var DEFAULT_SCAN_TIMEOUT_MS = 10 * 6e4;

export {
  VERSION,
  TOOL_NAME,
  TOOL_URI,
  DEFAULT_SCAN_TIMEOUT_MS
};
