import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  attestSbomStep,
  attestScanStep,
  elapsed,
  failed,
  harborWarnings,
  resolveSubject,
  sbomStep,
  scanStep,
  signStep,
  skipped,
  stepError,
  subjectStep,
  trustedSignatures
} from "./chunk-3IUYUGZJ.mjs";
import "./chunk-LTA7QRD5.mjs";
import "./chunk-2N3WIKUR.mjs";
import "./chunk-76HHFUCG.mjs";
import "./chunk-YDD6LTSF.mjs";
import "./chunk-SCTZX5IV.mjs";
import "./chunk-TFKBYEW5.mjs";
import "./chunk-D7FHJDRA.mjs";
import "./chunk-66ENAOTL.mjs";
import "./chunk-H6LM4NHK.mjs";
export {
  attestSbomStep,
  attestScanStep,
  elapsed,
  failed,
  harborWarnings,
  resolveSubject,
  sbomStep,
  scanStep,
  signStep,
  skipped,
  stepError,
  subjectStep,
  trustedSignatures
};
