import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  SIGNATURE_FORMATS,
  isLoopbackHost,
  resolveGateOptions,
  resolvePolicy,
  resolveTags
} from "./chunk-XYIQNB4D.mjs";
import "./chunk-D75GSAXQ.mjs";
import "./chunk-2KY6CEFS.mjs";
import "./chunk-UXF5Q43A.mjs";
import "./chunk-36FN6LP2.mjs";
import "./chunk-PETVGITA.mjs";
import "./chunk-673FP5QF.mjs";
import "./chunk-H6LM4NHK.mjs";
export {
  SIGNATURE_FORMATS,
  isLoopbackHost,
  resolveGateOptions,
  resolvePolicy,
  resolveTags
};
