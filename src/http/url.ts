/** URL helpers: the host named in messages, URLs redacted for logs, loopback hosts. */

/** "host:port" with the scheme's default port when the URL has none. */
export function hostPort(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || (u.protocol === 'https:' ? '443' : '80')}`;
  } catch {
    return '(invalid URL)';
  }
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(invalid URL)';
  }
}

/** Drop userinfo and query from a URL before it is logged. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    if (u.search) u.search = '?…';
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}

export { isLoopbackHost } from '../core/index.js';
