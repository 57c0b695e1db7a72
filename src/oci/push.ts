/**
 * Push an image from a local source: blobs first (HEAD to skip, cross-repository mount, streaming
 * upload verified on the way, a few in parallel), then manifests children first by digest, the
 * root by tag (or digest), extra tags, and last the source's referrers. A blob that fails
 * verification stops the push before any manifest is written.
 */
import { TAG_PATTERN } from '../core/index.js';
import { GateError, describe } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import { limit } from './limit.js';
import type { PushProgress, BlobOutcome } from './progress.js';
import { memoryPacer } from './memory.js';
import { makeDiscoverable, referrerEntry } from './artifact.js';
import type { ImageReference } from './reference.js';
import type { RegistryClient, Repository } from './registry.js';
import { digestOf } from './verify.js';
import type { ImageSource } from './source.js';
import type { Descriptor, ManifestBytes } from './types.js';

export interface PushOptions {
  client: RegistryClient;
  /** Extra tags, besides the target's tag. */
  tags?: string[];
  /** Try cross-repository mounts from this repository (same registry). */
  mountFrom?: string;
  /** Blobs uploaded in parallel (default 4). */
  concurrency?: number;
  logger?: Logger;
  progress?: PushProgress;
  now?: () => number;
}

export interface PushResult {
  /** The pushed image, `host/repository:tag` (or `@digest` when pushed by digest only). */
  image: string;
  digest: string;
  mediaType: string;
  /** Every tag written (the target's first). */
  tags: string[];
  /** --image named neither a tag nor a digest, so `latest` was written. */
  tagAssumed: boolean;
  bytesUploaded: number;
  blobsSkipped: number;
  blobsMounted: number;
  blobsUploaded: number;
  manifestsPushed: number;
  referrersPushed: number;
  seconds: number;
}

/** What a push wrote, in words: the tags (saying when `latest` was assumed), for every push's output. */
export function tagsWritten(r: Pick<PushResult, 'tags' | 'tagAssumed'>): string {
  if (r.tags.length === 0) return 'none (pushed by digest)';
  return `${r.tags.join(', ')}${r.tagAssumed ? ' (latest assumed: --image names no tag)' : ''}`;
}

export const DEFAULT_CONCURRENCY = 4;
/** Existence checks (HEAD) in parallel. */
export const HEAD_CONCURRENCY = 16;

function mediaTypeOf(m: ManifestBytes): string {
  if (m.descriptor.mediaType) return m.descriptor.mediaType;
  try {
    const parsed = JSON.parse(m.bytes.toString('utf8')) as { mediaType?: unknown };
    if (typeof parsed.mediaType === 'string' && parsed.mediaType) return parsed.mediaType;
  } catch {
    // Reported below as a manifest without a media type.
  }
  throw new GateError({
    code: 'PUSH_NO_MEDIA_TYPE',
    message: `manifest ${m.descriptor.digest} has no media type`,
    remedy: 'The image source is malformed: rebuild or re-export the image.',
    kind: 'input',
  });
}

function verifyManifest(m: ManifestBytes, what: string): void {
  const alg = m.descriptor.digest.split(':')[0] ?? 'sha256';
  const got = digestOf(m.bytes, alg === 'sha512' ? 'sha512' : 'sha256');
  if (got !== m.descriptor.digest || m.bytes.length !== m.descriptor.size) {
    throw new GateError({
      code: 'BLOB_DIGEST_MISMATCH',
      message: `${what} ${m.descriptor.digest}: its bytes hash to ${got} (${m.bytes.length} bytes, descriptor says ${m.descriptor.size})`,
      remedy: 'The image source is corrupt: rebuild or re-export the image and push again.',
      kind: 'input',
    });
  }
}

