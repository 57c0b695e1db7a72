/**
 * Verifying one signature (a bundle's bytes, or a legacy layer) against a policy: the
 * cryptography and the trust chain through @sigstore/verify, then what that library leaves to
 * the caller and cosign checks (DSSE payload type, in-toto subject digest, predicate type, the
 * simple-signing digest), then the expected identity. Every rejection has a reason.
 */
import crypto from 'node:crypto';
import { bundleFromJSON, type Bundle } from '@sigstore/bundle';
import {
  PolicyError,
  VerificationError,
  Verifier,
  toSignedEntity,
  toTrustMaterial,
  type SignedEntity,
} from '@sigstore/verify';
import type { TrustedRoot } from '@sigstore/protobuf-specs';
import { cleanText } from '../core/index.js';
import { describe, inputError } from '../errors.js';
import { bundleFromLegacyLayer, parseDsseEnvelope, type LegacyLayer } from './formats.js';
import { certificateSource, type CertificateSource } from './identity.js';
import { loadPublicKey, publicKeyHint } from './keys.js';
import { checkSimpleSigning, checkStatement, type InTotoStatement } from './statement.js';

export interface IdentityPolicy {
  /** Exact certificate identity (SAN). */
  identity?: string;
  /** Certificate identity as a regular expression, anchored at both ends. */
  identityRegexp?: string;
  /** Exact OIDC issuer. */
  issuer?: string;
}

export interface SignatureVerdict {
  ok: boolean;
  /** Why it was accepted ("verified") or rejected. */
  reason: string;
  /** Certificate SAN, or `key:<sha256 hint>` for key-based signatures; null when unknown. */
  identity: string | null;
  issuer: string | null;
  predicateType: string | null;
  statement?: InTotoStatement;
  /**
   * The times (epoch ms) @sigstore/verify itself verified for this signature, earliest first: a
   * transparency-log integratedTime whose signed entry timestamp (inclusion promise) checked, or an
   * RFC 3161 timestamp that checked against a trusted TSA. An integratedTime with only an inclusion
   * proof is not covered by any signature and never appears here. Empty when nothing was checked.
   */
  verifiedTimes?: number[];
  /** Keyless: the source the verified certificate names (Fulcio's extensions), when it names one. */
  certificateSource?: CertificateSource;
}

/** Escape a string for use inside a RegExp. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * The verifier for one run: trust material, thresholds and the identity policy. Keyless needs a
 * trusted root, an identity and an issuer; key-based needs the public key (a trusted root, when
 * given, also lets tlog entries and timestamps be checked).
 */
export class SignatureVerifier {
  private readonly verifier: Verifier;
  /** The same trust material, needing exactly one timestamp: asks the library whether one counts. */
  private readonly timeVerifier: Verifier;
  private readonly key: crypto.KeyObject | undefined;
  private readonly keyHint: string;
  private readonly identityRe: RegExp | undefined;
  private readonly policy: IdentityPolicy;
  private readonly checkTimestamps: boolean;

