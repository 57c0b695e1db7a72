import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBundleLatest, bundleFromJSON, type SerializedBundle } from '@sigstore/bundle';
import { loadTrustedRoot } from '../../src/sign/trust.js';
import { loadPublicKey, loadSigningKey } from '../../src/sign/keys.js';
import { SigningSession } from '../../src/sign/signer.js';
import {
  PredicateType,
  checkStatement,
  signatureStatement,
  simpleSigningPayload,
} from '../../src/sign/statement.js';
import { SignatureVerifier } from '../../src/sign/verify.js';
import { legacyAnnotationsFromBundle } from '../../src/sign/formats.js';
import {
  DEFAULT_IDENTITY,
  rekorDsseEntry,
  startSigstoreServices,
  type SigstoreServices,
} from '../servers/sigstore.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const OTHER = `sha256:${'cd'.repeat(32)}`;
const KEYS = path.join(import.meta.dirname, '../fixtures/keys');

let svc: SigstoreServices;

beforeAll(async () => {
  svc = await startSigstoreServices();
});
afterAll(async () => {
  await svc.close();
});

function keyless(extra: { tsa?: boolean; token?: string } = {}): SigningSession {
  return new SigningSession({
    identityToken: extra.token ?? svc.token(),
    env: {},
    fulcioUrl: svc.url,
    rekorUrl: svc.url,
    ...(extra.tsa ? { tsaUrl: svc.url } : {}),
  });
}

async function keylessVerifier(
  policy: { identity?: string; identityRegexp?: string; issuer?: string } = {},
): Promise<SignatureVerifier> {
  return new SignatureVerifier({
    trustedRoot: await loadTrustedRoot({ trustedRoot: svc.trustedRootPath }),
    identity: DEFAULT_IDENTITY.subject,
    issuer: DEFAULT_IDENTITY.issuer,
    ...policy,
  });
}

function stmt(digest = DIGEST): Buffer {
  return Buffer.from(JSON.stringify(signatureStatement(digest)));
}

function bytes(b: SerializedBundle): Buffer {
  return Buffer.from(JSON.stringify(b));
}

