/**
 * A route table: method + path pattern -> handler. Patterns are split on '/': `:name` matches one
 * raw (still encoded) segment, a final `**` matches the rest. A path that matches a pattern but
 * not its method is 405; no pattern at all is 404.
 */
import type http from 'node:http';
import { HttpError } from './types.js';

export interface RouteContext {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  url: URL;
  /** The `:name` segments, raw: handlers decode them (Harbor decodes repository names twice). */
  params: Record<string, string>;
}

export type Handler = (c: RouteContext) => void | Promise<void>;

export interface Route {
  /** An HTTP method, or '*' for any. */
  method: string;
  path: string;
  handler: Handler;
}

function match(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = path.split('/');
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? '';
    if (w === '**' && i === want.length - 1) return params;
    const g = got[i];
    if (g === undefined) return undefined;
    if (w.startsWith(':')) {
      if (g === '') return undefined;
      params[w.slice(1)] = g;
    } else if (w !== g) {
      return undefined;
    }
  }
  return got.length === want.length ? params : undefined;
}

/** Find the route for a request and run it; throws HttpError 404/405 when there is none. */
export async function dispatch(routes: readonly Route[], c: Omit<RouteContext, 'params'>): Promise<void> {
  const method = c.req.method ?? 'GET';
  let pathMatched = false;
  for (const r of routes) {
    const params = match(r.path, c.url.pathname);
    if (params === undefined) continue;
    pathMatched = true;
    if (r.method !== '*' && r.method !== method) continue;
    await r.handler({ ...c, params });
    return;
  }
  if (pathMatched)
    throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${c.url.pathname}`);
  throw new HttpError(404, 'NOT_FOUND', `no route for ${method} ${c.url.pathname}`);
}
