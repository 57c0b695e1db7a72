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
