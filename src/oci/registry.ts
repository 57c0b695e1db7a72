/**
 * The OCI distribution client: one RegistryClient per run (auth state, token cache, keep-alive
 * pool, each registry's scheme), one Repository per `host/name`: its authenticated requests and
 * error mapping here, its blob operations in blobs.ts, its manifest and tag operations in
 * manifests.ts.
 */
import type { Readable } from 'node:stream';
import { cleanText, type Clock } from '../core/index.js';
import { GateError, describe, inputError } from '../errors.js';
import {
  HttpClient,
  NO_RETRY,
  isLoopbackHost,
  redactUrl,
  type HttpBody,
  type HttpMethod,
  type HttpResponse,
  type RetryPolicy,
} from '../http/index.js';
import { silentLogger, type Logger, type Redactor } from '../logger.js';
import { Authenticator, parseChallenges, repositoryScope } from './auth.js';
import {
  DEFAULT_BLOB_FETCH_LIMIT,
  blobExists,
  checkPushAccess,
  fetchBlob,
  openBlob,
  pushBlob,
  pushBlobBytes,
  type PushBlobOptions,
  type PushBlobResult,
} from './blobs.js';
import type { CredentialProvider } from './credentials.js';
import { MANIFEST_ACCEPT, type Descriptor, type ManifestBytes } from './types.js';
import { deleteManifest, fetchManifest, listTags, pushManifest, resolve } from './manifests.js';
import { isGate, registryError } from './repository-errors.js';

export interface RegistryClientOptions {
  http: HttpClient;
  credentials?: CredentialProvider;
  /** Allow plain HTTP to non-loopback registries (loopback hosts always use HTTP). */
  plainHttp?: boolean;
  logger?: Logger;
  /** Registers tokens issued at run time so no output carries them. */
  redactor?: Redactor;
  /** The time source upload retries sleep on (default: the HTTP client's clock). */
  clock?: Clock;
  /**
   * The least wait (ms) before the referrers tag index is read back after a write (default 60):
   * longer than another writer's read-to-write window. Tests against a local registry shorten it.
   */
  referrersSettleMs?: number;
}

export interface RepositoryRequest {
  method: HttpMethod;
  /** Relative to /v2/<name>/, e.g. `referrers/sha256:...`; an absolute URL on the same origin also works. */
  path: string;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  body?: HttpBody;
  response?: 'buffer' | 'stream' | 'discard';
  maxBytes?: number;
  maxRedirects?: number;
  /** Request the push scope (pull,push) instead of pull. */
  push?: boolean;
  /** Extra token scopes, e.g. `repository:<from>:pull` for a mount. */
  scopes?: string[];
  /** Override the client's retry policy (e.g. NO_RETRY for single-use upload URLs). */
  noRetry?: boolean;
  /** A retry policy for this request instead of the client's (ignored with noRetry). */
  retry?: RetryPolicy;
  /** A clean-up after the run was cut short (see HttpRequest.cleanup): not cut by the run's signal. */
  cleanup?: boolean;
  /** The body ends itself when the run's signal aborts (see HttpRequest.graceful). */
  graceful?: boolean;
}

/**
 * The scheme to reach `host:port` with: https, except that a loopback host (a local registry, or
 * Harbor through `kubectl port-forward`) is tried with TLS first and spoken to in plain http only
 * when the port does not speak TLS, as Docker does for localhost. A certificate that does not verify
 * keeps https, so that error is reported, never bypassed.
 */
export async function registryScheme(
  http: HttpClient,
  registry: string,
  logger: Logger = silentLogger,
): Promise<'http' | 'https'> {
  if (!isLoopbackHost(registry.replace(/:\d+$/, ''))) return 'https';
  try {
    await http.request({
      method: 'GET',
      url: `https://${registry}/v2/`,
      retry: NO_RETRY,
      response: 'discard',
      maxRedirects: 0,
      timeoutMs: 10_000,
    });
    logger.debug(`${registry} speaks HTTPS`);
    return 'https';
  } catch (e) {
    if (isGate(e) && e.code === 'TLS_UNTRUSTED') return 'https';
    logger.debug(`${registry}: no TLS (${describe(e)}); using plain HTTP on loopback`);
    return 'http';
  }
}

export class RegistryClient {
  readonly http: HttpClient;
  readonly auth: Authenticator;
  readonly logger: Logger;
  readonly plainHttp: boolean;
  readonly clock: Clock;
  readonly referrersSettleMs: number;

