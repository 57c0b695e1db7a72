/**
 * The OCI 1.1 referrers API: list a subject's referrers (with pagination and artifactType
 * filtering), falling back to the referrers tag index (referrers-tag.ts), and decide per registry
 * whether the API works.
 *
 * Detection (distribution-spec v1.1 "Pushing Manifests with Subject", and the registry quirks in
 * docs/errors.md): the API counts as supported only when the manifest PUT
 * answered `OCI-Subject: <subject digest>` AND `GET /v2/<name>/referrers/<digest>` answers 200 with
 * an OCI index content type and a JSON index body, without following redirects. 404, 400, 405,
 * 401/403, a redirect or HTML mean unsupported (cached per registry host and client); 429/5xx are
 * retried by the HTTP client, then the fallback is used for this call without caching.
 */
import { GateError } from '../errors.js';
import { cleanText, isValidDigest } from '../core/index.js';
import { MAX_MANIFEST_BYTES, nextLink } from './manifests.js';
import { MAX_REFERRERS, readTagIndex, referrersTag, type TagIndex } from './referrers-tag.js';
import type { Repository } from './registry.js';
import { MediaType, type Descriptor } from './types.js';

/** Pages of the referrers API followed at most. */
export const MAX_REFERRER_PAGES = 50;

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
export async function probeApi(repo: Repository, subjectDigest: string): Promise<boolean> {
  const answer = await referrersPage(repo, `referrers/${subjectDigest}`);
  if (answer.kind === 'unavailable') {
    repo.client.logger.warn(
      `${repo.registry}: the referrers API answered ${answer.why} after retries; writing the referrers tag as well`,
    );
    return false;
  }
  const ok = answer.kind === 'index';
  if (!ok)
    repo.client.logger.debug(`${repo.registry}: sent OCI-Subject, but GET /referrers gave ${answer.why}`);
  repo.client.setReferrersApi(repo.registry, ok);
  return ok;
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
      repo.client.logger.debug(`referrers: ignoring a malformed descriptor from ${repo.registry}`);
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
  if (repo.client.referrersApi(repo.registry) !== false) {
    const query = opts.artifactType !== undefined ? { artifactType: opts.artifactType } : undefined;
    let answer = await referrersPage(repo, `referrers/${subjectDigest}`, query);
    if (answer.kind === 'index') {
      repo.client.setReferrersApi(repo.registry, true);
      const origin = new URL(repo.url('')).origin;
      for (let page = 1; ; page++) {
        collect(out, answer.manifests, answer.filtered ? undefined : opts.artifactType, repo);
        if (out.length > MAX_REFERRERS) throw tooMany(repo, subjectDigest);
        if (!answer.next) return out;
        if (new URL(answer.next).origin !== origin) {
          repo.client.logger.warn(`${repo.registry}: ignoring a referrers page link to another origin`);
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
    if (answer.kind === 'unsupported') repo.client.setReferrersApi(repo.registry, false);
    else
      repo.client.logger.warn(
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
      repo.client.logger.warn(e.message);
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
