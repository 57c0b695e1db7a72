/**
 * Test helper: an HTTP reverse proxy on 127.0.0.1 that injects faults into a seeded random share of
 * the requests it forwards to a target (the real docker-registry or the Harbor-compatible server).
 *
 * Fault kinds (each counted):
 * - `reset-request`: forward part of the request body upstream, then reset both connections
 *   (only requests with a body: blob uploads, manifest PUTs, token POSTs).
 * - `reset-response`: forward the request, let the target act on it, then reset the client's
 *   connection before any byte of the answer (the client cannot know whether it took effect).
 * - `stall`: read the request, say nothing for `stallMs`, then reset.
 * - `status-500`, `status-502`, `status-503`: answer the status without forwarding.
 * - `status-429`: answer 429 with `Retry-After` (`retryAfter`, default 1; 0 also works).
 * - `truncate`: forward, send the headers and half of the body, then reset (GET only).
 * - `bad-length`: forward, announce a larger Content-Length than the body, send the body, then
 *   close (GET only).
 * - `redirect`: answer 307/302 to a second server on another origin (another port), which serves
 *   the same content like a pre-signed blob-storage URL: the proxy keeps the request's
 *   Authorization server-side under a one-time key in the URL, so the second server never needs
 *   it and records every Authorization header it does receive (a correct client sends none).
 *   GET/HEAD under /v2/ only (`redirectPaths`): a redirected PUT/POST/PATCH with a streamed body could only be replayed with a
 *   fresh upload session, which a client cannot know it needs, so it is not a fault a correct
 *   client can survive.
 *
 * Bodies stream both ways (nothing is buffered), and Location, Link and WWW-Authenticate headers
 * naming the target's origin are rewritten to the proxy's, so absolute upload URLs
 * (distribution returns `http://<its host>/v2/.../uploads/<id>?_state=...`) come back through it.
 *
 * The PRNG is seeded, so the sequence of decisions is the same for the same order of requests;
 * with parallel uploads the order of arrival (and so which request gets which fault) may differ.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type net from 'node:net';

export const FAULT_KINDS = [
  'reset-request',
  'reset-response',
  'stall',
  'status-500',
  'status-502',
  'status-503',
  'status-429',
  'truncate',
  'bad-length',
  'redirect',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultProxyOptions {
  /** The target's base URL, e.g. http://127.0.0.1:5000 */
  target: string;
  /** Share of requests to fault, 0..1 (changeable later with setRate). */
  rate: number;
  /** PRNG seed (default 1). */
  seed?: number;
  /** The kinds to choose from (default: all). */
  kinds?: readonly FaultKind[];
  /** How long a stall lasts before the reset (default 1000 ms). */
  stallMs?: number;
  /** Retry-After value of 429 answers (default '1'). */
  retryAfter?: string;
  /**
   * Paths that may be redirected (default: the registry API, /v2/...). Harbor's REST API never
   * redirects and its client refuses to follow (a redirect there is an SSO login page), so
   * /api/v2.0 is not redirected by default.
   */
  redirectPaths?: RegExp;
  /**
   * The redirect target asks for a token of its own: every request it gets (the pre-signed key
   * notwithstanding) is answered 401 with a Bearer challenge whose realm is the target itself
   * (`/token`), as a hostile or misconfigured storage host would. A correct client answers neither
   * with the registry's credentials: the realm's hits land in `credentialsSeen` like any other.
   */
  redirectChallenge?: boolean;
  /** Only requests whose path matches are eligible for faults (default: all). */
  eligible?: (method: string, path: string) => boolean;
  /**
   * At most this many faults in a row for the same method and path (default: no limit). Models
   * transient faults: at high rates a client with a fixed retry budget would otherwise fail at
   * random (at 50%, 9 failures in a row happen once in 512 requests), making a suite flaky.
   */
  maxConsecutive?: number;
}

export interface FaultRecord {
  method: string;
  path: string;
  kind: FaultKind;
}

export interface RedirectServer {
  url: string;
  /** Requests the redirect target served. */
  requests: number;
  /** Every Authorization (or Cookie) header it received: must stay empty. */
  credentialsSeen: string[];
}