describe('keyless DSSE bundles (cosign v3 format) against the mock Sigstore', () => {
  let signed: SerializedBundle;
  beforeAll(async () => {
    signed = await keyless({ tsa: true }).signStatement(stmt());
  });

  it('is a v0.3 bundle with a single certificate, a DSSE in-toto envelope, a tlog entry and a TSA timestamp', () => {
    expect(signed.mediaType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
    const b = bundleFromJSON(signed);
    expect(() => {
      assertBundleLatest(b);
    }).not.toThrow();
    expect(signed.verificationMaterial.certificate).toBeDefined();
    expect(signed.verificationMaterial.x509CertificateChain).toBeUndefined();
    expect(signed.verificationMaterial.tlogEntries).toHaveLength(1);
    // cosign's entry kind, stored the way Rekor stores it: hashes and the signature, no envelope.
    const entry = signed.verificationMaterial.tlogEntries[0]!;
    expect(entry.kindVersion).toEqual({ kind: 'dsse', version: '0.0.1' });
    const body = JSON.parse(Buffer.from(entry.canonicalizedBody, 'base64').toString('utf8'));
    expect(Object.keys(body.spec).sort()).toEqual(['envelopeHash', 'payloadHash', 'signatures']);
    expect(body.spec.signatures[0].signature).toBe(signed.dsseEnvelope!.signatures[0]!.sig);
    expect(signed.verificationMaterial.timestampVerificationData?.rfc3161Timestamps).toHaveLength(1);
    expect(signed.dsseEnvelope?.payloadType).toBe('application/vnd.in-toto+json');
    const st = JSON.parse(Buffer.from(signed.dsseEnvelope!.payload, 'base64').toString('utf8'));
    expect(st).toEqual({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ digest: { sha256: 'ab'.repeat(32) } }],
      predicateType: 'https://sigstore.dev/cosign/sign/v1',
      predicate: {},
    });
  });

  it("also witnesses with Rekor's intoto kind when asked, and that verifies too", async () => {
    const session = new SigningSession({
      identityToken: svc.token(),
      env: {},
      fulcioUrl: svc.url,
      rekorUrl: svc.url,
      rekorEntryType: 'intoto',
    });
    const intoto = await session.signStatement(stmt());
    expect(intoto.verificationMaterial.tlogEntries[0]!.kindVersion?.kind).toBe('intoto');
    const r = (await keylessVerifier()).verifyBundle(bytes(intoto), DIGEST, [PredicateType.CosignSign]);
    expect(r).toMatchObject({ ok: true, reason: 'verified' });
  });

  it('verifies with the exact identity and issuer, and reports them', async () => {
    const v = await keylessVerifier();
    const r = v.verifyBundle(bytes(signed), DIGEST, [PredicateType.CosignSign]);
    expect(r).toMatchObject({
      ok: true,
      reason: 'verified',
      identity: DEFAULT_IDENTITY.subject,
      issuer: DEFAULT_IDENTITY.issuer,
      predicateType: PredicateType.CosignSign,
    });
  });

  it('anchors the identity regexp at both ends', async () => {
    const ok = await keylessVerifier({ identity: undefined, identityRegexp: 'https://github\\.com/acme/.*' });
    expect(ok.verifyBundle(bytes(signed), DIGEST).ok).toBe(true);
    const partial = await keylessVerifier({ identity: undefined, identityRegexp: 'acme/app' });
    const r = partial.verifyBundle(bytes(signed), DIGEST);
    expect(r.ok).toBe(false);
    expect(r.reason).toMatch(/does not match the expected acme\/app/);
  });

  it('rejects a wrong identity, naming the identity it found', async () => {
    const v = await keylessVerifier({
      identity: 'https://github.com/evil/app/.github/workflows/x.yml@refs/heads/main',
    });
    const r = v.verifyBundle(bytes(signed), DIGEST);
    expect(r.ok).toBe(false);
    expect(r.identity).toBe(DEFAULT_IDENTITY.subject);
    expect(r.reason).toMatch(
      /^identity https:\/\/github\.com\/acme\/app.* does not match the expected https:\/\/github\.com\/evil/,
    );
  });

  it('rejects a wrong issuer', async () => {
    const v = await keylessVerifier({ issuer: 'https://gitlab.com' });
    const r = v.verifyBundle(bytes(signed), DIGEST);
    expect(r.ok).toBe(false);
    expect(r.reason).toBe(`issuer ${DEFAULT_IDENTITY.issuer} is not the expected https://gitlab.com`);
  });

  it('rejects a tampered payload', async () => {
    const tampered = structuredClone(signed);
    tampered.dsseEnvelope!.payload = Buffer.from(JSON.stringify(signatureStatement(OTHER))).toString(
      'base64',
    );
    const r = (await keylessVerifier()).verifyBundle(bytes(tampered), OTHER);
    expect(r.ok).toBe(false);
    expect(r.reason).toMatch(/transparency log entry does not match|signature does not match/);
  });

  it('rejects a valid signature made for another digest', async () => {
    const r = (await keylessVerifier()).verifyBundle(bytes(signed), OTHER);
    expect(r.ok).toBe(false);
    expect(r.reason).toBe(`the statement is about sha256:${'ab'.repeat(32)}, not ${OTHER}`);
  });

  it('rejects another predicate type when one is required (an SBOM attestation is not a signature)', async () => {
    const r = (await keylessVerifier()).verifyBundle(bytes(signed), DIGEST, [PredicateType.Spdx]);
    expect(r.ok).toBe(false);
    expect(r.reason).toMatch(
      /predicate type is https:\/\/sigstore\.dev\/cosign\/sign\/v1, expected https:\/\/spdx\.dev\/Document/,
    );
  });

  it('rejects a DSSE payload type other than in-toto (a changed type also breaks the signature)', async () => {
    const other = structuredClone(signed);
    other.dsseEnvelope!.payloadType = 'text/plain';
    const r = (await keylessVerifier()).verifyBundle(bytes(other), DIGEST);
    expect(r.ok).toBe(false);
    expect(r.reason).toMatch(/signature does not match/);
    const st = checkStatement('text/plain', stmt(), { digest: DIGEST });
    expect(st).toEqual({
      ok: false,
      reason: 'DSSE payload type is text/plain, expected application/vnd.in-toto+json',
    });
  });

  it('rejects a certificate from another CA', async () => {
    const other = await startSigstoreServices();
    try {
      const v = new SignatureVerifier({
        trustedRoot: await loadTrustedRoot({ trustedRoot: other.trustedRoot }),
        identity: DEFAULT_IDENTITY.subject,
        issuer: DEFAULT_IDENTITY.issuer,
      });
      const r = v.verifyBundle(bytes(signed), DIGEST);
      expect(r.ok).toBe(false);
      expect(r.reason).toMatch(/not trusted|transparency log|timestamp/);
    } finally {
      await other.close();
    }
  });

  it('rejects garbage and message-signature bundles', async () => {
    const v = await keylessVerifier();
    expect(v.verifyBundle(Buffer.from('{"x":1}'), DIGEST).reason).toMatch(/not a valid Sigstore bundle/);
    const msg = await keyless().signMessage(simpleSigningPayload('r/a', DIGEST));
    const { bundleToJSON } = await import('@sigstore/bundle');
    expect(v.verifyBundle(bytes(bundleToJSON(msg)), DIGEST).reason).toMatch(
      /does not contain a DSSE envelope/,
    );
  });
});

