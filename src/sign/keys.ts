/**
 * Signing keys: cosign's encrypted key files (scrypt + NaCl secretbox around PKCS#8 DER, the
 * go-securesystemslib "encrypted" envelope), plain PKCS#8 PEM private keys, and PEM public keys.
 * Only ECDSA (P-256, P-384) and RSA are supported: cosign signs Ed25519 keys as Ed25519ph, which
 * node:crypto does not implement.
 */
import crypto from 'node:crypto';
import { secretbox } from '@noble/ciphers/salsa.js';
import { GateError, describe, inputError, isGateError } from '../errors.js';

export const COSIGN_KEY_PEM_TYPES = [
  'ENCRYPTED SIGSTORE PRIVATE KEY',
  'ENCRYPTED COSIGN PRIVATE KEY',
] as const;
export type CosignKeyPemType = (typeof COSIGN_KEY_PEM_TYPES)[number];

/** scrypt parameter sets cosign's decrypter accepts (r=8, p=1 always). */
const ALLOWED_SCRYPT_N = new Set([32768, 65536, 131072]);
/** cosign's current default ("standard") cost. */
export const DEFAULT_SCRYPT_N = 65536;

interface EncryptedEnvelope {
  kdf: { name: string; params: { N: number; r: number; p: number }; salt: string };
  cipher: { name: string; nonce: string };
  ciphertext: string;
}

export type KeyAlgorithm = 'ecdsa-p256' | 'ecdsa-p384' | 'rsa';

const PEM_RE = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

interface PemBlock {
  type: string;
  der: Buffer;
}

export function parsePemBlocks(text: string): PemBlock[] {
  const out: PemBlock[] = [];
  for (const m of text.matchAll(PEM_RE)) {
    out.push({ type: m[1]!, der: Buffer.from(m[2]!.replace(/\s+/g, ''), 'base64') });
  }
  return out;
}

