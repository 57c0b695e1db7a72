/**
 * OCI 1.1 referrers: push an artifact manifest with a `subject`, decide per registry whether the
 * referrers API works, and otherwise maintain the referrers tag schema index (`sha256-<hex>`).
 * List referrers through the API (with pagination and artifactType filtering) or the tag index.
 *
 * Detection (distribution-spec v1.1 "Pushing Manifests with Subject", and the registry quirks in
 * docs/errors.md): the API counts as supported only when the manifest PUT
 * answered `OCI-Subject: <subject digest>` AND `GET /v2/<name>/referrers/<digest>` answers 200 with
 * an OCI index content type and a JSON index body, without following redirects. 404, 400, 405,
 * 401/403, a redirect or HTML mean unsupported (cached per registry host and client); 429/5xx are
 * retried by the HTTP client, then the fallback is used for this call without caching.
 *
 * The tag index has no compare-and-swap on distribution (If-Match is ignored), so concurrent
 * writers race: each writer serialises in-process per tag, sends If-Match anyway, and after its
 * PUT reads the index back (after a settle delay longer than a writer's read-to-write window)
 * until its entry has survived, re-appending it when another writer's stale write dropped it.
 */
import { GateError } from '../errors.js';
import { cleanText } from '../core/index.js';
import type { HttpResponse } from '../http/index.js';
import type { Logger } from '../logger.js';
import { MAX_MANIFEST_BYTES, nextLink } from './manifests.js';
import type { Repository } from './registry.js';
import { parseRegistryErrors } from './repository-errors.js';
import { digestOf } from './verify.js';
import { isValidDigest } from './reference.js';
import { EMPTY_JSON, EMPTY_JSON_DIGEST, MANIFEST_ACCEPT, MediaType, type Descriptor } from './types.js';

export const ANNOTATION_CREATED = 'org.opencontainers.image.created';
/** Pages of the referrers API followed at most. */
export const MAX_REFERRER_PAGES = 50;
/** Referrer descriptors accepted at most (API pages together, or one tag index). */
export const MAX_REFERRERS = 10_000;
/** Read-modify-write rounds on the fallback tag before giving up. */
export const MAX_INDEX_ATTEMPTS = 20;

export interface ArtifactLayer {
  mediaType: string;
  data: Buffer;
  annotations?: Record<string, string>;
}

export interface PushArtifactOptions {
  subject: Descriptor;
  artifactType: string;
  layers: ArtifactLayer[];
  annotations?: Record<string, string>;
  /** `org.opencontainers.image.created`: a Date, undefined for now, or null to leave it out. */
  created?: Date | null;
}

export interface PushArtifactResult {
  /** The pushed manifest, as it is listed among the referrers (artifactType and annotations). */
  descriptor: Descriptor;
  /** true: the registry's referrers API lists it; false: the referrers tag index was updated. */
  referrersApi: boolean;
  /** The exact manifest bytes pushed. */
  manifest: Buffer;
}

/** Timing knobs, for tests. */
export interface ReferrersTuning {
  /** Minimum wait before reading the tag index back after writing it (ms, default 60). */
  settleMs?: number;
}

let tuning: Required<ReferrersTuning> = { settleMs: 60 };

export function setReferrersTuning(t: ReferrersTuning): void {
  tuning = { ...tuning, ...t };
}

// ----- per-registry decision cache -----------------------------------------------------------

const apiSupport = new WeakMap<object, Map<string, boolean>>();

function cached(repo: Repository): boolean | undefined {
  return apiSupport.get(repo.client)?.get(repo.registry);
}

function remember(repo: Repository, supported: boolean): void {
  let m = apiSupport.get(repo.client);
  if (!m) {
    m = new Map();
    apiSupport.set(repo.client, m);
  }
  if (m.get(repo.registry) !== supported) {
    repo.client.logger.debug(
      `${repo.registry}: referrers API ${supported ? 'supported' : 'not supported; using the referrers tag schema'}`,
    );
  }
  m.set(repo.registry, supported);
}

function logger(repo: Repository): Logger {
  return repo.client.logger;
}

// ----- the tag schema ------------------------------------------------------------------------

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

// ----- push ----------------------------------------------------------------------------------

function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.000Z$/, 'Z');
}

