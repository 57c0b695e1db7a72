/**
 * The keyless identity a bundle was signed with: the certificate's subject alternative name and
 * the Fulcio issuer extension, read the way @sigstore/verify reads them. Used on bundles this run
 * made itself, to know whose signatures count for --require-signature.
 */
import { X509Certificate } from '@sigstore/core';
import type { SerializedBundle } from '@sigstore/bundle';

const OID_FULCIO_ISSUER_V1 = '1.3.6.1.4.1.57264.1.1';
const OID_FULCIO_ISSUER_V2 = '1.3.6.1.4.1.57264.1.8';

export interface SignerIdentity {
  identity: string;
  issuer: string;
}

export function bundleSigner(bundle: SerializedBundle): SignerIdentity | undefined {
  const vm = bundle.verificationMaterial as {
    certificate?: { rawBytes: string };
    x509CertificateChain?: { certificates: { rawBytes: string }[] };
  };
  const raw = vm.certificate?.rawBytes ?? vm.x509CertificateChain?.certificates[0]?.rawBytes;
  if (!raw) return undefined;
  return certificateSigner(Buffer.from(raw, 'base64'));
}

/**
 * The identity and issuer a certificate (DER) names, unverified: enough to tell whose a layer
 * claims to be, never to trust it.
 */
export function certificateSigner(der: Buffer): SignerIdentity | undefined {
  try {
    const cert = X509Certificate.parse(Buffer.from(der));
    const v2 = cert.extension(OID_FULCIO_ISSUER_V2);
    const issuer = v2
      ? v2.valueObj.subs[0]?.value.toString('ascii')
      : cert.extension(OID_FULCIO_ISSUER_V1)?.value.toString('ascii');
    const identity = cert.subjectAltName;
    return identity && issuer ? { identity, issuer } : undefined;
  } catch {
    return undefined;
  }
}

/** The source a keyless certificate names: what Fulcio copied from the signing token's claims. */
export interface CertificateSource {
  /** Source Repository URI, e.g. https://github.com/acme/app (OID 1.3.6.1.4.1.57264.1.12). */
  repository?: string;
  /** Source Repository Ref, e.g. refs/heads/main (1.3.6.1.4.1.57264.1.14). */
  ref?: string;
  /** Source Repository Digest: the commit (1.3.6.1.4.1.57264.1.13). */
  commit?: string;
}

const OID_SOURCE_REPOSITORY_URI = '1.3.6.1.4.1.57264.1.12';
const OID_SOURCE_REPOSITORY_DIGEST = '1.3.6.1.4.1.57264.1.13';
const OID_SOURCE_REPOSITORY_REF = '1.3.6.1.4.1.57264.1.14';

/**
 * The source extensions of a certificate (DER), each when present. Read from a certificate that
 * verified, they say which repository, ref and commit the signing job was given by its CI.
 */
export function certificateSource(der: Buffer): CertificateSource {
  try {
    const cert = X509Certificate.parse(Buffer.from(der));
    const read = (oid: string): string | undefined =>
      cert.extension(oid)?.valueObj.subs[0]?.value.toString('utf8');
    const repository = read(OID_SOURCE_REPOSITORY_URI);
    const ref = read(OID_SOURCE_REPOSITORY_REF);
    const commit = read(OID_SOURCE_REPOSITORY_DIGEST);
    return {
      ...(repository !== undefined ? { repository } : {}),
      ...(ref !== undefined ? { ref } : {}),
      ...(commit !== undefined ? { commit } : {}),
    };
  } catch {
    return {};
  }
}
