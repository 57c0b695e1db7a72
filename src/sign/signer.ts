/**
 * Producing Sigstore bundles: a keyless signer (Fulcio certificate for an OIDC identity) or a key
 * signer (cosign key file / PKCS#8), witnessed by Rekor v1 and optionally a timestamp authority.
 */
import crypto from 'node:crypto';
import { bundleToJSON, type Bundle, type SerializedBundle } from '@sigstore/bundle';
import {
  DEFAULT_FULCIO_URL,
  DEFAULT_REKOR_URL,
  DSSEBundleBuilder,
  FulcioSigner,
  InternalError,
  MessageSignatureBundleBuilder,
  RekorWitness,
  TSAWitness,
  type IdentityProvider,
  type Signature,
  type Signer,
  type Witness,
} from '@sigstore/sign';
import { GateError, describe, infraError, inputError } from '../errors.js';
import { tlsCertificateError, type HttpClient } from '../http/index.js';
import { silentLogger, type Logger } from '../logger.js';
import { certificateSigner, type SignerIdentity } from './identity.js';
import { keyAlgorithm, parsePemBlocks, publicKeyHint } from './keys.js';
import { INTOTO_PAYLOAD_TYPE } from './statement.js';

export { DEFAULT_FULCIO_URL, DEFAULT_REKOR_URL };

export interface SigningOptions {
  /** Key-based signing; absent: keyless (Fulcio). */
  key?: crypto.KeyObject;
  /** OIDC token for keyless signing; else SIGSTORE_ID_TOKEN, else GitHub Actions OIDC. */
  identityToken?: string;
  env?: NodeJS.ProcessEnv;
  /** Used for the GitHub Actions OIDC token request. */
  http?: HttpClient;
  fulcioUrl?: string;
  rekorUrl?: string;
  /** A timestamp authority to add an RFC 3161 timestamp. */
  tsaUrl?: string;
  /** Key-based only: also upload to Rekor (as cosign, keys get no tlog entry unless asked). */
  tlogUpload?: boolean;
  /** Rekor v1 entry kind for DSSE bundles: 'dsse' (cosign's) by default, or 'intoto'. */
  rekorEntryType?: 'dsse' | 'intoto';
  timeoutMs?: number;
  logger?: Logger;
  /**
   * Called with every secret the session obtains or uses (the identity token, wherever it came
   * from, and the Actions token-request bearer) before it is used, so the caller can redact it:
   * pass `redactor.onSecret`.
   */
  onSecret?: (secret: string) => void;
}

/** A Signer over a local private key; publicKey bundles carry the SPKI hash as the hint. */
export class KeySigner implements Signer {
  private readonly publicKeyPem: string;
  private readonly hint: string;

  constructor(private readonly key: crypto.KeyObject) {
    keyAlgorithm(key);
    this.publicKeyPem = crypto.createPublicKey(key).export({ format: 'pem', type: 'spki' }).toString();
    this.hint = publicKeyHint(key);
  }

  sign(data: Buffer): Promise<Signature> {
    // SHA-256 for every key type: what cosign's default --signature-digest-algorithm and
    // @sigstore/verify (which verifies with the key's default digest) use.
    const signature = crypto.sign('sha256', data, this.key);
    return Promise.resolve({
      signature,
      key: { $case: 'publicKey', publicKey: this.publicKeyPem, hint: this.hint },
    });
  }
}

const NO_TOKEN_REMEDY =
  'Keyless signing needs an OIDC identity token: on GitHub Actions give the job `permissions: id-token: write`; on GitLab CI declare `id_tokens: SIGSTORE_ID_TOKEN: aud: sigstore`; elsewhere pass --identity-token, or sign with --signing-key.';

/**
 * Where keyless signing's identity token will come from: the explicit token, SIGSTORE_ID_TOKEN, or
 * GitHub Actions OIDC. Throws SIGN_NO_IDENTITY_TOKEN when there is none, so a command can refuse
 * before it writes anything to the registry.
 */
export function identityTokenSource(
  identityToken: string | undefined,
  env: NodeJS.ProcessEnv,
): 'flag' | 'env' | 'github' {
  if (identityToken) return 'flag';
  if (env.SIGSTORE_ID_TOKEN) return 'env';
  if (env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) return 'github';
  if (env.GITHUB_ACTIONS === 'true') {
    throw inputError(
      'SIGN_NO_IDENTITY_TOKEN',
      'keyless signing on GitHub Actions, but the job cannot request an OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL is not set)',
      'Add `permissions: id-token: write` to the job (or workflow), or sign with --signing-key.',
    );
  }
  throw inputError(
    'SIGN_NO_IDENTITY_TOKEN',
    'keyless signing needs an OIDC identity token and none was found',
    NO_TOKEN_REMEDY,
  );
}

/**
 * Where the identity token comes from, in order: the explicit token, SIGSTORE_ID_TOKEN, GitHub
 * Actions OIDC (audience sigstore). The token is fetched once and reused for every signature.
 */
