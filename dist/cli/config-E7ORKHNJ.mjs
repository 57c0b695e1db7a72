import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  SIGNATURE_FORMATS,
  resolveGateOptions,
  resolvePolicy,
  resolveTags
} from "./chunk-YZJRJV6C.mjs";
import "./chunk-LUKTZLLD.mjs";
import "./chunk-2O467QHM.mjs";
import "./chunk-UXF5Q43A.mjs";
import "./chunk-JJ7PDDUK.mjs";
import "./chunk-FQGJ6PO2.mjs";
import "./chunk-JVUIFQQB.mjs";
import "./chunk-H6LM4NHK.mjs";
export {
  SIGNATURE_FORMATS,
  resolveGateOptions,
  resolvePolicy,
  resolveTags
};
