/**
 * A reverse proxy for tests that records every request it forwards (method, path, headers, body),
 * so a test can assert which credentials a host received. Answers from the target that name the
 * target's origin (a token realm in WWW-Authenticate, a Location) are rewritten to name the proxy,
 * so a client that talks to the proxy keeps talking to it (token requests included). Without a
 * target it is a dead end that records the request and answers `status` with a body that echoes the
 * request's headers and body (a hostile server repeating what it was sent).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RecordingProxy {
  /** http://127.0.0.1:PORT */
  url: string;
  /** 127.0.0.1:PORT */
  host: string;
  seen: SeenRequest[];
  stop(): Promise<void>;
}

const MAX_RECORDED_BODY = 1024 * 1024;

export async function startRecordingProxy(
  opts: { target?: string; status?: number } = {},
): Promise<RecordingProxy> {
  const seen: SeenRequest[] = [];
  const target = opts.target ? new URL(opts.target) : undefined;
  const agent = new http.Agent({ keepAlive: false });
  let self = '';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.push({
        method: req.method ?? '',
        path: req.url ?? '/',
        headers: req.headers,
        body: body.length <= MAX_RECORDED_BODY ? body.toString('latin1') : '',
      });
      if (!target) {
        const echo = JSON.stringify({
          errors: [
            { code: 'UNKNOWN', message: `refused: ${JSON.stringify(req.headers)} ${body.toString()}` },
          ],
        });
        res.writeHead(opts.status ?? 500, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(echo),
        });
        res.end(echo);
        return;
      }
      const headers = { ...req.headers, host: target.host };
      const up = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers,
          agent,
        },
        (answer) => {
          const out: http.OutgoingHttpHeaders = {};
          for (const [k, v] of Object.entries(answer.headers)) {
            if (v === undefined) continue;
            out[k] =
              (k === 'www-authenticate' || k === 'location') && typeof v === 'string'
                ? v.split(target.origin).join(self)
                : v;
          }
          res.writeHead(answer.statusCode ?? 502, out);
          answer.pipe(res);
        },
      );
      up.on('error', () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      up.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  self = `http://127.0.0.1:${String(port)}`;
  return {
    url: self,
    host: `127.0.0.1:${String(port)}`,
    seen,
    stop: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