export class TokenProvider implements IdentityProvider {
  private token: Promise<string> | undefined;

  constructor(
    private readonly opts: {
      identityToken?: string;
      env: NodeJS.ProcessEnv;
      http?: HttpClient;
      logger: Logger;
      onSecret?: (secret: string) => void;
    },
  ) {}

  getToken(): Promise<string> {
    this.token ??= this.fetch().then((token) => {
      this.opts.onSecret?.(token);
      return token;
    });
    return this.token;
  }

  private async fetch(): Promise<string> {
    const { env, logger } = this.opts;
    const source = identityTokenSource(this.opts.identityToken, env);
    if (source === 'flag') {
      logger.debug('keyless: identity token from --identity-token');
      return this.opts.identityToken!;
    }
    if (source === 'env') {
      logger.debug('keyless: identity token from SIGSTORE_ID_TOKEN');
      return env.SIGSTORE_ID_TOKEN!;
    }
    const bearer = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN!;
    this.opts.onSecret?.(bearer);
    logger.debug('keyless: requesting an identity token from GitHub Actions OIDC (audience sigstore)');
    return this.fetchGitHub(env.ACTIONS_ID_TOKEN_REQUEST_URL!, bearer);
  }

  private async fetchGitHub(url: string, bearer: string): Promise<string> {
    if (!this.opts.http) {
      throw new GateError({
        code: 'INTERNAL',
        message: 'no HTTP client for the GitHub OIDC token request',
        remedy: 'Report this as a bug.',
        kind: 'infra',
      });
    }
    const u = new URL(url);
    u.searchParams.set('audience', 'sigstore');
    let res;
    try {
      res = await this.opts.http.request({
        method: 'GET',
        url: u.toString(),
        headers: { Authorization: `Bearer ${bearer}`, Accept: 'application/json' },
        maxBytes: 64 * 1024,
      });
    } catch (e) {
      throw infraError(
        'SIGN_OIDC_FAILED',
        `the GitHub Actions OIDC token request failed: ${describe(e)}`,
        'Check that the runner can reach the Actions token service; retry the job.',
        e,
      );
    }
    if (res.status !== 200) {
      throw infraError(
        'SIGN_OIDC_FAILED',
        `the GitHub Actions OIDC token request answered HTTP ${res.status}`,
        'Check that the job has `permissions: id-token: write`; retry the job.',
      );
    }
    let value: unknown;
    try {
      value = (JSON.parse(res.body.toString('utf8')) as { value?: unknown }).value;
    } catch (e) {
      throw infraError('SIGN_OIDC_FAILED', 'the GitHub Actions OIDC answer is not JSON', 'Retry the job.', e);
    }
    if (typeof value !== 'string' || value === '') {
      throw infraError('SIGN_OIDC_FAILED', 'the GitHub Actions OIDC answer has no token', 'Retry the job.');
    }
    return value;
  }
}

/** The signer and witnesses for one signing run, shared by every bundle it creates. */
export class SigningSession {
  readonly keyless: boolean;
  private readonly signer: Signer;
  private readonly provider: TokenProvider | undefined;
  private readonly opts: SigningOptions;
  private readonly logger: Logger;

  constructor(opts: SigningOptions) {
    this.opts = opts;
    this.logger = opts.logger ?? silentLogger;
    this.keyless = opts.key === undefined;
    if (opts.key) {
      this.signer = new KeySigner(opts.key);
      this.provider = undefined;
    } else {
      const provider = new TokenProvider({
        identityToken: opts.identityToken,
        env: opts.env ?? process.env,
        http: opts.http,
        logger: this.logger,
        onSecret: opts.onSecret,
      });
      this.provider = provider;
      this.signer = new FulcioSigner({
        identityProvider: provider,
        fulcioBaseURL: opts.fulcioUrl ?? DEFAULT_FULCIO_URL,
        timeout: opts.timeoutMs ?? 30_000,
        retry: 2,
      });
    }
  }

  /**
   * Keyless: the OIDC token this session signs with (fetched once, the same one Fulcio is given
   * for every certificate of the session); undefined for a key.
   */
  async identityToken(): Promise<string | undefined> {
    return this.provider ? this.run(() => this.provider!.getToken()) : undefined;
  }

  /** Whether bundles from this session carry a Rekor entry. */
  get usesTlog(): boolean {
    return this.keyless || this.opts.tlogUpload === true;
  }

  private witnesses(entryType: 'dsse' | 'intoto' | undefined): Witness[] {
    const out: Witness[] = [];
    if (this.usesTlog) {
      out.push(
        new RekorWitness({
          rekorBaseURL: this.opts.rekorUrl ?? DEFAULT_REKOR_URL,
          entryType,
          majorApiVersion: 1,
          fetchOnConflict: true,
          timeout: this.opts.timeoutMs ?? 30_000,
          retry: 2,
        }),
      );
    }
    if (this.opts.tsaUrl) {
      out.push(
        new TSAWitness({ tsaBaseURL: this.opts.tsaUrl, timeout: this.opts.timeoutMs ?? 30_000, retry: 2 }),
      );
    }
    return out;
  }

