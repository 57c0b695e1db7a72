/**
 * What went wrong on the network, in words: a certificate that does not verify (a trust problem,
 * never retried or bypassed) and the failures people meet most (refused, unknown host).
 */
import { hostPort } from './url.js';

/** OpenSSL's verification failures, as Node reports them: a trust problem, not a network one. */
const TLS_CERT_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** The certificate error code in an error's cause chain, if any. */
export function tlsCertificateError(e: unknown): string | undefined {
  for (let cur = e, depth = 0; typeof cur === 'object' && cur !== null && depth < 5; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && TLS_CERT_CODES.has(code)) return code;
    // Libraries with their own HTTP (sigstore-js) keep only the message of the TLS error.
    const message = (cur as { message?: unknown }).message;
    if (typeof message === 'string') {
      for (const c of TLS_CERT_CODES) if (message.includes(c)) return c;
    }
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * A TLS handshake answered by a plain-HTTP server: OpenSSL reads "HTTP/1.1 400" as a TLS record
 * ("wrong version number", or "packet length too long", "http request"), Node reports EPROTO.
 */
export function answersPlainHttp(e: unknown): boolean {
  for (let cur = e, depth = 0; typeof cur === 'object' && cur !== null && depth < 5; depth++) {
    const { code, message } = cur as { code?: unknown; message?: unknown };
    if (
      typeof code === 'string' &&
      /^ERR_SSL_(WRONG_VERSION_NUMBER|HTTP_REQUEST|PACKET_LENGTH_TOO_LONG)$/.test(code)
    )
      return true;
    if (
      typeof message === 'string' &&
      /wrong[ _]version[ _]number|packet[ _]length[ _]too[ _]long|ssl3_get_record:http request|:http request:/i.test(
        message,
      )
    )
      return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}

/** Retries after a refused connection or a temporary DNS failure, each at most this long apart. */
export const FAST_FAIL_RETRIES = 2;
export const FAST_FAIL_MAX_DELAY_MS = 600;

/** The network error code (ECONNREFUSED, ENOTFOUND...) of an error, its causes or its parts. */
export function networkErrorCode(e: unknown, depth = 0): string | undefined {
  if (typeof e !== 'object' || e === null || depth > 4) return undefined;
  const err = e as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof err.code === 'string' && /^E[A-Z_]+$/.test(err.code) && err.code !== 'ERR_BAD_RESPONSE')
    return err.code;
  if (Array.isArray(err.errors)) {
    for (const part of err.errors as unknown[]) {
      const code = networkErrorCode(part, depth + 1);
      if (code !== undefined) return code;
    }
  }
  return err.cause !== undefined && err.cause !== e ? networkErrorCode(err.cause, depth + 1) : undefined;
}

/** One clear sentence and remedy for the network failures people meet most: down, wrong port, typo. */
export function diagnoseNetworkError(
  url: string,
  code: string | undefined,
  attempts: number,
): { message: string; remedy: string } | undefined {
  const hp = hostPort(url);
  const tries = `${attempts} attempt${attempts === 1 ? '' : 's'}`;
  if (code === 'ECONNREFUSED') {
    return {
      message: `connection refused by ${hp} (${tries}): is the registry/Harbor running and is the port right?`,
      remedy: `Check that the service is up and listening on ${hp}, and the host and port in the image reference or --harbor-url (Harbor serves HTTPS on 443 unless configured otherwise; a plain registry often listens on 5000).`,
    };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    let host = hp;
    try {
      host = new URL(url).hostname;
    } catch {
      // keep host:port
    }
    return {
      message: `cannot resolve the host name ${host} (${code === 'EAI_AGAIN' ? 'DNS did not answer' : 'no such host'}, ${tries})`,
      remedy:
        "Check the spelling of the host in the image reference or --harbor-url and this machine's DNS; behind a proxy, check HTTPS_PROXY/NO_PROXY.",
    };
  }
  return undefined;
}
