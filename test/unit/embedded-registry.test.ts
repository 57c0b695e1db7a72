import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestOf, startEmbeddedRegistry, type EmbeddedRegistry } from '../../src/embedded/registry.js';
import { HttpClient } from '../../src/http/client.js';
import { staticCredentials } from '../../src/oci/credentials.js';
import { RegistryClient } from '../../src/oci/registry.js';
import { MediaType } from '../../src/oci/types.js';

/** The fields the tests read from JSON answers (error body, tag list, referrers index). */
interface Body {
  errors: { code: string; message: string }[];
  tags: string[];
  manifests: unknown[];
}

async function call(
  base: string,
  method: string,
  path: string,
  init: { headers?: Record<string, string>; body?: Buffer | string } = {},
): Promise<{ status: number; headers: Headers; text: string; json: () => Body }> {
  const url = /^https?:/.test(path) ? path : base + path;
  const res = await fetch(url, {
    method,
    headers: init.headers,
    body:
      init.body === undefined
        ? undefined
        : typeof init.body === 'string'
          ? init.body
          : new Uint8Array(init.body),
    redirect: 'manual',
  });
  const text = method === 'HEAD' ? '' : await res.text();
  return {
    status: res.status,
    headers: res.headers,
    text,
    json: () => JSON.parse(text) as Body,
  };
}

function errorCode(r: { json: () => Body }): string {
  return r.json().errors[0]!.code;
}

