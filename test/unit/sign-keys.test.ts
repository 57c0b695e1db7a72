import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GateError } from '../../src/errors.js';
import {
  decryptCosignKey,
  encryptCosignKey,
  generateCosignKeyPair,
  loadPublicKey,
  loadSigningKey,
  parsePemBlocks,
} from '../../src/sign/keys.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/keys');

function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

describe('cosign key files', () => {
  it.each([
    ['cosign-p256.key', 'cosign-p256.pub', 'prime256v1'],
    ['cosign-p384.key', 'cosign-p384.pub', 'secp384r1'],
    ['cosign-rsa.key', 'cosign-rsa.pub', undefined],
  ])('decrypts the fixture %s with its known password and matches its public key', (key, pub, curve) => {
    const k = loadSigningKey(fixture(key), 'test-password');
    expect(k.asymmetricKeyDetails?.namedCurve).toBe(curve);
    const derived = crypto.createPublicKey(k).export({ format: 'pem', type: 'spki' }).toString();
    expect(derived).toBe(loadPublicKey(fixture(pub)).export({ format: 'pem', type: 'spki' }).toString());
  });

  it('writes the envelope cosign writes: SIGSTORE PEM type, scrypt N=65536 r=8 p=1, secretbox', () => {
    const { privateKeyPem } = generateCosignKeyPair('pw');
    const [block] = parsePemBlocks(privateKeyPem);
    expect(block?.type).toBe('ENCRYPTED SIGSTORE PRIVATE KEY');
    const env = JSON.parse(block!.der.toString('utf8'));
    expect(env.kdf).toMatchObject({ name: 'scrypt', params: { N: 65536, r: 8, p: 1 } });
    expect(Buffer.from(env.kdf.salt, 'base64')).toHaveLength(32);
    expect(env.cipher.name).toBe('nacl/secretbox');
    expect(Buffer.from(env.cipher.nonce, 'base64')).toHaveLength(24);
    // secretbox adds a 16-byte tag to the PKCS#8 DER
    const der = decryptCosignKey(privateKeyPem, 'pw').export({ format: 'der', type: 'pkcs8' });
    expect(Buffer.from(env.ciphertext, 'base64')).toHaveLength(der.length + 16);
  });

  it('reads the older ENCRYPTED COSIGN PRIVATE KEY type and N=32768 keys', () => {
    const k = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const pem = encryptCosignKey(k, '', { N: 32768, pemType: 'ENCRYPTED COSIGN PRIVATE KEY' });
    expect(pem).toContain('BEGIN ENCRYPTED COSIGN PRIVATE KEY');
    const back = loadSigningKey(pem, '');
    expect(back.export({ format: 'der', type: 'pkcs8' })).toEqual(k.export({ format: 'der', type: 'pkcs8' }));
  });

  it('says "wrong password" for a wrong password, as an input error', () => {
    let err: unknown;
    try {
      loadSigningKey(fixture('cosign-p256.key'), 'not-it');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GateError);
    expect((err as GateError).code).toBe('SIGN_KEY_PASSWORD');
    expect((err as GateError).message).toMatch(/wrong password/);
    expect((err as GateError).exitCode).toBe(2);
  });

  it('says which variable was read, and "wrong password" only when a password was given', () => {
    const message = (password: string | undefined, variable?: string): string => {
      try {
        loadSigningKey(fixture('cosign-p256.key'), password, variable);
      } catch (e) {
        expect((e as GateError).code).toBe('SIGN_KEY_PASSWORD');
        expect((e as GateError).exitCode).toBe(2);
        return (e as GateError).message;
      }
      throw new Error('the key opened');
    };
    expect(message(undefined)).toBe(
      'the cosign key file is encrypted and no password was given: HARBOR_GATE_KEY_PASSWORD and COSIGN_PASSWORD are both unset',
    );
    expect(message('', 'COSIGN_PASSWORD')).toBe(
      'the cosign key file is encrypted and no password was given: COSIGN_PASSWORD is set but empty',
    );
    expect(message('', 'HARBOR_GATE_KEY_PASSWORD')).toMatch(/HARBOR_GATE_KEY_PASSWORD is set but empty$/);
    expect(message('not-it', 'COSIGN_PASSWORD')).toBe(
      'could not decrypt the cosign key file with the password from COSIGN_PASSWORD: wrong password',
    );
    for (const m of [message(undefined), message('', 'COSIGN_PASSWORD')]) expect(m).not.toMatch(/wrong/);
    // Encrypted PKCS#8 the same way.
    const enc = crypto
      .generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'secret' })
      .toString();
    expect(() => loadSigningKey(enc, undefined)).toThrow(/both unset/);
    expect(() => loadSigningKey(enc, '', 'HARBOR_GATE_KEY_PASSWORD')).toThrow(
      /HARBOR_GATE_KEY_PASSWORD is set but empty/,
    );
  });

  it('rejects scrypt parameters cosign does not accept', () => {
    const pem = generateCosignKeyPair('pw').privateKeyPem;
    const env = JSON.parse(parsePemBlocks(pem)[0]!.der.toString('utf8'));
    env.kdf.params.N = 1024;
    const bad = `-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n${Buffer.from(JSON.stringify(env)).toString('base64')}\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n`;
    expect(() => decryptCosignKey(bad, 'pw')).toThrow(/unsupported scrypt parameters N=1024/);
  });

  it('loads plain PKCS#8 PEM and encrypted PKCS#8 with a password', () => {
    const k = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const plain = k.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(loadSigningKey(plain, undefined).asymmetricKeyType).toBe('ec');
    const enc = k
      .export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'secret' })
      .toString();
    expect(loadSigningKey(enc, 'secret').asymmetricKeyType).toBe('ec');
    expect(() => loadSigningKey(enc, 'nope')).toThrow(/wrong password/);
  });

  it('rejects Ed25519 (cosign signs it as Ed25519ph) and files without a key', () => {
    const ed = crypto
      .generateKeyPairSync('ed25519')
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString();
    expect(() => loadSigningKey(ed, undefined)).toThrow(/unsupported key type: ed25519/);
    expect(() => loadSigningKey('hello', undefined)).toThrow(/no private key/);
    expect(() => loadPublicKey('not a key')).toThrow(/public key could not be read/);
  });
});