/** Config and layers of a referrer manifest (blobs the source must hold too). */
function blobsOf(m: ManifestBytes): Descriptor[] {
  try {
    const parsed = JSON.parse(m.bytes.toString('utf8')) as { config?: Descriptor; layers?: Descriptor[] };
    return [
      ...(parsed.config ? [parsed.config] : []),
      ...(Array.isArray(parsed.layers) ? parsed.layers : []),
    ];
  } catch (e) {
    throw new GateError({
      code: 'PUSH_BAD_MANIFEST',
      message: `referrer manifest ${m.descriptor.digest} is not JSON: ${describe(e)}`,
      remedy: 'The image source is malformed: rebuild or re-export the image.',
      kind: 'input',
      cause: e,
    });
  }
}

/** An `@digest` in the target must be the source's own digest (an input error otherwise). */
export function checkTargetDigest(source: ImageSource, target: ImageReference): void {
  const rootDigest = source.root.descriptor.digest;
  if (target.digest !== undefined && target.digest !== rootDigest) {
    throw new GateError({
      code: 'PUSH_DIGEST_MISMATCH',
      message: `--image names the digest ${target.digest}, but ${source.name} is ${rootDigest}`,
      remedy: 'Drop the @digest from --image, or push the image that has that digest.',
      kind: 'input',
    });
  }
}