describe('an expired certificate without a timestamp inside its validity', () => {
  it('is rejected: the certificate was not valid when the log recorded the signature', async () => {
    // Fulcio's clock is 2 hours behind: its 10-minute certificate expired long before Rekor's time.
    const old = await startSigstoreServices({ caClock: new Date(Date.now() - 2 * 3600_000) });
    try {
      const session = new SigningSession({
        identityToken: old.token(),
        env: {},
        fulcioUrl: old.url,
        rekorUrl: old.url,
      });
      const signed = await session.signStatement(stmt());
      const v = new SignatureVerifier({
        trustedRoot: await loadTrustedRoot({ trustedRoot: old.trustedRoot }),
        identity: DEFAULT_IDENTITY.subject,
        issuer: DEFAULT_IDENTITY.issuer,
      });
      const r = v.verifyBundle(bytes(signed), DIGEST);
      expect(r.ok).toBe(false);
      expect(r.reason).toMatch(/certificate is not trusted at the signing time \(expired/);
    } finally {
      await old.close();
    }
  });

  it('is rejected when the bundle carries no timestamp at all', async () => {
    const signed = await keyless().signStatement(stmt());
    signed.verificationMaterial.tlogEntries = [];
    const r = (await keylessVerifier()).verifyBundle(bytes(signed), DIGEST);
    expect(r.ok).toBe(false);
    expect(r.reason).toMatch(/no trusted timestamp/);
  });
});

describe('key-based bundles', () => {
  it.each(['p256', 'p384', 'rsa'])(
    'round-trips a cosign %s key file, without a tlog entry by default',
    async (name) => {
      const key = loadSigningKey(
        fs.readFileSync(path.join(KEYS, `cosign-${name}.key`), 'utf8'),
        'test-password',
      );
      const before = svc.hits.get('/api/v1/log/entries') ?? 0;
      const signed = await new SigningSession({ key, env: {} }).signStatement(stmt());
      expect(svc.hits.get('/api/v1/log/entries') ?? 0).toBe(before);
      expect(signed.verificationMaterial.publicKey?.hint).toMatch(/^[A-Za-z0-9+/]+=*$/);
      expect(signed.verificationMaterial.tlogEntries as unknown[] | undefined).toBeFalsy();
      const pub = fs.readFileSync(path.join(KEYS, `cosign-${name}.pub`), 'utf8');
      const r = new SignatureVerifier({ key: pub }).verifyBundle(bytes(signed), DIGEST, [
        PredicateType.CosignSign,
      ]);
      expect(r).toMatchObject({ ok: true, reason: 'verified', issuer: null });
      expect(r.identity).toMatch(/^key:/);
    },
  );

  it('uploads to Rekor with --tlog-upload and then verifies the entry against the trusted root', async () => {
    const key = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const signed = await new SigningSession({
      key,
      env: {},
      tlogUpload: true,
      rekorUrl: svc.url,
    }).signStatement(stmt());
    expect(signed.verificationMaterial.tlogEntries).toHaveLength(1);
    const v = new SignatureVerifier({
      key: loadPublicKey(key),
      trustedRoot: await loadTrustedRoot({ trustedRoot: svc.trustedRoot }),
    });
    expect(v.verifyBundle(bytes(signed), DIGEST).ok).toBe(true);
  });

  it('rejects a signature by another key, and a keyless signature when a key is given', async () => {
    const key = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const signed = await new SigningSession({ key, env: {} }).signStatement(stmt());
    const otherPub = fs.readFileSync(path.join(KEYS, 'cosign-p256.pub'), 'utf8');
    const v = new SignatureVerifier({ key: otherPub });
    expect(v.verifyBundle(bytes(signed), DIGEST).reason).toMatch(/signature does not match/);
    const kl = await keyless().signStatement(stmt());
    expect(v.verifyBundle(bytes(kl), DIGEST).reason).toMatch(
      /signed with a certificate \(keyless\), but a public key was given/,
    );
    expect((await keylessVerifier()).verifyBundle(bytes(signed), DIGEST).reason).toMatch(
      /signed with a key, but keyless/,
    );
  });
});

describe('legacy simple-signing signatures', () => {
  it('map a message-signature bundle to the cosign annotations and verify back', async () => {
    const payload = simpleSigningPayload('registry.example/proj/app', DIGEST);
    const msg = await keyless({ tsa: true }).signMessage(payload);
    const annotations = legacyAnnotationsFromBundle(msg);
    const v = await keylessVerifier();
    expect(v.verifyLegacy({ payload, annotations }, DIGEST)).toMatchObject({
      ok: true,
      identity: DEFAULT_IDENTITY.subject,
    });
    const wrong = v.verifyLegacy({ payload, annotations }, OTHER);
    expect(wrong.ok).toBe(false);
    expect(wrong.reason).toBe(`the signature is for ${DIGEST}, not ${OTHER}`);
    const tampered = Buffer.from(payload.toString('utf8').replace('registry.example', 'evil.example'));
    expect(v.verifyLegacy({ payload: tampered, annotations }, DIGEST).ok).toBe(false);
  });
});

describe('the reference bundle cosign made (public-good Sigstore)', () => {
  const ref = fs.readFileSync(
    // From sigstore/cosign's testdata (see test/fixtures/cosign/SOURCE).
    path.resolve(import.meta.dirname, '../fixtures/cosign/oci-attestation.sigstore.json'),
  );

  it('parses, is a valid v0.3 bundle, and verifies offline against the seed trusted root', async () => {
    const parsed = bundleFromJSON(JSON.parse(ref.toString('utf8')));
    expect(() => {
      assertBundleLatest(parsed);
    }).not.toThrow();
    const seeds = JSON.parse(
      fs.readFileSync(path.join(import.meta.dirname, '../../node_modules/@sigstore/tuf/seeds.json'), 'utf8'),
    );
    const rootJson = JSON.parse(
      Buffer.from(seeds['https://tuf-repo-cdn.sigstore.dev'].targets['trusted_root.json'], 'base64').toString(
        'utf8',
      ),
    );
    const v = new SignatureVerifier({
      trustedRoot: await loadTrustedRoot({ trustedRoot: rootJson }),
      identity: 'cody@soyland.com',
      issuer: 'https://github.com/login/oauth',
    });
    const digest = 'sha256:732112270d7e59418a8c080b134b24cabd67d250d0d0147a97ed95ba5c280aa4';
    const r = v.verifyBundle(ref, digest);
    expect(r).toMatchObject({
      ok: true,
      identity: 'cody@soyland.com',
      predicateType: 'https://cosign.sigstore.dev/attestation/v1',
    });
    expect(r.statement?._type).toBe('https://in-toto.io/Statement/v0.1');
    expect(v.verifyBundle(ref, DIGEST).reason).toMatch(/the statement is about sha256:7321/);
  });
});

describe('the test Rekor (dsse v0.0.1 as Rekor stores it)', () => {
  const key = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = key.publicKey.export({ format: 'pem', type: 'spki' }).toString();
  const payload = Buffer.from('{"_type":"https://in-toto.io/Statement/v1"}');
  const type = 'application/vnd.in-toto+json';
  const pae = Buffer.concat([Buffer.from(`DSSEv1 ${type.length} ${type} ${payload.length} `), payload]);
  const proposal = (sig: Buffer, verifierPem = pem): string => {
    const envelope = JSON.stringify({
      payload: payload.toString('base64'),
      payloadType: type,
      signatures: [{ sig: sig.toString('base64'), keyid: '' }],
    });
    return JSON.stringify({
      apiVersion: '0.0.1',
      kind: 'dsse',
      spec: { proposedContent: { envelope, verifiers: [Buffer.from(verifierPem).toString('base64')] } },
    });
  };

  it('stores hashes and the verified signature with its verifier', () => {
    const sig = crypto.sign('sha256', pae, key.privateKey);
    const stored = JSON.parse(rekorDsseEntry(proposal(sig)));
    expect(stored.spec.payloadHash.value).toBe(crypto.createHash('sha256').update(payload).digest('hex'));
    expect(stored.spec.signatures).toEqual([
      { signature: sig.toString('base64'), verifier: Buffer.from(pem).toString('base64') },
    ]);
    expect(stored.spec.proposedContent).toBeUndefined();
  });

  it('refuses a signature no verifier checks, as Rekor does', () => {
    const other = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const sig = crypto.sign('sha256', pae, other.privateKey);
    expect(() => rekorDsseEntry(proposal(sig))).toThrow('all signatures must have a key that verifies it');
    const hashed = JSON.stringify({ kind: 'hashedrekord', apiVersion: '0.0.1', spec: {} });
    expect(rekorDsseEntry(hashed)).toBe(hashed);
  });
});
