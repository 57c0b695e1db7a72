/**
 * A Harbor-compatible server for the demo and the tests: Harbor core's token service for a real
 * distribution registry (`auth: token`), a `/v2/` front that proxies to a registry backend and adds
 * the OCI referrers API the way Harbor 2.11+ does (from its accessory records), the `/api/v2.0`
 * endpoints the gate uses with Harbor's status codes, error bodies and field shapes, and a
 * scripted scanner. The shapes follow Harbor's OpenAPI spec (vendored in test/fixtures/harbor/).
 *
 * This file wires the parts: the data (state.ts), Harbor's JSON shapes (views.ts), and a route
 * table whose handlers live in one module per resource (api-system, api-projects, api-artifacts,
 * token-service, registry-front).
 */
import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { artifactRoutes } from './api-artifacts.js';
import { projectRoutes } from './api-projects.js';
import { systemRoutes } from './api-system.js';
import { DEFAULT_VULNERABILITIES, type VulnItem } from './fixtures.js';
import { sendError } from './http-util.js';
import { createRegistryFront } from './registry-front.js';
import { dispatch, type Route } from './router.js';
import type { ScanScript } from './scanner.js';
import { createState } from './state.js';
import { createTokenService } from './token-service.js';
import { HttpError, ISSUER, SERVICE, type HarborServer, type HarborServerOptions } from './types.js';
import { createViews } from './views.js';

export {
  GATE_PERMISSIONS,
  ISSUER,
  MIME_GENERIC,
  MIME_NATIVE,
  SERVICE,
  type HarborProjectInit,
  type HarborServer,
  type HarborServerOptions,
  type HarborUser,
  type ScannerRegistration,
} from './types.js';

export async function startHarborServer(opts: HarborServerOptions = {}): Promise<HarborServer> {
  const st = createState(opts);
  const views = createViews(st);
  const tokens = createTokenService(st);
  const front = createRegistryFront(st, tokens);
  const routes: Route[] = [
    ...systemRoutes(st, views),
    ...projectRoutes(st, views),
    ...artifactRoutes(st, views),
    {
      method: '*',
      path: '/service/token',
      handler: ({ req, res, url }) => {
        tokens.serviceToken(req, res, url);
      },
    },
    { method: '*', path: '/v2', handler: ({ req, res, url }) => front.v2(req, res, url) },
    { method: '*', path: '/v2/**', handler: ({ req, res, url }) => front.v2(req, res, url) },
  ];

  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const requestId = crypto.randomUUID();
    res.setHeader('X-Request-Id', requestId);
    if (url.pathname.startsWith('/api/v2.0/')) {
      res.on('finish', () => {
        st.requests.push({
          method: req.method ?? 'GET',
          path: url.pathname + url.search,
          status: res.statusCode,
        });
      });
    }
    const isApi = url.pathname.startsWith('/api/v2.0/');
    dispatch(routes, { req, res, url }).catch((e: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (e instanceof HttpError && !isApi && e.status === 404) {
        // Outside the API, Harbor's front answers a bare not found.
        sendError(res, new HttpError(404, 'NOT_FOUND', 'not found'));
        return;
      }
      sendError(res, e instanceof HttpError ? e : new HttpError(500, 'UNKNOWN', 'internal server error'));
    });
  };
  const server = opts.tls
    ? https.createServer({ cert: opts.tls.cert, key: opts.tls.key }, handler)
    : http.createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${String(port)}`;
  st.conf.baseUrl = baseUrl;

  return {
    url: baseUrl,
    host: `127.0.0.1:${String(port)}`,
    port,
    certPem: st.identity.certPem,
    tokenAuth: { realm: `${baseUrl}/service/token`, service: SERVICE, issuer: ISSUER },
    scanner: st.scanner,
    requests: st.requests,
    setBackend: (u) => {
      st.conf.backend = u.replace(/\/+$/, '');
    },
    addProject: st.addProject,
    addUser: (u) => {
      st.users.set(u.username, u);
    },
    startScan: (digest, kind = 'vulnerability') => {
      st.scanner.start(digest, kind);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

export { DEFAULT_VULNERABILITIES };
export type { ScanScript, VulnItem };
