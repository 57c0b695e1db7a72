/**
 * The storage formats cosign reads (notes/sigstore.md §1): the v3 bundle referrer and the legacy
 * `sha256-<hex>.sig` tag layout (simple-signing layers with signature/certificate/chain/Rekor
 * bundle annotations). Pure: building and parsing only, no I/O.
 */
import crypto from 'node:crypto';
import type { Bundle, SerializedBundle } from '@sigstore/bundle';
import { parsePemBlocks, toPem } from './keys.js';

export const BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
/** cosign accepts any layer whose media type starts with this. */
export const BUNDLE_MEDIA_TYPE_PREFIX = 'application/vnd.dev.sigstore.bundle';

export const Annotation = {
  BundleContent: 'dev.sigstore.bundle.content',
  BundlePredicateType: 'dev.sigstore.bundle.predicateType',
  Created: 'org.opencontainers.image.created',
  Signature: 'dev.cosignproject.cosign/signature',
  Certificate: 'dev.sigstore.cosign/certificate',
  Chain: 'dev.sigstore.cosign/chain',
  RekorBundle: 'dev.sigstore.cosign/bundle',
  Rfc3161: 'dev.sigstore.cosign/rfc3161timestamp',
  /** A legacy `.att` layer's predicate type (cosign's static.WithAnnotations). */
  PredicateType: 'predicateType',
} as const;

/** The media type of a legacy `.att` layer: the DSSE envelope itself. */
export const DSSE_ENVELOPE_MEDIA_TYPE = 'application/vnd.dsse.envelope.v1+json';

/** Where a signature or attestation is stored: the bundle referrer, the legacy tags, or both. */
export type SignatureFormat = 'bundle' | 'legacy' | 'both';

export const SIMPLE_SIGNING_MEDIA_TYPE = 'application/vnd.dev.cosign.simplesigning.v1+json';
export const OCI_CONFIG_MEDIA_TYPE = 'application/vnd.oci.image.config.v1+json';
export const OCI_MANIFEST_MEDIA_TYPE = 'application/vnd.oci.image.manifest.v1+json';

