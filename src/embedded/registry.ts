/**
 * An in-memory OCI registry (distribution-spec v1.1): the demo's registry and the fast test
 * registry with the referrers API. Like go-containerregistry's pkg/registry, but complete for what
 * harbor-gate uses: blob uploads (monolithic, single-POST, chunked PATCH with Content-Range
 * checks, cross-repository mount), manifests by tag or digest with exact bytes and blob checks,
 * tag listing with pagination, the referrers API with artifactType filtering and pagination, and
 * error bodies in the spec's format. Options mimic registries without the referrers API and ones
 * that lie about it (OCI-Subject sent, /referrers 404).
 *
 * Storage is a Map of Buffers, capped by `maxTotalBytes`. Never used by the gate itself.
 */
import http from 'node:http';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { silentLogger, type Logger } from '../logger.js';

export const MANIFEST_TYPES: ReadonlySet<string> = new Set([
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
]);
const INDEX_TYPES: ReadonlySet<string> = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
]);
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

const NAME_RE = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;
const TAG_RE = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/;
const DIGEST_RE = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

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

interface StoredManifest {
  bytes: Buffer;
  mediaType: string;
  /** subject digest, when the manifest has one. */
  subject?: string;
  artifactType?: string;
  annotations?: Record<string, string>;
  seq: number;
}

interface Repo {
  blobs: Set<string>;
  manifests: Map<string, StoredManifest>;
  tags: Map<string, string>;
}

interface Upload {
  repo: string;
  chunks: Buffer[];
  size: number;
  sha256: crypto.Hash;
}

class RegistryError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly detail?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** The in-memory content; exported through handler.store. */
export class RegistryStore {
  readonly blobs = new Map<string, Buffer>();
  readonly repos = new Map<string, Repo>();
  readonly uploads = new Map<string, Upload>();
  private seq = 0;

  constructor(readonly maxTotalBytes: number) {}

  get usedBytes(): number {
    let n = 0;
    for (const b of this.blobs.values()) n += b.length;
    for (const u of this.uploads.values()) n += u.size;
    return n;
  }

  repo(name: string, create: boolean): Repo | undefined {
    let r = this.repos.get(name);
    if (!r && create) {
      r = { blobs: new Set(), manifests: new Map(), tags: new Map() };
      this.repos.set(name, r);
    }
    return r;
  }

  nextSeq(): number {
    return ++this.seq;
  }

  /** Manifest bytes by repository and tag or digest (tests). */
  manifest(name: string, reference: string): Buffer | undefined {
    const r = this.repos.get(name);
    if (!r) return undefined;
    const digest = DIGEST_RE.test(reference) ? reference : r.tags.get(reference);
    return digest ? r.manifests.get(digest)?.bytes : undefined;
  }

  tags(name: string): string[] {
    return [...(this.repos.get(name)?.tags.keys() ?? [])].sort();
  }
}

export function digestOf(bytes: Buffer, algorithm: 'sha256' | 'sha512' = 'sha256'): string {
  return `${algorithm}:${crypto.createHash(algorithm).update(bytes).digest('hex')}`;
}

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

