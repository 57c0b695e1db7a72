/**
 * Authenticated JSON requests to Harbor's API and the mapping of its answers to errors. All HTTP
 * goes through the injected HttpClient (no cookies: Harbor's CSRF check fires on a session
 * cookie). Text Harbor sends (error bodies) is cleaned before it enters a message.
 */
import { cleanText, type Clock } from '../core/index.js';
import { GateError, infraError, inputError } from '../errors.js';
import type { HttpClient, HttpResponse } from '../http/index.js';
import { isLoopbackHost, parseJson } from '../http/index.js';
import type { Logger } from '../logger.js';
import { asObject, isObject, optString, type Json } from './guards.js';
import { API_PREFIX } from './target.js';

export const JSON_LIMIT = 4 * 1024 * 1024;

export interface TransportOptions {
  http: HttpClient;
  baseUrl: string;
  username?: string;
  password?: string;
  logger: Logger;
  clock: Clock;
  /** Allow credentials over plain HTTP to a host that is not loopback. */
  plainHttp?: boolean;
}

export interface CallOptions {
  headers?: Record<string, string>;
  json?: unknown;
  maxBytes?: number;
  signal?: AbortSignal;
}

export class HarborTransport {
  readonly http: HttpClient;
  readonly baseUrl: string;
  readonly username: string | undefined;
  readonly logger: Logger;
  readonly clock: Clock;
  private readonly auth: string | undefined;
  private readonly cleartext: boolean;
  /** harbor_version once known (preflight or /systeminfo). */
  version: string | undefined;
  private versionRead: Promise<string | undefined> | undefined;
  /** systeminfo's auth_mode (db_auth, ldap_auth, oidc_auth, ...), anonymous-readable. */
  authMode: string | undefined;
  /** A deadline every call of this transport carries (see bound()). */
  readonly signal: AbortSignal | undefined;

