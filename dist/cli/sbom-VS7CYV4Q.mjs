import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  ANNOTATION_SBOM_FORMAT,
  DEFAULT_SBOM_MAX_BYTES,
  SBOM_MEDIA_TYPES,
  SBOM_PREDICATE_TYPES,
  attachSbom,
  loadSbom,
  sbomCreated
} from "./chunk-2VYQ6YHU.mjs";
import "./chunk-UXF5Q43A.mjs";
import "./chunk-36FN6LP2.mjs";
import "./chunk-PETVGITA.mjs";
import "./chunk-673FP5QF.mjs";
import "./chunk-H6LM4NHK.mjs";
export {
  ANNOTATION_SBOM_FORMAT,
  DEFAULT_SBOM_MAX_BYTES,
  SBOM_MEDIA_TYPES,
  SBOM_PREDICATE_TYPES,
  attachSbom,
  loadSbom,
  sbomCreated
};
