import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  ANNOTATION_SBOM_FORMAT,
  DEFAULT_SBOM_MAX_BYTES,
  SBOM_MEDIA_TYPES,
  SBOM_PREDICATE_TYPES,
  attachSbom,
  loadSbom,
  sbomCreated
} from "./chunk-6DWBCIA3.mjs";
import "./chunk-UXF5Q43A.mjs";
import "./chunk-2SVPFN7J.mjs";
import "./chunk-DB5LLZRC.mjs";
import "./chunk-DDO2JHBZ.mjs";
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
