/** Harbor core's token service for the registry behind it (/service/token). */
import crypto from 'node:crypto';
import type http from 'node:http';
import { sendJson } from './http-util.js';
import type { HarborState } from './state.js';
import { parseScope, signToken, type Access } from './token.js';
import { HttpError, ISSUER, SERVICE, iso, type Identity } from './types.js';

export type TokenService = ReturnType<typeof createTokenService>;

export function createTokenService(st: HarborState) {
  const { now, identity, projects, can, identify } = st;

  function tokenFor(id: Identity, scopes: Access[]): string {
    const t = Math.floor(now() / 1000);
    return signToken(identity, {
      iss: ISSUER,
      sub: id.user?.username ?? '',
      aud: SERVICE,
      exp: t + 1800,
      nbf: t - 10,
      iat: t,
      jti: crypto.randomUUID(),
      access: scopes,
    });
  }

  /** A scope intersected with what the identity may do. */
  function allowedActions(id: Identity, repo: string, wanted: string[]): string[] {
    if (id.access) {
      const granted = new Set(
        id.access.filter((x) => x.type === 'repository' && x.name === repo).flatMap((x) => x.actions),
      );
      return wanted.filter((w) => granted.has(w) || granted.has('*'));
    }
    const p = projects.get(repo.split('/')[0] ?? '');
    const out: string[] = [];
    for (const w of wanted) {
      if (
        (w === 'pull' && can(id, p, 'repository:pull')) ||
        ((w === 'push' || w === '*') && can(id, p, 'repository:push')) ||
        // Harbor maps a manifest DELETE to the artifact delete permission (robot: Artifact / Delete).
        (w === 'delete' && can(id, p, 'artifact:delete'))
      )
        out.push(w);
    }
    return out;
  }

  function serviceToken(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    const id = identify(req);
    if (id.rejected || id.access) throw new HttpError(401, 'UNAUTHORIZED', 'authentication failed');
    const service = url.searchParams.get('service');
    if (service !== null && service !== SERVICE)
      throw new HttpError(400, 'BAD_REQUEST', `invalid service: ${service}`);
    const access: Access[] = [];
    for (const raw of url.searchParams.getAll('scope').flatMap((s) => s.split(' '))) {
      const sc = parseScope(raw);
      if (sc?.type !== 'repository') continue;
      access.push({ type: 'repository', name: sc.name, actions: allowedActions(id, sc.name, sc.actions) });
    }
    const token = tokenFor(id, access);
    sendJson(res, 200, { token, access_token: '', expires_in: 1800, issued_at: iso(now()) });
  }

  return { tokenFor, allowedActions, serviceToken };
}
