import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  explicitTrust,
  openSession
} from "./chunk-ILJCKAV4.mjs";
import "./chunk-LTA7QRD5.mjs";
import "./chunk-2N3WIKUR.mjs";
import "./chunk-TB5BZZPP.mjs";
import "./chunk-UXF5Q43A.mjs";
import "./chunk-76HHFUCG.mjs";
import "./chunk-YDD6LTSF.mjs";
import "./chunk-SCTZX5IV.mjs";
import "./chunk-TFKBYEW5.mjs";
import "./chunk-D7FHJDRA.mjs";
import "./chunk-HUKXFGRT.mjs";
import "./chunk-66ENAOTL.mjs";
import "./chunk-H6LM4NHK.mjs";
export {
  explicitTrust,
  openSession
};
