import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  VERDICT_FIELDS,
  VERDICT_PREDICATE_TYPE,
  VERDICT_SKEW_MS,
  attestVerdict,
  canonicalJson,
  policyDigest,
  verdictPredicate,
  verifyGateVerdict
} from "./chunk-BXYJH5AV.mjs";
import "./chunk-WUKZL4YX.mjs";
import "./chunk-RQUG7UNX.mjs";
import "./chunk-UXF5Q43A.mjs";
import "./chunk-34FJ3C5J.mjs";
import "./chunk-Z2WONAJD.mjs";
import "./chunk-673FP5QF.mjs";
import "./chunk-H6LM4NHK.mjs";
export {
  VERDICT_FIELDS,
  VERDICT_PREDICATE_TYPE,
  VERDICT_SKEW_MS,
  attestVerdict,
  canonicalJson,
  policyDigest,
  verdictPredicate,
  verifyGateVerdict
};
