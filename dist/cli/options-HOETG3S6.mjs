import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  SIGNATURE_FORMATS,
  isLoopbackHost,
  resolveGateOptions,
  resolvePolicy,
  resolveTags
} from "./chunk-2BTMOCUX.mjs";
import "./chunk-Q2VABHPL.mjs";
import "./chunk-UXF5Q43A.mjs";
import "./chunk-SCTZX5IV.mjs";
import "./chunk-TFKBYEW5.mjs";
import "./chunk-D7FHJDRA.mjs";
import "./chunk-66ENAOTL.mjs";
import "./chunk-H6LM4NHK.mjs";
export {
  SIGNATURE_FORMATS,
  isLoopbackHost,
  resolveGateOptions,
  resolvePolicy,
  resolveTags
};
