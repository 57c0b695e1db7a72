import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  SIGNATURE_FORMATS,
  isLoopbackHost,
  resolveGateOptions,
  resolvePolicy,
  resolveTags
} from "./chunk-MBXFFGYO.mjs";
import "./chunk-ZMRJG7TV.mjs";
import "./chunk-262ICGA4.mjs";
import "./chunk-UXF5Q43A.mjs";
import "./chunk-2SVPFN7J.mjs";
import "./chunk-DB5LLZRC.mjs";
import "./chunk-DDO2JHBZ.mjs";
import "./chunk-H6LM4NHK.mjs";
export {
  SIGNATURE_FORMATS,
  isLoopbackHost,
  resolveGateOptions,
  resolvePolicy,
  resolveTags
};
