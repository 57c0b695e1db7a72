/**
 * Registry authentication: WWW-Authenticate challenges (Basic, Bearer), the token GET flow with
 * repeated scope= and Basic credentials, the OAuth2 POST flow for identity tokens (GET on 404),
 * a token cache per registry + scope set with expiry, and bearer realm validation.
 */
import { GateError, describe, inputError } from '../errors.js';
import { HttpClient, hostOf, isLoopbackHost, parseJson, redactUrl } from '../http/index.js';
import { silentLogger, type Logger, type Redactor } from '../logger.js';
import type { Credential, CredentialProvider } from './credentials.js';

export interface Challenge {
  /** Lower-cased scheme: 'basic', 'bearer', ... */
  scheme: string;
  /** Lower-cased parameter names. */
  params: Record<string, string>;
}

/**
 * Parse a WWW-Authenticate value: one or more challenges, `Scheme k=v, k="quoted, \"v\""`.
 * Challenges are separated by commas too, so a token followed by a space starts a new one.
 */
export function parseChallenges(header: string): Challenge[] {
  const out: Challenge[] = [];
  let i = 0;
  const n = header.length;
  const skipWs = (): void => {
    while (i < n && (header[i] === ' ' || header[i] === '\t')) i++;
  };
  let current: Challenge | undefined;
  while (i < n) {
    skipWs();
    if (header[i] === ',') {
      i++;
      continue;
    }
    const start = i;
    while (i < n && /[!#$%&'*+.^_`|~0-9A-Za-z-]/.test(header[i] ?? '')) i++;
    const token = header.slice(start, i);
    if (token === '') {
      i++;
      continue;
    }
    skipWs();
    if (header[i] === '=' && current) {
      i++;
      skipWs();
      let value = '';
      if (header[i] === '"') {
        i++;
        while (i < n && header[i] !== '"') {
          if (header[i] === '\\' && i + 1 < n) i++;
          value += header.charAt(i);
          i++;
        }
        i++;
      } else {
        const vs = i;
        while (i < n && header[i] !== ',' && header[i] !== ' ') i++;
        value = header.slice(vs, i);
      }
      current.params[token.toLowerCase()] = value;
    } else if (header[i] === '=' && !current) {
      // A parameter before any scheme: malformed; skip its value.
      while (i < n && header[i] !== ',') i++;
    } else {
      current = { scheme: token.toLowerCase(), params: {} };
      out.push(current);
      // token68 form (e.g. "Negotiate abc=="): a bare token after the scheme.
      const save = i;
      const t68 = /^[A-Za-z0-9._~+/-]+=*(?=\s*(,|$))/.exec(header.slice(i));
      if (t68 && !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+\s*=[^=]/.test(header.slice(i))) {
        current.params.token68 = t68[0];
        i = save + t68[0].length;
      }
    }
  }
  return out;
}

/** A scope string `repository:<name>:<actions>`. */
export function repositoryScope(name: string, actions: string[]): string {
  return `repository:${name}:${actions.join(',')}`;
}

/**
 * Merge scopes: one entry per resource, actions united (`repository:a:pull` + `repository:a:push`
 * -> `repository:a:pull,push`), in first-seen order (some registries read only the first scope).
 */
export function mergeScopes(...lists: string[][]): string[] {
  const order: string[] = [];
  const actions = new Map<string, string[]>();
  for (const list of lists) {
    for (const raw of list) {
      for (const scope of raw.split(' ').filter(Boolean)) {
        const last = scope.lastIndexOf(':');
        if (last <= 0) continue;
        const resource = scope.slice(0, last);
        const acts = scope
          .slice(last + 1)
          .split(',')
          .filter(Boolean);
        let have = actions.get(resource);
        if (!have) {
          have = [];
          actions.set(resource, have);
          order.push(resource);
        }
        for (const a of acts) if (!have.includes(a)) have.push(a);
      }
    }
  }
  return order.map((r) => `${r}:${(actions.get(r) ?? []).join(',')}`);
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

export interface AuthenticatorOptions {
  http: HttpClient;
  credentials?: CredentialProvider;
  logger?: Logger;
  /** OAuth2 client_id for the POST flow. */
  clientId?: string;
  /** Every token issued at run time is registered here, so no output can carry it. */
  redactor?: Redactor;
  now?: () => number;
}

interface HostState {
  /** The last challenge seen for this registry: lets us authorize up front. */
  challenge?: Challenge;
  credential?: Promise<Credential | undefined>;
  /** Set once the credential lookup settled: whether there was one to send. */
  credentialGiven?: boolean;
  /** A token service issued a token for these credentials (so it accepted them). */
  tokenIssued?: boolean;
}

/** What was sent to a registry, for error messages: were credentials given, and how. */
export interface AuthState {
  credentialGiven: boolean;
  scheme?: 'basic' | 'bearer' | undefined;
  /** A token service issued a token for the credentials (it accepted them). */
  tokenIssued: boolean;
}

const TOKEN_MAX_BYTES = 1024 * 1024;

/** Per-client auth state: challenges per registry, cached tokens, credentials looked up once per host. */
export class Authenticator {
  private readonly http: HttpClient;
  private readonly credentials: CredentialProvider | undefined;
  private readonly logger: Logger;
  private readonly clientId: string;
  private readonly now: () => number;
  private readonly hosts = new Map<string, HostState>();
  private readonly tokens = new Map<string, Promise<CachedToken>>();
  private readonly warnedRealms = new Set<string>();
  private readonly redactor: Redactor | undefined;

  constructor(opts: AuthenticatorOptions) {
    this.http = opts.http;
    this.credentials = opts.credentials;
    this.logger = opts.logger ?? silentLogger;
    this.clientId = opts.clientId ?? 'harbor-gate';
    this.redactor = opts.redactor;
    this.now = opts.now ?? Date.now;
  }

  private host(registry: string): HostState {
    let s = this.hosts.get(registry);
    if (!s) {
      s = {};
      this.hosts.set(registry, s);
    }
    return s;
  }

  credentialFor(registry: string): Promise<Credential | undefined> {
    const s = this.host(registry);
    s.credential ??= (this.credentials ? this.credentials(registry) : Promise.resolve(undefined)).then(
      (c) => {
        s.credentialGiven = c !== undefined;
        return c;
      },
    );
    return s.credential;
  }

  /** What this client sent to a registry so far (for telling "no credentials" from "no access"). */
  state(registry: string): AuthState {
    const s = this.host(registry);
    const scheme = s.challenge?.scheme;
    return {
      credentialGiven: s.credentialGiven === true,
      scheme: scheme === 'basic' || scheme === 'bearer' ? scheme : undefined,
      tokenIssued: s.tokenIssued === true,
    };
  }

  /** Whether a challenge for this registry is known (so requests can be authorized up front). */
  knowsChallenge(registry: string): boolean {
    return this.host(registry).challenge !== undefined;
  }

  /**
   * The Authorization header for a request with these scopes, from the known challenge (undefined
   * when none is known yet or the registry needs no auth).
   */
  async authorization(registry: string, scopes: string[]): Promise<string | undefined> {
    const s = this.host(registry);
    const cred = await this.credentialFor(registry);
    if (cred && 'registryToken' in cred) return `Bearer ${cred.registryToken}`;
    const ch = s.challenge;
    if (!ch) return undefined;
    if (ch.scheme === 'basic') return basicHeader(cred);
    if (ch.scheme === 'bearer') {
      const token = await this.token(registry, ch, scopes, cred);
      return `Bearer ${token}`;
    }
    return undefined;
  }

  /**
   * Handle a 401: record the challenge, drop the cached token for these scopes (it expired or
   * lacked a scope) and return the header to retry with, or undefined if we cannot answer it.
   */
  async onUnauthorized(
    registry: string,
    wwwAuthenticate: string | undefined,
    scopes: string[],
    /** The refused request carried a token: drop it from the cache. */
    hadAuthorization = true,
  ): Promise<{ header: string; scopes: string[] } | undefined> {
    const challenges = parseChallenges(wwwAuthenticate ?? '');
    const ch = challenges.find((c) => c.scheme === 'bearer') ?? challenges.find((c) => c.scheme === 'basic');
    if (!ch) return undefined;
    const cred = await this.credentialFor(registry);
    if (ch.scheme === 'basic') {
      this.host(registry).challenge = ch;
      const h = basicHeader(cred);
      return h ? { header: h, scopes } : undefined;
    }
    validateRealm(registry, ch.params.realm, this.logger, this.warnedRealms);
    const challenged = ch.params.scope ? ch.params.scope.split(' ').filter(Boolean) : [];
    // Our scopes first (push scope first), then what the registry asked for.
    const merged = mergeScopes(scopes, challenged);
    const prior = this.host(registry).challenge;
    this.host(registry).challenge = { scheme: 'bearer', params: { ...ch.params } };
    // Parallel first requests all meet the challenge: they share one token fetch. Only a request
    // refused *with* a token means that token expired or lacked a scope.
    if (prior && hadAuthorization) this.tokens.delete(this.cacheKey(registry, ch, merged));
    const token = await this.token(registry, ch, merged, cred);
    return { header: `Bearer ${token}`, scopes: merged };
  }

  private cacheKey(registry: string, ch: Challenge, scopes: string[]): string {
    return [registry, ch.params.realm ?? '', ch.params.service ?? '', ...[...scopes].sort()].join('\n');
  }

  private async token(
    registry: string,
    ch: Challenge,
    scopes: string[],
    cred: Credential | undefined,
  ): Promise<string> {
    const key = this.cacheKey(registry, ch, scopes);
    const cached = this.tokens.get(key);
    if (cached) {
      try {
        const t = await cached;
        if (t.expiresAt > this.now()) return t.token;
      } catch {
        // A failed fetch is not cached; fetch again below.
      }
      if (this.tokens.get(key) === cached) this.tokens.delete(key);
    }
    const p = this.fetchToken(registry, ch, scopes, cred);
    this.tokens.set(key, p);
    try {
      const t = (await p).token;
      if (cred) this.host(registry).tokenIssued = true;
      return t;
    } catch (e) {
      if (this.tokens.get(key) === p) this.tokens.delete(key);
      throw e;
    }
  }

  private async fetchToken(
    registry: string,
    ch: Challenge,
    scopes: string[],
    cred: Credential | undefined,
  ): Promise<CachedToken> {
    const realm = validateRealm(registry, ch.params.realm, this.logger, this.warnedRealms);
    const service = ch.params.service;
    const started = this.now();
    if (cred && 'identityToken' in cred) {
      const form = new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: cred.identityToken,
        client_id: this.clientId,
        ...(service ? { service } : {}),
      });
      if (scopes.length > 0) form.set('scope', scopes.join(' '));
      const res = await this.http.request({
        method: 'POST',
        url: realm.toString(),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: form.toString(),
        maxBytes: TOKEN_MAX_BYTES,
        maxRedirects: 0,
      });
      if (res.status !== 404 && res.status !== 405) {
        return this.readToken(res, registry, started);
      }
      this.logger.debug(`token endpoint ${redactUrl(realm.toString())} has no OAuth2 POST; using GET`);
    }
    const url = new URL(realm.toString());
    if (service) url.searchParams.set('service', service);
    for (const s of scopes) url.searchParams.append('scope', s);
    const headers: Record<string, string> = { Accept: 'application/json' };
    const basic =
      cred && 'identityToken' in cred
        ? basicHeader({ username: cred.username ?? '<token>', password: cred.identityToken })
        : basicHeader(cred);
    if (basic) headers.Authorization = basic;
    const res = await this.http.request({
      method: 'GET',
      url: url.toString(),
      headers,
      maxBytes: TOKEN_MAX_BYTES,
      maxRedirects: 0,
    });
    return this.readToken(res, registry, started);
  }

  private readToken(
    res: Awaited<ReturnType<HttpClient['request']>>,
    registry: string,
    started: number,
  ): CachedToken {
    if (res.status === 401 || res.status === 403) {
      throw new GateError({
        code: 'AUTH_FAILED',
        message: `the token service ${hostOf(res.url)} refused the credentials for ${registry} (HTTP ${res.status})`,
        remedy:
          'Check the user name and password (robot accounts look like robot$project+name; quote the $ in shells) and that the account may access the repository.',
        kind: 'input',
        details: { registry, status: res.status },
      });
    }
    if (res.status < 200 || res.status >= 300) {
      throw new GateError({
        code: 'AUTH_TOKEN_FAILED',
        message: `the token service ${hostOf(res.url)} for ${registry} answered HTTP ${res.status}`,
        remedy: 'Check that the registry and its token service are up, then run again.',
        kind: 'infra',
        details: { registry, status: res.status },
      });
    }
    const body = parseJson(res, 'the token response') as {
      token?: unknown;
      access_token?: unknown;
      expires_in?: unknown;
    };
    const token =
      typeof body.token === 'string' && body.token !== ''
        ? body.token
        : typeof body.access_token === 'string'
          ? body.access_token
          : '';
    if (token === '') {
      throw new GateError({
        code: 'AUTH_TOKEN_FAILED',
        message: `the token response from ${hostOf(res.url)} carries no token`,
        remedy: "Check that the registry's token realm points at a Docker-compatible token service.",
        kind: 'infra',
      });
    }
    const expiresIn =
      typeof body.expires_in === 'number' && Number.isFinite(body.expires_in) && body.expires_in > 0
        ? body.expires_in
        : 60;
    // Refresh 10 s (or a fifth of the lifetime) early so a token does not expire mid-request.
    const margin = Math.min(10, expiresIn / 5) * 1000;
    this.redactor?.add(token);
    return { token, expiresAt: started + expiresIn * 1000 - margin };
  }
}

function basicHeader(cred: Credential | undefined): string | undefined {
  if (!cred || !('password' in cred)) return undefined;
  return `Basic ${Buffer.from(`${cred.username}:${cred.password}`).toString('base64')}`;
}

/**
 * A bearer realm must be an absolute http(s) URL; plain http only on a loopback host. A realm on
 * another host than the registry is legitimate (Docker Hub, some Harbor set-ups) but worth a warning,
 * since the credentials go there.
 */
export function validateRealm(
  registry: string,
  realm: string | undefined,
  logger: Logger = silentLogger,
  warned?: Set<string>,
): URL {
  let url: URL;
  try {
    if (!realm) throw new Error('no realm');
    url = new URL(realm);
  } catch (e) {
    throw new GateError({
      code: 'AUTH_BAD_REALM',
      message: `${registry} sent a Bearer challenge without a valid realm URL (${describe(e)})`,
      remedy: 'The registry is misconfigured: its token realm must be an absolute https URL.',
      kind: 'infra',
      cause: e,
    });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw inputError(
      'AUTH_BAD_REALM',
      `${registry} sent a token realm with the scheme ${url.protocol} (only http and https are allowed)`,
      "Refusing to send credentials there. Fix the registry's auth.token.realm setting.",
    );
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw inputError(
      'AUTH_BAD_REALM',
      `${registry} sent a plain-http token realm (${url.host}); credentials would travel unencrypted`,
      'Configure the registry with an https token realm (Harbor: set external_url to https).',
    );
  }
  const registryHost = registry.toLowerCase();
  if (url.host.toLowerCase() !== registryHost && !(warned?.has(url.host) ?? false)) {
    warned?.add(url.host);
    logger.warn(
      `${registry} asks for tokens from another host (${url.host}); credentials for ${registry} are sent there`,
    );
  }
  return url;
}
