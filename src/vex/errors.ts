import { GateError } from '../errors.js';
import { cleanText } from '../core/index.js';

export type VexErrorCode = 'VEX_READ' | 'VEX_PARSE' | 'VEX_INVALID' | 'VEX_UNSUPPORTED' | 'VEX_TOO_LARGE';

const REMEDY: Record<VexErrorCode, string> = {
  VEX_READ:
    "Check the path given to --vex (or in the policy file's vex: list) and that the file is readable.",
  VEX_PARSE: 'Fix the JSON syntax at the line named; a VEX document is one JSON object.',
  VEX_INVALID:
    'Fix the field at the line named (docs/vex.md lists the fields harbor-gate reads), or regenerate the document with vexctl or your SBOM tool.',
  VEX_UNSUPPORTED:
    'Give an OpenVEX 0.2.0 document ("@context": "https://openvex.dev/ns/v0.2.0") or a CycloneDX 1.4-1.7 BOM with vulnerabilities[].analysis; see docs/vex.md.',
  VEX_TOO_LARGE: 'Split the document; harbor-gate reads VEX documents up to 16 MiB and 100,000 statements.',
};

/** An input error (exit 2) naming the file and, when known, the line. */
export function vexError(
  code: VexErrorCode,
  document: string,
  line: number | undefined,
  problem: string,
  cause?: unknown,
): GateError {
  const where = line === undefined ? cleanText(document) : `${cleanText(document)}:${line}`;
  return new GateError({
    code,
    kind: 'input',
    message: `${where}: ${problem}`,
    remedy: REMEDY[code],
    cause,
    details: { file: document, ...(line !== undefined ? { line } : {}) },
  });
}