  constructor(opts: RegistryClientOptions) {
    this.http = opts.http;
    this.logger = opts.logger ?? silentLogger;
    this.plainHttp = opts.plainHttp ?? false;
    this.auth = new Authenticator({
      http: opts.http,
      ...(opts.credentials ? { credentials: opts.credentials } : {}),
      ...(opts.redactor ? { redactor: opts.redactor } : {}),
      logger: this.logger,
    });
    this.clock = opts.clock ?? opts.http.clock;
    this.referrersSettleMs = opts.referrersSettleMs ?? 60;
  }

  /**
   * Whether each registry serves the OCI referrers API, once an answer showed it: state of this
   * client, as oras-go keeps it on its repository (registry/remote/referrers.go), never in a module.
   */
  private readonly referrersCapability = new Map<string, boolean>();

  /** The registry's referrers API support as learnt so far (undefined: not yet known). */
  referrersApi(registry: string): boolean | undefined {
    return this.referrersCapability.get(registry);
  }

  /** Record what an answer showed about the registry's referrers API. */
  setReferrersApi(registry: string, supported: boolean): void {
    if (this.referrersCapability.get(registry) !== supported) {
      this.logger.debug(
        `${registry}: referrers API ${supported ? 'supported' : 'not supported; using the referrers tag schema'}`,
      );
    }
    this.referrersCapability.set(registry, supported);
  }

  /** Each registry's scheme, once registryScheme has settled it (loopback hosts are probed). */
  private readonly schemes = new Map<string, Promise<'http' | 'https'>>();
  private readonly resolvedSchemes = new Map<string, 'http' | 'https'>();

  /**
   * `https://`, or `http://` with plainHttp; a loopback host is `http://` until resolveScheme found
   * that it speaks TLS.
   */
  baseUrl(registry: string): string {
    const loopback = isLoopbackHost(registry.replace(/:\d+$/, ''));
    const scheme = this.plainHttp
      ? 'http'
      : (this.resolvedSchemes.get(registry) ?? (loopback ? 'http' : 'https'));
    return `${scheme}://${registry}`;
  }

  /** Settle the registry's scheme (see registryScheme), once per registry. */
  async resolveScheme(registry: string): Promise<void> {
    if (this.plainHttp) return;
    let pending = this.schemes.get(registry);
    if (!pending) {
      pending = registryScheme(this.http, registry, this.logger);
      this.schemes.set(registry, pending);
    }
    this.resolvedSchemes.set(registry, await pending);
  }

  repository(registry: string, name: string): Repository {
    return new Repository(this, registry, name);
  }

  /** Close the keep-alive pool. */
  close(): void {
    this.http.close();
  }
}

export class Repository {
  constructor(
    readonly client: RegistryClient,
    readonly registry: string,
    readonly name: string,
  ) {}

  /** `scheme://registry`; for loopback registries, settled by the first request. */
  get base(): string {
    return this.client.baseUrl(this.registry);
  }

  private get origin(): string {
    return new URL(this.base).origin;
  }

  private get logger(): Logger {
    return this.client.logger;
  }

  /** The URL of `/v2/<name>/<path>`. */
  url(path: string, query?: Record<string, string | string[]>): string {
    const u = /^https?:\/\//.test(path) ? new URL(path) : new URL(`${this.base}/v2/${this.name}/${path}`);
    for (const [k, v] of Object.entries(query ?? {})) {
      for (const item of Array.isArray(v) ? v : [v]) u.searchParams.append(k, item);
    }
    return u.toString();
  }

