import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
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
} from "./chunk-SETJ6RRB.mjs";
import "./chunk-UHLGW3M4.mjs";
import "./chunk-FVLA6PSN.mjs";
import "./chunk-FAS5OEAD.mjs";
import "./chunk-LDK5JNAP.mjs";
import "./chunk-WZHN55LX.mjs";
import "./chunk-X5PFJF7N.mjs";
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
