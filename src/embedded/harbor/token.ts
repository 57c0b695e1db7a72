/**
 * The token service's keys and JWTs, as Harbor core issues them for its distribution registry:
 * RS256, the signing certificate in the header's x5c, claims iss/aud/sub/exp/nbf/iat/jti/access.
 *
 * The certificate is self-signed and built here with a small DER encoder over node:crypto: the
 * demo must run where no openssl binary exists, and this avoids a runtime dependency for about
 * sixty lines of ASN.1 (node:crypto can sign and parse certificates, but not create them).
 */
import crypto from 'node:crypto';

// ---------------------------------------------------------------- DER

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), len(body.length), body]);
}

const seq = (...c: Buffer[]): Buffer => tlv(0x30, ...c);

function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out: number[] = [40 * (parts[0] ?? 0) + (parts[1] ?? 0)];
  for (const p of parts.slice(2)) {
    const groups: number[] = [];
    for (let v = p; ; v = Math.floor(v / 128)) {
      groups.unshift(v % 128);
      if (v < 128) break;
    }
    groups.forEach((g, i) => out.push(i < groups.length - 1 ? g | 0x80 : g));
  }
  return tlv(0x06, Buffer.from(out));
}

function integer(bytes: Buffer): Buffer {
  const b = (bytes[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes;
  return tlv(0x02, b);
}

function utcTime(d: Date): Buffer {
  const p = (n: number): string => String(n).padStart(2, '0');
  const s =
    p(d.getUTCFullYear() % 100) +
    p(d.getUTCMonth() + 1) +
    p(d.getUTCDate()) +
    p(d.getUTCHours()) +
    p(d.getUTCMinutes()) +
    p(d.getUTCSeconds()) +
    'Z';
  return tlv(0x17, Buffer.from(s, 'ascii'));
}

function name(cn: string): Buffer {
  return seq(tlv(0x31, seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from(cn, 'utf8')))));
}

const SHA256_WITH_RSA = seq(oid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00]));

export interface SigningIdentity {
  privateKey: crypto.KeyObject;
  publicKey: crypto.KeyObject;
  /** The self-signed certificate, DER. */
  certDer: Buffer;
  /** The same, PEM: the registry's `auth.token.rootcertbundle`. */
  certPem: string;
}

/** An RSA key and a self-signed CA certificate for it (valid from an hour ago for ten years). */
export function createSigningIdentity(commonName = 'harbor-token-ca'): SigningIdentity {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const now = Date.now();
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const basicConstraints = seq(
    oid('2.5.29.19'),
    tlv(0x01, Buffer.from([0xff])),
    tlv(0x04, seq(tlv(0x01, Buffer.from([0xff])))),
  );
  // keyUsage: digitalSignature (bit 0) and keyCertSign (bit 5): 0b10000100, 2 unused bits.
  const keyUsage = seq(
    oid('2.5.29.15'),
    tlv(0x01, Buffer.from([0xff])),
    tlv(0x04, tlv(0x03, Buffer.from([0x02, 0x84]))),
  );
  const tbs = seq(
    tlv(0xa0, integer(Buffer.from([2]))),
    integer(crypto.randomBytes(16)),
    SHA256_WITH_RSA,
    name(commonName),
    seq(utcTime(new Date(now - 3_600_000)), utcTime(new Date(now + 10 * 365 * 86_400_000))),
    name(commonName),
    spki,
    tlv(0xa3, seq(basicConstraints, keyUsage)),
  );
  const signature = crypto.sign('sha256', tbs, privateKey);
  const certDer = seq(tbs, SHA256_WITH_RSA, tlv(0x03, Buffer.from([0]), signature));
  const b64 = certDer
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return {
    privateKey,
    publicKey,
    certDer,
    certPem: `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`,
  };
}

// ---------------------------------------------------------------- JWT

export interface Access {
  type: string;
  name: string;
  actions: string[];
}

export interface TokenClaims {
  iss: string;
  sub: string;
  aud: string;
  exp: number;
  nbf: number;
  iat: number;
  jti: string;
  access: Access[];
}

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

export function signToken(id: SigningIdentity, claims: TokenClaims): string {
  const header = { typ: 'JWT', alg: 'RS256', x5c: [id.certDer.toString('base64')] };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const sig = crypto.sign('sha256', Buffer.from(input), id.privateKey);
  return `${input}.${b64url(sig)}`;
}

/** Verify a token this service issued; undefined when the signature, audience or times are wrong. */
export function verifyToken(
  id: SigningIdentity,
  token: string,
  audience: string,
  nowSec: number,
): TokenClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [h, p, s] = parts as [string, string, string];
  try {
    const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as { alg?: unknown };
    if (header.alg !== 'RS256') return undefined;
    if (!crypto.verify('sha256', Buffer.from(`${h}.${p}`), id.publicKey, Buffer.from(s, 'base64url')))
      return undefined;
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as TokenClaims;
    if (claims.aud !== audience || typeof claims.exp !== 'number' || claims.exp <= nowSec) return undefined;
    if (typeof claims.nbf === 'number' && claims.nbf > nowSec + 60) return undefined;
    if (!Array.isArray(claims.access)) return undefined;
    return claims;
  } catch {
    return undefined;
  }
}

/** Parse `repository:proj/app:pull,push` (the name may contain ':' only before the last one). */
export function parseScope(scope: string): Access | undefined {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first <= 0 || last <= first) return undefined;
  const actions = scope
    .slice(last + 1)
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  return { type: scope.slice(0, first), name: scope.slice(first + 1, last), actions };
}
