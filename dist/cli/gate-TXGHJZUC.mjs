import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  attestSbomStep,
  attestScanStep,
  decide,
  elapsed,
  explicitTrust,
  failed,
  gateJson,
  harborWarnings,
  headline,
  openSession,
  prepareInputs,
  resolveSubject,
  runGate,
  runSteps,
  sbomStep,
  scanStep,
  signStep,
  skipped,
  stepError,
  subjectStep,
  trustedSignatures
} from "./chunk-XKL2WRO3.mjs";
import "./chunk-ZMRJG7TV.mjs";
import "./chunk-262ICGA4.mjs";
import "./chunk-6DWBCIA3.mjs";
import "./chunk-UXF5Q43A.mjs";
import "./chunk-2SVPFN7J.mjs";
import "./chunk-DB5LLZRC.mjs";
import {
  STEP_NAMES
} from "./chunk-DDO2JHBZ.mjs";
import "./chunk-H6LM4NHK.mjs";
export {
  STEP_NAMES,
  attestSbomStep,
  attestScanStep,
  decide,
  elapsed,
  explicitTrust,
  failed,
  gateJson,
  harborWarnings,
  headline,
  openSession,
  prepareInputs,
  resolveSubject,
  runGate,
  runSteps,
  sbomStep,
  scanStep,
  signStep,
  skipped,
  stepError,
  subjectStep,
  trustedSignatures
};
