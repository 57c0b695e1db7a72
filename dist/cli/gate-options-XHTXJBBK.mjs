import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  SIGNATURE_FORMATS,
  resolveGateOptions,
  resolvePolicy
} from "./chunk-4KN5GXNI.mjs";
import "./chunk-3FGXBC4L.mjs";
import "./chunk-UXF5Q43A.mjs";
import "./chunk-Y5KQGTIJ.mjs";
import "./chunk-FFP633FU.mjs";
import "./chunk-66ENAOTL.mjs";
import "./chunk-H6LM4NHK.mjs";
export {
  SIGNATURE_FORMATS,
  resolveGateOptions,
  resolvePolicy
};
