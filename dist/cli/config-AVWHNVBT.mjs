import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  SIGNATURE_FORMATS,
  isLoopbackHost,
  resolveGateOptions,
  resolvePolicy,
  resolveTags
} from "./chunk-3ERSFDNW.mjs";
import "./chunk-5QPNT64S.mjs";
import "./chunk-4QXAPSIM.mjs";
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
