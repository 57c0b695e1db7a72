/** Reading requests and writing Harbor-shaped answers. */
import type http from 'node:http';
import { HttpError, MAX_API_BODY } from './types.js';

export function readBody(req: http.IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    req.on('data', (c: Buffer) => {
      total += c.length;
      if (total > max) {
        reject(new HttpError(413, 'REQUEST_ENTITY_TOO_LARGE', 'request body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

export const HOP_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'authorization',
  'host',
]);

export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendError(res: http.ServerResponse, e: HttpError): void {
  // Harbor replaces every 5xx body with this.
  const message = e.status >= 500 ? 'internal server error' : e.message;
  const code = e.status >= 500 ? 'UNKNOWN' : e.code;
  sendJson(res, e.status, { errors: [{ code, message }] }, e.headers);
}

export async function jsonBody(req: http.IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const body = await readBody(req, MAX_API_BODY);
  if (body.length === 0) return undefined;
  try {
    const v = JSON.parse(body.toString('utf8')) as unknown;
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new HttpError(400, 'BAD_REQUEST', 'parsing body body from "" failed: invalid JSON');
}