export interface FaultProxy {
  /** http://127.0.0.1:PORT */
  url: string;
  /** 127.0.0.1:PORT */
  host: string;
  port: number;
  /** Requests received (redirect-server hits not included). */
  requests(): number;
  /** Requests received per method. */
  requestsByMethod(): Record<string, number>;
  faulted(): number;
  counts(): Record<FaultKind, number>;
  /** The last faults injected (at most 2000), for failure messages. */
  log(): FaultRecord[];
  redirect: RedirectServer;
  setRate(rate: number): void;
  /** Reset the counters (not the PRNG). */
  resetCounters(): void;
  stop(): Promise<void>;
}

/** mulberry32: a small, fast, seeded PRNG (uniform in [0, 1)). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);

function hasBody(req: http.IncomingMessage): boolean {
  const len = req.headers['content-length'];
  if (len !== undefined) return Number(len) > 0;
  return req.headers['transfer-encoding'] !== undefined;
}

function applicable(kind: FaultKind, req: http.IncomingMessage, redirectPaths: RegExp): boolean {
  const m = req.method ?? 'GET';
  switch (kind) {
    case 'reset-request':
      return hasBody(req);
    case 'truncate':
    case 'bad-length':
      return m === 'GET';
    case 'redirect':
      return (m === 'GET' || m === 'HEAD') && redirectPaths.test(req.url ?? '/');
    default:
      return true;
  }
}

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      if (addr && typeof addr === 'object') resolve(addr.port);
      else reject(new Error('no port'));
    });
  });
}

function close(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => {
      resolve();
    });
    server.closeAllConnections();
  });
}

export async function startFaultProxy(opts: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(opts.target);
  const random = seededRandom(opts.seed ?? 1);
  const kinds = opts.kinds ?? FAULT_KINDS;
  const stallMs = opts.stallMs ?? 1000;
  const retryAfter = opts.retryAfter ?? '1';
  const redirectPaths = opts.redirectPaths ?? /^\/v2\//;
  let rate = opts.rate;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const zero = (): Record<FaultKind, number> =>
    Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
  let counts = zero();
  let requests = 0;
  let byMethod: Record<string, number> = {};
  let log: FaultRecord[] = [];
  /** One-time keys of redirected requests -> the Authorization they carried. */
  const presigned = new Map<string, string | undefined>();

  let proxyOrigin = '';
  const rewrite = (value: string): string => value.split(target.origin).join(proxyOrigin);

  const copyRequestHeaders = (req: http.IncomingMessage): http.OutgoingHttpHeaders => {
    const out: http.OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (v === undefined || HOP_BY_HOP.has(k)) continue;
      out[k] = v;
    }
    out.host = target.host;
    if (req.headers['transfer-encoding'] !== undefined && req.headers['content-length'] === undefined) {
      out['transfer-encoding'] = 'chunked';
    }
    return out;
  };

  const copyResponseHeaders = (res: http.IncomingMessage): http.OutgoingHttpHeaders => {
    const out: http.OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(res.headers)) {
      if (v === undefined || HOP_BY_HOP.has(k)) continue;
      const rewritten: string | string[] = Array.isArray(v) ? v.map(rewrite) : rewrite(v);
      out[k] = k === 'location' || k === 'link' || k === 'www-authenticate' ? rewritten : v;
    }
    return out;
  };

  /** Send the request upstream; resolve with the upstream request (the body is piped by the caller). */
  const upstream = (
    req: http.IncomingMessage,
    path: string,
    headers: http.OutgoingHttpHeaders,
    onResponse: (res: http.IncomingMessage) => void,
    onError: (e: Error) => void,
  ): http.ClientRequest => {
    const up = http.request(
      {
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        method: req.method,
        path,
        headers,
        agent,
      },
      onResponse,
    );
    up.on('error', onError);
    return up;
  };

  const reset = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    res.socket?.resetAndDestroy();
    req.destroy();
  };

  /** Forward a request and its answer unchanged (except rewritten headers). */
  const forward = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    path: string,
    headers: http.OutgoingHttpHeaders,
    transform?: (upRes: http.IncomingMessage) => void,
  ): void => {
    const up = upstream(
      req,
      path,
      headers,
      (upRes) => {
        if (transform) {
          transform(upRes);
          return;
        }
        res.writeHead(upRes.statusCode ?? 502, copyResponseHeaders(upRes));
        upRes.pipe(res);
        upRes.on('error', () => {
          res.destroy();
        });
      },
      (e) => {
        if (!res.headersSent) {
          res.writeHead(502, { 'content-type': 'text/plain' });
          res.end(`fault proxy: upstream error ${e.message}\n`);
        } else res.destroy();
      },
    );
    req.pipe(up);
    req.on('error', () => up.destroy());
    res.on('close', () => {
      if (!res.writableFinished) up.destroy();
    });
  };

  const drainThen = (req: http.IncomingMessage, f: () => void): void => {
    req.resume();
    if (req.readableEnded) f();
    else {
      req.once('end', f);
      req.once('error', () => {
        req.destroy();
      });
    }
  };

  const inject = (
    kind: FaultKind,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    path: string,
  ): void => {
    const headers = copyRequestHeaders(req);
    switch (kind) {
      case 'status-500':
      case 'status-502':
      case 'status-503':
      case 'status-429': {
        const status = Number(kind.slice('status-'.length));
        drainThen(req, () => {
          const h: http.OutgoingHttpHeaders = { 'content-type': 'application/json' };
          if (status === 429) h['retry-after'] = retryAfter;
          const body = JSON.stringify({
            errors: [
              { code: status === 429 ? 'TOOMANYREQUESTS' : 'UNAVAILABLE', message: `injected ${status}` },
            ],
          });
          res.writeHead(status, { ...h, 'content-length': Buffer.byteLength(body) });
          res.end(req.method === 'HEAD' ? undefined : body);
        });
        return;
      }
      case 'stall': {
        req.resume();
        const t = setTimeout(() => {
          timers.delete(t);
          reset(req, res);
        }, stallMs);
        timers.add(t);
        return;
      }
      case 'reset-request': {
        const declared = Number(req.headers['content-length'] ?? NaN);
        const cutAt = Number.isFinite(declared) ? Math.floor(declared / 2) : 64 * 1024;
        const up = upstream(
          req,
          path,
          headers,
          (upRes) => {
            upRes.resume();
          },
          () => undefined,
        );
        let sent = 0;
        let done = false;
        req.on('data', (chunk: Buffer) => {
          if (done) return;
          const room = cutAt - sent;
          if (chunk.length >= room) {
            done = true;
            if (room > 0) up.write(chunk.subarray(0, room));
            up.destroy();
            reset(req, res);
            return;
          }
          sent += chunk.length;
          up.write(chunk);
        });
        req.on('end', () => {
          if (done) return;
          done = true;
          up.destroy();
          reset(req, res);
        });
        return;
      }
      case 'reset-response':
        forward(req, res, path, headers, (upRes) => {
          upRes.resume();
          upRes.on('end', () => {
            reset(req, res);
          });
        });
        return;
      case 'truncate':
        forward(req, res, path, headers, (upRes) => {
          const h = copyResponseHeaders(upRes);
          const declared = Number(upRes.headers['content-length'] ?? NaN);
          const keep = Number.isFinite(declared) ? Math.floor(declared / 2) : 0;
          res.writeHead(upRes.statusCode ?? 502, h);
          let sent = 0;
          let done = false;
          const cut = (): void => {
            if (done) return;
            done = true;
            upRes.destroy();
            // Let the written half reach the client before the reset.
            res.socket?.end();
            const t = setTimeout(() => {
              timers.delete(t);
              res.socket?.destroy();
            }, 20);
            timers.add(t);
          };
          if (keep === 0) res.flushHeaders();
          upRes.on('data', (chunk: Buffer) => {
            if (done) return;
            const room = keep - sent;
            if (chunk.length >= room) {
              if (room > 0) res.write(chunk.subarray(0, room));
              cut();
              return;
            }
            sent += chunk.length;
            res.write(chunk);
          });
          upRes.on('end', cut);
          if (keep === 0) cut();
        });
        return;
      case 'bad-length':
        forward(req, res, path, headers, (upRes) => {
          const h = copyResponseHeaders(upRes);
          const declared = Number(upRes.headers['content-length'] ?? NaN);
          h['content-length'] = String((Number.isFinite(declared) ? declared : 1024) + 1000);
          res.writeHead(upRes.statusCode ?? 502, h);
          upRes.on('data', (chunk: Buffer) => {
            res.write(chunk);
          });
          upRes.on('end', () => {
            // The body is shorter than announced: close the connection after it.
            res.socket?.end();
          });
        });
        return;
      case 'redirect': {
        const key = crypto.randomBytes(12).toString('hex');
        const auth = req.headers.authorization;
        presigned.set(key, auth);
        const sep = path.includes('?') ? '&' : '?';
        drainThen(req, () => {
          res.writeHead(random() < 0.5 ? 307 : 302, {
            location: `${redirect.url}${path}${sep}X-Fault-Presigned=${key}`,
            'content-length': '0',
          });
          res.end();
        });
        return;
      }
    }
  };

  /** Faults in a row per method and path, for maxConsecutive. */
  const streaks = new Map<string, number>();
  const server = http.createServer((req, res) => {
    requests++;
    const method = req.method ?? 'GET';
    byMethod[method] = (byMethod[method] ?? 0) + 1;
    const path = req.url ?? '/';
    let kind: FaultKind | undefined;
    const streakKey = `${method} ${path.replace(/\?.*$/, '')}`;
    const streak = streaks.get(streakKey) ?? 0;
    const capped = opts.maxConsecutive !== undefined && streak >= opts.maxConsecutive;
    if (!capped && rate > 0 && (opts.eligible?.(method, path) ?? true) && random() < rate) {
      const choices = kinds.filter((k) => applicable(k, req, redirectPaths));
      if (choices.length > 0) kind = choices[Math.floor(random() * choices.length)];
    }
    if (kind === undefined) streaks.delete(streakKey);
    else streaks.set(streakKey, streak + 1);
    if (kind === undefined) {
      forward(req, res, path, copyRequestHeaders(req));
      return;
    }
    counts[kind]++;
    log.push({ method, path: path.replace(/\?.*$/, ''), kind });
    if (log.length > 2000) log = log.slice(-1000);
    inject(kind, req, res, path);
  });
  server.keepAliveTimeout = 5000;
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('clientError', (_e, socket) => {
    socket.destroy();
  });

  // The other origin: serves what it is asked through the one-time key, records credentials.
  const redirect: RedirectServer = { url: '', requests: 0, credentialsSeen: [] };
  const redirectServer = http.createServer((req, res) => {
    redirect.requests++;
    if (req.headers.authorization !== undefined) redirect.credentialsSeen.push(req.headers.authorization);
    if (req.headers.cookie !== undefined) redirect.credentialsSeen.push(req.headers.cookie);
    if (opts.redirectChallenge) {
      drainThen(req, () => {
        res.writeHead(401, {
          'content-type': 'application/json',
          'www-authenticate': `Bearer realm="${redirect.url}/token",service="storage"`,
        });
        res.end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}\n');
      });
      return;
    }
    const u = new URL(req.url ?? '/', 'http://x');
    const key = u.searchParams.get('X-Fault-Presigned') ?? '';
    if (!presigned.has(key)) {
      res.writeHead(403, { 'content-type': 'text/plain' });
      res.end('unknown or used pre-signed key\n');
      return;
    }
    const auth = presigned.get(key);
    presigned.delete(key);
    u.searchParams.delete('X-Fault-Presigned');
    const headers = copyRequestHeaders(req);
    delete headers.authorization;
    delete headers.cookie;
    if (auth !== undefined) headers.authorization = auth;
    forward(req, res, u.pathname + u.search, headers);
  });
  redirectServer.on('clientError', (_e, socket) => {
    socket.destroy();
  });

  const port = await listen(server);
  const redirectPort = await listen(redirectServer);
  proxyOrigin = `http://127.0.0.1:${port}`;
  redirect.url = `http://127.0.0.1:${redirectPort}`;

  return {
    url: proxyOrigin,
    host: `127.0.0.1:${port}`,
    port,
    requests: () => requests,
    requestsByMethod: () => ({ ...byMethod }),
    faulted: () => Object.values(counts).reduce((a, b) => a + b, 0),
    counts: () => ({ ...counts }),
    log: () => [...log],
    redirect,
    setRate: (r) => {
      rate = r;
    },
    resetCounters: () => {
      counts = zero();
      requests = 0;
      byMethod = {};
      log = [];
      redirect.requests = 0;
    },
    stop: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const s of sockets) s.destroy();
      agent.destroy();
      await Promise.all([close(server), close(redirectServer)]);
    },
  };
}
