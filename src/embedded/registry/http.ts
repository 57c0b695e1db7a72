/** Writing the registry's answers (spec-shaped error bodies) and reading bodies within the limits. */
import type http from 'node:http';
import type { EmbeddedRegistryOptions } from '../registry.js';
import { RegistryError, type RegistryStore, type Upload } from './store.js';

/** A request as a route's handler gets it. */
export interface RouteArgs {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  store: RegistryStore;
  opts: EmbeddedRegistryOptions;
  /** The repository name. */
  name: string;
  /** The second path parameter (digest, upload id or tag), when the pattern has one. */
  ref: string;
  url: URL;
}

export function sendError(req: http.IncomingMessage, res: http.ServerResponse, err: RegistryError): void {
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

export function send(
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

export function sendJson(
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
export async function readBody(
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
export async function appendToUpload(
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
