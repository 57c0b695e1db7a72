/**
 * The OCI distribution client: one RegistryClient per run (auth state, token cache, keep-alive
 * pool), one Repository per `host/name`. Blobs are streamed and verified on the way (sha256 and
 * size); manifests are read bounded (4 MiB) and verified against their digest.
 */
import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { cleanText, type Clock } from '../core/index.js';
import { GateError, describe, inputError } from '../errors.js';
import {
  HttpClient,
  isLoopbackHost,
  redactUrl,
  type HttpBody,
  type HttpMethod,
  type HttpResponse,
} from '../http/index.js';
import {
  NO_RETRY,
  RETRYABLE_STATUS,
  backoffDelay,
  isRetryableNetworkError,
  type RetryPolicy,
} from '../http/index.js';
import { silentLogger, type Logger, type Redactor } from '../logger.js';
import { Authenticator, parseChallenges, repositoryScope } from './auth.js';
import type { CredentialProvider } from './credentials.js';
import { isValidDigest } from './reference.js';
import { MANIFEST_ACCEPT, type Descriptor, type FileRange, type ManifestBytes } from './types.js';
import { FileUploadBody } from './upload.js';
import { algorithmOf, digestMismatch, VerifyingStream } from './verify.js';

/** Manifests larger than this are refused (distribution caps manifest bodies at 4 MiB). */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
/** Default limit for fetchBlob (buffered reads). */
export const DEFAULT_BLOB_FETCH_LIMIT = 64 * 1024 * 1024;
/** Waits before asking again when a manifest PUT meets MANIFEST_BLOB_UNKNOWN (see pushManifest). */
const MANIFEST_BLOB_RETRY_MS = [250, 1000];
const MAX_ERROR_BODY = 64 * 1024;
const MAX_TAG_PAGES = 1000;
const MAX_TAGS = 1_000_000;

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
}

export interface PushBlobOptions {
  mountFrom?: string;
  onProgress?: (bytes: number) => void;
  /** The blob's bytes in a local file: uploaded from reused buffers instead of `open()`. */
  file?: FileRange;
}

export interface PushBlobResult {
  uploaded: boolean;
  mounted: boolean;
  /** Already present (HEAD said so); nothing sent. */
  skipped?: boolean;
}

/** The error body registries send: {"errors":[{"code","message","detail"}]}. */
export interface RegistryErrorBody {
  code: string;
  message: string;
}

export function parseRegistryErrors(body: Buffer): RegistryErrorBody[] {
  if (body.length === 0 || body.length > MAX_ERROR_BODY) return [];
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { errors?: unknown };
    if (!Array.isArray(parsed.errors)) return [];
    return parsed.errors
      .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
      .map((e) => ({
        // Quoted in our messages: the registry (or whoever answers for it) wrote them.
        code: typeof e.code === 'string' ? cleanText(e.code, 64) : '',
        message: typeof e.message === 'string' ? cleanText(e.message, 300) : '',
      }));
  } catch {
    return [];
  }
}

/** sha256:<hex> of bytes (or sha512 when asked). */
export function digestOf(bytes: Buffer | Uint8Array, algorithm = 'sha256'): string {
  return `${algorithm}:${crypto.createHash(algorithm).update(bytes).digest('hex')}`;
}

/**
 * Why an answer cannot come from an OCI registry API: a web page (text/html) or HTTP 501 with no
 * registry error body, as a web server or another service on the port answers. Undefined for a
 * registry answer, for a gateway's 502/503/504 or a 429 (the registry behind it is failing), and
 * for 401/403 (an authenticating proxy's login page: the credentials are the question).
 */
export function notOciAnswer(res: HttpResponse, hasRegistryErrors: boolean): string | undefined {
  if (hasRegistryErrors) return undefined;
  if ([401, 403, 429, 502, 503, 504].includes(res.status)) return undefined;
  const type = (res.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'text/html' || type === 'application/xhtml+xml') return type;
  if (res.status === 501) return type === '' ? 'with no content type' : cleanText(type, 80);
  return undefined;
}

/**
 * What a denial means for a repository: the project may be missing (a single-segment name has no
 * project at all, which Harbor requires) or the account lacks push/pull. Uses the registry's own
 * words when it says the project or repository is not found.
 */
