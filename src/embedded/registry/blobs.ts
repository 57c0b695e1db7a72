/** Blobs (GET, HEAD with ranges, DELETE) and uploads (monolithic, single-POST, chunked, mount). */
import crypto from 'node:crypto';
import { authorize } from './auth.js';
import { appendToUpload, send, type RouteArgs } from './http.js';
import {
  RegistryError,
  checkDigest,
  digestOf,
  unsupported,
  type RegistryStore,
  type Upload,
} from './store.js';

export async function blob(a: RouteArgs): Promise<void> {
  const { req, res, store, opts, name, ref: digest } = a;
  const method = req.method ?? 'GET';
  if (method === 'DELETE') {
    await authorize(req, opts, name, ['delete']);
    if (opts.deleteEnabled === false) throw unsupported(method);
    checkDigest(digest);
    const r = store.repo(name, false);
    if (!r?.blobs.delete(digest))
      throw new RegistryError(404, 'BLOB_UNKNOWN', 'blob unknown to registry', digest);
    send(req, res, 202, {});
    return;
  }
  if (method !== 'GET' && method !== 'HEAD') throw unsupported(method);
  await authorize(req, opts, name, ['pull']);
  checkDigest(digest);
  const r = store.repo(name, false);
  const bytes = r?.blobs.has(digest) ? store.blobs.get(digest) : undefined;
  if (!bytes) throw new RegistryError(404, 'BLOB_UNKNOWN', 'blob unknown to registry', digest);
  const headers: Record<string, string> = {
    'Content-Type': 'application/octet-stream',
    'Docker-Content-Digest': digest,
    ETag: `"${digest}"`,
    'Accept-Ranges': 'bytes',
  };
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
  if (range && method === 'GET' && (range[1] || range[2])) {
    let start: number;
    let end: number;
    if (range[1] === '') {
      start = Math.max(0, bytes.length - Number(range[2]));
      end = bytes.length - 1;
    } else {
      start = Number(range[1]);
      end = range[2] ? Math.min(Number(range[2]), bytes.length - 1) : bytes.length - 1;
    }
    if (start > end || start >= bytes.length) {
      send(req, res, 416, { 'Content-Range': `bytes */${bytes.length}` });
      return;
    }
    send(
      req,
      res,
      206,
      { ...headers, 'Content-Range': `bytes ${start}-${end}/${bytes.length}` },
      bytes.subarray(start, end + 1),
    );
    return;
  }
  if (method === 'HEAD') {
    res.writeHead(200, {
      ...headers,
      'Content-Length': String(bytes.length),
      'Docker-Distribution-API-Version': 'registry/2.0',
    });
    res.end();
    return;
  }
  send(req, res, 200, headers, bytes);
}

function newUpload(store: RegistryStore, name: string): { uuid: string; upload: Upload } {
  const uuid = crypto.randomUUID();
  const upload: Upload = { repo: name, chunks: [], size: 0, sha256: crypto.createHash('sha256') };
  store.uploads.set(uuid, upload);
  return { uuid, upload };
}

function uploadHeaders(name: string, uuid: string, upload: Upload): Record<string, string> {
  return {
    // A query parameter the client must keep, like distribution's _state.
    Location: `/v2/${name}/blobs/uploads/${uuid}?_state=${uuid.slice(0, 8)}`,
    'Docker-Upload-UUID': uuid,
    Range: `0-${Math.max(0, upload.size - 1)}`,
  };
}

/** Verify the finished upload against `digest`, store it and link it into the repository. */
function commitUpload(store: RegistryStore, uuid: string, upload: Upload, digest: string): Buffer {
  checkDigest(digest);
  const bytes = Buffer.concat(upload.chunks, upload.size);
  const actual = digest.startsWith('sha512:')
    ? digestOf(bytes, 'sha512')
    : `sha256:${upload.sha256.copy().digest('hex')}`;
  store.uploads.delete(uuid);
  if (actual !== digest) {
    throw new RegistryError(400, 'DIGEST_INVALID', 'provided digest did not match uploaded content', {
      expected: digest,
      actual,
    });
  }
  if (!store.blobs.has(digest)) store.blobs.set(digest, bytes);
  store.repo(upload.repo, true)!.blobs.add(digest);
  return bytes;
}

export async function uploads(a: RouteArgs): Promise<void> {
  const { req, res, store, opts, name, url } = a;
  if (req.method !== 'POST') throw unsupported(req.method ?? '');
  const mount = url.searchParams.get('mount');
  const from = url.searchParams.get('from');
  await authorize(req, opts, name, ['pull', 'push']);
  if (mount) {
    checkDigest(mount);
    const source = from ? store.repo(from, false) : undefined;
    const canMount = from ? source?.blobs.has(mount) === true : store.blobs.has(mount);
    if (from) await authorize(req, opts, from, ['pull']);
    if (canMount && store.blobs.has(mount)) {
      req.resume();
      store.repo(name, true)!.blobs.add(mount);
      send(req, res, 201, { Location: `/v2/${name}/blobs/${mount}`, 'Docker-Content-Digest': mount });
      return;
    }
  }
  const { uuid, upload } = newUpload(store, name);
  const digest = url.searchParams.get('digest');
  if (digest && !mount) {
    // Single-POST monolithic upload (end-4b).
    await appendToUpload(req, upload, store);
    commitUpload(store, uuid, upload, digest);
    send(req, res, 201, { Location: `/v2/${name}/blobs/${digest}`, 'Docker-Content-Digest': digest });
    return;
  }
  req.resume();
  send(req, res, 202, uploadHeaders(name, uuid, upload));
}

export async function upload(a: RouteArgs): Promise<void> {
  const { req, res, store, opts, name, ref: uuid, url } = a;
  const method = req.method ?? 'GET';
  await authorize(req, opts, name, method === 'GET' ? ['pull'] : ['pull', 'push']);
  const up = store.uploads.get(uuid);
  if (up?.repo !== name)
    throw new RegistryError(404, 'BLOB_UPLOAD_UNKNOWN', 'blob upload unknown to registry', uuid);
  switch (method) {
    case 'GET':
      send(req, res, 204, uploadHeaders(name, uuid, up));
      return;
    case 'DELETE':
      store.uploads.delete(uuid);
      send(req, res, 204, {});
      return;
    case 'PATCH':
    case 'PUT': {
      const contentRange = req.headers['content-range'];
      if (contentRange !== undefined) {
        const m = /^(?:bytes )?(\d+)-(\d+)$/.exec(contentRange);
        const start = m ? Number(m[1]) : NaN;
        const end = m ? Number(m[2]) : NaN;
        const len = Number(req.headers['content-length']);
        if (!m || start !== up.size || end < start || (Number.isFinite(len) && len !== end - start + 1)) {
          req.resume();
          send(req, res, 416, uploadHeaders(name, uuid, up));
          return;
        }
      }
      await appendToUpload(req, up, store);
      if (method === 'PATCH') {
        send(req, res, 202, uploadHeaders(name, uuid, up));
        return;
      }
      const digest = url.searchParams.get('digest');
      if (!digest) throw new RegistryError(400, 'DIGEST_INVALID', 'the digest query parameter is required');
      commitUpload(store, uuid, up, digest);
      send(req, res, 201, { Location: `/v2/${name}/blobs/${digest}`, 'Docker-Content-Digest': digest });
      return;
    }
    default:
      throw unsupported(method);
  }
}
