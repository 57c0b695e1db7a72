/**
 * Issue 20 item 6 at the command level: `verify` against a registry whose referrers listing drips
 * one byte at a time ends at its deadline with exit 3 naming the stalled request (before: it ran
 * past 900 s, as each drip reset the 60 s idle timeout). The deadline is configured small (--timeout
 * 2s); the test asserts on the exit code and the message.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startEmbeddedRegistry, type EmbeddedRegistry } from '../../src/embedded/registry.js';
import { HttpClient } from '../../src/http/client.js';
import { RegistryClient } from '../../src/oci/registry.js';
import { MediaType } from '../../src/oci/types.js';
import { startDripProxy, type DripProxy } from '../servers/drip-proxy.js';

const PUB = path.join(import.meta.dirname, '..', 'fixtures', 'keys', 'cosign-p256.pub');
const env = { HOME: '/nonexistent', DOCKER_CONFIG: '/nonexistent' };

describe('command deadline (--timeout) against a dripping registry', () => {
  let reg: EmbeddedRegistry;
  let drip: DripProxy;
  let subject: string;
  beforeAll(async () => {
    // The command loads these lazily: loaded here, so the deadline is spent on the requests.
    await import('../../src/sign/index.js');
    await import('../../src/gate/index.js');
    await import('../../src/config/index.js');
    reg = await startEmbeddedRegistry();
    const http = new HttpClient();
    const repo = new RegistryClient({ http }).repository(reg.host, 'drip/app');
    const config = await repo.pushBlobBytes(Buffer.from('{"os":"linux"}'), MediaType.OciConfig);
    const layer = await repo.pushBlobBytes(Buffer.from('layer'), MediaType.OciLayer);
    const m = Buffer.from(
      JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciManifest, config, layers: [layer] }),
    );
    subject = (await repo.pushManifest('v1', m, MediaType.OciManifest)).digest;
    http.close();
    drip = await startDripProxy({
      target: `http://${reg.host}`,
      drip: (_m, p) => p.includes('/referrers/'),
      everyMs: 50,
    });
  });
  afterAll(async () => {
    await drip.stop();
    await reg.stop();
  });

  it('verify on a dripped referrers listing exits 3 with COMMAND_TIMEOUT naming the host and the request', async () => {
    const r = await runCli(
      ['verify', '--image', `${drip.host}/drip/app:v1`, '--key', PUB, '--timeout', '2s'],
      env,
    );
    expect(r.code).toBe(3);
    expect(r.err).toContain('error [COMMAND_TIMEOUT]');
    expect(r.err).toContain('verify did not finish within 2s');
    expect(r.err).toContain(`still running: GET ${drip.host}/v2/drip/app/referrers/${subject}`);
    expect(drip.dripped.length).toBeGreaterThan(0);
  });

  it('a bad --timeout is input (exit 2) before any request', async () => {
    const r = await runCli(
      ['verify', '--image', `${drip.host}/drip/app:v1`, '--key', PUB, '--timeout', 'soon'],
      env,
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain('CONFIG_BAD_DURATION');
  });

  it('a registry that redirects in a loop is infrastructure: exit 3, "redirect loop at host" (item 7)', async () => {
    const loop = await startEmbeddedRegistry({
      intercept: (req, res) => {
        if (!req.url?.includes('/manifests/')) return false;
        res
          .writeHead(302, { location: req.url.endsWith('/x') ? req.url.slice(0, -2) : `${req.url}/x` })
          .end();
        return true;
      },
    });
    try {
      const r = await runCli(['verify', '--image', `${loop.host}/drip/app:v1`, '--key', PUB], env);
      expect(r.code, r.err).toBe(3);
      expect(r.err).toContain('error [HTTP_REDIRECT_LOOP]');
      expect(r.err).toContain(`redirect loop at ${loop.host}`);
    } finally {
      await loop.stop();
    }
  });
});
