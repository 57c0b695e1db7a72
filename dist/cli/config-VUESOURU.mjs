import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  SIGNATURE_FORMATS,
  resolveGateOptions,
  resolvePolicy,
  resolveReportPaths,
  resolveTags,
  resolveTimeout
} from "./chunk-URU4WVJZ.mjs";
import "./chunk-HDSIMEN3.mjs";
import "./chunk-UH3AUMJ6.mjs";
import "./chunk-7ATBZ5R2.mjs";
import "./chunk-UXF5Q43A.mjs";
import "./chunk-7DIQSUN7.mjs";
import "./chunk-IAKPOWWN.mjs";
import "./chunk-6AKVQXYQ.mjs";
import "./chunk-H6LM4NHK.mjs";
export {
  SIGNATURE_FORMATS,
  resolveGateOptions,
  resolvePolicy,
  resolveReportPaths,
  resolveTags,
  resolveTimeout
};