/** Build the exact bytes of an artifact manifest (deterministic for the same inputs). */
export function artifactManifest(opts: Omit<PushArtifactOptions, 'layers'> & { layers: Descriptor[] }): {
  bytes: Buffer;
  annotations: Record<string, string>;
} {
  const annotations: Record<string, string> = { ...(opts.annotations ?? {}) };
  if (opts.created !== null) annotations[ANNOTATION_CREATED] = rfc3339(opts.created ?? new Date());
  const manifest = {
    schemaVersion: 2,
    mediaType: MediaType.OciManifest,
    artifactType: opts.artifactType,
    config: {
      mediaType: MediaType.OciEmpty,
      digest: EMPTY_JSON_DIGEST,
      size: EMPTY_JSON.length,
      data: 'e30=',
    },
    layers: opts.layers,
    subject: { mediaType: opts.subject.mediaType, digest: opts.subject.digest, size: opts.subject.size },
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
  };
  return { bytes: Buffer.from(JSON.stringify(manifest)), annotations };
}

const MEDIA_TYPE_RE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$/;

function badArtifact(message: string): GateError {
  return new GateError({
    code: 'ARTIFACT_INVALID',
    message,
    remedy: 'This is a bug in the caller: report it with the command line that led to it.',
    kind: 'input',
  });
}

/**
 * Push an artifact manifest that refers to `subject` (the empty config blob and the layers
 * first, the manifest by digest), then make it discoverable: via the referrers API when the
 * registry has one, else via the referrers tag index.
 */
export async function pushArtifact(repo: Repository, opts: PushArtifactOptions): Promise<PushArtifactResult> {
  if (!isValidDigest(opts.subject.digest))
    throw badArtifact(`the subject digest ${opts.subject.digest} is invalid`);
  if (!MEDIA_TYPE_RE.test(opts.artifactType))
    throw badArtifact(`artifactType ${opts.artifactType} is not a media type`);
  if (opts.layers.length === 0) throw badArtifact('an artifact needs at least one layer');
  for (const l of opts.layers) {
    if (l.data.length === 0) throw badArtifact(`a ${l.mediaType} layer is empty`);
    if (!MEDIA_TYPE_RE.test(l.mediaType)) throw badArtifact(`layer media type ${l.mediaType} is invalid`);
  }
  await repo.pushBlobBytes(EMPTY_JSON, MediaType.OciEmpty);
  const layers: Descriptor[] = [];
  for (const l of opts.layers) {
    const d = await repo.pushBlobBytes(l.data, l.mediaType);
    layers.push({
      mediaType: l.mediaType,
      digest: d.digest,
      size: d.size,
      ...(l.annotations ? { annotations: l.annotations } : {}),
    });
  }
  const { bytes, annotations } = artifactManifest({ ...opts, layers });
  const digest = digestOf(bytes);
  const { headers } = await repo.pushManifest(digest, bytes, MediaType.OciManifest);
  const descriptor: Descriptor = {
    mediaType: MediaType.OciManifest,
    digest,
    size: bytes.length,
    artifactType: opts.artifactType,
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
  };
  const referrersApi = await makeDiscoverable(repo, opts.subject.digest, descriptor, headers);
  logger(repo).debug(
    `pushed ${opts.artifactType} ${digest} for ${opts.subject.digest} (${referrersApi ? 'referrers API' : `tag ${referrersTag(opts.subject.digest)}`})`,
  );
  return { descriptor, referrersApi, manifest: bytes };
}

/**
 * After a referrer manifest was pushed: a registry that answered OCI-Subject for its subject (and
 * serves the referrers API) lists it by itself; otherwise add it to the subject's referrers tag
 * index. Returns whether the referrers API covers it.
 */
export async function makeDiscoverable(
  repo: Repository,
  subjectDigest: string,
  descriptor: Descriptor,
  pushHeaders: Record<string, string>,
): Promise<boolean> {
  const subjectHeader = pushHeaders['oci-subject'];
  let referrersApi = false;
  if (subjectHeader === subjectDigest) {
    const known = cached(repo);
    referrersApi = known ?? (await probeApi(repo, subjectDigest));
  } else {
    if (subjectHeader) {
      logger(repo).debug(
        `${repo.registry}: OCI-Subject ${subjectHeader} does not name the subject ${subjectDigest}`,
      );
    }
    remember(repo, false);
  }
  if (!referrersApi) await addToReferrersIndex(repo, subjectDigest, descriptor);
  return referrersApi;
}

/**
 * The referrers-index entry for a referrer manifest as stored: its artifactType (or, per the
 * distribution spec, its config's media type) and annotations; undefined without a subject.
 */
