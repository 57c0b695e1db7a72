/**
 * Issue 20 item 6, the gate: `gate --scan-timeout` bounds the whole wait, requests included. Before,
 * a Harbor whose artifact GET dripped a byte every 20 s kept `gate --scan-timeout 30s` running past
 * 800 s; now the scan ends at the timeout (plus a grace to stop the scan, at most half of it) with
 * exit 3 and SCAN_TIMEOUT naming Harbor's host and the stalled request. Real registry, embedded
 * Harbor behind a dripping proxy; assertions on the exit code and the message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateEnv, type GateEnv } from '../helpers/harbor-env.js';
import { startDripProxy, type DripProxy } from '../servers/drip-proxy.js';

let env: GateEnv;
let drip: DripProxy;

beforeAll(async () => {
  env = await startGateEnv();
  drip = await startDripProxy({
    target: env.harbor.url,
    drip: (method, path) =>
      method === 'GET' && /\/artifacts\/sha256(:|%3A)[^/?]*\?.*with_scan_overview=true/i.test(path),
    everyMs: 50,
  });
}, 60_000);

afterAll(async () => {
  await drip.stop();
  await env.stop();
});

describe('gate --scan-timeout against a Harbor that drips', () => {
  it('ends with exit 3, SCAN_TIMEOUT, naming the host and the dripped artifact GET', async () => {
    const img = await env.image('drip');
    const args = env.gateArgs(`${env.harbor.host}/team/app:drip`, img.dir);
    args[args.indexOf('--harbor-url') + 1] = drip.url;
    const r = await env.cli([...args, '--no-sign', '--scan-timeout', '1s']);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain('SCAN_TIMEOUT');
    expect(r.stderr).toContain('did not finish within 1s');
    expect(r.stderr).toContain(
      `still running: GET ${drip.host}/api/v2.0/projects/team/repositories/app/artifacts/${img.digest.replace(':', '%3A')}`,
    );
    expect(drip.dripped.length).toBeGreaterThan(0);
  }, 60_000);
});
