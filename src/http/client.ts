/**
 * The one HTTP client: axios underneath, keep-alive agents per client, proxies through CONNECT
 * (https-proxy-agent; axios's own proxy support sends HTTPS to a proxy without a tunnel), private
 * CAs, per-request idle timeouts, a retry policy for 408/429/5xx and network resets honouring
 * Retry-After, byte limits on every buffered body, no cookie jar, and manual redirects so that
 * Authorization never crosses origins. Body reading is in body.ts, the agents' TLS trust in
 * agents.ts, network-error diagnosis in diagnose.ts, URL helpers in url.ts, the request model in
 * request.ts, attempt deadlines in deadline.ts.
 */
import {
  cleanText,
  formatDuration,
  isDeadlineError,
  VERSION,
  systemClock,
  withRunning,
  type Clock,
} from '../core/index.js';
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
import { loopbackGuardedLookup, notLoopbackError } from './loopback.js';
import { GateError, describe, inputError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import { proxyEnvFrom, proxyFor, type ProxyEnv } from './proxy.js';
import {
  CLEANUP_DEADLINE_MS,
  DEFAULT_MAX_BYTES,
  MIN_TRANSFER_RATE,
  REQUEST_DEADLINE_MS,
  anySignal,
  attemptDeadlineMs,
  stalledError,
} from './deadline.js';
import type { HttpClientOptions, HttpRequest, HttpResponse } from './request.js';
import {
  DEFAULT_RETRY,
  RETRYABLE_STATUS,
  isRetryableNetworkError,
  parseRetryAfter,
  withRetry,
  type RetryPolicy,
} from './retry.js';

export type * from './request.js';
export {
  CLEANUP_DEADLINE_MS,
  DEFAULT_MAX_BYTES,
  MIN_TRANSFER_RATE,
  REQUEST_DEADLINE_MS,
} from './deadline.js';
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
  private readonly requestDeadlineMs: number;
  private readonly minRate: number;
  /** The run's signal (its deadline, a cancellation): every request of this client is cut by it. */
  readonly signal: AbortSignal | undefined;
  /** Requests in flight, for a deadline's message. */
  private readonly running = new Map<number, { what: string; since: number }>();
  private nextId = 0;

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
    this.requestDeadlineMs = opts.requestDeadlineMs ?? REQUEST_DEADLINE_MS;
    this.minRate = opts.minRateBytesPerSec ?? MIN_TRANSFER_RATE;
    this.signal = opts.signal;
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
    // Plain HTTP straight to a host: a loopback name must resolve only to loopback addresses.
    const lookup = url.protocol === 'http:' && !proxy ? loopbackGuardedLookup(this.lookup) : this.lookup;
    const common = {
      keepAlive: true,
      maxSockets: this.maxSockets,
      ...(this.ca ? { ca: this.ca } : {}),
      ...(lookup ? { lookup } : {}),
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
  async request(given: HttpRequest): Promise<HttpResponse> {
    const signal = given.cleanup || given.graceful ? given.signal : anySignal(given.signal, this.signal);
    const req: HttpRequest = {
      ...given,
      ...(signal ? { signal } : {}),
      ...(given.cleanup ? { deadlineMs: given.deadlineMs ?? CLEANUP_DEADLINE_MS } : {}),
    };
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
          ...(signal ? { signal } : {}),
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
      if (e instanceof GateError) throw e;
      const reason: unknown = signal?.aborted ? signal.reason : undefined;
      if (isDeadlineError(reason)) throw withRunning(reason, this.describeRequest(req.method, req.url));
      if (signal?.aborted) throw reason instanceof GateError ? reason : e;
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
      const off = notLoopbackError(e);
      if (off) {
        throw new GateError({
          code: 'HTTP_NOT_LOOPBACK',
          message: `${off.host} is a loopback name, but it resolves to ${off.addresses.join(', ')}: plain HTTP (and any credential) goes only to loopback addresses, so nothing was sent`,
          remedy: `Use https://, or address the service as 127.0.0.1 (or [::1]); if ${off.host} should be this machine, fix its resolution (/etc/hosts, DNS).`,
          kind: 'input',
          cause: e,
          details: { host: off.host, addresses: off.addresses },
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
    const seen = new Set<string>([`${method} ${url}`]);
    for (let hop = 0; ; hop++) {
      const res = await this.once({ ...req, url, method, body, headers });
      const location = res.headers.location;
      if (![301, 302, 303, 307, 308].includes(res.status) || !location || maxRedirects === 0) return res;
      res.stream?.destroy();
      const next = new URL(location, url);
      if (next.protocol !== 'https:' && next.protocol !== 'http:') return res;
      // A chain that comes back to a URL it already asked, or never ends: the server (or a proxy in
      // front of it) is misconfigured. An infrastructure fault, not the user's input.
      const nextMethod =
        res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')
          ? 'GET'
          : method;
      const key = `${nextMethod} ${next.toString()}`;
      if (seen.has(key) || hop >= maxRedirects) throw redirectLoop(req.url, next, hop + 1, seen.has(key));
      seen.add(key);
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
    // The attempt's total deadline, body included (deadline.ts).
    const deadlineMs = attemptDeadlineMs(req, this.requestDeadlineMs, this.minRate);
    const what = this.describeRequest(req.method, req.url);
    // Until the answer's headers arrive, an abort goes to axios; after, to the body stream (so the
    // reader sees this error, not axios's generic cancellation).
    const ac = new AbortController();
    let stalled: GateError | undefined;
    const answer: { stream?: Readable } = {};
    const cut = (e: Error): void => {
      if (answer.stream) answer.stream.destroy(e);
      else ac.abort(e);
    };
    const id = this.nextId++;
    this.running.set(id, { what, since: this.clock.now() });
    const timer = setTimeout(() => {
      stalled = stalledError(what, hostOf(req.url), deadlineMs);
      cut(stalled);
    }, deadlineMs);
    timer.unref();
    // An abort by the caller's deadline (the command's, the scan's) ends the body read too.
    const onOuterAbort = (): void => {
      const reason: unknown = req.signal?.reason;
      cut(isDeadlineError(reason) ? withRunning(reason, what) : (reason as Error));
    };
    if (req.signal?.aborted) onOuterAbort();
    else req.signal?.addEventListener('abort', onOuterAbort, { once: true });
    const cleanup = (): void => {
      clearTimeout(timer);
      this.running.delete(id);
      req.signal?.removeEventListener('abort', onOuterAbort);
    };
    const failure = (e: unknown): unknown => {
      if (stalled) return stalled;
      const reason: unknown = req.signal?.aborted ? req.signal.reason : undefined;
      if (isDeadlineError(reason)) return withRunning(reason, what);
      // A cancellation (SIGINT/SIGTERM) is reported as itself, not as axios's cancel error.
      if (reason instanceof GateError) return reason;
      return e;
    };
    let res: AxiosResponse<Readable>;
    try {
      res = await this.axios.request<Readable>({
        url: req.url,
        method: req.method,
        headers,
        data,
        timeout,
        signal: ac.signal,
        httpAgent: target.protocol === 'http:' ? this.agentFor(target) : undefined,
        httpsAgent: target.protocol === 'https:' ? this.agentFor(target) : undefined,
      });
    } catch (e) {
      cleanup();
      if (typeof req.body === 'function') (data as { destroy?: () => void }).destroy?.();
      throw failure(e);
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
    answer.stream = stream;
    if (req.response === 'stream') {
      // The caller reads the body: the deadline runs until the stream ends or is destroyed.
      stream.once('close', cleanup);
      if (stream.destroyed) cleanup();
      return { ...base, stream };
    }
    try {
      if (req.method === 'HEAD' || req.response === 'discard') {
        await drain(stream);
        if (stalled) throw stalled;
        return base;
      }
      base.body = await readLimited(stream, req.maxBytes ?? DEFAULT_MAX_BYTES, req.url, outHeaders);
      return base;
    } catch (e) {
      throw failure(e);
    } finally {
      cleanup();
    }
  }

  /** "GET registry.example.com/v2/app/referrers/sha256:…": the request as a message names it. */
  describeRequest(method: string, url: string): string {
    try {
      const u = new URL(url);
      return `${method} ${u.host}${cleanText(u.pathname, 200)}`;
    } catch {
      return `${method} (invalid URL)`;
    }
  }

  /** The requests in flight and for how long, e.g. for a deadline's message. */
  inFlight(): string[] {
    const now = this.clock.now();
    return [...this.running.values()].map((r) => `${r.what} (for ${formatDuration(now - r.since)})`);
  }
}

function redirectLoop(from: string, next: URL, hops: number, loop: boolean): GateError {
  const host = hostOf(from);
  return new GateError({
    code: 'HTTP_REDIRECT_LOOP',
    message: loop
      ? `redirect loop at ${host}: after ${hops} redirect(s) it sent the request back to ${redactUrl(next.toString())}, already visited`
      : `redirect loop at ${host}: more than ${hops - 1} redirects (the last to ${redactUrl(next.toString())})`,
    remedy:
      'The server or a proxy in front of it redirects in a circle (often an HTTP/HTTPS or trailing-slash rule, or a login redirect). Fix its configuration; check the URL points at the registry or Harbor itself.',
    kind: 'infra',
    details: { host, hops },
  });
}

const EMPTY = Buffer.alloc(0);
