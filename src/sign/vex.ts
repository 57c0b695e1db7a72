/**
 * VEX attestations: attaching an OpenVEX document as a signed in-toto attestation the way
 * `cosign attest --type openvex` does (predicate type https://openvex.dev/ns, the document as
 * the predicate, a cosign v3 bundle referrer), and reading back the ones that verify with the
 * gate's trust. CycloneDX VEX given to attach-vex is converted to OpenVEX 0.2.0 first (cosign
 * has no CycloneDX-VEX predicate type; OpenVEX is what trivy and policy engines read).
 */
import { cleanText } from '../core/index.js';
import { GateError } from '../errors.js';
import type { Repository } from '../oci/index.js';
import {
  parseVexDocument,
  parseVexValue,
  productMatchesImage,
  toOpenVex,
  type VexDocument,
  type VexStatement,
} from '../vex/index.js';
import { attest, type AttestationResult, type AttestOptions } from './attest.js';
import { readAttestations, type AttestationTrust, type IgnoredAttestation } from './attestations.js';
import { OPENVEX_PREDICATE_TYPES, PredicateType } from './statement.js';

export interface AttestVexResult extends AttestationResult {
  /** The input was CycloneDX VEX and was converted to OpenVEX 0.2.0. */
  converted: boolean;
  statements: number;
  /** Warnings from reading the document (unknown fields...). */
  warnings: string[];
}

/**
 * Attach a VEX document to `digest` as a signed OpenVEX attestation. `document` is the file's
 * bytes or text; `name` is used in messages. Throws GateError VEX_* (exit 2) when the document is
 * not valid OpenVEX 0.2.0 or CycloneDX VEX.
 */
export async function attestVex(
  repo: Repository,
  digest: string,
  vex: { document: Buffer | string; name: string },
  opts: AttestOptions,
): Promise<AttestVexResult> {
  const doc = parseVexDocument(vex.document, vex.name);
  let predicate: unknown;
  if (doc.format === 'openvex') {
    // The document as written (cosign embeds the JSON object unchanged).
    predicate = JSON.parse(
      (typeof vex.document === 'string' ? vex.document : vex.document.toString('utf8')).replace(
        /^\uFEFF/,
        '',
      ),
    ) as unknown;
  } else {
    predicate = toOpenVex(doc, opts.created ? { now: opts.created } : {});
    opts.logger?.info(`${cleanText(vex.name)}: CycloneDX VEX converted to OpenVEX 0.2.0 for the attestation`);
  }
  // Statements that name products, none of them this image, will never apply to it: say so.
  const image = { digest, repository: `${repo.registry}/${repo.name}` };
  const elsewhere = doc.statements.filter(
    (st) =>
      st.products.length > 0 && !st.products.some((p) => p.ids.some((id) => productMatchesImage(id, image))),
  );
  const warnings = [...doc.warnings];
  if (elsewhere.length > 0) {
    const lines = elsewhere
      .slice(0, 10)
      .map((st) => st.line)
      .filter((l) => l !== undefined)
      .join(', ');
    warnings.push(
      `${cleanText(vex.name)}: ${elsewhere.length} statement(s) name no product that is this image (${digest})${lines ? ` (lines ${lines})` : ''}; they will not apply to it (docs/vex.md, matching rules)`,
    );
  }
  const res = await attest(repo, digest, PredicateType.OpenVex, predicate, opts);
  return { ...res, converted: doc.format === 'cyclonedx', statements: doc.statements.length, warnings };
}

export interface VexAttestation {
  /** The referrer manifest digest. */
  digest: string;
  signer: string | null;
  issuer: string | null;
  document: VexDocument;
}

export interface ReadVexResult {
  attestations: VexAttestation[];
  /** Every statement of the verified attestations, ready for evaluate()'s `vex` input. */
  statements: VexStatement[];
  /** Attestations not applied, with the reason (signature, trust, or a malformed predicate). */
  ignored: IgnoredAttestation[];
}

/**
 * The OpenVEX attestations attached to `digest` whose signature verifies with `trust`. Following
 * the OpenVEX attestation rules, statements without products are about the attestation's
 * subject (the image). A verified attestation whose predicate is not valid OpenVEX is ignored
 * with the reason: data from a registry never stops the run.
 */
export async function readVexAttestations(
  repo: Repository,
  digest: string,
  trust: AttestationTrust,
): Promise<ReadVexResult> {
  const { verified, ignored } = await readAttestations(repo, digest, trust, OPENVEX_PREDICATE_TYPES);
  const attestations: VexAttestation[] = [];
  const statements: VexStatement[] = [];
  const out: IgnoredAttestation[] = [...ignored];
  for (const a of verified) {
    const name = `attestation ${a.digest}`;
    const predicate = a.statement.predicate;
    let document: VexDocument;
    try {
      document = parseVexValue(predicate, JSON.stringify(predicate, null, 2), name);
    } catch (e) {
      out.push({
        digest: a.digest,
        reason: `signed, but not valid VEX: ${cleanText(e instanceof GateError ? e.message : String(e))}`,
      });
      continue;
    }
    const signer = a.identity;
    for (const st of document.statements) {
      st.source = { ...st.source, ...(signer !== null ? { signer } : {}) };
      if (st.products.length === 0) st.products = [{ ids: [digest], subcomponents: [] }];
      statements.push(st);
    }
    attestations.push({ digest: a.digest, signer, issuer: a.issuer, document });
  }
  return { attestations, statements, ignored: out };
}
