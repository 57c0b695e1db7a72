import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  ANNOTATION_SBOM_FORMAT,
  DEFAULT_SBOM_MAX_BYTES,
  SBOM_MEDIA_TYPES,
  SBOM_PREDICATE_TYPES,
  attachSbom,
  loadSbom,
  sbomCreated
} from "./chunk-UH24H5YG.mjs";
import "./chunk-UXF5Q43A.mjs";
import "./chunk-GCFQCXGQ.mjs";
import "./chunk-OXVCLDEF.mjs";
import "./chunk-4EFK4II4.mjs";
import "./chunk-Y5KQGTIJ.mjs";
import "./chunk-FFP633FU.mjs";
import "./chunk-66ENAOTL.mjs";
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
