import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  ANNOTATION_SBOM_FORMAT,
  DEFAULT_SBOM_MAX_BYTES,
  SBOM_MEDIA_TYPES,
  SBOM_PREDICATE_TYPES,
  attachSbom,
  loadSbom,
  sbomCreated
} from "./chunk-P3PBNJGX.mjs";
import "./chunk-UXF5Q43A.mjs";
import "./chunk-JJ7PDDUK.mjs";
import "./chunk-FQGJ6PO2.mjs";
import "./chunk-JVUIFQQB.mjs";
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