/** The annotations cosign puts on a bundle referrer manifest. */
export function bundleReferrerAnnotations(predicateType: string, created: Date): Record<string, string> {
  return {
    [Annotation.BundleContent]: 'dsse-envelope',
    [Annotation.BundlePredicateType]: predicateType,
    [Annotation.Created]: created.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}

/** `sha256:abc…` → `sha256-abc….sig`. */
export function legacySignatureTag(digest: string): string {
  return `${digest.replace(':', '-')}.sig`;
}

/** `sha256:abc…` → `sha256-abc….att` (cosign attest without the bundle format). */
export function legacyAttestationTag(digest: string): string {
  return `${digest.replace(':', '-')}.att`;
}

export function sha256Digest(b: Buffer): string {
  return `sha256:${crypto.createHash('sha256').update(b).digest('hex')}`;
}

/** cosign's Rekor bundle annotation value. */
export interface RekorBundleAnnotation {
  SignedEntryTimestamp: string;
  Payload: { body: string; integratedTime: number; logIndex: number; logID: string };
}

export interface LegacyLayer {
  payload: Buffer;
  annotations: Record<string, string>;
}

/**
 * The layer annotations for one legacy signature, from a message-signature bundle over the
 * simple-signing payload. `chainPem` fills the optional chain annotation (Fulcio returns only
 * the leaf; without a chain cosign uses its trusted root's intermediates).
 */
export function legacyAnnotationsFromBundle(bundle: Bundle, chainPem?: string): Record<string, string> {
  const content = bundle.content;
  if (content.$case !== 'messageSignature')
    throw new TypeError('legacy signatures need a message-signature bundle');
  return {
    [Annotation.Signature]: content.messageSignature.signature.toString('base64'),
    ...verificationAnnotations(bundle, chainPem),
  };
}

/**
 * The certificate, chain, Rekor bundle and RFC 3161 annotations cosign writes for a signature or
 * an attestation layer, from the bundle's verification material.
 */
function verificationAnnotations(bundle: Bundle, chainPem: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const vm = bundle.verificationMaterial;
  const leaf =
    vm.content.$case === 'x509CertificateChain'
      ? vm.content.x509CertificateChain.certificates[0]?.rawBytes
      : vm.content.$case === 'certificate'
        ? vm.content.certificate.rawBytes
        : undefined;
  if (leaf) {
    out[Annotation.Certificate] = toPem('CERTIFICATE', leaf);
    if (chainPem) out[Annotation.Chain] = chainPem;
  }
  const entry = vm.tlogEntries[0];
  if (entry?.inclusionPromise) {
    const rekor: RekorBundleAnnotation = {
      SignedEntryTimestamp: entry.inclusionPromise.signedEntryTimestamp.toString('base64'),
      Payload: {
        body: entry.canonicalizedBody.toString('base64'),
        integratedTime: Number(entry.integratedTime),
        logIndex: Number(entry.logIndex),
        logID: entry.logId.keyId.toString('hex'),
      },
    };
    out[Annotation.RekorBundle] = JSON.stringify(rekor);
  }
  const ts = vm.timestampVerificationData?.rfc3161Timestamps[0];
  if (ts) {
    out[Annotation.Rfc3161] = JSON.stringify({
      SignedRFC3161Timestamp: ts.signedTimestamp.toString('base64'),
    });
  }
  return out;
}

/** A DSSE envelope as cosign stores it in a `.att` layer (field order as the Go struct). */
export interface DsseEnvelopeJson {
  payloadType: string;
  payload: string;
  signatures: { keyid: string; sig: string }[];
}

/**
 * The legacy `.att` layer for a DSSE bundle, as `cosign attest` writes it without the bundle
 * format: the envelope JSON as the blob; the predicateType annotation, cosign's (empty)
 * signature annotation, and, when the bundle has them, the certificate, chain and Rekor bundle.
 */
export function legacyAttestationLayer(
  bundle: Bundle,
  predicateType: string,
  chainPem?: string,
): LegacyLayer {
  const content = bundle.content;
  if (content.$case !== 'dsseEnvelope') throw new TypeError('legacy attestations need a DSSE bundle');
  const env = content.dsseEnvelope;
  const json: DsseEnvelopeJson = {
    payloadType: env.payloadType,
    payload: env.payload.toString('base64'),
    signatures: env.signatures.map((s) => ({ keyid: s.keyid, sig: s.sig.toString('base64') })),
  };
  return {
    payload: Buffer.from(JSON.stringify(json)),
    annotations: {
      [Annotation.PredicateType]: predicateType,
      // cosign's static.NewAttestation: the signature lives in the envelope; the key is kept empty.
      [Annotation.Signature]: '',
      ...verificationAnnotations(bundle, chainPem),
    },
  };
}

/** A DSSE envelope from a `.att` layer's bytes, shape-checked (the bytes are anyone's), or why not. */
export function parseDsseEnvelope(bytes: Buffer): DsseEnvelopeJson | string {
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString('utf8'));
  } catch {
    return 'the attestation layer is not JSON';
  }
  const o = doc as Partial<Record<keyof DsseEnvelopeJson, unknown>> | null;
  if (typeof o !== 'object' || o === null || Array.isArray(o))
    return 'the attestation layer is not an object';
  if (typeof o.payloadType !== 'string') return 'the DSSE envelope has no payloadType';
  if (typeof o.payload !== 'string') return 'the DSSE envelope has no payload';
  if (!Array.isArray(o.signatures) || o.signatures.length === 0) return 'the DSSE envelope has no signatures';
  const signatures: DsseEnvelopeJson['signatures'] = [];
  for (const s of (o.signatures as unknown[]).slice(0, 16)) {
    const sig = (s as { sig?: unknown } | null)?.sig;
    const keyid = (s as { keyid?: unknown } | null)?.keyid;
    if (typeof sig !== 'string') return 'a DSSE signature has no sig';
    signatures.push({ keyid: typeof keyid === 'string' ? keyid : '', sig });
  }
  return { payloadType: o.payloadType, payload: o.payload, signatures };
}

