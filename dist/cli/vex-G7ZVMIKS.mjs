import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  attestVex,
  readVexAttestations
} from "./chunk-TQDP5UNA.mjs";
import "./chunk-2KY6CEFS.mjs";
import "./chunk-2UPZP2NQ.mjs";
import "./chunk-MQPVUWHZ.mjs";
import "./chunk-UXF5Q43A.mjs";
import "./chunk-4VCA2B7V.mjs";
import "./chunk-PETVGITA.mjs";
import "./chunk-673FP5QF.mjs";
import "./chunk-H6LM4NHK.mjs";
export {
  attestVex,
  readVexAttestations
};
