/** Manifests by tag or digest (exact bytes, blob and subject checks) and the paginated tag list. */
import type http from 'node:http';
import { TAG_PATTERN, VERIFIABLE_DIGEST_PATTERN } from '../../core/index.js';
import { authorize } from './auth.js';
import { readBody, send, sendJson, type RouteArgs } from './http.js';
import { INDEX_TYPES, MANIFEST_TYPES, RegistryError, checkDigest, digestOf, unsupported } from './store.js';

interface ParsedManifest {
  mediaType?: unknown;
  schemaVersion?: unknown;
  artifactType?: unknown;
  config?: { mediaType?: unknown; digest?: unknown };
  layers?: { digest?: unknown }[];
  manifests?: { digest?: unknown }[];
  subject?: { digest?: unknown };
  annotations?: unknown;
}

function accepts(req: http.IncomingMessage, mediaType: string): boolean {
  const accept = req.headers.accept;
  if (!accept) return true;
  const types = accept.split(',').map((t) => t.split(';')[0]!.trim().toLowerCase());
  return types.includes(mediaType) || types.includes('*/*');
}

export async function manifest(a: RouteArgs): Promise<void> {
  const { req, res, store, opts, name, ref: reference } = a;
  const method = req.method ?? 'GET';
  const isDigest = reference.includes(':');
  if (isDigest) checkDigest(reference);
  else if (!TAG_PATTERN.test(reference))
    throw new RegistryError(400, 'TAG_INVALID', 'manifest tag did not match URI', reference);
  switch (method) {
    case 'GET':
    case 'HEAD': {
      await authorize(req, opts, name, ['pull']);
      const r = store.repo(name, false);
      if (!r) throw new RegistryError(404, 'NAME_UNKNOWN', 'repository name not known to registry', name);
      const digest = isDigest ? reference : r.tags.get(reference);
      const m = digest ? r.manifests.get(digest) : undefined;
      if (!m || !digest) throw new RegistryError(404, 'MANIFEST_UNKNOWN', 'manifest unknown', reference);
      if (!accepts(req, m.mediaType)) {
        throw new RegistryError(
          404,
          'MANIFEST_UNKNOWN',
          `manifest of type ${m.mediaType} found, but the Accept header does not allow it`,
          reference,
        );
      }
      const headers = { 'Content-Type': m.mediaType, 'Docker-Content-Digest': digest, ETag: `"${digest}"` };
      if (req.headers['if-none-match'] === `"${digest}"`) {
        send(req, res, 304, headers);
        return;
      }
      if (method === 'HEAD') {
        res.writeHead(200, {
          ...headers,
          'Content-Length': String(m.bytes.length),
          'Docker-Distribution-API-Version': 'registry/2.0',
        });
        res.end();
        return;
      }
      send(req, res, 200, headers, m.bytes);
      return;
    }
    case 'PUT':
      await authorize(req, opts, name, ['pull', 'push']);
      return putManifest(a, isDigest);
    case 'DELETE': {
      await authorize(req, opts, name, ['delete']);
      if (opts.deleteEnabled === false) throw unsupported(method);
      const r = store.repo(name, false);
      if (!r) throw new RegistryError(404, 'NAME_UNKNOWN', 'repository name not known to registry', name);
      if (!isDigest) {
        if (!r.tags.delete(reference))
          throw new RegistryError(404, 'MANIFEST_UNKNOWN', 'manifest unknown', reference);
      } else {
        if (!r.manifests.delete(reference))
          throw new RegistryError(404, 'MANIFEST_UNKNOWN', 'manifest unknown', reference);
        for (const [t, d] of r.tags) if (d === reference) r.tags.delete(t);
      }
      send(req, res, 202, {});
      return;
    }
    default:
      throw unsupported(method);
  }
}