/**
 * The ggcr image config cosign writes for a signatures image (Harbor records the same 233-byte
 * form for one layer). diff_ids are the layer digests (the payloads are uncompressed).
 */
export function legacyConfig(layerDigests: string[]): Buffer {
  return Buffer.from(
    JSON.stringify({
      architecture: '',
      created: '0001-01-01T00:00:00Z',
      history: layerDigests.map(() => ({ created: '0001-01-01T00:00:00Z' })),
      os: '',
      rootfs: { type: 'layers', diff_ids: layerDigests },
      config: {},
    }),
  );
}

/**
 * A serialized bundle (protobuf JSON) equivalent to a legacy layer, so the same verifier checks
 * both formats: v0.1 (inclusion promise only) with the leaf certificate or a key hint. A `.sig`
 * layer becomes a message signature over its payload; a `.att` layer (`envelope` given) a DSSE
 * envelope.
 */
export function bundleFromLegacyLayer(
  layer: LegacyLayer,
  keyHint: string,
  envelope?: DsseEnvelopeJson,
): SerializedBundle {
  const a = layer.annotations;
  const sig = a[Annotation.Signature];
  if (!envelope && !sig) throw new Error('no signature annotation');
  const certPem = a[Annotation.Certificate];
  const tlogEntries: SerializedBundle['verificationMaterial']['tlogEntries'] = [];
  const rekorJson = a[Annotation.RekorBundle];
  if (rekorJson) {
    const rb = JSON.parse(rekorJson) as RekorBundleAnnotation;
    const body = JSON.parse(Buffer.from(rb.Payload.body, 'base64').toString('utf8')) as {
      kind?: string;
      apiVersion?: string;
    };
    tlogEntries.push({
      logIndex: String(rb.Payload.logIndex),
      logId: { keyId: Buffer.from(rb.Payload.logID, 'hex').toString('base64') },
      kindVersion: { kind: body.kind ?? 'hashedrekord', version: body.apiVersion ?? '0.0.1' },
      integratedTime: String(rb.Payload.integratedTime),
      inclusionPromise: { signedEntryTimestamp: rb.SignedEntryTimestamp },
      inclusionProof: undefined,
      canonicalizedBody: rb.Payload.body,
    });
  }
  const tsJson = a[Annotation.Rfc3161];
  const rfc3161Timestamps = tsJson
    ? [{ signedTimestamp: (JSON.parse(tsJson) as { SignedRFC3161Timestamp: string }).SignedRFC3161Timestamp }]
    : [];
  const certBlock = certPem ? parsePemBlocks(certPem).find((b) => b.type === 'CERTIFICATE') : undefined;
  const verificationMaterial = {
    ...(certBlock
      ? { x509CertificateChain: { certificates: [{ rawBytes: certBlock.der.toString('base64') }] } }
      : { publicKey: { hint: keyHint } }),
    tlogEntries,
    timestampVerificationData: { rfc3161Timestamps },
  };
  if (envelope) {
    return {
      mediaType: 'application/vnd.dev.sigstore.bundle+json;version=0.1',
      verificationMaterial,
      dsseEnvelope: envelope,
    } as SerializedBundle;
  }
  return {
    mediaType: 'application/vnd.dev.sigstore.bundle+json;version=0.1',
    verificationMaterial,
    messageSignature: {
      messageDigest: {
        algorithm: 'SHA2_256',
        digest: crypto.createHash('sha256').update(layer.payload).digest('base64'),
      },
      signature: sig,
    },
  } as SerializedBundle;
}
