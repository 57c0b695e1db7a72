/**
 * Manifest operations of a Repository: resolve (HEAD, GET when needed), fetch (bounded to 4 MiB
 * and verified against the digest), push, delete, and the tag list.
 */
import { cleanText, isValidDigest } from '../core/index.js';
import { GateError } from '../errors.js';
import type { HttpResponse } from '../http/index.js';
import { repositoryScope } from './auth.js';
import type { Repository } from './registry.js';
import { MAX_ERROR_BODY, parseRegistryErrors } from './repository-errors.js';
import { MANIFEST_ACCEPT, type Descriptor, type ManifestBytes } from './types.js';
import { algorithmOf, checkDigest, digestMismatch, digestOf } from './verify.js';

/** Manifests larger than this are refused (distribution caps manifest bodies at 4 MiB). */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
/** Waits before asking again when a manifest PUT meets MANIFEST_BLOB_UNKNOWN (see pushManifest). */
const MANIFEST_BLOB_RETRY_MS = [250, 1000];
const MAX_TAG_PAGES = 1000;
const MAX_TAGS = 1_000_000;

/** HEAD a manifest by tag or digest (GET when the HEAD lacks a digest). Undefined on 404. */
export async function resolve(repo: Repository, reference: string): Promise<Descriptor | undefined> {
  const res = await repo.request({
    method: 'HEAD',
    path: `manifests/${reference}`,
    headers: { Accept: MANIFEST_ACCEPT },
  });
  if (res.status === 404) return undefined;
  if (res.status === 200) {
    const digest = res.headers['docker-content-digest'];
    const size = Number(res.headers['content-length'] ?? NaN);
    const mediaType = (res.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
    if (digest && isValidDigest(digest) && Number.isFinite(size) && mediaType) {
      if (reference.includes(':') && digest !== reference) {
        throw new GateError({
          code: 'REGISTRY_BAD_RESPONSE',
          message: `${repo.registry} answered HEAD manifest ${reference} with the digest ${digest}`,
          remedy: 'The registry or a proxy in front of it is misbehaving; check its configuration.',
          kind: 'infra',
        });
      }
      return { mediaType, digest, size };
    }
  } else if (res.status !== 405 && res.status !== 400) {
    throw repo.error(res, `HEAD manifest ${reference}`);
  }
  const m = await fetchManifest(repo, reference);
  return m?.descriptor;
}

/** GET a manifest (≤ 4 MiB). Undefined on 404; verified against the digest when asked by digest. */
export async function fetchManifest(
  repo: Repository,
  reference: string,
  accept: string = MANIFEST_ACCEPT,
): Promise<ManifestBytes | undefined> {
  const byDigest = reference.includes(':');
  if (byDigest) checkDigest(reference);
  const res = await repo.request({
    method: 'GET',
    path: `manifests/${reference}`,
    headers: { Accept: accept },
    maxBytes: MAX_MANIFEST_BYTES,
  });
  if (res.status === 404) return undefined;
  if (res.status !== 200) throw repo.error(res, `GET manifest ${reference}`);
  const bytes = res.body;
  const digest = digestOf(bytes, byDigest ? algorithmOf(reference) : 'sha256');
  if (byDigest && digest !== reference) {
    throw digestMismatch(`manifest ${reference} from ${repo.registry}`, reference, digest);
  }
  const headerDigest = res.headers['docker-content-digest'];
  if (!byDigest && headerDigest && headerDigest.startsWith('sha256:') && headerDigest !== digest) {
    throw digestMismatch(`manifest ${reference} from ${repo.registry}`, headerDigest, digest);
  }
  let mediaType = (res.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
  try {
    const parsed = JSON.parse(bytes.toString('utf8')) as { mediaType?: unknown };
    if (typeof parsed.mediaType === 'string' && parsed.mediaType) mediaType = parsed.mediaType;
  } catch (e) {
    throw new GateError({
      code: 'MANIFEST_INVALID',
      message: `manifest ${reference} from ${repo.registry}/${repo.name} is not JSON`,
      remedy: 'The registry returned something that is not a manifest; check the reference.',
      kind: 'infra',
      cause: e,
    });
  }
  return { descriptor: { mediaType, digest, size: bytes.length }, bytes };
}

/** PUT a manifest's exact bytes by tag or digest. */
export async function pushManifest(
  repo: Repository,
  reference: string,
  bytes: Buffer,
  mediaType: string,
): Promise<{ digest: string; headers: Record<string, string> }> {
  if (bytes.length > MAX_MANIFEST_BYTES) {
    throw new GateError({
      code: 'MANIFEST_TOO_LARGE',
      message: `the manifest is ${bytes.length} bytes; registries accept at most ${MAX_MANIFEST_BYTES}`,
      remedy: 'Reduce the number of layers, platforms or annotations.',
      kind: 'input',
    });
  }
  const digest = digestOf(bytes);
  if (reference.includes(':')) {
    checkDigest(reference);
    const want = digestOf(bytes, algorithmOf(reference));
    if (want !== reference) throw digestMismatch('manifest push', reference, want);
  }
  const put = (): Promise<HttpResponse> =>
    repo.request({
      method: 'PUT',
      path: `manifests/${reference}`,
      headers: { 'Content-Type': mediaType },
      body: bytes,
      push: true,
      maxBytes: MAX_ERROR_BODY,
    });
  let res = await put();
  // distribution 2.8 can answer MANIFEST_BLOB_UNKNOWN for a blob that another client is linking
  // into the repository at that moment (seen in 1 of 48 concurrent pushes of one image). Every
  // blob was uploaded or found before the manifest, so ask again, briefly, before failing.
  for (const delayMs of MANIFEST_BLOB_RETRY_MS) {
    if (res.status !== 400 || !parseRegistryErrors(res.body).some((e) => e.code === 'MANIFEST_BLOB_UNKNOWN'))
      break;
    repo.client.logger.debug(
      `PUT manifest ${reference}: MANIFEST_BLOB_UNKNOWN, asking again in ${delayMs} ms`,
    );
    await repo.client.clock.sleep(delayMs);
    res = await put();
  }
  if (![200, 201, 202, 204].includes(res.status)) throw repo.error(res, `PUT manifest ${reference}`);
  const got = res.headers['docker-content-digest'];
  if (got && got.startsWith('sha256:') && got !== digest) {
    throw new GateError({
      code: 'REGISTRY_BAD_RESPONSE',
      message: `${repo.registry} stored the manifest under ${cleanText(got, 100)}, but its bytes hash to ${digest}`,
      remedy: 'The registry rewrote the manifest; digests and signatures will not match. Check the registry.',
      kind: 'infra',
    });
  }
  return { digest, headers: res.headers };
}

/** DELETE a manifest by digest: true when deleted, false when absent. */
export async function deleteManifest(repo: Repository, digest: string): Promise<boolean> {
  checkDigest(digest);
  const res = await repo.request({
    method: 'DELETE',
    path: `manifests/${digest}`,
    push: true,
    scopes: [repositoryScope(repo.name, ['delete'])],
  });
  if (res.status === 202 || res.status === 200 || res.status === 204) return true;
  if (res.status === 404) return false;
  throw repo.error(res, `DELETE manifest ${digest}`);
}

/** Every tag, following Link pagination (bounded). */
export async function listTags(repo: Repository): Promise<string[]> {
  const tags: string[] = [];
  let path = 'tags/list';
  let query: Record<string, string> | undefined = { n: '1000' };
  for (let page = 0; page < MAX_TAG_PAGES; page++) {
    const res = await repo.request({ method: 'GET', path, ...(query ? { query } : {}) });
    if (res.status === 404) return tags;
    if (res.status !== 200) throw repo.error(res, 'list tags');
    let parsed: { tags?: unknown };
    try {
      parsed = JSON.parse(res.body.toString('utf8')) as { tags?: unknown };
    } catch (e) {
      throw new GateError({
        code: 'REGISTRY_BAD_RESPONSE',
        message: `the tag list of ${repo.registry}/${repo.name} is not JSON`,
        remedy: 'Check that the registry URL is right and no proxy rewrites its answers.',
        kind: 'infra',
        cause: e,
      });
    }
    if (Array.isArray(parsed.tags)) {
      for (const t of parsed.tags) if (typeof t === 'string') tags.push(t);
    }
    if (tags.length > MAX_TAGS) {
      throw new GateError({
        code: 'REGISTRY_BAD_RESPONSE',
        message: `${repo.registry}/${repo.name} lists more than ${MAX_TAGS} tags`,
        remedy: 'Clean up old tags (retention rules) in the repository.',
        kind: 'infra',
      });
    }
    const next = nextLink(res.headers.link);
    if (!next) return tags;
    const nextUrl = new URL(next, res.url);
    if (nextUrl.origin !== new URL(repo.base).origin) return tags;
    path = nextUrl.toString();
    query = undefined;
  }
  return tags;
}

/** The `rel="next"` target of a Link header. */
export function nextLink(link: string | undefined): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (m && /;\s*rel="?next"?/i.test(m[2] ?? '')) return m[1];
  }
  return undefined;
}
