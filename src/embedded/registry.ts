/**
 * An in-memory OCI registry (distribution-spec v1.1): the demo's registry and the fast test
 * registry with the referrers API. Like go-containerregistry's pkg/registry, but complete for what
 * harbor-gate uses: blob uploads (monolithic, single-POST, chunked PATCH with Content-Range
 * checks, cross-repository mount), manifests by tag or digest with exact bytes and blob checks,
 * tag listing with pagination, the referrers API with artifactType filtering and pagination, and
 * error bodies in the spec's format. Options mimic registries without the referrers API and ones
 * that lie about it (OCI-Subject sent, /referrers 404).
 *
 * Storage is a Map of Buffers, capped by `maxTotalBytes`. Never used by the gate itself. This file
 * holds the options and the server; registry/ holds the route table (routes.ts), the handlers per
 * resource (blobs.ts, manifests.ts, referrers.ts), authentication (auth.ts), answers (http.ts) and
 * the store (store.ts).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { silentLogger, type Logger } from '../logger.js';
import { sendError } from './registry/http.js';
import { route } from './registry/routes.js';
import { RegistryError, RegistryStore } from './registry/store.js';

export { MANIFEST_TYPES, RegistryStore, digestOf } from './registry/store.js';

export interface BearerAuth {
  type: 'bearer';
  /** Token endpoint advertised in the challenge. */
  realm: string;
  service: string;
  /** Decide whether a token grants `actions` on `repository` (undefined for the /v2/ ping). */
  validate: (
    token: string,
    scope: { repository?: string; actions: ('pull' | 'push' | 'delete')[] },
  ) => boolean | Promise<boolean>;
}

export interface BasicAuth {
  type: 'basic';
  /** user -> password */
  users: Record<string, string>;
  realm?: string;
}

export interface EmbeddedRegistryOptions {
  auth?: BasicAuth | BearerAuth;
  /** Serve the referrers API and send OCI-Subject (default true). false mimics distribution 2.8. */
  referrersApi?: boolean;
  /** Send OCI-Subject on manifest PUT but answer 404 on /referrers (ECR 2024, Docker Hub 2024). */
  lieAboutReferrers?: boolean;
  /** Page size of the referrers API (default 100). */
  referrersPageSize?: number;
  /** Default and maximum `n` of the tags list (default 1000). */
  tagsPageSize?: number;
  /** Cap on stored blob + upload bytes (default 512 MiB). */
  maxTotalBytes?: number;
  /** Manifest body limit (default 4 MiB, as distribution). */
  maxManifestBytes?: number;
  /** Allow DELETE of manifests and blobs (default true); false answers 405 UNSUPPORTED. */
  deleteEnabled?: boolean;
  /**
   * Test hook, called before routing: return true when it has answered the request itself (fault
   * injection: 429/5xx, redirects, HTML). It must then end the response.
   */
  intercept?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean;
  logger?: Logger;
}

export interface EmbeddedRegistry {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** e.g. 127.0.0.1:41234 */
  host: string;
  handler: RegistryHandler;
  stop(): Promise<void>;
}

export type RegistryHandler = ((req: http.IncomingMessage, res: http.ServerResponse) => void) & {
  /** Direct access to the stored content, for tests and the demo. */
  readonly store: RegistryStore;
};
/** Create the request handler (for embedding in another server, e.g. the Harbor-compatible one). */
export function createRegistryHandler(opts: EmbeddedRegistryOptions = {}): RegistryHandler {
  const store = new RegistryStore(opts.maxTotalBytes ?? 512 * 1024 * 1024);
  const logger = opts.logger ?? silentLogger;
  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    if (opts.intercept?.(req, res)) return;
    route(req, res, store, opts).catch((e: unknown) => {
      const err =
        e instanceof RegistryError
          ? e
          : new RegistryError(500, 'UNKNOWN', e instanceof Error ? e.message : String(e));
      if (err.status >= 500)
        logger.warn(`embedded registry: ${req.method ?? ''} ${req.url ?? ''}: ${err.message}`);
      else
        logger.debug(`embedded registry: ${req.method ?? ''} ${req.url ?? ''} -> ${err.status} ${err.code}`);
      sendError(req, res, err);
    });
  };
  return Object.assign(handler, { store });
}

/** Start the registry on 127.0.0.1 with an ephemeral port. */
export async function startEmbeddedRegistry(opts: EmbeddedRegistryOptions = {}): Promise<EmbeddedRegistry> {
  const handler = createRegistryHandler(opts);
  const server = http.createServer(handler);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = `127.0.0.1:${port}`;
  return {
    url: `http://${host}`,
    host,
    handler,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
