/**
 * Issue 19 item 2, the registry credentials checked before the first write: a push-scoped upload
 * session is opened and DELETEd at once (go-containerregistry's `remote.CheckPushPermission`).
 * Against the real docker-registry the session is gone afterwards; credentials that may only pull
 * stop a gate run with exit 2 and nothing written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/http/client.js';
import type { HttpRequest, HttpResponse } from '../../src/http/client.js';
import { RegistryClient } from '../../src/oci/registry.js';
import { startRegistry, type TestRegistry } from '../servers/registry.js';
import { startGateEnv, type GateEnv } from '../helpers/harbor-env.js';

/** An HttpClient that records every request it sends (method, URL, status). */
class RecordingHttp extends HttpClient {
  readonly seen: { method: string; url: string; status: number }[] = [];
  override async request(req: HttpRequest): Promise<HttpResponse> {
    const res = await super.request(req);
    this.seen.push({ method: req.method, url: req.url, status: res.status });
    return res;
  }
}

/** Files under a repository's directory in the registry's storage (`_uploads`, `_layers`, ...). */
function files(reg: TestRegistry, repository: string, sub = ''): string[] {
  const dir = path.join(reg.dataDir, 'docker/registry/v2/repositories', repository, sub);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
}

describe('the push check against docker-registry', () => {
  let reg: TestRegistry;
  beforeAll(async () => {
    reg = await startRegistry();
  }, 60_000);
  afterAll(async () => {
    await reg.stop();
  });

  it('opens an upload and DELETEs it: the upload URL answers 404 after, no session and no blob left', async () => {
    const http = new RecordingHttp({});
    const client = new RegistryClient({ http });
    try {
      await client.repository(reg.host, 'check/app').checkPush();
    } finally {
      client.close();
    }
    const post = http.seen.filter((r) => r.method === 'POST');
    const del = http.seen.filter((r) => r.method === 'DELETE');
    expect(post).toHaveLength(1);
    expect(post[0]?.status).toBe(202);
    expect(del).toHaveLength(1);
    expect(del[0]?.status).toBe(204);
    expect(http.seen.map((r) => r.method).filter((m) => m !== 'GET')).toEqual(['POST', 'DELETE']);
    // The session is gone at the registry: its URL is unknown now.
    const after = await fetch(del[0]?.url ?? '');
    await after.arrayBuffer();
    expect(after.status).toBe(404);
    // Nothing under _uploads but what docker-registry itself leaves behind a DELETE of an empty
    // session (its deferred close writes a hash state after the session directory is removed):
    // no data file, no layer link, no manifest.
    expect(files(reg, 'check/app', '_uploads').filter((f) => f === 'data' || f === 'startedat')).toEqual([]);
    expect(files(reg, 'check/app', '_layers')).toEqual([]);
    expect(files(reg, 'check/app', '_manifests')).toEqual([]);
  });
});

describe('credentials that may only pull (embedded Harbor, real registry)', () => {
  let env: GateEnv;
  beforeAll(async () => {
    env = await startGateEnv([{ name: 'team' }], {
      permissions: ['repository:pull', 'artifact:read', 'artifact:list', 'project:read', 'scanner:read'],
    });
  }, 60_000);
  afterAll(async () => {
    await env.stop();
  });

  it('stop the gate before the first blob: exit 2, failed step push, nothing written', async () => {
    const img = await env.image('pull-only');
    const report = path.join(env.tmp, 'pull-only.json');
    const r = await env.cli([
      ...env.gateArgs(`${env.harbor.host}/team/pull-only:1`, img.dir),
      '--no-sign',
      '--no-scan',
      '--json-report',
      report,
    ]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('error [REGISTRY_DENIED]: start an upload (checking push access)');
    expect(r.stderr).not.toContain('pushing');
    const json = JSON.parse(fs.readFileSync(report, 'utf8')) as { verdict?: string; failedStep?: string };
    expect(json).toMatchObject({ verdict: 'error', failedStep: 'push' });
    // Nothing in the registry: no blob, no manifest, no open upload session.
    expect(files(env.registry, 'team/pull-only', '_layers')).toEqual([]);
    expect(files(env.registry, 'team/pull-only', '_manifests')).toEqual([]);
    expect(files(env.registry, 'team/pull-only', '_uploads')).toEqual([]);
  });
});