  /** An authenticated request: answers one 401 challenge (Basic or Bearer) and retries once. */
  async request(req: RepositoryRequest): Promise<HttpResponse> {
    await this.client.resolveScheme(this.registry);
    const url = this.url(req.path, req.query);
    const sameOrigin = new URL(url).origin === this.origin;
    const scopes = [
      repositoryScope(this.name, req.push ? ['pull', 'push'] : ['pull']),
      ...(req.scopes ?? []),
    ];
    const send = async (authorization: string | undefined): Promise<HttpResponse> => {
      const headers: Record<string, string> = { ...(req.headers ?? {}) };
      if (authorization && sameOrigin) headers.Authorization = authorization;
      return this.client.http.request({
        method: req.method,
        url,
        headers,
        ...(req.body !== undefined ? { body: req.body } : {}),
        response: req.response ?? 'buffer',
        ...(req.maxBytes !== undefined ? { maxBytes: req.maxBytes } : {}),
        ...(req.maxRedirects !== undefined ? { maxRedirects: req.maxRedirects } : {}),
        ...(req.noRetry ? { retry: NO_RETRY } : req.retry ? { retry: req.retry } : {}),
        ...(req.cleanup ? { cleanup: true } : {}),
        ...(req.graceful ? { graceful: true } : {}),
      });
    };
    const auth = sameOrigin ? await this.client.auth.authorization(this.registry, scopes) : undefined;
    const res = await send(auth);
    if (res.status !== 401 || !sameOrigin) return res;
    // A 401 from a host the registry redirected to (blob storage, a CDN) is not the registry's
    // word: its Bearer challenge could name a token realm of its choosing, which would then receive
    // the registry's credentials. Only a Basic challenge is answered there (the retry goes to the
    // registry, and a redirect to another origin drops the Authorization header).
    const elsewhere = new URL(res.url).origin;
    if (
      elsewhere !== this.origin &&
      parseChallenges(res.headers['www-authenticate'] ?? '').some((c) => c.scheme !== 'basic')
    ) {
      res.stream?.destroy();
      throw inputError(
        'REGISTRY_REDIRECT_AUTH',
        `${this.registry} redirected ${req.method} ${req.path} to ${cleanText(elsewhere, 200)}, which asks for a token of its own: the registry's credentials go only to the registry and its token service`,
        "Check the registry's storage redirect settings (a redirect target should accept the pre-signed URL without credentials), or reach the registry without the redirecting front.",
      );
    }
    const answer = await this.client.auth.onUnauthorized(
      this.registry,
      res.headers['www-authenticate'],
      scopes,
      auth !== undefined,
    );
    if (!answer) return res;
    if (answer.header === auth) return res;
    res.stream?.destroy();
    this.logger.debug(`${req.method} ${redactUrl(url)}: answered the auth challenge`);
    return send(answer.header);
  }

  /** Turn a non-2xx answer into a GateError naming what we were doing. */
  error(res: HttpResponse, what: string): GateError {
    return registryError(this, res, what);
  }

  /** HEAD a blob: its descriptor when present, undefined on 404. */
  blobExists(digest: string): Promise<Descriptor | undefined> {
    return blobExists(this, digest);
  }

  /**
   * Push a blob: POST (mount first when asked), then one streaming PUT of `open()` with the digest
   * and size verified on the way. Each retry starts a fresh upload session. A content mismatch
   * throws BLOB_DIGEST_MISMATCH and is never retried.
   */
  pushBlob(desc: Descriptor, open: () => Readable, opts: PushBlobOptions = {}): Promise<PushBlobResult> {
    return pushBlob(this, desc, open, opts);
  }

  /** Whether these credentials may push here: an upload opened and cancelled, before any blob. */
  checkPush(): Promise<void> {
    return checkPushAccess(this);
  }

  /** Upload bytes held in memory (configs, SBOMs); skips when present. */
  pushBlobBytes(bytes: Buffer, mediaType: string): Promise<Descriptor> {
    return pushBlobBytes(this, bytes, mediaType);
  }

  /** GET a blob into memory (at most maxBytes), verified against the descriptor. */
  fetchBlob(desc: Descriptor, maxBytes = DEFAULT_BLOB_FETCH_LIMIT): Promise<Buffer> {
    return fetchBlob(this, desc, maxBytes);
  }

  /** A stream of a blob, verified as it is read (the stream errors on a mismatch). */
  openBlob(desc: Descriptor): Promise<Readable> {
    return openBlob(this, desc);
  }

  /** HEAD a manifest by tag or digest (GET when the HEAD lacks a digest). Undefined on 404. */
  resolve(reference: string): Promise<Descriptor | undefined> {
    return resolve(this, reference);
  }

  /** GET a manifest (≤ 4 MiB). Undefined on 404; verified against the digest when asked by digest. */
  fetchManifest(reference: string, accept: string = MANIFEST_ACCEPT): Promise<ManifestBytes | undefined> {
    return fetchManifest(this, reference, accept);
  }

  /** PUT a manifest's exact bytes by tag or digest. */
  pushManifest(
    reference: string,
    bytes: Buffer,
    mediaType: string,
  ): Promise<{ digest: string; headers: Record<string, string> }> {
    return pushManifest(this, reference, bytes, mediaType);
  }

  /** DELETE a manifest by digest: true when deleted, false when absent. */
  deleteManifest(digest: string): Promise<boolean> {
    return deleteManifest(this, digest);
  }

  /** Every tag, following Link pagination (bounded). */
  listTags(): Promise<string[]> {
    return listTags(this);
  }
}
