import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  DEFAULT_BLOB_FETCH_LIMIT,
  MAX_MANIFEST_BYTES,
  RegistryClient,
  Repository,
  digestOf,
  nextLink,
  parseRegistryErrors,
  registryScheme
} from "./chunk-OXVCLDEF.mjs";
import "./chunk-4EFK4II4.mjs";
import "./chunk-Y5KQGTIJ.mjs";
import "./chunk-FFP633FU.mjs";
import "./chunk-66ENAOTL.mjs";
import "./chunk-H6LM4NHK.mjs";
export {
  DEFAULT_BLOB_FETCH_LIMIT,
  MAX_MANIFEST_BYTES,
  RegistryClient,
  Repository,
  digestOf,
  nextLink,
  parseRegistryErrors,
  registryScheme
};
