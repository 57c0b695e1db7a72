/**
 * Test helper: a reverse proxy on 127.0.0.1 in front of a registry or Harbor that answers the
 * requests matching `drip` with a 200, headers at once, and then one byte every `everyMs`, forever:
 * the server that never trips an idle timeout. Everything else is forwarded as is (bodies streamed,
 * Location / WWW-Authenticate naming the target rewritten to the proxy).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DripProxy {
  url: string;
  host: string;
  /** Requests that were dripped. */
  dripped: string[];
  stop(): Promise<void>;
}

export async function startDripProxy(opts: {
  target: string;
  drip: (method: string, path: string) => boolean;
  everyMs: number;
}): Promise<DripProxy> {
  const target = new URL(opts.target);
  const dripped: string[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let self = '';
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    if (opts.drip(req.method ?? 'GET', path)) {
      dripped.push(`${req.method} ${path}`);
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      const t = setInterval(() => res.write(' '), opts.everyMs);
      timers.add(t);
      res.on('close', () => {
        clearInterval(t);
        timers.delete(t);
      });
      return;
    }
    const up = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path,
        headers: { ...req.headers, host: target.host },
      },
      (ur) => {
        const headers = { ...ur.headers };
        for (const h of ['location', 'www-authenticate', 'link']) {
          const v = headers[h];
          if (typeof v === 'string') headers[h] = v.split(target.origin).join(self);
        }
        res.writeHead(ur.statusCode ?? 502, headers);
        ur.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  self = `http://127.0.0.1:${port}`;
  return {
    url: self,
    host: `127.0.0.1:${port}`,
    dripped,
    stop: () =>
      new Promise<void>((r) => {
        for (const t of timers) clearInterval(t);
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
