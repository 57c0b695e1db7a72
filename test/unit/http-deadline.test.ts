/**
 * Bounded in time whatever the server does (issue 20, items 6 and 7): a server that drips a byte
 * at a time never trips an idle timeout, so every request has a total deadline, and a command's
 * deadline cuts every request in flight; a redirect loop is an infrastructure error. Deadlines are
 * configured small; the tests assert on the error (code, exit code, message), never on seconds.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/http/client.js';
import { GateError } from '../../src/errors.js';
import { commandTimeoutError, runWithDeadline, startDeadline } from '../../src/core/index.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A server that answers headers at once and then one byte every `everyMs`, forever. */
async function dripServer(everyMs: number): Promise<{ url: string; requests: () => number }> {
  let requests = 0;
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((_req, res) => {
    requests++;
    res.writeHead(200, { 'content-type': 'application/json' });
    const t = setInterval(() => {
      res.write(' ');
    }, everyMs);
    timers.add(t);
    res.on('close', () => {
      clearInterval(t);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        for (const t of timers) clearInterval(t);
        server.closeAllConnections();
        server.close(() => r());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => requests };
}

function client(extra: ConstructorParameters<typeof HttpClient>[0] = {}): HttpClient {
  const c = new HttpClient({
    env: {},
    retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 1, jitter: 0 },
    ...extra,
  });
  cleanups.push(() => {
    c.close();
  });
  return c;
}

async function caught(p: Promise<unknown>): Promise<GateError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(GateError);
    return e as GateError;
  }
  throw new Error('expected the request to fail');
}

describe('total request deadline (item 6)', () => {
  it('ends a dripped buffered body with HTTP_STALLED, exit 3, naming the host and the request, without retrying', async () => {
    const s = await dripServer(20);
    // Idle timeout far above the drip interval: only the total deadline can end this.
    const c = client({ timeoutMs: 60_000, requestDeadlineMs: 300, minRateBytesPerSec: 1e12 });
    const e = await caught(c.request({ method: 'GET', url: `${s.url}/v2/app/referrers/sha256:abc` }));
    expect(e.code).toBe('HTTP_STALLED');
    expect(e.exitCode).toBe(3);
    const host = new URL(s.url).host;
    expect(e.message).toContain(`${host} stalled`);
    expect(e.message).toContain(`GET ${host}/v2/app/referrers/sha256:abc`);
    expect(e.details.deadlineMs).toBe(300);
    expect(c.inFlight()).toEqual([]);
    expect(s.requests()).toBe(1);
  });

  it('ends a dripped streamed body (a blob download) with HTTP_STALLED on the stream', async () => {
    const s = await dripServer(20);
    const c = client({ requestDeadlineMs: 300, minRateBytesPerSec: 1e12 });
    const res = await c.request({
      method: 'GET',
      url: `${s.url}/v2/app/blobs/sha256:def`,
      response: 'stream',
    });
    const e = await caught(
      (async () => {
        for await (const chunk of res.stream!) expect(chunk).toBeDefined();
      })(),
    );
    expect(e.code).toBe('HTTP_STALLED');
    expect(e.message).toContain('/v2/app/blobs/sha256:def');
  });

  it('grows the deadline with the bytes a transfer carries (minimum rate), for uploads too', async () => {
    // 64 KiB at a minimum rate of 1 MiB/s adds 62.5 ms to a 50 ms base: the figure is in the error.
    const s = await dripServer(20);
    const c = client({ requestDeadlineMs: 50, minRateBytesPerSec: 1024 * 1024 });
    const e = await caught(
      c.request({
        method: 'PUT',
        url: `${s.url}/v2/app/blobs/uploads/x`,
        body: () => Readable.from([Buffer.alloc(64 * 1024)]),
        transferBytes: 64 * 1024,
        response: 'discard',
      }),
    );
    expect(e.code).toBe('HTTP_STALLED');
    expect(e.details.deadlineMs).toBe(50 + 63);
  });

  it('cuts a request in flight when the command deadline passes: COMMAND_TIMEOUT naming the request', async () => {
    const s = await dripServer(20);
    const d = startDeadline(200, () => commandTimeoutError('verify', 200));
    cleanups.push(() => {
      d.cancel();
    });
    const c = client({ requestDeadlineMs: 60_000, signal: d.signal });
    const e = await caught(c.request({ method: 'GET', url: `${s.url}/v2/app/referrers/sha256:abc` }));
    expect(e.code).toBe('COMMAND_TIMEOUT');
    expect(e.exitCode).toBe(3);
    expect(e.message).toContain('verify did not finish within 200ms');
    expect(e.message).toContain(`still running: GET ${new URL(s.url).host}/v2/app/referrers/sha256:abc`);
  });

  it('runWithDeadline throws the deadline error after the grace when the work ignores the signal', async () => {
    const e = await caught(
      runWithDeadline(
        50,
        'gate',
        () =>
          new Promise<never>(() => {
            /* never settles and never looks at the signal */
          }),
        20,
      ),
    );
    expect(e.code).toBe('COMMAND_TIMEOUT');
    expect(e.message).toContain('gate did not finish within 50ms');
  });

  it('runWithDeadline returns what the work returns when it finishes in time', async () => {
    await expect(
      runWithDeadline(60_000, 'verify', (signal) => Promise.resolve(signal?.aborted)),
    ).resolves.toBe(false);
  });
});

describe('redirect loops (item 7)', () => {
  async function redirecting(
    to: (path: string, n: number) => string,
  ): Promise<{ url: string; count: () => number }> {
    let n = 0;
    const server = http.createServer((req, res) => {
      n++;
      res.writeHead(302, { location: to(req.url ?? '/', n) }).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(
      () =>
        new Promise<void>((r) => {
          server.closeAllConnections();
          server.close(() => r());
        }),
    );
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, count: () => n };
  }

  it('a redirect back to a visited URL is HTTP_REDIRECT_LOOP, exit 3, "redirect loop at host"', async () => {
    const s = await redirecting((p) => (p === '/a' ? '/b' : '/a'));
    const c = client();
    const e = await caught(c.request({ method: 'GET', url: `${s.url}/a` }));
    expect(e.code).toBe('HTTP_REDIRECT_LOOP');
    expect(e.exitCode).toBe(3);
    expect(e.message).toContain(`redirect loop at ${new URL(s.url).host}`);
    // Detected on the first repeat, not retried.
    expect(s.count()).toBe(2);
  });

  it('an endless chain of new URLs is a redirect loop too, after the redirect budget', async () => {
    const s = await redirecting((_p, n) => `/hop${n}`);
    const c = client();
    const e = await caught(c.request({ method: 'GET', url: `${s.url}/start`, maxRedirects: 3 }));
    expect(e.code).toBe('HTTP_REDIRECT_LOOP');
    expect(e.message).toContain('more than 3 redirects');
    expect(s.count()).toBe(4);
  });
});