function accessNote(name: string, errs: RegistryErrorBody[]): string {
  const slash = name.indexOf('/');
  if (slash < 0)
    return `the repository path "${name}" has no project part (Harbor needs host/<project>/${name}), or the account lacks push/pull on it`;
  const project = name.slice(0, slash);
  const said = errs.map((e) => `${e.code} ${e.message}`).join(' ');
  if (/project .*not found|NOT_FOUND|NAME_UNKNOWN|repository name not known/i.test(said))
    return `the project "${project}" or repository ${name} does not exist, or the account may not see it`;
  return `the project "${project}" may not exist, or the account lacks push/pull on ${name}`;
}

function isGate(e: unknown): e is GateError {
  return e instanceof GateError;
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
      });
    };
    const auth = sameOrigin ? await this.client.auth.authorization(this.registry, scopes) : undefined;
    const res = await send(auth);
    if (res.status !== 401 || !sameOrigin) return res;
    // A 401 from a host the registry redirected to (blob storage, a CDN) is not the registry's
    // word: its Bearer challenge could name a token realm of its choosing, which would then receive
    // the registry's credentials. Only a Basic challenge is answered there (the retry goes to the
    // registry, and a redirect to another origin drops the Authorization header).
    if (
      new URL(res.url).origin !== this.origin &&
      parseChallenges(res.headers['www-authenticate'] ?? '').some((c) => c.scheme !== 'basic')
    )
      return res;
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
    res.stream?.destroy();
    const errs = parseRegistryErrors(res.body);
    const codes = errs.map((e) => e.code).filter(Boolean);
    const detail =
      errs.length > 0
        ? `: ${cleanText(errs.map((e) => `${e.code} ${e.message}`.trim()).join('; '), 300)}`
        : '';
    const where = `${this.registry}/${this.name}`;
    const details = { registry: this.registry, repository: this.name, status: res.status, codes };
    const notOci = notOciAnswer(res, errs.length > 0);
    if (notOci !== undefined) {
      return new GateError({
        code: 'REGISTRY_NOT_OCI',
        message: `not an OCI registry API at ${redactUrl(res.url)} (got HTTP ${res.status} ${notOci}; ${what})`,
        remedy: `Check the host and port of --image (${this.registry}): they must point at the registry (Harbor: its https address, not a web page or another service on that port).`,
        kind: 'input',
        details,
      });
    }
    const access = accessNote(this.name, errs);
    if (res.status === 401) {
      const auth = this.client.auth.state(this.registry);
      if (auth.credentialGiven && auth.scheme === 'bearer' && auth.tokenIssued) {
        return new GateError({
          code: 'REGISTRY_DENIED',
          message: `${what} on ${where} was refused although the credentials were accepted (the token service issued a token): ${access} (HTTP 401${detail})`,
          remedy:
            'Create the project first (Harbor: Projects > New project) or fix the project in --image, and give the account push and pull on it (a Harbor robot account needs push rights on the project).',
          kind: 'input',
          details,
        });
      }
      if (auth.credentialGiven) {
        return new GateError({
          code: 'REGISTRY_UNAUTHORIZED',
          message: `${what} on ${where} was refused: the registry did not accept the credentials given for ${this.registry} (HTTP 401${detail})`,
          remedy:
            'Check the user name and password or token (robot accounts look like robot$project+name; quote the $ in shells), and that they are for this registry.',
          kind: 'input',
          details,
        });
      }
      return new GateError({
        code: 'REGISTRY_UNAUTHORIZED',
        message: `${what} on ${where} was refused: not authenticated, no credentials were found for ${this.registry} (HTTP 401${detail})`,
        remedy:
          'Give credentials: --username with HARBOR_GATE_PASSWORD or --password-stdin, the GitLab CI variables, or docker login. A Harbor robot account needs push rights on the project.',
        kind: 'input',
        details,
      });
    }
    if (res.status === 403 || codes.includes('DENIED')) {
      return new GateError({
        code: 'REGISTRY_DENIED',
        message: `${what} on ${where} was denied: ${access} (HTTP ${res.status}${detail})`,
        remedy:
          'Create the project first or fix --image, and grant the account push (and pull) on the repository or project; or check tag immutability and retention rules.',
        kind: 'input',
        details,
      });
    }
    if (res.status === 404 && codes.includes('NAME_UNKNOWN')) {
      return new GateError({
        code: 'REGISTRY_NAME_UNKNOWN',
        message: `${where} does not exist (${what}: HTTP 404${detail})`,
        remedy: 'Create the repository or project first (Harbor: create the project), or fix --image.',
        kind: 'input',
        details,
      });
    }
    if (res.status === 429 || res.status >= 500) {
      return new GateError({
        code: 'REGISTRY_UNAVAILABLE',
        message: `${what} on ${where} failed with HTTP ${res.status}${detail}, after retries`,
        remedy: 'The registry is overloaded or failing; wait and run again, or check its logs.',
        kind: 'infra',
        details,
      });
    }
    return new GateError({
      code: 'REGISTRY_REJECTED',
      message: `${what} on ${where} was rejected (HTTP ${res.status}${detail})`,
      remedy: 'Check the image reference and the content pushed; run with --debug for the request sequence.',
      kind: 'input',
      details,
    });
  }

  /** HEAD a blob: its descriptor when present, undefined on 404. */
  async blobExists(digest: string): Promise<Descriptor | undefined> {
    checkDigest(digest);
    const res = await this.request({ method: 'HEAD', path: `blobs/${digest}` });
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw this.error(res, `HEAD blob ${digest}`);
    const got = res.headers['docker-content-digest'];
    if (got && got !== digest) {
      throw new GateError({
        code: 'REGISTRY_BAD_RESPONSE',
        message: `${this.registry} answered HEAD ${digest} with the digest ${cleanText(got, 100)}`,
        remedy: 'The registry or a proxy in front of it is misbehaving; check its configuration.',
        kind: 'infra',
      });
    }
    const size = Number(res.headers['content-length'] ?? NaN);
    return {
      mediaType: res.headers['content-type'] ?? 'application/octet-stream',
      digest,
      size: Number.isFinite(size) ? size : -1,
    };
  }

  /** POST an upload session (optionally trying a mount). */
  /**
   * POST an upload session (trying a mount first when asked), retried under `retry`. Returns how
   * many of those retries it used, so the caller can charge them to the blob's budget.
   */
  private async startUpload(
    digest: string,
    mountFrom: string | undefined,
    retry: RetryPolicy,
  ): Promise<({ mounted: true } | { mounted: false; location: string }) & { retries: number }> {
    let used = 0;
    if (mountFrom && mountFrom !== this.name) {
      try {
        const res = await this.request({
          method: 'POST',
          path: 'blobs/uploads/',
          query: { mount: digest, from: mountFrom },
          push: true,
          scopes: [repositoryScope(mountFrom, ['pull'])],
          response: 'discard',
          maxRedirects: 0,
          retry,
        });
        used = res.retries;
        if (res.status === 201) return { mounted: true, retries: used };
        if (res.status === 202 && res.headers.location) {
          return {
            mounted: false,
            location: this.uploadLocation(res.headers.location, res.url),
            retries: used,
          };
        }
        this.logger.debug(
          `mount of ${digest} from ${mountFrom} answered HTTP ${res.status}; uploading instead`,
        );
      } catch (e) {
        // Harbor answers 401 for a missing source project, Docker Hub 400: upload instead.
        this.logger.debug(`mount of ${digest} from ${mountFrom} failed (${describe(e)}); uploading instead`);
      }
    }
    const res = await this.request({
      method: 'POST',
      path: 'blobs/uploads/',
      push: true,
      maxBytes: MAX_ERROR_BODY,
      retry: { ...retry, maxRetries: Math.max(0, retry.maxRetries - used) },
    });
    if (res.status !== 202 || !res.headers.location) {
      throw this.error(res, `start upload of ${digest}`);
    }
    return {
      mounted: false,
      location: this.uploadLocation(res.headers.location, res.url),
      retries: used + res.retries,
    };
  }

  /**
   * The upload URL a registry answered. Plain http from a registry reached over https is refused:
   * the bytes would go unencrypted, and it is nearly always a TLS-terminating proxy that does not
   * tell the registry the original scheme.
   */
  private uploadLocation(location: string, requestUrl: string): string {
    const u = new URL(location, requestUrl);
    if (u.protocol === 'http:' && new URL(requestUrl).protocol === 'https:') {
      throw new GateError({
        code: 'REGISTRY_INSECURE_UPLOAD',
        message: `${this.registry} is reached over https but answered an upload URL on plain http (${redactUrl(u.toString())})`,
        remedy:
          'A TLS-terminating proxy or load balancer in front of the registry must pass X-Forwarded-Proto: https (for Harbor, set external_url to the https URL); then run again. Nothing was uploaded.',
        kind: 'input',
      });
    }
    return u.toString();
  }

  /**
   * Push a blob: POST (mount first when asked), then one streaming PUT of `open()` with the digest
   * and size verified on the way. Each retry starts a fresh upload session. A content mismatch
   * throws BLOB_DIGEST_MISMATCH and is never retried.
   */
  async pushBlob(
    desc: Descriptor,
    open: () => Readable,
    opts: PushBlobOptions = {},
  ): Promise<PushBlobResult> {
    checkDigest(desc.digest);
    algorithmOf(desc.digest);
    const policy = this.client.http.retry;
    // One retry budget per blob, shared by the session POSTs (retried by the HTTP client) and the
    // fresh sessions after a failed PUT. Two separate budgets multiplied: 6 sessions of 6 POSTs
    // each, and 100 s to give up on a registry refusing every upload (docs/reliability.md).
    let left = policy.maxRetries;
    for (let attempt = 0; ; attempt++) {
      // A POST that fails after its retries is final: the budget is spent.
      const session = await this.startUpload(desc.digest, attempt === 0 ? opts.mountFrom : undefined, {
        ...policy,
        maxRetries: left,
      });
      left -= session.retries;
      if (session.mounted) return { uploaded: false, mounted: true };
      let progressed = 0;
      const onBytes = opts.onProgress
        ? (n: number): void => {
            progressed += n;
            opts.onProgress?.(n);
          }
        : undefined;
      try {
        await this.putBlob(session.location, desc, open, onBytes, opts.file);
        return { uploaded: true, mounted: false };
      } catch (e) {
        if (progressed > 0) opts.onProgress?.(-progressed);
        const retryable =
          !(isGate(e) && e.code === 'BLOB_DIGEST_MISMATCH') &&
          !(isGate(e) && e.code === 'BLOB_READ_FAILED') &&
          ((isGate(e) && e.code === 'REGISTRY_UNAVAILABLE') ||
            (isGate(e) && e.code === 'HTTP_NETWORK') ||
            (!isGate(e) && isRetryableNetworkError(e)) ||
            (isGate(e) && e.code === 'BLOB_UPLOAD_RETRY'));
        if (!retryable || left <= 0) {
          if (isGate(e) && e.code === 'BLOB_UPLOAD_RETRY') throw e.cause instanceof GateError ? e.cause : e;
          throw e;
        }
        left--;
        const delay = backoffDelay(policy, policy.maxRetries - left);
        this.logger.debug(`upload of ${desc.digest} failed (${describe(e)}); new session in ${delay} ms`);
        await this.client.clock.sleep(delay);
      }
    }
  }

  private async putBlob(
    location: string,
    desc: Descriptor,
    open: () => Readable,
    onBytes: ((n: number) => void) | undefined,
    file: FileRange | undefined,
  ): Promise<void> {
    const u = new URL(location);
    u.searchParams.set('digest', desc.digest);
    let verifier: { failure: GateError | undefined } | undefined;
    let sourceError: unknown;
    const what = `blob ${desc.digest}`;
    const body = (): Readable => {
      if (file) {
        const b = new FileUploadBody(file, desc, what, onBytes);
        verifier = b;
        b.on('error', () => {
          sourceError = b.sourceError;
        });
        return b;
      }
      const src = open();
      const v = new VerifyingStream(desc, what, onBytes);
      verifier = v;
      src.on('error', (e) => {
        sourceError = e;
        v.destroy(e);
      });
      v.on('close', () => {
        if (!src.destroyed) src.destroy();
      });
      return src.pipe(v);
    };
    let res: HttpResponse;
    try {
      res = await this.request({
        method: 'PUT',
        path: u.toString(),
        headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(desc.size) },
        body,
        push: true,
        noRetry: true,
        maxBytes: MAX_ERROR_BODY,
      });
    } catch (e) {
      this.cancelUpload(location);
      if (verifier?.failure) throw verifier.failure;
      if (sourceError !== undefined) throw readFailed(desc.digest, sourceError);
      throw e;
    }
    if (verifier?.failure) throw verifier.failure;
    if (sourceError !== undefined) throw readFailed(desc.digest, sourceError);
    if (res.status === 201 || res.status === 204 || res.status === 200) {
      const got = res.headers['docker-content-digest'];
      if (got && got !== desc.digest) {
        throw new GateError({
          code: 'REGISTRY_BAD_RESPONSE',
          message: `${this.registry} stored ${desc.digest} under the digest ${cleanText(got, 100)}`,
          remedy: 'The registry or a proxy in front of it altered the upload; check its configuration.',
          kind: 'infra',
        });
      }
      return;
    }
    const err = this.error(res, `upload of ${desc.digest}`);
    if (RETRYABLE_STATUS.has(res.status) || res.status === 404) {
      // A 5xx or an expired/unknown session: start a fresh one.
      throw new GateError({
        code: 'BLOB_UPLOAD_RETRY',
        message: err.message,
        remedy: err.remedy,
        kind: 'infra',
        cause: err,
      });
    }
    throw err;
  }

  private cancelUpload(location: string): void {
    this.request({ method: 'DELETE', path: location, push: true, response: 'discard', noRetry: true }).catch(
      () => undefined,
    );
  }

  /** Upload bytes held in memory (configs, SBOMs); skips when present. */
  async pushBlobBytes(bytes: Buffer, mediaType: string): Promise<Descriptor> {
    const desc: Descriptor = { mediaType, digest: digestOf(bytes), size: bytes.length };
    if (await this.blobExists(desc.digest)) return desc;
    await this.pushBlob(desc, () => Readable.from([bytes]));
    return desc;
  }

  /** GET a blob into memory (at most maxBytes), verified against the descriptor. */
  async fetchBlob(desc: Descriptor, maxBytes = DEFAULT_BLOB_FETCH_LIMIT): Promise<Buffer> {
    checkDigest(desc.digest);
    if (desc.size > maxBytes) {
      throw new GateError({
        code: 'BLOB_TOO_LARGE',
        message: `blob ${desc.digest} is ${desc.size} bytes, over the ${maxBytes} byte limit for reading it into memory`,
        remedy: 'The descriptor points at an unexpectedly large blob; check the artifact.',
        kind: 'input',
      });
    }
    const res = await this.request({
      method: 'GET',
      path: `blobs/${desc.digest}`,
      maxBytes: Math.max(desc.size, 0) + 1,
    });
    if (res.status === 404) {
      throw new GateError({
        code: 'BLOB_NOT_FOUND',
        message: `blob ${desc.digest} is not in ${this.registry}/${this.name}`,
        remedy: 'Push the image (with its blobs) again.',
        kind: 'input',
      });
    }
    if (res.status !== 200) throw this.error(res, `GET blob ${desc.digest}`);
    const got = digestOf(res.body, algorithmOf(desc.digest));
    if (got !== desc.digest || res.body.length !== desc.size) {
      throw digestMismatch(`blob ${desc.digest} from ${this.registry}`, desc.digest, got, {
        want: desc.size,
        got: res.body.length,
      });
    }
    return res.body;
  }

  /** A stream of a blob, verified as it is read (the stream errors on a mismatch). */
  async openBlob(desc: Descriptor): Promise<Readable> {
    checkDigest(desc.digest);
    const res = await this.request({ method: 'GET', path: `blobs/${desc.digest}`, response: 'stream' });
    if (res.status === 404) {
      res.stream?.destroy();
      throw new GateError({
        code: 'BLOB_NOT_FOUND',
        message: `blob ${desc.digest} is not in ${this.registry}/${this.name}`,
        remedy: 'Push the image (with its blobs) again.',
        kind: 'input',
      });
    }
    if (res.status !== 200 || !res.stream) {
      const body = res.stream ? await readSmall(res.stream) : res.body;
      throw this.error({ ...res, body, stream: undefined }, `GET blob ${desc.digest}`);
    }
    const v = new VerifyingStream(desc, `blob ${desc.digest} from ${this.registry}`);
    const src = res.stream;
    src.on('error', (e) => v.destroy(e));
    v.on('close', () => {
      if (!src.destroyed) src.destroy();
    });
    return src.pipe(v);
  }

  /** HEAD a manifest by tag or digest (GET when the HEAD lacks a digest). Undefined on 404. */
  async resolve(reference: string): Promise<Descriptor | undefined> {
    const res = await this.request({
      method: 'HEAD',
      path: `manifests/${reference}`,
      headers: { Accept: MANIFEST_ACCEPT },
    });
    if (res.status === 404) return undefined;
    if (res.status === 200) {
      const digest = res.headers['docker-content-digest'];
      const size = Number(res.headers['content-length'] ?? NaN);
      const mediaType = (res.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
      if (digest && isValidDigest(digest) && Number.isFinite(size) && mediaType) {
        if (reference.includes(':') && digest !== reference) {
          throw new GateError({
            code: 'REGISTRY_BAD_RESPONSE',
            message: `${this.registry} answered HEAD manifest ${reference} with the digest ${digest}`,
            remedy: 'The registry or a proxy in front of it is misbehaving; check its configuration.',
            kind: 'infra',
          });
        }
        return { mediaType, digest, size };
      }
    } else if (res.status !== 405 && res.status !== 400) {
      throw this.error(res, `HEAD manifest ${reference}`);
    }
    const m = await this.fetchManifest(reference);
    return m?.descriptor;
  }

  /** GET a manifest (≤ 4 MiB). Undefined on 404; verified against the digest when asked by digest. */
  async fetchManifest(
    reference: string,
    accept: string = MANIFEST_ACCEPT,
  ): Promise<ManifestBytes | undefined> {
    const byDigest = reference.includes(':');
    if (byDigest) checkDigest(reference);
    const res = await this.request({
      method: 'GET',
      path: `manifests/${reference}`,
      headers: { Accept: accept },
      maxBytes: MAX_MANIFEST_BYTES,
    });
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw this.error(res, `GET manifest ${reference}`);
    const bytes = res.body;
    const digest = digestOf(bytes, byDigest ? algorithmOf(reference) : 'sha256');
    if (byDigest && digest !== reference) {
      throw digestMismatch(`manifest ${reference} from ${this.registry}`, reference, digest);
    }
    const headerDigest = res.headers['docker-content-digest'];
    if (!byDigest && headerDigest && headerDigest.startsWith('sha256:') && headerDigest !== digest) {
      throw digestMismatch(`manifest ${reference} from ${this.registry}`, headerDigest, digest);
    }
    let mediaType = (res.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
    try {
      const parsed = JSON.parse(bytes.toString('utf8')) as { mediaType?: unknown };
      if (typeof parsed.mediaType === 'string' && parsed.mediaType) mediaType = parsed.mediaType;
    } catch (e) {
      throw new GateError({
        code: 'MANIFEST_INVALID',
        message: `manifest ${reference} from ${this.registry}/${this.name} is not JSON`,
        remedy: 'The registry returned something that is not a manifest; check the reference.',
        kind: 'infra',
        cause: e,
      });
    }
    return { descriptor: { mediaType, digest, size: bytes.length }, bytes };
  }

  /** PUT a manifest's exact bytes by tag or digest. */
  async pushManifest(
    reference: string,
    bytes: Buffer,
    mediaType: string,
  ): Promise<{ digest: string; headers: Record<string, string> }> {
    if (bytes.length > MAX_MANIFEST_BYTES) {
      throw new GateError({
        code: 'MANIFEST_TOO_LARGE',
        message: `the manifest is ${bytes.length} bytes; registries accept at most ${MAX_MANIFEST_BYTES}`,
        remedy: 'Reduce the number of layers, platforms or annotations.',
        kind: 'input',
      });
    }
    const digest = digestOf(bytes);
    if (reference.includes(':')) {
      checkDigest(reference);
      const want = digestOf(bytes, algorithmOf(reference));
      if (want !== reference) throw digestMismatch('manifest push', reference, want);
    }
    const put = (): Promise<HttpResponse> =>
      this.request({
        method: 'PUT',
        path: `manifests/${reference}`,
        headers: { 'Content-Type': mediaType },
        body: bytes,
        push: true,
        maxBytes: MAX_ERROR_BODY,
      });
    let res = await put();
    // distribution 2.8 can answer MANIFEST_BLOB_UNKNOWN for a blob that another client is linking
    // into the repository at that moment (seen in 1 of 48 concurrent pushes of one image). Every
    // blob was uploaded or found before the manifest, so ask again, briefly, before failing.
    for (const delayMs of MANIFEST_BLOB_RETRY_MS) {
      if (
        res.status !== 400 ||
        !parseRegistryErrors(res.body).some((e) => e.code === 'MANIFEST_BLOB_UNKNOWN')
      )
        break;
      this.logger.debug(`PUT manifest ${reference}: MANIFEST_BLOB_UNKNOWN, asking again in ${delayMs} ms`);
      await this.client.clock.sleep(delayMs);
      res = await put();
    }
    if (![200, 201, 202, 204].includes(res.status)) throw this.error(res, `PUT manifest ${reference}`);
    const got = res.headers['docker-content-digest'];
    if (got && got.startsWith('sha256:') && got !== digest) {
      throw new GateError({
        code: 'REGISTRY_BAD_RESPONSE',
        message: `${this.registry} stored the manifest under ${cleanText(got, 100)}, but its bytes hash to ${digest}`,
        remedy:
          'The registry rewrote the manifest; digests and signatures will not match. Check the registry.',
        kind: 'infra',
      });
    }
    return { digest, headers: res.headers };
  }

  /** DELETE a manifest by digest: true when deleted, false when absent. */
  async deleteManifest(digest: string): Promise<boolean> {
    checkDigest(digest);
    const res = await this.request({
      method: 'DELETE',
      path: `manifests/${digest}`,
      push: true,
      scopes: [repositoryScope(this.name, ['delete'])],
    });
    if (res.status === 202 || res.status === 200 || res.status === 204) return true;
    if (res.status === 404) return false;
    throw this.error(res, `DELETE manifest ${digest}`);
  }

  /** Every tag, following Link pagination (bounded). */
  async listTags(): Promise<string[]> {
    const tags: string[] = [];
    let path = 'tags/list';
    let query: Record<string, string> | undefined = { n: '1000' };
    for (let page = 0; page < MAX_TAG_PAGES; page++) {
      const res = await this.request({ method: 'GET', path, ...(query ? { query } : {}) });
      if (res.status === 404) return tags;
      if (res.status !== 200) throw this.error(res, 'list tags');
      let parsed: { tags?: unknown };
      try {
        parsed = JSON.parse(res.body.toString('utf8')) as { tags?: unknown };
      } catch (e) {
        throw new GateError({
          code: 'REGISTRY_BAD_RESPONSE',
          message: `the tag list of ${this.registry}/${this.name} is not JSON`,
          remedy: 'Check that the registry URL is right and no proxy rewrites its answers.',
          kind: 'infra',
          cause: e,
        });
      }
      if (Array.isArray(parsed.tags)) {
        for (const t of parsed.tags) if (typeof t === 'string') tags.push(t);
      }
      if (tags.length > MAX_TAGS) {
        throw new GateError({
          code: 'REGISTRY_BAD_RESPONSE',
          message: `${this.registry}/${this.name} lists more than ${MAX_TAGS} tags`,
          remedy: 'Clean up old tags (retention rules) in the repository.',
          kind: 'infra',
        });
      }
      const next = nextLink(res.headers.link);
      if (!next) return tags;
      const nextUrl = new URL(next, res.url);
      if (nextUrl.origin !== this.origin) return tags;
      path = nextUrl.toString();
      query = undefined;
    }
    return tags;
  }
}

/** The `rel="next"` target of a Link header. */
export function nextLink(link: string | undefined): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (m && /;\s*rel="?next"?/i.test(m[2] ?? '')) return m[1];
  }
  return undefined;
}

function checkDigest(d: string): void {
  if (!isValidDigest(d)) {
    throw inputError(
      'DIGEST_INVALID',
      `${JSON.stringify(d)} is not a valid digest`,
      'Digests look like sha256:<64 lower-case hex>.',
    );
  }
}

function readFailed(digest: string, cause: unknown): GateError {
  return new GateError({
    code: 'BLOB_READ_FAILED',
    message: `reading blob ${digest} from the image source failed: ${describe(cause)}`,
    remedy: 'Check that the image source is complete and readable (missing blob files, truncated archives).',
    kind: 'input',
    cause,
  });
}

async function readSmall(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const c of stream) {
    const b = c as Buffer;
    total += b.length;
    if (total > MAX_ERROR_BODY) {
      stream.destroy();
      break;
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}
