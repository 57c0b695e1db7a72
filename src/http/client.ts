/**
 * The one HTTP client: axios underneath, keep-alive agents per client, proxies through CONNECT
 * (https-proxy-agent; axios's own proxy support sends HTTPS to a proxy without a tunnel), private
 * CAs, per-request idle timeouts, a retry policy for 408/429/5xx and network resets honouring
 * Retry-After, byte limits on every buffered body, no cookie jar, and manual redirects so that
 * Authorization never crosses origins. Body reading is in body.ts, the agents' TLS trust in
 * agents.ts, network-error diagnosis in diagnose.ts, URL helpers in url.ts.
 */
import { cleanText, VERSION, systemClock, type Clock } from '../core/index.js';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { HttpProxyAgent } from 'http-proxy-agent';
import { TunnelAgent, defaultCAs } from './agents.js';
import { drain, readLimited } from './body.js';
import {
  FAST_FAIL_MAX_DELAY_MS,
  FAST_FAIL_RETRIES,
  answersPlainHttp,
  diagnoseNetworkError,
  networkErrorCode,
  tlsCertificateError,
} from './diagnose.js';
import { hostOf, hostPort, isLoopbackHost, redactUrl } from './url.js';
import { GateError, describe, inputError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import { proxyEnvFrom, proxyFor, type ProxyEnv } from './proxy.js';
import {
  DEFAULT_RETRY,
  RETRYABLE_STATUS,
  isRetryableNetworkError,
  parseRetryAfter,
  withRetry,
  type RetryPolicy,
} from './retry.js';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A body: bytes, text, or a factory of fresh streams (so the request can be replayed on retry). */
export type HttpBody = Buffer | Uint8Array | string | (() => Readable);

export interface HttpRequest {
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  body?: HttpBody;
  /**
   * 'buffer' (default): read the body, at most maxBytes. 'stream': hand the stream to the caller,
   * who must consume or destroy it. 'discard': drain and drop it.
   */
  response?: 'buffer' | 'stream' | 'discard';
  /** Byte limit for 'buffer' responses (default 4 MiB). */
  maxBytes?: number;
  /** Socket idle timeout in ms (default: the client's). */
  timeoutMs?: number;
  /** Retry policy (default: the client's). A bare stream body cannot be replayed; use a factory. */
  retry?: RetryPolicy;
  /** Redirects to follow (default 5). With 0 the 3xx response is returned as is. */
  maxRedirects?: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** The final URL after redirects. */
  url: string;
  /** The body for 'buffer' responses (empty otherwise). */
  body: Buffer;
  /** The body stream for 'stream' responses. */
  stream?: Readable;
  /** Retries this request took (for progress and reliability figures). */
  retries: number;
}

export interface HttpClientOptions {
  userAgent?: string;
  retry?: RetryPolicy;
  timeoutMs?: number;
  /** Extra trusted CA certificates (PEM), added to the default trust store. */
  caPem?: string;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  /** Max sockets per host (keep-alive pool). */
  maxSockets?: number;
  /** Called before each retry sleep: for tests and progress. */
  onRetry?: (info: { url: string; attempt: number; delayMs: number; reason: string }) => void;
  /** The time source retries sleep on (default: the system clock); tests inject a fake one. */
  clock?: Clock;
  /** Host name resolution (default: the system's); tests map a non-loopback name to 127.0.0.1. */
  lookup?: LookupFunction;
}

export const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;
export { VERSION } from '../core/index.js';

export class HttpClient {
  readonly retry: RetryPolicy;
  private readonly axios: AxiosInstance;
  /** Warning texts already shown, by host. */
  private readonly warned = new Set<string>();
  private readonly userAgent: string;
  private readonly timeoutMs: number;
  private readonly proxyEnv: ProxyEnv;
  private readonly logger: Logger;
  private readonly agents = new Map<string, http.Agent>();
  private readonly ca: string[] | undefined;
  private readonly maxSockets: number;
  private readonly onRetry: HttpClientOptions['onRetry'];
  private readonly lookup: LookupFunction | undefined;
  readonly clock: Clock;

  constructor(opts: HttpClientOptions = {}) {
    this.retry = opts.retry ?? DEFAULT_RETRY;
    this.userAgent = opts.userAgent ?? `harbor-gate/${VERSION} (node ${process.version})`;
    this.timeoutMs = opts.timeoutMs ?? 60_000;
    this.proxyEnv = proxyEnvFrom(opts.env ?? process.env);
    this.logger = opts.logger ?? silentLogger;
    this.maxSockets = opts.maxSockets ?? 16;
    this.onRetry = opts.onRetry;
    this.lookup = opts.lookup;
    this.clock = opts.clock ?? systemClock;
    this.ca = opts.caPem ? [...defaultCAs(opts.env ?? process.env), opts.caPem] : undefined;
    // No cookie jar: axios in Node keeps none, and Harbor's CSRF check fires on a session cookie.
    this.axios = axios.create({
      proxy: false,
      maxRedirects: 0,
      validateStatus: () => true,
      // -1, not Infinity: axios 1.x puts a byte-counting Transform in front of every streamed body
      // for any other value, one more hop per chunk.
      maxBodyLength: -1,
      maxContentLength: -1,
      responseType: 'stream',
      decompress: true,
      transitional: { clarifyTimeoutError: true },
    });
  }

  /** Close pooled sockets (tests and CLI exit). */
  close(): void {
    for (const a of this.agents.values()) a.destroy();
    this.agents.clear();
  }

  private agentFor(url: URL): http.Agent {
    const proxy = proxyFor(url, this.proxyEnv);
    const key = `${url.protocol}|${proxy ?? ''}`;
    let agent = this.agents.get(key);
    if (agent) return agent;
    const common = {
      keepAlive: true,
      maxSockets: this.maxSockets,
      ...(this.ca ? { ca: this.ca } : {}),
      ...(this.lookup ? { lookup: this.lookup } : {}),
    };
    if (url.protocol === 'https:') {
      agent = proxy ? new TunnelAgent(proxy, common, this.ca) : new https.Agent(common);
    } else {
      agent = proxy ? new HttpProxyAgent(proxy, common) : new http.Agent(common);
    }
    if (proxy) this.logger.debug(`using proxy ${redactUrl(proxy)} for ${url.protocol}//${url.host}`);
    this.agents.set(key, agent);
    return agent;
  }

  /**
   * Send a request. Non-2xx statuses are returned, not thrown (callers map them to errors with
   * context); retryable statuses are retried first. Network failures that outlast the retry
   * budget throw GateError HTTP_NETWORK (exit 3).
   */
  async request(req: HttpRequest): Promise<HttpResponse> {
    const policy = req.retry ?? this.retry;
    let attempts = 0;
    let netCode: string | undefined;
    let networkRetry = false;
    try {
      const { value, retries } = await withRetry(
        (n) => {
          attempts = n + 1;
          return this.followRedirects(req);
        },
        {
          policy,
          clock: this.clock,
          ...(req.signal ? { signal: req.signal } : {}),
          retryResult: (res) => {
            if (!RETRYABLE_STATUS.has(res.status)) return undefined;
            const after = parseRetryAfter(res.headers['retry-after'], this.clock.now());
            const reason = `HTTP ${res.status}`;
            return after === undefined ? { reason } : { reason, retryAfterMs: after };
          },
          retryError: (e) => {
            if (e instanceof GateError || !isRetryableNetworkError(e)) return undefined;
            netCode = networkErrorCode(e);
            // Nobody listening, or no such host: a few quick tries, not the whole budget (a
            // service that is down or a wrong port will not answer in the next 15 s either).
            const fast = netCode === 'ECONNREFUSED' || netCode === 'EAI_AGAIN';
            return fast
              ? { reason: describe(e), maxRetries: FAST_FAIL_RETRIES, maxDelayMs: FAST_FAIL_MAX_DELAY_MS }
              : { reason: describe(e) };
          },
          onRetry: (info, dropped) => {
            networkRetry = dropped === undefined;
            if (dropped) {
              dropped.stream?.destroy();
              this.noteRetry(req.url, info.attempt, info.delayMs, info.reason);
            } else {
              this.onRetry?.({ url: req.url, ...info });
            }
          },
          // A network retry is announced when it starts, not before its sleep: a request given up
          // meanwhile (the run failed on another request) leaves no "retrying" line behind.
          onRetryStart: (info) => {
            if (!networkRetry) return;
            const fast = netCode === 'ECONNREFUSED' || netCode === 'EAI_AGAIN';
            const of = fast ? Math.min(policy.maxRetries, FAST_FAIL_RETRIES) : policy.maxRetries;
            this.noteNetworkRetry(req.url, info.attempt, of, info.delayMs, info.reason);
          },
        },
      );
      value.retries = retries;
      return value;
    } catch (e) {
      if (e instanceof GateError || req.signal?.aborted) throw e;
      if (new URL(req.url).protocol === 'https:' && answersPlainHttp(e)) {
        const hp = hostOf(req.url);
        throw new GateError({
          code: 'HTTP_PLAIN_HTTP',
          message: `${hp} answers plain HTTP, not HTTPS: use --plain-http (Action: plain-http: true) if that is intended`,
          remedy: `If ${hp} is meant to speak plain HTTP, pass --plain-http (for Harbor also an http:// --harbor-url); if it should speak HTTPS, check the port and the server's TLS setup.`,
          kind: 'input',
          cause: e,
          details: { host: hp },
        });
      }
      const tls = tlsCertificateError(e);
      if (tls !== undefined) {
        throw new GateError({
          code: 'TLS_UNTRUSTED',
          message: `the TLS certificate of ${hostOf(req.url)} is not trusted (${tls}): ${describe(e)}`,
          remedy:
            'If the host uses a private CA (common for Harbor), pass its certificate with --ca-file FILE (the ca-file input of the Action) or NODE_EXTRA_CA_CERTS; check that the host name matches the certificate and that it has not expired.',
          kind: 'input',
          cause: e,
          details: { host: hostOf(req.url), reason: tls },
        });
      }
      const net = networkErrorCode(e);
      const diagnosis = diagnoseNetworkError(req.url, net, attempts);
      if (diagnosis) {
        throw new GateError({
          code: 'HTTP_NETWORK',
          ...diagnosis,
          kind: 'infra',
          cause: e,
          details: { host: hostOf(req.url), attempts, reason: net },
        });
      }
      throw new GateError({
        code: 'HTTP_NETWORK',
        message: `${req.method} ${hostOf(req.url)} failed after ${attempts} attempt(s): ${describe(e)}`,
        remedy:
          'Check that the host is reachable from this machine (DNS, firewall, HTTPS_PROXY/NO_PROXY) and that it is up; then run again.',
        kind: 'infra',
        cause: e,
        details: { host: hostOf(req.url), attempts },
      });
    }
  }

  /**
   * Registries send deprecation and policy notices as `Warning: 299 - "text"`, which the
   * distribution spec says clients should show, once each.
   */
  private showWarnings(host: string, header: string): void {
    for (const m of header.matchAll(/\b299\s+\S+\s+"((?:[^"\\]|\\.)*)"/g)) {
      const text = (m[1] ?? '').replace(/\\(.)/g, '$1').slice(0, 500);
      const key = `${host} ${text}`;
      if (text === '' || this.warned.has(key)) continue;
      this.warned.add(key);
      this.logger.warn(`${host} says: ${text}`);
    }
  }

  /** A network error is worth a visible line: the run is waiting, and the user should know on what. */
  private noteNetworkRetry(url: string, attempt: number, of: number, delayMs: number, reason: string): void {
    this.logger.info(
      `${hostPort(url)}: retry ${attempt} of ${of} after ${cleanText(reason, 200)} (waited ${(delayMs / 1000).toFixed(1)} s)`,
    );
  }

  private noteRetry(url: string, attempt: number, delayMs: number, reason: string): void {
    this.logger.debug(`retry ${attempt} of ${redactUrl(url)} in ${delayMs} ms (${reason})`);
    this.onRetry?.({ url, attempt, delayMs, reason });
  }

  private async followRedirects(req: HttpRequest): Promise<HttpResponse> {
    let url = req.url;
    let method = req.method;
    let body = req.body;
    const headers = { ...(req.headers ?? {}) };
    const maxRedirects = req.maxRedirects ?? 5;
    for (let hop = 0; ; hop++) {
      const res = await this.once({ ...req, url, method, body, headers });
      const location = res.headers.location;
      if (![301, 302, 303, 307, 308].includes(res.status) || !location || hop >= maxRedirects) return res;
      res.stream?.destroy();
      const next = new URL(location, url);
      if (next.protocol !== 'https:' && next.protocol !== 'http:') return res;
      if (new URL(url).protocol === 'https:' && next.protocol === 'http:' && !isLoopbackHost(next.hostname)) {
        throw inputError(
          'HTTP_INSECURE_REDIRECT',
          `${hostOf(url)} redirected from HTTPS to plain HTTP (${next.host})`,
          'Refusing to downgrade to plain HTTP. Fix the server or proxy configuration.',
        );
      }
      if (next.origin !== new URL(url).origin) {
        // Credentials never follow a redirect to another origin (S3-style blob storage, CDNs).
        for (const h of Object.keys(headers)) {
          if (h.toLowerCase() === 'authorization' || h.toLowerCase() === 'cookie')
            Reflect.deleteProperty(headers, h);
        }
      }
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
        for (const h of Object.keys(headers)) {
          if (/^content-(type|length)$/i.test(h)) Reflect.deleteProperty(headers, h);
        }
      }
      url = next.toString();
    }
  }

  private async once(req: HttpRequest & { url: string }): Promise<HttpResponse> {
    const target = new URL(req.url);
    const headers: Record<string, string> = { 'User-Agent': this.userAgent, ...(req.headers ?? {}) };
    let data: unknown = undefined;
    if (req.body !== undefined) {
      data = typeof req.body === 'function' ? req.body() : req.body;
      if (typeof req.body === 'string' || Buffer.isBuffer(req.body) || req.body instanceof Uint8Array) {
        headers['Content-Length'] ??= String(Buffer.byteLength(req.body));
      }
    } else if (req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH') {
      headers['Content-Length'] ??= '0';
    }
    const timeout = req.timeoutMs ?? this.timeoutMs;
    let res: AxiosResponse<Readable>;
    try {
      res = await this.axios.request<Readable>({
        url: req.url,
        method: req.method,
        headers,
        data,
        timeout,
        signal: req.signal,
        httpAgent: target.protocol === 'http:' ? this.agentFor(target) : undefined,
        httpsAgent: target.protocol === 'https:' ? this.agentFor(target) : undefined,
      });
    } catch (e) {
      if (typeof req.body === 'function') (data as { destroy?: () => void }).destroy?.();
      throw e;
    }
    const outHeaders: Record<string, string> = {};
    for (const [k, v] of Object.entries(
      res.headers as Record<string, string | number | string[] | undefined>,
    )) {
      if (v === undefined) continue;
      outHeaders[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
    }
    if (outHeaders.warning) this.showWarnings(target.host, outHeaders.warning);
    const base: HttpResponse = {
      status: res.status,
      headers: outHeaders,
      url: req.url,
      body: EMPTY,
      retries: 0,
    };
    const stream = res.data;
    if (req.method === 'HEAD' || req.response === 'discard') {
      await drain(stream);
      return base;
    }
    if (req.response === 'stream') return { ...base, stream };
    base.body = await readLimited(stream, req.maxBytes ?? DEFAULT_MAX_BYTES, req.url, outHeaders);
    return base;
  }
}

const EMPTY = Buffer.alloc(0);
