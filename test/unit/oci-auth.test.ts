import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { GateError } from '../../src/errors.js';
import { HttpClient } from '../../src/http/client.js';
import type { Logger } from '../../src/logger.js';
import { mergeScopes, parseChallenges, validateRealm } from '../../src/oci/auth.js';
import { staticCredentials, type Credential } from '../../src/oci/credentials.js';
import { RegistryClient } from '../../src/oci/registry.js';

describe('parseChallenges', () => {
  it.each([
    [
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push"',
      [
        {
          scheme: 'bearer',
          params: {
            realm: 'https://auth.docker.io/token',
            service: 'registry.docker.io',
            scope: 'repository:samalba/my-app:pull,push',
          },
        },
      ],
    ],
    ['Basic realm="basic-realm"', [{ scheme: 'basic', params: { realm: 'basic-realm' } }]],
    ['basic REALM=plain', [{ scheme: 'basic', params: { realm: 'plain' } }]],
    [
      'Basic realm="a, b", Bearer realm="https://h/t", service=h',
      [
        { scheme: 'basic', params: { realm: 'a, b' } },
        { scheme: 'bearer', params: { realm: 'https://h/t', service: 'h' } },
      ],
    ],
    ['Bearer realm="q\\"x"', [{ scheme: 'bearer', params: { realm: 'q"x' } }]],
    [
      'Negotiate abc==, Basic realm=r',
      [
        { scheme: 'negotiate', params: { token68: 'abc==' } },
        { scheme: 'basic', params: { realm: 'r' } },
      ],
    ],
    ['', []],
  ])('%s', (header, want) => {
    expect(parseChallenges(header)).toEqual(want);
  });
});

describe('mergeScopes', () => {
  it('unites actions per resource, first seen first', () => {
    expect(
      mergeScopes(
        ['repository:a/b:pull,push', 'repository:c:pull'],
        ['repository:a/b:pull repository:host:5000/x:pull', 'repository:c:push'],
      ),
    ).toEqual(['repository:a/b:pull,push', 'repository:c:pull,push', 'repository:host:5000/x:pull']);
  });
});

describe('validateRealm', () => {
  const warnings: string[] = [];
  const logger: Logger = {
    debug: () => undefined,
    info: () => undefined,
    error: () => undefined,
    warn: (m) => warnings.push(m),
  };
  it('accepts https and loopback http, warns once for another host, refuses the rest', () => {
    expect(validateRealm('r.io', 'https://r.io/service/token', logger).host).toBe('r.io');
    expect(warnings).toEqual([]);
    const seen = new Set<string>();
    validateRealm('r.io', 'https://auth.r.io/token', logger, seen);
    validateRealm('r.io', 'https://auth.r.io/token', logger, seen);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('auth.r.io');
    expect(validateRealm('127.0.0.1:5000', 'http://127.0.0.1:5001/token', logger).port).toBe('5001');
    for (const bad of [
      'http://auth.r.io/token',
      'file:///etc/passwd',
      'ftp://r.io/t',
      'not a url',
      undefined,
    ]) {
      expect(() => validateRealm('r.io', bad, logger)).toThrow(GateError);
    }
  });
});

interface Seen {
  method: string;
  url: string;
  authorization?: string;
  body: string;
}