export function referrerEntry(
  bytes: Buffer,
  mediaType: string,
): { subject: string; descriptor: Descriptor } | undefined {
  const doc = JSON.parse(bytes.toString('utf8')) as {
    subject?: { digest?: unknown };
    artifactType?: unknown;
    config?: { mediaType?: unknown };
    annotations?: Record<string, string>;
  };
  const subject = doc.subject?.digest;
  if (typeof subject !== 'string') return undefined;
  const artifactType =
    typeof doc.artifactType === 'string'
      ? doc.artifactType
      : typeof doc.config?.mediaType === 'string'
        ? doc.config.mediaType
        : undefined;
  return {
    subject,
    descriptor: {
      mediaType,
      digest: digestOf(bytes),
      size: bytes.length,
      ...(artifactType !== undefined ? { artifactType } : {}),
      ...(doc.annotations && Object.keys(doc.annotations).length > 0 ? { annotations: doc.annotations } : {}),
    },
  };
}

type ApiAnswer =
  | { kind: 'index'; manifests: unknown[]; filtered: boolean; next?: string }
  | { kind: 'unsupported'; why: string }
  | { kind: 'unavailable'; why: string };

/** GET one page of the referrers API and classify the answer. */
async function referrersPage(
  repo: Repository,
  path: string,
  query?: Record<string, string>,
): Promise<ApiAnswer> {
  const res = await repo.request({
    method: 'GET',
    path,
    ...(query ? { query } : {}),
    headers: { Accept: MediaType.OciIndex },
    maxRedirects: 0,
    maxBytes: MAX_MANIFEST_BYTES,
  });
  if (res.status === 429 || res.status >= 500) return { kind: 'unavailable', why: `HTTP ${res.status}` };
  if (res.status !== 200) return { kind: 'unsupported', why: `HTTP ${res.status}` };
  const type = (res.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== MediaType.OciIndex)
    return { kind: 'unsupported', why: `content type ${cleanText(type, 100) || '(none)'}` };
  const manifests = parseIndexManifests(res.body);
  if (!manifests) return { kind: 'unsupported', why: 'the body is not an OCI index' };
  const filtered = (res.headers['oci-filters-applied'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .includes('artifactType');
  const link = nextLink(res.headers.link);
  // A Link the registry wrote: an unparsable one ends the listing instead of throwing.
  const next = link ? URL.parse(link, res.url)?.toString() : undefined;
  return { kind: 'index', manifests, filtered, ...(next ? { next } : {}) };
}

function parseIndexManifests(body: Buffer): unknown[] | undefined {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const idx = parsed as { schemaVersion?: unknown; manifests?: unknown };
    if (idx.schemaVersion !== 2 || !Array.isArray(idx.manifests)) return undefined;
    return idx.manifests as unknown[];
  } catch {
    return undefined;
  }
}

/** Probe the referrers API with the subject digest; caches a definite answer. */
async function probeApi(repo: Repository, subjectDigest: string): Promise<boolean> {
  const answer = await referrersPage(repo, `referrers/${subjectDigest}`);
  if (answer.kind === 'unavailable') {
    logger(repo).warn(
      `${repo.registry}: the referrers API answered ${answer.why} after retries; writing the referrers tag as well`,
    );
    return false;
  }
  const ok = answer.kind === 'index';
  if (!ok) logger(repo).debug(`${repo.registry}: sent OCI-Subject, but GET /referrers gave ${answer.why}`);
  remember(repo, ok);
  return ok;
}

// ----- the fallback tag index ----------------------------------------------------------------

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

interface TagIndex {
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
async function readTagIndex(repo: Repository, tag: string): Promise<TagIndex> {
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
        await clock.sleep(settle(clock.now() - t0));
        continue;
      }
      confirmations = 0;
      if (wrote)
        logger(repo).debug(`${tag}: ${desc.digest} was dropped by a concurrent writer; adding it again`);
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
        await clock.sleep(settle(clock.now() - t0));
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
      await clock.sleep(settle(clock.now() - t0));
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

/** A settle delay longer than the read-to-write window of a writer (measured), with jitter. */
function settle(roundTripMs: number): number {
  const base = Math.max(tuning.settleMs, 2 * roundTripMs);
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
      logger(repo).debug(`referrers tag: dropping ${String(e.digest)}, which is no longer in ${repo.name}`);
  }
  return kept;
}

// ----- list ----------------------------------------------------------------------------------

export interface ListReferrersOptions {
  artifactType?: string;
}

function toDescriptor(v: unknown): Descriptor | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.mediaType !== 'string' || typeof o.digest !== 'string' || !isValidDigest(o.digest))
    return undefined;
  if (typeof o.size !== 'number' || !Number.isSafeInteger(o.size) || o.size < 0) return undefined;
  const d: Descriptor = { mediaType: o.mediaType, digest: o.digest, size: o.size };
  if (typeof o.artifactType === 'string') d.artifactType = o.artifactType;
  if (typeof o.annotations === 'object' && o.annotations !== null && !Array.isArray(o.annotations)) {
    const ann: Record<string, string> = {};
    for (const [k, val] of Object.entries(o.annotations)) if (typeof val === 'string') ann[k] = val;
    d.annotations = ann;
  }
  return d;
}

