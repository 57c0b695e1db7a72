import { describe, expect, it } from 'vitest';
import { defaultCredentials } from '../../src/oci/credentials.js';
import { Redactor } from '../../src/logger.js';
import { TokenProvider } from '../../src/sign/signer.js';
import { HttpClient, type HttpRequest, type HttpResponse } from '../../src/http/client.js';
import { silentLogger } from '../../src/logger.js';

describe('Redactor: credentials in every form they travel in', () => {
  it('addCredential catches the password and base64(user:password), padded, unpadded, URL-encoded', () => {
    const r = new Redactor();
    r.addCredential('robot$ci', 'pa:ss/w+rd');
    const basic = Buffer.from('robot$ci:pa:ss/w+rd').toString('base64');
    expect(basic).toContain('=');
    const header = `Authorization: Basic ${basic}`;
    expect(r.redact(header)).toBe('Authorization: Basic ***');
    expect(r.redact(`q=${encodeURIComponent(basic)}`)).toBe('q=***');
    expect(r.redact(`x ${basic.replace(/=+$/, '')} y`)).toBe('x *** y');
    expect(r.redact('password pa:ss/w+rd')).toBe('password ***');
    expect(r.redact(`form pa%3Ass%2Fw%2Brd`)).toBe('form ***');
    expect(r.redact(JSON.stringify({ p: 'pa:ss/w+rd' }))).toBe('{"p":"***"}');
    // The username alone is not a secret.
    expect(r.redact('user robot$ci')).toBe('user robot$ci');
  });

  it('add() alone does not know the Basic form; addCredential does (the bug it fixes)', () => {
    const basic = Buffer.from('harbor-admin:Harbor12345').toString('base64');
    const old = new Redactor();
    old.add('Harbor12345');
    expect(old.redact(basic)).toBe(basic);
    const r = new Redactor();
    r.addCredential('harbor-admin', 'Harbor12345');
    expect(r.redact(basic)).toBe('***');
  });

  it('short secrets are ignored (they would redact everything)', () => {
    const r = new Redactor();
    r.addCredential('u', 'abc');
    expect(r.redact('abcabc')).toBe('abcabc');
  });

  it('defaultCredentials registers the Basic form of the credentials it hands out', async () => {
    const r = new Redactor();
    const provider = defaultCredentials({
      username: 'ci-user',
      password: 'hunter2-long',
      env: {},
      redactor: r,
    });
    const c = await provider('registry.example.com');
    expect(c).toEqual({ username: 'ci-user', password: 'hunter2-long' });
    const basic = Buffer.from('ci-user:hunter2-long').toString('base64');
    expect(r.redact(`Basic ${basic}`)).toBe('Basic ***');
  });
});

describe('signing registers the OIDC tokens it obtains', () => {
  const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';

  it('a token from --identity-token or SIGSTORE_ID_TOKEN', async () => {
    for (const opts of [{ identityToken: jwt, env: {} }, { env: { SIGSTORE_ID_TOKEN: jwt } }]) {
      const r = new Redactor();
      const p = new TokenProvider({ ...opts, logger: silentLogger, onSecret: r.onSecret });
      expect(await p.getToken()).toBe(jwt);
      expect(r.redact(`token=${jwt}`)).toBe('token=***');
    }
  });

  it('a token fetched from GitHub Actions OIDC, and the request bearer', async () => {
    const seen: HttpRequest[] = [];
    class FakeHttp extends HttpClient {
      override request(req: HttpRequest): Promise<HttpResponse> {
        seen.push(req);
        return Promise.resolve({
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: Buffer.from(JSON.stringify({ value: jwt })),
          url: req.url,
          retries: 0,
        });
      }
    }
    const http = new FakeHttp();
    const r = new Redactor();
    const p = new TokenProvider({
      env: {
        ACTIONS_ID_TOKEN_REQUEST_URL: 'https://actions.example/token',
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'bearer-secret-1',
      },
      http,
      logger: silentLogger,
      onSecret: r.onSecret,
    });
    expect(await p.getToken()).toBe(jwt);
    expect(seen).toHaveLength(1);
    expect(r.redact(`${jwt} bearer-secret-1`)).toBe('*** ***');
  });
});