  /** A v0.3 bundle with a DSSE envelope over an in-toto statement (cosign v3's format). */
  async signStatement(statement: Buffer): Promise<SerializedBundle> {
    const builder = new DSSEBundleBuilder({
      signer: this.signer,
      witnesses: this.witnesses(this.opts.rekorEntryType ?? 'dsse'),
    });
    const bundle = await this.run(() => builder.create({ data: statement, type: INTOTO_PAYLOAD_TYPE }));
    return bundleToJSON(bundle);
  }

  /**
   * Keyless: the identity and issuer Fulcio certifies for this session's token, asked of Fulcio
   * without writing anything to the transparency log (a certificate for a throw-away signature).
   * Key-based: undefined.
   */
  async signerIdentity(): Promise<SignerIdentity | undefined> {
    if (!this.keyless) return undefined;
    const sig = await this.run(() => this.signer.sign(Buffer.from('harbor-gate identity probe')));
    if (sig.key.$case !== 'x509Certificate') return undefined;
    const block = parsePemBlocks(sig.key.certificate).find((b) => b.type === 'CERTIFICATE');
    return block ? certificateSigner(block.der) : undefined;
  }

  /** A message-signature bundle over raw bytes: the material for the legacy `.sig` layout. */
  async signMessage(payload: Buffer): Promise<Bundle> {
    const builder = new MessageSignatureBundleBuilder({
      signer: this.signer,
      witnesses: this.witnesses(undefined),
    });
    return this.run(() => builder.create({ data: payload }));
  }

  private async run<T>(f: () => Promise<T>): Promise<T> {
    try {
      return await f();
    } catch (e) {
      throw sigstoreError(e, this.opts);
    }
  }
}

function sigstoreError(e: unknown, opts: SigningOptions): GateError {
  if (e instanceof GateError) return e;
  if (e instanceof InternalError && e.cause instanceof GateError) return e.cause;
  // sigstore-js talks to Fulcio, Rekor and the TSA with its own HTTP client, which --ca-file does
  // not reach: an untrusted certificate there is a configuration error with its own remedy.
  const tls = tlsCertificateError(e);
  if (tls !== undefined) {
    return inputError(
      'TLS_UNTRUSTED',
      `the TLS certificate of a Sigstore service (${opts.fulcioUrl ?? DEFAULT_FULCIO_URL}, ${opts.rekorUrl ?? DEFAULT_REKOR_URL}${opts.tsaUrl ? `, ${opts.tsaUrl}` : ''}) is not trusted (${tls})`,
      'Private Sigstore services are reached by the Sigstore client, which --ca-file does not reach: put their CA in NODE_EXTRA_CA_CERTS (a PEM file) for the harbor-gate process.',
      e,
    );
  }
  if (e instanceof InternalError) {
    const detail = `${e.message}${e.cause ? `: ${describe(e.cause)}` : ''}`;
    switch (e.code) {
      case 'CA_CREATE_SIGNING_CERTIFICATE_ERROR':
        return infraError(
          'SIGN_FULCIO_FAILED',
          `Fulcio (${opts.fulcioUrl ?? DEFAULT_FULCIO_URL}) did not issue a signing certificate: ${detail}`,
          'Check --fulcio-url and that the identity token is valid, unexpired and has audience "sigstore".',
          e,
        );
      case 'TLOG_CREATE_ENTRY_ERROR':
      case 'TLOG_FETCH_ENTRY_ERROR':
        return infraError(
          'SIGN_REKOR_FAILED',
          `Rekor (${opts.rekorUrl ?? DEFAULT_REKOR_URL}) did not record the signature: ${detail}`,
          'Check --rekor-url and that Rekor is reachable; retry.',
          e,
        );
      case 'TSA_CREATE_TIMESTAMP_ERROR':
        return infraError(
          'SIGN_TSA_FAILED',
          `the timestamp authority (${opts.tsaUrl ?? ''}) did not issue a timestamp: ${detail}`,
          'Check --tsa-url and that the timestamp authority is reachable; retry.',
          e,
        );
      case 'IDENTITY_TOKEN_READ_ERROR':
      case 'IDENTITY_TOKEN_PARSE_ERROR':
        // The library's message and cause quote the token itself: keep neither.
        return inputError(
          'SIGN_BAD_IDENTITY_TOKEN',
          'the OIDC identity token is not a JWT with a subject or email claim',
          'Pass a valid JWT (with audience "sigstore") via --identity-token or SIGSTORE_ID_TOKEN.',
        );
    }
  }
  return infraError(
    'SIGN_FAILED',
    `signing failed: ${describe(e)}`,
    'Run again with --debug; check the Sigstore URLs.',
    e,
  );
}
