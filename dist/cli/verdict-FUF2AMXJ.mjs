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
} from "./chunk-RJNSXWG3.mjs";
import "./chunk-FCAQMY7Y.mjs";
import "./chunk-2VYQ6YHU.mjs";
import "./chunk-UXF5Q43A.mjs";
import "./chunk-36FN6LP2.mjs";
import "./chunk-PETVGITA.mjs";
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
