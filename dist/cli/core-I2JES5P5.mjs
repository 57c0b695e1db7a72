import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  DEFAULT_DESCRIPTION_MAX,
  DEFAULT_TEXT_MAX,
  SEVERITIES,
  cleanLines,
  cleanProse,
  cleanText,
  colorEnabled,
  emptyCounts,
  formatDuration,
  isCleanText,
  parseDuration,
  shortDigest,
  suggest,
  systemClock,
  writeFileNoFollow
} from "./chunk-TFKBYEW5.mjs";
import {
  DEFAULT_SCAN_TIMEOUT_MS,
  TOOL_NAME,
  TOOL_URI,
  VERSION
} from "./chunk-D7FHJDRA.mjs";
import "./chunk-66ENAOTL.mjs";
import "./chunk-H6LM4NHK.mjs";
export {
  DEFAULT_DESCRIPTION_MAX,
  DEFAULT_SCAN_TIMEOUT_MS,
  DEFAULT_TEXT_MAX,
  SEVERITIES,
  TOOL_NAME,
  TOOL_URI,
  VERSION,
  cleanLines,
  cleanProse,
  cleanText,
  colorEnabled,
  emptyCounts,
  formatDuration,
  isCleanText,
  parseDuration,
  shortDigest,
  suggest,
  systemClock,
  writeFileNoFollow
};
