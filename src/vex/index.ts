/**
 * VEX: OpenVEX 0.2.0 and CycloneDX VEX documents, read into one statement model and matched
 * against scan findings. Pure (no I/O): callers read the files and attestations.
 */
export {
  parseVexDocument,
  parseVexValue,
  MAX_VEX_BYTES,
  MAX_VEX_STATEMENTS,
  type ParseVexOptions,
} from './parse.js';
export {
  VexIndex,
  componentMatchesPackage,
  imagePurl,
  productMatchesImage,
  statementApplies,
  vulnerabilityMatches,
  type VexFinding,
} from './match.js';
export { OPENVEX_CONTEXT_V020, OPENVEX_NAMESPACE, isOpenVexContext } from './openvex.js';
export { CYCLONEDX_JUSTIFICATION_MAP, CYCLONEDX_STATE_MAP, CYCLONEDX_VERSIONS } from './cyclonedx.js';
export { toOpenVex } from './convert.js';
export { readVexFiles } from './load.js';
export { lineOfPointer, lineOfSyntaxError, offsetOfPointer } from './jsonpos.js';
export { parsePurl, type Purl } from './purl.js';
export { vexError, type VexErrorCode } from './errors.js';
export * from './types.js';
