/**
 * Offline Sigstore for tests: @sigstore/mock's Fulcio, Rekor (v1) and TSA handlers served by a
 * node:http server on 127.0.0.1, a trusted root assembled from their key material, and a fake
 * OIDC issuer (the mock Fulcio does not verify the JWT; it takes SAN from `sub` and the issuer
 * extension from `iss`).
 *
 * The mock Rekor logs a proposed entry verbatim (notes/sigstore.md §4). Real Rekor rewrites a
 * `dsse` v0.0.1 proposal into the stored form that verifiers check, so this server does that first,
 * following rekor's pkg/types/dsse/v0.0.1 (see rekorDsseEntry). Rekor v2 proofs do not verify with
 * the mock, so only v1 is served.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import {
  fulcioHandler,
  initializeCA,
  initializeCTLog,
  initializeTLog,
  initializeTSA,
  rekorHandler,
  tsaHandler,
  type HandlerFn,
} from '@sigstore/mock';
import { HashAlgorithm, PublicKeyDetails, TrustedRoot } from '@sigstore/protobuf-specs';

export interface SigstoreServices {
  /** Base URL of Fulcio, Rekor and the TSA (one server, distinct paths). */
  url: string;
  /** The trusted root (protobuf JSON) for @sigstore/verify. */
  trustedRoot: Record<string, unknown>;
  /** The same trusted root written to a file (for --trusted-root). */
  trustedRootPath: string;
  /** An unsigned OIDC token the mock Fulcio accepts for this identity, with more claims if given. */
  token(identity?: { subject?: string; issuer?: string }, claims?: Record<string, unknown>): string;
  /**
   * More claims in the tokens the fake GitHub Actions OIDC endpoint hands out (the repository,
   * workflow and run claims GitHub's tokens carry); empty by default.
   */
  githubClaims: Record<string, unknown>;
  /** Requests served, by path: lets tests assert what was (not) contacted. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

export const DEFAULT_IDENTITY = {
  subject: 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main',
  issuer: 'https://token.actions.githubusercontent.com',
};

/** The fake GitHub Actions OIDC endpoint: ACTIONS_ID_TOKEN_REQUEST_URL = url + this path. */
export const GITHUB_OIDC_PATH = '/_services/token';
export const GITHUB_RUNTIME_TOKEN = 'actions-runtime-token-for-tests';

function makeToken(
  identity: { subject?: string; issuer?: string },
  audience = 'sigstore',
  claims: Record<string, unknown> = {},
): string {
  const now = Math.floor(Date.now() / 1000);
  return `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({
    ...claims,
    iss: identity.issuer ?? DEFAULT_IDENTITY.issuer,
    sub: identity.subject ?? DEFAULT_IDENTITY.subject,
    aud: audience,
    iat: now,
    exp: now + 600,
  })}.c2ln`;
}

const REKOR_ENTRIES_PATH = '/api/v1/log/entries';

/**
 * What Rekor v1 stores for a proposed entry. Other kinds are stored as proposed; a `dsse` v0.0.1
 * proposal (`proposedContent: {envelope, verifiers}`) must have every envelope signature verified by
 * one of the verifiers (PEM certificates or keys, base64; SHA-256, as Rekor loads them) and becomes
 * `{envelopeHash, payloadHash, signatures: [{signature, verifier}]}`, signatures sorted. Rejected
 * like Rekor: 400 with a message.
 */
export function rekorDsseEntry(body: string): string {
  const proposed = JSON.parse(body) as {
    kind?: string;
    apiVersion?: string;
    spec?: { proposedContent?: { envelope?: string; verifiers?: string[] } };
  };
  if (proposed.kind !== 'dsse') return body;
  if (proposed.apiVersion !== '0.0.1')
    throw new Error(`unsupported dsse version ${String(proposed.apiVersion)}`);
  const content = proposed.spec?.proposedContent;
  if (typeof content?.envelope !== 'string' || !Array.isArray(content.verifiers)) {
    throw new Error('dsse: proposedContent with envelope and verifiers is required');
  }
  const env = JSON.parse(content.envelope) as {
    payload: string;
    payloadType: string;
    signatures: { sig: string }[];
  };
  const payload = Buffer.from(env.payload, 'base64');
  const type = Buffer.from(env.payloadType, 'utf8');
  const pae = Buffer.concat([
    Buffer.from(`DSSEv1 ${type.length} `),
    type,
    Buffer.from(` ${payload.length} `),
    payload,
  ]);
  const signatures = env.signatures.map(({ sig }) => {
    const verifier = content.verifiers?.find((v) => {
      const key = crypto.createPublicKey(Buffer.from(v, 'base64').toString('utf8'));
      return crypto.verify('sha256', pae, key, Buffer.from(sig, 'base64'));
    });
    if (verifier === undefined) throw new Error('all signatures must have a key that verifies it');
    return { signature: sig, verifier };
  });
  signatures.sort((a, b) => (a.signature < b.signature ? -1 : a.signature > b.signature ? 1 : 0));
  const sha256hex = (b: Buffer | string): string => crypto.createHash('sha256').update(b).digest('hex');
  return JSON.stringify({
    apiVersion: '0.0.1',
    kind: 'dsse',
    spec: {
      envelopeHash: { algorithm: 'sha256', value: sha256hex(content.envelope) },
      payloadHash: { algorithm: 'sha256', value: sha256hex(payload) },
      signatures,
    },
  });
}

function b64url(obj: unknown): string {
  return Buffer.from(JSON.stringify(obj)).toString('base64url');
}

