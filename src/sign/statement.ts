/**
 * What gets signed: in-toto v1 statements (cosign v3 signatures, SBOM and vuln attestations) and
 * the legacy "simple signing" payload, plus the checks @sigstore/verify leaves to the caller
 * (payload type, subject digest, predicate type).
 */

import { cleanText, isValidDigest } from '../core/index.js';

/** Subjects (and digests per subject) quoted at most in a rejection reason. */
const MAX_QUOTED_SUBJECTS = 5;

export const INTOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
export const INTOTO_STATEMENT_V1 = 'https://in-toto.io/Statement/v1';
export const INTOTO_STATEMENT_V01 = 'https://in-toto.io/Statement/v0.1';

export const PredicateType = {
  CosignSign: 'https://sigstore.dev/cosign/sign/v1',
  Spdx: 'https://spdx.dev/Document',
  CycloneDx: 'https://cyclonedx.org/bom',
  CosignVuln: 'https://cosign.sigstore.dev/attestation/vuln/v1',
  /** What `cosign attest --type openvex` writes (cosign's attestation.OpenVexNamespace). */
  OpenVex: 'https://openvex.dev/ns',
  /** The gate's signed decision about a digest (docs/vex.md). */
  GateVerdict: 'https://harbor-gate.dev/attestation/verdict/v1',
} as const;

/** Predicate types read as OpenVEX attestations: cosign's, and the versioned context some tools use. */
export const OPENVEX_PREDICATE_TYPES: readonly string[] = [
  PredicateType.OpenVex,
  'https://openvex.dev/ns/v0.2.0',
];

/** Predicate types that make a referrer an SBOM attestation. */
export const SBOM_PREDICATE_TYPES: ReadonlySet<string> = new Set([
  PredicateType.Spdx,
  PredicateType.CycloneDx,
]);

export const SIMPLE_SIGNING_TYPE = 'cosign container image signature';

