/** Proxy selection from HTTPS_PROXY / HTTP_PROXY / NO_PROXY (upper or lower case), curl-compatible. */

export interface ProxyEnv {
  httpsProxy?: string;
  httpProxy?: string;
  noProxy?: string;
}

export function proxyEnvFrom(env: NodeJS.ProcessEnv): ProxyEnv {
  const pick = (name: string): string | undefined => {
    const v = env[name.toLowerCase()] ?? env[name.toUpperCase()];
    return v && v.trim() !== '' ? v.trim() : undefined;
  };
  return { httpsProxy: pick('https_proxy'), httpProxy: pick('http_proxy'), noProxy: pick('no_proxy') };
}

function defaultPort(protocol: string): string {
  return protocol === 'https:' ? '443' : '80';
}

/** True when NO_PROXY says to go direct for this URL. */
export function bypassProxy(target: URL, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || defaultPort(target.protocol);
  for (const raw of noProxy.split(/[,\s]+/)) {
    let entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    let entryPort: string | undefined;
    const m = /^(.*):(\d+)$/.exec(entry);
    if (m && !entry.includes(']') && (m[1] ?? '').split(':').length === 1) {
      entry = m[1] ?? '';
      entryPort = m[2];
    }
    entry = entry.replace(/^\[|\]$/g, '');
    if (entryPort && entryPort !== port) continue;
    if (entry.startsWith('*.')) entry = entry.slice(1);
    if (entry.startsWith('.')) {
      if (host.endsWith(entry) || host === entry.slice(1)) return true;
    } else if (host === entry || host.endsWith('.' + entry)) {
      return true;
    }
  }
  return false;
}

/** The proxy URL to use for a target, or undefined for a direct connection. */
export function proxyFor(target: URL, env: ProxyEnv): string | undefined {
  if (bypassProxy(target, env.noProxy)) return undefined;
  const p = target.protocol === 'https:' ? env.httpsProxy : env.httpProxy;
  if (!p) return undefined;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(p) ? p : `http://${p}`;
}
