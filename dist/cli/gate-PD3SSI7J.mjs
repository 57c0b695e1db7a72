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
} from "./chunk-IFWXP2E4.mjs";
import "./chunk-5QPNT64S.mjs";
import "./chunk-4QXAPSIM.mjs";
import "./chunk-2VYQ6YHU.mjs";
import "./chunk-UXF5Q43A.mjs";
import "./chunk-36FN6LP2.mjs";
import "./chunk-PETVGITA.mjs";
import {
  STEP_NAMES
} from "./chunk-673FP5QF.mjs";
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