export interface InTotoSubject {
  name?: string;
  digest: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface InTotoStatement {
  _type: string;
  subject: InTotoSubject[];
  predicateType: string;
  predicate?: unknown;
}

function digestParts(digest: string): { alg: string; hex: string } {
  if (!isValidDigest(digest)) throw new RangeError(`not a digest: ${digest}`);
  const at = digest.indexOf(':');
  return { alg: digest.slice(0, at), hex: digest.slice(at + 1) };
}

/**
 * A statement about one image digest. Field order follows cosign's output
 * (_type, subject, predicateType, predicate).
 */
export function buildStatement(opts: {
  digest: string;
  predicateType: string;
  predicate: unknown;
  /** subject[0].name: cosign sets the repository for attestations, nothing for `sign`. */
  name?: string;
}): InTotoStatement {
  const { alg, hex } = digestParts(opts.digest);
  const subject: InTotoSubject =
    opts.name === undefined ? { digest: { [alg]: hex } } : { name: opts.name, digest: { [alg]: hex } };
  return {
    _type: INTOTO_STATEMENT_V1,
    subject: [subject],
    predicateType: opts.predicateType,
    predicate: opts.predicate,
  };
}

/** The statement `cosign sign` (v3, bundle format) signs: empty predicate. */
export function signatureStatement(digest: string): InTotoStatement {
  return buildStatement({ digest, predicateType: PredicateType.CosignSign, predicate: {} });
}

/** The legacy simple-signing payload; `optional` is null when there are no annotations (no omitempty). */
export function simpleSigningPayload(
  dockerReference: string,
  digest: string,
  annotations?: Record<string, string>,
): Buffer {
  const payload = {
    critical: {
      identity: { 'docker-reference': dockerReference },
      image: { 'docker-manifest-digest': digest },
      type: SIMPLE_SIGNING_TYPE,
    },
    optional: annotations && Object.keys(annotations).length > 0 ? annotations : null,
  };
  return Buffer.from(JSON.stringify(payload));
}

/**
 * Check a DSSE payload the way cosign does after the cryptography: in-toto payload type, a
 * statement whose subject digest equals the image digest, and (when given) the predicate type.
 * Returns the reason it fails, or the statement.
 */
export function checkStatement(
  payloadType: string,
  payload: Buffer,
  expect: { digest: string; predicateTypes?: readonly string[] },
): { ok: true; statement: InTotoStatement } | { ok: false; reason: string } {
  if (payloadType !== INTOTO_PAYLOAD_TYPE) {
    return {
      ok: false,
      reason: `DSSE payload type is ${cleanText(payloadType, 200)}, expected ${INTOTO_PAYLOAD_TYPE}`,
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.toString('utf8'));
  } catch {
    return { ok: false, reason: 'the DSSE payload is not JSON' };
  }
  const st = parsed as Partial<InTotoStatement> | null;
  if (
    !st ||
    typeof st !== 'object' ||
    (st._type !== INTOTO_STATEMENT_V1 && st._type !== INTOTO_STATEMENT_V01) ||
    !Array.isArray(st.subject) ||
    typeof st.predicateType !== 'string'
  ) {
    return { ok: false, reason: 'the DSSE payload is not an in-toto statement' };
  }
  const { alg, hex } = digestParts(expect.digest);
  // Everything below is attacker-shaped (anyone who can push a referrer writes it): no field is
  // trusted to have its declared type, and what is quoted back is bounded and cleaned.
  const subjects = st.subject as unknown[];
  const digestOfSubject = (s: unknown): Record<string, unknown> | undefined => {
    if (typeof s !== 'object' || s === null || Array.isArray(s)) return undefined;
    const d = (s as { digest?: unknown }).digest;
    return typeof d === 'object' && d !== null && !Array.isArray(d)
      ? (d as Record<string, unknown>)
      : undefined;
  };
  const matches = subjects.some((s) => {
    const d = digestOfSubject(s);
    return d !== undefined && Object.hasOwn(d, alg) && d[alg] === hex;
  });
  if (!matches) {
    const got = subjects
      .slice(0, MAX_QUOTED_SUBJECTS)
      .flatMap((s) =>
        Object.entries(digestOfSubject(s) ?? {})
          .slice(0, MAX_QUOTED_SUBJECTS)
          .map(([a, h]) => `${a}:${typeof h === 'string' ? h : `(${h === null ? 'null' : typeof h})`}`),
      )
      .join(', ');
    const more =
      subjects.length > MAX_QUOTED_SUBJECTS
        ? ` and ${subjects.length - MAX_QUOTED_SUBJECTS} more subjects`
        : '';
    return {
      ok: false,
      reason: `the statement is about ${cleanText(got, 300) || 'no digest'}${more}, not ${expect.digest}`,
    };
  }
  if (expect.predicateTypes && !expect.predicateTypes.includes(st.predicateType)) {
    return {
      ok: false,
      reason: `predicate type is ${cleanText(st.predicateType, 200)}, expected ${expect.predicateTypes.join(' or ')}`,
    };
  }
  return { ok: true, statement: st as InTotoStatement };
}

/** Check a legacy simple-signing payload: the only claim cosign checks is the manifest digest. */
export function checkSimpleSigning(
  payload: Buffer,
  digest: string,
): { ok: true } | { ok: false; reason: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.toString('utf8'));
  } catch {
    return { ok: false, reason: 'the simple-signing payload is not JSON' };
  }
  const critical = (
    parsed as { critical?: { type?: unknown; image?: { 'docker-manifest-digest'?: unknown } } } | null
  )?.critical;
  if (critical?.type !== SIMPLE_SIGNING_TYPE) {
    return { ok: false, reason: `simple-signing payload type is not "${SIMPLE_SIGNING_TYPE}"` };
  }
  const got = critical.image?.['docker-manifest-digest'];
  if (got !== digest) {
    return {
      ok: false,
      reason: `the signature is for ${typeof got === 'string' ? cleanText(got, 200) : 'no digest'}, not ${digest}`,
    };
  }
  return { ok: true };
}
