import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  attestVex,
  readVexAttestations
} from "./chunk-3J6J6DPC.mjs";
import "./chunk-2KY6CEFS.mjs";
import "./chunk-FCAQMY7Y.mjs";
import "./chunk-2VYQ6YHU.mjs";
import "./chunk-UXF5Q43A.mjs";
import "./chunk-36FN6LP2.mjs";
import "./chunk-PETVGITA.mjs";
import "./chunk-673FP5QF.mjs";
import "./chunk-H6LM4NHK.mjs";
export {
  attestVex,
  readVexAttestations
};