/** A tiny registry + token server on loopback: GET /v2/<repo>/tags/list needs a Bearer token. */
async function tokenRegistry(opts: {
  oauth?: boolean;
  expiresIn?: number;
  users?: Record<string, string>;
  challengeScope?: boolean;
}): Promise<{ host: string; seen: Seen[]; tokens: string[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const tokens: string[] = [];
  let n = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        body,
      });
      const url = new URL(req.url ?? '/', 'http://x');
      const host = req.headers.host ?? '';
      if (url.pathname === '/token') {
        let scopes: string[];
        if (req.method === 'POST') {
          if (!opts.oauth) {
            res.writeHead(404).end();
            return;
          }
          const form = new URLSearchParams(body);
          if (form.get('grant_type') !== 'refresh_token' || form.get('refresh_token') !== 'id-token-1') {
            res.writeHead(401).end();
            return;
          }
          scopes = (form.get('scope') ?? '').split(' ');
        } else {
          const auth = req.headers.authorization ?? '';
          const [u, p] = Buffer.from(auth.replace(/^Basic /, ''), 'base64')
            .toString()
            .split(':');
          if (opts.users && (u === undefined || opts.users[u] !== p)) {
            res.writeHead(401).end();
            return;
          }
          scopes = url.searchParams.getAll('scope');
        }
        const token = `tok${++n}|${[...scopes].sort().join(' ')}`;
        tokens.push(token);
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify(
            req.method === 'POST'
              ? { access_token: token, expires_in: opts.expiresIn }
              : { token, expires_in: opts.expiresIn },
          ),
        );
        return;
      }
      const m = /^\/v2\/(.+)\/tags\/list$/.exec(url.pathname);
      const auth = req.headers.authorization ?? '';
      const need = m ? `repository:${m[1]}:pull` : '';
      if (!auth.startsWith('Bearer ') || !tokens.includes(auth.slice(7)) || (m && !auth.includes(need))) {
        res.writeHead(401, {
          'WWW-Authenticate': `Bearer realm="http://${host}/token",service="test"${opts.challengeScope && m ? `,scope="${need}"` : ''}`,
        });
        res.end('{"errors":[{"code":"UNAUTHORIZED","message":"auth"}]}');
        return;
      }
      if (m) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ name: m[1], tags: ['t'] }));
        return;
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    host: `127.0.0.1:${port}`,
    seen,
    tokens,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describe('token flow', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('GETs a token with Basic credentials and repeated scope=, caches it per scope set', async () => {
    const srv = await tokenRegistry({ users: { u: 'p' }, challengeScope: true });
    close = srv.close;
    const client = new RegistryClient({ http: new HttpClient(), credentials: staticCredentials('u', 'p') });
    expect(await client.repository(srv.host, 'a/b').listTags()).toEqual(['t']);
    expect(await client.repository(srv.host, 'a/b').listTags()).toEqual(['t']);
    const tokenCalls = srv.seen.filter((s) => s.url.startsWith('/token'));
    expect(tokenCalls).toHaveLength(1);
    expect(tokenCalls[0]?.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
    expect(new URL(tokenCalls[0]?.url ?? '', 'http://x').searchParams.getAll('scope')).toEqual([
      'repository:a/b:pull',
    ]);
    // another repository: another scope set, another token
    expect(await client.repository(srv.host, 'c').listTags()).toEqual(['t']);
    expect(srv.seen.filter((s) => s.url.startsWith('/token'))).toHaveLength(2);
    // a push-scoped request with a mount scope asks for all of them in one token
    await client
      .repository(srv.host, 'a/b')
      .request({ method: 'GET', path: 'tags/list', push: true, scopes: ['repository:src/x:pull'] });
    const last = srv.seen.filter((s) => s.url.startsWith('/token')).at(-1);
    expect(new URL(last?.url ?? '', 'http://x').searchParams.getAll('scope')).toEqual([
      'repository:a/b:pull,push',
      'repository:src/x:pull',
    ]);
    client.close();
  });

  it('fetches a new token when the cached one expired', async () => {
    const srv = await tokenRegistry({ expiresIn: 1 });
    close = srv.close;
    let now = 1_000_000;
    const client = new RegistryClient({ http: new HttpClient() });
    // inject a clock through the authenticator
    (client.auth as unknown as { now: () => number }).now = () => now;
    await client.repository(srv.host, 'a').listTags();
    await client.repository(srv.host, 'a').listTags();
    expect(srv.tokens).toHaveLength(1);
    now += 2000;
    await client.repository(srv.host, 'a').listTags();
    expect(srv.tokens).toHaveLength(2);
    client.close();
  });

  it('uses the OAuth2 POST flow for an identity token, and GET when POST is 404', async () => {
    const srv = await tokenRegistry({ oauth: true });
    close = srv.close;
    const cred: Credential = { identityToken: 'id-token-1' };
    const client = new RegistryClient({ http: new HttpClient(), credentials: () => Promise.resolve(cred) });
    expect(await client.repository(srv.host, 'a').listTags()).toEqual(['t']);
    const post = srv.seen.find((s) => s.url === '/token');
    expect(post?.method).toBe('POST');
    expect(new URLSearchParams(post?.body).get('scope')).toBe('repository:a:pull');
    expect(new URLSearchParams(post?.body).get('client_id')).toBe('harbor-gate');
    client.close();

    const srv2 = await tokenRegistry({});
    const client2 = new RegistryClient({ http: new HttpClient(), credentials: () => Promise.resolve(cred) });
    expect(await client2.repository(srv2.host, 'a').listTags()).toEqual(['t']);
    const methods = srv2.seen.filter((s) => s.url.startsWith('/token')).map((s) => s.method);
    expect(methods).toEqual(['POST', 'GET']);
    client2.close();
    await srv2.close();
  });

  it('reports refused credentials as AUTH_FAILED without the password', async () => {
    const srv = await tokenRegistry({ users: { u: 'p' } });
    close = srv.close;
    const client = new RegistryClient({
      http: new HttpClient(),
      credentials: staticCredentials('u', 'wrong-password'),
    });
    const err = await client
      .repository(srv.host, 'a')
      .listTags()
      .catch((e: unknown) => e);
    expect((err as GateError).code).toBe('AUTH_FAILED');
    expect((err as GateError).exitCode).toBe(2);
    expect(JSON.stringify((err as GateError).toJSON())).not.toContain('wrong-password');
    client.close();
  });

  it('sends a registry token from the Docker config directly', async () => {
    const srv = await tokenRegistry({});
    close = srv.close;
    srv.tokens.push('direct-token repository:a:pull');
    const client = new RegistryClient({
      http: new HttpClient(),
      credentials: () => Promise.resolve({ registryToken: 'direct-token repository:a:pull' }),
    });
    expect(await client.repository(srv.host, 'a').listTags()).toEqual(['t']);
    expect(srv.seen.filter((s) => s.url.startsWith('/token'))).toHaveLength(0);
    client.close();
  });
});