export function toPem(type: string, der: Buffer): string {
  const b64 = der.toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${type}-----\n${lines.join('\n')}\n-----END ${type}-----\n`;
}

function scryptKey(password: string, salt: Buffer, N: number, r: number, p: number): Buffer {
  // node's default maxmem (32 MiB) is too small for N=65536, r=8 (64 MiB).
  return crypto.scryptSync(Buffer.from(password, 'utf8'), salt, 32, {
    N,
    r,
    p,
    maxmem: 256 * N * r + (1 << 20),
  });
}

/** The algorithm of a key, or an input error for the ones cosign-compatible signing cannot use. */
export function keyAlgorithm(key: crypto.KeyObject): KeyAlgorithm {
  if (key.asymmetricKeyType === 'rsa') return 'rsa';
  if (key.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === 'prime256v1') return 'ecdsa-p256';
    if (curve === 'secp384r1') return 'ecdsa-p384';
    throw unsupportedKey(`ECDSA curve ${curve ?? 'unknown'}`);
  }
  throw unsupportedKey(key.asymmetricKeyType ?? 'unknown');
}

function unsupportedKey(what: string): GateError {
  return inputError(
    'SIGN_KEY_UNSUPPORTED',
    `unsupported key type: ${what}`,
    'Use an ECDSA P-256 (cosign generate-key-pair default), ECDSA P-384 or RSA key; Ed25519 keys are signed as Ed25519ph by cosign and are not supported.',
  );
}

/**
 * Encrypt a private key the way `cosign generate-key-pair` does. Returns the PEM text
 * (`ENCRYPTED SIGSTORE PRIVATE KEY` unless told otherwise).
 */
export function encryptCosignKey(
  key: crypto.KeyObject,
  password: string,
  opts: { N?: number; pemType?: CosignKeyPemType } = {},
): string {
  const N = opts.N ?? DEFAULT_SCRYPT_N;
  if (!ALLOWED_SCRYPT_N.has(N))
    throw new RangeError(`scrypt N must be one of ${[...ALLOWED_SCRYPT_N].join(', ')}`);
  const der = key.export({ format: 'der', type: 'pkcs8' });
  const salt = crypto.randomBytes(32);
  const nonce = crypto.randomBytes(24);
  const box = secretbox(scryptKey(password, salt, N, 8, 1), nonce).seal(der);
  const envelope: EncryptedEnvelope = {
    kdf: { name: 'scrypt', params: { N, r: 8, p: 1 }, salt: salt.toString('base64') },
    cipher: { name: 'nacl/secretbox', nonce: nonce.toString('base64') },
    ciphertext: Buffer.from(box).toString('base64'),
  };
  return toPem(opts.pemType ?? 'ENCRYPTED SIGSTORE PRIVATE KEY', Buffer.from(JSON.stringify(envelope)));
}

/** A new key pair as cosign writes it: cosign.key (encrypted) and cosign.pub (SPKI PEM). */
export function generateCosignKeyPair(
  password: string,
  opts: { algorithm?: KeyAlgorithm; N?: number; pemType?: CosignKeyPemType } = {},
): { privateKeyPem: string; publicKeyPem: string } {
  const algorithm = opts.algorithm ?? 'ecdsa-p256';
  const { privateKey, publicKey } =
    algorithm === 'rsa'
      ? crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
      : crypto.generateKeyPairSync('ec', { namedCurve: algorithm === 'ecdsa-p384' ? 'P-384' : 'P-256' });
  return {
    privateKeyPem: encryptCosignKey(privateKey, password, opts),
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  };
}

function badKeyFile(message: string, cause?: unknown): GateError {
  return inputError(
    'SIGN_KEY_INVALID',
    message,
    'Give a cosign key file (cosign generate-key-pair) or an unencrypted PKCS#8 PEM private key.',
    cause,
  );
}

function parseEnvelope(der: Buffer): EncryptedEnvelope {
  let env: unknown;
  try {
    env = JSON.parse(der.toString('utf8'));
  } catch (e) {
    throw badKeyFile('the cosign key file does not hold the expected JSON envelope', e);
  }
  const e = env as Partial<EncryptedEnvelope> | null;
  if (
    !e ||
    typeof e.ciphertext !== 'string' ||
    typeof e.kdf?.salt !== 'string' ||
    typeof e.cipher?.nonce !== 'string'
  ) {
    throw badKeyFile('the cosign key file envelope lacks kdf, cipher or ciphertext');
  }
  if (e.kdf.name !== 'scrypt' || e.cipher.name !== 'nacl/secretbox') {
    throw badKeyFile(
      `unsupported key encryption ${e.kdf.name}/${e.cipher.name} (expected scrypt/nacl/secretbox)`,
    );
  }
  const { N, r, p } = e.kdf.params;
  if (!ALLOWED_SCRYPT_N.has(N) || r !== 8 || p !== 1) {
    throw badKeyFile(`unsupported scrypt parameters N=${N} r=${r} p=${p}`);
  }
  return e as EncryptedEnvelope;
}

/**
 * A key that did not open: says which variable was read and whether it was empty or unset, so
 * "wrong password" is said only when a password was given.
 */
function keyPasswordError(
  what: string,
  password: string | undefined,
  variable: string | undefined,
  e?: unknown,
): GateError {
  const remedy = `Set HARBOR_GATE_KEY_PASSWORD (Action: the key-password input) or COSIGN_PASSWORD to the password ${what} was generated with.`;
  if (password === undefined) {
    return inputError(
      'SIGN_KEY_PASSWORD',
      `${what} is encrypted and no password was given: HARBOR_GATE_KEY_PASSWORD and COSIGN_PASSWORD are both unset`,
      remedy,
      e,
    );
  }
  if (password === '') {
    return inputError(
      'SIGN_KEY_PASSWORD',
      `${what} is encrypted and no password was given: ${variable ?? 'the password variable'} is set but empty`,
      remedy,
      e,
    );
  }
  return inputError(
    'SIGN_KEY_PASSWORD',
    `could not decrypt ${what} with the password from ${variable ?? 'the key password'}: wrong password`,
    remedy,
    e,
  );
}

/** Decrypt a cosign key file. A wrong password is an input error that says so. */
export function decryptCosignKey(pem: string, password: string, variable?: string): crypto.KeyObject {
  const block = parsePemBlocks(pem).find((b) => (COSIGN_KEY_PEM_TYPES as readonly string[]).includes(b.type));
  if (!block) throw badKeyFile('no ENCRYPTED SIGSTORE/COSIGN PRIVATE KEY block in the key file');
  const env = parseEnvelope(block.der);
  const { N, r, p } = env.kdf.params;
  const key = scryptKey(password, Buffer.from(env.kdf.salt, 'base64'), N, r, p);
  let plain: Uint8Array;
  try {
    plain = secretbox(key, Buffer.from(env.cipher.nonce, 'base64')).open(
      Buffer.from(env.ciphertext, 'base64'),
    );
  } catch (e) {
    throw keyPasswordError('the cosign key file', password, variable, e);
  }
  try {
    return crypto.createPrivateKey({ key: Buffer.from(plain), format: 'der', type: 'pkcs8' });
  } catch (e) {
    throw badKeyFile(`the decrypted key is not PKCS#8: ${describe(e)}`, e);
  }
}

