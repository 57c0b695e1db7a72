import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  ANNOTATION_SBOM_FORMAT,
  DEFAULT_SBOM_MAX_BYTES,
  SBOM_MEDIA_TYPES,
  SBOM_PREDICATE_TYPES,
  attachSbom,
  loadSbom,
  sbomCreated
} from "./chunk-YTJSBXPN.mjs";
import "./chunk-UXF5Q43A.mjs";
import "./chunk-7DIQSUN7.mjs";
import "./chunk-IAKPOWWN.mjs";
import "./chunk-6AKVQXYQ.mjs";
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
