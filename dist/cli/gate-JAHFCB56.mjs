import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  attestSbomStep,
  attestScanStep,
  attestVerdictStep,
  decide,
  elapsed,
  explicitTrust,
  failed,
  gateJson,
  harborWarnings,
  headline,
  openSession,
  prepareInputs,
  readVexInputs,
  resolveSubject,
  runGate,
  runSteps,
  sbomStep,
  scanStep,
  signStep,
  skipped,
  stepError,
  subjectStep,
  trustedSignatures,
  vexEvaluateInput,
  vexFromImageStep
} from "./chunk-XWGFSUN6.mjs";
import "./chunk-LUKTZLLD.mjs";
import "./chunk-2O467QHM.mjs";
import "./chunk-P3PBNJGX.mjs";
import "./chunk-UXF5Q43A.mjs";
import "./chunk-JJ7PDDUK.mjs";
import "./chunk-FQGJ6PO2.mjs";
import {
  STEP_NAMES
} from "./chunk-JVUIFQQB.mjs";
import "./chunk-H6LM4NHK.mjs";
export {
  STEP_NAMES,
  attestSbomStep,
  attestScanStep,
  attestVerdictStep,
  decide,
  elapsed,
  explicitTrust,
  failed,
  gateJson,
  harborWarnings,
  headline,
  openSession,
  prepareInputs,
  readVexInputs,
  resolveSubject,
  runGate,
  runSteps,
  sbomStep,
  scanStep,
  signStep,
  skipped,
  stepError,
  subjectStep,
  trustedSignatures,
  vexEvaluateInput,
  vexFromImageStep
};
