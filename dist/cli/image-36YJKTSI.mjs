import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  SBOM_ARTIFACT_TYPES,
  attestSbom,
  attestVulnScan,
  signImage,
  verifyImage,
  vulnPredicate,
  writeLegacySignature
} from "./chunk-PSOTIIUH.mjs";
import "./chunk-GCFQCXGQ.mjs";
import "./chunk-OXVCLDEF.mjs";
import "./chunk-4EFK4II4.mjs";
import "./chunk-Y5KQGTIJ.mjs";
import "./chunk-FFP633FU.mjs";
import "./chunk-HUKXFGRT.mjs";
import "./chunk-66ENAOTL.mjs";
import "./chunk-H6LM4NHK.mjs";
export {
  SBOM_ARTIFACT_TYPES,
  attestSbom,
  attestVulnScan,
  signImage,
  verifyImage,
  vulnPredicate,
  writeLegacySignature
};