function collect(
  into: Descriptor[],
  items: unknown[],
  artifactType: string | undefined,
  repo: Repository,
): void {
  for (const item of items) {
    const d = toDescriptor(item);
    if (!d) {
      logger(repo).debug(`referrers: ignoring a malformed descriptor from ${repo.registry}`);
      continue;
    }
    if (artifactType !== undefined && d.artifactType !== artifactType) continue;
    if (into.some((x) => x.digest === d.digest)) continue;
    into.push(d);
  }
}

/** The referrers of `subjectDigest` in `repo`, optionally only those of one artifactType. */
export async function listReferrers(
  repo: Repository,
  subjectDigest: string,
  opts: ListReferrersOptions = {},
): Promise<Descriptor[]> {
  if (!isValidDigest(subjectDigest)) {
    throw new GateError({
      code: 'DIGEST_INVALID',
      message: `${JSON.stringify(subjectDigest)} is not a valid digest`,
      remedy: 'Digests look like sha256:<64 lower-case hex>.',
      kind: 'input',
    });
  }
  const out: Descriptor[] = [];
  if (cached(repo) !== false) {
    const query = opts.artifactType !== undefined ? { artifactType: opts.artifactType } : undefined;
    let answer = await referrersPage(repo, `referrers/${subjectDigest}`, query);
    if (answer.kind === 'index') {
      remember(repo, true);
      const origin = new URL(repo.url('')).origin;
      for (let page = 1; ; page++) {
        collect(out, answer.manifests, answer.filtered ? undefined : opts.artifactType, repo);
        if (out.length > MAX_REFERRERS) throw tooMany(repo, subjectDigest);
        if (!answer.next) return out;
        if (new URL(answer.next).origin !== origin) {
          logger(repo).warn(`${repo.registry}: ignoring a referrers page link to another origin`);
          return out;
        }
        if (page >= MAX_REFERRER_PAGES) throw tooMany(repo, subjectDigest);
        answer = await referrersPage(repo, answer.next);
        if (answer.kind !== 'index') {
          throw new GateError({
            code: 'REFERRERS_BAD_RESPONSE',
            message: `${repo.registry} answered page ${page + 1} of the referrers of ${subjectDigest} with ${answer.why}`,
            remedy: 'The registry is failing or misbehaving; run again, or check its logs.',
            kind: 'infra',
          });
        }
      }
    }
    if (answer.kind === 'unsupported') remember(repo, false);
    else
      logger(repo).warn(
        `${repo.registry}: the referrers API answered ${answer.why}; reading the referrers tag`,
      );
  }
  const tag = referrersTag(subjectDigest);
  let index: TagIndex;
  try {
    index = await readTagIndex(repo, tag);
  } catch (e) {
    if (e instanceof GateError && e.code === 'REFERRERS_INDEX_INVALID') {
      // "the client SHOULD assume there are no referrers" (distribution-spec).
      logger(repo).warn(e.message);
      return [];
    }
    throw e;
  }
  collect(out, index.manifests, opts.artifactType, repo);
  return out;
}

function tooMany(repo: Repository, subjectDigest: string): GateError {
  return new GateError({
    code: 'REFERRERS_BAD_RESPONSE',
    message: `${repo.registry} lists more than ${MAX_REFERRERS} referrers or ${MAX_REFERRER_PAGES} pages for ${subjectDigest}`,
    remedy: 'Clean up old signatures and SBOMs of this image, or check the registry for a pagination loop.',
    kind: 'infra',
  });
}
