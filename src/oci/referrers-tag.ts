/**
 * The referrers tag schema (`sha256-<hex>`): the fallback index of a subject's referrers on
 * registries without the referrers API, and its maintenance.
 *
 * The tag index has no compare-and-swap on distribution (If-Match is ignored), so concurrent
 * writers race: each writer serialises in-process per tag, sends If-Match anyway, and after its
 * PUT reads the index back (after a settle delay longer than a writer's read-to-write window)
 * until its entry has survived, re-appending it when another writer's stale write dropped it.
 */
import { isValidDigest } from '../core/index.js';
import { GateError } from '../errors.js';
import type { HttpResponse } from '../http/index.js';
import { MAX_MANIFEST_BYTES } from './manifests.js';
import type { Repository } from './registry.js';
import { parseRegistryErrors } from './repository-errors.js';
import { MANIFEST_ACCEPT, MediaType, type Descriptor } from './types.js';
import { digestOf } from './verify.js';

/** Referrer descriptors accepted at most (API pages together, or one tag index). */
export const MAX_REFERRERS = 10_000;
/** Read-modify-write rounds on the fallback tag before giving up. */
export const MAX_INDEX_ATTEMPTS = 20;

/**
 * The referrers tag for a subject digest: `<alg>-<encoded>`, the algorithm truncated to 32 and the
 * encoded part to 64 characters, characters a tag may not hold replaced by `-` (distribution-spec
 * "Referrers Tag Schema", as clarified on main).
 */
export function referrersTag(subjectDigest: string): string {
  const i = subjectDigest.indexOf(':');
  if (i <= 0) {
    throw new GateError({
      code: 'DIGEST_INVALID',
      message: `${JSON.stringify(subjectDigest)} is not a valid digest`,
      remedy: 'Digests look like sha256:<64 lower-case hex>.',
      kind: 'input',
    });
  }
  const clean = (s: string): string => s.replace(/[^a-zA-Z0-9._-]/g, '-');
  return `${clean(subjectDigest.slice(0, i)).slice(0, 32)}-${clean(subjectDigest.slice(i + 1)).slice(0, 64)}`;
}

const tagLocks = new Map<string, Promise<unknown>>();

/** Run `fn` after every earlier call with the same key has finished (in-process mutex). */
async function withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const prev = tagLocks.get(key) ?? Promise.resolve();
  const run = prev.then(fn, fn);
  const tail = run.catch(() => undefined);
  tagLocks.set(key, tail);
  try {
    return await run;
  } finally {
    if (tagLocks.get(key) === tail) tagLocks.delete(key);
  }
}

export interface TagIndex {
  /** Parsed top-level object (unknown fields kept when re-written). */
  doc: Record<string, unknown>;
  manifests: Record<string, unknown>[];
  /** Digest of the stored bytes (absent when the tag does not exist). */
  digest?: string;
  etag?: string;
}

function indexInvalid(repo: Repository, tag: string, why: string): GateError {
  return new GateError({
    code: 'REFERRERS_INDEX_INVALID',
    message: `the referrers tag ${repo.registry}/${repo.name}:${tag} does not hold an OCI image index (${why})`,
    remedy: `Something else was pushed to ${tag}; delete that tag (it is reserved for the referrers tag schema) and run again.`,
    kind: 'infra',
  });
}

