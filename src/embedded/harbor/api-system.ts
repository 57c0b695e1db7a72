/** /api/v2.0 outside projects: ping, systeminfo, the system CVE allowlist, the caller's permissions. */
import { sendJson } from './http-util.js';
import type { Route, RouteContext } from './router.js';
import type { HarborState } from './state.js';
import { HttpError, iso, type Identity } from './types.js';
import type { HarborViews } from './views.js';

export function systemRoutes(st: HarborState, views: HarborViews): Route[] {
  const authenticated = (id: Identity): void => {
    if (!id.user) throw new HttpError(401, 'UNAUTHORIZED', 'unauthorized');
  };
  return [
    {
      method: 'GET',
      path: '/api/v2.0/ping',
      handler: ({ res }) => {
        res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Pong');
      },
    },
    {
      method: 'GET',
      path: '/api/v2.0/systeminfo',
      handler: ({ req, res }: RouteContext) => {
        const id = st.identify(req);
        const info: Record<string, unknown> = {
          auth_mode: st.opts.authMode ?? 'db_auth',
          primary_auth_mode: false,
          self_registration: false,
          banner_message: '',
          oidc_provider_name: '',
        };
        if (id.user) {
          Object.assign(info, {
            harbor_version: st.version,
            external_url: st.conf.baseUrl,
            registry_url: new URL(st.conf.baseUrl).host,
            read_only: false,
            has_ca_root: false,
            project_creation_restriction: 'everyone',
            registry_storage_provider_name: 'filesystem',
            notification_enable: true,
            current_time: iso(st.now()),
          });
        }
        sendJson(res, 200, info);
      },
    },
    {
      method: 'GET',
      path: '/api/v2.0/system/CVEAllowlist',
      handler: ({ req, res }) => {
        authenticated(st.identify(req));
        sendJson(res, 200, views.allowlistJson(0, st.systemAllowlist));
      },
    },
    {
      method: 'GET',
      path: '/api/v2.0/users/current/permissions',
      handler: ({ req, res, url }) => {
        const id = st.identify(req);
        authenticated(id);
        const scope = url.searchParams.get('scope') ?? '';
        const relative = url.searchParams.get('relative') === 'true';
        const m = /^\/project\/(\d+)$/.exec(scope);
        const p = m ? st.findProject(m[1] ?? '', false) : undefined;
        const list = p ? [...st.grants(id.user, p)] : [];
        sendJson(
          res,
          200,
          list.map((g) => {
            const [resource = '', action = ''] = g.split(':');
            return { resource: relative ? resource : `${scope}/${resource}`, action };
          }),
        );
      },
    },
  ];
}