describe('redirects', () => {
  it('drop Authorization when a blob GET is redirected to another origin', async () => {
    const seenStorage: (string | undefined)[] = [];
    const storage = http.createServer((req, res) => {
      seenStorage.push(req.headers.authorization);
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      res.end('{}');
    });
    await new Promise<void>((r) => storage.listen(0, 'localhost', r));
    const storagePort = (storage.address() as AddressInfo).port;
    const seenRegistry: (string | undefined)[] = [];
    const registry = http.createServer((req, res) => {
      seenRegistry.push(req.headers.authorization);
      if (!req.headers.authorization) {
        res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="r"' }).end();
        return;
      }
      res.writeHead(307, { Location: `http://localhost:${storagePort}/bucket/blob?sig=1` }).end();
    });
    await new Promise<void>((r) => registry.listen(0, '127.0.0.1', r));
    const port = (registry.address() as AddressInfo).port;
    const client = new RegistryClient({ http: new HttpClient(), credentials: staticCredentials('u', 'p') });
    const body = await client.repository(`127.0.0.1:${port}`, 'a').fetchBlob({
      mediaType: 'application/vnd.oci.empty.v1+json',
      digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
      size: 2,
    });
    expect(body.toString()).toBe('{}');
    expect(seenRegistry.at(-1)).toMatch(/^Basic /);
    expect(seenStorage).toEqual([undefined]);
    client.close();
    await new Promise<void>((r) => registry.close(() => r()));
    await new Promise<void>((r) => storage.close(() => r()));
  });
});
