import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  parseVexDocument,
  parseVexValue,
  productMatchesImage,
  toOpenVex
} from "./chunk-2KY6CEFS.mjs";
import {
  OPENVEX_PREDICATE_TYPES,
  PredicateType,
  attest,
  readAttestations
} from "./chunk-FCAQMY7Y.mjs";
import {
  GateError,
  cleanText
} from "./chunk-673FP5QF.mjs";

// src/sign/vex.ts
async function attestVex(repo, digest, vex, opts) {
  const doc = parseVexDocument(vex.document, vex.name);
  let predicate;
  if (doc.format === "openvex") {
    predicate = JSON.parse(
      (typeof vex.document === "string" ? vex.document : vex.document.toString("utf8")).replace(
        /^\uFEFF/,
        ""
      )
    );
  } else {
    predicate = toOpenVex(doc, opts.created ? { now: opts.created } : {});
    opts.logger?.info(`${cleanText(vex.name)}: CycloneDX VEX converted to OpenVEX 0.2.0 for the attestation`);
  }
  const image = { digest, repository: `${repo.registry}/${repo.name}` };
  const elsewhere = doc.statements.filter(
    (st) => st.products.length > 0 && !st.products.some((p) => p.ids.some((id) => productMatchesImage(id, image)))
  );
  const warnings = [...doc.warnings];
  if (elsewhere.length > 0) {
    const lines = elsewhere.slice(0, 10).map((st) => st.line).filter((l) => l !== void 0).join(", ");
    warnings.push(
      `${cleanText(vex.name)}: ${elsewhere.length} statement(s) name no product that is this image (${digest})${lines ? ` (lines ${lines})` : ""}; they will not apply to it (docs/vex.md, matching rules)`
    );
  }
  const res = await attest(repo, digest, PredicateType.OpenVex, predicate, opts);
  return { ...res, converted: doc.format === "cyclonedx", statements: doc.statements.length, warnings };
}
async function readVexAttestations(repo, digest, trust) {
  const { verified, ignored } = await readAttestations(repo, digest, trust, OPENVEX_PREDICATE_TYPES);
  const attestations = [];
  const statements = [];
  const out = [...ignored];
  for (const a of verified) {
    const name = `attestation ${a.digest}`;
    const predicate = a.statement.predicate;
    let document;
    try {
      document = parseVexValue(predicate, JSON.stringify(predicate, null, 2), name);
    } catch (e) {
      out.push({
        digest: a.digest,
        reason: `signed, but not valid VEX: ${cleanText(e instanceof GateError ? e.message : String(e))}`
      });
      continue;
    }
    const signer = a.identity;
    for (const st of document.statements) {
      st.source = { ...st.source, ...signer !== null ? { signer } : {} };
      if (st.products.length === 0) st.products = [{ ids: [digest], subcomponents: [] }];
      statements.push(st);
    }
    attestations.push({ digest: a.digest, signer, issuer: a.issuer, document });
  }
  return { attestations, statements, ignored: out };
}

export {
  attestVex,
  readVexAttestations
};