/** GET the referrers tag index: an empty index on 404; undefined content → error. */
export async function readTagIndex(repo: Repository, tag: string): Promise<TagIndex> {
  const res = await repo.request({
    method: 'GET',
    path: `manifests/${tag}`,
    // Every manifest type, not only the index: registries 404 a type the Accept header leaves out
    // (distribution 2.8), and something else at the tag must be noticed, never overwritten.
    headers: { Accept: MANIFEST_ACCEPT },
    maxBytes: MAX_MANIFEST_BYTES,
  });
  if (res.status === 404) return { doc: {}, manifests: [] };
  if (res.status !== 200) throw repo.error(res, `GET the referrers tag ${tag}`);
  const type = (res.headers['content-type'] ?? '').split(';')[0]!.trim();
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.body.toString('utf8'));
  } catch {
    throw indexInvalid(repo, tag, 'not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw indexInvalid(repo, tag, 'not an object');
  const doc = parsed as Record<string, unknown>;
  const mediaType = typeof doc.mediaType === 'string' ? doc.mediaType : type;
  if (mediaType !== MediaType.OciIndex || doc.schemaVersion !== 2 || !Array.isArray(doc.manifests)) {
    throw indexInvalid(repo, tag, `media type ${mediaType || '(none)'}`);
  }
  const digest = digestOf(res.body);
  const header = res.headers['docker-content-digest'];
  if (header?.startsWith('sha256:') && header !== digest) {
    throw new GateError({
      code: 'REGISTRY_BAD_RESPONSE',
      message: `${repo.registry} sent the referrers tag ${tag} with the digest ${header}, but its bytes hash to ${digest}`,
      remedy: 'The registry or a proxy in front of it altered the content; check its configuration.',
      kind: 'infra',
    });
  }
  const manifests = (doc.manifests as unknown[]).filter(
    (m): m is Record<string, unknown> => typeof m === 'object' && m !== null && !Array.isArray(m),
  );
  if (manifests.length > MAX_REFERRERS) throw indexInvalid(repo, tag, `more than ${MAX_REFERRERS} entries`);
  return { doc, manifests, digest, ...(res.headers.etag ? { etag: res.headers.etag } : {}) };
}

function indexBytes(current: TagIndex, manifests: Record<string, unknown>[]): Buffer {
  const { manifests: _old, ...rest } = current.doc;
  return Buffer.from(JSON.stringify({ ...rest, schemaVersion: 2, mediaType: MediaType.OciIndex, manifests }));
}

const has = (idx: TagIndex, digest: string): boolean => idx.manifests.some((m) => m.digest === digest);

/**
 * Append `desc` to the subject's referrers tag index (idempotent), surviving concurrent writers:
 * read, append, write, then read back after a settle delay and re-append when it was lost.
 */
export async function addToReferrersIndex(
  repo: Repository,
  subjectDigest: string,
  desc: Descriptor,
): Promise<void> {
  const tag = referrersTag(subjectDigest);
  await withLock(`${repo.registry}/${repo.name}:${tag}`, async () => {
    let useIfMatch = true;
    let preconditionFailures = 0;
    let wrote = false;
    let confirmations = 0;
    const clock = repo.client.clock;
    for (let attempt = 1; attempt <= MAX_INDEX_ATTEMPTS; attempt++) {
      const t0 = clock.now();
      const current = await readTagIndex(repo, tag);
      if (has(current, desc.digest)) {
        // Present without our write: done. After our write: it must survive one more settle
        // window, so that a writer who read before our PUT has had time to (over)write.
        if (!wrote || ++confirmations >= 2) return;
        await clock.sleep(settle(repo.client.referrersSettleMs, clock.now() - t0));
        continue;
      }
      confirmations = 0;
      if (wrote)
        repo.client.logger.debug(
          `${tag}: ${desc.digest} was dropped by a concurrent writer; adding it again`,
        );
      const entry: Record<string, unknown> = {
        mediaType: desc.mediaType,
        digest: desc.digest,
        size: desc.size,
        ...(desc.artifactType ? { artifactType: desc.artifactType } : {}),
        ...(desc.annotations && Object.keys(desc.annotations).length > 0
          ? { annotations: desc.annotations }
          : {}),
      };
      const bytes = indexBytes(current, [...current.manifests, entry]);
      const res = await putIndex(repo, tag, bytes, useIfMatch ? current.etag : undefined);
      if (res.status === 412) {
        // Someone changed it since our read (a registry that honours If-Match). Some registries
        // send ETags they do not accept back: stop sending it after repeated failures.
        if (++preconditionFailures >= 3) useIfMatch = false;
        await clock.sleep(settle(repo.client.referrersSettleMs, clock.now() - t0));
        continue;
      }
      if (
        res.status === 400 &&
        parseRegistryErrors(res.body).some((e) => e.code === 'MANIFEST_BLOB_UNKNOWN')
      ) {
        // An entry points at a deleted manifest; distribution refuses the whole index. Drop it.
        const kept = await dropDangling(repo, current.manifests);
        if (kept.length === current.manifests.length) throw repo.error(res, `PUT the referrers tag ${tag}`);
        const retry = await putIndex(repo, tag, indexBytes(current, [...kept, entry]), undefined);
        if (![200, 201, 202, 204].includes(retry.status))
          throw repo.error(retry, `PUT the referrers tag ${tag}`);
      } else if (![200, 201, 202, 204].includes(res.status)) {
        throw repo.error(res, `PUT the referrers tag ${tag}`);
      }
      wrote = true;
      await clock.sleep(settle(repo.client.referrersSettleMs, clock.now() - t0));
    }
    throw new GateError({
      code: 'REFERRERS_UPDATE_FAILED',
      message: `could not keep ${desc.digest} in the referrers tag ${repo.registry}/${repo.name}:${tag} after ${MAX_INDEX_ATTEMPTS} attempts: other writers kept replacing it`,
      remedy:
        'Many clients are attaching to this image at the same time; run again, or attach one at a time.',
      kind: 'infra',
    });
  });
}

/**
 * Remove `digests` from the subject's referrers tag index (after their manifests were deleted),
 * so the fallback listing no longer shows them. Idempotent; a missing tag is nothing to do.
 * Concurrent writers may race as for additions: an entry put back by a stale writer points at a
 * deleted manifest, which the next addition drops (dropDangling).
 */
export async function removeFromReferrersIndex(
  repo: Repository,
  subjectDigest: string,
  digests: readonly string[],
): Promise<number> {
  const tag = referrersTag(subjectDigest);
  const drop = new Set(digests);
  return withLock(`${repo.registry}/${repo.name}:${tag}`, async () => {
    for (let attempt = 1; attempt <= MAX_INDEX_ATTEMPTS; attempt++) {
      const current = await readTagIndex(repo, tag);
      const kept = current.manifests.filter((m) => !(typeof m.digest === 'string' && drop.has(m.digest)));
      const removed = current.manifests.length - kept.length;
      if (removed === 0) return 0;
      const res = await putIndex(repo, tag, indexBytes(current, kept), current.etag);
      if (res.status === 412) continue;
      if (![200, 201, 202, 204].includes(res.status)) throw repo.error(res, `PUT the referrers tag ${tag}`);
      return removed;
    }
    throw new GateError({
      code: 'REFERRERS_UPDATE_FAILED',
      message: `could not update the referrers tag ${repo.registry}/${repo.name}:${tag} after ${MAX_INDEX_ATTEMPTS} attempts: other writers kept replacing it`,
      remedy:
        'Many clients are attaching to this image at the same time; run again, or attach one at a time.',
      kind: 'infra',
    });
  });
}

/** A settle delay longer than the read-to-write window of a writer (measured), with jitter. */
function settle(minMs: number, roundTripMs: number): number {
  const base = Math.max(minMs, 2 * roundTripMs);
  return Math.round(base + Math.random() * base);
}

async function putIndex(
  repo: Repository,
  tag: string,
  bytes: Buffer,
  etag: string | undefined,
): Promise<HttpResponse> {
  return repo.request({
    method: 'PUT',
    path: `manifests/${tag}`,
    headers: { 'Content-Type': MediaType.OciIndex, ...(etag ? { 'If-Match': etag } : {}) },
    body: bytes,
    push: true,
    maxBytes: 64 * 1024,
  });
}

async function dropDangling(
  repo: Repository,
  entries: Record<string, unknown>[],
): Promise<Record<string, unknown>[]> {
  const kept: Record<string, unknown>[] = [];
  for (const e of entries) {
    if (typeof e.digest === 'string' && isValidDigest(e.digest) && (await repo.resolve(e.digest)))
      kept.push(e);
    else
      repo.client.logger.debug(
        `referrers tag: dropping ${String(e.digest)}, which is no longer in ${repo.name}`,
      );
  }
  return kept;
}
