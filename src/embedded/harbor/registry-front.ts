/**
 * The /v2/ front: Harbor's registry proxy with its token flow, and the OCI referrers API answered
 * from the accessory records, the way Harbor 2.11+ does.
 */
import http from 'node:http';
import { HOP_HEADERS, readBody, sendJson } from './http-util.js';
import type { HarborState } from './state.js';
import type { Access } from './token.js';
import type { TokenService } from './token-service.js';
import { MAX_MANIFEST, SERVICE, sha256, type Identity } from './types.js';

export function createRegistryFront(st: HarborState, tokens: TokenService) {
  const {
    identify,
    recordManifest,
    forgetManifest,
    scannable,
    projectScanner,
    scanTargets,
    scanner,
    accessories,
    backendAuth,
    conf,
  } = st;
  const { tokenFor, allowedActions } = tokens;

  const V2_ROUTE =
    /^\/v2\/(.+)\/(manifests\/[^/]+|blobs\/uploads\/[^/]*|blobs\/[^/]+|tags\/list|referrers\/[^/]+)$/;

  function challenge(res: http.ServerResponse, id: Identity, scope?: string): void {
    const header =
      id.rejected && !id.access
        ? 'Basic realm="harbor"'
        : `Bearer realm="${conf.baseUrl}/service/token",service="${SERVICE}"${scope ? `,scope="${scope}"` : ''}`;
    const body = JSON.stringify({
      errors: [{ code: 'UNAUTHORIZED', message: 'authentication required', detail: null }],
    });
    res.writeHead(401, {
      'WWW-Authenticate': header,
      'Docker-Distribution-Api-Version': 'registry/2.0',
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
    });
    res.end(body);
  }

  async function v2(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const id = identify(req);
    const method = req.method ?? 'GET';
    if (url.pathname === '/v2/' || url.pathname === '/v2') {
      if (!id.user && !id.access) {
        challenge(res, id);
        return;
      }
      await forward(req, res, url, [], undefined);
      return;
    }
    const m = V2_ROUTE.exec(url.pathname);
    if (!m) {
      sendJson(res, 404, { errors: [{ code: 'NOT_FOUND', message: 'not found' }] });
      return;
    }
    const repo = m[1] ?? '';
    const what = m[2] ?? '';
    const wanted =
      method === 'GET' || method === 'HEAD' ? ['pull'] : method === 'DELETE' ? ['delete'] : ['pull', 'push'];
    const actions = allowedActions(id, repo, wanted);
    if (actions.length < wanted.length) {
      if (id.user && !id.rejected && !id.access) {
        sendJson(res, 403, {
          errors: [{ code: 'DENIED', message: `requested access to the resource is denied` }],
        });
        return;
      }
      challenge(res, id, `repository:${repo}:${wanted.join(',')}`);
      return;
    }
    if (what.startsWith('referrers/')) {
      referrers(res, repo, decodeURIComponent(what.slice('referrers/'.length)), url);
      return;
    }
    const access: Access[] = [{ type: 'repository', name: repo, actions }];
    const from = url.searchParams.get('from');
    if (from && allowedActions(id, from, ['pull']).length === 1)
      access.push({ type: 'repository', name: from, actions: ['pull'] });
    if (method === 'PUT' && what.startsWith('manifests/')) {
      const body = await readBody(req, MAX_MANIFEST);
      await forward(req, res, url, access, body, (status, headers) => {
        if (status !== 201) return;
        const digest = headers['docker-content-digest'] ?? sha256(body);
        const ref = decodeURIComponent(what.slice('manifests/'.length));
        const a = recordManifest(repo, ref, body, req.headers['content-type'] ?? '', digest);
        if (a?.subject) headers['OCI-Subject'] = a.subject;
        if (a && a.accessoryType === undefined && a.project.metadata.auto_scan === 'true' && scannable(a)) {
          const s = projectScanner(a.project);
          if (s && !s.disabled && s.health === 'healthy')
            for (const d of scanTargets(a)) scanner.start(d, 'vulnerability');
        }
      });
      return;
    }
    if (method === 'DELETE' && what.startsWith('manifests/')) {
      const ref = decodeURIComponent(what.slice('manifests/'.length));
      await forward(req, res, url, access, undefined, (status) => {
        if (status === 202) forgetManifest(repo, ref);
      });
      return;
    }
    await forward(req, res, url, access, undefined);
  }

  function referrers(res: http.ServerResponse, repo: string, digest: string, url: URL): void {
    if (!/^[a-z0-9]+:[a-f0-9]{32,}$/.test(digest)) {
      sendJson(res, 400, { errors: [{ code: 'BAD_REQUEST', message: `invalid digest ${digest}` }] });
      return;
    }
    const filter = url.searchParams.get('artifactType');
    const list = accessories
      .filter((x) => x.subjectRepo === repo && x.subjectDigest === digest)
      .map((x) => {
        const a = x.artifact;
        const d: Record<string, unknown> = {
          mediaType: a.mediaType,
          digest: a.digest,
          size: a.size,
          artifactType: a.artifactType ?? a.configMediaType ?? '',
        };
        if (Object.keys(a.annotations).length > 0) d.annotations = a.annotations;
        return d;
      })
      .filter((d) => filter === null || d.artifactType === filter);
    const headers: Record<string, string> = {
      'X-Total-Count': String(list.length),
      'Docker-Distribution-Api-Version': 'registry/2.0',
    };
    if (filter !== null) headers['OCI-Filters-Applied'] = 'artifactType';
    const text = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: list,
    });
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'application/vnd.oci.image.index.v1+json',
      'Content-Length': Buffer.byteLength(text),
    });
    res.end(text);
  }

  /** Proxy to the backend, streaming both ways, with a token minted for exactly `access`. */
  function forward(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    access: Access[],
    body: Buffer | undefined,
    onHead?: (status: number, headers: Record<string, string>) => void,
  ): Promise<void> {
    if (!conf.backend) {
      sendJson(res, 503, { errors: [{ code: 'UNAVAILABLE', message: 'no registry backend configured' }] });
      return Promise.resolve();
    }
    const target = new URL(url.pathname + url.search, conf.backend);
    const headers: http.OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(req.headers))
      if (!HOP_HEADERS.has(k) && v !== undefined) headers[k] = v;
    // The backend builds upload URLs from the Host it sees: keep ours so clients come back here.
    headers.host = req.headers.host ?? new URL(conf.baseUrl).host;
    headers['x-forwarded-proto'] = st.opts.tls ? 'https' : 'http';
    if (backendAuth === 'token') headers.authorization = `Bearer ${tokenFor(identify(req), access)}`;
    if (body) {
      headers['content-length'] = String(body.length);
      delete headers['transfer-encoding'];
    }
    return new Promise((resolve) => {
      const up = http.request(target, { method: req.method, headers, agent: false }, (upRes) => {
        const out: Record<string, string> = {};
        for (const [k, v] of Object.entries(upRes.headers)) {
          if (v === undefined || k === 'connection' || k === 'keep-alive' || k === 'transfer-encoding')
            continue;
          out[k] = Array.isArray(v) ? v.join(', ') : v;
        }
        if (out.location?.startsWith(conf.backend ?? '\u0000'))
          out.location =
            conf.baseUrl + out.location.slice(new URL(conf.backend ?? conf.baseUrl).origin.length);
        onHead?.(upRes.statusCode ?? 502, out);
        res.writeHead(upRes.statusCode ?? 502, out);
        upRes.pipe(res);
        upRes.on('end', resolve);
        upRes.on('error', () => {
          res.destroy();
          resolve();
        });
      });
      up.on('error', () => {
        if (!res.headersSent)
          sendJson(res, 502, { errors: [{ code: 'UNKNOWN', message: 'internal server error' }] });
        else res.destroy();
        resolve();
      });
      if (body) up.end(body);
      else req.pipe(up);
    });
  }

  return { v2 };
}