  constructor(opts: TransportOptions) {
    this.http = opts.http;
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '').replace(/\/api\/v2\.0$/, '');
    this.username = opts.username;
    this.auth =
      opts.username !== undefined && opts.password !== undefined
        ? 'Basic ' + Buffer.from(`${opts.username}:${opts.password}`).toString('base64')
        : undefined;
    this.logger = opts.logger;
    this.clock = opts.clock;
    let url: URL | undefined;
    try {
      url = new URL(this.baseUrl);
    } catch {
      url = undefined;
    }
    this.cleartext =
      this.auth !== undefined &&
      opts.plainHttp !== true &&
      url?.protocol === 'http:' &&
      !isLoopbackHost(url.hostname);
  }

  /**
   * This transport with a deadline on every call it makes (a scan's --scan-timeout): the same
   * state (credentials, version), reached through the prototype.
   */
  bound(signal: AbortSignal): HarborTransport {
    const b = Object.create(this) as HarborTransport;
    Object.defineProperty(b, 'signal', { value: signal });
    return b;
  }

  async call(method: 'GET' | 'POST', path: string, opts: CallOptions = {}): Promise<HttpResponse> {
    if (this.cleartext) {
      throw inputError(
        'HARBOR_CLEARTEXT_CREDENTIALS',
        `refusing to send the credentials of ${this.who()} to ${this.baseUrl} over plain HTTP, where anyone on the network path can read them`,
        'Use an https:// Harbor URL (--harbor-url), or pass --plain-http if you accept that risk.',
      );
    }
    const headers: Record<string, string> = { Accept: 'application/json', ...(opts.headers ?? {}) };
    if (this.auth) headers.Authorization = this.auth;
    let body: string | undefined;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers['Content-Type'] = 'application/json';
    }
    try {
      return await this.http.request({
        method,
        url: `${this.baseUrl}${API_PREFIX}${path}`,
        headers,
        ...(body !== undefined ? { body } : {}),
        maxBytes: opts.maxBytes ?? JSON_LIMIT,
        maxRedirects: 0,
        ...(opts.signal || this.signal ? { signal: anySignal(opts.signal, this.signal) } : {}),
      });
    } catch (e) {
      if (e instanceof GateError && e.code === 'HTTP_PLAIN_HTTP') {
        const host = new URL(this.baseUrl).host;
        throw new GateError({
          code: 'HTTP_PLAIN_HTTP',
          message: `Harbor at ${host} answers plain HTTP, not HTTPS: use --plain-http (Action: plain-http: true) and --harbor-url http://${host} if that is intended`,
          remedy: `If Harbor at ${host} is meant to speak plain HTTP, pass --plain-http and --harbor-url http://${host}; if it should speak HTTPS, check the port and Harbor's TLS setup.`,
          kind: 'input',
          cause: e,
        });
      }
      if (e instanceof GateError && e.code === 'HTTP_NETWORK') {
        throw new GateError({
          code: 'HARBOR_UNREACHABLE',
          message: `Harbor at ${this.baseUrl} could not be reached: ${e.message}`,
          remedy:
            'Check --harbor-url (default: the image registry over HTTPS), DNS, firewall and proxy settings, and that Harbor is up.',
          kind: 'infra',
          cause: e,
        });
      }
      throw e;
    }
  }

  json(res: HttpResponse, what: string): unknown {
    const type = res.headers['content-type'] ?? '';
    if (/text\/html/i.test(type) || /^\s*</.test(res.body.subarray(0, 64).toString('utf8'))) {
      throw new GateError({
        code: 'HARBOR_NOT_HARBOR',
        message: `${this.baseUrl} answered the ${what} request with an HTML page (HTTP ${String(res.status)}), not Harbor's JSON API`,
        remedy:
          'Point --harbor-url at Harbor itself (not a login portal or proxy page), e.g. https://harbor.example.com.',
        kind: 'input',
      });
    }
    return parseJson(res, `Harbor's ${what}`);
  }

  /** Harbor's error text from {"errors":[{code,message}]}, bounded and cleaned; never echoes request data. */
  errorText(res: HttpResponse): string {
    try {
      const body = JSON.parse(res.body.subarray(0, 64 * 1024).toString('utf8')) as unknown;
      if (isObject(body) && Array.isArray(body.errors)) {
        const parts = body.errors
          .filter(isObject)
          .map((e) => [e.code, e.message].filter((x) => typeof x === 'string').join(': '))
          .filter((s) => s !== '');
        if (parts.length > 0) return cleanText(parts.join('; '), 400);
      }
    } catch {
      // not JSON: fall through
    }
    if (/text\/html/i.test(res.headers['content-type'] ?? '')) return 'an HTML page';
    const text = cleanText(res.body.subarray(0, 4096).toString('utf8').trim(), 200);
    return text === '' ? 'no details' : text.replace(/\s+/g, ' ');
  }

  /** What to check when Harbor refuses the given credentials. */
  credentialsRemedy(): string {
    const robot =
      "Robot accounts are named robot$<project>+<name> (escape the '$' in shells and CI YAML); disabled or expired robots are refused.";
    if (this.authMode === 'oidc_auth' && !this.username?.startsWith('robot$')) {
      return `This Harbor logs users in with OIDC: a user's CLI secret works for docker push but not for Harbor's API (scans, artifacts). Use a robot account. ${robot}`;
    }
    return `Check the username and password. ${robot}`;
  }

  who(): string {
    return this.username === undefined ? 'anonymous access' : `user ${cleanText(this.username, 200)}`;
  }

  /** Map the statuses every endpoint shares (401, 403, 5xx, anything unexpected) to errors. */
  fail(res: HttpResponse, action: string, permission: string): GateError {
    const detail = this.errorText(res);
    if (res.status === 401) {
      return new GateError({
        code: 'HARBOR_UNAUTHORIZED',
        message: `Harbor refused ${this.who()} to ${action} (HTTP 401: ${detail})`,
        remedy:
          this.username === undefined
            ? 'Give --username and the password (HARBOR_GATE_PASSWORD or --password-stdin); a robot account is best.'
            : this.credentialsRemedy(),
        kind: 'input',
        details: { status: 401 },
      });
    }
    if (res.status === 403) {
      return new GateError({
        code: 'HARBOR_FORBIDDEN',
        message: `Harbor did not allow ${this.who()} to ${action} (HTTP 403: ${detail})`,
        remedy: `Grant the robot account the project permission ${permission} (Harbor 2.10+: Projects > Robot Accounts > Edit), or check that the project exists.`,
        kind: 'input',
        details: { status: 403, permission },
      });
    }
    if (res.status >= 500) {
      // Harbor logs the cause under the request's id; an admin finds it with that.
      const header = res.headers['x-request-id'];
      const requestId = header ? cleanText(header, 100) : undefined;
      return infraError(
        'HARBOR_SERVER_ERROR',
        `Harbor failed to ${action} (HTTP ${String(res.status)}: ${detail}${requestId ? `; X-Request-Id ${requestId}` : ''})`,
        requestId
          ? `Harbor hides 5xx details: search its core and jobservice logs for ${requestId}, then run again.`
          : "Harbor hides 5xx details: check Harbor's core and jobservice logs, then run again.",
      );
    }
    return infraError(
      'HARBOR_UNEXPECTED_STATUS',
      `Harbor answered HTTP ${String(res.status)} when asked to ${action} (${detail})`,
      'Check that --harbor-url points at Harbor 2.x; run with --debug for details.',
    );
  }

  /** The URL answers, but not as Harbor: a plain registry, or another service. */
  notHarbor(why: string): GateError {
    return inputError(
      'HARBOR_NOT_FOUND',
      `there is no Harbor API at ${this.baseUrl}: ${why}. It looks like a plain registry or another service, not Harbor`,
      'Point --harbor-url at your Harbor (its API is under /api/v2.0), or pass --no-scan to push, attach and sign without a Harbor scan.',
    );
  }

  /** GET /systeminfo, checked to be Harbor's (a plain registry answers 404). */
  async systemInfo(): Promise<Json> {
    const res = await this.call('GET', '/systeminfo');
    if (res.status === 404) throw this.notHarbor(`GET ${API_PREFIX}/systeminfo answered HTTP 404`);
    if (res.status !== 200) throw this.fail(res, 'read /systeminfo', 'none');
    const body = this.json(res, 'systeminfo');
    if (!isObject(body) || !('auth_mode' in body || 'harbor_version' in body)) {
      throw this.notHarbor(`GET ${API_PREFIX}/systeminfo answered with JSON that is not Harbor's`);
    }
    return body;
  }

  /** harbor_version, from the preflight or else from /systeminfo (asked once); undefined if hidden. */
  async knownVersion(): Promise<string | undefined> {
    if (this.version !== undefined) return this.version;
    this.versionRead ??= (async () => {
      const info = await this.call('GET', '/systeminfo');
      if (info.status === 404) throw this.notHarbor(`GET ${API_PREFIX}/systeminfo answered HTTP 404`);
      if (info.status !== 200) return undefined;
      return optString(asObject(this.json(info, 'systeminfo'), 'systeminfo'), 'harbor_version', 'systeminfo');
    })();
    this.version ??= await this.versionRead;
    return this.version;
  }
}

function anySignal(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal {
  return a && b ? AbortSignal.any([a, b]) : (a ?? b)!;
}