async function putManifest(a: RouteArgs, isDigest: boolean): Promise<void> {
  const { req, res, store, opts, name, ref: reference } = a;
  const max = opts.maxManifestBytes ?? 4 * 1024 * 1024;
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!MANIFEST_TYPES.has(contentType)) {
    throw new RegistryError(
      400,
      'MANIFEST_INVALID',
      `unsupported manifest media type: ${contentType || '(none)'}`,
    );
  }
  const bytes = await readBody(
    req,
    max,
    () => new RegistryError(413, 'SIZE_INVALID', `manifest is larger than the ${max} byte limit`),
  );
  let doc: ParsedManifest;
  try {
    const parsed = JSON.parse(bytes.toString('utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object');
    doc = parsed;
  } catch (e) {
    throw new RegistryError(
      400,
      'MANIFEST_INVALID',
      `manifest invalid: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  if (doc.schemaVersion !== 2)
    throw new RegistryError(400, 'MANIFEST_INVALID', 'manifest invalid: schemaVersion must be 2');
  if (doc.mediaType !== undefined && doc.mediaType !== contentType) {
    throw new RegistryError(
      400,
      'MANIFEST_INVALID',
      'manifest invalid: mediaType does not match Content-Type',
    );
  }
  const algorithm = isDigest && reference.startsWith('sha512:') ? 'sha512' : 'sha256';
  const digest = digestOf(bytes, algorithm);
  if (isDigest && digest !== reference) {
    throw new RegistryError(400, 'DIGEST_INVALID', 'provided digest did not match uploaded content', {
      expected: reference,
      actual: digest,
    });
  }
  const r = store.repo(name, true)!;
  const isIndex = INDEX_TYPES.has(contentType);
  const refs: unknown[] = isIndex
    ? (Array.isArray(doc.manifests) ? doc.manifests : []).map((d) => d.digest)
    : [doc.config?.digest, ...(Array.isArray(doc.layers) ? doc.layers : []).map((d) => d.digest)];
  if (!isIndex && (typeof doc.config !== 'object' || !Array.isArray(doc.layers))) {
    throw new RegistryError(400, 'MANIFEST_INVALID', 'manifest invalid: config and layers are required');
  }
  if (isIndex && !Array.isArray(doc.manifests)) {
    throw new RegistryError(400, 'MANIFEST_INVALID', 'manifest invalid: manifests is required');
  }
  for (const d of refs) {
    if (typeof d !== 'string' || !VERIFIABLE_DIGEST_PATTERN.test(d))
      throw new RegistryError(400, 'MANIFEST_INVALID', 'manifest invalid: bad descriptor digest', d);
    const known = isIndex ? r.manifests.has(d) : r.blobs.has(d) && store.blobs.has(d);
    if (!known) throw new RegistryError(400, 'MANIFEST_BLOB_UNKNOWN', 'blob unknown to registry', d);
  }
  const subject = typeof doc.subject?.digest === 'string' ? doc.subject.digest : undefined;
  if (doc.subject !== undefined && (subject === undefined || !VERIFIABLE_DIGEST_PATTERN.test(subject))) {
    throw new RegistryError(400, 'MANIFEST_INVALID', 'manifest invalid: bad subject descriptor');
  }
  const artifactType =
    typeof doc.artifactType === 'string'
      ? doc.artifactType
      : !isIndex && typeof doc.config?.mediaType === 'string'
        ? doc.config.mediaType
        : undefined;
  const annotations =
    typeof doc.annotations === 'object' && doc.annotations !== null
      ? (doc.annotations as Record<string, string>)
      : undefined;
  const existing = r.manifests.get(digest);
  r.manifests.set(digest, {
    bytes,
    mediaType: contentType,
    subject,
    artifactType,
    annotations,
    seq: existing?.seq ?? store.nextSeq(),
  });
  if (!isDigest) r.tags.set(reference, digest);
  const headers: Record<string, string> = {
    Location: `/v2/${name}/manifests/${digest}`,
    'Docker-Content-Digest': digest,
  };
  if (subject && (opts.referrersApi !== false || opts.lieAboutReferrers)) headers['OCI-Subject'] = subject;
  send(req, res, 201, headers);
}

export async function tags(a: RouteArgs): Promise<void> {
  const { req, res, store, opts, name, url } = a;
  if (req.method !== 'GET') throw unsupported(req.method ?? '');
  await authorize(req, opts, name, ['pull']);
  const r = store.repo(name, false);
  if (!r) throw new RegistryError(404, 'NAME_UNKNOWN', 'repository name not known to registry', name);
  const pageMax = opts.tagsPageSize ?? 1000;
  const nParam = url.searchParams.get('n');
  const n = nParam === null ? pageMax : Number(nParam);
  if (!Number.isInteger(n) || n < 0)
    throw new RegistryError(400, 'PAGINATION_NUMBER_INVALID', 'invalid number of results requested', nParam);
  const last = url.searchParams.get('last');
  const all = [...r.tags.keys()].sort();
  const after = last === null ? all : all.filter((t) => t > last);
  const page = after.slice(0, Math.min(n, pageMax));
  const headers: Record<string, string> = {};
  if (page.length > 0 && after.length > page.length) {
    const next = new URLSearchParams({ n: String(Math.min(n, pageMax)), last: page[page.length - 1]! });
    headers.Link = `</v2/${name}/tags/list?${next.toString()}>; rel="next"`;
  }
  sendJson(req, res, 200, { name, tags: page }, headers);
}