export async function pushImage(
  source: ImageSource,
  target: ImageReference,
  opts: PushOptions,
): Promise<PushResult> {
  const logger = opts.logger ?? silentLogger;
  const now = opts.now ?? Date.now;
  const started = now();
  // Minor GCs paced by bytes uploaded, shared by the parallel uploads (see memory.ts).
  const pace = memoryPacer();
  const repo = opts.client.repository(target.registry, target.repository);
  const rootDigest = source.root.descriptor.digest;
  checkTargetDigest(source, target);
  const primaryTag = target.tag ?? (target.digest !== undefined ? undefined : 'latest');
  const extraTags = [...new Set(opts.tags ?? [])].filter((t) => t !== primaryTag);
  for (const t of extraTags) {
    if (!TAG_PATTERN.test(t)) {
      throw new GateError({
        code: 'TAG_INVALID',
        message: `the tag ${JSON.stringify(t)} is not valid`,
        remedy: 'Tags match [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}.',
        kind: 'input',
      });
    }
  }
  for (const m of source.manifests) verifyManifest(m, 'manifest');
  verifyManifest(source.root, 'manifest');
  for (const m of source.referrers) verifyManifest(m, 'referrer manifest');

  const stats = { bytesUploaded: 0, skipped: 0, mounted: 0, uploaded: 0 };
  const run = limit(opts.concurrency ?? DEFAULT_CONCURRENCY);
  const seen = new Set<string>();
  const pushBlobs = async (blobs: Descriptor[]): Promise<void> => {
    const unique = blobs.filter((b) => {
      if (seen.has(b.digest)) return false;
      seen.add(b.digest);
      return true;
    });
    // HEAD every blob first, wider than the uploads (they are cheap): a warm push is one round.
    const heads = limit(Math.max(HEAD_CONCURRENCY, opts.concurrency ?? DEFAULT_CONCURRENCY));
    const t0 = now();
    const present = await Promise.all(unique.map((d) => heads(() => repo.blobExists(d.digest))));
    const missing = unique.filter((_, i) => present[i] === undefined);
    opts.progress?.start({ blobs: unique.length, bytes: unique.reduce((n, b) => n + b.size, 0) });
    unique.forEach((d, i) => {
      if (present[i] === undefined) return;
      stats.skipped++;
      opts.progress?.blob({
        digest: d.digest,
        size: d.size,
        outcome: 'skipped',
        seconds: (now() - t0) / 1000,
      });
    });
    let failed = false;
    const results = await Promise.allSettled(
      missing.map((desc) =>
        run(async () => {
          if (failed) return;
          try {
            await pushOneBlob(repo, source, desc, opts, stats, now, pace);
          } catch (e) {
            failed = true;
            throw e;
          }
        }),
      ),
    );
    const firstError = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (firstError) throw firstError.reason;
  };

  try {
    await pushBlobs(source.blobs);
    const pushed = new Set<string>();
    let manifestsPushed = 0;
    for (const m of source.manifests) {
      if (m.descriptor.digest === rootDigest || pushed.has(m.descriptor.digest)) continue;
      await repo.pushManifest(m.descriptor.digest, m.bytes, mediaTypeOf(m));
      pushed.add(m.descriptor.digest);
      manifestsPushed++;
    }
    const rootType = mediaTypeOf(source.root);
    const first = await repo.pushManifest(primaryTag ?? rootDigest, source.root.bytes, rootType);
    manifestsPushed++;
    if (first.digest !== rootDigest) {
      throw new GateError({
        code: 'REGISTRY_BAD_RESPONSE',
        message: `the registry stored the image as ${first.digest}, expected ${rootDigest}`,
        remedy: 'The registry rewrote the manifest; check the registry.',
        kind: 'infra',
      });
    }
    for (const t of extraTags) await repo.pushManifest(t, source.root.bytes, rootType);
    let referrersPushed = 0;
    if (source.referrers.length > 0) {
      await pushBlobs(source.referrers.flatMap(blobsOf));
      for (const r of source.referrers) {
        const type = mediaTypeOf(r);
        const { headers } = await repo.pushManifest(r.descriptor.digest, r.bytes, type);
        // Without the referrers API, a referrer is found only through its subject's tag index.
        const entry = referrerEntry(r.bytes, type);
        if (entry) await makeDiscoverable(repo, entry.subject, entry.descriptor, headers);
        referrersPushed++;
      }
    }
    const seconds = (now() - started) / 1000;
    opts.progress?.finish({ ok: true, bytesUploaded: stats.bytesUploaded, seconds });
    const tags = primaryTag !== undefined ? [primaryTag, ...extraTags] : extraTags;
    const image = `${target.displayRegistry}/${target.repository}${primaryTag !== undefined ? ':' + primaryTag : '@' + rootDigest}`;
    logger.debug(`pushed ${image} as ${rootDigest}`);
    return {
      image,
      digest: rootDigest,
      mediaType: rootType,
      tags,
      tagAssumed: target.tag === undefined && target.digest === undefined,
      bytesUploaded: stats.bytesUploaded,
      blobsSkipped: stats.skipped,
      blobsMounted: stats.mounted,
      blobsUploaded: stats.uploaded,
      manifestsPushed,
      referrersPushed,
      seconds,
    };
  } catch (e) {
    opts.progress?.finish({
      ok: false,
      bytesUploaded: stats.bytesUploaded,
      seconds: (now() - started) / 1000,
    });
    throw e;
  }
}

async function pushOneBlob(
  repo: Repository,
  source: ImageSource,
  desc: Descriptor,
  opts: PushOptions,
  stats: { bytesUploaded: number; skipped: number; mounted: number; uploaded: number },
  now: () => number,
  pace: (bytes: number) => void,
): Promise<void> {
  const t0 = now();
  const file = source.blobFile?.(desc.digest);
  const r = await repo.pushBlob(desc, () => source.openBlob(desc.digest), {
    ...(opts.mountFrom ? { mountFrom: opts.mountFrom } : {}),
    ...(file ? { file } : {}),
    onProgress: (n: number) => {
      // A file is uploaded from reused buffers; only streamed bodies allocate per chunk.
      if (!file) pace(n);
      opts.progress?.bytes(n);
    },
  });
  let outcome: BlobOutcome;
  if (r.mounted) {
    outcome = 'mounted';
    stats.mounted++;
  } else {
    outcome = 'uploaded';
    stats.uploaded++;
    stats.bytesUploaded += desc.size;
  }
  opts.progress?.blob({ digest: desc.digest, size: desc.size, outcome, seconds: (now() - t0) / 1000 });
}