function sendError(req: http.IncomingMessage, res: http.ServerResponse, err: RegistryError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // Drop whatever the client is still sending so the connection can be reused or closed cleanly.
  req.resume();
  const body = Buffer.from(
    JSON.stringify({
      errors: [
        { code: err.code, message: err.message, ...(err.detail === undefined ? {} : { detail: err.detail }) },
      ],
    }),
  );
  res.writeHead(err.status, {
    ...err.headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(body.length),
    'Docker-Distribution-API-Version': 'registry/2.0',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function send(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  status: number,
  headers: Record<string, string>,
  body?: Buffer,
): void {
  res.writeHead(status, {
    'Docker-Distribution-API-Version': 'registry/2.0',
    ...headers,
    ...(body ? { 'Content-Length': String(body.length) } : { 'Content-Length': '0' }),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function sendJson(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  send(
    req,
    res,
    status,
    { 'Content-Type': 'application/json', ...headers },
    Buffer.from(JSON.stringify(value)),
  );
}

/** Read a body into memory, at most `max` bytes (RegistryError otherwise). */
async function readBody(
  req: http.IncomingMessage,
  max: number,
  tooLarge: () => RegistryError,
): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) throw tooLarge();
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const c of req) {
    const b = c as Buffer;
    total += b.length;
    if (total > max) throw tooLarge();
    chunks.push(b);
  }
  return Buffer.concat(chunks, total);
}

/** Stream a request body into an upload, hashing as it goes, within the storage cap. */
async function appendToUpload(
  req: http.IncomingMessage,
  upload: Upload,
  store: RegistryStore,
): Promise<void> {
  const room = store.maxTotalBytes - store.usedBytes;
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > room) throw storageFull(store);
  let added = 0;
  for await (const c of req) {
    const b = c as Buffer;
    added += b.length;
    if (added > room) throw storageFull(store);
    upload.chunks.push(b);
    upload.size += b.length;
    upload.sha256.update(b);
  }
}

function storageFull(store: RegistryStore): RegistryError {
  return new RegistryError(
    413,
    'SIZE_INVALID',
    `the embedded registry's storage limit of ${store.maxTotalBytes} bytes is reached`,
  );
}

async function authorize(
  req: http.IncomingMessage,
  opts: EmbeddedRegistryOptions,
  repository: string | undefined,
  actions: ('pull' | 'push' | 'delete')[],
): Promise<void> {
  const auth = opts.auth;
  if (!auth) return;
  const header = req.headers.authorization ?? '';
  if (auth.type === 'basic') {
    const m = /^Basic\s+(\S+)$/i.exec(header);
    if (m?.[1]) {
      const decoded = Buffer.from(m[1], 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      const user = decoded.slice(0, i);
      const pass = decoded.slice(i + 1);
      const expected = Object.hasOwn(auth.users, user) ? auth.users[user] : undefined;
      if (i > 0 && expected !== undefined && safeEqual(expected, pass)) return;
    }
    throw new RegistryError(401, 'UNAUTHORIZED', 'authentication required', undefined, {
      'WWW-Authenticate': `Basic realm="${auth.realm ?? 'harbor-gate-embedded'}"`,
    });
  }
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (m?.[1] && (await auth.validate(m[1], { repository, actions }))) return;
  const scope = repository ? `,scope="repository:${repository}:${actions.join(',')}"` : '';
  throw new RegistryError(
    401,
    'UNAUTHORIZED',
    'authentication required',
    repository ? [{ Type: 'repository', Name: repository, Action: actions.join(',') }] : undefined,
    { 'WWW-Authenticate': `Bearer realm="${auth.realm}",service="${auth.service}"${scope}` },
  );
}

function safeEqual(a: string, b: string): boolean {
  const ha = crypto.createHash('sha256').update(a).digest();
  const hb = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(ha, hb);
}

const ROUTES: { re: RegExp; kind: 'blob' | 'uploads' | 'upload' | 'manifest' | 'tags' | 'referrers' }[] = [
  { re: /^\/v2\/(.+)\/blobs\/uploads\/?$/, kind: 'uploads' },
  { re: /^\/v2\/(.+)\/blobs\/uploads\/([A-Za-z0-9-]+)$/, kind: 'upload' },
  { re: /^\/v2\/(.+)\/blobs\/([^/]+)$/, kind: 'blob' },
  { re: /^\/v2\/(.+)\/manifests\/([^/]+)$/, kind: 'manifest' },
  { re: /^\/v2\/(.+)\/tags\/list$/, kind: 'tags' },
  { re: /^\/v2\/(.+)\/referrers\/([^/]+)$/, kind: 'referrers' },
];

async function route(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  store: RegistryStore,
  opts: EmbeddedRegistryOptions,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://registry.invalid');
  const method = req.method ?? 'GET';
  const path = url.pathname;
  if (path === '/v2' || path === '/v2/') {
    await authorize(req, opts, undefined, []);
    if (method !== 'GET' && method !== 'HEAD') throw unsupported(method);
    sendJson(req, res, 200, {});
    return;
  }
  for (const r of ROUTES) {
    const m = r.re.exec(path);
    if (!m) continue;
    const name = decodeURIComponent(m[1] ?? '');
    const ref = decodeURIComponent(m[2] ?? '');
    if (!NAME_RE.test(name) || name.length > 255) {
      throw new RegistryError(400, 'NAME_INVALID', 'invalid repository name', name);
    }
    switch (r.kind) {
      case 'uploads':
        return uploads(req, res, store, opts, name, url);
      case 'upload':
        return upload(req, res, store, opts, name, ref, url);
      case 'blob':
        return blob(req, res, store, opts, name, ref);
      case 'manifest':
        return manifest(req, res, store, opts, name, ref);
      case 'tags':
        return tags(req, res, store, opts, name, url);
      case 'referrers':
        return referrers(req, res, store, opts, name, ref, url);
    }
  }
  // Like distribution's router: an unknown route is a plain-text 404.
  req.resume();
  send(req, res, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, Buffer.from('404 page not found\n'));
}

function unsupported(method: string): RegistryError {
  return new RegistryError(405, 'UNSUPPORTED', `the operation is unsupported: ${method}`);
}

function checkDigest(d: string, code = 'DIGEST_INVALID'): void {
  if (!DIGEST_RE.test(d)) throw new RegistryError(400, code, 'invalid digest', d);
}

// ----- blobs ---------------------------------------------------------------------------------

async function blob(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  store: RegistryStore,
  opts: EmbeddedRegistryOptions,
  name: string,
  digest: string,
): Promise<void> {
  const method = req.method ?? 'GET';
  if (method === 'DELETE') {
    await authorize(req, opts, name, ['delete']);
    if (opts.deleteEnabled === false) throw unsupported(method);
    checkDigest(digest);
    const r = store.repo(name, false);
    if (!r?.blobs.delete(digest))
      throw new RegistryError(404, 'BLOB_UNKNOWN', 'blob unknown to registry', digest);
    send(req, res, 202, {});
    return;
  }
  if (method !== 'GET' && method !== 'HEAD') throw unsupported(method);
  await authorize(req, opts, name, ['pull']);
  checkDigest(digest);
  const r = store.repo(name, false);
  const bytes = r?.blobs.has(digest) ? store.blobs.get(digest) : undefined;
  if (!bytes) throw new RegistryError(404, 'BLOB_UNKNOWN', 'blob unknown to registry', digest);
  const headers: Record<string, string> = {
    'Content-Type': 'application/octet-stream',
    'Docker-Content-Digest': digest,
    ETag: `"${digest}"`,
    'Accept-Ranges': 'bytes',
  };
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
  if (range && method === 'GET' && (range[1] || range[2])) {
    let start: number;
    let end: number;
    if (range[1] === '') {
      start = Math.max(0, bytes.length - Number(range[2]));
      end = bytes.length - 1;
    } else {
      start = Number(range[1]);
      end = range[2] ? Math.min(Number(range[2]), bytes.length - 1) : bytes.length - 1;
    }
    if (start > end || start >= bytes.length) {
      send(req, res, 416, { 'Content-Range': `bytes */${bytes.length}` });
      return;
    }
    send(
      req,
      res,
      206,
      { ...headers, 'Content-Range': `bytes ${start}-${end}/${bytes.length}` },
      bytes.subarray(start, end + 1),
    );
    return;
  }
  if (method === 'HEAD') {
    res.writeHead(200, {
      ...headers,
      'Content-Length': String(bytes.length),
      'Docker-Distribution-API-Version': 'registry/2.0',
    });
    res.end();
    return;
  }
  send(req, res, 200, headers, bytes);
}

function newUpload(store: RegistryStore, name: string): { uuid: string; upload: Upload } {
  const uuid = crypto.randomUUID();
  const upload: Upload = { repo: name, chunks: [], size: 0, sha256: crypto.createHash('sha256') };
  store.uploads.set(uuid, upload);
  return { uuid, upload };
}

function uploadHeaders(name: string, uuid: string, upload: Upload): Record<string, string> {
  return {
    // A query parameter the client must keep, like distribution's _state.
    Location: `/v2/${name}/blobs/uploads/${uuid}?_state=${uuid.slice(0, 8)}`,
    'Docker-Upload-UUID': uuid,
    Range: `0-${Math.max(0, upload.size - 1)}`,
  };
}

/** Verify the finished upload against `digest`, store it and link it into the repository. */
function commitUpload(store: RegistryStore, uuid: string, upload: Upload, digest: string): Buffer {
  checkDigest(digest);
  const bytes = Buffer.concat(upload.chunks, upload.size);
  const actual = digest.startsWith('sha512:')
    ? digestOf(bytes, 'sha512')
    : `sha256:${upload.sha256.copy().digest('hex')}`;
  store.uploads.delete(uuid);
  if (actual !== digest) {
    throw new RegistryError(400, 'DIGEST_INVALID', 'provided digest did not match uploaded content', {
      expected: digest,
      actual,
    });
  }
  if (!store.blobs.has(digest)) store.blobs.set(digest, bytes);
  store.repo(upload.repo, true)!.blobs.add(digest);
  return bytes;
}

async function uploads(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  store: RegistryStore,
  opts: EmbeddedRegistryOptions,
  name: string,
  url: URL,
): Promise<void> {
  if (req.method !== 'POST') throw unsupported(req.method ?? '');
  const mount = url.searchParams.get('mount');
  const from = url.searchParams.get('from');
  await authorize(req, opts, name, ['pull', 'push']);
  if (mount) {
    checkDigest(mount);
    const source = from ? store.repo(from, false) : undefined;
    const canMount = from ? source?.blobs.has(mount) === true : store.blobs.has(mount);
    if (from) await authorize(req, opts, from, ['pull']);
    if (canMount && store.blobs.has(mount)) {
      req.resume();
      store.repo(name, true)!.blobs.add(mount);
      send(req, res, 201, { Location: `/v2/${name}/blobs/${mount}`, 'Docker-Content-Digest': mount });
      return;
    }
  }
  const { uuid, upload } = newUpload(store, name);
  const digest = url.searchParams.get('digest');
  if (digest && !mount) {
    // Single-POST monolithic upload (end-4b).
    await appendToUpload(req, upload, store);
    commitUpload(store, uuid, upload, digest);
    send(req, res, 201, { Location: `/v2/${name}/blobs/${digest}`, 'Docker-Content-Digest': digest });
    return;
  }
  req.resume();
  send(req, res, 202, uploadHeaders(name, uuid, upload));
}

async function upload(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  store: RegistryStore,
  opts: EmbeddedRegistryOptions,
  name: string,
  uuid: string,
  url: URL,
): Promise<void> {
  const method = req.method ?? 'GET';
  await authorize(req, opts, name, method === 'GET' ? ['pull'] : ['pull', 'push']);
  const up = store.uploads.get(uuid);
  if (up?.repo !== name)
    throw new RegistryError(404, 'BLOB_UPLOAD_UNKNOWN', 'blob upload unknown to registry', uuid);
  switch (method) {
    case 'GET':
      send(req, res, 204, uploadHeaders(name, uuid, up));
      return;
    case 'DELETE':
      store.uploads.delete(uuid);
      send(req, res, 204, {});
      return;
    case 'PATCH':
    case 'PUT': {
      const contentRange = req.headers['content-range'];
      if (contentRange !== undefined) {
        const m = /^(?:bytes )?(\d+)-(\d+)$/.exec(contentRange);
        const start = m ? Number(m[1]) : NaN;
        const end = m ? Number(m[2]) : NaN;
        const len = Number(req.headers['content-length']);
        if (!m || start !== up.size || end < start || (Number.isFinite(len) && len !== end - start + 1)) {
          req.resume();
          send(req, res, 416, uploadHeaders(name, uuid, up));
          return;
        }
      }
      await appendToUpload(req, up, store);
      if (method === 'PATCH') {
        send(req, res, 202, uploadHeaders(name, uuid, up));
        return;
      }
      const digest = url.searchParams.get('digest');
      if (!digest) throw new RegistryError(400, 'DIGEST_INVALID', 'the digest query parameter is required');
      commitUpload(store, uuid, up, digest);
      send(req, res, 201, { Location: `/v2/${name}/blobs/${digest}`, 'Docker-Content-Digest': digest });
      return;
    }
    default:
      throw unsupported(method);
  }
}

// ----- manifests -----------------------------------------------------------------------------

interface ParsedManifest {
  mediaType?: unknown;
  schemaVersion?: unknown;
  artifactType?: unknown;
  config?: { mediaType?: unknown; digest?: unknown };
  layers?: { digest?: unknown }[];
  manifests?: { digest?: unknown }[];
  subject?: { digest?: unknown };
  annotations?: unknown;
}

function accepts(req: http.IncomingMessage, mediaType: string): boolean {
  const accept = req.headers.accept;
  if (!accept) return true;
  const types = accept.split(',').map((t) => t.split(';')[0]!.trim().toLowerCase());
  return types.includes(mediaType) || types.includes('*/*');
}

async function manifest(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  store: RegistryStore,
  opts: EmbeddedRegistryOptions,
  name: string,
  reference: string,
): Promise<void> {
  const method = req.method ?? 'GET';
  const isDigest = reference.includes(':');
  if (isDigest) checkDigest(reference);
  else if (!TAG_RE.test(reference))
    throw new RegistryError(400, 'TAG_INVALID', 'manifest tag did not match URI', reference);
  switch (method) {
    case 'GET':
    case 'HEAD': {
      await authorize(req, opts, name, ['pull']);
      const r = store.repo(name, false);
      if (!r) throw new RegistryError(404, 'NAME_UNKNOWN', 'repository name not known to registry', name);
      const digest = isDigest ? reference : r.tags.get(reference);
      const m = digest ? r.manifests.get(digest) : undefined;
      if (!m || !digest) throw new RegistryError(404, 'MANIFEST_UNKNOWN', 'manifest unknown', reference);
      if (!accepts(req, m.mediaType)) {
        throw new RegistryError(
          404,
          'MANIFEST_UNKNOWN',
          `manifest of type ${m.mediaType} found, but the Accept header does not allow it`,
          reference,
        );
      }
      const headers = { 'Content-Type': m.mediaType, 'Docker-Content-Digest': digest, ETag: `"${digest}"` };
      if (req.headers['if-none-match'] === `"${digest}"`) {
        send(req, res, 304, headers);
        return;
      }
      if (method === 'HEAD') {
        res.writeHead(200, {
          ...headers,
          'Content-Length': String(m.bytes.length),
          'Docker-Distribution-API-Version': 'registry/2.0',
        });
        res.end();
        return;
      }
      send(req, res, 200, headers, m.bytes);
      return;
    }
    case 'PUT':
      await authorize(req, opts, name, ['pull', 'push']);
      return putManifest(req, res, store, opts, name, reference, isDigest);
    case 'DELETE': {
      await authorize(req, opts, name, ['delete']);
      if (opts.deleteEnabled === false) throw unsupported(method);
      const r = store.repo(name, false);
      if (!r) throw new RegistryError(404, 'NAME_UNKNOWN', 'repository name not known to registry', name);
      if (!isDigest) {
        if (!r.tags.delete(reference))
          throw new RegistryError(404, 'MANIFEST_UNKNOWN', 'manifest unknown', reference);
      } else {
        if (!r.manifests.delete(reference))
          throw new RegistryError(404, 'MANIFEST_UNKNOWN', 'manifest unknown', reference);
        for (const [t, d] of r.tags) if (d === reference) r.tags.delete(t);
      }
      send(req, res, 202, {});
      return;
    }
    default:
      throw unsupported(method);
  }
}

async function putManifest(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  store: RegistryStore,
  opts: EmbeddedRegistryOptions,
  name: string,
  reference: string,
  isDigest: boolean,
): Promise<void> {
  const max = opts.maxManifestBytes ?? 4 * 1024 * 1024;
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!MANIFEST_TYPES.has(contentType)) {
    throw new RegistryError(
      400,
      'MANIFEST_INVALID',
      `unsupported manifest media type: ${contentType || '(none)'}`,
    );
  }
  const bytes = await readBody(
    req,
    max,
    () => new RegistryError(413, 'SIZE_INVALID', `manifest is larger than the ${max} byte limit`),
  );
  let doc: ParsedManifest;
  try {
    const parsed = JSON.parse(bytes.toString('utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object');
    doc = parsed;
  } catch (e) {
    throw new RegistryError(
      400,
      'MANIFEST_INVALID',
      `manifest invalid: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  if (doc.schemaVersion !== 2)
    throw new RegistryError(400, 'MANIFEST_INVALID', 'manifest invalid: schemaVersion must be 2');
  if (doc.mediaType !== undefined && doc.mediaType !== contentType) {
    throw new RegistryError(
      400,
      'MANIFEST_INVALID',
      'manifest invalid: mediaType does not match Content-Type',
    );
  }
  const algorithm = isDigest && reference.startsWith('sha512:') ? 'sha512' : 'sha256';
  const digest = digestOf(bytes, algorithm);
  if (isDigest && digest !== reference) {
    throw new RegistryError(400, 'DIGEST_INVALID', 'provided digest did not match uploaded content', {
      expected: reference,
      actual: digest,
    });
  }
  const r = store.repo(name, true)!;
  const isIndex = INDEX_TYPES.has(contentType);
  const refs: unknown[] = isIndex
    ? (Array.isArray(doc.manifests) ? doc.manifests : []).map((d) => d.digest)
    : [doc.config?.digest, ...(Array.isArray(doc.layers) ? doc.layers : []).map((d) => d.digest)];
  if (!isIndex && (typeof doc.config !== 'object' || !Array.isArray(doc.layers))) {
    throw new RegistryError(400, 'MANIFEST_INVALID', 'manifest invalid: config and layers are required');
  }
  if (isIndex && !Array.isArray(doc.manifests)) {
    throw new RegistryError(400, 'MANIFEST_INVALID', 'manifest invalid: manifests is required');
  }
  for (const d of refs) {
    if (typeof d !== 'string' || !DIGEST_RE.test(d))
      throw new RegistryError(400, 'MANIFEST_INVALID', 'manifest invalid: bad descriptor digest', d);
    const known = isIndex ? r.manifests.has(d) : r.blobs.has(d) && store.blobs.has(d);
    if (!known) throw new RegistryError(400, 'MANIFEST_BLOB_UNKNOWN', 'blob unknown to registry', d);
  }
  const subject = typeof doc.subject?.digest === 'string' ? doc.subject.digest : undefined;
  if (doc.subject !== undefined && (subject === undefined || !DIGEST_RE.test(subject))) {
    throw new RegistryError(400, 'MANIFEST_INVALID', 'manifest invalid: bad subject descriptor');
  }
  const artifactType =
    typeof doc.artifactType === 'string'
      ? doc.artifactType
      : !isIndex && typeof doc.config?.mediaType === 'string'
        ? doc.config.mediaType
        : undefined;
  const annotations =
    typeof doc.annotations === 'object' && doc.annotations !== null
      ? (doc.annotations as Record<string, string>)
      : undefined;
  const existing = r.manifests.get(digest);
  r.manifests.set(digest, {
    bytes,
    mediaType: contentType,
    subject,
    artifactType,
    annotations,
    seq: existing?.seq ?? store.nextSeq(),
  });
  if (!isDigest) r.tags.set(reference, digest);
  const headers: Record<string, string> = {
    Location: `/v2/${name}/manifests/${digest}`,
    'Docker-Content-Digest': digest,
  };
  if (subject && (opts.referrersApi !== false || opts.lieAboutReferrers)) headers['OCI-Subject'] = subject;
  send(req, res, 201, headers);
}

// ----- tags and referrers --------------------------------------------------------------------

async function tags(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  store: RegistryStore,
  opts: EmbeddedRegistryOptions,
  name: string,
  url: URL,
): Promise<void> {
  if (req.method !== 'GET') throw unsupported(req.method ?? '');
  await authorize(req, opts, name, ['pull']);
  const r = store.repo(name, false);
  if (!r) throw new RegistryError(404, 'NAME_UNKNOWN', 'repository name not known to registry', name);
  const pageMax = opts.tagsPageSize ?? 1000;
  const nParam = url.searchParams.get('n');
  const n = nParam === null ? pageMax : Number(nParam);
  if (!Number.isInteger(n) || n < 0)
    throw new RegistryError(400, 'PAGINATION_NUMBER_INVALID', 'invalid number of results requested', nParam);
  const last = url.searchParams.get('last');
  const all = [...r.tags.keys()].sort();
  const after = last === null ? all : all.filter((t) => t > last);
  const page = after.slice(0, Math.min(n, pageMax));
  const headers: Record<string, string> = {};
  if (page.length > 0 && after.length > page.length) {
    const next = new URLSearchParams({ n: String(Math.min(n, pageMax)), last: page[page.length - 1]! });
    headers.Link = `</v2/${name}/tags/list?${next.toString()}>; rel="next"`;
  }
  sendJson(req, res, 200, { name, tags: page }, headers);
}

async function referrers(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  store: RegistryStore,
  opts: EmbeddedRegistryOptions,
  name: string,
  digest: string,
  url: URL,
): Promise<void> {
  if (opts.referrersApi === false || opts.lieAboutReferrers) {
    req.resume();
    send(req, res, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, Buffer.from('404 page not found\n'));
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') throw unsupported(req.method ?? '');
  await authorize(req, opts, name, ['pull']);
  checkDigest(digest);
  const r = store.repo(name, false);
  const filter = url.searchParams.get('artifactType');
  const entries = [...(r?.manifests.entries() ?? [])]
    .filter(([, m]) => m.subject === digest && (filter === null || m.artifactType === filter))
    .sort(([, a], [, b]) => a.seq - b.seq);
  const pageSize = opts.referrersPageSize ?? 100;
  const last = url.searchParams.get('last');
  let start = 0;
  if (last !== null) {
    const i = entries.findIndex(([d]) => d === last);
    start = i < 0 ? entries.length : i + 1;
  }
  const page = entries.slice(start, start + pageSize);
  const headers: Record<string, string> = { 'Content-Type': OCI_INDEX };
  if (filter !== null) headers['OCI-Filters-Applied'] = 'artifactType';
  if (start + pageSize < entries.length && page.length > 0) {
    const next = new URLSearchParams({ last: page[page.length - 1]![0] });
    if (filter !== null) next.set('artifactType', filter);
    headers.Link = `</v2/${name}/referrers/${digest}?${next.toString()}>; rel="next"`;
  }
  const body = {
    schemaVersion: 2,
    mediaType: OCI_INDEX,
    manifests: page.map(([d, m]) => ({
      mediaType: m.mediaType,
      digest: d,
      size: m.bytes.length,
      ...(m.artifactType ? { artifactType: m.artifactType } : {}),
      ...(m.annotations ? { annotations: m.annotations } : {}),
    })),
  };
  send(req, res, 200, headers, Buffer.from(JSON.stringify(body)));
}
