import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  attestVex,
  readVexAttestations
} from "./chunk-U266S2VF.mjs";
import "./chunk-2KY6CEFS.mjs";
import "./chunk-WUKZL4YX.mjs";
import "./chunk-RQUG7UNX.mjs";
import "./chunk-UXF5Q43A.mjs";
import "./chunk-34FJ3C5J.mjs";
import "./chunk-Z2WONAJD.mjs";
import "./chunk-673FP5QF.mjs";
import "./chunk-H6LM4NHK.mjs";
export {
  attestVex,
  readVexAttestations
};
