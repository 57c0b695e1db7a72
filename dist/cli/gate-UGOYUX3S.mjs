import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  attestSbomStep,
  attestScanStep,
  configErrorRun,
  decide,
  elapsed,
  explicitTrust,
  failed,
  gateJson,
  harborWarnings,
  headline,
  initialFacts,
  openSession,
  preflightStep,
  prepareInputs,
  provenanceStep,
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
  supersedeStep,
  trustedSignatures,
  verdictPredicate,
  vexEvaluateInput,
  vexFromImageStep
} from "./chunk-ZOUQ3OC3.mjs";
import "./chunk-E4NWHGAY.mjs";
import "./chunk-HDSIMEN3.mjs";
import "./chunk-UH3AUMJ6.mjs";
import "./chunk-7ATBZ5R2.mjs";
import "./chunk-YTJSBXPN.mjs";
import "./chunk-UXF5Q43A.mjs";
import "./chunk-7DIQSUN7.mjs";
import "./chunk-IAKPOWWN.mjs";
import {
  STEP_NAMES
} from "./chunk-6AKVQXYQ.mjs";
import "./chunk-H6LM4NHK.mjs";
export {
  STEP_NAMES,
  attestSbomStep,
  attestScanStep,
  configErrorRun,
  decide,
  elapsed,
  explicitTrust,
  failed,
  gateJson,
  harborWarnings,
  headline,
  initialFacts,
  openSession,
  preflightStep,
  prepareInputs,
  provenanceStep,
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
  supersedeStep,
  trustedSignatures,
  verdictPredicate,
  vexEvaluateInput,
  vexFromImageStep
};
