/**
 * Issue 23, items 1 and 2: a registry or Harbor that speaks plain HTTP where harbor-gate speaks
 * HTTPS (a non-loopback name: `registry.test`, resolved to the loopback server by the injected
 * lookup) is named as such, with --plain-http as the remedy, exit 2; and nothing is logged after
 * the final error (no "retrying" line of a request that was given up).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopbackLookup, runCli } from '../helpers/cli.js';
import { writeOciLayout } from '../fixtures/images.js';
import { startRegistry, type TestRegistry } from '../servers/registry.js';
import { startGateEnv, type GateEnv } from '../helpers/harbor-env.js';

let tmp: string;
let reg: TestRegistry;
let layout: string;
let world: GateEnv;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-ux-http-'));
  reg = await startRegistry();
  layout = path.join(tmp, 'layout');
  await writeOciLayout(layout, { layers: 3, refName: 'v1' });
  world = await startGateEnv();
}, 60_000);

afterAll(async () => {
  await reg.stop();
  await world.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The last non-empty line of stderr. */
const lastLine = (text: string): string => text.trimEnd().split('\n').at(-1) ?? '';

describe('a plain-HTTP registry reached over HTTPS', () => {
  it('push: says the host answers plain HTTP, names --plain-http, exit 2, nothing after the error', async () => {
    const host = `registry.test:${String(reg.port)}`;
    const r = await runCli(
      ['push', '--source', `oci:${layout}:v1`, '--image', `${host}/proj/app:1`],
      { HOME: tmp, DOCKER_CONFIG: tmp },
      { lookup: loopbackLookup },
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      `error [HTTP_PLAIN_HTTP]: ${host} answers plain HTTP, not HTTPS: use --plain-http (Action: plain-http: true) if that is intended`,
    );
    expect(r.err).not.toMatch(/retry/i);
    expect(r.err).not.toContain('EPROTO');
    expect(lastLine(r.err)).toMatch(/^ {2}remedy: .*--plain-http/);
    // Let any request that was sleeping before a retry wake up: it must not log after the error.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(lastLine(r.err)).toMatch(/^ {2}remedy: /);
  });

  it('push --plain-http: the same registry and name work', async () => {
    const host = `registry.test:${String(reg.port)}`;
    const r = await runCli(
      ['push', '--source', `oci:${layout}:v1`, '--image', `${host}/proj/app:1`, '--plain-http', '--json'],
      { HOME: tmp, DOCKER_CONFIG: tmp },
      { lookup: loopbackLookup },
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ image: `${host}/proj/app:1` });
  });

  it('gate: Harbor named with https:// that answers plain HTTP gets the same diagnosis, exit 2', async () => {
    const img = await world.image('plain');
    const port = new URL(world.harbor.url).port;
    const r = await runCli(
      [
        ...world.gateArgs(`${world.harbor.host}/team/app:1`, img.dir),
        '--no-sign',
        '--harbor-url',
        `https://harbor.test:${port}`,
      ],
      { HARBOR_GATE_PASSWORD: 'S3cret-Robot-Password-7781', DOCKER_CONFIG: world.tmp },
      { cwd: world.tmp, lookup: loopbackLookup },
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      `error [HTTP_PLAIN_HTTP]: Harbor at harbor.test:${port} answers plain HTTP, not HTTPS: use --plain-http (Action: plain-http: true) and --harbor-url http://harbor.test:${port} if that is intended`,
    );
    expect(r.err).not.toMatch(/retry/i);
  });
});