  constructor(
    opts: { trustedRoot?: TrustedRoot; key?: crypto.KeyObject | string | Buffer } & IdentityPolicy,
  ) {
    this.policy = opts;
    if (opts.key !== undefined) {
      const key = loadPublicKey(opts.key);
      this.key = key;
      this.keyHint = publicKeyHint(key);
      this.checkTimestamps = opts.trustedRoot !== undefined;
      const tm = toTrustMaterial(opts.trustedRoot ?? emptyRoot(), () => ({
        publicKey: key,
        validFor: () => true,
      }));
      this.verifier = new Verifier(tm, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 });
      this.timeVerifier = new Verifier(tm, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 1 });
    } else {
      if (!opts.trustedRoot) throw new TypeError('keyless verification needs a trusted root');
      if (!opts.identity && !opts.identityRegexp) {
        throw inputError(
          'VERIFY_NO_IDENTITY',
          'keyless verification needs the expected signer identity',
          'Give --certificate-identity (or --certificate-identity-regexp) and --certificate-oidc-issuer, or --key for key-based signatures.',
        );
      }
      if (!opts.issuer) {
        throw inputError(
          'VERIFY_NO_IDENTITY',
          'keyless verification needs the expected OIDC issuer',
          'Give --certificate-oidc-issuer, e.g. https://token.actions.githubusercontent.com.',
        );
      }
      this.keyHint = '';
      this.checkTimestamps = true;
      const tm = toTrustMaterial(opts.trustedRoot);
      this.verifier = new Verifier(tm, { tlogThreshold: 1, ctlogThreshold: 1, timestampThreshold: 1 });
      this.timeVerifier = new Verifier(tm, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 1 });
    }
    if (opts.identityRegexp !== undefined) {
      try {
        this.identityRe = new RegExp(`^(?:${opts.identityRegexp})$`);
      } catch (e) {
        throw inputError(
          'VERIFY_BAD_REGEXP',
          `--certificate-identity-regexp is not a valid regular expression: ${describe(e)}`,
          'Fix the expression (JavaScript syntax; it is anchored at both ends).',
          e,
        );
      }
    } else if (opts.identity !== undefined) {
      this.identityRe = new RegExp(`^${escapeRegExp(opts.identity)}$`);
    }
  }

  /**
   * A v0.3 DSSE bundle (referrer layer bytes) about `digest`. Never throws: whatever the bytes
   * hold, the answer is a verdict with a reason (fails closed), its text cleaned for logs.
   */
  verifyBundle(bytes: Buffer, digest: string, predicateTypes?: readonly string[]): SignatureVerdict {
    return guarded(() => this.checkBundle(bytes, digest, predicateTypes));
  }

  /** A legacy `.sig` layer (simple-signing payload plus annotations) about `digest`. Never throws. */
  verifyLegacy(layer: LegacyLayer, digest: string): SignatureVerdict {
    return guarded(() => this.checkLegacy(layer, digest));
  }

  /**
   * A legacy `.att` layer (the DSSE envelope's bytes plus cosign's annotations) about `digest`,
   * with the same checks as a bundle's. Never throws.
   */
  verifyLegacyAttestation(
    layer: LegacyLayer,
    digest: string,
    predicateTypes?: readonly string[],
  ): SignatureVerdict {
    return guarded(() => this.checkLegacyAttestation(layer, digest, predicateTypes));
  }

  private checkLegacyAttestation(
    layer: LegacyLayer,
    digest: string,
    predicateTypes?: readonly string[],
  ): SignatureVerdict {
    const env = parseDsseEnvelope(layer.payload);
    if (typeof env === 'string') return reject(env);
    let bundle: Bundle;
    try {
      bundle = bundleFromJSON(bundleFromLegacyLayer(layer, this.keyHint || 'legacy', env));
    } catch (e) {
      return reject(`the legacy attestation layer is malformed: ${describe(e)}`);
    }
    return this.judgeDsse(bundle, digest, predicateTypes);
  }

  private checkBundle(bytes: Buffer, digest: string, predicateTypes?: readonly string[]): SignatureVerdict {
    let bundle: Bundle;
    try {
      bundle = bundleFromJSON(JSON.parse(bytes.toString('utf8')));
    } catch (e) {
      return reject(`not a valid Sigstore bundle: ${describe(e)}`);
    }
    return this.judgeDsse(bundle, digest, predicateTypes);
  }

  /** The signature, then the statement cosign checks: payload type, subject digest, predicate type. */
  private judgeDsse(bundle: Bundle, digest: string, predicateTypes?: readonly string[]): SignatureVerdict {
    if (bundle.content.$case !== 'dsseEnvelope') {
      return reject('the bundle does not contain a DSSE envelope (cosign requires one for images)');
    }
    const env = bundle.content.dsseEnvelope;
    const crypto = this.runVerifier(bundle, undefined);
    // The statement checks run even when the signature failed, so the reason is the most useful.
    const st = checkStatement(env.payloadType, env.payload, { digest, predicateTypes });
    if (!crypto.ok) return { ...crypto, predicateType: st.ok ? st.statement.predicateType : null };
    if (!st.ok) return { ...crypto, ok: false, reason: st.reason, predicateType: null };
    return { ...crypto, predicateType: st.statement.predicateType, statement: st.statement };
  }

  private checkLegacy(layer: LegacyLayer, digest: string): SignatureVerdict {
    let bundle: Bundle;
    try {
      bundle = bundleFromJSON(bundleFromLegacyLayer(layer, this.keyHint || 'legacy'));
    } catch (e) {
      return reject(`the legacy signature layer is malformed: ${describe(e)}`);
    }
    const res = this.runVerifier(bundle, layer.payload);
    if (!res.ok) return res;
    const claim = checkSimpleSigning(layer.payload, digest);
    if (!claim.ok) return { ...res, ok: false, reason: claim.reason };
    return res;
  }

  private runVerifier(bundle: Bundle, artifact: Buffer | undefined): SignatureVerdict {
    const vm = bundle.verificationMaterial.content;
    const hasCert = vm.$case === 'x509CertificateChain' || vm.$case === 'certificate';
    if (this.key && hasCert) {
      return reject('signed with a certificate (keyless), but a public key was given to verify with');
    }
    if (!this.key && !hasCert) {
      return reject('signed with a key, but keyless verification (identity and issuer) was asked for');
    }
    let entity;
    try {
      entity = toSignedEntity(bundle, artifact);
    } catch (e) {
      return reject(`the bundle cannot be verified: ${describe(e)}`);
    }
    if (!this.checkTimestamps) {
      // Key-based without a trusted root: nothing to check tlog entries and timestamps against
      // (cosign's --insecure-ignore-tlog); the signature is still verified with the key.
      entity = { ...entity, tlogEntries: [], timestamps: [] };
    }
    let signer;
    try {
      signer = this.verifier.verify(entity);
    } catch (e) {
      return reject(verificationReason(e));
    }
    const verifiedTimes = this.verifiedTimes(entity);
    if (this.key) {
      return {
        ok: true,
        reason: 'verified',
        identity: `key:${this.keyHint}`,
        issuer: null,
        predicateType: null,
        verifiedTimes,
      };
    }
    const san = signer.identity?.subjectAlternativeName ?? null;
    const issuer = signer.identity?.extensions?.issuer ?? null;
    const leaf =
      vm.$case === 'x509CertificateChain'
        ? vm.x509CertificateChain.certificates[0]?.rawBytes
        : vm.$case === 'certificate'
          ? vm.certificate.rawBytes
          : undefined;
    const source = leaf ? certificateSource(leaf) : {};
    const base = {
      identity: san,
      issuer,
      predicateType: null,
      verifiedTimes,
      ...(Object.keys(source).length > 0 ? { certificateSource: source } : {}),
    };
    if (this.identityRe && (san === null || !this.identityRe.test(san))) {
      const expected = this.policy.identityRegexp ?? this.policy.identity ?? '';
      return {
        ...base,
        ok: false,
        reason: `identity ${san ?? '(none)'} does not match the expected ${expected}`,
      };
    }
    if (this.policy.issuer !== undefined && issuer !== this.policy.issuer) {
      return {
        ...base,
        ok: false,
        reason: `issuer ${issuer ?? '(none)'} is not the expected ${this.policy.issuer}`,
      };
    }
    return { ...base, ok: true, reason: 'verified' };
  }

  /**
   * Of an entity that verified, the times @sigstore/verify counts as verified timestamps, asked of
   * the library one at a time: the entity with only that timestamp (and, for a log time, only its
   * own tlog entry, so its signed entry timestamp is checked) must pass a verifier that needs
   * exactly one timestamp. The library counts a log time only with an inclusion promise whose
   * signature checks, and a TSA time only when the RFC 3161 token verifies; nothing here reads a
   * time the library did not check.
   */
  private verifiedTimes(entity: SignedEntity): number[] {
    const out: number[] = [];
    for (const t of entity.timestamps.slice(0, MAX_TIMESTAMPS)) {
      const single = {
        ...entity,
        timestamps: [t],
        tlogEntries: t.$case === 'transparency-log' ? [t.tlogEntry] : [],
      };
      try {
        this.timeVerifier.verify(single);
      } catch {
        continue;
      }
      const ms =
        t.$case === 'transparency-log'
          ? Number(t.tlogEntry.integratedTime) * 1000
          : t.timestamp.signingTime.getTime();
      if (Number.isFinite(ms)) out.push(ms);
    }
    return out.sort((a, b) => a - b);
  }
}

