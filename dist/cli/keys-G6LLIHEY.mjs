import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  COSIGN_KEY_PEM_TYPES,
  DEFAULT_SCRYPT_N,
  decryptCosignKey,
  encryptCosignKey,
  generateCosignKeyPair,
  keyAlgorithm,
  loadPublicKey,
  loadSigningKey,
  parsePemBlocks,
  publicKeyHint,
  toPem
} from "./chunk-HUKXFGRT.mjs";
import "./chunk-66ENAOTL.mjs";
import "./chunk-H6LM4NHK.mjs";
export {
  COSIGN_KEY_PEM_TYPES,
  DEFAULT_SCRYPT_N,
  decryptCosignKey,
  encryptCosignKey,
  generateCosignKeyPair,
  keyAlgorithm,
  loadPublicKey,
  loadSigningKey,
  parsePemBlocks,
  publicKeyHint,
  toPem
};
