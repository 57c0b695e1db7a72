/**
 * SLSA build provenance as signed attestations on an image (gate --provenance, the provenance
 * command), and its check at deploy (verify --require-provenance). The predicates are built in
 * provenance.ts; this module signs them with the same signer as the signature and reads them back
 * with the same trust.
 */
import { cleanText, type CiKind } from '../core/index.js';
import type { Logger } from '../logger.js';
import type { Repository } from '../oci/index.js';
import { readAttestations, type AttestationTrust, type IgnoredAttestation } from './attestations.js';
import { attestStatement } from './attest.js';
import type { CertificateSource } from './identity.js';
import { BUNDLE_MEDIA_TYPE, DSSE_ENVELOPE_MEDIA_TYPE, type SignatureFormat } from './formats.js';
import { signingSubjects, type ReferrerWritten } from './image.js';
import {
  SLSA_PROVENANCE_V1,
  provenanceFacts,
  provenancePredicate,
  tokenClaims,
  type ProvenanceFacts,
  type ProvenanceSource,
  type SlsaProvenance,
} from './provenance.js';
import { SigningSession, type SigningOptions } from './signer.js';
import { buildStatement } from './statement.js';

/** A predicate ready to sign, and the session (and so the token) it was built for. */
export interface PreparedProvenance {
  ci: CiKind;
  source: ProvenanceSource;
  predicate: SlsaProvenance;
  facts: ProvenanceFacts;
  session: SigningSession;
  /** The signing key (key-signed), whose holder owns its legacy `.att` layers. */
  key?: SigningOptions['key'];
}

/**
 * Build this job's provenance for signing with `opts`: keyless from the claims of the very token
 * the session signs with, key-signed from the CI's variables. Throws PROVENANCE_* (exit 2) when the
 * CI did not set a value; call it before anything is pushed.
 */
export async function prepareProvenance(ci: CiKind, opts: SigningOptions): Promise<PreparedProvenance> {
  const session = new SigningSession(opts);
  const token = await session.identityToken();
  const predicate = provenancePredicate(ci, {
    env: opts.env ?? process.env,
    ...(token !== undefined ? { claims: tokenClaims(token) } : {}),
  });
  const read = provenanceFacts(predicate);
  if (!('facts' in read)) throw new Error(`built provenance is unreadable: ${read.reason}`);
  return {
    ci,
    source: token !== undefined ? 'oidc-token' : 'environment',
    predicate,
    facts: read.facts,
    session,
  };
}

/** A provenance attestation written (one per subject and format). */
export type ProvenanceRecord = ReferrerWritten;

/**
 * Attach the prepared provenance to `digest` (and with `recursive` to each platform manifest), in
 * the formats asked for (a bundle referrer, the legacy `.att` tag, or both, as cosign attest
 * writes them), signed in the session it was prepared with.
 */
export async function attestProvenance(
  repo: Repository,
  digest: string,
  prepared: PreparedProvenance,
  opts: {
    format: SignatureFormat;
    recursive: boolean;
    created?: Date;
    logger?: Logger;
    certificateChainPem?: string;
  },
): Promise<ProvenanceRecord[]> {
  const subjects = await signingSubjects(repo, digest, opts.recursive);
  const out: ProvenanceRecord[] = [];
  for (const subject of subjects) {
    const statement = buildStatement({
      digest: subject.digest,
      predicateType: SLSA_PROVENANCE_V1,
      predicate: prepared.predicate,
      name: `${repo.registry}/${repo.name}`,
    });
    const res = await attestStatement(repo, statement, {
      session: prepared.session,
      format: opts.format,
      ...(opts.created ? { created: opts.created } : {}),
      ...(opts.logger ? { logger: opts.logger } : {}),
      ...(opts.certificateChainPem ? { certificateChainPem: opts.certificateChainPem } : {}),
      ...(prepared.key ? { key: prepared.key } : {}),
    });
    if (opts.format !== 'legacy') {
      out.push({
        subject: subject.digest,
        digest: res.digest,
        format: 'bundle',
        artifactType: BUNDLE_MEDIA_TYPE,
        referrersApi: res.referrersApi,
      });
    }
    if (res.legacy) {
      out.push({
        subject: subject.digest,
        digest: res.legacy.digest,
        format: 'legacy',
        artifactType: DSSE_ENVELOPE_MEDIA_TYPE,
        tag: res.legacy.tag,
      });
    }
  }
  return out;
}

