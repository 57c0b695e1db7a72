/** /api/v2.0/projects/{project} and its scanner. */
import { sendJson } from './http-util.js';
import type { Route } from './router.js';
import type { HarborState } from './state.js';
import type { HarborViews } from './views.js';

export function projectRoutes(st: HarborState, views: HarborViews): Route[] {
  const isName = (h: string | string[] | undefined): boolean => h === 'true';
  return [
    {
      method: 'GET',
      path: '/api/v2.0/projects/:project',
      handler: ({ req, res, params }) => {
        const id = st.identify(req);
        const ref = decodeURIComponent(params.project ?? '');
        const p = st.requireProject(id, ref, isName(req.headers['x-is-resource-name']), 'project:read');
        sendJson(res, 200, views.projectJson(p));
      },
    },
    {
      method: 'GET',
      path: '/api/v2.0/projects/:project/scanner',
      handler: ({ req, res, params }) => {
        const id = st.identify(req);
        const ref = decodeURIComponent(params.project ?? '');
        const p = st.requireProject(id, ref, isName(req.headers['x-is-resource-name']), 'scanner:read');
        const s = st.projectScanner(p);
        if (!s) {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end();
          return;
        }
        sendJson(res, 200, views.scannerRegistrationJson(s));
      },
    },
  ];
}