function bytes(v: ArrayBufferView): Buffer {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

function keyPair(): { publicKey: crypto.KeyObject; privateKey: crypto.KeyObject } {
  return crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
}

/**
 * Start the services. `caClock` backdates the certificates Fulcio issues (for expired-certificate
 * tests); `logClock` is Rekor's clock (epoch ms), read at each entry, for entries logged "in the
 * past" or re-logged later. The trusted root's validity starts an hour before either.
 */
export async function startSigstoreServices(
  opts: { caClock?: Date; logClock?: () => number } = {},
): Promise<SigstoreServices> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const caClock = opts.caClock;
  const ctlog = await initializeCTLog(keyPair(), caClock);
  const ca = await initializeCA(keyPair(), ctlog, caClock);
  const tlog = await initializeTLog(url, keyPair());
  const logClock = opts.logClock;
  if (logClock) (tlog as unknown as { getCurrentTime: () => number }).getCurrentTime = logClock;
  const tsa = await initializeTSA(keyPair());
  // The mock TSA encodes genTime with DER's trailing-zero trimming (".12Z" for 120 ms), which
  // @sigstore/core's parser rejects ("invalid time") one time in ten. Keep the last millisecond
  // digit non-zero; never a whole second either, so it cannot equal Rekor's integratedTime.
  (tsa as unknown as { getCurrentTime: () => Date }).getCurrentTime = () => {
    const t = Date.now();
    return new Date(t % 10 === 0 ? t + 1 : t);
  };
  const handlers = new Map<string, HandlerFn>();
  for (const h of [fulcioHandler(ca), rekorHandler(tlog), tsaHandler(tsa)]) handlers.set(h.path, h.fn);
  const logEntry = handlers.get(REKOR_ENTRIES_PATH);
  if (!logEntry) throw new Error(`@sigstore/mock serves no ${REKOR_ENTRIES_PATH}`);
  handlers.set(REKOR_ENTRIES_PATH, async (body) => {
    let stored: string;
    try {
      stored = rekorDsseEntry(body);
    } catch (e) {
      return { statusCode: 400, response: e instanceof Error ? e.message : String(e) };
    }
    return logEntry(stored);
  });
  const hits = new Map<string, number>();
  const githubClaims: Record<string, unknown> = {};

  server.on('request', (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', url);
      const p = u.pathname;
      hits.set(p, (hits.get(p) ?? 0) + 1);
      if (p === GITHUB_OIDC_PATH && req.method === 'GET') {
        // GitHub Actions' token service: bearer ACTIONS_ID_TOKEN_REQUEST_TOKEN, ?audience=.
        if (req.headers.authorization !== `Bearer ${GITHUB_RUNTIME_TOKEN}`) {
          res.writeHead(401).end();
          return;
        }
        const aud = u.searchParams.get('audience') ?? 'none';
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ value: makeToken(DEFAULT_IDENTITY, aud, githubClaims) }));
        return;
      }
      const fn = req.method === 'POST' ? handlers.get(p) : undefined;
      if (!fn) {
        res.writeHead(404).end();
        return;
      }
      fn(Buffer.concat(chunks).toString('utf8')).then(
        (r) => {
          res.writeHead(r.statusCode, { 'Content-Type': r.contentType ?? 'application/json' });
          res.end(typeof r.response === 'string' ? r.response : bytes(r.response));
        },
        (e: unknown) => {
          res.writeHead(500).end(String(e));
        },
      );
    });
  });

  const start = new Date(
    Math.min((caClock ?? new Date()).getTime(), logClock ? logClock() : Date.now()) - 3600_000,
  );
  const sha256 = (b: Uint8Array): Buffer => crypto.createHash('sha256').update(b).digest();
  const rootJSON = TrustedRoot.toJSON({
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    certificateAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'sigstore' },
        uri: url,
        certChain: { certificates: [{ rawBytes: bytes(ca.rootCertificate) }] },
        validFor: { start, end: undefined },
        operator: '',
      },
    ],
    tlogs: [
      {
        baseUrl: url,
        hashAlgorithm: HashAlgorithm.SHA2_256,
        logId: { keyId: sha256(tlog.publicKey) },
        publicKey: {
          rawBytes: tlog.publicKey,
          keyDetails: PublicKeyDetails.PKIX_ECDSA_P256_SHA_256,
          validFor: { start, end: undefined },
        },
        checkpointKeyId: undefined,
        operator: '',
      },
    ],
    ctlogs: [
      {
        baseUrl: url,
        hashAlgorithm: HashAlgorithm.SHA2_256,
        logId: { keyId: bytes(ctlog.logID) },
        publicKey: {
          rawBytes: ctlog.publicKey,
          keyDetails: PublicKeyDetails.PKIX_ECDSA_P256_SHA_256,
          validFor: { start, end: undefined },
        },
        checkpointKeyId: undefined,
        operator: '',
      },
    ],
    timestampAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'tsa' },
        uri: url,
        certChain: {
          certificates: [{ rawBytes: bytes(tsa.intCertificate) }, { rawBytes: bytes(tsa.rootCertificate) }],
        },
        validFor: { start, end: undefined },
        operator: '',
      },
    ],
  }) as Record<string, unknown>;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-sigstore-'));
  const trustedRootPath = path.join(dir, 'trusted_root.json');
  fs.writeFileSync(trustedRootPath, JSON.stringify(rootJSON));

  return {
    url,
    trustedRoot: rootJSON,
    trustedRootPath,
    hits,
    githubClaims,
    token(identity = {}, claims = {}) {
      return makeToken(identity, 'sigstore', claims);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}