describe('embedded registry: distribution-spec protocol', () => {
  let reg: EmbeddedRegistry;
  beforeAll(async () => {
    reg = await startEmbeddedRegistry({ tagsPageSize: 2 });
  });
  afterAll(() => reg.stop());

  it('answers the ping and a plain-text 404 for unknown routes', async () => {
    expect((await call(reg.url, 'GET', '/v2/')).status).toBe(200);
    const r = await call(reg.url, 'GET', '/v2/a/nothing/here/x');
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toMatch(/text\/plain/);
  });

  it('monolithic upload: POST, PUT ?digest= (Location keeps its query), verified digest', async () => {
    const bytes = Buffer.from('hello blob');
    const d = digestOf(bytes);
    const post = await call(reg.url, 'POST', '/v2/p/one/blobs/uploads/');
    expect(post.status).toBe(202);
    const loc = post.headers.get('location')!;
    expect(loc).toMatch(/\?_state=/);
    const bad = await call(reg.url, 'PUT', `${loc}&digest=${digestOf(Buffer.from('other'))}`, {
      headers: { 'Content-Type': 'application/octet-stream' },
      body: bytes,
    });
    expect(bad.status).toBe(400);
    expect(errorCode(bad)).toBe('DIGEST_INVALID');
    const post2 = await call(reg.url, 'POST', '/v2/p/one/blobs/uploads/');
    const put = await call(reg.url, 'PUT', `${post2.headers.get('location')!}&digest=${d}`, { body: bytes });
    expect(put.status).toBe(201);
    expect(put.headers.get('docker-content-digest')).toBe(d);
    const head = await call(reg.url, 'HEAD', `/v2/p/one/blobs/${d}`);
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(bytes.length));
    const range = await call(reg.url, 'GET', `/v2/p/one/blobs/${d}`, { headers: { Range: 'bytes=6-9' } });
    expect(range.status).toBe(206);
    expect(range.text).toBe('blob');
    expect((await call(reg.url, 'GET', `/v2/p/other/blobs/${d}`)).status).toBe(404);
  });

  it('chunked upload: ordered PATCHes, 416 out of order, status GET, final PUT', async () => {
    const bytes = crypto.randomBytes(3000);
    const d = digestOf(bytes);
    const post = await call(reg.url, 'POST', '/v2/p/chunks/blobs/uploads/');
    let loc = new URL(post.headers.get('location')!, reg.url).toString();
    const p1 = await call(reg.url, 'PATCH', loc, {
      headers: { 'Content-Range': '0-999', 'Content-Type': 'application/octet-stream' },
      body: bytes.subarray(0, 1000),
    });
    expect(p1.status).toBe(202);
    expect(p1.headers.get('range')).toBe('0-999');
    loc = new URL(p1.headers.get('location')!, reg.url).toString();
    const wrong = await call(reg.url, 'PATCH', loc, {
      headers: { 'Content-Range': '1500-1999' },
      body: bytes.subarray(1500, 2000),
    });
    expect(wrong.status).toBe(416);
    const status = await call(reg.url, 'GET', loc);
    expect(status.status).toBe(204);
    expect(status.headers.get('range')).toBe('0-999');
    const p2 = await call(reg.url, 'PATCH', loc, {
      headers: { 'Content-Range': '1000-2999' },
      body: bytes.subarray(1000),
    });
    expect(p2.status).toBe(202);
    const put = await call(reg.url, 'PUT', `${loc}&digest=${d}`);
    expect(put.status).toBe(201);
    const got = await fetch(`${reg.url}/v2/p/chunks/blobs/${d}`);
    expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('single-POST upload, mount from another repository, cancelled uploads', async () => {
    const bytes = Buffer.from('single post');
    const d = digestOf(bytes);
    const one = await call(reg.url, 'POST', `/v2/p/single/blobs/uploads/?digest=${d}`, { body: bytes });
    expect(one.status).toBe(201);
    const mount = await call(reg.url, 'POST', `/v2/p/mounted/blobs/uploads/?mount=${d}&from=p/single`);
    expect(mount.status).toBe(201);
    expect((await call(reg.url, 'HEAD', `/v2/p/mounted/blobs/${d}`)).status).toBe(200);
    const unknown = await call(
      reg.url,
      'POST',
      `/v2/p/mounted/blobs/uploads/?mount=${digestOf(Buffer.from('?'))}&from=p/single`,
    );
    expect(unknown.status).toBe(202);
    const loc = new URL(unknown.headers.get('location')!, reg.url).toString();
    expect((await call(reg.url, 'DELETE', loc)).status).toBe(204);
    const gone = await call(reg.url, 'PATCH', loc, { body: 'x' });
    expect(gone.status).toBe(404);
    expect(errorCode(gone)).toBe('BLOB_UPLOAD_UNKNOWN');
  });

  it('manifests: content type, blob checks, exact bytes, digest checks, Accept, OCI-Subject, delete', async () => {
    const client = new RegistryClient({ http: new HttpClient() });
    const repo = client.repository(reg.host, 'p/manifests');
    const config = await repo.pushBlobBytes(Buffer.from('{}'), MediaType.OciEmpty);
    const manifest = Buffer.from(
      `{ "schemaVersion": 2, "mediaType": "${MediaType.OciManifest}", "config": ${JSON.stringify(config)}, "layers": [] }`,
    );
    const d = digestOf(manifest);
    const noType = await call(reg.url, 'PUT', '/v2/p/manifests/manifests/v1', { body: manifest });
    expect(noType.status).toBe(400);
    expect(errorCode(noType)).toBe('MANIFEST_INVALID');
    const missing = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.OciManifest,
        config: { ...config, digest: digestOf(Buffer.from('no')) },
        layers: [],
      }),
    );
    const r = await call(reg.url, 'PUT', '/v2/p/manifests/manifests/v1', {
      headers: { 'Content-Type': MediaType.OciManifest },
      body: missing,
    });
    expect(r.status).toBe(400);
    expect(errorCode(r)).toBe('MANIFEST_BLOB_UNKNOWN');
    const wrongDigest = await call(
      reg.url,
      'PUT',
      `/v2/p/manifests/manifests/${digestOf(Buffer.from('x'))}`,
      {
        headers: { 'Content-Type': MediaType.OciManifest },
        body: manifest,
      },
    );
    expect(errorCode(wrongDigest)).toBe('DIGEST_INVALID');
    const ok = await call(reg.url, 'PUT', '/v2/p/manifests/manifests/v1', {
      headers: { 'Content-Type': MediaType.OciManifest },
      body: manifest,
    });
    expect(ok.status).toBe(201);
    expect(ok.headers.get('docker-content-digest')).toBe(d);
    const fetched = await repo.fetchManifest('v1');
    expect(fetched!.bytes.equals(manifest)).toBe(true);
    expect(fetched!.descriptor.digest).toBe(d);
    const dockerOnly = await call(reg.url, 'GET', '/v2/p/manifests/manifests/v1', {
      headers: { Accept: MediaType.DockerManifest },
    });
    expect(dockerOnly.status).toBe(404);
    const withSubject = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.OciManifest,
        artifactType: 'application/x',
        config,
        layers: [config],
        subject: { mediaType: MediaType.OciManifest, digest: d, size: manifest.length },
      }),
    );
    const sub = await call(reg.url, 'PUT', `/v2/p/manifests/manifests/${digestOf(withSubject)}`, {
      headers: { 'Content-Type': MediaType.OciManifest },
      body: withSubject,
    });
    expect(sub.headers.get('oci-subject')).toBe(d);
    const refs = await call(reg.url, 'GET', `/v2/p/manifests/referrers/${d}?artifactType=application%2Fx`);
    expect(refs.headers.get('content-type')).toBe(MediaType.OciIndex);
    expect(refs.headers.get('oci-filters-applied')).toBe('artifactType');
    expect(refs.json().manifests).toEqual([
      {
        mediaType: MediaType.OciManifest,
        digest: digestOf(withSubject),
        size: withSubject.length,
        artifactType: 'application/x',
      },
    ]);
    expect(await repo.deleteManifest(d)).toBe(true);
    expect(await repo.resolve('v1')).toBeUndefined();
  });

  it('refuses manifests over 4 MiB with 413', async () => {
    const big = Buffer.alloc(4 * 1024 * 1024 + 10, 0x20);
    const r = await call(reg.url, 'PUT', '/v2/p/big/manifests/v1', {
      headers: { 'Content-Type': MediaType.OciManifest },
      body: big,
    });
    expect(r.status).toBe(413);
  });

  it('lists tags with n/last pagination and a Link header', async () => {
    const client = new RegistryClient({ http: new HttpClient() });
    const repo = client.repository(reg.host, 'p/tags');
    const config = await repo.pushBlobBytes(Buffer.from('{}'), MediaType.OciEmpty);
    const m = Buffer.from(
      JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciManifest, config, layers: [] }),
    );
    for (const t of ['c', 'a', 'b', 'd', 'e']) await repo.pushManifest(t, m, MediaType.OciManifest);
    const first = await call(reg.url, 'GET', '/v2/p/tags/tags/list');
    expect(first.json().tags).toEqual(['a', 'b']);
    expect(first.headers.get('link')).toBe('</v2/p/tags/tags/list?n=2&last=b>; rel="next"');
    expect((await call(reg.url, 'GET', '/v2/p/tags/tags/list?n=1&last=c')).json().tags).toEqual(['d']);
    expect(await repo.listTags()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(errorCode(await call(reg.url, 'GET', '/v2/p/none/tags/list'))).toBe('NAME_UNKNOWN');
  });
});

