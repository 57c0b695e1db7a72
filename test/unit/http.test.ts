import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { streamLogger } from '../../src/logger.js';
import { HttpClient } from '../../src/http/client.js';
import { bypassProxy, proxyFor } from '../../src/http/proxy.js';
import { backoffDelay, parseRetryAfter, withRetry } from '../../src/http/retry.js';
import { fakeClock } from '../helpers/clock.js';
import { GateError } from '../../src/errors.js';
import { startConnectProxy, type TestProxy } from '../servers/connect-proxy.js';
import { makeSelfSignedCert } from '../servers/tls.js';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function serve(handler: Handler): Promise<{ url: string; requests: http.IncomingMessage[] }> {
  const requests: http.IncomingMessage[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req);
    handler(req, res, requests.length);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

function client(extra: ConstructorParameters<typeof HttpClient>[0] = {}): {
  c: HttpClient;
  delays: number[];
} {
  const delays: number[] = [];
  const c = new HttpClient({
    env: {},
    retry: { maxRetries: 3, baseDelayMs: 10, maxDelayMs: 5000, jitter: 0 },
    clock: {
      now: () => Date.now(),
      sleep: (ms) => {
        delays.push(ms);
        return Promise.resolve();
      },
    },
    ...extra,
  });
  cleanups.push(() => {
    c.close();
  });
  return { c, delays };
}

describe('retry policy', () => {
  it('retries 503 with exponential backoff, then returns the success', async () => {
    const s = await serve((_req, res, n) => {
      if (n < 3) res.writeHead(503).end('busy');
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    const { c, delays } = client();
    const res = await c.request({ method: 'GET', url: s.url + '/x' });
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('{"ok":true}');
    expect(res.retries).toBe(2);
    expect(delays).toEqual([10, 20]);
  });

  it('honours Retry-After on 429, capped by maxDelayMs', async () => {
    const s = await serve((_req, res, n) => {
      if (n === 1) res.writeHead(429, { 'retry-after': '2' }).end();
      else if (n === 2) res.writeHead(429, { 'retry-after': '3600' }).end();
      else res.writeHead(204).end();
    });
    const { c, delays } = client();
    const res = await c.request({ method: 'GET', url: s.url });
    expect(res.status).toBe(204);
    expect(delays).toEqual([2000, 5000]);
  });

  it('returns the last retryable status once the budget is spent', async () => {
    const s = await serve((_req, res) => res.writeHead(502).end('bad gateway'));
    const { c, delays } = client();
    const res = await c.request({ method: 'GET', url: s.url });
    expect(res.status).toBe(502);
    expect(s.requests).toHaveLength(4);
    expect(delays).toHaveLength(3);
  });

  it('does not retry 4xx other than 408/429', async () => {
    const s = await serve((_req, res) => res.writeHead(404).end());
    const { c } = client();
    const res = await c.request({ method: 'GET', url: s.url });
    expect(res.status).toBe(404);
    expect(s.requests).toHaveLength(1);
  });

  it('retries connection resets and replays a stream body from its factory', async () => {
    const bodies: string[] = [];
    const s = await serve((req, res, n) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        bodies.push(Buffer.concat(chunks).toString());
        if (n === 1) req.socket.destroy();
        else res.writeHead(201).end();
      });
    });
    const { c } = client();
    const res = await c.request({
      method: 'PUT',
      url: s.url,
      headers: { 'Content-Length': '5' },
      body: () => Readable.from([Buffer.from('hello')]),
    });
    expect(res.status).toBe(201);
    expect(bodies).toEqual(['hello', 'hello']);
  });

  it('retries a truncated body and fails with HTTP_NETWORK naming the host when it persists', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('only part');
      setTimeout(() => res.socket?.destroy(), 5);
    });
    const { c } = client();
    const err = await c.request({ method: 'GET', url: s.url }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GateError);
    const ge = err as GateError;
    expect(ge.code).toBe('HTTP_NETWORK');
    expect(ge.exitCode).toBe(3);
    expect(ge.message).toContain(new URL(s.url).host);
    expect(s.requests).toHaveLength(4);
  });

  it('computes jittered delays inside the band and parses Retry-After dates', () => {
    const p = { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 1000, jitter: 0.5 };
    expect(backoffDelay(p, 1, undefined, () => 0)).toBe(50);
    expect(backoffDelay(p, 1, undefined, () => 1)).toBe(150);
    expect(backoffDelay(p, 10, undefined, () => 0.5)).toBe(1000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:03 GMT', now)).toBe(3000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

describe('withRetry', () => {
  const policy = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1000, jitter: 0 };

  it('retries results and errors on the injected clock, honouring Retry-After, and reports each retry', async () => {
    const clock = fakeClock();
    const seen: string[] = [];
    const out = await withRetry(
      (n) =>
        n === 0
          ? Promise.reject(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))
          : Promise.resolve(n),
      {
        policy,
        clock,
        retryError: () => ({ reason: 'reset' }),
        retryResult: (v) =>
          v < 3 ? { reason: `got ${String(v)}`, ...(v === 2 ? { retryAfterMs: 5000 } : {}) } : undefined,
        onRetry: (info, dropped) =>
          seen.push(`${String(info.attempt)} ${String(info.delayMs)} ${info.reason} ${String(dropped)}`),
      },
    );
    expect(out).toEqual({ value: 3, retries: 3 });
    // Retry-After 5 s is capped at maxDelayMs.
    expect(clock.sleeps).toEqual([100, 200, 1000]);
    expect(seen).toEqual(['1 100 reset undefined', '2 200 got 1 1', '3 1000 got 2 2']);
  });

  it('returns the last result and throws the last error once the budget is spent', async () => {
    const clock = fakeClock();
    const last = await withRetry(() => Promise.resolve('busy'), {
      policy,
      clock,
      retryResult: () => ({ reason: 'busy' }),
    });
    expect(last).toEqual({ value: 'busy', retries: 3 });
    let calls = 0;
    const e = await withRetry(
      () => {
        calls++;
        return Promise.reject(new Error(`fail ${String(calls)}`));
      },
      { policy, clock, retryError: () => ({ reason: 'x' }) },
    ).catch((x: unknown) => x);
    expect((e as Error).message).toBe('fail 4');
    // An error it does not retry is thrown at once.
    const once = await withRetry(() => Promise.reject(new Error('final')), { policy, clock }).catch(
      (x: unknown) => x,
    );
    expect((once as Error).message).toBe('final');
  });

  it('stops when the signal aborts during the backoff', async () => {
    const ctl = new AbortController();
    const clock = {
      now: () => 0,
      sleep: (_ms: number, signal?: AbortSignal) => {
        ctl.abort(new Error('cancelled'));
        return Promise.reject(signal?.reason as Error);
      },
    };
    const e = await withRetry(() => Promise.resolve(503), {
      policy,
      clock,
      signal: ctl.signal,
      retryResult: () => ({ reason: 'HTTP 503' }),
    }).catch((x: unknown) => x);
    expect((e as Error).message).toBe('cancelled');
  });

  it('announces a retry when it starts, after its sleep, and never one that an abort cancelled', async () => {
    const events: string[] = [];
    const clock = {
      now: () => 0,
      sleep: (ms: number) => {
        events.push(`sleep ${String(ms)}`);
        return Promise.resolve();
      },
    };
    await withRetry((n) => (n === 0 ? Promise.reject(new Error('reset')) : Promise.resolve(n)), {
      policy,
      clock,
      retryError: () => ({ reason: 'reset' }),
      onRetryStart: (info) => events.push(`start ${String(info.attempt)} after ${info.reason}`),
    });
    expect(events).toEqual(['sleep 100', 'start 1 after reset']);
    // The sleep resolves, but the run was given up meanwhile: no announcement, the abort reason wins.
    const ctl = new AbortController();
    const started: number[] = [];
    const e = await withRetry(() => Promise.reject(new Error('reset')), {
      policy,
      clock: {
        now: () => 0,
        sleep: () => {
          ctl.abort(new Error('run failed'));
          return Promise.resolve();
        },
      },
      signal: ctl.signal,
      retryError: () => ({ reason: 'reset' }),
      onRetryStart: (info) => started.push(info.attempt),
    }).catch((x: unknown) => x);
    expect((e as Error).message).toBe('run failed');
    expect(started).toEqual([]);
  });
});

describe('limits and hygiene', () => {
  it('refuses a body over maxBytes', async () => {
    const s = await serve((_req, res) => res.writeHead(200).end(Buffer.alloc(2048)));
    const { c } = client();
    await expect(c.request({ method: 'GET', url: s.url, maxBytes: 1024 })).rejects.toMatchObject({
      code: 'HTTP_BODY_TOO_LARGE',
    });
  });

  it('refuses a body over maxBytes even without Content-Length (chunked)', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200);
      for (let i = 0; i < 8; i++) res.write(Buffer.alloc(512));
      res.end();
    });
    const { c } = client();
    await expect(c.request({ method: 'GET', url: s.url, maxBytes: 1024 })).rejects.toMatchObject({
      code: 'HTTP_BODY_TOO_LARGE',
    });
  });

  it('keeps no cookies and sends a User-Agent', async () => {
    const s = await serve((_req, res) => res.writeHead(200, { 'set-cookie': 'sid=abc; Path=/' }).end());
    const { c } = client();
    await c.request({ method: 'GET', url: s.url });
    await c.request({ method: 'GET', url: s.url });
    expect(s.requests[1]?.headers.cookie).toBeUndefined();
    expect(s.requests[0]?.headers['user-agent']).toMatch(/^harbor-gate\//);
  });

  it('drops Authorization on a cross-origin redirect and keeps it on the same origin', async () => {
    const other = await serve((_req, res) => res.writeHead(200).end('blob'));
    const s = await serve((req, res) => {
      if (req.url === '/same') res.writeHead(307, { location: '/final' }).end();
      else if (req.url === '/cross') res.writeHead(307, { location: other.url + '/blob' }).end();
      else res.writeHead(200).end('ok');
    });
    const { c } = client();
    await c.request({ method: 'GET', url: s.url + '/same', headers: { Authorization: 'Bearer secret' } });
    expect(s.requests[1]?.url).toBe('/final');
    expect(s.requests[1]?.headers.authorization).toBe('Bearer secret');
    const res = await c.request({
      method: 'GET',
      url: s.url + '/cross',
      headers: { Authorization: 'Bearer secret' },
    });
    expect(res.body.toString()).toBe('blob');
    expect(other.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('returns the redirect itself when maxRedirects is 0', async () => {
    const s = await serve((_req, res) => res.writeHead(303, { location: 'https://github.com/login' }).end());
    const { c } = client();
    const res = await c.request({ method: 'GET', url: s.url, maxRedirects: 0 });
    expect(res.status).toBe(303);
  });
});

describe('registry warnings', () => {
  it('shows each Warning: 299 text once per host, unescaped, and ignores other warning codes', async () => {
    const s = await serve((_req, res) => {
      res.setHeader('Warning', [
        '299 - "this repository is deprecated, use \\"team/app2\\""',
        '299 - "quota at 95%"',
        '199 - "miscellaneous"',
      ]);
      res.writeHead(200).end('ok');
    });
    const lines: string[] = [];
    const logger = streamLogger({ debug: false, write: (l) => lines.push(l) });
    const { c } = client({ logger });
    await c.request({ method: 'GET', url: `${s.url}/v2/` });
    await c.request({ method: 'GET', url: `${s.url}/v2/` });
    const host = new URL(s.url).host;
    expect(lines.filter((l) => l.includes(' says: '))).toEqual([
      `warning: ${host} says: this repository is deprecated, use "team/app2"`,
      `warning: ${host} says: quota at 95%`,
    ]);
  });
});

describe('proxies', () => {
  let proxy: TestProxy;

  it('tunnels HTTPS through CONNECT and trusts an extra CA', async () => {
    proxy = await startConnectProxy();
    cleanups.push(() => proxy.stop());
    const tlsCert = makeSelfSignedCert();
    const server = https.createServer({ key: tlsCert.key, cert: tlsCert.cert }, (_req, res) => {
      res.writeHead(200).end('secure');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(
      () =>
        new Promise<void>((r) => {
          server.closeAllConnections();
          server.close(() => r());
        }),
    );
    const port = (server.address() as AddressInfo).port;
    const { c } = client({ env: { HTTPS_PROXY: proxy.url }, caPem: tlsCert.cert });
    const res = await c.request({ method: 'GET', url: `https://127.0.0.1:${port}/v2/` });
    expect(res.body.toString()).toBe('secure');
    expect(proxy.seen).toContainEqual({ method: 'CONNECT', target: `127.0.0.1:${port}` });

    // Without the CA the certificate is refused (no silent insecure mode), as a trust problem with
    // its remedy, not as an unreachable host, and without retrying.
    const { c: strict, delays } = client({ env: { HTTPS_PROXY: proxy.url } });
    await expect(
      strict.request({ method: 'GET', url: `https://127.0.0.1:${port}/v2/` }),
    ).rejects.toMatchObject({
      code: 'TLS_UNTRUSTED',
      exitCode: 2,
      details: { reason: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
      remedy: expect.stringContaining('--ca-file') as unknown,
    });
    expect(delays).toEqual([]);
  });

  it('sends plain HTTP through the proxy in absolute form, and NO_PROXY goes direct', async () => {
    proxy = await startConnectProxy();
    cleanups.push(() => proxy.stop());
    const s = await serve((_req, res) => res.writeHead(200).end('direct'));
    const { c } = client({ env: { http_proxy: proxy.url } });
    await c.request({ method: 'GET', url: s.url + '/a' });
    expect(proxy.seen).toEqual([{ method: 'GET', target: s.url + '/a' }]);
    const { c: bypass } = client({ env: { http_proxy: proxy.url, no_proxy: 'example.com,127.0.0.1' } });
    await bypass.request({ method: 'GET', url: s.url + '/b' });
    expect(proxy.seen).toHaveLength(1);
    expect(s.requests.map((r) => r.url)).toEqual(['/a', '/b']);
  });

  it.each([
    ['registry.example.com', 'https://registry.example.com/v2/', true],
    ['.example.com', 'https://registry.example.com/v2/', true],
    ['*.example.com', 'https://registry.example.com/v2/', true],
    ['example.com', 'https://registry.example.com/v2/', true],
    ['example.com', 'https://notexample.com/v2/', false],
    ['*', 'https://anything.io/', true],
    ['registry.example.com:5000', 'https://registry.example.com:5000/', true],
    ['registry.example.com:5000', 'https://registry.example.com/', false],
    ['[::1]', 'http://[::1]:5000/', true],
    ['', 'https://a.b/', false],
  ])('NO_PROXY=%s for %s bypasses: %s', (noProxy, url, expected) => {
    expect(bypassProxy(new URL(url), noProxy)).toBe(expected);
  });

  it('picks the proxy by scheme and adds http:// to a bare host:port', () => {
    const env = { httpsProxy: 'proxy.corp:3128', httpProxy: 'http://p2:8080' };
    expect(proxyFor(new URL('https://r.io/'), env)).toBe('http://proxy.corp:3128');
    expect(proxyFor(new URL('http://r.io/'), env)).toBe('http://p2:8080');
    expect(proxyFor(new URL('http://r.io/'), {})).toBeUndefined();
  });
});
