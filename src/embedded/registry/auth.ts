/** Basic or Bearer authentication of a request, with the challenge registries send. */
import crypto from 'node:crypto';
import type http from 'node:http';
import type { EmbeddedRegistryOptions } from '../registry.js';
import { RegistryError } from './store.js';

export async function authorize(
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