/** At most this many timestamps of one bundle are examined (a real bundle has one or two). */
const MAX_TIMESTAMPS = 8;

/**
 * Runs one check so that nothing escapes: an exception (a library bug, a shape nobody expected)
 * becomes a rejection with its reason, and every string that may quote the signature's content
 * (reasons, certificate identity and issuer, predicate type) is cleaned and bounded.
 */
function guarded(check: () => SignatureVerdict): SignatureVerdict {
  let v: SignatureVerdict;
  try {
    v = check();
  } catch (e) {
    v = reject(`the signature could not be checked: ${describe(e)}`);
  }
  const out: SignatureVerdict = {
    ...v,
    reason: cleanText(v.reason, 1000) || (v.ok ? 'verified' : 'rejected'),
    identity: v.identity === null ? null : cleanText(v.identity, 500),
    issuer: v.issuer === null ? null : cleanText(v.issuer, 500),
    predicateType: v.predicateType === null ? null : cleanText(v.predicateType, 500),
  };
  return out;
}

function reject(reason: string): SignatureVerdict {
  return { ok: false, reason, identity: null, issuer: null, predicateType: null };
}

/** A reason a person understands, from @sigstore/verify's error codes. */
export function verificationReason(e: unknown): string {
  if (e instanceof VerificationError || e instanceof PolicyError) {
    const msg = e.message;
    switch (e.code) {
      case 'SIGNATURE_ERROR':
        return 'the signature does not match the signed content (tampered or signed by another key)';
      case 'CERTIFICATE_ERROR':
        if (/expired|not valid|validity/i.test(msg) || /certificate chain/i.test(msg)) {
          return `the certificate is not trusted at the signing time (expired, not yet valid, or from another CA): ${msg}`;
        }
        return `certificate check failed: ${msg}`;
      case 'TIMESTAMP_ERROR':
        return `no trusted timestamp (transparency log or TSA) proves when it was signed: ${msg}`;
      case 'TLOG_ERROR':
      case 'TLOG_MISSING_INCLUSION_ERROR':
        return `transparency log check failed: ${msg}`;
      case 'TLOG_INCLUSION_PROOF_ERROR':
      case 'TLOG_INCLUSION_PROMISE_ERROR':
        return `the transparency log entry is not signed by a trusted log: ${msg}`;
      case 'TLOG_BODY_ERROR':
        return `the transparency log entry does not match the signature: ${msg}`;
      case 'PUBLIC_KEY_ERROR':
        return `public key check failed: ${msg}`;
      default:
        return `${e.code}: ${msg}`;
    }
  }
  return describe(e);
}

function emptyRoot(): TrustedRoot {
  return {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [],
    certificateAuthorities: [],
    ctlogs: [],
    timestampAuthorities: [],
  };
}