/** What verify --require-provenance decided. */
export interface ProvenanceCheck {
  ok: boolean;
  /** Why it passed or failed, naming what differed. */
  reason: string;
  /** The facts of the deciding attestation (the matching one, else the first that verified). */
  facts?: ProvenanceFacts;
  attestation?: { digest: string; signer: string | null };
  ignored: IgnoredAttestation[];
}

export interface ProvenanceExpectation {
  builderId: string;
  sourceRepo: string;
  sourceRef?: string;
}

function differences(f: ProvenanceFacts, expect: ProvenanceExpectation): string[] {
  const out: string[] = [];
  if (f.builderId !== expect.builderId)
    out.push(`builder id is ${cleanText(f.builderId, 300)}, not ${expect.builderId}`);
  if (f.sourceRepo !== expect.sourceRepo)
    out.push(`source repository is ${cleanText(f.sourceRepo, 300)}, not ${expect.sourceRepo}`);
  if (expect.sourceRef !== undefined && f.sourceRef !== expect.sourceRef)
    out.push(`source ref is ${cleanText(f.sourceRef, 300)}, not ${expect.sourceRef}`);
  return out;
}

/**
 * Keyless: where the statement's source differs from the one its certificate names. Fulcio copies
 * the signing job's repository, ref and commit from its OIDC token into the certificate; a
 * statement claiming another source was not made from that job's facts. A ref is compared in its
 * full form (refs/...) only.
 */
function certificateDifferences(f: ProvenanceFacts, cert: CertificateSource | undefined): string[] {
  if (!cert) return [];
  const out: string[] = [];
  if (cert.repository !== undefined && f.sourceRepo !== cert.repository)
    out.push(
      `source repository ${cleanText(f.sourceRepo, 300)} is not the certificate’s ${cleanText(cert.repository, 300)}`,
    );
  if (cert.ref?.startsWith('refs/') && f.sourceRef !== cert.ref)
    out.push(
      `source ref ${cleanText(f.sourceRef, 200)} is not the certificate’s ${cleanText(cert.ref, 200)}`,
    );
  if (cert.commit !== undefined && f.commit !== cert.commit)
    out.push(`commit ${cleanText(f.commit, 80)} is not the certificate’s ${cleanText(cert.commit, 80)}`);
  return out;
}

/**
 * `verify --require-provenance`: a SLSA v1 provenance attestation about `digest` that verifies with
 * `trust` and names exactly the expected builder and source repository (and ref, when given).
 */
export async function verifyProvenance(
  repo: Repository,
  digest: string,
  trust: AttestationTrust,
  expect: ProvenanceExpectation,
): Promise<ProvenanceCheck> {
  const { verified, ignored } = await readAttestations(repo, digest, trust, [SLSA_PROVENANCE_V1]);
  const out: IgnoredAttestation[] = [...ignored];
  let first: { facts: ProvenanceFacts; digest: string; signer: string | null; diff: string[] } | undefined;
  for (const a of verified) {
    const read = provenanceFacts(a.statement.predicate);
    if (!('facts' in read)) {
      out.push({ digest: a.digest, reason: `signed, but ${read.reason}` });
      continue;
    }
    const lies = certificateDifferences(read.facts, a.certificateSource);
    if (lies.length > 0) {
      out.push({ digest: a.digest, reason: `signed, but ${lies.join('; ')}` });
      continue;
    }
    const diff = differences(read.facts, expect);
    const found = { facts: read.facts, digest: a.digest, signer: a.identity, diff };
    if (diff.length === 0) {
      return {
        ok: true,
        reason: `provenance ${a.digest}: built by ${cleanText(read.facts.builderId, 300)} from ${cleanText(read.facts.sourceRepo, 300)}@${cleanText(read.facts.sourceRef, 200)} (commit ${cleanText(read.facts.commit, 80)})`,
        facts: read.facts,
        attestation: { digest: a.digest, signer: a.identity },
        ignored: out,
      };
    }
    first ??= found;
  }
  if (first) {
    const others =
      verified.length > 1 ? ` (${verified.length} provenance attestations verify; none matches)` : '';
    return {
      ok: false,
      reason: `the provenance of ${digest} does not match: ${first.diff.join('; ')}${others}`,
      facts: first.facts,
      attestation: { digest: first.digest, signer: first.signer },
      ignored: out,
    };
  }
  const why =
    out.length > 0
      ? `; ignored: ${out
          .slice(0, 5)
          .map((i) => `${i.digest}: ${i.reason}`)
          .join('; ')}`
      : '';
  return {
    ok: false,
    reason: `no SLSA provenance attestation of ${digest} verifies with the given trust${why}`,
    ignored: out,
  };
}
