import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  API_PREFIX,
  HarborClient,
  harborTarget,
  isFinalStatus,
  parseArtifact,
  parseScanOverview,
  versionAtLeast
} from "./chunk-KEMNR6SP.mjs";
import "./chunk-4EFK4II4.mjs";
import "./chunk-Y5KQGTIJ.mjs";
import "./chunk-FFP633FU.mjs";
import "./chunk-66ENAOTL.mjs";
import "./chunk-H6LM4NHK.mjs";
export {
  API_PREFIX,
  HarborClient,
  harborTarget,
  isFinalStatus,
  parseArtifact,
  parseScanOverview,
  versionAtLeast
};
