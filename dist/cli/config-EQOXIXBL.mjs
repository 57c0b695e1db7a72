import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  SIGNATURE_FORMATS,
  isLoopbackHost,
  resolveGateOptions,
  resolvePolicy,
  resolveTags
} from "./chunk-W3RP2JUP.mjs";
import "./chunk-UHLGW3M4.mjs";
import "./chunk-FAS5OEAD.mjs";
import "./chunk-LDK5JNAP.mjs";
import "./chunk-WZHN55LX.mjs";
import "./chunk-X5PFJF7N.mjs";
import "./chunk-H6LM4NHK.mjs";
export {
  SIGNATURE_FORMATS,
  isLoopbackHost,
  resolveGateOptions,
  resolvePolicy,
  resolveTags
};
