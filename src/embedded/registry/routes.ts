/**
 * The route table: a path pattern per resource and its handler. Repository names hold slashes, so
 * the patterns are regular expressions; an unknown route is a plain-text 404, like distribution.
 */
import type http from 'node:http';
import type { EmbeddedRegistryOptions } from '../registry.js';
import { authorize } from './auth.js';
import { blob, upload, uploads } from './blobs.js';
import { send, sendJson, type RouteArgs } from './http.js';
import { manifest, tags } from './manifests.js';
import { referrers } from './referrers.js';
import { NAME_RE, RegistryError, unsupported, type RegistryStore } from './store.js';

const ROUTES: { re: RegExp; handle: (a: RouteArgs) => Promise<void> }[] = [
  { re: /^\/v2\/(.+)\/blobs\/uploads\/?$/, handle: uploads },
  { re: /^\/v2\/(.+)\/blobs\/uploads\/([A-Za-z0-9-]+)$/, handle: upload },
  { re: /^\/v2\/(.+)\/blobs\/([^/]+)$/, handle: blob },
  { re: /^\/v2\/(.+)\/manifests\/([^/]+)$/, handle: manifest },
  { re: /^\/v2\/(.+)\/tags\/list$/, handle: tags },
  { re: /^\/v2\/(.+)\/referrers\/([^/]+)$/, handle: referrers },
];

export async function route(
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
    return r.handle({ req, res, store, opts, name, ref, url });
  }
  // Like distribution's router: an unknown route is a plain-text 404.
  req.resume();
  send(req, res, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, Buffer.from('404 page not found\n'));
}