describe('embedded registry: auth and limits', () => {
  it('Basic auth: challenges, then accepts the right user', async () => {
    const reg = await startEmbeddedRegistry({ auth: { type: 'basic', users: { alice: 'pw-123456' } } });
    try {
      const r = await call(reg.url, 'GET', '/v2/');
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
      expect(errorCode(r)).toBe('UNAUTHORIZED');
      const wrong = await call(reg.url, 'GET', '/v2/', {
        headers: { Authorization: `Basic ${Buffer.from('alice:nope').toString('base64')}` },
      });
      expect(wrong.status).toBe(401);
      const client = new RegistryClient({
        http: new HttpClient(),
        credentials: staticCredentials('alice', 'pw-123456'),
      });
      const repo = client.repository(reg.host, 'auth/app');
      const desc = await repo.pushBlobBytes(Buffer.from('secret stuff'), 'application/octet-stream');
      expect(await repo.blobExists(desc.digest)).toBeDefined();
    } finally {
      await reg.stop();
    }
  });

  it('Bearer auth: the challenge names the scope and the validator decides', async () => {
    const seen: unknown[] = [];
    const reg = await startEmbeddedRegistry({
      auth: {
        type: 'bearer',
        realm: 'http://127.0.0.1:1/token',
        service: 'embedded',
        validate: (token, scope) => {
          seen.push(scope);
          return token === 'good' && (scope.repository === undefined || !scope.actions.includes('push'));
        },
      },
    });
    try {
      const r = await call(reg.url, 'POST', '/v2/b/app/blobs/uploads/');
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toBe(
        'Bearer realm="http://127.0.0.1:1/token",service="embedded",scope="repository:b/app:pull,push"',
      );
      const pull = await call(reg.url, 'GET', '/v2/b/app/tags/list', {
        headers: { Authorization: 'Bearer good' },
      });
      expect(pull.status).toBe(404);
      const push = await call(reg.url, 'POST', '/v2/b/app/blobs/uploads/', {
        headers: { Authorization: 'Bearer good' },
      });
      expect(push.status).toBe(401);
      expect(seen).toContainEqual({ repository: 'b/app', actions: ['pull'] });
    } finally {
      await reg.stop();
    }
  });

  it('caps the stored bytes with 413 and refuses invalid names', async () => {
    const reg = await startEmbeddedRegistry({ maxTotalBytes: 1000 });
    try {
      const bytes = crypto.randomBytes(2000);
      const post = await call(reg.url, 'POST', '/v2/cap/app/blobs/uploads/');
      const put = await call(reg.url, 'PUT', `${post.headers.get('location')!}&digest=${digestOf(bytes)}`, {
        body: bytes,
      });
      expect(put.status).toBe(413);
      expect(put.json().errors[0]!.message).toMatch(/storage limit of 1000 bytes/);
      expect(errorCode(await call(reg.url, 'GET', '/v2/Bad_Name/tags/list'))).toBe('NAME_INVALID');
    } finally {
      await reg.stop();
    }
  });

  it('answers 405 to deletes when deleting is disabled', async () => {
    const reg = await startEmbeddedRegistry({ deleteEnabled: false });
    try {
      const r = await call(reg.url, 'DELETE', `/v2/x/y/manifests/${digestOf(Buffer.from('a'))}`);
      expect(r.status).toBe(405);
      expect(errorCode(r)).toBe('UNSUPPORTED');
    } finally {
      await reg.stop();
    }
  });
});