/**
 * Load a signing key from file text: a cosign key file (needs the password) or an unencrypted
 * PEM private key (PKCS#8, or SEC1/PKCS#1 which node also reads).
 */
export function loadSigningKey(
  text: string,
  password: string | undefined,
  /** The variable the password was read from, for the message when the key does not open. */
  variable?: string,
): crypto.KeyObject {
  const blocks = parsePemBlocks(text);
  let key: crypto.KeyObject;
  if (blocks.some((b) => (COSIGN_KEY_PEM_TYPES as readonly string[]).includes(b.type))) {
    // cosign keys may be made with an empty password: an unset one is tried as empty.
    try {
      key = decryptCosignKey(text, password ?? '', variable);
    } catch (e) {
      if (password === undefined && isGateError(e) && e.code === 'SIGN_KEY_PASSWORD')
        throw keyPasswordError('the cosign key file', undefined, undefined, e.cause);
      throw e;
    }
  } else if (blocks.some((b) => b.type === 'ENCRYPTED PRIVATE KEY')) {
    if (!password) throw keyPasswordError('the PKCS#8 key', password, variable);
    try {
      key = crypto.createPrivateKey({ key: text, format: 'pem', passphrase: password });
    } catch (e) {
      throw keyPasswordError('the PKCS#8 key', password, variable, e);
    }
  } else if (blocks.some((b) => b.type.endsWith('PRIVATE KEY'))) {
    try {
      key = crypto.createPrivateKey({ key: text, format: 'pem' });
    } catch (e) {
      throw badKeyFile(`the private key could not be read: ${describe(e)}`, e);
    }
  } else {
    throw badKeyFile('the key file holds no private key PEM block');
  }
  keyAlgorithm(key);
  return key;
}

/** A verification key: PEM public key (SPKI), a certificate's key, or a KeyObject as is. */
export function loadPublicKey(input: crypto.KeyObject | string | Buffer): crypto.KeyObject {
  if (input instanceof crypto.KeyObject) {
    const k = input.type === 'private' ? crypto.createPublicKey(input) : input;
    keyAlgorithm(k);
    return k;
  }
  const text = typeof input === 'string' ? input : input.toString('utf8');
  let key: crypto.KeyObject;
  try {
    key = text.includes('-----BEGIN CERTIFICATE-----')
      ? new crypto.X509Certificate(text).publicKey
      : crypto.createPublicKey(text);
  } catch (e) {
    throw inputError(
      'VERIFY_KEY_INVALID',
      `the public key could not be read: ${describe(e)}`,
      'Give the PEM public key (cosign.pub) or a PEM certificate.',
      e,
    );
  }
  keyAlgorithm(key);
  return key;
}

/** sha256 over the SPKI DER, base64: the hint sigstore-js and cosign put in publicKey bundles. */
export function publicKeyHint(key: crypto.KeyObject): string {
  const pub = key.type === 'private' ? crypto.createPublicKey(key) : key;
  return crypto
    .createHash('sha256')
    .update(pub.export({ format: 'der', type: 'spki' }))
    .digest('base64');
}
