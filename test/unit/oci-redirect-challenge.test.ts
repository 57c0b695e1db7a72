/**
 * A host the registry redirects to (blob storage, a CDN) is not the registry: when it answers 401
 * with a Bearer challenge naming a token realm of its choosing, the registry's credentials must not
 * be sent to that realm (before the fix they were, as Basic user:password).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const USER = 'robot$team+ci';
const PASSWORD = 'S3cret-Robot-Password-7781';
const servers: http.Server[] = [];
const seenByRealm: string[] = [];
let a = 0;
let b = 0;
let c = 0;
let tmp: string;

function listen(handler: http.RequestListener): Promise<number> {
  const s = http.createServer(handler);
  servers.push(s);
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port)));
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-review-redir-'));
  fs.writeFileSync(
    path.join(tmp, 'k.pub'),
    (await import('../../src/sign/keys.js')).generateCosignKeyPair('pw-123456').publicKeyPem,
  );
  // C: the "token service" named by the storage host. Records what it is sent.
  c = await listen((req, res) => {
    seenByRealm.push(`${req.method} ${req.url} auth=${req.headers.authorization ?? '(none)'}`);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ token: 'tok-from-storage', expires_in: 300 }));
  });
  // B: the storage host the registry redirects to; it is not the registry.
  b = await listen((_req, res) => {
    res.writeHead(401, {
      'www-authenticate': `Bearer realm="http://127.0.0.1:${c}/token",service="storage"`,
    });
    res.end();
  });
  // A: the registry, Basic auth; manifests redirect to B.
  a = await listen((req, res) => {
    if (req.url === '/v2/' || req.url === '/v2') {
      res.writeHead(req.headers.authorization ? 200 : 401, {
        'www-authenticate': 'Basic realm="reg"',
        'docker-distribution-api-version': 'registry/2.0',
      });
      return res.end('{}');
    }
    if (!req.headers.authorization) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="reg"' });
      return res.end();
    }
    if (req.method === 'HEAD') {
      res.writeHead(200, {
        'docker-content-digest': 'sha256:' + 'a'.repeat(64),
        'content-type': 'application/vnd.oci.image.manifest.v1+json',
        'content-length': '100',
      });
      return res.end();
    }
    res.writeHead(307, { location: `http://127.0.0.1:${b}${req.url ?? ''}` });
    res.end();
  });
});
afterAll(() => {
  for (const s of servers) s.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

it('never sends the registry credentials to a token realm named by a host it redirected to', async () => {
  const r = await runCli(
    ['verify', '--image', `127.0.0.1:${a}/team/app:1`, '--username', USER, '--key', 'k.pub', '--json'],
    { HARBOR_GATE_PASSWORD: PASSWORD, DOCKER_CONFIG: tmp },
    { cwd: tmp },
  );
  // The storage host's refusal is the answer; its realm is never contacted.
  expect(r.code).toBe(2);
  expect(JSON.parse(r.out)).toMatchObject({ error: { code: 'REGISTRY_REDIRECT_AUTH' } });
  expect(seenByRealm).toEqual([]);
  expect(r.err).not.toContain('asks for tokens from another host');
  expect(r.out + r.err).not.toContain(PASSWORD);
});
