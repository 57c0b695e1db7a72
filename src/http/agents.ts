/** TLS trust for the keep-alive agents: the default CAs, and the CAs injected through a CONNECT proxy. */
import type http from 'node:http';
import type https from 'node:https';
import tls from 'node:tls';
import fs from 'node:fs';
import { HttpsProxyAgent } from 'https-proxy-agent';

/**
 * https-proxy-agent applies its constructor's TLS options to the proxy connection only; the target's
 * TLS handshake takes the per-request options. Inject the trusted CAs there.
 */
type AgentConnectOpts = Parameters<HttpsProxyAgent<string>['connect']>[1];

export class TunnelAgent extends HttpsProxyAgent<string> {
  constructor(
    proxy: string,
    opts: https.AgentOptions,
    private readonly targetCa: string[] | undefined,
  ) {
    super(proxy, opts);
  }

  override connect(
    req: http.ClientRequest,
    opts: AgentConnectOpts,
  ): ReturnType<HttpsProxyAgent<string>['connect']> {
    return super.connect(req, this.targetCa ? ({ ...opts, ca: this.targetCa } as AgentConnectOpts) : opts);
  }
}

export function defaultCAs(env: NodeJS.ProcessEnv): string[] {
  const withGet = tls as unknown as { getCACertificates?: (t: string) => string[] };
  if (typeof withGet.getCACertificates === 'function') return withGet.getCACertificates('default');
  const roots = [...tls.rootCertificates];
  const extra = env.NODE_EXTRA_CA_CERTS;
  if (extra) {
    try {
      roots.push(fs.readFileSync(extra, 'utf8'));
    } catch {
      // Node itself warns about an unreadable NODE_EXTRA_CA_CERTS at start-up.
    }
  }
  return roots;
}
